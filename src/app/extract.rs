//! `claimcheck extract`: articles in, claims files written (merged with any reviewed file already
//! there) and the claims printed.
//!
//! Each article's claims file is found by [`Layout`]; a file that records another article is an
//! error naming both, never a merge. The merge is written only if the file still holds what was
//! read: a reviewer's save while `extract` ran is merged again (a few times), else `extract`
//! gives up and leaves the file alone. Version-1 claims files (named after the article's file
//! name) are merged into the new location and removed.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use super::common::{claims_layout, discover, walk_options, Item};
use super::{ExitStatus, Io};
use crate::claims_file::layout::Layout;
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::ingest::{self, Input};
use crate::model::ClaimsFile;
use crate::output::Durability;
use crate::{claims_file, extract, report};

/// How often `extract` merges again when the claims file keeps changing under it.
const MERGE_ATTEMPTS: usize = 3;

pub(super) fn run(args: &ExtractArgs, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    let config = crate::config::Config::load(None)?;
    let (items, failures) = discover(&args.articles, &walk_options(&args.input, &config), io);
    let mut inputs = Vec::new();
    let mut claims_files = 0;
    for item in items {
        match item {
            Item::Article(input) => inputs.push(input),
            Item::ClaimsFile(_) => claims_files += 1,
        }
    }
    if claims_files > 0 {
        io.note(format!(
            "skipped {claims_files} claims file(s): extract reads articles, check reads both"
        ));
    }
    if args.output.is_some() && inputs.len() != 1 {
        bail!(
            "--output takes exactly one article, but {} were given (use --claims-dir for several)",
            inputs.len()
        );
    }
    if args.output.is_some() && args.input.claims_dir.is_some() {
        bail!("--output and --claims-dir cannot be used together");
    }
    let layout = claims_layout(args.input.claims_dir.as_deref(), &config);
    let opts = ingest::Options {
        max_bytes: args.input.max_size,
    };
    let mut status = if failures > 0 {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    };
    let several = inputs.len() > 1;
    let mut written = Written::default();
    let bar = progress_bar(inputs.len(), io);
    let job = Job {
        args,
        opts: &opts,
        layout: &layout,
        several,
        flags: io.flags(),
    };
    in_parallel(&job, &inputs, |done| {
        bar.suspend(|| {
            let _ = io.stdout.write_all(&done.stdout);
            let _ = io.stderr.write_all(&done.stderr);
        });
        match done.result {
            Ok(Some(saved)) => written.add(saved),
            Ok(None) => {}
            Err(err) => {
                bar.suspend(|| io.error(&err));
                status = ExitStatus::Error;
            }
        }
        bar.inc(1);
    });
    bar.finish_and_clear();
    if let Some(line) = written.summary(layout.dir()) {
        io.note(line);
    }
    Ok(status)
}

/// What every article of a run shares.
struct Job<'a> {
    args: &'a ExtractArgs,
    opts: &'a ingest::Options,
    layout: &'a Layout,
    several: bool,
    flags: super::Flags,
}

/// One article's outcome: what it printed, and what it wrote or why it failed.
struct Done {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    result: anyhow::Result<Option<Saved>>,
}

/// One claims file a run saved: where, its claims and stale claims, and whether it changed (a
/// file that already held the merge is left alone).
struct Saved {
    path: PathBuf,
    claims: usize,
    stale: usize,
    changed: bool,
}

/// Runs [`extract_one`] on every input on a few threads and hands each outcome to `each` in
/// input order, so output reads as a sequential run's would. Reading, extracting and writing
/// overlap, and so do the syncs of reviewed claims files (see [`durability`]).
fn in_parallel(job: &Job<'_>, inputs: &[Input], mut each: impl FnMut(Done)) {
    // Twice the cores: a worker waiting on a sync leaves its core to another.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
    super::common::in_order_on_threads(
        inputs,
        workers,
        |input| run_one(job, input),
        |_, done| each(done),
    );
}

/// One article on a worker thread, printing into buffers.
fn run_one(job: &Job<'_>, input: &Input) -> Done {
    let (result, stdout, stderr) = Io::buffered(job.flags, |io| {
        extract_one(job.args, job.opts, input, job.layout, job.several, io)
    });
    Done {
        stdout,
        stderr,
        result,
    }
}

