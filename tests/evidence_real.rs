//! The evidence stage on real abstracts: the records in `../shared/verify-dev/records` and
//! `../shared/pubmed-samples`, read at run time (never copied into the repository).
//!
//! Claims here are built by hand, the way the extractor or a reviewer stores them (kind, value
//! and measure fields); the abstracts are the published ones. Each case is one of the patterns
//! the evidence stage must read: arms and "respectively", "vs" pairs, Methods thresholds,
//! baseline values, confidence intervals, time points, sample sizes.

use std::path::{Path, PathBuf};

use claimcheck::evidence::{assess, Outcome, RecordIndex, Role, SourceOutcome};
use claimcheck::model::{
    Bound, Claim, ClaimKind, Finding, Measure, Tolerance, Unit, Value, Verdict,
};
use claimcheck::pubmed::parse::parse;

fn shared(rel: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")).join(rel)
}

/// Every record of an efetch file (or of a bare `<PubmedArticle>` file), read.
fn records(path: &Path) -> Vec<RecordIndex> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let text = String::from_utf8_lossy(&bytes);
    let doc = if text.contains("<PubmedArticleSet") {
        bytes.clone()
    } else {
        // The verify-dev records are single `<PubmedArticle>` elements, as its server wraps them.
        let body = text.trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        format!("<PubmedArticleSet>{body}</PubmedArticleSet>").into_bytes()
    };
    parse(&doc)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .records
        .into_iter()
        .map(|r| RecordIndex::new(r.record))
        .collect()
}

fn verify_dev(pmid: u32) -> RecordIndex {
    let mut r = records(&shared(&format!("verify-dev/records/{pmid}.xml")));
    assert_eq!(r.len(), 1);
    r.remove(0)
}

fn trametinib() -> RecordIndex {
    records(&shared("pubmed-samples/efetch_citation_22663011.xml")).remove(0)
}

fn pct(v: f64) -> Value {
    Value::point(v, Unit::Percent)
}

fn count(v: f64) -> Value {
    Value::point(v, Unit::Count)
}

fn with(v: Value, bound: Option<Bound>, approx: bool) -> Value {
    Value { bound, approx, ..v }
}

fn claim(
    kind: ClaimKind,
    value: Value,
    intervention: &str,
    outcome: &str,
    time: Option<Value>,
) -> Claim {
    Claim {
        id: "c".to_owned(),
        kind,
        value,
        measure: Measure {
            intervention: (!intervention.is_empty()).then(|| intervention.to_owned()),
            outcome: (!outcome.is_empty()).then(|| outcome.to_owned()),
            time_point: time,
            ..Default::default()
        },
        sources: vec!["pmid".to_owned()],
        ..Claim::default()
    }
}

fn check(c: &Claim, records: &[&RecordIndex]) -> Finding {
    let sources: Vec<SourceOutcome<'_>> = records
        .iter()
        .map(|r| SourceOutcome {
            source: "pmid",
            outcome: Outcome::Record {
                index: r,
                inferred: false,
            },
        })
        .collect();
    assess(c, &sources, &Tolerance::default())
}

fn verdict(c: &Claim, r: &RecordIndex) -> Verdict {
    check(c, &[r]).verdict
}

#[test]
fn every_real_abstract_is_read_without_panicking_and_in_bounds() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["verify-dev/records", "pubmed-samples"] {
        for e in std::fs::read_dir(shared(dir)).expect("../shared is beside the project") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "xml") {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 15, "{files:?}");
    let mut read = 0;
    for f in files {
        for index in records(&f) {
            for r in &index.readings {
                let s = index.sentence(r.sentence);
                assert!(s.get(r.range.clone()).is_some(), "{}: {r:?}", f.display());
                assert!(r.arm.is_none_or(|a| a < index.arms.len()));
                read += 1;
            }
        }
    }
    assert!(read > 100, "only {read} figures read");
}

