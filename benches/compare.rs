//! `compare` at scale: 10,000 generated articles (5–15 claims each over 20 measures) streamed
//! through the grouper and rendered to HTML.
//!
//! Each article's claims are generated, folded in and dropped inside the measured loop, as the
//! CLI streams them, so the figures include generation (a small share) and the peak memory of a
//! run is the grouper's own: bounded by the number of measures × the row limit, whatever the
//! number of articles (compare `/usr/bin/time -v` for the 1,000 and 100,000 cases).
//!
//! Run: `cargo bench --bench compare`.

mod common;

use claimcheck::compare::{Grouper, MeasureKey};
use claimcheck::model::{
    Bound, Claim, ClaimKind, CompareReport, LiteratureFigure, Location, Unit, Value,
};
use claimcheck::quantity::subject;
use claimcheck::report::compare::{render_compare, CompareFormat, CompareOptions};
use divan::counter::ItemsCount;
use divan::Bencher;

fn main() {
    divan::main();
}

/// One measure the generator writes claims about: kind, treatment, unit, typical low and high.
type Spec = (ClaimKind, Option<&'static str>, Unit, f64, f64);

const MEASURES: [Spec; 20] = [
    (
        ClaimKind::ResponseRate,
        Some("ketamine"),
        Unit::Percent,
        40.0,
        80.0,
    ),
    (
        ClaimKind::ResponseRate,
        Some("esketamine"),
        Unit::Percent,
        35.0,
        70.0,
    ),
    (
        ClaimKind::ResponseRate,
        Some("ECT"),
        Unit::Percent,
        50.0,
        85.0,
    ),
    (
        ClaimKind::ResponseRate,
        Some("TMS"),
        Unit::Percent,
        30.0,
        60.0,
    ),
    (
        ClaimKind::ResponseRate,
        Some("psychotherapy"),
        Unit::Percent,
        20.0,
        50.0,
    ),
    (
        ClaimKind::ResponseRate,
        Some("placebo"),
        Unit::Percent,
        10.0,
        35.0,
    ),
    (
        ClaimKind::ResponseRate,
        Some("traditional antidepressants"),
        Unit::Percent,
        30.0,
        55.0,
    ),
    (
        ClaimKind::RemissionRate,
        Some("ketamine"),
        Unit::Percent,
        20.0,
        50.0,
    ),
    (
        ClaimKind::RemissionRate,
        Some("esketamine"),
        Unit::Percent,
        20.0,
        45.0,
    ),
    (
        ClaimKind::RemissionRate,
        Some("ECT"),
        Unit::Percent,
        40.0,
        70.0,
    ),
    (
        ClaimKind::RemissionRate,
        Some("TMS"),
        Unit::Percent,
        15.0,
        35.0,
    ),
    (
        ClaimKind::RelapseRate,
        Some("ketamine"),
        Unit::Percent,
        30.0,
        70.0,
    ),
    (
        ClaimKind::OnsetTime,
        Some("ketamine"),
        Unit::Hours,
        1.0,
        72.0,
    ),
    (
        ClaimKind::OnsetTime,
        Some("esketamine"),
        Unit::Hours,
        2.0,
        48.0,
    ),
    (
        ClaimKind::OnsetTime,
        Some("traditional antidepressants"),
        Unit::Weeks,
        2.0,
        8.0,
    ),
    (ClaimKind::Prevalence, None, Unit::Percent, 20.0, 40.0),
    (
        ClaimKind::EffectDuration,
        Some("ketamine"),
        Unit::Days,
        3.0,
        21.0,
    ),
    (
        ClaimKind::SessionDuration,
        Some("ketamine"),
        Unit::Minutes,
        40.0,
        60.0,
    ),
    (ClaimKind::Dose, Some("ketamine"), Unit::MgPerKg, 0.5, 1.0),
    (
        ClaimKind::TreatmentCourse,
        Some("ketamine"),
        Unit::Count,
        4.0,
        8.0,
    ),
];

const RESPONSE_WORDS: [&str; 5] = [
    "respond to",
    "have a success rate with",
    "feel relief with",
    "report improvement on",
    "find effective",
];

/// One article's claims: 5–15 claims over random measures, some ranges, bounds, approximations,
/// vague claims and synonyms.
fn article(rng: &mut fastrand::Rng) -> Vec<Claim> {
    let n = rng.usize(5..=15);
    (0..n)
        .map(|i| {
            let (kind, treatment, unit, lo, hi) = MEASURES[rng.usize(..MEASURES.len())];
            let a = lo + (hi - lo) * rng.f64();
            let mut value = match rng.u8(..10) {
                0 => Value::vague(unit),
                1..=3 => Value::range(a.round(), (a + (hi - lo) * 0.2).round(), unit),
                _ => Value::point(a.round(), unit),
            };
            value.approx = rng.u8(..5) == 0;
            if rng.u8(..8) == 0 {
                value.bound = Some(if rng.bool() {
                    Bound::AtLeast
                } else {
                    Bound::AtMost
                });
            }
            let quote = value.to_string();
            let t = treatment.unwrap_or("treatment");
            let sentence = match kind {
                ClaimKind::ResponseRate => format!(
                    "About {quote} of patients {} {t} in our clinic.",
                    RESPONSE_WORDS[rng.usize(..RESPONSE_WORDS.len())]
                ),
                ClaimKind::RemissionRate => format!("With {t}, {quote} reach remission."),
                _ => format!("For {t}, the figure is {quote}."),
            };
            let line = 3 + 4 * i as u32;
            Claim {
                id: format!("{}-{i:03}", kind.as_str()),
                measure: Default::default(),
                scope: Default::default(),
                kind,
                value,
                subject: subject(kind, treatment, Some("treatment-resistant depression")),
                quote,
                sentence,
                location: Location {
                    line,
                    column: 1 + rng.u32(..60),
                    start: 80 * line as usize,
                    end: 80 * line as usize + 12,
                },
                sources: Vec::new(),
                ..Claim::default()
            }
        })
        .collect()
}

/// Streams `articles` generated articles through a grouper with three literature figures per
/// measure.
fn group(articles: usize) -> CompareReport {
    let mut rng = fastrand::Rng::with_seed(7);
    let mut g = Grouper::new();
    for i in 0..articles {
        let path = format!("articles/clinic-{i:05}.html");
        let claims = article(&mut rng);
        g.add_article(&path, &claims);
    }
    for (k, (kind, treatment, unit, lo, hi)) in MEASURES.into_iter().enumerate() {
        let key = MeasureKey::new(
            kind,
            treatment,
            Some("treatment-resistant depression"),
            unit,
        );
        for j in 0..3u32 {
            let v = lo + (hi - lo) * f64::from(j + 1) / 4.0;
            g.add_literature(
                &key,
                LiteratureFigure {
                    pmid: 30_000_000 + 10 * k as u32 + j,
                    citation: format!("Author{k} et al. 20{:02}, J Test", 10 + j),
                    design: "Randomized Controlled Trial".to_owned(),
                    n: Some(40 + 20 * j),
                    time_point: None,
                    value: Value::point(v.round(), unit),
                    sentence: format!("The figure was {}.", v.round()),
                    cited_by: vec![format!("articles/clinic-{:05}.html", k * 7 + j as usize)],
                    cited_by_omitted: 0,
                },
            );
        }
    }
    g.finish()
}

fn html(report: &CompareReport) -> Vec<u8> {
    let mut out = Vec::new();
    render_compare(
        report,
        CompareFormat::Html,
        &CompareOptions::default(),
        &mut out,
    )
    .expect("render to a Vec");
    out
}

/// Grouping alone.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5)]
fn grouper(bencher: Bencher, articles: usize) {
    bencher
        .counter(ItemsCount::new(articles))
        .bench(|| group(divan::black_box(articles)));
}

/// The whole run the issue asks for: 10,000 articles grouped and rendered to one HTML page.
#[divan::bench(args = [10_000], sample_count = 5)]
fn group_and_render_html(bencher: Bencher, articles: usize) {
    bencher
        .counter(ItemsCount::new(articles))
        .bench(|| html(&group(divan::black_box(articles))).len());
}

/// Rendering alone (the page size does not grow with the number of articles).
#[divan::bench(sample_count = 5)]
fn render_html(bencher: Bencher) {
    let report = group(10_000);
    bencher.bench(|| html(divan::black_box(&report)).len());
}

/// The whole command, as a user runs it: `claimcheck compare DIR --offline --cache … --format
/// json` over 10,000 generated article files (about 60 MB), in-process through `app::run`:
/// ingest, extract, resolve from a warm cache, group, render.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn command_10000_articles(bencher: Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("articles");
    common::write_articles(&articles, 10_000, 6 << 10, 5);
    let cache = common::fixture_cache();
    let args = [
        "compare",
        articles.to_str().expect("utf-8 path"),
        "--offline",
        "--cache",
        cache.to_str().expect("utf-8 path"),
        "--format",
        "json",
        "--quiet",
    ];
    bencher
        .counter(ItemsCount::new(10_000usize))
        .bench(|| common::run_app(&args).1);
}
