//! What several commands share: loading inputs (articles or claims files) and the sources
//! context (cache, offline or online client, runtime).

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};

use super::reviewed;
use super::sources::{self, Mode, Resolution, Resolutions};
use super::{ExitStatus, Io};
use crate::cache::Cache;
use crate::cli::{InputArgs, NetArgs};
use crate::config::Config;
use crate::model::{Claim, ClaimsFile, Source};
use crate::pubmed::client::ClientBuilder;
use crate::pubmed::Logger;
use crate::{claims_file, ingest, walk};

/// One loaded input: where it came from and its claims.
pub(crate) struct Loaded {
    /// The path or URL as shown in reports.
    pub display: String,
    /// The claims file (read, or extracted on the fly).
    pub file: ClaimsFile,
    /// The article's text, when the caller asked for it and it could be read.
    pub text: Option<String>,
}

/// Loads every input (see [`for_each_input`]). Per-input errors are printed and counted, not
/// fatal. With `keep_text`, each item also keeps its article's text (for a claims file, the
/// article it names is read again, when it still exists).
pub(crate) fn load_inputs(
    args: &[String],
    input: &InputArgs,
    config: &Config,
    keep_text: bool,
    io: &mut Io<'_>,
) -> anyhow::Result<(Vec<Loaded>, usize)> {
    let mut loaded = Vec::new();
    let failures = for_each_input(args, input, config, io, |display, file, text, _| {
        let text = match text {
            Some(t) => Some(t),
            None if keep_text => article_text(&file.article.path, input),
            None => None,
        };
        loaded.push(Loaded {
            display,
            file,
            text: text.filter(|_| keep_text),
        });
    });
    Ok((loaded, failures))
}

/// The text of the article at `origin`, if it can be read now.
fn article_text(origin: &str, input: &InputArgs) -> Option<String> {
    if is_url(origin) || origin == "-" {
        return None;
    }
    let opts = ingest::Options {
        max_bytes: input.max_size,
    };
    ingest::read(&ingest::Input::Path(PathBuf::from(origin)), &opts)
        .ok()
        .map(|a| a.text)
}

/// One input found on the command line or below a directory.
pub(crate) enum Item {
    /// An article to ingest and extract.
    Article(ingest::Input),
    /// A claims file, used as reviewed.
    ClaimsFile(PathBuf),
}

/// Expands the arguments into inputs: `-` is stdin, `http(s)://…` a URL, a `.json` file a claims
/// file, another file an article, and a directory whatever [`walk`] finds below it (articles and
/// claims files; what it skips is summed up on stderr). Errors about single arguments are
/// printed and counted, not fatal.
pub(crate) fn discover(
    args: &[String],
    opts: &walk::Options,
    io: &mut Io<'_>,
) -> (Vec<Item>, usize) {
    let mut items = Vec::new();
    let mut failures = 0;
    for arg in args {
        let path = Path::new(arg);
        if arg == "-" || is_url(arg) || !path.is_dir() {
            if is_json(path) && path.is_file() {
                items.push(Item::ClaimsFile(path.to_owned()));
                continue;
            }
            match ingest::expand_inputs(std::slice::from_ref(arg)) {
                Ok(expanded) => items.extend(expanded.inputs.into_iter().map(Item::Article)),
                Err(e) => {
                    io.error(&e.into());
                    failures += 1;
                }
            }
            continue;
        }
        match walk::walk(path, opts) {
            Ok(walked) => {
                report_skipped(path, &walked.skipped, io);
                for u in &walked.unreadable {
                    io.error(&anyhow::anyhow!(
                        "skipped {}: {}",
                        display_path(&u.path.to_string_lossy()),
                        u.message
                    ));
                    failures += 1;
                }
                let nothing = walked.articles.is_empty() && walked.claims_files.is_empty();
                if nothing && walked.unreadable.is_empty() {
                    io.error(&anyhow::anyhow!(
                        "{} holds no article (.html, .htm, .md, .markdown, .txt) or claims file",
                        path.display()
                    ));
                    failures += 1;
                }
                items.extend(walked.claims_files.into_iter().map(Item::ClaimsFile));
                items.extend(
                    walked
                        .articles
                        .into_iter()
                        .map(|p| Item::Article(ingest::Input::Path(p))),
                );
            }
            Err(e) => {
                io.error(&e.into());
                failures += 1;
            }
        }
    }
    (items, failures)
}

