//! Reviewed claims for `check`, `compare` and `fetch`: an article together with its claims file.
//!
//! - An article given on the command line is extracted and merged (in memory, with the same
//!   merge as `extract`) with its claims file when one exists at the place [`Layout`] gives, so
//!   a reviewer's `rejected`, `ignored`, corrections and `added_sources` apply in CI. A
//!   version-1 claims file at its old place counts too, with a note to move it.
//! - A claims file given on the command line is re-anchored when its article has changed since
//!   it was extracted (the content hash differs): the article is extracted again and merged, so
//!   locations are today's, and a reviewed claim that can no longer be found is reported.
//! - Either way, the result carries the article's identity ([`Reviewed::key`]), so an article
//!   and its claims file given together are checked once.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use super::Io;
use crate::claims_file::layout::{self, Layout};
use crate::ingest::{self, Input};
use crate::model::{Article, ClaimsFile};
use crate::{claims_file, extract};

/// An article's claims, reviewed where a claims file says so.
pub(crate) struct Reviewed {
    /// The article's path (relative to the current directory when below it) or URL, for reports.
    pub display: String,
    /// What makes two inputs the same article: its absolute path, or its URL.
    pub key: String,
    /// The claims, merged with the reviewer's file.
    pub file: ClaimsFile,
}

/// The identity of an article read from `origin` (a path, URL or `<stdin>`).
fn article_key(origin: &str) -> String {
    if origin.contains("://") || origin == "<stdin>" || origin == "-" {
        return origin.to_owned();
    }
    let abs = layout::absolute(Path::new(origin));
    abs.canonicalize()
        .unwrap_or(abs)
        .to_string_lossy()
        .into_owned()
}

/// Whether a claims file describes the article recorded (in `layout`) as `recorded`.
pub(crate) fn describes(file: &ClaimsFile, recorded: &str, layout: &Layout) -> bool {
    file.article.path == recorded
        || (file.version == 1 && layout.recorded_path(&file.article.path) == recorded)
}

/// The key an already-read article would have, so callers can skip it before reading.
pub(crate) fn key_of_input(input: &Input) -> String {
    match input {
        Input::Path(p) => article_key(&p.to_string_lossy()),
        Input::Url(u) => u.clone(),
        Input::Stdin => "<stdin>".to_owned(),
    }
}

/// The claims file of the article recorded as `recorded`, if one exists: at the place the
/// layout gives, else (version 1) named after the article's file name. Discovery only: the file
/// is not checked here.
pub fn find_claims_file(layout: &Layout, origin: &str) -> Option<PathBuf> {
    let recorded = layout.recorded_path(origin);
    let path = layout.file_for(&recorded);
    if path.is_file() {
        return Some(path);
    }
    layout.legacy_files(origin).into_iter().find(|p| {
        claims_file::read(p).is_ok_and(|f| f.version == 1 && describes(&f, &recorded, layout))
    })
}

/// An article merged with its claims file, if it has one.
pub(crate) fn with_claims_file(
    article: &Article,
    layout: &Layout,
    io: &mut Io<'_>,
) -> anyhow::Result<Reviewed> {
    let recorded = layout.recorded_path(&article.origin);
    let fresh = extract::extract_as(article, &recorded);
    let display = super::common::display_path(&article.origin);
    let key = article_key(&article.origin);
    let Some(path) = find_claims_file(layout, &article.origin) else {
        return Ok(Reviewed {
            display,
            key,
            file: fresh,
        });
    };
    let file = claims_file::read(&path)?;
    if !describes(&file, &recorded, layout) {
        bail!(
            "{} holds the claims of `{}`, not of `{}`",
            super::common::display_path(&path.to_string_lossy()),
            file.article.path,
            recorded
        );
    }
    if file.version == 1 {
        io.note(format!(
            "{display}: using the version-1 claims file {}; run `claimcheck extract {display}` to move it to {}",
            super::common::display_path(&path.to_string_lossy()),
            super::common::display_path(&layout.file_for(&recorded).to_string_lossy())
        ));
    }
    let merged = claims_file::merge(Some(file), fresh);
    warn_lost(&display, &path, &merged, io);
    Ok(Reviewed {
        display,
        key,
        file: merged.file,
    })
}

/// A claims file given as input, re-anchored on its article when the article has changed.
pub(crate) fn from_claims_file(
    path: &Path,
    layout: &Layout,
    opts: &ingest::Options,
    io: &mut Io<'_>,
) -> anyhow::Result<Reviewed> {
    let file = claims_file::read(path)?;
    // Where its article is: by the layout the file sits in, else by the configured one.
    let (file_layout, recorded) = if file.version == 1 {
        (layout.clone(), layout.recorded_path(&file.article.path))
    } else {
        let own = Layout::of_claims_file(path, &file.article.path);
        (
            own.unwrap_or_else(|| layout.clone()),
            file.article.path.clone(),
        )
    };
    let Some(article_path) = file_layout.article_for(&recorded).filter(|p| p.is_file()) else {
        // A URL, stdin, or an article not here: the file is all there is.
        let key = if recorded.contains("://") {
            recorded.clone()
        } else {
            path.to_string_lossy().into_owned()
        };
        return Ok(Reviewed {
            display: recorded,
            key,
            file,
        });
    };
    let origin = article_path.to_string_lossy().into_owned();
    let display = super::common::display_path(&origin);
    let key = article_key(&origin);
    let article = ingest::read(&Input::Path(article_path.clone()), opts)
        .with_context(|| format!("reading the article of {}", path.display()))?;
    if article.content_hash == file.article.content_hash {
        return Ok(Reviewed { display, key, file });
    }
    let fresh = extract::extract_as(&article, &recorded);
    let merged = claims_file::merge(Some(file), fresh);
    warn_lost(&display, path, &merged, io);
    Ok(Reviewed {
        display,
        key,
        file: merged.file,
    })
}

/// Warns about reviewed claims that the article no longer has.
fn warn_lost(display: &str, claims: &Path, merged: &claims_file::Merged, io: &mut Io<'_>) {
    for id in &merged.lost {
        if let Some(c) = merged.file.claims.iter().find(|c| &c.id == id) {
            io.warn(format!(
                "{display}: reviewed claim {id} (“{}”) can no longer be found in the article; its review stays in {} as stale (run `claimcheck extract` to update the file)",
                c.quote,
                super::common::display_path(&claims.to_string_lossy())
            ));
        }
    }
}
