//! Verdicts on hand-made records, written the way journals write abstracts (our own wording).
//! Each rule has examples and counterexamples; the same rules run on real abstracts in
//! `tests/evidence_real.rs`.

use super::*;
use crate::model::{AbstractSection, Author, Bound, Measure, PubDate, Record, Unit};

/// A record with labelled sections: (label, text).
fn record(pmid: u32, author: &str, title: &str, sections: &[(&str, &str)]) -> RecordIndex {
    RecordIndex::new(Record {
        pmid,
        title: title.to_owned(),
        abstract_sections: sections
            .iter()
            .map(|(label, text)| AbstractSection {
                label: (!label.is_empty()).then(|| label.to_string()),
                category: (!label.is_empty()).then(|| label.to_string()),
                text: text.to_string(),
            })
            .collect(),
        journal_iso: Some("Test J".to_owned()),
        pub_date: PubDate {
            year: Some(2020),
            ..Default::default()
        },
        authors: vec![Author {
            last_name: Some(author.to_owned()),
            ..Default::default()
        }],
        ..Default::default()
    })
}

/// A claim as the extractor (or a reviewer) stores it.
struct C {
    kind: ClaimKind,
    value: Value,
    measure: Measure,
}

fn pct(v: f64) -> Value {
    Value::point(v, Unit::Percent)
}

fn about(v: f64) -> Value {
    Value {
        approx: true,
        ..pct(v)
    }
}

fn measure(intervention: &str, outcome: &str, time: Option<Value>) -> Measure {
    Measure {
        intervention: (!intervention.is_empty()).then(|| intervention.to_owned()),
        outcome: (!outcome.is_empty()).then(|| outcome.to_owned()),
        time_point: time,
        ..Default::default()
    }
}

fn hours(h: f64) -> Option<Value> {
    Some(Value::point(h, Unit::Hours))
}

fn weeks(w: f64) -> Option<Value> {
    Some(Value::point(w, Unit::Weeks))
}

impl C {
    fn new(kind: ClaimKind, value: Value, measure: Measure) -> C {
        C {
            kind,
            value,
            measure,
        }
    }

    fn claim(&self) -> Claim {
        Claim {
            id: "c1".to_owned(),
            kind: self.kind,
            value: self.value.clone(),
            measure: self.measure.clone(),
            quote: self.value.to_string(),
            sources: vec!["pmid:1".to_owned()],
            ..Claim::default()
        }
    }

    fn against(&self, records: &[&RecordIndex]) -> Finding {
        let sources: Vec<SourceOutcome<'_>> = records
            .iter()
            .map(|r| SourceOutcome {
                source: "pmid:1",
                outcome: Outcome::Record {
                    index: r,
                    inferred: false,
                },
            })
            .collect();
        assess(&self.claim(), &sources, &Tolerance::default())
    }
}

fn response(v: Value, intervention: &str, time: Option<Value>) -> C {
    C::new(
        ClaimKind::ResponseRate,
        v,
        measure(intervention, "response", time),
    )
}

/// A two-arm trial reporting both arms with "respectively".
fn two_arm() -> RecordIndex {
    record(
        1,
        "Adams",
        "Intravenous ketamine versus midazolam in resistant depression: a randomized trial",
        &[
            (
                "METHODS",
                "Patients were randomly assigned to receive one infusion of ketamine or midazolam. The primary outcome was response at 24 hours.",
            ),
            (
                "RESULTS",
                "At 24 hours, response rates were 64% and 28% in the ketamine and midazolam groups, respectively (odds ratio 2.2; 95% CI, 1.2 to 4.1).",
            ),
        ],
    )
}

#[test]
fn respectively_maps_figures_to_the_arms_named_before_it() {
    let r = two_arm();
    let f = response(pct(64.0), "ketamine", None).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "64%");
    assert!(
        f.reason.contains("64% response with ketamine at 24 hours"),
        "{}",
        f.reason
    );
    // 70–80% is compared with the ketamine arm's 64%, never with the other arm's 28%.
    let f = response(Value::range(70.0, 80.0, Unit::Percent), "ketamine", None).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "64%");
    // A claim of 28% for ketamine differs: 28% is the midazolam arm's.
    let f = response(pct(28.0), "ketamine", None).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert!(
        f.reason.contains("28%") && f.reason.contains("midazolam"),
        "{}",
        f.reason
    );
    // A claim about midazolam is checked against the midazolam arm.
    let f = response(pct(28.0), "midazolam", None).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn a_placebo_arm_never_supports_a_claim_about_the_treatment() {
    let r = record(
        2,
        "Baker",
        "Weekly infusions of a novel compound for chronic migraine",
        &[(
            "RESULTS",
            "Over 12 weeks, 41% of patients in the active group and 22% of those on placebo had at least half as many headache days.",
        )],
    );
    let claim = |v, who| {
        C::new(
            ClaimKind::OtherPercentage,
            pct(v),
            measure(who, "headache days", None),
        )
    };
    let f = claim(22.0, "the compound").against(&[&r]);
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
    let f = claim(22.0, "placebo").against(&[&r]);
    assert_eq!(
        f.verdict,
        Verdict::Supported,
        "a claim about placebo uses the placebo arm: {f:#?}"
    );
    let f = claim(35.0, "placebo").against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
}

