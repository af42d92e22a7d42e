//! One sentence of an abstract: its figures read in context (role, arm, outcome words, time
//! point, stage), then read together (thresholds, "respectively", "vs" pairs, lists, totals).

use std::ops::Range;

use super::super::dose;
use super::super::text::{self, Class, Tok};
use super::super::vocab;
use super::arms::{arm_mentions, attach};
use super::bare;
use super::doses::Doses;
use super::implied::{implied_counts, Item};
use super::time::{self, time_mentions, TimeMention};
use super::{Reading, RecordIndex, Role, Section};
use crate::model::{Bound, ClaimKind, Unit, Value};

pub(super) struct SentenceReader<'a> {
    index: &'a RecordIndex,
    i: usize,
    section: Section,
    t: &'a [Tok],
    lists: &'a mut usize,
    /// Arm mentions: (token, arm index).
    mentions: Vec<(usize, usize)>,
    times: Vec<TimeMention>,
    /// Depth of brackets at each token (0 outside).
    depth: Vec<u8>,
    /// The bracket each token is in: the index of its opening token, or `usize::MAX` outside.
    group: Vec<usize>,
}

impl<'a> SentenceReader<'a> {
    pub(super) fn new(
        index: &'a RecordIndex,
        i: usize,
        t: &'a [Tok],
        lists: &'a mut usize,
    ) -> Self {
        let s = &index.sentences[i];
        let mut depth = Vec::with_capacity(t.len());
        let mut group = Vec::with_capacity(t.len());
        let mut open: Vec<usize> = Vec::new();
        for (k, w) in t.iter().enumerate() {
            if w.is_punct(')') || w.is_punct(']') {
                open.pop();
            }
            depth.push(u8::try_from(open.len()).unwrap_or(u8::MAX));
            group.push(open.last().copied().unwrap_or(usize::MAX));
            if w.is_punct('(') || w.is_punct('[') {
                open.push(k);
            }
        }
        SentenceReader {
            index,
            i,
            section: s.section,
            t,
            lists,
            mentions: arm_mentions(&index.arms, t),
            times: time_mentions(t),
            depth,
            group,
        }
    }

    pub(super) fn read(&mut self) -> Vec<Reading> {
        let items = self.items();
        let spans: Vec<(usize, usize, bool)> = items
            .iter()
            .map(|it| (it.first, it.last, it.value.unit == Unit::Percent))
            .collect();
        let arms = attach(self.t, &self.depth, &self.mentions, &spans, &|k| {
            self.clause(k)
        });
        let mut out: Vec<Reading> = items
            .iter()
            .zip(arms)
            .enumerate()
            .map(|(j, (it, arm))| {
                // The figure's own phrase starts after the figure before it.
                let from = j.checked_sub(1).map_or(0, |p| items[p].last + 1);
                self.reading(it, arm, from)
            })
            .collect();
        self.outcomes_and_times(&items, &mut out);
        self.assign_thresholds(&items, &mut out);
        self.assign_groups(&items, &mut out);
        let doses = Doses {
            t: self.t,
            depth: &self.depth,
            arms: &self.mentions,
            listed: &self.index.listed_doses,
        };
        doses.assign(&items, &mut out);
        // A control has no dose: "46% in the 12-mg group, as compared with 2% in the placebo
        // group" puts the 46% next to the placebo's name, but its dose says whose it is.
        for r in &mut out {
            if r.dose.is_some() && r.arm.is_some_and(|a| self.index.arms[a].control) {
                r.arm = None;
            }
        }
        self.mark_lists(&items, &mut out);
        // A gap between arms ("for X vs placebo = 46.0%") is no one arm's, whichever arm is
        // named last before it.
        for r in &mut out {
            if r.difference {
                r.arm = None;
            }
        }
        out.extend(self.arm_totals(&items, &out));
        out
    }

    /// The scanner's figures (those that start and end on word boundaries) and the counts the
    /// sentence implies.
    fn items(&self) -> Vec<Item> {
        let t = self.t;
        let mut items: Vec<Item> = self.index.sentences[self.i]
            .figures
            .iter()
            .filter_map(|f| {
                let first = t.iter().position(|w| w.range.end > f.range.start)?;
                let last = t.iter().rposition(|w| w.range.start < f.range.end)?;
                let mut item = Item {
                    range: f.range.clone(),
                    value: f.value.clone(),
                    kind: f.kind,
                    first,
                    last,
                };
                // "cm2 in 9-beam" read as "2 in 9": a figure that starts inside a word is a
                // misreading, unless it is the tail of a grouped number ("17 922").
                let inside = t[first].range.start != f.range.start;
                if first > last || (inside && !widen_grouped_number(t, &mut item)) {
                    return None;
                }
                Some(item)
            })
            .collect();
        for it in &mut items {
            // "301 medication-free patients": a count of people, whatever noun came first.
            if it.value.unit == Unit::Count && counts_people(t, it) {
                it.kind = ClaimKind::SampleSize;
            }
        }
        bare::means_for_sds(t, &mut items);
        let implied = implied_counts(t, &items);
        items.extend(implied);
        items.sort_by_key(|it| it.first);
        let bare = bare::bare_results(t, &items);
        items.extend(bare);
        items.sort_by_key(|it| it.first);
        items
    }

    fn reading(&self, it: &Item, arm: Option<usize>, phrase_start: usize) -> Reading {
        let role = self.role(it);
        Reading {
            sentence: self.i,
            range: it.range.clone(),
            value: it.value.clone(),
            kind: it.kind,
            role,
            section: self.section,
            arm,
            // "29 of 31 eligible RCTs": the studies it counts are what it measures, though the
            // noun is part of the figure (or of the next one) and so never an outcome word.
            outcome: if it.value.unit == Unit::Count && self.counts_studies(it) {
                vec!["study".to_owned()]
            } else {
                Vec::new()
            },
            threshold: None,
            time_point: None,
            // "−2.1 vs −1.8" in a sentence about those randomized: only counts of people
            // have a stage.
            stage: (role == Role::Size).then(|| self.stage(it)).flatten(),
            sex: self.sex(it),
            list: None,
            derived: None,
            amount: self.is_amount(it, phrase_start),
            difference: self.is_difference(it),
            dose: None,
        }
    }

