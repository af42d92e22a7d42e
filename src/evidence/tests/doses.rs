//! Doses as arms: a trial that gives one drug at several doses reports one result per dose,
//! and only the claim's own dose may state its figure (our own wording; the drug is made up).

use super::*;

/// Three doses of one drug and a placebo, with results per dose written the ways journals
/// write them: each figure with its dose after it, a "respectively" list, a list of groups.
pub(super) fn dose_trial() -> RecordIndex {
    record(
        41,
        "Halvorsen",
        "Once-weekly zelmatide at three doses for adults with obesity: a randomized trial",
        &[
            (
                "METHODS",
                "Adults with obesity were randomly assigned to receive once-weekly zelmatide (4 mg, 8 mg, or 12 mg) or placebo for 60 weeks.",
            ),
            (
                "RESULTS",
                "The mean change in body weight at week 60 was -11.2% (95% CI, -12.0 to -10.4) with 4-mg doses of zelmatide, -14.6% (95% CI, -15.5 to -13.7) with 8-mg doses, and -17.3% (95% CI, -18.2 to -16.4) with 12-mg doses, as compared with -2.8% (95% CI, -3.9 to -1.7) with placebo. A weight reduction of 5% or more occurred in 79% (95% CI, 75 to 83), 86% (95% CI, 82 to 90), and 88% (95% CI, 85 to 91) of participants with 4 mg, 8 mg, and 12 mg of zelmatide, respectively, and in 29% (95% CI, 25 to 33) with placebo; 38% (95% CI, 34 to 42) and 46% (95% CI, 42 to 50) of participants in the 8-mg and 12-mg groups lost 20% or more, as compared with 2% in the placebo group. A loss of 25% or more occurred in 31% (95% CI, 27 to 35) of participants with 12 mg.",
            ),
        ],
    )
}

fn claim(kind: ClaimKind, value: Value, quote: &str, sentence: &str) -> Finding {
    verdict_of(
        &said(kind, value, quote, sentence, "zelmatide"),
        &dose_trial(),
    )
}

#[test]
fn each_result_is_read_with_its_own_dose() {
    let r = dose_trial();
    let reading = |figure: &str| {
        r.readings
            .iter()
            .find(|x| &r.sentence(x.sentence)[x.range.clone()] == figure)
            .unwrap_or_else(|| panic!("{figure} not read"))
    };
    let dose_of = |figure: &str| reading(figure).dose.as_ref().map(ToString::to_string);
    let mg = |n: &str| Some(format!("{n} mg"));
    // The dose after each figure, past its interval.
    assert_eq!(dose_of("11.2%"), mg("4"));
    assert_eq!(dose_of("17.3%"), mg("12"));
    // A "respectively" list, and a list of groups, pair in order.
    assert_eq!(dose_of("79%"), mg("4"));
    assert_eq!(dose_of("86%"), mg("8"));
    assert_eq!(dose_of("88%"), mg("12"));
    assert_eq!(dose_of("38%"), mg("8"));
    assert_eq!(dose_of("46%"), mg("12"));
    // Counterexamples: the placebo's figures have no dose, and are the placebo arm's, also
    // past an interval in brackets ("-2.8% (95% CI, …) with placebo").
    for placebo in ["2.8%", "29%", "2%"] {
        assert_eq!(dose_of(placebo), None, "{placebo}");
        let arm = reading(placebo).arm.map(|a| r.arms[a].control);
        assert_eq!(arm, Some(true), "{placebo}");
    }
    // Each part of the sentence (between semicolons) has its own threshold.
    let threshold = |figure: &str| reading(figure).threshold.as_ref().map(ToString::to_string);
    assert_eq!(threshold("88%").as_deref(), Some("≥5%"));
    assert_eq!(threshold("46%").as_deref(), Some("≥20%"));
    assert_eq!(r.doses.len(), 3);
    // "the 8-mg group" is a dose of the drug, not an arm of its own.
    assert!(
        r.arms.iter().all(|a| !a.label.contains("mg")),
        "{:?}",
        r.arms
    );
}

/// The verdict on a weight-loss claim: (value, quote, sentence).
fn weight(value: Value, quote: &str, sentence: &str) -> Finding {
    claim(ClaimKind::WeightLoss, value, quote, sentence)
}

