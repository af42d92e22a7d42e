//! `claimcheck fetch`: resolve sources to PubMed records and fetch them into the cache.
//!
//! Inputs may be articles, claims files, or identifiers given directly (a PMID, `PMC…`,
//! `NBK…`, a DOI, or a PubMed/PMC/DOI/Bookshelf URL).

use std::path::Path;

use anyhow::bail;

use super::check::claim_keys;
use super::common::{load_inputs, FetchFailures, SourcesContext};
use super::{ExitStatus, Io};
use crate::cli::{ExtractFormat, FetchArgs};
use crate::config::Config;
use crate::model::{Identifier, Location, Resolution, Source, SourceResolution, SourceRole};
use crate::report::{render_fetch_json, render_fetch_table};

pub(super) fn run(args: &FetchArgs, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    // Identifiers given directly become sources of their own; everything else is an input.
    let mut direct = Vec::new();
    let mut inputs = Vec::new();
    for arg in &args.inputs {
        let is_file = Path::new(arg).exists();
        match Identifier::parse(arg).filter(|_| !is_file) {
            Some(id) => direct.push(Source {
                id: id.source_id(),
                kind: id.kind(),
                url: arg.contains("://").then(|| arg.clone()),
                text: arg.clone(),
                role: SourceRole::Inline,
                location: Location::default(),
            }),
            None => inputs.push(arg.clone()),
        }
    }
    let config = Config::load(args.net.config.as_deref())?;
    let (loaded, failures) = if inputs.is_empty() {
        (Vec::new(), 0)
    } else {
        load_inputs(&inputs, &args.input, &config, false, io)?
    };
    let ctx = SourcesContext::new(&args.net, &config, io)?;
    let mut all = Vec::new();
    let mut misses = Vec::new();
    let mut fetch_failures = FetchFailures::default();
    let direct_ids: Vec<String> = direct.iter().map(|s| s.id.clone()).collect();
    let mut batches: Vec<(Vec<Source>, Vec<crate::model::Claim>)> = loaded
        .into_iter()
        .map(|l| (l.file.sources, l.file.claims))
        .collect();
    if !direct.is_empty() {
        batches.push((direct, Vec::new()));
    }
    for (sources, claims) in &batches {
        let r = ctx.resolve(sources, claims);
        for w in &r.warnings {
            io.warn(w);
        }
        fetch_failures.add(&r, claims.iter().map(|c| claim_keys(c, sources)));
        for s in &r.sources {
            if let Some(why) = not_delivered(s, &direct_ids, &ctx.cache) {
                fetch_failures.add_one(s.id.clone(), why);
            }
        }
        misses.extend(r.offline_misses);
        for s in r.sources {
            if !all.iter().any(|a: &SourceResolution| a.id == s.id) {
                all.push(s);
            }
        }
    }
    match args.format {
        ExtractFormat::Table => io.stdout.write_all(render_fetch_table(&all).as_bytes())?,
        ExtractFormat::Json => io.stdout.write_all(render_fetch_json(&all).as_bytes())?,
    }
    if !misses.is_empty() {
        misses.sort();
        misses.dedup();
        bail!(
            "not in the cache (offline): {}; run without --offline to fetch them",
            misses.join(", ")
        );
    }
    let allowed = args.net.allow_fetch_errors || config.allow_fetch_errors;
    let forced = fetch_failures.finish(io, allowed);
    Ok(if failures > 0 {
        ExitStatus::Error
    } else {
        forced
    })
}

/// Why `fetch` did not deliver what it was asked beyond a failed request (those are counted
/// from the resolutions): an identifier given on the command line that PubMed does not have,
/// or a record that did not reach the cache (an unwritable cache directory).
fn not_delivered(
    s: &SourceResolution,
    direct_ids: &[String],
    cache: &crate::cache::Cache,
) -> Option<String> {
    match &s.resolution {
        Resolution::Missing { reason } if direct_ids.contains(&s.id) => Some(reason.clone()),
        Resolution::Resolved { pmid, .. } if !cache.record_path(*pmid).is_file() => Some(format!(
            "PMID {pmid} was fetched but could not be written to {}",
            cache.root().display()
        )),
        _ => None,
    }
}
