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
    /// Stated exactly in a bracket after rounder words ("more than half (52%)"): a bound
    /// written before the words is theirs, not the figure's.
    pub(super) exact: bool,
}

impl Num {
    fn plain(value: f64, next: usize, words: bool) -> Num {
        Num {
            value,
            next,
            share: false,
            unit: None,
            words,
            exact: false,
        }
    }

    fn share(value: f64, next: usize) -> Num {
        Num {
            value: round1(value),
            next,
            share: true,
            unit: None,
            words: false,
            exact: false,
        }
    }
}

/// The value of a number word.
pub(super) fn word_value(w: &str) -> Option<f64> {
    super::words::NUMBER_WORDS.get(w)
}

/// The time unit a word names.
pub(super) fn time_unit(w: &str) -> Option<Unit> {
    super::words::TIME_UNITS.get(w)
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
    let n = match tok.kind {
        TokKind::Num(v) => Some(digits_at(t, i, v)),
        TokKind::Sym(_) => {
            let f = unicode_fraction(tok)?;
            if t.get(i + 1).is_some_and(|n| n.is("of")) {
                return Some(Num::share(f * 100.0, i + 1));
            }
            Some(Num::plain(f, i + 1, false))
        }
        // Every reading of a word below starts with "half", "a", "an" or a number word: most
        // words are none of them, and are turned away here.
        TokKind::Word if !tok.is_any(&["half", "a", "an"]) && word_value(tok.lower).is_none() => {
            None
        }
        TokKind::Word => half_at(t, i)
            .or_else(|| fraction_at(t, i))
            .map(|n| with_bracketed_percent(t, n))
            .or_else(|| article_at(t, i))
            .or_else(|| words_at(t, i)),
    };
    n.map(|n| and_a_half(t, n))
}