    /// "an estimated treatment difference of -12.4 percentage points", "the difference between
    /// the groups was 6.6": the figure is the value of a difference between arms (the word
    /// before it, past its sign, is "of" or "was" and a difference is named just before in its
    /// clause). Not "a significant difference in weight loss: 14.9% vs 2.4%".
    fn is_difference(&self, it: &Item) -> bool {
        let t = self.t;
        let clause = self.clause(it.first);
        let sign = |w: &Tok| bare::SIGNS.iter().any(|&c| w.is_punct(c));
        let mut k = it.first;
        while k > clause.start && sign(&t[k - 1]) {
            k -= 1;
        }
        if k > clause.start && (t[k - 1].is_punct('=') || t[k - 1].is_punct(':')) {
            // "for finasteride vs placebo = 46.0%"; "(estimated treatment difference [ETD]:
            // −12.4%)", where the difference is named right before, past its abbreviation.
            // Not "a difference in weight loss: 11.8% with X versus 3.0% with Y", which goes
            // on to give each arm's own result.
            let mut j = k - 1;
            while j > clause.start && (t[j - 1].is_punct(']') || t[j - 1].is_punct(')')) {
                j = (clause.start..j - 1)
                    .rfind(|&o| t[o].is_punct('[') || t[o].is_punct('('))
                    .unwrap_or(clause.start);
            }
            return self.arms_compared_before(k - 1)
                || (j > clause.start && t[j - 1].is_any(vocab::DIFFERENCE_NOUNS));
        }
        if k == clause.start || !t[k - 1].is_any(&["of", "was", "were", "is"]) {
            return false;
        }
        (clause.start.max(k.saturating_sub(12))..k - 1)
            .any(|j| t[j].is_any(vocab::DIFFERENCE_NOUNS))
    }

    /// "net increase for finasteride vs placebo = 46.0%": two different arms set against each
    /// other ("A vs B", "A versus B") just before token `eq` (an "=" or ":"), so the figure
    /// after it is their difference. Not "placebo: 12%" or "vs placebo = 3%", which name one
    /// arm.
    fn arms_compared_before(&self, eq: usize) -> bool {
        let t = self.t;
        let arm_at = |k: usize| self.mentions.iter().find(|(m, _)| *m == k).map(|(_, a)| *a);
        let Some(vs) = (eq.saturating_sub(4)..eq).rfind(|&k| t[k].is_any(&["vs", "versus"])) else {
            return false;
        };
        let right = (vs + 1..eq).find_map(arm_at);
        let left = (vs.saturating_sub(4)..vs).rev().find_map(arm_at);
        matches!((left, right), (Some(l), Some(r)) if l != r)
    }

    /// "the mean change in body weight was -12.4%", "a median of 8.4 kg": an amount, not a
    /// share of participants ("63.2% of the patients").
    fn is_amount(&self, it: &Item, phrase_start: usize) -> bool {
        let t = self.t;
        let share = (it.last + 1..(it.last + 6).min(t.len()))
            .take_while(|&k| !t[k].is_punct(',') && !t[k].is_punct(';'))
            .any(|k| {
                // "19.8% of men who received testosterone": men and women are people too.
                let c = text::canon(&t[k].lower);
                matches!(c.as_str(), "participant" | "male" | "female")
                    || t[k].is_any(&["sample", "cohort", "those", "group", "arm"])
            });
        let clause = self.clause(it.first);
        let measured = (clause.start.max(phrase_start)..it.first).any(|k| {
            t[k].is_any(&[
                "mean",
                "median",
                "average",
                "change",
                "difference",
                "reduction",
                "decrease",
                "increase",
            ])
        });
        // "$43.8 billion (47.2%)": a share of a sum of money, not of people.
        let money = it.first >= 2
            && (t[it.first - 1].is_punct('(') || t[it.first - 1].is_punct('['))
            && (it.first.saturating_sub(6)..it.first - 1).any(|k| {
                t[k].is_punct('$')
                    || t[k].is_punct('€')
                    || t[k].is_punct('£')
                    || t[k].is_any(&["dollars", "usd", "eur", "euros"])
            });
        // "6.4 ± 0.9% in the gastric-bypass group": a mean given with its spread is a level,
        // whatever group it is stated for.
        let spread = (it.first..(it.last + 2).min(t.len())).any(|k| t[k].is_punct('±'));
        (measured && !share) || money || spread
    }

    // --- role -------------------------------------------------------------------------------

    fn role(&self, it: &Item) -> Role {
        if self.is_interval(it) {
            return Role::Interval;
        }
        if self.is_criterion(it) {
            return Role::Criterion;
        }
        if it.kind == ClaimKind::SampleSize
            || (it.value.unit == Unit::Count && self.counts_studies(it))
        {
            return Role::Size;
        }
        if self.is_baseline(it) {
            return Role::Baseline;
        }
        match self.section {
            Section::Background | Section::Objective => Role::Context,
            Section::Methods => Role::Protocol,
            _ if matches!(
                it.kind,
                ClaimKind::Dose | ClaimKind::TreatmentCourse | ClaimKind::SessionDuration
            ) =>
            {
                Role::Protocol
            }
            _ => Role::Result,
        }
    }

    /// "29 of 31 eligible RCTs", "39 trials".
    fn counts_studies(&self, it: &Item) -> bool {
        (it.last..(it.last + 4).min(self.t.len())).any(|k| text::canon(&self.t[k].lower) == "study")
    }

    /// "95% CI", "(95% confidence interval, 0.33 to 0.63)": the interval's level or a limit.
    fn is_interval(&self, it: &Item) -> bool {
        let t = self.t;
        let names_interval = |k: usize| t[k].is_any(&["ci", "cis", "confidence", "credible"]);
        // "95% CI" names the figure as the level; "9.91% (CI, 8.09% to 11.73%)" gives the
        // figure's own interval in a bracket after it, so the figure is the estimate.
        let after = (it.last + 1..(it.last + 3).min(t.len()))
            .take_while(|&k| !t[k].is_punct('(') && !t[k].is_punct('['))
            .any(names_interval);
        // Inside a bracket that names an interval before the figure.
        let d = self.depth[it.first];
        let inside = d > 0
            && (0..it.first)
                .rev()
                .take_while(|&k| self.depth[k] >= d)
                .any(names_interval);
        after || inside
    }

    /// A threshold, a definition or an eligibility rule, not a result.
    fn is_criterion(&self, it: &Item) -> bool {
        let t = self.t;
        let v = &it.value;
        let bounded = v.bound.is_some() || self.symbol_bound(it.first);
        let defining = self
            .clause(it.first)
            .any(|k| t[k].is_any(vocab::CRITERION_WORDS));
        // "a ≥50% reduction", "at least 5% of their body weight", "a reduction of 50%".
        let after = it.last + 1..(it.last + 4).min(t.len());
        let change_noun = after
            .clone()
            .take_while(|&k| !t[k].is_punct(',') && !t[k].is_punct(';'))
            .any(|k| t[k].is_any(vocab::CHANGE_NOUNS))
            || (it.first >= 2
                && t[it.first - 1].is("of")
                && t[it.first - 2].is_any(vocab::CHANGE_NOUNS))
            || self.follows_loss_verb(it.first)
            || self.follows_change_noun(it.first);
        // "less than half of patients", "more than 50% of the sample": a share of people.
        let of_people = (it.first..after.end).any(|k| {
            text::canon(&t[k].lower) == "participant" || t[k].is_any(&["sample", "cohort"])
        });
        if of_people {
            return false;
        }
        if v.unit != Unit::Percent && v.unit != Unit::Count {
            // "HAM-D scores of 10 or less", "a BMI of at least 30": only where defined.
            return defining && bounded && !self.section.reports_results();
        }
        (bounded && change_noun)
            || (defining && (bounded || change_noun))
            || (bounded && self.section == Section::Methods)
    }

