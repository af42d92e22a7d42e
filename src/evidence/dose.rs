//! Doses as arms: where a sentence names a dose ("5 mg", "the 10-mg group", "0.1, 0.2 and 0.5
//! mg/kg"), and which dose a claim is about ("patients on the 15 mg dose", "the highest dose").
//!
//! A trial that gives one drug at several doses reports one result per dose; those results are
//! different arms even though every one names the same drug. The reader ties each result to its
//! dose ([`super::reader`]); relevance then lets only the claim's own dose state its figure.

use super::text::{Class, Tok};
use super::vocab;
use crate::model::{Unit, Value};

/// A dose written in a sentence: its tokens and its amount.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// The amount, in mg or mg/kg (or IU).
    pub value: Value,
}

/// The dose a claim names.
#[derive(Debug, Clone, PartialEq)]
pub enum Wanted {
    /// An amount ("the 5 mg dose").
    Amount(Value),
    /// The study's highest dose ("the top dose").
    Highest,
    /// The study's lowest dose ("the starting dose").
    Lowest,
}

impl Wanted {
    /// The amount among `doses` (sorted, ascending) the claim means.
    pub fn resolve(&self, doses: &[Value]) -> Option<Value> {
        match self {
            Wanted::Amount(v) => Some(v.clone()),
            Wanted::Highest => doses.last().cloned(),
            Wanted::Lowest => doses.first().cloned(),
        }
    }
}

/// Whether two doses are the same amount in the same unit.
pub fn same(a: &Value, b: &Value) -> bool {
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    };
    a.unit == b.unit && close(a.low, b.low) && close(a.high, b.high)
}

/// The unit a dose's unit word (and what follows it) names: "mg", "mg/kg", "mg per kg", "IU".
/// Returns the unit and the index of its last token.
fn unit_at(t: &[Tok], k: usize, word: &str) -> Option<(Unit, usize)> {
    let unit = vocab::dose_unit(word)?;
    if unit == Unit::Mg {
        let per = t.get(k + 1).is_some_and(|w| w.is_punct('/') || w.is("per"));
        if per && t.get(k + 2).is_some_and(|w| w.is_any(&["kg", "kilogram"])) {
            return Some((Unit::MgPerKg, k + 2));
        }
    }
    Some((unit, k))
}

/// "15-mg", "5mg", "0.5-mg": a number glued to its unit in one word.
fn glued(w: &Tok) -> Option<(f64, &str)> {
    if w.class != Class::Word {
        return None;
    }
    let split = w.lower.find(|c: char| !c.is_ascii_digit() && c != '.')?;
    let amount: f64 = w.lower[..split].parse().ok()?;
    let unit = w.lower[split..].trim_start_matches('-');
    Some((amount, unit))
}

/// Whether a word is a dose written as one word ("10-mg", "5mg").
pub fn is_dose_word(w: &str) -> bool {
    let t = super::text::tokens(w);
    t.len() == 1 && glued(&t[0]).is_some_and(|(_, unit)| vocab::dose_unit(unit).is_some())
}

/// Whether the number at token `k` closes a range ("0.5–0.9 mg/kg", "5 to 10 mg"): a flexible
/// dose, which names no one arm.
fn ends_range(t: &[Tok], k: usize) -> bool {
    k >= 2
        && (t[k - 1].is_punct('-') || t[k - 1].is_punct('–') || t[k - 1].is("to"))
        && t[k - 2].class == Class::Number
}

/// Every dose a sentence names, in order. A list that gives the unit once ("0.1, 0.2, 0.5 and
/// 1.0 mg/kg", "5, 10, or 15 mg") is one dose per number; a range is none.
pub fn mentions(t: &[Tok]) -> Vec<Mention> {
    scan(t).0
}

/// Every range of doses a sentence names ("liraglutide 1.2-3.0 mg"), as ranges.
pub fn ranges(t: &[Tok]) -> Vec<Mention> {
    scan(t).1
}

/// The doses and the ranges of doses of a sentence.
fn scan(t: &[Tok]) -> (Vec<Mention>, Vec<Mention>) {
    let mut out: Vec<Mention> = Vec::new();
    let mut ranges: Vec<Mention> = Vec::new();
    let mut k = 0;
    while k < t.len() {
        let found = if let Some((amount, word)) = glued(&t[k]) {
            unit_at(t, k, word).map(|(u, last)| (amount, k, u, last))
        } else if let (Some(amount), Some(next)) = (t[k].number(), t.get(k + 1)) {
            unit_at(t, k + 1, &next.lower).map(|(u, last)| (amount, k, u, last))
        } else {
            None
        };
        let Some((amount, first, unit, last)) = found else {
            k += 1;
            continue;
        };
        if t[first].class == Class::Number && ends_range(t, first) {
            if let Some(low) = t[first - 2].number() {
                ranges.push(Mention {
                    first: first - 2,
                    last,
                    value: Value::range(low, amount, unit),
                });
            }
            k = last + 1;
            continue;
        }
        let listed = listed_before(t, first);
        for &n in &listed {
            if let Some(v) = t[n].number() {
                out.push(Mention {
                    first: n,
                    last: n,
                    value: Value::point(v, unit),
                });
            }
        }
        out.push(Mention {
            first,
            last,
            value: Value::point(amount, unit),
        });
        k = last + 1;
    }
    (out, ranges)
}

