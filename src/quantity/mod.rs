//! Finds the figures a sentence states: "around 30%", "within 24–48 hours", "two or more
//! antidepressants", "0.5 mg/kg", "11 out of 13 (84.6%)", "within hours or days".
//!
//! This is the one scanner behind both article claims (`extract`) and the figures in abstracts
//! (`evidence`), so a claim and its evidence are read by the same rules. It is a pure leaf: it
//! takes a sentence and returns figures with byte ranges into that sentence, their value, the
//! measure they state (kind), the treatment and condition they are about, and the time point they
//! refer to. It knows nothing of articles, files or sources.
//!
//! How it reads a sentence: tokens (words, numbers, symbols) → a number (digits, a word number,
//! a fraction word, "N in M") → a unit (%, a time unit, mg, mg/kg, fold, $) or a count noun
//! ("patients", "antidepressants") → an optional range ("to", "-", "–", "—", "between … and") and
//! bounds ("at least", "up to", "or more") → the measure from the nearest keyword in the same
//! clause. A number with neither unit nor count noun is not a claim: that one rule keeps years,
//! list numbers and citation markers out, and `masks` removes phone numbers, addresses, dates and
//! times of day before scanning.

mod masks;
pub mod sentences;
mod tokens;

use std::ops::Range;

use crate::model::{Bound, ClaimKind, Unit, Value};
use tokens::{Tok, TokKind};

/// A figure stated in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Byte range of the shortest phrase that states it, in the scanned sentence.
    pub range: Range<usize>,
    /// The value.
    pub value: Value,
    /// The measure.
    pub kind: ClaimKind,
    /// The treatment the figure is about, when the sentence names one ("ketamine").
    pub treatment: Option<&'static str>,
    /// The condition the figure is about, when the sentence names one.
    pub condition: Option<&'static str>,
    /// The time point the figure refers to ("at 24 hours"), when the sentence states one.
    pub time_point: Option<Value>,
}

/// Whether `text` could hold a figure at all: a digit, a number word, a fraction word or a plural
/// time unit. A cheap pre-filter so that most prose never reaches the tokenizer.
pub fn has_trigger(text: &str) -> bool {
    first_trigger(text).is_some()
}

/// The byte offset of the first digit or trigger word in `text`, if any: sentences that end
/// before it can hold no figure.
pub fn first_trigger(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Digits first: a tight loop the compiler vectorizes. Then trigger words, only before it.
    let digit = bytes.iter().position(u8::is_ascii_digit);
    let words = &bytes[..digit.unwrap_or(bytes.len())];
    let mut i = 0;
    while i < words.len() {
        let b = words[i];
        if !b.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < words.len() && words[i].is_ascii_alphabetic() {
            i += 1;
        }
        // A word cut by the digit ("24hours") still ends at a letter boundary in `bytes`.
        let len = i - start;
        if (3..=9).contains(&len)
            && matches!(
                b.to_ascii_lowercase(),
                b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'd' | b'h' | b'q' | b'w'
            )
            && is_trigger_word(&words[start..i])
        {
            return Some(start);
        }
    }
    digit
}

fn is_trigger_word(word: &[u8]) -> bool {
    let mut buf = [0u8; 9];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    for (d, s) in lower.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    // A match on byte strings compiles to a switch on length and a few comparisons.
    matches!(
        &*lower,
        b"one"
            | b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"thirteen"
            | b"fourteen"
            | b"fifteen"
            | b"sixteen"
            | b"seventeen"
            | b"eighteen"
            | b"nineteen"
            | b"twenty"
            | b"thirty"
            | b"forty"
            | b"fifty"
            | b"sixty"
            | b"seventy"
            | b"eighty"
            | b"ninety"
            | b"dozen"
            | b"half"
            | b"third"
            | b"thirds"
            | b"quarter"
            | b"quarters"
            | b"fifth"
            | b"hours"
            | b"days"
            | b"weeks"
            | b"months"
            | b"hour"
            | b"week"
            | b"day"
    )
}