/// The reading of the figure written `figure` in the record.
fn reading<'a>(index: &'a RecordIndex, figure: &str) -> &'a claimcheck::evidence::Reading {
    index
        .readings
        .iter()
        .find(|r| index.sentence(r.sentence).get(r.range.clone()) == Some(figure))
        .unwrap_or_else(|| panic!("no figure {figure} in {}", index.record.pmid))
}

fn arm<'a>(index: &'a RecordIndex, figure: &str) -> Option<(&'a str, bool)> {
    reading(index, figure)
        .arm
        .map(|a| (index.arms[a].label.as_str(), index.arms[a].control))
}

#[test]
fn arms_are_read_from_vs_pairs_respectively_and_group_names() {
    // "… in the trametinib group and … in the chemotherapy group", at a time point.
    let t = trametinib();
    assert_eq!(arm(&t, "81%"), Some(("trametinib", false)));
    assert_eq!(arm(&t, "67%"), Some(("chemotherapy", false)));
    assert_eq!(
        reading(&t, "67%").time_point,
        Some(Value::point(6.0, Unit::Months))
    );
    // "X% … as compared with Y% …, and A% and B%, respectively".
    let scale = verify_dev(26132939);
    assert_eq!(arm(&scale, "63.2%"), Some(("liraglutide", false)));
    assert_eq!(arm(&scale, "27.1%"), Some(("placebo", true)));
    assert_eq!(arm(&scale, "33.1%"), Some(("liraglutide", false)));
    assert_eq!(arm(&scale, "10.6%"), Some(("placebo", true)));
    // "(A of N [X%] vs. B of M [Y%])" after the groups are named in order.
    let escape = verify_dev(37792613);
    assert_eq!(arm(&escape, "27.1%").map(|a| a.1), Some(false));
    assert!(arm(&escape, "27.1%").is_some_and(|a| a.0.contains("esketamine")));
    assert!(arm(&escape, "17.6%").is_some_and(|a| a.0.eq_ignore_ascii_case("quetiapine")));
    // "X% and Y% … were classified as responders and remitters, respectively (compared with
    // A% and B% of those receiving sham)": outcomes mapped, then the control arm.
    let berlim = verify_dev(99300001);
    assert_eq!(reading(&berlim, "29.3%").kind, ClaimKind::ResponseRate);
    assert_eq!(reading(&berlim, "18.6%").kind, ClaimKind::RemissionRate);
    assert_eq!(arm(&berlim, "18.6%").map(|a| a.1), Some(false));
    assert_eq!(arm(&berlim, "29.3%").map(|a| a.1), Some(false));
    assert_eq!(arm(&berlim, "10.4%").map(|a| a.1), Some(true));
    assert_eq!(reading(&berlim, "5%").kind, ClaimKind::RemissionRate);
    assert_eq!(arm(&berlim, "5%").map(|a| a.1), Some(true));
}

#[test]
fn thresholds_baselines_and_intervals_are_told_from_results() {
    let scale = verify_dev(26132939);
    let thresholds: Vec<&str> = scale
        .readings
        .iter()
        .filter(|r| r.role == Role::Criterion)
        .filter_map(|r| scale.sentence(r.sentence).get(r.range.clone()))
        .collect();
    assert!(thresholds.contains(&"at least 5%"), "{thresholds:?}");
    assert!(thresholds.contains(&"more than 10%"), "{thresholds:?}");
    assert_eq!(reading(&scale, "63.2%").role, Role::Result);
    assert_eq!(
        reading(&scale, "63.2%")
            .threshold
            .as_ref()
            .and_then(|t| t.low),
        Some(5.0)
    );
    assert_eq!(
        reading(&scale, "10.6%")
            .threshold
            .as_ref()
            .and_then(|t| t.low),
        Some(10.0)
    );
    assert_eq!(reading(&scale, "78.5%").role, Role::Baseline);
    let core = verify_dev(15119910);
    assert_eq!(reading(&core, "50%").role, Role::Criterion);
    assert_eq!(reading(&core, "79%").role, Role::Result);
    assert_eq!(reading(&core, "79%").kind, ClaimKind::ResponseRate);
    assert_eq!(reading(&core, "75%").kind, ClaimKind::RemissionRate);
    assert_eq!(
        reading(&core, "34%").time_point,
        Some(Value::point(2.0, Unit::Weeks))
    );
    let t = trametinib();
    assert!(
        !t.readings
            .iter()
            .any(|r| r.role == Role::Result && r.value.low == Some(95.0)),
        "the 95% of a confidence interval is no result"
    );
    assert_eq!(
        reading(&t, "50%").role,
        Role::Context,
        "a Background figure"
    );
}

