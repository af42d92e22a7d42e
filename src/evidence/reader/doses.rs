//! Which dose each result of a sentence belongs to, in trials that give one drug at several
//! doses: "−9.1% (95% CI …) with 4-mg doses", "62%, 71% and 78% with 2 mg, 4 mg and 8 mg,
//! respectively", "41% and 47% of those in the 4-mg and 8-mg groups", "In the 8-mg group,
//! 78% …". A dose figure is its own dose.

use super::super::dose::{self, Mention};
use super::super::text::Tok;
use super::super::vocab;
use super::implied::Item;
use super::{Reading, Role};
use crate::model::Value;

/// Words that may stand between a result and the dose after it ("62% of those receiving 4
/// mg", "−9.1% with 4-mg doses"), besides delivery words and arm names.
const LINKS: &[&str] = &[
    "with",
    "for",
    "in",
    "on",
    "of",
    "at",
    "receiving",
    "given",
    "taking",
    "those",
    "group",
    "groups",
    "arm",
    "arms",
    "who",
    "received",
    "treated",
    "was",
    "were",
];

/// Words that may stand between a dose and the result after it ("in the 8-mg group, 78%").
const LEADS: &[&str] = &[
    "group",
    "groups",
    "arm",
    "dose",
    "doses",
    "was",
    "were",
    "had",
    "the",
    "of",
    "patients",
    "participants",
];

/// Brackets around an aside and the sign of a figure: stepped over between a figure and its
/// dose, and between listed figures.
fn aside(w: &Tok) -> bool {
    ['(', ')', '[', ']', '-', '\u{2212}', '\u{2013}', '+']
        .iter()
        .any(|&c| w.is_punct(c))
}

/// A sentence as the dose reader sees it.
pub(super) struct Doses<'a> {
    /// Its tokens.
    pub t: &'a [Tok],
    /// Bracket depth of each token.
    pub depth: &'a [u8],
    /// Arm mentions: (token, arm).
    pub arms: &'a [(usize, usize)],
    /// The doses the abstract lists together, lowest first.
    pub listed: &'a [Value],
}