    /// "lost 20% or more", "lost at least 10%": a bound after a verb of losing is how much
    /// was lost, the threshold of a share.
    fn follows_loss_verb(&self, first: usize) -> bool {
        let t = self.t;
        let bound_words = ["at", "least", "more", "than", "over", "≥", ">"];
        let k = (0..first).rev().find(|&k| !t[k].is_any(&bound_words));
        k.is_some_and(|k| t[k].is_any(&["lost", "lose", "losing", "shed"]))
    }

    /// "weight loss ≥5%, ≥10%, ≥15% and ≥20%": a bound right after a noun of change, or in a
    /// list of bounds that follows one, is the change's threshold (the caller checks the
    /// bound). Not "loss was greater with semaglutide (≥5%: …)", where a word stands between.
    fn follows_change_noun(&self, first: usize) -> bool {
        let t = self.t;
        let listed = |w: &Tok| {
            w.class == Class::Number
                || w.is_any(&["and", "or"])
                || ['%', ',', '≥', '>', '#'].iter().any(|&c| w.is_punct(c))
        };
        let k = (0..first).rev().find(|&k| !listed(&t[k]));
        k.is_some_and(|k| t[k].is_any(vocab::CHANGE_NOUNS) && !t[k].is("weight"))
    }

    /// "≥", "> or =", "≤": a bound written as a symbol just before the figure.
    fn symbol_bound(&self, first: usize) -> bool {
        let t = self.t;
        (first.saturating_sub(3)..first).any(|k| {
            t[k].is_punct('≥') || t[k].is_punct('≤') || t[k].is_punct('>') || t[k].is_punct('<')
        })
    }

    /// "At baseline, the mean BMI was 38.3", "78.5% of the patients were women".
    fn is_baseline(&self, it: &Item) -> bool {
        let t = self.t;
        let time_point = it.value.unit.hours().is_some()
            && it
                .first
                .checked_sub(1)
                .is_some_and(|k| t[k].is_any(&["at", "after", "by", "to", "and"]));
        if time_point {
            // "assessed at baseline and at 2 months": a schedule, not a characteristic.
            return false;
        }
        let clause: Vec<usize> = self.clause(it.first).collect();
        let opens_with_baseline = t.len() > 2 && t[0].is("at") && t[1].is("baseline");
        let baseline_word = clause.iter().any(|&k| {
            t[k].is_any(vocab::BASELINE_WORDS)
                && !k
                    .checked_sub(1)
                    .is_some_and(|p| t[p].is_any(vocab::CHANGE_FROM_WORDS))
        });
        let changed = clause.iter().any(|&k| {
            t[k].is_any(&[
                "increased",
                "decreased",
                "reduced",
                "improved",
                "change",
                "reduction",
            ])
        });
        let describes_sample = clause.iter().any(|&k| t[k].is_any(&["age", "aged"]))
            || (it.last + 1..(it.last + 6).min(t.len())).any(|k| {
                t[k].is_any(&["were", "was"])
                    && t.get(k + 1).is_some_and(|n| {
                        n.is_any(&["women", "men", "female", "male", "white", "black"])
                    })
            });
        (opens_with_baseline || baseline_word || describes_sample) && !changed
    }

    /// The tokens of the clause holding token `k`: bounded by ";" and by ", and", ", but",
    /// "whereas", "while" in the same bracket as `k` or outside it ("(54%; 136/253)" splits only
    /// what is inside its brackets).
    fn clause(&self, k: usize) -> Range<usize> {
        let t = self.t;
        let encloses = |j: usize| {
            let g = self.group[j];
            g == usize::MAX || g == self.group[k] || self.encloses(g, k)
        };
        let boundary = |j: usize| {
            encloses(j)
                && (t[j].is_punct(';')
                    || t[j].is_any(&["whereas", "while"])
                    || (t[j].is_punct(',')
                        && t.get(j + 1)
                            .is_some_and(|n| n.is_any(&["and", "but", "whereas", "while"]))))
        };
        let start = (0..k).rev().find(|&j| boundary(j)).map_or(0, |j| j + 1);
        let end = (k..t.len()).find(|&j| boundary(j)).unwrap_or(t.len());
        start..end
    }

    /// Whether the bracket opened at token `g` holds token `k`.
    fn encloses(&self, g: usize, k: usize) -> bool {
        let mut at = self.group[k];
        while at != usize::MAX {
            if at == g {
                return true;
            }
            at = self.group[at];
        }
        false
    }

    // --- stage, sex, outcome words, time points ---------------------------------------------

    fn stage(&self, it: &Item) -> Option<vocab::Stage> {
        if it.value.unit != Unit::Count {
            return None;
        }
        let clause = self.clause(it.first);
        clause
            .clone()
            .filter_map(|k| vocab::stage(&self.t[k].lower).map(|s| (k, s)))
            .min_by_key(|(k, _)| distance(*k, it.first, it.last))
            .map(|(_, s)| s)
    }

