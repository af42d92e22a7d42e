//! How relevant an abstract figure is to a claim: scored on the claim's stored measure (kind,
//! unit, intervention arm, outcome, threshold, population, time point), never on whether the
//! numbers agree.
//!
//! A figure is **excluded** when it measures something else: another unit family, an unrelated
//! kind, a control arm for a claim about the treatment (or the treatment for a claim about the
//! control), another active arm, another time point, another responder threshold, another sex,
//! or a role that is not a result (a Methods threshold, a confidence interval, a baseline value
//! for a claim about outcomes). Otherwise it scores points for every part of the measure it
//! shares, so that the figure that states the claim's own measure wins.

use std::ops::Range;

use super::clause::Clause;
use super::dose::{self, Wanted};
use super::reader::{Reading, RecordIndex, Role, Section};
use super::text;
use super::vocab::{self, Stage};
use crate::model::identity::Context;
use crate::model::{Bound, Claim, ClaimKind, ReviewStatus, Unit, Value};
use crate::quantity;

/// What a claim measures, from its stored fields (a reviewer may have corrected them).
#[derive(Debug, Clone)]
pub struct Target {
    /// The kind.
    pub kind: ClaimKind,
    /// The claimed value.
    pub value: Value,
    /// Canonical words naming the intervention (brands as their generic names).
    pub intervention: Vec<String>,
    /// The intervention as written, for acronyms ("TMS" for "transcranial magnetic stimulation").
    pub intervention_text: String,
    /// The intervention is the page's main one, not named in the claim's own sentence (and
    /// not set by a reviewer): a record that does not name it may still be the study the
    /// sentence reports.
    pub intervention_from_page: bool,
    /// When the stored outcome is only the kind's default name ("response") and the sentence's
    /// words were added to it: that name's words, which a figure of a loose kind must share.
    pub kind_words: Vec<String>,
    /// The claim is about a control arm ("vs 34% placebo").
    pub control: bool,
    /// Canonical outcome words.
    pub outcome: Vec<String>,
    /// The responder threshold the outcome names ("lost ≥5% of body weight": ≥5%).
    pub threshold: Option<Value>,
    /// "female" or "male" when the population is one sex.
    pub sex: Option<&'static str>,
    /// Canonical words of the population ("patients in stable remission").
    pub population: Vec<String>,
    /// The time point.
    pub time_point: Option<Value>,
    /// The kinds of session a count of sessions names ("two booster sessions"), if any.
    pub session_kinds: Vec<&'static str>,
    /// The named phase the claim's time is the length of ([`vocab::phase_of`]).
    pub phase: Vec<&'static str>,
    /// The claim's figure is the responder threshold of a share in its sentence ("69% of
    /// patients lost 15% or more": the 15%); no figure of an abstract states it as a result.
    pub share_threshold: bool,
    /// The claim's sentence states a gap between arms ("6 points more than placebo").
    pub difference: bool,
    /// The claim counts days ("8 to 9 headache days", "9.2 fewer headache days"): no length of
    /// a phase, a course or a follow-up states it.
    pub counted_days: bool,

    /// The claim's figure is an average ("an average loss of 15.2%"), not a share of people.
    pub average: bool,
    /// The dose the claim is about ("patients on the 5 mg dose", "the highest dose").
    pub dose: Option<Wanted>,
    /// For a count of people: whether the claim's sentence ties it to a study ("a trial of 120
    /// women"), not a clinic's own tally ("we have treated about 300 people").
    pub study: bool,
    /// Canonical words of the subgroup the claim confines its figure to ("in the Physical
    /// Function Trial alone"): a figure must be stated for that subgroup.
    pub subgroup: Vec<String>,
    /// For a time: a length, a gap between repeats ("repeated every 12 weeks") or an age.
    pub time_sort: TimeSort,
    /// For a count of people: the state it counts them in ("297 adults in remission"), sorted;
    /// empty for a count of everyone.
    pub states: Vec<&'static str>,
}

