//! The `compare` report's types: claims from many articles grouped by measure, set against the
//! figures of the literature.
//!
//! These are resolved data for the renderers: grouping, outlier flags, spans and contradictions
//! are decided by `compare` before a renderer sees them. The serde names are a public contract
//! (the `compare` JSON is version [`COMPARE_REPORT_VERSION`]). [`interval_in`] is the one place
//! that turns a claimed [`Value`] into numbers on a measure's axis, so that the grouper, the
//! outlier rule and the plots read a value the same way.

use serde::{Deserialize, Serialize};

use super::{Bound, ClaimKind, Location, Tolerance, Unit, Value};

/// The `compare` report format version this build writes.
pub const COMPARE_REPORT_VERSION: u32 = 1;

/// Claims from many articles, grouped by measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompareReport {
    /// Always [`COMPARE_REPORT_VERSION`].
    pub version: u32,
    /// Every measure, the ones most articles state first (then by key).
    pub measures: Vec<MeasureGroup>,
    /// How many articles were read (including those with no comparable claim).
    pub articles: usize,
    /// How many article rows each measure lists in full; the rest are counted, not listed.
    pub row_limit: usize,
    /// How far apart two figures must be to make an outlier or a contradiction.
    pub tolerance: Tolerance,
}

/// One measure ("ketamine response rate") and everything said about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureGroup {
    /// Stable key: `kind/topic`, e.g. `response_rate/ketamine`, `prevalence/trd`; a unit suffix
    /// (`dose/esketamine/mg`) when the unit is not the kind's usual one.
    pub key: String,
    /// What the number measures.
    pub kind: ClaimKind,
    /// A human label: "ketamine response rate", "TRD prevalence".
    pub label: String,
    /// The unit of [`MeasureGroup::span`] and [`MeasureGroup::literature_span`]: `%`, `hours` for every
    /// time measure (claims keep the unit they were stated in), or the claims' own unit.
    pub unit: Unit,
    /// Article claims in article then line order: at most [`CompareReport::row_limit`], the first
    /// ones read.
    pub claims: Vec<ArticleClaim>,
    /// How many claims the articles made about this measure, listed or not.
    pub claims_total: usize,
    /// How many claims are counted in [`MeasureGroup::claims_total`] but not listed (over the limit).
    pub claims_omitted: usize,
    /// How many distinct articles made a claim, listed or not.
    pub articles: usize,
    /// Figures from the literature, by PMID.
    pub literature: Vec<LiteratureFigure>,
    /// Literature figures found but not listed (over [`CompareReport::row_limit`]); they still
    /// count in [`MeasureGroup::literature_span`].
    pub literature_omitted: usize,
    /// Lowest low and highest high over every claim with a number (listed or not), in
    /// [`MeasureGroup::unit`].
    pub span: Option<(f64, f64)>,
    /// Lowest low and highest high over the literature figures, in [`MeasureGroup::unit`].
    pub literature_span: Option<(f64, f64)>,
    /// How many listed claims are outliers.
    pub outliers: usize,
    /// Pairs of articles whose claims cannot both be true.
    pub contradictions: Vec<Contradiction>,
    /// Contradicting pairs found but not listed (over the list's cap).
    pub contradictions_omitted: usize,
}

/// One article's claim about a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleClaim {
    /// The article's path or URL.
    pub article: String,
    /// The claim's id in the article's claims.
    pub claim_id: String,
    /// The shortest phrase that states the number.
    pub quote: String,
    /// The number as the article states it (its own unit).
    pub value: Value,
    /// Where the quote is in the article.
    pub location: Location,
    /// The article's word for the measure when it is a synonym grouped under it ("success rate"
    /// under response rate, "recovery" under remission).
    pub synonym: Option<String>,
    /// The claim lies entirely outside the range of the measure's literature figures, by more
    /// than [`CompareReport::tolerance`].
    pub outlier: bool,
}

