//! Judging what a lookup found: is the fetched record the one the identifier names (its own
//! DOI, PMC id or Bookshelf accession must match), and which records may be the one a citation
//! in words means. Pure: records come in already fetched.

use std::collections::BTreeMap;

use super::lookup::{Absent, Lookup};
use super::plan::Plan;
use crate::model::{Candidate, Identifier, Record, Resolution};
use crate::pubmed::client::{doi_matches, nbk_matches};
use crate::resolve::{self, CitationQuery};

/// How many candidates an inferred source lists.
const MAX_CANDIDATES: usize = 5;

/// The resolution of one planned source, given its lookup and every fetched record.
pub(super) fn judge(
    plan: Plan,
    lookup: Option<Lookup>,
    records: &BTreeMap<u32, Result<Record, Absent>>,
) -> Resolution {
    match (plan, lookup) {
        (Plan::NotResearch, _) => Resolution::NotResearch,
        (Plan::Missing(reason), _) => Resolution::Missing { reason },
        (_, None) => Resolution::Missing {
            reason: "nothing to look up".to_owned(),
        },
        (_, Some(Lookup::NotCached(what))) => Resolution::NotCached { what },
        (_, Some(Lookup::Missing(reason))) => Resolution::Missing { reason },
        (_, Some(Lookup::Failed(error))) => Resolution::Failed { error },
        (Plan::Id(id), Some(Lookup::Pmids(pmids))) => judge_id(&id, &pmids, records),
        (Plan::Citation(q), Some(Lookup::Pmids(pmids))) => judge_citation(&q, &pmids, records),
    }
}

impl Absent {
    fn to_resolution(&self) -> Resolution {
        match self {
            Absent::Missing(reason) => Resolution::Missing {
                reason: reason.clone(),
            },
            Absent::NotCached(what) => Resolution::NotCached { what: what.clone() },
            Absent::Failed(error) => Resolution::Failed {
                error: error.clone(),
            },
        }
    }
}

/// The records of `pmids` that were fetched (absent ones left out), in `pmids` order.
fn fetched<'r>(
    pmids: &[u32],
    records: &'r BTreeMap<u32, Result<Record, Absent>>,
) -> Vec<&'r Record> {
    pmids
        .iter()
        .filter_map(|p| records.get(p).and_then(|r| r.as_ref().ok()))
        .collect()
}

/// Judges an identifier's records: the record itself, verified against the identifier.
fn judge_id(
    id: &Identifier,
    pmids: &[u32],
    records: &BTreeMap<u32, Result<Record, Absent>>,
) -> Resolution {
    let got = fetched(pmids, records);
    let verified = got.iter().find(|r| match id {
        Identifier::Pmid(n) => r.pmid == *n,
        // The ID converter is authoritative; a record that names another PMC id is not it.
        Identifier::Pmcid(p) => r.pmcid.as_deref().is_none_or(|x| x.eq_ignore_ascii_case(p)),
        Identifier::Doi(d) => doi_matches(r, d),
        Identifier::Nbk(n) => nbk_matches(r, n),
    });
    if let Some(r) = verified {
        return Resolution::Resolved {
            pmid: r.pmid,
            record: Box::new((*r).clone()),
        };
    }
    if let Some(first) = got.first() {
        let theirs = match id {
            Identifier::Doi(_) => first.doi.clone(),
            Identifier::Nbk(_) => first.book_accession.clone(),
            Identifier::Pmcid(_) => first.pmcid.clone(),
            Identifier::Pmid(_) => Some(first.pmid.to_string()),
        };
        return Resolution::Missing {
            reason: format!(
                "{id} mismatch: PubMed's hit PMID {} has {}, not {id}",
                first.pmid,
                theirs.unwrap_or_else(|| "no such id".to_owned())
            ),
        };
    }
    // Nothing fetched: say why, preferring a failure over a plain miss.
    match pmids
        .iter()
        .find_map(|p| records.get(p).and_then(|r| r.as_ref().err()))
    {
        Some(absent) => absent.to_resolution(),
        None => Resolution::Missing {
            reason: format!("{id} not found in PubMed"),
        },
    }
}

/// Judges a citation's search hits: the records that match it well enough, best first.
fn judge_citation(
    q: &CitationQuery,
    pmids: &[u32],
    records: &BTreeMap<u32, Result<Record, Absent>>,
) -> Resolution {
    let got = fetched(pmids, records);
    let ranked = resolve::rank(q, got.iter().copied(), MAX_CANDIDATES);
    if ranked.is_empty() {
        if got.is_empty() {
            if let Some(Err(absent)) = pmids.iter().find_map(|p| records.get(p)) {
                return absent.to_resolution();
            }
        }
        return Resolution::Missing {
            reason: "no PubMed record matches the citation".to_owned(),
        };
    }
    let candidates = ranked
        .into_iter()
        .filter_map(|r| {
            let record = got.iter().find(|rec| rec.pmid == r.pmid)?;
            Some(Candidate {
                pmid: r.pmid,
                record: Box::new((*record).clone()),
                score: r.score,
                why: r.why,
            })
        })
        .collect();
    Resolution::Inferred { candidates }
}