impl Doses<'_> {
    /// Sets the dose of every figure the sentence ties to one.
    pub(super) fn assign(&self, items: &[Item], out: &mut [Reading]) {
        let mentions = dose::mentions(self.t);
        for (j, it) in items.iter().enumerate() {
            if let Some(m) = mentions
                .iter()
                .find(|m| m.first <= it.last && it.first <= m.last)
            {
                out[j].dose = Some(m.value.clone());
            }
        }
        for range in dose::ranges(self.t) {
            self.assign_range(&range, items, out);
        }
        for run in self.runs(&mentions) {
            let listed = self.results_before(items, out, run[0].first);
            let (before, after) = (self.named_before(run[0].first), self.named_after(&run));
            let slots = before + run.len() + after;
            if !listed.is_empty() && listed.len() == slots {
                for (&j, m) in listed[before..].iter().zip(&run) {
                    out[j].dose = Some(m.value.clone());
                }
            } else if run.len() == 1 && slots == 1 {
                let one = listed
                    .last()
                    .copied()
                    .or_else(|| self.result_after(items, out, run[0].last));
                if let Some(j) = one {
                    out[j].dose = Some(run[0].value.clone());
                }
            }
        }
    }

    /// "Mean loss with the drug 2-8 mg was 3.1 kg, 4.0 kg and 5.2 kg": values listed after a
    /// range of doses are one per dose, in order, when the abstract lists as many doses in that
    /// range; else each is of some dose in the range, never one of them.
    fn assign_range(&self, range: &Mention, items: &[Item], out: &mut [Reading]) {
        let t = self.t;
        let Some(first) = (0..items.len()).find(|&j| items[j].first > range.last) else {
            return;
        };
        let gap = range.last + 1..items[first].first;
        if gap.len() > 4
            || !gap
                .clone()
                .all(|k| t[k].is_any(LEADS) || t[k].is_punct(','))
        {
            return;
        }
        let mut list = vec![first];
        for j in first + 1..items.len() {
            let prev = list[list.len() - 1];
            let joined = (items[prev].last + 1..items[j].first)
                .all(|k| t[k].is_punct(',') || t[k].is_any(&["and"]) || aside(&t[k]));
            if !joined || items[j].value.unit != items[first].value.unit {
                break;
            }
            list.push(j);
        }
        if list.len() < 2 || !list.iter().all(|&j| Self::open(out, j)) {
            return;
        }
        let (lo, hi) = (range.value.low, range.value.high);
        let within: Vec<&Value> = self
            .listed
            .iter()
            .filter(|d| d.unit == range.value.unit && d.high >= lo && d.high <= hi)
            .collect();
        for (n, &j) in list.iter().enumerate() {
            let dose = if within.len() == list.len() {
                within[n].clone()
            } else {
                range.value.clone()
            };
            out[j].dose = Some(dose);
        }
        share_measure(&list, out);
    }

    /// Doses listed together ("2 mg, 4 mg and 8 mg", "the 4-mg and 8-mg groups").
    fn runs<'m>(&self, mentions: &'m [Mention]) -> Vec<Vec<&'m Mention>> {
        let mut runs: Vec<Vec<&Mention>> = Vec::new();
        for m in mentions {
            let joined = runs.last().and_then(|r| r.last()).is_some_and(|p| {
                (p.last + 1..m.first)
                    .all(|k| self.t[k].is_punct(',') || self.t[k].is_any(&["and", "or"]))
            });
            match runs.last_mut() {
                Some(run) if joined => run.push(m),
                _ => runs.push(vec![m]),
            }
        }
        runs
    }

    fn is_arm(&self, k: usize) -> bool {
        self.arms.iter().any(|(m, _)| *m == k) || self.t[k].is_any(vocab::CONTROL_WORDS)
    }

    /// Whether token `k` may stand between a figure and its dose: a linking word, a delivery
    /// word or an arm's name ("with once-weekly semaglutide 2.4 mg").
    fn links(&self, k: usize) -> bool {
        let w = &self.t[k];
        w.is_any(LINKS) || vocab::GENERIC_ARM_WORDS.contains(&w.lower.as_str()) || self.is_arm(k)
    }

    /// An arm named in the same list just before the doses ("placebo, 2 mg and 4 mg"): 1 or 0.
    fn named_before(&self, first: usize) -> usize {
        let t = self.t;
        let sep = first
            .checked_sub(1)
            .filter(|&k| t[k].is_punct(',') || t[k].is_any(&["and", "or"]));
        usize::from(sep.is_some_and(|k| k > 0 && self.is_arm(k - 1)))
    }

    /// An arm named in the same list just after the doses ("2 mg, 4 mg or placebo",
    /// "4 mg of the drug and placebo"): 1 or 0.
    fn named_after(&self, run: &[&Mention]) -> usize {
        let t = self.t;
        let mut k = run[run.len() - 1].last + 1;
        let end = (k + 3).min(t.len());
        while k < end && (t[k].is_any(&["of", "doses", "dose", "groups", "arms"]) || self.is_arm(k))
        {
            k += 1;
        }
        let sep = t
            .get(k)
            .is_some_and(|w| w.is_punct(',') || w.is_any(&["and", "or"]));
        let mut n = k + 1;
        while t
            .get(n)
            .is_some_and(|w| w.is_any(&["and", "or", "the", "with"]))
        {
            n += 1;
        }
        usize::from(sep && n < t.len() && self.is_arm(n))
    }

    /// Whether item `j` can take a dose: a result or a count of people not yet tied to one.
    fn open(out: &[Reading], j: usize) -> bool {
        matches!(out[j].role, Role::Result | Role::Size) && out[j].dose.is_none()
    }

    /// The results listed just before token `p` and tied to it by linking words: "62% (95% CI
    /// …), 71% (…) and 78% (…) with" → all three, in order. Asides in brackets are stepped over.
    fn results_before(&self, items: &[Item], out: &[Reading], p: usize) -> Vec<usize> {
        let t = self.t;
        let Some(last) = (0..items.len())
            .rev()
            .find(|&j| items[j].last < p && Self::open(out, j))
        else {
            return Vec::new();
        };
        let top = self.depth[items[last].first];
        let outside = |k: usize| self.depth[k] <= top;
        let gap: Vec<usize> = (items[last].last + 1..p).filter(|&k| outside(k)).collect();
        let covered = |k: usize| items.iter().any(|it| (it.first..=it.last).contains(&k));
        let bare = gap.iter().filter(|&&k| !aside(&t[k])).count();
        if bare > 6
            || gap
                .iter()
                .any(|&k| covered(k) || !(self.links(k) || aside(&t[k])))
        {
            return Vec::new();
        }
        let mut list = vec![last];
        while let Some(&cur) = list.first() {
            let Some(prev) = (0..cur)
                .rev()
                .find(|&j| items[j].last < items[cur].first && self.depth[items[j].first] <= top)
            else {
                break;
            };
            let between = (items[prev].last + 1..items[cur].first).filter(|&k| outside(k));
            let listed = between
                .clone()
                .all(|k| t[k].is_punct(',') || t[k].is_any(&["and", "or"]) || aside(&t[k]));
            if !listed || out[prev].role != out[last].role || !Self::open(out, prev) {
                break;
            }
            list.insert(0, prev);
        }
        list
    }

    /// The first result after a dose that leads into it ("In the 8-mg group, 78% …").
    fn result_after(&self, items: &[Item], out: &[Reading], last: usize) -> Option<usize> {
        let j = (0..items.len()).find(|&j| items[j].first > last)?;
        let gap = last + 1..items[j].first;
        let leads = gap.len() <= 5
            && gap.clone().all(|k| {
                let w = &self.t[k];
                w.is_any(LEADS) || w.is_punct(',') || w.is_punct(':') || w.is_punct('=')
            });
        (leads && Self::open(out, j)).then_some(j)
    }
}

/// Values listed for the doses of one range measure one thing: each takes the kind, outcome
/// words and time point the list names once ("Mean weight loss … was 3.1 kg, 4.0 kg and 5.2
/// kg").
fn share_measure(list: &[usize], out: &mut [Reading]) {
    use crate::model::ClaimKind;
    let loose = |k: ClaimKind| matches!(k, ClaimKind::Other | ClaimKind::OtherPercentage);
    let kind = list.iter().map(|&j| out[j].kind).find(|&k| !loose(k));
    let time = list.iter().find_map(|&j| out[j].time_point.clone());
    let words = super::outcome_words_of(list, out);
    for &j in list {
        let r = &mut out[j];
        if let Some(k) = kind.filter(|_| loose(r.kind)) {
            r.kind = k;
        }
        if r.time_point.is_none() {
            r.time_point.clone_from(&time);
        }
        for w in &words {
            if !r.outcome.contains(w) {
                r.outcome.push(w.clone());
            }
        }
    }
}
