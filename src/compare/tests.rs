//! Grouping, synonyms, outliers, contradictions and the row cap, on hand-made claims.

use super::*;
use crate::model::{Bound, ClaimKind, Location, ReviewStatus, Unit, Value};
use crate::quantity::subject;

fn claim(
    kind: ClaimKind,
    treatment: Option<&str>,
    value: Value,
    line: u32,
    sentence: &str,
) -> Claim {
    let quote = format!("{value}");
    Claim {
        id: format!("{}-{line}", kind.as_str()),
        measure: Default::default(),
        scope: Default::default(),
        kind,
        value,
        subject: subject(kind, treatment, Some("treatment-resistant depression")),
        sentence: sentence.replace("{q}", &quote),
        quote,
        location: Location {
            line,
            column: 3,
            start: 0,
            end: 1,
        },
        sources: Vec::new(),
        ..Claim::default()
    }
}

fn pct(v: f64) -> Value {
    Value::point(v, Unit::Percent)
}

fn response(v: Value, line: u32) -> Claim {
    claim(
        ClaimKind::ResponseRate,
        Some("ketamine"),
        v,
        line,
        "{q} of patients respond to ketamine.",
    )
}

fn figure(pmid: u32, value: Value, cited_by: &[&str]) -> LiteratureFigure {
    LiteratureFigure {
        pmid,
        citation: format!("Author{pmid} et al. 2020, J Test"),
        design: "Randomized Controlled Trial".to_owned(),
        n: Some(60),
        time_point: Some(Value::point(24.0, Unit::Hours)),
        value,
        sentence: format!("Response was seen in {pmid}."),
        cited_by: cited_by.iter().map(|s| (*s).to_owned()).collect(),
        cited_by_omitted: 0,
    }
}

fn ketamine_response() -> MeasureKey {
    MeasureKey::new(
        ClaimKind::ResponseRate,
        Some("ketamine"),
        None,
        Unit::Percent,
    )
}

fn measure<'a>(report: &'a CompareReport, key: &str) -> &'a MeasureGroup {
    report
        .measures
        .iter()
        .find(|m| m.key == key)
        .unwrap_or_else(|| panic!("no measure {key}"))
}

#[test]
fn claims_group_by_measure_with_synonyms_marked() {
    let mut g = Grouper::new();
    g.add_article(
        "b.html",
        &[
            claim(
                ClaimKind::ResponseRate,
                Some("ketamine"),
                pct(70.0),
                9,
                "Ketamine has a success rate of {q}.",
            ),
            response(Value::range(60.0, 70.0, Unit::Percent), 4),
            claim(
                ClaimKind::OnsetTime,
                Some("ketamine"),
                Value::range(1.0, 2.0, Unit::Days),
                12,
                "Ketamine works within {q}.",
            ),
        ],
    );
    g.add_article(
        "a.html",
        &[
            claim(
                ClaimKind::ResponseRate,
                Some("ketamine"),
                pct(65.0),
                2,
                "Relief comes for {q} of ketamine patients.",
            ),
            claim(
                ClaimKind::OnsetTime,
                Some("ketamine"),
                Value::range(4.0, 6.0, Unit::Hours),
                5,
                "Ketamine acts in {q}.",
            ),
            claim(
                ClaimKind::Prevalence,
                None,
                pct(30.0),
                1,
                "About {q} of people with depression have TRD.",
            ),
        ],
    );
    let report = g.finish();
    assert_eq!(report.articles, 2);
    let keys: Vec<&str> = report.measures.iter().map(|m| m.key.as_str()).collect();
    // The measures both articles state come first, in key order; then the one only one states.
    assert_eq!(
        keys,
        [
            "onset_time/ketamine",
            "response_rate/ketamine",
            "prevalence/trd"
        ]
    );

    let resp = measure(&report, "response_rate/ketamine");
    assert_eq!(resp.label, "ketamine response rate");
    let rows: Vec<(&str, u32, Option<&str>)> = resp
        .claims
        .iter()
        .map(|c| (c.article.as_str(), c.location.line, c.synonym.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            ("a.html", 2, Some("relief")),
            ("b.html", 4, None),
            ("b.html", 9, Some("success rate")),
        ]
    );
    assert_eq!(resp.span, Some((60.0, 70.0)));
    assert_eq!(resp.articles, 2);

    // Hours and days are one measure, summarized in hours.
    let onset = measure(&report, "onset_time/ketamine");
    assert_eq!(onset.unit, Unit::Hours);
    assert_eq!(onset.span, Some((4.0, 48.0)));
    assert_eq!(measure(&report, "prevalence/trd").label, "TRD prevalence");
}