/// "(52%)" at token `k`: the percentage and the token after the bracket.
fn bracketed_percent(t: &[Tok<'_>], k: usize) -> Option<(f64, usize)> {
    t.get(k).filter(|p| p.is_sym('('))?;
    let v = t.get(k + 1).and_then(Tok::num)?;
    t.get(k + 2).filter(|p| p.is_sym('%'))?;
    t.get(k + 3).filter(|p| p.is_sym(')'))?;
    Some((v, k + 4))
}

/// A share in words followed by its exact percentage ("over a third (34%)", "nearly half
/// (48%)") is one figure: the percentage, which the words only round.
fn with_bracketed_percent(t: &[Tok<'_>], n: Num) -> Num {
    match bracketed_percent(t, n.next) {
        Some((value, next)) if n.share => Num {
            value,
            next,
            exact: true,
            ..n
        },
        _ => n,
    }
}

/// "two and a half", "2 and a half", "a month and a half", "an hour and a half": half a unit
/// more than the whole number read. A share ("half of") or a number with a fraction of its own
/// ("1½") takes no second half.
fn and_a_half(t: &[Tok<'_>], n: Num) -> Num {
    let k = n.next;
    let half_follows = t.get(k).is_some_and(|w| w.is("and"))
        && t.get(k + 1).is_some_and(|w| w.is_any(&["a", "one"]))
        && t.get(k + 2).is_some_and(|w| w.is("half"))
        // "a year and a half-day course" halves the day, not the year.
        && !t.get(k + 3).is_some_and(|d| d.is_dash() && d.start == t[k + 2].end);
    if n.share || n.value.fract() != 0.0 || !half_follows {
        return n;
    }
    Num {
        value: n.value + 0.5,
        next: k + 3,
        ..n
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
    if let Some((pct, next, exact)) = ratio_at(t, i, v) {
        return Num {
            exact,
            ..Num::share(pct, next)
        };
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
/// percentage, the token after it, and whether the bracket stated it exactly.
fn ratio_at(t: &[Tok<'_>], i: usize, n: f64) -> Option<(f64, usize, bool)> {
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
    let m = if let Some(scale) = article_scale(t, m_idx) {
        // "one in a thousand", "1 in a million".
        m_idx += 1;
        scale
    } else {
        t.get(m_idx)
            .and_then(|m| m.num().or_else(|| word_value(m.lower)))?
    };
    if m <= 1.0 || n > m || n <= 0.0 {
        return None;
    }
    // An explicit percentage in parentheses right after wins: "11 out of 13 (84.6%)".
    Some(match bracketed_percent(t, m_idx + 1) {
        Some((pct, next)) => (pct, next, true),
        None => (n / m * 100.0, m_idx + 1, false),
    })
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

/// The value of "a hundred", "a thousand", "a million" at token `i` ("a" is at `i`).
fn article_scale(t: &[Tok<'_>], i: usize) -> Option<f64> {
    t.get(i).filter(|a| a.is("a"))?;
    let w = t.get(i + 1)?;
    if w.is("hundred") {
        return Some(100.0);
    }
    SCALE_WORDS.iter().find(|(s, _)| w.is(s)).map(|&(_, v)| v)
}

/// "one-third of", "two thirds of", "a quarter of", "three-quarters of"; and a share that
/// stands alone when it is plural ("two-thirds respond") or qualified ("about a third
/// relapse"). "A third session" and "the third week" are ordinals, and "a quarter-inch" a
/// measure.
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
    let of = t.get(j + 1).is_some_and(|n| n.is("of"));
    if !of {
        let plural = numer >= 2.0 && t[j].lower.ends_with('s');
        let qualified = i > 0 && t[i - 1].is_any(HALF_QUALIFIERS);
        let glued = t
            .get(j + 1)
            .is_some_and(|d| d.is_dash() && d.start == t[j].end);
        let before_unit = t.get(j + 1).is_some_and(|u| time_unit(u.lower).is_some());
        if !(plural || qualified) || glued || before_unit {
            return None;
        }
    }
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
    // "over a million patients" ("one in a million" is read as a share before this).
    if let Some(scale) = article_scale(t, i) {
        return Some(Num::plain(scale, i + 2, true));
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
        exact: false,
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
    if let Some((pct, after, exact)) = ratio_at(t, i, value).filter(|_| next == i + 1) {
        return Some(Num {
            exact,
            ..Num::share(pct, after)
        });
    }
    // "one million", "twenty billion": the scale word after the number words.
    if let Some(&(_, scale)) = t
        .get(next)
        .and_then(|w| SCALE_WORDS.iter().find(|(s, _)| w.is(s)))
        .filter(|(s, _)| *s != "thousand")
    {
        return Some(Num::plain(value * scale, next + 1, true));
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

    #[test]
    fn shares_standing_alone() {
        assert_eq!(
            read("two-thirds still struggle").map(|r| (r.0, r.1)),
            Some((66.7, true))
        );
        assert_eq!(
            read("three quarters improved").map(|r| (r.0, r.1)),
            Some((75.0, true))
        );
        assert_eq!(
            read("one in a thousand").map(|r| (r.0, r.1)),
            Some((0.1, true))
        );
        // Counterexamples: an ordinal, a measure, a period.
        assert_eq!(read("a third session"), None);
        assert_eq!(read("a quarter-inch cut"), None);
        assert_eq!(read("two-thirds-full syringe").map(|r| r.1), Some(false));
        assert_eq!(read("one third week").map(|r| r.1), Some(false));
    }

    #[test]
    fn and_a_half() {
        assert_eq!(
            read("two and a half weeks"),
            Some((2.5, false, "two and a half".to_owned()))
        );
        assert_eq!(read("2 and a half years").map(|r| r.0), Some(2.5));
        assert_eq!(
            read("a month and a half of visits"),
            Some((1.5, false, "a month and a half".to_owned()))
        );
        assert_eq!(read("an hour and one half").map(|r| r.0), Some(1.5));
        assert_eq!(read("a million patients").map(|r| r.0), Some(1e6));
        // Counterexamples: the half belongs to something else, or the number has its own.
        assert_eq!(
            read("a year and a half-day session").map(|r| r.0),
            Some(1.0)
        );
        assert_eq!(read("1½ and a half").map(|r| r.0), Some(1.5));
        assert_eq!(read("two and a few").map(|r| r.0), Some(2.0));
        assert_eq!(read("half of and a half").map(|r| r.0), Some(50.0));
    }
}
