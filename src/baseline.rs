//! Baselines: the adoption path for a site that already has findings. `check --write-baseline
//! FILE` records today's findings; `check --baseline FILE` then reports (and fails on) only
//! findings that are not in it, so CI goes green on day one and catches every new problem.
//!
//! A finding is known by its **content**, not its position: the article's path, the verdict,
//! the claim's kind and its quote (white space collapsed, case folded). Editing elsewhere in an
//! article, or moving the claim to another line, keeps it known; changing the number, or a
//! claim that was unsourced now differing from its source, makes it new. Keys are a multiset,
//! so a second identical claim in the same article is new.
//!
//! The file is sorted JSON without line numbers, so it diffs cleanly in review.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{collapse_whitespace, CheckReport, ClaimKind, Summary, Verdict};

/// The baseline file format version.
pub const BASELINE_VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Always [`BASELINE_VERSION`].
    pub version: u32,
    /// The known findings, sorted.
    pub findings: Vec<Entry>,
}

/// One known finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The article's path as the report shows it.
    pub path: String,
    /// The verdict it had.
    pub verdict: Verdict,
    /// The claim's kind.
    pub kind: ClaimKind,
    /// The claim's quote.
    pub quote: String,
}

/// Why a baseline file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// It could not be read.
    #[error("cannot read baseline {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// It is not a valid baseline.
    #[error("{}:{line}:{column}: invalid baseline: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings left out of the report because the baseline knows them.
    pub known: usize,
    /// Baseline entries that no finding matched: fixed, or changed into a new finding.
    pub gone: usize,
}

type Key = (String, Verdict, ClaimKind, String);

fn key(path: &str, verdict: Verdict, kind: ClaimKind, quote: &str) -> Key {
    (
        path.to_owned(),
        verdict,
        kind,
        collapse_whitespace(quote).to_lowercase(),
    )
}

impl Baseline {
    /// The baseline of a report: every finding that is not supported.
    pub fn of(report: &CheckReport) -> Baseline {
        let mut findings: Vec<Entry> = report
            .articles
            .iter()
            .flat_map(|a| a.findings.iter().map(move |f| (a, f)))
            .filter(|(_, f)| f.verdict != Verdict::Supported)
            .map(|(a, f)| Entry {
                path: a.path.clone(),
                verdict: f.verdict,
                kind: f.kind,
                quote: f.quote.clone(),
            })
            .collect();
        findings.sort();
        Baseline {
            version: BASELINE_VERSION,
            findings,
        }
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let invalid = |line, column, message| Error::Invalid {
            path: path.to_owned(),
            line,
            column,
            message,
        };
        let baseline: Baseline = serde_json::from_str(&text)
            .map_err(|e| invalid(e.line(), e.column(), e.to_string()))?;
        if baseline.version != BASELINE_VERSION {
            return Err(invalid(
                1,
                1,
                format!(
                    "version {} is not supported (expected {BASELINE_VERSION})",
                    baseline.version
                ),
            ));
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_owned());
        s.push('\n');
        s
    }

    /// Removes the findings the baseline knows from `report` and recounts its summary.
    pub fn apply(&self, report: &mut CheckReport) -> Applied {
        let mut remaining: BTreeMap<Key, usize> = BTreeMap::new();
        for e in &self.findings {
            *remaining
                .entry(key(&e.path, e.verdict, e.kind, &e.quote))
                .or_default() += 1;
        }
        let mut known = 0;
        for article in &mut report.articles {
            let path = article.path.clone();
            article.findings.retain(|f| {
                let k = key(&path, f.verdict, f.kind, &f.quote);
                match remaining.get_mut(&k) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        known += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        report.summary = Summary::of(report.articles.iter().flat_map(|a| &a.findings));
        Applied {
            known,
            gone: remaining.values().sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sample_report;

    #[test]
    fn known_by_content_not_position() {
        let report = sample_report();
        let baseline = Baseline::of(&report);
        assert_eq!(
            baseline.findings.len(),
            4,
            "every finding that is not supported"
        );
        // The same report, with every claim moved down ten lines: nothing is new.
        let mut moved = report.clone();
        for f in moved.articles.iter_mut().flat_map(|a| &mut a.findings) {
            f.location.line += 10;
            f.location.start += 500;
        }
        let applied = baseline.apply(&mut moved);
        assert_eq!(applied, Applied { known: 4, gone: 0 });
        assert_eq!(
            moved.summary.claims, 2,
            "only the supported findings are left"
        );
        assert_eq!(moved.summary.supported, 2);
    }

    #[test]
    fn a_changed_claim_or_verdict_is_new_and_the_old_entry_gone() {
        let report = sample_report();
        let baseline = Baseline::of(&report);
        let mut changed = report.clone();
        // The editor changed the number: a new finding.
        changed.articles[0].findings[1].quote = "about 55% reach remission".to_owned();
        // Case and spacing do not matter.
        changed.articles[0].findings[2].quote = "Relief  can begin\nwithin hours".to_owned();
        let applied = baseline.apply(&mut changed);
        assert_eq!(applied, Applied { known: 3, gone: 1 });
        let left: Vec<&str> = changed.articles[0]
            .findings
            .iter()
            .filter(|f| f.verdict != Verdict::Supported)
            .map(|f| f.quote.as_str())
            .collect();
        assert_eq!(left, ["about 55% reach remission"]);
    }

    #[test]
    fn a_second_identical_claim_is_new() {
        let report = sample_report();
        let baseline = Baseline::of(&report);
        let mut doubled = report.clone();
        let copy = doubled.articles[0].findings[3].clone();
        doubled.articles[0].findings.push(copy);
        let applied = baseline.apply(&mut doubled);
        assert_eq!(applied.known, 4);
        assert_eq!(doubled.summary.unsourced, 1);
    }

    #[test]
    fn reads_back_and_reports_errors_with_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        let baseline = Baseline::of(&sample_report());
        std::fs::write(&path, baseline.to_json()).unwrap();
        assert_eq!(Baseline::read(&path).unwrap(), baseline);
        std::fs::write(
            &path,
            "{\n  \"version\": 1,\n  \"findings\": [ { \"path\": 3 } ]\n}",
        )
        .unwrap();
        let err = Baseline::read(&path).unwrap_err().to_string();
        assert!(err.contains("baseline.json:3:"), "{err}");
        std::fs::write(&path, r#"{"version": 9, "findings": []}"#).unwrap();
        let err = Baseline::read(&path).unwrap_err().to_string();
        assert!(err.contains("version 9 is not supported"), "{err}");
    }
}
