//! The scanner: a sentence's tokens in, the figures it states out, as raw matches (token spans,
//! value, unit, count noun, the word that governs a time). Numbers in digits and words, fractions
//! and ratios, units, ranges, bounds and approximations, vague times, and courses ("six
//! infusions over two to three weeks"). What the figure measures is decided in `classify`.

use std::ops::Range;

use super::tokens::{Tok, TokKind};
use crate::model::{Bound, Unit, Value};

/// A figure found by the scanner before classification.
#[derive(Debug)]
pub(super) struct RawMatch {
    /// First token of the quote (qualifiers included).
    pub(super) quote_first: usize,
    /// First token of the number itself.
    pub(super) first_tok: usize,
    /// Last token of the quote.
    pub(super) last_tok: usize,
    pub(super) value: Value,
    /// The count noun, for counts ("antidepressants").
    pub(super) noun: Option<usize>,
    /// The token before the number that governs it ("within", "over", "at").
    pub(super) lead: Option<usize>,
    /// For a course ("six infusions over two to three weeks"): the noun of the course.
    pub(super) course_noun: bool,
}

pub(super) struct Scanner<'a, 't> {
    pub(super) t: &'a [Tok<'t>],
    pub(super) masks: &'a [Range<usize>],
}

/// A number read at a token: its value, the token after it, and whether it is already a
/// percentage (a fraction word or "N in M").
pub(super) struct Num {
    pub(super) value: f64,
    pub(super) next: usize,
    pub(super) percent: bool,
    /// A unit already read with the number ("an hour", "a week").
    pub(super) unit: Option<Unit>,
}

/// Nouns for the treatments a patient has tried ("two antidepressants", "four medications"): the
/// counts in a definition of treatment resistance.
pub(super) const TREATMENT_NOUNS: &[&str] = &[
    "medications",
    "medication",
    "medicines",
    "drugs",
    "antidepressants",
    "antidepressant",
    "classes",
    "class",
    "treatments",
    "therapies",
    "trials",
    "treatment",
];

/// Nouns a count of people can govern ("27 participants").
pub(super) const PEOPLE_NOUNS: &[&str] = &[
    "patients",
    "patient",
    "participants",
    "participant",
    "people",
    "persons",
    "adults",
    "adolescents",
    "children",
    "individuals",
    "subjects",
    "outpatients",
    "inpatients",
    "veterans",
    "women",
    "men",
    "volunteers",
    "respondents",
    "cases",
];

/// Whether a token is a noun a count can govern: people, treatments tried, sessions of a
/// course, or studies.
pub(super) fn is_count_noun(tok: &Tok<'_>) -> bool {
    tok.is_any(PEOPLE_NOUNS)
        || tok.is_any(TREATMENT_NOUNS)
        || tok.is_any(COURSE_NOUNS)
        || tok.is("studies")
}

/// Nouns for the sessions of a course ("six infusions over two weeks").
pub(super) const COURSE_NOUNS: &[&str] = &[
    "infusions",
    "infusion",
    "sessions",
    "session",
    "treatments",
    "doses",
    "appointments",
    "visits",
    "courses",
];

/// Words that may stand between a number and its count noun ("two different classes").
pub(super) const MODIFIERS: &[&str] = &[
    "controlled",
    "clinical",
    "published",
    "small",
    "large",
    "placebo",
    "double",
    "blind",
    "different",
    "separate",
    "standard",
    "adequate",
    "antidepressant",
    "prior",
    "previous",
    "consecutive",
    "additional",
    "failed",
    "distinct",
    "unique",
    "oral",
    "medication",
    "drug",
    "treatment",
    "conventional",
    "traditional",
    "typical",
    "first",
    "line",
    "randomized",
    "adult",
    "depressed",
    "eligible",
    "enrolled",
    "ketamine",
    "iv",
    "intravenous",
    "weekly",
    "initial",
    "more",
    "or",
    "common",
    "other",
    "major",
    "full",
    "total",
    "new",
    "treated",
    "evaluable",
    "randomised",
    "analysed",
    "analyzed",
];

