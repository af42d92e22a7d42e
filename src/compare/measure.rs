//! Which measure a claim is about: its kind, its topic (the treatment, or for prevalence and
//! definitions the condition) and its unit family; and whether the article's word for the measure
//! is a synonym ("success rate" for response rate, "recovery" for remission).
//!
//! In: a [`Claim`] (kind, subject, sentence, quote, value) or the parts of a literature figure.
//! Out: a [`MeasureKey`], its stable key string and its human label. Pure string work: it reads
//! the subject that `quantity::subject` wrote (or a reviewer edited) rather than re-scanning the
//! sentence, so a hand-fixed subject in a claims file is respected.

use crate::model::{Claim, ClaimKind, Unit};

/// Treatments the figure scanner knows, in the spelling `quantity::subject` writes them.
/// Longest first so that "esketamine" is not read as "ketamine".
const TREATMENTS: &[&str] = &[
    "traditional antidepressants",
    "psychotherapy",
    "esketamine",
    "midazolam",
    "ketamine",
    "placebo",
    "ECT",
    "TMS",
];

/// Conditions the figure scanner knows, with their slug and short label. Longest first so that
/// "treatment-resistant depression" is not read as "depression".
const CONDITIONS: &[(&str, &str, &str)] = &[
    ("treatment-resistant depression", "trd", "TRD"),
    (
        "bipolar depression",
        "bipolar-depression",
        "bipolar depression",
    ),
    (
        "suicidal ideation",
        "suicidal-ideation",
        "suicidal ideation",
    ),
    ("depression", "depression", "depression"),
    ("anxiety", "anxiety", "anxiety"),
    ("PTSD", "ptsd", "PTSD"),
    ("TRD", "trd", "TRD"),
];

/// Words of a treatment's name that state its dose or form, not which treatment it is (the
/// intervention's own key already drops routes and heads such as "IV" and "injections").
const DOSE_FORM_WORDS: &[&str] = &[
    "mg", "mcg", "µg", "g", "ml", "iu", "units", "mg/kg", "dose", "doses", "spray", "sprays",
    "tablet", "tablets", "pill", "pills", "capsule", "capsules", "gel", "cream", "patch",
    "patches", "pen", "pens",
];

/// Units that can be set on one axis. Claims in different families are different measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Percent.
    Percent,
    /// Minutes to years, all converted to hours.
    Time,
    /// Counts.
    Count,
    /// Milligrams.
    Mg,
    /// Milligrams per kilogram.
    MgPerKg,
    /// "2 to 4 times".
    Fold,
    /// US dollars.
    Usd,
    /// Any other unit, on its own axis (kg, ng/dL, times/week…).
    Other(Unit),
}

impl Family {
    /// The family of a unit.
    pub fn of(unit: Unit) -> Family {
        match unit {
            Unit::Percent => Family::Percent,
            Unit::Minutes | Unit::Hours | Unit::Days | Unit::Weeks | Unit::Months | Unit::Years => {
                Family::Time
            }
            Unit::Count => Family::Count,
            Unit::Mg => Family::Mg,
            Unit::MgPerKg => Family::MgPerKg,
            Unit::Fold => Family::Fold,
            Unit::Usd => Family::Usd,
            other => Family::Other(other),
        }
    }

    /// The unit a measure of this family is plotted and summarized in.
    pub fn unit(self) -> Unit {
        match self {
            Family::Percent => Unit::Percent,
            Family::Time => Unit::Hours,
            Family::Count => Unit::Count,
            Family::Mg => Unit::Mg,
            Family::MgPerKg => Unit::MgPerKg,
            Family::Fold => Unit::Fold,
            Family::Usd => Unit::Usd,
            Family::Other(unit) => unit,
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Family::Percent => "percent",
            Family::Time => "time",
            Family::Count => "count",
            Family::Mg => "mg",
            Family::MgPerKg => "mg-kg",
            Family::Fold => "fold",
            Family::Usd => "usd",
            Family::Other(unit) => unit_slug(unit),
        }
    }

    /// The family a kind is normally stated in; a claim in another family gets a key suffix.
    fn usual(kind: ClaimKind) -> Option<Family> {
        match kind {
            ClaimKind::ResponseRate
            | ClaimKind::RemissionRate
            | ClaimKind::RelapseRate
            | ClaimKind::Prevalence
            | ClaimKind::OtherPercentage
            | ClaimKind::SuccessRate
            | ClaimKind::SideEffectRate
            | ClaimKind::WeightLoss => Some(Family::Percent),
            ClaimKind::OnsetTime
            | ClaimKind::EffectDuration
            | ClaimKind::SessionDuration
            | ClaimKind::RecoveryTime
            | ClaimKind::FollowUp => Some(Family::Time),
            ClaimKind::Price => Some(Family::Usd),
            ClaimKind::SampleSize | ClaimKind::DefinitionThreshold => Some(Family::Count),
            ClaimKind::Dose => Some(Family::MgPerKg),
            ClaimKind::TreatmentCourse | ClaimKind::Other => None,
        }
    }
}