/// Every figure in `sentence`, in order. Figures never overlap.
pub fn figures(sentence: &str) -> Vec<Figure> {
    if !has_trigger(sentence) {
        return Vec::new();
    }
    let lower = sentence.to_ascii_lowercase();
    let toks = tokens::tokens(sentence, &lower);
    let masks = masks::masked(sentence);
    let mut scanner = Scanner {
        t: &toks,
        masks: &masks,
    };
    let mut raw = scanner.scan();
    let clauses = clause_ids(&toks);
    let time_figures: Vec<(usize, Value)> = raw
        .iter()
        .filter(|m| m.value.unit.hours().is_some() && !m.value.is_vague())
        .map(|m| (m.first_tok, m.value.clone()))
        .collect();
    let mut out: Vec<Figure> = Vec::with_capacity(raw.len());
    for m in raw.drain(..) {
        let mut kind = classify(&toks, &clauses, &m);
        // "64% responded …, compared with 28% on midazolam": the second arm of a comparison
        // states the same measure as the first unless it names its own.
        if m.value.unit == Unit::Percent
            && follows_comparison(&toks, m.quote_first)
            && !own_keyword(&toks, m.last_tok)
        {
            if let Some(prev) = out.iter().rev().find(|f| f.value.unit == Unit::Percent) {
                kind = prev.kind;
            }
        }
        let treatment = nearest(&toks, &clauses, m.first_tok, m.last_tok, treatment_of);
        let condition = nearest(&toks, &clauses, m.first_tok, m.last_tok, condition_of)
            .or_else(|| sentence_condition(&toks));
        let time_point = if m.value.unit == Unit::Percent {
            time_point(&toks, &clauses, &m, &time_figures)
        } else {
            None
        };
        out.push(Figure {
            range: toks[m.quote_first].start..toks[m.last_tok].end,
            value: m.value,
            kind,
            treatment,
            condition,
            time_point,
        });
    }
    out
}

/// Whether a comparison word ("versus", "compared with", "vs", "than") stands just before token
/// `first`.
fn follows_comparison(t: &[Tok<'_>], first: usize) -> bool {
    (first.saturating_sub(3)..first)
        .any(|k| t[k].is_any(&["versus", "vs", "compared", "than", "against"]))
}

/// Whether an outcome word follows a figure closely ("28% responded", "45% met remission").
fn own_keyword(t: &[Tok<'_>], last: usize) -> bool {
    (last + 1..(last + 4).min(t.len()))
        .any(|k| percent_keyword(t, k).is_some_and(|kind| kind != ClaimKind::Prevalence))
}

/// The subject of a figure: what it is about, naming treatment and measure.
pub fn subject(kind: ClaimKind, treatment: Option<&str>, condition: Option<&str>) -> String {
    let t = treatment.unwrap_or("treatment");
    let in_c = condition.map(|c| format!(" in {c}")).unwrap_or_default();
    match kind {
        ClaimKind::ResponseRate => format!("{t} response rate{in_c}"),
        ClaimKind::RemissionRate => format!("{t} remission rate{in_c}"),
        ClaimKind::RelapseRate => format!("relapse rate with {t}{in_c}"),
        ClaimKind::OnsetTime => format!("onset of {t} effect{in_c}"),
        ClaimKind::Prevalence => format!("prevalence of {}", condition.unwrap_or("the condition")),
        ClaimKind::EffectDuration => format!("duration of {t} effect{in_c}"),
        ClaimKind::SessionDuration => format!("{t} session length"),
        ClaimKind::TreatmentCourse => format!("{t} treatment course{in_c}"),
        ClaimKind::Dose => format!("{t} dose"),
        ClaimKind::SampleSize => format!("study sample size ({t}{in_c})"),
        ClaimKind::DefinitionThreshold => format!(
            "failed treatments in the definition of {}",
            condition.unwrap_or("treatment-resistant depression")
        ),
        ClaimKind::OtherPercentage => format!("percentage about {t}{in_c}"),
        ClaimKind::Other => format!("figure about {t}{in_c}"),
    }
}

/// The treatment named in a subject made by [`subject`] ("ketamine response rate" → ketamine).
pub fn treatment_in(subject: &str) -> Option<&'static str> {
    const TREATMENTS: &[&str] = &[
        "traditional antidepressants",
        "esketamine",
        "ketamine",
        "midazolam",
        "placebo",
        "ECT",
        "TMS",
        "psychotherapy",
    ];
    TREATMENTS.iter().copied().find(|t| {
        subject
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| w == *t)
            || (t.contains(' ') && subject.contains(t))
    })
}

