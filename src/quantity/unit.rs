//! Reading the unit after a number: percent, time units ("24-hour" too), doses, masses,
//! concentrations, indexes, money words, folds ("2-4x", "three times higher") and rates ("2x a
//! week", "three times per week", "2 per week"). The unit words are in [`super::lexicon`].

use std::sync::LazyLock;

use super::lexicon::{
    COMPARATIVE_COUNT_WORDS, PERIODS, SPAN_ADJECTIVES, SYMPTOM_DAY_WORDS, UNITS, YEAR_PERIODS,
};
use super::matcher::Matcher;
use super::number::time_unit;
use super::tokens::{Tok, TokKind};
use crate::model::Unit;

static UNIT_WORDS: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(UNITS));
static PERIOD_WORDS: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::of_pairs(PERIODS.iter().map(|(p, _)| *p)));
static YEAR_PERIOD_WORDS: LazyLock<Matcher> = LazyLock::new(|| Matcher::of_words(YEAR_PERIODS));

/// What follows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UnitRead {
    /// A unit; the token after it.
    Unit(Unit, usize),
    /// A rate: "2x a week", "three times per week", "2 per week".
    Rate(Unit, usize),
    /// An age ("65-year-old", "40 years old"): never a figure.
    Age,
}

/// Words after "times" that make it a fold ("three times higher"), not a count of occasions.
const FOLD_WORDS: &[&str] = &[
    "more", "higher", "greater", "as", "faster", "better", "likely", "less", "lower", "stronger",
    "larger", "smaller", "the", "longer", "over",
];