impl Target {
    /// The target of `claim`, from its measure (or, for a claims file without one, its subject).
    pub fn of(claim: &Claim) -> Target {
        let m = &claim.measure;
        // The claim's own sentence fills what the stored measure leaves out.
        let occurrence = Context::parse(&claim.context).occurrence;
        let clause = Clause::of(&claim.sentence, &claim.quote, occurrence);
        let intervention_text = arm_text(claim, clause.as_ref());
        let intervention = intervention_words(&intervention_text);
        let outcome_text = m.outcome.clone().unwrap_or_default();
        let mut outcome: Vec<String> = text::content_words(&outcome_text);
        // A response rate's outcome is "response" when its sentence names none: the sentence's
        // words ("saw at least a 1-grade improvement") then tell its measure apart. (Counts and
        // times keep their kind's name: their sentences' words are about the study.)
        // A prevalence or a threshold is about a condition: its sentence's words describe the
        // people, not a measure of the treatment.
        let share = claim.value.unit == Unit::Percent
            && !matches!(
                claim.kind,
                ClaimKind::Prevalence | ClaimKind::DefinitionThreshold
            );
        let by_default = share && quantity::is_default_outcome(claim.kind, &outcome_text);
        let kind_words = if by_default {
            outcome.clone()
        } else {
            Vec::new()
        };
        if outcome.is_empty() || by_default {
            let mut own = clause
                .as_ref()
                .map(Clause::outcome_words)
                .unwrap_or_default();
            own.retain(|w| !intervention.contains(w) && !outcome.contains(w));
            // "dropped by 3.5 points after serum": the words after the figure named only its
            // arm (and the quote its unit); those before it say what was measured.
            let quoted = text::content_words(&claim.quote);
            let only_quoted = own.iter().all(|w| quoted.contains(w));
            outcome.append(&mut own);
            if only_quoted {
                let before = clause
                    .as_ref()
                    .map(Clause::words_before)
                    .unwrap_or_default();
                for w in before {
                    if !intervention.contains(&w) && !outcome.contains(&w) {
                        outcome.push(w);
                    }
                }
            }
        }
        // "22 trials", "12 RCTs": a count of studies measures studies, whatever outcome the
        // measure names.
        if claim.value.unit == Unit::Count {
            for w in text::content_words(&claim.quote) {
                if w == "study" && !outcome.contains(&w) {
                    outcome.push(w);
                }
            }
        }
        outcome.retain(|w| vocab::time_unit_hours(w).is_none());
        let threshold = threshold_in(&outcome_text).or_else(|| {
            clause
                .as_ref()
                .filter(|_| share)
                .and_then(Clause::threshold)
        });
        let population = m.population.clone().unwrap_or_default();
        // "122 women": the quote's own noun says whom it counts.
        let sex = text::content_words(&format!("{population} {}", claim.quote))
            .into_iter()
            .find_map(|w| match w.as_str() {
                "female" => Some("female"),
                "male" => Some("male"),
                _ => None,
            });
        // Where the quote stands in its sentence: its N-th occurrence, as the claim's context
        // records it ("a 4-week screening phase, a 4-week induction phase").
        let occurrence = Context::parse(&claim.context).occurrence as usize;
        let quote_at = claim
            .sentence
            .match_indices(claim.quote.as_str())
            .nth(occurrence.saturating_sub(1))
            .or_else(|| claim.sentence.match_indices(claim.quote.as_str()).next())
            .map(|(at, _)| at);
        Target {
            kind: claim.kind,
            value: claim.value.clone(),
            control: super::reader::is_control_phrase(&intervention_text),
            share_threshold: claim.kind != ClaimKind::DefinitionThreshold
                && clause.as_ref().is_some_and(Clause::is_share_threshold),
            difference: clause.as_ref().is_some_and(Clause::speaks_of_difference),
            counted_days: claim.value.unit.hours().is_some() && quantity::counts_days(&claim.quote),
            average: clause.as_ref().is_some_and(Clause::is_average),
            dose: clause.as_ref().and_then(Clause::dose),
            intervention_from_page: !intervention_text.is_empty()
                && !claim.sentence.is_empty()
                && claim.status == ReviewStatus::Unreviewed
                && !claim
                    .sentence
                    .to_lowercase()
                    .contains(&intervention_text.to_lowercase()),
            intervention,
            intervention_text,
            kind_words,
            outcome,
            threshold,
            sex,
            population: text::content_words(&population),
            time_point: m.time_point.clone().or_else(|| {
                // A length of time ("a 12-week course") has no time point of its own;
                // "8.7 fewer headache days" does.
                let length = matches!(
                    claim.kind,
                    ClaimKind::FollowUp
                        | ClaimKind::OnsetTime
                        | ClaimKind::TreatmentCourse
                        | ClaimKind::EffectDuration
                        | ClaimKind::SessionDuration
                );
                clause
                    .as_ref()
                    .filter(|_| !length)
                    .and_then(Clause::time_point)
            }),
            // Only a count of people asks (and reading the whole sentence costs).
            study: claim.kind != ClaimKind::SampleSize
                || clause.as_ref().is_none_or(Clause::names_study),
            subgroup: clause.as_ref().map(Clause::subgroup).unwrap_or_default(),
            states: match quote_at {
                Some(at) if claim.kind == ClaimKind::SampleSize => {
                    vocab::person_states_after(&claim.sentence[at + claim.quote.len()..])
                }
                _ => Vec::new(),
            },
            // An age the extractor (or a reviewer) named as one is an age, however its
            // sentence words it ("the average age of the patients was 46 years").
            time_sort: match quote_at {
                _ if m.outcome.as_deref() == Some(quantity::AGE) => TimeSort::Age,
                Some(at) => TimeSort::of(&claim.sentence, at..at + claim.quote.len()),
                None => TimeSort::of(&claim.quote, 0..claim.quote.len()),
            },
            phase: quote_at.map_or_else(Vec::new, |at| {
                vocab::phase_of(&claim.sentence[at + claim.quote.len()..])
            }),
            session_kinds: vocab::session_kinds(
                &clause
                    .as_ref()
                    .map_or_else(|| claim.quote.clone(), Clause::own_phrase),
            ),
        }
    }
}

