//! A sample report shared by the renderers' tests, and a helper to render it.

use super::{render_compare, CompareFormat, CompareOptions};
use crate::compare::{Grouper, MeasureKey};
use crate::model::{
    Bound, Claim, ClaimKind, CompareReport, LiteratureFigure, Location, Unit, Value,
};
use crate::quantity::subject;

fn claim(
    kind: ClaimKind,
    treatment: Option<&str>,
    value: Value,
    line: u32,
    quote: &str,
    sentence: &str,
) -> Claim {
    Claim {
        id: format!("{}-{line:02}", kind.as_str()),
        measure: Default::default(),
        scope: Default::default(),
        kind,
        value,
        subject: subject(kind, treatment, Some("treatment-resistant depression")),
        quote: quote.to_owned(),
        sentence: sentence.to_owned(),
        location: Location {
            line,
            column: 5,
            start: 100 * line as usize,
            end: 100 * line as usize + quote.len(),
        },
        sources: Vec::new(),
        ..Claim::default()
    }
}

fn pct(v: f64) -> Value {
    Value::point(v, Unit::Percent)
}

/// A literature figure from a study; the caller sets value, sentence, time point and citing
/// articles.
fn study(pmid: u32, citation: &str, design: &str, n: Option<u32>) -> LiteratureFigure {
    LiteratureFigure {
        pmid,
        citation: citation.to_owned(),
        design: design.to_owned(),
        n,
        time_point: None,
        value: Value::vague(Unit::Percent),
        sentence: String::new(),
        cited_by: Vec::new(),
        cited_by_omitted: 0,
    }
}

fn owned(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|s| (*s).to_owned()).collect()
}

