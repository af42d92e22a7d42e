//! Reading, writing and merging claims files.
//!
//! A claims file is JSON (`"version": 2`) that people edit, so reading is strict and its errors
//! name the file, line and column (a UTF-8 byte-order mark is allowed; version-1 files are
//! migrated as they are read, see [`v1`]); writing is atomic and goes through [`crate::output`];
//! and merging a fresh extraction into an existing file never drops anything a reviewer wrote
//! and never moves it to another claim (see [`merge`]). [`layout`] decides where an article's
//! claims file lives.

pub mod layout;
mod merge;
pub mod pretty;
mod v1;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{ClaimsFile, ReviewStatus, CLAIMS_FILE_VERSION};

pub use merge::{fingerprint, holds_review, merge, Merged};

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
    /// The file could not be written, or the path is not a regular file.
    #[error(transparent)]
    Output(#[from] crate::output::Error),
}

/// Reads and validates a claims file (following symlinks; anything but a regular file is refused
/// without being opened).
pub fn read(path: &Path) -> Result<ClaimsFile, Error> {
    match crate::output::read_existing(path)? {
        Some(bytes) => parse_bytes(path, &bytes),
        None => Err(Error::Read {
            path: path.to_owned(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        }),
    }
}

/// Parses the bytes of a claims file: UTF-8, with or without a byte-order mark; invalid UTF-8 is
/// an error at the line and column of the first bad byte.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<ClaimsFile, Error> {
    match crate::model::utf8_text(bytes) {
        Ok(text) => parse(path, text),
        Err((line, column)) => Err(Error::Invalid {
            path: path.to_owned(),
            line,
            column,
            message: "not valid UTF-8 (claims files are UTF-8 text)".to_owned(),
        }),
    }
}

/// Whether `bytes` look like a claims file by their content: a JSON object with `version`,
/// `article` and `claims` keys. For directory walks that meet arbitrary `.json` files.
pub fn sniff(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        version: serde_json::Value,
        #[allow(dead_code)]
        article: serde::de::IgnoredAny,
        #[allow(dead_code)]
        claims: serde::de::IgnoredAny,
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice::<Probe>(bytes).is_ok_and(|p| p.version.is_u64())
}

/// Parses and validates the text of a claims file; `path` is for messages. Version 1 is
/// migrated to the current version.
pub fn parse(path: &Path, text: &str) -> Result<ClaimsFile, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let invalid = |line: usize, column: usize, message: String| Error::Invalid {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let json_error =
        |e: serde_json::Error| invalid(e.line().max(1), e.column().max(1), e.to_string());
    // The version decides how to read the rest, so check it before the fields.
    #[derive(Deserialize)]
    struct VersionOnly {
        version: Option<serde_json::Value>,
    }
    let probe: VersionOnly = serde_json::from_str(text).map_err(json_error)?;
    let (line, column) = key_position(text, "version");
    let file = match probe.version.as_ref().map(serde_json::Value::as_u64) {
        None => return Err(invalid(1, 1, "missing field `version`".to_owned())),
        Some(Some(1)) => v1::migrate(serde_json::from_str(text).map_err(json_error)?),
        Some(Some(v)) if v == u64::from(CLAIMS_FILE_VERSION) => {
            serde_json::from_str(text).map_err(json_error)?
        }
        Some(_) => {
            let v = probe.version.unwrap_or_default();
            return Err(invalid(
                line,
                column,
                format!(
                    "unsupported version {v} (this claimcheck reads versions 1 and {CLAIMS_FILE_VERSION})"
                ),
            ));
        }
    };
    validate(&file, text).map_err(|(line, column, message)| invalid(line, column, message))?;
    Ok(file)
}

/// Checks what serde cannot: unique ids (reviews are carried by them) and statuses only a
/// reviewer sets. Errors come with the line and column of the claim.
fn validate(file: &ClaimsFile, text: &str) -> Result<(), (usize, usize, String)> {
    let mut seen = std::collections::HashSet::new();
    for claim in &file.claims {
        if !seen.insert(claim.id.as_str()) {
            let (line, column) = value_position(text, &claim.id, 2);
            return Err((line, column, format!("duplicate claim id `{}`", claim.id)));
        }
        let at = || value_position(text, &claim.id, 1);
        if claim.status == ReviewStatus::Stale {
            let (line, column) = at();
            return Err((
                line,
                column,
                format!(
                    "claim `{}`: status `stale` is claimcheck's to set (as `\"stale\": true`); a reviewer's status is unreviewed, accepted, accepted_with_note, rejected or ignored",
                    claim.id
                ),
            ));
        }
        let no_note = claim.note.as_ref().is_none_or(|n| n.trim().is_empty());
        if claim.status == ReviewStatus::AcceptedWithNote && no_note {
            let (line, column) = at();
            return Err((
                line,
                column,
                format!(
                    "claim `{}`: status `accepted_with_note` needs a `note` saying why the claim stands",
                    claim.id
                ),
            ));
        }
    }
    Ok(())
}

/// Line and column of the first `"key":` in `text` (1, 1 when absent).
fn key_position(text: &str, key: &str) -> (usize, usize) {
    position_of(text, &format!("\"{key}\""))
}

/// Line and column of the `nth` (1-based) occurrence of the string value `value`, else of the
/// first, else (1, 1).
fn value_position(text: &str, value: &str, nth: usize) -> (usize, usize) {
    let needle = serde_json::to_string(value).unwrap_or_default();
    match text.match_indices(&needle).nth(nth.saturating_sub(1)) {
        Some((p, _)) => crate::model::line_column_in(text, p),
        None => position_of(text, &needle),
    }
}

fn position_of(text: &str, needle: &str) -> (usize, usize) {
    text.find(needle)
        .map_or((1, 1), |p| crate::model::line_column_in(text, p))
}

/// About a claim's bytes in a claims file, to size the text up front.
const BYTES_PER_CLAIM: usize = 1024;

/// The claims file as JSON text in the reviewers' layout (see [`pretty`]), with a trailing
/// newline.
pub fn to_json(file: &ClaimsFile) -> String {
    let mut out = Vec::with_capacity(4096 + file.claims.len() * BYTES_PER_CLAIM);
    match pretty::to_writer(&mut out, file).map(|()| String::from_utf8(out)) {
        Ok(Ok(text)) => text,
        _ => String::from("{}\n"),
    }
}

/// Writes the claims file's JSON text (as [`to_json`]) to `out` as it is serialized, so that
/// printing a big article's claims does not first hold a copy of the whole text.
pub fn write_json(file: &ClaimsFile, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    pretty::to_writer(&mut out, file)?;
    std::io::Write::flush(&mut out)
}

/// Writes `file` to `path` atomically, creating parent directories (see [`crate::output`]).
pub fn write(path: &Path, file: &ClaimsFile) -> Result<(), Error> {
    crate::output::write_atomic(path, to_json(file).as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests;
