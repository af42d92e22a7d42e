//! Verdicts and comparison rules on hand-made records.

use super::*;
use crate::model::{AbstractSection, Author, Location, PubDate, Record};

fn record(pmid: u32, author: &str, year: u16, abstract_text: &str) -> RecordIndex {
    RecordIndex::new(Record {
        pmid,
        title: "A randomized trial of ketamine in treatment-resistant depression".to_owned(),
        abstract_sections: vec![AbstractSection {
            label: Some("RESULTS".to_owned()),
            category: Some("RESULTS".to_owned()),
            text: abstract_text.to_owned(),
        }],
        journal: Some("The American journal of psychiatry".to_owned()),
        journal_iso: Some("Am J Psychiatry".to_owned()),
        pub_date: PubDate {
            year: Some(year),
            ..Default::default()
        },
        authors: vec![Author {
            last_name: Some(author.to_owned()),
            ..Default::default()
        }],
        ..Default::default()
    })
}

/// The claim the extractor would make of `quote` in `sentence`.
fn claim(sentence: &str, quote: &str) -> Claim {
    let fig = quantity::figures(sentence)
        .into_iter()
        .find(|f| &sentence[f.range.clone()] == quote)
        .unwrap_or_else(|| {
            panic!(
                "no figure {quote} in {sentence}: {:?}",
                quantity::figures(sentence)
            )
        });
    Claim {
        id: "c1".to_owned(),
        measure: Default::default(),
        scope: Default::default(),
        kind: fig.kind,
        subject: quantity::subject(
            fig.kind,
            fig.measure.intervention.as_deref().or(Some("ketamine")),
            fig.measure.population.as_deref(),
        ),
        value: fig.value,
        quote: quote.to_owned(),
        sentence: sentence.to_owned(),
        location: Location::default(),
        sources: vec!["pmid:1".to_owned()],
        ..Claim::default()
    }
}

fn verdict(c: &Claim, r: &RecordIndex) -> Finding {
    let sources = [SourceOutcome {
        source: "pmid:1",
        outcome: Outcome::Record {
            index: r,
            inferred: false,
        },
    }];
    assess(c, &sources, &Tolerance::default())
}

fn murrough() -> RecordIndex {
    record(
        23982301,
        "Murrough",
        2013,
        "Response at 24 hours was 64% with ketamine versus 28% with midazolam. Remission was not reported.",
    )
}

#[test]
fn supported_when_a_source_states_an_agreeing_figure() {
    let f = verdict(
        &claim("About 64% of patients respond to ketamine.", "About 64%"),
        &murrough(),
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "64%");
    assert_eq!(f.evidence[0].pmid, 23982301);
    assert_eq!(
        f.reason,
        "claims ~64%; Murrough 2013, Am J Psychiatry reports 64% response at 24 hours"
    );
}

