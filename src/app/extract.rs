//! `claimcheck extract`: articles in, claims files written (merged with any reviewed file already
//! there) and the claims printed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use super::{ExitStatus, Io};
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::ingest::{self, Input};
use crate::{claims_file, extract, report};

pub(super) fn run(args: &ExtractArgs, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    let inputs = ingest::expand_inputs(&args.articles)?;
    if args.output.is_some() && inputs.len() != 1 {
        bail!(
            "--output takes exactly one article, but {} were given (use --claims-dir for several)",
            inputs.len()
        );
    }
    let opts = ingest::Options {
        max_bytes: args.input.max_size,
    };
    let mut status = ExitStatus::Success;
    let mut used_slugs = HashSet::new();
    let several = inputs.len() > 1;
    for input in &inputs {
        let result = extract_one(args, &opts, input, &mut used_slugs, several, io);
        if let Err(err) = result {
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
    used_slugs: &mut HashSet<String>,
    several: bool,
    io: &mut Io<'_>,
) -> anyhow::Result<()> {
    let article = ingest::read(input, opts)?;
    for w in &article.warnings {
        io.warn(w);
    }
    let fresh = extract::extract(&article);
    let file = if args.no_write {
        fresh
    } else {
        let path = match &args.output {
            Some(p) => p.clone(),
            None => args
                .claims_dir
                .join(format!("{}.json", unique_slug(&article.origin, used_slugs))),
        };
        let file = match existing(&path)? {
            Some(old) => claims_file::merge(old, fresh),
            None => fresh,
        };
        claims_file::write(&path, &file)?;
        let stale = file
            .claims
            .iter()
            .filter(|c| c.status == crate::model::ReviewStatus::Stale)
            .count();
        let stale = if stale > 0 {
            format!(", {stale} stale")
        } else {
            String::new()
        };
        io.note(format!(
            "wrote {} ({} claims{stale})",
            path.display(),
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

/// The claims file already at `path`, if any. An invalid one is an error and is left untouched.
fn existing(path: &Path) -> anyhow::Result<Option<crate::model::ClaimsFile>> {
    if !path.exists() {
        return Ok(None);
    }
    let file = claims_file::read(path)
        .with_context(|| format!("not overwriting {}: fix or remove it first", path.display()))?;
    Ok(Some(file))
}

/// A file name for an article's claims file: its file stem (or the last URL path segment),
/// lower-cased, runs of other characters as `-`; `-2`, `-3` when two inputs share one.
fn unique_slug(origin: &str, used: &mut HashSet<String>) -> String {
    let base = slug(origin);
    let mut candidate = base.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    candidate
}

pub(crate) fn slug(origin: &str) -> String {
    let name = if origin == "-" {
        "stdin".to_owned()
    } else if origin.starts_with("http://") || origin.starts_with("https://") {
        let trimmed = origin.split(['?', '#']).next().unwrap_or(origin);
        let trimmed = trimmed.trim_end_matches('/');
        let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
        let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
        last.to_owned()
    } else {
        PathBuf::from(origin)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "article".to_owned())
    };
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "article".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("fixtures/articles/Ketamine Clinic.html"),
            "ketamine-clinic"
        );
        assert_eq!(
            slug("https://example.com/blog/ketamine-trd/"),
            "ketamine-trd"
        );
        assert_eq!(slug("https://example.com/post.php?id=3"), "post");
        assert_eq!(slug("-"), "stdin");
        let mut used = HashSet::new();
        assert_eq!(unique_slug("a/index.html", &mut used), "index");
        assert_eq!(unique_slug("b/index.html", &mut used), "index-2");
    }
}
