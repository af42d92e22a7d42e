//! Time points in a sentence ("at week 8", "(weeks 3-4)", "24 hours", "26-week", "on day 21",
//! "at 1 year", "the day after") and the study's end point from its Methods.

use super::super::text::{Class, Tok};
use super::super::vocab;
use super::{Section, Sentence};
use crate::model::{Unit, Value};

/// A time point stated in a sentence, at token `at`.
#[derive(Debug, Clone)]
pub(crate) struct TimeMention {
    /// The token it starts at.
    pub at: usize,
    /// The time.
    pub value: Value,
}

fn unit_of(hours: f64) -> Unit {
    match hours {
        h if h < 1.0 => Unit::Minutes,
        h if h < 24.0 => Unit::Hours,
        h if h < 24.0 * 7.0 => Unit::Days,
        h if h < 24.0 * 30.0 => Unit::Weeks,
        h if h < 24.0 * 365.0 => Unit::Months,
        _ => Unit::Years,
    }
}

/// Every time point in a sentence: "at week 8", "24 hours", "(weeks 3-4)", "6 months",
/// "26-week", "on day 21", "at 1 year", "the day after".
pub(crate) fn time_mentions(t: &[Tok]) -> Vec<TimeMention> {
    let mut out = Vec::new();
    let num = |k: usize| -> Option<f64> {
        let tok = t.get(k)?;
        tok.number().or_else(|| vocab::number_word(&tok.lower))
    };
    for k in 0..t.len() {
        // "26-week", "56-week": a number glued to a unit.
        if let Some((n, u)) = t[k].lower.split_once('-') {
            if let (Ok(n), Some(h)) = (n.parse::<f64>(), vocab::time_unit_hours(u)) {
                out.push(TimeMention {
                    at: k,
                    value: Value::point(n, unit_of(h)),
                });
                continue;
            }
        }
        // "the day after (the infusion)", "the next day": 24 hours.
        let day_after = t[k].is("day")
            && (t.get(k + 1).is_some_and(|n| n.is("after")) || k > 0 && t[k - 1].is("next"));
        if day_after {
            out.push(TimeMention {
                at: k,
                value: Value::point(24.0, Unit::Hours),
            });
            continue;
        }
        let Some(h) = vocab::time_unit_hours(&t[k].lower) else {
            continue;
        };
        let unit = unit_of(h);
        // "week 8", "weeks 3-4", "day 21": the unit first. Not "day 2 nonresponders", which
        // names a subgroup by when it was defined.
        if let Some(n) = num(k + 1).filter(|_| t[k + 1].class == Class::Number) {
            if t.get(k + 2)
                .is_some_and(|w| w.is_any(vocab::SUBGROUP_BY_TIME))
            {
                continue;
            }
            let high = (t
                .get(k + 2)
                .is_some_and(|d| d.is_punct('-') || d.is_punct('–')))
            .then(|| num(k + 3))
            .flatten();
            let value = match high {
                Some(hi) => Value::range(n, hi, unit),
                None => Value::point(n, unit),
            };
            out.push(TimeMention { at: k, value });
            continue;
        }
        // "24 hours", "6 months", "one year", "4-6 weeks".
        if let Some(n) = k.checked_sub(1).and_then(num) {
            let low = (k >= 3
                && (t[k - 2].is_punct('-') || t[k - 2].is_punct('–') || t[k - 2].is("to")))
            .then(|| num(k - 3))
            .flatten();
            let value = match low {
                Some(lo) => Value::range(lo, n, unit),
                None => Value::point(n, unit),
            };
            out.push(TimeMention { at: k - 1, value });
        }
    }
    out
}

/// The study's end point from the Methods: "the primary end point was … at week 8", a
/// "56-week trial", "for 21 days".
pub(super) fn end_point(sentences: &[Sentence], toks: &[Vec<Tok>]) -> Option<Value> {
    let mut duration = None;
    for (s, t) in sentences.iter().zip(toks) {
        if !matches!(
            s.section,
            Section::Methods | Section::Unlabelled | Section::Title
        ) {
            continue;
        }
        let primary = t.iter().position(|w| w.is("primary"));
        for m in time_mentions(t) {
            if primary.is_some_and(|p| p < m.at) && m.value.unit >= Unit::Days {
                return Some(m.value);
            }
            let lead = m.at.checked_sub(1).map(|k| &t[k]);
            let trial_length = t[m.at].lower.contains('-')
                && t.get(m.at + 1..m.at + 5)
                    .is_some_and(|n| n.iter().any(|w| w.is_any(&["trial", "study", "treatment"])));
            if duration.is_none()
                && m.value.unit >= Unit::Days
                && (trial_length || lead.is_some_and(|l| l.is("for")))
            {
                duration = Some(m.value);
            }
        }
    }
    duration
}

/// Lists of time points that share one unit: "by 60 and 108 weeks", "at weeks 12, 24 and 52".
/// Each is (its first token, its last token, the times in order); a "respectively" after the
/// figures gives them one each.
pub(super) fn time_lists(t: &[Tok]) -> Vec<(usize, usize, Vec<Value>)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < t.len() {
        let Some((numbers, next)) = number_run(t, k) else {
            k += 1;
            continue;
        };
        // The unit after the numbers ("60 and 108 weeks") or before them ("weeks 12 and 24").
        let after = t.get(next).and_then(|w| vocab::time_unit_hours(&w.lower));
        let before = k
            .checked_sub(1)
            .and_then(|b| vocab::time_unit_hours(&t[b].lower));
        if let Some(h) = after.or(before).filter(|_| numbers.len() >= 2) {
            let unit = unit_of(h);
            let first = if after.is_some() { k } else { k - 1 };
            let last = if after.is_some() { next } else { next - 1 };
            let values = numbers.iter().map(|&n| Value::point(n, unit)).collect();
            out.push((first, last, values));
        }
        k = next.max(k + 1);
    }
    out
}

/// The numbers joined by ",", "and", ", and" from token `k`, and the token after them.
fn number_run(t: &[Tok], k: usize) -> Option<(Vec<f64>, usize)> {
    let mut numbers = vec![t[k].number()?];
    let mut j = k + 1;
    loop {
        let mut n = j;
        while t.get(n).is_some_and(|w| w.is_punct(',') || w.is("and")) && n < j + 2 {
            n += 1;
        }
        match t.get(n).and_then(Tok::number) {
            Some(v) if n > j => {
                numbers.push(v);
                j = n + 1;
            }
            _ => return Some((numbers, j)),
        }
    }
}