/// The arm a claim is about: the one its figure's own words name ("17.6% of the quetiapine
/// group", "vs 34% placebo"), else the stored intervention, unless the figure is set against
/// that very control in its clause ("34% lost ≥10% (vs 15% placebo)"); then the comparator,
/// or none (the study's treatment).
fn arm_text(claim: &Claim, clause: Option<&Clause>) -> String {
    let m = &claim.measure;
    if let Some(own) = clause.and_then(Clause::own_arm) {
        return own;
    }
    let stored = m
        .intervention
        .clone()
        .or_else(|| {
            quantity::names(&claim.subject)
                .interventions
                .into_iter()
                .next()
        })
        .unwrap_or_default();
    let is_control = super::reader::is_control_phrase;
    // "a gain of 46% over placebo": a gap stated against the control is the treatment's; so is
    // a figure its own sentence gives at a dose ("fell by 15 points with the 28 mg dose"),
    // whatever arm the page named before it: a control has no dose.
    let against_control = |c: &Clause| {
        c.compared_with_control()
            || c.speaks_of_difference()
            || (c.dose().is_some() && c.own_arm().is_none())
    };
    if is_control(&stored) && clause.is_some_and(against_control) {
        return m
            .comparator
            .clone()
            .filter(|c| !is_control(c))
            .unwrap_or_default();
    }
    stored
}

/// The words that name a treatment: brands as their generic names, without delivery and dose
/// words ("Spravato nasal spray" → esketamine; "extended-release quetiapine" → quetiapine).
fn intervention_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in text::tokens(text) {
        if t.class != text::Class::Word || vocab::GENERIC_ARM_WORDS.contains(&t.lower.as_str()) {
            continue;
        }
        for w in text::content_words(&t.lower) {
            let w = vocab::generic(&w).map_or(w, str::to_owned);
            if !vocab::GENERIC_ARM_WORDS.contains(&w.as_str()) && !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

/// The responder threshold written in an outcome ("lost ≥5% of their body weight", "at least a
/// 50% reduction"): the first percentage, as a bound.
pub fn threshold_in(outcome: &str) -> Option<Value> {
    let toks = text::tokens(outcome);
    let k = (0..toks.len()).find(|&k| {
        toks[k].number().is_some() && toks.get(k + 1).is_some_and(|n| n.is_punct('%'))
    })?;
    let v = toks[k].number()?;
    let before: Vec<&str> = toks[k.saturating_sub(2)..k]
        .iter()
        .map(|t| t.lower.as_str())
        .collect();
    let bound = if before.contains(&"more") || before.contains(&"over") || before.contains(&">") {
        Bound::MoreThan
    } else {
        Bound::AtLeast
    };
    Some(Value {
        bound: Some(bound),
        ..Value::point(v, Unit::Percent)
    })
}

/// Why a figure does not state the claim's measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exclusion {
    /// Another kind of measure or unit.
    Measure,
    /// Not a result: a threshold, an interval, a baseline value, the protocol.
    Role(Role),
    /// A control arm, for a claim about the treatment.
    ControlArm,
    /// The treatment arm, for a claim about the control.
    TreatmentArm,
    /// Another active arm.
    OtherArm,
    /// A treatment the record does not study at all.
    OtherTreatment,
    /// A study's size, for a count of people the claim does not tie to a study.
    NotAStudy,
    /// Another time point.
    Time,
    /// Another responder threshold (or none where the claim has one).
    Threshold,
    /// Another sex.
    Population,
    /// A count of people lost to follow-up.
    Lost,
    /// The claim's figure is a share's responder threshold, which no result states.
    ClaimThreshold,
    /// A difference between arms, for a claim about one arm's result.
    Difference,
    /// One arm's result, for a claim about the gap between arms.
    NotADifference,
    /// Another dose of the treatment, or no one dose, where the claim names its dose.
    Dose,
}

impl Exclusion {
    /// How the exclusion reads in an explanation.
    pub fn describe(self) -> &'static str {
        match self {
            Exclusion::Measure => "another measure",
            Exclusion::Role(r) => r.describe(),
            Exclusion::ControlArm => "the control arm",
            Exclusion::TreatmentArm => "the treatment arm, not the control",
            Exclusion::OtherArm => "another arm",
            Exclusion::OtherTreatment => "a study of another treatment",
            Exclusion::NotAStudy => "a study's size (the claim counts people outside a study)",
            Exclusion::Time => "another time point",
            Exclusion::Threshold => "another threshold",
            Exclusion::Population => "another group of participants",
            Exclusion::Lost => "participants lost to follow-up",
            Exclusion::ClaimThreshold => {
                "a result, while the claim's figure is the threshold that defines its share"
            }
            Exclusion::Difference => "a difference between arms, not one arm's result",
            Exclusion::NotADifference => "one arm's result, not the difference between arms",
            Exclusion::Dose => "another dose (or no one dose) than the claim's",
        }
    }
}