/// A unit's name as a key segment: "ng-dl", "times-week".
fn unit_slug(unit: Unit) -> &'static str {
    match unit {
        Unit::Kg => "kg",
        Unit::Lb => "lb",
        Unit::LbPerWeek => "lb-week",
        Unit::KgPerWeek => "kg-week",
        Unit::NgPerDl => "ng-dl",
        Unit::MgPerDl => "mg-dl",
        Unit::Iu => "iu",
        Unit::Units => "units",
        Unit::Ml => "ml",
        Unit::Syringes => "syringes",
        Unit::Mm => "mm",
        Unit::Cm2 => "cm2",
        Unit::KgPerM2 => "kg-m2",
        Unit::EventsPerHour => "events-hour",
        Unit::PerDay => "times-day",
        Unit::PerWeek => "times-week",
        Unit::PerMonth => "times-month",
        Unit::PerYear => "times-year",
        _ => "other",
    }
}

/// What a measure is: kind, topic and unit family. Two claims with equal keys are compared.
///
/// Equality and order read the kind, the topic's key and the family; the topic's label (how it
/// is shown) is not part of the measure.
#[derive(Debug, Clone)]
pub struct MeasureKey {
    /// The kind of measure.
    pub kind: ClaimKind,
    /// The treatment (the condition for prevalence and definition thresholds); `None` when the
    /// claim names none.
    pub topic: Option<Topic>,
    /// The unit family.
    pub family: Family,
}

/// What a measure is about: any treatment or condition, not a list of known ones.
#[derive(Debug, Clone)]
pub struct Topic {
    /// What claims are grouped by: lower case, routes and forms dropped ("IV ketamine infusions"
    /// and "ketamine" are both `ketamine`).
    pub key: String,
    /// How it is shown: the key's words, acronyms in capitals ("TMS", "PRP").
    pub label: String,
}

impl MeasureKey {
    fn identity(&self) -> (ClaimKind, Option<&str>, Family) {
        (
            self.kind,
            self.topic.as_ref().map(|t| t.key.as_str()),
            self.family,
        )
    }
}

impl PartialEq for MeasureKey {
    fn eq(&self, other: &Self) -> bool {
        self.identity() == other.identity()
    }
}

impl Eq for MeasureKey {}

impl std::hash::Hash for MeasureKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.identity().hash(state);
    }
}

impl PartialOrd for MeasureKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MeasureKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.identity().cmp(&other.identity())
    }
}

impl MeasureKey {
    /// The key of a figure about `treatment` and `condition` (free text, any treatment or
    /// condition), stated in `unit`. This is how a literature figure found by
    /// `quantity::figures` in an abstract is keyed.
    pub fn new(
        kind: ClaimKind,
        treatment: Option<&str>,
        condition: Option<&str>,
        unit: Unit,
    ) -> MeasureKey {
        let topic = if by_condition(kind) {
            condition.and_then(condition_topic)
        } else {
            treatment.and_then(treatment_topic)
        };
        MeasureKey {
            kind,
            topic,
            family: Family::of(unit),
        }
    }

    /// The key of an article claim, with the article's synonym for the measure if it used one.
    /// The topic is the measure the claims file stores (the intervention, or the population for
    /// prevalence and definitions), which a reviewer may have corrected; a claim without one (a
    /// claims file written before measures were stored) falls back to the vocabulary's treatment
    /// or condition named in its subject.
    pub fn of_claim(claim: &Claim) -> (MeasureKey, Option<String>) {
        let (kind, synonym) = regroup(claim);
        let measure = &claim.measure;
        let topic = if by_condition(kind) {
            find_condition(&claim.subject)
                .map(|&(name, _, _)| vocabulary_topic(name))
                .or_else(|| measure.population.as_deref().and_then(condition_topic))
                .or_else(|| find_condition(&claim.sentence).map(|&(n, _, _)| vocabulary_topic(n)))
        } else {
            (measure.intervention.as_deref().and_then(treatment_topic))
                .or_else(|| find_treatment(&claim.subject).map(vocabulary_topic))
        };
        let key = MeasureKey {
            kind,
            topic,
            family: Family::of(claim.value.unit),
        };
        (key, synonym)
    }

    /// The stable key: `response_rate/ketamine`, `prevalence/trd`, `dose/esketamine/mg`.
    pub fn key(&self) -> String {
        let topic = self
            .topic
            .as_ref()
            .map_or_else(|| "unspecified".to_owned(), |t| slug(&t.key));
        let mut key = format!("{}/{topic}", self.kind.as_str());
        if Family::usual(self.kind) != Some(self.family) {
            key.push('/');
            key.push_str(self.family.slug());
        }
        key
    }