#[test]
fn a_claim_that_names_its_dose_is_stated_by_that_doses_result() {
    for (value, quote, sentence) in [
        (
            pct(17.3),
            "17.3%",
            "Patients on the 12 mg dose lost 17.3% of their body weight.",
        ),
        (
            about(17.0),
            "about 17%",
            "On the highest dose, patients lost about 17% of their weight.",
        ),
        (
            about(11.0),
            "about 11%",
            "Even the starting dose gave a loss of about 11% of body weight.",
        ),
        (
            pct(86.0),
            "86%",
            "With the 8 mg dose, 86% of patients lost at least 5% of their weight.",
        ),
        (
            pct(31.0),
            "31%",
            "Nearly a third (31%) of patients on the 12 mg dose lost 25% or more of their weight.",
        ),
    ] {
        let f = weight(value, quote, sentence);
        assert_eq!(f.verdict, Verdict::Supported, "{sentence}: {f:#?}");
    }
}

#[test]
fn another_doses_figure_never_supports_a_claim() {
    for (value, quote, sentence, verdict) in [
        // The 12 mg figure, claimed for the 4 mg dose: the 4 mg result says otherwise.
        (
            pct(17.3),
            "17.3%",
            "Patients on the 4 mg dose lost 17.3% of their body weight.",
            Verdict::Differs,
        ),
        // Only the 12 mg dose has a result at 25%: it is no 4 mg result.
        (
            pct(31.0),
            "31%",
            "Nearly a third (31%) of patients on the 4 mg dose lost 25% or more of their weight.",
            Verdict::NotFound,
        ),
        // No 4 mg result at 20%: not the 12 mg's 46%.
        (
            pct(46.0),
            "46%",
            "Remarkably, 46% of patients on the 4 mg dose lost 20% or more of their weight.",
            Verdict::NotFound,
        ),
    ] {
        let f = weight(value, quote, sentence);
        assert_eq!(f.verdict, verdict, "{sentence}: {f:#?}");
    }
    // A claim that names no dose: the doses disagree, so no one of them supports it.
    let f = weight(
        pct(17.3),
        "17.3%",
        "Patients on zelmatide lost 17.3% of their body weight.",
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert!(f.conflict.is_some(), "{f:#?}");
}

#[test]
fn a_dose_claim_is_stated_by_that_dose_arm() {
    let dose = |mg: f64, quote: &str, sentence: &str| {
        claim(ClaimKind::Dose, Value::point(mg, Unit::Mg), quote, sentence).verdict
    };
    assert_eq!(
        dose(8.0, "8 mg", "Most patients stay on the 8 mg dose."),
        Verdict::Supported
    );
    assert_ne!(
        dose(6.0, "6 mg", "Most patients stay on the 6 mg dose."),
        Verdict::Supported
    );
}

#[test]
fn one_dose_is_no_dose_arm() {
    // Counterexample: a trial of one dose tells no doses apart, so a claim's dose (or its
    // absence) changes nothing.
    let r = record(
        42,
        "Halvorsen",
        "Once-weekly zelmatide for adults with obesity: a randomized trial",
        &[
            (
                "METHODS",
                "Adults were randomly assigned to zelmatide 8 mg once weekly or placebo for 60 weeks.",
            ),
            (
                "RESULTS",
                "The mean change in body weight was -14.6% with zelmatide 8 mg and -2.8% with placebo.",
            ),
        ],
    );
    assert!(r.doses.len() < 2, "{:?}", r.doses);
    for sentence in [
        "Patients on zelmatide lost 14.6% of their body weight.",
        "Patients on the 8 mg dose lost 14.6% of their body weight.",
    ] {
        let c = said(
            ClaimKind::WeightLoss,
            pct(14.6),
            "14.6%",
            sentence,
            "zelmatide",
        );
        let f = verdict_of(&c, &r);
        assert_eq!(f.verdict, Verdict::Supported, "{sentence}: {f:#?}");
    }
}

#[test]
fn a_list_of_arms_is_not_a_list_of_doses() {
    // "64% and 28% with ketamine 0.5 mg/kg and placebo, respectively": the dose names one arm
    // of two; the placebo's figure takes no dose.
    let r = record(
        43,
        "Quist",
        "Ketamine at two doses versus placebo",
        &[
            (
                "METHODS",
                "Patients were randomly assigned to ketamine 0.5 mg/kg, ketamine 1.0 mg/kg or placebo.",
            ),
            (
                "RESULTS",
                "Response rates were 52% and 21% with ketamine 0.5 mg/kg and placebo, respectively. In the 1.0 mg/kg group, 58% responded.",
            ),
        ],
    );
    let dose_of = |figure: &str| {
        r.readings
            .iter()
            .find(|x| &r.sentence(x.sentence)[x.range.clone()] == figure)
            .and_then(|x| x.dose.as_ref().map(ToString::to_string))
    };
    assert_eq!(dose_of("52%").as_deref(), Some("0.5 mg/kg"));
    assert_eq!(dose_of("21%"), None);
    assert_eq!(dose_of("58%").as_deref(), Some("1 mg/kg"));
}

/// A range of doses before a list of values ("with the drug 2-8 mg was 3.1 kg, 4.0 kg and 5.2
/// kg"); `methods` says which doses the trial gave.
fn ranged(methods: &str) -> RecordIndex {
    record(
        44,
        "Ferreira",
        "Daily zelmatide at several doses for obesity",
        &[
            ("METHODS", methods),
            (
                "FINDINGS",
                "Mean weight loss with zelmatide 2-8 mg was 3.1 kg, 4.0 kg, and 5.2 kg, compared with 1.9 kg with placebo.",
            ),
        ],
    )
}

#[test]
fn values_after_a_range_of_doses_are_one_per_listed_dose() {
    let kg = |dose: &str, r: &RecordIndex| {
        let sentence = format!("On the {dose} dose, patients lost 5.2 kg.");
        let c = said(
            ClaimKind::WeightLoss,
            Value::point(5.2, Unit::Kg),
            "5.2 kg",
            &sentence,
            "zelmatide",
        );
        verdict_of(&c, r).verdict
    };
    let three =
        ranged("Adults were randomly assigned to zelmatide (2 mg, 4 mg, or 8 mg) or placebo.");
    assert_eq!(kg("8 mg", &three), Verdict::Supported);
    assert_ne!(kg("2 mg", &three), Verdict::Supported);
    // Counterexample: when the abstract lists another number of doses in the range, no value
    // is any one dose's.
    let two = ranged("Adults were randomly assigned to zelmatide (2 mg or 8 mg) or placebo.");
    assert_ne!(kg("8 mg", &two), Verdict::Supported);
    assert_ne!(kg("2 mg", &two), Verdict::Supported);
}

/// A toxin dosed in units, with times listed for its doses and the placebo.
fn toxin_trial(results: &str) -> RecordIndex {
    record(
        42,
        "Brennan",
        "Two doses of a botulinum toxin for primary axillary hyperhidrosis",
        &[
            (
                "METHODS",
                "Adults (N = 240) were randomized to 100 U or 60 U of the toxin per axilla, or to placebo, and followed for 52 weeks.",
            ),
            ("RESULTS", results),
        ],
    )
}

#[test]
fn times_listed_for_doses_and_placebo_are_each_ones_result() {
    let r = toxin_trial(
        "Dryness lasted a median of 188 days, 212 days, and 89 days in the 100-U, 60-U, and placebo groups, respectively.",
    );
    let reading = |figure: &str| {
        r.readings
            .iter()
            .find(|x| &r.sentence(x.sentence)[x.range.clone()] == figure)
            .unwrap_or_else(|| panic!("{figure} not read"))
    };
    let units = |n: &str| Some(format!("{n} units"));
    assert_eq!(
        reading("188 days").dose.as_ref().map(ToString::to_string),
        units("100")
    );
    assert_eq!(
        reading("212 days").dose.as_ref().map(ToString::to_string),
        units("60")
    );
    let placebo = reading("89 days").arm.map(|a| r.arms[a].control);
    assert_eq!(placebo, Some(true));
    // The third time shares its list's kind.
    assert_eq!(reading("89 days").kind, reading("188 days").kind);
    // A claim of the 60-U figure for the 100-U dose borrows another dose's number.
    let lasted = |v: f64, sentence: &str| {
        let mut c = said(
            ClaimKind::EffectDuration,
            Value::point(v, Unit::Days),
            &format!("{v} days"),
            sentence,
            "toxin",
        );
        c.measure.outcome = Some("dryness lasted".to_owned());
        verdict_of(&c, &r).verdict
    };
    assert_eq!(
        lasted(
            212.0,
            "Sweating stayed away for 212 days with the 100-unit dose."
        ),
        Verdict::Differs
    );
    assert_eq!(
        lasted(
            212.0,
            "Sweating stayed away for 212 days with the 60-unit dose."
        ),
        Verdict::Supported
    );
    assert_eq!(
        lasted(89.0, "Sweating stayed away for only 89 days on placebo."),
        Verdict::Supported
    );
}

#[test]
fn times_listed_for_time_points_are_not_arm_results() {
    // Counterexample: times before "respectively" with no arm named between are time points
    // of the figures, not results of arms.
    let r = toxin_trial("At 30 and 120 days, sweat production fell by 81% and 64%, respectively.");
    assert!(r
        .readings
        .iter()
        .filter(|x| x.value.unit == Unit::Days)
        .all(|x| x.arm.is_none() && x.dose.is_none()));
}
