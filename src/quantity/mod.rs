//! Finds the figures a sentence states and what each measures: "around 30%", "within 24–48
//! hours", "two or more antidepressants", "0.5 mg/kg", "11 out of 13 (84.6%)", "$300-400/month",
//! "2x a week", "a BMI >30", "within hours or days".
//!
//! This is the one reader behind both article claims (`extract`) and the figures in abstracts
//! (`evidence`), so a claim and its evidence are read by the same rules. It is a pure leaf: it
//! takes a sentence and returns [`Figure`]s with byte ranges into that sentence, their value, the
//! kind of measure, what the figure is about ([`Measure`]: intervention, comparator, population,
//! outcome, time point) and whether it is a fact about the clinic itself ([`Scope`]). It knows
//! nothing of articles, files or sources.
//!
//! How it reads a sentence: `tokens` (words, numbers, symbols) → `scan` (number, unit or count
//! noun, range, bounds; see its header) → `classify` (kind and outcome from the unit, the
//! figure's shape and cue words in the same clause) → `about` (intervention and population
//! phrases, open vocabulary). All words those steps know live in `lexicon`, each with examples
//! and counterexamples run as tests. `masks` removes phone numbers, addresses, dates and times of
//! day before scanning.

mod about;
mod classify;
mod lexicon;
mod masks;
mod matcher;
mod number;
mod scan;
pub mod sentences;
mod tokens;
mod unit;
mod words;

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::model::{ClaimKind, Measure, Scope, Unit, Value};
use about::{is_comparator, Named, Phrase};
use classify::{Sentence, Verdict};
use lexicon::{default_outcome, Applies, ClinicCue, CLINIC_CUES, CUES};
use matcher::Matcher;
use scan::{RawMatch, Scanner};

pub use about::{intervention_key, names_a_control};
pub use unit::counts_days;

/// Whether `word` (lower case) names a drug's salt or ester ("hydrochloride", "cypionate"), which
/// does not make it another treatment.
pub fn is_salt_word(word: &str) -> bool {
    words::SALT_ENDINGS.ends(word)
}

static CLINIC: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(CLINIC_CUES));

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

/// The outcome of a figure that says how long side effects last.
pub const SIDE_EFFECTS: &str = "side effects";

/// The outcome of an age that describes people ("participants aged 45–80", "a mean age of 46").
pub const AGE: &str = "age";

/// Whether `text` could hold a figure at all: a digit, a number word, a fraction word or a plural
/// time unit. A cheap pre-filter so that most prose never reaches the tokenizer.
pub fn has_trigger(text: &str) -> bool {
    first_trigger(text).is_some()
}

/// The byte offset of the first digit or trigger word in `text`, if any: sentences that end
/// before it can hold no figure.
pub fn first_trigger(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Digits first, 16 bytes at a time. Then fraction glyphs and trigger words, only before the
    // first digit: a word never holds a glyph's first byte, so no word before the first glyph
    // runs past it.
    let digit = first_digit(bytes);
    let before_digit = &bytes[..digit.unwrap_or(bytes.len())];
    let glyph = first_fraction_glyph(before_digit);
    let words = &before_digit[..glyph.unwrap_or(before_digit.len())];
    first_trigger_word(words).or(glyph).or(digit)
}

/// The offset of the first fraction glyph: "½" (C2 BD, BC, BE) or "⅓"…"⅞" (E2 85 93…9E).
fn first_fraction_glyph(bytes: &[u8]) -> Option<usize> {
    memchr::memchr2_iter(0xC2, 0xE2, bytes).find(|&i| {
        let next = |k: usize| bytes.get(i + k).copied();
        match bytes[i] {
            0xC2 => matches!(next(1), Some(0xBC..=0xBE)),
            _ => next(1) == Some(0x85) && matches!(next(2), Some(0x93..=0x9E)),
        }
    })
}

/// The offset of the first trigger word (a run of ASCII letters) in `words`. Letters are found
/// 8 bytes at a time and words by their first letter's bit, so the bytes inside a word are never
/// visited one by one (a byte loop here was 7% of extraction's instructions).
fn first_trigger_word(words: &[u8]) -> Option<usize> {
    let mut base = 0;
    // Whether the byte before the block is a letter (a word runs on into the block).
    let mut carried = 0u64;
    for block in words.chunks(64) {
        let letters = letter_bits(block);
        let mut starts = letters & !((letters << 1) | carried);
        carried = letters >> (block.len() - 1) & 1;
        while starts != 0 {
            let k = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let start = base + k;
            let mut end = start + (!(letters >> k)).trailing_zeros() as usize;
            // A word that reaches the block's end goes on in the next block.
            while end < words.len() && words[end].is_ascii_alphabetic() {
                end += 1;
            }
            if is_trigger_word(&words[start..end]) {
                return Some(start);
            }
        }
        base += block.len();
    }
    None
}