    /// "122 female and 103 male subjects": the sex a count is about.
    fn sex(&self, it: &Item) -> Option<&'static str> {
        if it.value.unit != Unit::Count {
            return None;
        }
        let t = self.t;
        (it.last + 1..(it.last + 2).min(t.len()))
            .chain(it.first..=it.last)
            .map(|k| text::canon(&t[k].lower))
            .find_map(|w| match w.as_str() {
                "female" => Some("female"),
                "male" => Some("male"),
                _ => None,
            })
    }

    /// Each word of a clause belongs to one figure of each unit: between two figures, the words
    /// before the last "and", comma or comparison word describe the first, the rest the second
    /// ("78.5% of the patients were women and 61.2% had prediabetes"). A time point belongs to
    /// the nearest percentage (else the nearest figure); a sentence that opens with a time
    /// ("At 6 months, …") gives it to every figure that has none.
    fn outcomes_and_times(&self, items: &[Item], out: &mut [Reading]) {
        let t = self.t;
        for k in 0..t.len() {
            let Some(c) = self.outcome_word(k, items) else {
                continue;
            };
            let families: [&dyn Fn(&Item) -> bool; 3] = [
                &|it: &Item| it.value.unit == Unit::Percent,
                &|it: &Item| it.value.unit == Unit::Count,
                &|it: &Item| !matches!(it.value.unit, Unit::Percent | Unit::Count),
            ];
            for family in families {
                for j in self.word_owners(k, items, family) {
                    if !out[j].outcome.contains(&c) {
                        out[j].outcome.push(c.clone());
                    }
                }
            }
        }
        for m in &self.times {
            let is_time_item = |it: &Item| it.value.unit.hours().is_some();
            if items
                .iter()
                .any(|it| !is_time_item(it) && (it.first..=it.last).contains(&m.at))
            {
                continue;
            }
            let near = |family: &dyn Fn(&Item) -> bool| {
                let clause = self.clause(m.at);
                items
                    .iter()
                    .enumerate()
                    .filter(|(_, it)| family(it) && clause.contains(&it.first))
                    .map(|(j, it)| (distance(m.at, it.first, it.last), j))
                    .filter(|(d, _)| *d > 0 && *d <= 20)
                    .min()
                    .map(|(_, j)| j)
            };
            let owner = near(&|it: &Item| it.value.unit == Unit::Percent)
                .or_else(|| near(&|it: &Item| !is_time_item(it)));
            if let Some(j) = owner {
                if out[j].time_point.is_none() {
                    out[j].time_point = Some(m.value.clone());
                }
            }
        }
        let opening = self
            .times
            .iter()
            .find(|m| m.at <= 3)
            .map(|m| m.value.clone());
        for (j, r) in out.iter_mut().enumerate() {
            if r.time_point.is_none() && items[j].value.unit.hours().is_none() {
                r.time_point.clone_from(&opening);
            }
            // Only results are reported at a time point; a sample size or a dose is not.
            if !matches!(r.role, Role::Result | Role::Baseline) {
                r.time_point = None;
            }
            // A figure's own words name its kind when the scanner looked further away
            // ("Sustained response occurred in 79%, and remission …").
            let named: Vec<ClaimKind> = r.outcome.iter().filter_map(|w| outcome_kind(w)).collect();
            if r.role == Role::Result && named.len() == 1 && r.value.unit == Unit::Percent {
                r.kind = named[0];
            }
        }
    }

    /// The figures (of those `family` accepts) that word `k` describes: a phrase that opens a
    /// clause frames all its figures ("Among patients in stable remission, relapse occurred in
    /// A% … and B% …": both are relapse rates in stable remission), the subject of the first
    /// figure frames the figures up to the first that has words of its own ("SOL improved by
    /// 19 minutes, WASO improved by 26 minutes": SOL is not the 26's); between two figures, the
    /// words before the last "and", comma or comparison word describe the first, the rest the
    /// second.
    fn word_owners(&self, k: usize, items: &[Item], family: &dyn Fn(&Item) -> bool) -> Vec<usize> {
        let clause = self.clause(k);
        let mine: Vec<usize> = (0..items.len())
            .filter(|&j| family(&items[j]) && clause.contains(&items[j].first))
            .collect();
        let before = mine.iter().rev().find(|&&j| items[j].last < k).copied();
        let after = mine.iter().find(|&&j| items[j].first > k).copied();
        match (before, after) {
            (Some(a), Some(b)) => {
                let split = self.split_between(&items[a], &items[b]);
                if split.is_some_and(|x| k > x) {
                    let mut owners = vec![b];
                    owners.extend(self.partners(b, &mine, items));
                    owners
                } else {
                    vec![a]
                }
            }
            (None, Some(first)) if self.opens_with_phrase(k, items[first].first) => mine,
            (None, Some(_)) => {
                let mut framed: Vec<usize> = Vec::new();
                for &j in &mine {
                    if let Some(&prev) = framed.last() {
                        let own_from = self
                            .split_between(&items[prev], &items[j])
                            .map_or(items[prev].last + 1, |x| x + 1);
                        if (own_from..items[j].first).any(|w| self.describes(w, items)) {
                            break;
                        }
                    }
                    framed.push(j);
                }
                framed
            }
            (a, b) => a.or(b).into_iter().collect(),
        }
    }

    /// Whether word `k` is in a phrase set off by a comma before the clause's first figure at
    /// `first` ("Among patients with TRD, …", "At the end of treatment, …"): such a phrase frames
    /// every figure of the clause.
    /// Not inside brackets: "(live-birth rate, LBR 40.3% vs 11.0%)" names its own figures.
    fn opens_with_phrase(&self, k: usize, first: usize) -> bool {
        self.depth[k] == 0 && (k + 1..first).any(|x| self.t[x].is_punct(',') && self.depth[x] == 0)
    }

    /// Where the words between two figures turn from the first's to the second's: the last
    /// "and", comma or comparison word between them.
    /// A bracketed aside does not split: in "(LBR 40.3% vs 11.0%) and reduced multiple
    /// pregnancy rate (MPR, 0% vs 11.1%)" the turn is at "and", not at the comma after MPR.
    fn split_between(&self, a: &Item, b: &Item) -> Option<usize> {
        let t = self.t;
        let mut splits = (a.last + 1..b.first).filter(|&x| {
            t[x].is_any(&["and", "or", "vs", "versus", "compared", "than", "whereas"])
                || t[x].is_punct(',')
        });
        let shallowest = splits.clone().map(|x| self.depth[x]).min()?;
        splits.rfind(|&x| self.depth[x] == shallowest)
    }

    /// The figures set against `j` right after it, with only joining words between them: "0%
    /// vs 11.1%", "26.7% and 45.3%". The words that describe one describe them all.
    fn partners(&self, j: usize, mine: &[usize], items: &[Item]) -> Vec<usize> {
        let t = self.t;
        let mut out = Vec::new();
        let mut prev = j;
        for &next in mine.iter().filter(|&&n| items[n].first > items[j].last) {
            let joined = (items[prev].last + 1..items[next].first).all(|x| {
                t[x].is_any(&["and", "or", "vs", "versus"])
                    || t[x].is_punct(',')
                    || t[x].is_punct('.')
            });
            if !joined {
                break;
            }
            out.push(next);
            prev = next;
        }
        out
    }

    /// Whether token `k` is a word that says what a figure measures: a content word, not an
    /// arm's name, a time, a dose or part of a figure.
    fn describes(&self, k: usize, items: &[Item]) -> bool {
        !self.t[k].is_any(vocab::PEOPLE_NOUNS) && self.outcome_word(k, items).is_some()
    }

    /// Token `k` as a canonical outcome word: a content word of two letters or more that is
    /// not a stop word, a time unit, a dose word, an arm's mention or part of a figure.
    fn outcome_word(&self, k: usize, items: &[Item]) -> Option<String> {
        let tok = &self.t[k];
        let content = tok.class == Class::Word
            && tok.lower.chars().count() >= 2
            && !vocab::is_stop(&tok.lower)
            && vocab::time_unit_hours(&tok.lower).is_none()
            && !dose::is_dose_word(&tok.lower)
            && !self.mentions.iter().any(|(m, _)| *m == k)
            && !items.iter().any(|it| (it.first..=it.last).contains(&k));
        let c = content.then(|| text::canon(&tok.lower))?;
        (!vocab::is_stop(&c)).then_some(c)
    }

    // --- thresholds, groups, lists, totals -------------------------------------------------

    /// A criterion inside a results sentence qualifies the results before it ("63.2% … lost
    /// at least 5% of their body weight"), else the nearest one before it; one in the result's
    /// own part of the sentence (between semicolons) comes first ("the share who lost 5% or
    /// more was 85% …; 50% … lost 20% or more": 85% is at 5%).
    fn assign_thresholds(&self, items: &[Item], out: &mut [Reading]) {
        let crit: Vec<usize> = (0..out.len())
            .filter(|&j| out[j].role == Role::Criterion && out[j].value.unit == Unit::Percent)
            .collect();
        if crit.is_empty() {
            return;
        }
        let part = |k: usize| {
            (0..k)
                .filter(|&x| self.depth[x] == 0 && self.t[x].is_punct(';'))
                .count()
        };
        for j in 0..out.len() {
            if out[j].role != Role::Result || out[j].value.unit != Unit::Percent {
                continue;
            }
            let own: Vec<usize> = crit
                .iter()
                .copied()
                .filter(|&c| part(items[c].first) == part(items[j].first))
                .collect();
            let after = |cs: &[usize]| cs.iter().copied().find(|&c| items[c].first > items[j].last);
            let before = |cs: &[usize]| {
                cs.iter()
                    .rev()
                    .copied()
                    .find(|&c| items[c].last < items[j].first)
            };
            let pick = after(&own)
                .or_else(|| before(&own))
                .or_else(|| after(&crit))
                .or_else(|| before(&crit));
            if let Some(c) = pick {
                let mut v = out[c].value.clone();
                if v.bound.is_none() {
                    v.bound = Some(Bound::AtLeast);
                }
                out[j].threshold = Some(v);
                let words = out[c].outcome.clone();
                for w in words {
                    if !out[j].outcome.contains(&w) {
                        out[j].outcome.push(w);
                    }
                }
            }
        }
    }

    /// Figures compared or listed together: "X% vs Y%", "X% and Y%, respectively", "X% in the
    /// A group and Y% in the B group". Maps arms (or outcomes) in order and shares time points,
    /// thresholds and outcome words across the group.
    fn assign_groups(&self, items: &[Item], out: &mut [Reading]) {
        let mut previous: Option<(usize, Vec<Option<ListItem>>)> = None;
        for g in self.groups(items, out) {
            if self.pair_list(items, &g, out) {
                self.share_within_group(&g, out, false);
                previous = None;
                continue;
            }
            let last = items[g[g.len() - 1]].last;
            let first = items[g[0]].first;
            // "64% and 28% in the A and B groups, respectively", or with the names first: "in
            // the A and B groups, respectively: 15.2% versus 12.6%".
            let names = match self.respectively_after(last) {
                Some(r) => self
                    .name_list(r, g.len(), first)
                    .or_else(|| self.names_before_verb(first, g.len())),
                None => self
                    .respectively_before(first)
                    .and_then(|r| self.name_list(r, g.len(), 0)),
            };
            let mut mapped: Vec<Option<ListItem>> = vec![None; g.len()];
            if let Some(names) = names {
                for (slot, name) in mapped.iter_mut().zip(names) {
                    *slot = Some(name);
                }
            } else if let Some((n, pm)) = &previous {
                // "(compared with 10.4% and 5% of those receiving sham rTMS)" after a
                // "respectively" list of outcomes: the same outcomes, in order.
                if *n == g.len() && self.follows_comparison(items[g[0]].first) {
                    mapped.clone_from(pm);
                }
            }
            let arms_mapped = mapped.iter().any(|m| matches!(m, Some(ListItem::Arm(_))));
            if arms_mapped {
                // "22.0% and 55.3% of the spray and placebo groups": an item that names no arm
                // of its own, beside one that does, is the treatment arm not named otherwise.
                let named: Vec<usize> = mapped
                    .iter()
                    .filter_map(|m| match m {
                        Some(ListItem::Arm(a)) => Some(*a),
                        _ => None,
                    })
                    .collect();
                let spare = (0..self.index.arms.len())
                    .find(|a| !self.index.arms[*a].control && !named.contains(a));
                for slot in &mut mapped {
                    if matches!(slot, Some(ListItem::Outcome(..))) {
                        *slot = spare.map(ListItem::Arm);
                    }
                }
            }
            for (slot, &j) in mapped.iter().zip(&g) {
                match slot {
                    Some(ListItem::Arm(a)) => out[j].arm = Some(*a),
                    Some(ListItem::Outcome(words, kind)) => {
                        out[j].outcome.clone_from(words);
                        if let Some(k) = kind {
                            out[j].kind = *k;
                        }
                    }
                    Some(ListItem::Dose) | None => {}
                }
            }
            let doses_mapped = mapped.iter().any(|m| matches!(m, Some(ListItem::Dose)));
            let outcomes_mapped = mapped
                .iter()
                .any(|m| matches!(m, Some(ListItem::Outcome(..))));
            let own: Vec<usize> = g.iter().filter_map(|&j| out[j].arm).collect();
            if outcomes_mapped && !own.is_empty() && own.iter().all(|a| *a == own[0]) {
                // "29.3% and 18.6% of subjects receiving HF-rTMS … responders and remitters,
                // respectively": one arm for the whole list.
                for &j in &g {
                    out[j].arm = Some(own[0]);
                }
            } else if own.is_empty() && !arms_mapped && !outcomes_mapped && !doses_mapped {
                if let Some(order) = self.arms_in_order(items[g[0]].first, g.len()) {
                    for (&j, a) in g.iter().zip(order) {
                        out[j].arm = Some(a);
                    }
                }
            }
            if mapped.iter().all(Option::is_none) {
                self.times_respectively(items, &g, out);
            }
            self.share_within_group(&g, out, outcomes_mapped);
            previous = Some((g.len(), mapped));
        }
    }

    /// "weight loss ≥5%, ≥10% and ≥15% with drug vs placebo (86% vs 31%, 69% vs 12% and 50% vs
    /// 5%, respectively)": pairs joined by "vs" inside a "respectively" list. Each pair is the
    /// two arms in the order named before the list, and the k-th pair belongs to the k-th of
    /// the thresholds listed before it. Reads group `g` so when it is such a list (and returns
    /// whether it was). Not "64% vs 28%, respectively" (one pair: the usual list), nor pairs
    /// without "respectively", which say nothing of the order.
    fn pair_list(&self, items: &[Item], g: &[usize], out: &mut [Reading]) -> bool {
        let t = self.t;
        if g.len() < 4 || !g.len().is_multiple_of(2) {
            return false;
        }
        if self
            .respectively_after(items[g[g.len() - 1]].last)
            .is_none()
        {
            return false;
        }
        let compares = |a: usize, b: usize| {
            (items[a].last + 1..items[b].first).any(|k| t[k].is_any(&["vs", "versus"]))
        };
        let paired = g.chunks(2).all(|p| compares(p[0], p[1]))
            && g.windows(2)
                .skip(1)
                .step_by(2)
                .all(|w| !compares(w[0], w[1]));
        let first = items[g[0]].first;
        let Some(order) = self.arms_in_order(first, 2).filter(|_| paired) else {
            return false;
        };
        let thresholds: Vec<usize> = (0..out.len())
            .filter(|&c| out[c].role == Role::Criterion && items[c].last < first)
            .filter(|&c| out[c].value.unit == Unit::Percent)
            .collect();
        for (p, pair) in g.chunks(2).enumerate() {
            for (&j, &arm) in pair.iter().zip(&order) {
                out[j].arm = Some(arm);
                if thresholds.len() == g.len() / 2 {
                    let mut v = out[thresholds[p]].value.clone();
                    v.bound = v.bound.or(Some(Bound::AtLeast));
                    out[j].threshold = Some(v);
                }
            }
        }
        true
    }

    /// "By 60 and 108 weeks, headache days fell (−9.2 and −10.7 days, respectively)": a list
    /// of as many time points before a "respectively" list gives each figure its own, in order.
    /// Not a list of a different length, nor one inside the figures' own span.
    fn times_respectively(&self, items: &[Item], g: &[usize], out: &mut [Reading]) {
        let first = items[g[0]].first;
        let last = items[g[g.len() - 1]].last;
        if self.respectively_after(last).is_none() {
            return;
        }
        let list = time::time_lists(self.t)
            .into_iter()
            .rfind(|(_, end, times)| *end < first && times.len() == g.len());
        if let Some((_, _, times)) = list {
            for (&j, time) in g.iter().zip(times) {
                out[j].time_point = Some(time);
            }
        }
    }

    /// Runs of comparable result figures joined only by "and", "or", "vs", "versus",
    /// "compared with", brackets, arm names and the counts behind a percentage ("91 of 336
    /// patients [27.1%] vs. 60 of 340 patients [17.6%]").
    fn groups(&self, items: &[Item], out: &[Reading]) -> Vec<Vec<usize>> {
        let t = self.t;
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut current: Vec<usize> = Vec::new();
        let joining = |w: &Tok| {
            w.class == Class::Punct && !w.is_punct(';')
                || w.class == Class::Number
                || w.is_any(&[
                    "and",
                    "or",
                    "vs",
                    "versus",
                    "compared",
                    "with",
                    "as",
                    "in",
                    "the",
                    "of",
                    "group",
                    "groups",
                    "arm",
                    "those",
                    "receiving",
                    "on",
                    "patients",
                    "participants",
                    "subjects",
                ])
        };
        for j in 0..items.len() {
            if out[j].role != Role::Result || !self.groupable(&items[j]) {
                continue;
            }
            if let Some(&p) = current.last() {
                // A list holds one unit: "9.2 days and 10.7 days", never "4 weeks and 12%".
                if items[p].value.unit != items[j].value.unit {
                    groups.push(std::mem::take(&mut current));
                }
            }
            if let Some(&p) = current.last() {
                let gap = items[p].last + 1..items[j].first;
                // "… of the spray group and …": the name before "group" joins too.
                let names_group = |k: usize| {
                    t.get(k + 1)
                        .is_some_and(|n| n.is_any(&["group", "groups", "arm", "arms"]))
                };
                // An aside in brackets ("(95% CI, 82 to 89)") and a dose ("with 4-mg doses")
                // join too.
                let base = self.depth[items[p].first].min(self.depth[items[j].first]);
                let aside = |k: usize| self.depth[k] > base;
                let dosing = |k: usize| {
                    vocab::GENERIC_ARM_WORDS.contains(&t[k].lower.as_str())
                        || dose::is_dose_word(&t[k].lower)
                };
                let joined = gap.clone().filter(|&k| !aside(k)).count() <= 14
                    && gap.clone().all(|k| {
                        aside(k)
                            || dosing(k)
                            || joining(&t[k])
                            || names_group(k)
                            || self.mentions.iter().any(|(m, _)| *m == k)
                    });
                if !joined {
                    groups.push(std::mem::take(&mut current));
                }
            }
            current.push(j);
        }
        groups.push(current);
        groups.retain(|g| g.len() >= 2);
        groups
    }

    /// Whether a result can be one of a list of figures for arms, doses or outcomes: shares and
    /// amounts, not times (which "respectively" lists give as time points) unless signed as
    /// changes ("−9.2 days and −10.7 days"), and of bare
    /// numbers only changes and means ("−2.1 vs −1.8", "4.2 and 3.9"), not counts of things
    /// ("in the four device groups").
    fn groupable(&self, it: &Item) -> bool {
        let t = self.t;
        let signed = t[it.first].class == Class::Punct
            || (it.first > 0 && bare::SIGNS.iter().any(|&c| t[it.first - 1].is_punct(c)));
        let changed_or_mean = signed || t[it.first].lower.contains('.');
        // "197 days, 205 days and 96 days in the 75-U, 50-U and placebo groups, respectively":
        // times listed for arms are each arm's result.
        let for_arms = || {
            self.respectively_after(it.last)
                .is_some_and(|r| self.mentions.iter().any(|(k, _)| *k > it.last && *k < r))
        };
        it.kind != ClaimKind::SampleSize
            && (it.value.unit.hours().is_none() || signed || for_arms())
            && (it.value.unit != Unit::Count || changed_or_mean)
    }

    /// The token index of "respectively" if it closes the clause after token `last`. Asides in
    /// brackets are stepped over: "30.0% (95% CI, 23.4 to 36.6) in the A and B groups,
    /// respectively" (their "%" and ";" end nothing).
    fn respectively_after(&self, last: usize) -> Option<usize> {
        let t = self.t;
        let base = self.depth.get(last).copied().unwrap_or(0);
        (last + 1..t.len())
            .filter(|&k| self.depth[k] <= base && !t[k].is_punct(')') && !t[k].is_punct(']'))
            .take(24)
            .take_while(|&k| !t[k].is_punct(';') && !t[k].is_punct('%'))
            .find(|&k| t[k].is("respectively"))
    }

    /// The `n` names of a "respectively" list that stand before its figures, joined to them by
    /// a verb: "the change in the A and B groups was 5.1 and -2.2, respectively".
    fn names_before_verb(&self, first: usize, n: usize) -> Option<Vec<ListItem>> {
        let t = self.t;
        let verb = (first.saturating_sub(3)..first)
            .rev()
            .find(|&k| t[k].is_any(&["was", "were", "is", "are"]))?;
        if (verb + 1..first).any(|k| t[k].class != Class::Punct) {
            return None;
        }
        self.name_list(verb, n, 0)
    }

    /// The token index of "respectively" if it stands right before token `first`, with only
    /// punctuation between ("…groups, respectively: 15.2% versus 12.6%").
    fn respectively_before(&self, first: usize) -> Option<usize> {
        let t = self.t;
        (first.saturating_sub(3)..first)
            .rev()
            .take_while(|&k| t[k].class == Class::Punct || t[k].is("respectively"))
            .find(|&k| t[k].is("respectively"))
    }

    /// Whether a comparison word stands just before token `first`.
    fn follows_comparison(&self, first: usize) -> bool {
        (first.saturating_sub(3)..first)
            .any(|k| self.t[k].is_any(&["compared", "versus", "vs", "than"]))
    }

    /// The list of `n` names a "respectively" at token `resp` refers to: the coordinated list
    /// just before it ("responders and remitters, respectively"; "for back and neck pain,
    /// osteoarthritis, and chronic headache, respectively").
    fn name_list(&self, resp: usize, n: usize, group_first: usize) -> Option<Vec<ListItem>> {
        let t = self.t;
        let doses = dose::mentions(t);
        let mut start = resp;
        while start > group_first {
            // "for the 28 mg, 56 mg and placebo groups": a dose's number is a name here.
            if let Some(m) = doses.iter().find(|m| m.last == start - 1) {
                start = m.first.max(group_first);
                continue;
            }
            let w = &t[start - 1];
            if w.class == Class::Number
                || w.is_punct('%')
                || w.is_any(&[
                    "as", "for", "of", "in", "with", "to", "were", "was", "had", "than",
                ])
                || w.is_punct('(')
                || w.is_punct(';')
            {
                break;
            }
            start -= 1;
        }
        let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
        for (k, tok) in t.iter().enumerate().take(resp).skip(start) {
            if tok.is_punct(',') {
                parts.push(Vec::new());
            } else if let Some(last) = parts.last_mut() {
                last.push(k);
            }
        }
        parts.retain(|i| !i.is_empty());
        for i in &mut parts {
            if i.first().is_some_and(|&k| t[k].is_any(&["and", "or"])) {
                i.remove(0);
            }
        }
        // "compared with the sham device": not a list item.
        parts.retain(|i| {
            !i.first()
                .is_some_and(|&k| t[k].is_any(&["compared", "versus", "vs"]))
        });
        // "A and B", "A, B and C" (no comma before "and"): the last part holds two names.
        if parts.len() + 1 == n {
            if let Some(last) = parts.pop() {
                match last.iter().position(|&k| t[k].is_any(&["and", "or"])) {
                    Some(p) => parts.extend([last[..p].to_vec(), last[p + 1..].to_vec()]),
                    None => parts.push(last),
                }
            }
        }
        if parts.len() != n || parts.iter().any(Vec::is_empty) {
            return None;
        }
        Some(parts.iter().map(|toks| self.list_item(toks)).collect())
    }

    fn list_item(&self, toks: &[usize]) -> ListItem {
        // "with 2 mg, 4 mg and 8 mg of the drug, respectively": doses, read apart.
        let named: Vec<Tok> = toks.iter().map(|&k| self.t[k].clone()).collect();
        if !dose::mentions(&named).is_empty() {
            return ListItem::Dose;
        }
        if let Some((_, a)) = self.mentions.iter().find(|(m, _)| toks.contains(m)) {
            return ListItem::Arm(*a);
        }
        let words: Vec<String> = toks
            .iter()
            .map(|&k| &self.t[k])
            .filter(|w| w.class == Class::Word && !vocab::is_stop(&w.lower))
            .map(|w| text::canon(&w.lower))
            .collect();
        let kind = words.iter().find_map(|w| outcome_kind(w));
        ListItem::Outcome(words, kind)
    }

    /// The first `n` distinct arms named before token `before` in this sentence, in order (with
    /// the other arm of a two-arm study when one is named); or the study's arms, treatment
    /// first, when there are exactly `n`.
    /// An arm named as what the others are compared with comes last: "Compared with the control
    /// group, PGT-A improved live births (40.3% vs 11.0%)" gives 40.3% to PGT-A.
    fn arms_in_order(&self, before: usize, n: usize) -> Option<Vec<usize>> {
        let mut named: Vec<(usize, bool)> = Vec::new();
        for (k, a) in &self.mentions {
            if *k < before && !named.iter().any(|(b, _)| b == a) {
                named.push((*a, self.compared_with(*k)));
            }
        }
        let arms = &self.index.arms;
        // "Compared with the control group, PGT-A showed …": a two-arm study's other arm is
        // the one the sentence leaves unnamed, set against the one it names.
        if named.len() + 1 == n && arms.len() == n {
            if let Some(missing) = (0..n).find(|a| !named.iter().any(|(b, _)| b == a)) {
                let compared = named.iter().all(|&(_, c)| c);
                named.push((missing, !compared));
            }
        }
        if named.len() == n {
            named.sort_by_key(|&(_, compared)| compared);
            return Some(named.into_iter().map(|(a, _)| a).collect());
        }
        if named.is_empty() && arms.len() == n {
            let mut order: Vec<usize> = (0..n).filter(|&a| !arms[a].control).collect();
            order.extend((0..n).filter(|&a| arms[a].control));
            return Some(order);
        }
        None
    }

    /// Whether the arm mentioned at `k` follows a word that makes it the comparator ("compared
    /// with the control group", "relative to placebo", "than sham").
    fn compared_with(&self, k: usize) -> bool {
        let t = self.t;
        (k.saturating_sub(3)..k)
            .rev()
            .take_while(|&x| !t[x].is_punct(',') && !t[x].is_punct('('))
            .any(|x| t[x].is_any(&["compared", "relative", "versus", "vs", "than"]))
    }

    /// Members of a group share a time point, a threshold, a kind named by one of them, and
    /// (when they measure one thing) the outcome words around them.
    fn share_within_group(&self, g: &[usize], out: &mut [Reading], outcomes_mapped: bool) {
        let time = g.iter().find_map(|&j| out[j].time_point.clone());
        let threshold = g.iter().find_map(|&j| out[j].threshold.clone());
        let specific = g
            .iter()
            .map(|&j| out[j].kind)
            .find(|k| !matches!(k, ClaimKind::OtherPercentage | ClaimKind::Other));
        let shared = super::outcome_words_of(g, out);
        // "a mean change of −2.1 vs −1.8 points": what makes one an amount makes its pair one;
        // a share of people is told apart by its own words, so shares keep their own.
        let amount = g.iter().any(|&j| out[j].amount)
            && g.iter().all(|&j| out[j].value.unit != Unit::Percent);
        for &j in g {
            out[j].amount |= amount;
            if out[j].time_point.is_none() {
                out[j].time_point.clone_from(&time);
            }
            if out[j].threshold.is_none() {
                out[j].threshold.clone_from(&threshold);
            }
            if outcomes_mapped {
                continue;
            }
            if let Some(k) = specific {
                if matches!(out[j].kind, ClaimKind::OtherPercentage | ClaimKind::Other) {
                    out[j].kind = k;
                }
            }
            for w in &shared {
                if !out[j].outcome.contains(w) {
                    out[j].outcome.push(w.clone());
                }
            }
        }
    }

    /// "increased by 20.2, 20.6, 18.4, 20.9, and 25.7 per cm2": three or more values of one
    /// unit listed without arms of their own are one result across subgroups.
    fn mark_lists(&mut self, items: &[Item], out: &mut [Reading]) {
        let t = self.t;
        let mut run: Vec<usize> = Vec::new();
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for j in 0..items.len() {
            if out[j].role != Role::Result {
                runs.push(std::mem::take(&mut run));
                continue;
            }
            if let Some(&p) = run.last() {
                // Items that overlap ("4.9% (11 lbs)" read twice) have no gap, and are no list.
                let gap = t.get(items[p].last + 1..items[j].first);
                let listed = items[p].value.unit == items[j].value.unit
                    && gap.is_some_and(|gap| {
                        gap.len() <= 2 && gap.iter().all(|w| w.is_punct(',') || w.is("and"))
                    });
                if !listed {
                    runs.push(std::mem::take(&mut run));
                }
            }
            run.push(j);
        }
        runs.push(run);
        for run in runs {
            // Values a "respectively" gave different outcomes ("for the first, second and third
            // steps, respectively") are separate results, not one.
            let same_outcome = run
                .windows(2)
                .all(|w| out[w[0]].outcome == out[w[1]].outcome)
                || self
                    .respectively_after(items[*run.last().unwrap_or(&0)].last)
                    .is_none();
            // Results of several doses are arms, not subgroups.
            let unarmed = run
                .iter()
                .all(|&j| out[j].arm.is_none() && out[j].dose.is_none());
            if run.len() >= 3 && same_outcome && unarmed {
                let time = run.iter().find_map(|&j| out[j].time_point.clone());
                let mut words: Vec<String> = Vec::new();
                for &j in &run {
                    words.extend(
                        out[j]
                            .outcome
                            .iter()
                            .filter(|w| !words.contains(w))
                            .cloned()
                            .collect::<Vec<_>>(),
                    );
                }
                for &j in &run {
                    out[j].list = Some(*self.lists);
                    out[j].outcome.clone_from(&words);
                    if out[j].time_point.is_none() {
                        out[j].time_point.clone_from(&time);
                    }
                }
                *self.lists += 1;
            }
        }
    }

    /// "336 patients were assigned to the esketamine group and 340 to the quetiapine group":
    /// when a sentence gives the size of every arm, the total is their sum.
    fn arm_totals(&self, items: &[Item], out: &[Reading]) -> Vec<Reading> {
        let sized: Vec<usize> = (0..out.len())
            .filter(|&j| out[j].role == Role::Size && out[j].arm.is_some() && out[j].sex.is_none())
            .collect();
        let mut arms: Vec<usize> = sized.iter().filter_map(|&j| out[j].arm).collect();
        arms.dedup();
        let n_arms = self.index.arms.len();
        if arms.len() < 2 || arms.len() != sized.len() || arms.len() != n_arms {
            return Vec::new();
        }
        let values: Vec<f64> = sized.iter().filter_map(|&j| out[j].value.high).collect();
        let (first, last) = (sized[0], sized[sized.len() - 1]);
        let derived = values
            .iter()
            .map(|v| crate::model::fmt_num(*v))
            .collect::<Vec<_>>()
            .join(" + ");
        vec![Reading {
            range: items[first].range.start..items[last].range.end,
            value: Value::point(values.iter().sum(), Unit::Count),
            arm: None,
            derived: Some(derived),
            ..out[first].clone()
        }]
    }
}

