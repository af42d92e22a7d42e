//! A study's arms and where a sentence names them: "X versus Y" in the title, "randomized to
//! (receive) (either) X or Y", "the X group"; control arms by their words (placebo, sham, usual
//! care…); and which figure each mention belongs to ("81% in the trametinib group", "in the
//! ketamine group (27.3%)").

use super::super::dose;
use super::super::text::{self, Class, Tok};
use super::super::vocab;
use super::{Arm, Section, Sentence};

/// The study's arms, in the order the title and Methods name them.
pub(super) fn find_arms(sentences: &[Sentence], toks: &[Vec<Tok>]) -> Vec<Arm> {
    let mut arms: Vec<Arm> = Vec::new();
    for (s, t) in sentences.iter().zip(toks) {
        let sets_arms = matches!(
            s.section,
            Section::Title | Section::Methods | Section::Unlabelled | Section::Objective
        );
        if sets_arms {
            for label in comparison_arms(&s.text, t) {
                add_arm(&mut arms, &label);
            }
        }
        for label in group_arms(&s.text, t) {
            add_arm(&mut arms, &label);
        }
    }
    // A control named only in passing ("22% of those on placebo", "sham-controlled") is still
    // an arm; so is the treatment of a trial that names only its control ("the active group").
    let all: Vec<&Tok> = toks.iter().flatten().collect();
    if !arms.iter().any(|a| a.control) {
        if let Some(w) = all.iter().find(|w| w.is_any(vocab::CONTROL_WORDS)) {
            arms.push(Arm {
                label: w.lower.clone(),
                words: vec![text::canon(&w.lower)],
                control: true,
            });
        }
    }
    if arms.iter().any(|a| a.control) && !arms.iter().any(|a| !a.control) {
        arms.insert(
            0,
            Arm {
                label: "the studied treatment".to_owned(),
                words: Vec::new(),
                control: false,
            },
        );
    }
    arms
}

fn add_arm(arms: &mut Vec<Arm>, label: &str) {
    // "the 10-mg group" is a dose of the study's drug, not an arm of its own: doses are read
    // apart ([`super::doses`]).
    // "over 104 weeks versus placebo": a duration names no arm either.
    let words: Vec<String> = text::content_words(label)
        .into_iter()
        .filter(|w| !vocab::GENERIC_ARM_WORDS.contains(&w.as_str()) && !dose::is_dose_word(w))
        .filter(|w| vocab::time_unit_hours(w).is_none())
        .collect();
    if words.is_empty() || words.len() > 5 {
        return;
    }
    let control = is_control_phrase(label);
    // "the control group" and "placebo" in one trial are one control arm.
    let generic_control = |w: &[String]| w.iter().all(|x| x == "control");
    if let Some(a) = arms.iter_mut().find(|a| {
        a.control == control
            && (a.words.iter().any(|w| words.contains(w))
                || (control && (generic_control(&a.words) || generic_control(&words))))
    }) {
        // Keep the shortest name: "esketamine" over "esketamine nasal spray".
        if label.len() < a.label.len() {
            a.label = label.to_owned();
        }
        return;
    }
    arms.push(Arm {
        label: label.to_owned(),
        words,
        control,
    });
}

/// Whether a phrase names a control arm.
pub fn is_control_phrase(label: &str) -> bool {
    let t = text::tokens(label);
    t.iter().enumerate().any(|(k, w)| {
        w.is_any(vocab::CONTROL_WORDS)
            || t.get(k + 1)
                .is_some_and(|n| vocab::control_phrase(&w.lower, &n.lower))
    })
}

/// Words that end an arm's name: what follows is a dose, a schedule or a population.
fn ends_arm(t: &Tok) -> bool {
    t.class != Class::Word
        || t.is_any(&[
            "for",
            "in",
            "at",
            "among",
            "with",
            "plus",
            "and",
            "or",
            "to",
            "on",
            "who",
            "as",
            "both",
            "once",
            "twice",
            "thrice",
            "every",
            "each",
            "daily",
            "weekly",
            "was",
            "were",
            "conditions",
            "condition",
            "therapy",
            "given",
            "alone",
        ])
}