/// One line for what a walk left out: JSON files that are not claims files by name (they are
/// the surprising ones), other files as counts by extension.
fn report_skipped(dir: &Path, skipped: &[walk::Skipped], io: &mut Io<'_>) {
    if skipped.is_empty() {
        return;
    }
    let mut by_ext: BTreeMap<String, usize> = BTreeMap::new();
    for s in skipped {
        match s.reason {
            walk::SkipReason::NotAnArticle => {
                let ext = s.path.extension().map_or_else(
                    || "no extension".to_owned(),
                    |e| format!(".{}", e.to_string_lossy()),
                );
                *by_ext.entry(ext).or_default() += 1;
            }
            _ => io.note(format!(
                "skipped {}: {}",
                display_path(&s.path.to_string_lossy()),
                s.reason
            )),
        }
    }
    if !by_ext.is_empty() {
        let counts: Vec<String> = by_ext.iter().map(|(e, n)| format!("{n} {e}")).collect();
        let n = by_ext.values().sum::<usize>();
        let (noun, verb) = if n == 1 {
            ("file", "is not an article")
        } else {
            ("files", "are not articles")
        };
        io.note(format!(
            "skipped {n} {noun} under {} that {verb} ({})",
            display_path(&dir.to_string_lossy()),
            counts.join(", ")
        ));
    }
}

fn is_json(p: &Path) -> bool {
    p.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The walk options of a run: `--exclude` and the config's `exclude`, and the size limit.
pub(crate) fn walk_options(input: &InputArgs, config: &Config) -> walk::Options {
    walk::Options {
        exclude: input
            .exclude
            .iter()
            .chain(&config.exclude)
            .cloned()
            .collect(),
        max_json_bytes: input.max_size,
    }
}

/// Reads the inputs one at a time and hands each to `each` with its display path, so a caller
/// can stream. Inputs are found by [`discover`]. A claims file is re-anchored on its article if
/// that changed; an article is extracted and merged with its claims file if it has one (see
/// [`reviewed`]), and handed over with its text; an article met twice (itself and through its
/// claims file) counts once. Returns how many inputs failed; their errors are printed.
pub(crate) fn for_each_input(
    args: &[String],
    input: &InputArgs,
    config: &Config,
    io: &mut Io<'_>,
    mut each: impl FnMut(String, ClaimsFile, Option<String>, &mut Io<'_>),
) -> usize {
    let opts = ingest::Options {
        max_bytes: input.max_size,
    };
    let layout = claims_layout(input.claims_dir.as_deref(), config);
    let (items, mut failures) = discover(args, &walk_options(input, config), io);
    let mut seen = HashSet::new();
    read_in_parallel(&items, &layout, &opts, io, |item, read, io| {
        match (item, read) {
            (Item::ClaimsFile(p), _) => match reviewed::from_claims_file(p, &layout, &opts, io) {
                Ok(r) => {
                    if seen.insert(r.key) {
                        each(r.display, r.file, None, io);
                    }
                }
                Err(e) => {
                    io.error(&e);
                    failures += 1;
                }
            },
            (Item::Article(input), Some(read)) => {
                // Decided in input order, so an article named twice (or by its claims file
                // first) counts once, as in a sequential run; what a skipped read printed is dropped.
                if seen.contains(&reviewed::key_of_input(input)) {
                    return;
                }
                let _ = io.stderr.write_all(&read.stderr);
                match read.outcome {
                    Ok((r, text)) => {
                        seen.insert(r.key);
                        each(r.display, r.file, Some(text), io);
                    }
                    Err(e) => {
                        io.error(&e);
                        failures += 1;
                    }
                }
            }
            (Item::Article(_), None) => {}
        }
    });
    failures
}

/// An article read, extracted and merged with its claims file on a worker thread, with what
/// that printed on stderr.
struct ReadArticle {
    outcome: anyhow::Result<(reviewed::Reviewed, String)>,
    stderr: Vec<u8>,
}

/// Reads the articles among `items` on a few threads (ingest and extraction are the costly part
/// of `check` and `compare`) and hands every item to `each` in input order, articles with what
/// their worker read. Claims files are read by `each` itself, on this thread.
fn read_in_parallel(
    items: &[Item],
    layout: &claims_file::layout::Layout,
    opts: &ingest::Options,
    io: &mut Io<'_>,
    mut each: impl FnMut(&Item, Option<ReadArticle>, &mut Io<'_>),
) {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let flags = io.flags();
    in_order_on_threads(
        items,
        workers,
        |item| match item {
            Item::Article(input) => Some(read_article(input, layout, opts, flags)),
            Item::ClaimsFile(_) => None,
        },
        |item, read| each(item, read, io),
    );
}

/// Runs `work` on every item on up to `workers` threads (at most 8) and hands each result to
/// `each` in item order, so output reads as a sequential run's would.
pub(crate) fn in_order_on_threads<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(&T, R),
) {
    let workers = workers.clamp(1, 8).min(items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (send, receive) = std::sync::mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if send.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        // Results arrive in any order; hand them over in item order.
        let mut pending = BTreeMap::new();
        let mut due = 0;
        for (i, result) in receive {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&due) {
                each(&items[due], result);
                due += 1;
            }
        }
    });
}

