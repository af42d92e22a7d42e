//! Reads an abstract the way trials report results, on top of [`quantity::figures`].
//!
//! For every figure of the title and abstract it works out what the scanner alone cannot see:
//! - **the section** (Background, Methods, Results… from the record's labelled sections);
//! - **the role**: a result, a baseline characteristic, a criterion (an end point's threshold
//!   such as "at least 5% weight loss" or "≥50% reduction", a definition, an eligibility rule),
//!   a protocol detail, a confidence interval, or a count of participants or studies;
//! - **the arm**: "64% and 28%, respectively" mapped to the arms named before it, "27.1% vs
//!   17.6%" to the groups named in order, "81% in the trametinib group and 67% in the
//!   chemotherapy group" to each its own; which arms are controls (placebo, sham, usual care…);
//! - **the outcome**: the words that say what was measured, with the threshold a responder
//!   figure is counted at ("63.2% … lost at least 5%");
//! - **the time point**: its own ("at week 56", "(week 2)", "at 6 months"), else the study's
//!   end point from the Methods;
//! - for counts of people, the **stage** (screened, randomized, analysed, lost) and sex, and
//!   the total of arm sizes when only arms are given ("336 … and 340 …").

mod arms;
mod bare;
mod doses;
mod implied;
mod sentence;
mod time;

use std::ops::Range;

use super::text::{self, Tok};
use super::vocab::Stage;
use crate::model::{AbstractSection, ClaimKind, Record, Value};
use crate::quantity::{self, Figure};

pub use arms::is_control_phrase;
pub(crate) use time::{time_mentions, TimeMention};

/// Where in the record a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The article's title.
    Title,
    /// Background, introduction, context.
    Background,
    /// Objective, aims, purpose.
    Objective,
    /// Methods, design, participants, interventions, outcome measures.
    Methods,
    /// Results, findings.
    Results,
    /// Conclusions, interpretation.
    Conclusions,
    /// An abstract without labels.
    Unlabelled,
}

impl Section {
    fn of(section: &AbstractSection) -> Section {
        let name = section
            .category
            .as_deref()
            .filter(|c| !c.eq_ignore_ascii_case("unassigned"))
            .or(section.label.as_deref())
            .unwrap_or("")
            .to_ascii_uppercase();
        let has = |w: &str| name.contains(w);
        if name.is_empty() {
            Section::Unlabelled
        } else if has("RESULT") || has("FINDING") {
            Section::Results
        } else if has("CONCLU") || has("INTERPRET") {
            Section::Conclusions
        } else if has("METHOD")
            || has("DESIGN")
            || has("PARTICIPANT")
            || has("INTERVENTION")
            || has("MEASURE")
            || has("SETTING")
            || has("PATIENT")
        {
            Section::Methods
        } else if has("OBJECTIVE") || has("AIM") || has("PURPOSE") {
            Section::Objective
        } else if has("BACKGROUND") || has("INTRODUCTION") || has("CONTEXT") || has("SIGNIFIC") {
            Section::Background
        } else {
            Section::Unlabelled
        }
    }

    /// Whether results are reported here.
    pub fn reports_results(self) -> bool {
        matches!(
            self,
            Section::Results | Section::Conclusions | Section::Unlabelled
        )
    }
}

/// What an abstract figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An outcome the study found.
    Result,
    /// A characteristic of the participants at baseline ("mean BMI 38.3").
    Baseline,
    /// A threshold, definition or eligibility rule: "at least 5% weight loss", "≥50% reduction".
    Criterion,
    /// How the study was run: doses, sessions, duration, stimulation parameters.
    Protocol,
    /// The level or a limit of a confidence interval.
    Interval,
    /// A count of participants or studies.
    Size,
    /// Another study's figure or general knowledge, in the Background.
    Context,
}

impl Role {
    /// How the role reads in an explanation ("a criterion in the Methods").
    pub fn describe(self) -> &'static str {
        match self {
            Role::Result => "a result",
            Role::Baseline => "a baseline characteristic",
            Role::Criterion => "a threshold or criterion, not a result",
            Role::Protocol => "part of the protocol",
            Role::Interval => "a confidence interval",
            Role::Size => "a participant count",
            Role::Context => "background, not the study's result",
        }
    }
}

/// An arm of a study.
#[derive(Debug, Clone, PartialEq)]
pub struct Arm {
    /// How the abstract names it ("liraglutide", "sham rTMS").
    pub label: String,
    /// Its canonical content words.
    pub words: Vec<String>,
    /// A placebo, sham, usual-care or other control arm.
    pub control: bool,
}