#[test]
fn a_comparator_arm_never_supports_the_treatment() {
    let t = trametinib();
    let alive = |v: f64, who: &str| {
        claim(
            ClaimKind::OtherPercentage,
            pct(v),
            who,
            "alive",
            Some(Value::point(6.0, Unit::Months)),
        )
    };
    let f = check(&alive(70.0, "trametinib"), &[&t]);
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "81%");
    assert_eq!(verdict(&alive(67.0, "trametinib"), &t), Verdict::Differs);
    assert_eq!(
        verdict(&alive(67.0, "chemotherapy"), &t),
        Verdict::Supported
    );
    assert_eq!(verdict(&alive(80.0, "trametinib"), &t), Verdict::Supported);
}

#[test]
fn a_methods_threshold_never_supports_a_weight_loss() {
    let scale = verify_dev(26132939);
    for v in [1.0, 4.0, 5.0, 10.0, 27.0, 33.0, 63.0, 99.0] {
        let c = claim(
            ClaimKind::WeightLoss,
            pct(v),
            "Saxenda",
            "body weight",
            None,
        );
        assert_ne!(verdict(&c, &scale), Verdict::Supported, "{v}% weight loss");
    }
    let share = |v: f64, who: &str, outcome: &str| {
        claim(ClaimKind::OtherPercentage, pct(v), who, outcome, None)
    };
    let f = check(
        &share(62.0, "Saxenda", "lost ≥5% of their body weight"),
        &[&scale],
    );
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "63.2%");
    let f = check(
        &share(34.0, "placebo", "lost ≥5% of their body weight"),
        &[&scale],
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "27.1%");
    assert_eq!(
        verdict(&share(34.0, "Saxenda", "lost ≥10% body weight"), &scale),
        Verdict::Supported
    );
    assert_eq!(
        verdict(&share(15.0, "placebo", "lost ≥10% body weight"), &scale),
        Verdict::Differs
    );
    assert_eq!(
        verdict(
            &share(27.0, "Saxenda", "did not complete the study"),
            &scale
        ),
        Verdict::NotFound,
        "27.1% is the placebo arm's responder rate, another measure"
    );
    assert_eq!(
        verdict(&share(85.0, "Saxenda", "lost weight"), &scale),
        Verdict::NotFound
    );
    let eight_weeks = claim(
        ClaimKind::WeightLoss,
        with(pct(5.0), Some(Bound::AtLeast), false),
        "Saxenda",
        "weight loss",
        Some(Value::point(8.0, Unit::Weeks)),
    );
    assert_ne!(verdict(&eight_weeks, &scale), Verdict::Supported);
}

#[test]
fn time_points_and_arms_decide_remission_claims() {
    let escape = verify_dev(37792613);
    let remission = |v: Value, who: &str, weeks: f64| {
        claim(
            ClaimKind::RemissionRate,
            v,
            who,
            "remission",
            Some(Value::point(weeks, Unit::Weeks)),
        )
    };
    assert_eq!(
        verdict(&remission(pct(27.1), "Spravato", 8.0), &escape),
        Verdict::Supported
    );
    assert_eq!(
        verdict(&remission(pct(17.6), "quetiapine", 8.0), &escape),
        Verdict::Supported
    );
    assert_eq!(
        verdict(
            &remission(with(pct(50.0), None, true), "esketamine", 8.0),
            &escape
        ),
        Verdict::Differs
    );
    assert_eq!(
        verdict(
            &remission(
                with(pct(50.0), Some(Bound::AtMost), true),
                "esketamine",
                32.0
            ),
            &escape
        ),
        Verdict::NotFound,
        "no 32-week figure"
    );
    let n = claim(ClaimKind::SampleSize, count(676.0), "", "", None);
    let f = check(&n, &[&escape]);
    assert_eq!(f.verdict, Verdict::Supported, "336 + 340: {f:#?}");
}

