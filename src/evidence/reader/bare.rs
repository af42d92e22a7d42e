//! Results an abstract writes as bare numbers, which the scanner (it needs a unit or a count
//! noun after a number) does not report: values listed for arms or doses and closed by
//! "respectively" ("−15.2, −14.5 and −15.3 for the 28 mg, 56 mg and placebo groups,
//! respectively"), pairs set against each other ("a mean change of −2.1 vs −1.8"), each with
//! its sign written apart or not and its SD beside it ("-2.9 (SD 2.5)", "4.1 ± 1.2").
//!
//! Only lists and pairs: a lone bare number is as likely a score, a ratio or a P value as a
//! result. A member must carry a decimal point or a sign, which counts and years do not.

use super::super::text::{Class, Tok};
use super::super::vocab;
use super::implied::Item;
use crate::model::{ClaimKind, Unit, Value};

/// Signs a figure may carry ("−2.1", "− 15.2", "+0.4").
pub(super) const SIGNS: [char; 4] = ['-', '\u{2212}', '\u{2013}', '+'];

/// Words that join the members of a list or a pair.
const JOINS: &[&str] = &["and", "or", "vs", "versus"];

/// Words that lead the name of the arm a member is given for ("with serum", "in the sham group").
const ARM_LEADS: &[&str] = &["with", "in", "for", "on"];

/// Words that set the members of a pair against each other.
const VERSUS: &[&str] = &["vs", "versus"];

/// Words (or marks) before a number that make it a statistic or a bound, not a result.
const STATISTIC_BEFORE: &[&str] = &["p", "sd", "se", "sem", "n", "ci", "hr", "rr"];

/// One member of a list: its sign (if any), its number and what it spans.
#[derive(Debug, Clone)]
struct Member {
    /// First token (the sign, when it has one).
    first: usize,
    /// The number's token.
    number: usize,
    /// The token after the member and its aside ("(SD 2.5)", "± 1.2", a unit word).
    next: usize,
    /// The scanner's figure, when it read this member.
    scanned: Option<usize>,
}

/// The bare result figures of a sentence, given the scanner's `items`.
pub(super) fn bare_results(t: &[Tok], items: &[Item]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < t.len() {
        if k > 0 && is_statistic(t, k - 1) {
            // "HR 0.71, 0.65 and 0.60": the whole list is of the statistic.
            k = past_list(t, k);
            continue;
        }
        let Some(run) = run_at(t, k, items) else {
            k += 1;
            continue;
        };
        k = run.last().map_or(k + 1, |m| m.next.max(k + 1));
        out.extend(run_items(t, &run, items));
    }
    out
}

/// The list or pair that starts at token `k`, if it is one a result can be read from.
fn run_at(t: &[Tok], k: usize, items: &[Item]) -> Option<Vec<Member>> {
    let mut run = vec![member(t, k, items)?];
    let mut versus = true;
    let mut each_named = true;
    loop {
        let next = run[run.len() - 1].next;
        let name = own_name(t, next);
        each_named &= name.is_some();
        let Some((gap, start)) = joint(t, name.unwrap_or(next)) else {
            break;
        };
        let Some(m) = member(t, start, items) else {
            break;
        };
        // "… −10.6 for drug 20 mg, 40 mg …": after a name, a figure the scanner read is the
        // next name, not the next member.
        if name.is_some() && m.scanned.is_some() {
            break;
        }
        versus &= gap.iter().any(|&g| t[g].is_any(VERSUS));
        run.push(m);
    }
    if run.len() < 2 || run.iter().all(|m| m.scanned.is_some()) {
        return None;
    }
    let end = run[run.len() - 1].next;
    // "-12.0 for 20 mg, -7.9 for 10 mg, and -5.4 for 1 mg": every member names its own arm.
    let all_named = each_named && own_name(t, end).is_some();
    (versus || all_named || respectively_follows(t, end)).then_some(run)
}

/// The member that starts at token `k`: an optional sign, then a number the scanner read or a
/// bare one with a decimal point or a sign.
fn member(t: &[Tok], k: usize, items: &[Item]) -> Option<Member> {
    let signed = t[k].class == Class::Punct && SIGNS.iter().any(|&c| t[k].is_punct(c));
    let number = if signed { k + 1 } else { k };
    let tok = t.get(number)?;
    tok.number()?;
    // A dose is a name, never a member.
    let scanned = items
        .iter()
        .position(|it| it.first == k || it.first == number)
        .filter(|&s| items[s].kind != ClaimKind::Dose);
    if scanned.is_none()
        && items
            .iter()
            .any(|it| (it.first..=it.last).contains(&number))
    {
        return None;
    }
    if scanned.is_none() && !signed && !tok.lower.contains('.') {
        return None;
    }
    if k > 0 && is_statistic(t, k - 1) {
        return None;
    }
    let after = scanned.map_or(number + 1, |s| items[s].last + 1);
    Some(Member {
        first: k,
        number,
        next: past_aside(t, after, scanned.is_none()),
        scanned,
    })
}

/// The token after the numbers, signs and joins from token `k` on.
fn past_list(t: &[Tok], k: usize) -> usize {
    let listed = |w: &Tok| {
        w.class == Class::Number
            || w.is_punct(',')
            || w.is_any(JOINS)
            || SIGNS.iter().any(|&c| w.is_punct(c))
    };
    (k..t.len())
        .find(|&j| !listed(&t[j]))
        .unwrap_or(t.len())
        .max(k + 1)
}

