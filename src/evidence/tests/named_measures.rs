//! Measures named in a list of results ("A improved by X, B improved by Y"), abbreviated in
//! brackets ("sleep onset latency (SOL)"), and counts written to the unit ("21 studies").
//! Our own wording; the therapy and numbers are made up.

use super::*;

/// A review reporting three sleep measures in one sentence, each named by its abbreviation.
fn sleep_review() -> RecordIndex {
    record(
        71,
        "Lindqvist",
        "Group sleep therapy for chronic insomnia: a meta-analysis",
        &[
            (
                "METHODS",
                "Outcomes were sleep onset latency (SOL), wake after sleep onset (WASO) and total sleep time (TST).",
            ),
            (
                "RESULTS",
                "Twenty-three trials (1420 participants) were included. After treatment, SOL fell by 17.4 (95% CI, 12.0 to 22.8) minutes, WASO fell by 29.10 (CI, 18.2 to 40.0) minutes, and TST rose by 8.2 (CI, -1.0 to 17.4) minutes.",
            ),
        ],
    )
}

fn minutes_claim(quote: &str, sentence: &str) -> Finding {
    checked(sentence, quote, &sleep_review())
}

/// The verdict on the claim `quote` that the extractor finds in `sentence`, cited to `r`.
fn checked(sentence: &str, quote: &str, r: &RecordIndex) -> Finding {
    let mut c = extracted_claim(sentence, quote);
    c.sources = vec!["pmid:1".to_owned()];
    verdict_of(&c, r)
}

#[test]
fn each_measure_of_a_results_list_keeps_its_own_figure() {
    let f = minutes_claim(
        "about 17 minutes",
        "Sleep onset latency (SOL) fell by about 17 minutes with group sleep therapy.",
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let f = minutes_claim(
        "about 29 minutes",
        "Wake after sleep onset (WASO) fell by about 29 minutes with group sleep therapy.",
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // The latency is not the waking time: 29 minutes of latency differs.
    let f = minutes_claim(
        "29 minutes",
        "Sleep onset latency (SOL) fell by 29 minutes with group sleep therapy.",
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
}

#[test]
fn a_phrase_that_opens_a_clause_still_frames_all_its_figures() {
    let r = record(
        72,
        "Ferreira",
        "Maintenance drugamab in stable remission",
        &[(
            "RESULTS",
            "Among patients in stable remission, relapse occurred in 24.1% of the drugamab group and 47.6% of the placebo group.",
        )],
    );
    let f = checked(
        "Among patients in stable remission, relapse occurred in 47.6% of those on placebo.",
        "47.6%",
        &r,
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn a_count_written_to_the_unit_needs_the_same_count() {
    let f = minutes_claim(
        "22 trials",
        "A meta-analysis of 22 trials found group sleep therapy helps.",
    );
    assert_ne!(
        f.verdict,
        Verdict::Supported,
        "22 trials are not 23: {f:#?}"
    );
    let f = minutes_claim(
        "23 trials",
        "A meta-analysis of 23 trials found group sleep therapy helps.",
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

/// A two-arm cohort whose results sentence opens on the comparator and gives each measure as
/// a pair in brackets with its abbreviation.
fn embryo_cohort() -> RecordIndex {
    record(
        73,
        "Marchetti",
        "Embryo screening in women over 40: a cohort study",
        &[
            (
                "METHODS",
                "Couples chose screened transfer or unscreened transfer (the control group).",
            ),
            (
                "RESULTS",
                "Compared with the control group, screened transfer gave more live births (live-birth rate per transfer, LBR 38.2% vs 12.5%) and fewer multiple pregnancies (MPR, 0% vs 9.4%).",
            ),
        ],
    )
}

#[test]
fn a_pair_in_brackets_keeps_its_own_measure_and_its_arms_in_order() {
    let r = embryo_cohort();
    // The control's multiple-pregnancy rate is the pair's second figure; multiple pregnancies
    // are not live births.
    let f = checked(
        "9% of women in the control group had a multiple pregnancy.",
        "9%",
        &r,
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "9.4%");
    // The arm the sentence names first, after "compared with", is the comparator: 38.2% is
    // the screened arm's, 12.5% the control's.
    let f = checked(
        "With screened transfer, 38% of transfers ended in a live birth.",
        "38%",
        &r,
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let mut c = extracted_claim("38% of women in the control group had a live birth.", "38%");
    c.sources = vec!["pmid:1".to_owned()];
    let f = verdict_of(&c, &r);
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
}