/// Three articles over five measures: a synonym ("success rate", "relief"), an outlier, a
/// contradiction, a bound, an approximate and a vague claim, times in hours and weeks, a search
/// candidate, a path with a comma and a space, a quote with `<b>`, `&` and `"`, and one claim past
/// the row limit (3).
pub(crate) fn sample_report() -> CompareReport {
    let clinic = "articles/ketamine-clinic.html";
    let tms = "articles/tms therapy.md";
    let blog = "articles/wellness, blog.html";
    let mut g = Grouper::new().with_row_limit(3);
    g.add_article(
        clinic,
        &[
            claim(
                ClaimKind::Prevalence,
                None,
                Value {
                    approx: true,
                    ..pct(30.0)
                },
                5,
                "roughly 30%",
                "Treatment-resistant depression affects roughly 30% of people with depression.",
            ),
            claim(
                ClaimKind::ResponseRate,
                Some("ketamine"),
                Value::range(70.0, 80.0, Unit::Percent),
                14,
                "70–80%",
                "Ketamine has a success rate of 70–80% in our clinic.",
            ),
            claim(
                ClaimKind::OnsetTime,
                Some("ketamine"),
                Value::vague(Unit::Hours),
                20,
                "within hours",
                "Relief from ketamine can begin within hours.",
            ),
            claim(
                ClaimKind::RemissionRate,
                Some("ketamine"),
                Value {
                    approx: true,
                    ..pct(50.0)
                },
                22,
                "about 50%",
                "With ketamine, about 50% reach remission.",
            ),
        ],
    );
    g.add_article(
        tms,
        &[
            claim(
                ClaimKind::Prevalence,
                None,
                pct(33.0),
                3,
                "33%",
                "One in three, or 33%, of people with TRD | \"by most counts\".",
            ),
            claim(
                ClaimKind::ResponseRate,
                Some("ketamine"),
                Value {
                    bound: Some(Bound::AtMost),
                    ..pct(70.0)
                },
                8,
                "up to 70%",
                "Up to 70% of patients feel relief after ketamine.",
            ),
            claim(
                ClaimKind::OnsetTime,
                Some("ketamine"),
                Value::point(24.0, Unit::Hours),
                9,
                "24 hours",
                "Ketamine works within 24 hours.",
            ),
            claim(
                ClaimKind::OnsetTime,
                Some("traditional antidepressants"),
                Value::range(4.0, 6.0, Unit::Weeks),
                10,
                "4–6 weeks",
                "Traditional antidepressants take 4–6 weeks.",
            ),
        ],
    );
    g.add_article(
        blog,
        &[
            claim(
                ClaimKind::ResponseRate,
                Some("ketamine"),
                pct(30.0),
                2,
                "30% <b>respond</b> & \"feel better\"",
                "Only 30% <b>respond</b> & \"feel better\" with ketamine.",
            ),
            claim(
                ClaimKind::ResponseRate,
                Some("ketamine"),
                pct(65.0),
                7,
                "65%",
                "Elsewhere 65% of ketamine patients respond.",
            ),
        ],
    );
    let response = MeasureKey::new(
        ClaimKind::ResponseRate,
        Some("ketamine"),
        None,
        Unit::Percent,
    );
    g.add_literature(
        &response,
        LiteratureFigure {
            time_point: Some(Value::point(24.0, Unit::Hours)),
            value: pct(64.0),
            sentence: "At 24 hours, 64% of participants met the response criterion.".to_owned(),
            cited_by: owned(&[clinic]),
            ..study(
                31000001,
                "Alvarez et al. 2019, J Affect Disord",
                "Randomized Controlled Trial",
                Some(60),
            )
        },
    );
    g.add_literature(
        &response,
        LiteratureFigure {
            time_point: Some(Value::point(1.0, Unit::Weeks)),
            value: Value::range(45.0, 55.0, Unit::Percent),
            sentence: "Pooled response at one week ranged from 45% to 55%.".to_owned(),
            cited_by: owned(&[]),
            ..study(
                33000002,
                "Brennan et al. 2021, Am J Psychiatry",
                "Meta-Analysis",
                Some(1204),
            )
        },
    );
    g.add_literature(
        &MeasureKey::new(
            ClaimKind::RemissionRate,
            Some("ketamine"),
            None,
            Unit::Percent,
        ),
        LiteratureFigure {
            time_point: Some(Value::point(4.0, Unit::Weeks)),
            value: pct(29.0),
            sentence: "Remission was reached by 29% at week 4.".to_owned(),
            cited_by: owned(&[clinic]),
            ..study(
                33000002,
                "Brennan et al. 2021, Am J Psychiatry",
                "Meta-Analysis",
                Some(1204),
            )
        },
    );
    g.add_literature(
        &MeasureKey::new(ClaimKind::OnsetTime, Some("ketamine"), None, Unit::Hours),
        LiteratureFigure {
            time_point: None,
            value: Value::point(2.0, Unit::Hours),
            sentence: "Antidepressant effects emerged within 2 hours of infusion.".to_owned(),
            cited_by: owned(&[tms]),
            ..study(
                28000003,
                "Okafor et al. 2018, Biol Psychiatry",
                "Randomized Controlled Trial",
                Some(73),
            )
        },
    );
    g.add_literature(
        &MeasureKey::new(
            ClaimKind::Prevalence,
            None,
            Some("treatment-resistant depression"),
            Unit::Percent,
        ),
        LiteratureFigure {
            time_point: None,
            value: Value::point(30.9, Unit::Percent),
            sentence: "Of treated adults with depression, 30.9% had TRD.".to_owned(),
            cited_by: owned(&[clinic, tms]),
            ..study(
                34000004,
                "Zhdanava et al. 2021, J Clin Psychiatry",
                "Journal Article",
                None,
            )
        },
    );
    g.finish()
}

/// Renders `report` to a string, without colour.
pub(crate) fn render_to_string(report: &CompareReport, format: CompareFormat) -> String {
    let mut out = Vec::new();
    render_compare(report, format, &CompareOptions::default(), &mut out)
        .expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}

#[test]
fn sample_exercises_the_renderers() {
    let r = sample_report();
    let response = r
        .measures
        .iter()
        .find(|m| m.key == "response_rate/ketamine")
        .unwrap();
    assert_eq!(response.claims_omitted, 1);
    assert!(response.outliers > 0);
    assert!(!response.contradictions.is_empty());
    assert!(response.claims.iter().any(|c| c.synonym.is_some()));
    assert!(response.literature.iter().any(|f| f.cited_by.is_empty()));
}

#[test]
fn every_format_renders_an_empty_report() {
    let empty = Grouper::new().finish();
    for format in [
        CompareFormat::Table,
        CompareFormat::Json,
        CompareFormat::Csv,
        CompareFormat::Markdown,
        CompareFormat::Html,
    ] {
        let text = render_to_string(&empty, format);
        assert!(text.ends_with('\n'), "{format:?}");
    }
}
