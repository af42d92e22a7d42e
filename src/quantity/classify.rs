//! Classification: what a figure the scanner found measures. Its kind and outcome come from its
//! unit, its shape and the cue words near it in the same clause ([`lexicon::CUES`]); times are
//! decided by an ordered list of named rules, each a pattern of how pages state a time.
//!
//! [`lexicon::CUES`]: super::lexicon::CUES

use std::sync::LazyLock;

use super::about::is_condition_word;
use super::lexicon::{
    Applies, NounClass, AGE_BOUNDS, AVERAGE_WORDS, BASE_DETERMINERS, BEFORE_WORDS, CHECK_NOUNS,
    CLAUSE_WORDS, COMPARATIVE_COUNT_WORDS, COMPARISON_WORDS, CONDITION_HEADS, COURSE_OF_NOUNS,
    COURSE_SUBJECTS, CUES, CUTOFF_EVENTS, DEFINING_WORDS, FROM_STARTS, LAST_ADJECTIVE_LEADS,
    MAGNITUDE_NOUNS, NEGATIONS, NOT_PRICES, PEOPLE_WORDS, PROCEDURE_BASES, REACTION_WORDS,
    REDUCTION_WORDS, RESULT_WORDS, SITTING_NOUNS, STUDY_WORDS, TALLY_VERBS, THRESHOLD_WORDS,
    USE_VERBS, WAIT_FOR_WORDS, WEAR_PERIODS, WEIGHING_WORDS, WEIGHT_BASES,
};
use super::matcher::{Hit, Matcher};
use super::scan::{RawMatch, Shape};
use super::tokens::{Tok, TokKind};
use crate::model::{Bound, ClaimKind, Unit};

static CUE_WORDS: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(CUES));
static THRESHOLDS: LazyLock<Matcher> = LazyLock::new(|| Matcher::of_words(THRESHOLD_WORDS));
static CONDITIONS: LazyLock<Matcher> = LazyLock::new(|| Matcher::of_words(CONDITION_HEADS));
static SITTINGS: LazyLock<Matcher> = LazyLock::new(|| Matcher::of_words(SITTING_NOUNS));
static CHECKS: LazyLock<Matcher> = LazyLock::new(|| Matcher::of_words(CHECK_NOUNS));
static DEFINING: LazyLock<Matcher> = LazyLock::new(|| Matcher::of_words(DEFINING_WORDS));

use ClaimKind as K;

/// Words that join the items of a list of figures, each with its own outcome word.
const LIST_JOINS: &[&str] = &["and", "or", "while", "whereas", "but"];

/// How far apart two clauses count as, in tokens.
const CLAUSE_PENALTY: usize = 12;

/// A sentence read once for classification: its tokens, clauses, cue hits and raw figures.
pub(super) struct Sentence<'a, 't> {
    pub(super) t: &'a [Tok<'t>],
    pub(super) clauses: Vec<u16>,
    pub(super) hits: Vec<Hit>,
    pub(super) figures: &'a [RawMatch],
}

/// A kind and the outcome word that decided it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Verdict {
    pub(super) kind: ClaimKind,
    pub(super) outcome: Option<&'static str>,
}

impl Verdict {
    fn of(kind: ClaimKind) -> Verdict {
        Verdict {
            kind,
            outcome: None,
        }
    }
}

