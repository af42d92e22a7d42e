//! Figures an abstract states that the scanner (which needs a unit or a count noun right after
//! a number) does not report on its own.

use std::ops::Range;

use super::super::text::{self, Class, Tok};
use super::super::vocab;
use crate::model::{ClaimKind, Unit, Value};

/// A figure being read: the scanner's (or an implied one) and its token span.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// Byte range in the sentence.
    pub range: Range<usize>,
    /// The value.
    pub value: Value,
    /// The kind.
    pub kind: ClaimKind,
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
}

/// Counts an abstract implies but the scanner (which needs a unit or a count noun right after a
/// number) does not report: "participants (n = 90)", "320 were enrolled" and "159 to the
/// placebo group" beside a counted figure, and lists that share one noun ("78, 63, 49, and 79
/// subjects"; "20.2, 20.6 and 25.7 per cm2").
pub(super) fn implied_counts(t: &[Tok], items: &[Item]) -> Vec<Item> {
    let covered = |k: usize| items.iter().any(|it| (it.first..=it.last).contains(&k));
    let people = items.iter().any(|it| it.kind == ClaimKind::SampleSize);
    let mut out: Vec<Item> = Vec::new();
    let mut k = 0;
    while k < t.len() {
        if covered(k) || out.iter().any(|it| (it.first..=it.last).contains(&k)) {
            k += 1;
            continue;
        }
        let people = people || out.iter().any(|it| it.kind == ClaimKind::SampleSize);
        if let Some(item) = n_equals(t, k)
            .or_else(|| parallel_count(t, k, people))
            .or_else(|| counted_noun(t, k))
        {
            k = item.last + 1;
            out.push(item);
            continue;
        }
        if let Some(list) = number_list(t, k, items) {
            k = list.last().map_or(k, |it| it.last) + 1;
            out.extend(list);
            continue;
        }
        k += 1;
    }
    out
}

fn count(t: &[Tok], first: usize, last: usize, at: usize, kind: ClaimKind) -> Option<Item> {
    let v = t[at]
        .number()
        .or_else(|| vocab::number_word(&t[at].lower))?;
    Some(Item {
        range: t[first].range.start..t[last].range.end,
        value: Value::point(v, Unit::Count),
        kind,
        first,
        last,
    })
}

/// "(n = 90)", "N = 253": a group's size, unless it is the count behind a percentage
/// ("86% (N = 217)").
fn n_equals(t: &[Tok], k: usize) -> Option<Item> {
    let is_n = t[k].is("n") && t.get(k + 1).is_some_and(|e| e.is_punct('='));
    if !is_n || t.get(k + 2).and_then(Tok::number).is_none() {
        return None;
    }
    let before = (0..k)
        .rev()
        .find(|&j| !t[j].is_punct('(') && !t[j].is_punct('['));
    if before.is_some_and(|j| t[j].is_punct('%') || t[j].class == Class::Number) {
        return None;
    }
    count(t, k, k + 2, k + 2, ClaimKind::SampleSize)
}

/// "…, 320 were enrolled", "… and 159 to the placebo group": a bare number that parallels a
/// participant count in the same sentence.
fn parallel_count(t: &[Tok], k: usize, people: bool) -> Option<Item> {
    let v = t[k].number()?;
    if !people || v.fract() != 0.0 || v < 2.0 || (1900.0..=2100.0).contains(&v) {
        return None;
    }
    let before_ok = k == 0 || t[k - 1].is_any(&["and", "of"]) || t[k - 1].is_punct(',');
    let after_ok = t.get(k + 1).is_some_and(|n| {
        n.is_any(&[
            "were",
            "was",
            "to",
            "in",
            "completed",
            "received",
            "had",
            "from",
            "male",
            "female",
            "men",
            "women",
            "who",
            "patients",
            "participants",
            "subjects",
            // "150 achieved stable remission": a count of people in the state they reached.
            "achieved",
            "reached",
            "attained",
            "maintained",
            "relapsed",
            "responded",
            "remitted",
        ])
    });
    (before_ok && after_ok).then(|| count(t, k, k, k, ClaimKind::SampleSize))?
}