    /// The human label: "ketamine response rate", "onset of traditional antidepressants",
    /// "TRD prevalence".
    pub fn label(&self) -> String {
        let noun = match self.kind {
            ClaimKind::ResponseRate => "response rate",
            ClaimKind::RemissionRate => "remission rate",
            ClaimKind::RelapseRate => "relapse rate",
            ClaimKind::OnsetTime => "onset",
            ClaimKind::EffectDuration => "effect duration",
            ClaimKind::SessionDuration => "session length",
            ClaimKind::TreatmentCourse => "treatment course",
            ClaimKind::Dose => "dose",
            ClaimKind::SampleSize => "study sample size",
            ClaimKind::OtherPercentage => "other percentages",
            ClaimKind::Other => "other figures",
            ClaimKind::Prevalence => "prevalence",
            ClaimKind::DefinitionThreshold => "definition threshold",
            ClaimKind::WeightLoss => "weight loss",
            ClaimKind::SuccessRate => "success rate",
            ClaimKind::SideEffectRate => "side-effect rate",
            ClaimKind::Price => "price",
            ClaimKind::RecoveryTime => "recovery time",
            ClaimKind::FollowUp => "follow-up",
        };
        let topic = self.topic.as_ref().map(|t| t.label.as_str());
        let mut label = match (self.kind, topic) {
            (ClaimKind::Prevalence, Some(c)) => format!("{c} prevalence"),
            (ClaimKind::Prevalence, None) => "prevalence (condition unspecified)".to_owned(),
            // TRD is defined by how many treatments have failed.
            (ClaimKind::DefinitionThreshold, Some("TRD")) if self.family == Family::Count => {
                "failed treatments defining TRD".to_owned()
            }
            (ClaimKind::DefinitionThreshold, Some(c)) => format!("threshold defining {c}"),
            (ClaimKind::DefinitionThreshold, None) => {
                "definition threshold (condition unspecified)".to_owned()
            }
            (ClaimKind::OtherPercentage | ClaimKind::Other, Some(t)) => format!("{noun} about {t}"),
            (_, None) => format!("{noun} (treatment unspecified)"),
            // "ketamine onset" but "onset of traditional antidepressants": a treatment of several
            // words reads better after the noun.
            (_, Some(t)) if t.contains(' ') => format!("{noun} of {t}"),
            (_, Some(t)) => format!("{t} {noun}"),
        };
        if Family::usual(self.kind) != Some(self.family) {
            label.push_str(&format!(" ({})", self.family.unit().as_str()));
        }
        label
    }
}

/// The measure a claim is about: its stable key and its human label.
pub fn measure_of(claim: &Claim) -> (String, String) {
    let (key, _) = MeasureKey::of_claim(claim);
    (key.key(), key.label())
}

/// Prevalence and definitions are about a condition, every other kind about a treatment.
fn by_condition(kind: ClaimKind) -> bool {
    matches!(kind, ClaimKind::Prevalence | ClaimKind::DefinitionThreshold)
}

/// A vocabulary treatment or condition as a topic: a condition keyed by its slug ("trd") and
/// shown with its label ("TRD"), a treatment by its name.
fn vocabulary_topic(name: &str) -> Topic {
    match CONDITIONS
        .iter()
        .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
    {
        Some(&(_, slug, label)) => Topic {
            key: slug.to_owned(),
            label: label.to_owned(),
        },
        None => Topic {
            key: name.to_lowercase(),
            label: name.to_owned(),
        },
    }
}

/// The topic of a treatment named in free text: the intervention's grouping key
/// ([`intervention_key`](crate::quantity::intervention_key)), so any drug, device or procedure
/// is a measure of its own and "IV ketamine" is "ketamine".
fn treatment_topic(text: &str) -> Option<Topic> {
    let words = crate::quantity::intervention_key(text);
    // An arm's dose, the drug's form and its salt are not another treatment: "semaglutide
    // 2.4 mg", "esketamine nasal spray" and "ketamine hydrochloride" are semaglutide, esketamine
    // and ketamine.
    let kept: Vec<&str> = words
        .split(' ')
        .filter(|w| !w.starts_with(|c: char| c.is_ascii_digit() || c == '.'))
        .filter(|w| !DOSE_FORM_WORDS.contains(w) && !crate::quantity::is_salt_word(w))
        .collect();
    let key = if kept.is_empty() {
        words.clone()
    } else {
        kept.join(" ")
    };
    (!key.is_empty()).then(|| Topic {
        label: shown(&key, text),
        key,
    })
}