/// A progress bar on stderr for runs of many articles at a terminal; hidden otherwise (stderr
/// redirected, `--quiet`, or a single article), so logs and pipes stay clean.
fn progress_bar(len: usize, io: &Io<'_>) -> indicatif::ProgressBar {
    if !io.stderr_is_terminal || io.quiet || len < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:30} {pos}/{len} articles, {per_sec}, {eta} left",
    ) {
        bar.set_style(style);
    }
    bar
}

/// What a run wrote, for its one summary line.
#[derive(Default)]
struct Written {
    last: Option<Saved>,
    files: usize,
    unchanged: usize,
    claims: usize,
    stale: usize,
}

impl Written {
    fn add(&mut self, saved: Saved) {
        self.files += 1;
        self.unchanged += usize::from(!saved.changed);
        self.claims += saved.claims;
        self.stale += saved.stale;
        self.last = Some(saved);
    }

    /// "wrote claims/page.html.json (20 claims)" or "claims/page.html.json is up to date (20
    /// claims)" for one file; "wrote 2000 claims files under claims (41000 claims, 3 stale)",
    /// with ", 1990 up to date" when some were already, for many.
    fn summary(&self, dir: &Path) -> Option<String> {
        let stale = if self.stale > 0 {
            format!(", {} stale", self.stale)
        } else {
            String::new()
        };
        let counts = format!("{} claims{stale}", self.claims);
        let last = self.last.as_ref()?;
        Some(match (self.files, self.unchanged) {
            (1, 0) => format!("wrote {} ({counts})", shown(&last.path)),
            (1, _) => format!("{} is up to date ({counts})", shown(&last.path)),
            (n, 0) => format!("wrote {n} claims files under {} ({counts})", shown(dir)),
            (n, u) if n == u => format!(
                "all {n} claims files under {} are up to date ({counts})",
                shown(dir)
            ),
            (n, u) => format!(
                "wrote {} claims file{} under {}, {u} up to date ({counts})",
                n - u,
                if n - u == 1 { "" } else { "s" },
                shown(dir)
            ),
        })
    }
}

fn extract_one(
    args: &ExtractArgs,
    opts: &ingest::Options,
    input: &Input,
    layout: &Layout,
    several: bool,
    io: &mut Io<'_>,
) -> anyhow::Result<Option<Saved>> {
    let article = ingest::read(input, opts)?;
    for w in &article.warnings {
        io.warn(w);
    }
    let recorded = layout.recorded_path(&article.origin);
    let fresh = extract::extract_as(&article, &recorded);
    let mut written = None;
    let mut json = None;
    let file = if args.no_write {
        claims_file::merge(None, fresh).file
    } else {
        let path = args
            .output
            .clone()
            .unwrap_or_else(|| layout.file_for(&recorded));
        // Version 1 named files after the article's file name; `-o` names the file itself.
        let origin = args.output.is_none().then_some(article.origin.as_str());
        let merged = write_merged(&path, fresh, layout, origin, io)?;
        if let Some(old) = &merged.legacy {
            std::fs::remove_file(old)
                .with_context(|| format!("removing the old claims file {}", old.display()))?;
            io.note(format!(
                "moved the reviews in {} to {} (claims files now mirror the article's path)",
                shown(old),
                shown(&path)
            ));
        }
        let stale = merged.file.claims.iter().filter(|c| c.stale).count();
        written = Some(Saved {
            path,
            claims: merged.file.claims.len(),
            stale,
            changed: merged.changed,
        });
        json = Some(merged.json);
        merged.file
    };
    match args.format {
        // The text just written is the text to print: no second serialization.
        ExtractFormat::Json => match &json {
            Some(text) => io.stdout.write_all(text.as_bytes())?,
            None => claims_file::write_json(&file, io.stdout)?,
        },
        ExtractFormat::Table => {
            if several {
                writeln!(io.stdout, "{}", article.origin)?;
            }
            let table = report::render_claims_table(&file.claims, &file.sources, io.color);
            io.stdout.write_all(table.as_bytes())?;
        }
    }
    Ok(written)
}

/// A path as shown in messages: relative to the current directory when below it.
fn shown(path: &Path) -> String {
    super::common::display_path(&path.to_string_lossy())
}

