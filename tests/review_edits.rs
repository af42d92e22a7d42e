//! Reviews never land on another claim, whatever editors do to the article.
//!
//! 1,000 random edit sequences. Each starts from a generated article of paragraphs and
//! sentences, many sharing a quote ("64%" in several sentences, twice in one), extracts it,
//! reviews some claims, then edits the article again and again: deleting, inserting, rewording
//! and duplicating sentences, and deleting, inserting and reordering paragraphs. After each edit
//! the article is extracted and merged into the reviewed file, as `extract` does, and every review
//! is checked:
//!
//! - a review on a live claim is on the sentence it was written for (or a copy of it, which
//!   cannot be told apart), at the same occurrence of the quote in that sentence;
//! - no review is ever dropped: each one is still in the file, on a live claim or a stale one.

use std::collections::BTreeSet;
use std::ops::Range;

use claimcheck::ingest::{self, Format};
use claimcheck::model::{ClaimsFile, ReviewStatus};
use claimcheck::{claims_file, extract};

const SEQUENCES: u64 = 1_000;
const EDITS_PER_SEQUENCE: usize = 5;

/// A sentence of the article; copies share their family.
#[derive(Clone, Debug)]
struct Sentence {
    text: String,
    family: u32,
}

struct Gen {
    rng: fastrand::Rng,
    next_family: u32,
}

const QUOTES: &[&str] = &["64%", "30%", "2 weeks", "45 minutes", "70–80%"];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "to", "va", "sel", "dor", "pi", "nu", "ber", "qua",
];

impl Gen {
    /// A made-up word, so every new sentence has words of its own.
    fn word(&mut self) -> String {
        (0..3)
            .map(|_| SYLLABLES[self.rng.usize(..SYLLABLES.len())])
            .collect()
    }

    fn sentence(&mut self) -> Sentence {
        self.next_family += 1;
        let family = self.next_family;
        let (a, b) = (self.word(), self.word());
        let q = QUOTES[self.rng.usize(..QUOTES.len())];
        let text = match self.rng.u8(..5) {
            0 => format!("The {a} cohort saw {q} of patients respond, said {b}."),
            1 => format!("In the {a} trial, {q} was reported for {b} patients."),
            // The same quote twice in one sentence.
            2 => format!("With {a}, {q} was seen early and {q} again at the {b} visit."),
            3 => format!("Clinicians at {a} describe the {b} approach in plain words."),
            _ => format!("Our {a} page notes that {q} applies to the {b} group."),
        };
        Sentence { text, family }
    }

    fn paragraph(&mut self) -> Vec<Sentence> {
        (0..self.rng.usize(1..4)).map(|_| self.sentence()).collect()
    }
}

/// The article as Markdown, and the byte range of every sentence with its family.
fn render(paragraphs: &[Vec<Sentence>]) -> (String, Vec<(Range<usize>, u32)>) {
    let mut text = String::from("# Clinic notes\n");
    let mut spans = Vec::new();
    for p in paragraphs.iter().filter(|p| !p.is_empty()) {
        text.push('\n');
        for (i, s) in p.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            spans.push((text.len()..text.len() + s.text.len(), s.family));
            text.push_str(&s.text);
        }
        text.push('\n');
    }
    (text, spans)
}

/// One random edit.
fn edit(g: &mut Gen, paragraphs: &mut Vec<Vec<Sentence>>) {
    let n = paragraphs.len();
    let pick = |g: &mut Gen, ps: &Vec<Vec<Sentence>>| {
        let p = g.rng.usize(..ps.len());
        (
            p,
            if ps[p].is_empty() {
                0
            } else {
                g.rng.usize(..ps[p].len())
            },
        )
    };
    match g.rng.u8(..8) {
        0 if n > 1 => {
            paragraphs.remove(g.rng.usize(..n));
        }
        1 => {
            let para = g.paragraph();
            paragraphs.insert(g.rng.usize(..=n), para);
        }
        2 if n > 1 => {
            // Move a paragraph elsewhere.
            let para = paragraphs.remove(g.rng.usize(..n));
            paragraphs.insert(g.rng.usize(..n), para);
        }
        3 => {
            let (p, s) = pick(g, paragraphs);
            if !paragraphs[p].is_empty() {
                paragraphs[p].remove(s);
            }
        }
        4 => {
            let (p, s) = pick(g, paragraphs);
            let sentence = g.sentence();
            let at = s.min(paragraphs[p].len());
            paragraphs[p].insert(at, sentence);
        }
        5 | 6 => {
            // Duplicate a sentence: right after itself, or anywhere.
            let (p, s) = pick(g, paragraphs);
            if let Some(copy) = paragraphs[p].get(s).cloned() {
                if g.rng.bool() {
                    paragraphs[p].insert(s + 1, copy);
                } else {
                    let (q, t) = pick(g, paragraphs);
                    let at = t.min(paragraphs[q].len());
                    paragraphs[q].insert(at, copy);
                }
            }
        }
        _ => {
            // Reword a sentence: it is a new claim now.
            let (p, s) = pick(g, paragraphs);
            if s < paragraphs[p].len() {
                paragraphs[p][s] = g.sentence();
            }
        }
    }
    if paragraphs.iter().all(Vec::is_empty) {
        paragraphs.push(g.paragraph());
    }
}

