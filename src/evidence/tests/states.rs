//! Counts of people in a state ("297 adults in remission") are checked against the count the
//! source gives for that state, not the count of everyone (our own wording; the drug is made
//! up).

use super::*;

/// A withdrawal trial that counts everyone, those in remission or response, and each group.
fn withdrawal_trial() -> RecordIndex {
    record(
        63,
        "Varga",
        "Continued velaglutide versus placebo in stable remission: a randomized withdrawal study",
        &[(
            "RESULTS",
            "Of 610 adults enrolled, 240 who achieved stable remission or stable response entered the randomized withdrawal phase. Among the 240 adults (mean age [SD], 44.0 [10.2] years) who entered the randomized phase, 150 achieved stable remission; 20 (26.0%) in the velaglutide group and 35 (47.9%) in the placebo group relapsed. Among the 90 who achieved stable response, 12 (27.3%) and 25 (54.3%) relapsed, respectively.",
        )],
    )
}

/// The verdict of the count quoted `quote` in a one-sentence article checked against `r`.
fn verdict(sentence: &str, quote: &str, r: &RecordIndex) -> Verdict {
    let claim = extracted_claim(sentence, quote);
    assert_eq!(claim.kind, ClaimKind::SampleSize, "{claim:?}");
    verdict_of(&claim, r).verdict
}

#[test]
fn a_count_in_a_state_is_the_count_in_that_state() {
    let r = withdrawal_trial();
    // 240 were in remission or response; 150 were in remission.
    assert_eq!(
        verdict(
            "The trial drew on data from 240 adults in remission.\n",
            "240 adults",
            &r
        ),
        Verdict::Differs
    );
    assert_eq!(
        verdict(
            "The trial drew on data from 150 adults in remission.\n",
            "150 adults",
            &r
        ),
        Verdict::Supported
    );
    assert_eq!(
        verdict(
            "The trial followed 90 patients who responded.\n",
            "90 patients",
            &r
        ),
        Verdict::NotFound,
        "the 90 with a stable response are not read as a count"
    );
}

#[test]
fn a_count_of_everyone_names_no_state() {
    let r = withdrawal_trial();
    assert_eq!(
        verdict(
            "The researchers randomized 240 adults in the withdrawal phase.\n",
            "240 adults",
            &r
        ),
        Verdict::Supported
    );
}

#[test]
fn the_states_a_count_names_are_the_words_right_after_it() {
    use vocab::person_states_after as states;
    assert_eq!(states(" adults in remission."), ["remission"]);
    assert_eq!(
        states(" who achieved stable remission or stable response entered"),
        ["remission", "response"]
    );
    assert_eq!(states(" who relapsed within a year"), ["relapse"]);
    // Counterexamples: words past the clause, or past the next number, are another figure's.
    assert!(states(" adults (mean age 44 years) who were in remission").is_empty());
    assert!(states(" adults entered, and 150 achieved remission").is_empty());
    assert!(states(" adults in the maintenance phase of depression treatment").is_empty());
    assert!(states(" patients whose depression had not responded to earlier treatment").is_empty());
}

/// A fertility study counts couples, and a sentence that names its control group speaks of
/// the study even when it names no "study" or "trial".
#[test]
fn couples_in_a_control_group_are_a_studys_count() {
    let r = record(
        67,
        "Moreau",
        "Embryo screening before transfer: an observational cohort",
        &[(
            "METHODS",
            "The cohort included a total of 1840 couples undergoing 2110 egg retrievals without screening.",
        )],
    );
    let sentence = "1840 couples went ahead without screening (the control group).";
    let claim = extracted_claim(sentence, "1840 couples");
    assert_eq!(claim.kind, ClaimKind::SampleSize);
    assert_eq!(verdict_of(&claim, &r).verdict, Verdict::Supported);
    // Counterexample: a clinic's own tally names no study.
    let tally = said(
        ClaimKind::SampleSize,
        Value::point(1840.0, Unit::Count),
        "1840 couples",
        "Our clinic has helped 1840 couples so far.",
        "",
    );
    assert_ne!(verdict_of(&tally, &r).verdict, Verdict::Supported);
}