/// Eight bytes as one number, the first byte lowest.
fn load8(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(std::array::from_fn(|k| chunk[k]))
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that lies in `lo..=hi` (both ASCII), all other bits clear.
/// The sums below never carry into the next byte: no byte of `x & !HIGH` exceeds 0x7F.
fn bytes_in(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & !HIGH;
    let from_lo = low7 + u64::from(0x80 - lo) * ONES;
    let past_hi = low7 + u64::from(0x80 - hi - 1) * ONES;
    from_lo & !past_hi & !x & HIGH
}

/// A bit per byte of `block` (at most 64 bytes), set where the byte is an ASCII letter, 8 bytes
/// at a time: a letter with its case bit set lies in `a..=z`.
fn letter_bits(block: &[u8]) -> u64 {
    let letters = |x: u64| {
        let marks = bytes_in(x | (0x20 * ONES), b'a', b'z') & !x;
        // Gathers the high bit of byte i into bit i.
        (marks >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
    };
    let mut chunks = block.chunks_exact(8);
    let mut bits = 0;
    for (n, chunk) in (&mut chunks).enumerate() {
        bits |= letters(load8(chunk)) << (8 * n);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        bits |= letters(load8(&buf)) << (block.len() - rest.len());
    }
    bits
}

/// The offset of the first ASCII digit, 8 bytes at a time.
fn first_digit(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let digits = bytes_in(load8(chunk), b'0', b'9');
        if digits != 0 {
            return Some(base + digits.trailing_zeros() as usize / 8);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| base + p)
}

/// The words of `lexicon` that can start a figure with no digit.
const TRIGGER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "half",
    "third",
    "thirds",
    "quarter",
    "quarters",
    "fourth",
    "fourths",
    "fifth",
    "fifths",
    "tenth",
    "tenths",
    "once",
    "twice",
    "thrice",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "hour",
    "week",
    "day",
    "month",
    "year",
    "weekly",
    "monthly",
    "daily",
    "biweekly",
    "bimonthly",
    "yearly",
    "decade",
    "decades",
    "sessions",
];

/// [`TRIGGER_WORDS`] indexed for [`is_trigger_word`], which is asked about most words of every
/// sentence up to its first digit.
struct TriggerWords {
    /// For each pair of first letters (a–z), a bit per length of the trigger words that start
    /// with it: most words are turned away by one load ("the" is three letters, and no trigger
    /// word of three letters starts with "th").
    lengths: [u16; 26 * 26],
    /// The words, lower case, as [`word_key`]s.
    keys: FxHashSet<u128>,
}

static TRIGGERS: LazyLock<TriggerWords> = LazyLock::new(|| {
    let mut t = TriggerWords {
        lengths: [0; 26 * 26],
        keys: FxHashSet::default(),
    };
    for w in TRIGGER_WORDS {
        let b = w.as_bytes();
        if let Some(pair) = letter_pair(b) {
            t.lengths[pair] |= 1 << b.len();
        }
        t.keys.insert(word_key(b));
    }
    t
});

/// The index of a word's first two letters (ASCII, either case) in [`TriggerWords::lengths`].
fn letter_pair(word: &[u8]) -> Option<usize> {
    let letter = |b: u8| {
        b.is_ascii_alphabetic()
            .then(|| usize::from(b.to_ascii_lowercase() - b'a'))
    };
    Some(letter(*word.first()?)? * 26 + letter(*word.get(1)?)?)
}

/// A word of at most 16 bytes in ASCII lower case, packed into one number.
fn word_key(word: &[u8]) -> u128 {
    word.iter()
        .rev()
        .fold(0, |k, b| k << 8 | u128::from(b.to_ascii_lowercase()))
}

/// Whether `word` (ASCII letters, any case) is one of [`TRIGGER_WORDS`].
fn is_trigger_word(word: &[u8]) -> bool {
    let t = &*TRIGGERS;
    (3..=9).contains(&word.len())
        && letter_pair(word).is_some_and(|p| t.lengths[p] & (1 << word.len()) != 0)
        && t.keys.contains(&word_key(word))
}

/// Every figure in `sentence`, in order. Figures never overlap.
pub fn figures(sentence: &str) -> Vec<Figure> {
    figures_after(sentence, None)
}

/// The figures of a counter: a figure set alone on its line with its caption on the next line,
/// as clinic pages show them ("86%" over "Sustained improvement or remission", "500+" over
/// "Patients treated"). The line is read with its caption as one sentence, so the caption says
/// what the figure measures; only figures that start within `line` are returned, their quotes
/// cut at its end. A count of people there is the clinic's tally, not a study's sample.
pub fn captioned(line: &str, caption: &str) -> Vec<Figure> {
    let mut figs = figures(&format!("{line} {caption}"));
    figs.retain(|f| f.range.start < line.len());
    for f in &mut figs {
        f.range.end = f.range.end.min(line.len());
        if f.kind == ClaimKind::SampleSize {
            f.kind = ClaimKind::Other;
            f.measure.outcome = None;
        }
    }
    figs
}

/// Every figure in `sentence`, reading a percentage that names no outcome of its own by the
/// outcome of `lead_in`, the sentence that introduces a list ("Oral appliances had a success
/// rate of:" before "• 42 percent for an AHI of <5").
pub fn figures_after(sentence: &str, lead_in: Option<&str>) -> Vec<Figure> {
    if !has_trigger(sentence) {
        return Vec::new();
    }
    figures_of_triggered(sentence, lead_in)
}

/// [`figures_after`] of a sentence already known to hold a trigger ([`has_trigger`]): the
/// extractor tests every sentence once and need not have it tested again.
pub fn figures_of_triggered(sentence: &str, lead_in: Option<&str>) -> Vec<Figure> {
    let lower = sentence.to_ascii_lowercase();
    let toks = tokens::tokens(sentence, &lower);
    let masks = masks::masked(sentence);
    let raw = Scanner {
        t: &toks,
        masks: &masks,
    }
    .scan();
    if raw.is_empty() {
        return Vec::new();
    }
    let s = Sentence::new(&toks, &raw);
    let named = Named::read(&toks);
    let lead_in = lead_in.and_then(lead_in_outcome);
    let clinic = CLINIC.all(&toks);
    let pairs = paired_arms(&s, &named, &raw);
    let mut out: Vec<Figure> = Vec::with_capacity(raw.len());
    let mut verdicts: Vec<Verdict> = Vec::with_capacity(raw.len());
    for m in &raw {
        let mut v = s.classify(m);
        if v.kind == ClaimKind::OtherPercentage && v.outcome.is_none() {
            if let Some(lead) = lead_in {
                v = lead;
            }
        }
        verdicts.push(v);
    }
    for (i, m) in raw.iter().enumerate() {
        if s.reading_time(m) || s.age_as_a_moment(m) {
            continue;
        }
        let mut v = verdicts[i];
        // "participants aged 45–80", "a mean age of 46 years": an age that bounds nothing
        // describes the people, a figure of the population a source may state.
        if s.bare_age(m) || s.stated_age(m) {
            v = Verdict {
                kind: ClaimKind::Other,
                outcome: Some(AGE),
            };
        }
        let mut time_point = None;
        // A difference in days is an outcome with a time point too ("9.2 fewer headache days
        // after 12 weeks"), so a source's figure at another time does not support it.
        if s.is_difference(m) {
            time_point = percent_time_point(&s, m, &raw, &verdicts);
        }
        if m.value.unit == Unit::Percent {
            time_point = percent_time_point(&s, m, &raw, &verdicts);
            // "Response at 24 hours was 64% with ketamine versus 28% with midazolam": the second
            // arm states the same measure, at the same time point, unless it names its own.
            if s.follows_comparison(m) && !s.own_cue_after(m) {
                // The bar a share reached ("lost ≥5%") is no arm's figure.
                let arm = |f: &&Figure| {
                    f.value.unit == Unit::Percent && f.kind != ClaimKind::DefinitionThreshold
                };
                if let Some(prev) = out.iter().rev().find(arm) {
                    v = Verdict {
                        kind: prev.kind,
                        outcome: prev.measure.outcome.as_deref().and_then(static_outcome),
                    };
                    time_point = time_point.or_else(|| prev.measure.time_point.clone());
                }
            }
        }
        // "These effects usually subside within hours" after dissociation and nausea is about
        // side effects, not how long the treatment works.
        let side_effects = matches!(v.kind, ClaimKind::EffectDuration | ClaimKind::OnsetTime)
            && m.value.unit.hours().is_some()
            && mentions_side_effects(&s);
        if side_effects {
            v = Verdict {
                kind: ClaimKind::Other,
                outcome: Some(SIDE_EFFECTS),
            };
        }
        // A prevalence or a cut-off is about a condition: no intervention measures it.
        let about_condition = matches!(
            v.kind,
            ClaimKind::Prevalence | ClaimKind::DefinitionThreshold
        );
        let (intervention, comparator) = match pairs[i] {
            Some((own, other)) if !about_condition => (Some(own), Some(other.text.clone())),
            _ => {
                let own = nearest_intervention(&s, &named, m).filter(|_| !about_condition);
                (own, comparator(&s, &named, m, own))
            }
        };
        let measure = Measure {
            intervention: intervention.map(|p| p.text.clone()),
            comparator,
            population: nearest_population(&s, &named, m).map(|p| p.text.clone()),
            outcome: v
                .outcome
                .or_else(|| default_outcome(v.kind))
                .map(str::to_owned),
            time_point,
        };
        out.push(Figure {
            range: toks[m.quote_first].start..toks[glued_arm(&toks, m)].end,
            value: m.value.clone(),
            kind: v.kind,
            measure,
            scope: scope(&s, &clinic, m, v.kind),
        });
    }
    out
}

/// The last token of a figure's phrase: a control arm written right after a percentage with
/// no word between ("vs 21% placebo", "12% sham") is part of how the figure is stated, so
/// that its quote tells it from the same number stated for the treatment ("21% lost 10%").
fn glued_arm(t: &[tokens::Tok<'_>], m: &RawMatch) -> usize {
    let arm = m.value.unit == Unit::Percent
        && t.get(m.last_tok + 1)
            .is_some_and(|w| w.is_any(lexicon::COMPARATORS))
        // "12% sham group" names a group: the phrase is the group's, not the figure's.
        && !t
            .get(m.last_tok + 2)
            .is_some_and(|g| g.is_any(&["group", "groups", "arm", "arms", "patients"]));
    if arm {
        m.last_tok + 1
    } else {
        m.last_tok
    }
}

/// The outcome the lead-in sentence of a list names, for the list's bare percentages.
fn lead_in_outcome(lead_in: &str) -> Option<Verdict> {
    let lower = lead_in.to_ascii_lowercase();
    let toks = tokens::tokens(lead_in, &lower);
    let s = Sentence::new(&toks, &[]);
    // The cue nearest the end of the lead-in ("… provided a success rate of:").
    s.hits
        .iter()
        .rev()
        .map(|h| &CUES[h.entry].means)
        .find(|c| c.applies == Applies::Percent && c.kind != ClaimKind::OtherPercentage)
        .map(|c| Verdict {
            kind: c.kind,
            outcome: Some(c.outcome),
        })
}

/// Whether `outcome` is only the name a kind of claim gets when its sentence names no outcome
/// ("response" for a response rate): the sentence's own words then say more.
pub fn is_default_outcome(kind: ClaimKind, outcome: &str) -> bool {
    default_outcome(kind) == Some(outcome)
}

/// The static outcome name equal to `o`, so a verdict can be copied from an earlier figure.
fn static_outcome(o: &str) -> Option<&'static str> {
    CUES.iter()
        .map(|e| e.means.outcome)
        .chain(ClaimKind::ALL.iter().filter_map(|k| default_outcome(*k)))
        .chain([
            SIDE_EFFECTS,
            AGE,
            "live birth",
            "pregnancy",
            "multiple pregnancy",
            "20/20 vision",
            "permanent result",
        ])
        .find(|c| *c == o)
}

/// Whether the sentence names side effects (dissociation, nausea, dizziness…).
fn mentions_side_effects(s: &Sentence<'_, '_>) -> bool {
    s.hits
        .iter()
        .any(|h| CUES[h.entry].means.kind == ClaimKind::SideEffectRate && !s.treated_symptom(h))
}

/// The time point a percentage refers to: the nearest time figure that is a time point or an
/// onset ("64% at 24 hours"), or "the day after" / "the next day" (24 hours).
fn percent_time_point(
    s: &Sentence<'_, '_>,
    m: &RawMatch,
    raw: &[RawMatch],
    verdicts: &[Verdict],
) -> Option<Value> {
    let t = s.t;
    // "in the first 3 months": a window from the start is a time point too, whatever kind the
    // time figure itself was given.
    let window = |f: &RawMatch| {
        f.quote_first > 0 && t[f.quote_first - 1].is_any(&["first", "initial", "opening"])
    };
    // "5-8% in the first 3 months and 10-15% by month 6": a time set right after an earlier
    // percentage is that percentage's, not the next one's.
    let owned_before = |f: &RawMatch| {
        f.last_tok < m.quote_first
            && raw.iter().any(|p| {
                p.value.unit == Unit::Percent
                    && p.last_tok < f.quote_first
                    && f.quote_first - p.last_tok <= 4
            })
    };
    let from_figure = raw
        .iter()
        .zip(verdicts)
        .filter(|(f, v)| {
            f.value.unit.hours().is_some()
                && !f.value.is_vague()
                && (matches!(v.kind, ClaimKind::FollowUp | ClaimKind::OnsetTime) || window(f))
                && !owned_before(f)
        })
        .map(|(f, _)| {
            (
                s.distance(m, f.quote_first, f.last_tok + 1),
                f.value.clone(),
            )
        })
        .filter(|(d, _)| *d <= 24);
    let figure = from_figure.min_by_key(|(d, _)| *d);
    let period = ordinal_period(s, m)
        .into_iter()
        .chain(numbered_period(s, m))
        .min_by_key(|(d, _)| *d);
    // A time figure of the sentence decides ("64% responded at 24 hours"), unless a period is
    // named clearly nearer ("over 72 weeks, ... 10-15% by month 6").
    let nearest = match (figure, period) {
        (Some((fd, _)), Some((pd, p))) if pd + 1 < fd => Some(p),
        (Some((_, f)), _) => Some(f),
        (None, p) => p.map(|(_, v)| v),
    };
    if nearest.is_some() {
        return nearest;
    }
    (0..t.len().saturating_sub(1))
        .any(|k| {
            (t[k].is("day") && t[k + 1].is("after")) || (t[k].is("next") && t[k + 1].is("day"))
        })
        .then(|| Value::point(24.0, Unit::Hours))
}

/// A period named by its ordinal near the figure: "remission rates of 37% after the first
/// month" (1 month), "in the second week" (2 weeks). Not "first-line" or "the first
/// infusion": only a time unit makes a time point.
fn ordinal_period(s: &Sentence<'_, '_>, m: &RawMatch) -> Option<(usize, Value)> {
    let t = s.t;
    (1..t.len().saturating_sub(2))
        .filter(|&k| t[k].is("the") && t[k - 1].is_any(lexicon::ORDINAL_PERIOD_LEADS))
        .filter_map(|k| {
            let n = lexicon::ORDINALS
                .iter()
                .find(|(w, _)| t[k + 1].is(w))
                .map(|&(_, n)| n)?;
            let unit = number::time_unit(t[k + 2].lower).filter(|u| u.hours().is_some())?;
            Some((s.distance(m, k - 1, k + 3), Value::point(n, unit)))
        })
        .filter(|(d, _)| *d <= 24)
        .min_by_key(|(d, _)| *d)
}

/// A period named by its number after its unit near the figure, as trials and timelines label
/// their visits: "By Month 12: 15-20% weight loss" (12 months), "10-15% by month 6", "at week
/// 24", "Months 18-20". Not "in 2024", "Phase 2" or "a year 2 student" (a year's number is no
/// period: only a small number after a singular or plural time unit is).
fn numbered_period(s: &Sentence<'_, '_>, m: &RawMatch) -> Option<(usize, Value)> {
    let t = s.t;
    (0..t.len().saturating_sub(1))
        .filter(|&k| k + 1 < m.quote_first || k > m.last_tok)
        .filter_map(|k| {
            let unit = number::time_unit(t[k].lower).filter(|u| u.hours().is_some())?;
            if !matches!(t[k].kind, tokens::TokKind::Word) || t[k].lower.len() < 3 {
                return None;
            }
            let low = t[k + 1].num().filter(|n| (0.0..200.0).contains(n))?;
            let dash = t.get(k + 2).is_some_and(|d| d.is_dash() || d.is("to"));
            let high = t
                .get(k + 3)
                .filter(|_| dash)
                .and_then(tokens::Tok::num)
                .filter(|h| *h > low && *h < 200.0);
            let end = if high.is_some() { k + 4 } else { k + 2 };
            let value = match high {
                Some(h) => Value::range(low, h, unit),
                None => Value::point(low, unit),
            };
            // "By Month 12: 15-20%", "At weeks 21-24, 47%": a period set off before the figure
            // heads what follows it.
            let label =
                end < m.quote_first && t.get(end).is_some_and(|c| c.is_sym(':') || c.is_sym(','));
            let d = if label {
                m.quote_first - end
            } else {
                s.distance(m, k, end)
            };
            Some((d, value))
        })
        .filter(|(d, _)| *d <= 12)
        .min_by_key(|(d, _)| *d)
}

/// The intervention nearest the figure in its own clause: across "compared with" or "whereas"
/// the other clause is about something else.
fn nearest_intervention<'n>(
    s: &Sentence<'_, '_>,
    named: &'n Named,
    m: &RawMatch,
) -> Option<&'n Phrase> {
    let clause = s.clauses[m.first_tok];
    named
        .interventions
        .iter()
        .filter(|p| s.clauses[p.span.start] == clause)
        .filter(|p| p.span.end <= m.quote_first || p.span.start > m.last_tok)
        .min_by_key(|p| {
            // An arm named right after its figure ("45.3% of the placebo group", "28% with
            // midazolam") is the figure's own.
            let arm = p.span.start > m.last_tok
                && (p.span.start.saturating_sub(2)..p.span.start)
                    .any(|k| s.t[k].is_any(&["with", "on", "of", "receiving", "taking", "given"]));
            // A placebo or sham is the figure's own only as its arm: "Ketamine was compared
            // with an active placebo in 73 patients" is about ketamine.
            let group =
                s.t.get(p.span.end)
                    .is_some_and(|g| g.is_any(&["group", "groups", "arm", "arms"]));
            // "Ketamine improved scores more than midazolam within 24 hours": the arm named
            // after "than" or "versus" is what the subject is compared with.
            let compared = after_comparison(s, p);
            let control = usize::from((is_comparator(p) || compared) && !arm && !group) * 64;
            (s.distance(m, p.span.start, p.span.end) + usize::from(3 - p.strength) * 4) * 2
                - usize::from(arm)
                + control
        })
}