/// The result of matching a figure against a claim.
pub type Relevance = Result<f64, Exclusion>;

/// How relevant `r` (a figure of `index`) is to `target`.
pub fn relevance(target: &Target, r: &Reading, index: &RecordIndex) -> Relevance {
    weigh(target, r, index, true)
}

/// How relevant `r` would be if it were the claim's own arm and dose: whether a figure set
/// aside as another arm's states the claim's measure in every other respect (outcome, time
/// point, threshold, role), so that its number is that arm's figure for the very same measure.
pub fn relevance_in_any_arm(target: &Target, r: &Reading, index: &RecordIndex) -> Relevance {
    weigh(target, r, index, false)
}

/// The score of `r` against `target`; `arms` says whether its arm and dose count.
fn weigh(target: &Target, r: &Reading, index: &RecordIndex, arms: bool) -> Relevance {
    if target.share_threshold {
        return Err(Exclusion::ClaimThreshold);
    }
    if r.difference && !target.difference {
        return Err(Exclusion::Difference);
    }
    // "lost 10.9% more weight than on placebo" states the gap; one arm's own result is not it.
    if target.difference && !r.difference && r.role == Role::Result {
        return Err(Exclusion::NotADifference);
    }
    if is_denominator(r, index) || opposite_bounds(&target.value, &r.value) {
        return Err(Exclusion::Measure);
    }
    // "The median duration of use was 17.7 weeks" is what happened, measured; a length the
    // protocol set ("a 16-week optimization phase") is no such measurement.
    let measured_time = target.average && target.value.unit.hours().is_some();
    if measured_time && r.role == Role::Protocol {
        return Err(Exclusion::Role(r.role));
    }
    let kind = kind_score(target, r)?;
    role_allowed(target, r)?;
    stated_for_subgroup(target, r, index)?;
    same_kind_of_time(target, r, index)?;
    same_sessions(target, r, index)?;
    same_phase(target, r, index)?;
    let mut score = kind;
    if arms {
        score += arm_score(target, r, index)?;
        score += dose_score(target, r, index)?;
    }
    score += time_score(target, r, index)?;
    score += threshold_score(target, r)?;
    match (target.sex, r.sex) {
        (Some(a), Some(b)) if a != b => return Err(Exclusion::Population),
        (Some(_), Some(_)) => score += 1.0,
        // A count of women is never the count of everyone.
        (Some(_), None) if target.kind == ClaimKind::SampleSize => {
            return Err(Exclusion::Population)
        }
        _ => {}
    }
    score += outcome_score(target, r)?;
    score += state_score(target, r, index)?;
    // "Among patients in stable remission, relapse occurred in …": the subgroup the claim names
    // (words the whole study is about, such as its condition, tell no subgroup apart).
    let subgroup = target
        .population
        .iter()
        .filter(|w| r.outcome.contains(w) && !index.topic.contains(w))
        .count();
    score += (subgroup as f64).min(2.0);
    // Among results a claim does not tell apart, the primary end point's ("relapse in patients
    // with stable remission") is the study's headline; other subgroups come second.
    if r.role == Role::Result && !index.primary.is_empty() {
        let primary = r
            .outcome
            .iter()
            .filter(|w| index.primary.contains(w))
            .count();
        score += 0.3 * (primary as f64).min(3.0);
    }
    score += match r.section {
        // A study states its size wherever it likes; for results the Results section is best.
        _ if r.role == Role::Size => 0.0,
        Section::Results => 1.0,
        Section::Unlabelled | Section::Conclusions => 0.5,
        Section::Methods if r.role == Role::Protocol => 0.5,
        _ => 0.0,
    };
    Ok(score)
}

/// A count of people in a state ("297 adults in remission") is only the count the source gives
/// for that state ("176 achieved stable remission"). A count that names no state counts
/// everyone, one that names it among others ("297 who achieved stable remission or stable
/// response") a wider group, and one that names another state another group: none of them is
/// the claim's measure.
fn state_score(target: &Target, r: &Reading, index: &RecordIndex) -> Relevance {
    if target.states.is_empty() {
        return Ok(0.0);
    }
    let sentence = index.sentence(r.sentence);
    let states = vocab::person_states_after(sentence.get(r.range.end..).unwrap_or_default());
    if states == target.states {
        Ok(1.0)
    } else {
        Err(Exclusion::Population)
    }
}