/// Whether a claims file read from disk describes the article recorded as `recorded`. A
/// version-1 file recorded the path as given on the command line, from the current directory.
fn same_article(file: &ClaimsFile, recorded: &str, layout: &Layout) -> bool {
    super::reviewed::describes(file, recorded, layout)
}

/// A claims file as merged and saved: its content, its JSON text (as on disk), whether the
/// file changed, and the version-1 file it was merged from (to be removed).
#[derive(Debug)]
struct Merged {
    file: ClaimsFile,
    json: String,
    changed: bool,
    legacy: Option<PathBuf>,
}

/// Merges `fresh` into the claims file at `path` and writes it, merging again if the file
/// changes between reading and writing. When `path` does not exist yet, the article's
/// version-1 file (looked for by `origin`, if given) is merged from instead.
fn write_merged(
    path: &Path,
    fresh: ClaimsFile,
    layout: &Layout,
    origin: Option<&str>,
    io: &mut Io<'_>,
) -> anyhow::Result<Merged> {
    let mut legacy = None;
    for attempt in 0..MERGE_ATTEMPTS {
        let before = crate::output::read_existing(path)?;
        if attempt == 0 && before.is_none() {
            legacy = origin.and_then(|o| legacy_file(layout, o, &fresh.article.path, io));
        }
        match merge_and_write(path, before, &fresh, layout, legacy.as_ref())? {
            Some(mut merged) => {
                merged.legacy = legacy.map(|(old, _)| old);
                return Ok(merged);
            }
            None => io.note(format!(
                "{} changed while extract was merging; merging again",
                shown(path)
            )),
        }
    }
    bail!(
        "{} kept changing while extract was merging (is someone saving it, or another extract running?): left as it is; run extract again",
        shown(path)
    )
}

/// One attempt: merges `fresh` into `before` (the file's bytes as read, `None` if there was no
/// file) and replaces the file, unless it no longer holds `before`: then nothing is written and
/// the answer is `None`. A merge that comes out as the file already is writes nothing (and is
/// not `changed`), so a re-run over unchanged articles leaves every claims file (and its time
/// stamp) alone.
fn merge_and_write(
    path: &Path,
    before: Option<Vec<u8>>,
    fresh: &ClaimsFile,
    layout: &Layout,
    legacy: Option<&(PathBuf, ClaimsFile)>,
) -> anyhow::Result<Option<Merged>> {
    let old =
        match &before {
            Some(bytes) if is_blank(bytes) => None,
            Some(bytes) => Some(claims_file::parse_bytes(path, bytes).with_context(|| {
                format!("not overwriting {}: fix or remove it first", shown(path))
            })?),
            None => legacy.map(|(_, file)| file.clone()),
        };
    if let Some(old) = old
        .as_ref()
        .filter(|o| !same_article(o, &fresh.article.path, layout))
    {
        bail!(
            "{} holds the claims of `{}`, not of `{}`: not merging them (move the file, or give another -o/--claims-dir)",
            shown(path),
            old.article.path,
            fresh.article.path
        );
    }
    let durability = durability(old.as_ref());
    let merged = claims_file::merge(old, fresh.clone()).file;
    let json = claims_file::to_json(&merged);
    let unchanged = |target: &Path| match std::fs::read(target) {
        Ok(now) if before.as_deref() == Some(now.as_slice()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && before.is_none() => Ok(()),
        _ => Err(()),
    };
    if before.as_deref() == Some(json.as_bytes()) {
        let target = crate::output::resolve(path)?;
        return Ok(unchanged(&target).ok().map(|()| Merged {
            file: merged,
            json,
            changed: false,
            legacy: None,
        }));
    }
    let written =
        crate::output::write_atomic_checked(path, json.as_bytes(), durability, unchanged)?;
    Ok(written.ok().map(|()| Merged {
        file: merged,
        json,
        changed: true,
        legacy: None,
    }))
}

/// How durably a merge into `old` (the claims file as read, if any) is written. A file that
/// holds a reviewer's work is synced to disk before it replaces the old one. Anything else is
/// the tool's own output, made again by the next `extract`, and is not synced: that sync was
/// most of the time of extracting a site of small articles.
fn durability(old: Option<&ClaimsFile>) -> Durability {
    if old.is_some_and(claims_file::holds_review) {
        Durability::Synced
    } else {
        Durability::Regenerable
    }
}

/// An empty claims file (or one of only NUL bytes and white space): what a crash of the machine
/// can leave of a file that was not synced. It holds no review, so `extract` writes it afresh.
fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| *b == 0 || b.is_ascii_whitespace())
}