/// The arms of a pair of figures set against each other with no arm of their own ("remission
/// rates of 42% versus 21%", "64% vs. 28%") in a sentence that compares two treatments
/// ("vortioxetine … than those taking sertraline"): the first figure is the compared
/// treatment's, the second the comparator's, whatever the arms' distance to each figure. For
/// each figure of `raw`, its own arm and the other.
fn paired_arms<'n>(
    s: &Sentence<'_, '_>,
    named: &'n Named,
    raw: &[RawMatch],
) -> Vec<Option<(&'n Phrase, &'n Phrase)>> {
    let mut out = vec![None; raw.len()];
    if respective_arms(s, named, raw, &mut out) {
        return out;
    }
    let Some((subject, compared)) = compared_pair(s, named) else {
        return out;
    };
    for i in 1..raw.len() {
        let (a, b) = (&raw[i - 1], &raw[i]);
        let between = &s.t[a.last_tok + 1..b.quote_first.max(a.last_tok + 1)];
        let joined = between
            .iter()
            .any(|w| w.is_any(&["versus", "vs", "compared", "against"]))
            && between.iter().all(|w| {
                w.is_any(&["versus", "vs", "compared", "with", "to", "against"]) || w.is_sym('.')
            });
        // "64% with ketamine versus 28% with midazolam": arms of their own.
        let own_arm = named
            .interventions
            .iter()
            .any(|p| p.span.start > b.last_tok && p.span.start <= b.last_tok + 4);
        if joined && a.value.unit == b.value.unit && !own_arm {
            out[i - 1] = Some((subject, compared));
            out[i] = Some((compared, subject));
        }
    }
    out
}