#[test]
fn differs_shows_both_numbers() {
    let f = verdict(
        &claim("Ketamine helps 70–80% of patients respond.", "70–80%"),
        &murrough(),
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert!(
        f.reason.starts_with("claims 70–80%; Murrough 2013"),
        "{}",
        f.reason
    );
    assert!(f.reason.contains("reports 64% response"), "{}", f.reason);
    // The comparator arm (28% with midazolam) is not evidence about ketamine.
    assert!(
        f.evidence.iter().all(|e| e.figure != "28%"),
        "{:#?}",
        f.evidence
    );
}

#[test]
fn not_found_when_no_figure_for_the_measure() {
    let f = verdict(
        &claim(
            "Sessions with ketamine last 45–60 minutes.",
            "45–60 minutes",
        ),
        &murrough(),
    );
    assert_eq!(f.verdict, Verdict::NotFound, "{f:#?}");
    assert!(
        f.reason
            .contains("no figure for session length in Murrough 2013"),
        "{}",
        f.reason
    );
}

#[test]
fn unsourced_and_unverifiable() {
    let c = claim("Ketamine helps 70–80% of patients respond.", "70–80%");
    let f = assess(&c, &[], &Tolerance::default());
    assert_eq!(f.verdict, Verdict::Unsourced);
    let f = assess(
        &c,
        &[SourceOutcome {
            source: "web:mayoclinic.org/1",
            outcome: Outcome::NotResearch {
                url: "https://www.mayoclinic.org/x",
            },
        }],
        &Tolerance::default(),
    );
    assert_eq!(f.verdict, Verdict::Unverifiable);
    assert!(
        f.reason.contains("mayoclinic.org is a web page"),
        "{}",
        f.reason
    );
    let f = assess(
        &c,
        &[SourceOutcome {
            source: "pmid:5",
            outcome: Outcome::Unavailable {
                reason: "PMID 5 is not in the cache (offline)",
            },
        }],
        &Tolerance::default(),
    );
    assert_eq!(f.verdict, Verdict::Unverifiable);
}

#[test]
fn range_versus_point_and_range_versus_range() {
    let tol = Tolerance::default();
    let r = |a, b| Value::range(a, b, Unit::Percent);
    let p = |a| Value::point(a, Unit::Percent);
    assert!(agrees(&r(50.0, 70.0), &p(64.0), &tol));
    assert!(!agrees(&r(70.0, 80.0), &p(64.0), &tol));
    assert!(
        agrees(&r(70.0, 80.0), &p(66.0), &tol),
        "within 5 points of the range"
    );
    assert!(agrees(&r(50.0, 70.0), &r(59.0, 75.0), &tol));
    assert!(!agrees(&r(80.0, 90.0), &r(28.0, 45.0), &tol));
    // A confidence interval is a range too.
    let hours = |a, b| Value::range(a, b, Unit::Hours);
    assert!(agrees(
        &hours(24.0, 48.0),
        &Value::point(1.0, Unit::Days),
        &tol
    ));
    assert!(!agrees(
        &hours(24.0, 48.0),
        &Value::point(2.0, Unit::Weeks),
        &tol
    ));
}

#[test]
fn bounds_and_approximations() {
    let tol = Tolerance::default();
    let bound = |v: f64, b| Value {
        bound: Some(b),
        ..Value::point(v, Unit::Percent)
    };
    let p = |a| Value::point(a, Unit::Percent);
    assert!(agrees(&bound(50.0, Bound::AtLeast), &p(64.0), &tol));
    assert!(!agrees(&bound(85.0, Bound::MoreThan), &p(59.0), &tol));
    assert!(agrees(&bound(70.0, Bound::AtMost), &p(64.0), &tol));
    assert!(!agrees(&bound(20.0, Bound::LessThan), &p(45.0), &tol));
    let approx = |v| Value {
        approx: true,
        ..Value::point(v, Unit::Percent)
    };
    assert!(agrees(&approx(30.0), &p(30.9), &tol));
    assert!(
        agrees(&approx(30.0), &p(38.0), &tol),
        "approximate claims get twice the tolerance"
    );
    assert!(!agrees(&p(30.0), &p(38.0), &tol));
    let vague = Value::vague(Unit::Hours);
    assert!(agrees(&vague, &Value::point(110.0, Unit::Minutes), &tol));
    assert!(!agrees(&vague, &Value::point(6.0, Unit::Weeks), &tol));
}

#[test]
fn time_points_must_match_when_both_state_one() {
    let r = record(
        30922101,
        "Phillips",
        2019,
        "After 2 weeks of repeated infusions, 59% met response criteria with ketamine.",
    );
    let at_24h = claim("At 24 hours, 59% of ketamine patients responded.", "59%");
    let f = verdict(&at_24h, &r);
    assert_eq!(f.verdict, Verdict::NotFound, "different time point: {f:#?}");
    let at_2w = claim(
        "After two weeks, 59% of ketamine patients responded.",
        "59%",
    );
    assert_eq!(verdict(&at_2w, &r).verdict, Verdict::Supported);
}

#[test]
fn response_and_remission_are_different_measures() {
    let r = record(
        16894061,
        "Zarate",
        2006,
        "The day after ketamine, 71% met response criteria and 29% met remission criteria.",
    );
    let remission = claim("With ketamine, remission reached 71% the next day.", "71%");
    let f = verdict(&remission, &r);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "29%");
    let response = claim("With ketamine, response reached 71% the next day.", "71%");
    assert_eq!(verdict(&response, &r).verdict, Verdict::Supported);
}

#[test]
fn disagreeing_sources_are_reported() {
    let a = murrough();
    let b = record(
        30922101,
        "Phillips",
        2019,
        "Overall, 59% met response criteria with ketamine.",
    );
    let c = claim("About 62% of patients respond to ketamine.", "About 62%");
    let sources = [
        SourceOutcome {
            source: "pmid:23982301",
            outcome: Outcome::Record {
                index: &a,
                inferred: false,
            },
        },
        SourceOutcome {
            source: "pmid:30922101",
            outcome: Outcome::Record {
                index: &b,
                inferred: false,
            },
        },
    ];
    let f = assess(&c, &sources, &Tolerance::default());
    assert_eq!(f.verdict, Verdict::Supported);
    assert_eq!(f.conflict, None, "64% and 59% agree within tolerance");

    let far = record(
        1,
        "Other",
        2020,
        "Only 20% met response criteria with ketamine.",
    );
    let sources = [
        sources[0],
        SourceOutcome {
            source: "pmid:1",
            outcome: Outcome::Record {
                index: &far,
                inferred: false,
            },
        },
    ];
    let f = assess(&c, &sources, &Tolerance::default());
    let conflict = f.conflict.expect("sources disagree");
    assert!(
        conflict.contains("Murrough") && conflict.contains("Other"),
        "{conflict}"
    );
}
