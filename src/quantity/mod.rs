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

mod classify;
mod masks;
mod scan;
pub mod sentences;
mod tokens;

use std::ops::Range;

use crate::model::{ClaimKind, Measure, Scope, Unit, Value};
use classify::{
    classify, clause_ids, clause_treatment, condition_of, follows_comparison, nearest, own_keyword,
    sentence_condition, time_point,
};
use scan::Scanner;

/// A figure stated in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Byte range of the shortest phrase that states it, in the scanned sentence.
    pub range: Range<usize>,
    /// The value.
    pub value: Value,
    /// The measure.
    pub kind: ClaimKind,
    /// What it measures: intervention, comparator, population, outcome and time point, in the
    /// sentence's own words where it states them. How long side effects last (dissociation,
    /// nausea…) has the outcome "side effects" and kind `other`, never the treatment's effect.
    pub measure: Measure,
    /// A research figure, or a fact about the clinic itself (its prices, years in practice,
    /// patients it has treated), which is never checked against sources.
    pub scope: Scope,
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
        let mut time_point = if m.value.unit == Unit::Percent {
            time_point(&toks, &clauses, &m, &time_figures)
        } else {
            None
        };
        // "Response at 24 hours was 64% with ketamine versus 28% with midazolam": the second arm
        // of a comparison states the same measure, at the same time point, as the first unless
        // it names its own.
        if m.value.unit == Unit::Percent
            && follows_comparison(&toks, m.quote_first)
            && !own_keyword(&toks, m.last_tok)
        {
            if let Some(prev) = out.iter().rev().find(|f| f.value.unit == Unit::Percent) {
                kind = prev.kind;
                time_point = time_point.or_else(|| prev.measure.time_point.clone());
            }
        }
        // "These effects usually subside within hours" after dissociation and nausea is about
        // side effects, not how long the treatment works.
        let side_effects = matches!(kind, ClaimKind::EffectDuration | ClaimKind::OnsetTime)
            && m.value.unit.hours().is_some()
            && mentions_side_effects(&toks);
        if side_effects {
            kind = ClaimKind::Other;
        }
        let treatment = clause_treatment(&toks, &clauses, m.first_tok, m.last_tok);
        let condition = nearest(&toks, &clauses, m.first_tok, m.last_tok, condition_of)
            .or_else(|| sentence_condition(&toks));
        // Prices are what the clinic charges, never a research figure.
        let scope = if m.value.unit == Unit::Usd {
            Scope::Clinic
        } else {
            Scope::Research
        };
        out.push(Figure {
            range: toks[m.quote_first].start..toks[m.last_tok].end,
            value: m.value,
            kind,
            measure: Measure {
                intervention: treatment.map(str::to_owned),
                comparator: None,
                population: condition.map(str::to_owned),
                outcome: side_effects.then(|| SIDE_EFFECTS.to_owned()),
                time_point,
            },
            scope,
        });
    }
    out
}

/// The outcome of a figure that says how long side effects last.
pub const SIDE_EFFECTS: &str = "side effects";

/// Whether a sentence names side effects (dissociation, nausea, dizziness…).
fn mentions_side_effects(toks: &[tokens::Tok<'_>]) -> bool {
    toks.iter().enumerate().any(|(k, t)| {
        ["dissociat", "nausea", "dizz", "hallucinat", "drowsi"]
            .iter()
            .any(|w| t.lower.starts_with(w))
            || (t.is("side")
                && toks
                    .get(k + 1)
                    .is_some_and(|n| n.lower.starts_with("effect")))
            || (t.is("blood") && toks.get(k + 1).is_some_and(|n| n.is("pressure")))
    })
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
        ClaimKind::WeightLoss => format!("weight loss with {t}{in_c}"),
        ClaimKind::SuccessRate => format!("{t} success rate{in_c}"),
        ClaimKind::SideEffectRate => format!("side effects of {t}{in_c}"),
        ClaimKind::Price => format!("price of {t}"),
        ClaimKind::RecoveryTime => format!("recovery time after {t}"),
        ClaimKind::FollowUp => format!("follow-up after {t}{in_c}"),
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

#[cfg(test)]
mod tests;

/// The condition named in a population phrase, in the vocabulary of [`subject`].
pub fn condition_in(population: &str) -> Option<&'static str> {
    const CONDITIONS: &[&str] = &[
        "treatment-resistant depression",
        "suicidal ideation",
        "bipolar depression",
        "depression",
        "anxiety",
        "PTSD",
    ];
    CONDITIONS.iter().copied().find(|c| population.contains(c))
}