/// A figure for a measure found in a PubMed abstract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiteratureFigure {
    /// The record's PMID.
    pub pmid: u32,
    /// "Murrough et al. 2013, Am J Psychiatry".
    pub citation: String,
    /// The study design from the publication types ("Randomized Controlled Trial",
    /// "Meta-Analysis", "Systematic Review"; "Journal Article" when nothing more specific).
    pub design: String,
    /// Participants, when the abstract states them.
    pub n: Option<u32>,
    /// The time point the figure refers to ("at 24 hours").
    pub time_point: Option<Value>,
    /// The figure.
    pub value: Value,
    /// The abstract's sentence that states it.
    pub sentence: String,
    /// Articles that cite the record, sorted; empty for a search candidate no article cites.
    pub cited_by: Vec<String>,
    /// Articles citing the record beyond those listed in [`LiteratureFigure::cited_by`].
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cited_by_omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Two articles whose claims about one measure do not overlap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    /// The first article (in sorted order).
    pub a: String,
    /// The second article.
    pub b: String,
    /// "a claims 70–80% (line 12); b claims 30% (line 4)".
    pub note: String,
}

/// A value as numbers on a measure's axis: `[low, high]`, each end possibly open (a bound).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower end, in the measure's unit.
    pub low: f64,
    /// Upper end, in the measure's unit.
    pub high: f64,
    /// "at most", "less than": nothing is claimed about how low it goes.
    pub open_low: bool,
    /// "at least", "more than": nothing is claimed about how high it goes.
    pub open_high: bool,
}

impl Interval {
    /// Whether the two intervals share a point, open ends reaching to infinity.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let (alo, ahi) = self.reach();
        let (blo, bhi) = other.reach();
        alo <= bhi && blo <= ahi
    }

    /// The ends with open sides pushed to infinity.
    pub fn reach(&self) -> (f64, f64) {
        let lo = if self.open_low {
            f64::NEG_INFINITY
        } else {
            self.low
        };
        let hi = if self.open_high {
            f64::INFINITY
        } else {
            self.high
        };
        (lo, hi)
    }
}

/// `value` as an interval in `unit`, or `None` for a vague value, a non-finite number, or a
/// unit that does not convert to `unit` (time units convert to each other; nothing else does).
///
/// A bound keeps its number as both ends and opens the far side: "at least 60%" is `[60, 60]`
/// open high. Percentages never reach beyond 0–100, so their open ends stop there.
pub fn interval_in(value: &Value, unit: Unit) -> Option<Interval> {
    let factor = if value.unit == unit {
        1.0
    } else {
        value.unit.hours()? / unit.hours()?
    };
    let (lo, hi) = match (value.low, value.high) {
        (Some(l), Some(h)) => (l.min(h), l.max(h)),
        (Some(v), None) | (None, Some(v)) => (v, v),
        (None, None) => return None,
    };
    if !lo.is_finite() || !hi.is_finite() {
        return None;
    }
    let (open_low, open_high) = match value.bound {
        Some(Bound::AtLeast | Bound::MoreThan) => (false, unit != Unit::Percent || hi < 100.0),
        Some(Bound::AtMost | Bound::LessThan) => (unit != Unit::Percent || lo > 0.0, false),
        None => (false, false),
    };
    Some(Interval {
        low: lo * factor,
        high: hi * factor,
        open_low,
        open_high,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_values_convert_to_the_measure_unit() {
        let i = interval_in(&Value::range(1.0, 2.0, Unit::Days), Unit::Hours).unwrap();
        assert_eq!((i.low, i.high), (24.0, 48.0));
        assert!(interval_in(&Value::point(3.0, Unit::Mg), Unit::Hours).is_none());
        assert!(interval_in(&Value::vague(Unit::Hours), Unit::Hours).is_none());
    }

    #[test]
    fn bounds_open_the_far_side() {
        let at_least = Value {
            bound: Some(Bound::AtLeast),
            ..Value::point(60.0, Unit::Percent)
        };
        let i = interval_in(&at_least, Unit::Percent).unwrap();
        assert!(i.open_high && !i.open_low);
        let fifty = interval_in(&Value::point(50.0, Unit::Percent), Unit::Percent).unwrap();
        let sixty_five = interval_in(&Value::point(65.0, Unit::Percent), Unit::Percent).unwrap();
        assert!(!i.overlaps(&fifty));
        assert!(i.overlaps(&sixty_five));
        let up_to = Value {
            bound: Some(Bound::AtMost),
            ..Value::point(70.0, Unit::Percent)
        };
        let j = interval_in(&up_to, Unit::Percent).unwrap();
        assert!(j.open_low && j.overlaps(&fifty));
        assert!(i.overlaps(&j));
        let thirty = interval_in(&Value::point(30.0, Unit::Percent), Unit::Percent).unwrap();
        assert!(!i.overlaps(&thirty));
    }
}