/// A claim confined to a subgroup ("in the Physical Function Trial alone, 21%…") is backed only
/// by a figure stated for it: the subgroup's words stand in the figure's part of its sentence
/// (up to a "but", "whereas" or ";" that turns to another group), or the whole study is about
/// it. "…did not differ in the Physical Function Trial but did when all three trials were
/// pooled (20.5% vs 12.6%)": the 20.5% is the pooled figure.
fn stated_for_subgroup(target: &Target, r: &Reading, index: &RecordIndex) -> Result<(), Exclusion> {
    if target.subgroup.is_empty() {
        return Ok(());
    }
    let sentence = index.sentence(r.sentence);
    let part = figure_part(sentence, r.range.start);
    let words = text::content_words(part);
    let named = |w: &String| words.contains(w) || index.topic.contains(w);
    if target.subgroup.iter().all(named) {
        Ok(())
    } else {
        Err(Exclusion::Population)
    }
}

/// What a time measures. A gap between repeats ("every 12 weeks", "daily"), a length ("for
/// 108 weeks", "a 12-week trial") and an age ("aged 50 years or older") are different measures,
/// however close their numbers: "injections repeated every 12 weeks" is neither backed nor
/// contradicted by "9 treatment cycles (108 weeks)", nor "after 12 months" by "aged ≥50 years".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeSort {
    /// How long something lasts or when it is measured.
    Length,
    /// How often it is repeated.
    Interval,
    /// How old people are.
    Age,
}

impl TimeSort {
    /// The sort of the time at `range` of `sentence`, from its words and its neighbours.
    pub fn of(sentence: &str, range: Range<usize>) -> TimeSort {
        let is = |word: Option<&str>, list: &[&str]| {
            word.is_some_and(|w| list.iter().any(|l| w.eq_ignore_ascii_case(l)))
        };
        let figure = sentence.get(range.clone()).unwrap_or_default();
        let before = sentence.get(..range.start).unwrap_or_default();
        let after = sentence.get(range.end..).unwrap_or_default();
        // An aside in brackets between the age and its figure is passed over: "mean age [SD],
        // 46.3 [11.1] years", "age (years), 52".
        let mut words_before = before.split_whitespace().rev().skip_while(|w| {
            w.starts_with(['(', '[']) && w.trim_end_matches(',').ends_with([')', ']'])
        });
        let (last, second) = (words_before.next(), words_before.next());
        let first = figure.split_whitespace().next();
        let alone = figure.split_whitespace().nth(1).is_none();
        if is(first, vocab::INTERVAL_WORDS)
            || is(last, vocab::INTERVAL_WORDS)
            || (alone && is(first, vocab::INTERVAL_ADVERBS))
        {
            return TimeSort::Interval;
        }
        // A unit the figure left out comes first ("70-year-old": "year", then "old").
        let mut words_after = after
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .skip_while(|w| vocab::time_unit_hours(&w.to_ascii_lowercase()).is_some());
        let (next, then) = (words_after.next(), words_after.next());
        // "two injections 12 weeks apart", "at 4-week intervals".
        let next_word = next.map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        if is(next_word, &["apart", "interval", "intervals"]) {
            return TimeSort::Interval;
        }
        // "aged 50 years", "at the age of 65", "50 years old", "65 years of age".
        let age_before =
            is(last, vocab::AGE_WORDS) || (is(last, &["of"]) && is(second, vocab::AGE_WORDS));
        let age_after = is(next, &["old"]) || (is(next, &["of"]) && is(then, vocab::AGE_WORDS));
        if age_before || age_after {
            return TimeSort::Age;
        }
        TimeSort::Length
    }
}

/// A time of one sort is never the figure for a time of another ([`TimeSort`]).
fn same_kind_of_time(target: &Target, r: &Reading, index: &RecordIndex) -> Result<(), Exclusion> {
    if r.value.unit.hours().is_none() || target.value.unit.hours().is_none() {
        return Ok(());
    }
    if TimeSort::of(index.sentence(r.sentence), r.range.clone()) == target.time_sort {
        Ok(())
    } else {
        Err(Exclusion::Measure)
    }
}

/// The part of `sentence` a figure at byte `at` belongs to: from the last turn to another
/// group before it ("but", "whereas", "while", ";") to the next one after it.
fn figure_part(sentence: &str, at: usize) -> &str {
    const TURNS: [&str; 4] = [" but ", " whereas ", " while ", ";"];
    let lower = sentence.to_ascii_lowercase();
    let start = TURNS
        .iter()
        .filter_map(|w| lower[..at.min(lower.len())].rfind(w).map(|i| i + w.len()))
        .max()
        .unwrap_or(0);
    let end = TURNS
        .iter()
        .filter_map(|w| {
            lower
                .get(at..)
                .and_then(|rest| rest.find(w))
                .map(|i| at + i)
        })
        .min()
        .unwrap_or(sentence.len());
    sentence.get(start..end).unwrap_or(sentence)
}