impl Scanner<'_, '_> {
    fn masked(&self, i: usize) -> bool {
        let at = self.t[i].start;
        self.masks.iter().any(|r| r.contains(&at))
    }

    pub(super) fn scan(&mut self) -> Vec<RawMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            if self.masked(i) {
                i += 1;
                continue;
            }
            if let Some(m) = self.figure_at(i) {
                i = m.last_tok + 1;
                // A course absorbs the count before it: "six infusions over two to three weeks".
                out.push(m);
                continue;
            }
            if let Some(m) = self.vague_at(i) {
                i = m.last_tok + 1;
                out.push(m);
                continue;
            }
            i += 1;
        }
        merge_courses(self.t, &mut out);
        out
    }

    /// A number starting at token `i`.
    fn number_at(&self, i: usize) -> Option<Num> {
        let t = self.t;
        let tok = t.get(i)?;
        match tok.kind {
            TokKind::Num(v) => {
                // "1/3 of patients": a fraction that states a share.
                if let (Some(slash), Some(m), Some(of)) = (t.get(i + 1), t.get(i + 2), t.get(i + 3))
                {
                    if let Some(m) = m.num().filter(|&m| m > v && v > 0.0 && m <= 10.0) {
                        if slash.is_sym('/') && slash.start == tok.end && of.is("of") {
                            return Some(Num {
                                value: round1(v / m * 100.0),
                                next: i + 3,
                                percent: true,
                                unit: None,
                            });
                        }
                    }
                }
                // "N in M" and "N out of M", optionally followed by "(84.6%)".
                if let Some((pct, next)) = self.ratio_at(i, v) {
                    return Some(Num {
                        value: pct,
                        next,
                        percent: true,
                        unit: None,
                    });
                }
                Some(Num {
                    value: v,
                    next: i + 1,
                    percent: false,
                    unit: None,
                })
            }
            TokKind::Sym(_) => None,
            TokKind::Word => {
                let w = tok.lower;
                // Fractions that state a share: "one-third of", "half of", "a quarter of".
                if let Some((pct, next)) = self.fraction_at(i) {
                    return Some(Num {
                        value: pct,
                        next,
                        percent: true,
                        unit: None,
                    });
                }
                if w == "a" || w == "an" {
                    let next = t.get(i + 1)?;
                    if next.is("dozen") {
                        return Some(Num {
                            value: 12.0,
                            next: i + 2,
                            percent: false,
                            unit: None,
                        });
                    }
                    let unit = time_unit(next.text).filter(|_| singular_time(next.text))?;
                    return Some(Num {
                        value: 1.0,
                        next: i + 2,
                        percent: false,
                        unit: Some(unit),
                    });
                }
                let v = word_number(w)?;
                // "one of the most…" is not a count.
                if w == "one" && t.get(i + 1).is_some_and(|n| n.is_any(&["of", "another"])) {
                    return None;
                }
                let mut next = i + 1;
                let mut value = v;
                if t.get(i + 1).is_some_and(|n| n.is("dozen")) {
                    value *= 12.0;
                    next += 1;
                }
                if let Some((pct, after)) = self.ratio_at(i, value) {
                    return Some(Num {
                        value: pct,
                        next: after,
                        percent: true,
                        unit: None,
                    });
                }
                Some(Num {
                    value,
                    next,
                    percent: false,
                    unit: None,
                })
            }
        }
    }

    /// "1 in 3", "3 out of 4", "11 out of 13 (84.6%)" as a percentage.
    fn ratio_at(&self, i: usize, n: f64) -> Option<(f64, usize)> {
        let t = self.t;
        let (m_idx, _) = if t.get(i + 1)?.is("in") {
            (i + 2, ())
        } else if t.get(i + 1)?.is("out") && t.get(i + 2)?.is("of") {
            (i + 3, ())
        } else {
            return None;
        };
        let m = t
            .get(m_idx)
            .and_then(|m| m.num().or_else(|| word_number(m.lower)))?;
        if m <= 0.0 || n > m || n <= 0.0 {
            return None;
        }
        let mut pct = round1(n / m * 100.0);
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

    /// "one-third of", "two thirds of", "half of", "a quarter of", "three-quarters of".
    fn fraction_at(&self, i: usize) -> Option<(f64, usize)> {
        let t = self.t;
        let w = t.get(i)?;
        if w.is("half") {
            t.get(i + 1).filter(|n| n.is("of"))?;
            // "half of patients" reads as the claim; "half of" alone does not.
            let next = match t.get(i + 2) {
                Some(n) if n.is_any(PEOPLE_NOUNS) => i + 3,
                _ => i + 1,
            };
            return Some((50.0, next));
        }
        let numer = if w.is_any(&["a", "an"]) {
            1.0
        } else {
            word_number(w.lower)?
        };
        let mut j = i + 1;
        if t.get(j).is_some_and(Tok::is_dash) {
            j += 1;
        }
        let denom_word = t.get(j)?;
        let denom = match denom_word.lower {
            "third" | "thirds" => 3.0,
            "quarter" | "quarters" => 4.0,
            "fourth" | "fourths" => 4.0,
            "fifth" | "fifths" => 5.0,
            "tenth" | "tenths" => 10.0,
            _ => return None,
        };
        if !t.get(j + 1).is_some_and(|n| n.is("of")) {
            return None;
        }
        Some((round1(numer / denom * 100.0), j + 1))
    }

    /// A unit at token `j`, and the token after it.
    fn unit_at(&self, j: usize) -> Option<(Unit, usize)> {
        let t = self.t;
        let tok = t.get(j)?;
        if tok.is_sym('%') {
            return Some((Unit::Percent, j + 1));
        }
        // "24-hour", "2-week".
        if tok.is_dash() {
            let next = t.get(j + 1)?;
            if let Some(u) = time_unit(next.text) {
                return Some((u, j + 2));
            }
            if next.is("fold") {
                return Some((Unit::Fold, j + 2));
            }
            return None;
        }
        if !matches!(tok.kind, TokKind::Word) {
            return None;
        }
        if tok.is_any(&["percent", "pct"]) {
            return Some((Unit::Percent, j + 1));
        }
        if tok.is("per") && t.get(j + 1).is_some_and(|n| n.is("cent")) {
            return Some((Unit::Percent, j + 2));
        }
        if tok.is("percentage") && t.get(j + 1).is_some_and(|n| n.is("points")) {
            return Some((Unit::Percent, j + 2));
        }
        if tok.is_any(&["mg", "milligrams", "milligram"]) {
            if t.get(j + 1).is_some_and(|n| n.is_sym('/'))
                && t.get(j + 2).is_some_and(|n| n.is("kg"))
            {
                return Some((Unit::MgPerKg, j + 3));
            }
            if t.get(j + 1).is_some_and(|n| n.is("per"))
                && t.get(j + 2).is_some_and(|n| n.is_any(&["kg", "kilogram"]))
            {
                return Some((Unit::MgPerKg, j + 3));
            }
            return Some((Unit::Mg, j + 1));
        }
        if tok.is_any(&["fold"]) {
            return Some((Unit::Fold, j + 1));
        }
        if tok.is("times") {
            // "2 to 4 times more effective", "three times as likely": a fold claim. "three
            // times weekly" is a frequency, not a claim.
            let next = t.get(j + 1)?;
            if next.is_any(&[
                "more", "higher", "greater", "as", "faster", "better", "likely", "less", "lower",
                "stronger", "larger", "smaller", "the",
            ]) {
                return Some((Unit::Fold, j + 1));
            }
            return None;
        }
        if tok.is_any(&["dollars", "usd"]) {
            return Some((Unit::Usd, j + 1));
        }
        let u = time_unit(tok.text)?;
        // "h" only right after digits: "24 h".
        if tok.text.eq_ignore_ascii_case("h")
            && t.get(j.wrapping_sub(1)).is_none_or(|p| p.num().is_none())
        {
            return None;
        }
        Some((u, j + 1))
    }

    /// A count noun after a number, allowing a few modifiers between ("two different classes").
    fn count_noun_at(&self, j: usize) -> Option<usize> {
        let t = self.t;
        let mut k = j;
        for _ in 0..4 {
            let tok = t.get(k)?;
            if is_count_noun(tok) {
                // "antidepressant" as a modifier of a later noun: "two antidepressant trials".
                if tok.is_any(&[
                    "antidepressant",
                    "treatment",
                    "medication",
                    "infusion",
                    "session",
                ]) && t.get(k + 1).is_some_and(is_count_noun)
                {
                    k += 1;
                    continue;
                }
                return Some(k);
            }
            if tok.is_any(MODIFIERS) || tok.is_sym('-') {
                k += 1;
                continue;
            }
            return None;
        }
        None
    }

    /// A full figure whose number starts at token `i` (or at a `$` sign).
    fn figure_at(&self, i: usize) -> Option<RawMatch> {
        let t = self.t;
        let mut first = i;
        let mut usd = false;
        if t[i].is_sym('$') {
            if t.get(i + 1).is_none_or(|n| n.num().is_none()) {
                return None;
            }
            usd = true;
            first = i + 1;
        }
        let n1 = self.number_at(first)?;
        let mut k = n1.next;
        let mut unit1 = if usd {
            Some(Unit::Usd)
        } else if n1.percent {
            Some(Unit::Percent)
        } else {
            n1.unit
        };
        if unit1.is_none() {
            if let Some((u, next)) = self.unit_at(k) {
                unit1 = Some(u);
                k = next;
            }
        }
        let low = n1.value;
        let mut high = n1.value;
        let mut unit = unit1;
        let mut last = k - 1;
        let mut bound = None;

        // A range: "70–80%", "50% to 70%", "two to three weeks", "between 50 and 70 percent",
        // "40 minutes to an hour", "two or three weeks".
        let between = first > 0 && t[first - 1].is_any(&["between", "from"]);
        if let Some(sep) = t.get(k) {
            let is_sep = sep.is_dash()
                || sep.is("to")
                || (sep.is("and") && between)
                || (sep.is("or")
                    && !t.get(k + 1).is_some_and(|n| {
                        n.is_any(&["more", "less", "fewer", "longer", "greater", "older"])
                    }));
            if is_sep && !(sep.is("or") && unit1.is_some()) {
                let mut s = k + 1;
                if t.get(s).is_some_and(|q| {
                    q.is_any(&["about", "around", "approximately", "roughly", "nearly"])
                }) {
                    s += 1;
                }
                let dollar2 = usd && t.get(s).is_some_and(|d| d.is_sym('$'));
                if dollar2 {
                    s += 1;
                }
                if !self.masked(s.min(t.len().saturating_sub(1))) {
                    if let Some(n2) = self.number_at(s) {
                        let mut k2 = n2.next;
                        let mut unit2 = if n2.percent {
                            Some(Unit::Percent)
                        } else {
                            n2.unit
                        };
                        if unit2.is_none() {
                            if let Some((u, next)) = self.unit_at(k2) {
                                unit2 = Some(u);
                                k2 = next;
                            }
                        }
                        let merged = match (unit1, unit2) {
                            (Some(a), Some(b)) if a == b => Some((a, n2.value)),
                            (Some(a), Some(b)) => match (a.hours(), b.hours()) {
                                (Some(ha), Some(hb)) => Some((a, round1(n2.value * hb / ha))),
                                _ => None,
                            },
                            (Some(a), None) if !sep.is("or") => Some((a, n2.value)),
                            (None, Some(b)) => Some((b, n2.value)),
                            (None, None) => None,
                            (Some(_), None) => None,
                        };
                        let n2_counts = unit2.is_none() && self.count_noun_at(k2).is_some();
                        if let Some((u, v2)) = merged {
                            if v2 >= low {
                                high = v2;
                                unit = Some(u);
                                last = k2 - 1;
                                k = k2;
                            }
                        } else if unit1.is_none() && unit2.is_none() && n2_counts && n2.value >= low
                        {
                            // "two or three antidepressants", "27–30 participants".
                            high = n2.value;
                            last = k2 - 1;
                            k = k2;
                        }
                    }
                }
            }
        }

        // Bounds after the number: "two or more", "50+".
        if let Some(tok) = t.get(k) {
            if tok.is("or") {
                if let Some(n) = t.get(k + 1) {
                    if n.is_any(&["more", "greater", "longer", "older", "higher"]) {
                        bound = Some(Bound::AtLeast);
                        last = k + 1;
                        k += 2;
                    } else if n.is_any(&["less", "fewer", "shorter", "lower"]) {
                        bound = Some(Bound::AtMost);
                        last = k + 1;
                        k += 2;
                    }
                }
            } else if tok.is_sym('+') {
                bound = Some(Bound::AtLeast);
                last = k;
                k += 1;
            }
        }
        // A unit may come after "or more": "two or more weeks".
        if unit.is_none() {
            if let Some((u, next)) = self.unit_at(k) {
                unit = Some(u);
                last = next - 1;
                k = next;
            }
        }

        let mut noun = None;
        if unit.is_none() {
            let n = self.count_noun_at(k)?;
            // "one medication after another", "one session at a time": idioms, not counts.
            let idiom = |a: &str, b: &str| {
                t.get(n + 1).is_some_and(|x| x.is(a)) && t.get(n + 2).is_some_and(|x| x.is(b))
            };
            if t[first].is("one")
                && (idiom("after", "another") || idiom("or", "another") || idiom("at", "a"))
            {
                return None;
            }
            noun = Some(n);
            unit = Some(Unit::Count);
            last = n;
        }
        let unit = unit?;
        // Bare word numbers with a time unit read as prose, not figures, when they are "one":
        // "one day" is rarely a claim ("one day, patients…").
        if unit.hours().is_some() && t[first].is("one") && noun.is_none() && high == low {
            let prev_ok = first > 0
                && t[first - 1].is_any(&[
                    "within", "for", "after", "up", "about", "least", "than", "lasting", "over",
                ]);
            if !prev_ok {
                return None;
            }
        }

        // Qualifiers before the number: approximations and bounds, and the word that governs a
        // time ("within", "over", "at").
        let mut approx = false;
        let mut quote_first = if usd { i } else { first };
        let mut lead = None;
        let mut p = quote_first;
        loop {
            if p == 0 {
                break;
            }
            let prev = &t[p - 1];
            let prev2 = if p >= 2 { Some(&t[p - 2]) } else { None };
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
                approx = true;
                p -= 1;
            } else if prev.is_any(&["nearly", "almost"]) {
                approx = true;
                bound.get_or_insert(Bound::AtMost);
                p -= 1;
            } else if pair("up", "to")
                || pair("as", "many")
                || pair("as", "much")
                || pair("at", "most")
            {
                bound.get_or_insert(Bound::AtMost);
                p -= 2;
                if pair("as", "many") || pair("as", "much") {
                    // "as many as": the first "as" is p-1 now.
                }
            } else if pair("at", "least") || pair("minimum", "of") {
                bound.get_or_insert(Bound::AtLeast);
                p -= 2;
            } else if pair("more", "than") || pair("greater", "than") || pair("in", "excess") {
                bound.get_or_insert(Bound::MoreThan);
                p -= 2;
            } else if pair("fewer", "than") || pair("less", "than") {
                bound.get_or_insert(Bound::LessThan);
                p -= 2;
            } else if prev.is_any(&["over", "above", "exceeding"])
                && matches!(unit, Unit::Percent | Unit::Count)
                && noun.is_none_or(|n| t[n].is_any(PEOPLE_NOUNS))
            {
                bound.get_or_insert(Bound::MoreThan);
                p -= 1;
            } else if prev.is_any(&["under", "below"])
                && matches!(unit, Unit::Percent | Unit::Count)
            {
                bound.get_or_insert(Bound::LessThan);
                p -= 1;
            } else if prev.is_sym('>') || prev.is_sym('≥') || prev.is_sym('<') || prev.is_sym('≤')
            {
                bound.get_or_insert(match prev.kind {
                    TokKind::Sym('>') => Bound::MoreThan,
                    TokKind::Sym('≥') => Bound::AtLeast,
                    TokKind::Sym('<') => Bound::LessThan,
                    _ => Bound::AtMost,
                });
                p -= 1;
            } else if prev.is_any(&["just", "only", "mere", "even", "as", "little"]) {
                // "within just 24 hours", "in as little as 2 hours": part of the phrase.
                let mut q = p - 1;
                while q > 0 && t[q - 1].is_any(&["just", "only", "mere", "even", "as", "little"]) {
                    q -= 1;
                }
                if q > 0
                    && t[q - 1].is_any(&["within", "in", "after", "for"])
                    && unit.hours().is_some()
                {
                    lead = Some(q - 1);
                    p = q - 1;
                }
                break;
            } else {
                break;
            }
            if (pair("as", "many") || pair("as", "much")) && p > 0 && t[p - 1].is("as") {
                p -= 1;
            }
        }
        if lead.is_none() && p > 0 {
            let prev = &t[p - 1];
            if unit.hours().is_some()
                && prev.is_any(&[
                    "within", "in", "after", "for", "over", "at", "by", "lasting", "lasts", "last",
                    "take", "takes", "taking",
                ])
            {
                lead = Some(p - 1);
                if prev.is("within") {
                    p -= 1;
                }
            } else if prev.is_any(&["over", "across", "during", "every"]) {
                lead = Some(p - 1);
            }
        }
        if p < quote_first {
            quote_first = p;
        }
        // "from 3 to 7 days", "between 40 and 60 minutes": the opening word is part of the range.
        if high != low
            && quote_first == first
            && first > 0
            && t[first - 1].is_any(&["from", "between"])
        {
            quote_first = first - 1;
        }
        // "within 24 hours" says at most 24 hours; "within 24–48 hours" states the range itself.
        if lead.is_some_and(|l| t[l].is("within")) && low == high && bound.is_none() {
            bound = Some(Bound::AtMost);
        }
        if usd && quote_first > i {
            quote_first = i;
        }
        Some(RawMatch {
            quote_first,
            first_tok: first,
            last_tok: last,
            value: Value {
                low: Some(low),
                high: Some(high),
                unit,
                approx,
                bound,
            },
            noun,
            lead,
            course_noun: false,
        })
    }

    /// A time stated with no number: "within hours or days", "weeks or even months", "take
    /// weeks", "over a few weeks".
    fn vague_at(&self, i: usize) -> Option<RawMatch> {
        let t = self.t;
        let tok = t.get(i)?;
        let unit = plural_time(tok)?;
        let mut last = i;
        // "hours or days", "weeks or even months", "weeks to months".
        let mut paired = false;
        if let Some(or) = t.get(i + 1) {
            if or.is_any(&["or", "to"]) {
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
        }
        let mut first = i;
        let prev = i.checked_sub(1).map(|p| &t[p]);
        let prev2 = i.checked_sub(2).map(|p| &t[p]);
        let mut lead = None;
        if prev.is_some_and(|p| p.is_any(&["few", "several", "couple"])) {
            // "a few weeks", "several weeks", "a couple of weeks".
            first = i - 1;
            if prev2.is_some_and(|p| p.is("a")) {
                first = i - 2;
            }
            if first > 0 && t[first - 1].is_any(&["over", "across", "for", "within", "in"]) {
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
        // "in" alone before a plural time is often a phrase ("in weeks to come"); require that
        // the word after does not continue the noun phrase.
        if lead.is_some_and(|l| t[l].is("in"))
            && !paired
            && t.get(i + 1).is_some_and(|n| n.is_any(&["of", "to"]))
        {
            return None;
        }
        Some(RawMatch {
            quote_first: first,
            first_tok: i,
            last_tok: last,
            value: Value::vague(unit),
            noun: None,
            lead,
            course_noun: false,
        })
    }
}

/// Joins a count of sessions and the time it spans into one course: "six infusions over two to
/// three weeks", "a series of treatments over two to three weeks".
pub(super) fn merge_courses(t: &[Tok<'_>], out: &mut Vec<RawMatch>) {
    let mut i = 0;
    while i < out.len() {
        let is_course_time = out[i].value.unit.hours().is_some()
            && out[i].lead.is_some_and(|l| {
                t[l].is_any(&["over", "across", "during", "within", "in", "every"])
            });
        // "twice weekly for 4 weeks", "three times a week for six weeks".
        if out[i].value.unit.hours().is_some() && out[i].lead.is_some_and(|l| t[l].is("for")) {
            let lead = out[i].lead.unwrap_or(0);
            if let Some(start) = frequency_before(t, lead) {
                out[i].quote_first = start;
                out[i].course_noun = true;
                i += 1;
                continue;
            }
        }
        if is_course_time {
            let lead = out[i].lead.unwrap_or(out[i].first_tok);
            // A preceding count of sessions right before the lead word.
            if i > 0 {
                let prev = &out[i - 1];
                if prev.noun.is_some_and(|n| t[n].is_any(COURSE_NOUNS)) && prev.last_tok + 1 == lead
                {
                    let merged_first = prev.quote_first;
                    out[i].quote_first = merged_first;
                    out[i].course_noun = true;
                    out.remove(i - 1);
                    continue;
                }
            }
            // "series of treatments over …", "sessions over …".
            if lead > 0
                && t[lead - 1].is_any(COURSE_NOUNS)
                && t[lead].is_any(&["over", "across", "during", "every"])
            {
                let mut first = lead - 1;
                if first >= 2
                    && t[first - 1].is("of")
                    && t[first - 2].is_any(&["series", "course", "set"])
                {
                    first -= 2;
                }
                out[i].quote_first = first.min(out[i].quote_first);
                out[i].course_noun = true;
            }
        }
        i += 1;
    }
}

/// The first token of a frequency that ends right before token `end`: "twice weekly", "once a
/// week", "three times per week", "2 times weekly".
pub(super) fn frequency_before(t: &[Tok<'_>], end: usize) -> Option<usize> {
    let mut k = end;
    // "weekly" | "a week" | "per week" | "each week"
    if k >= 1 && t[k - 1].is_any(&["weekly", "daily", "monthly"]) {
        k -= 1;
    } else if k >= 2
        && t[k - 1].is_any(&["week", "day", "month"])
        && t[k - 2].is_any(&["a", "per", "each", "every"])
    {
        k -= 2;
    } else {
        return None;
    }
    if k >= 1 && t[k - 1].is_any(&["once", "twice", "thrice"]) {
        return Some(k - 1);
    }
    if k >= 2
        && t[k - 1].is("times")
        && (t[k - 2].num().is_some() || word_number(t[k - 2].lower).is_some())
    {
        return Some(k - 2);
    }
    None
}

pub(super) fn plural_time(tok: &Tok<'_>) -> Option<Unit> {
    match tok.lower {
        "hours" => Some(Unit::Hours),
        "days" => Some(Unit::Days),
        "weeks" => Some(Unit::Weeks),
        "months" => Some(Unit::Months),
        _ => None,
    }
}

pub(super) fn time_unit(w: &str) -> Option<Unit> {
    Some(match w.to_ascii_lowercase().as_str() {
        "hour" | "hours" | "hr" | "hrs" | "h" => Unit::Hours,
        "minute" | "minutes" | "min" | "mins" => Unit::Minutes,
        "day" | "days" => Unit::Days,
        "week" | "weeks" | "wk" | "wks" => Unit::Weeks,
        "month" | "months" | "mo" => Unit::Months,
        "year" | "years" | "yr" | "yrs" => Unit::Years,
        _ => return None,
    })
}

pub(super) fn singular_time(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "hour" | "minute" | "day" | "week" | "month" | "year"
    )
}

pub(super) fn word_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

pub(super) fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}