/// One article on a worker: read, extracted and merged with its claims file, printing into a
/// buffer.
fn read_article(
    input: &ingest::Input,
    layout: &claims_file::layout::Layout,
    opts: &ingest::Options,
    flags: super::Flags,
) -> ReadArticle {
    let (outcome, _, stderr) = Io::buffered(flags, |io| match ingest::read(input, opts) {
        Ok(article) => {
            for w in &article.warnings {
                io.warn(w);
            }
            reviewed::with_claims_file(&article, layout, io).map(|r| (r, article.text))
        }
        Err(e) => Err(anyhow::Error::from(e)),
    });
    ReadArticle { outcome, stderr }
}

/// The claims directory: the flag, else the config's `claims_dir` (which defaults to `claims`
/// beside `claimcheck.toml`), else `claims` in the current directory.
pub(crate) fn claims_layout(flag: Option<&Path>, config: &Config) -> claims_file::layout::Layout {
    let dir = flag
        .map(Path::to_path_buf)
        .or_else(|| config.claims_dir.clone())
        .unwrap_or_else(|| PathBuf::from("claims"));
    claims_file::layout::Layout::new(&dir)
}

/// A path relative to the current directory when it is below it, with `/` separators.
pub(crate) fn display_path(origin: &str) -> String {
    if origin.contains("://") || origin == "-" {
        return origin.to_owned();
    }
    let p = Path::new(origin);
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf());
    // `./content/a.md` (a walk of `.`) is shown as `content/a.md`.
    let rel: PathBuf = rel
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if rel.as_os_str().is_empty() {
        return ".".to_owned();
    }
    rel.to_string_lossy().replace('\\', "/")
}

/// The cache, the mode (online client or offline) and a runtime to drive them.
pub(crate) struct SourcesContext {
    pub cache: Cache,
    pub mode: Mode,
    pub refresh: bool,
    runtime: tokio::runtime::Runtime,
}