#[test]
fn versus_pairs_follow_the_groups_named_earlier() {
    let r = record(
        3,
        "Clark",
        "Nasal esketamine versus extended-release quetiapine in resistant depression",
        &[(
            "RESULTS",
            "More participants in the esketamine group than in those given quetiapine were in remission at week 8 (30.2% vs. 19.5%; P = 0.01).",
        )],
    );
    let remission = |v, who, t| C::new(ClaimKind::RemissionRate, v, measure(who, "remission", t));
    assert_eq!(
        remission(pct(30.0), "esketamine", weeks(8.0))
            .against(&[&r])
            .verdict,
        Verdict::Supported
    );
    assert_eq!(
        remission(pct(19.5), "quetiapine", weeks(8.0))
            .against(&[&r])
            .verdict,
        Verdict::Supported
    );
    // A brand name is the generic drug.
    assert_eq!(
        remission(pct(30.0), "Spravato", None)
            .against(&[&r])
            .verdict,
        Verdict::Supported
    );
    assert_eq!(
        remission(about(50.0), "esketamine", weeks(8.0))
            .against(&[&r])
            .verdict,
        Verdict::Differs
    );
    // At 32 weeks the abstract says nothing.
    let f = remission(about(50.0), "esketamine", weeks(32.0)).against(&[&r]);
    assert_eq!(f.verdict, Verdict::NotFound, "{f:#?}");
    assert!(f.reason.contains("another time point"), "{}", f.reason);
}

#[test]
fn methods_thresholds_are_not_results() {
    // In the manner of a weight-loss trial: the 5% is a threshold, the results are 12.4% and
    // 2.6% mean loss, and 80.1% and 30.5% of each arm reaching the threshold.
    let r = record(
        4,
        "Doyle",
        "Once-weekly semaglutide in adults with overweight or obesity",
        &[
            (
                "METHODS",
                "Adults with a body-mass index of at least 30 were assigned to semaglutide or placebo for 68 weeks. The coprimary end points were the percentage change in body weight and weight loss of at least 5%.",
            ),
            (
                "RESULTS",
                "The mean change in body weight from baseline to week 68 was -12.4% with semaglutide and -2.6% with placebo. A weight reduction of at least 5% occurred in 80.1% of the semaglutide group and 30.5% of the placebo group.",
            ),
        ],
    );
    for v in [1.0, 5.0, 20.0, 50.0, 99.0] {
        let f = C::new(
            ClaimKind::WeightLoss,
            pct(v),
            measure("semaglutide", "body weight", None),
        )
        .against(&[&r]);
        assert_ne!(f.verdict, Verdict::Supported, "{v}% weight loss: {f:#?}");
    }
    // A claim about the share reaching 5% is checked against that share, arm by arm.
    let share = |v, who| {
        C::new(
            ClaimKind::OtherPercentage,
            pct(v),
            measure(who, "lost at least 5% of body weight", None),
        )
    };
    assert_eq!(
        share(80.0, "semaglutide").against(&[&r]).verdict,
        Verdict::Supported
    );
    assert_eq!(
        share(30.5, "semaglutide").against(&[&r]).verdict,
        Verdict::Differs
    );
    assert_eq!(
        share(30.0, "placebo").against(&[&r]).verdict,
        Verdict::Supported
    );
    // Losing any weight is not the 5% responder measure.
    let f = C::new(
        ClaimKind::OtherPercentage,
        pct(85.0),
        measure("semaglutide", "lost weight", None),
    )
    .against(&[&r]);
    assert_eq!(f.verdict, Verdict::NotFound, "{f:#?}");
}

#[test]
fn the_figure_at_the_claims_time_point_decides() {
    let r = record(
        5,
        "Evans",
        "Repeated ketamine infusions for resistant depression",
        &[(
            "RESULTS",
            "Response at 24 hours after the first infusion was 29%. After six infusions over 2 weeks, 71% of patients had responded.",
        )],
    );
    let f = response(pct(70.0), "ketamine", hours(24.0)).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "29%");
    assert!(f.reason.contains("the 71% is at 2 weeks"), "{}", f.reason);
    let f = response(pct(70.0), "ketamine", weeks(2.0)).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // A claim naming no time point cannot choose between 29% and 71%: never supported.
    let f = response(pct(70.0), "ketamine", None).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    let conflict = f.conflict.expect("both figures reported");
    assert!(
        conflict.contains("29%") && conflict.contains("71%"),
        "{conflict}"
    );
}

#[test]
fn an_overall_figure_beats_one_at_a_single_time_point() {
    let r = record(
        6,
        "Fischer",
        "Speed of response to electroconvulsive therapy",
        &[(
            "RESULTS",
            "Response occurred in 78% of the sample. By the third treatment (end of week 1), 52% had a first response.",
        )],
    );
    let up_to_80 = Value {
        bound: Some(Bound::AtMost),
        ..pct(80.0)
    };
    let f = response(up_to_80, "ECT", None).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "78%");
    let f = response(pct(52.0), "electroconvulsive therapy", weeks(1.0)).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn baseline_values_and_intervals_are_not_outcomes() {
    let r = record(
        7,
        "Garcia",
        "A trial of a weight-loss drug",
        &[(
            "RESULTS",
            "At baseline, 76.4% of the participants were women and 58.2% had prediabetes. Response, defined as a reduction of at least 50% in the symptom score, occurred in 33% (95% confidence interval, 28 to 39).",
        )],
    );
    let f = C::new(
        ClaimKind::OtherPercentage,
        pct(76.0),
        measure("", "women", None),
    )
    .against(&[&r]);
    assert_eq!(
        f.verdict,
        Verdict::Supported,
        "a claim about the sample uses the baseline: {f:#?}"
    );
    let f = response(pct(58.0), "", None).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "33%");
    let f = response(pct(95.0), "", None).against(&[&r]);
    assert_eq!(
        f.verdict,
        Verdict::Differs,
        "95% is the interval's level: {f:#?}"
    );
    let f = response(pct(50.0), "", None).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "50% defines response: {f:#?}");
}