/// "64% and 28% in the ketamine and midazolam groups, respectively": two figures listed together
/// and two arms listed together, matched in order, whichever list comes first. Sets their pairs
/// in `out` and says whether it found any. A list of three figures, or arms that are not listed
/// together ("64% and 45% with ketamine at 24 hours and 7 days, respectively, versus 28% with
/// midazolam"), is left to the other rules.
fn respective_arms<'n>(
    s: &Sentence<'_, '_>,
    named: &'n Named,
    raw: &[RawMatch],
    out: &mut [Option<(&'n Phrase, &'n Phrase)>],
) -> bool {
    if !s.t.iter().any(|w| w.is_any(&["respectively"])) {
        return false;
    }
    let arms = distinct_arms(named);
    let [first, second] = arms[..] else {
        return false;
    };
    let listed = |between: &[tokens::Tok<'_>], words: &[&str]| {
        !between.is_empty()
            && between
                .iter()
                .all(|w| w.is_any(words) || w.is_sym(',') || w.is_sym('.'))
    };
    if first.span.end > second.span.start
        || !listed(
            &s.t[first.span.end..second.span.start],
            &["and", "or", "the", "vs", "versus"],
        )
    {
        return false;
    }
    // Figures `i - 1` and `i` are joined into one list ("64% and 28%", "40% vs. 25%").
    let joined = |i: usize| {
        let (a, b) = (&raw[i - 1], &raw[i]);
        a.value.unit == b.value.unit
            && listed(
                &s.t[a.last_tok + 1..b.quote_first.max(a.last_tok + 1)],
                &["and", "versus", "vs"],
            )
    };
    let mut found = false;
    for i in 1..raw.len() {
        let longer = (i >= 2 && joined(i - 1)) || (i + 1 < raw.len() && joined(i + 1));
        if joined(i) && !longer {
            out[i - 1] = Some((first, second));
            out[i] = Some((second, first));
            found = true;
        }
    }
    found
}

