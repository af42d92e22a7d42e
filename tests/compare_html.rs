//! The `compare` HTML page in a real browser: headless Chromium loads the page from disk, dumps
//! the DOM it built and takes a screenshot. The test checks that every measure's plot is in the
//! DOM with its marks and a size, and that the screenshot is not blank.
//!
//! Chromium is required (Debian's `chromium` package; `.ci/run` installs it when missing). The
//! test fails, rather than skips, without it: a page that was never opened in a browser is not
//! tested.
//!
//! Set `CLAIMCHECK_SAVE_SCREENSHOT=path.png` to keep the screenshot (docs/compare-screenshot.png is
//! made this way) and `CLAIMCHECK_SAVE_PAGE=path.html` to keep the page.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use claimcheck::compare::{Grouper, MeasureKey};
use claimcheck::model::{
    Bound, Claim, ClaimKind, CompareReport, LiteratureFigure, Location, ReviewStatus, Unit, Value,
};
use claimcheck::quantity::subject;
use claimcheck::report::compare::{render_compare, CompareFormat};

/// How long Chromium may take before the test gives up on it (a guard against a hung browser, not
/// a timing assertion).
const BROWSER_DEADLINE: Duration = Duration::from_secs(120);

fn claim(
    kind: ClaimKind,
    treatment: Option<&str>,
    value: Value,
    line: u32,
    quote: &str,
    sentence: &str,
) -> Claim {
    Claim {
        id: format!("{}-{line}", kind.as_str()),
        kind,
        value,
        subject: subject(kind, treatment, Some("treatment-resistant depression")),
        quote: quote.to_owned(),
        sentence: sentence.to_owned(),
        location: Location {
            line,
            column: 7,
            start: 0,
            end: quote.len(),
        },
        sources: Vec::new(),
        status: ReviewStatus::Unreviewed,
        note: None,
        added_sources: Vec::new(),
    }
}

fn pct(v: f64) -> Value {
    Value::point(v, Unit::Percent)
}

fn approx(v: Value) -> Value {
    Value { approx: true, ..v }
}

fn bound(b: Bound, v: Value) -> Value {
    Value {
        bound: Some(b),
        ..v
    }
}

fn response(treatment: &str, value: Value, line: u32, quote: &str, sentence: &str) -> Claim {
    claim(
        ClaimKind::ResponseRate,
        Some(treatment),
        value,
        line,
        quote,
        sentence,
    )
}

fn study(
    pmid: u32,
    citation: &str,
    design: &str,
    n: Option<u32>,
    value: Value,
    sentence: &str,
) -> LiteratureFigure {
    LiteratureFigure {
        pmid,
        citation: citation.to_owned(),
        design: design.to_owned(),
        n,
        time_point: None,
        value,
        sentence: sentence.to_owned(),
        cited_by: Vec::new(),
        cited_by_omitted: 0,
    }
}