#[test]
fn respectively_can_name_outcomes_instead_of_arms() {
    let r = record(
        8,
        "Hill",
        "Transcranial magnetic stimulation for depression: a meta-analysis of sham-controlled trials",
        &[(
            "RESULTS",
            "After about 15 sessions, 31.5% and 17.2% of patients given active stimulation met criteria for response and remission, respectively (versus 12.0% and 6.1% with sham stimulation).",
        )],
    );
    let remission = |v| {
        C::new(
            ClaimKind::RemissionRate,
            v,
            measure("TMS", "remission", None),
        )
    };
    assert_eq!(
        remission(pct(17.0)).against(&[&r]).verdict,
        Verdict::Supported
    );
    assert_eq!(
        remission(pct(34.0)).against(&[&r]).verdict,
        Verdict::Differs
    );
    let f = response(about(55.0), "TMS", None).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "31.5%");
    let sham = response(pct(12.0), "sham", None).against(&[&r]);
    assert_eq!(sham.verdict, Verdict::Supported, "{sham:#?}");
}

#[test]
fn sample_sizes_count_at_any_stage_and_sum_arms() {
    let r = record(
        9,
        "Ito",
        "A drug versus placebo for anxiety",
        &[(
            "RESULTS",
            "Of 410 patients screened, 320 were enrolled. Overall, 161 patients were assigned to the drug group and 159 to the placebo group; 28 patients were lost to follow-up.",
        )],
    );
    let n = |v: f64| {
        C::new(
            ClaimKind::SampleSize,
            Value::point(v, Unit::Count),
            measure("", "", None),
        )
    };
    assert_eq!(n(320.0).against(&[&r]).verdict, Verdict::Supported);
    assert_eq!(n(410.0).against(&[&r]).verdict, Verdict::Supported);
    assert_eq!(n(1000.0).against(&[&r]).verdict, Verdict::Differs);
    assert_eq!(
        n(28.0).against(&[&r]).verdict,
        Verdict::Differs,
        "lost is not a sample size"
    );
}

#[test]
fn arm_sizes_add_up_to_a_total() {
    let r = record(
        10,
        "Jones",
        "A drug versus placebo for anxiety",
        &[(
            "RESULTS",
            "Overall, 161 patients were assigned to the drug group and 159 to the placebo group.",
        )],
    );
    let f = C::new(
        ClaimKind::SampleSize,
        Value::point(320.0, Unit::Count),
        measure("", "", None),
    )
    .against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert!(f.reason.contains("161 + 159"), "{}", f.reason);
}

#[test]
fn subgroup_lists_are_read_as_one_range() {
    let r = record(
        11,
        "Kim",
        "A laser device for hair loss",
        &[(
            "RESULTS",
            "At 26 weeks, mean hair counts increased by 19.8, 21.0, 17.9, and 24.6 hairs in the four device groups.",
        )],
    );
    let hairs = |v: Value| C::new(ClaimKind::Other, v, measure("laser", "hair count", None));
    let about_20 = Value {
        approx: true,
        ..Value::point(20.0, Unit::Count)
    };
    let f = hairs(about_20).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let f = hairs(Value::point(40.0, Unit::Count)).against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
}

#[test]
fn two_sources_that_disagree_never_support() {
    let a = record(
        12,
        "Lee",
        "Ketamine for depression",
        &[("RESULTS", "Response at 24 hours was 62% with ketamine.")],
    );
    let b = record(
        13,
        "Moore",
        "Ketamine for depression",
        &[("RESULTS", "Response at 24 hours was 21% with ketamine.")],
    );
    let f = response(pct(62.0), "ketamine", hours(24.0)).against(&[&a, &b]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    let conflict = f.conflict.expect("disagreement reported");
    assert!(
        conflict.contains("Lee") && conflict.contains("Moore"),
        "{conflict}"
    );
    let c = record(
        14,
        "Nash",
        "Ketamine for depression",
        &[("RESULTS", "Response at 24 hours was 60% with ketamine.")],
    );
    let f = response(pct(62.0), "ketamine", hours(24.0)).against(&[&a, &c]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.conflict, None);
}

#[test]
fn other_measures_are_not_found() {
    let r = two_arm();
    let f = C::new(
        ClaimKind::SessionDuration,
        Value::range(45.0, 60.0, Unit::Minutes),
        measure("ketamine", "", None),
    )
    .against(&[&r]);
    assert_eq!(f.verdict, Verdict::NotFound, "{f:#?}");
    assert!(
        f.reason
            .contains("no figure for session length in Adams 2020"),
        "{}",
        f.reason
    );
    let f = C::new(
        ClaimKind::RemissionRate,
        pct(64.0),
        measure("ketamine", "remission", None),
    )
    .against(&[&r]);
    assert_eq!(
        f.verdict,
        Verdict::NotFound,
        "response is not remission: {f:#?}"
    );
}

#[test]
fn clinic_figures_are_never_checked() {
    let r = two_arm();
    let mut claim = C::new(
        ClaimKind::SampleSize,
        Value::point(300.0, Unit::Count),
        measure("", "", None),
    )
    .claim();
    claim.scope = Scope::Clinic;
    let sources = [SourceOutcome {
        source: "pmid:1",
        outcome: Outcome::Record {
            index: &r,
            inferred: false,
        },
    }];
    let f = assess(&claim, &sources, &Tolerance::default());
    assert_eq!(f.verdict, Verdict::Unsourced);
    assert_eq!(f.reason, CLINIC_REASON);
    assert!(f.evidence.is_empty());
}

#[test]
fn unsourced_and_unverifiable() {
    let c = response(pct(70.0), "ketamine", None).claim();
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
fn claims_files_without_a_measure_use_the_subject() {
    let r = two_arm();
    let mut claim = response(pct(64.0), "", None).claim();
    claim.subject = "ketamine response rate in depression".to_owned();
    let sources = [SourceOutcome {
        source: "pmid:1",
        outcome: Outcome::Record {
            index: &r,
            inferred: false,
        },
    }];
    assert_eq!(
        assess(&claim, &sources, &Tolerance::default()).verdict,
        Verdict::Supported
    );
}

#[test]
fn the_primary_end_points_subgroup_wins_when_the_claim_names_none() {
    let r = record(
        15,
        "Ortiz",
        "Continued treatment with a nasal spray to prevent relapse",
        &[
            (
                "METHODS",
                "The primary end point was time to relapse in patients in stable remission; relapse in patients with a stable response was a secondary end point.",
            ),
            (
                "RESULTS",
                "Among patients in stable remission, relapse occurred in 24.1% of the spray group and 47.9% of the placebo group. Among patients with a stable response, relapse occurred in 22.0% and 55.3% of the spray and placebo groups, respectively.",
            ),
        ],
    );
    let relapse = |v: f64, who: &str, population: &str| {
        let mut c = C::new(
            ClaimKind::RelapseRate,
            pct(v),
            measure(who, "relapse", None),
        );
        c.measure.population = (!population.is_empty()).then(|| population.to_owned());
        c
    };
    let f = relapse(48.0, "placebo", "").against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "47.9%");
    let f = relapse(55.0, "placebo", "patients with a stable response").against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "55.3%");
    let f = relapse(55.0, "placebo", "").against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert!(f.reason.contains("47.9%"), "{}", f.reason);
}

