//! A claim's number that is exactly another arm's figure (another dose, the control, a second
//! active arm) while its own arm's figure is only close: the claim has borrowed the other arm's
//! figure, and the verdict is `differs`, never `supported` (our own wording; the drugs are made
//! up). Counterexamples: an approximate claim, an exact own-arm figure, an own-arm figure that is
//! close with no other arm's figure equal to the claim, and another arm's equal figure that
//! measures something else (another time point).

use super::arm_labels::control_of;
use super::*;

fn verdict(kind: ClaimKind, value: Value, quote: &str, sentence: &str, r: &RecordIndex) -> Finding {
    verdict_of(&said(kind, value, quote, sentence, "velutoxin"), r)
}

fn days(v: f64) -> Value {
    Value::point(v, Unit::Days)
}

fn about_days(v: f64) -> Value {
    Value {
        approx: true,
        ..days(v)
    }
}

/// Two doses of one toxin and a placebo; each dose's median duration of effect, with CIs.
fn duration_trial() -> RecordIndex {
    record(
        61,
        "Moreau",
        "Velutoxin at two doses for primary axillary hyperhidrosis: a randomized, placebo-controlled trial",
        &[
            (
                "METHODS",
                "Adults with severe underarm sweating were randomly assigned to velutoxin 50 mg, velutoxin 100 mg, or placebo and followed for 52 weeks.",
            ),
            (
                "RESULTS",
                "Median duration of effect was 205 days (95% CI, 190 to 221) with 50 mg, and median duration of effect was 197 days (95% CI, 180 to 214) with 100 mg. Sweat production at week 4 fell by 82% (95% CI, 77 to 87) and 79% (95% CI, 74 to 84) with 50 mg and 100 mg, respectively, and by 24% with placebo.",
            ),
        ],
    )
}