/// Arms set against each other: "X versus Y", "X vs Y" (in the title or Methods), and "randomized
/// to (receive) (either) X or Y".
fn comparison_arms(text: &str, t: &[Tok]) -> Vec<String> {
    let mut out = Vec::new();
    for k in 0..t.len() {
        if t[k].is_any(&["versus", "vs"]) {
            let after = k + 1 + usize::from(t.get(k + 1).is_some_and(|n| n.is_punct('.')));
            if let (Some(l), Some(r)) =
                (phrase_backward(text, t, k), phrase_forward(text, t, after))
            {
                out.push(l);
                out.push(r);
            }
        }
    }
    if let Some((left, right)) = randomized_to(t) {
        out.extend(phrase_forward(text, t, left));
        out.extend(phrase_forward(text, t, right));
    }
    out
}

/// "randomized to active or sham", "assigned to receive either trametinib … or chemotherapy":
/// the tokens where the two arms' names start.
fn randomized_to(t: &[Tok]) -> Option<(usize, usize)> {
    let starts = t.iter().enumerate().filter(|(_, w)| {
        w.is_any(&[
            "randomized",
            "randomised",
            "assigned",
            "allocated",
            "received",
            "receive",
        ])
    });
    starts.map(|(r, _)| r).find_map(|r| {
        // The list starts after "to", "receive" or "either" following the randomization word.
        let mut anchor = if t[r].is_any(&["received", "receive"]) {
            r + 1
        } else {
            (r + 1..(r + 20).min(t.len())).find(|&k| t[k].is_any(&["to", "receive", "either"]))?
        };
        while t
            .get(anchor)
            .is_some_and(|w| w.is_any(&["to", "receive", "either"]))
        {
            anchor += 1;
        }
        let or = (anchor..(anchor + 30).min(t.len()))
            .take_while(|&k| !t[k].is_punct(';') && !t[k].is_punct('.'))
            .find(|&k| t[k].is("or"))?;
        Some((anchor, or + 1))
    })
}

/// An arm name starting at token `from`: skips doses and delivery words, keeps up to four words
/// ("extended-release quetiapine", "sham TMS", "placebo"); "injections of liraglutide" keeps
/// the drug.
fn phrase_forward(text: &str, t: &[Tok], mut from: usize) -> Option<String> {
    // "randomised to 68 weeks' treatment with semaglutide": a duration before the arm's name
    // is no part of it.
    let skip = |w: &Tok| {
        (w.class != Class::Word && !w.is_punct(','))
            || w.is_any(&[
                "the", "a", "an", "either", "receive", "to", "with", "therapy",
            ])
            || vocab::GENERIC_ARM_WORDS.contains(&w.lower.as_str())
            || vocab::time_unit_hours(&w.lower).is_some()
    };
    while let Some(w) = t.get(from) {
        if w.is_punct('(') {
            // "flexible doses (according to …) of esketamine": past the parenthesis.
            from = (from..t.len()).find(|&k| t[k].is_punct(')'))? + 1;
        } else if skip(w) {
            from += 1;
        } else {
            break;
        }
    }
    let mut end = from;
    while end < t.len() && end < from + 4 && !ends_arm(&t[end]) {
        end += 1;
    }
    // "once-daily subcutaneous injections of liraglutide": the words after "of";
    // "manualized therapy with MDMA": the words after "with".
    if let Some(of) = (from..end).rev().find(|&k| t[k].is("of")) {
        return phrase_forward(text, t, of + 1);
    }
    let with = (end..(end + 2).min(t.len())).find(|&k| t[k].is("with"));
    if let Some(w) = with.filter(|&w| (end..w).all(|k| t[k].is("therapy"))) {
        return phrase_forward(text, t, w + 1);
    }
    (end > from).then(|| text[t[from].range.start..t[end - 1].range.end].to_owned())
}

/// An arm name ending just before token `to`: up to four words back.
fn phrase_backward(text: &str, t: &[Tok], to: usize) -> Option<String> {
    let mut start = to;
    while start > 0 && start + 4 > to && !ends_arm(&t[start - 1]) {
        if t[start - 1].is_any(&["the", "a", "an", "either", "receive", "of"]) {
            break;
        }
        start -= 1;
    }
    (start < to).then(|| text[t[start].range.start..t[to - 1].range.end].to_owned())
}