/// One figure of the abstract, read in context.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Index of the sentence in [`RecordIndex::sentence`].
    pub sentence: usize,
    /// Byte range of the figure in its sentence.
    pub range: Range<usize>,
    /// The value.
    pub value: Value,
    /// The measure's kind, from the scanner (or from a "respectively" list of outcomes).
    pub kind: ClaimKind,
    /// What the figure is.
    pub role: Role,
    /// The section it is in.
    pub section: Section,
    /// Index into [`RecordIndex::arms`], when the figure belongs to one arm.
    pub arm: Option<usize>,
    /// The words that say what was measured, canonical.
    pub outcome: Vec<String>,
    /// The threshold a responder figure counts at ("lost at least 5%": ≥5%).
    pub threshold: Option<Value>,
    /// Its own time point.
    pub time_point: Option<Value>,
    /// For counts of people: the stage of the study.
    pub stage: Option<Stage>,
    /// For counts of people: "female" or "male" when the figure counts one sex.
    pub sex: Option<&'static str>,
    /// Set for figures that parallel others in one list ("20.2, 20.6, … and 25.7 per cm2"):
    /// the list's id, so that they are read as one range.
    pub list: Option<usize>,
    /// For a figure the abstract implies but does not state: how it was derived ("336 + 340").
    pub derived: Option<String>,
    /// A mean, median or change ("the mean change in body weight was -12.4%"), not a share of
    /// participants.
    pub amount: bool,
    /// The gap between two arms ("a treatment difference of -12.4 points"), not one arm's
    /// result.
    pub difference: bool,
    /// The dose of the arm the figure belongs to, where the sentence ties it to one ("−9.1%
    /// with 4-mg doses"); a dose figure's own amount.
    pub dose: Option<Value>,
}

/// A sentence of the record.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The text.
    pub text: String,
    /// Its section.
    pub section: Section,
    /// The scanner's figures.
    figures: Vec<Figure>,
}

/// A record's title and abstract, read once.
#[derive(Debug, Clone)]
pub struct RecordIndex {
    /// The record.
    pub record: Record,
    /// "Murrough et al. 2013, Am J Psychiatry".
    pub citation: String,
    sentences: Vec<Sentence>,
    /// The study's arms, the experimental one(s) first where the title or Methods say so.
    pub arms: Vec<Arm>,
    /// Every figure, read.
    pub readings: Vec<Reading>,
    /// The doses the study's results are reported at, lowest first: two or more when it gives
    /// its treatment at several doses, each its own arm.
    pub doses: Vec<Value>,
    /// The doses the abstract lists together ("to one of four doses (1.2 mg, 1.8 mg, 2.4 mg, or
    /// 3.0 mg)"), lowest first: what a range of them ("1.2-3.0 mg") spans.
    listed_doses: Vec<Value>,
    /// The study's end point, for results that state no time of their own.
    pub end_point: Option<Value>,
    /// Canonical words of the primary end point ("time to relapse in patients with stable
    /// remission"), from the Methods.
    pub primary: Vec<String>,
    /// Canonical content words of the title, keywords and MeSH headings.
    pub topic: Vec<String>,
    /// Canonical content words of the whole record (title and abstract), sorted, for telling
    /// whether a treatment is named anywhere in it.
    pub words: Vec<String>,
    /// The title and abstract in lower case (ASCII), read once: for names written apart
    /// ("shock wave" for "shockwave").
    pub lower_text: String,
    main_treatment: Option<&'static str>,
}

impl RecordIndex {
    /// Reads the title and abstract of `record`.
    pub fn new(record: Record) -> Self {
        let sentences = split_sentences(&record);
        let toks: Vec<Vec<Tok>> = sentences.iter().map(|s| text::tokens(&s.text)).collect();
        let arms = arms::find_arms(&sentences, &toks);
        let end_point = time::end_point(&sentences, &toks);
        let primary = primary_words(&sentences, &toks);
        let mut topic = text::content_words(&record.title);
        for w in record
            .mesh_headings
            .iter()
            .chain(&record.keywords)
            .flat_map(|h| text::content_words(h))
        {
            if !topic.contains(&w) {
                topic.push(w);
            }
        }
        let lower = format!("{} {}", record.title, record.abstract_text()).to_ascii_lowercase();
        let main_treatment = if lower.contains("esketamine") {
            Some("esketamine")
        } else if lower.contains("ketamine") {
            Some("ketamine")
        } else {
            None
        };
        let mut index = RecordIndex {
            citation: record.short_citation(),
            record,
            sentences,
            arms,
            readings: Vec::new(),
            doses: Vec::new(),
            listed_doses: listed_doses(&toks),
            end_point,
            primary,
            words: record_words(&toks),
            topic,
            main_treatment,
            lower_text: lower,
        };
        let mut lists = 0;
        for (i, toks) in toks.iter().enumerate() {
            let mut read = sentence::SentenceReader::new(&index, i, toks, &mut lists).read();
            index.readings.append(&mut read);
        }
        index.doses = result_doses(&index);
        index
    }

    /// The sentence a reading is in.
    pub fn sentence(&self, i: usize) -> &str {
        &self.sentences[i].text
    }

