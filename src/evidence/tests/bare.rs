//! Results written as bare numbers (no unit after each), means given with their SD, and the
//! lists and pairs they come in (our own wording; the drugs are made up).

use super::*;

/// The figure `figure` of `r`, read.
fn reading<'a>(r: &'a RecordIndex, figure: &str) -> Option<&'a Reading> {
    r.readings
        .iter()
        .find(|x| &r.sentence(x.sentence)[x.range.clone()] == figure)
}

fn points(v: f64) -> Value {
    Value::point(v, Unit::Count)
}

/// Three doses and a placebo, the change in a depression score listed bare with spaced signs.
fn score_trial() -> RecordIndex {
    record(
        51,
        "Okafor",
        "Intranasal velarine at three fixed doses added to an oral antidepressant: a randomized trial",
        &[
            (
                "METHODS",
                "Nonresponders were randomized to placebo or velarine (20, 40, or 60 mg) for 4 weeks.",
            ),
            (
                "RESULTS",
                "Of the 180 patients randomized, the HAM-D total score fell from baseline to day 28 (− 11.4, − 9.7, − 12.8, and − 10.6 for velarine 20 mg, 40 mg, 60 mg, and placebo groups, respectively).",
            ),
        ],
    )
}

#[test]
fn bare_numbers_in_a_respectively_list_are_results_of_each_dose_and_arm() {
    let r = score_trial();
    let dose = |f: &str| {
        reading(&r, f)
            .and_then(|x| x.dose.as_ref())
            .map(ToString::to_string)
    };
    assert_eq!(dose("− 11.4").as_deref(), Some("20 mg"));
    assert_eq!(dose("− 9.7").as_deref(), Some("40 mg"));
    assert_eq!(dose("− 12.8").as_deref(), Some("60 mg"));
    let placebo = reading(&r, "− 10.6").expect("the placebo's figure is read");
    assert_eq!(placebo.arm.map(|a| r.arms[a].control), Some(true));
    assert_eq!(
        placebo.stage, None,
        "a change in score is not a count of people"
    );
    // Counterexample: the sample size stays the only count of people.
    assert_eq!(r.sample_size(), Some(180));
}