/// Points for the kind; kinds that cannot be the same measure exclude.
fn kind_score(target: &Target, r: &Reading) -> Relevance {
    use ClaimKind as K;
    if !super::agreement::comparable(target.value.unit, r.value.unit) {
        return Err(Exclusion::Measure);
    }
    // A share of patients (responders, survivors, those who lost weight) is never a mean or a
    // change ("the mean change in body weight was -12.4%"), unless the claim says it is an
    // average too ("an average loss of 15.2%").
    let rate = matches!(
        target.kind,
        K::ResponseRate
            | K::RemissionRate
            | K::RelapseRate
            | K::SuccessRate
            | K::SideEffectRate
            | K::Prevalence
            | K::OtherPercentage
    );
    let gap = target.difference && r.difference;
    if rate && r.amount && target.value.unit == Unit::Percent && !target.average && !gap {
        return Err(Exclusion::Measure);
    }
    let (a, b) = (target.kind, r.kind);
    let length = |k: K| {
        matches!(
            k,
            K::TreatmentCourse
                | K::FollowUp
                | K::EffectDuration
                | K::OnsetTime
                | K::SessionDuration
                | K::RecoveryTime
        )
    };
    // "15 or more headache days a month" is no "24-week phase".
    let timing = matches!(r.role, Role::Protocol | Role::Interval | Role::Size);
    if target.counted_days && (length(b) || timing) {
        return Err(Exclusion::Measure);
    }
    if a == b && !matches!(a, K::Other | K::OtherPercentage) {
        return Ok(3.0);
    }
    let pair = |x: K, y: K| (a == x && b == y) || (a == y && b == x);
    let score = if pair(K::SuccessRate, K::ResponseRate) {
        2.0
    } else if pair(K::SuccessRate, K::RemissionRate)
        || pair(K::TreatmentCourse, K::FollowUp)
        || pair(K::EffectDuration, K::FollowUp)
        || pair(K::TreatmentCourse, K::Other)
    {
        1.0
    } else if a == b
        || pair(K::OtherPercentage, b)
        || pair(a, K::OtherPercentage)
        || pair(K::Other, b)
    {
        // Loose kinds are the same measure only when the outcome words say so.
        0.5
    } else if (pair(K::WeightLoss, K::SuccessRate) || pair(K::WeightLoss, K::ResponseRate))
        && target.threshold.is_some()
    {
        // "86% lost at least 5%": a share of responders at a weight-loss threshold, however
        // either side named its kind; the thresholds must then agree.
        1.0
    } else {
        return Err(Exclusion::Measure);
    };
    Ok(score)
}

/// Whether the claim bounds its figure from one side and the source from the other: "up to
/// 38%" against "over 20%" (or "at least 50%" against "up to 60%") says nothing of the other's
/// end, so the source neither states nor contradicts the claim.
fn opposite_bounds(claim: &Value, figure: &Value) -> bool {
    let lower = |v: &Value| matches!(v.bound, Some(Bound::AtLeast | Bound::MoreThan));
    let upper = |v: &Value| matches!(v.bound, Some(Bound::AtMost | Bound::LessThan));
    (lower(claim) && upper(figure)) || (upper(claim) && lower(figure))
}

/// Whether `r` is the period or base of a rate ("headache days per 28 days", "events per 100
/// patient-years"): the figure after "per" says what a rate is counted over, and states no
/// result. "28 days" alone, or "per day" with no number, is not one.
fn is_denominator(r: &Reading, index: &RecordIndex) -> bool {
    let before = index
        .sentence(r.sentence)
        .get(..r.range.start)
        .unwrap_or("")
        .trim_end();
    before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("per"))
}

/// A phase's length is stated only by a figure for that phase: "a 4-week induction phase" is
/// no "16-week optimization phase", nor "after 16 weeks of treatment", which names none.
fn same_phase(target: &Target, r: &Reading, index: &RecordIndex) -> Result<(), Exclusion> {
    if target.phase.is_empty() || r.value.unit.hours().is_none() {
        return Ok(());
    }
    let after = index.sentence(r.sentence).get(r.range.end..).unwrap_or("");
    let theirs = vocab::phase_of(after);
    if theirs.iter().any(|p| target.phase.contains(p)) {
        Ok(())
    } else {
        Err(Exclusion::Measure)
    }
}

/// A count of sessions of one kind ("six integration therapy sessions") never states a count
/// of another kind or of all sessions ("two sessions of the drug").
fn same_sessions(target: &Target, r: &Reading, index: &RecordIndex) -> Result<(), Exclusion> {
    let counts = |k: ClaimKind, u: Unit| k == ClaimKind::TreatmentCourse && u == Unit::Count;
    if !counts(target.kind, target.value.unit) || !counts(r.kind, r.value.unit) {
        return Ok(());
    }
    let figure = index
        .sentence(r.sentence)
        .get(r.range.clone())
        .unwrap_or("");
    let mut theirs = vocab::session_kinds(figure);
    let mut ours = target.session_kinds.clone();
    theirs.sort_unstable();
    ours.sort_unstable();
    if theirs == ours {
        Ok(())
    } else {
        Err(Exclusion::Measure)
    }
}

