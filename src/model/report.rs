//! The result of `check`: a verdict and its evidence for every claim, fully resolved so that
//! renderers only format.

use serde::{Deserialize, Serialize};

use super::{ClaimKind, Location, ReviewStatus, Scope, Value};

/// The check report format version.
pub const CHECK_REPORT_VERSION: u32 = 1;

/// Everything `check` found, over one or more articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Report format version (1).
    pub version: u32,
    /// The tolerance used to compare numbers, in percentage points for percentages and as a
    /// relative fraction for other units.
    pub tolerance: Tolerance,
    /// One entry per article, in the order given.
    pub articles: Vec<ArticleReport>,
    /// Verdict counts over all articles.
    pub summary: Summary,
}

/// How far two numbers may be apart and still agree.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tolerance {
    /// Absolute, in percentage points, for `%` values; a percentage must also be within
    /// `relative` of the value (so 64% and 66% agree, 4% and 8% do not).
    pub percentage_points: f64,
    /// Relative (0.1 = 10% of the larger value): the only limit for units other than `%`, and
    /// the second limit for percentages.
    pub relative: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            percentage_points: 5.0,
            relative: 0.1,
        }
    }
}

/// The findings for one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleReport {
    /// The article's path (relative to the current directory when possible) or URL.
    pub path: String,
    /// The article's title.
    pub title: Option<String>,
    /// One finding per checked claim, sorted by line and column.
    pub findings: Vec<Finding>,
}

/// The verdict on one claim and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The claim's id.
    pub claim_id: String,
    /// The claim's kind.
    pub kind: ClaimKind,
    /// The claimed value.
    pub value: Value,
    /// What the claim is about.
    pub subject: String,
    /// The claim's quote.
    pub quote: String,
    /// The article's sentence that holds the quote.
    #[serde(default)]
    pub sentence: String,
    /// Where the claim is.
    pub location: Location,
    /// The verdict.
    pub verdict: Verdict,
    /// One line saying why ("claims 70–80%; Murrough et al. 2013 reports 64% response at 24 h").
    pub reason: String,
    /// The source figures that decided the verdict, best first.
    pub evidence: Vec<Evidence>,
    /// Set when two of the claim's sources disagree with each other.
    pub conflict: Option<String>,
    /// How the claim's sources were attached (see the claims file's `attachment`); absent for
    /// an unsourced claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<super::Attachment>,
    /// The reviewer's status of the claim, from its claims file: `unreviewed`, `accepted`, or
    /// `accepted_with_note` (the reviewer accepts the claim despite its verdict; such a finding
    /// never fails a run). Claims a reviewer rejected or ignored are not reported at all.
    #[serde(default, skip_serializing_if = "is_unreviewed")]
    pub review: ReviewStatus,
    /// The reviewer's note on the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `clinic` for a figure about the clinic itself (its prices, its patients): reported as
    /// `unsourced`, never checked, and never failing a run. Absent for research claims.
    #[serde(default, skip_serializing_if = "Scope::is_research")]
    pub scope: Scope,
}

fn is_unreviewed(s: &ReviewStatus) -> bool {
    *s == ReviewStatus::Unreviewed
}

impl Finding {
    /// Whether the finding can fail a run: a reviewer's `accepted_with_note` waives it, and a
    /// figure about the clinic itself never does.
    pub fn counts_against(&self) -> bool {
        self.review != ReviewStatus::AcceptedWithNote && self.scope != Scope::Clinic
    }
}

/// A figure in a source that bears on a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The source's id in the claims file.
    pub source: String,
    /// The PubMed record's PMID.
    pub pmid: u32,
    /// "Murrough et al. 2013, Am J Psychiatry".
    pub citation: String,
    /// The abstract sentence that states the figure.
    pub sentence: String,
    /// The figure as written in the sentence.
    pub figure: String,
    /// The figure's value.
    pub value: Value,
    /// Whether this figure agrees with the claim.
    pub agrees: bool,
}

/// A claim's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A source states an agreeing figure.
    Supported,
    /// A source states a figure for the same measure that does not agree.
    Differs,
    /// The sources were fetched and none states a figure for this measure.
    NotFound,
    /// The claim has no source at all.
    Unsourced,
    /// A source is linked but cannot be checked.
    Unverifiable,
}

impl Verdict {
    /// Every verdict, in report order.
    pub const ALL: [Verdict; 5] = [
        Verdict::Supported,
        Verdict::Differs,
        Verdict::NotFound,
        Verdict::Unsourced,
        Verdict::Unverifiable,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Differs => "differs",
            Verdict::NotFound => "not_found",
            Verdict::Unsourced => "unsourced",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

impl std::str::FromStr for Verdict {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().replace('-', "_").to_ascii_lowercase();
        Verdict::ALL
            .into_iter()
            .find(|v| v.as_str() == norm)
            .ok_or_else(|| {
                format!("unknown verdict '{s}' (expected supported, differs, not_found, unsourced or unverifiable)")
            })
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Verdict counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Claims checked.
    pub claims: usize,
    /// Supported claims.
    pub supported: usize,
    /// Claims that differ from a source.
    pub differs: usize,
    /// Claims whose sources state nothing on the measure.
    pub not_found: usize,
    /// Claims with no source.
    pub unsourced: usize,
    /// Claims whose sources could not be checked.
    pub unverifiable: usize,
}

impl Summary {
    /// Counts the verdicts of `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            s.claims += 1;
            *s.count_mut(f.verdict) += 1;
        }
        s
    }

    /// The count for one verdict.
    pub fn count(&self, v: Verdict) -> usize {
        match v {
            Verdict::Supported => self.supported,
            Verdict::Differs => self.differs,
            Verdict::NotFound => self.not_found,
            Verdict::Unsourced => self.unsourced,
            Verdict::Unverifiable => self.unverifiable,
        }
    }

    fn count_mut(&mut self, v: Verdict) -> &mut usize {
        match v {
            Verdict::Supported => &mut self.supported,
            Verdict::Differs => &mut self.differs,
            Verdict::NotFound => &mut self.not_found,
            Verdict::Unsourced => &mut self.unsourced,
            Verdict::Unverifiable => &mut self.unverifiable,
        }
    }
}