/// A claim with its quote inside its own sentence, as the extractor stores it.
fn said(kind: ClaimKind, value: Value, quote: &str, sentence: &str, intervention: &str) -> Claim {
    assert!(sentence.contains(quote), "{quote:?} not in {sentence:?}");
    Claim {
        id: "c1".to_owned(),
        kind,
        value,
        measure: measure(intervention, "", None),
        quote: quote.to_owned(),
        sentence: sentence.to_owned(),
        sources: vec!["pmid:1".to_owned()],
        ..Claim::default()
    }
}

fn verdict_of(c: &Claim, r: &RecordIndex) -> Finding {
    let sources = [SourceOutcome {
        source: "pmid:1",
        outcome: Outcome::Record {
            index: r,
            inferred: false,
        },
    }];
    assess(c, &sources, &Tolerance::default())
}

/// Every claim the extractor finds in a short plain-text article of our own.
fn extracted(article: &str) -> Vec<Claim> {
    let parsed = crate::ingest::parse("a.txt", article.as_bytes(), crate::ingest::Format::Text)
        .expect("parses");
    crate::extract::extract(&parsed).claims
}

/// The claim the extractor finds in `article` with the quote `quote`.
fn extracted_claim(article: &str, quote: &str) -> Claim {
    let claims = extracted(article);
    claims
        .iter()
        .find(|c| c.quote == quote)
        .cloned()
        .unwrap_or_else(|| panic!("no claim {quote:?} in {claims:?}"))
}

#[test]
fn a_count_of_studies_is_the_whole_reviews_whatever_treatment_the_page_names() {
    let r = record(
        21,
        "Okafor",
        "Yoga for chronic low back pain: an individual patient data meta-analysis",
        &[(
            "RESULTS",
            "We pooled data from 22 of 25 eligible randomized trials, with 4 870 patients analysed.",
        )],
    );
    // The page's own name stood in for the treatment ("Harbour Yoga Studio"): a count of the
    // review's trials still reads against the review.
    let trials = |n: f64| {
        let quote = format!("{n} trials");
        let sentence = format!("The review looked at {quote} of yoga for back pain.");
        let c = said(
            ClaimKind::Other,
            Value::point(n, Unit::Count),
            &quote,
            &sentence,
            "Harbour Yoga Studio",
        );
        verdict_of(&c, &r)
    };
    let f = trials(22.0);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // Trials are counted at two stages (included, eligible): either agrees.
    let f = trials(25.0);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let f = trials(40.0);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    // The quote's noun counts studies even when the measure names another outcome.
    let mut c = said(
        ClaimKind::Other,
        Value::point(22.0, Unit::Count),
        "22 studies",
        "It pooled 22 studies.",
        "",
    );
    c.measure.outcome = Some("review size".to_owned());
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // A result is still an arm's: a treatment the review does not study finds nothing.
    let f = C::new(
        ClaimKind::ResponseRate,
        pct(22.0),
        measure("sertraline", "response", None),
    )
    .against(&[&r]);
    assert_eq!(f.verdict, Verdict::NotFound, "{f:#?}");
}

#[test]
fn a_count_of_one_kind_of_session_never_states_another() {
    let with_drug_sessions = record(
        22,
        "Lindqvist",
        "Psilocybin with psychological support for alcohol use disorder: a randomized trial",
        &[(
            "METHODS",
            "Participants had two preparatory sessions, then three dosing days, followed by six integration therapy sessions.",
        )],
    );
    let course = |quote: &str, n: f64, sentence: &str| {
        said(
            ClaimKind::TreatmentCourse,
            Value::point(n, Unit::Count),
            quote,
            sentence,
            "psilocybin",
        )
    };
    let prep = course(
        "two preparatory sessions",
        2.0,
        "Everyone starts with two preparatory sessions before any dose.",
    );
    let f = verdict_of(&prep, &with_drug_sessions);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let integration = course(
        "six sessions",
        6.0,
        "Afterwards come six sessions of integration with a therapist.",
    );
    let f = verdict_of(&integration, &with_drug_sessions);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // Counterexamples: the drug sessions are not the preparatory or integration ones.
    let dosing = course(
        "two sessions",
        2.0,
        "The drug itself is given in two sessions under supervision.",
    );
    let f = verdict_of(&dosing, &with_drug_sessions);
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
    let f = verdict_of(
        &course(
            "six psilocybin sessions",
            6.0,
            "Patients receive six psilocybin sessions.",
        ),
        &with_drug_sessions,
    );
    assert_eq!(f.verdict, Verdict::NotFound, "{f:#?}");
}

