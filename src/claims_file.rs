//! Reading, writing and merging claims files.
//!
//! A claims file is JSON (`"version": 1`) that people edit, so reading is strict and its errors
//! name the file, line and column; writing is atomic (a temporary file in the same directory,
//! then a rename), so a crash never leaves half a file; and merging a fresh extraction into an
//! existing file never drops anything a reviewer wrote.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{ClaimsFile, ReviewStatus, CLAIMS_FILE_VERSION};

/// Why a claims file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("cannot read claims file {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a valid claims file.
    #[error("{}:{line}:{column}: invalid claims file: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file could not be written.
    #[error("cannot write claims file {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// Reads and validates a claims file.
pub fn read(path: &Path) -> Result<ClaimsFile, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(path, &text)
}

/// Parses and validates the text of a claims file; `path` is for messages.
pub fn parse(path: &Path, text: &str) -> Result<ClaimsFile, Error> {
    let invalid = |line: usize, column: usize, message: String| Error::Invalid {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    // The version decides how to read the rest, so check it before the fields.
    #[derive(Deserialize)]
    struct VersionOnly {
        version: Option<serde_json::Value>,
    }
    let probe: VersionOnly = serde_json::from_str(text)
        .map_err(|e| invalid(e.line().max(1), e.column().max(1), e.to_string()))?;
    let (line, column) = key_position(text, "version");
    match probe.version {
        None => return Err(invalid(1, 1, "missing field `version`".to_owned())),
        Some(v) if v.as_u64() != Some(u64::from(CLAIMS_FILE_VERSION)) => {
            return Err(invalid(
                line,
                column,
                format!(
                    "unsupported version {v} (this claimcheck reads version {CLAIMS_FILE_VERSION})"
                ),
            ))
        }
        Some(_) => {}
    }
    let file: ClaimsFile = serde_json::from_str(text)
        .map_err(|e| invalid(e.line().max(1), e.column().max(1), e.to_string()))?;
    // Ids are how reviews survive re-extraction: a duplicate would make one of them ambiguous.
    let mut seen = std::collections::HashSet::new();
    for claim in &file.claims {
        if !seen.insert(claim.id.as_str()) {
            let (line, column) = value_position(text, &claim.id);
            return Err(invalid(
                line,
                column,
                format!("duplicate claim id `{}`", claim.id),
            ));
        }
    }
    Ok(file)
}

/// Line and column of the first `"key":` in `text` (1, 1 when absent).
fn key_position(text: &str, key: &str) -> (usize, usize) {
    position_of(text, &format!("\"{key}\""))
}

fn value_position(text: &str, value: &str) -> (usize, usize) {
    let needle = format!("\"{value}\"");
    // The second occurrence is the duplicate.
    let first = text.find(&needle).map_or(0, |p| p + needle.len());
    match text[first..].find(&needle) {
        Some(p) => crate::model::line_column_in(text, first + p),
        None => position_of(text, &needle),
    }
}

fn position_of(text: &str, needle: &str) -> (usize, usize) {
    text.find(needle)
        .map_or((1, 1), |p| crate::model::line_column_in(text, p))
}

/// The claims file as JSON text, pretty-printed with a trailing newline.
pub fn to_json(file: &ClaimsFile) -> String {
    let mut s = serde_json::to_string_pretty(file).unwrap_or_else(|_| String::from("{}"));
    s.push('\n');
    s
}

/// Writes `file` to `path` atomically, creating parent directories.
pub fn write(path: &Path, file: &ClaimsFile) -> Result<(), Error> {
    let err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(err)?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(err)?;
    tmp.write_all(to_json(file).as_bytes()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Merges a fresh extraction into the existing file: claims that still exist keep every review
/// field; claims that vanished are kept with status `stale` (their earlier status in
/// `previous_status`); new claims are added; sources that stale claims or reviewers still refer to
/// are kept.
pub fn merge(old: ClaimsFile, mut fresh: ClaimsFile) -> ClaimsFile {
    let mut old_claims = old.claims;
    for claim in &mut fresh.claims {
        let Some(pos) = old_claims.iter().position(|c| c.id == claim.id) else {
            continue;
        };
        let prev = old_claims.swap_remove(pos);
        // An author's suppression comment governs a claim the reviewer has not touched.
        let reviewer_touched = prev.status != ReviewStatus::Unreviewed
            && !(prev.status == ReviewStatus::Ignored
                && prev.note.as_deref() == Some(crate::extract::SUPPRESSED_NOTE));
        match prev.status {
            ReviewStatus::Stale => {
                claim.status = prev.previous_status.unwrap_or(claim.status);
            }
            _ if reviewer_touched => claim.status = prev.status,
            _ => {}
        }
        if prev.note.as_deref() != Some(crate::extract::SUPPRESSED_NOTE) && prev.note.is_some() {
            claim.note = prev.note;
        }
        claim.added_sources = prev.added_sources;
    }
    // What is left vanished from the article.
    let mut stale = old_claims;
    stale.sort_by_key(|c| c.location);
    for claim in &mut stale {
        if claim.status != ReviewStatus::Stale {
            claim.previous_status = Some(claim.status);
            claim.status = ReviewStatus::Stale;
        }
    }
    let still_referenced = |id: &str, claims: &[crate::model::Claim]| {
        claims
            .iter()
            .any(|c| c.sources.iter().chain(&c.added_sources).any(|s| s == id))
    };
    for source in old.sources {
        let known = fresh.sources.iter().any(|s| s.id == source.id);
        if !known
            && (still_referenced(&source.id, &stale) || still_referenced(&source.id, &fresh.claims))
        {
            fresh.sources.push(source);
        }
    }
    fresh.claims.extend(stale);
    fresh
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Claim, ClaimKind, Location, Unit, Value};

    fn claim(id: &str, line: u32) -> Claim {
        Claim {
            id: id.to_owned(),
            measure: Default::default(),
            scope: Default::default(),
            kind: ClaimKind::ResponseRate,
            value: Value::range(70.0, 80.0, Unit::Percent),
            subject: "ketamine response rate".to_owned(),
            quote: "70–80%".to_owned(),
            sentence: "It helps 70–80% of patients.".to_owned(),
            location: Location {
                line,
                column: 10,
                start: 100,
                end: 108,
            },
            sources: vec!["pmid:23982301".to_owned()],
            status: ReviewStatus::Unreviewed,
            note: None,
            added_sources: Vec::new(),
            previous_status: None,
        }
    }

    fn file(claims: Vec<Claim>) -> ClaimsFile {
        ClaimsFile {
            version: 1,
            article: ArticleMeta {
                path: "a.html".to_owned(),
                title: Some("A".to_owned()),
                content_hash: "sha256:00".to_owned(),
            },
            sources: Vec::new(),
            claims,
        }
    }

    #[test]
    fn round_trips_through_json() {
        let mut f = file(vec![claim("c1", 3)]);
        f.claims[0].note = Some("checked against the trial".to_owned());
        f.claims[0].added_sources = vec!["PMC123".to_owned()];
        let text = to_json(&f);
        assert_eq!(parse(Path::new("x.json"), &text).unwrap(), f);
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let bad = "{\n  \"version\": 1,\n  \"article\": oops\n}";
        let e = parse(Path::new("claims/a.json"), bad)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("claims/a.json:3:"), "{e}");

        let mut text = to_json(&file(vec![claim("c1", 3)]));
        text = text.replacen("\"quote\"", "\"qoute\"", 1);
        let e = parse(Path::new("a.json"), &text).unwrap_err().to_string();
        assert!(e.contains("unknown field `qoute`"), "{e}");
        assert!(e.starts_with("a.json:"), "{e}");

        let text = to_json(&file(vec![])).replace("\"version\": 1", "\"version\": 2");
        let e = parse(Path::new("a.json"), &text).unwrap_err().to_string();
        assert_eq!(
            e,
            "a.json:2:3: invalid claims file: unsupported version 2 (this claimcheck reads version 1)"
        );

        let text = to_json(&file(vec![claim("c1", 3), claim("c1", 4)]));
        let e = parse(Path::new("a.json"), &text).unwrap_err().to_string();
        assert!(e.contains("duplicate claim id `c1`"), "{e}");
    }

    #[test]
    fn merge_keeps_reviews_marks_stale_and_adds_new() {
        let mut reviewed = claim("keep", 3);
        reviewed.status = ReviewStatus::Accepted;
        reviewed.note = Some("matches Murrough".to_owned());
        reviewed.added_sources = vec!["pmid:16894061".to_owned()];
        let mut gone = claim("gone", 9);
        gone.status = ReviewStatus::Rejected;
        gone.note = Some("not a claim".to_owned());
        let old = file(vec![reviewed, gone]);

        let fresh = file(vec![claim("keep", 5), claim("new", 7)]);
        let merged = merge(old, fresh);
        let ids: Vec<_> = merged.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["keep", "new", "gone"]);
        let keep = &merged.claims[0];
        assert_eq!(keep.status, ReviewStatus::Accepted);
        assert_eq!(keep.note.as_deref(), Some("matches Murrough"));
        assert_eq!(keep.added_sources, ["pmid:16894061"]);
        assert_eq!(
            keep.location.line, 5,
            "location comes from the fresh extraction"
        );
        let gone = &merged.claims[2];
        assert_eq!(gone.status, ReviewStatus::Stale);
        assert_eq!(gone.previous_status, Some(ReviewStatus::Rejected));
        assert_eq!(gone.note.as_deref(), Some("not a claim"));

        // When the claim comes back, so does its review.
        let back = merge(merged, file(vec![claim("gone", 2)]));
        let gone = back.claims.iter().find(|c| c.id == "gone").unwrap();
        assert_eq!(gone.status, ReviewStatus::Rejected);
        assert_eq!(gone.note.as_deref(), Some("not a claim"));
    }

    #[test]
    fn write_is_atomic_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims/a.json");
        write(&path, &file(vec![claim("c1", 3)])).unwrap();
        write(&path, &file(vec![claim("c2", 3)])).unwrap();
        assert_eq!(read(&path).unwrap().claims[0].id, "c2");
        let entries: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(entries.len(), 1);
    }
}
