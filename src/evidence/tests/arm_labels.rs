//! Where an abstract names the arm a figure belongs to in ways beyond "in the X group": arm
//! names joined with "+", an arm labelling the figure after it with a comma or in a bracket,
//! pairs of figures in a "respectively" list, and the figure of a comparison between arms (our
//! own wording; the drugs are made up).

use super::*;

/// The arm each figure was read for: `Some(true)` for a control arm, `Some(false)` for a
/// treatment arm, `None` for no arm.
pub(super) fn control_of(r: &RecordIndex, figure: &str) -> Option<bool> {
    reading(r, figure).arm.map(|a| r.arms[a].control)
}

fn reading<'r>(r: &'r RecordIndex, figure: &str) -> &'r Reading {
    r.readings
        .iter()
        .find(|x| &r.sentence(x.sentence)[x.range.clone()] == figure)
        .unwrap_or_else(|| panic!("{figure} not read: {:#?}", r.readings))
}

fn results(text: &str) -> RecordIndex {
    record(
        51,
        "Lindqvist",
        "Maintenance drugamab nasal spray for resistant depression: a randomized withdrawal trial",
        &[
            (
                "METHODS",
                "Stable remitters were randomized to continue drugamab plus their oral antidepressant or to switch to placebo.",
            ),
            ("RESULTS", text),
        ],
    )
}

#[test]
fn an_arm_named_with_a_plus_is_the_control_when_one_part_is_a_control() {
    let r = results(
        "Relapse occurred in 18 (22.5%) patients in the drugamab+antidepressant group and 33 (41.0%) patients in the antidepressant+placebo group. Dizziness was reported by 12.0% of drugamab + AD patients and by 3.0% of AD + PBO patients.",
    );
    assert_eq!(control_of(&r, "22.5%"), Some(false));
    assert_eq!(control_of(&r, "41.0%"), Some(true));
    // "PBO" is placebo; "AD + PBO" is the control arm though "AD" is in both.
    assert_eq!(control_of(&r, "12.0%"), Some(false));
    assert_eq!(control_of(&r, "3.0%"), Some(true));
    // The control arm's relapse rate stands for the control, never for the treatment.
    let relapse = |v: f64, who: &str| {
        C::new(
            ClaimKind::RelapseRate,
            pct(v),
            measure(who, "relapse", None),
        )
        .against(&[&r])
    };
    assert_eq!(relapse(41.0, "placebo").verdict, Verdict::Supported);
    assert_ne!(relapse(41.0, "drugamab").verdict, Verdict::Supported);
    assert_eq!(relapse(22.5, "drugamab").verdict, Verdict::Supported);
}

#[test]
fn words_joined_by_plus_only_when_single_words() {
    // Counterexample: "drugamab plus the same antidepressant" is not one name; the placebo
    // after "or" is still the control and the drug the treatment.
    let r = results(
        "Relapse occurred in 20.5% of those given drugamab plus the same antidepressant and in 40.5% of those given placebo.",
    );
    assert_eq!(control_of(&r, "20.5%"), Some(false));
    assert_eq!(control_of(&r, "40.5%"), Some(true));
}

#[test]
fn an_arm_opening_its_clause_before_a_comma_labels_the_next_figure() {
    let r = results(
        "Hair weight rose at 96 weeks (week 96: drugamab, 18.2% increase from baseline; placebo, 20.1% decrease from baseline; net increase for drugamab vs placebo = 38.3%).",
    );
    assert_eq!(control_of(&r, "18.2%"), Some(false));
    assert_eq!(control_of(&r, "20.1%"), Some(true));
    // "A vs B = X" is the gap between the arms, no arm's own result.
    assert!(reading(&r, "38.3%").difference);
    assert!(!reading(&r, "18.2%").difference);
}

#[test]
fn an_arm_after_a_comma_mid_clause_labels_nothing() {
    // Counterexamples: "Compared with placebo, 30.5% …": the arm does not open the clause, so
    // the figure is not the placebo's; "placebo: 9.5%" names one arm, not a comparison.
    let r = results(
        "Compared with placebo, 30.5% of patients on drugamab remained well. Relapse by week 40, placebo: 9.5%.",
    );
    assert_ne!(control_of(&r, "30.5%"), Some(true));
    assert!(!reading(&r, "9.5%").difference);
}

