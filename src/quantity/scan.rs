//! The scanner: a sentence's tokens in, the figures it states out, as raw matches (token spans,
//! value, unit, count noun, the word that governs a time, the shape of the figure). What a
//! figure measures is decided in `classify`, what it is about in `about`.
//!
//! A figure is read in named steps: an optional money sign, a number, its unit, a range, a
//! trailing bound ("or more"), a unit or count noun after all of them, the qualifiers before it
//! ("about", "up to", "within"), and a last check that it is a claim at all. A number with
//! neither unit nor count noun is no claim: that one rule keeps years, list numbers and citation
//! markers out.

use std::ops::Range;
use std::sync::LazyLock;

use super::lexicon::{
    NounClass, APPOSITION_WORDS, COUNT_NOUNS, DEMONYM_ENDINGS, INDEXES, INTERVAL_WORDS, ORDINALS,
    ORDINAL_PERIOD_LEADS, PERIOD_ORDINALS, SCALED_TIME_UNITS, SCHEDULED_NOUNS, SCORE_NOUNS,
    TIMES_WORDS,
};
use super::matcher::Matcher;
use super::number::{number_at, time_unit, word_value, Num};
use super::tokens::{Tok, TokKind};
use super::unit::{frequency_period_at, period_at, unit_at, UnitRead};
use super::words;
use crate::model::{Bound, Unit, Value};

static COUNT_NOUN_WORDS: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(COUNT_NOUNS));
static INDEX_WORDS: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(INDEXES));
static INTERVALS: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(INTERVAL_WORDS));
static SCHEDULED: LazyLock<Matcher> = LazyLock::new(|| Matcher::of_words(SCHEDULED_NOUNS));

/// How a figure was written, which tells `classify` much of what it measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A number with a unit or a count noun.
    Plain,
    /// How often: "2x a week", "twice a month", "three sessions per week".
    Rate,
    /// A regular interval: "every 2-6 weeks", "biweekly", "a single monthly infusion".
    Interval,
    /// A span named before its numbers: "(Weeks 1–3)".
    Span,
    /// A value of a clinical index: "a BMI >30".
    Index,
    /// A time or count with no number: "within hours or days", "within a few sessions".
    Vague,
}

/// A figure found by the scanner before classification.
#[derive(Debug, Clone)]
pub(super) struct RawMatch {
    /// First token of the quote (qualifiers included).
    pub(super) quote_first: usize,
    /// First token of the number itself.
    pub(super) first_tok: usize,
    /// Last token of the quote.
    pub(super) last_tok: usize,
    pub(super) value: Value,
    /// The count noun and its class (`None` for a noun of no known class: "5 dose strengths").
    pub(super) noun: Option<(usize, Option<NounClass>)>,
    /// The token before the number that governs it ("within", "over", "at", "every").
    pub(super) lead: Option<usize>,
    pub(super) shape: Shape,
}

pub(super) struct Scanner<'a, 't> {
    pub(super) t: &'a [Tok<'t>],
    pub(super) masks: &'a [Range<usize>],
}

/// A figure being read: the cursor and what has been read so far.
struct Partial {
    /// The money sign, if any.
    sign: Option<usize>,
    first: usize,
    quote_first: usize,
    last: usize,
    /// The token after what has been read.
    k: usize,
    low: f64,
    high: f64,
    unit: Option<Unit>,
    approx: bool,
    bound: Option<Bound>,
    noun: Option<(usize, Option<NounClass>)>,
    lead: Option<usize>,
    shape: Shape,
    /// The first number was "a", "an" or "one" (as in "a week", "one day").
    article: bool,
    ranged: bool,
    /// The number was stated exactly in a bracket ("over a third (34%)"): no bound before it.
    exact: bool,
}

/// Words that govern a time or a count before it ("within 24 hours", "after 1 injection").
const LEADS: &[&str] = &[
    "within", "in", "after", "for", "over", "at", "by", "lasting", "lasts", "last", "take",
    "takes", "taking", "every", "during", "across", "spanning", "beyond", "until", "through",
];

/// Words between a lead and its number ("within the first two to three months").
const LEAD_FILLERS: &[&str] = &[
    "a",
    "an",
    "the",
    "first",
    "next",
    "following",
    "subsequent",
    "second",
    "initial",
    "last",
    "past",
    "final",
    "additional",
    "further",
    "another",
];

impl Scanner<'_, '_> {
    fn masked(&self, i: usize) -> bool {
        let at = self.t[i].start;
        self.masks.iter().any(|r| r.contains(&at))
    }