#[test]
fn skipped_claims_are_left_out() {
    let mut g = Grouper::new();
    let mut rejected = response(pct(90.0), 1);
    rejected.status = ReviewStatus::Rejected;
    let mut stale = response(pct(10.0), 2);
    stale.stale = true;
    let mut accepted = response(pct(50.0), 3);
    accepted.status = ReviewStatus::Accepted;
    g.add_article("a.html", &[rejected, stale, accepted]);
    let report = g.finish();
    let m = measure(&report, "response_rate/ketamine");
    assert_eq!(m.claims_total, 1);
    assert_eq!(m.claims[0].location.line, 3);
}

#[test]
fn outliers_lie_outside_every_literature_figure() {
    let mut g = Grouper::new();
    let at_least = Value {
        bound: Some(Bound::AtLeast),
        ..pct(70.0)
    };
    let about = Value {
        approx: true,
        ..pct(70.0)
    };
    g.add_article(
        "a.html",
        &[
            response(pct(80.0), 1),
            response(pct(50.0), 2),
            response(at_least, 3),
            response(about, 4),
            response(Value::vague(Unit::Percent), 5),
            response(Value::range(60.0, 70.0, Unit::Percent), 6),
            // Within the tolerance (5 points) of the literature's 64%.
            response(pct(68.0), 7),
        ],
    );
    g.add_literature(&ketamine_response(), figure(1, pct(29.0), &["a.html"]));
    g.add_literature(
        &ketamine_response(),
        figure(2, Value::range(50.0, 64.0, Unit::Percent), &[]),
    );
    let report = g.finish();
    let m = measure(&report, "response_rate/ketamine");
    let flags: Vec<(u32, bool)> = m
        .claims
        .iter()
        .map(|c| (c.location.line, c.outlier))
        .collect();
    // 80% and "at least 70%" are above 29–64%; "about 70%" is read literally; the range 60–70%
    // overlaps; a vague claim is never an outlier; 68% is within the tolerance.
    assert_eq!(
        flags,
        [
            (1, true),
            (2, false),
            (3, true),
            (4, true),
            (5, false),
            (6, false),
            (7, false)
        ]
    );
    assert_eq!(m.outliers, 3);
    assert_eq!(m.literature_span, Some((29.0, 64.0)));
}

#[test]
fn no_literature_means_no_outliers() {
    let mut g = Grouper::new();
    g.add_article("a.html", &[response(pct(99.0), 1)]);
    let report = g.finish();
    assert_eq!(report.measures[0].outliers, 0);
    assert!(!report.measures[0].claims[0].outlier);
}

#[test]
fn contradictions_are_pairs_of_articles_that_do_not_overlap() {
    let mut g = Grouper::new();
    g.add_article(
        "c.html",
        &[response(Value::range(70.0, 80.0, Unit::Percent), 12)],
    );
    // An article may contradict itself; that is not a contradiction between articles.
    g.add_article("a.html", &[response(pct(30.0), 4), response(pct(35.0), 8)]);
    g.add_article("b.html", &[response(pct(75.0), 1), response(pct(20.0), 2)]);
    let report = g.finish();
    let m = measure(&report, "response_rate/ketamine");
    let pairs: Vec<(&str, &str)> = m
        .contradictions
        .iter()
        .map(|c| (c.a.as_str(), c.b.as_str()))
        .collect();
    // a–b (30% vs 75%), a–c, b–c (20% vs 70–80%); each once.
    assert_eq!(
        pairs,
        [
            ("a.html", "b.html"),
            ("a.html", "c.html"),
            ("b.html", "c.html")
        ]
    );
    assert_eq!(
        m.contradictions[1].note,
        "a.html claims 30% (line 4); c.html claims 70–80% (line 12)"
    );
    assert_eq!(m.contradictions_omitted, 0);
}

#[test]
fn overlapping_ranges_do_not_contradict() {
    // The lowest high (80) is above the highest low (70): no two claims are apart.
    let mut g = Grouper::new();
    g.add_article(
        "a.html",
        &[response(Value::range(70.0, 90.0, Unit::Percent), 1)],
    );
    g.add_article(
        "b.html",
        &[response(Value::range(60.0, 80.0, Unit::Percent), 1)],
    );
    assert!(g.finish().measures[0].contradictions.is_empty());
}