/// Arms named as groups: "the esketamine group", "the HF-rTMS and sham rTMS groups".
fn group_arms(text: &str, t: &[Tok]) -> Vec<String> {
    let mut out = Vec::new();
    let name_word = |w: &Tok| {
        w.class == Class::Word && !vocab::is_stop(&w.lower) && !w.is_any(&["between", "across"])
    };
    for k in 1..t.len() {
        if !t[k].is_any(&["group", "groups", "arm", "arms"]) {
            continue;
        }
        let mut start = k;
        while start > 0 && start + 3 > k && name_word(&t[start - 1]) {
            start -= 1;
        }
        // "the esketamine+antidepressant group": the whole compound is the name.
        while start >= 2
            && (t[start - 1].is_punct('+') || t[start - 1].is("plus"))
            && name_word(&t[start - 2])
        {
            start -= 2;
        }
        // "between groups", "in both groups": no name.
        if start == k || (start > 0 && t[start - 1].is_any(&["between", "across"])) {
            continue;
        }
        out.push(text[t[start].range.start..t[k - 1].range.end].to_owned());
        // "the HF-rTMS and sham rTMS groups": the arm before "and" too.
        if start >= 2 && t[start - 1].is("and") && t[k].is_any(&["groups", "arms"]) {
            let mut s2 = start - 1;
            while s2 > 0 && s2 + 3 > start - 1 && name_word(&t[s2 - 1]) {
                s2 -= 1;
            }
            if s2 < start - 1 {
                out.push(text[t[s2].range.start..t[start - 2].range.end].to_owned());
            }
        }
    }
    out
}

/// Every mention of an arm in a sentence: (token, arm). A control word names the control arm
/// ("sham rTMS" is the sham arm even though "rTMS" names the active one); "active" and
/// "intervention" name the first treatment arm.
pub(super) fn arm_mentions(arms: &[Arm], t: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let control = arms.iter().position(|a| a.control);
    let treatment = arms.iter().position(|a| !a.control);
    let mut k = 0;
    while k < t.len() {
        let w = &t[k];
        if let Some((end, arm)) = compound_arm(arms, t, k) {
            // Every word of the compound mentions the arm (none is an outcome word).
            if let Some(a) = arm {
                out.extend((k..=end).step_by(2).map(|j| (j, a)));
            }
            k = end + 1;
            continue;
        }
        // "placebo-treated subjects" names the control arm; "placebo-controlled" does not.
        let treated_control = w
            .lower
            .split_once(['-', '–'])
            .is_some_and(|(head, tail)| vocab::CONTROL_WORDS.contains(&head) && tail == "treated");
        let is_control = w.is_any(vocab::CONTROL_WORDS)
            || treated_control
            || (w.is_any(&["usual", "standard"])
                && t.get(k + 1)
                    .is_some_and(|n| vocab::control_phrase(&w.lower, &n.lower)));
        if is_control {
            if let Some(c) = control {
                out.push((k, c));
                // "sham rTMS": the modality after a control word is part of the control arm.
                k += 2;
                continue;
            }
        }
        if w.is_any(&["active", "intervention", "experimental"]) {
            if let Some(a) = treatment {
                out.push((k, a));
                k += 2;
                continue;
            }
        }
        if w.class == Class::Word {
            let c = text::canon(&w.lower);
            let parts: Vec<String> = w.lower.split('-').map(text::canon).collect();
            if let Some(a) = arms.iter().position(|a| {
                !a.control
                    && a.words
                        .iter()
                        .any(|aw| *aw == c || parts.iter().any(|p| p == aw && p.len() > 2))
            }) {
                out.push((k, a));
            }
        }
        k += 1;
    }
    out
}

/// Whether a word names a control arm on its own ("placebo", "sham", "placebo-treated").
fn control_word(w: &Tok) -> bool {
    w.is_any(vocab::CONTROL_WORDS)
        || w.lower
            .split('-')
            .any(|p| vocab::CONTROL_WORDS.contains(&p))
}