    /// Every figure of the sentence, in order and never overlapping.
    pub(super) fn scan(&self) -> Vec<RawMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            if self.masked(i) {
                i += 1;
                continue;
            }
            let found = self
                .span_at(i)
                .or_else(|| self.times_word_at(i))
                .or_else(|| self.interval_at(i))
                .or_else(|| self.figure_at(i))
                .or_else(|| self.first_period_at(i))
                .or_else(|| self.vague_at(i));
            match found {
                Some(m) => {
                    i = m.last_tok + 1;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// "a 288-patient trial", "a 5.4-point drop": a singular noun joined by a dash at `j` to the
    /// number before it, which it counts. A word that is no count noun ("a 3-step plan") is not.
    fn hyphenated_noun(&self, j: usize) -> Option<(usize, Option<NounClass>)> {
        let t = self.t;
        let (dash, noun) = (t.get(j)?, t.get(j + 1)?);
        let glued = j > 0 && dash.is_dash() && t[j - 1].end == dash.start && dash.end == noun.start;
        if !glued || noun.kind != TokKind::Word {
            return None;
        }
        if noun.is_any(SCORE_NOUNS) {
            return Some((j + 1, None));
        }
        Some((j + 1, Some(count_noun_class(t, j + 1)?)))
    }

    /// A full figure whose number starts at token `i` (or at a `$` sign).
    fn figure_at(&self, i: usize) -> Option<RawMatch> {
        let mut f = self.start(i)?;
        self.read_unit(&mut f);
        self.read_range(&mut f);
        self.read_trailing_bound(&mut f);
        if f.unit.is_none() {
            self.read_unit(&mut f);
            self.read_trailing_bound(&mut f);
        }
        if f.unit.is_none() {
            self.read_noun(&mut f);
        }
        if f.unit.is_none() {
            self.read_index(&mut f);
        }
        f.unit?;
        self.read_share_people(&mut f);
        self.read_qualifiers(&mut f);
        self.accept(&f).then(|| finish(f))
    }

    /// Step 1: the money sign and the first number, unless the number is part of a name or a
    /// label ("COVID-19", "Type 2", "Phase 1", "no two").
    fn start(&self, i: usize) -> Option<Partial> {
        let t = self.t;
        let (sign, first) = if t[i].is_sym('$') {
            t.get(i + 1).and_then(Tok::num)?;
            (Some(i), i + 1)
        } else {
            (None, i)
        };
        let n = number_at(t, first)?;
        if self.is_name_or_label(first, &n) {
            return None;
        }
        Some(Partial {
            sign,
            first,
            quote_first: sign.unwrap_or(first),
            last: n.next - 1,
            k: n.next,
            low: n.value,
            high: n.value,
            unit: if sign.is_some() {
                Some(Unit::Usd)
            } else if n.share {
                Some(Unit::Percent)
            } else {
                n.unit
            },
            approx: false,
            bound: None,
            noun: None,
            lead: None,
            shape: Shape::Plain,
            article: t[first].is_any(&["a", "an", "one", "half"]),
            ranged: false,
            exact: n.exact,
        })
    }

    /// Whether the number at `first` belongs to a name or a label, not a figure: a word joined
    /// to it ("COVID-19", "B12", "20s", "3rd"), a label before it ("Type 2", "Phase 1"), "no"
    /// before it ("no two patients").
    fn is_name_or_label(&self, first: usize, n: &Num) -> bool {
        let t = self.t;
        let tok = &t[first];
        let prev = first.checked_sub(1).map(|p| &t[p]);
        let prev2 = first.checked_sub(2).map(|p| &t[p]);
        if tok.num().is_some() {
            // "COVID-19", "HAM-D-17", "SARS-CoV-2": a word, a dash and the digits, no spaces.
            let dashed = prev.is_some_and(|d| d.is_dash() && d.end == tok.start)
                && prev2.is_some_and(|w| {
                    matches!(w.kind, TokKind::Word)
                        && w.end == t[first - 1].start
                        && word_value(w.lower).is_none()
                });
            // "B12", "A1C": letters right before the digits.
            let glued_before =
                prev.is_some_and(|w| matches!(w.kind, TokKind::Word) && w.end == tok.start);
            // "20s", "3rd": letters right after, unless they are a unit ("24hours", "2x").
            let glued_after = t.get(n.next).is_some_and(|w| {
                matches!(w.kind, TokKind::Word)
                    && w.start == t[n.next - 1].end
                    && unit_at(t, n.next).is_none()
            });
            if dashed || glued_before || glued_after {
                return true;
            }
        }
        // A label stands before a bare number ("Phase 1", "Type 2"); "a trial 64% …" has a unit.
        let bare = !n.share && n.unit.is_none() && unit_at(t, n.next).is_none();
        let labelled = prev.is_some_and(|p| p.is_in(&words::LABELS) && bare)
            && !(prev.is_some_and(|p| time_unit(p.lower).is_some())
                && t.get(n.next).is_some_and(|d| d.is_dash() || d.is("to")));
        let no = prev.is_some_and(|p| p.is("no")) && tok.kind == TokKind::Word;
        labelled || no
    }

    /// Step 2: a unit right after the number(s) read so far.
    fn read_unit(&self, f: &mut Partial) {
        if f.unit.is_some() && f.sign.is_none() {
            return;
        }
        let scaled = SCALED_TIME_UNITS
            .iter()
            .find(|(w, _, _)| self.t.get(f.k).is_some_and(|x| x.is(w)));
        if let Some(&(_, factor, unit)) = scaled.filter(|_| f.sign.is_none()) {
            f.low *= factor;
            f.high *= factor;
            f.unit = Some(unit);
            f.last = f.k;
            f.k += 1;
            return;
        }
        // A mean with its spread in brackets before the unit, as abstracts give baseline
        // characteristics: "46.3 [11.1] years", "52.0 (8.4) kg".
        let spread = spread_before_unit(self.t, f.k);
        if let Some(Some(UnitRead::Unit(u, next))) = spread.map(|s| unit_at(self.t, s)) {
            if f.sign.is_none() && !f.ranged {
                f.unit = Some(u);
                f.last = next - 1;
                f.k = next;
                return;
            }
        }
        match unit_at(self.t, f.k) {
            Some(UnitRead::Unit(u, next)) if f.sign.is_none() => {
                f.unit = Some(u);
                f.last = next - 1;
                f.k = next;
            }
            Some(UnitRead::Rate(u, next)) if f.sign.is_none() => {
                f.unit = Some(u);
                f.shape = Shape::Rate;
                f.last = next - 1;
                f.k = next;
            }
            Some(UnitRead::Age) => {
                f.unit = None;
                f.k = usize::MAX;
            }
            _ => {}
        }
    }

    /// Step 3: a range: "70–80%", "from 3 to 7 days", "between 40 and 60 minutes", "six months
    /// to a year", "$4500 to $5200", "between 70% or 80%".
    fn read_range(&self, f: &mut Partial) {
        let t = self.t;
        let Some(conn) = t.get(f.k) else {
            return;
        };
        // "between 40 and 60 minutes", and "between the ages of 20 and 40" with the index's
        // words in between.
        let between = (f.quote_first.saturating_sub(4)..f.quote_first)
            .rev()
            .take_while(|&k| t[k].is_any(&["between", "the", "ages", "of"]))
            .any(|k| t[k].is("between"));
        let joins = conn.is_dash()
            || conn.is_any(&["to", "through"])
            || (between && conn.is_any(&["and", "or"]))
            || (conn.is("or") && f.unit.is_none())
            // "a day or two", "a week or three": one unit up to a bare number of them.
            || (conn.is("or") && f.article && f.unit.is_some_and(|u| u.hours().is_some()));
        if !joins {
            return;
        }
        let mut j = f.k + 1;
        // "one-to-three months": "to" between two dashes.
        if conn.is_dash()
            && t.get(j).is_some_and(|w| w.is("to"))
            && t.get(j + 1).is_some_and(Tok::is_dash)
        {
            j += 2;
        }
        if f.sign.is_some() && t.get(j).is_some_and(|s| s.is_sym('$')) {
            j += 1;
        }
        let Some(n2) = number_at(t, j).or_else(|| full_at(t, j)) else {
            return;
        };
        let bare = n2.unit.is_none() && unit_at(t, n2.next).is_none();
        let unit_first = f.unit.is_some() && f.sign.is_none();
        if conn.is("or") && unit_first && !between && !(bare && n2.value > f.low) {
            return;
        }
        // "15 to 20 out of every 10,000": a bare first number shares the second's whole.
        if n2.share && f.unit.is_none() && f.sign.is_none() {
            let Some(whole_part) = t[j].num().filter(|&v| v > f.low && f.low > 0.0) else {
                return;
            };
            f.low *= n2.value / whole_part;
            f.unit = Some(Unit::Percent);
        }
        if n2.share && f.unit != Some(Unit::Percent) {
            return;
        }
        let mut high = n2.value;
        let mut next = n2.next;
        let mut unit2 = if n2.share {
            Some(Unit::Percent)
        } else {
            n2.unit
        };
        if unit2.is_none() && f.sign.is_none() {
            if let Some(UnitRead::Unit(u, after) | UnitRead::Rate(u, after)) = unit_at(t, next) {
                unit2 = Some(u);
                next = after;
            }
        }
        match (f.unit, unit2) {
            (Some(a), Some(b)) if a != b => {
                // "six months to a year": the second end in the first end's unit.
                let Some(factor) = time_factor(b, a) else {
                    return;
                };
                high *= factor;
            }
            (None, Some(b)) => {
                f.unit = Some(b);
                if let Some(UnitRead::Rate(..)) = unit_at(t, n2.next) {
                    f.shape = Shape::Rate;
                }
            }
            (None, None) if conn.is("or") && !between => return,
            _ => {}
        }
        if high < f.low {
            return;
        }
        f.high = high;
        f.last = next - 1;
        f.k = next;
        f.ranged = true;
    }

    /// Step 4: a bound after the number: "or more", "12+", "$5,000 and up", "6 or less".
    fn read_trailing_bound(&self, f: &mut Partial) {
        let t = self.t;
        let Some(tok) = t.get(f.k) else {
            return;
        };
        let next = t.get(f.k + 1);
        let at_least = [
            "more", "longer", "older", "higher", "greater", "over", "above",
        ];
        let at_most = ["less", "fewer", "lower", "shorter", "under", "below"];
        let (bound, len) = if tok.is_sym('+') {
            (Bound::AtLeast, 1)
        } else if tok.is("or") && next.is_some_and(|n| n.is_any(&at_least)) {
            (Bound::AtLeast, 2)
        } else if tok.is("or") && next.is_some_and(|n| n.is_any(&at_most)) {
            (Bound::AtMost, 2)
        } else if tok.is("and") && next.is_some_and(|n| n.is_any(&["up", "above", "older", "over"]))
        {
            (Bound::AtLeast, 2)
        } else if tok.is("plus") {
            (Bound::AtLeast, 1)
        } else {
            return;
        };
        f.bound = Some(bound);
        f.last = f.k + len - 1;
        f.k += len;
    }

    /// Step 5: a count noun ("six infusions", "12+ visits", "5 dose strengths"), a rate over
    /// it ("two treatments a week"), or the noun a number in parentheses refers back to ("a few
    /// sessions (6-8 is recommended)").
    fn read_noun(&self, f: &mut Partial) {
        let t = self.t;
        if let Some((n, class)) = self.count_noun_at(f.k) {
            // "one" alone counts nothing a page claims: "one patient told us", "that one
            // cycle", "in one session" are asides.
            if f.low == 1.0 && t[f.first].is("one") && !f.ranged {
                return;
            }
            f.noun = Some((n, class));
            f.unit = Some(Unit::Count);
            f.last = n;
            f.k = n + 1;
            if let Some((rate, next)) = period_at(t, n + 1) {
                f.unit = Some(rate);
                f.shape = Shape::Rate;
                f.last = next - 1;
                f.k = next;
            }
            return;
        }
        if let Some((n, class)) = self.noun_referred_to(f) {
            f.noun = Some((n, class));
            f.unit = Some(Unit::Count);
        }
    }

    /// Step 5d: the noun a bare number refers back to, when the number stands alone as an aside
    /// (followed by a comma, a parenthesis, a full stop or "is"): set off after its noun ("a
    /// series of treatments, generally 6 to 12, …", "a few sessions (6-8 is recommended)"), or
    /// after "the number of" a noun ("Number of antidepressants tried (ranges from 0–14)").
    fn noun_referred_to(&self, f: &Partial) -> Option<(usize, Option<NounClass>)> {
        let t = self.t;
        if f.article && !f.ranged {
            return None;
        }
        let alone = t
            .get(f.k)
            .is_none_or(|n| n.is_sym(',') || n.is_sym(')') || n.is_sym('.') || n.is_sym(';'))
            || t.get(f.k).is_some_and(|n| n.is_any(&["is", "are"]));
        if !alone {
            return None;
        }
        if let Some(noun) = self.number_of_before(f.first) {
            return Some(noun);
        }
        // Back over the words that may open the aside ("generally", "from", "about").
        let mut p = f.first;
        while p > 0 && t[p - 1].is_any(APPOSITION_WORDS) {
            p -= 1;
        }
        let opens = p >= 2 && (t[p - 1].is_sym(',') || t[p - 1].is_sym('('));
        if opens {
            let noun = &t[p - 2];
            let class = count_noun_class(t, p - 2);
            if class.is_some() || is_open_plural(noun) {
                return Some((p - 2, class));
            }
        }
        None
    }

    /// The noun of "the number of NOUN" at most eight tokens before `first`, with no other
    /// number between ("a number of studies" is no count: it says "several").
    fn number_of_before(&self, first: usize) -> Option<(usize, Option<NounClass>)> {
        let t = self.t;
        let from = first.saturating_sub(8);
        let at = (from..first.saturating_sub(2))
            .rev()
            .find(|&k| t[k].is("number") && t[k + 1].is("of"))?;
        if at > 0 && t[at - 1].is_any(&["a", "an", "any"]) {
            return None;
        }
        // Another number, or a word that governs the number itself ("grew in 2019"), between.
        let governed = (at + 2..first).any(|k| {
            t[k].num().is_some()
                || t[k].is_any(&[
                    "in", "since", "by", "during", "until", "after", "before", "on",
                ])
        });
        if governed {
            return None;
        }
        let (n, class) = self.count_noun_at(at + 2)?;
        (n < first).then_some((n, class))
    }

    /// The count noun a number governs, from token `j`: at most two modifiers before it, and
    /// the last noun of a compound ("treatment sessions").
    fn count_noun_at(&self, j: usize) -> Option<(usize, Option<NounClass>)> {
        let t = self.t;
        if let Some(n) = demonym_at(t, j) {
            return Some((n, Some(NounClass::People)));
        }
        if let Some(n) = self.hyphenated_noun(j) {
            return Some(n);
        }
        let mut k = j;
        let mut modifiers = 0;
        let mut tried = false;
        while modifiers <= 2 {
            let tok = t.get(k)?;
            let class = count_noun_class(t, k);
            let noun_next = t
                .get(k + 1)
                .is_some_and(|n| COUNT_NOUN_WORDS.matches_at(t, k + 1) || is_open_plural(n));
            if class == Some(NounClass::Tried) {
                tried = true;
            }
            if class.is_some() && !noun_next {
                // "two antidepressant treatments" counts treatments tried.
                let class = if tried { Some(NounClass::Tried) } else { class };
                return Some((k, class));
            }
            if class.is_none() && is_open_plural(tok) && modifiers <= 1 && !noun_next {
                return Some((k, None));
            }
            // "40 COVID-19 patients": the digits of a name glued to it by a dash.
            let name_digits = tok.num().is_some()
                && k > 0
                && t[k - 1].is_dash()
                && t[k - 1].end == tok.start
                && modifiers > 0;
            let modifier = class.is_some()
                || (matches!(tok.kind, TokKind::Word)
                    && !tok.is_in(&words::FUNCTION_WORDS)
                    && word_value(tok.lower).is_none()
                    && time_unit(tok.lower).is_none())
                || (tok.is_dash() && modifiers > 0)
                || name_digits;
            if !modifier {
                return None;
            }
            // "open-label": words joined by a dash are one modifier. A count noun before another
            // is one compound noun with it ("36 TMS therapy treatment sessions").
            let joined = k > j && t[k - 1].is_dash() && t[k - 1].end == tok.start;
            let compound = class.is_some() && noun_next;
            if !tok.is_dash() && !name_digits && !joined && !compound {
                modifiers += 1;
            }
            k += 1;
        }
        None
    }

    /// Step 5c: a share's quote takes in the people it is a share of ("⅔ of people", "half of
    /// patients").
    fn read_share_people(&self, f: &mut Partial) {
        let t = self.t;
        if f.unit != Some(Unit::Percent) || !t.get(f.k).is_some_and(|o| o.is("of")) {
            return;
        }
        // A share written as a fraction, not a percentage ("71 percent of patients").
        let is_fraction =
            !t[f.k - 1].is_sym('%') && !t[f.k - 1].is_any(&["percent", "cent", "pct", "points"]);
        let people = t.get(f.k + 1).and_then(|p| {
            COUNT_NOUN_WORDS
                .longest_at(t, f.k + 1)
                .filter(|h| h.end == f.k + 2 && COUNT_NOUNS[h.entry].means == NounClass::People)
                .map(|_| p)
        });
        if is_fraction && people.is_some() {
            f.last = f.k + 1;
            f.k += 2;
        }
    }

    /// Step 5b: a number after a clinical index gets the index's unit ("a BMI >30", "an AHI of
    /// <5").
    fn read_index(&self, f: &mut Partial) {
        let t = self.t;
        let mut p = f.first;
        for _ in 0..4 {
            if p == 0 {
                return;
            }
            let end = p;
            let index = (end.saturating_sub(4)..end).find_map(|s| {
                INDEX_WORDS
                    .longest_at(t, s)
                    .filter(|h| h.end == end)
                    .map(|h| INDEXES[h.entry].means)
            });
            if let Some(unit) = index {
                f.unit = Some(unit);
                f.shape = Shape::Index;
                return;
            }
            let prev = &t[p - 1];
            let skip = prev.is_any(&[
                "of", "is", "was", "over", "above", "under", "below", "greater", "less", "than",
                "at", "least", "more", "a", "an", "between", "from",
            ]) || matches!(prev.kind, TokKind::Sym('>' | '<' | '≥' | '≤' | '=' | ':'));
            if !skip {
                return;
            }
            p -= 1;
        }
    }

    /// Step 6: qualifiers before the number (approximations, bounds) and the word that governs
    /// it ("within", "over", "every").
    fn read_qualifiers(&self, f: &mut Partial) {
        let t = self.t;
        let mut p = f.quote_first;
        while p > 0 {
            let Some((approx, bound, len)) = qualifier_before(t, p) else {
                break;
            };
            f.approx |= approx && !f.exact;
            if let Some(b) = bound.filter(|_| !f.exact) {
                let counts = !matches!(t[p - 1].lower, "over" | "above" | "under" | "below")
                    || matches!(f.unit, Some(Unit::Percent | Unit::Count | Unit::Usd))
                    || f.shape == Shape::Index;
                if !counts {
                    break;
                }
                f.bound.get_or_insert(b);
            }
            p -= len;
        }
        f.quote_first = p;
        // "from 3 to 7 days", "between 40 and 60 minutes": the opening word is part of the range.
        if f.ranged && p > 0 && t[p - 1].is_any(&["from", "between"]) {
            f.quote_first = p - 1;
            return;
        }
        // The lead, skipping "just", "only" and "the first".
        let mut q = p;
        while q > 0 && t[q - 1].is_any(&["just", "only", "mere", "even", "as", "little"]) {
            q -= 1;
        }
        while q > 0 && t[q - 1].is_any(LEAD_FILLERS) {
            q -= 1;
        }
        if q > 0 && t[q - 1].is_any(LEADS) {
            f.lead = Some(q - 1);
            if t[q - 1].is_any(&["within", "every"]) {
                f.quote_first = q - 1;
            }
        }
        // "within 24 hours" says at most 24 hours; "within 24–48 hours" states the range itself.
        let within = f.lead.is_some_and(|l| t[l].is("within"));
        if within
            && f.low == f.high
            && f.bound.is_none()
            && f.unit.is_some_and(|u| u.hours().is_some())
        {
            f.bound = Some(Bound::AtMost);
        }
    }

    /// Step 7: whether what was read is a claim. "A week" and "one day" need a word that makes
    /// them a duration ("within a week", "for one day", "a year of care", "a week later"); "a dozen" and
    /// "half" need a unit or noun of their own.
    fn accept(&self, f: &Partial) -> bool {
        let t = self.t;
        if f.k == usize::MAX {
            return false;
        }
        let time = f.unit.is_some_and(|u| u.hours().is_some());
        if f.article && time && !f.ranged && f.noun.is_none() {
            let qualified =
                f.quote_first < f.first || f.lead.is_some() || in_list_of_times(t, f.quote_first);
            let of = t.get(f.last + 1).is_some_and(|n| n.is("of"));
            // "one week after the procedure", "a month later": counted from an event ("one day
            // after another" is an idiom).
            let from_event = t.get(f.last + 1).is_some_and(|n| n.is("later"))
                || (t
                    .get(f.last + 1)
                    .is_some_and(|n| n.is_any(&["after", "following", "post"]))
                    && t.get(f.last + 2).is_some_and(|n| !n.is("another")));
            // "one week at a time" is an idiom; "more than an hour at a time" is a limit.
            let idiom = t.get(f.last + 1).is_some_and(|n| n.is("at"))
                && t.get(f.last + 2).is_some_and(|n| n.is("a"))
                && f.bound.is_none();
            return (qualified || of || from_event) && !idiom;
        }
        true
    }

    /// "(Weeks 1–3)", "Months 3–6": a span named before its numbers.
    fn span_at(&self, i: usize) -> Option<RawMatch> {
        let t = self.t;
        let unit = time_unit(t[i].lower)?;
        let lo = t.get(i + 1)?.num()?;
        let conn = t.get(i + 2)?;
        if !(conn.is_dash() || conn.is("to")) {
            return None;
        }
        let hi = t.get(i + 3)?.num().filter(|h| *h > lo)?;
        if self.masked(i + 1) {
            return None;
        }
        Some(RawMatch {
            quote_first: i,
            first_tok: i + 1,
            last_tok: i + 3,
            value: Value::range(lo, hi, unit),
            noun: None,
            lead: None,
            shape: Shape::Span,
        })
    }

    /// "once a week", "twice monthly", "Once-weekly", "once or twice a week", and "twice as"
    /// (a fold).
    fn times_word_at(&self, i: usize) -> Option<RawMatch> {
        let t = self.t;
        let times = |k: usize| {
            TIMES_WORDS
                .iter()
                .find(|(w, _)| t.get(k).is_some_and(|x| x.is(w)))
                .map(|&(_, v)| v)
        };
        let low = times(i)?;
        let mut high = low;
        let mut j = i + 1;
        if t.get(j).is_some_and(|o| o.is("or")) {
            if let Some(h) = times(j + 1).filter(|h| *h > low) {
                high = h;
                j += 2;
            }
        }
        if t.get(j).is_some_and(|a| a.is("as")) && low == high {
            return Some(raw(i, i, j, Value::point(low, Unit::Fold), Shape::Plain));
        }
        let (unit, next) = frequency_period_at(t, j)?;
        Some(raw(
            i,
            i,
            next - 1,
            Value::range(low, high, unit),
            Shape::Rate,
        ))
    }

    /// "biweekly", "every other week", "a single monthly infusion": a regular interval. Words
    /// that also work as adjectives ("a weekly dose", "our monthly newsletter") need a
    /// scheduled thing nearby.
    fn interval_at(&self, i: usize) -> Option<RawMatch> {
        let t = self.t;
        if let Some(every) = self.every_nth_at(i) {
            return Some(every);
        }
        let hit = INTERVALS.longest_at(t, i)?;
        let entry = &INTERVAL_WORDS[hit.entry];
        let one_word = hit.end == i + 1;
        if one_word {
            let near = (i.saturating_sub(4)..(i + 3).min(t.len()))
                .filter(|&k| k != i)
                .any(|k| SCHEDULED.matches_at(t, k));
            let adjective_of_dose = t
                .get(i + 1)
                .is_some_and(|n| n.is_any(&["dose", "doses", "dosage"]));
            // "0.25 mg weekly": a schedule right after an amount.
            let after_amount = i > 0
                && matches!(
                    unit_at(t, i - 1).or_else(|| i.checked_sub(2).and_then(|j| unit_at(t, j))),
                    Some(UnitRead::Unit(
                        Unit::Mg | Unit::Units | Unit::Iu | Unit::Ml | Unit::MgPerKg,
                        _
                    ))
                );
            if !(near || after_amount) || adjective_of_dose {
                return None;
            }
        }
        let (v, unit) = entry.means;
        Some(raw(
            i,
            i,
            hit.end - 1,
            Value::point(v, unit),
            Shape::Interval,
        ))
    }

    /// "within the first year", "by the end of the first week", "over the following month": one
    /// unit of time counted from the treatment, with no number written. A lead that makes it a
    /// period must come before "the" ("on the first day" names a day), and the unit must stand
    /// alone ("first-year students", "the first 6 months" have a number of their own).
    fn first_period_at(&self, i: usize) -> Option<RawMatch> {
        let t = self.t;
        if !t[i].is_any(PERIOD_ORDINALS) || i < 2 || !t[i - 1].is("the") {
            return None;
        }
        let lead = i - 2;
        if !t[lead].is_any(ORDINAL_PERIOD_LEADS) && !t[lead].is("for") {
            return None;
        }
        let word = t.get(i + 1)?;
        let unit = time_unit(word.lower).filter(|_| !word.lower.ends_with('s'))?;
        if t.get(i + 2)
            .is_some_and(|d| d.is_dash() && d.start == word.end)
        {
            return None;
        }
        let mut m = raw(i, i, i + 1, Value::point(1.0, unit), Shape::Plain);
        m.lead = Some(lead);
        Some(m)
    }

    /// "every third day", "every fourth week": an interval of that many units. ("every second
    /// day" and "every other week" are in the interval words.)
    fn every_nth_at(&self, i: usize) -> Option<RawMatch> {
        let t = self.t;
        if !t[i].is("every") {
            return None;
        }
        let n = ORDINALS
            .iter()
            .find(|(w, _)| t.get(i + 1).is_some_and(|o| o.is(w)))
            .map(|&(_, n)| n)?;
        let unit = t
            .get(i + 2)
            .and_then(|u| time_unit(u.lower))
            .filter(|_| !t[i + 2].lower.ends_with('s'))?;
        Some(raw(i, i, i + 2, Value::point(n, unit), Shape::Interval))
    }

    /// A time or count stated with no number: "within hours or days", "weeks or even months",
    /// "take weeks", "over a few weeks", "for many months", "within a few sessions".
    fn vague_at(&self, i: usize) -> Option<RawMatch> {
        let t = self.t;
        let tok = t.get(i)?;
        let unit = plural_time(tok).or_else(|| {
            (tok.is_any(&["sessions", "treatments", "visits", "infusions"])
                && i >= 3
                && t[i - 1].is("few")
                && t[i - 3].is("within"))
            .then_some(Unit::Count)
        })?;
        let mut last = i;
        // "hours or days", "weeks or even months", "weeks to months".
        let mut paired = false;
        if t.get(i + 1).is_some_and(|or| or.is_any(&["or", "to"])) {
            let mut j = i + 2;
            if t.get(j)
                .is_some_and(|e| e.is_any(&["even", "possibly", "sometimes", "perhaps"]))
            {
                j += 1;
            }
            if t.get(j).and_then(plural_time).is_some() {
                last = j;
                paired = true;
            }
        }
        let prev = i.checked_sub(1).map(|p| &t[p]);
        let prev2 = i.checked_sub(2).map(|p| &t[p]);
        let mut first = i;
        let mut lead = None;
        let looking_back = i >= 2 && t[i - 2].is_any(&["past", "last", "recent", "coming", "next"]);
        if looking_back {
            // "over the past few years", "in the coming weeks": no claim.
            return None;
        }
        if prev.is_some_and(|p| p.is_any(&["few", "several", "couple", "many"])) {
            // "a few weeks", "several weeks", "many months".
            first = i - 1;
            if prev2.is_some_and(|p| p.is("a")) {
                first = i - 2;
            }
            if first > 0 && t[first - 1].is_any(&["over", "across", "for", "within", "in", "of"]) {
                lead = Some(first - 1);
                if t[first - 1].is("within") {
                    first -= 1;
                }
            }
        } else if prev.is_some_and(|p| p.is("of")) && prev2.is_some_and(|p| p.is("couple")) {
            first = i - 3;
        } else if prev.is_some_and(|p| p.is_any(&["within", "in"])) {
            lead = Some(i - 1);
            first = i - 1;
        } else if prev.is_some_and(|p| p.is_any(&["take", "takes", "taking"])) {
            lead = Some(i - 1);
        } else if prev.is_some_and(|p| p.is_any(&["just", "only", "mere"]))
            && prev2.is_some_and(|p| p.is_any(&["within", "in"]))
        {
            lead = Some(i - 2);
            first = i - 2;
        } else if !paired || prev.is_some_and(|p| p.is_any(&["for", "every", "per", "a"])) {
            return None;
        }
        // "in" alone before a plural time is often a phrase ("in weeks to come").
        if lead.is_some_and(|l| t[l].is("in"))
            && !paired
            && t.get(i + 1).is_some_and(|n| n.is_any(&["of", "to"]))
        {
            return None;
        }
        // "for many years" and "for years" are how long a clinic has been open, no claim.
        if unit == Unit::Years && lead.is_some_and(|l| t[l].is("for")) {
            return None;
        }
        // "a few days (1-10 days)": the bracket states the time the words only round ("a few
        // weeks (6 sessions)" states something else).
        let bracketed = t.get(last + 1).is_some_and(|b| b.is_sym('('))
            && t.get(last + 2).is_some_and(|n| n.num().is_some())
            && t[last + 3..]
                .iter()
                .take(4)
                .take_while(|x| !x.is_sym(')'))
                .any(|x| time_unit(x.lower).is_some());
        if bracketed {
            return None;
        }
        Some(RawMatch {
            quote_first: first,
            first_tok: i,
            last_tok: last,
            value: Value::vague(unit),
            noun: None,
            lead,
            shape: Shape::Vague,
        })
    }
}

/// Whether a time follows another in a list ("in 5 days or even one day").
fn in_list_of_times(t: &[Tok<'_>], first: usize) -> bool {
    let mut q = first;
    while q > 0 && t[q - 1].is_any(&["even", "just", "only", "perhaps"]) {
        q -= 1;
    }
    q >= 2 && t[q - 1].is_any(&["or", "to", "and"]) && time_unit(t[q - 2].lower).is_some()
}

/// An approximation or bound ending right before token `p`: (approx, bound, tokens).
fn qualifier_before(t: &[Tok<'_>], p: usize) -> Option<(bool, Option<Bound>, usize)> {
    let prev = &t[p - 1];
    let prev2 = p.checked_sub(2).map(|q| &t[q]);
    let pair = |a: &str, b: &str| prev2.is_some_and(|x| x.is(a)) && prev.is(b);
    if prev.is_any(&[
        "around",
        "about",
        "approximately",
        "roughly",
        "circa",
        "approx",
        "some",
        "estimated",
    ]) || prev.is_sym('~')
        || prev.is_sym('≈')
    {
        return Some((true, None, 1));
    }
    // "approx. 2 – 3 weeks": the abbreviation with its period.
    if prev.is_sym('.') && prev2.is_some_and(|x| x.is("approx")) {
        return Some((true, None, 2));
    }
    if prev.is_any(&["nearly", "almost"]) {
        return Some((true, Some(Bound::AtMost), 1));
    }
    if pair("up", "to") || pair("at", "most") {
        return Some((false, Some(Bound::AtMost), 2));
    }
    if pair("as", "many") || pair("as", "much") || pair("as", "long") {
        let three = p >= 3 && t[p - 3].is("as");
        return Some((false, Some(Bound::AtMost), if three { 3 } else { 2 }));
    }
    if pair("at", "least") || pair("minimum", "of") {
        return Some((false, Some(Bound::AtLeast), 2));
    }
    if pair("more", "than")
        || pair("greater", "than")
        || pair("in", "excess")
        || pair("longer", "than")
    {
        return Some((false, Some(Bound::MoreThan), 2));
    }
    if pair("fewer", "than") || pair("less", "than") || pair("shorter", "than") {
        return Some((false, Some(Bound::LessThan), 2));
    }
    if prev.is_any(&["over", "above", "exceeding"]) {
        return Some((false, Some(Bound::MoreThan), 1));
    }
    if prev.is_any(&["under", "below"]) {
        return Some((false, Some(Bound::LessThan), 1));
    }
    if prev.is_any(&["little", "bit", "slightly", "well", "just"])
        && p >= 2
        && t[p - 2].is_any(&["a", "well", "slightly", "just"])
    {
        // "a little more than" was read as "more than"; the softener is part of the quote.
        return Some((true, None, 2));
    }
    match prev.kind {
        TokKind::Sym('>') => Some((false, Some(Bound::MoreThan), 1)),
        TokKind::Sym('≥') => Some((false, Some(Bound::AtLeast), 1)),
        TokKind::Sym('<') => Some((false, Some(Bound::LessThan), 1)),
        TokKind::Sym('≤') => Some((false, Some(Bound::AtMost), 1)),
        _ => None,
    }
}

/// How many `to` make one `from`, for two time units: exact between calendar units that divide
/// ("a year" is 12 months, "an hour" 60 minutes), by average lengths otherwise.
fn time_factor(from: Unit, to: Unit) -> Option<f64> {
    let months = |u: Unit| match u {
        Unit::Months => Some(1.0),
        Unit::Years => Some(12.0),
        _ => None,
    };
    if let (Some(a), Some(b)) = (months(from), months(to)) {
        return Some(a / b);
    }
    let factor = from.hours()? / to.hours()?;
    Some((factor * 1000.0).round() / 1000.0)
}

/// "full" as the upper end of an amount ("a half-full to full syringe").
fn full_at(t: &[Tok<'_>], j: usize) -> Option<Num> {
    t.get(j).filter(|w| w.is("full"))?;
    Some(Num {
        value: 1.0,
        next: j + 1,
        share: false,
        unit: None,
        words: true,
        exact: false,
    })
}

/// A plural noun of no known class that a number may count ("5 dose strengths"), but not the
/// nouns of lists and headings ("10 tips").
/// People named by where they live, at token `j`: "Americans", "New Zealanders" (one
/// capitalized word may come first).
fn demonym_at(t: &[Tok<'_>], j: usize) -> Option<usize> {
    let capital = |k: usize| {
        t.get(k).is_some_and(|x| {
            matches!(x.kind, TokKind::Word) && x.text.starts_with(|c: char| c.is_uppercase())
        })
    };
    let demonym = |k: usize| {
        capital(k)
            && t[k].lower.len() >= 6
            && DEMONYM_ENDINGS.iter().any(|e| t[k].lower.ends_with(e))
    };
    if demonym(j) {
        Some(j)
    } else if capital(j) && demonym(j + 1) {
        Some(j + 1)
    } else {
        None
    }
}

fn is_open_plural(tok: &Tok<'_>) -> bool {
    let w = tok.lower;
    matches!(tok.kind, TokKind::Word)
        && w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("’s")
        && !w.ends_with("'s")
        && !tok.is_in(&words::NOT_COUNTED)
        && !tok.is_in(&words::FUNCTION_WORDS)
        && w.contains(['a', 'e', 'i', 'o', 'u', 'y'])
        && tok.text.chars().next().is_some_and(char::is_lowercase)
}

/// The class of the one-word count noun at token `k` ("patients", "sessions"), if it is one.
fn count_noun_class(t: &[Tok<'_>], k: usize) -> Option<NounClass> {
    COUNT_NOUN_WORDS
        .longest_at(t, k)
        .filter(|h| h.end == k + 1)
        .map(|h| COUNT_NOUNS[h.entry].means)
}

fn raw(first: usize, quote_first: usize, last: usize, value: Value, shape: Shape) -> RawMatch {
    RawMatch {
        quote_first,
        first_tok: first,
        last_tok: last,
        value,
        noun: None,
        lead: None,
        shape,
    }
}

fn finish(f: Partial) -> RawMatch {
    RawMatch {
        quote_first: f.quote_first,
        first_tok: f.first,
        last_tok: f.last,
        value: Value {
            low: Some(f.low),
            high: Some(f.high),
            unit: f.unit.unwrap_or(Unit::Count),
            approx: f.approx,
            bound: f.bound,
        },
        noun: f.noun,
        lead: f.lead,
        shape: f.shape,
    }
}

/// A plural time word ("hours", "weeks").
pub(super) fn plural_time(tok: &Tok<'_>) -> Option<Unit> {
    match tok.lower {
        "hours" => Some(Unit::Hours),
        "days" => Some(Unit::Days),
        "weeks" => Some(Unit::Weeks),
        "months" => Some(Unit::Months),
        "years" => Some(Unit::Years),
        _ => None,
    }
}

/// The token after a spread in brackets at `k`, where the figure's unit may follow: an SD
/// ("[11.1]", "(8.4)") or an interval ("(95% CI, 14.1 to 23.9)", "(CI, 15.5-36.5)").
fn spread_before_unit(t: &[Tok<'_>], k: usize) -> Option<usize> {
    let open = t.get(k)?;
    let close = match open.kind {
        TokKind::Sym('(') => ')',
        TokKind::Sym('[') => ']',
        _ => return None,
    };
    if t.get(k + 1)?.num().is_some() && t.get(k + 2)?.is_sym(close) {
        return Some(k + 3);
    }
    // An interval: numbers, "CI", a level, "to" or a dash and commas, and nothing else.
    let end = (k + 1..(k + 14).min(t.len())).find(|&j| t[j].is_sym(close))?;
    let inner = &t[k + 1..end];
    let names_interval = inner.iter().any(|w| w.is_any(&["ci", "confidence", "cri"]));
    let only_interval = inner.iter().all(|w| {
        w.num().is_some()
            || w.is_any(&["ci", "confidence", "interval", "cri", "to"])
            || w.is_dash()
            || w.is_sym(',')
            || w.is_sym('%')
            || w.is_sym(';')
    });
    (names_interval && only_interval).then_some(end + 1)
}
