//! A time point is checked with the figure it dates ([`super::dated`]): it is not found when
//! that figure is not found, and keeps its own verdict otherwise (our own wording; the drug is
//! made up).

use super::*;

/// A trial that reports remission at 4 weeks, by arm.
fn remission_trial() -> RecordIndex {
    record(
        61,
        "Lindqvist",
        "Weekly velaglutide for resistant depression: a randomized sham-controlled trial",
        &[
            (
                "METHODS",
                "Adults were randomized to velaglutide or sham; the primary end point was remission at 4 weeks.",
            ),
            (
                "RESULTS",
                "Remission occurred in 46% of the velaglutide group and 14% of the sham group (P < .001).",
            ),
        ],
    )
}

/// The findings of every claim of a one-paragraph article, checked against `r` and then with
/// the time points deferred, by quote.
fn checked(article: &str, r: &RecordIndex) -> Vec<(String, Verdict)> {
    let claims = extracted(article);
    let mut findings: Vec<Finding> = claims.iter().map(|c| verdict_of(c, r)).collect();
    defer_time_points(&claims, &mut findings);
    findings.into_iter().map(|f| (f.quote, f.verdict)).collect()
}

fn verdict(found: &[(String, Verdict)], quote: &str) -> Verdict {
    found
        .iter()
        .find(|(q, _)| q == quote)
        .unwrap_or_else(|| panic!("no claim {quote:?} in {found:?}"))
        .1
}

#[test]
fn a_time_point_of_a_figure_not_found_is_not_found() {
    let r = remission_trial();
    // Response is not reported at all: the month, alone supported by "4 weeks", is not found.
    let found = checked(
        "With velaglutide, response rose to 60% after a month (Lindqvist, PMID 61).\n",
        &r,
    );
    assert_eq!(verdict(&found, "60%"), Verdict::NotFound, "{found:?}");
    assert_eq!(verdict(&found, "a month"), Verdict::NotFound, "{found:?}");
}

#[test]
fn a_time_point_keeps_its_verdict_when_its_figure_is_checked() {
    let r = remission_trial();
    // Remission at 4 weeks is stated: the time point stands, whether the rate agrees or not.
    let found = checked(
        "With velaglutide, remission reached 45% after 4 weeks (Lindqvist, PMID 61).\n",
        &r,
    );
    assert_eq!(verdict(&found, "45%"), Verdict::Supported, "{found:?}");
    assert_eq!(verdict(&found, "4 weeks"), Verdict::Supported, "{found:?}");
    let found = checked(
        "With velaglutide, remission reached 70% after 4 weeks (Lindqvist, PMID 61).\n",
        &r,
    );
    assert_eq!(verdict(&found, "70%"), Verdict::Differs, "{found:?}");
    assert_eq!(verdict(&found, "4 weeks"), Verdict::Supported, "{found:?}");
}
