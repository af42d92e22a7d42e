//! Resolves an article's sources to PubMed records: identifier → PMID → record, cache first.
//!
//! In: the sources of a claims file (and the claims, for reviewers' `added_sources` and the
//! sentences that cite a source), a [`Cache`], a [`Mode`] and the refresh flag. Out: one
//! [`SourceResolution`] per source, in order, then one per added identifier. Per-source
//! failures are data ([`Resolution::Missing`], [`Resolution::Failed`]), never an abort.
//! Also the pure renderers of the `fetch` command (table and JSON). Never prints.
//!
//! All PMIDs are fetched in one batched efetch after every lookup is done, so an article with
//! 40 PubMed links costs one request, not 40.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;

use crate::cache::{Cache, IdKind};
use crate::model::{Claim, Identifier, Record, Source, SourceKind};
use crate::pubmed::client::{doi_matches, doi_term, nbk_matches, nbk_term};
use crate::pubmed::{parse, Client};
use crate::resolve::{self, CitationQuery};

/// Where records come from.
#[derive(Debug, Clone)]
pub enum Mode {
    /// The cache, then NCBI for what the cache lacks.
    Online(Client),
    /// The cache only: no socket is ever opened, and a miss is reported as such.
    Offline,
}

/// How many search hits a citation's esearch keeps.
const CITATION_HITS: u32 = 20;
/// How many candidates an inferred source lists.
const MAX_CANDIDATES: usize = 5;
/// How many hits of a DOI or Bookshelf search are fetched to verify.
const ID_SEARCH_HITS: u32 = 5;

/// One source and what it resolved to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceResolution {
    /// The source id (`pmid:…`, `doi:…`, `cite:…`), or the added identifier's source id.
    pub id: String,
    /// The source's kind.
    pub kind: SourceKind,
    /// The link, if the source is one.
    pub url: Option<String>,
    /// The anchor text or citation words (for an added identifier, what the reviewer wrote).
    pub text: String,
    /// What it resolved to.
    pub resolution: Resolution,
}

/// What a source resolved to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Resolution {
    /// The record the source identifies.
    Resolved {
        /// Its PMID.
        pmid: u32,
        /// The record.
        record: Box<Record>,
    },
    /// A citation in words: records that may be the one meant, best first. A guess, never to
    /// be taken as the article's own source without review.
    Inferred {
        /// The candidates.
        candidates: Vec<Candidate>,
    },
    /// A web page that is not a research record: not fetched.
    NotResearch,
    /// No record: not in the cache while offline, not found, or an identifier mismatch.
    Missing {
        /// Why, naming the identifier.
        reason: String,
    },
    /// A request failed.
    Failed {
        /// The error, without the API key.
        error: String,
    },
}

/// A record that may be the one a citation names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Its PMID.
    pub pmid: u32,
    /// The record.
    pub record: Box<Record>,
    /// How well it matches (see [`resolve::score`]).
    pub score: f64,
    /// Why it matched.
    pub why: Vec<String>,
}

/// The resolutions and what the app should tell the user.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolutions {
    /// One per source, then one per added identifier.
    pub sources: Vec<SourceResolution>,
    /// Identifiers that were not in the cache while offline (`pmid:1`, `doi:10.…`), sorted;
    /// the app makes a non-empty list a hard error.
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

/// Runs an esearch for `term` (cache first; stored like citation searches) and fetches up to
/// `limit` of its records the same way sources are fetched.
pub async fn search_records(
    term: &str,
    limit: u32,
    cache: &Cache,
    mode: &Mode,
    refresh: bool,
) -> Search {
    let mut run = Run {
        cache,
        mode,
        refresh,
        offline_misses: BTreeSet::new(),
        warnings: Vec::new(),
    };
    let what = format!("search {term:?}");
    let mut out = Search::default();
    match run.search(IdKind::Search, term, term, limit, &what).await {
        Lookup::Pmids(pmids) => {
            for (_, record) in run.records(&pmids).await {
                if let Ok(r) = record {
                    out.records.push(r);
                }
            }
        }
        Lookup::Missing(_) => {}
        Lookup::Failed(e) => out.error = Some(e),
    }
    out.offline_miss = run.offline_misses.into_iter().next();
    out.warnings = run.warnings;
    out
}

/// What must be looked up for one source.
#[derive(Debug, Clone)]
enum Plan {
    NotResearch,
    Missing(String),
    Id(Identifier),
    Citation(CitationQuery),
}