/// The treatments a sentence names, each once, in the order they are first named ("IV
/// ketamine" and "ketamine infusions" are one).
fn distinct_arms(named: &Named) -> Vec<&Phrase> {
    let mut arms: Vec<(&Phrase, &str)> = Vec::new();
    for (p, key) in named.keyed() {
        if !arms.iter().any(|(_, k)| *k == key) {
            arms.push((p, key));
        }
    }
    arms.into_iter().map(|(p, _)| p).collect()
}

/// The two treatments a sentence compares: the one named after a comparison word ("compared
/// to those taking sertraline", "than placebo") or a control, and the one named before it.
/// None unless exactly two treatments are named.
fn compared_pair<'n>(s: &Sentence<'_, '_>, named: &'n Named) -> Option<(&'n Phrase, &'n Phrase)> {
    let arms = distinct_arms(named);
    let [first, second] = arms[..] else {
        return None;
    };
    // A control is the comparator wherever it stands; otherwise the arm a comparison word
    // introduces, with no other arm between them.
    match (is_comparator(first), is_comparator(second)) {
        (true, false) => return Some((second, first)),
        (false, true) => return Some((first, second)),
        (true, true) => return None,
        (false, false) => {}
    }
    let introduced = |p: &Phrase, other: &Phrase| {
        (p.span.start.saturating_sub(4)..p.span.start).any(|k| {
            s.t[k].is_any(&["than", "versus", "vs", "against", "compared"])
                && !(k < other.span.start && other.span.start < p.span.start)
        })
    };
    match (introduced(first, second), introduced(second, first)) {
        (false, true) => Some((first, second)),
        (true, false) => Some((second, first)),
        _ => None,
    }
}