    /// Every figure of the title and abstract, with the sentence that states it.
    pub fn figures(&self) -> impl Iterator<Item = (&str, &Figure)> {
        self.sentences
            .iter()
            .flat_map(|s| s.figures.iter().map(move |f| (s.text.as_str(), f)))
    }

    /// The treatment the record is about when a figure names none (ketamine or esketamine).
    pub fn main_treatment(&self) -> Option<&'static str> {
        self.main_treatment
    }

    /// The study's size: the first participant count its abstract states.
    pub fn sample_size(&self) -> Option<u32> {
        self.readings
            .iter()
            .find(|r| r.role == Role::Size && r.arm.is_none() && r.kind == ClaimKind::SampleSize)
            .and_then(|r| r.value.high)
            .map(|n| n as u32)
    }

    /// The first experimental (non-control) arm.
    pub fn experimental_arm(&self) -> Option<usize> {
        self.arms.iter().position(|a| !a.control)
    }
}

fn split_sentences(record: &Record) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut push = |text: &str, section: Section| {
        for r in quantity::sentences::split(text, 0..text.len()) {
            let s = text[r].to_owned();
            let figures = quantity::figures(&s);
            out.push(Sentence {
                text: s,
                section,
                figures,
            });
        }
    };
    push(&record.title, Section::Title);
    for section in &record.abstract_sections {
        push(&section.text, Section::of(section));
    }
    out
}

/// The words that name the primary end point: the clause of a Methods sentence from "primary"
/// on ("The primary end point was remission … at week 8"; "Time to relapse in patients with
/// stable remission (primary end point)").
fn primary_words(sentences: &[Sentence], toks: &[Vec<Tok>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (s, t) in sentences.iter().zip(toks) {
        if !matches!(s.section, Section::Methods | Section::Unlabelled) {
            continue;
        }
        let Some(p) = t.iter().position(|w| w.lower.ends_with("primary")) else {
            continue;
        };
        // "(primary end point)" closes what it names; otherwise what follows names it.
        let closing = p > 0 && t[p - 1].is_punct('(');
        let words = if closing { &t[..p] } else { &t[p..] };
        for w in words.iter().take_while(|w| !w.is_punct(';')) {
            let c = text::canon(&w.lower);
            let generic = ["primary", "end", "point", "endpoint", "outcome", "measure"];
            if w.class == text::Class::Word
                && !super::vocab::is_stop(&c)
                && !generic.contains(&c.as_str())
                && !out.contains(&c)
            {
                out.push(c);
            }
        }
    }
    out
}

/// The distinct doses listed together (two or more in one list) anywhere in the abstract,
/// lowest first.
fn listed_doses(toks: &[Vec<Tok>]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for t in toks {
        let found = super::dose::mentions(t);
        let listed = found.windows(2).filter(|w| {
            (w[0].last + 1..w[1].first).all(|k| t[k].is_punct(',') || t[k].is_any(&["and", "or"]))
        });
        for w in listed {
            for m in w {
                if !out.iter().any(|o| super::dose::same(o, &m.value)) {
                    out.push(m.value.clone());
                }
            }
        }
    }
    sort_doses(&mut out);
    out
}

fn sort_doses(doses: &mut [Value]) {
    doses.sort_by(|a, b| {
        a.unit
            .cmp(&b.unit)
            .then(a.high.unwrap_or(0.0).total_cmp(&b.high.unwrap_or(0.0)))
    });
}

/// The distinct doses the results of treatment arms are tied to, lowest first.
fn result_doses(index: &RecordIndex) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let treated = |r: &Reading| r.arm.is_none_or(|a| !index.arms[a].control);
    for r in &index.readings {
        if let Some(d) = r
            .dose
            .as_ref()
            .filter(|_| r.role == Role::Result && treated(r))
        {
            if !out.iter().any(|o| super::dose::same(o, d)) {
                out.push(d.clone());
            }
        }
    }
    sort_doses(&mut out);
    out
}

/// Every canonical content word of the title and abstract, sorted and without repeats.
fn record_words(toks: &[Vec<Tok>]) -> Vec<String> {
    let mut out: Vec<String> = toks
        .iter()
        .flatten()
        .filter(|t| t.class == text::Class::Word && !super::vocab::is_stop(&t.lower))
        .flat_map(|t| {
            let mut w = vec![text::canon(&t.lower)];
            if t.lower.contains('-') {
                w.extend(t.lower.split('-').filter(|p| p.len() > 1).map(text::canon));
            }
            w
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The outcome words of the readings `members` of `out`, each once, in order: what a group or
/// list of figures measures when its members share it.
fn outcome_words_of(members: &[usize], out: &[Reading]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for &j in members {
        for w in &out[j].outcome {
            if !words.contains(w) {
                words.push(w.clone());
            }
        }
    }
    words
}