/// The topic of a condition or population named in free text: a vocabulary condition by its
/// slug ("TRD" and "treatment-resistant depression" are one), any other by its words.
fn condition_topic(text: &str) -> Option<Topic> {
    if let Some(&(name, _, _)) = find_condition(text) {
        return Some(vocabulary_topic(name));
    }
    let key = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    (!key.is_empty()).then(|| Topic {
        label: shown(&key, text),
        key,
    })
}

/// The words of `key` as `original` writes them when they are in capitals ("TMS", "PRP", the
/// "T" of "low T"), in lower case otherwise ("Semaglutide" at the start of a sentence is "semaglutide").
fn shown(key: &str, original: &str) -> String {
    let acronym =
        |o: &&str| o.chars().all(|c| !c.is_lowercase()) && o.chars().any(char::is_uppercase);
    key.split(' ')
        .map(|w| {
            original
                .split(|c: char| !c.is_alphanumeric() && c != '+')
                .find(|o| o.eq_ignore_ascii_case(w))
                .filter(acronym)
                .map_or_else(|| w.to_owned(), str::to_owned)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn slug(s: &str) -> String {
    // "NAD+" is `nad-plus`, not `nad-`.
    s.replace('+', "-plus")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The first vocabulary treatment named in `text`, as a whole word, in any case.
fn find_treatment(text: &str) -> Option<&'static str> {
    TREATMENTS
        .iter()
        .copied()
        .filter_map(|t| find_word(text, t).map(|at| (at, t)))
        .min_by_key(|&(at, t)| (at, std::cmp::Reverse(t.len())))
        .map(|(_, t)| t)
}

/// The most specific vocabulary condition named in `text`.
fn find_condition(text: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let found = CONDITIONS
        .iter()
        .find(|(name, _, _)| find_word(text, name).is_some())?;
    // "TRD" is an abbreviation: key it as the name the scanner writes.
    if found.0 == "TRD" {
        CONDITIONS.first()
    } else {
        Some(found)
    }
}

/// Byte offset of `word` in `text` as a whole word (ASCII case-insensitive).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let hay = text.as_bytes();
    let needle = word.as_bytes();
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    (0..=hay.len() - needle.len()).find(|&i| {
        hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
            && (i == 0 || !is_word(hay[i - 1]))
            && hay.get(i + needle.len()).is_none_or(|&b| !is_word(b))
    })
}

/// The outcome an outcome word names: response (and its synonyms) or remission (and its).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Response,
    Remission,
}

/// How far (in bytes) from the quote an outcome word may be for an "other percentage" to be
/// regrouped under it: about one clause.
const REGROUP_REACH: usize = 60;

/// The kind a claim is grouped under, and the synonym that put it there.
///
/// Response and remission claims keep their kind; their synonym is the nearest word of their
/// family when that word is not the measure's own ("success rate", not "respond"). A claim the
/// scanner could only call "other percentage" is regrouped when an outcome word the scanner does
/// not know ("recovery", "symptom-free") sits next to it.
fn regroup(claim: &Claim) -> (ClaimKind, Option<String>) {
    let words = outcome_words(&claim.sentence, &claim.quote);
    let nearest = |family: Option<Outcome>| {
        words
            .iter()
            .filter(|w| family.is_none_or(|f| w.family == f))
            .min_by_key(|w| (w.distance, w.synonym.is_some()))
    };
    match claim.kind {
        ClaimKind::ResponseRate => (
            claim.kind,
            nearest(Some(Outcome::Response)).and_then(|w| w.synonym.clone()),
        ),
        ClaimKind::RemissionRate => (
            claim.kind,
            nearest(Some(Outcome::Remission)).and_then(|w| w.synonym.clone()),
        ),
        ClaimKind::OtherPercentage => match nearest(None) {
            Some(w) if w.distance <= REGROUP_REACH => {
                let kind = match w.family {
                    Outcome::Response => ClaimKind::ResponseRate,
                    Outcome::Remission => ClaimKind::RemissionRate,
                };
                (kind, w.synonym.clone())
            }
            _ => (claim.kind, None),
        },
        kind => (kind, None),
    }
}

/// An outcome word in a sentence.
#[derive(Debug)]
struct OutcomeWord {
    family: Outcome,
    /// The article's wording when it is a synonym; `None` for the measure's own word.
    synonym: Option<String>,
    /// Bytes between the word and the quote (0 inside it).
    distance: usize,
}

/// Every outcome word in `sentence`, with its distance from `quote`.
fn outcome_words(sentence: &str, quote: &str) -> Vec<OutcomeWord> {
    // ASCII lower-casing keeps byte offsets, so positions in `lower` are positions in `sentence`.
    let lower = sentence.to_ascii_lowercase();
    let quote_range = lower
        .find(&quote.to_ascii_lowercase())
        .map(|at| at..at + quote.len());
    let words = word_spans(&lower);
    let mut out = Vec::new();
    for (i, &(start, end)) in words.iter().enumerate() {
        let Some(w) = lower.get(start..end) else {
            continue;
        };
        let next = words
            .get(i + 1)
            .and_then(|&(s, e)| lower.get(s..e))
            .unwrap_or("");
        let found = match w {
            _ if w.starts_with("respon") => Some((Outcome::Response, None)),
            "success" | "successful" if next == "rate" || next == "rates" => {
                Some((Outcome::Response, Some("success rate")))
            }
            "success" => Some((Outcome::Response, Some("success"))),
            "relief" | "relieved" | "relieves" => Some((Outcome::Response, Some("relief"))),
            "improvement" | "improvements" | "improve" | "improved" | "improves" => {
                Some((Outcome::Response, Some("improvement")))
            }
            "effective" => Some((Outcome::Response, Some("effective"))),
            "effectiveness" | "efficacy" => Some((Outcome::Response, Some("effectiveness"))),
            _ if w.starts_with("remission") || w.starts_with("remit") => {
                Some((Outcome::Remission, None))
            }
            "recovery" | "recover" | "recovered" | "recovers" => {
                Some((Outcome::Remission, Some("recovery")))
            }
            "symptom-free" | "symptom free" => Some((Outcome::Remission, Some("symptom-free"))),
            "symptom" | "symptoms" if next == "free" => {
                Some((Outcome::Remission, Some("symptom-free")))
            }
            _ => None,
        };
        if let Some((family, synonym)) = found {
            let distance = match &quote_range {
                Some(q) if end <= q.start => q.start - end,
                Some(q) if start >= q.end => start - q.end,
                Some(_) => 0,
                None => 0,
            };
            out.push(OutcomeWord {
                family,
                synonym: synonym.map(str::to_owned),
                distance,
            });
        }
    }
    out
}

/// Byte ranges of the words of `text`: letters, digits and inner hyphens.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inner_hyphen = c == '-' && start.is_some();
        if c.is_alphanumeric() || inner_hyphen {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    // A trailing hyphen ("short- and long-term") is not part of the word.
    for span in &mut out {
        while span.1 > span.0 && text.as_bytes().get(span.1 - 1) == Some(&b'-') {
            span.1 -= 1;
        }
    }
    out
}

/// The study design named by a record's publication types: the most specific of meta-analysis,
/// systematic review, randomized controlled trial, clinical trial, observational study, review;
/// else the first type, else "Journal Article".
pub fn design_of(publication_types: &[String]) -> String {
    const RANKED: &[&str] = &[
        "Meta-Analysis",
        "Systematic Review",
        "Randomized Controlled Trial",
        "Controlled Clinical Trial",
        "Clinical Trial, Phase III",
        "Clinical Trial, Phase II",
        "Clinical Trial",
        "Observational Study",
        "Multicenter Study",
        "Review",
    ];
    RANKED
        .iter()
        .find(|r| publication_types.iter().any(|t| t.eq_ignore_ascii_case(r)))
        .map(|r| (*r).to_owned())
        .or_else(|| publication_types.first().cloned())
        .unwrap_or_else(|| "Journal Article".to_owned())
}

/// An esearch term for literature candidates about a measure that no article sources: its topic
/// and outcome words, restricted to RCTs, meta-analyses and systematic reviews. `None` when the
/// measure names no topic (a search for "response rate" alone would be noise).
pub fn esearch_term(key: &MeasureKey) -> Option<String> {
    let topic = key.topic.as_ref()?;
    let outcome = match key.kind {
        ClaimKind::ResponseRate => "(response OR responders)",
        ClaimKind::RemissionRate => "remission",
        ClaimKind::RelapseRate => "(relapse OR recurrence)",
        ClaimKind::OnsetTime => "(onset OR rapid)",
        ClaimKind::Prevalence => "(prevalence OR epidemiology)",
        ClaimKind::EffectDuration => "(duration OR sustained OR durability)",
        ClaimKind::Dose => "dose",
        ClaimKind::WeightLoss => "(weight loss OR body weight)",
        ClaimKind::SuccessRate => "success",
        ClaimKind::SideEffectRate => "(adverse events OR side effects)",
        ClaimKind::SessionDuration
        | ClaimKind::Price
        | ClaimKind::RecoveryTime
        | ClaimKind::FollowUp
        | ClaimKind::TreatmentCourse
        | ClaimKind::SampleSize
        | ClaimKind::DefinitionThreshold
        | ClaimKind::OtherPercentage
        | ClaimKind::Other => return None,
    };
    let topic = if by_condition(key.kind) {
        condition_search(&topic.key)
    } else {
        format!("\"{}\"", topic.key)
    };
    Some(format!(
        "{topic} AND {outcome} AND (\"randomized controlled trial\"[pt] OR \"meta-analysis\"[pt] \
         OR \"systematic review\"[pt])"
    ))
}

fn condition_search(name: &str) -> String {
    match name {
        "trd" => {
            "(\"treatment-resistant depression\" OR \"Depressive Disorder, Treatment-Resistant\"[mh])"
                .to_owned()
        }
        other => format!("\"{other}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Value};
    use crate::quantity::subject;

    fn claim(kind: ClaimKind, subject: &str, sentence: &str, quote: &str, unit: Unit) -> Claim {
        Claim {
            id: "c".to_owned(),
            measure: Default::default(),
            scope: Default::default(),
            kind,
            value: Value::point(50.0, unit),
            subject: subject.to_owned(),
            quote: quote.to_owned(),
            sentence: sentence.to_owned(),
            location: Location {
                line: 1,
                column: 1,
                start: 0,
                end: 1,
            },
            sources: Vec::new(),
            ..Claim::default()
        }
    }

    fn of(kind: ClaimKind, t: Option<&str>, c: Option<&str>, unit: Unit) -> (String, String) {
        let s = subject(kind, t, c);
        measure_of(&claim(kind, &s, "", "", unit))
    }

    #[test]
    fn measure_of_recovers_treatment_and_condition_from_the_subject() {
        let trd = Some("treatment-resistant depression");
        assert_eq!(
            of(
                ClaimKind::ResponseRate,
                Some("ketamine"),
                trd,
                Unit::Percent
            ),
            (
                "response_rate/ketamine".to_owned(),
                "ketamine response rate".to_owned()
            )
        );
        assert_eq!(
            of(ClaimKind::OnsetTime, Some("ketamine"), None, Unit::Hours),
            (
                "onset_time/ketamine".to_owned(),
                "ketamine onset".to_owned()
            )
        );
        assert_eq!(
            of(
                ClaimKind::OnsetTime,
                Some("traditional antidepressants"),
                None,
                Unit::Weeks
            ),
            (
                "onset_time/traditional-antidepressants".to_owned(),
                "onset of traditional antidepressants".to_owned()
            )
        );
        assert_eq!(
            of(ClaimKind::Prevalence, None, trd, Unit::Percent),
            ("prevalence/trd".to_owned(), "TRD prevalence".to_owned())
        );
        assert_eq!(
            of(
                ClaimKind::RemissionRate,
                Some("esketamine"),
                None,
                Unit::Percent
            )
            .0,
            "remission_rate/esketamine"
        );
        assert_eq!(
            of(ClaimKind::ResponseRate, Some("ECT"), None, Unit::Percent),
            (
                "response_rate/ect".to_owned(),
                "ECT response rate".to_owned()
            )
        );
        assert_eq!(
            of(ClaimKind::ResponseRate, None, None, Unit::Percent),
            (
                "response_rate/unspecified".to_owned(),
                "response rate (treatment unspecified)".to_owned()
            )
        );
        assert_eq!(
            of(ClaimKind::Dose, Some("esketamine"), None, Unit::Mg),
            (
                "dose/esketamine/mg".to_owned(),
                "esketamine dose (mg)".to_owned()
            )
        );
        assert_eq!(
            of(ClaimKind::DefinitionThreshold, None, trd, Unit::Count).1,
            "failed treatments defining TRD"
        );
    }

    #[test]
    fn a_hand_written_subject_is_read_by_words() {
        let c = claim(
            ClaimKind::ResponseRate,
            "Ketamine infusion response rate",
            "",
            "",
            Unit::Percent,
        );
        assert_eq!(measure_of(&c).0, "response_rate/ketamine");
        // "esketamine" is not "ketamine"; "ketamine-assisted" is not either.
        let c = claim(
            ClaimKind::ResponseRate,
            "esketamine nasal spray response rate",
            "",
            "",
            Unit::Percent,
        );
        assert_eq!(measure_of(&c).0, "response_rate/esketamine");
    }

    #[test]
    fn time_units_share_one_measure() {
        let hours = of(ClaimKind::OnsetTime, Some("ketamine"), None, Unit::Hours);
        let days = of(ClaimKind::OnsetTime, Some("ketamine"), None, Unit::Days);
        assert_eq!(hours, days);
    }

    #[test]
    fn synonyms_are_detected_near_the_quote() {
        let s = subject(ClaimKind::ResponseRate, Some("ketamine"), None);
        let cases = [
            (
                "Ketamine has a success rate of 70%.",
                "70%",
                Some("success rate"),
            ),
            (
                "Up to 70% of patients feel relief with ketamine.",
                "Up to 70%",
                Some("relief"),
            ),
            (
                "Ketamine is effective for 60% of patients.",
                "60%",
                Some("effective"),
            ),
            (
                "About 65% report improvement after ketamine.",
                "About 65%",
                Some("improvement"),
            ),
            (
                "About 65% of patients respond to ketamine.",
                "About 65%",
                None,
            ),
            // The nearest word wins: "respond" is next to the number, "relief" is far away.
            (
                "For relief that lasts, ketamine works: 70% respond within a day.",
                "70%",
                None,
            ),
        ];
        for (sentence, quote, want) in cases {
            let c = claim(ClaimKind::ResponseRate, &s, sentence, quote, Unit::Percent);
            let (key, synonym) = MeasureKey::of_claim(&c);
            assert_eq!(key.kind, ClaimKind::ResponseRate);
            assert_eq!(synonym.as_deref(), want, "{sentence}");
        }
    }

    #[test]
    fn recovery_regroups_an_other_percentage_under_remission() {
        let s = subject(ClaimKind::OtherPercentage, Some("ketamine"), None);
        let c = claim(
            ClaimKind::OtherPercentage,
            &s,
            "With ketamine, 40% achieve full recovery.",
            "40%",
            Unit::Percent,
        );
        let (key, synonym) = MeasureKey::of_claim(&c);
        assert_eq!(key.key(), "remission_rate/ketamine");
        assert_eq!(synonym.as_deref(), Some("recovery"));
        let c = claim(
            ClaimKind::RemissionRate,
            &subject(ClaimKind::RemissionRate, Some("ketamine"), None),
            "After ketamine, 30% were symptom-free.",
            "30%",
            Unit::Percent,
        );
        assert_eq!(MeasureKey::of_claim(&c).1.as_deref(), Some("symptom-free"));
        // An other percentage with no outcome word stays where it is.
        let c = claim(
            ClaimKind::OtherPercentage,
            &s,
            "About 40% of clinics offer ketamine.",
            "About 40%",
            Unit::Percent,
        );
        assert_eq!(MeasureKey::of_claim(&c).0.kind, ClaimKind::OtherPercentage);
    }

    #[test]
    fn literature_keys_match_claim_keys() {
        let claim_key = MeasureKey::of_claim(&claim(
            ClaimKind::ResponseRate,
            &subject(
                ClaimKind::ResponseRate,
                Some("ketamine"),
                Some("depression"),
            ),
            "",
            "",
            Unit::Percent,
        ))
        .0;
        let fig_key = MeasureKey::new(
            ClaimKind::ResponseRate,
            Some("ketamine"),
            Some("treatment-resistant depression"),
            Unit::Percent,
        );
        assert_eq!(claim_key, fig_key);
        assert_eq!(
            MeasureKey::new(ClaimKind::Prevalence, None, Some("TRD"), Unit::Percent),
            MeasureKey::new(
                ClaimKind::Prevalence,
                None,
                Some("treatment-resistant depression"),
                Unit::Percent
            )
        );
    }

    /// A claim whose claims file stores its measure, as `extract` writes it.
    fn measured(
        kind: ClaimKind,
        intervention: Option<&str>,
        population: Option<&str>,
        unit: Unit,
    ) -> Claim {
        let mut c = claim(kind, "", "", "", unit);
        c.measure.intervention = intervention.map(str::to_owned);
        c.measure.population = population.map(str::to_owned);
        c
    }

    #[test]
    fn any_treatment_is_a_measure_of_its_own() {
        let key = |t: &str| {
            measure_of(&measured(
                ClaimKind::WeightLoss,
                Some(t),
                None,
                Unit::Percent,
            ))
        };
        // Two GLP-1 drugs are two measures, never one plot.
        assert_eq!(key("semaglutide").0, "weight_loss/semaglutide");
        assert_eq!(key("tirzepatide").0, "weight_loss/tirzepatide");
        assert_eq!(key("semaglutide").1, "semaglutide weight loss");
        // Routes, forms and case do not make a new measure.
        assert_eq!(key("Semaglutide injections").0, "weight_loss/semaglutide");
        assert_eq!(key("compounded semaglutide").0, "weight_loss/semaglutide");
        // Acronyms keep their capitals in the label, not in the key.
        let tms = measure_of(&measured(
            ClaimKind::ResponseRate,
            Some("TMS therapy"),
            None,
            Unit::Percent,
        ));
        assert_eq!(
            tms,
            (
                "response_rate/tms".to_owned(),
                "TMS response rate".to_owned()
            )
        );
        let prp = measure_of(&measured(
            ClaimKind::SuccessRate,
            Some("PRP injections"),
            None,
            Unit::Percent,
        ));
        assert_eq!(prp.1, "PRP success rate");
        // A claim that names no treatment stays unspecified.
        assert_eq!(
            measure_of(&measured(ClaimKind::Price, None, None, Unit::Usd)).0,
            "price/unspecified"
        );
    }

    #[test]
    fn the_stored_measure_wins_over_the_subject() {
        // A reviewer corrected the intervention; the subject still names ketamine.
        let mut c = claim(
            ClaimKind::ResponseRate,
            "ketamine response rate",
            "",
            "",
            Unit::Percent,
        );
        c.measure.intervention = Some("esketamine nasal spray".to_owned());
        assert_eq!(measure_of(&c).0, "response_rate/esketamine");
    }

    #[test]
    fn thresholds_name_their_own_condition() {
        let threshold = |p: &str, unit| {
            measure_of(&measured(
                ClaimKind::DefinitionThreshold,
                None,
                Some(p),
                unit,
            ))
        };
        let apnea = threshold("obstructive sleep apnea", Unit::EventsPerHour);
        assert_eq!(
            apnea.0,
            "definition_threshold/obstructive-sleep-apnea/events-hour"
        );
        assert_eq!(
            apnea.1,
            "threshold defining obstructive sleep apnea (events/hour)"
        );
        let low_t = threshold("low testosterone", Unit::NgPerDl);
        assert!(!low_t.1.contains("TRD"), "{}", low_t.1);
        // TRD's definition counts failed treatments.
        assert_eq!(
            threshold("treatment-resistant depression", Unit::Count).1,
            "failed treatments defining TRD"
        );
        assert_eq!(
            measure_of(&measured(
                ClaimKind::DefinitionThreshold,
                None,
                None,
                Unit::Count
            ))
            .1,
            "definition threshold (condition unspecified)"
        );
        // Prevalence too: any population, the vocabulary's conditions by their short names.
        let prevalence = |p: &str| {
            measure_of(&measured(
                ClaimKind::Prevalence,
                None,
                Some(p),
                Unit::Percent,
            ))
        };
        assert_eq!(
            prevalence("adults with PCOS").1,
            "adults with PCOS prevalence"
        );
        assert_eq!(prevalence("people with TRD").0, "prevalence/trd");
        assert_eq!(prevalence("men with low T").1, "men with low T prevalence");
        let nad = measure_of(&measured(
            ClaimKind::Dose,
            Some("NAD+ IV therapy"),
            None,
            Unit::Mg,
        ));
        assert_eq!(
            nad,
            ("dose/nad-plus/mg".to_owned(), "NAD+ dose (mg)".to_owned())
        );
    }

    #[test]
    fn literature_keys_match_claims_in_any_treatment_area() {
        let claim_key = MeasureKey::of_claim(&measured(
            ClaimKind::WeightLoss,
            Some("Semaglutide"),
            None,
            Unit::Percent,
        ))
        .0;
        let figure = |t| MeasureKey::new(ClaimKind::WeightLoss, Some(t), None, Unit::Percent);
        assert_eq!(claim_key, figure("semaglutide 2.4 mg"));
        assert_eq!(claim_key, figure("once-weekly subcutaneous semaglutide"));
        assert_eq!(claim_key, figure("semaglutide sodium"));
        let ketamine = MeasureKey::new(ClaimKind::Dose, Some("ketamine"), None, Unit::MgPerKg);
        let salt = MeasureKey::new(
            ClaimKind::Dose,
            Some("ketamine hydrochloride"),
            None,
            Unit::MgPerKg,
        );
        assert_eq!(ketamine, salt);
        assert_ne!(claim_key, figure("tirzepatide"));
        assert_ne!(claim_key, figure("placebo"));
    }

    #[test]
    fn design_prefers_the_most_specific_type() {
        let types = |ts: &[&str]| ts.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            design_of(&types(&["Journal Article", "Randomized Controlled Trial"])),
            "Randomized Controlled Trial"
        );
        assert_eq!(
            design_of(&types(&["Review", "Meta-Analysis", "Systematic Review"])),
            "Meta-Analysis"
        );
        assert_eq!(design_of(&types(&["Letter"])), "Letter");
        assert_eq!(design_of(&[]), "Journal Article");
    }

    #[test]
    fn esearch_term_restricts_designs() {
        let key = MeasureKey::new(
            ClaimKind::ResponseRate,
            Some("ketamine"),
            None,
            Unit::Percent,
        );
        let term = esearch_term(&key).unwrap();
        assert!(term.starts_with("\"ketamine\" AND (response OR responders) AND"));
        assert!(term.contains("\"meta-analysis\"[pt]"));
        let untopical = MeasureKey::new(ClaimKind::ResponseRate, None, None, Unit::Percent);
        assert_eq!(esearch_term(&untopical), None);
    }
}
