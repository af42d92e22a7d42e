//! What a claim's own sentence adds to its stored measure: a time point the extractor left
//! out, an average rather than a share, the arm after "than", a share of body weight in words;
//! and a time in an abstract that names a subgroup rather than when it was measured (our own
//! wording; the drugs are made up).

use super::*;
use crate::evidence::clause::Clause;

/// A pooled analysis reporting response at two days and at four weeks, and in a subgroup
/// named by its early course.
fn pooled() -> RecordIndex {
    record(
        61,
        "Okonkwo",
        "Response to nasal drugamab in resistant depression: a pooled analysis",
        &[
            (
                "METHODS",
                "Two trials randomized patients to nasal drugamab or placebo.",
            ),
            (
                "RESULTS",
                "More patients on drugamab than on placebo met response criteria at day 2 (16.1% vs 8.8%) and at day 28 (57.5% vs 44.0%). In day 2 nonresponders, 51.2% vs 40.9% responded later.",
            ),
        ],
    )
}

fn responded(v: Value, quote: &str, sentence: &str) -> Finding {
    let c = said(ClaimKind::ResponseRate, v, quote, sentence, "drugamab");
    verdict_of(&c, &pooled())
}

#[test]
fn a_time_in_the_claims_clause_is_its_time_point() {
    let f = responded(
        about(16.0),
        "about 16%",
        "As early as day 2, about 16% of patients had responded.",
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "16.1%");
    let f = responded(
        pct(57.5),
        "57.5%",
        "By day 28, 57.5% of patients on drugamab had responded.",
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // Counterexample: the early figure quoted for the later time differs.
    let f = responded(
        pct(16.1),
        "16.1%",
        "By day 28, 16.1% of patients on drugamab had responded.",
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
}

#[test]
fn a_time_before_a_subgroup_noun_names_the_subgroup_not_a_time_point() {
    let r = pooled();
    let later = r
        .readings
        .iter()
        .find(|x| &r.sentence(x.sentence)[x.range.clone()] == "51.2%")
        .expect("51.2% read");
    assert_eq!(later.time_point, None);
    // Counterexample: "at day 2 (16.1% …)" is a time point.
    let early = r
        .readings
        .iter()
        .find(|x| &r.sentence(x.sentence)[x.range.clone()] == "16.1%")
        .expect("16.1% read");
    assert_eq!(
        early
            .time_point
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("2 days")
    );
}

fn weight_record() -> RecordIndex {
    record(
        62,
        "Ferreira",
        "Weekly tavoglutide for adults with obesity: a randomized trial",
        &[
            (
                "METHODS",
                "Adults were randomly assigned to weekly tavoglutide or placebo for 68 weeks.",
            ),
            (
                "RESULTS",
                "The mean change in body weight was −13.8% with tavoglutide and −2.9% with placebo (an estimated treatment difference of −10.9 percentage points). A reduction of 20% or more occurred in 33.0% of the tavoglutide group and 1.9% of the placebo group.",
            ),
        ],
    )
}

#[test]
fn an_average_in_the_claims_words_may_be_checked_against_a_mean_change() {
    let r = weight_record();
    let c = said(
        ClaimKind::OtherPercentage,
        pct(13.8),
        "13.8%",
        "Patients showed an average reduction in body weight of 13.8% at 68 weeks.",
        "tavoglutide",
    );
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // Counterexample: a share of patients is never a mean change.
    let c = said(
        ClaimKind::OtherPercentage,
        pct(13.8),
        "13.8%",
        "Some 13.8% of patients stopped early.",
        "tavoglutide",
    );
    assert_ne!(verdict_of(&c, &r).verdict, Verdict::Supported);
}

#[test]
fn the_arm_after_than_is_the_comparator_of_a_gap() {
    let r = weight_record();
    let c = said(
        ClaimKind::WeightLoss,
        pct(10.9),
        "10.9%",
        "On tavoglutide, patients lost 10.9% more weight than on placebo.",
        "",
    );
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert!(f.evidence[0].figure.starts_with("10.9"), "{f:#?}");
    // Counterexample: a figure of the placebo's own is still the placebo's.
    let c = said(
        ClaimKind::WeightLoss,
        pct(2.9),
        "2.9%",
        "Patients on placebo lost 2.9% of their weight.",
        "placebo",
    );
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "2.9%");
}

#[test]
fn a_share_of_body_weight_in_words_is_the_shares_threshold() {
    let r = weight_record();
    let c = said(
        ClaimKind::WeightLoss,
        pct(33.0),
        "33%",
        "In the trial, 33% of patients lost a fifth of their body weight or more.",
        "tavoglutide",
    );
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "33.0%");
    // Counterexample: the fraction counts people, not weight ("a fifth of patients lost 10%"),
    // so no threshold of a fifth is read.
    let c = said(
        ClaimKind::WeightLoss,
        pct(20.0),
        "a fifth",
        "In the trial, a fifth of patients lost weight.",
        "tavoglutide",
    );
    let f = verdict_of(&c, &r);
    assert!(f.evidence.iter().all(|e| e.figure != "33.0%"), "{f:#?}");
}