/// Whether phrase `p` follows "than", "versus" or "against" closely: the arm something is
/// compared with.
fn after_comparison(s: &Sentence<'_, '_>, p: &Phrase) -> bool {
    (p.span.start.saturating_sub(2)..p.span.start)
        .any(|k| s.t[k].is_any(&["than", "versus", "vs", "against"]))
}

/// The comparator arm: an intervention of another clause across a comparison word, one named
/// right after "than" or "versus", or a placebo or sham named anywhere, other than the figure's
/// own intervention.
fn comparator(
    s: &Sentence<'_, '_>,
    named: &Named,
    m: &RawMatch,
    own: Option<&Phrase>,
) -> Option<String> {
    let own_key = own.map(|p| intervention_key(&p.text));
    let others = || {
        named
            .keyed()
            .filter(|(_, key)| own_key.as_deref() != Some(*key))
            .map(|(p, _)| p)
    };
    let compares =
        s.t.iter()
            .any(|t| t.is_any(lexicon::COMPARISON_WORDS) && !t.is_any(&["while", "whereas"]));
    let clause = s.clauses[m.first_tok];
    let across = others()
        .filter(|p| compares && s.clauses[p.span.start] != clause)
        .min_by_key(|p| s.distance(m, p.span.start, p.span.end));
    across
        .or_else(|| others().find(|p| is_comparator(p) || after_comparison(s, p)))
        .map(|p| p.text.clone())
}

