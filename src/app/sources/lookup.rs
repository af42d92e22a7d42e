//! The network side of the sources stage: identifiers, citations and searches to PMIDs, and
//! PMIDs to records, each cache first (through [`Store`]) and then one request for everything
//! the cache lacks. Offline, a miss is recorded as such and no socket is ever opened.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::store::Store;
use super::Mode;
use crate::cache::IdKind;
use crate::model::Record;
use crate::resolve::CitationQuery;

/// How many search hits a citation's esearch keeps.
const CITATION_HITS: u32 = 20;

/// The outcome of turning an identifier (or a citation's terms) into PMIDs.
#[derive(Debug, Clone)]
pub(super) enum Lookup {
    /// Found.
    Pmids(Vec<u32>),
    /// Offline, and this identifier or search is not in the cache.
    NotCached(String),
    /// Not found.
    Missing(String),
    /// The request failed.
    Failed(String),
}

/// Why a PMID has no record.
#[derive(Debug, Clone)]
pub(super) enum Absent {
    /// Not in PubMed, or deleted.
    Missing(String),
    /// Offline, and not in the cache (the source id, `pmid:N`).
    NotCached(String),
    /// Its efetch failed.
    Failed(String),
}

/// The state of one resolution run.
pub(super) struct Run<'a> {
    pub store: Store<'a>,
    pub mode: &'a Mode,
    /// Identifiers and searches that were not in the cache while offline.
    pub offline_misses: BTreeSet<String>,
}

impl Run<'_> {
    /// Records that `what` is not in the cache while offline.
    fn offline_miss(&mut self, what: String) -> String {
        self.offline_misses.insert(what.clone());
        what
    }

    /// PMC ids to PMIDs: cache, then one converter call for the rest.
    pub async fn lookup_pmc(&mut self, pmcids: &[String]) -> HashMap<String, Lookup> {
        let mut out = HashMap::new();
        let mut todo = Vec::new();
        for p in pmcids {
            if out.contains_key(p) || todo.contains(p) {
                continue;
            }
            match self.store.idmap(IdKind::Pmc, p) {
                Some(pmids) => {
                    out.insert(
                        p.clone(),
                        found_or_missing(pmids, || format!("{p} is not in PubMed (ID converter)")),
                    );
                }
                None => todo.push(p.clone()),
            }
        }
        if todo.is_empty() {
            return out;
        }
        let client = match self.mode {
            Mode::Online(c) => c,
            Mode::Offline => {
                for p in todo {
                    let what = self.offline_miss(format!("pmc:{p}"));
                    out.insert(p.clone(), Lookup::NotCached(what));
                }
                return out;
            }
        };
        match client.pmc_to_pmid(&todo).await {
            Ok(conversions) => {
                for p in todo {
                    let conv = conversions.iter().find(|c| {
                        c.requested.eq_ignore_ascii_case(&p)
                            || c.pmcid
                                .as_deref()
                                .is_some_and(|x| x.eq_ignore_ascii_case(&p))
                    });
                    let pmids: Vec<u32> = conv.and_then(|c| c.pmid).into_iter().collect();
                    self.store.store_idmap(IdKind::Pmc, &p, &pmids);
                    let why = conv
                        .and_then(|c| c.error.clone())
                        .unwrap_or_else(|| "no PMID".to_owned());
                    out.insert(
                        p.clone(),
                        found_or_missing(pmids, || {
                            format!("{p} is not in PubMed (ID converter: {why})")
                        }),
                    );
                }
            }
            Err(e) => {
                let error = error_chain(&e);
                for p in todo {
                    out.insert(p, Lookup::Failed(error.clone()));
                }
            }
        }
        out
    }

    /// An esearch, cache first. `what` names the identifier in messages.
    pub async fn search(
        &mut self,
        kind: IdKind,
        key: &str,
        term: &str,
        retmax: u32,
        what: &str,
    ) -> Lookup {
        if let Some(pmids) = self.store.idmap(kind, key) {
            return found_or_missing(pmids, || format!("{what} not found in PubMed"));
        }
        let client = match self.mode {
            Mode::Online(c) => c,
            Mode::Offline => return Lookup::NotCached(self.offline_miss(what.to_owned())),
        };
        match client.esearch(term, retmax).await {
            Ok(result) => {
                self.store.store_idmap(kind, key, &result.ids);
                found_or_missing(result.ids, || format!("{what} not found in PubMed"))
            }
            Err(e) => Lookup::Failed(error_chain(&e)),
        }
    }

    /// A citation's terms, most specific first, until one finds something.
    pub async fn search_citation(&mut self, q: &CitationQuery) -> Lookup {
        let mut last = Lookup::Missing("no PubMed record matches the citation".to_owned());
        // A narrower term missing from an offline cache is no miss when a broader one is there.
        let misses_before = self.offline_misses.clone();
        for term in q.terms() {
            let what = format!("search {term:?}");
            match self
                .search(IdKind::Search, &term, &term, CITATION_HITS, &what)
                .await
            {
                not_cached @ Lookup::NotCached(_) => last = not_cached,
                Lookup::Missing(_) => {}
                found_or_failed => {
                    if matches!(found_or_failed, Lookup::Pmids(_)) {
                        self.offline_misses = misses_before;
                    }
                    return found_or_failed;
                }
            }
        }
        last
    }

    /// The records of `pmids`: cache (unless refreshing), then one batched efetch; fetched
    /// records are stored. Absent PMIDs map to why they are absent.
    pub async fn records(&mut self, pmids: &[u32]) -> BTreeMap<u32, Result<Record, Absent>> {
        let mut out: BTreeMap<u32, Result<Record, Absent>> = BTreeMap::new();
        let mut todo = Vec::new();
        for &pmid in pmids {
            if out.contains_key(&pmid) || todo.contains(&pmid) {
                continue;
            }
            match self.store.record(pmid) {
                Some(r) => {
                    out.insert(pmid, Ok(r));
                }
                None => todo.push(pmid),
            }
        }
        if todo.is_empty() {
            return out;
        }
        let client = match self.mode {
            Mode::Online(c) => c,
            Mode::Offline => {
                for pmid in todo {
                    let what = self.offline_miss(format!("pmid:{pmid}"));
                    out.insert(pmid, Err(Absent::NotCached(what)));
                }
                return out;
            }
        };
        let (fetched, failed) = client.efetch_partial(&todo).await;
        for f in fetched.records {
            self.store.store_record(f.record.pmid, &f.raw);
            out.insert(f.record.pmid, Ok(f.record));
        }
        for pmid in fetched.missing {
            let why = if fetched.deleted.contains(&pmid) {
                format!("PMID {pmid} was deleted from PubMed")
            } else {
                format!("PMID {pmid} not found in PubMed")
            };
            out.entry(pmid).or_insert(Err(Absent::Missing(why)));
        }
        for batch in failed {
            let error = error_chain(&batch.error);
            for pmid in batch.pmids {
                out.entry(pmid)
                    .or_insert_with(|| Err(Absent::Failed(error.clone())));
            }
        }
        out
    }
}

fn found_or_missing(pmids: Vec<u32>, reason: impl FnOnce() -> String) -> Lookup {
    if pmids.is_empty() {
        Lookup::Missing(reason())
    } else {
        Lookup::Pmids(pmids)
    }
}

/// An error and its causes on one line ("gave up after 5 attempts: efetch: HTTP 500 from …").
pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}