/// Which roles can state the claim's measure.
fn role_allowed(target: &Target, r: &Reading) -> Result<(), Exclusion> {
    use ClaimKind as K;
    if target.kind == K::SampleSize && !target.study {
        return Err(Exclusion::NotAStudy);
    }
    let ok = match r.role {
        Role::Result => !matches!(target.kind, K::SampleSize | K::DefinitionThreshold),
        Role::Size => matches!(target.kind, K::SampleSize | K::Other),
        Role::Protocol => matches!(
            target.kind,
            K::Dose
                | K::TreatmentCourse
                | K::SessionDuration
                | K::FollowUp
                | K::Other
                | K::SampleSize
        ),
        Role::Criterion => target.kind == K::DefinitionThreshold && target.value.bound.is_some(),
        Role::Context => target.kind == K::Prevalence,
        Role::Baseline => {
            matches!(target.kind, K::Other | K::OtherPercentage) && !target.outcome.is_empty()
        }
        Role::Interval => false,
    };
    if !ok {
        return Err(Exclusion::Role(r.role));
    }
    if r.stage == Some(Stage::Lost) {
        return Err(Exclusion::Lost);
    }
    Ok(())
}

/// Which arm of `index` the claim is about: `Ok(Some(i))` when its words name one; the
/// experimental arm when they name the study's treatment (its title, keywords or MeSH
/// headings) or name no treatment at all; `Err` when they name a treatment the record does not
/// study ("traditional antidepressants" against a ketamine trial).
pub fn target_arm(target: &Target, index: &RecordIndex) -> Result<Option<usize>, Exclusion> {
    if target.control {
        return Ok(index.arms.iter().position(|a| a.control));
    }
    let names = |words: &[String], text: &str| {
        target.intervention.iter().any(|w| {
            words.contains(w)
                || text::abbreviates(w, text)
                || words
                    .iter()
                    .any(|aw| text::abbreviates(aw, &target.intervention_text))
        })
    };
    if let Some(a) = index
        .arms
        .iter()
        .position(|a| !a.control && names(&a.words, &a.label))
    {
        return Ok(Some(a));
    }
    // Against the record (title, abstract, keywords, MeSH headings) every word must be found:
    // "traditional antidepressants" is not the subject of "Antidepressant efficacy of ketamine".
    let found = |w: &String| {
        index.topic.contains(w)
            || index.words.binary_search(w).is_ok()
            || vocab::expansion(w).is_some_and(|e| index.topic.iter().any(|t| t.starts_with(e)))
            || text::abbreviates(w, &index.record.title)
            || index.arms.iter().any(|a| a.words.contains(w))
    };
    // A compound is written closed or open: "shockwave" in the claim, "shock wave" in the
    // abstract, or the other way round.
    let all_named = target.intervention.iter().enumerate().all(|(i, w)| {
        found(w)
            || text::joins_a_neighbour(&target.intervention, i, &index.words)
            || text::written_apart(w, &index.lower_text)
    });
    if target.intervention.is_empty() || all_named || target.intervention_from_page {
        return Ok(index.experimental_arm());
    }
    Err(Exclusion::OtherTreatment)
}

/// Points for the arm; a control arm never supports a claim about the treatment.
fn arm_score(target: &Target, r: &Reading, index: &RecordIndex) -> Relevance {
    use ClaimKind as K;
    // A study's size ("29 of 31 trials", "3731 patients") counts the whole study, whatever
    // treatment the claim's sentence or page names.
    // So does its follow-up: "randomised to gel or placebo gel and followed for 33 months",
    // and the age of its people ("mean age 46 years" describes everyone randomized).
    if matches!(
        target.kind,
        K::SampleSize | K::Prevalence | K::DefinitionThreshold | K::FollowUp
    ) || target.time_sort == TimeSort::Age
        || (r.role == Role::Size && r.arm.is_none() && !target.control)
    {
        return Ok(0.0);
    }
    let Some(arm) = r.arm else {
        // A figure with no arm: the study's own result in a one-arm study, or a pooled one.
        return if target.control {
            Err(Exclusion::TreatmentArm)
        } else {
            target_arm(target, index).map(|_| 0.5)
        };
    };
    let is_control = index.arms[arm].control;
    if is_control && !target.control {
        return Err(Exclusion::ControlArm);
    }
    if target.control {
        return if is_control {
            Ok(2.0)
        } else {
            Err(Exclusion::TreatmentArm)
        };
    }
    match target_arm(target, index)? {
        Some(t) if t == arm => Ok(2.0),
        Some(_) => Err(Exclusion::OtherArm),
        None => Ok(1.0),
    }
}