#[test]
fn another_doses_exact_figure_makes_a_close_own_dose_figure_differ() {
    let r = duration_trial();
    let f = verdict(
        ClaimKind::EffectDuration,
        days(205.0),
        "205 days",
        "With the 100 mg dose, the effect lasts 205 days.",
        &r,
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "197 days", "{f:#?}");
    assert!(
        f.reason.contains("197 days") && f.reason.contains("205 days"),
        "{}",
        f.reason
    );
    assert!(
        f.reason.contains("100 mg") && f.reason.contains("50 mg"),
        "{}",
        f.reason
    );
    let f = verdict(
        ClaimKind::OtherPercentage,
        pct(82.0),
        "82%",
        "On the 100 mg dose, sweat production fell by 82% within a month.",
        &r,
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert!(
        f.reason.contains("79%") && f.reason.contains("82%"),
        "{}",
        f.reason
    );
}

#[test]
fn a_close_own_dose_figure_still_supports_an_approximate_or_exact_claim() {
    let r = duration_trial();
    for (value, quote, sentence) in [
        // "About" widens the claim: it does not state the other dose's number.
        (
            about_days(200.0),
            "about 200 days",
            "With the 100 mg dose, the effect lasts about 200 days.",
        ),
        (
            about_days(205.0),
            "around 205 days",
            "With the 100 mg dose, the effect lasts around 205 days.",
        ),
        // The own dose's figure itself.
        (
            days(197.0),
            "197 days",
            "With the 100 mg dose, the effect lasts 197 days.",
        ),
        // Close to the own dose's figure, equal to no other dose's.
        (
            days(200.0),
            "200 days",
            "With the 100 mg dose, the effect lasts 200 days.",
        ),
        // The 50 mg dose's own figure, claimed for it: the 100 mg dose's 197 days is close,
        // but the claim's own figure is exact.
        (
            days(205.0),
            "205 days",
            "With the 50 mg dose, the effect lasts 205 days.",
        ),
    ] {
        let f = verdict(ClaimKind::EffectDuration, value, quote, sentence, &r);
        assert_eq!(f.verdict, Verdict::Supported, "{sentence}: {f:#?}");
    }
    let f = verdict(
        ClaimKind::OtherPercentage,
        pct(80.0),
        "80%",
        "On the 100 mg dose, sweat production fell by 80% within a month.",
        &r,
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

/// A two-arm trial whose arms ended close together, with two time points.
fn close_arms() -> RecordIndex {
    record(
        62,
        "Sandoval",
        "Adjunctive velutoxin versus placebo for persistent depressive disorder: a randomized trial",
        &[
            (
                "METHODS",
                "Outpatients were randomly assigned to velutoxin or placebo; the primary outcome was remission at week 12.",
            ),
            (
                "RESULTS",
                "At week 12, remission rates were 33.0% (95% CI, 26.1 to 39.9) and 30.0% (95% CI, 23.4 to 36.6) in the velutoxin and placebo groups, respectively (P = 0.54). At week 4, 14.0% of the velutoxin group and 12.0% of the placebo group were in remission.",
            ),
        ],
    )
}

fn remission(value: Value, quote: &str, sentence: &str) -> Finding {
    verdict(
        ClaimKind::RemissionRate,
        value,
        quote,
        sentence,
        &close_arms(),
    )
}

#[test]
fn a_claim_that_names_no_arm_is_never_supported_by_the_control_arms_exact_figure() {
    // The claim names no arm: it speaks for the treatment, whose 33.0% is close; the 30.0% it
    // states is the placebo's.
    let f = remission(
        pct(30.0),
        "30%",
        "In the trial, 30% of patients reached remission by week 12.",
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert!(
        f.reason.contains("33") && f.reason.contains("placebo"),
        "{}",
        f.reason
    );
    // Naming the treatment changes nothing.
    let f = remission(
        pct(30.0),
        "30%",
        "With velutoxin, 30% of patients reached remission by week 12.",
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    // The control arm's figure, claimed for the control, is supported.
    let on_placebo = said(
        ClaimKind::RemissionRate,
        pct(30.0),
        "30%",
        "On placebo, 30% of patients reached remission by week 12.",
        "placebo",
    );
    let f = verdict_of(&on_placebo, &close_arms());
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn a_close_figure_with_no_equal_figure_in_another_arm_still_supports() {
    for (value, quote, sentence) in [
        // Exact for the treatment, though the placebo's 30.0% is close.
        (
            pct(33.0),
            "33%",
            "In the trial, 33% of patients reached remission by week 12.",
        ),
        // Close to the treatment's 33.0%, equal to no arm's figure.
        (
            pct(32.0),
            "32%",
            "In the trial, 32% of patients reached remission by week 12.",
        ),
        // Approximate: "about 30%" covers 25–35 and states no one arm's number.
        (
            about(30.0),
            "about 30%",
            "In the trial, about 30% of patients reached remission by week 12.",
        ),
        // At week 4 the treatment's 14.0% is close; the 12.0% equal to nothing at week 12.
        (
            pct(13.0),
            "13%",
            "By week 4, 13% of patients on velutoxin were already in remission.",
        ),
    ] {
        let f = remission(value, quote, sentence);
        assert_eq!(f.verdict, Verdict::Supported, "{sentence}: {f:#?}");
    }
}

#[test]
fn another_arms_equal_figure_at_another_time_point_is_no_borrowed_figure() {
    // The claim is about week 4 (the treatment's 14.0% is close); the placebo's 12.0% at week
    // 4 is exact, so it differs, but the 12.0 of week 4 says nothing about a week-12 claim.
    let f = remission(
        pct(12.0),
        "12%",
        "By week 4, 12% of patients on velutoxin were already in remission.",
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    let r = record(
        63,
        "Sandoval",
        "Adjunctive velutoxin versus placebo for persistent depressive disorder: a randomized trial",
        &[
            (
                "METHODS",
                "Outpatients were randomly assigned to velutoxin or placebo; remission was assessed at weeks 4 and 12.",
            ),
            (
                "RESULTS",
                "At week 12, remission rates were 33.0% and 21.0% in the velutoxin and placebo groups, respectively. At week 4, 12.5% of the velutoxin group and 30.0% of the placebo group were in remission.",
            ),
        ],
    );
    let f = verdict(
        ClaimKind::RemissionRate,
        pct(30.0),
        "30%",
        "With velutoxin, 30% of patients reached remission by week 12.",
        &r,
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn the_dose_trials_other_dose_figure_is_no_support() {
    // 86% is the 8 mg dose's share at the ≥5% threshold; the 12 mg dose's own is 88%.
    let r = doses::dose_trial();
    let share = |value: Value, quote: &str, sentence: &str| {
        verdict_of(
            &said(ClaimKind::WeightLoss, value, quote, sentence, "zelmatide"),
            &r,
        )
    };
    let f = share(
        pct(86.0),
        "86%",
        "On the 12 mg dose, 86% of patients lost at least 5% of their weight.",
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert!(
        f.reason.contains("88%") && f.reason.contains("8 mg"),
        "{}",
        f.reason
    );
    for (value, quote, sentence) in [
        (
            pct(88.0),
            "88%",
            "On the 12 mg dose, 88% of patients lost at least 5% of their weight.",
        ),
        (
            pct(87.0),
            "87%",
            "On the 12 mg dose, 87% of patients lost at least 5% of their weight.",
        ),
        (
            about(86.0),
            "about 86%",
            "On the 12 mg dose, about 86% of patients lost at least 5% of their weight.",
        ),
    ] {
        let f = share(value, quote, sentence);
        assert_eq!(f.verdict, Verdict::Supported, "{sentence}: {f:#?}");
    }
}

#[test]
fn a_respectively_list_maps_its_arms_past_intervals_in_brackets() {
    // "33.0% (95% CI, …) and 30.0% (95% CI, …) in the velutoxin and placebo groups,
    // respectively": the interval's own "%" does not end the list.
    let r = close_arms();
    assert_eq!(control_of(&r, "33.0%"), Some(false));
    assert_eq!(control_of(&r, "30.0%"), Some(true));
    assert_eq!(control_of(&r, "12.0%"), Some(true));
    // Counterexample: a "respectively" after a semicolon closes another clause.
    let r = record(
        64,
        "Sandoval",
        "Velutoxin versus placebo",
        &[(
            "RESULTS",
            "Remission occurred in 33.0% (95% CI, 26.1 to 39.9) of all patients; response and remission were 41.0% and 22.0% in the velutoxin group, respectively.",
        )],
    );
    assert_eq!(control_of(&r, "33.0%"), None);
}

#[test]
fn a_figure_with_a_dose_of_the_drug_is_never_the_control_arms() {
    // "38% and 46% of participants in the 8-mg and 12-mg groups …, as compared with 2% in the
    // placebo group": the 46% stands next to the placebo's name, but its dose says whose it is.
    let r = doses::dose_trial();
    assert_eq!(control_of(&r, "46%"), None);
    assert_eq!(control_of(&r, "2%"), Some(true));
    let f = verdict_of(
        &said(
            ClaimKind::OtherPercentage,
            pct(46.0),
            "46%",
            "Even on placebo, 46% of patients lost 20% or more of their weight.",
            "placebo",
        ),
        &r,
    );
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
}