impl<'a, 't> Sentence<'a, 't> {
    pub(super) fn new(t: &'a [Tok<'t>], figures: &'a [RawMatch]) -> Self {
        Sentence {
            t,
            clauses: clause_ids(t),
            hits: CUE_WORDS.all(t),
            figures,
        }
    }

    /// Distance from a figure to a token range, with a penalty for each clause crossed.
    pub(super) fn distance(&self, m: &RawMatch, start: usize, end: usize) -> usize {
        let d = if end <= m.quote_first {
            m.quote_first - end + 1
        } else {
            start.saturating_sub(m.last_tok)
        };
        let c = self.clauses[start.min(self.t.len() - 1)].abs_diff(self.clauses[m.first_tok]);
        d + c as usize * CLAUSE_PENALTY
    }

    /// Cue hits that apply to `applies`, outside the figure and within their reach, with their
    /// distance.
    fn cues<'s>(
        &'s self,
        m: &'s RawMatch,
        applies: Applies,
    ) -> impl Iterator<Item = (usize, &'s Hit)> + 's {
        let (from, to) = (m.quote_first, m.last_tok);
        self.hits.iter().filter_map(move |h| {
            let cue = &CUES[h.entry].means;
            let outside = h.end <= from || h.start > to;
            let d = self.distance(m, h.start, h.end);
            let ours =
                cue.applies == applies && outside && d <= cue.reach && !self.last_adjective(h);
            // Outcome words between two rates belong to the nearer; a time's cue is the verb
            // before it ("resume work within 2 days and return to sports in 4-6 weeks").
            let theirs = match applies {
                Applies::Percent => self.owned_by_other(m, h, d),
                Applies::Time => !self
                    .time_cue_owner(h, cue.reach)
                    .is_some_and(|f| self.same_list(f, m)),
            };
            (ours && !theirs).then_some((d, h))
        })
    }

    /// Whether cue `h` is "last" as an adjective ("since your last screening", "in the last 14
    /// days"), not the verb of an effect that lasts.
    fn last_adjective(&self, h: &Hit) -> bool {
        self.t[h.start].is("last")
            && h.start > 0
            && self.t[h.start - 1].is_any(LAST_ADJECTIVE_LEADS)
    }

    /// Whether another percentage lies between percentage `m` and cue `h` and is nearer to it (on a tie, the figure the cue stands before): "95% and my retreatment rate
    /// is less than 1%" gives "retreatment" to 1%.
    fn owned_by_other(&self, m: &RawMatch, h: &Hit, d: usize) -> bool {
        self.figures.iter().any(|f| {
            let between = if h.start > m.last_tok {
                f.quote_first > m.last_tok && f.quote_first >= h.end
            } else {
                f.last_tok < m.quote_first && f.last_tok < h.start
            };
            let other_d = self.distance(f, h.start, h.end);
            let before_other = h.end <= f.quote_first;
            let rate = f.value.unit == Unit::Percent;
            let nearer = other_d < d || (other_d == d && before_other);
            // A cue that opens the next item after `f` is `m`'s however near it is to `f`.
            rate && ((between && nearer && !self.opens_next_item(f, h, m))
                || self.opens_next_item(m, h, f))
        })
    }

    /// Whether cue `h` opens the next item of a list after figure `m`, the item that figure `f`
    /// closes: a conjunction stands between `m` and the cue and `f` follows the cue. "remission
    /// rates of 20% and response rates of 50%" gives "response" to 50%, while "70% responded
    /// and 40% remitted" keeps "responded" with 70% (no conjunction before the cue).
    fn opens_next_item(&self, m: &RawMatch, h: &Hit, f: &RawMatch) -> bool {
        h.start > m.last_tok
            && f.quote_first >= h.end
            && self.t[m.last_tok + 1..h.start]
                .iter()
                .any(|t| t.is_any(LIST_JOINS) || t.is_sym(','))
    }

    /// Whether two figures are one, or alternatives of one list ("in 5 days or even one day",
    /// "a 10 week or a 20 week program").
    fn same_list(&self, a: &RawMatch, b: &RawMatch) -> bool {
        let (first, second) = if a.first_tok <= b.first_tok {
            (a, b)
        } else {
            (b, a)
        };
        if first.first_tok == second.first_tok {
            return true;
        }
        (first.last_tok + 1..second.quote_first).all(|k| {
            self.t[k].is_any(&[
                "or", "and", "to", "even", "just", "only", "perhaps", "a", "an",
            ]) || self.t[k].is_sym(',')
        })
    }

    /// The time figure a time cue belongs to: the first after it within reach ("resume work
    /// within 2 days and return to sports in 4-6 weeks"), else the nearest before it.
    fn time_cue_owner(&self, h: &Hit, reach: usize) -> Option<&RawMatch> {
        let time = |f: &&RawMatch| f.value.unit.hours().is_some();
        self.figures
            .iter()
            .filter(time)
            .find(|f| f.quote_first >= h.end && self.distance(f, h.start, h.end) <= reach)
            .or_else(|| {
                self.figures
                    .iter()
                    .filter(time)
                    .rev()
                    .find(|f| f.last_tok < h.start)
            })
    }

    /// The nearest cue of `kind` for a time figure, if within reach.
    fn time_cue(&self, m: &RawMatch, kind: ClaimKind) -> Option<usize> {
        let counted_from = matches!(kind, K::SessionDuration | K::TreatmentCourse);
        self.cues(m, Applies::Time)
            .filter(|(_, h)| CUES[h.entry].means.kind == kind)
            .filter(|(_, h)| !(counted_from && h.start > m.last_tok && self.measured_from(h)))
            .map(|(d, _)| d)
            .min()
    }

    /// The kind and outcome of figure `m`.
    pub(super) fn classify(&self, m: &RawMatch) -> Verdict {
        let unit = m.value.unit;
        match unit {
            Unit::Percent => self.percent(m),
            Unit::Count => Verdict::of(self.count(m)),
            Unit::Usd => Verdict::of(self.money(m)),
            Unit::Mg | Unit::MgPerKg | Unit::Iu | Unit::Units | Unit::Ml | Unit::Syringes => {
                Verdict::of(K::Dose)
            }
            Unit::Kg | Unit::Lb | Unit::LbPerWeek | Unit::KgPerWeek => {
                // "For someone weighing 200 pounds": a body weight, whatever is lost after it.
                let weighing =
                    m.quote_first > 0 && self.t[m.quote_first - 1].is_any(WEIGHING_WORDS);
                let loss =
                    !weighing && self.percent_cue(m).is_some_and(|v| v.kind == K::WeightLoss);
                Verdict::of(if loss { K::WeightLoss } else { K::Other })
            }
            Unit::NgPerDl | Unit::MgPerDl => Verdict::of(self.level(m)),
            Unit::KgPerM2 | Unit::EventsPerHour => Verdict::of(self.index(m)),
            Unit::PerDay | Unit::PerWeek | Unit::PerMonth | Unit::PerYear => {
                Verdict::of(K::TreatmentCourse)
            }
            Unit::Mm | Unit::Cm2 | Unit::Fold => Verdict::of(K::Other),
            Unit::Minutes | Unit::Hours | Unit::Days | Unit::Weeks | Unit::Months | Unit::Years => {
                Verdict::of(self.time(m))
            }
        }
    }

    /// Money is a price, unless the sentence speaks of an economy's or a budget's figures.
    fn money(&self, m: &RawMatch) -> ClaimKind {
        let economy = (0..self.t.len()).any(|k| {
            (k < m.quote_first || k > m.last_tok)
                && self.distance(m, k, k + 1) <= 10
                && self.t[k].is_any(NOT_PRICES)
        });
        if economy {
            K::Other
        } else {
            K::Price
        }
    }

    /// A concentration is a cut-off when the sentence speaks of levels, ranges or bounds
    /// ("considered low", "normal range"), otherwise a measured value.
    fn level(&self, m: &RawMatch) -> ClaimKind {
        let near = (0..self.t.len()).any(|k| {
            (k < m.quote_first || k > m.last_tok)
                && self.distance(m, k, k + 1) <= 14
                && THRESHOLDS.matches_at(self.t, k)
        });
        if near || m.value.bound.is_some() {
            K::DefinitionThreshold
        } else {
            K::Other
        }
    }

    /// An index value ("a BMI of 30") is a cut-off, unless it is a group's average ("an
    /// average BMI of 36", "mean AHI 22"): then it describes the people, as a baseline does.
    fn index(&self, m: &RawMatch) -> ClaimKind {
        let t = self.t;
        let average = (m.quote_first.saturating_sub(4)..m.quote_first)
            .rev()
            .take_while(|&k| t[k].num().is_none() && !t[k].is_sym(','))
            .any(|k| t[k].is_any(AVERAGE_WORDS));
        if average {
            K::Other
        } else {
            K::DefinitionThreshold
        }
    }

    /// Counts: by the class of their noun.
    fn count(&self, m: &RawMatch) -> ClaimKind {
        if m.shape == Shape::Vague {
            // "positive changes within a few sessions".
            return K::OnsetTime;
        }
        if m.shape == Shape::Index {
            // "(n=71)": the only count an index names is a sample's size.
            return K::SampleSize;
        }
        match m.noun.and_then(|(_, class)| class) {
            Some(NounClass::People) if self.population(m) => K::Prevalence,
            Some(NounClass::People) if self.tally(m) => K::Other,
            Some(NounClass::People) => K::SampleSize,
            // "2 million Botox treatments have been given", "over 5,000 procedures": a count
            // of treatments in the thousands is how many were given to everyone, no one's course.
            Some(NounClass::Course) if m.value.low.is_some_and(|v| v >= 1e3) => K::Other,
            Some(NounClass::Course) => K::TreatmentCourse,
            Some(NounClass::Tried) => {
                // "a dozen trials" counts studies; "two adequate antidepressant trials" counts
                // treatments tried.
                let tried_before = m.noun.is_some_and(|(n, _)| {
                    (m.first_tok..n).any(|k| {
                        self.t[k].is_any(&[
                            "adequate",
                            "antidepressant",
                            "medication",
                            "drug",
                            "failed",
                        ])
                    })
                });
                let trials = m.noun.is_some_and(|(n, _)| self.t[n].is("trials")) && !tried_before;
                if trials && !self.defines(m) {
                    K::Other
                } else {
                    K::DefinitionThreshold
                }
            }
            None => K::Other,
        }
    }

    /// "We have treated over 1,500 cases", "500+ patients treated": a clinic's tally of its
    /// work, with a verb of treating right beside the count, in a sentence about no study.
    fn tally(&self, m: &RawMatch) -> bool {
        let t = self.t;
        let end = m.noun.map_or(m.last_tok, |(n, _)| n.max(m.last_tok));
        let beside = (m.quote_first.saturating_sub(2)..m.quote_first)
            .chain(end + 1..(end + 2).min(t.len()))
            .any(|k| t[k].is_any(TALLY_VERBS));
        beside && !t.iter().any(|w| w.is_any(STUDY_WORDS))
    }

    /// "An estimated 60 million men": people in the millions are a population, unless the
    /// sentence speaks of a study's records.
    fn population(&self, m: &RawMatch) -> bool {
        m.value.low.is_some_and(|v| v >= 1e6) && !self.t.iter().any(|w| w.is_any(STUDY_WORDS))
    }

    /// Whether a definition cue ("defined", "diagnosed", "criteria") is in reach.
    fn defines(&self, m: &RawMatch) -> bool {
        self.time_cue(m, K::DefinitionThreshold).is_some()
    }

    /// Percentages: a cut-off, a relative change, or the outcome of the nearest cue.
    fn percent(&self, m: &RawMatch) -> Verdict {
        if self.is_cutoff_percent(m) || self.bounded_change(m) {
            return Verdict::of(K::DefinitionThreshold);
        }
        let cue = self.percent_cue(m);
        // "50-90% improvement": the size of a change, not a share of patients ("an improvement
        // rate of 70%" and weight lost keep their cue).
        let magnitude = self
            .t
            .get(m.last_tok + 1)
            .is_some_and(|n| n.is_any(MAGNITUDE_NOUNS))
            && self.t.get(m.last_tok + 2).is_none_or(|n| !n.is("rate"));
        if magnitude && cue.is_none_or(|c| c.kind != K::WeightLoss) {
            return Verdict::of(K::OtherPercentage);
        }
        // "lowered the risk by 51%": a relative change, not a rate (unless of body weight);
        // "reached by 30% of people" names who reached it.
        let by = m.quote_first > 0
            && self.t[m.quote_first - 1].is("by")
            && self.after_change(m.quote_first - 1);
        if by && cue.is_none_or(|c| c.kind != K::WeightLoss) {
            return Verdict::of(K::OtherPercentage);
        }
        // "80% experience at least a 50% reduction in symptoms": a share of people who reached
        // a bar of improvement responded.
        if cue.is_none() && self.share_reaching_bar(m) {
            return Verdict {
                kind: K::ResponseRate,
                outcome: Some("response"),
            };
        }
        cue.or_else(|| self.list_item_cue(m))
            .or_else(|| self.has_condition(m).then_some(Verdict::of(K::Prevalence)))
            .unwrap_or(Verdict::of(K::OtherPercentage))
    }

    /// "about 6% of their weight by 12 weeks, about 10% by 20 weeks and 15% by one year": a
    /// percentage with no cue of its own, listed right after one that has an outcome, states
    /// the same outcome. The list runs back through earlier items with no cue of their own.
    fn list_item_cue(&self, m: &RawMatch) -> Option<Verdict> {
        let mut item = m;
        for _ in 0..4 {
            let prev = self
                .figures
                .iter()
                .rev()
                .find(|f| f.value.unit == Unit::Percent && f.last_tok < item.quote_first)?;
            if !self.listed_after(prev, item) {
                return None;
            }
            let outcome = self.percent_cue(prev).filter(|v| {
                !matches!(v.kind, K::OtherPercentage | K::DefinitionThreshold)
                    && !self.is_cutoff_percent(prev)
                    && !self.bounded_change(prev)
            });
            if outcome.is_some() {
                return outcome;
            }
            item = prev;
        }
        None
    }

    /// Whether `b` is the next item of a list that `a` is in: a comma or "and"/"or" between
    /// them, in the same clause, a few words apart.
    fn listed_after(&self, a: &RawMatch, b: &RawMatch) -> bool {
        let between = &self.t[a.last_tok + 1..b.quote_first];
        between.len() <= 10
            && self.clauses[a.last_tok] == self.clauses[b.first_tok]
            && between
                .iter()
                .any(|w| w.is_sym(',') || w.is_any(&["and", "or"]))
    }

    /// "80% experience at least a 50% reduction in symptoms", "respond with at least a 40%
    /// reduction": a lower bound on a change, stated beside a share of people or after "with",
    /// defines who counts. A change with no bound ("a 50% reduction") or on its own ("patients
    /// saw at least a 30% reduction") is a result.
    fn bounded_change(&self, m: &RawMatch) -> bool {
        let t = self.t;
        let q = m.quote_first;
        // "at least a 50% reduction": the article keeps the bound out of the figure's quote.
        let at_least_a =
            q >= 3 && t[q - 1].is_any(&["a", "an"]) && t[q - 3].is("at") && t[q - 2].is("least");
        let at_least = m.value.bound == Some(Bound::AtLeast) || at_least_a;
        // "70% of participants lost at least 10% of their weight": the loss is the bar too.
        let lost = q > 0 && t[q - 1].is_any(&["lost", "lose", "losing", "shed"]);
        let change = lost
            || t.get(m.last_tok + 1)
                .is_some_and(|n| n.is_any(MAGNITUDE_NOUNS));
        let share_beside = self
            .figures
            .iter()
            .any(|f| f.value.unit == Unit::Percent && f.first_tok != m.first_tok);
        let with = (q >= 4 && at_least_a && t[q - 4].is("with")) || (q > 0 && t[q - 1].is("with"));
        at_least && change && (share_beside || with)
    }

    /// Whether a percentage is a share of something other than body weight ("80% of the
    /// stomach", "20% of the fat"): a weight-loss word nearby does not make it weight lost.
    fn share_of_other_than_weight(&self, m: &RawMatch) -> bool {
        let t = self.t;
        if !t.get(m.last_tok + 1).is_some_and(|o| o.is("of")) {
            return false;
        }
        let base = (m.last_tok + 2..t.len()).find(|&k| !t[k].is_any(BASE_DETERMINERS));
        base.is_some_and(|k| {
            t[k].kind == TokKind::Word && !t[k].is_any(WEIGHT_BASES) && !t[k].is_any(PEOPLE_WORDS)
        })
    }

    /// "about 1 in 4 teenagers develops an eating disorder": a share of people who have
    /// a condition, named right after a verb of having it.
    fn has_condition(&self, m: &RawMatch) -> bool {
        let t = self.t;
        let end = (m.last_tok + 8).min(t.len());
        (m.last_tok + 1..end).any(|k| {
            let having = t[k].is_any(&[
                "experience",
                "experiences",
                "develop",
                "develops",
                "have",
                "has",
                "had",
                "get",
                "gets",
            ]);
            having
                && (k + 1..(k + 5).min(t.len()))
                    .any(|j| CONDITIONS.matches_at(t, j) || is_condition_word(&t[j]))
        })
    }

    /// Whether a verb of change stands just before token `by` ("fall by", "reduced the risk by").
    fn after_change(&self, by: usize) -> bool {
        (by.saturating_sub(6)..by).any(|k| {
            let w = self.t[k].lower;
            [
                "reduc", "lower", "cut", "decreas", "increas", "improv", "drop", "fall", "fell",
                "rise", "rose", "rais", "boost", "grow", "grew", "declin", "shrink", "shrank",
                "slash",
            ]
            .iter()
            .any(|p| w.starts_with(p))
        })
    }

    /// "a reduction of AHI > 50 percent": a percentage written as a cut-off, after a symbol and
    /// a measure it bounds.
    fn is_cutoff_percent(&self, m: &RawMatch) -> bool {
        let t = self.t;
        let symbol = m.quote_first > 0
            && matches!(t[m.quote_first].kind, TokKind::Sym('>' | '<' | '≥' | '≤'));
        let symbol_before = m.first_tok > 0
            && matches!(t[m.first_tok - 1].kind, TokKind::Sym('>' | '<' | '≥' | '≤'));
        let of_people = t.get(m.last_tok + 1).is_some_and(|n| n.is("of"));
        (symbol || symbol_before)
            && !of_people
            && m.value.bound.is_some()
            && (m.quote_first.saturating_sub(4)..m.quote_first).any(|k| {
                t[k].is_any(&[
                    "reduction",
                    "decrease",
                    "increase",
                    "improvement",
                    "drop",
                    "fall",
                    "ahi",
                    "bmi",
                ])
            })
    }

    /// The outcome of the nearest percentage cue, with the rules that refine it.
    pub(super) fn percent_cue(&self, m: &RawMatch) -> Option<Verdict> {
        let t = self.t;
        let who = who_clause(t, m);
        let (_, hit) = self
            .cues(m, Applies::Percent)
            .filter_map(|(d, h)| {
                let cue = &CUES[h.entry].means;
                let mut score = d * 2;
                if cue.kind == K::Prevalence {
                    // Prevalence words inside "patients who suffer from…" describe the
                    // population, and are weak elsewhere.
                    if who.as_ref().is_some_and(|w| w.contains(&h.start)) {
                        return None;
                    }
                    if !t[h.start].lower.starts_with("prevalen") {
                        score += 6;
                    }
                }
                // "patients in stable remission" names a population, not the measure ("86%
                // sustained improvement" is the measure).
                let in_state = h.start >= 1
                    && (t[h.start - 1].is("in")
                        || (h.start >= 2
                            && t[h.start - 1].is_any(&["stable", "sustained"])
                            && t[h.start - 2].is("in")));
                if in_state && cue.kind != K::OtherPercentage {
                    score += 12;
                }
                // An outcome after the figure ("70% responded") beats one before at the same
                // distance.
                if h.start > m.last_tok {
                    score = score.saturating_sub(1);
                }
                Some((score, h))
            })
            .min_by_key(|(score, h)| (*score, h.start))?;
        let cue = &CUES[hit.entry].means;
        let mut kind = cue.kind;
        let mut outcome = Some(cue.outcome).filter(|o| !o.is_empty());
        if kind == K::WeightLoss && self.share_of_other_than_weight(m) {
            return Some(Verdict::of(K::OtherPercentage));
        }
        // "70% of participants lost at least 10%": a share of people who reached a bar of
        // weight lost, not the weight lost.
        if kind == K::WeightLoss && self.share_reaching_bar(m) {
            return Some(Verdict {
                kind: K::SuccessRate,
                outcome: Some("weight loss"),
            });
        }
        // "effective in more than 99% of the cases": a share of procedures that work is a
        // success rate (a share of people who improve is a response).
        if kind == K::ResponseRate && self.share_of(m, PROCEDURE_BASES) {
            return Some(Verdict {
                kind: K::SuccessRate,
                outcome: Some("success"),
            });
        }
        // "45% cut their headache days in half": the symptom a treatment reduces is its
        // outcome, and halving it is a response.
        if kind == K::SideEffectRate && self.treated_symptom(hit) {
            return Some(Verdict {
                kind: K::ResponseRate,
                outcome: Some("response"),
            });
        }
        // "a success rate of 70%, meaning most find significant relief": success defined as
        // relief is a response rate.
        if kind == K::SuccessRate && self.has_percent_cue(m, K::ResponseRate) {
            kind = K::ResponseRate;
            outcome = Some("response");
        }
        if kind == K::SuccessRate {
            outcome = Some(success_outcome(t, hit));
        }
        if kind == K::SideEffectRate {
            outcome = Some(side_effect_outcome(t, hit));
        }
        // "30% do not respond": the share of non-responders is no rate of the outcome.
        let outcome_kinds = [
            K::ResponseRate,
            K::RemissionRate,
            K::RelapseRate,
            K::SuccessRate,
        ];
        if outcome_kinds.contains(&kind)
            && hit.start > m.last_tok
            && negated(t, m.last_tok, hit.start)
        {
            return Some(Verdict {
                kind: K::OtherPercentage,
                outcome: None,
            });
        }
        Some(Verdict { kind, outcome })
    }

    /// Whether a percentage is a share "of (the)" one of `bases` ("99% of the cases").
    fn share_of(&self, m: &RawMatch, bases: &[&str]) -> bool {
        let t = self.t;
        if !t.get(m.last_tok + 1).is_some_and(|o| o.is("of")) {
            return false;
        }
        (m.last_tok + 2..t.len())
            .find(|&k| !t[k].is_any(BASE_DETERMINERS))
            .is_some_and(|k| t[k].is_any(bases))
    }

    /// Whether a share ("70% of participants", "34%") is followed closely, in its clause, by
    /// the bar its people reached ("lost at least 10%", "lost ≥10%").
    fn share_reaching_bar(&self, m: &RawMatch) -> bool {
        self.figures
            .iter()
            .find(|f| f.quote_first > m.last_tok)
            .is_some_and(|f| {
                f.quote_first <= m.last_tok + 8
                    && self.clauses[f.first_tok] == self.clauses[m.last_tok]
                    && self.bounded_change(f)
            })
    }

    /// Whether a symptom cue stands right after a word of reducing it ("cut their headache
    /// days", "fewer headache days"): then it names what the treatment treats.
    pub(super) fn treated_symptom(&self, h: &Hit) -> bool {
        (h.start.saturating_sub(3)..h.start).any(|k| self.t[k].is_any(REDUCTION_WORDS))
    }

    fn has_percent_cue(&self, _m: &RawMatch, kind: ClaimKind) -> bool {
        self.hits.iter().any(|h| {
            let cue = &CUES[h.entry].means;
            cue.applies == Applies::Percent
                && cue.kind == kind
                && !negated(self.t, h.start.saturating_sub(4), h.start)
        })
    }

    /// Times: the first rule that matches, in order.
    fn time(&self, m: &RawMatch) -> ClaimKind {
        let rules: [fn(&Self, &RawMatch) -> Option<ClaimKind>; 29] = [
            Self::age,
            Self::illness_duration,
            Self::difference_in_days,
            Self::study_length,
            Self::counted_bar,
            Self::schedule,
            Self::worn_per_day,
            Self::per_sitting,
            Self::after_schedule,
            Self::before_sessions,
            Self::preparation,
            Self::cutoff,
            Self::reaction_fades,
            |s, m| s.takes_a_sitting(m).then_some(K::SessionDuration),
            |s, m| s.time_cue(m, K::RecoveryTime).map(|_| K::RecoveryTime),
            |s, m| s.time_cue(m, K::FollowUp).map(|_| K::FollowUp),
            Self::wait_to_see,
            Self::onset_by_lead,
            Self::session,
            Self::course_lasts,
            Self::worn_for,
            Self::used_for,
            Self::effect,
            Self::continued_treatment,
            Self::time_point,
            Self::of_course,
            Self::onset_or_course,
            |s, m| s.defines(m).then_some(K::DefinitionThreshold),
            |_, m| (m.value.unit == Unit::Minutes).then_some(K::SessionDuration),
        ];
        rules
            .iter()
            .find_map(|rule| rule(self, m))
            .unwrap_or(K::Other)
    }

    /// "every 2-6 weeks", "(Weeks 1–3)", "biweekly": a schedule by its shape. An interval of
    /// checks ("yearly check-ups", "an exam every six months") is a follow-up schedule.
    fn schedule(&self, m: &RawMatch) -> Option<ClaimKind> {
        let every = m.lead.is_some_and(|l| self.t[l].is("every"));
        let shaped = matches!(m.shape, Shape::Interval | Shape::Span | Shape::Rate);
        if !(every || shaped) {
            return None;
        }
        let interval = every || m.shape == Shape::Interval;
        let t = self.t;
        let checks = (m.quote_first.saturating_sub(3)..(m.last_tok + 4).min(t.len()))
            .filter(|&k| k < m.quote_first || k > m.last_tok)
            .any(|k| CHECKS.matches_at(t, k));
        Some(if interval && checks {
            K::FollowUp
        } else {
            K::TreatmentCourse
        })
    }

    /// "12 weeks of use", "six months of therapy": how long a treatment is taken (a time point
    /// such as "after 8 weeks of treatment, 60% responded" is read before).
    fn of_course(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let of = t.get(m.last_tok + 1).is_some_and(|o| o.is("of"));
        let course = t
            .get(m.last_tok + 2)
            .is_some_and(|n| n.is_any(COURSE_OF_NOUNS));
        (of && course).then_some(K::TreatmentCourse)
    }

    /// "six infusions within two weeks", "2-3 times per week for 6-12 weeks": a time right
    /// after a count of sessions or a frequency is the course's length.
    fn after_schedule(&self, m: &RawMatch) -> Option<ClaimKind> {
        let start = m.lead.unwrap_or(m.quote_first);
        let prev = self
            .figures
            .iter()
            .rev()
            .find(|f| f.last_tok < m.quote_first)?;
        let course_noun = prev.noun.is_some_and(|(_, c)| c == Some(NounClass::Course));
        let schedule = matches!(prev.shape, Shape::Rate | Shape::Interval) || course_noun;
        let between = start.saturating_sub(prev.last_tok + 1);
        (schedule && between <= 2).then_some(K::TreatmentCourse)
    }

    /// "lasts 4-6 weeks, for 36 total sessions", "over 6 weeks, 30 treatments in all": a time
    /// right before a count of sessions is the course's length (days and longer; "45 minutes,
    /// for six sessions" is a sitting).
    fn before_sessions(&self, m: &RawMatch) -> Option<ClaimKind> {
        let long = matches!(
            m.value.unit,
            Unit::Days | Unit::Weeks | Unit::Months | Unit::Years
        );
        let next = self.figures.iter().find(|f| f.quote_first > m.last_tok)?;
        let course_noun = next.noun.is_some_and(|(_, c)| c == Some(NounClass::Course));
        let joined = (m.last_tok + 1..next.quote_first)
            .all(|k| self.t[k].is_sym(',') || self.t[k].is_any(&["for", "with", "of", "in"]));
        let near = next.quote_first - m.last_tok <= 3;
        (long && course_noun && joined && near).then_some(K::TreatmentCourse)
    }

    /// "The build-up phase typically lasts three to six months", "the maintenance phase will
    /// last around three years": what lasts is a phase or course of treatment, so the time is
    /// the course's length, not how long an effect lasts ("the effects of treatment last six
    /// months" stays an effect).
    fn course_lasts(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let clause = self.clauses[m.first_tok];
        let verb = (m.quote_first.saturating_sub(4)..m.quote_first)
            .rev()
            .find(|&k| {
                self.clauses[k] == clause
                    && t[k].is_any(&["last", "lasts", "lasting", "lasted"])
                    && !(k > 0 && t[k - 1].is_any(LAST_ADJECTIVE_LEADS))
            })?;
        let subject = verb.saturating_sub(4)..verb;
        let course = subject.clone().any(|k| t[k].is_any(COURSE_SUBJECTS));
        let effect = subject.into_iter().any(|k| t[k].is_any(RESULT_WORDS));
        (course && !effect).then_some(K::TreatmentCourse)
    }

    /// "Compression stockings should be worn for 2 – 3 weeks": how long something is worn is a
    /// part of the course (hours a day are [`Self::worn_per_day`]).
    fn worn_for(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let long = matches!(
            m.value.unit,
            Unit::Days | Unit::Weeks | Unit::Months | Unit::Years
        );
        let lead = m.lead.unwrap_or(m.quote_first);
        let worn = (lead.saturating_sub(3)..lead.max(m.quote_first))
            .any(|k| t[k].is_any(&["worn", "wear", "wearing"]));
        (long && worn).then_some(K::TreatmentCourse)
    }

    /// "wear the aligners 20-22 hours per day", "worn 20 to 22 hours every day": hours of wear
    /// a day are part of the course, not one sitting.
    fn worn_per_day(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let next = t.get(m.last_tok + 1);
        let after = t.get(m.last_tok + 2);
        let daily = next.is_some_and(|w| w.is_any(WEAR_PERIODS))
            || (next.is_some_and(|w| w.is_any(&["per", "a", "every", "each"]))
                && after.is_some_and(|w| w.is_any(WEAR_PERIODS)));
        (m.value.unit == Unit::Hours && daily).then_some(K::TreatmentCourse)
    }

    /// "redness fades within a day or two", "swelling usually lasts less than 24 hours": how
    /// long a local reaction named before the time, in its clause, takes to clear.
    fn reaction_fades(&self, m: &RawMatch) -> Option<ClaimKind> {
        let clause = self.clauses[m.first_tok];
        (m.quote_first.saturating_sub(8)..m.quote_first)
            .any(|k| self.clauses[k] == clause && self.t[k].is_any(REACTION_WORDS))
            .then_some(K::RecoveryTime)
    }

    /// "20 to 40 dives of one or two hours each treatment", "45 minutes per session": a length
    /// stated per sitting is the sitting's length, even right after a count of sittings.
    fn per_sitting(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let short = matches!(m.value.unit, Unit::Minutes | Unit::Hours);
        let per = t
            .get(m.last_tok + 1)
            .is_some_and(|w| w.is_any(&["each", "per"]));
        let sitting = m.last_tok + 2 < t.len() && SITTINGS.matches_at(t, m.last_tok + 2);
        (short && per && sitting).then_some(K::SessionDuration)
    }

    /// "three hours prior to your appointment": preparation, not a measure of treatment.
    fn preparation(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let next = t.get(m.last_tok + 1)?;
        let mut k = m.last_tok + 2;
        if t.get(k).is_some_and(|w| w.is("to")) {
            k += 1;
        }
        // "before your appointment" is a preparation; "before anyone can tell" is a wait.
        let thing = t.get(k).is_some_and(|w| {
            w.is_any(&[
                "your",
                "the",
                "a",
                "an",
                "each",
                "every",
                "any",
                "their",
                "his",
                "her",
                "my",
                "our",
                "surgery",
                "treatment",
                "bed",
                "bedtime",
            ])
        });
        (next.is_any(BEFORE_WORDS) && thing).then_some(K::Other)
    }

    /// "within 72 hours of injury": a cut-off that defines a group of patients.
    fn cutoff(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let within = m.lead.is_some_and(|l| t[l].is("within"));
        let of = t.get(m.last_tok + 1).is_some_and(|o| o.is("of"));
        let event = t
            .get(m.last_tok + 2)
            .is_some_and(|e| e.is_any(CUTOFF_EVENTS) && !e.is("the"))
            || (t.get(m.last_tok + 2).is_some_and(|e| e.is("the"))
                && t.get(m.last_tok + 3)
                    .is_some_and(|e| e.is_any(CUTOFF_EVENTS)));
        (within && of && event).then_some(K::DefinitionThreshold)
    }

    /// "Each session lasts 45 minutes", "a 500 mg dose takes three to four hours": the length
    /// of one sitting (minutes and hours only).
    fn session(&self, m: &RawMatch) -> Option<ClaimKind> {
        // "at 24 hours", "after 2 hours": a time point, never a length.
        let point = m.lead.is_some_and(|l| {
            self.t[l].is_any(&["at", "after"])
                || (self.t[l].is("by") && !(l > 0 && self.t[l - 1].is("followed")))
        });
        let short = matches!(m.value.unit, Unit::Minutes | Unit::Hours) && !point;
        (short && self.time_cue(m, K::SessionDuration).is_some()).then_some(K::SessionDuration)
    }

    /// "Injections take 15 – 30 minutes, and most patients return to work at once": minutes
    /// or hours that something takes are one sitting, whatever the sentence says next ("takes
    /// 15 minutes to work" is an onset; "recovery takes two hours" a recovery).
    fn takes_a_sitting(&self, m: &RawMatch) -> bool {
        let t = self.t;
        let short = matches!(m.value.unit, Unit::Minutes | Unit::Hours);
        let Some(l) = m
            .lead
            .filter(|&l| t[l].is_any(&["take", "takes", "taking"]))
        else {
            return false;
        };
        let purpose = t
            .get(m.last_tok + 1)
            .is_some_and(|n| n.is_any(&["to", "for", "until", "before"]));
        let recovery = self
            .hits
            .iter()
            .any(|h| CUES[h.entry].means.kind == K::RecoveryTime && h.end <= l && h.end + 3 >= l);
        short && !purpose && !recovery
    }

    /// "beyond the age of 45", "adults aged 18 and over": an age that bounds who is meant is a
    /// cut-off (an age that only describes a group is no figure: [`Self::bare_age`]).
    fn age(&self, m: &RawMatch) -> Option<ClaimKind> {
        (m.shape == Shape::Index).then_some(K::DefinitionThreshold)
    }

    /// "10 min read": a post's reading time, a label of the page, not a claim.
    pub(super) fn reading_time(&self, m: &RawMatch) -> bool {
        m.value.unit == Unit::Minutes && self.t.get(m.last_tok + 1).is_some_and(|w| w.is("read"))
    }

    /// "Teens aged 13–17", "between the ages of 20 and 40": an age read after the word "age"
    /// that bounds nothing describes a group, like the label of a table row.
    pub(super) fn bare_age(&self, m: &RawMatch) -> bool {
        if m.shape != Shape::Index || m.value.unit != Unit::Years {
            return false;
        }
        let t = self.t;
        let before =
            (m.quote_first.saturating_sub(5)..m.quote_first).any(|k| t[k].is_any(AGE_BOUNDS));
        let and_over = t
            .get(m.last_tok + 1)
            .is_some_and(|w| w.is_any(&["and", "or"]))
            && t.get(m.last_tok + 2).is_some_and(|w| {
                w.is_any(&["over", "older", "up", "above", "under", "younger", "below"])
            });
        !(m.value.bound.is_some() || before || and_over)
    }

    /// "severe PTSD, with a median duration of 14 years": how long people have had their
    /// condition, a figure of the population. A duration named for something else ("a
    /// duration of response of 6 months", "a mean duration of follow-up of 3 years") is not.
    fn illness_duration(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let long = matches!(m.value.unit, Unit::Months | Unit::Years);
        // "duration of 14 years", "a history of about 9 years": "of" within the words before.
        let of_duration = (m.quote_first.saturating_sub(3)..m.quote_first)
            .any(|k| t[k].is("of") && k > 0 && t[k - 1].is_any(&["duration", "history"]));
        let condition = (0..m.quote_first).any(|k| is_condition_word(&t[k]));
        (long && of_duration && condition).then_some(K::Other)
    }

    /// "By age fifty, levels drop by half", "at age 40": an age that names a moment of life, no
    /// group of people, is no figure.
    pub(super) fn age_as_a_moment(&self, m: &RawMatch) -> bool {
        self.bare_age(m)
            && (m.quote_first.saturating_sub(3)..m.quote_first)
                .any(|k| self.t[k].is_any(&["by", "at"]))
    }

    /// "The average age of the patients was 46 years": a time in years that an average age
    /// states, however far the verb sets it from "age".
    pub(super) fn stated_age(&self, m: &RawMatch) -> bool {
        let t = self.t;
        let clause = self.clauses[m.first_tok];
        m.value.unit == Unit::Years
            && (m.quote_first.saturating_sub(8)..m.quote_first).any(|k| {
                t[k].is("age")
                    && self.clauses[k] == clause
                    && (k.saturating_sub(2)..k).any(|j| t[j].is_any(AVERAGE_WORDS))
            })
    }

    /// "9.2 fewer headache days", "30 more days without pain": a difference in a count of days,
    /// not how long anything takes.
    fn difference_in_days(&self, m: &RawMatch) -> Option<ClaimKind> {
        self.is_difference(m).then_some(K::Other)
    }

    /// Whether a time figure is a difference in a count of days: a comparative in its quote
    /// ("9.2 fewer headache days") or "by" after a verb of change ("reduced headache days by
    /// 10.7 days a month").
    pub(super) fn is_difference(&self, m: &RawMatch) -> bool {
        let t = self.t;
        let q = m.quote_first;
        m.value.unit.hours().is_some()
            && ((m.first_tok..=m.last_tok).any(|k| t[k].is_any(COMPARATIVE_COUNT_WORDS))
                || (q > 0 && t[q - 1].is("by") && self.after_change(q - 1)))
    }

    /// "in a 68-week study", "a two-year randomized trial": how long a study followed its
    /// patients, the time point its results are reported at.
    fn study_length(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let study = |k: usize| {
            t.get(k)
                .is_some_and(|w| w.is_any(&["study", "trial", "studies", "trials"]))
        };
        // One describing word may stand between ("a 68-week medical study"), not a preposition
        // ("two weeks after study entry" is a time point of its own).
        let adjective = |k: usize| {
            t.get(k).is_some_and(|w| {
                w.kind == TokKind::Word
                    && !w.is_any(&["after", "before", "of", "into", "in", "from", "since"])
            })
        };
        let next = m.last_tok + 1;
        (study(next) || (adjective(next) && study(next + 1))).then_some(K::FollowUp)
    }

    /// "To be considered compliant, the mask must be worn at least 4 hours per night": a lower
    /// bound on a time, in a sentence that says what counts, is the bar.
    fn counted_bar(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let window = m.quote_first.saturating_sub(12)..m.quote_first;
        let defined = window.clone().any(|k| DEFINING.matches_at(t, k));
        // "Success is defined as remaining in function over a five-year period": a time inside
        // a definition is part of it, bound or not.
        let defined_as = window.into_iter().any(|k| {
            t[k].is_any(&["defined", "define", "defines"])
                && t.get(k + 1).is_some_and(|a| a.is("as"))
        });
        ((m.value.bound == Some(Bound::AtLeast) && defined) || defined_as)
            .then_some(K::DefinitionThreshold)
    }

    /// "wait about two months after your last treatment to see your final results", "(up to 1
    /// year) to make the hormone take effect": the time until an effect shows, stated as a wait
    /// for it.
    fn wait_to_see(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let clause = self.clauses[m.first_tok];
        let to = (m.last_tok + 1..(m.last_tok + 9).min(t.len()))
            .take_while(|&k| self.clauses[k] == clause && !t[k].is_sym(','))
            .find(|&k| t[k].is("to") && !t[k - 1].is("up"))?;
        (to + 1..(to + 6).min(t.len()))
            .any(|k| t[k].is_any(WAIT_FOR_WORDS))
            .then_some(K::OnsetTime)
    }

    /// "The men used the gel for 2 years", "took the tablets for six months": how long a
    /// treatment was used is the course.
    fn used_for(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let l = m.lead.filter(|&l| t[l].is("for"))?;
        (l.saturating_sub(5)..l)
            .any(|k| t[k].is_any(USE_VERBS) && self.clauses[k] == self.clauses[l])
            .then_some(K::TreatmentCourse)
    }

    /// Whether a cue names what a time is counted from ("24 hours after an infusion"), not what
    /// lasts that long.
    fn measured_from(&self, h: &Hit) -> bool {
        let from = ["after", "following", "since", "post", "before"];
        (h.start > 0 && self.t[h.start - 1].is_any(&from))
            || (h.start > 1 && self.t[h.start - 2].is_any(&from))
    }

    /// "lasts approximately 3 months", "relief for six months to a year", "results last up to
    /// six months": how long an effect lasts.
    fn effect(&self, m: &RawMatch) -> Option<ClaimKind> {
        if self.time_cue(m, K::EffectDuration).is_some() {
            return Some(K::EffectDuration);
        }
        let t = self.t;
        let for_lead = m.lead.is_some_and(|l| t[l].is("for"));
        let results = (0..t.len()).any(|k| {
            (k < m.quote_first || k > m.last_tok)
                && t[k].is_any(RESULT_WORDS)
                && self.distance(m, k, k + 1) <= 10
        });
        let up_to =
            m.value.bound == Some(Bound::AtMost) && m.lead.is_none_or(|l| !t[l].is("within"));
        ((for_lead || up_to) && results).then_some(K::EffectDuration)
    }

    /// "continuing semaglutide after 20 weeks": how long a treatment was taken.
    fn continued_treatment(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        (m.quote_first.saturating_sub(4)..m.quote_first)
            .any(|k| {
                t[k].is_any(&["continuing", "taking", "staying"])
                    && self.clauses[k] == self.clauses[m.first_tok]
            })
            .then_some(K::TreatmentCourse)
    }

    /// Whether a time is counted from the start of something: "a month from the treatment",
    /// "12 weeks from baseline". A span "from 2 to 6 weeks" has the time after "from", not
    /// before it.
    fn counted_from_start(&self, m: &RawMatch) -> bool {
        let t = self.t;
        let from = t.get(m.last_tok + 1).is_some_and(|w| w.is("from"));
        let start = (m.last_tok + 2..(m.last_tok + 5).min(t.len()))
            .take_while(|&k| matches!(t[k].kind, TokKind::Word))
            .any(|k| t[k].is_any(FROM_STARTS));
        from && start
    }

    /// "a 15% weight loss at 16 months", "response at 24 hours was 64%", "regained weight over
    /// the subsequent 48 weeks": the time point an outcome is reported at.
    fn time_point(&self, m: &RawMatch) -> Option<ClaimKind> {
        let t = self.t;
        let clause = self.clauses[m.first_tok];
        // A rate, or a difference in days ("9.2 fewer headache days after 12 weeks"), is an
        // outcome a time can be the time point of.
        let rate_in_clause = self.figures.iter().any(|f| {
            (f.value.unit == Unit::Percent || self.is_difference(f))
                && self.clauses[f.first_tok] == clause
        });
        // "64% met response criteria 24 hours after the infusion": when a rate was measured.
        // "2 out of 3 patients reported a year later that they were still well": "later" too,
        // and "from" counting from a start ("50% in a month from the last session").
        let measured_after = t
            .get(m.last_tok + 1)
            .is_some_and(|a| a.is_any(&["after", "post", "following", "later"]))
            || self.counted_from_start(m);
        if measured_after && rate_in_clause {
            return Some(K::FollowUp);
        }
        let lead = m.lead.map(|l| &t[l])?;
        let outcome_near = self.cues(m, Applies::Percent).any(|(d, h)| {
            let kind = CUES[h.entry].means.kind;
            d <= 10
                && matches!(
                    kind,
                    K::WeightLoss | K::RemissionRate | K::RelapseRate | K::SuccessRate
                )
        });
        // "superior to midazolam at 24 hours": a result at a time point.
        let at = lead.is_any(&["at", "by"]);
        let after = (m.last_tok + 1..(m.last_tok + 9).min(t.len()))
            .take_while(|&k| self.clauses[k] == clause);
        let result_near = (m.quote_first.saturating_sub(6)..m.quote_first)
            .chain(after)
            .any(|k| {
                t[k].is_any(&[
                    "superior",
                    "inferior",
                    "better",
                    "worse",
                    "compared",
                    "versus",
                    "than",
                    "significant",
                    "significantly",
                ])
            });
        let over = lead.is_any(&["over", "after", "during"]);
        // "At 16 weeks, …": a sentence that opens on a time point reports what follows at it.
        let opening =
            at && m.lead == Some(0) && t.get(m.last_tok + 1).is_some_and(|c| c.is_sym(','));
        ((at || over) && (rate_in_clause || outcome_near) || at && result_near || opening)
            .then_some(K::FollowUp)
    }

    /// "within 24 hours", "may take 4–6 weeks": how soon it works, by the word that governs it.
    fn onset_by_lead(&self, m: &RawMatch) -> Option<ClaimKind> {
        let lead = m.lead.map(|l| &self.t[l]);
        let long = m.value.unit >= Unit::Days && m.value.unit <= Unit::Years;
        let within = lead.is_some_and(|l| l.is("within"));
        let take = lead.is_some_and(|l| l.is_any(&["take", "takes", "taking"])) && long;
        // "treatments usually take 12-18 months": the course's length, not an onset.
        let course = take
            && m.lead.is_some_and(|l| {
                (l.saturating_sub(3)..l).any(|k| self.t[k].is_any(COURSE_SUBJECTS))
            });
        if course {
            return Some(K::TreatmentCourse);
        }
        (within || take).then_some(K::OnsetTime)
    }

    /// "2-5 days to start working" (onset) or "a series of treatments over two to three weeks"
    /// (a course's length): the nearer cue decides, onset on a tie.
    fn onset_or_course(&self, m: &RawMatch) -> Option<ClaimKind> {
        match (
            self.time_cue(m, K::OnsetTime),
            self.time_cue(m, K::TreatmentCourse),
        ) {
            (Some(o), Some(c)) if c < o => Some(K::TreatmentCourse),
            (Some(_), _) => Some(K::OnsetTime),
            (None, Some(_)) => Some(K::TreatmentCourse),
            (None, None) => None,
        }
    }

    /// Whether figure `m` follows a comparison word closely ("than semaglutide's 15-17%"), or
    /// stands in brackets after a group the comparison names ("than those in the midazolam
    /// group (20 percent)").
    pub(super) fn follows_comparison(&self, m: &RawMatch) -> bool {
        let t = self.t;
        let q = m.quote_first;
        if (q.saturating_sub(3)..q).any(|k| t[k].is_any(COMPARISON_WORDS)) {
            return true;
        }
        let bracketed = q >= 2 && t[q - 1].is_sym('(');
        let after_group = bracketed && t[q - 2].is_any(&["group", "groups", "arm", "arms"]);
        after_group
            && (q.saturating_sub(9)..q - 2)
                .rev()
                .take_while(|&k| !t[k].is_sym(',') && !t[k].is_sym(';') && !t[k].is_sym(')'))
                .any(|k| t[k].is_any(COMPARISON_WORDS))
    }

    /// Whether an outcome cue follows the figure closely ("28% responded").
    pub(super) fn own_cue_after(&self, m: &RawMatch) -> bool {
        self.hits.iter().any(|h| {
            let cue = &CUES[h.entry].means;
            cue.applies == Applies::Percent
                && cue.kind != K::Prevalence
                && h.start > m.last_tok
                && h.start <= m.last_tok + 3
        })
    }
}

