//! The sources stage: an article's sources to PubMed records, identifier → PMID → record, cache
//! first.
//!
//! In: the sources of a claims file (and the claims, for reviewers' `added_sources` and the
//! sentences that cite a source), a [`Cache`], a [`Mode`] and the refresh flag. Out: one
//! [`SourceResolution`] per source, in order, then one per added identifier. Per-source
//! failures are data ([`Resolution::Missing`], [`Resolution::NotCached`],
//! [`Resolution::Failed`]), never an abort. Never prints.
//!
//! One concern per file:
//! - `plan`: what must be looked up for each source (no I/O);
//! - `store`: the cache policy (what is read, when, what is written back);
//! - `lookup`: the network calls, cache first, and offline misses;
//! - `judge`: whether what was fetched is the record a source names.
//!
//! The `fetch` command's renderers are in `report::fetch`.
//!
//! All PMIDs are fetched in one batched efetch after every lookup is done, so an article with
//! 40 PubMed links costs one request, not 40.

mod judge;
mod lookup;
mod plan;
mod store;

use std::collections::BTreeSet;

use crate::cache::{Cache, IdKind};
use crate::model::{Claim, Identifier, Record, Source, SourceResolution};
use crate::pubmed::client::{doi_term, nbk_term};
use crate::pubmed::Client;

pub use crate::model::{Candidate, Resolution};

use lookup::{Lookup, Run};
use plan::Plan;
use store::Store;

/// Where records come from.
#[derive(Debug, Clone)]
pub enum Mode {
    /// The cache, then NCBI for what the cache lacks.
    Online(Client),
    /// The cache only: no socket is ever opened, and a miss is reported as such.
    Offline,
}

/// How many hits of a DOI or Bookshelf search are fetched to verify.
const ID_SEARCH_HITS: u32 = 5;

/// The resolutions and what the app should tell the user.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolutions {
    /// One per source, then one per added identifier.
    pub sources: Vec<SourceResolution>,
    /// Identifiers that were not in the cache while offline (`pmid:1`, `doi:10.…`), sorted.
    pub offline_misses: Vec<String>,
    /// Things worth a line on stderr (a cache file that could not be written).
    pub warnings: Vec<String>,
}

/// The records an esearch finds, for literature candidates (`compare --literature`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Search {
    /// The records found, by PMID.
    pub records: Vec<Record>,
    /// Set when the search or its records are not in the cache while offline.
    pub offline_miss: Option<String>,
    /// Set when a request failed.
    pub error: Option<String>,
    /// Things worth a line on stderr.
    pub warnings: Vec<String>,
}

fn new_run<'a>(cache: &'a Cache, mode: &'a Mode, refresh: bool) -> Run<'a> {
    Run {
        store: Store::new(cache, refresh),
        mode,
        offline_misses: BTreeSet::new(),
    }
}

/// Runs an esearch for `term` (cache first; stored like citation searches) and fetches up to
/// `limit` of its records the same way sources are fetched.
pub async fn search_records(
    term: &str,
    limit: u32,
    cache: &Cache,
    mode: &Mode,
    refresh: bool,
) -> Search {
    let mut run = new_run(cache, mode, refresh);
    let what = format!("search {term:?}");
    let mut out = Search::default();
    match run.search(IdKind::Search, term, term, limit, &what).await {
        Lookup::Pmids(pmids) => {
            out.records = run
                .records(&pmids)
                .await
                .into_values()
                .filter_map(Result::ok)
                .collect();
        }
        Lookup::NotCached(_) | Lookup::Missing(_) => {}
        Lookup::Failed(e) => out.error = Some(e),
    }
    out.offline_miss = run.offline_misses.into_iter().next();
    out.warnings = run.store.warnings;
    out
}

/// Resolves every source (see the module docs). `claims` supplies reviewers' `added_sources`
/// and the sentences that cite each citation (its topic words).
pub async fn resolve_sources(
    sources: &[Source],
    claims: &[Claim],
    cache: &Cache,
    mode: &Mode,
    refresh: bool,
) -> Resolutions {
    let mut run = new_run(cache, mode, refresh);
    let entries = plan::entries(sources, claims);

    // 1. Identifiers and citations to PMIDs.
    let pmc_ids: Vec<String> = entries
        .iter()
        .filter_map(|(_, plan)| match plan {
            Plan::Id(Identifier::Pmcid(p)) => Some(p.clone()),
            _ => None,
        })
        .collect();
    let pmc = run.lookup_pmc(&pmc_ids).await;
    let mut lookups: Vec<Option<Lookup>> = Vec::with_capacity(entries.len());
    for (_, plan) in &entries {
        let lookup = match plan {
            Plan::NotResearch | Plan::Missing(_) => None,
            Plan::Id(Identifier::Pmid(n)) => Some(Lookup::Pmids(vec![*n])),
            Plan::Id(Identifier::Pmcid(p)) => pmc.get(p).cloned(),
            Plan::Id(Identifier::Doi(d)) => {
                let what = format!("doi:{d}");
                let term = doi_term(d);
                Some(
                    run.search(IdKind::Doi, d, &term, ID_SEARCH_HITS, &what)
                        .await,
                )
            }
            Plan::Id(Identifier::Nbk(n)) => {
                let what = format!("nbk:{n}");
                let term = nbk_term(n);
                Some(
                    run.search(IdKind::Nbk, n, &term, ID_SEARCH_HITS, &what)
                        .await,
                )
            }
            Plan::Citation(q) => Some(run.search_citation(q).await),
        };
        lookups.push(lookup);
    }

    // 2. Every PMID at once: cache first, one batched efetch for the rest.
    let wanted: Vec<u32> = lookups
        .iter()
        .flatten()
        .filter_map(|l| match l {
            Lookup::Pmids(p) => Some(p.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let records = run.records(&wanted).await;

    // 3. Verify and judge each source.
    let sources = entries
        .into_iter()
        .zip(lookups)
        .map(|((head, plan), lookup)| SourceResolution {
            id: head.id,
            kind: head.kind,
            url: head.url,
            text: head.text,
            resolution: judge::judge(plan, lookup, &records),
        })
        .collect();
    Resolutions {
        sources,
        offline_misses: run.offline_misses.into_iter().collect(),
        warnings: run.store.warnings,
    }
}