fn weight_trial(results: &str) -> RecordIndex {
    record(
        52,
        "Marchetti",
        "Once-weekly tavoglutide for adults with obesity",
        &[
            (
                "METHODS",
                "Adults were randomised 2:1 to 52 weeks' treatment with once-weekly tavoglutide 3 mg or placebo, adjunct to diet.",
            ),
            ("RESULTS", results),
        ],
    )
}

#[test]
fn a_duration_before_an_arm_is_no_arm() {
    let r = weight_trial("Mean weight change was −11.8% (tavoglutide) vs −3.0% (placebo) over 52 weeks versus placebo.");
    assert!(
        r.arms.iter().any(|a| a.label.contains("tavoglutide")),
        "{:?}",
        r.arms
    );
    assert!(
        r.arms.iter().all(|a| !a.label.contains("week")),
        "{:?}",
        r.arms
    );
}

#[test]
fn an_arm_in_a_bracket_right_after_a_figure_labels_it() {
    let r = weight_trial(
        "Mean weight change was −11.8% (tavoglutide) vs −3.0% (placebo) (estimated treatment difference [ETD]: −8.8%; 95% CI: −9.6, −8.0).",
    );
    assert_eq!(control_of(&r, "11.8%"), Some(false));
    assert_eq!(control_of(&r, "3.0%"), Some(true));
    assert!(reading(&r, "8.8%").difference);
    let f = C::new(
        ClaimKind::WeightLoss,
        pct(3.0),
        measure("tavoglutide", "weight loss", None),
    )
    .against(&[&r]);
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn a_bracket_that_holds_more_than_a_name_labels_nothing() {
    // Counterexample: "(placebo group: 20.0%)" gives the placebo its own figure inside; the
    // 40.0% before it is not the placebo's.
    let r = weight_trial("Weight loss of 10% or more occurred in 40.0% (placebo group: 20.0%).");
    assert_ne!(control_of(&r, "40.0%"), Some(true));
}

#[test]
fn pairs_in_a_respectively_list_are_the_arms_in_order_at_each_threshold() {
    let r = weight_trial(
        "Weight loss ≥5%, ≥10% and ≥15% was more frequent with tavoglutide vs placebo (80.1% vs 30.2%, 60.3% vs 10.4% and 40.5% vs 3.6%, respectively; p<0.001 for all).",
    );
    let threshold = |f: &str| reading(&r, f).threshold.as_ref().map(ToString::to_string);
    for (treated, control, at) in [
        ("80.1%", "30.2%", "≥5%"),
        ("60.3%", "10.4%", "≥10%"),
        ("40.5%", "3.6%", "≥15%"),
    ] {
        assert_eq!(control_of(&r, treated), Some(false), "{treated}");
        assert_eq!(control_of(&r, control), Some(true), "{control}");
        assert_eq!(threshold(treated).as_deref(), Some(at), "{treated}");
        assert_eq!(threshold(control).as_deref(), Some(at), "{control}");
    }
    // The thresholds are thresholds, not results.
    assert_eq!(reading(&r, "≥10%").role, Role::Criterion);
    let share = |v: f64, at: f64| {
        let mut c = C::new(
            ClaimKind::WeightLoss,
            pct(v),
            measure("tavoglutide", "lost weight", None),
        );
        c.measure.outcome = Some(format!("lost at least {at}% of body weight"));
        c.against(&[&r])
    };
    assert_eq!(share(60.0, 10.0).verdict, Verdict::Supported);
    // The placebo's share never stands for the drug's.
    assert_ne!(share(30.0, 5.0).verdict, Verdict::Supported);
}

#[test]
fn pairs_without_respectively_are_not_read_as_a_pair_list() {
    // Counterexample: without "respectively" the order of the pairs is not stated, so the
    // figures are left without arms rather than guessed.
    let r = weight_trial(
        "Weight loss ≥5% and ≥10% was more frequent with tavoglutide vs placebo (80.1% vs 30.2%, 60.3% vs 10.4%).",
    );
    assert_eq!(control_of(&r, "10.4%"), None);
    assert_eq!(control_of(&r, "60.3%"), None);
}

#[test]
fn a_pair_in_a_bracket_after_two_arms_follows_their_order() {
    let r = weight_trial(
        "Nausea was reported more often with tavoglutide than with placebo (44.2% versus 17.5%).",
    );
    assert_eq!(control_of(&r, "44.2%"), Some(false));
    assert_eq!(control_of(&r, "17.5%"), Some(true));
    // Counterexample: one figure in a bracket after its arm is still that arm's.
    let r = weight_trial("Nausea was reported in the placebo group (17.5%).");
    assert_eq!(control_of(&r, "17.5%"), Some(true));
}

#[test]
fn an_abbreviated_compound_is_the_one_treatment_arm_of_a_two_arm_trial() {
    let r = record(
        53,
        "Sato",
        "Nasal drugamab added to an antidepressant: pooled trials",
        &[
            (
                "METHODS",
                "Patients were randomized to drugamab or placebo, each with a new oral antidepressant.",
            ),
            (
                "RESULTS",
                "More patients treated with DRG + AD versus AD + PBO responded at day 28 (58.1% vs 44.6%).",
            ),
        ],
    );
    assert_eq!(control_of(&r, "58.1%"), Some(false));
    assert_eq!(control_of(&r, "44.6%"), Some(true));
}

#[test]
fn names_before_the_verb_of_a_respectively_list_are_its_arms_in_order() {
    let r = weight_trial(
        "The median change in waist circumference in the tavoglutide and placebo groups was -6.4 and -1.9 (p<0.001), respectively, at week 52.",
    );
    assert_eq!(control_of(&r, "-6.4"), Some(false));
    assert_eq!(control_of(&r, "-1.9"), Some(true));
    // Names after the figures still win: "was 40.1% and 12.3% in the placebo and
    // tavoglutide groups, respectively" lists them in its own order.
    let r = weight_trial(
        "Weight loss of 10% or more was 12.3% and 40.1% in the placebo and tavoglutide groups, respectively.",
    );
    assert_eq!(control_of(&r, "12.3%"), Some(true));
    assert_eq!(control_of(&r, "40.1%"), Some(false));
    // Counterexample: a clause between the names and the verb breaks the link.
    let r = weight_trial(
        "In the tavoglutide and placebo groups, which were balanced, the change was -6.4 and -1.9, respectively.",
    );
    assert_ne!(control_of(&r, "-6.4"), Some(true));
}

#[test]
fn a_compound_written_closed_in_the_claim_names_the_treatment_written_open() {
    let r = record(
        53,
        "Halvorsen",
        "Low-intensity extracorporeal shock wave therapy for vasculogenic erectile dysfunction",
        &[(
            "RESULTS",
            "Among responders to treatment, 71.4% reported firmer erections at 3 months.",
        )],
    );
    let claim = |who: &str| {
        C::new(
            ClaimKind::OtherPercentage,
            pct(71.4),
            measure(who, "reported firmer erections", None),
        )
        .against(&[&r])
        .verdict
    };
    assert_eq!(claim("shockwave therapy"), Verdict::Supported);
    // Counterexample: a treatment the record does not name is another treatment.
    assert_ne!(claim("laser therapy"), Verdict::Supported);

    // A treatment the page names only elsewhere (its main one, not the sentence's) does not
    // rule out the study the sentence reports; one the sentence names does.
    let claim = |sentence: &str| {
        let mut c = said(
            ClaimKind::OtherPercentage,
            pct(71.4),
            "71.4%",
            sentence,
            "laser therapy",
        );
        c.measure.outcome = Some("reported firmer erections".to_owned());
        verdict_of(&c, &r).verdict
    };
    assert_eq!(
        claim("Of those who responded, 71.4% reported firmer erections."),
        Verdict::Supported
    );
    assert_ne!(
        claim("With laser therapy, 71.4% reported firmer erections."),
        Verdict::Supported
    );
}

#[test]
fn pairs_after_arms_named_treated_follow_their_order() {
    for text in [
        "Among 220 tavoglutide-treated and 218 placebo-treated adults, a loss of 10% or more was reached by 61.0% and 20.3%, and a loss of 20% or more by 12.4% and 1%, respectively (p < .001 for both).",
        "Among 220 tavoglutide–treated and 218 placebo–treated adults, a loss of 10% or more was reached by 61.0% and 20.3%, and a loss of 20% or more by 12.4% and 1%, respectively (p < .001 for both).",
    ] {
        let r = weight_trial(text);
        assert_eq!(control_of(&r, "61.0%"), Some(false), "{text}");
        assert_eq!(control_of(&r, "20.3%"), Some(true), "{text}");
        assert_eq!(control_of(&r, "12.4%"), Some(false), "{text}");
        assert_eq!(control_of(&r, "1%"), Some(true), "{text}");
    }
    // Counterexample: "placebo-controlled" names the design, not an arm.
    let r = weight_trial("Over this placebo-controlled phase, 61.0% lost 10% or more.");
    assert_ne!(control_of(&r, "61.0%"), Some(true));
}

#[test]
fn a_brand_names_the_generic_its_study_reports() {
    let r = record(
        54,
        "Sato",
        "Deoxycholic acid injection for submental fat: a randomized trial",
        &[(
            "RESULTS",
            "A 1-grade improvement was seen in 61.5% of treated subjects and 20.2% of placebo subjects.",
        )],
    );
    let claim = |brand: &str| {
        let sentence = format!("With {brand}, 61.5% of patients saw a smaller chin.");
        verdict_of(
            &said(
                ClaimKind::ResponseRate,
                pct(61.5),
                "61.5%",
                &sentence,
                brand,
            ),
            &r,
        )
        .verdict
    };
    assert_eq!(claim("Kybella"), Verdict::Supported);
    // Counterexample: another brand's generic is another treatment.
    assert_ne!(claim("Juvederm"), Verdict::Supported);
}

#[test]
fn a_share_with_the_default_outcome_is_told_apart_by_its_sentence() {
    let r = record(
        55,
        "Sato",
        "Deoxycholic acid injection for submental fat: a randomized trial",
        &[(
            "RESULTS",
            "A 2-grade response on the clinician scale was seen in 15.2% of treated subjects, and a 1-grade response in 64.0%.",
        )],
    );
    // The extractor names a response rate's outcome "response" when no cue names another.
    let claim = |v: f64, sentence: &str| {
        let mut c = said(
            ClaimKind::ResponseRate,
            pct(v),
            &format!("{v}%"),
            sentence,
            "deoxycholic acid",
        );
        c.measure.outcome = Some("response".to_owned());
        verdict_of(&c, &r).verdict
    };
    assert_eq!(
        claim(
            64.0,
            "In that trial, 64% of patients saw at least a 1-grade improvement."
        ),
        Verdict::Supported
    );
    assert_eq!(
        claim(15.2, "A 2-grade improvement was seen in 15.2% of patients."),
        Verdict::Supported
    );
    // Counterexample: the 2-grade figure does not state a 1-grade claim.
    assert_ne!(
        claim(
            15.2,
            "In that trial, 15.2% of patients saw at least a 1-grade improvement."
        ),
        Verdict::Supported
    );
}

#[test]
fn a_prevalence_keeps_its_kind_name_as_its_outcome() {
    let claim = |kind: ClaimKind, default: &str| {
        let mut c = said(
            kind,
            pct(66.7),
            "66.7%",
            "In the survey, 66.7% of adults over 70 reported hearing loss.",
            "",
        );
        c.measure.outcome = Some(default.to_owned());
        Target::of(&c).outcome
    };
    // A response rate named only by its kind is read with its sentence's words…
    let response = claim(ClaimKind::ResponseRate, "response");
    assert!(response.len() > 1, "{response:?}");
    // …a prevalence is not: its sentence describes the people, not a measure.
    assert_eq!(claim(ClaimKind::Prevalence, "prevalence"), ["prevalence"]);
}

#[test]
fn a_rate_read_with_its_sentences_words_still_needs_its_kind_named() {
    let r = record(
        57,
        "Lindahl",
        "Early compression for venous leg ulcers: a randomized trial",
        &[(
            "RESULTS",
            "By 24 weeks, 81.2% of ulcers in the early group had healed.",
        )],
    );
    // The extractor names a relapse rate's outcome "relapse" when no cue names another.
    let relapse = |v: f64, sentence: &str| {
        let mut c = said(
            ClaimKind::RelapseRate,
            pct(v),
            &format!("{v}%"),
            sentence,
            "",
        );
        c.measure.outcome = Some("relapse".to_owned());
        verdict_of(&c, &r).verdict
    };
    // The healing share is no relapse rate, though both speak of ulcers.
    assert_eq!(
        relapse(9.0, "Early care cut ulcer recurrence to 9% of patients."),
        Verdict::NotFound
    );
}