/// The period a rate is stated per ("a week", "per month", "daily") at token `j`.
pub(super) fn period_at(t: &[Tok<'_>], j: usize) -> Option<(Unit, usize)> {
    PERIOD_WORDS
        .longest_at(t, j)
        .map(|h| (PERIODS[h.entry].1, h.end))
}

/// The period of a frequency after "times", "x" or "twice": any of [`period_at`], or a year
/// ("3 to 4 times a year", "twice yearly").
pub(super) fn frequency_period_at(t: &[Tok<'_>], j: usize) -> Option<(Unit, usize)> {
    period_at(t, j).or_else(|| {
        YEAR_PERIOD_WORDS
            .longest_at(t, j)
            .map(|h| (Unit::PerYear, h.end))
    })
}

/// The unit that starts at token `j`, after a number that ends at token `j - 1`.
pub(super) fn unit_at(t: &[Tok<'_>], j: usize) -> Option<UnitRead> {
    let tok = t.get(j)?;
    if let Some(rate) = rate_at(t, j) {
        return Some(rate);
    }
    if tok.is("times") || tok.is("time") {
        let fold = t.get(j + 1).is_some_and(|n| n.is_any(FOLD_WORDS));
        if fold {
            return Some(UnitRead::Unit(Unit::Fold, j + 1));
        }
        // "need it two to four times", "repeated 3 times": a count of occasions ("at one time"
        // is an idiom).
        return tok
            .is("times")
            .then_some(UnitRead::Unit(Unit::Count, j + 1));
    }
    if let Some(time) = time_at(t, j) {
        return Some(days_a_week(t, time));
    }
    // "12 consecutive months": a span's adjective, then its unit (never an age or a rate).
    if tok.is_any(SPAN_ADJECTIVES) {
        if let Some(UnitRead::Unit(unit, next)) = time_at(t, j + 1) {
            return Some(UnitRead::Unit(unit, next));
        }
    }
    if let Some(days) = counted_days_at(t, j).or_else(|| symptom_days_at(t, j)) {
        return Some(days);
    }
    let hit = UNIT_WORDS.longest_at(t, j)?;
    let unit = UNITS[hit.entry].means;
    // "x" only right after digits ("2-4x"), and never as a rate ("2x a week", read above).
    if tok.is("x") && t.get(j.wrapping_sub(1)).is_none_or(|p| p.end != tok.start) {
        return None;
    }
    Some(UnitRead::Unit(unit, hit.end))
}

/// "2 days a week", "3 days per week": days in a week are how often, a rate like "2x a week"
/// ("15 headache days a month" counts days with a symptom, and stays days).
fn days_a_week(t: &[Tok<'_>], time: UnitRead) -> UnitRead {
    match time {
        UnitRead::Unit(Unit::Days, next) => match period_at(t, next) {
            Some((Unit::PerWeek, end)) => UnitRead::Rate(Unit::PerWeek, end),
            _ => time,
        },
        _ => time,
    }
}

/// "9.2 fewer headache days", "30 more days without pain": a comparative, at most one word,
/// then a time unit. The figure is a number of days (its kind says it is a difference).
fn counted_days_at(t: &[Tok<'_>], j: usize) -> Option<UnitRead> {
    if !t.get(j)?.is_any(COMPARATIVE_COUNT_WORDS) {
        return None;
    }
    let word = |k: usize| t.get(k).is_some_and(|w| matches!(w.kind, TokKind::Word));
    [j + 1, j + 2]
        .into_iter()
        .filter(|&k| k == j + 1 || word(j + 1))
        .find_map(|k| match time_at(t, k) {
            Some(UnitRead::Unit(u, next)) if u != Unit::Minutes => Some(UnitRead::Unit(u, next)),
            _ => None,
        })
}

/// Whether `quote` counts days rather than measuring a length of time: a number of days with
/// a symptom ("8 to 9 headache days") or a difference in days ("9.2 fewer days in hospital").
/// "12 weeks", "within 2 days" and "a 24-week phase" measure time.
pub fn counts_days(quote: &str) -> bool {
    let lower = quote.to_ascii_lowercase();
    let t = super::tokens::tokens(quote, &lower);
    (0..t.len()).any(|j| {
        matches!(
            counted_days_at(&t, j).or_else(|| symptom_days_at(&t, j)),
            Some(UnitRead::Unit(_, _))
        )
    })
}

/// "8 to 9 headache days", "15 or more migraine days": a symptom, then "days". The figure is a
/// number of days with the symptom ("2 rest days" or "3 sunny days" name no symptom, and stay
/// unread).
fn symptom_days_at(t: &[Tok<'_>], j: usize) -> Option<UnitRead> {
    let word = t.get(j)?;
    if !matches!(word.kind, TokKind::Word) || !word.is_any(SYMPTOM_DAY_WORDS) {
        return None;
    }
    match time_at(t, j + 1) {
        Some(UnitRead::Unit(Unit::Days, next)) if t[j + 1].lower.starts_with("day") => {
            Some(UnitRead::Unit(Unit::Days, next))
        }
        _ => None,
    }
}

/// "2x a week", "three times per week", "1 time per week", "2 per week".
fn rate_at(t: &[Tok<'_>], j: usize) -> Option<UnitRead> {
    let tok = t.get(j)?;
    let after = if tok.is_any(&["times", "time", "x"]) || tok.is_sym('×') {
        j + 1
    } else if tok.is_any(&["per", "each"]) || tok.is_sym('/') {
        j
    } else {
        return None;
    };
    let (unit, next) = frequency_period_at(t, after)?;
    Some(UnitRead::Rate(unit, next))
}

/// A time unit at `j`: "weeks", "24-hour", "24 h"; an age ("65-year-old") is read as such.
fn time_at(t: &[Tok<'_>], j: usize) -> Option<UnitRead> {
    let tok = t.get(j)?;
    let (unit, next) = if tok.is_dash() {
        let word = t.get(j + 1).filter(|w| w.start == tok.end)?;
        (time_unit(word.lower)?, j + 2)
    } else {
        if !matches!(tok.kind, TokKind::Word) {
            return None;
        }
        let unit = time_unit(tok.lower)?;
        // "h" only right after digits: "24 h", never the letter in "vitamin h".
        if tok.lower == "h" && t.get(j.wrapping_sub(1)).is_none_or(|p| p.num().is_none()) {
            return None;
        }
        (unit, j + 1)
    };
    let old = |k: usize| t.get(k).is_some_and(|w| w.is("old"));
    if unit == Unit::Years
        && (old(next) || (t.get(next).is_some_and(Tok::is_dash) && old(next + 1)))
    {
        return Some(UnitRead::Age);
    }
    Some(UnitRead::Unit(unit, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::tokens::tokens;

    fn after_number(s: &str) -> Option<UnitRead> {
        let lower = s.to_ascii_lowercase();
        let t = tokens(s, &lower);
        unit_at(&t, 1)
    }

    #[test]
    fn units_rates_folds_and_ages() {
        assert_eq!(
            after_number("300 ng/dL is low"),
            Some(UnitRead::Unit(Unit::NgPerDl, 4))
        );
        assert_eq!(
            after_number("0.5 mg/kg"),
            Some(UnitRead::Unit(Unit::MgPerKg, 4))
        );
        assert_eq!(
            after_number("5 mg daily"),
            Some(UnitRead::Unit(Unit::Mg, 2))
        );
        assert_eq!(
            after_number("2x a week"),
            Some(UnitRead::Rate(Unit::PerWeek, 4))
        );
        assert_eq!(
            after_number("3 times per week"),
            Some(UnitRead::Rate(Unit::PerWeek, 4))
        );
        assert_eq!(
            after_number("2 per week"),
            Some(UnitRead::Rate(Unit::PerWeek, 3))
        );
        assert_eq!(
            after_number("4x more likely"),
            Some(UnitRead::Unit(Unit::Fold, 2))
        );
        assert_eq!(
            after_number("3 times higher"),
            Some(UnitRead::Unit(Unit::Fold, 2))
        );
        // Occasions: how many times a treatment is given is a count.
        assert_eq!(
            after_number("3 times in total"),
            Some(UnitRead::Unit(Unit::Count, 2))
        );
        assert_eq!(after_number("1 time in total"), None);
        assert_eq!(
            after_number("24-hour window"),
            Some(UnitRead::Unit(Unit::Hours, 3))
        );
        assert_eq!(
            after_number("9.2 fewer headache days"),
            Some(UnitRead::Unit(Unit::Days, 4))
        );
        // A span's adjective may stand before its unit; other words may not.
        assert_eq!(
            after_number("12 consecutive months"),
            Some(UnitRead::Unit(Unit::Months, 3))
        );
        assert_eq!(
            after_number("2 full weeks"),
            Some(UnitRead::Unit(Unit::Weeks, 3))
        );
        assert_eq!(after_number("3 consecutive sessions"), None);
        assert_eq!(after_number("3 happy months"), None);
        // A quote counts days when a symptom or a comparative stands before them.
        assert!(counts_days("8 to 9 headache days"));
        assert!(counts_days("15 or more migraine days"));
        assert!(counts_days("9.2 fewer headache days"));
        assert!(!counts_days("12 weeks"));
        assert!(!counts_days("within 2 days"));
        assert!(!counts_days("a 24-week phase"));
        assert!(!counts_days("2 rest days"));
        // A symptom's days are counted days; other words before "days" are no unit.
        assert_eq!(
            after_number("9 headache days a month"),
            Some(UnitRead::Unit(Unit::Days, 3))
        );
        assert_eq!(
            after_number("15 migraine days"),
            Some(UnitRead::Unit(Unit::Days, 3))
        );
        assert_eq!(after_number("2 rest days"), None);
        assert_eq!(after_number("3 headache weeks"), None);
        assert_eq!(after_number("4 headache medications"), None);
        assert_eq!(
            after_number("30 more days without pain"),
            Some(UnitRead::Unit(Unit::Days, 3))
        );
        assert_eq!(
            after_number("2 days a week"),
            Some(UnitRead::Rate(Unit::PerWeek, 4))
        );
        assert_eq!(
            after_number("15 days a month"),
            Some(UnitRead::Unit(Unit::Days, 2))
        );
        assert_eq!(
            after_number("2 days in a row"),
            Some(UnitRead::Unit(Unit::Days, 2))
        );
        // A comparative before anything but a time unit is no unit.
        assert_eq!(after_number("3 more sessions"), None);
        assert_eq!(after_number("2 fewer big daily doses"), None);
        assert_eq!(after_number("65-year-old man"), Some(UnitRead::Age));
        assert_eq!(after_number("40 years old"), Some(UnitRead::Age));
        assert_eq!(
            after_number("30 kg/m2 or more"),
            Some(UnitRead::Unit(Unit::KgPerM2, 5))
        );
    }
}
