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

use super::common::{claims_layout, load_config};
use super::{ExitStatus, Io};
use crate::claims_file::layout::Layout;
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::ingest::{self, Input};
use crate::model::ClaimsFile;
use crate::{claims_file, extract, report};

/// How often `extract` merges again when the claims file keeps changing under it.
const MERGE_ATTEMPTS: usize = 3;

pub(super) fn run(args: &ExtractArgs, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    let inputs = ingest::expand_inputs(&args.articles)?;
    if args.output.is_some() && inputs.len() != 1 {
        bail!(
            "--output takes exactly one article, but {} were given (use --claims-dir for several)",
            inputs.len()
        );
    }
    if args.output.is_some() && args.input.claims_dir.is_some() {
        bail!("--output and --claims-dir cannot be used together");
    }
    let config = load_config(None)?;
    let layout = claims_layout(args.input.claims_dir.as_deref(), &config);
    let opts = ingest::Options {
        max_bytes: args.input.max_size,
    };
    let mut status = ExitStatus::Success;
    let several = inputs.len() > 1;
    for input in &inputs {
        if let Err(err) = extract_one(args, &opts, input, &layout, several, io) {
            io.error(&err);
            status = ExitStatus::Error;
        }
    }
    Ok(status)
}

fn extract_one(
    args: &ExtractArgs,
    opts: &ingest::Options,
    input: &Input,
    layout: &Layout,
    several: bool,
    io: &mut Io<'_>,
) -> anyhow::Result<()> {
    let article = ingest::read(input, opts)?;
    for w in &article.warnings {
        io.warn(w);
    }
    let recorded = layout.recorded_path(&article.origin);
    let fresh = extract::extract_as(&article, &recorded);
    let file = if args.no_write {
        claims_file::merge(None, fresh).file
    } else {
        let path = args
            .output
            .clone()
            .unwrap_or_else(|| layout.file_for(&recorded));
        let legacy = match args.output {
            Some(_) => None,
            None => legacy_file(layout, &article.origin, &recorded, &path, io),
        };
        let file = write_merged(&path, fresh, layout, legacy.as_ref(), io)?;
        if let Some((old, _)) = &legacy {
            std::fs::remove_file(old)
                .with_context(|| format!("removing the old claims file {}", old.display()))?;
            io.note(format!(
                "moved the reviews in {} to {} (claims files now mirror the article's path)",
                shown(old),
                shown(&path)
            ));
        }
        let stale = file.claims.iter().filter(|c| c.stale).count();
        let stale = if stale > 0 {
            format!(", {stale} stale")
        } else {
            String::new()
        };
        io.note(format!(
            "wrote {} ({} claims{stale})",
            shown(&path),
            file.claims.len()
        ));
        file
    };
    match args.format {
        ExtractFormat::Json => io
            .stdout
            .write_all(claims_file::to_json(&file).as_bytes())?,
        ExtractFormat::Table => {
            if several {
                writeln!(io.stdout, "{}", article.origin)?;
            }
            let table = report::render_claims_table(&file.claims, &file.sources, io.color);
            io.stdout.write_all(table.as_bytes())?;
        }
    }
    Ok(())
}

/// A path as shown in messages: relative to the current directory when below it.
fn shown(path: &Path) -> String {
    super::common::display_path(&path.to_string_lossy())
}

/// Whether a claims file read from disk describes the article recorded as `recorded`. A
/// version-1 file recorded the path as given on the command line, from the current directory.
fn same_article(file: &ClaimsFile, recorded: &str, layout: &Layout) -> bool {
    file.article.path == recorded
        || (file.version == 1 && layout.recorded_path(&file.article.path) == recorded)
}

/// Merges `fresh` into the claims file at `path` and writes it, merging again if the file
/// changes between reading and writing. `legacy` is a version-1 file to merge from when `path`
/// does not exist yet.
fn write_merged(
    path: &Path,
    fresh: ClaimsFile,
    layout: &Layout,
    legacy: Option<&(PathBuf, ClaimsFile)>,
    io: &mut Io<'_>,
) -> anyhow::Result<ClaimsFile> {
    for _ in 0..MERGE_ATTEMPTS {
        let before = crate::output::read_existing(path)?;
        let old = match &before {
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
        let merged = claims_file::merge(old, fresh.clone()).file;
        let bytes = claims_file::to_json(&merged);
        let unchanged = |target: &Path| match std::fs::read(target) {
            Ok(now) if before.as_deref() == Some(now.as_slice()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && before.is_none() => Ok(()),
            _ => Err(()),
        };
        match crate::output::write_atomic_checked(path, bytes.as_bytes(), unchanged)? {
            Ok(()) => return Ok(merged),
            Err(()) => io.note(format!(
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

/// The version-1 claims file of this article, if there is one and the new file does not exist
/// yet: version 1 named files after the article's file name.
fn legacy_file(
    layout: &Layout,
    origin: &str,
    recorded: &str,
    new_path: &Path,
    io: &mut Io<'_>,
) -> Option<(PathBuf, ClaimsFile)> {
    if new_path.exists() {
        return None;
    }
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