#[test]
fn overlapping_bounds_do_not_contradict() {
    let mut g = Grouper::new();
    let up_to = Value {
        bound: Some(Bound::AtMost),
        ..pct(70.0)
    };
    g.add_article("a.html", &[response(up_to, 1)]);
    g.add_article("b.html", &[response(pct(30.0), 1)]);
    assert!(g.finish().measures[0].contradictions.is_empty());
}

#[test]
fn rows_are_capped_and_counters_cover_everything() {
    let mut g = Grouper::new().with_row_limit(3);
    for i in 0..10u32 {
        let path = format!("article-{i:02}.html");
        g.add_article(&path, &[response(pct(40.0 + f64::from(i)), 1)]);
    }
    // The one disagreeing article comes after the limit.
    g.add_article("late.html", &[response(pct(95.0), 7)]);
    let lit: Vec<LiteratureFigure> = (0..5).map(|p| figure(p, pct(45.0), &[])).collect();
    for f in lit {
        g.add_literature(&ketamine_response(), f);
    }
    let report = g.finish();
    assert_eq!(report.row_limit, 3);
    let m = measure(&report, "response_rate/ketamine");
    assert_eq!(m.claims.len(), 3);
    assert_eq!(m.claims_total, 11);
    assert_eq!(m.claims_omitted, 8);
    assert_eq!(m.articles, 11);
    assert_eq!(m.span, Some((40.0, 95.0)));
    assert_eq!(m.literature.len(), 3);
    assert_eq!(m.literature_omitted, 2);
    // The listed rows (40–42%) agree; the extremes over every claim still find the disagreement.
    assert_eq!(m.contradictions.len(), 1);
    assert_eq!(m.contradictions[0].a, "article-00.html");
    assert_eq!(m.contradictions[0].b, "late.html");
}

#[test]
fn memory_does_not_grow_with_articles() {
    // 5,000 articles over the same two measures: state stays at the row limit.
    let mut g = Grouper::new().with_row_limit(20);
    for i in 0..5000u32 {
        g.add_article(
            &format!("a{i}.html"),
            &[
                response(pct(f64::from(i % 90)), 1),
                claim(
                    ClaimKind::OnsetTime,
                    Some("ketamine"),
                    Value::point(2.0, Unit::Hours),
                    2,
                    "Ketamine works in {q}.",
                ),
            ],
        );
    }
    assert_eq!(g.measures.len(), 2);
    assert!(g.measures.values().all(|m| m.rows.len() == 20));
    let report = g.finish();
    assert_eq!(report.articles, 5000);
    assert_eq!(report.measures[1].claims_total, 5000);
    assert_eq!(report.measures[1].claims_omitted, 4980);
}

#[test]
fn literature_figures_are_merged_and_keyed_by_their_unit() {
    let mut g = Grouper::new();
    g.add_literature(&ketamine_response(), figure(7, pct(50.0), &["b.html"]));
    g.add_literature(
        &ketamine_response(),
        figure(7, pct(50.0), &["a.html", "b.html"]),
    );
    g.add_literature(&ketamine_response(), figure(3, pct(40.0), &[]));
    // A key taken from an onset claim in hours files a figure in weeks under the same measure.
    let onset = MeasureKey::new(ClaimKind::OnsetTime, Some("ketamine"), None, Unit::Hours);
    g.add_literature(&onset, figure(9, Value::point(1.0, Unit::Weeks), &[]));
    let report = g.finish();
    let m = measure(&report, "response_rate/ketamine");
    let pmids: Vec<u32> = m.literature.iter().map(|f| f.pmid).collect();
    assert_eq!(pmids, [3, 7]);
    assert_eq!(m.literature[1].cited_by, ["a.html", "b.html"]);
    assert_eq!(m.claims_total, 0);
    let onset = measure(&report, "onset_time/ketamine");
    assert_eq!(onset.literature_span, Some((168.0, 168.0)));
}

#[test]
fn cited_by_is_capped() {
    let mut g = Grouper::new();
    for i in 0..(CITED_BY_LIMIT + 5) {
        let a = format!("a{i:03}.html");
        g.add_literature(&ketamine_response(), figure(1, pct(50.0), &[a.as_str()]));
    }
    let report = g.finish();
    let f = &report.measures[0].literature[0];
    assert_eq!(f.cited_by.len(), CITED_BY_LIMIT);
    assert_eq!(f.cited_by_omitted, 5);
}