/// "20.2, 20.6, 18.4, 20.9, and 25.7 per cm2", "78, 63, 49, and 79 subjects": numbers listed
/// before one noun each count that noun (with the kind of a listed figure the scanner found).
fn number_list(t: &[Tok], k: usize, items: &[Item]) -> Option<Vec<Item>> {
    t[k].number()?;
    // "at weeks 4 and 6", "on days 3, 7 and 14" are time points, not counts.
    if k > 0 && vocab::time_unit_hours(&t[k - 1].lower).is_some() {
        return None;
    }
    let mut members = vec![k];
    let mut j = k + 1;
    loop {
        let sep = match (t.get(j), t.get(j + 1)) {
            (Some(a), Some(b)) if a.is_punct(',') && b.is("and") => 2,
            (Some(a), _) if a.is_punct(',') || a.is("and") => 1,
            _ => break,
        };
        let next = j + sep;
        let scanned = items.iter().find(|it| it.first == next);
        if t.get(next).and_then(Tok::number).is_none() && scanned.is_none() {
            break;
        }
        members.push(next);
        j = scanned.map_or(next + 1, |it| it.last + 1);
        if scanned.is_some() {
            break;
        }
    }
    if members.len() < 2 {
        return None;
    }
    let last = *members.last()?;
    let scanned = items.iter().find(|it| it.first == last);
    let kind = match scanned {
        Some(it) if it.value.unit == Unit::Count => it.kind,
        Some(_) => return None,
        None => {
            // The list must end before a noun or "per": "25.7 per cm2", "24.6 hairs".
            let noun = t.get(last + 1).is_some_and(|n| {
                n.class == Class::Word && !vocab::is_stop(&n.lower) || n.is("per")
            });
            if !noun
                || t.get(last + 1)
                    .is_some_and(|n| vocab::time_unit_hours(&n.lower).is_some())
            {
                return None;
            }
            ClaimKind::Other
        }
    };
    let end = scanned.map_or(last, |it| it.last);
    Some(
        members
            .iter()
            .filter(|&&m| !items.iter().any(|it| it.first == m))
            .filter_map(|&m| {
                let e = if m == last { end } else { m };
                count(t, m, e, m, kind)
            })
            .collect(),
    )
}

/// "29 of 31 eligible RCTs", "128 male and 141 female subjects", "Twenty-two participants": a
/// number (or number word) whose noun (people or studies) follows within a few words. In "N of
/// M …" the M is the denominator and is taken with it.
fn counted_noun(t: &[Tok], k: usize) -> Option<Item> {
    let word_number = t[k].class == Class::Word && !t[k].is_any(&["a", "an", "one"]);
    let v = t[k].number().or_else(|| {
        word_number
            .then(|| vocab::number_word(&t[k].lower))
            .flatten()
    })?;
    // "phase 3 trial", "type 2 diabetes", "step 2": a label, not a count.
    let labelled = k > 0 && t[k - 1].is_any(&["phase", "type", "grade", "stage", "step", "level"]);
    if v.fract() != 0.0 || (1900.0..=2100.0).contains(&v) || labelled {
        return None;
    }
    // "91 of 336 patients [27.1%]": the counts behind a percentage are not sample sizes.
    if (k + 1..(k + 7).min(t.len())).any(|j| t[j].is_punct('%')) {
        return None;
    }
    let of_total = t.get(k + 1).is_some_and(|w| w.is("of"))
        && t.get(k + 2).is_some_and(|w| w.class == Class::Number);
    let mut j = k + 1;
    while j < t.len() && j <= k + 5 {
        let w = &t[j];
        let c = text::canon(&w.lower);
        if c == "participant" || c == "study" {
            let kind = if c == "participant" {
                ClaimKind::SampleSize
            } else {
                ClaimKind::Other
            };
            let last = if of_total { k + 2 } else { k };
            let mut item = count(t, k, last, k, kind)?;
            item.value = Value::point(v, Unit::Count);
            return Some(item);
        }
        // Only a few describing words, "and", another number or "of M" may stand between.
        let between = w.class == Class::Number
            || w.is_any(&[
                "and",
                "of",
                "eligible",
                "male",
                "female",
                "randomized",
                "included",
            ])
            || (w.class == Class::Word
                && j <= k + 2
                && !vocab::is_stop(&w.lower)
                && vocab::time_unit_hours(&w.lower).is_none());
        if !between {
            return None;
        }
        j += 1;
    }
    None
}
