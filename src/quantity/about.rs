//! What a figure is about: the intervention, the comparator arm and the population, in the
//! sentence's own words. The vocabulary is open: an intervention is a word with a drug's
//! ending ("semaglutide", "midazolam"), an acronym ("TMS", "PRP"), a name written with a capital
//! in mid-sentence ("Botox"), or the words before a treatment noun ("stem cell therapy", "oral
//! appliance therapy"); a population is the words before a condition noun or ending
//! ("treatment-resistant depression", "knee osteoarthritis") or a qualified group of people
//! ("men over 80"). The word classes are in [`super::lexicon`].

use std::ops::Range;
use std::sync::LazyLock;

use super::lexicon::{COMPARATORS, CONDITION_HEADS, STANDALONE_TREATMENTS};
use super::matcher::Matcher;
use super::number::word_value;
use super::tokens::{Tok, TokKind};
use super::words;

static CONDITIONS: LazyLock<Matcher> = LazyLock::new(|| Matcher::of_words(CONDITION_HEADS));

/// A phrase of the sentence that names an intervention or a population.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Phrase {
    /// Its tokens.
    pub(super) span: Range<usize>,
    /// Its text as stored.
    pub(super) text: String,
    /// How sure the reading is: 3 for a drug name or acronym, 2 for a treatment phrase, 1 for
    /// a capitalized name.
    pub(super) strength: u8,
}

/// The interventions and populations a sentence names.
#[derive(Debug, Default)]
pub(super) struct Named {
    pub(super) interventions: Vec<Phrase>,
    pub(super) populations: Vec<Phrase>,
    /// The [`intervention_key`] of each intervention, in the same order: arms are told apart
    /// by their keys for every figure, so each is made once.
    pub(super) keys: Vec<String>,
}