/// Which sentence (family) and which occurrence of its quote in it a claim at `at` is.
fn whose(spans: &[(Range<usize>, u32)], file: &ClaimsFile, index: usize) -> (u32, usize) {
    let claim = &file.claims[index];
    let (span, family) = spans
        .iter()
        .find(|(r, _)| r.contains(&claim.location.start))
        .unwrap_or_else(|| panic!("claim {claim:?} outside every sentence"));
    let occurrence = file.claims[..index]
        .iter()
        .filter(|c| !c.stale && span.contains(&c.location.start) && c.quote == claim.quote)
        .count();
    (*family, occurrence)
}

fn note_for(family: u32, occurrence: usize, quote: &str) -> String {
    format!("family {family}, occurrence {occurrence} of {quote}")
}

/// Reviews about a third of the unreviewed live claims, noting which claim each review is for.
fn review_some(g: &mut Gen, spans: &[(Range<usize>, u32)], file: &mut ClaimsFile) -> Vec<String> {
    let mut written = Vec::new();
    for i in 0..file.claims.len() {
        let c = &file.claims[i];
        if c.stale || c.note.is_some() || g.rng.u8(..3) != 0 {
            continue;
        }
        let (family, occurrence) = whose(spans, file, i);
        let note = note_for(family, occurrence, &file.claims[i].quote);
        let c = &mut file.claims[i];
        c.status = [
            ReviewStatus::Accepted,
            ReviewStatus::Rejected,
            ReviewStatus::Ignored,
        ][g.rng.usize(..3)];
        c.note = Some(note.clone());
        written.push(note);
    }
    written
}

fn extract_text(text: &str) -> ClaimsFile {
    let article = ingest::parse("notes.md", text.as_bytes(), Format::Text).expect("parses");
    extract::extract_as(&article, "content/notes.md")
}

/// Every review on a live claim is on its own claim, and none is lost.
fn check_reviews(
    seed: u64,
    step: usize,
    spans: &[(Range<usize>, u32)],
    file: &ClaimsFile,
    written: &BTreeSet<String>,
) {
    let mut present = BTreeSet::new();
    for (i, c) in file.claims.iter().enumerate() {
        let Some(note) = &c.note else { continue };
        present.insert(note.clone());
        if c.stale {
            continue;
        }
        let (family, occurrence) = whose(spans, file, i);
        let here = note_for(family, occurrence, &c.quote);
        // Copies of a sentence share its family: a review may sit on either copy, but always
        // on the same occurrence of the same quote.
        assert_eq!(
            *note, here,
            "seed {seed}, edit {step}: a review moved to another claim ({:?})",
            c.sentence
        );
    }
    let lost: Vec<_> = written.difference(&present).collect();
    assert!(
        lost.is_empty(),
        "seed {seed}, edit {step}: reviews dropped: {lost:?}"
    );
}

#[test]
fn random_edits_never_move_a_review_to_another_claim() {
    let mut merges = 0;
    let mut carried = 0;
    for seed in 0..SEQUENCES {
        let mut g = Gen {
            rng: fastrand::Rng::with_seed(seed),
            next_family: 0,
        };
        let mut paragraphs: Vec<Vec<Sentence>> =
            (0..g.rng.usize(2..7)).map(|_| g.paragraph()).collect();
        let (text, mut spans) = render(&paragraphs);
        let mut file = claims_file::merge(None, extract_text(&text)).file;
        let mut written: BTreeSet<String> =
            review_some(&mut g, &spans, &mut file).into_iter().collect();
        for step in 0..EDITS_PER_SEQUENCE {
            edit(&mut g, &mut paragraphs);
            let (text, new_spans) = render(&paragraphs);
            spans = new_spans;
            // Through the file's text, as a reviewer's editor would save it.
            let saved = claims_file::parse(
                std::path::Path::new("notes.md.json"),
                &claims_file::to_json(&file),
            )
            .expect("the written file reads back");
            file = claims_file::merge(Some(saved), extract_text(&text)).file;
            merges += 1;
            check_reviews(seed, step, &spans, &file, &written);
            carried += file
                .claims
                .iter()
                .filter(|c| !c.stale && c.note.is_some())
                .count();
            written.extend(review_some(&mut g, &spans, &mut file));
        }
    }
    assert_eq!(merges, SEQUENCES as usize * EDITS_PER_SEQUENCE);
    // The test is only worth something if reviews were carried onto live claims.
    assert!(carried > 1_000, "only {carried} reviews carried over");
}