/// The tokens of a "who …" or "that …" clause right after a figure's "of patients", up to the
/// next comma or clause word: its words describe the population.
fn who_clause(t: &[Tok<'_>], m: &RawMatch) -> Option<std::ops::Range<usize>> {
    let mut k = m.last_tok + 1;
    if !t.get(k).is_some_and(|o| o.is("of")) {
        return None;
    }
    k += 1;
    while t
        .get(k)
        .is_some_and(|w| !w.is_any(&["who", "that", "with"]) && !w.is_sym(','))
        && k < m.last_tok + 5
    {
        k += 1;
    }
    if !t.get(k).is_some_and(|w| w.is_any(&["who", "that"])) {
        return None;
    }
    let end = (k + 1..t.len())
        .find(|&j| {
            t[j].is_sym(',')
                || t[j].is_any(&[
                    "experience",
                    "experienced",
                    "had",
                    "have",
                    "report",
                    "reported",
                    "show",
                    "showed",
                    "achieve",
                    "achieved",
                    "find",
                    "found",
                    "see",
                    "saw",
                    "feel",
                    "felt",
                ])
        })
        .unwrap_or(t.len());
    Some(k..end)
}

/// Whether a negation stands between tokens `from` and `to`, within four tokens of `to`.
fn negated(t: &[Tok<'_>], from: usize, to: usize) -> bool {
    (from.max(to.saturating_sub(4))..to).any(|j| t[j].is_any(NEGATIONS))
}

/// The outcome of a success cue, in the page's words where they name one ("live birth",
/// "pregnancy", "20/20", "permanent hair loss"). A pregnancy is not a birth: "46% had a
/// positive pregnancy test" states no live-birth rate, and "a multiple pregnancy" is a
/// pregnancy of its own kind.
fn success_outcome(t: &[Tok<'_>], hit: &Hit) -> &'static str {
    let w = t[hit.start].lower;
    let multiple = hit.start > 0 && t[hit.start - 1].is_any(&["multiple", "twin"]);
    if w.starts_with("baby") || w.starts_with("babies") || w == "live" {
        "live birth"
    } else if w.starts_with("pregnan") && multiple {
        "multiple pregnancy"
    } else if w.starts_with("pregnan") {
        "pregnancy"
    } else if w == "20" {
        "20/20 vision"
    } else if w.starts_with("permanent") {
        "permanent result"
    } else {
        "success"
    }
}

/// The side effect a cue names ("nausea"), or "side effects".
fn side_effect_outcome(t: &[Tok<'_>], hit: &Hit) -> &'static str {
    const NAMED: &[&str] = &[
        "nausea",
        "vomiting",
        "diarrhea",
        "constipation",
        "headache",
        "dizziness",
        "bruising",
        "swelling",
        "dissociation",
        "hallucinations",
        "drowsiness",
        "infection",
    ];
    let w = t[hit.start].lower;
    NAMED
        .iter()
        .find(|n| w.starts_with(&n[..n.len().min(5)]))
        .copied()
        .unwrap_or("side effects")
}

/// A clause number for every token: clauses end at ";", ":", "—" and words that turn the
/// sentence ("whereas", "while", "but", "compared", "versus", "yet").
pub(super) fn clause_ids(t: &[Tok<'_>]) -> Vec<u16> {
    let mut id = 0u16;
    (0..t.len())
        .map(|k| {
            let tok = &t[k];
            // An em dash between two numbers is a range ("60—65"), elsewhere a break.
            let dash_break = tok.is_sym('—')
                && !(k > 0
                    && t[k - 1].num().is_some()
                    && t.get(k + 1).is_some_and(|n| n.num().is_some()));
            // "more than a year" is a bound, "higher than semaglutide's" a comparison; "lower
            // than 350 ng/dL", with the number right after, is a bound too.
            let bound_than = tok.is("than")
                && k > 0
                && (t[k - 1].is_any(&["more", "less", "fewer", "greater", "longer", "shorter"])
                    || (t[k - 1].is_any(&["lower", "higher", "older", "younger"])
                        && t.get(k + 1).is_some_and(|n| n.num().is_some())));
            if tok.is_sym(';')
                || tok.is_sym(':')
                || dash_break
                || (tok.is_any(CLAUSE_WORDS) && !bound_than)
            {
                id = id.saturating_add(1);
            }
            id
        })
        .collect()
}