/// The population nearest the figure: a condition before a qualified group of people.
fn nearest_population<'n>(
    s: &Sentence<'_, '_>,
    named: &'n Named,
    m: &RawMatch,
) -> Option<&'n Phrase> {
    named
        .populations
        .iter()
        .filter(|p| p.span.end <= m.quote_first || p.span.start > m.last_tok)
        .min_by_key(|p| {
            s.distance(m, p.span.start, p.span.end) + usize::from(2 - p.strength.min(2)) * 6
        })
}

/// Research, or a figure about the clinic itself: prices, and figures next to the clinic's own
/// patients, results or experience ("50% of our patients", "my 20/20 rate", "20 years of
/// experience").
fn scope(s: &Sentence<'_, '_>, clinic: &[matcher::Hit], m: &RawMatch, kind: ClaimKind) -> Scope {
    let near = clinic.iter().any(|h| {
        let inside = h.start <= m.last_tok && h.end > m.quote_first;
        // A share of treated patients is an outcome, not the clinic's tally.
        let tally_share =
            CLINIC_CUES[h.entry].means == ClinicCue::Tally && m.value.unit == Unit::Percent;
        (inside || s.distance(m, h.start, h.end) <= 8) && !tally_share
    });
    if kind == ClaimKind::Price || near {
        Scope::Clinic
    } else {
        Scope::Research
    }
}