/// A weight-loss trial that reports a mean change per arm, the gap between the arms and the
/// shares past two thresholds (our own wording; the drug is made up).
fn weight_trial() -> RecordIndex {
    record(
        31,
        "Moreau",
        "Weekly velaglutide for adults with obesity: a randomized trial",
        &[
            (
                "METHODS",
                "Adults with obesity were randomly assigned to weekly velaglutide or placebo for 52 weeks.",
            ),
            (
                "RESULTS",
                "At week 52, the mean change in body weight was -11.8% with velaglutide and -3.0% with placebo, an estimated treatment difference of -8.8 percentage points. A weight reduction of at least 10% occurred in 46.0% of the velaglutide group and 9.5% of the placebo group.",
            ),
        ],
    )
}

#[test]
fn a_shares_threshold_is_never_checked_as_a_result() {
    let r = weight_trial();
    let bounded = |v: f64| Value {
        bound: Some(Bound::AtLeast),
        ..pct(v)
    };
    // "12% or more" is whom the share counts: the 11.8% mean loss does not state it. The share
    // may be a number, words, or an aside before the bound.
    for (value, quote, sentence) in [
        (
            12.0,
            "12% or more",
            "Nearly half (46%) of patients lost 12% or more of their body weight.",
        ),
        (
            10.0,
            "at least 10%",
            "Most patients lost at least 10% of their body weight.",
        ),
        (
            10.0,
            "at least 10%",
            "A third (33%) of patients kept off at least 10% of their weight.",
        ),
    ] {
        let c = said(
            ClaimKind::WeightLoss,
            bounded(value),
            quote,
            sentence,
            "velaglutide",
        );
        assert_eq!(verdict_of(&c, &r).verdict, Verdict::NotFound, "{sentence}");
    }
    // Counterexample: a bound with no share is a claim about the loss itself.
    let sentence = "Patients on velaglutide lost more than 10% of their body weight.";
    let c = said(
        ClaimKind::WeightLoss,
        Value {
            bound: Some(Bound::MoreThan),
            ..pct(10.0)
        },
        "more than 10%",
        sentence,
        "velaglutide",
    );
    assert_eq!(verdict_of(&c, &r).verdict, Verdict::Supported);
    // Counterexample: the share itself is checked (46% at the ≥10% threshold).
    let sentence = "In the trial, 46% of patients lost at least 10% of their body weight.";
    let c = said(
        ClaimKind::WeightLoss,
        pct(46.0),
        "46%",
        sentence,
        "velaglutide",
    );
    let f = verdict_of(&c, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn a_difference_between_arms_is_not_an_arms_result() {
    let r = weight_trial();
    // "9% weight loss" is not the arm's 11.8%; the -8.8 gap must not stand in for it.
    let sentence = "Patients on velaglutide lost about 9% of their weight.";
    let c = said(
        ClaimKind::WeightLoss,
        about(9.0),
        "about 9%",
        sentence,
        "velaglutide",
    );
    let f = verdict_of(&c, &r);
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
    assert!(f.evidence.iter().all(|e| e.figure != "8.8%"), "{f:#?}");
    // Counterexample: "a difference in weight loss: 11.8% vs 3.0%" names a difference without
    // giving its value; the arm's own figure is still its result.
    let own = record(
        32,
        "Moreau",
        "Weekly velaglutide for adults with obesity: a randomized trial",
        &[(
            "RESULTS",
            "There was a significant difference in weight loss: 11.8% with velaglutide versus 3.0% with placebo.",
        )],
    );
    let sentence = "Patients on velaglutide lost 11.8% of their weight.";
    let c = said(
        ClaimKind::WeightLoss,
        pct(11.8),
        "11.8%",
        sentence,
        "velaglutide",
    );
    let f = verdict_of(&c, &own);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn a_claim_confined_to_a_subgroup_is_backed_only_by_that_subgroups_figure() {
    // Three sub-studies under one protocol; the stair-climbing result held only when they were
    // pooled (our own wording of a common abstract shape).
    let r = record(
        31,
        "Lindqvist",
        "Vitamin D supplementation in older women: three coordinated trials",
        &[(
            "RESULTS",
            "Stair-climbing speed did not improve in the Mobility Trial, but did improve when women in all three trials were pooled (31.5% of women given vitamin D vs. 18.2% given placebo).",
        )],
    );
    let claim = |sentence: &str| {
        said(
            ClaimKind::OtherPercentage,
            pct(31.5),
            "31.5%",
            sentence,
            "vitamin D",
        )
    };
    // The claim names the Mobility Trial alone; the 31.5% is the pooled figure.
    let alone =
        claim("In the Mobility Trial alone, vitamin D sped up stair climbing in 31.5% of women.");
    let f = verdict_of(&alone, &r);
    assert_ne!(f.verdict, Verdict::Supported, "{}", f.reason);
    let only = claim("Only in the Mobility Trial, 31.5% of women climbed stairs faster.");
    assert_ne!(verdict_of(&only, &r).verdict, Verdict::Supported);
    // Counterexamples: a claim that confines nothing, or confines its figure to a time, reads
    // the pooled figure as before.
    let plain = claim("Vitamin D sped up stair climbing in 31.5% of women.");
    assert_eq!(verdict_of(&plain, &r).verdict, Verdict::Supported);
    let timed = claim("In the first year alone, 31.5% of women climbed stairs faster.");
    assert_eq!(verdict_of(&timed, &r).verdict, Verdict::Supported);
    // A subgroup the figure's own part of the sentence names backs the claim.
    let own = record(
        32,
        "Lindqvist",
        "Vitamin D supplementation in older women: three coordinated trials",
        &[(
            "RESULTS",
            "The pooled analysis showed no effect, whereas in the Mobility Trial 31.5% of women given vitamin D climbed stairs faster.",
        )],
    );
    assert_eq!(verdict_of(&alone, &own).verdict, Verdict::Supported);
    // A study entirely about the subgroup names it in its title.
    let whole = record(
        33,
        "Lindqvist",
        "Vitamin D for stair climbing in older women",
        &[(
            "RESULTS",
            "Stair-climbing speed improved (31.5% of women given vitamin D vs. 18.2% given placebo).",
        )],
    );
    let women = claim("Among older women alone, vitamin D sped up stair climbing in 31.5%.");
    let f = verdict_of(&women, &whole);
    assert_eq!(f.verdict, Verdict::Supported, "{}", f.reason);
}

mod ages;
mod arm_labels;
mod bare;
mod claim_words;
mod dated;
mod doses;
mod named_measures;
mod other_arm;
mod states;

#[test]
fn a_gap_between_repeats_is_not_a_length_of_time() {
    let r = record(
        34,
        "Marchetti",
        "Long-term botulinum toxin injections for chronic tension-type headache: an open-label study",
        &[(
            "METHODS",
            "Participants received injections every 12 weeks for 9 treatment cycles (108 weeks).",
        )],
    );
    let course = |quote: &str, sentence: &str| {
        said(
            ClaimKind::TreatmentCourse,
            Value::point(12.0, Unit::Weeks),
            quote,
            sentence,
            "botulinum toxin",
        )
    };
    // The claim's gap between injections is the record's gap, not its 108 weeks in all.
    let every = course("every 12 weeks", "Injections are repeated every 12 weeks.");
    let f = verdict_of(&every, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{}", f.reason);
    let every = course("12 weeks", "Injections are repeated every 12 weeks.");
    assert_eq!(verdict_of(&every, &r).verdict, Verdict::Supported);
    // Counterexample: a course of 12 weeks in all is not the gap of 12 weeks between them.
    let length = course("12 weeks", "The full course takes 12 weeks.");
    let f = verdict_of(&length, &r);
    assert_ne!(f.verdict, Verdict::Supported, "{}", f.reason);
}

#[test]
fn times_of_one_sort_are_never_figures_for_another() {
    use super::relevance::TimeSort;
    let sort = |sentence: &str, figure: &str| {
        let at = sentence.find(figure).expect("figure in sentence");
        TimeSort::of(sentence, at..at + figure.len())
    };
    // Gaps between repeats.
    assert_eq!(sort("Take 1 mg daily.", "daily"), TimeSort::Interval);
    assert_eq!(
        sort("Repeat every 12 weeks.", "12 weeks"),
        TimeSort::Interval
    );
    assert_eq!(
        sort("Repeat every 12 weeks.", "every 12 weeks"),
        TimeSort::Interval
    );
    assert_eq!(
        sort("You get 2 injections, 12 weeks apart.", "12 weeks"),
        TimeSort::Interval
    );
    assert_eq!(
        sort("Doses were given at 4-week intervals.", "4-week"),
        TimeSort::Interval
    );
    // Counterexample: a span with a later "apart" elsewhere in the sentence stays a length.
    assert_eq!(
        sort(
            "The 12 weeks of therapy set the two groups apart.",
            "12 weeks"
        ),
        TimeSort::Length
    );
    // Ages.
    assert_eq!(
        sort("Adults aged 50 years or older.", "50 years"),
        TimeSort::Age
    );
    assert_eq!(
        sort("Men 65 years of age or older.", "65 years"),
        TimeSort::Age
    );
    assert_eq!(sort("A 70-year-old man.", "70"), TimeSort::Age);
    assert_eq!(sort("From the age of 40 years.", "40 years"), TimeSort::Age);
    // Lengths, whatever words are near: "each" session, "daily" among other words, "old" later.
    assert_eq!(
        sort("Each 45 minutes session.", "45 minutes"),
        TimeSort::Length
    );
    assert_eq!(
        sort("Pain eased after 12 months.", "12 months"),
        TimeSort::Length
    );
    assert_eq!(sort("For 6 months, daily.", "6 months"), TimeSort::Length);
    assert_eq!(
        sort("In 12 weeks the old scar faded.", "12 weeks"),
        TimeSort::Length
    );

    // The time point of a result is not backed or contradicted by an entry age.
    let r = record(
        35,
        "Osei",
        "Hyaluronic acid injections for knee osteoarthritis: a randomized trial",
        &[(
            "METHODS",
            "Adults aged 50 years or older with knee osteoarthritis were enrolled.",
        )],
    );
    let after = said(
        ClaimKind::Other,
        Value::point(12.0, Unit::Months),
        "12 months",
        "Knee pain fell by 2.1 points after 12 months.",
        "hyaluronic acid",
    );
    let f = verdict_of(&after, &r);
    assert_ne!(f.verdict, Verdict::Differs, "{}", f.reason);
    assert!(!f.reason.contains("50 years"), "{}", f.reason);
}

#[test]
fn a_respectively_list_may_name_its_arms_before_the_figures() {
    let sentences = [
        // The names first, then the figures, with the counts glued on.
        "Deliveries from later frozen transfers were similar in the freeze-only and fresh transfer groups, respectively: 15.2%(34/223) versus 12.6%(29/239).",
        "Deliveries from later frozen transfers were similar in the freeze-only and fresh transfer groups, respectively, 15.2% and 12.6%.",
        // The usual order still reads the same.
        "Deliveries from later frozen transfers were 15.2% (34/223) versus 12.6% (29/239) in the freeze-only and fresh transfer groups, respectively.",
    ];
    for sentence in sentences {
        let r = record(
            36,
            "Nakamura",
            "Freeze-only versus fresh embryo transfer in IVF: a randomized trial",
            &[("RESULTS", sentence)],
        );
        let claim = |v: f64| {
            let quote = format!("{v}%");
            said(
                ClaimKind::OtherPercentage,
                pct(v),
                &quote,
                &format!("In the trial, {quote} of freeze-only patients delivered from later frozen transfers."),
                "freeze-only",
            )
        };
        let f = verdict_of(&claim(15.2), &r);
        assert_eq!(f.verdict, Verdict::Supported, "{sentence}: {}", f.reason);
        // Counterexample: the fresh arm's figure never stands for the freeze-only arm.
        let f = verdict_of(&claim(12.6), &r);
        assert_ne!(f.verdict, Verdict::Supported, "{sentence}: {}", f.reason);
    }
}

#[test]
fn a_response_rate_at_a_weight_loss_threshold_is_a_share_of_weight_losers() {
    let r = record(
        71,
        "Fairbanks",
        "Weekly lunatide versus placebo for adults with obesity",
        &[(
            "RESULTS",
            "More participants reached a weight loss ≥5% and ≥10% with lunatide vs placebo (71.2% vs 28.4% and 48.0% vs 9.1%, respectively).",
        )],
    );
    let said_rate = |v: f64, quote: &str, sentence: &str| {
        let c = said(ClaimKind::ResponseRate, pct(v), quote, sentence, "lunatide");
        verdict_of(&c, &r).verdict
    };
    let s = "About 71% of patients lost at least 5% of their weight.";
    assert_eq!(said_rate(71.0, "71%", s), Verdict::Supported);
    // Counterexample: the ≥10% share is no share at ≥5%, nor the placebo's.
    let s = "About 48% of patients lost at least 5% of their weight.";
    assert_ne!(said_rate(48.0, "48%", s), Verdict::Supported);
    let s = "About 28% of patients lost at least 5% of their weight.";
    assert_ne!(said_rate(28.0, "28%", s), Verdict::Supported);
    let s = "And 48% of patients lost 10% or more of their weight.";
    assert_eq!(said_rate(48.0, "48%", s), Verdict::Supported);
}

/// A trial of injections given every 12 weeks, whose end point counts headache days per 28
/// days: its lengths of time, rate periods and spacings are three different things.
fn spaced_injections() -> RecordIndex {
    record(
        7,
        "Reyes",
        "Botulinum toxin every 12 weeks for chronic migraine: a randomized trial",
        &[
            (
                "METHODS",
                "In a 24-week double-blind phase, adults were randomized to botulinum toxin (n = 120) or placebo (n = 118) every 12 weeks for two cycles. The primary end point was the change in headache days per 28 days at week 24.",
            ),
            (
                "RESULTS",
                "Headache days fell by 8.2 with botulinum toxin and by 6.1 with placebo (p < .001).",
            ),
        ],
    )
}

#[test]
fn counted_days_are_no_length_of_time_and_no_rate_period() {
    let r = spaced_injections();
    // "15 or more headache days" is a count of days: neither the 24-week phase (which is more
    // than 15 days) nor "per 28 days" states it.
    let at_least_15 = Value {
        bound: Some(Bound::AtLeast),
        ..Value::point(15.0, Unit::Days)
    };
    let c = said(
        ClaimKind::Other,
        at_least_15,
        "15 or more headache days",
        "Chronic migraine means 15 or more headache days a month.",
        "botulinum toxin",
    );
    let f = verdict_of(&c, &r);
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_ne!(f.verdict, Verdict::Differs, "{f:#?}");
    // The same words about 28 days are still no figure of the trial.
    let c = said(
        ClaimKind::Other,
        Value::point(28.0, Unit::Days),
        "28 headache days",
        "Some patients have 28 headache days a month.",
        "botulinum toxin",
    );
    assert_ne!(verdict_of(&c, &r).verdict, Verdict::Supported);
}

#[test]
fn a_spacing_between_doses_is_stated_only_by_a_spacing() {
    let r = spaced_injections();
    let course = |v: f64, quote: &str, sentence: &str| {
        said(
            ClaimKind::TreatmentCourse,
            Value::point(v, Unit::Weeks),
            quote,
            sentence,
            "botulinum toxin",
        )
    };
    // "12 weeks apart" and "every 12 weeks" are the trial's spacing.
    for (quote, sentence) in [
        ("every 12 weeks", "Injections are repeated every 12 weeks."),
        ("12 weeks", "You get 2 injections, 12 weeks apart."),
    ] {
        let f = verdict_of(&course(12.0, quote, sentence), &r);
        assert_eq!(f.verdict, Verdict::Supported, "{sentence}: {f:#?}");
    }
    // Another spacing differs from the trial's spacing, not from its phase's length.
    let f = verdict_of(
        &course(8.0, "8 weeks", "You get 2 injections, 8 weeks apart."),
        &r,
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert!(f.reason.contains("reports 12 weeks"), "{}", f.reason);
    // And a course's length is never a spacing: "a 12-week course" is not "every 12 weeks".
    let f = verdict_of(
        &course(12.0, "12-week", "The full program is a 12-week course."),
        &r,
    );
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
}

#[test]
fn a_bound_from_one_side_never_states_a_bound_from_the_other() {
    let r = record(
        8,
        "Stone",
        "Hyperbaric oxygen and telomere length in older adults",
        &[(
            "RESULTS",
            "Telomere length of T cells increased significantly by over 20% after the sessions.",
        )],
    );
    let claim = |v: Value| {
        C::new(
            ClaimKind::OtherPercentage,
            v,
            measure("hyperbaric oxygen", "telomere length", None),
        )
    };
    // "up to 38%" is a best case: "over 20%" does not say how far it went.
    let up_to = Value {
        bound: Some(Bound::AtMost),
        ..pct(38.0)
    };
    let f = claim(up_to).against(&[&r]);
    assert_eq!(f.verdict, Verdict::NotFound, "{f:#?}");
    // "more than 20%" is what it says, and a plain 25% lies above it.
    let more_than = Value {
        bound: Some(Bound::MoreThan),
        ..pct(20.0)
    };
    assert_eq!(claim(more_than).against(&[&r]).verdict, Verdict::Supported);
}

#[test]
fn the_follow_up_belongs_to_the_whole_study() {
    let r = record(
        9,
        "Park",
        "Testosterone gel and cardiovascular events in older men",
        &[
            (
                "METHODS",
                "We enrolled 480 men 50 to 75 years of age who had two morning testosterone levels of less than 300 ng per deciliter. Men were randomly assigned to testosterone gel or placebo gel.",
            ),
            ("RESULTS", "The mean follow-up was 30.5 months."),
        ],
    );
    // The follow-up is the study's, even where the page named the placebo arm last.
    let f = C::new(
        ClaimKind::FollowUp,
        Value::point(30.0, Unit::Months),
        measure("placebo gel", "follow-up", None),
    )
    .against(&[&r]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // And it still has to agree.
    let f = C::new(
        ClaimKind::FollowUp,
        Value::point(48.0, Unit::Months),
        measure("placebo gel", "follow-up", None),
    )
    .against(&[&r]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
}

#[test]
fn an_average_time_is_never_the_length_the_protocol_set() {
    let r = record(
        10,
        "Ortiz",
        "Maintenance nasal spray after remission of resistant depression",
        &[(
            "METHODS",
            "After a 16-week optimization phase, patients in stable remission were randomly assigned to continue the nasal spray or switch to placebo.",
        )],
    );
    let sentence = "The median duration of use during maintenance was 17.7 weeks.";
    let claim = said(
        ClaimKind::TreatmentCourse,
        Value::point(17.7, Unit::Weeks),
        "17.7 weeks",
        sentence,
        "nasal spray",
    );
    let f = verdict_of(&claim, &r);
    assert_eq!(f.verdict, Verdict::NotFound, "{f:#?}");
    // Counterexample: a course stated as such is the protocol's ("a 16-week phase").
    let course = Claim {
        value: Value::point(16.0, Unit::Weeks),
        quote: "16 weeks".to_owned(),
        sentence: "The optimization phase lasts 16 weeks.".to_owned(),
        ..claim
    };
    assert_eq!(verdict_of(&course, &r).verdict, Verdict::Supported);
}

#[test]
fn a_phase_length_is_stated_only_for_that_phase() {
    let r = record(
        11,
        "Quinn",
        "Nasal spray maintenance in resistant depression",
        &[(
            "METHODS",
            "After a 4-week open-label induction phase, responders entered a 16-week optimization phase before randomization.",
        )],
    );
    let phase = |v: f64, quote: &str, sentence: &str| {
        said(
            ClaimKind::TreatmentCourse,
            Value::point(v, Unit::Weeks),
            quote,
            sentence,
            "nasal spray",
        )
    };
    // The induction phase's own length agrees; another phase's length is not its figure.
    let f = verdict_of(
        &phase(
            4.0,
            "4-week",
            "Treatment begins with a 4-week induction phase.",
        ),
        &r,
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let f = verdict_of(
        &phase(12.0, "12-week", "Then comes a 12-week induction phase."),
        &r,
    );
    assert_ne!(f.verdict, Verdict::Supported, "{f:#?}");
    assert!(!f.reason.contains("16 weeks"), "{}", f.reason);
    // A length that names no phase is still read against the phases.
    let f = verdict_of(&phase(16.0, "16 weeks", "The program runs 16 weeks."), &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    // A quote said twice in its sentence is read where its context puts it: the second
    // "4-week" is the induction phase's.
    let sentence = "It begins with a 4-week screening phase and a 4-week induction phase.";
    let second = Claim {
        context: "00000000.00000000/2".to_owned(),
        ..phase(4.0, "4-week", sentence)
    };
    let f = verdict_of(&second, &r);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    let f = verdict_of(&phase(4.0, "4-week", sentence), &r);
    assert_eq!(
        f.verdict,
        Verdict::NotFound,
        "the first is the screening's: {f:#?}"
    );
    // A phase the record gives no length for is not found, whatever other lengths it gives.
    let f = verdict_of(
        &phase(2.0, "2-week", "It ends with a 2-week follow-up phase."),
        &r,
    );
    assert_eq!(f.verdict, Verdict::NotFound, "{f:#?}");
}