/// The bare numbers listed before a dose that share its unit ("0.1, 0.2, 0.5 and" before "1.0
/// mg/kg"), in order.
fn listed_before(t: &[Tok], first: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut k = first;
    loop {
        // Step back over ",", "and", "or", ", and", ", or".
        let mut j = k;
        while j > 0 && (t[j - 1].is_punct(',') || t[j - 1].is_any(&["and", "or"])) {
            j -= 1;
        }
        if j == k || j == 0 || t[j - 1].number().is_none() {
            break;
        }
        // "95% CI, 82 to 89": a number with its own unit or in a range is no dose.
        let n = j - 1;
        if ends_range(t, n) || t.get(n + 1).is_some_and(|w| w.is_punct('%')) {
            break;
        }
        out.push(n);
        k = n;
    }
    out.reverse();
    out
}

/// Whether the words around token `k` name the highest or lowest dose ("the highest dose",
/// "the starting dose", "high-dose"), and which.
pub fn superlative(t: &[Tok], k: usize) -> Option<Wanted> {
    let w = &t[k];
    let dose_follows = || {
        t[k + 1..]
            .iter()
            .take(2)
            .any(|n| n.is_any(&["dose", "doses", "dosage", "strength"]))
    };
    let glued_dose = w.lower.ends_with("-dose");
    let word = w.lower.trim_end_matches("-dose");
    if !(glued_dose || dose_follows()) {
        return None;
    }
    if vocab::HIGH_DOSE_WORDS.contains(&word) {
        Some(Wanted::Highest)
    } else if vocab::LOW_DOSE_WORDS.contains(&word) {
        Some(Wanted::Lowest)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn doses(s: &str) -> Vec<String> {
        mentions(&tokens(s))
            .iter()
            .map(|m| m.value.to_string())
            .collect()
    }

    #[test]
    fn doses_are_read_glued_spaced_and_listed() {
        assert_eq!(
            doses("Mean change was -9% with 4-mg doses and -13% with 8-mg doses."),
            ["4 mg", "8 mg"]
        );
        assert_eq!(
            doses("Adults received the drug 2, 4, or 8 mg weekly or placebo."),
            ["2 mg", "4 mg", "8 mg"]
        );
        assert_eq!(
            doses("Infusions of 0.2, 0.4 and 0.8 mg/kg were compared."),
            ["0.2 mg/kg", "0.4 mg/kg", "0.8 mg/kg"]
        );
        assert_eq!(doses("A dose of 3 mg per kg was given."), ["3 mg/kg"]);
    }

    #[test]
    fn ranges_intervals_and_other_units_are_no_doses() {
        assert!(doses("Flexible dosing of 0.4-0.8 mg/kg was allowed.").is_empty());
        assert!(doses("Weight fell by 12% (95% CI, 10 to 14) over 40 weeks.").is_empty());
        assert!(doses("The mean weight was 101.2 kg and 40% were 18 to 30 years old.").is_empty());
        // "95% CI, 82 to 89, and 6 mg": the interval's numbers are not listed doses.
        assert_eq!(doses("It was 62% (95% CI, 58 to 66) with 6 mg."), ["6 mg"]);
    }

    #[test]
    fn superlatives_name_the_end_of_the_range() {
        let t = tokens("Patients on the highest dose lost most; the starting dose less.");
        assert_eq!(superlative(&t, 3), Some(Wanted::Highest));
        assert_eq!(superlative(&t, 9), Some(Wanted::Lowest));
        let t = tokens("The high-dose arm did best, with the highest response.");
        assert_eq!(superlative(&t, 1), Some(Wanted::Highest));
        assert_eq!(superlative(&t, 8), None, "no dose named after it");
        let doses = [Value::point(2.0, Unit::Mg), Value::point(8.0, Unit::Mg)];
        assert_eq!(Wanted::Highest.resolve(&doses), Some(doses[1].clone()));
        assert_eq!(Wanted::Lowest.resolve(&doses), Some(doses[0].clone()));
        assert!(same(&doses[0], &Value::point(2.0, Unit::Mg)));
        assert!(!same(&doses[0], &Value::point(2.0, Unit::MgPerKg)));
    }
}