#[test]
fn pooled_rates_are_checked_against_the_active_arm() {
    let berlim = verify_dev(99300001);
    let rate = |kind, v: Value| claim(kind, v, "TMS", "", None);
    let f = check(
        &rate(ClaimKind::ResponseRate, with(pct(55.0), None, true)),
        &[&berlim],
    );
    assert_eq!(f.verdict, Verdict::Differs, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "29.3%");
    let f = check(&rate(ClaimKind::RemissionRate, pct(34.0)), &[&berlim]);
    assert_eq!(f.evidence[0].figure, "18.6%");
    assert_eq!(f.verdict, Verdict::Differs);
    assert_eq!(
        verdict(
            &rate(
                ClaimKind::ResponseRate,
                Value::range(45.0, 60.0, Unit::Percent)
            ),
            &berlim
        ),
        Verdict::Differs
    );
    assert_eq!(
        verdict(&rate(ClaimKind::RemissionRate, pct(19.0)), &berlim),
        Verdict::Supported
    );
}

#[test]
fn an_overall_rate_is_preferred_to_one_at_an_early_treatment() {
    let core = verify_dev(15119910);
    let up_to_80 = claim(
        ClaimKind::ResponseRate,
        with(pct(80.0), Some(Bound::AtMost), false),
        "ECT",
        "",
        None,
    );
    let f = check(&up_to_80, &[&core]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
    assert_eq!(f.evidence[0].figure, "79%");
}

#[test]
fn counts_of_studies_and_participants() {
    let vickers = verify_dev(22965186);
    let studies = claim(ClaimKind::Other, count(29.0), "acupuncture", "trials", None);
    assert_eq!(verdict(&studies, &vickers), Verdict::Supported);
    let people = claim(
        ClaimKind::SampleSize,
        count(18_000.0),
        "acupuncture",
        "",
        None,
    );
    assert_eq!(
        verdict(&people, &vickers),
        Verdict::Supported,
        "17 922 rounds to 18,000"
    );
    let exact = claim(ClaimKind::SampleSize, count(17_922.0), "", "", None);
    assert_eq!(verdict(&exact, &vickers), Verdict::Supported);
    let laser = verify_dev(24474647);
    let women = Claim {
        measure: Measure {
            population: Some("women".to_owned()),
            ..Default::default()
        },
        ..claim(ClaimKind::SampleSize, count(122.0), "", "", None)
    };
    assert_eq!(verdict(&women, &laser), Verdict::Supported);
    let men_as_women = Claim {
        value: count(103.0),
        ..women.clone()
    };
    assert_eq!(
        verdict(&men_as_women, &laser),
        Verdict::Differs,
        "103 were men"
    );
    let mdma = verify_dev(99300002);
    let ninety = claim(ClaimKind::SampleSize, count(90.0), "MDMA", "", None);
    assert_eq!(verdict(&ninety, &mdma), Verdict::Supported);
    let diagnosis = claim(
        ClaimKind::OtherPercentage,
        pct(67.0),
        "MDMA-assisted therapy",
        "no longer met the diagnostic criteria",
        Some(Value::point(1.0, Unit::Years)),
    );
    assert_eq!(verdict(&diagnosis, &mdma), Verdict::NotFound);
}

#[test]
fn a_list_of_subgroup_results_is_one_range() {
    let laser = verify_dev(24474647);
    let hairs = claim(
        ClaimKind::Other,
        with(count(20.0), None, true),
        "HairMax LaserComb",
        "terminal hairs per square centimeter",
        None,
    );
    let f = check(&hairs, &[&laser]);
    assert_eq!(f.verdict, Verdict::Supported, "{f:#?}");
}
