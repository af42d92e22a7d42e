//! What a claim's own sentence says about its figure where the stored measure leaves it out:
//! the responder threshold ("62% of patients lost ≥5% of their body weight"), the outcome words
//! of the figure's clause, and whether a count of people is a study's.
//!
//! The stored measure comes first (a reviewer may have corrected it); the sentence only fills
//! what the measure does not say.

use super::dose::{self, Wanted};
use super::text::{self, Class, Tok};
use super::vocab;
use crate::model::{Bound, Unit, Value};

/// The claimed figure inside its sentence, as tokens.
#[derive(Debug)]
pub struct Clause {
    toks: Vec<Tok>,
    /// The figure's first and last tokens.
    first: usize,
    last: usize,
}

/// Punctuation that ends a clause for the purpose of reading one figure.
fn ends_clause(t: &Tok) -> bool {
    [';', '.', ':', '(', ')', '[', ']']
        .iter()
        .any(|&c| t.is_punct(c))
}

/// `sentence` normalized as claim quotes are, and for every byte of it (and its end) the
/// offset of the character it came from.
fn normalized(sentence: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(sentence.len());
    let mut at = Vec::with_capacity(sentence.len() + 1);
    for (i, c) in sentence.char_indices() {
        let before = out.len();
        match c {
            '–' | '—' | '‒' | '−' => out.push('-'),
            c if c.is_whitespace() => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
        at.extend(std::iter::repeat_n(i, out.len() - before));
    }
    at.push(sentence.len());
    (out, at)
}

/// The percentage whose number is token `k` ("5" of "5%").
fn percent(t: &[Tok], k: usize) -> Option<f64> {
    let v = t[k].number()?;
    t.get(k + 1).is_some_and(|n| n.is_punct('%')).then_some(v)
}

/// The bound written around the percentage at `k`: "≥5%", "at least 5%", "more than 10%",
/// "10% or more".
fn bound_at(t: &[Tok], k: usize) -> Option<Bound> {
    let before: Vec<&str> = t[k.saturating_sub(2)..k]
        .iter()
        .map(|w| w.lower.as_str())
        .collect();
    let after: Vec<&str> = t
        .iter()
        .skip(k + 2)
        .take(2)
        .map(|w| w.lower.as_str())
        .collect();
    let has = |words: &[&str], pair: [&str; 2]| words.windows(2).any(|w| w == pair);
    if before
        .last()
        .is_some_and(|w| *w == ">" || *w == "over" || *w == "above")
        || has(&before, ["more", "than"])
        || has(&before, ["greater", "than"])
    {
        Some(Bound::MoreThan)
    } else if before.last().is_some_and(|w| *w == "≥")
        || has(&before, ["at", "least"])
        || has(&after, ["or", "more"])
        || has(&after, ["or", "greater"])
    {
        Some(Bound::AtLeast)
    } else {
        None
    }
}

/// Whether the token after an opening parenthesis makes it a comparison ("(vs 34% placebo)").
fn compares(t: Option<&Tok>) -> bool {
    t.is_some_and(|w| w.is_any(&["vs", "versus", "v", "compared", "against"]))
}

impl Clause {
    /// The `occurrence`-th (1-based) `quote` inside `sentence`, if the sentence holds it.
    /// Quote and sentence are matched as claims store quotes: lower case, dashes as hyphens
    /// ([`crate::model::identity::normalize_words`]), so "about half" and "12-15%" are found in
    /// "About half" and "12–15%".
    pub fn of(sentence: &str, quote: &str, occurrence: u32) -> Option<Clause> {
        if quote.is_empty() {
            return None;
        }
        let quote = crate::model::identity::normalize_words(quote);
        let quote = quote.as_str();
        let (norm, at) = normalized(sentence);
        let nth = occurrence.max(1) as usize - 1;
        let (n_start, _) = norm
            .match_indices(quote)
            .nth(nth)
            .or_else(|| norm.match_indices(quote).next())?;
        let (start, end) = (at[n_start], at[n_start + quote.len()]);
        let toks = text::tokens(sentence);
        let first = toks.iter().position(|t| t.range.start >= start)?;
        let last = toks.iter().rposition(|t| t.range.end <= end)?;
        (first <= last).then_some(Clause { toks, first, last })
    }

    /// The subgroup a claim confines its figure to, in so many words: "in the Physical Function
    /// Trial alone, 21% …", "only among smokers, …", "in women only, …". Its content words,
    /// or none. A time ("in the first week alone") is no subgroup: time points are read
    /// elsewhere.
    pub fn subgroup(&self) -> Vec<String> {
        let t = &self.toks;
        let before = &t[..self.first];
        let words = |span: &[Tok]| -> Vec<String> {
            let mut out = Vec::new();
            for tok in span {
                text::push_content_word(&mut out, tok);
            }
            out
        };
        let is_prep = |tok: &Tok| tok.is_any(&["in", "among", "for"]);
        for (k, tok) in before.iter().enumerate() {
            // "only in X," / "only among X,": X runs to the clause's end or the next comma.
            let only_first = tok.is_any(&["only"]) && before.get(k + 1).is_some_and(is_prep);
            // "in X alone" / "in X only": X is between the preposition and the restrictor.
            let span = if only_first {
                let from = k + 2;
                let to = (from..before.len())
                    .find(|&j| before[j].is_punct(',') || ends_clause(&before[j]))
                    .unwrap_or(before.len());
                &before[from..to]
            } else if is_prep(tok) {
                let Some(end) = (k + 1..before.len().min(k + 8))
                    .find(|&j| before[j].is_any(&["alone", "only"]))
                else {
                    continue;
                };
                if (k + 1..end).any(|j| before[j].is_punct(',') || ends_clause(&before[j])) {
                    continue;
                }
                &before[k + 1..end]
            } else {
                continue;
            };
            let group = words(span);
            let timed = group.iter().any(|w| vocab::time_unit_hours(w).is_some());
            if !group.is_empty() && !timed {
                return group;
            }
        }
        Vec::new()
    }

    /// The comparison parenthesis the figure sits in ("(vs 34% placebo)"), by its "(".
    fn comparison_paren(&self) -> Option<usize> {
        let t = &self.toks;
        (0..self.first)
            .rev()
            .take_while(|&k| !t[k].is_punct(')'))
            .find(|&k| t[k].is_punct('('))
            .filter(|&p| compares(t.get(p + 1)))
    }

    /// The figure's own words: those after it up to the end of its clause or the next number
    /// (a bounded percentage, its threshold, is part of them); asides in parentheses ("Saxenda
    /// (liraglutide) lost …") are stepped over.
    fn own(&self) -> Vec<usize> {
        let t = &self.toks;
        let mut out = Vec::new();
        // "57% of patients on the 5 mg dose lost 20% or more": a dose qualifies the figure's
        // people; the words go on past it.
        let doses = dose::mentions(t);
        let mut k = self.last + 1;
        // "a third (31%) of patients lost …": a figure in brackets of its own reads on after
        // them.
        let bracketed = self.first > 0 && t[self.first - 1].is_punct('(');
        if bracketed && t.get(k).is_some_and(|w| w.is_punct(')')) {
            k += 1;
        }
        while k < t.len() {
            if let Some(m) = doses.iter().find(|m| m.first == k) {
                k = m.last + 1;
                continue;
            }
            if t[k].number().is_some() && !(percent(t, k).is_some() && bound_at(t, k).is_some()) {
                break;
            }
            if t[k].is_punct('(') && !compares(t.get(k + 1)) {
                match (k + 1..t.len()).find(|&c| t[c].is_punct(')')) {
                    Some(close) => k = close + 1,
                    None => break,
                }
                continue;
            }
            // "…, because every patient also began a new drug" gives a reason; "stopped
            // because of side effects" still says what was counted.
            let reason =
                t[k].is_any(vocab::REASON_OPENERS) && !t.get(k + 1).is_some_and(|n| n.is("of"));
            // "…, while scores in the sham group fell" turns to another group ("fell while on
            // treatment" does not).
            let turn = t[k].is("whereas") || (t[k].is("while") && t[k - 1].is_punct(','));
            if ends_clause(&t[k]) || reason || turn {
                break;
            }
            out.push(k);
            k += 1;
        }
        out
    }

    /// Canonical content words before the figure in its clause, back to the number before it
    /// ("pain dropped by 3.5 points after serum": pain, dropp).
    pub fn words_before(&self) -> Vec<String> {
        let t = &self.toks;
        let mut out = Vec::new();
        for k in self
            .before_past_asides()
            .into_iter()
            .take_while(|&k| t[k].number().is_none())
        {
            if vocab::number_word(&t[k].lower).is_none() {
                text::push_content_word(&mut out, &t[k]);
            }
        }
        out
    }

    /// The figure and its own words, as written ("three sessions of integration therapy").
    pub fn own_phrase(&self) -> String {
        let t = &self.toks;
        (self.first..=self.last)
            .chain(self.own())
            .map(|k| t[k].lower.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The tokens that say what the figure measures: its own words; for a comparison in
    /// parentheses ("… lost ≥5% of their body weight (vs 34% placebo)"), the clause the
    /// parenthesis qualifies.
    fn span(&self) -> Vec<usize> {
        let t = &self.toks;
        if let Some(p) = self.comparison_paren() {
            let from = (0..p)
                .rev()
                .find(|&k| ends_clause(&t[k]))
                .map_or(0, |k| k + 1);
            return (from..p).collect();
        }
        self.own()
    }

    /// The comparison word just before the figure ("compared with 2.6%", "vs 12%", "than
    /// 3%"), if any.
    fn comparison_before(&self) -> Option<usize> {
        let t = &self.toks;
        self.before()
            .take(3)
            .find(|&k| t[k].is("than") || compares(Some(&t[k])))
    }

    /// The tokens before the figure in its clause, nearest first.
    fn before(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.first)
            .rev()
            .take_while(|&k| !ends_clause(&self.toks[k]))
    }

    /// [`Self::before`], reading on through an aside of words in brackets: "Sleep onset
    /// latency (SOL) improved by 19 minutes" is about sleep onset latency. A bracket with a
    /// number in it ("(n = 40)") still ends the clause.
    fn before_past_asides(&self) -> Vec<usize> {
        let t = &self.toks;
        let mut out = Vec::new();
        let mut k = self.first;
        while k > 0 {
            k -= 1;
            if t[k].is_punct(')') {
                let open = (0..k)
                    .rev()
                    .find(|&o| t[o].is_punct('(') || t[o].is_punct(')'));
                let aside = open.filter(|&o| {
                    t[o].is_punct('(') && (o + 1..k).all(|j| t[j].class == Class::Word)
                });
                if let Some(o) = aside {
                    out.extend((o + 1..k).rev());
                    k = o;
                    continue;
                }
            }
            if ends_clause(&t[k]) {
                break;
            }
            out.push(k);
        }
        out
    }

    /// The responder threshold the sentence gives the figure: a bounded percentage in the
    /// words that say what it measures ("lost ≥5% of their body weight", "lost more than
    /// 10%"), or before the figure in its clause ("Of those who lost at least 5%, 45% …").
    pub fn threshold(&self) -> Option<Value> {
        let t = &self.toks;
        let bounded = |k: usize| {
            let v = percent(t, k)?;
            let bound = bound_at(t, k)?;
            Some(Value {
                bound: Some(bound),
                ..Value::point(v, Unit::Percent)
            })
        };
        if let Some(v) = self.span().into_iter().find_map(bounded) {
            return Some(v);
        }
        if let Some(v) = self.share_of_weight_in_words() {
            return Some(v);
        }
        // Before the figure, the nearest percentage decides: another result is no threshold.
        let k = self.before().find(|&k| percent(t, k).is_some())?;
        bounded(k)
    }

    /// "50% of patients lost a fifth of their body weight or more": a share of the body lost,
    /// in words, after a verb of losing in the figure's own words, is the share's threshold
    /// (≥20%). Not "a fifth of patients lost 10%" (the fraction counts people, before the
    /// verb), nor a figure whose own words lose nothing.
    fn share_of_weight_in_words(&self) -> Option<Value> {
        let t = &self.toks;
        let own = self.span();
        let verb = own
            .iter()
            .position(|&k| t[k].is_any(&["lost", "lose", "losing", "shed", "dropped"]))?;
        let words: Vec<&str> = own[verb + 1..]
            .iter()
            .map(|&k| t[k].lower.as_str())
            .collect();
        let figure = crate::quantity::figures(&words.join(" "))
            .into_iter()
            .next()
            .filter(|f| f.value.unit == Unit::Percent)?;
        let v = figure.value.high?;
        Some(Value {
            bound: Some(Bound::AtLeast),
            ..Value::point(v, Unit::Percent)
        })
    }

    /// The time point the figure's clause names, for a claim whose stored measure has none:
    /// "by day 28, 58.7% had responded", "17% responded as early as day 2". The nearest time
    /// point within a few words in the same clause (the caller leaves out claims that are
    /// times themselves, such as "a 12-week course").
    pub fn time_point(&self) -> Option<Value> {
        let t = &self.toks;
        let start = self.before().last().unwrap_or(self.first);
        let end = (self.last + 1..t.len())
            .find(|&k| ends_clause(&t[k]))
            .unwrap_or(t.len());
        // A time point is a day or longer, written "day 28" or after a word that sets a point
        // in time ("by 12 weeks"); "walked farther in six minutes" names how a test is run.
        // "after just 12 weeks": a hedge may stand between the word and the time.
        let point = |m: &super::reader::TimeMention| {
            let lead = (0..m.at)
                .rev()
                .find(|&p| !t[p].is_any(&["just", "only", "about", "around", "nearly"]));
            m.value.unit >= Unit::Days
                && (vocab::time_unit_hours(&t[m.at].lower).is_some()
                    || lead.is_some_and(|p| {
                        t[p].is_any(&["at", "by", "after", "within", "over", "until", "through"])
                    }))
        };
        super::reader::time_mentions(t)
            .into_iter()
            .filter(point)
            .filter(|m| (start..end).contains(&m.at) && !(self.first..=self.last).contains(&m.at))
            .map(|m| {
                (
                    m.at.abs_diff(self.first).min(m.at.abs_diff(self.last)),
                    m.value,
                )
            })
            .filter(|(d, _)| *d <= 12)
            .min_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, v)| v)
    }

    /// Whether the figure is an average ("an average loss of 15.2%", "a mean reduction of 30%
    /// … compared with 12% with placebo"): a word for an average before it in its clause. Not
    /// "62% of patients", a share of people.
    pub fn is_average(&self) -> bool {
        let t = &self.toks;
        self.before()
            .any(|k| t[k].is_any(&["average", "mean", "median"]))
    }

    /// Canonical content words of what the figure measures, without the words for people: the
    /// quote's own noun ("29 trials"), the words that follow it or, when none do ("… after
    /// using the comb for just 26 weeks"), those before it back to the previous number.
    pub fn outcome_words(&self) -> Vec<String> {
        let t = &self.toks;
        let mut span = self.span();
        // "… a reduction in body weight of 13.8% at 68 weeks", "… 2.6% in the placebo group",
        // "… 42% over placebo": words after the figure that only say when, or whose, are no
        // outcome; then the words before it say what it measures, and for a figure set against
        // another ("… an average loss of 15.2%, compared with 2.6% …") those before the
        // comparison.
        let names_arm = |k: usize| {
            t[k].is_any(vocab::CONTROL_WORDS)
                || t[k].is_any(vocab::GROUP_NOUNS)
                || t[k].is_any(vocab::ARM_CUES)
                || t[k].is_any(vocab::DOSE_NOUNS)
                || t[k].is_any(&["than", "over"])
                || compares(Some(&t[k]))
                || text::canon(&t[k].lower) == "participant"
        };
        // "after two years": a number in words says when or how many, never what.
        let names_outcome = |k: &usize| {
            t[*k].class == Class::Word
                && !vocab::is_stop(&t[*k].lower)
                && vocab::number_word(&t[*k].lower).is_none()
                && vocab::time_unit_hours(&t[*k].lower).is_none()
                && !names_arm(*k)
        };
        if !span.iter().any(names_outcome) {
            span = match self.comparison_before() {
                Some(c) => (0..c).rev().take_while(|&k| !ends_clause(&t[k])).collect(),
                None => self
                    .before_past_asides()
                    .into_iter()
                    .take_while(|&k| t[k].number().is_none())
                    .collect(),
            };
        }
        let mut out: Vec<String> = Vec::new();
        let span = span
            .into_iter()
            .filter(|&k| vocab::number_word(&t[k].lower).is_none());
        for k in (self.first..=self.last).chain(span) {
            text::push_content_word(&mut out, &t[k]);
        }
        // "patients", "people": every figure of a study is about them.
        out.retain(|w| w != "participant");
        out
    }

    /// The arm the figure's own words name: "34% placebo", "62% of patients on Saxenda",
    /// "17.6% of the quetiapine group", "60% of people who received the drug". None for a list
    /// of arms ("in the ketamine and midazolam groups, respectively") or no arm.
    pub fn own_arm(&self) -> Option<String> {
        let t = &self.toks;
        // "21% placebo": the arm may close the quote itself.
        if self.last > self.first && t[self.last].is_any(vocab::CONTROL_WORDS) {
            return Some(t[self.last].lower.clone());
        }
        let own = self.own();
        let Some(&first) = own.first() else {
            return self.arm_before().or_else(|| self.group_opening_clause());
        };
        if t[first].is_any(vocab::CONTROL_WORDS) {
            return Some(t[first].lower.clone());
        }
        // "12.4% more weight than on placebo": the arm after "than" is the comparator, not the
        // figure's own.
        let near: Vec<usize> = own
            .iter()
            .copied()
            .take(8)
            .take_while(|&k| !t[k].is("than") && !compares(Some(&t[k])))
            .collect();
        if let Some(g) = near.iter().position(|&k| t[k].is_any(vocab::GROUP_NOUNS)) {
            let from = near[..g]
                .iter()
                // "… by 17 minutes with group therapy": no name stands before the group noun.
                .rposition(|&k| t[k].is_any(&["the", "in", "of", "a", "an", "with", "for"]))
                .map_or(0, |p| p + 1);
            let words = &near[from..g];
            let list = words
                .iter()
                .any(|&k| t[k].is_any(&["and", "or"]) || t[k].is_punct(','));
            return (!words.is_empty() && words.len() <= 4 && !list).then(|| {
                words
                    .iter()
                    .map(|&k| t[k].lower.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        }
        let after = near
            .iter()
            .position(|&k| t[k].is_any(vocab::ARM_CUES))
            .and_then(|cue| self.arm_named_after(near[cue + 1..].iter().copied()));
        after
            .or_else(|| {
                let compared_after = own
                    .iter()
                    .take(8)
                    .any(|&k| t[k].is("than") || compares(Some(&t[k])));
                self.arm_for(&near, compared_after)
            })
            .or_else(|| self.arm_before())
            .or_else(|| self.group_opening_clause())
    }

    /// "42.6% for freeze-all versus 41.7% for fresh transfer", "compared with 41.7% for fresh
    /// transfer": in a comparison of figures, "for" right after a figure names its arm. Not
    /// outside one ("a response of 64% for depression": the condition).
    fn arm_for(&self, near: &[usize], compared_after: bool) -> Option<String> {
        let t = &self.toks;
        let (&cue, rest) = near.split_first()?;
        let compared_before = self
            .before()
            .take(3)
            .any(|k| t[k].is("than") || compares(Some(&t[k])));
        let paired = compared_before || compared_after;
        (paired && t[cue].is("for"))
            .then(|| self.arm_named_after(rest.iter().copied()))
            .flatten()
    }

    /// "scores in the sham group actually fell by 2.2 points": a group named before the figure
    /// in its clause, as the clause's subject, is the figure's arm. Not across a comma or a
    /// "while" (another clause), nor after a comparison ("than the sham group, 30% …").
    fn group_opening_clause(&self) -> Option<String> {
        let t = &self.toks;
        let before: Vec<usize> = self
            .before()
            .take_while(|&k| !t[k].is_punct(',') && !t[k].is_any(vocab::CLAUSE_TURNS))
            .collect();
        if before
            .iter()
            .any(|&k| t[k].is("than") || compares(Some(&t[k])))
        {
            return None;
        }
        // `before` runs backwards: the group noun nearest the figure, then its name before it.
        let g = before
            .iter()
            .position(|&k| t[k].is_any(vocab::GROUP_NOUNS))?;
        let name: Vec<usize> = before[g + 1..]
            .iter()
            .copied()
            .take_while(|&k| !t[k].is_any(&["the", "in", "of", "a", "an", "for"]))
            .collect();
        let list = name
            .iter()
            .any(|&k| t[k].is_any(&["and", "or"]) || t[k].class != Class::Word);
        (!name.is_empty() && name.len() <= 3 && !list).then(|| {
            name.iter()
                .rev()
                .map(|&k| t[k].lower.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    /// The arm's name among `toks` (after an arm cue such as "on" or "receiving"): the first
    /// word past an article, if it can name a treatment.
    fn arm_named_after(&self, mut toks: impl Iterator<Item = usize>) -> Option<String> {
        let t = &self.toks;
        let name = toks.find(|&k| !t[k].is_any(&["the", "a", "an", "with"]))?;
        let word = &t[name];
        // "91% of treated men": people after the cue are the treated arm, whatever it is.
        if word.is_any(vocab::PEOPLE_NOUNS) {
            return (name > 0 && t[name - 1].is("treated")).then(|| "treatment".to_owned());
        }
        let named = word.class == Class::Word
            && !vocab::is_stop(&word.lower)
            && !word.is_any(vocab::GENERIC_ARM_WORDS)
            && !word.is("average");
        named.then(|| word.lower.clone())
    }

    /// "men on finasteride had 21.6% more hair weight": an arm cue a few words before the
    /// figure, in its clause, names its arm when its own words name none. Not "compared with
    /// those on placebo, 30% …" (the arm after a comparison is the comparator), not across a
    /// comma, nor a cue further back than four words.
    fn arm_before(&self) -> Option<String> {
        let t = &self.toks;
        let before: Vec<usize> = self.before().take(4).collect();
        let cue = before
            .iter()
            .copied()
            .find(|&k| t[k].is_any(vocab::ARM_CUES))?;
        let compared = (cue.saturating_sub(3)..self.first)
            .any(|k| t[k].is("than") || compares(Some(&t[k])))
            || (cue..self.first).any(|k| t[k].is_punct(','));
        if compared {
            return None;
        }
        self.arm_named_after(cue + 1..self.first)
    }

    /// Whether the figure is set against a control in its own clause ("34% lost ≥10% (vs 15%
    /// placebo)", "64% compared with 28% on placebo"): then it is not the control's figure.
    pub fn compared_with_control(&self) -> bool {
        let t = &self.toks;
        let end = (self.last + 1..t.len())
            .find(|&k| t[k].is_punct(')') || t[k].is_punct(';') || t[k].is_punct('.'))
            .unwrap_or(t.len());
        let Some(c) = (self.last + 1..end).find(|&k| compares(Some(&t[k]))) else {
            return false;
        };
        (c + 1..end).any(|k| t[k].is_any(vocab::CONTROL_WORDS))
    }

    /// Whether the figure is the responder threshold of a share of people in its clause
    /// ("69% of patients lost 15% or more", "half of patients lost at least 10%"): a bounded
    /// percentage whose clause gives the share first. Such a figure says which patients are
    /// counted, not how much anyone lost, so no result can state it.
    pub fn is_share_threshold(&self) -> bool {
        let t = &self.toks;
        let Some(k) = (self.first..=self.last).find(|&k| percent(t, k).is_some()) else {
            return false;
        };
        if bound_at(t, k).is_none() {
            return false;
        }
        // The share may sit in an aside ("a third (34%) of patients kept off at least 5%"), so
        // the look back crosses parentheses and stops only where the sentence's clause ends.
        let back = (0..self.first)
            .rev()
            .take_while(|&p| ![';', '.', ':'].iter().any(|&c| t[p].is_punct(c)));
        let mut share_word = false;
        for p in back {
            // The nearest percentage before it decides: a bounded one is a range ("from at
            // least 5% to at least 10%"), an unbounded one is the share.
            if percent(t, p).is_some() {
                return bound_at(t, p).is_none();
            }
            share_word |= t[p].is_any(vocab::SHARE_WORDS);
        }
        share_word
    }

    /// Whether the claim's sentence states a gap between arms itself ("a difference of 6
    /// points", "12 points more than placebo"): only then may an abstract's difference state
    /// its measure.
    pub fn speaks_of_difference(&self) -> bool {
        let t = &self.toks;
        let control_follows = |k: usize| {
            t[k + 1..]
                .iter()
                .take(3)
                .any(|n| n.is_any(vocab::CONTROL_WORDS))
        };
        // "a gain of 46% over placebo": "over" a control only in the figure's own words ("a
        // 30-point improvement over placebo" says nothing of the 64% before it).
        let own = self.own();
        t.iter().enumerate().any(|(k, w)| {
            w.is_any(vocab::DIFFERENCE_NOUNS)
                || (w.is("than") && control_follows(k))
                || (w.is("over") && own.contains(&k) && control_follows(k))
        })
    }

    /// The dose the claim is about: its own figure when that is a dose ("15 mg"); else the dose
    /// its sentence names nearest the figure ("patients on the 5 mg dose lost 15%", "the
    /// highest dose (15 mg)"); else "the highest dose", "the starting dose".
    pub fn dose(&self) -> Option<Wanted> {
        let t = &self.toks;
        let away = |first: usize, last: usize| {
            if last < self.first {
                self.first - last
            } else {
                first.saturating_sub(self.last)
            }
        };
        let named = dose::mentions(t)
            .into_iter()
            .min_by_key(|m| away(m.first, m.last));
        if let Some(m) = named {
            return Some(Wanted::Amount(m.value));
        }
        (0..t.len())
            .filter_map(|k| dose::superlative(t, k).map(|w| (away(k, k), w)))
            .min_by_key(|(d, _)| *d)
            .map(|(_, w)| w)
    }

    /// Whether the sentence speaks of a study ("a trial of 122 women", "the study involved 90
    /// participants"): a count of people in a sentence that names none is the clinic's own
    /// tally or a national estimate, not a study's size.
    pub fn names_study(&self) -> bool {
        let study = self.toks.iter().any(|t| {
            vocab::STUDY_WORDS.contains(&t.lower.as_str()) || text::canon(&t.lower) == "study"
        });
        // "2538 couples chose IVF without testing (the control group)": only a study has a
        // control group, a placebo arm or a comparison group.
        let arm = self.toks.windows(2).any(|w| {
            w[0].is_any(&["control", "placebo", "comparison", "sham"])
                && w[1].is_any(&["group", "groups", "arm", "arms"])
        });
        study || arm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn threshold(sentence: &str, quote: &str, occurrence: u32) -> Option<String> {
        let c = Clause::of(sentence, quote, occurrence)?;
        c.threshold().map(|v| v.to_string())
    }

    const WEIGHT: &str = "In the trial, 58% of adults on the drug lost at least 5% of their weight (vs 21% on placebo) and 31% lost more than 10% (vs 6% on placebo).";

    #[test]
    fn a_share_takes_the_bounded_percentage_of_its_clause() {
        assert_eq!(threshold(WEIGHT, "58%", 1).as_deref(), Some("≥5%"));
        assert_eq!(threshold(WEIGHT, "31%", 1).as_deref(), Some(">10%"));
        // A comparison in parentheses qualifies the clause before it.
        assert_eq!(threshold(WEIGHT, "21%", 1).as_deref(), Some("≥5%"));
        assert_eq!(threshold(WEIGHT, "6%", 1).as_deref(), Some(">10%"));
        // An aside in parentheses is stepped over; "5% or more" is a bound too.
        let aside = "About 55% of those given the drug (a weekly injection) lost 5% or more of their weight.";
        assert_eq!(threshold(aside, "About 55%", 1).as_deref(), Some("≥5%"));
        // A threshold may come first.
        let first = "Of those who lost at least 5%, 45% kept the weight off for a year.";
        assert_eq!(threshold(first, "45%", 1).as_deref(), Some("≥5%"));
        // A share in brackets of its own, and a dose among its words, read on to the bound.
        let share = "Over a third (36%) of patients lost at least 10% of their weight.";
        assert_eq!(threshold(share, "36%", 1).as_deref(), Some("≥10%"));
        let dosed = "In all, 57% of patients on the 6 mg dose lost 20% or more of their weight.";
        assert_eq!(threshold(dosed, "57%", 1).as_deref(), Some("≥20%"));
    }

    #[test]
    fn the_dose_nearest_the_figure_is_the_claims() {
        let dose = |s: &str, q: &str| Clause::of(s, q, 1).and_then(|c| c.dose());
        let mg = |v: f64| Some(Wanted::Amount(Value::point(v, Unit::Mg)));
        let two = "Patients on 8 mg lost 14% of their weight, while those on 4 mg lost 11%.";
        assert_eq!(dose(two, "14%"), mg(8.0));
        assert_eq!(dose(two, "11%"), mg(4.0));
        assert_eq!(
            dose("The highest dose (12 mg) cut weight by 17%.", "17%"),
            mg(12.0)
        );
        assert_eq!(
            dose(
                "Those on the starting dose lost 11% of their weight.",
                "11%"
            ),
            Some(Wanted::Lowest)
        );
        assert_eq!(dose("A dose of 8 mg is usual.", "8 mg"), mg(8.0));
        assert_eq!(dose("Patients lost 14% of their weight.", "14%"), None);
    }

    #[test]
    fn another_result_is_no_threshold() {
        let two = "Response occurred in 64% of patients and 28% of those on placebo.";
        assert_eq!(threshold(two, "64%", 1), None);
        assert_eq!(threshold(two, "28%", 1), None);
        let mean = "Weight fell by 12% on average, and 30% of patients stopped early.";
        assert_eq!(threshold(mean, "30%", 1), None);
        let aside = "Most patients (85%) lost weight (an average of 9.2% of their weight).";
        assert_eq!(threshold(aside, "85%", 1), None);
        assert_eq!(threshold(WEIGHT, "42%", 1), None, "not in the sentence");
    }

    #[test]
    fn quotes_are_found_as_claims_store_them() {
        let s = "About 62% lost 12–15% of their weight.";
        let c = Clause::of(s, "about 62%", 1).expect("lower case");
        assert_eq!(c.toks[c.first].lower, "about");
        let c = Clause::of(s, "12-15%", 1).expect("dash as hyphen");
        assert_eq!(
            (
                c.toks[c.first].lower.as_str(),
                c.toks[c.last].lower.as_str()
            ),
            ("12", "%")
        );
        assert!(Clause::of(s, "62 %", 1).is_none());
    }

    #[test]
    fn the_quotes_occurrence_picks_the_figure() {
        let s = "At one year, 34% lost at least 5% with placebo and 34% lost more than 10% with the drug.";
        assert_eq!(threshold(s, "34%", 1).as_deref(), Some("≥5%"));
        assert_eq!(threshold(s, "34%", 2).as_deref(), Some(">10%"));
    }

    #[test]
    fn outcome_words_say_what_the_figure_measures() {
        let c = Clause::of(WEIGHT, "21%", 1).unwrap();
        let words = c.outcome_words();
        assert!(words.contains(&"weight".to_owned()), "{words:?}");
        assert!(!words.contains(&"participant".to_owned()), "{words:?}");
        let c = Clause::of(
            "Response occurred in 64% of patients and 28% of those on placebo.",
            "64%",
            1,
        )
        .unwrap();
        assert!(!c.outcome_words().contains(&"placebo".to_owned()));
    }

    #[test]
    fn the_figures_own_words_name_its_arm() {
        let arm = |s: &str, q: &str| Clause::of(s, q, 1).and_then(|c| c.own_arm());
        assert_eq!(arm(WEIGHT, "21%").as_deref(), Some("placebo"));
        // The arm may close the quote itself.
        let glued = "Of those on the drug, 41% lost 10% or more (vs 12% placebo).";
        assert_eq!(arm(glued, "12% placebo").as_deref(), Some("placebo"));
        assert_eq!(arm(glued, "41%"), None);
        assert_eq!(arm(WEIGHT, "58%").as_deref(), Some("drug"));
        let groups =
            "Remission at week 8 was 31% with the new drug and 19.4% of the lithium group.";
        assert_eq!(arm(groups, "19.4%").as_deref(), Some("lithium"));
        let brand = "Two in three patients (66%) taking Brandex improved, and 41% of those receiving sertraline did.";
        assert_eq!(arm(brand, "41%").as_deref(), Some("sertraline"));
        assert_eq!(
            arm("Here 12% placebo patients relapsed.", "12%").as_deref(),
            Some("placebo")
        );
        // A list of arms is for "respectively" to map, and "on average" names nothing.
        let list =
            "Response rates were 64% and 28% in the ketamine and midazolam groups, respectively.";
        assert_eq!(arm(list, "28%"), None);
        assert_eq!(arm("Patients lost 8% on average.", "8%"), None);
        assert_eq!(
            arm("Of 40 patients, 30% with severe symptoms relapsed.", "30%"),
            None
        );
        // In a comparison of figures, "for" after a figure names its arm.
        let paired = "Implants gave a success rate of 92.1%, compared with 90.4% for bridges.";
        assert_eq!(arm(paired, "90.4%").as_deref(), Some("bridges"));
        let versus = "Healing took 41% for grafts versus 29% for dressings.";
        assert_eq!(arm(versus, "41%").as_deref(), Some("grafts"));
        assert_eq!(arm(versus, "29%").as_deref(), Some("dressings"));
        // Counterexample: outside a comparison, "for" names what the figure is about.
        let about = "The response rate was 64% for depression after one infusion.";
        assert_eq!(arm(about, "64%"), None);
    }

    #[test]
    fn a_group_opening_the_figures_clause_is_its_arm() {
        let arm = |s: &str, q: &str| Clause::of(s, q, 1).and_then(|c| c.own_arm());
        let turn = "Pain scores in the gel group fell by 4.1 points, while scores in the saline group barely fell by 0.9 points.";
        assert_eq!(arm(turn, "0.9 points").as_deref(), Some("saline"));
        assert_eq!(arm(turn, "4.1 points").as_deref(), Some("gel"));
        // Counterexamples: a group after a comparison is the comparator, and a group in
        // another clause (across a comma or a "while") is not the figure's.
        let compared = "Compared with the saline group scores fell by 4.1 points.";
        assert_eq!(arm(compared, "4.1 points"), None);
        let across = "In the saline group, pain was unchanged while scores fell by 4.1 points.";
        assert_eq!(arm(across, "4.1 points"), None);
    }

    #[test]
    fn people_after_treated_are_the_treated_arm() {
        let arm = |s: &str, q: &str| Clause::of(s, q, 1).and_then(|c| c.own_arm());
        let s = "By month three, 88% of treated women reported fewer flushes.";
        assert_eq!(arm(s, "88%").as_deref(), Some("treatment"));
        // Counterexample: people after another cue name no treatment at all.
        let s =
            "By month three, 88% of those receiving patients' education reported fewer flushes.";
        assert_ne!(arm(s, "88%").as_deref(), Some("patients"));
    }

    #[test]
    fn a_figure_set_against_a_control_is_not_the_controls() {
        let against =
            |s: &str, q: &str, n: u32| Clause::of(s, q, n).unwrap().compared_with_control();
        assert!(against(WEIGHT, "31%", 1));
        assert!(against(WEIGHT, "58%", 1));
        assert!(
            !against(WEIGHT, "21%", 1),
            "inside the parenthesis the figure is the control's"
        );
        assert!(against(
            "Relapse was 27% compared with 45% on placebo.",
            "27%",
            1
        ));
        assert!(!against(
            "Relapse was 27% compared with 45% on lithium.",
            "27%",
            1
        ));
        assert!(!against(
            "Relapse was 27% with placebo; 45% relapsed on lithium.",
            "27%",
            1
        ));
    }

    #[test]
    fn outcome_words_include_the_quotes_noun_and_precede_a_bare_time() {
        let words = |s: &str, q: &str| Clause::of(s, q, 1).unwrap().outcome_words();
        let w = words(
            "The review pooled 29 trials of yoga for back pain, with 4,100 patients.",
            "29 trials",
        );
        assert!(
            w.contains(&"study".to_owned()) && w.contains(&"yoga".to_owned()),
            "{w:?}"
        );
        assert!(
            !w.contains(&"patient".to_owned()) && !w.contains(&"participant".to_owned()),
            "{w:?}"
        );
        let w = words(
            "Hair counts rose by 20 hairs per cm2 after using the comb for just 26 weeks.",
            "26 weeks",
        );
        assert!(
            w.contains(&"comb".to_owned()) && !w.contains(&"count".to_owned()),
            "{w:?}"
        );
    }

    #[test]
    fn a_count_of_people_belongs_to_a_study_only_when_the_sentence_names_one() {
        let names = |s: &str, q: &str| Clause::of(s, q, 1).unwrap().names_study();
        assert!(names(
            "In a trial of 120 women and 95 men, hair counts rose.",
            "120 women"
        ));
        assert!(names(
            "The meta-analysis pooled data on 17,922 patients.",
            "17,922 patients"
        ));
        assert!(names(
            "The study enrolled 64 participants.",
            "64 participants"
        ));
        assert!(!names(
            "Our clinic has treated about 300 people since it opened.",
            "about 300 people"
        ));
        assert!(!names(
            "Some 90,000 adults in the region live with the condition.",
            "90,000 adults"
        ));
    }
}