#[test]
fn a_test_run_in_minutes_is_no_time_point() {
    // Counterexample to the time point read from the claim's clause: "in six minutes" is how
    // the walking test is run, not when the result was measured.
    let r = record(
        63,
        "Lindgren",
        "Testosterone gel in older men: a randomized trial",
        &[
            (
                "METHODS",
                "Men were randomly assigned to testosterone gel or placebo gel for 1 year.",
            ),
            (
                "RESULTS",
                "An increase of at least 50 m in walking distance occurred in 19.8% of men who received testosterone vs. 11.9% of men who received placebo.",
            ),
        ],
    );
    let c = said(
        ClaimKind::OtherPercentage,
        pct(19.8),
        "19.8%",
        "In the trial, 19.8% of men on testosterone had an increase in walking distance of at least 50 m in six minutes.",
        "testosterone",
    );
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

/// Four-year results of a hair-loss drug against placebo, each arm labelled before its figure.
fn hair_record() -> RecordIndex {
    record(
        64,
        "Achebe",
        "Hair weight after four years of follidrine in men with hair loss",
        &[
            (
                "METHODS",
                "Men were randomized to follidrine or placebo for 200 weeks.",
            ),
            (
                "RESULTS",
                "Hair weight rose with follidrine (follidrine, 19.4% increase from baseline; placebo, 22.7% decrease from baseline; net increase for follidrine vs placebo = 42.1%). Hair count also rose (follidrine, 6.3% increase; placebo, 11.8% decrease; net increase for follidrine vs placebo = 18.1%).",
            ),
        ],
    )
}

fn hair(v: f64, quote: &str, sentence: &str, stored: &str) -> Finding {
    let c = said(ClaimKind::OtherPercentage, pct(v), quote, sentence, stored);
    verdict_of(&c, &hair_record())
}

#[test]
fn an_arm_named_just_before_the_figure_is_its_arm() {
    // The extractor stored the sentence's other arm; the words before the figure say whose
    // figure it is.
    let sentence = "After four years, men on follidrine had 19.4% more hair weight than at the start, while men on placebo lost 22.7% of their hair weight.";
    let f = hair(19.4, "19.4%", sentence, "placebo");
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let f = hair(22.7, "22.7%", sentence, "follidrine");
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // Counterexample: the arm after a comparison before the figure is the comparator.
    let sentence = "Compared with those on placebo, 19.4% more hair weight was seen.";
    let c = Clause::of(sentence, "19.4%", 1).expect("quote in sentence");
    assert_eq!(c.own_arm(), None);
}

#[test]
fn a_gain_over_placebo_is_checked_against_the_stated_difference() {
    let f = hair(
        42.0,
        "42%",
        "That is a net gain in hair count of 42% over placebo.",
        "follidrine",
    );
    // The count's net gain is 18.1%; the 42.1% is hair weight's.
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "18.1%");
    // Counterexample: "over placebo" outside the figure's own words makes no gap of it.
    let c = Clause::of(
        "The gain over placebo was clear: hair count rose 6.3% in men on follidrine.",
        "6.3%",
        1,
    )
    .expect("quote in sentence");
    assert!(!c.speaks_of_difference());
}

#[test]
fn a_figure_set_against_another_measures_what_the_other_does() {
    let c = Clause::of(
        "Patients showed an average loss of 13.8% of body weight, compared with 2.9% in the placebo group.",
        "2.9%",
        1,
    )
    .expect("quote in sentence");
    let words = c.outcome_words();
    assert!(words.contains(&"weight".to_owned()), "{words:?}");
    // Counterexample: a compared figure with words of its own keeps them.
    let c = Clause::of(
        "Nausea affected 40% of patients, compared with 12% who had headaches.",
        "12%",
        1,
    )
    .expect("quote in sentence");
    let words = c.outcome_words();
    assert!(!words.contains(&"nausea".to_owned()), "{words:?}");
}

#[test]
fn a_gap_over_placebo_is_the_treatments_even_when_placebo_was_stored() {
    // The extractor stored the sentence's last-named arm (placebo); a gap stated over the
    // placebo is still the drug's.
    let f = hair(
        18.0,
        "18%",
        "That is a net gain in hair count of 18% over placebo.",
        "placebo",
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "18.1%");
}

#[test]
fn a_hedged_time_in_the_claims_clause_is_still_its_time_point() {
    let time = |sentence: &str, quote: &str| {
        Clause::of(sentence, quote, 1)
            .expect("quote in sentence")
            .time_point()
            .map(|v| v.to_string())
    };
    let s = "Patients notice 8.7 fewer headache days after just 12 weeks.";
    assert_eq!(time(s, "8.7").as_deref(), Some("12 weeks"));
    // Counterexample: a test's length is no time point.
    let s = "In the trial, 19.8% of men walked 50 m farther in six minutes.";
    assert_eq!(time(s, "19.8%"), None);
}

/// The outcome words a claim's own sentence gives the figure `quote`.
fn words(quote: &str, sentence: &str) -> Vec<String> {
    Clause::of(sentence, quote, 0)
        .map(|c| c.outcome_words())
        .unwrap_or_default()
}

#[test]
fn a_reason_after_the_figure_is_no_outcome_but_a_cause_is() {
    let w = words(
        "12%",
        "Only 12% of patients stopped taking it, because most side effects were mild.",
    );
    assert!(
        w.contains(&"stopp".to_owned()) || w.contains(&"stop".to_owned()),
        "{w:?}"
    );
    assert!(!w.iter().any(|x| x.starts_with("mild")), "{w:?}");
    // Counterexample: "because of" names what the stopping was for.
    let w = words(
        "12%",
        "Only 12% of patients stopped because of side effects.",
    );
    assert!(w.contains(&"effect".to_owned()), "{w:?}");
}

#[test]
fn a_number_in_words_after_the_figure_is_no_outcome() {
    // "after two years" says when: the words before the figure say what it measures.
    let w = words(
        "4.3 days",
        "The injections cut migraine days by 4.3 days a month after two years of treatment.",
    );
    assert!(!w.contains(&"two".to_owned()), "{w:?}");
    assert!(w.contains(&"migraine".to_owned()), "{w:?}");
    // Counterexample: a noun after the figure still names its outcome.
    let w = words(
        "4.3 days",
        "Patients gained 4.3 days of sleep without pain.",
    );
    assert!(w.contains(&"sleep".to_owned()), "{w:?}");
}
