//! Adopting claimcheck on an existing site and in CI, through the binary: directory walks that
//! behave like ripgrep's (the Hugo fixture), baselines, CI-sized output (annotation cap, job
//! summary, Markdown cap, only-failing), file modes, the set-up commands (init, completions,
//! man) and extract's summary line. All offline, against committed fixtures.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const DEMO: &str = "fixtures/articles/ketamine-clinic.html";
const HUGO: &str = "fixtures/hugo-site";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from `dir` with an environment that cannot leak into results.
fn claimcheck_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").expect("binary built");
    cmd.current_dir(dir);
    for var in [
        "NCBI_API_KEY",
        "NCBI_EMAIL",
        "NO_COLOR",
        "CLAIMCHECK_CACHE",
        "CLAIMCHECK_EUTILS_URL",
        "CLAIMCHECK_IDCONV_URL",
        "GITHUB_STEP_SUMMARY",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn claimcheck() -> Command {
    claimcheck_in(&root())
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("claimcheck runs");
    Run {
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
        code: out.status.code().expect("an exit code"),
    }
}

/// `check` on `inputs`, offline against the fixture cache, with `extra` flags.
fn check(inputs: &[&str], extra: &[&str]) -> Run {
    let cache = root().join("fixtures/pubmed");
    run(claimcheck()
        .arg("check")
        .args(inputs)
        .args(["--offline", "--cache"])
        .arg(cache)
        .args(extra))
}

#[test]
fn the_hugo_site_checks_cleanly_with_the_readme_ci_line() {
    let site = root().join(HUGO);
    // The README's CI line, run from the site's root.
    let r = run(claimcheck_in(&site).args([
        "check",
        "content/",
        "--offline",
        "--cache",
        ".claimcheck-cache",
        "--format",
        "github",
    ]));
    assert_eq!(r.code, 0, "stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("::notice title=claimcheck::3 claims: 3 supported"),
        "{}",
        r.stdout
    );
    // The page bundle's data.json is skipped by name, the image counted, nothing is an error.
    assert!(
        r.stderr.contains(
            "skipped content/posts/ketamine-basics/data.json: JSON, but not a claims file"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("skipped 1 file under content that is not an article (1 .jpg)"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
}

#[test]
fn walking_the_whole_site_skips_ignored_hidden_and_data_files() {
    let site = root().join(HUGO);
    let r = run(claimcheck_in(&site).args([
        "check",
        ".",
        "--offline",
        "--cache",
        ".claimcheck-cache",
        "--format",
        "json",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let paths: Vec<&str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    // node_modules/ and public/ are in .gitignore, the cache is hidden, data/ holds JSON only.
    assert_eq!(
        paths,
        [
            "content/_index.md",
            "content/posts/infusion-day/index.md",
            "content/posts/ketamine-basics/index.md",
            "layouts/index.html"
        ]
    );
    assert!(
        r.stderr
            .contains("skipped data/clinics.json: JSON, but not a claims file"),
        "{}",
        r.stderr
    );
    // --exclude and config `exclude` leave out more.
    let r = run(claimcheck_in(&site).args([
        "extract",
        ".",
        "--no-write",
        "--exclude",
        "layouts/",
        "--exclude",
        "_index.md",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("layouts/index.html"), "{}", r.stdout);
    assert!(!r.stdout.contains("_index.md"), "{}", r.stdout);
    assert!(r.stdout.contains("infusion-day/index.md"), "{}", r.stdout);
}

#[test]
fn config_exclude_and_bad_globs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("drafts")).unwrap();
    std::fs::write(d.join("a.md"), "About 30% of patients relapse.\n").unwrap();
    std::fs::write(d.join("drafts/b.md"), "About 40% of patients relapse.\n").unwrap();
    std::fs::write(d.join("claimcheck.toml"), "exclude = [\"drafts/\"]\n").unwrap();
    let r = run(claimcheck_in(d).args(["extract", ".", "--no-write", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("30%") && !r.stdout.contains("40%"),
        "{}",
        r.stdout
    );
    let r = run(claimcheck_in(d).args(["extract", ".", "--no-write", "--exclude", "a["]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("invalid exclude pattern 'a['"),
        "{}",
        r.stderr
    );
}

#[test]
fn baseline_fails_only_on_new_findings_whatever_moved() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("page.html");
    let original = std::fs::read_to_string(root().join(DEMO)).unwrap();
    std::fs::write(&article, &original).unwrap();
    let baseline = dir.path().join("claimcheck-baseline.json");
    let a = article.to_str().unwrap();
    // Day one: the site has findings, and the baseline records them.
    let r = check(&[a], &["--write-baseline", baseline.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("wrote baseline"), "{}", r.stderr);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    let known = written["findings"].as_array().unwrap().len();
    assert!(known >= 5, "{known} findings in the baseline");
    // With the baseline, the same page passes.
    let b = baseline.to_str().unwrap();
    let r = check(&[a], &["--baseline", b, "--format", "github"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("::error"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains(&format!("{known} known findings not reported")),
        "{}",
        r.stderr
    );
    // Lines inserted above every claim move them all; nothing is new.
    let moved = original.replacen("<article>", "<article>\n<p>New intro.</p>\n\n\n\n", 1);
    assert_ne!(moved, original, "the fixture has an <article>");
    std::fs::write(&article, &moved).unwrap();
    let r = check(&[a], &["--baseline", b]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    // A new unsourced claim fails the run, and is the only finding reported. (A price is a
    // figure about the clinic itself, which never fails a run: the new claim is a research one.)
    let added = moved.replacen(
        "<p>New intro.</p>",
        "<p>New intro: 275 patients in a recent trial improved.</p>",
        1,
    );
    std::fs::write(&article, &added).unwrap();
    let r = check(&[a], &["--baseline", b, "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let findings = report["articles"][0]["findings"].as_array().unwrap();
    let failing: Vec<&str> = findings
        .iter()
        .filter(|f| f["verdict"] != "supported")
        .map(|f| f["quote"].as_str().unwrap())
        .collect();
    assert_eq!(failing.len(), 1, "{failing:?}");
    assert!(failing[0].contains("275"), "{failing:?}");
    // A broken baseline is an error naming where.
    std::fs::write(&baseline, "{\"version\": 1,\n \"findings\": 3}").unwrap();
    let r = check(&[a], &["--baseline", b]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("claimcheck-baseline.json:2:"),
        "{}",
        r.stderr
    );
}

#[test]
fn github_caps_annotations_and_writes_the_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("step-summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let r = run(claimcheck()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", DEMO, "--offline", "--cache", "fixtures/pubmed"])
        .args(["--format", "github", "--max-annotations", "2"]));
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(lines[0].starts_with("::error ") && lines[1].starts_with("::error "));
    assert!(
        lines[2].contains("more findings are not annotated (limit 2)"),
        "{}",
        lines[2]
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("earlier step\n# claimcheck report"),
        "appended: {text}"
    );
    assert!(text.contains("### Claims to review"), "{text}");
    // No summary file named: nothing written anywhere, and the default cap is 10.
    let r = check(&[DEMO], &["--format", "github"]);
    assert!(r.stdout.lines().count() <= 11, "{}", r.stdout);
}

#[test]
fn markdown_stays_under_a_comments_limit_and_can_list_only_failing() {
    // Sixty copies of the demo page make a report far over 65,536 characters.
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read(root().join(DEMO)).unwrap();
    for i in 0..60 {
        std::fs::write(dir.path().join(format!("page-{i:02}.html")), &page).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let full = check(&[d], &["--format", "markdown", "--max-chars", "0"]);
    assert!(
        full.stdout.chars().count() > 65_536,
        "the test needs a big report"
    );
    let capped = check(&[d], &["--format", "markdown"]);
    assert_eq!(capped.code, 1);
    let n = capped.stdout.chars().count();
    assert!(n <= 65_536, "{n} characters");
    assert!(
        capped
            .stdout
            .contains("**Left out to stay under 65,536 characters:**"),
        "{}",
        &capped.stdout[capped.stdout.len() - 500..]
    );
    // Only failing: every listed row has a failing verdict, the counts still cover everything.
    let failing = check(&[DEMO], &["--format", "markdown", "--only-failing"]);
    assert_eq!(failing.code, 1);
    assert!(failing.stdout.contains("20 claims:"), "{}", failing.stdout);
    assert!(
        failing
            .stdout
            .contains("Showing the 4 claims that fail the check; 16 others are not listed."),
        "{}",
        failing.stdout
    );
    for row in failing.stdout.lines().filter(|l| l.starts_with("| ")) {
        if row.starts_with("| Line") || row.starts_with("| ---") {
            continue;
        }
        assert!(
            row.contains("**differs**") || row.contains("**unsourced**"),
            "{row}"
        );
    }
}

#[test]
fn the_report_shows_sentences_ids_and_notes_and_no_ncbi_queries() {
    let r = check(
        &["claims/fixtures/articles/ketamine-clinic.html.json"],
        &["--format", "markdown"],
    );
    assert_ne!(r.code, 2, "{}", r.stderr);
    // The sentence around the quote, not only the quote.
    assert!(r.stdout.contains("“64%”"), "{}", r.stdout);
    assert!(r.stdout.contains("- Claim id: "), "{}", r.stdout);
    for text in [&r.stdout, &check(&[DEMO], &["--format", "table"]).stdout] {
        assert!(!text.contains("email="), "{text}");
        assert!(!text.contains("term="), "{text}");
    }
}

#[cfg(unix)]
#[test]
fn files_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bin = assert_cmd::cargo::cargo_bin("claimcheck");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    std::fs::copy(root().join(DEMO), d.join("page.html")).unwrap();
    let script = format!(
        "umask 022 && '{bin}' extract page.html >/dev/null && \
         '{bin}' check page.html --offline --cache '{cache}' -o report.md --format markdown; \
         '{bin}' compare page.html --offline --cache '{cache}' --format html -o compare.html; \
         '{bin}' init",
        bin = bin.display(),
        cache = root().join("fixtures/pubmed").display(),
    );
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(d)
        .status()
        .unwrap();
    assert!(status.success());
    let claims = d.join("claims/page.html.json");
    for f in [
        &claims,
        &d.join("report.md"),
        &d.join("compare.html"),
        &d.join("claimcheck.toml"),
    ] {
        assert_eq!(mode(f), 0o644, "{}", f.display());
    }
    // A re-run keeps the mode the file has.
    std::fs::set_permissions(&claims, std::fs::Permissions::from_mode(0o664)).unwrap();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 077 && '{}' extract page.html >/dev/null",
            bin.display()
        ))
        .current_dir(d)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&claims), 0o664);
}

#[test]
fn extract_prints_one_summary_line_and_no_progress_off_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5 {
        std::fs::write(
            dir.path().join(format!("post-{i}.md")),
            format!("About {}% of patients respond.\n", 30 + i),
        )
        .unwrap();
    }
    let r = run(claimcheck_in(dir.path()).args(["extract", ".", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim_end(),
        "wrote 5 claims files under claims (5 claims)",
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("claims"))
            .unwrap()
            .count(),
        5
    );
}

#[test]
fn init_writes_a_commented_config_once() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(claimcheck_in(dir.path()).arg("init"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(dir.path().join("claimcheck.toml")).unwrap();
    assert!(
        text.contains("# fail_on = [\"differs\", \"unsourced\"]"),
        "{text}"
    );
    // The written file is a config check accepts.
    let r = run(claimcheck_in(dir.path())
        .args(["check", "-", "--offline", "--cache", "."])
        .write_stdin("No numbers here.\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(claimcheck_in(dir.path()).arg("init"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("already exists; pass --force"),
        "{}",
        r.stderr
    );
    let r = run(claimcheck_in(dir.path()).args(["init", "--force"]));
    assert_eq!(r.code, 0);
}

#[test]
fn completions_and_man_page() {
    for (shell, marker) in [
        ("bash", "_claimcheck()"),
        ("zsh", "#compdef claimcheck"),
        ("fish", "complete -c claimcheck"),
    ] {
        let r = run(claimcheck().args(["completions", shell]));
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains(marker), "{shell}: {}", &r.stdout[..200]);
        assert!(
            r.stdout.contains("baseline"),
            "{shell} completes --baseline"
        );
    }
    let r = run(claimcheck().arg("man"));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with(".ie \\n(.g .ds Aq") || r.stdout.contains(".TH claimcheck"));
    assert!(r.stdout.contains(".TH claimcheck"), "{}", &r.stdout[..300]);
    assert!(
        r.stdout.contains("Exit codes"),
        "the man page carries the exit codes"
    );
    let bad = run(claimcheck().args(["completions", "tcsh"]));
    assert_eq!(bad.code, 2);
}

/// Replaces the quote of the first claim in the claims file at `path`, as a hand edit would.
fn set_first_quote(path: &Path, quote: &str) {
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["claims"][0]["quote"] = quote.into();
    std::fs::write(path, file.to_string()).unwrap();
}

/// Hostile text in an article's file name and in a claims file's quote reaches `compare`'s page
/// and table only escaped and made visible, as in `check`'s formats.
#[test]
fn compare_escapes_hostile_text_in_its_page_and_table() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = "p<img src=x onerror=alert(1)>\u{202E}dm.md";
    std::fs::write(d.join(name), "In our audit, 64% of patients responded.\n").unwrap();
    std::fs::write(d.join("b.md"), "In our audit, 60% of patients responded.\n").unwrap();
    assert_eq!(run(claimcheck_in(d).args(["extract", "."])).code, 0);
    // A claims file edited by hand: markup, an ANSI escape and a bidi override in the quote.
    set_first_quote(
        &d.join("claims/b.md.json"),
        "60%</title><script>alert(2)</script>\u{1b}[2J\u{202E}",
    );
    let cache = root().join("fixtures/pubmed");
    let compare = |format: &str| {
        run(claimcheck_in(d)
            .args(["compare", ".", "--offline", "--color", "never", "--cache"])
            .arg(&cache)
            .args(["--format", format]))
    };
    let page = compare("html");
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(page.stdout.contains("&lt;img src=x"), "{}", page.stdout);
    assert!(
        page.stdout.contains("&lt;script&gt;alert(2)"),
        "{}",
        page.stdout
    );
    let table = compare("table");
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        !page.stdout.contains("<img") && !page.stdout.contains("<script"),
        "{}",
        page.stdout
    );
    // The table is plain text: markup is harmless there, a terminal escape is not.
    for text in [&page.stdout, &table.stdout] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202E}'),
            "{text}"
        );
        // The table may wrap a cell anywhere.
        let flat: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !"│┆".contains(*c))
            .collect();
        assert!(flat.contains("U+001B") && flat.contains("U+202E"), "{text}");
    }
}

/// `compare --format csv` goes through the csv crate: `--bom` puts a UTF-8 byte-order mark first
/// (so a spreadsheet reads "50–70%" right), and a cell that would start a formula starts with `'`.
#[test]
fn compare_csv_has_a_bom_on_request_and_no_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.md"), "Response rates of 50–70% were seen.\n").unwrap();
    assert_eq!(run(claimcheck_in(d).args(["extract", "a.md"])).code, 0);
    set_first_quote(
        &d.join("claims/a.md.json"),
        "=HYPERLINK(\"http://x\",\"50–70%\")",
    );
    let cache = root().join("fixtures/pubmed");
    let csv = |extra: &[&str]| {
        let out = claimcheck_in(d)
            .args([
                "compare",
                "claims/a.md.json",
                "--offline",
                "--format",
                "csv",
            ])
            .arg("--cache")
            .arg(&cache)
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        out.stdout
    };
    let plain = csv(&[]);
    let with_bom = csv(&["--bom"]);
    assert!(!plain.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(&with_bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(&with_bom[3..], plain.as_slice());
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(plain.as_slice())
        .records()
        .map(Result::unwrap)
        .collect();
    let cells: Vec<&str> = rows.iter().flat_map(|r| r.iter()).collect();
    assert!(
        cells.contains(&"'=HYPERLINK(\"http://x\",\"50–70%\")"),
        "{cells:?}"
    );
    assert!(cells.iter().all(|c| !c.starts_with('=')), "{cells:?}");
}

#[test]
fn github_format_turns_warnings_and_errors_into_annotations() {
    // An empty cache offline: every cited record is missing, which is a warning.
    let cache = tempfile::tempdir().unwrap();
    let c = cache.path().to_str().unwrap();
    let offline = |extra: &[&str]| {
        run(claimcheck()
            .args(["check", DEMO, "--offline", "--cache", c])
            .args(extra))
    };
    let plain = offline(&[]);
    assert!(
        plain.stderr.contains("warning: not in the cache"),
        "{}",
        plain.stderr
    );
    let github = offline(&["--format", "github"]);
    assert_eq!(github.code, plain.code);
    assert!(
        github.stderr.contains("::warning::not in the cache"),
        "{}",
        github.stderr
    );
    assert!(!github.stderr.contains("warning: "), "{}", github.stderr);
    // An error that ends the run is an annotation too; other formats keep the plain line.
    let missing = check(&["no-such-page.html"], &["--format", "github"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.starts_with("::error::"),
        "{}",
        missing.stderr
    );
    let missing = check(&["no-such-page.html"], &[]);
    assert!(missing.stderr.starts_with("error: "), "{}", missing.stderr);
}