/// The outcome of turning an identifier (or a citation's terms) into PMIDs.
#[derive(Debug, Clone)]
enum Lookup {
    Pmids(Vec<u32>),
    Missing(String),
    Failed(String),
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
    let mut run = Run {
        cache,
        mode,
        refresh,
        offline_misses: BTreeSet::new(),
        warnings: Vec::new(),
    };
    let entries = entries(sources, claims);

    // 1. Identifiers and citations to PMIDs.
    let mut lookups: Vec<Option<Lookup>> = Vec::with_capacity(entries.len());
    let pmc_ids: Vec<String> = entries
        .iter()
        .filter_map(|(_, plan)| match plan {
            Plan::Id(Identifier::Pmcid(p)) => Some(p.clone()),
            _ => None,
        })
        .collect();
    let pmc = run.lookup_pmc(&pmc_ids).await;
    for (_, plan) in &entries {
        let lookup = match plan {
            Plan::NotResearch | Plan::Missing(_) => None,
            Plan::Id(Identifier::Pmid(n)) => Some(Lookup::Pmids(vec![*n])),
            Plan::Id(Identifier::Pmcid(p)) => pmc.get(p).cloned(),
            Plan::Id(Identifier::Doi(d)) => Some(
                run.search(
                    IdKind::Doi,
                    d,
                    &doi_term(d),
                    ID_SEARCH_HITS,
                    &format!("doi:{d}"),
                )
                .await,
            ),
            Plan::Id(Identifier::Nbk(n)) => Some(
                run.search(
                    IdKind::Nbk,
                    n,
                    &nbk_term(n),
                    ID_SEARCH_HITS,
                    &format!("nbk:{n}"),
                )
                .await,
            ),
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
    let mut out = Vec::with_capacity(entries.len());
    for ((head, plan), lookup) in entries.into_iter().zip(lookups) {
        let resolution = match (plan, lookup) {
            (Plan::NotResearch, _) => Resolution::NotResearch,
            (Plan::Missing(reason), _) => Resolution::Missing { reason },
            (_, None) => Resolution::Missing {
                reason: "nothing to look up".to_owned(),
            },
            (_, Some(Lookup::Missing(reason))) => Resolution::Missing { reason },
            (_, Some(Lookup::Failed(error))) => Resolution::Failed { error },
            (Plan::Id(id), Some(Lookup::Pmids(pmids))) => judge_id(&id, &pmids, &records),
            (Plan::Citation(q), Some(Lookup::Pmids(pmids))) => judge_citation(&q, &pmids, &records),
        };
        out.push(SourceResolution {
            id: head.id,
            kind: head.kind,
            url: head.url,
            text: head.text,
            resolution,
        });
    }
    Resolutions {
        sources: out,
        offline_misses: run.offline_misses.into_iter().collect(),
        warnings: run.warnings,
    }
}

/// A source's identity in the output.
struct Head {
    id: String,
    kind: SourceKind,
    url: Option<String>,
    text: String,
}

/// The sources, then reviewers' added identifiers that are not already sources, each with
/// what must be looked up.
fn entries(sources: &[Source], claims: &[Claim]) -> Vec<(Head, Plan)> {
    let mut out = Vec::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for s in sources {
        ids.insert(s.id.clone());
        let plan = match s.kind {
            SourceKind::Web => Plan::NotResearch,
            SourceKind::Citation => {
                let context: Vec<&str> = claims
                    .iter()
                    .filter(|c| c.sources.contains(&s.id))
                    .map(|c| c.sentence.as_str())
                    .collect();
                let q = resolve::citation_query(&s.text, &context);
                if q.is_searchable() {
                    Plan::Citation(q)
                } else {
                    Plan::Missing(format!(
                        "citation too vague to search (needs two of journal, first author, \
                         year): {:?}",
                        s.text
                    ))
                }
            }
            _ => match Identifier::parse(&s.id)
                .or_else(|| s.url.as_deref().and_then(Identifier::parse))
            {
                Some(id) => Plan::Id(id),
                None => Plan::Missing(format!("no PubMed, PMC, DOI or Bookshelf id in {}", s.id)),
            },
        };
        out.push((
            Head {
                id: s.id.clone(),
                kind: s.kind,
                url: s.url.clone(),
                text: s.text.clone(),
            },
            plan,
        ));
    }
    for added in claims.iter().flat_map(|c| &c.added_sources) {
        let added = added.trim();
        if ids.contains(added) {
            continue;
        }
        let (id, kind, plan) = match Identifier::parse(added) {
            Some(ident) => (ident.source_id(), ident.kind(), Plan::Id(ident)),
            None if added.starts_with("http://") || added.starts_with("https://") => {
                (added.to_owned(), SourceKind::Web, Plan::NotResearch)
            }
            None => (
                added.to_owned(),
                SourceKind::Web,
                Plan::Missing(format!("not a source id or identifier: {added:?}")),
            ),
        };
        if !ids.insert(id.clone()) {
            continue;
        }
        out.push((
            Head {
                id,
                kind,
                url: added.starts_with("http").then(|| added.to_owned()),
                text: added.to_owned(),
            },
            plan,
        ));
    }
    out
}

/// The state of one resolution run.
struct Run<'a> {
    cache: &'a Cache,
    mode: &'a Mode,
    refresh: bool,
    offline_misses: BTreeSet<String>,
    warnings: Vec<String>,
}

impl Run<'_> {
    fn cached_idmap(&mut self, kind: IdKind, key: &str) -> Option<Vec<u32>> {
        if self.refresh {
            return None;
        }
        match self.cache.read_idmap(kind, key) {
            Ok(v) => v,
            Err(e) => {
                self.warnings.push(format!("ignoring unreadable {e}"));
                None
            }
        }
    }