#[test]
fn a_claim_at_one_dose_is_checked_against_that_doses_bare_figure() {
    let r = score_trial();
    let s = "Scores fell by 9.7 points with the 40 mg dose.";
    // The page named the placebo before; a figure given at a dose is the treatment's.
    let mut c = said(ClaimKind::Other, points(9.7), "9.7 points", s, "placebo");
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    c.value = points(14.0);
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    // Counterexample: the 60 mg dose's figure does not back a claim at 40 mg.
    c.value = points(12.8);
    let f = verdict_of(&c, &r);
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
    // The placebo's own figure, for a claim about the placebo group.
    // The reason given after it ("because …") is no part of what it measures.
    let s = "The placebo group improved by 10.6 points, because every patient also began a new antidepressant.";
    c = said(ClaimKind::Other, points(10.6), "10.6 points", s, "placebo");
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn lone_bare_numbers_and_statistics_are_not_results() {
    let r = record(
        52,
        "Lindqvist",
        "Topical corvastin for knee pain",
        &[(
            "RESULTS",
            "The odds ratio was 1.8 (P = 0.04), and 2.4 points separated the groups on a 10-point scale in 2019 and 2021, respectively; HR 0.71, 0.65 and 0.60, respectively.",
        )],
    );
    for bare in ["1.8", "0.04", "2019", "0.71", "0.65", "0.60"] {
        assert!(reading(&r, bare).is_none(), "{bare} read as a result");
    }
}

#[test]
fn a_pair_set_against_each_other_is_read_with_its_signs_and_sds() {
    let r = record(
        53,
        "Moreau",
        "Injections of autologous serum versus saline for hip osteoarthritis",
        &[(
            "RESULTS",
            "Change in pain at week 12 was -3.1 (SD 2.2) with serum vs -1.9 (SD 2.0) with saline. Mean scores were 4.2 and 5.0 at week 12.",
        )],
    );
    let serum = reading(&r, "-3.1").expect("read");
    let saline = reading(&r, "-1.9").expect("read");
    assert_eq!(serum.value, points(3.1));
    assert_eq!(serum.arm.map(|a| r.arms[a].control), Some(false));
    assert_eq!(saline.arm.map(|a| r.arms[a].control), Some(true));
    // The SDs are never figures of their own.
    assert!(reading(&r, "2.2").is_none() && reading(&r, "2.0").is_none());
    // Counterexample: two bare numbers joined by "and" with no "respectively" after them say
    // nothing of whose they are.
    assert!(reading(&r, "4.2").is_none() && reading(&r, "5.0").is_none());
}

#[test]
fn a_mean_with_its_sd_is_the_mean_in_the_unit_written_after_the_sd() {
    let r = record(
        54,
        "Nakamura",
        "A mandibular splint versus nasal pressure for sleep apnoea: a crossover trial",
        &[(
            "RESULTS",
            "Nightly use was longer with the splint (splint: 6.2±1.1 hrs/night versus nasal pressure: 4.9±2.3 hrs/night, p<0.001).",
        )],
    );
    let first = reading(&r, "6.2±1.1 hrs").expect("the mean is read");
    assert_eq!(first.value, Value::point(6.2, Unit::Hours));
    assert!(reading(&r, "4.9±2.3 hrs").is_some());
    // Counterexample: the SD alone is no figure.
    assert!(reading(&r, "1.1 hrs").is_none() && reading(&r, "2.3 hrs").is_none());
}

#[test]
fn points_are_a_score_and_never_another_bare_measure() {
    let r = record(
        55,
        "Petrov",
        "Evening melatonin versus placebo for shift workers",
        &[(
            "RESULTS",
            "Nightly awakenings fell by 1.2 vs 0.4 with melatonin vs placebo, and the sleep quality score rose by 2.6 vs 0.9.",
        )],
    );
    let s = "Melatonin improved sleep quality by 2.6 points.";
    let f = verdict_of(
        &said(ClaimKind::Other, points(2.6), "2.6 points", s, "melatonin"),
        &r,
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // Counterexample: a count of awakenings is no score, whatever its number.
    let s = "Melatonin cut the anxiety score by 1.2 points.";
    let f = verdict_of(
        &said(ClaimKind::Other, points(1.2), "1.2 points", s, "melatonin"),
        &r,
    );
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn time_points_listed_before_a_respectively_list_go_to_each_figure_in_order() {
    let r = record(
        56,
        "Quintero",
        "Long-term nerve-block injections for cluster headache: an open-label study",
        &[(
            "RESULTS",
            "By 24 and 96 weeks, attacks per month fell significantly (− 6.1 attacks and − 8.4 attacks, respectively, P < 0.001). Mean attacks fell by 5.0 and 7.2 days at weeks 24 and 96.",
        )],
    );
    let time = |f: &str| {
        reading(&r, f)
            .and_then(|x| x.time_point.as_ref())
            .map(ToString::to_string)
    };
    assert_eq!(time("6.1 attacks").as_deref(), Some("24 weeks"));
    assert_eq!(time("8.4 attacks").as_deref(), Some("96 weeks"));
    let s = "Attacks fell by 8.4 a month after 96 weeks of treatment.";
    let mut c = said(ClaimKind::Other, points(8.4), "8.4", s, "nerve block");
    c.measure.time_point = Some(Value::point(96.0, Unit::Weeks));
    c.measure.outcome = Some("attacks".to_owned());
    assert_eq!(verdict_of(&c, &r).verdict, Verdict::Supported);
    // Counterexample: the 24-week figure is not the 96-week one.
    c.value = points(6.1);
    assert_ne!(verdict_of(&c, &r).verdict, Verdict::Supported);
}

#[test]
fn a_three_arm_list_without_a_comma_before_and_maps_every_arm() {
    let r = record(
        57,
        "Ruiz",
        "Autologous serum versus saline injections for hand osteoarthritis",
        &[
            (
                "METHODS",
                "Participants were randomized to serum (n = 30) or saline (n = 30).",
            ),
            (
                "RESULTS",
                "Change in stiffness at week 12 was -1.8 (SD 1.1), -1.2 (SD 1.0) and -0.6 cm (SD 0.9) for serum, the pooled sample and saline, respectively.",
            ),
        ],
    );
    let arm = |f: &str| {
        reading(&r, f)
            .and_then(|x| x.arm)
            .map(|a| r.arms[a].control)
    };
    assert_eq!(arm("-1.8"), Some(false));
    assert_eq!(arm("-0.6"), Some(true));
    // Counterexample: the middle name is no arm of the study, so its figure has none.
    assert_eq!(arm("-1.2"), None);
}

#[test]
fn figures_each_followed_by_their_own_dose_are_read_without_respectively() {
    let r = record(
        58,
        "Sato",
        "Three doses of oral tessaline for generalized anxiety: a randomized trial",
        &[
            (
                "METHODS",
                "Adults were randomized to tessaline 30 mg, 15 mg, or 5 mg for 6 weeks.",
            ),
            (
                "RESULTS",
                "Mean changes in the anxiety score at week 6 were -9.6 for 30 mg, -6.2 for 15 mg, and -4.1 for 5 mg; the difference between 30 mg and 5 mg was -5.5 (95% CI, -8.0 to -3.0).",
            ),
        ],
    );
    let dose = |f: &str| {
        reading(&r, f)
            .and_then(|x| x.dose.as_ref())
            .map(ToString::to_string)
    };
    assert_eq!(dose("-9.6").as_deref(), Some("30 mg"));
    assert_eq!(dose("-6.2").as_deref(), Some("15 mg"));
    assert_eq!(dose("-4.1").as_deref(), Some("5 mg"));
    // Counterexample: a lone bare difference and the limits of its interval are no results.
    for lone in ["-5.5", "-8.0", "-3.0"] {
        assert!(reading(&r, lone).is_none(), "{lone}");
    }
    let claim = |v: f64, s: &str| {
        let c = said(
            ClaimKind::Other,
            points(v),
            &format!("{v} points"),
            s,
            "tessaline",
        );
        verdict_of(&c, &r).verdict
    };
    let s = "Anxiety scores fell by 9.6 points with the 30 mg dose.";
    assert_eq!(claim(9.6, s), Verdict::Supported);
    let s = "Anxiety scores fell by 9.6 points with the 15 mg dose.";
    assert_eq!(claim(9.6, s), Verdict::Differs);
}

#[test]
fn a_claim_whose_words_after_the_figure_name_only_its_arm_is_read_by_the_words_before() {
    let r = record(
        59,
        "Tanaka",
        "Autologous serum versus saline injections for shoulder pain",
        &[
            (
                "METHODS",
                "Participants were randomized to serum (n = 40) or saline (n = 40).",
            ),
            (
                "RESULTS",
                "Change in pain at week 12 was -3.3 (SD 2.1) and -1.7 (SD 1.9) for serum and saline, respectively. Range of motion rose by 11.5 and 6.0 degrees for serum and saline, respectively.",
            ),
        ],
    );
    let claim = |v: f64, s: &str| {
        let c = said(
            ClaimKind::Other,
            points(v),
            &format!("{v} points"),
            s,
            "serum",
        );
        verdict_of(&c, &r).verdict
    };
    assert_eq!(
        claim(3.3, "Pain dropped by 3.3 points after serum."),
        Verdict::Supported
    );
    assert_eq!(
        claim(4.5, "Pain dropped by 4.5 points after serum."),
        Verdict::Differs
    );
    // Counterexample: the saline arm's figure never stands for serum.
    assert_ne!(
        claim(1.7, "Pain dropped by 1.7 points after serum."),
        Verdict::Supported
    );
}

/// A mean written with "±" and its SD before a unit ("34.8 ± 3.9 kg/m2") is read as two figures
/// that overlap: they are no list of results, and reading the sentence must not fail on them.
#[test]
fn overlapping_readings_are_no_list() {
    let r = record(
        64,
        "Ibarra",
        "Velaglutide for obesity: a randomized trial",
        &[(
            "",
            "Adults (mean BMI 34.8 ± 3.9 kg/m2) were randomized to velaglutide or placebo.",
        )],
    );
    assert!(
        r.readings.iter().any(|x| x.value.low == Some(34.8)),
        "{:?}",
        r.readings
    );
}

/// A mean level given with its SD ("6.4 ± 0.9%") is no share of people, however close its
/// number: a rate is not backed by it, an average is.
#[test]
fn a_mean_with_its_spread_is_no_share_of_people() {
    let r = record(
        65,
        "Nakamura",
        "Velaglutide versus usual care for type 2 diabetes: a randomized trial",
        &[(
            "RESULTS",
            "Blood sugar control improved in both groups, with a mean HbA1c of 7.5 ± 1.8% in the usual-care group and 6.4 ± 0.9% in the velaglutide group (P<0.001).",
        )],
    );
    let rate = said(
        ClaimKind::ResponseRate,
        pct(6.0),
        "6%",
        "6% in the velaglutide group and 5.3% in the usual-care group achieved HbA1c of < 6%",
        "velaglutide",
    );
    let f = verdict_of(&rate, &r);
    assert_ne!(f.verdict, Verdict::Supported, "{f:?}");
    let mut mean = said(
        ClaimKind::OtherPercentage,
        pct(6.4),
        "6.4%",
        "With velaglutide, the average HbA1c fell to 6.4%.",
        "velaglutide",
    );
    mean.measure.outcome = Some("HbA1c".to_owned());
    assert_eq!(verdict_of(&mean, &r).verdict, Verdict::Supported);
}

/// "improved by 19.0 (95% CI, 14.1 to 23.9) minutes": the estimate comes before its interval,
/// and the unit after it.
#[test]
fn an_estimate_before_its_interval_is_the_result() {
    let r = record(
        66,
        "Olsen",
        "Digital sleep therapy for chronic insomnia: a meta-analysis",
        &[(
            "RESULTS",
            "At the end of treatment, time to fall asleep improved by 18.2 (95% CI, 13.0 to 23.4) minutes, and sleep efficiency improved by 8.75% (CI, 7.1% to 10.4%).",
        )],
    );
    let read = |figure: &str| {
        r.readings
            .iter()
            .find(|x| r.sentence(x.sentence)[x.range.clone()].starts_with(figure))
            .unwrap_or_else(|| panic!("{figure} not read: {:?}", r.readings))
    };
    let minutes = read("18.2");
    assert_eq!(
        (minutes.value.unit, minutes.role),
        (Unit::Minutes, Role::Result)
    );
    assert_eq!(read("8.75%").role, Role::Result);
    // Counterexample: the bounds in the bracket are the interval (those before a unit are
    // part of the estimate's quote).
    assert_eq!(read("7.1%").role, Role::Interval);
}
