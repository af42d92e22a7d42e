//! Time points checked with the figure they date.
//!
//! "Remission dropped to 60% after a month" holds two claims: the 60% and "a month", the time
//! point of the 60%. Checked alone, "a month" is supported by any source that measured anything
//! at four weeks, and an editor reading the sentence would see `supported` beside a figure the
//! source does not bear out. So a time point that dates another figure of its sentence is not
//! found when that figure is not found: no source states the measure at that time, whatever else
//! it measured then. The reason says so. A time point of a figure that is supported, or that
//! differs (the source states the measure at that time, with another value), keeps its own
//! verdict, and so does one that dates nothing.

use crate::model::{Claim, Finding, Value, Verdict};

/// Makes every supported time point in `claims` that dates a figure of its sentence not found
/// when that figure is not found. `findings[i]` is the finding of `claims[i]`.
pub fn defer_time_points(claims: &[Claim], findings: &mut [Finding]) {
    debug_assert_eq!(claims.len(), findings.len());
    let mut deferred = Vec::new();
    for (t, point) in claims.iter().enumerate() {
        if findings[t].verdict != Verdict::Supported {
            continue;
        }
        // The figure it dates: of those in its sentence with this time point, the nearest (a
        // time point follows its figure: "dropped to 60% after a month").
        let dated = claims
            .iter()
            .enumerate()
            .filter(|&(d, figure)| {
                d != t
                    && same_sentence(point, figure)
                    && figure
                        .measure
                        .time_point
                        .as_ref()
                        .is_some_and(|tp| same_value(tp, &point.value))
            })
            .min_by_key(|(_, figure)| figure.location.start.abs_diff(point.location.start));
        if let Some((_, figure)) = dated.filter(|&(d, _)| findings[d].verdict == Verdict::NotFound)
        {
            let reason = format!(
                "the time point of \u{201c}{}\u{201d}, a measure no source states at this \
                 time (the time alone: {})",
                figure.quote, findings[t].reason
            );
            deferred.push((t, reason));
        }
    }
    for (t, reason) in deferred {
        findings[t].verdict = Verdict::NotFound;
        findings[t].reason = reason;
    }
}

/// Whether two claims stand in the same sentence of the article.
fn same_sentence(a: &Claim, b: &Claim) -> bool {
    let span = a.sentence.len().max(b.sentence.len());
    a.sentence == b.sentence && a.location.start.abs_diff(b.location.start) <= span
}

/// Whether two values state the same figure in the same unit.
fn same_value(a: &Value, b: &Value) -> bool {
    a.unit == b.unit && a.low == b.low && a.high == b.high
}
