//! Every example and counterexample of the lexicon, run through the one reader.

use super::*;
use crate::model::Scope;
use crate::quantity::{figures, is_trigger_word, Figure};

/// The sentence without its `[…]` marks, and the marked byte range (if any).
fn marked(s: &str) -> (String, Option<std::ops::Range<usize>>) {
    match (s.find('['), s.find(']')) {
        (Some(a), Some(b)) if a < b => {
            let text = format!("{}{}{}", &s[..a], &s[a + 1..b], &s[b + 1..]);
            (text, Some(a..b - 1))
        }
        _ => (s.to_owned(), None),
    }
}

/// The figure that overlaps the marked range most.
fn figure_at<'f>(figs: &'f [Figure], span: &std::ops::Range<usize>) -> Option<&'f Figure> {
    figs.iter()
        .filter(|f| f.range.start < span.end && span.start < f.range.end)
        .max_by_key(|f| f.range.end.min(span.end) - f.range.start.max(span.start))
}

/// Checks every example (the marked figure has the property) and counterexample (the marked
/// figure, or when none is marked every figure, lacks it).
fn check<T>(table: &str, entries: &[Entry<T>], has: impl Fn(&Entry<T>, &Figure) -> bool) {
    for e in entries {
        for ex in e.examples {
            let (text, span) = marked(ex);
            let figs = figures(&text);
            let span = span.unwrap_or_else(|| panic!("{table}: example without [mark]: {ex}"));
            let f = figure_at(&figs, &span).unwrap_or_else(|| {
                panic!(
                    "{table} {:?}: no figure at the mark in {ex:?}: {figs:#?}",
                    e.patterns
                )
            });
            assert!(
                has(e, f),
                "{table} {:?}: example {ex:?} read as {f:#?}",
                e.patterns
            );
        }
        for ex in e.counterexamples {
            let (text, span) = marked(ex);
            let figs = figures(&text);
            let bad: Vec<&Figure> = match &span {
                Some(span) => figure_at(&figs, span)
                    .into_iter()
                    .filter(|f| has(e, f))
                    .collect(),
                None => figs.iter().filter(|f| has(e, f)).collect(),
            };
            assert!(
                bad.is_empty(),
                "{table} {:?}: counterexample {ex:?} read as {bad:#?}",
                e.patterns
            );
        }
    }
}

#[test]
fn number_corpus() {
    for (value, phrases) in NUMBER_CORPUS {
        for ex in *phrases {
            let (text, span) = marked(ex);
            let figs = figures(&text);
            let span = span.expect("marked");
            let f =
                figure_at(&figs, &span).unwrap_or_else(|| panic!("no figure in {ex:?}: {figs:#?}"));
            assert_eq!(
                &text[f.range.clone()],
                &text[span.clone()],
                "quote of {ex:?}"
            );
            let low = f.value.low.unwrap_or(f64::NAN);
            assert!(
                (low - value).abs() < 0.05,
                "{ex:?} read as {low}, want {value}"
            );
        }
    }
    for ex in NOT_NUMBERS {
        assert_eq!(figures(ex), [], "{ex:?}");
    }
}

#[test]
fn units() {
    check("UNITS", UNITS, |e, f| f.value.unit == e.means);
    check("INDEXES", INDEXES, |e, f| f.value.unit == e.means);
}

#[test]
fn intervals() {
    check("INTERVAL_WORDS", INTERVAL_WORDS, |e, f| {
        (f.value.low, f.value.unit) == (Some(e.means.0), e.means.1)
    });
}

#[test]
fn count_nouns() {
    check("COUNT_NOUNS", COUNT_NOUNS, |e, f| {
        f.value.unit == Unit::Count
            && match e.means {
                NounClass::People => matches!(f.kind, K::SampleSize | K::Other),
                NounClass::Tried => f.kind == K::DefinitionThreshold,
                NounClass::Course => f.kind == K::TreatmentCourse,
            }
    });
}

#[test]
fn counts_that_refer_back_to_their_noun() {
    for ex in REFERRED_COUNT_CORPUS {
        let (text, span) = marked(ex);
        let figs = figures(&text);
        let f = figure_at(&figs, &span.expect("marked"))
            .unwrap_or_else(|| panic!("no figure in {ex:?}: {figs:#?}"));
        assert_eq!(f.value.unit, Unit::Count, "{ex:?}: {f:#?}");
    }
    for ex in NOT_REFERRED_CORPUS {
        let counts: Vec<Figure> = figures(ex)
            .into_iter()
            .filter(|f| f.value.unit == Unit::Count)
            .collect();
        assert_eq!(counts, [], "{ex:?}");
    }
}

#[test]
fn labels_and_names_are_no_figures() {
    for ex in LABEL_CORPUS {
        assert_eq!(figures(ex), [], "{ex:?}");
    }
}

#[test]
fn cues() {
    check("CUES", CUES, |e, f| f.kind == e.means.kind);
    for ex in CUTOFF_CORPUS {
        let (text, span) = marked(ex);
        let figs = figures(&text);
        let f = figure_at(&figs, &span.expect("marked")).expect("a figure");
        assert_eq!(f.kind, K::DefinitionThreshold, "{ex:?}");
    }
}

#[test]
fn clinic_cues() {
    check("CLINIC_CUES", CLINIC_CUES, |_, f| f.scope == Scope::Clinic);
}

#[test]
fn every_word_that_starts_a_figure_is_a_trigger() {
    let words = NUMBER_WORDS
        .iter()
        .map(|(w, _)| *w)
        .chain(FRACTION_WORDS.iter().map(|(w, _)| *w))
        .chain(TIMES_WORDS.iter().map(|(w, _)| *w))
        .chain(SCALED_TIME_UNITS.iter().map(|(w, _, _)| *w))
        // "a million patients": a scale word after "a".
        .chain(SCALE_WORDS.iter().map(|(w, _)| *w))
        // One-word intervals ("monthly", "yearly"); the pre-filter reads words of 3 to 9 letters.
        .chain(
            INTERVAL_WORDS
                .iter()
                .flat_map(|e| e.patterns.iter().copied())
                .filter(|p| !p.contains(' ') && p.len() <= 9),
        )
        .filter(|w| *w != "zero");
    for w in words {
        assert!(is_trigger_word(w.as_bytes()), "{w} is no trigger word");
    }
}
