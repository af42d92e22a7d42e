//! Reading one number at a token: digits ("3,671", "84.6", "1½"), words ("seventy-one", "one
//! hundred and twenty", "a dozen"), shares ("one in three", "3 out of 4", "2/3 of", "⅔ of",
//! "two-thirds of", "half of", "roughly half", "a 50/50 chance") and "a"/"an" before a time
//! unit ("a week"). The words themselves are in [`super::lexicon`].

use super::lexicon::{CHANCE_NOUNS, FRACTION_WORDS, SCALE_WORDS, UNICODE_FRACTIONS, WHOLE_WORDS};
use super::tokens::{Tok, TokKind};
use crate::model::Unit;

/// A number read at a token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Num {
    /// Its value (a percentage when `share`).
    pub(super) value: f64,
    /// The token after it.
    pub(super) next: usize,
    /// Already a percentage: a share ("one in three", "half of").
    pub(super) share: bool,
    /// A unit read with the number ("a week").
    pub(super) unit: Option<Unit>,
    /// Written in words or as "a"/"an", not digits.
    pub(super) words: bool,
}

impl Num {
    fn plain(value: f64, next: usize, words: bool) -> Num {
        Num {
            value,
            next,
            share: false,
            unit: None,
            words,
        }
    }

    fn share(value: f64, next: usize) -> Num {
        Num {
            value: round1(value),
            next,
            share: true,
            unit: None,
            words: false,
        }
    }
}

/// The value of a number word.
pub(super) fn word_value(w: &str) -> Option<f64> {
    super::words::NUMBER_WORDS.get(w).copied()
}

/// The time unit a word names.
pub(super) fn time_unit(w: &str) -> Option<Unit> {
    super::words::TIME_UNITS.get(w).copied()
}

fn unicode_fraction(tok: &Tok<'_>) -> Option<f64> {
    let TokKind::Sym(c) = tok.kind else {
        return None;
    };
    UNICODE_FRACTIONS
        .iter()
        .find(|(f, _)| *f == c)
        .map(|&(_, v)| v)
}

/// Words before "half" that make it a share on its own ("roughly half", "more than half").
const HALF_QUALIFIERS: &[&str] = &[
    "roughly",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "than",
    "over",
    "under",
    "just",
    "only",
];