/// Eight clinic articles over seven measures, with literature for most of them.
fn realistic_report() -> CompareReport {
    let ketamine = "ketamine";
    let mut g = Grouper::new();
    let articles: Vec<(&str, Vec<Claim>)> = vec![
        (
            "articles/ketamine-clinic-austin.html",
            vec![
                response(
                    ketamine,
                    Value::range(70.0, 80.0, Unit::Percent),
                    14,
                    "70–80%",
                    "Ketamine has a success rate of 70–80% for treatment-resistant depression.",
                ),
                claim(
                    ClaimKind::OnsetTime,
                    Some(ketamine),
                    Value::vague(Unit::Hours),
                    20,
                    "within hours",
                    "Relief from ketamine can begin within hours.",
                ),
                claim(
                    ClaimKind::Prevalence,
                    None,
                    approx(pct(30.0)),
                    5,
                    "about 30%",
                    "About 30% of people with depression have treatment-resistant depression.",
                ),
                claim(
                    ClaimKind::OnsetTime,
                    Some("traditional antidepressants"),
                    Value::range(4.0, 6.0, Unit::Weeks),
                    22,
                    "4 to 6 weeks",
                    "Traditional antidepressants take 4 to 6 weeks to work.",
                ),
            ],
        ),
        (
            "articles/denver-infusion-center.html",
            vec![
                response(
                    ketamine,
                    bound(Bound::AtMost, pct(70.0)),
                    8,
                    "up to 70%",
                    "Up to 70% of patients feel relief after ketamine.",
                ),
                claim(
                    ClaimKind::OnsetTime,
                    Some(ketamine),
                    Value::point(24.0, Unit::Hours),
                    9,
                    "24 hours",
                    "Ketamine works within 24 hours.",
                ),
                claim(
                    ClaimKind::RemissionRate,
                    Some(ketamine),
                    approx(pct(50.0)),
                    12,
                    "about 50%",
                    "About 50% of patients reach remission with ketamine.",
                ),
            ],
        ),
        (
            "articles/mind-wellness-blog.html",
            vec![
                response(
                    ketamine,
                    pct(90.0),
                    3,
                    "90%",
                    "An astonishing 90% of ketamine patients respond.",
                ),
                claim(
                    ClaimKind::EffectDuration,
                    Some(ketamine),
                    Value::range(1.0, 2.0, Unit::Weeks),
                    6,
                    "one to two weeks",
                    "The effect of ketamine lasts one to two weeks.",
                ),
            ],
        ),
        (
            "articles/tms-and-ketamine-guide.md",
            vec![
                response(
                    ketamine,
                    Value::range(50.0, 60.0, Unit::Percent),
                    11,
                    "50–60%",
                    "Between 50–60% of patients respond to ketamine.",
                ),
                claim(
                    ClaimKind::Prevalence,
                    None,
                    pct(33.0),
                    2,
                    "33%",
                    "Around one in three, 33%, have TRD.",
                ),
                response(
                    "ECT",
                    Value::range(60.0, 80.0, Unit::Percent),
                    17,
                    "60–80%",
                    "ECT has response rates of 60–80%.",
                ),
            ],
        ),
        (
            "articles/esketamine-faq.html",
            vec![
                response(
                    "esketamine",
                    approx(pct(70.0)),
                    4,
                    "roughly 70%",
                    "Roughly 70% of patients respond to esketamine.",
                ),
                claim(
                    ClaimKind::OnsetTime,
                    Some(ketamine),
                    Value::range(2.0, 4.0, Unit::Hours),
                    8,
                    "2–4 hours",
                    "Ketamine's effect starts in 2–4 hours.",
                ),
            ],
        ),
        (
            "articles/psychiatry-group-ketamine.html",
            vec![
                response(
                    ketamine,
                    pct(65.0),
                    21,
                    "65%",
                    "In our practice, 65% of patients respond to ketamine.",
                ),
                claim(
                    ClaimKind::Prevalence,
                    None,
                    bound(Bound::MoreThan, pct(40.0)),
                    3,
                    "more than 40%",
                    "More than 40% of depressed patients have TRD.",
                ),
                claim(
                    ClaimKind::RemissionRate,
                    Some(ketamine),
                    pct(30.0),
                    25,
                    "30%",
                    "About 30% of ketamine patients become symptom-free.",
                ),
            ],
        ),
        (
            "https://example-clinic.org/blog/ketamine-therapy-what-to-expect/",
            vec![
                response(
                    ketamine,
                    bound(Bound::AtLeast, pct(75.0)),
                    40,
                    "at least 75%",
                    "At least 75% see improvement with ketamine.",
                ),
                claim(
                    ClaimKind::OnsetTime,
                    Some("traditional antidepressants"),
                    Value::range(6.0, 8.0, Unit::Weeks),
                    41,
                    "6–8 weeks",
                    "SSRIs need 6–8 weeks.",
                ),
            ],
        ),
        (
            "articles/ect-center.html",
            vec![
                response(
                    "ECT",
                    Value::range(70.0, 90.0, Unit::Percent),
                    7,
                    "70–90%",
                    "ECT helps 70–90% of patients respond.",
                ),
                claim(
                    ClaimKind::EffectDuration,
                    Some(ketamine),
                    Value::range(2.0, 3.0, Unit::Weeks),
                    9,
                    "two to three weeks",
                    "A ketamine infusion's effect fades after two to three weeks.",
                ),
            ],
        ),
    ];
    for (path, claims) in &articles {
        g.add_article(path, claims);
    }
    let key = |kind, treatment: Option<&str>, condition: Option<&str>, unit| {
        MeasureKey::new(kind, treatment, condition, unit)
    };
    let resp = key(ClaimKind::ResponseRate, Some(ketamine), None, Unit::Percent);
    let mut f = study(
        23892989,
        "Murrough et al. 2013, Am J Psychiatry",
        "Randomized Controlled Trial",
        Some(73),
        pct(64.0),
        "At 24 hours, 64% of the ketamine group responded.",
    );
    f.time_point = Some(Value::point(24.0, Unit::Hours));
    f.cited_by = vec!["articles/ketamine-clinic-austin.html".to_owned()];
    g.add_literature(&resp, f);
    let mut f = study(
        25649308,
        "Coyle et al. 2015, Int Clin Psychopharmacol",
        "Meta-Analysis",
        Some(192),
        Value::range(45.0, 55.0, Unit::Percent),
        "Pooled response rates were 45% to 55% at 24 hours.",
    );
    f.time_point = Some(Value::point(24.0, Unit::Hours));
    g.add_literature(&resp, f);
    let mut f = study(
        10686270,
        "Berman et al. 2000, Biol Psychiatry",
        "Randomized Controlled Trial",
        Some(7),
        pct(50.0),
        "Half of the subjects (50%) responded within 72 hours.",
    );
    f.time_point = Some(Value::point(72.0, Unit::Hours));
    f.cited_by = vec!["articles/denver-infusion-center.html".to_owned()];
    g.add_literature(&resp, f);
    let rem = key(
        ClaimKind::RemissionRate,
        Some(ketamine),
        None,
        Unit::Percent,
    );
    let mut f = study(
        26097240,
        "Newport et al. 2015, Am J Psychiatry",
        "Meta-Analysis",
        Some(147),
        pct(24.0),
        "Remission at 24 hours was 24% with ketamine.",
    );
    f.time_point = Some(Value::point(24.0, Unit::Hours));
    g.add_literature(&rem, f);
    let onset = key(ClaimKind::OnsetTime, Some(ketamine), None, Unit::Hours);
    g.add_literature(
        &onset,
        study(
            16894061,
            "Zarate et al. 2006, Arch Gen Psychiatry",
            "Randomized Controlled Trial",
            Some(18),
            Value::point(2.0, Unit::Hours),
            "Effects were significant within 2 hours of infusion.",
        ),
    );
    let trad = key(
        ClaimKind::OnsetTime,
        Some("traditional antidepressants"),
        None,
        Unit::Weeks,
    );
    g.add_literature(
        &trad,
        study(
            16390886,
            "Trivedi et al. 2006, Am J Psychiatry",
            "Clinical Trial",
            Some(2876),
            Value::range(4.0, 8.0, Unit::Weeks),
            "Response typically took 4 to 8 weeks of citalopram.",
        ),
    );
    let prev = key(ClaimKind::Prevalence, None, Some("TRD"), Unit::Percent);
    g.add_literature(
        &prev,
        study(
            34077155,
            "Zhdanava et al. 2021, J Clin Psychiatry",
            "Journal Article",
            None,
            pct(30.9),
            "Of treated adults with MDD, 30.9% had TRD.",
        ),
    );
    let dur = key(ClaimKind::EffectDuration, Some(ketamine), None, Unit::Weeks);
    g.add_literature(
        &dur,
        study(
            23892989,
            "Murrough et al. 2013, Am J Psychiatry",
            "Randomized Controlled Trial",
            Some(73),
            Value::range(1.0, 2.0, Unit::Weeks),
            "Benefits lasted one to two weeks after a single infusion.",
        ),
    );
    g.finish()
}