/// Single words joined by "+" or "plus" starting at token `k` ("antidepressant+placebo",
/// "AD + PBO", "placebo plus sertraline") name one arm: the control arm when any part is a
/// control word (the other part is the background treatment both arms get), else the arm its
/// first named part belongs to, else the trial's one treatment arm. Returns the compound's last token and its arm; `None` when no
/// compound starts at `k`. Only single words are joined: "esketamine plus the same
/// antidepressant" is read word by word.
fn compound_arm(arms: &[Arm], t: &[Tok], k: usize) -> Option<(usize, Option<usize>)> {
    let joins = |j: usize| t.get(j).is_some_and(|w| w.is_punct('+') || w.is("plus"));
    let word = |j: usize| {
        t.get(j)
            .is_some_and(|w| w.class == Class::Word && !vocab::is_stop(&w.lower))
    };
    if !word(k) || !joins(k + 1) || !word(k + 2) {
        return None;
    }
    let mut end = k + 2;
    while joins(end + 1) && word(end + 2) {
        end += 2;
    }
    let parts: Vec<usize> = (k..=end).step_by(2).collect();
    let arm = if parts.iter().any(|&j| control_word(&t[j])) {
        arms.iter().position(|a| a.control)
    } else {
        // "ESK + AD" in a trial of one treatment against a control is that treatment.
        let treatments: Vec<usize> = (0..arms.len()).filter(|&a| !arms[a].control).collect();
        parts
            .iter()
            .find_map(|&j| {
                let c = text::canon(&t[j].lower);
                arms.iter().position(|a| !a.control && a.words.contains(&c))
            })
            .or_else(|| (treatments.len() == 1).then(|| treatments[0]))
    };
    Some((end, arm))
}

/// Tokens that may stand between a figure and the arm named after it: "81% in the trametinib
/// group", "18.6% of subjects receiving HF-rTMS", "22% of those on placebo".
const AFTER_LINKS: &[&str] = &[
    "in",
    "the",
    "with",
    "on",
    "of",
    "receiving",
    "given",
    "those",
    "patients",
    "participants",
    "subjects",
    "treated",
    "assigned",
    "to",
    "for",
    "among",
    "group",
    "arm",
    "who",
    "were",
    "received",
    "taking",
    "allocated",
    "randomized",
    "randomised",
];

/// Tokens that may stand between an arm and the figure after it: "in the ketamine group
/// (27.3%)", "placebo: 12%".
const BEFORE_LINKS: &[&str] = &["group", "arm", "was", "were", "had", "of", "n", "in", "by"];

/// "(week 192: finasteride, 21.6% increase …; placebo, 24.5% decrease …)": an arm named first
/// in its clause (after a bracket, ";" or ":", or opening the sentence) and set off by a comma
/// labels the figure right after the comma. Not "Compared with placebo, 45% …", where the arm
/// does not open the clause.
fn labels(t: &[Tok], k: usize, first: usize) -> bool {
    let opens = k == 0
        || t[k - 1].is_punct('(')
        || t[k - 1].is_punct('[')
        || t[k - 1].is_punct(';')
        || t[k - 1].is_punct(':');
    let sign = |w: &Tok| w.is_punct('-') || w.is_punct('\u{2212}') || w.is_punct('+');
    opens && t.get(k + 1).is_some_and(|w| w.is_punct(',')) && (k + 2..first).all(|j| sign(&t[j]))
}

/// "−14.9% (semaglutide) vs −2.4% (placebo)": a bracket right after a figure that holds only
/// an arm's name (and perhaps its dose) labels the figure. Not "(95% CI, …)" or "(n = 80)",
/// which hold no arm first, nor "(27.1% vs 17.6% with placebo)", where figures come first.
fn bracketed_label(t: &[Tok], last: usize, k: usize) -> bool {
    if !t.get(last + 1).is_some_and(|w| w.is_punct('(')) || k != last + 2 {
        return false;
    }
    let Some(close) = (k..(k + 6).min(t.len())).find(|&j| t[j].is_punct(')')) else {
        return false;
    };
    (k..close).all(|j| t[j].class != Class::Punct || t[j].is_punct('+') || t[j].is_punct('.'))
}