/// Points for the dose, in a study that gives its treatment at several doses: each dose is an
/// arm. A claim that names its dose ("on the 5 mg dose", "the highest dose") is stated only by
/// results of that dose; a claim that names none finds every dose's result equally relevant,
/// so that doses that disagree are reported, never one chosen. Protocol figures (a duration, a
/// schedule) belong to every dose.
fn dose_score(target: &Target, r: &Reading, index: &RecordIndex) -> Relevance {
    use ClaimKind as K;
    let whole_study = matches!(
        target.kind,
        K::SampleSize | K::Prevalence | K::DefinitionThreshold
    );
    if index.doses.len() < 2 || whole_study || target.control {
        return Ok(0.0);
    }
    let wanted = target.dose.as_ref().and_then(|w| w.resolve(&index.doses));
    match (wanted, &r.dose) {
        (Some(w), Some(d)) if dose::same(&w, d) => Ok(2.0),
        (Some(_), Some(_)) => Err(Exclusion::Dose),
        (Some(_), None) if r.role == Role::Result => {
            // A pooled result, or one whose dose the abstract does not tie it to.
            let control = r.arm.is_some_and(|a| index.arms[a].control);
            if control {
                Ok(0.0)
            } else {
                Err(Exclusion::Dose)
            }
        }
        _ => Ok(0.0),
    }
}

/// Whether two time points are the same within a quarter.
pub fn same_time(a: &Value, b: &Value) -> bool {
    let hours = |v: &Value| -> Option<(f64, f64)> {
        let h = v.unit.hours()?;
        Some((v.low? * h, v.high? * h))
    };
    let (Some(ha), Some(hb)) = (hours(a), hours(b)) else {
        return true;
    };
    ha.0 <= hb.1 * 1.25 && hb.0 <= ha.1 * 1.25
}

/// Points for the time point; another time point excludes. A claim that names none prefers
/// figures that name none (the study's overall result) to figures at one time of several.
fn time_score(target: &Target, r: &Reading, index: &RecordIndex) -> Relevance {
    // How common a condition is has no time point in the sense of an outcome's ("in a year").
    if target.kind == ClaimKind::Prevalence {
        return Ok(0.0);
    }
    let implicit = if r.role == Role::Result {
        index.end_point.as_ref()
    } else {
        None
    };
    match (&target.time_point, r.time_point.as_ref().or(implicit)) {
        (Some(t), Some(f)) => {
            if same_time(t, f) {
                Ok(2.0)
            } else {
                Err(Exclusion::Time)
            }
        }
        (Some(_), None) => Ok(0.0),
        (None, Some(_)) if r.time_point.is_some() => Ok(-1.0),
        _ => Ok(0.0),
    }
}

/// Points for the responder threshold: both must name the same one, or neither.
fn threshold_score(target: &Target, r: &Reading) -> Relevance {
    match (&target.threshold, &r.threshold) {
        (Some(a), Some(b)) => {
            let (x, y) = (a.low.unwrap_or(0.0), b.low.unwrap_or(0.0));
            if (x - y).abs() < 0.5 {
                Ok(2.0)
            } else {
                Err(Exclusion::Threshold)
            }
        }
        (None, None) => Ok(0.0),
        // "Response" names its usual definition (a 50% reduction); a claim about response need
        // not repeat it.
        (None, Some(_))
            if matches!(
                r.kind,
                ClaimKind::ResponseRate | ClaimKind::RemissionRate | ClaimKind::RelapseRate
            ) && r.kind == target.kind =>
        {
            Ok(0.0)
        }
        _ => Err(Exclusion::Threshold),
    }
}

/// Points for outcome words in common; loose kinds need at least one.
fn outcome_score(target: &Target, r: &Reading) -> Relevance {
    let shared = target
        .outcome
        .iter()
        .filter(|w| r.outcome.contains(w))
        .count();
    let loose = matches!(target.kind, ClaimKind::Other | ClaimKind::OtherPercentage)
        || matches!(r.kind, ClaimKind::Other | ClaimKind::OtherPercentage)
        || r.role == Role::Baseline;
    if loose && shared == 0 {
        return Err(Exclusion::Measure);
    }
    // A relapse rate read with its sentence's words ("ulcer recurrence") still measures
    // relapse: a figure of no kind of its own must name it, not only share the context.
    let unnamed_kind = matches!(r.kind, ClaimKind::Other | ClaimKind::OtherPercentage);
    let names_kind = target.kind_words.iter().any(|w| r.outcome.contains(w));
    if unnamed_kind && !target.kind_words.is_empty() && !names_kind {
        return Err(Exclusion::Measure);
    }
    Ok((shared as f64).min(3.0))
}
