//! The `compare` HTML page in a real browser. The test runs the command the issue names,
//! `claimcheck compare fixtures/articles --offline --cache fixtures/pubmed --format html -o …`,
//! then headless Chromium loads the page from disk, dumps the DOM it built and takes a
//! screenshot. Every measure's plot must be in the DOM with its marks and a size, and the
//! screenshot must not be blank.
//!
//! Chromium is required (Debian's `chromium` package; `.ci/run` installs it when missing). The
//! test fails, rather than skips, without it: a page that was never opened in a browser is not
//! tested.
//!
//! Set `CLAIMCHECK_SAVE_SCREENSHOT=path.png` to keep the screenshot (docs/compare-screenshot.png is
//! made this way) and `CLAIMCHECK_SAVE_PAGE=path.html` to keep the page.

use std::path::PathBuf;
use std::process::Output;

use claimcheck::model::CompareReport;

mod browser;
use browser::chromium;

/// Runs `claimcheck compare` on the fixture articles with the offline fixture cache.
fn compare(extra: &[&str]) -> Output {
    let out = assert_cmd::Command::cargo_bin("claimcheck")
        .expect("binary built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CLAIMCHECK_CACHE")
        .args([
            "compare",
            "fixtures/articles",
            "--offline",
            "--cache",
            "fixtures/pubmed",
        ])
        .args(extra)
        .output()
        .expect("claimcheck runs");
    assert!(
        out.status.success(),
        "compare failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The value of attribute `name` in the start tag `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[test]
fn chromium_draws_every_plot() {
    let json = compare(&["--format", "json"]).stdout;
    let report: CompareReport = serde_json::from_slice(&json).expect("compare JSON");
    assert!(
        report.measures.len() >= 10,
        "{} measures",
        report.measures.len()
    );
    assert!(
        report.measures.iter().any(|m| !m.literature.is_empty()),
        "cited studies give literature figures"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let html_path: PathBuf = dir.path().join("compare.html");
    compare(&[
        "--format",
        "html",
        "-o",
        html_path.to_str().expect("utf-8 path"),
    ]);
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