    fn store_idmap(&mut self, kind: IdKind, key: &str, pmids: &[u32]) {
        if let Err(e) = self.cache.write_idmap(kind, key, pmids) {
            self.warnings.push(format!("cannot write {e}"));
        }
    }

    /// Records that `what` is not in the cache while offline, and says so.
    fn offline_miss(&mut self, what: String) -> String {
        let reason = format!("offline: {what} is not in the cache");
        self.offline_misses.insert(what);
        reason
    }

    /// PMC ids to PMIDs: cache, then one converter call for the rest.
    async fn lookup_pmc(&mut self, pmcids: &[String]) -> HashMap<String, Lookup> {
        let mut out = HashMap::new();
        let mut todo = Vec::new();
        for p in pmcids {
            if out.contains_key(p) || todo.contains(p) {
                continue;
            }
            match self.cached_idmap(IdKind::Pmc, p) {
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
                    let reason = self.offline_miss(format!("pmc:{p}"));
                    out.insert(p.clone(), Lookup::Missing(reason));
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
                    self.store_idmap(IdKind::Pmc, &p, &pmids);
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
    async fn search(
        &mut self,
        kind: IdKind,
        key: &str,
        term: &str,
        retmax: u32,
        what: &str,
    ) -> Lookup {
        if let Some(pmids) = self.cached_idmap(kind, key) {
            return found_or_missing(pmids, || format!("{what} not found in PubMed"));
        }
        let client = match self.mode {
            Mode::Online(c) => c,
            Mode::Offline => {
                return Lookup::Missing(self.offline_miss(what.to_owned()));
            }
        };
        match client.esearch(term, retmax).await {
            Ok(result) => {
                self.store_idmap(kind, key, &result.ids);
                found_or_missing(result.ids, || format!("{what} not found in PubMed"))
            }
            Err(e) => Lookup::Failed(error_chain(&e)),
        }
    }

    /// A citation's terms, most specific first, until one finds something.
    async fn search_citation(&mut self, q: &CitationQuery) -> Lookup {
        let mut last = Lookup::Missing("no PubMed record matches the citation".to_owned());
        // A narrower term missing from an offline cache is no miss when a broader one is there.
        let misses_before = self.offline_misses.clone();
        for term in q.terms() {
            let what = format!("search {term:?}");
            match self
                .search(IdKind::Search, &term, &term, CITATION_HITS, &what)
                .await
            {
                Lookup::Missing(reason) if reason.starts_with("offline:") => {
                    last = Lookup::Missing(reason);
                }
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
    async fn records(&mut self, pmids: &[u32]) -> BTreeMap<u32, Result<Record, Absent>> {
        let mut out: BTreeMap<u32, Result<Record, Absent>> = BTreeMap::new();
        let mut todo = Vec::new();
        for &pmid in pmids {
            if out.contains_key(&pmid) || todo.contains(&pmid) {
                continue;
            }
            match (!self.refresh).then(|| self.cached_record(pmid)).flatten() {
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
                    let reason = self.offline_miss(format!("pmid:{pmid}"));
                    out.insert(pmid, Err(Absent::Missing(reason)));
                }
                return out;
            }
        };
        let (fetched, failed) = client.efetch_partial(&todo).await;
        for f in fetched.records {
            if let Err(e) = self.cache.write_record(f.record.pmid, f.raw.as_bytes()) {
                self.warnings.push(format!("cannot write {e}"));
            }
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

    /// A cached record, if its file holds a record with this PMID that parses.
    fn cached_record(&mut self, pmid: u32) -> Option<Record> {
        let bytes = match self.cache.read_record(pmid) {
            Ok(b) => b?,
            Err(e) => {
                self.warnings.push(format!("ignoring unreadable {e}"));
                return None;
            }
        };
        match parse::parse(&bytes) {
            Ok(parsed) => parsed
                .records
                .into_iter()
                .map(|p| p.record)
                .find(|r| r.pmid == pmid),
            Err(e) => {
                self.warnings.push(format!(
                    "ignoring cache file {}: {e}",
                    self.cache.record_path(pmid).display()
                ));
                None
            }
        }
    }
}

/// Why a PMID has no record.
#[derive(Debug, Clone)]
enum Absent {
    /// Not in PubMed, deleted, or not in the cache while offline.
    Missing(String),
    /// Its efetch failed.
    Failed(String),
}

impl Absent {
    fn to_resolution(&self) -> Resolution {
        match self {
            Absent::Missing(reason) => Resolution::Missing {
                reason: reason.clone(),
            },
            Absent::Failed(error) => Resolution::Failed {
                error: error.clone(),
            },
        }
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
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
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

impl Resolution {
    /// The status word used in the table and JSON: `resolved`, `inferred`, `not_research`,
    /// `missing`, `failed`.
    pub fn status(&self) -> &'static str {
        match self {
            Resolution::Resolved { .. } => "resolved",
            Resolution::Inferred { .. } => "inferred",
            Resolution::NotResearch => "not_research",
            Resolution::Missing { .. } => "missing",
            Resolution::Failed { .. } => "failed",
        }
    }

    /// The record shown for a source: the resolved one, or the best candidate.
    pub fn record(&self) -> Option<&Record> {
        match self {
            Resolution::Resolved { record, .. } => Some(record),
            Resolution::Inferred { candidates } => candidates.first().map(|c| &*c.record),
            _ => None,
        }
    }
}

/// The most telling publication type: a design ("Randomized Controlled Trial", "Meta-Analysis")
/// before the generic "Journal Article".
fn main_publication_type(types: &[String]) -> Option<String> {
    const GENERIC: &[&str] = &[
        "Journal Article",
        "Research Support, N.I.H., Extramural",
        "English Abstract",
    ];
    types
        .iter()
        .find(|t| !GENERIC.contains(&t.as_str()) && !t.starts_with("Research Support"))
        .or_else(|| types.first())
        .cloned()
}

/// Renders the `fetch` command's table: source, kind, PMID, year, journal, title, publication
/// type, status. For an inferred source the row shows the best candidate.
pub fn render_table(sources: &[SourceResolution]) -> String {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header([
            "source", "kind", "pmid", "year", "journal", "title", "type", "status",
        ]);
    for s in sources {
        let record = s.resolution.record();
        let status = match &s.resolution {
            Resolution::Inferred { candidates } => {
                format!("inferred ({} candidates)", candidates.len())
            }
            Resolution::NotResearch => "not a research source, not fetched".to_owned(),
            Resolution::Missing { reason } => format!("missing: {reason}"),
            Resolution::Failed { error } => format!("failed: {error}"),
            Resolution::Resolved { .. } => "resolved".to_owned(),
        };
        table.add_row([
            truncate(&s.id, 40),
            s.kind.as_str().to_owned(),
            record.map(|r| r.pmid.to_string()).unwrap_or_default(),
            record
                .and_then(|r| r.pub_date.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            record
                .and_then(|r| r.journal_iso.clone().or_else(|| r.journal.clone()))
                .map(|j| truncate(&j, 24))
                .unwrap_or_default(),
            record.map(|r| truncate(&r.title, 50)).unwrap_or_default(),
            record
                .and_then(|r| main_publication_type(&r.publication_types))
                .unwrap_or_default(),
            truncate(&status, 60),
        ]);
    }
    let mut out = table.to_string();
    out.push('\n');
    out
}

/// The version of the `fetch` JSON document.
pub const FETCH_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct FetchJson<'a> {
    version: u32,
    sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    id: &'a str,
    kind: SourceKind,
    url: Option<&'a str>,
    text: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pmid: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<RecordJson<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidates: Vec<CandidateJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct CandidateJson<'a> {
    pmid: u32,
    score: f64,
    why: &'a [String],
    record: RecordJson<'a>,
}

#[derive(Serialize)]
struct RecordJson<'a> {
    title: &'a str,
    journal: Option<&'a str>,
    year: Option<u16>,
    publication_types: &'a [String],
    doi: Option<&'a str>,
    pmcid: Option<&'a str>,
}

fn record_json(r: &Record) -> RecordJson<'_> {
    RecordJson {
        title: &r.title,
        journal: r.journal_iso.as_deref().or(r.journal.as_deref()),
        year: r.pub_date.year,
        publication_types: &r.publication_types,
        doi: r.doi.as_deref(),
        pmcid: r.pmcid.as_deref(),
    }
}

/// Renders the `fetch` command's JSON: `{"version":1,"sources":[…]}`, pretty-printed, in
/// source order, ending with a newline.
pub fn render_json(sources: &[SourceResolution]) -> String {
    let doc = FetchJson {
        version: FETCH_JSON_VERSION,
        sources: sources
            .iter()
            .map(|s| {
                let (pmid, record, candidates, reason) = match &s.resolution {
                    Resolution::Resolved { pmid, record } => {
                        (Some(*pmid), Some(record_json(record)), Vec::new(), None)
                    }
                    Resolution::Inferred { candidates } => (
                        None,
                        None,
                        candidates
                            .iter()
                            .map(|c| CandidateJson {
                                pmid: c.pmid,
                                score: (c.score * 10.0).round() / 10.0,
                                why: &c.why,
                                record: record_json(&c.record),
                            })
                            .collect(),
                        None,
                    ),
                    Resolution::NotResearch => (None, None, Vec::new(), None),
                    Resolution::Missing { reason } => {
                        (None, None, Vec::new(), Some(reason.as_str()))
                    }
                    Resolution::Failed { error } => (None, None, Vec::new(), Some(error.as_str())),
                };
                SourceJson {
                    id: &s.id,
                    kind: s.kind,
                    url: s.url.as_deref(),
                    text: &s.text,
                    status: s.resolution.status(),
                    pmid,
                    record,
                    candidates,
                    reason,
                }
            })
            .collect(),
    };
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    out.push('\n');
    out
}

/// At most `max` characters, with "…" when cut (never splits a character).
fn truncate(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(id: &str, kind: SourceKind, resolution: Resolution) -> SourceResolution {
        SourceResolution {
            id: id.into(),
            kind,
            url: None,
            text: "t".into(),
            resolution,
        }
    }

    #[test]
    fn json_is_versioned_and_names_the_status() {
        let record = Record {
            pmid: 7,
            title: "A trial".into(),
            journal_iso: Some("Am J Psychiatry".into()),
            publication_types: vec!["Randomized Controlled Trial".into()],
            ..Record::default()
        };
        let sources = [
            res(
                "pmid:7",
                SourceKind::Pubmed,
                Resolution::Resolved {
                    pmid: 7,
                    record: Box::new(record),
                },
            ),
            res("web:1", SourceKind::Web, Resolution::NotResearch),
            res(
                "doi:10.1/x",
                SourceKind::Doi,
                Resolution::Missing {
                    reason: "doi:10.1/x not found in PubMed".into(),
                },
            ),
        ];
        let json = render_json(&sources);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["sources"][0]["status"], "resolved");
        assert_eq!(v["sources"][0]["pmid"], 7);
        assert_eq!(v["sources"][0]["record"]["journal"], "Am J Psychiatry");
        assert_eq!(v["sources"][1]["status"], "not_research");
        assert_eq!(v["sources"][2]["reason"], "doi:10.1/x not found in PubMed");
        assert!(json.ends_with("}\n"));

        let table = render_table(&sources);
        let lines: Vec<&str> = table.lines().collect();
        assert!(
            lines[1].contains("source") && lines[1].contains("status"),
            "{table}"
        );
        assert!(table.contains("Randomized Controlled Trial"));
        assert!(table.contains("not a research source, not fetched"));
        assert!(table.contains("missing: doi:10.1/x not found in PubMed"));
    }

    #[test]
    fn truncates_on_characters() {
        assert_eq!(truncate("ééééé", 3), "éé…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
