//! The editor's page, `check --format html`, in a real browser.
//!
//! The test runs `claimcheck check fixtures/articles/ketamine-clinic.html --offline --cache
//! fixtures/pubmed --format html -o …`, then headless Chromium opens a copy of the page with a
//! probe script appended (the page itself has none). The probe reads what a person would get:
//! every claim highlighted in the text with its verdict's colour and its verdict in words for a
//! screen reader, every highlight a focusable link to a card that exists, each filter checkbox
//! hiding its verdict's cards and un-highlighting its claims when unticked, every control
//! reachable by keyboard. It writes its findings into the DOM, which `--dump-dom` prints. A
//! screenshot must not be blank.
//!
//! Chromium is required, as for `compare_html.rs`. Set `CLAIMCHECK_SAVE_SCREENSHOT=path.png` to
//! keep the screenshot (docs/check-screenshot.png is made this way) and
//! `CLAIMCHECK_SAVE_PAGE=path.html` to keep the page.

use std::path::PathBuf;

mod browser;
use browser::chromium;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `claimcheck check` on the demo page, offline, with `extra` flags.
fn check_demo(extra: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(root())
        .env_remove("CLAIMCHECK_CACHE")
        .args([
            "check",
            "fixtures/articles/ketamine-clinic.html",
            "--offline",
            "--cache",
            "fixtures/pubmed",
        ])
        .args(extra)
        .output()
        .unwrap()
}

/// Runs in the page after load and records what it sees as JSON in `#probe`.
const PROBE: &str = r#"
<script>
(function () {
  const out = {};
  const verdicts = ["supported", "differs", "not_found", "unsourced", "unverifiable"];
  const claims = Array.from(document.querySelectorAll("a.claim"));
  out.highlights = claims.length;
  out.cards = document.querySelectorAll("li.finding").length;
  out.highlight_problems = [];
  for (const a of claims) {
    const card = document.querySelector(a.getAttribute("href"));
    const verdict = verdicts.find(v => a.classList.contains("v-" + v));
    const sr = a.querySelector(".sr");
    a.focus();
    if (!card) out.highlight_problems.push("no card for " + a.id);
    if (!verdict) out.highlight_problems.push("no verdict class on " + a.id);
    if (!sr || !sr.textContent.includes(verdict.replace("_", " ")))
      out.highlight_problems.push("no spoken verdict on " + a.id);
    if (document.activeElement !== a) out.highlight_problems.push("cannot focus " + a.id);
    if (getComputedStyle(a).backgroundColor === "rgba(0, 0, 0, 0)")
      out.highlight_problems.push("not highlighted: " + a.id);
  }
  out.filters = {};
  for (const v of verdicts) {
    const box = document.getElementById("show-" + v);
    const label = box && box.closest("label");
    const cards = Array.from(document.querySelectorAll("li.finding.v-" + v));
    const marks = Array.from(document.querySelectorAll("a.claim.v-" + v));
    const shown = () => cards.filter(c => getComputedStyle(c).display !== "none").length;
    const lit = () => marks.filter(m => getComputedStyle(m).backgroundColor !== "rgba(0, 0, 0, 0)").length;
    const before = [shown(), lit()];
    box.focus();
    const focusable = document.activeElement === box;
    box.checked = false;
    const after = [shown(), lit()];
    box.checked = true;
    out.filters[v] = { cards: cards.length, before, after, focusable,
                       labelled: !!label && label.textContent.trim().length > 0 };
  }
  out.scripts = document.scripts.length;
  out.lang = document.documentElement.lang;
  out.landmarks = ["header", "main", "footer"].filter(t => document.querySelector(t)).length;
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"#;

#[test]
fn chromium_shows_every_claim_filters_and_is_keyboard_usable() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let out = check_demo(&["--format", "html", "-o", page.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    if let Some(keep) = std::env::var_os("CLAIMCHECK_SAVE_PAGE") {
        std::fs::copy(&page, keep).unwrap();
    }
    assert!(
        !html.contains("<script"),
        "the page has no script of its own"
    );
    assert!(
        !html.contains("src=\"http"),
        "nothing is loaded from elsewhere"
    );

    let probed = dir.path().join("probed.html");
    std::fs::write(&probed, html.replace("</body>", &format!("{PROBE}</body>"))).unwrap();
    let dom = chromium(
        &dir.path().join("profile-dom"),
        &[
            "--dump-dom".to_owned(),
            format!("file://{}", probed.display()),
        ],
    );
    let dom = String::from_utf8(dom.stdout).unwrap();
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + 16;
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let probe: serde_json::Value = serde_json::from_str(&json).expect("probe JSON");

    // Every checked claim has a card and a highlight in the text.
    let json = check_demo(&["--format", "json"]).stdout;
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let claims = report["summary"]["claims"].as_u64().unwrap();
    assert!(claims >= 10, "the demo page has claims: {claims}");
    assert_eq!(probe["cards"], claims, "{probe}");
    assert_eq!(probe["highlights"], claims, "{probe}");
    assert_eq!(
        probe["highlight_problems"],
        serde_json::json!([]),
        "{probe}"
    );
    for (verdict, f) in probe["filters"].as_object().unwrap() {
        let cards = f["cards"].as_u64().unwrap();
        assert_eq!(f["before"][0], cards, "{verdict}: every card shown: {f}");
        assert_eq!(
            f["after"],
            serde_json::json!([0, 0]),
            "{verdict}: unticking hides: {f}"
        );
        assert_eq!(f["focusable"], true, "{verdict}: {f}");
        assert_eq!(f["labelled"], true, "{verdict}: {f}");
    }
    assert!(probe["filters"]["differs"]["cards"].as_u64().unwrap() > 0);
    assert_eq!(probe["scripts"], 1, "only the probe");
    assert_eq!(probe["lang"], "en");
    assert_eq!(probe["landmarks"], 3);

    let shot = dir.path().join("shot.png");
    chromium(
        &dir.path().join("profile-shot"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,1400".to_owned(),
            format!("file://{}", page.display()),
        ],
    );
    let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(png.len() > 10 * 1024, "a blank page: {} bytes", png.len());
    if let Some(keep) = std::env::var_os("CLAIMCHECK_SAVE_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}