impl Named {
    /// Reads the phrases of a tokenized sentence.
    pub(super) fn read(t: &[Tok<'_>]) -> Named {
        let interventions = interventions(t);
        Named {
            keys: interventions
                .iter()
                .map(|p| intervention_key(&p.text))
                .collect(),
            interventions,
            populations: populations(t),
        }
    }

    /// The interventions with their keys.
    pub(super) fn keyed(&self) -> impl Iterator<Item = (&Phrase, &str)> {
        self.interventions
            .iter()
            .zip(self.keys.iter().map(String::as_str))
    }
}

/// Whether a word has a drug's ending or names a substance.
fn is_drug(tok: &Tok<'_>) -> bool {
    let w = strip_possessive(tok.lower);
    matches!(tok.kind, TokKind::Word)
        && (words::SUBSTANCES.contains(w) || (w.len() >= 6 && words::DRUG_ENDINGS.ends(w)))
}

/// Whether a word is an acronym that may name a treatment ("TMS", "PRP", "LASIK").
fn is_acronym(tok: &Tok<'_>) -> bool {
    let text = strip_possessive(tok.text);
    matches!(tok.kind, TokKind::Word)
        && (2..=6).contains(&text.len())
        && text.chars().all(|c| c.is_ascii_uppercase())
        && !words::NOT_INTERVENTIONS.contains(strip_possessive(tok.lower))
        && !words::CONDITION_HEADS.contains(strip_possessive(tok.lower))
}

/// Whether the acronym at `k` names a trial, not a treatment: "the STEP 1 trials", "SURMOUNT-1",
/// "the SELECT study". "TMS 5 days a week" names the treatment.
fn names_a_trial(t: &[Tok<'_>], k: usize) -> bool {
    const TRIAL_WORDS: &[&str] = &[
        "trial",
        "trials",
        "study",
        "studies",
        "program",
        "programme",
    ];
    let glued_number = t.get(k + 1).is_some_and(Tok::is_dash)
        && t.get(k + 2)
            .is_some_and(|n| n.num().is_some() && t[k + 1].end == n.start);
    let numbered = t.get(k + 1).is_some_and(|n| n.num().is_some());
    let trial_after = |j: usize| t.get(j).is_some_and(|w| w.is_any(TRIAL_WORDS));
    glued_number || trial_after(k + 1) || (numbered && trial_after(k + 2))
}

/// Whether the acronym at `k` abbreviates the measure named just before it: "sleep onset
/// latency (SOL)", "the apnea-hypopnea index (AHI)", "Total sleep time (TST)". The bracketed
/// name of a treatment stays one: "transcranial magnetic stimulation (TMS)", "platelet-rich
/// plasma (PRP)".
fn abbreviates_a_measure(t: &[Tok<'_>], k: usize) -> bool {
    let bracketed = k >= 2 && t[k - 1].is_sym('(') && t.get(k + 1).is_some_and(|c| c.is_sym(')'));
    bracketed && t[k - 2].is_in(&words::MEASURE_HEADS)
}

/// Whether the name at `k` is where a study was published, not a treatment: "published in JAMA
/// Psychiatry", "a report in NEJM", "appeared in The BMJ". "given in TMS sessions" names one.
fn names_a_journal(t: &[Tok<'_>], k: usize) -> bool {
    const PUBLISHED: &[&str] = &["published", "appeared", "appearing", "report", "reported"];
    let before = |j: usize| k.checked_sub(j).map(|i| &t[i]);
    // "in [the] NAME", after a word of publishing.
    let the = usize::from(before(1).is_some_and(|w| w.is("the")));
    before(1 + the).is_some_and(|w| w.is("in"))
        && before(2 + the).is_some_and(|w| w.is_any(PUBLISHED))
}

/// Whether a word is a name written with a capital in mid-sentence ("Botox", "Spravato"), not a
/// run of names ("Eli Lilly") or a place ("in Houston").
fn is_brand(t: &[Tok<'_>], k: usize) -> bool {
    let tok = &t[k];
    let capital = |x: &Tok<'_>| {
        matches!(x.kind, TokKind::Word) && x.text.chars().next().is_some_and(char::is_uppercase)
    };
    let mut rest = tok.text.chars().skip(1);
    let shape = capital(tok)
        && tok.text.len() >= 4
        && rest.all(|c| c.is_lowercase() || c == '’' || c == '\'');
    // Most words fail on shape: decide that before looking at the neighbours.
    if !shape {
        return false;
    }
    let sentence_start =
        k == 0 || matches!(t[k - 1].kind, TokKind::Sym(_)) && !t[k - 1].is_sym(',');
    let joined = |j: usize| t[j].is_any(&["of", "and"]) || t[j].is_sym('&');
    let in_run = (k > 0 && capital(&t[k - 1]))
        || t.get(k + 1).is_some_and(capital)
        || (k > 1 && joined(k - 1) && capital(&t[k - 2]));
    let place = (k > 0 && t[k - 1].is_any(&["in", "at", "from", "near", "to", "dr", "by"]))
        || t.get(k + 1).is_some_and(|n| {
            n.is_any(&[
                "office",
                "offices",
                "clinic",
                "location",
                "area",
                "center",
                "centre",
                "team",
                "staff",
                "branch",
                "community",
            ])
        });
    let lower = strip_possessive(tok.lower);
    // "Canadian", "American", "Chinese": nationalities, not products.
    let nationality = ["ian", "ean", "ese", "ish"]
        .iter()
        .any(|e| lower.ends_with(e));
    !nationality
        && !sentence_start
        && !in_run
        && !place
        && !words::NOT_INTERVENTIONS.contains(lower)
        && !words::CONDITION_HEADS.contains(lower)
        && !words::PEOPLE_WORDS.contains(lower)
        && !words::FUNCTION_WORDS.contains(lower)
        && word_value(lower).is_none()
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

/// Whether a word may stand in a treatment's name before its head noun.
fn is_modifier(tok: &Tok<'_>) -> bool {
    matches!(tok.kind, TokKind::Word)
        && !tok.is_in(&words::NOT_MODIFIERS)
        && !tok.is_in(&words::FUNCTION_WORDS)
        && !tok.is_in(&words::PEOPLE_WORDS)
        && !tok.is_in(&words::CONDITION_HEADS)
        && word_value(tok.lower).is_none()
        // "2 million Botox treatments": a number's scale is part of the count, not the name.
        && !super::lexicon::SCALE_WORDS.iter().any(|(w, _)| *w == tok.lower)
}

/// Every intervention the sentence names, outermost phrases only.
fn interventions(t: &[Tok<'_>]) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = Vec::new();
    let cited = citation_asides(t);
    for k in 0..t.len() {
        if cited.iter().any(|c| c.contains(&k)) {
            continue;
        }
        let phrase = if t[k].is_in(&words::TREATMENT_HEADS) {
            treatment_phrase(t, k)
        } else if is_drug(&t[k])
            || (is_acronym(&t[k])
                && !names_a_trial(t, k)
                && !names_a_journal(t, k)
                && !abbreviates_a_measure(t, k))
            || t[k].is_any(STANDALONE_TREATMENTS)
        {
            // "NAD+": a plus glued to the name is part of it; so is a salt ("testosterone
            // cypionate").
            let plus = t
                .get(k + 1)
                .is_some_and(|p| p.is_sym('+') && p.start == t[k].end);
            let salt = t
                .get(k + 1)
                .is_some_and(|s| words::SALT_ENDINGS.ends(s.lower));
            Some(phrase(t, k..k + 1 + usize::from(plus || salt), 3))
        } else if is_brand(t, k) {
            Some(phrase(t, k..k + 1, 1))
        } else {
            None
        };
        if let Some(p) = phrase {
            // A phrase that contains earlier ones replaces them ("IV ketamine therapy").
            out.retain(|q| !(p.span.start <= q.span.start && q.span.end <= p.span.end));
            out.push(p);
        }
    }
    out
}

/// Token ranges of citations set in brackets ("(Jones et al., Dermatologic Surgery 2016)"):
/// a journal's or an author's name there is no treatment.
fn citation_asides(t: &[Tok<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open = None;
    for (k, tok) in t.iter().enumerate() {
        if tok.is_sym('(') || tok.is_sym('[') {
            open = Some(k);
        } else if tok.is_sym(')') || tok.is_sym(']') {
            let Some(o) = open.take() else { continue };
            let et_al = t[o..k]
                .windows(2)
                .any(|w| w[0].is_any(&["et"]) && w[1].is_any(&["al"]));
            if et_al {
                out.push(o..k + 1);
            }
        }
    }
    out
}

/// The treatment phrase ending at head noun `k`: up to three modifiers before it. A bare head
/// ("the treatment") names nothing.
fn treatment_phrase(t: &[Tok<'_>], k: usize) -> Option<Phrase> {
    let mut start = k;
    let mut words = 0;
    while start > 0 && words < 3 {
        let prev = &t[start - 1];
        let joined = (prev.is_dash() || prev.is_sym('+'))
            && start >= 2
            && t[start - 2].end == prev.start
            && prev.end == t[start].start;
        if joined {
            start -= 1;
            continue;
        }
        if !is_modifier(prev) {
            break;
        }
        start -= 1;
        words += 1;
    }
    // A phrase starts at a word, never at a joining symbol.
    while start < k && matches!(t[start].kind, TokKind::Sym(_)) {
        start += 1;
    }
    if start == k {
        return None;
    }
    let core = (start..k).any(|j| is_drug(&t[j]) || is_acronym(&t[j]) || is_brand(t, j));
    // "infusion session", "treatment plan": treatment words alone name no treatment.
    let generic = (start..k)
        .all(|j| t[j].is_in(&words::TREATMENT_HEADS) || !matches!(t[j].kind, TokKind::Word));
    if generic && !core {
        return None;
    }
    Some(phrase(t, start..k + 1, if core { 3 } else { 2 }))
}

/// The stored text of tokens `span`: words joined as written, a sentence-initial capital
/// lowered, shouted words ("SEMAGLUTIDE") lowered, possessives and generic heads after a named
/// drug or device dropped ("IV ketamine therapy" → "IV ketamine").
fn phrase(t: &[Tok<'_>], span: Range<usize>, strength: u8) -> Phrase {
    let mut end = span.end;
    let named =
        (span.start..span.end).any(|j| is_drug(&t[j]) || is_acronym(&t[j]) || is_brand(t, j));
    while named && end - span.start > 1 && t[end - 1].is_in(&words::GENERIC_HEADS) {
        end -= 1;
    }
    let mut text = String::new();
    for j in span.start..end {
        let tok = &t[j];
        if j > span.start && t[j - 1].end != tok.start {
            text.push(' ');
        }
        let word = strip_possessive(tok.text);
        let shouted = word.len() > 6 && word.chars().all(|c| !c.is_lowercase());
        let initial = j == 0 || matches!(t[j - 1].kind, TokKind::Sym(_)) && !t[j - 1].is_sym('(');
        let acronym = word.len() > 1 && word.chars().filter(|c| c.is_uppercase()).count() > 1;
        if shouted || (is_drug(tok) && !acronym) || (initial && !acronym && !is_brand(t, j)) {
            text.push_str(&word.to_lowercase());
        } else {
            text.push_str(word);
        }
    }
    Phrase {
        span: span.start..end,
        text,
        strength,
    }
}

/// Every population the sentence names: conditions ("treatment-resistant depression", "knee
/// osteoarthritis", "Low T") and qualified groups of people ("men over 80", "younger men").
pub(super) fn populations(t: &[Tok<'_>]) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = Vec::new();
    let mut k = 0;
    while k < t.len() {
        let head_end = CONDITIONS
            .longest_at(t, k)
            .map(|h| h.end)
            .or_else(|| is_condition_word(&t[k]).then_some(k + 1));
        if let Some(end) = head_end {
            let start = condition_start(t, k);
            out.retain(|q| q.span.end <= start);
            let mut p = phrase(t, start..end, 2);
            p.text = common_case(&p.text);
            out.push(p);
            k = end;
            continue;
        }
        if let Some(p) = qualified_people(t, k) {
            k = p.span.end;
            out.push(p);
            continue;
        }
        k += 1;
    }
    out
}

/// A phrase in lower case but for its acronyms and single capitals ("Treatment-Resistant
/// Depression" → "treatment-resistant depression", "TRD", "low T").
fn common_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = w.chars().filter(|c| c.is_uppercase()).count();
            if (capitals > 1 && capitals * 2 > letters) || letters == 1 {
                w.to_owned()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a word has a condition's ending ("osteoarthritis", "hypogonadism").
pub(super) fn is_condition_word(tok: &Tok<'_>) -> bool {
    let w = tok.lower;
    matches!(tok.kind, TokKind::Word) && w.len() >= 7 && words::CONDITION_ENDINGS.ends(w)
}

/// The first token of the condition phrase whose head is at `k`: modifiers joined by dashes
/// ("treatment-resistant"), adjectives and nouns ("knee", "obstructive sleep"), and "type 2".
fn condition_start(t: &[Tok<'_>], k: usize) -> usize {
    let mut start = k;
    let mut words = 0;
    while start > 0 && words < 3 {
        let prev = &t[start - 1];
        if prev.is_dash()
            && prev.end == t[start].start
            && start >= 2
            && t[start - 2].end == prev.start
            && matches!(t[start - 2].kind, TokKind::Word)
        {
            // "treatment-resistant": the word before a joining dash belongs to the phrase.
            start -= 2;
            words += 1;
            continue;
        }
        let type_n = prev.num().is_some() && start >= 2 && t[start - 2].is_any(&["type", "stage"]);
        if type_n {
            start -= 2;
            words += 2;
            continue;
        }
        // Verbs, adverbs and plural nouns end a condition's name ("psychiatrists generally
        // describe depression").
        let w = prev.lower;
        let verb_form = (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly"))
            && w.len() > 4
            || (w.ends_with('s')
                && !["'s", "’s", "ss", "is", "us"]
                    .iter()
                    .any(|e| w.ends_with(e))
                && !words::CONDITION_HEADS.contains(w))
            || prev.is_in(&words::NOT_CONDITION_MODIFIERS);
        let modifier = matches!(prev.kind, TokKind::Word)
            && !verb_form
            && !prev.is_in(&words::FUNCTION_WORDS)
            && !prev.is_in(&words::PEOPLE_WORDS)
            && !prev.is_in(&words::NOT_MODIFIERS)
            && !prev.is_in(&words::TREATMENT_HEADS)
            && !prev.is_any(&[
                "chronic",
                "severe",
                "mild",
                "moderate",
                "acute",
                "significant",
                "symptoms",
                "symptom",
                "from",
                "treat",
                "treating",
                "manage",
                "managing",
                "reduce",
                "reducing",
                "relieve",
                "relieving",
            ])
            && word_value(prev.lower).is_none();
        let keep_severity = prev.is_any(&["chronic", "severe", "acute"]) && words == 0;
        // "treatment resistant depression": a compound adjective written without its dash.
        let compound = t[start].is_any(&["resistant", "refractory", "related", "induced"]);
        if compound && matches!(prev.kind, TokKind::Word) && !prev.is_in(&words::FUNCTION_WORDS) {
            start -= 1;
            words += 1;
            continue;
        }
        if !modifier && !keep_severity {
            break;
        }
        start -= 1;
        words += 1;
    }
    while start < k && matches!(t[start].kind, TokKind::Sym(_)) {
        start += 1;
    }
    start
}

/// "men over 80", "younger men", "adults over 65", "patients under age 35".
fn qualified_people(t: &[Tok<'_>], k: usize) -> Option<Phrase> {
    let tok = &t[k];
    if !tok.is_in(&words::PEOPLE_WORDS) || tok.is("those") {
        return None;
    }
    let before = k > 0
        && t[k - 1].is_any(&[
            "younger", "older", "adult", "male", "female", "elderly", "pregnant",
        ]);
    let after = t
        .get(k + 1)
        .is_some_and(|w| w.is_any(&["over", "under", "aged"]))
        && t.get(k + 2)
            .is_some_and(|n| n.num().is_some() || n.is("age"));
    if before {
        return Some(phrase(t, k - 1..k + 1, 1));
    }
    if after {
        let mut end = k + 3;
        if t[k + 2].is("age") && t.get(k + 3).is_some_and(|n| n.num().is_some()) {
            end += 1;
        }
        return Some(phrase(t, k..end, 1));
    }
    None
}

/// Whether a phrase names a comparator arm ("placebo", "sham").
pub(super) fn is_comparator(p: &Phrase) -> bool {
    names_a_control(&p.text)
}

/// Whether an intervention's name is a control arm's ("placebo", "the sham device").
pub fn names_a_control(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    COMPARATORS.iter().any(|c| {
        lower
            .strip_suffix(c)
            .is_some_and(|before| before.is_empty() || before.ends_with(' '))
    })
}

/// An intervention's identity for grouping: lower case, routes, forms and generic heads
/// dropped ("IV ketamine therapy" and "ketamine infusions" are both "ketamine").
pub fn intervention_key(text: &str) -> String {
    let lower = text.to_lowercase();
    let words = || {
        lower
            .split(|c: char| c.is_whitespace() || c == '-')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+'))
            .filter(|w| !w.is_empty())
    };
    let kept = |w: &str| !words::ROUTE_WORDS.contains(w) && !words::GENERIC_HEADS.contains(w);
    // All the words when none is kept ("IV therapy" is its own key).
    let keep_all = !words().any(kept);
    let mut key = String::with_capacity(lower.len());
    for w in words().filter(|w| keep_all || kept(w)) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(w);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::tokens::tokens;

    fn named(s: &str) -> (Vec<String>, Vec<String>) {
        let lower = s.to_ascii_lowercase();
        let t = tokens(s, &lower);
        let n = Named::read(&t);
        (
            n.interventions.into_iter().map(|p| p.text).collect(),
            n.populations.into_iter().map(|p| p.text).collect(),
        )
    }

    #[test]
    fn open_vocabulary_interventions() {
        assert_eq!(named("Adults on semaglutide lost 15%.").0, ["semaglutide"]);
        assert_eq!(named("IV ketamine therapy helps.").0, ["IV ketamine"]);
        assert_eq!(
            named("Stem cell therapy costs between $3,000 and $8,000.").0,
            ["stem cell therapy"]
        );
        assert_eq!(named("The effect of Botox lasts 3 months.").0, ["Botox"]);
        assert_eq!(
            named("We offer TMS and PRP at our Houston office.").0,
            ["TMS", "PRP"]
        );
        assert_eq!(
            named("Tirzepatide beat semaglutide's 15-17%.").0,
            ["tirzepatide", "semaglutide"]
        );
        assert_eq!(
            named("Oral appliance therapy provided a success rate of 42%.").0,
            ["oral appliance therapy"]
        );
        assert!(named("The treatment takes an hour.").0.is_empty());
        assert!(named("Call Dr. Ben at the Charleston office.").0.is_empty());
    }

    #[test]
    fn open_vocabulary_populations() {
        assert_eq!(
            named("TRD affects 30% of people with depression.").1,
            ["TRD", "depression"]
        );
        assert_eq!(
            named("It helps patients with treatment-resistant depression.").1,
            ["treatment-resistant depression"]
        );
        assert_eq!(
            named("Results for knee osteoarthritis were good.").1,
            ["knee osteoarthritis"]
        );
        assert_eq!(
            named("Around 50% of men over 80 have it.").1,
            ["men over 80"]
        );
        assert_eq!(
            named("It is approved for type 2 diabetes.").1,
            ["type 2 diabetes"]
        );
    }

    #[test]
    fn keys_group_forms_of_one_intervention() {
        assert_eq!(intervention_key("IV ketamine"), "ketamine");
        assert_eq!(intervention_key("ketamine infusions"), "ketamine");
        assert_eq!(intervention_key("Semaglutide"), "semaglutide");
        assert_eq!(intervention_key("stem cell therapy"), "stem cell");
        assert_eq!(intervention_key("TMS"), "tms");
    }
}