/// The subject of a figure: what it is about, naming treatment and measure.
pub fn subject(kind: ClaimKind, treatment: Option<&str>, condition: Option<&str>) -> String {
    let t = treatment.unwrap_or("treatment");
    let c = condition.unwrap_or("the condition");
    // What goes before the treatment, after it, whether " in CONDITION" follows, and what closes
    // the subject. Written piece by piece: a subject is made for every claim, and `format!`
    // was half of its cost.
    let (before, named, after, in_condition, close) = match kind {
        ClaimKind::ResponseRate => ("", t, " response rate", true, ""),
        ClaimKind::RemissionRate => ("", t, " remission rate", true, ""),
        ClaimKind::RelapseRate => ("relapse rate with ", t, "", true, ""),
        ClaimKind::OnsetTime => ("onset of ", t, " effect", true, ""),
        ClaimKind::Prevalence => ("prevalence of ", c, "", false, ""),
        ClaimKind::EffectDuration => ("duration of ", t, " effect", true, ""),
        ClaimKind::SessionDuration => ("", t, " session length", false, ""),
        ClaimKind::TreatmentCourse => ("", t, " treatment course", true, ""),
        ClaimKind::Dose => ("", t, " dose", false, ""),
        ClaimKind::SampleSize => ("study sample size (", t, "", true, ")"),
        ClaimKind::DefinitionThreshold => ("threshold defining ", c, "", false, ""),
        ClaimKind::WeightLoss => ("weight loss with ", t, "", true, ""),
        ClaimKind::SuccessRate => ("", t, " success rate", true, ""),
        ClaimKind::SideEffectRate => ("side effects of ", t, "", true, ""),
        ClaimKind::Price => ("price of ", t, "", false, ""),
        ClaimKind::RecoveryTime => ("recovery time after ", t, "", false, ""),
        ClaimKind::FollowUp => ("follow-up after ", t, "", true, ""),
        ClaimKind::OtherPercentage => ("percentage about ", t, "", true, ""),
        ClaimKind::Other => ("figure about ", t, "", true, ""),
    };
    let condition = condition.filter(|_| in_condition);
    let mut out = String::with_capacity(
        before.len() + named.len() + after.len() + condition.map_or(0, |c| c.len() + 4) + 1,
    );
    out.push_str(before);
    out.push_str(named);
    out.push_str(after);
    if let Some(c) = condition {
        out.push_str(" in ");
        out.push_str(c);
    }
    out.push_str(close);
    out
}

/// The interventions and populations a text names (a title, a paragraph), in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// Drugs, devices and procedures ("semaglutide", "stem cell therapy").
    pub interventions: Vec<String>,
    /// Conditions ("treatment-resistant depression").
    pub populations: Vec<String>,
}

/// The populations `text` names that [`names`] would give, without reading its interventions:
/// a paragraph's condition for its prevalence figures.
pub fn populations(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let toks = tokens::tokens(text, &lower);
    about::populations(&toks)
        .into_iter()
        .filter(|p| p.strength >= 2)
        .map(|p| p.text)
        .collect()
}

/// The interventions and populations `text` names: used for an article's main intervention and
/// a paragraph's condition when a sentence names none.
pub fn names(text: &str) -> Names {
    let lower = text.to_ascii_lowercase();
    let toks = tokens::tokens(text, &lower);
    let named = Named::read(&toks);
    let sure = |phrases: Vec<Phrase>| {
        phrases
            .into_iter()
            .filter(|p| p.strength >= 2)
            .map(|p| p.text)
            .collect()
    };
    Names {
        interventions: sure(named.interventions),
        populations: sure(named.populations),
    }
}

#[cfg(test)]
mod tests;