/// A figure found by the scanner before classification.
#[derive(Debug)]
struct RawMatch {
    /// First token of the quote (qualifiers included).
    quote_first: usize,
    /// First token of the number itself.
    first_tok: usize,
    /// Last token of the quote.
    last_tok: usize,
    value: Value,
    /// The count noun, for counts ("antidepressants").
    noun: Option<usize>,
    /// The token before the number that governs it ("within", "over", "at").
    lead: Option<usize>,
    /// For a course ("six infusions over two to three weeks"): the noun of the course.
    course_noun: bool,
}

struct Scanner<'a, 't> {
    t: &'a [Tok<'t>],
    masks: &'a [Range<usize>],
}

/// A number read at a token: its value, the token after it, and whether it is already a
/// percentage (a fraction word or "N in M").
struct Num {
    value: f64,
    next: usize,
    percent: bool,
    /// A unit already read with the number ("an hour", "a week").
    unit: Option<Unit>,
}

/// Nouns a count of things can govern ("two antidepressants", "six infusions").
const THING_NOUNS: &[&str] = &[
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
    "studies",
    "infusions",
    "infusion",
    "sessions",
    "session",
    "doses",
    "treatment",
    "courses",
    "appointments",
    "visits",
];

/// Nouns a count of people can govern ("27 participants").
const PEOPLE_NOUNS: &[&str] = &[
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

/// Whether a token is a noun a count can govern.
fn is_count_noun(tok: &Tok<'_>) -> bool {
    tok.is_any(PEOPLE_NOUNS) || tok.is_any(THING_NOUNS)
}

const COURSE_NOUNS: &[&str] = &[
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
const MODIFIERS: &[&str] = &[
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

    fn scan(&mut self) -> Vec<RawMatch> {
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
            } else if prev.is_any(&["over", "across", "during"]) {
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
fn merge_courses(t: &[Tok<'_>], out: &mut Vec<RawMatch>) {
    let mut i = 0;
    while i < out.len() {
        let is_course_time = out[i].value.unit.hours().is_some()
            && out[i]
                .lead
                .is_some_and(|l| t[l].is_any(&["over", "across", "during", "within", "in"]));
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
                && t[lead].is_any(&["over", "across", "during"])
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
fn frequency_before(t: &[Tok<'_>], end: usize) -> Option<usize> {
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

fn plural_time(tok: &Tok<'_>) -> Option<Unit> {
    match tok.lower {
        "hours" => Some(Unit::Hours),
        "days" => Some(Unit::Days),
        "weeks" => Some(Unit::Weeks),
        "months" => Some(Unit::Months),
        _ => None,
    }
}

fn time_unit(w: &str) -> Option<Unit> {
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

fn singular_time(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "hour" | "minute" | "day" | "week" | "month" | "year"
    )
}

fn word_number(w: &str) -> Option<f64> {
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

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A clause number for every token: clauses end at ";", ":" and words that turn the sentence
/// ("whereas", "while", "but", "compared", "versus", "vs").
fn clause_ids(t: &[Tok<'_>]) -> Vec<u16> {
    let mut id = 0u16;
    t.iter()
        .map(|tok| {
            if tok.is_sym(';')
                || tok.is_sym(':')
                || tok.is_any(&[
                    "whereas", "while", "but", "compared", "versus", "vs", "unlike", "than",
                ])
            {
                id = id.saturating_add(1);
            }
            id
        })
        .collect()
}

/// Distance from a figure to a token, with a penalty for each clause crossed.
fn distance(clauses: &[u16], from_first: usize, from_last: usize, at: usize) -> usize {
    let d = if at < from_first {
        from_first - at
    } else {
        at.saturating_sub(from_last)
    };
    let c = clauses[at].abs_diff(clauses[from_first]) as usize;
    d + c * 12
}

/// The value of the nearest token that `f` recognises.
fn nearest<F>(
    t: &[Tok<'_>],
    clauses: &[u16],
    first: usize,
    last: usize,
    f: F,
) -> Option<&'static str>
where
    F: Fn(&[Tok<'_>], usize) -> Option<&'static str>,
{
    (0..t.len())
        .filter(|&k| k < first || k > last)
        .filter_map(|k| f(t, k).map(|v| (distance(clauses, first, last, k), k, v)))
        .min_by_key(|&(d, k, _)| (d, usize::MAX - k))
        .map(|(_, _, v)| v)
}

fn treatment_of(t: &[Tok<'_>], k: usize) -> Option<&'static str> {
    let w = t[k].lower;
    Some(match w {
        "esketamine" | "spravato" => "esketamine",
        "ketamine" => {
            if k > 0 && t[k - 1].is("es") {
                "esketamine"
            } else {
                "ketamine"
            }
        }
        "midazolam" => "midazolam",
        "placebo" | "saline" => "placebo",
        "ect" | "electroconvulsive" => "ECT",
        "tms" => "TMS",
        "psychotherapy" => "psychotherapy",
        "antidepressants" | "ssris" | "snris" | "ssri" | "snri" => "traditional antidepressants",
        _ => return None,
    })
}

fn condition_of(t: &[Tok<'_>], k: usize) -> Option<&'static str> {
    let w = t[k].lower;
    let next_is = |s: &str| {
        t.get(k + 1).is_some_and(|n| n.is(s))
            || (t.get(k + 1).is_some_and(Tok::is_dash) && t.get(k + 2).is_some_and(|n| n.is(s)))
    };
    Some(match w {
        "trd" => "treatment-resistant depression",
        "treatment" if next_is("resistant") => "treatment-resistant depression",
        "suicidal" => "suicidal ideation",
        "anxiety" => "anxiety",
        "ptsd" => "PTSD",
        "bipolar" => "bipolar depression",
        "mdd" => "depression",
        "depression" | "depressive" => {
            // "treatment-resistant depression" is caught at "treatment"; plain depression here.
            let resistant =
                (k >= 1 && t[k - 1].is("resistant")) || (k >= 2 && t[k - 2].is("resistant"));
            if resistant {
                "treatment-resistant depression"
            } else {
                "depression"
            }
        }
        _ => return None,
    })
}

/// The most specific condition named anywhere in the sentence.
fn sentence_condition(t: &[Tok<'_>]) -> Option<&'static str> {
    let mut best = None;
    for k in 0..t.len() {
        if let Some(c) = condition_of(t, k) {
            if c == "treatment-resistant depression" {
                return Some(c);
            }
            best.get_or_insert(c);
        }
    }
    best
}

fn is_negation(t: &[Tok<'_>], k: usize) -> bool {
    // "do not respond", "don't experience relief", "fail to respond", "without relief".
    let from = k.saturating_sub(4);
    (from..k).any(|j| {
        t[j].is_any(&[
            "not",
            "never",
            "fail",
            "fails",
            "failed",
            "without",
            "no",
            "don’t",
            "don't",
            "doesn’t",
            "doesn't",
            "didn't",
            "didn’t",
            "non",
        ])
    })
}

/// The kind a keyword token points to, for percentages.
fn percent_keyword(t: &[Tok<'_>], k: usize) -> Option<ClaimKind> {
    let w = t[k].lower;
    let outcome = if w.starts_with("remission") || w.starts_with("remit") {
        Some(ClaimKind::RemissionRate)
    } else if w.starts_with("relapse") || w.starts_with("recurr") {
        Some(ClaimKind::RelapseRate)
    } else if w.starts_with("respon")
        || w.starts_with("relie")
        || w.starts_with("improv")
        || w == "success"
        || w == "effective"
        || w == "efficacy"
        || w == "benefit"
        || w == "benefited"
    {
        Some(ClaimKind::ResponseRate)
    } else {
        None
    };
    if let Some(kind) = outcome {
        // "do not respond", "had still not remitted": the share of non-responders is no rate
        // of the outcome itself.
        return Some(if is_negation(t, k) {
            ClaimKind::OtherPercentage
        } else {
            kind
        });
    }
    let prevalence = w.starts_with("prevalen")
        || matches!(
            w,
            "affects"
                | "affect"
                | "affecting"
                | "suffer"
                | "diagnosed"
                | "experiences"
                | "develop"
                | "resistant"
                | "trd"
                | "meet"
                | "meets"
                | "fit"
                | "fits"
                | "qualify"
                | "definition"
        );
    prevalence.then_some(ClaimKind::Prevalence)
}

fn classify(t: &[Tok<'_>], clauses: &[u16], m: &RawMatch) -> ClaimKind {
    let unit = m.value.unit;
    let near = |pred: &dyn Fn(&Tok<'_>) -> bool, within: usize| {
        (0..t.len()).any(|k| {
            (k < m.quote_first || k > m.last_tok)
                && distance(clauses, m.first_tok, m.last_tok, k) <= within
                && pred(&t[k])
        })
    };
    match unit {
        Unit::Percent => {
            // "lowered the risk by 51%": a relative change, not a rate.
            if m.quote_first > 0 && t[m.quote_first - 1].is("by") {
                return ClaimKind::OtherPercentage;
            }
            let mut best: Option<(usize, ClaimKind)> = None;
            for k in 0..t.len() {
                if k >= m.quote_first && k <= m.last_tok {
                    continue;
                }
                if let Some(kind) = percent_keyword(t, k) {
                    let mut d = distance(clauses, m.first_tok, m.last_tok, k);
                    // Prevalence words are weak: prefer an outcome word at a similar distance.
                    if kind == ClaimKind::Prevalence && !t[k].lower.starts_with("prevalen") {
                        d += 3;
                    }
                    // "patients in stable remission" names a population, not the measure.
                    if k >= 1 && t[k - 1].is_any(&["in", "stable", "sustained", "full"])
                        || k >= 2 && t[k - 2].is("in")
                    {
                        d += 6;
                    }
                    if best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, kind));
                    }
                }
            }
            match best {
                Some((d, kind)) if d <= 20 => kind,
                _ => ClaimKind::OtherPercentage,
            }
        }
        Unit::Mg | Unit::MgPerKg => ClaimKind::Dose,
        Unit::Fold | Unit::Usd => ClaimKind::Other,
        Unit::Count => {
            let noun = m.noun.map(|n| &t[n]);
            let definition = near(
                &|x: &Tok<'_>| {
                    let w = x.lower;
                    w.starts_with("defin")
                        || w.starts_with("diagnos")
                        || w.starts_with("tried")
                        || w.starts_with("trying")
                        || w == "means"
                        || w == "refers"
                        || w == "considered"
                        || w == "criteria"
                        || w == "adequately"
                        || w == "failed"
                        || w == "resistant"
                },
                30,
            );
            let is_treatment_noun = noun.is_some_and(|n| {
                n.is_any(&[
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
                ])
            });
            if is_treatment_noun && definition {
                return ClaimKind::DefinitionThreshold;
            }
            if noun.is_some_and(|n| n.is_any(PEOPLE_NOUNS)) {
                return ClaimKind::SampleSize;
            }
            if noun.is_some_and(|n| n.is_any(COURSE_NOUNS)) {
                return ClaimKind::TreatmentCourse;
            }
            // "four medications" with no definition words nearby is still about treatment
            // failures; "a dozen trials" is just a count.
            if is_treatment_noun && !noun.is_some_and(|n| n.is_any(&["trials", "studies"])) {
                return ClaimKind::DefinitionThreshold;
            }
            ClaimKind::Other
        }
        _ => {
            if m.course_noun {
                return ClaimKind::TreatmentCourse;
            }
            let lead = m.lead.map(|l| &t[l]);
            let has = |words: &[&str], within: usize| {
                near(
                    &|x: &Tok<'_>| {
                        let w = x.lower;
                        words.iter().any(|p| w.starts_with(p))
                    },
                    within,
                )
            };
            let long = unit >= Unit::Days && unit <= Unit::Years;
            if has(
                &["subside", "wear", "persist", "sustain", "durab", "maintain"],
                14,
            ) || (has(&["last"], 6) && long)
            {
                return ClaimKind::EffectDuration;
            }
            if m.value.bound == Some(Bound::AtMost)
                && long
                && has(&["effect", "relief", "benefit", "lift"], 14)
                && !lead.is_some_and(|l| l.is("within"))
            {
                return ClaimKind::EffectDuration;
            }
            if lead.is_some_and(|l| l.is("within")) {
                return ClaimKind::OnsetTime;
            }
            let session_words: &[&str] = if unit == Unit::Minutes {
                &[
                    "session",
                    "sitting",
                    "appointment",
                    "visit",
                    "procedure",
                    "infusion",
                ]
            } else {
                &["session", "sitting", "appointment", "visit", "procedure"]
            };
            if !long && (has(session_words, 14) || has(&["last"], 6)) {
                return ClaimKind::SessionDuration;
            }
            if long
                && has(
                    &["session", "infusions", "treatments", "series", "course"],
                    8,
                )
            {
                return ClaimKind::TreatmentCourse;
            }
            if lead.is_some_and(|l| l.is_any(&["over", "across", "during"])) {
                if unit == Unit::Minutes {
                    return ClaimKind::SessionDuration;
                }
                if has(
                    &["series", "course", "infusions", "sessions", "treatments"],
                    14,
                ) {
                    return ClaimKind::TreatmentCourse;
                }
            }
            if lead.is_some_and(|l| l.is_any(&["take", "takes", "taking"]))
                || has(
                    &[
                        "onset", "work", "start", "begin", "feel", "improv", "relie", "effect",
                        "show", "rapid", "reduc", "respon", "alleviat", "notice",
                    ],
                    14,
                )
            {
                return ClaimKind::OnsetTime;
            }
            if has(&["trial", "adequate", "defin", "criteria", "diagnos"], 30) {
                return ClaimKind::DefinitionThreshold;
            }
            if unit == Unit::Minutes {
                return ClaimKind::SessionDuration;
            }
            ClaimKind::Other
        }
    }
}

/// The time point a percentage refers to: the nearest time figure in the sentence ("64% at 24
/// hours"), or "the day after"/"the next day" (24 hours).
fn time_point(
    t: &[Tok<'_>],
    clauses: &[u16],
    m: &RawMatch,
    times: &[(usize, Value)],
) -> Option<Value> {
    let from_figure = times
        .iter()
        .map(|(k, v)| (distance(clauses, m.first_tok, m.last_tok, *k), v))
        .filter(|(d, _)| *d <= 24)
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v.clone());
    if from_figure.is_some() {
        return from_figure;
    }
    for k in 0..t.len().saturating_sub(1) {
        let day_after = t[k].is("day") && t[k + 1].is("after");
        let next_day = t[k].is("next") && t[k + 1].is("day");
        if day_after || next_day {
            return Some(Value::point(24.0, Unit::Hours));
        }
    }
    None
}

#[cfg(test)]
mod tests;