/// The number that starts at token `i`, if any.
pub(super) fn number_at(t: &[Tok<'_>], i: usize) -> Option<Num> {
    let tok = t.get(i)?;
    match tok.kind {
        TokKind::Num(v) => Some(digits_at(t, i, v)),
        TokKind::Sym(_) => {
            let f = unicode_fraction(tok)?;
            if t.get(i + 1).is_some_and(|n| n.is("of")) {
                return Some(Num::share(f * 100.0, i + 1));
            }
            Some(Num::plain(f, i + 1, false))
        }
        TokKind::Word => half_at(t, i)
            .or_else(|| fraction_at(t, i))
            .or_else(|| article_at(t, i))
            .or_else(|| words_at(t, i)),
    }
}

/// A number in digits and the shares written with one.
fn digits_at(t: &[Tok<'_>], i: usize, v: f64) -> Num {
    let tok = &t[i];
    // "1½": a whole number and a fraction glyph.
    if let Some(f) = t
        .get(i + 1)
        .filter(|n| n.start == tok.end)
        .and_then(unicode_fraction)
    {
        return Num::plain(v + f, i + 2, false);
    }
    if let Some(n) = slash_share(t, i, v) {
        return n;
    }
    // "8.9 million", "$43.8 billion".
    if let Some(&(_, scale)) = t
        .get(i + 1)
        .and_then(|w| SCALE_WORDS.iter().find(|(s, _)| w.is(s)))
    {
        return Num::plain(v * scale, i + 2, false);
    }
    if let Some((pct, next)) = ratio_at(t, i, v) {
        return Num::share(pct, next);
    }
    Num::plain(v, i + 1, false)
}

/// "1/3 of patients" (a share) and "a 50/50 chance" (the parts of a whole of 100).
fn slash_share(t: &[Tok<'_>], i: usize, v: f64) -> Option<Num> {
    let (slash, m) = (t.get(i + 1)?, t.get(i + 2)?);
    if !slash.is_sym('/') || slash.start != t[i].end || m.start != slash.end {
        return None;
    }
    let m = m.num()?;
    let after = t.get(i + 3);
    if m > v && v > 0.0 && m <= 10.0 && after.is_some_and(|n| n.is("of")) {
        return Some(Num::share(v / m * 100.0, i + 3));
    }
    if (v + m - 100.0).abs() < 1e-9 && after.is_some_and(|n| n.is_any(CHANCE_NOUNS)) {
        return Some(Num::share(v, i + 3));
    }
    None
}

/// "N in M", "N out of M", "N out of every M", optionally followed by "(84.6%)", as a
/// percentage and the token after it.
fn ratio_at(t: &[Tok<'_>], i: usize, n: f64) -> Option<(f64, usize)> {
    let mut m_idx = if t.get(i + 1)?.is("in") {
        i + 2
    } else if t.get(i + 1)?.is("out") && t.get(i + 2)?.is("of") {
        i + 3
    } else {
        return None;
    };
    if t.get(m_idx).is_some_and(|e| e.is("every")) {
        m_idx += 1;
    }
    let m = t
        .get(m_idx)
        .and_then(|m| m.num().or_else(|| word_value(m.lower)))?;
    if m <= 1.0 || n > m || n <= 0.0 {
        return None;
    }
    let mut pct = n / m * 100.0;
    let mut next = m_idx + 1;
    // An explicit percentage in parentheses right after wins: "11 out of 13 (84.6%)".
    if t.get(next).is_some_and(|p| p.is_sym('('))
        && t.get(next + 2).is_some_and(|p| p.is_sym('%'))
        && t.get(next + 3).is_some_and(|p| p.is_sym(')'))
    {
        if let Some(v) = t.get(next + 1).and_then(Tok::num) {
            pct = v;
            next += 4;
        }
    }
    Some((pct, next))
}

/// "half of", "roughly half", "more than half" (shares); "half a syringe", "half an hour"
/// and "half-full" (one half of a unit).
fn half_at(t: &[Tok<'_>], i: usize) -> Option<Num> {
    if !t[i].is("half") {
        return None;
    }
    let next = t.get(i + 1);
    if next.is_some_and(|n| n.is_any(&["a", "an"])) {
        return Some(Num::plain(0.5, i + 2, true));
    }
    if next.is_some_and(Tok::is_dash) && t.get(i + 2).is_some_and(|n| n.is("full")) {
        return Some(Num::plain(0.5, i + 3, true));
    }
    if next.is_some_and(|n| n.is("of")) {
        return Some(Num::share(50.0, i + 1));
    }
    let qualified = i > 0 && t[i - 1].is_any(HALF_QUALIFIERS);
    qualified.then(|| Num::share(50.0, i + 1))
}

/// "one-third of", "two thirds of", "a quarter of", "three-quarters of".
fn fraction_at(t: &[Tok<'_>], i: usize) -> Option<Num> {
    let w = &t[i];
    let numer = if w.is_any(&["a", "an"]) {
        1.0
    } else {
        word_value(w.lower).filter(|v| *v < 10.0)?
    };
    let mut j = i + 1;
    if t.get(j).is_some_and(Tok::is_dash) {
        j += 1;
    }
    let denom = FRACTION_WORDS
        .iter()
        .find(|(d, _)| t.get(j).is_some_and(|x| x.is(d)))
        .map(|&(_, v)| v)?;
    t.get(j + 1).filter(|n| n.is("of"))?;
    Some(Num::share(numer / denom * 100.0, j + 1))
}

/// "a dozen", "a hundred", and "a"/"an" before a singular time unit ("a week", "an hour").
fn article_at(t: &[Tok<'_>], i: usize) -> Option<Num> {
    if !t[i].is_any(&["a", "an"]) {
        return None;
    }
    let next = t.get(i + 1)?;
    if next.is_any(&["dozen", "hundred", "thousand"]) {
        let (v, after) = words_at(t, i + 1).map(|n| (n.value, n.next))?;
        return Some(Num::plain(v, after, true));
    }
    // "an entire month", "a full year": still one month, one year.
    let at = if next.is_any(WHOLE_WORDS) {
        i + 2
    } else {
        i + 1
    };
    let word = t.get(at)?;
    let unit = time_unit(word.lower).filter(|_| !word.lower.ends_with('s'))?;
    Some(Num {
        value: 1.0,
        next: at + 1,
        share: false,
        unit: Some(unit),
        words: true,
    })
}

/// A number in words, compounds included: "seventy-one", "one hundred and twenty", "two
/// dozen"; and word ratios ("one in three").
fn words_at(t: &[Tok<'_>], i: usize) -> Option<Num> {
    let first = &t[i];
    word_value(first.lower)?;
    // "one of the first questions", "one another": not counts.
    if first.is("one") && t.get(i + 1).is_some_and(|n| n.is_any(&["of", "another"])) {
        return None;
    }
    let (value, next) = compound(t, i)?;
    if let Some((pct, after)) = ratio_at(t, i, value).filter(|_| next == i + 1) {
        return Some(Num::share(pct, after));
    }
    Some(Num::plain(value, next, true))
}

/// What the last number word of a compound was, for what may follow it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Last {
    None,
    /// 0–9.
    Unit,
    /// 10–19.
    Teen,
    /// 20, 30 … 90.
    Ten,
    Hundred,
    Thousand,
}

/// Adds up number words from token `i`: tens and units add ("seventy-one"), "hundred" and
/// "dozen" multiply, "thousand" closes a group, and "and" may follow a hundred.
fn compound(t: &[Tok<'_>], i: usize) -> Option<(f64, usize)> {
    let (mut total, mut current) = (0.0_f64, 0.0_f64);
    let mut last = Last::None;
    let mut k = i;
    let mut end = i;
    while let Some(tok) = t.get(k) {
        let Some(v) = word_value(tok.lower) else {
            break;
        };
        let next = match (tok.lower, v) {
            ("dozen", _) => {
                if !matches!(last, Last::None | Last::Unit | Last::Ten) {
                    break;
                }
                current = current.max(1.0) * 12.0;
                end = k + 1;
                break;
            }
            ("hundred", _) if current < 100.0 && last != Last::Hundred => {
                current = current.max(1.0) * 100.0;
                Last::Hundred
            }
            ("thousand", _) if total == 0.0 && last != Last::Thousand => {
                total = current.max(1.0) * 1000.0;
                current = 0.0;
                Last::Thousand
            }
            (_, u)
                if u < 10.0
                    && matches!(
                        last,
                        Last::None | Last::Ten | Last::Hundred | Last::Thousand
                    ) =>
            {
                current += u;
                Last::Unit
            }
            (_, u)
                if (10.0..20.0).contains(&u)
                    && matches!(last, Last::None | Last::Hundred | Last::Thousand) =>
            {
                current += u;
                Last::Teen
            }
            (_, u)
                if (20.0..100.0).contains(&u)
                    && matches!(last, Last::None | Last::Hundred | Last::Thousand) =>
            {
                current += u;
                Last::Ten
            }
            _ => break,
        };
        last = next;
        end = k + 1;
        // "seventy-one" and "one hundred and twenty": a dash after a ten, "and" after a hundred
        // or thousand, join the next number word.
        let joined = t.get(k + 1).is_some_and(|j| {
            (j.is_dash() && j.start == tok.end && last == Last::Ten)
                || (j.is("and") && matches!(last, Last::Hundred | Last::Thousand))
        }) && t.get(k + 2).is_some_and(|n| word_value(n.lower).is_some());
        k += if joined { 2 } else { 1 };
    }
    (end > i).then_some((total + current, end))
}

/// Rounds a share to one decimal.
pub(super) fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::tokens::tokens;

    fn read(s: &str) -> Option<(f64, bool, String)> {
        let lower = s.to_ascii_lowercase();
        let t = tokens(s, &lower);
        number_at(&t, 0).map(|n| {
            let end = t.get(n.next - 1).map_or(s.len(), |x| x.end);
            (n.value, n.share, s[..end].to_owned())
        })
    }

    #[test]
    fn compounds() {
        assert_eq!(read("seventy-one percent").map(|r| r.0), Some(71.0));
        assert_eq!(read("Twenty five").map(|r| r.0), Some(25.0));
        assert_eq!(
            read("One hundred and twenty patients"),
            Some((120.0, false, "One hundred and twenty".to_owned()))
        );
        assert_eq!(read("two thousand five hundred").map(|r| r.0), Some(2500.0));
        assert_eq!(read("two dozen").map(|r| r.0), Some(24.0));
        assert_eq!(
            read("one two").map(|r| r.0),
            Some(1.0),
            "two units do not add"
        );
        assert_eq!(
            read("twenty thirty").map(|r| r.0),
            Some(20.0),
            "two tens do not add"
        );
        assert_eq!(read("one of them"), None);
    }

    #[test]
    fn shares() {
        assert_eq!(read("one in three").map(|r| (r.0, r.1)), Some((33.3, true)));
        assert_eq!(
            read("2 out of every 3").map(|r| (r.0, r.1)),
            Some((66.7, true))
        );
        assert_eq!(read("1/3 of").map(|r| (r.0, r.1)), Some((33.3, true)));
        assert_eq!(read("50/50 chance").map(|r| (r.0, r.1)), Some((50.0, true)));
        assert_eq!(
            read("20/20 vision").map(|r| (r.0, r.1)),
            Some((20.0, false))
        );
        assert_eq!(read("⅔ of").map(|r| (r.0, r.1)), Some((66.7, true)));
        assert_eq!(
            read("two-thirds of").map(|r| (r.0, r.1)),
            Some((66.7, true))
        );
        assert_eq!(read("half of").map(|r| (r.0, r.1)), Some((50.0, true)));
        assert_eq!(read("half the battle"), None);
        assert_eq!(
            read("half a syringe").map(|r| (r.0, r.1)),
            Some((0.5, false))
        );
        assert_eq!(read("1½ hours").map(|r| r.0), Some(1.5));
    }
}