/// The version-1 claims file of this article, if there is one: version 1 named files after the
/// article's file name. Asked only when the article's own claims file does not exist yet.
fn legacy_file(
    layout: &Layout,
    origin: &str,
    recorded: &str,
    io: &mut Io<'_>,
) -> Option<(PathBuf, ClaimsFile)> {
    for candidate in layout.legacy_files(origin) {
        match claims_file::read(&candidate) {
            Ok(file) if file.version == 1 && same_article(&file, recorded, layout) => {
                return Some((candidate, file));
            }
            Ok(_) => {}
            Err(e) => io.warn(format!("skipping an old claims file: {e}")),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Claim, ReviewStatus, CLAIMS_FILE_VERSION};

    fn file(note: Option<&str>) -> ClaimsFile {
        ClaimsFile {
            version: CLAIMS_FILE_VERSION,
            article: ArticleMeta {
                path: "a.md".to_owned(),
                title: None,
                content_hash: "sha256:0".to_owned(),
            },
            sources: Vec::new(),
            claims: vec![Claim {
                id: "c1".to_owned(),
                quote: "64%".to_owned(),
                sentence: "It was 64%.".to_owned(),
                note: note.map(str::to_owned),
                status: if note.is_some() {
                    ReviewStatus::Accepted
                } else {
                    ReviewStatus::Unreviewed
                },
                ..Claim::default()
            }],
        }
    }

    #[test]
    fn a_save_between_reading_and_writing_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(&dir.path().join("claims"));
        let path = layout.file_for("a.md");
        claims_file::write(&path, &file(None)).unwrap();
        let read = std::fs::read(&path).unwrap();
        // The reviewer saves after extract read the file.
        let saved = claims_file::to_json(&file(Some("checked against the trial")));
        std::fs::write(&path, &saved).unwrap();
        let attempt = merge_and_write(&path, Some(read), &file(None), &layout, None).unwrap();
        assert!(attempt.is_none(), "the stale merge is not written");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
        // The next attempt starts from the saved file and keeps the note.
        let now = std::fs::read(&path).unwrap();
        let merged = merge_and_write(&path, Some(now), &file(None), &layout, None)
            .unwrap()
            .expect("written");
        assert!(merged.changed);
        assert_eq!(
            merged.file.claims[0].note.as_deref(),
            Some("checked against the trial")
        );
        assert_eq!(claims_file::read(&path).unwrap(), merged.file);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), merged.json);
        // A file that appears while extract runs counts as a change too.
        let other = layout.file_for("b.md");
        std::fs::write(&other, &saved).unwrap();
        let attempt = merge_and_write(&other, None, &file(None), &layout, None).unwrap();
        assert!(attempt.is_none());
        assert_eq!(std::fs::read_to_string(&other).unwrap(), saved);
    }

    #[test]
    fn only_files_holding_a_review_are_synced() {
        assert_eq!(durability(None), Durability::Regenerable);
        let extracted = claims_file::merge(None, file(None)).file;
        assert_eq!(durability(Some(&extracted)), Durability::Regenerable);
        assert_eq!(durability(Some(&file(Some("checked")))), Durability::Synced);
        let mut corrected = extracted.clone();
        corrected.claims[0].subject = "a reviewer's subject".to_owned();
        assert_eq!(durability(Some(&corrected)), Durability::Synced);
        let mut stale = extracted.clone();
        stale.claims[0].stale = true;
        assert_eq!(durability(Some(&stale)), Durability::Synced);
        let mut v1 = extracted;
        v1.version = 1;
        assert_eq!(durability(Some(&v1)), Durability::Synced);
    }

    #[test]
    fn another_articles_file_is_never_merged() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(&dir.path().join("claims"));
        let path = dir.path().join("out.json");
        claims_file::write(&path, &file(Some("b's review"))).unwrap();
        let mut fresh = file(None);
        fresh.article.path = "content/a/index.md".to_owned();
        let before = std::fs::read(&path).unwrap();
        let err = merge_and_write(&path, Some(before.clone()), &fresh, &layout, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("holds the claims of `a.md`, not of `content/a/index.md`"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
