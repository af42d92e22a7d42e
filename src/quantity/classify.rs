//! Classification: what a figure the scanner found is about. Its kind (response, remission,
//! onset…) from the nearest keyword in the same clause, its treatment and condition, and the
//! time point a rate refers to.

use super::scan::{RawMatch, COURSE_NOUNS, PEOPLE_NOUNS, TREATMENT_NOUNS};
use super::tokens::Tok;
use crate::model::{Bound, ClaimKind, Unit, Value};

/// Whether a comparison word ("versus", "compared with", "vs", "than") stands just before token
/// `first`.
pub(super) fn follows_comparison(t: &[Tok<'_>], first: usize) -> bool {
    (first.saturating_sub(3)..first)
        .any(|k| t[k].is_any(&["versus", "vs", "compared", "than", "against"]))
}

/// Whether an outcome word follows a figure closely ("28% responded", "45% met remission").
pub(super) fn own_keyword(t: &[Tok<'_>], last: usize) -> bool {
    (last + 1..(last + 4).min(t.len()))
        .any(|k| percent_keyword(t, k).is_some_and(|kind| kind != ClaimKind::Prevalence))
}

/// A clause number for every token: clauses end at ";", ":" and words that turn the sentence
/// ("whereas", "while", "but", "compared", "versus", "vs").
pub(super) fn clause_ids(t: &[Tok<'_>]) -> Vec<u16> {
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
pub(super) fn distance(clauses: &[u16], from_first: usize, from_last: usize, at: usize) -> usize {
    let d = if at < from_first {
        from_first - at
    } else {
        at.saturating_sub(from_last)
    };
    let c = clauses[at].abs_diff(clauses[from_first]) as usize;
    d + c * 12
}

/// The value of the nearest token that `f` recognises.
pub(super) fn nearest<F>(
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

/// The treatment named in the figure's own clause: across "compared with" or "whereas" the
/// other clause is about something else ("relief within hours, compared to the weeks it takes
/// antidepressants"), so the article's main treatment applies instead.
pub(super) fn clause_treatment(
    t: &[Tok<'_>],
    clauses: &[u16],
    first: usize,
    last: usize,
) -> Option<&'static str> {
    let clause = clauses[first];
    (0..t.len())
        .filter(|&k| (k < first || k > last) && clauses[k] == clause)
        .filter_map(|k| treatment_of(t, k).map(|v| (distance(clauses, first, last, k), k, v)))
        .min_by_key(|&(d, k, _)| (d, usize::MAX - k))
        .map(|(_, _, v)| v)
}

pub(super) fn treatment_of(t: &[Tok<'_>], k: usize) -> Option<&'static str> {
    // "ketamine's effects" names ketamine too.
    let w = t[k].lower;
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
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

pub(super) fn condition_of(t: &[Tok<'_>], k: usize) -> Option<&'static str> {
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
pub(super) fn sentence_condition(t: &[Tok<'_>]) -> Option<&'static str> {
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

pub(super) fn is_negation(t: &[Tok<'_>], k: usize) -> bool {
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
pub(super) fn percent_keyword(t: &[Tok<'_>], k: usize) -> Option<ClaimKind> {
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
        || w == "better"
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

pub(super) fn classify(t: &[Tok<'_>], clauses: &[u16], m: &RawMatch) -> ClaimKind {
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
            let is_treatment_noun = noun.is_some_and(|n| n.is_any(TREATMENT_NOUNS));
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
            if is_treatment_noun && !noun.is_some_and(|n| n.is("trials")) {
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
            if lead.is_some_and(|l| l.is("every")) {
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
pub(super) fn time_point(
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