/// Which arm each figure (token spans) belongs to: first the mentions tied to a figure by the
/// words between them, then the nearest mention in the same stretch without a comma between.
pub(super) fn attach(
    t: &[Tok],
    depth: &[u8],
    mentions: &[(usize, usize)],
    spans: &[(usize, usize, bool)],
    clause_of: &dyn Fn(usize) -> std::ops::Range<usize>,
) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = vec![None; spans.len()];
    // A mention belongs to one percentage and one count ("Six participants in the ketamine
    // group (27.3%)"): used[m][percent?].
    let mut used: Vec<[bool; 2]> = vec![[false; 2]; mentions.len()];
    // The words between a figure and a mention after it, past an aside in brackets ("−3.1%
    // (95% CI, −4.3 to −1.9) with placebo"): (words, whether they all link).
    let after = |last: usize, k: usize| {
        let base = depth[last];
        let words: Vec<usize> = (last + 1..k)
            .filter(|&x| depth[x] <= base && !t[x].is_punct(')') && !t[x].is_punct(']'))
            .collect();
        let linked = words
            .iter()
            .all(|&x| t[x].is_any(AFTER_LINKS) || t[x].is_punct('(') || t[x].is_punct('['));
        (words.len(), linked && depth[k] <= base)
    };
    let linked = |from: usize, to: usize, links: &[&str]| {
        (from..to).all(|k| {
            t[k].is_any(links)
                || t[k].is_punct('(')
                || t[k].is_punct('[')
                || t[k].is_punct('=')
                || t[k].is_punct(':')
                || t[k].class == Class::Number && links == BEFORE_LINKS
        })
    };
    // "more often with A than with B (82.2% versus 53.9%)": a bracket that opens on a pair of
    // figures compared with each other holds both arms' results, in the order the arms were
    // named, so the arm just before the bracket is not the first figure's.
    let opens_pair = |k: usize, first: usize| {
        (k + 1..first).any(|x| t[x].is_punct('('))
            && (first..t.len())
                .take_while(|&x| depth[x] >= depth[first])
                .any(|x| t[x].is_any(&["vs", "versus"]))
    };
    // Pass 1: tied by linking words, nearest first.
    let mut ties: Vec<(usize, usize, usize)> = Vec::new();
    for (j, &(first, last, _)) in spans.iter().enumerate() {
        for (m, &(k, _)) in mentions.iter().enumerate() {
            let tied = if k > last {
                let (words, linked) = after(last, k);
                (words <= 6 && linked) || bracketed_label(t, last, k)
            } else if k < first {
                (first - k <= 4 && linked(k + 1, first, BEFORE_LINKS) && !opens_pair(k, first))
                    || labels(t, k, first)
            } else {
                false
            };
            if tied {
                ties.push((k.abs_diff(if k > last { last } else { first }), j, m));
            }
        }
    }
    ties.sort_unstable();
    for (_, j, m) in ties {
        let p = usize::from(spans[j].2);
        if out[j].is_none() && !used[m][p] {
            out[j] = Some(mentions[m].1);
            used[m][p] = true;
        }
    }
    // Pass 2: the nearest unused mention in the clause, with no comma and no other figure
    // between.
    for (j, &(first, last, percent)) in spans.iter().enumerate() {
        if out[j].is_some() {
            continue;
        }
        let p = usize::from(percent);
        let clause = clause_of(first);
        let best = mentions
            .iter()
            .enumerate()
            .filter(|(m, (k, _))| !used[*m][p] && clause.contains(k))
            .filter(|(_, (k, _))| {
                let (a, b) = if *k > last {
                    (last + 1, *k)
                } else {
                    (*k + 1, first)
                };
                // A mention inside the figure's own span (a > b) is no neighbour of it.
                a <= b
                    && (a..b).all(|x| {
                        !t[x].is_punct(',')
                            && !t[x].is_punct('(')
                            && !t[x].is_punct('[')
                            && !t[x].is_any(&[
                                "compared", "versus", "vs", "than", "whereas", "and", "or",
                            ])
                    })
                    && !spans.iter().any(|&(f, _, _)| f > a && f < b)
                    && b - a <= 8
            })
            .min_by_key(|(_, (k, _))| k.abs_diff(first));
        if let Some((m, (_, arm))) = best {
            out[j] = Some(*arm);
            used[m][p] = true;
        }
    }
    out
}
