//! What a source resolved to: the PubMed record it names, the candidates for a citation in
//! words, or why there is none. Built by the sources stage (`app::sources`), read by `check`,
//! `compare` and the `fetch` renderers (`report::fetch`).

use super::{Record, SourceKind};

/// One source and what it resolved to.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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
    /// Offline, and what the source needs (`pmid:1`, `doi:10.…`, a search) is not in the cache.
    NotCached {
        /// The identifier or search that is missing.
        what: String,
    },
    /// No record: not found, or an identifier mismatch.
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
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Its PMID.
    pub pmid: u32,
    /// The record.
    pub record: Box<Record>,
    /// How well it matches (see `resolve::score`).
    pub score: f64,
    /// Why it matched.
    pub why: Vec<String>,
}

impl Resolution {
    /// The status word used in the table and JSON: `resolved`, `inferred`, `not_research`,
    /// `missing` (offline misses included), `failed`.
    pub fn status(&self) -> &'static str {
        match self {
            Resolution::Resolved { .. } => "resolved",
            Resolution::Inferred { .. } => "inferred",
            Resolution::NotResearch => "not_research",
            Resolution::NotCached { .. } | Resolution::Missing { .. } => "missing",
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

    /// Why there is no record, for a missing, uncached or failed source.
    pub fn problem(&self) -> Option<String> {
        match self {
            Resolution::NotCached { what } => Some(format!("offline: {what} is not in the cache")),
            Resolution::Missing { reason } => Some(reason.clone()),
            Resolution::Failed { error } => Some(error.clone()),
            _ => None,
        }
    }
}
