//! `claimcheck compare`: groups the claims of many articles by measure and sets them against the
//! figures of the literature.
//!
//! In: each article's claims, one article at a time ([`Grouper::add_article`]), and literature
//! figures already keyed to a measure ([`Grouper::add_literature`]), in any order. Out: a
//! [`CompareReport`] from [`Grouper::finish`], fully resolved for the renderers (measures by how
//! many articles state them, then by key; claims by article then line, outliers flagged, contradictions listed). No I/O: fetching
//! sources and searching PubMed belong to `app`.
//!
//! # Memory: bounded by the number of distinct measures, not of articles
//!
//! `compare` must take 10,000 articles in one run, so the grouper streams: an article's claims are
//! folded in and dropped. Per measure it keeps
//!
//! - the first [`DEFAULT_ROW_LIMIT`] claims in input order in full (the rows the outputs list),
//!   and for every claim past the limit only counters: the total, the number omitted, the number
//!   of distinct articles, the running span (lowest low, highest high), and the two extreme claims
//!   (the one with the lowest high and the one with the highest low) that decide whether *any*
//!   two articles disagree;
//! - at most the same number of literature figures, each with at most [`CITED_BY_LIMIT`] citing
//!   articles listed and the rest counted;
//! - at most [`CONTRADICTION_LIMIT`] contradictions listed, the rest counted.
//!
//! Measures are far fewer than claims (kinds × the treatments and conditions the articles name ×
//! unit families), and the whole state is bounded by a constant times their number. The outputs state every omission
//! (`claims_omitted`, `contradictions_omitted`, `cited_by_omitted`). What the bound costs: outlier
//! flags are decided at [`Grouper::finish`], once every literature figure is in, so they cover the
//! listed rows only; the span and the existence of a contradiction cover every claim.
//!
//! # Rules
//!
//! - A measure is kind + topic (the claim's stored intervention, any treatment; the condition
//!   for prevalence and definitions) + unit family ([`MeasureKey`]): semaglutide and tirzepatide
//!   weight loss are two measures, never one plot; synonyms are grouped under the measure they name and marked.
//! - Claims a reviewer rejected or ignored, and stale claims, are skipped.
//! - An outlier is a claim with a number whose range lies entirely outside the range of the
//!   measure's literature figures, by more than ±5 percentage points (±10% for
//!   other units), so a measure needs one figure to have outliers. Approximate claims are read
//!   literally; vague claims are never outliers; a bound reaches as far as it claims ("at least
//!   60%" is not an outlier against 70%).
//! - Two articles contradict each other when one claim of each, for the same measure, are apart
//!   by more than that tolerance: 40% and 41% are two roundings of one figure, 30% and 75% are
//!   not. Each pair of articles is reported once.

mod measure;

use std::collections::{BTreeMap, BTreeSet};

pub use measure::{design_of, esearch_term, measure_of, Family, MeasureKey};

use crate::model::{
    interval_in, ArticleClaim, Claim, CompareReport, Contradiction, Interval, LiteratureFigure,
    MeasureGroup, Tolerance, Unit, Value, COMPARE_REPORT_VERSION,
};

/// How many claims per measure are kept in full unless [`Grouper::with_row_limit`] says otherwise.
pub const DEFAULT_ROW_LIMIT: usize = 200;

/// How many contradictions per measure are listed.
pub const CONTRADICTION_LIMIT: usize = 50;

/// How many citing articles per literature figure are listed.
pub const CITED_BY_LIMIT: usize = 50;

/// Folds articles' claims and literature figures into per-measure groups. See the module header
/// for what it keeps.
#[derive(Debug)]
pub struct Grouper {
    row_limit: usize,
    tolerance: Tolerance,
    articles: usize,
    measures: BTreeMap<String, Acc>,
}

/// One measure's running state.
#[derive(Debug)]
struct Acc {
    key: MeasureKey,
    rows: Vec<ArticleClaim>,
    total: usize,
    omitted: usize,
    articles: usize,
    /// The sequence number of the last article counted in `articles`.
    last_article: Option<usize>,
    span: Option<(f64, f64)>,
    literature: Vec<LiteratureFigure>,
    literature_span: Option<(f64, f64)>,
    literature_omitted: usize,
    /// The claim with the lowest high end and the one with the highest low end, over all claims.
    lowest_high: Option<Extreme>,
    highest_low: Option<Extreme>,
}

/// A claim remembered for its extreme value.
#[derive(Debug, Clone)]
struct Extreme {
    at: f64,
    article: String,
    value: Value,
    line: u32,
}

impl Default for Grouper {
    fn default() -> Self {
        Grouper::new()
    }
}

impl Grouper {
    /// An empty grouper that keeps [`DEFAULT_ROW_LIMIT`] rows per measure.
    pub fn new() -> Grouper {
        Grouper {
            row_limit: DEFAULT_ROW_LIMIT,
            tolerance: Tolerance::default(),
            articles: 0,
            measures: BTreeMap::new(),
        }
    }