impl SourcesContext {
    /// Builds the context from flags (which already fold in their environment variables), the
    /// config file's cache and email, and the defaults.
    pub fn new(net: &NetArgs, config: &Config, io: &mut Io<'_>) -> anyhow::Result<Self> {
        let root = net
            .cache
            .clone()
            .or_else(|| config.cache.clone())
            .or_else(Cache::default_root);
        let Some(root) = root else {
            bail!("no cache directory: pass --cache DIR or set CLAIMCHECK_CACHE");
        };
        if net.offline && !root.is_dir() {
            bail!(
                "cache directory {} does not exist (--offline reads records only from the cache)",
                root.display()
            );
        }
        let cache = Cache::new(root);
        let mode = if net.offline {
            Mode::Offline
        } else {
            let mut builder = ClientBuilder::from_env();
            if let Some(u) = &net.eutils_url {
                builder = builder.eutils_url(u.clone());
            }
            if let Some(u) = &net.idconv_url {
                builder = builder.idconv_url(u.clone());
            }
            if let Some(k) = &net.api_key {
                builder = builder.api_key(k.clone());
            }
            builder = limits(builder, net).pace_file(cache.pace_path(net.api_key.as_deref()));
            if io.verbose {
                // The client runs inside the runtime, away from `io`: its lines go straight to
                // the process's stderr, one write per line.
                builder = builder.logger(Logger::new(|line| {
                    let _ = writeln!(std::io::stderr(), "claimcheck: {line}");
                }));
            }
            match net.email.clone().or_else(|| config.email.clone()) {
                Some(e) => builder = builder.email(e),
                None => io.warn(
                    "no contact email for NCBI: pass --email, set NCBI_EMAIL or `email` in claimcheck.toml",
                ),
            }
            if io.stderr_is_terminal && !io.quiet {
                let bar = ProgressBar::new(0);
                if let Ok(style) =
                    ProgressStyle::with_template("{spinner} fetching PubMed records {pos}/{len}")
                {
                    bar.set_style(style);
                }
                builder = builder.progress(bar);
            }
            Mode::Online(builder.build().context("building the E-utilities client")?)
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("starting the async runtime")?;
        Ok(SourcesContext {
            cache,
            mode,
            refresh: net.refresh,
            runtime,
        })
    }

    /// Runs a future of the sources stage to completion.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Resolves `sources` (and the reviewers' additions in `claims`).
    pub fn resolve(&self, sources: &[Source], claims: &[Claim]) -> Resolutions {
        self.runtime.block_on(sources::resolve_sources(
            sources,
            claims,
            &self.cache,
            &self.mode,
            self.refresh,
        ))
    }
}

/// The request limits the flags (or their environment variables) set; unset ones keep the
/// client's defaults.
fn limits(mut builder: ClientBuilder, net: &NetArgs) -> ClientBuilder {
    if let Some(t) = net.timeout {
        builder = builder.timeout(t);
    }
    if let Some(n) = net.retries {
        builder = builder.max_retries(n);
    }
    if let Some(t) = net.max_retry_after {
        builder = builder.max_retry_after(t);
    }
    if let Some(n) = net.max_response_size {
        builder = builder.max_response_bytes(n);
    }
    builder
}

/// The sources of a run that could not be fetched (network failure, HTTP error after retries,
/// a malformed, oversized or refused answer) and how many claims that left unverifiable: the
/// exit-code contract's input. A source that is merely absent from PubMed is an answer, not a
/// failure.
#[derive(Debug, Default)]
pub(crate) struct FetchFailures {
    /// Source id (or what was searched) → why it failed.
    failed: BTreeMap<String, String>,
    claims: usize,
}

impl FetchFailures {
    /// Records the failed sources of `resolutions`, and counts the `claims` that cite one
    /// (`keys` gives a claim's resolution ids).
    pub fn add(
        &mut self,
        resolutions: &Resolutions,
        claims: impl IntoIterator<Item = Vec<String>>,
    ) {
        let mut failed = std::collections::BTreeSet::new();
        for s in &resolutions.sources {
            if let Resolution::Failed { error } = &s.resolution {
                self.failed.insert(s.id.clone(), error.clone());
                failed.insert(s.id.as_str());
            }
        }
        if failed.is_empty() {
            return;
        }
        self.claims += claims
            .into_iter()
            .filter(|keys| keys.iter().any(|k| failed.contains(k.as_str())))
            .count();
    }

    /// Records one failure that is not a source (a literature search).
    pub fn add_one(&mut self, what: String, error: String) {
        self.failed.insert(what, error);
    }

    /// Says on stderr what could not be fetched and returns the status it forces: `Error`,
    /// or `Success` (no change) when there was nothing or the user allowed it.
    pub fn finish(&self, io: &mut Io<'_>, allowed: bool) -> ExitStatus {
        if self.failed.is_empty() {
            return ExitStatus::Success;
        }
        let n = self.failed.len();
        let mut message = format!(
            "{n} source{} could not be fetched; {} claim{} unverifiable because of it",
            if n == 1 { "" } else { "s" },
            self.claims,
            if self.claims == 1 { " is" } else { "s are" },
        );
        for (id, error) in self.failed.iter().take(5) {
            message.push_str(&format!("\n  {id}: {error}"));
        }
        if n > 5 {
            message.push_str(&format!("\n  … and {} more", n - 5));
        }
        if allowed {
            io.warn(format!("{message}\n  (allowed by --allow-fetch-errors)"));
            ExitStatus::Success
        } else {
            io.error(&anyhow::anyhow!(
                "{message}\n  (exit status 2; --allow-fetch-errors or allow_fetch_errors = true \
                 in claimcheck.toml accepts such runs)"
            ));
            ExitStatus::Error
        }
    }
}