/// Whether token `k` (just before a number) makes it a statistic: "P = 0.03", "SD 2.5", "±
/// 1.2", "n = 40", "HR 0.62", a bound ("< 0.01").
fn is_statistic(t: &[Tok], k: usize) -> bool {
    let w = &t[k];
    let mark = ['=', '<', '>', '≤', '≥', '±', ':']
        .iter()
        .any(|&c| w.is_punct(c));
    mark || w.is_any(STATISTIC_BEFORE)
}

/// The token after a member's aside: its SD ("(SD 2.5)", "[SD, 2.5]", "± 1.2"), and for a bare
/// number a unit word the scanner does not know ("-3.5 cm (SD 3.3)").
fn past_aside(t: &[Tok], mut k: usize, bare: bool) -> usize {
    if bare
        && t.get(k).is_some_and(|w| {
            w.class == Class::Word && !w.is_any(JOINS) && !w.is_any(&["for", "in", "with"])
        })
        && t.get(k + 1).is_some_and(|n| !n.class.eq(&Class::Word))
    {
        k += 1;
    }
    if t.get(k).is_some_and(|w| w.is_punct('±')) && t.get(k + 1).and_then(Tok::number).is_some() {
        return k + 2;
    }
    let opens = t.get(k).is_some_and(|w| w.is_punct('(') || w.is_punct('['));
    if opens && t.get(k + 1).is_some_and(|w| w.is_any(&["sd", "se", "sem"])) {
        if let Some(close) =
            (k + 2..(k + 6).min(t.len())).find(|&j| t[j].is_punct(')') || t[j].is_punct(']'))
        {
            return close + 1;
        }
    }
    k
}

/// The end of the arm or dose a member is given for, when its name follows it at token `k`
/// ("with serum", "for 25 mg", "in the sham group"): the token after the name.
fn own_name(t: &[Tok], k: usize) -> Option<usize> {
    if !t.get(k).is_some_and(|w| w.is_any(ARM_LEADS)) {
        return None;
    }
    let named = |x: usize| {
        let w = &t[x];
        let dose_number = w.class == Class::Number
            && t.get(x + 1)
                .is_some_and(|n| vocab::dose_unit(&n.lower).is_some());
        (w.class == Class::Word && !w.is_any(JOINS)) || dose_number
    };
    let end = (k + 1..(k + 6).min(t.len()))
        .find(|&x| !named(x))
        .unwrap_or_else(|| (k + 6).min(t.len()));
    (end > k + 1).then_some(end)
}

/// The tokens joining two members at token `k` (",", "and", ", and", "vs", "vs.") and where
/// the next member starts.
fn joint(t: &[Tok], k: usize) -> Option<(Vec<usize>, usize)> {
    let mut gap = Vec::new();
    let mut j = k;
    while j < t.len() && gap.len() < 3 {
        let w = &t[j];
        let dot_after_vs = w.is_punct('.') && j > 0 && t[j - 1].is_any(VERSUS);
        if w.is_punct(',') || w.is_any(JOINS) || dot_after_vs {
            gap.push(j);
            j += 1;
        } else {
            break;
        }
    }
    (!gap.is_empty() && j < t.len()).then_some((gap, j))
}

/// Whether "respectively" closes the clause after token `k` ("… for A, B and C, respectively").
fn respectively_follows(t: &[Tok], k: usize) -> bool {
    (k..(k + 25).min(t.len()))
        .take_while(|&j| !t[j].is_punct(';'))
        .any(|j| t[j].is("respectively"))
}

/// The bare members of `run` as figures: in the unit of the run's scanned members when they
/// share one ("−9.2, −10.1 and −10.7 days"), else as counts, as a claim's bare "points" are.
fn run_items(t: &[Tok], run: &[Member], items: &[Item]) -> Vec<Item> {
    let mut units = run
        .iter()
        .filter_map(|m| m.scanned)
        .map(|s| items[s].value.unit);
    let unit = match units.next() {
        Some(u) if units.all(|v| v == u) => u,
        Some(_) => return Vec::new(),
        None => Unit::Count,
    };
    run.iter()
        .filter(|m| m.scanned.is_none())
        .filter_map(|m| {
            let v = t[m.number].number()?;
            Some(Item {
                range: t[m.first].range.start..t[m.number].range.end,
                value: Value::point(v, unit),
                kind: ClaimKind::Other,
                first: m.first,
                last: m.number,
            })
        })
        .collect()
}

/// "6.50±1.3 hours per night": the scanner reads the unit with the SD; the figure is the mean
/// before the "±", in that unit. Each such item is moved onto its mean.
pub(super) fn means_for_sds(t: &[Tok], items: &mut [Item]) {
    for it in items.iter_mut() {
        let Some(pm) = it.first.checked_sub(1).filter(|&k| t[k].is_punct('±')) else {
            continue;
        };
        let Some(mean) = pm.checked_sub(1).filter(|&k| t[k].class == Class::Number) else {
            continue;
        };
        let Some(v) = t[mean].number() else {
            continue;
        };
        it.value.low = Some(v);
        it.value.high = Some(v);
        it.first = mean;
        it.range.start = t[mean].range.start;
    }
}
