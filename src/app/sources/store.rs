//! The cache policy of the sources stage: what is read from the cache and when, what is written
//! back, and what a bad cache file costs (a warning, never the run).
//!
//! `--refresh` skips every read but still writes; an unreadable or unparsable cache file is
//! ignored with a warning and fetched again.

use crate::cache::{Cache, IdKind};
use crate::model::Record;
use crate::pubmed::parse;

/// The cache as the sources stage uses it, with the warnings it gave.
pub(super) struct Store<'a> {
    cache: &'a Cache,
    refresh: bool,
    /// Things worth a line on stderr (a cache file that could not be read or written).
    pub warnings: Vec<String>,
}

impl<'a> Store<'a> {
    pub fn new(cache: &'a Cache, refresh: bool) -> Self {
        Store {
            cache,
            refresh,
            warnings: Vec::new(),
        }
    }

    /// The PMIDs an identifier or search resolved to last time, unless refreshing.
    pub fn idmap(&mut self, kind: IdKind, key: &str) -> Option<Vec<u32>> {
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

    /// Remembers what an identifier or search resolved to.
    pub fn store_idmap(&mut self, kind: IdKind, key: &str, pmids: &[u32]) {
        if let Err(e) = self.cache.write_idmap(kind, key, pmids) {
            self.warnings.push(format!("cannot write {e}"));
        }
    }

    /// A cached record, unless refreshing, if its file holds a record with this PMID that
    /// parses.
    pub fn record(&mut self, pmid: u32) -> Option<Record> {
        if self.refresh {
            return None;
        }
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

    /// Stores a fetched record's XML as it came.
    pub fn store_record(&mut self, pmid: u32, raw: &str) {
        if let Err(e) = self.cache.write_record(pmid, raw.as_bytes()) {
            self.warnings.push(format!("cannot write {e}"));
        }
    }
}