/// What a "respectively" list names for each figure.
#[derive(Debug, Clone)]
enum ListItem {
    /// An arm.
    Arm(usize),
    /// Outcome words, and the kind they name.
    Outcome(Vec<String>, Option<ClaimKind>),
    /// A dose (read by [`Doses`]).
    Dose,
}

/// The kind an outcome word names, for words that name one unambiguously.
fn outcome_kind(w: &str) -> Option<ClaimKind> {
    match w {
        "response" => Some(ClaimKind::ResponseRate),
        "remission" => Some(ClaimKind::RemissionRate),
        "relapse" => Some(ClaimKind::RelapseRate),
        _ => None,
    }
}

/// Tokens between a token and a figure.
fn distance(k: usize, first: usize, last: usize) -> usize {
    if k < first {
        first - k
    } else {
        k.saturating_sub(last)
    }
}

/// "17 922 patients" read by the scanner as "922 patients": the number token holds all of it.
fn widen_grouped_number(t: &[Tok], item: &mut Item) -> bool {
    let tok = &t[item.first];
    let (Some(full), Some(part)) = (tok.number(), item.value.low) else {
        return false;
    };
    let digits: String = tok.lower.chars().filter(char::is_ascii_digit).collect();
    if part >= full || part.fract() != 0.0 || !digits.ends_with(&format!("{part}")) {
        return false;
    }
    item.value.low = Some(full);
    item.value.high = Some(full);
    item.range.start = tok.range.start;
    true
}

/// Whether a count's noun is people: "301 medication-free patients", "122 female … subjects".
fn counts_people(t: &[Tok], it: &Item) -> bool {
    (it.first..(it.last + 3).min(t.len()))
        .take_while(|&k| k <= it.last || !t[k].is_punct(',') && !t[k].is_any(&["of", "in", "to"]))
        .any(|k| text::canon(&t[k].lower) == "participant")
}