fn page(report: &CompareReport) -> String {
    let mut out = Vec::new();
    render_compare(report, CompareFormat::Html, false, &mut out).expect("render to a Vec");
    String::from_utf8(out).expect("UTF-8")
}

/// Runs Chromium with the isolating flags and the given extra ones, with a deadline.
fn chromium(profile: &Path, extra: &[String]) -> Output {
    let mut cmd = Command::new("chromium");
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(extra)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap_or_else(|e| {
        panic!(
            "cannot run chromium ({e}); install it: apt-get install -y --no-install-recommends \
             chromium"
        )
    });
    let started = Instant::now();
    loop {
        match child.try_wait().expect("waiting for chromium") {
            Some(_) => break,
            None if started.elapsed() > BROWSER_DEADLINE => {
                let _ = child.kill();
                panic!("chromium did not finish within {BROWSER_DEADLINE:?}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let output = child.wait_with_output().expect("reading chromium output");
    assert!(
        output.status.success(),
        "chromium failed: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The value of attribute `name` in the start tag `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[test]
fn chromium_draws_every_plot() {
    let report = realistic_report();
    let dir = tempfile::tempdir().expect("temp dir");
    let html_path: PathBuf = dir.path().join("compare.html");
    std::fs::write(&html_path, page(&report)).expect("write the page");
    if let Some(keep) = std::env::var_os("CLAIMCHECK_SAVE_PAGE") {
        std::fs::copy(&html_path, keep).expect("save the page");
    }
    let url = format!("file://{}", html_path.display());

    let dom = chromium(
        &dir.path().join("profile-dom"),
        &["--dump-dom".to_owned(), url.clone()],
    );
    let dom = String::from_utf8(dom.stdout).expect("DOM is UTF-8");
    let plots: Vec<&str> = dom.split("<svg class=\"plot\"").skip(1).collect();
    assert_eq!(
        plots.len(),
        report.measures.len(),
        "one svg.plot per measure in the DOM"
    );
    for (svg, m) in plots.iter().zip(&report.measures) {
        let tag = &svg[..svg.find('>').expect("svg start tag ends")];
        assert_eq!(attr(tag, "data-measure"), Some(m.key.as_str()));
        for dim in ["width", "height"] {
            let v: f64 = attr(tag, dim)
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{}: no numeric {dim}", m.key));
            assert!(v > 0.0, "{}: {dim} is {v}", m.key);
        }
        let body = &svg[..svg.find("</svg>").expect("svg closes")];
        let marks = body.matches("<g class=\"mark ").count();
        assert_eq!(
            marks,
            m.claims.len() + m.literature.len(),
            "{}: one mark per claim and literature figure",
            m.key
        );
        // Every mark has its shape (not only its tooltip).
        for mark in body.split("<g class=\"mark ").skip(1) {
            let mark = &mark[..mark.find("</g>").expect("mark closes")];
            assert!(mark.contains("<title>"), "{}: mark without tooltip", m.key);
            assert!(
                ["<circle", "<line", "<polygon", "<text"]
                    .iter()
                    .any(|s| mark.contains(s)),
                "{}: mark without a shape",
                m.key
            );
        }
    }

    let shot = dir.path().join("shot.png");
    chromium(
        &dir.path().join("profile-shot"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,2000".to_owned(),
            url,
        ],
    );
    let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        png.len() > 10 * 1024,
        "screenshot is only {} bytes: the page looks blank",
        png.len()
    );
    if let Some(keep) = std::env::var_os("CLAIMCHECK_SAVE_SCREENSHOT") {
        std::fs::copy(&shot, keep).expect("save the screenshot");
    }
}