    /// Keeps at most `limit` claims (and literature figures) per measure in full.
    pub fn with_row_limit(mut self, limit: usize) -> Grouper {
        self.row_limit = limit;
        self
    }

    /// Uses `tolerance` (default: [`Tolerance::default`], as `check`) to decide outliers and
    /// contradictions.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Grouper {
        self.tolerance = tolerance;
        self
    }

    /// Folds in one article's claims. Call once per article; `path` is its path or URL.
    pub fn add_article(&mut self, path: &str, claims: &[Claim]) {
        let seq = self.articles;
        let limit = self.row_limit;
        self.articles += 1;
        for claim in claims.iter().filter(|c| !c.is_skipped()) {
            let (key, synonym) = MeasureKey::of_claim(claim);
            let unit = key.family.unit();
            let acc = self.acc(key);
            acc.total += 1;
            if acc.last_article != Some(seq) {
                acc.last_article = Some(seq);
                acc.articles += 1;
            }
            if let Some(i) = interval_in(&claim.value, unit) {
                widen(&mut acc.span, i.low, i.high);
                let extreme = |at| Extreme {
                    at,
                    article: path.to_owned(),
                    value: claim.value.clone(),
                    line: claim.location.line,
                };
                let (_, reach_high) = i.reach();
                if reach_high.is_finite() && acc.lowest_high.as_ref().is_none_or(|e| i.high < e.at)
                {
                    acc.lowest_high = Some(extreme(i.high));
                }
                if !i.open_low && acc.highest_low.as_ref().is_none_or(|e| i.low > e.at) {
                    acc.highest_low = Some(extreme(i.low));
                }
            }
            if acc.rows.len() < limit {
                acc.rows.push(ArticleClaim {
                    article: path.to_owned(),
                    claim_id: claim.id.clone(),
                    quote: claim.quote.clone(),
                    value: claim.value.clone(),
                    location: claim.location,
                    synonym,
                    outlier: false,
                });
            } else {
                acc.omitted += 1;
            }
        }
    }

    /// Adds a literature figure to a measure. The figure's own unit decides the unit family, so
    /// a key taken from a claim about onset in hours still files a figure in weeks with it.
    /// The same figure (PMID, sentence and value) added twice is kept once, its `cited_by` merged.
    pub fn add_literature(&mut self, key: &MeasureKey, fig: LiteratureFigure) {
        let key = MeasureKey {
            family: Family::of(fig.value.unit),
            ..key.clone()
        };
        let unit = key.family.unit();
        let limit = self.row_limit;
        let acc = self.acc(key);
        if let Some(i) = interval_in(&fig.value, unit) {
            widen(&mut acc.literature_span, i.low, i.high);
        }
        if let Some(same) = acc
            .literature
            .iter_mut()
            .find(|f| f.pmid == fig.pmid && f.sentence == fig.sentence && f.value == fig.value)
        {
            for article in fig.cited_by {
                add_citing(same, article);
            }
            same.cited_by_omitted += fig.cited_by_omitted;
            return;
        }
        if acc.literature.len() >= limit {
            acc.literature_omitted += 1;
            return;
        }
        let mut fig = fig;
        let citing = std::mem::take(&mut fig.cited_by);
        for article in citing {
            add_citing(&mut fig, article);
        }
        acc.literature.push(fig);
    }

    fn acc(&mut self, key: MeasureKey) -> &mut Acc {
        self.measures.entry(key.key()).or_insert_with(|| Acc {
            key,
            rows: Vec::new(),
            total: 0,
            omitted: 0,
            articles: 0,
            last_article: None,
            span: None,
            literature: Vec::new(),
            literature_span: None,
            literature_omitted: 0,
            lowest_high: None,
            highest_low: None,
        })
    }

    /// The finished report: measures by how many articles state them (most first, then by key),
    /// claims by article then line, literature by
    /// PMID, outliers flagged and contradictions found.
    pub fn finish(self) -> CompareReport {
        let mut measures: Vec<MeasureGroup> = self
            .measures
            .into_iter()
            .map(|(key, acc)| finish_measure(key, acc, &self.tolerance))
            .collect();
        // The measures most articles state first; the key breaks ties (the map is in key order
        // and the sort is stable).
        measures.sort_by_key(|m| std::cmp::Reverse(m.articles));
        CompareReport {
            version: COMPARE_REPORT_VERSION,
            measures,
            articles: self.articles,
            row_limit: self.row_limit,
            tolerance: self.tolerance,
        }
    }
}

/// Adds `article` to a figure's citing articles, sorted and without repeats, up to the limit.
fn add_citing(fig: &mut LiteratureFigure, article: String) {
    match fig.cited_by.binary_search(&article) {
        Ok(_) => {}
        Err(_) if fig.cited_by.len() >= CITED_BY_LIMIT => fig.cited_by_omitted += 1,
        Err(at) => fig.cited_by.insert(at, article),
    }
}

fn widen(span: &mut Option<(f64, f64)>, low: f64, high: f64) {
    *span = Some(match *span {
        None => (low, high),
        Some((lo, hi)) => (lo.min(low), hi.max(high)),
    });
}

