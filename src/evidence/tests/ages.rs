//! Ages: an age that describes a study's people is checked against the age its abstract gives,
//! whatever arm the claim's sentence names, and never against a length of time (our own
//! wording; the drug is made up).

use super::*;

/// A withdrawal trial that gives its people's mean age with the SD in brackets.
fn withdrawal_trial() -> RecordIndex {
    record(
        62,
        "Okafor",
        "Maintenance velaglutide after remission: a randomized withdrawal trial",
        &[
            (
                "METHODS",
                "Adults in remission were randomized to continue velaglutide or switch to placebo for 48 weeks.",
            ),
            (
                "RESULTS",
                "Among the 250 adults (mean age [SD], 51.2 [9.8] years; 160 [64.0%] female) who were randomized, 80 relapsed.",
            ),
        ],
    )
}

/// The verdict of the age quoted `quote` in a one-sentence article checked against `r`.
fn verdict(sentence: &str, quote: &str, r: &RecordIndex) -> Verdict {
    let claim = extracted_claim(sentence, quote);
    assert_eq!(claim.measure.outcome.as_deref(), Some("age"), "{claim:?}");
    verdict_of(&claim, r).verdict
}

#[test]
fn a_mean_age_given_with_its_sd_checks_an_age() {
    let r = withdrawal_trial();
    let age = r
        .readings
        .iter()
        .find(|x| x.value.unit == Unit::Years)
        .expect("the mean age is read");
    assert_eq!(age.value.low, Some(51.2));
    assert_eq!(
        verdict(
            "The average age of the patients was 51 years.\n",
            "51 years",
            &r
        ),
        Verdict::Supported
    );
    assert_eq!(
        verdict("The patients had an average age of 64.\n", "64", &r),
        Verdict::Differs
    );
    // The age describes everyone randomized, whichever arm the sentence names.
    assert_eq!(
        verdict(
            "Patients switched to placebo had a mean age of 51 years.\n",
            "51 years",
            &r
        ),
        Verdict::Supported
    );
}

#[test]
fn a_length_of_time_is_no_age() {
    // The children were followed for 4 years; no age of theirs is given.
    let r = record(
        62,
        "Brandt",
        "Velaglutide drops for myopia in children: a randomized trial",
        &[(
            "RESULTS",
            "In all, 412 children were randomized and followed for 4 years; myopia progressed by 0.6 D less with velaglutide.",
        )],
    );
    assert_eq!(
        verdict(
            "The children in the trial had a mean age of 4 years.\n",
            "4 years",
            &r
        ),
        Verdict::NotFound
    );
}