fn finish_measure(key: String, mut acc: Acc, tol: &Tolerance) -> MeasureGroup {
    let unit = acc.key.family.unit();
    acc.rows.sort_by(|a, b| {
        (&a.article, a.location.line, a.location.column).cmp(&(
            &b.article,
            b.location.line,
            b.location.column,
        ))
    });
    acc.literature.sort_by(|a, b| {
        (a.pmid, &a.sentence)
            .cmp(&(b.pmid, &b.sentence))
            .then_with(|| {
                a.value
                    .low
                    .partial_cmp(&b.value.low)
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
    });
    let mut outliers = 0;
    if let Some((lo, hi)) = acc.literature_span {
        let literature = Interval {
            low: lo,
            high: hi,
            open_low: false,
            open_high: false,
        };
        for row in &mut acc.rows {
            if interval_in(&row.value, unit).is_some_and(|i| apart(&i, &literature, unit, tol)) {
                row.outlier = true;
                outliers += 1;
            }
        }
    }
    let (contradictions, contradictions_omitted) = contradictions(&acc, unit, tol);
    MeasureGroup {
        key,
        kind: acc.key.kind,
        label: acc.key.label(),
        unit,
        claims_total: acc.total,
        claims_omitted: acc.omitted,
        articles: acc.articles,
        claims: acc.rows,
        literature: acc.literature,
        literature_omitted: acc.literature_omitted,
        span: acc.span,
        literature_span: acc.literature_span,
        outliers,
        contradictions,
        contradictions_omitted,
    }
}

/// Pairs of articles with claims that do not overlap: every pair among the listed rows, plus the
/// extreme pair over all claims when the listed rows miss it. Returns the listed pairs and how
/// many more were found.
fn contradictions(acc: &Acc, unit: Unit, tol: &Tolerance) -> (Vec<Contradiction>, usize) {
    let rows: Vec<(&ArticleClaim, Interval)> = acc
        .rows
        .iter()
        .filter_map(|r| interval_in(&r.value, unit).map(|i| (r, i)))
        .collect();
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut listed = Vec::new();
    let mut omitted = 0;
    for (i, (a, ia)) in rows.iter().enumerate() {
        for (b, ib) in &rows[i + 1..] {
            if a.article == b.article || !apart(ia, ib, unit, tol) {
                continue;
            }
            // Rows are sorted by article, so `a` sorts first.
            if !seen.insert((a.article.as_str(), b.article.as_str())) {
                continue;
            }
            if listed.len() < CONTRADICTION_LIMIT {
                listed.push(Contradiction {
                    a: a.article.clone(),
                    b: b.article.clone(),
                    note: note(
                        &a.article,
                        &a.value,
                        a.location.line,
                        &b.article,
                        &b.value,
                        b.location.line,
                    ),
                });
            } else {
                omitted += 1;
            }
        }
    }
    // Claims past the row limit are not listed, but the two extremes over all claims tell whether
    // any two articles disagree. Report that pair if the listed rows did not already.
    if let (Some(low), Some(high)) = (&acc.lowest_high, &acc.highest_low) {
        let gap = Interval {
            low: low.at,
            high: low.at,
            open_low: false,
            open_high: false,
        };
        let other = Interval {
            low: high.at,
            high: high.at,
            ..gap
        };
        if low.at < high.at && low.article != high.article && apart(&gap, &other, unit, tol) {
            let (a, b) = if low.article <= high.article {
                (low, high)
            } else {
                (high, low)
            };
            if !seen.contains(&(a.article.as_str(), b.article.as_str())) {
                if listed.len() < CONTRADICTION_LIMIT {
                    listed.push(Contradiction {
                        a: a.article.clone(),
                        b: b.article.clone(),
                        note: note(&a.article, &a.value, a.line, &b.article, &b.value, b.line),
                    });
                } else {
                    omitted += 1;
                }
            }
        }
    }
    (listed, omitted)
}

/// Whether two intervals are further apart than the tolerance allows: more than the percentage
/// points for `%`, more than the relative tolerance of the larger near end otherwise.
fn apart(a: &Interval, b: &Interval, unit: Unit, tol: &Tolerance) -> bool {
    let (alo, ahi) = a.reach();
    let (blo, bhi) = b.reach();
    let (near_low, near_high) = if ahi < blo {
        (ahi, blo)
    } else if bhi < alo {
        (bhi, alo)
    } else {
        return false;
    };
    let allowed = if unit == Unit::Percent {
        tol.percentage_points
    } else {
        tol.relative * near_low.abs().max(near_high.abs())
    };
    near_high - near_low > allowed
}

/// "a.html claims 70–80% (line 12); b.html claims 30% (line 4)".
fn note(a: &str, va: &Value, la: u32, b: &str, vb: &Value, lb: u32) -> String {
    format!("{a} claims {va} (line {la}); {b} claims {vb} (line {lb})")
}

#[cfg(test)]
mod tests;
