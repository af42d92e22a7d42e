//! Regression tests for reviews and files: every case of "Why" in issue 13 (and the claims-file
//! cases of issue 12) as a hostile tester met it, run through the binary. Each fails on the
//! claimcheck that had the bug.

use std::path::{Path, PathBuf};
use std::process::Output;

use predicates::str::contains;

mod common;
use common::workspace::{claimcheck, root, temp_with};

const CACHE: &str = "fixtures/pubmed";

fn cache() -> String {
    root().join(CACHE).to_string_lossy().into_owned()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    claimcheck().current_dir(dir).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every claims file below `dir`, with its JSON.
fn claims_files(dir: &Path) -> Vec<(PathBuf, serde_json::Value)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(claims_files(&p));
        } else if p.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&p).unwrap();
            out.push((p, serde_json::from_str(&text).unwrap()));
        }
    }
    out
}

/// The claims file under `dir/claims` that records `article` as its article.
fn file_recording(dir: &Path, article: &str) -> (PathBuf, serde_json::Value) {
    let all = claims_files(&dir.join("claims"));
    let names: Vec<_> = all
        .iter()
        .map(|(p, v)| format!("{} → {}", p.display(), v["article"]["path"]))
        .collect();
    all.into_iter()
        .find(|(_, v)| v["article"]["path"] == article)
        .unwrap_or_else(|| panic!("no claims file records {article}: {names:?}"))
}

/// Writes `page` (if given) to `d/post.md`, extracts it, and returns its claims file.
fn extract_post(d: &Path, page: Option<&str>) -> (PathBuf, serde_json::Value) {
    if let Some(page) = page {
        std::fs::write(d.join("post.md"), page).unwrap();
    }
    let out = run(d, &["extract", "post.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    file_recording(d, "post.md")
}

/// The live (not stale) claims of a claims file with this quote.
fn live<'a>(file: &'a serde_json::Value, quote: &str) -> Vec<&'a serde_json::Value> {
    file["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["quote"] == quote && c["status"] != "stale" && c["stale"] != true)
        .collect()
}

/// Applies `edit` to the first live claim with `quote` in the claims file at `path`.
fn review(path: &Path, quote: &str, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let claim = file["claims"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["quote"] == quote)
        .unwrap_or_else(|| panic!("no claim quoting {quote}"));
    edit(claim);
    // Saved whole, as an editor that writes a temporary file and renames it does: a save that
    // another process could read half-written is refused by extract (it never overwrites a
    // claims file it cannot read), which would make the concurrent-save test depend on timing.
    let tmp = path.with_extension("json.saving");
    std::fs::write(&tmp, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// `check --format json` in `dir`: the report.
fn check_json(dir: &Path, args: &[&str]) -> (serde_json::Value, Output) {
    let mut all = vec!["check", "--offline", "--cache", CACHE, "--format", "json"];
    all.extend_from_slice(args);
    let cache = cache();
    all[3] = &cache;
    let out = run(dir, &all);
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            stderr(&out),
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (report, out)
}

fn quotes_checked(report: &serde_json::Value) -> Vec<String> {
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["findings"].as_array().unwrap())
        .map(|f| f["quote"].as_str().unwrap().to_owned())
        .collect()
}

const PAGE_A: &[u8] =
    b"# Ketamine at our clinic\n\nIn our first audit, 64% of patients responded.\n";
const PAGE_B: &[u8] =
    b"# Esketamine nasal spray\n\nThe spray helped 64% of patients, the leaflet says.\n";

#[test]
fn reviews_stay_with_their_article_in_page_bundles() {
    let dir = temp_with(&[
        ("content/a/index.md", PAGE_A),
        ("content/b/index.md", PAGE_B),
    ]);
    let d = dir.path();
    assert!(run(d, &["extract", "content"]).status.success());
    let (a_path, _) = file_recording(d, "content/a/index.md");
    let (b_path, _) = file_recording(d, "content/b/index.md");
    assert_ne!(a_path, b_path);
    review(&a_path, "64%", |c| {
        c["status"] = "accepted".into();
        c["note"] = "A: our own audit".into();
    });
    review(&b_path, "64%", |c| {
        c["status"] = "rejected".into();
        c["note"] = "B: a leaflet, not a study".into();
    });
    // A new bundle that sorts first, and everything extracted again.
    std::fs::create_dir_all(d.join("content/0")).unwrap();
    std::fs::write(
        d.join("content/0/index.md"),
        b"# Intro\n\nAbout 30% of people with depression do not respond.\n",
    )
    .unwrap();
    let out = run(d, &["extract", "content"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, a) = file_recording(d, "content/a/index.md");
    let (_, b) = file_recording(d, "content/b/index.md");
    assert_eq!(live(&a, "64%")[0]["note"], "A: our own audit");
    assert_eq!(live(&b, "64%")[0]["note"], "B: a leaflet, not a study");
    assert_eq!(live(&b, "64%")[0]["status"], "rejected");

    // One article at a time never merges into another's file.
    assert!(run(d, &["extract", "content/a/index.md"]).status.success());
    assert!(run(d, &["extract", "content/b/index.md"]).status.success());
    let (_, a) = file_recording(d, "content/a/index.md");
    assert_eq!(a["claims"].as_array().unwrap().len(), 1);
    assert_eq!(live(&a, "64%")[0]["note"], "A: our own audit");

    // And `-o` into another article's file is refused, naming both.
    let b_file = b_path.to_string_lossy().into_owned();
    let out = run(d, &["extract", "content/a/index.md", "-o", &b_file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("holds the claims of `content/b/index.md`, not of `content/a/index.md`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_repeated_quote_keeps_its_own_review_when_the_other_goes() {
    let page = "# Trial notes\n\nIn the ketamine group, 64% of patients responded in the trial.\n\nIn the open-label extension, 64% of patients responded.\n";
    let dir = temp_with(&[("post.md", page.as_bytes())]);
    let d = dir.path();
    let (path, file) = extract_post(d, None);
    let claims = file["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2);
    let mut all = file.clone();
    all["claims"][0]["status"] = "accepted".into();
    all["claims"][0]["note"] = "the 24-hour figure".into();
    all["claims"][1]["status"] = "rejected".into();
    all["claims"][1]["note"] = "open-label: not comparable".into();
    std::fs::write(&path, serde_json::to_string_pretty(&all).unwrap()).unwrap();
    // The first paragraph is deleted.
    let (path, file) = extract_post(
        d,
        Some("# Trial notes\n\nIn the open-label extension, 64% of patients responded.\n"),
    );
    let left = live(&file, "64%");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["status"], "rejected");
    assert_eq!(left[0]["note"], "open-label: not comparable");
    // `check` does not report the claim the reviewer rejected.
    let (report, _) = check_json(d, &[path.to_str().unwrap()]);
    assert!(quotes_checked(&report).is_empty(), "{report}");
}

#[test]
fn removing_an_authors_comment_restores_the_reviewers_status() {
    let page = "# Notes\n\n<!-- claimcheck-ignore -->\nWe quote 92% from a brochure.\n\nA trial found 64% responded.\n";
    let dir = temp_with(&[("post.md", page.as_bytes())]);
    let d = dir.path();
    let (path, _) = extract_post(d, None);
    review(&path, "92%", |c| {
        c["note"] = "ask the author where this comes from".into();
    });
    let (report, _) = check_json(d, &[path.to_str().unwrap()]);
    assert_eq!(quotes_checked(&report), ["64%"]);
    // The author removes the comment: the claim is checked again, and the note survives.
    let (path, file) = extract_post(
        d,
        Some("# Notes\n\nWe quote 92% from a brochure.\n\nA trial found 64% responded.\n"),
    );
    assert_eq!(
        live(&file, "92%")[0]["note"],
        "ask the author where this comes from"
    );
    let (report, _) = check_json(d, &[path.to_str().unwrap()]);
    assert_eq!(quotes_checked(&report), ["92%", "64%"]);
}

#[test]
fn a_reviewers_save_during_extract_is_kept() {
    // A large article, so extract takes a while; the reviewer saves while it runs. Whenever the
    // save lands, the final file must hold the reviewer's note: merged by extract, or written
    // after it.
    let mut page = String::from("# Many claims\n\n");
    for i in 0..2000 {
        page.push_str(&format!(
            "Cohort {i} saw 6{}% respond within {} weeks.\n\n",
            i % 10,
            i % 7 + 2
        ));
    }
    let dir = temp_with(&[("big.md", page.as_bytes())]);
    let d = dir.path();
    assert!(run(d, &["extract", "big.md", "--format", "json"])
        .status
        .success());
    let (path, _) = file_recording(d, "big.md");
    let started = std::time::Instant::now();
    assert!(run(d, &["extract", "big.md", "--format", "json"])
        .status
        .success());
    let took = started.elapsed();
    for fraction in [0.3, 0.6, 0.9] {
        let child = spawn(d, &["extract", "big.md", "--format", "json"]);
        std::thread::sleep(took.mul_f64(fraction));
        let note = format!("saved at {fraction}");
        review(&path, "60%", |c| c["note"] = note.clone().into());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let (_, file) = file_recording(d, "big.md");
        let claim = file["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["quote"] == "60%")
            .unwrap();
        assert_eq!(claim["note"], note.as_str());
    }
}

/// The binary started in `dir` with `args`, not waited for.
fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("claimcheck"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn reviewer_corrections_survive_re_extraction() {
    let page = "# Notes\n\nKetamine helped 64% of patients within a day.\n";
    let dir = temp_with(&[("post.md", page.as_bytes())]);
    let d = dir.path();
    let (path, _) = extract_post(d, None);
    review(&path, "64%", |c| {
        c["kind"] = "remission_rate".into();
        c["subject"] = "ketamine remission in the clinic's audit".into();
        c["sources"] = serde_json::json!(["pmid:23982301"]);
        c["measure"] = serde_json::json!({"intervention": "IV ketamine", "time_point": {"low": 1.0, "high": 1.0, "unit": "days", "approx": false, "bound": null}});
    });
    let (_, file) = extract_post(
        d,
        Some(
            "# Notes\n\nA new first paragraph.\n\nKetamine helped 64% of patients within a day.\n",
        ),
    );
    let c = live(&file, "64%")[0];
    assert_eq!(c["kind"], "remission_rate");
    assert_eq!(c["subject"], "ketamine remission in the clinic's audit");
    assert_eq!(c["sources"], serde_json::json!(["pmid:23982301"]));
    assert_eq!(c["measure"]["intervention"], "IV ketamine");
    assert_eq!(c["measure"]["time_point"]["unit"], "days");
    assert_eq!(c["location"]["line"], 5);
}

#[cfg(unix)]
#[test]
fn output_refuses_devices_and_pipes_without_reading_them() {
    let dir = temp_with(&[("post.md", PAGE_A)]);
    let d = dir.path();
    let out = claimcheck()
        .current_dir(d)
        .args(["extract", "post.md", "-o", "/dev/null"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("refusing to write /dev/null: it is a character device"),
        "{}",
        stderr(&out)
    );
    let fifo = d.join("pipe.json");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let out = claimcheck()
        .current_dir(d)
        .args(["extract", "post.md", "-o", "pipe.json"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("it is a named pipe"),
        "{}",
        stderr(&out)
    );
    claimcheck()
        .current_dir(d)
        .args([
            "check",
            "post.md",
            "--offline",
            "--cache",
            &cache(),
            "-o",
            "pipe.json",
        ])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(contains("it is a named pipe"));
}

#[cfg(unix)]
#[test]
fn output_writes_through_symlinks_and_keeps_modes() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_with(&[("post.md", PAGE_A)]);
    let d = dir.path();
    std::fs::create_dir(d.join("real")).unwrap();
    std::os::unix::fs::symlink("real/claims.json", d.join("link.json")).unwrap();
    claimcheck()
        .current_dir(d)
        .args(["extract", "post.md", "-o", "link.json"])
        .assert()
        .code(0);
    assert!(std::fs::symlink_metadata(d.join("link.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read_to_string(d.join("real/claims.json")).unwrap();
    assert!(written.contains("\"64%\""));
    // A new file gets the umask's mode (0644 under 022), a rewritten one keeps its own.
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let umask = {
        let out = std::process::Command::new("sh")
            .args(["-c", "umask"])
            .output()
            .unwrap();
        u32::from_str_radix(String::from_utf8_lossy(&out.stdout).trim(), 8).unwrap()
    };
    assert_eq!(mode(&d.join("real/claims.json")), 0o666 & !umask);
    std::fs::set_permissions(
        d.join("real/claims.json"),
        std::fs::Permissions::from_mode(0o664),
    )
    .unwrap();
    claimcheck()
        .current_dir(d)
        .args(["extract", "post.md", "-o", "link.json"])
        .assert()
        .code(0);
    assert_eq!(mode(&d.join("real/claims.json")), 0o664);
}

#[cfg(unix)]
#[test]
fn unreadable_entries_are_reported_and_the_rest_is_processed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_with(&[
        ("site/a.md", PAGE_A),
        ("site/locked/b.md", PAGE_B),
        ("site/z/c.md", b"# C\n\nAbout 30% of people relapse.\n"),
    ]);
    let d = dir.path();
    std::os::unix::fs::symlink("missing.md", d.join("site/broken.md")).unwrap();
    for p in [d.to_path_buf(), d.join("site"), d.join("site/z")] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::set_permissions(
        d.join("site/locked"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    // Root reads anything: run as nobody then.
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let bin = assert_cmd::cargo::cargo_bin("claimcheck");
    let mut cmd = if is_root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    let out = cmd
        .current_dir(d)
        .args(["extract", "site", "--format", "json"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("site/locked"), "{err}");
    assert!(err.contains("site/broken.md"), "{err}");
    assert!(d.join("claims/site/a.md.json").exists(), "{err}");
    assert!(d.join("claims/site/z/c.md.json").exists(), "{err}");
}

#[test]
fn temporary_files_of_a_killed_run_are_cleaned() {
    let dir = temp_with(&[("post.md", PAGE_A)]);
    let d = dir.path();
    let leftover = d.join("claims/.claimcheck-killed.tmp");
    std::fs::create_dir_all(leftover.parent().unwrap()).unwrap();
    std::fs::write(&leftover, b"{\"half\": ").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap()
        .set_modified(old)
        .unwrap();
    claimcheck()
        .current_dir(d)
        .args(["extract", "post.md"])
        .assert()
        .code(0);
    assert!(!leftover.exists());
    // A directory run never reads temporary files as claims files.
    std::fs::write(d.join("claims/.claimcheck-live.tmp"), b"{").unwrap();
    let (report, out) = check_json(d, &["claims"]);
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{}",
        stderr(&out)
    );
    assert_eq!(quotes_checked(&report), ["64%"]);
}

#[test]
fn claims_files_with_a_bom_are_read_and_bad_utf8_is_located() {
    let dir = temp_with(&[("post.md", PAGE_A)]);
    let d = dir.path();
    let (path, _) = extract_post(d, None);
    let text = std::fs::read(&path).unwrap();
    std::fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), &text].concat()).unwrap();
    let (report, out) = check_json(d, &[path.to_str().unwrap()]);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(quotes_checked(&report), ["64%"]);
    assert!(run(d, &["extract", "post.md"]).status.success());

    let mut bad = std::fs::read(&path).unwrap();
    let at = bad.windows(5).position(|w| w == b"\"64%\"").unwrap();
    bad.insert(at + 1, 0xFF);
    std::fs::write(&path, &bad).unwrap();
    let line = bad[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let shown = path.strip_prefix(d).unwrap().to_string_lossy().into_owned();
    let out = run(d, &["check", &shown, "--offline", "--cache", &cache()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{shown}:{line}:")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_config_value_names_the_file_and_key() {
    let dir = temp_with(&[
        ("post.md", PAGE_A),
        ("claimcheck.toml", b"email = \"a@b.org\"\ntolerance = -2\n"),
    ]);
    let out = run(
        dir.path(),
        &["check", "post.md", "--offline", "--cache", &cache()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("claimcheck.toml:2:1: invalid config: `tolerance` must be a number of zero or more, not -2"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_applies_the_reviewers_decisions() {
    let page =
        "# Notes\n\nKetamine helped 70-80% of patients respond.\n\nSessions last 45 minutes.\n";
    let dir = temp_with(&[("post.md", page.as_bytes())]);
    let d = dir.path();
    let (path, _) = extract_post(d, None);
    review(&path, "70-80%", |c| {
        c["status"] = "rejected".into();
        c["note"] = "a marketing figure".into();
    });
    let out = run(
        d,
        &[
            "check",
            "post.md",
            "--offline",
            "--cache",
            &cache(),
            "--format",
            "github",
        ],
    );
    let annotations = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!annotations.contains("70-80%"), "{annotations}");
    assert!(annotations.contains("45 minutes"), "{annotations}");

    // accepted_with_note: reported with its note and id, never failing the run.
    review(&path, "45 minutes", |c| {
        c["status"] = "accepted_with_note".into();
        c["note"] = "the clinic's own schedule".into();
    });
    let (report, out) = check_json(d, &["post.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let finding = &report["articles"][0]["findings"][0];
    assert_eq!(finding["verdict"], "unsourced");
    assert_eq!(finding["review"], "accepted_with_note");
    assert_eq!(finding["note"], "the clinic's own schedule");
    assert!(finding["claim_id"].as_str().unwrap().starts_with('c'));
}

#[test]
fn a_claims_file_is_re_anchored_on_its_changed_article() {
    let page =
        "# Notes\n\nKetamine helped 70-80% of patients respond.\n\nSessions last 45 minutes.\n";
    let dir = temp_with(&[("post.md", page.as_bytes())]);
    let d = dir.path();
    let (path, _) = extract_post(d, None);
    review(&path, "45 minutes", |c| c["status"] = "accepted".into());
    // Five lines above the claims, and the session claim rewritten.
    std::fs::write(
        d.join("post.md"),
        "# Notes\n\nOne.\n\nTwo.\n\nThree.\n\nKetamine helped 70-80% of patients respond.\n\nSessions take an hour.\n",
    )
    .unwrap();
    let shown = path.strip_prefix(d).unwrap().to_string_lossy().into_owned();
    let (report, out) = check_json(d, &[&shown]);
    let finding = &report["articles"][0]["findings"][0];
    assert_eq!(finding["quote"], "70-80%");
    assert_eq!(finding["location"]["line"], 9);
    assert_eq!(report["articles"][0]["path"], "post.md");
    assert!(
        stderr(&out).contains("(“45 minutes”) can no longer be found in the article"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_article_and_its_claims_file_count_once() {
    let dir = temp_with(&[("post.md", PAGE_A)]);
    let d = dir.path();
    assert!(run(d, &["extract", "post.md"]).status.success());
    let (report, _) = check_json(d, &["."]);
    assert_eq!(report["summary"]["claims"], 1, "{report}");
    let (report, _) = check_json(d, &["post.md", "claims/post.md.json"]);
    assert_eq!(report["summary"]["claims"], 1, "{report}");
}

#[test]
fn an_ignored_id_silences_one_claim_in_one_article() {
    let dir = temp_with(&[("a.md", PAGE_A), ("b.md", PAGE_A)]);
    let d = dir.path();
    assert!(run(d, &["extract", "a.md", "b.md"]).status.success());
    let (_, a) = file_recording(d, "a.md");
    let (_, b) = file_recording(d, "b.md");
    let id = live(&a, "64%")[0]["id"].as_str().unwrap().to_owned();
    assert_ne!(live(&b, "64%")[0]["id"], id.as_str());
    std::fs::write(d.join("claimcheck.toml"), format!("ignore = [\"{id}\"]\n")).unwrap();
    let (report, _) = check_json(d, &["a.md", "b.md"]);
    let per_article: Vec<usize> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["findings"].as_array().unwrap().len())
        .collect();
    assert_eq!(per_article, [0, 1]);
}

#[test]
fn version_1_files_are_migrated_and_moved() {
    let v1 = serde_json::json!({
        "version": 1,
        "article": {"path": "content/a/index.md", "title": null, "content_hash": "sha256:0"},
        "sources": [],
        "claims": [{
            "id": "c0123456789", "kind": "response_rate",
            "value": {"low": 64.0, "high": 64.0, "unit": "%", "approx": false, "bound": null},
            "subject": "s", "quote": "64%",
            "sentence": "In our first audit, 64% of patients responded.",
            "location": {"line": 3, "column": 21, "start": 45, "end": 48},
            "sources": [], "status": "rejected", "note": "our own audit"
        }]
    });
    let dir = temp_with(&[
        ("content/a/index.md", PAGE_A),
        ("claims/index.json", v1.to_string().as_bytes()),
    ]);
    let d = dir.path();
    // check uses the old file where it is.
    let (report, out) = check_json(d, &["content/a/index.md"]);
    assert!(quotes_checked(&report).is_empty());
    assert!(
        stderr(&out).contains("version-1 claims file"),
        "{}",
        stderr(&out)
    );
    // extract moves it, keeping the review and the id.
    let out = run(d, &["extract", "content/a/index.md"]);
    assert!(
        stderr(&out).contains("moved the reviews in claims/index.json"),
        "{}",
        stderr(&out)
    );
    assert!(!d.join("claims/index.json").exists());
    let (path, file) = file_recording(d, "content/a/index.md");
    assert_eq!(path, d.join("claims/content/a/index.md.json"));
    assert_eq!(file["version"], 2);
    let c = live(&file, "64%")[0];
    assert_eq!(
        (c["id"].as_str(), c["status"].as_str()),
        (Some("c0123456789"), Some("rejected"))
    );
}

/// `check ARTICLE` (not the claims file) applies `ignored` and a reviewer's `added_sources`,
/// shows notes and ids in the table, and warns about a reviewed claim the article lost.
#[test]
fn check_article_uses_its_claims_file_and_warns_on_lost_reviews() {
    let page = "# Notes\n\nKetamine helped 64% of patients respond.\n\n\
                Sessions last 45 minutes.\n\nAbout 30% felt dizzy.\n";
    let dir = temp_with(&[("post.md", page.as_bytes())]);
    let d = dir.path();
    let (path, _) = extract_post(d, None);
    let (report, _) = check_json(d, &["post.md"]);
    assert_eq!(
        quotes_checked(&report),
        ["64%", "45 minutes", "About 30%"],
        "{report}"
    );
    review(&path, "64%", |c| {
        c["added_sources"] = serde_json::json!(["pmid:23982301"]);
        c["status"] = "accepted_with_note".into();
        c["note"] = "own audit".into();
    });
    review(&path, "45 minutes", |c| c["status"] = "ignored".into());
    review(&path, "About 30%", |c| c["status"] = "accepted".into());
    // The dizziness sentence goes; the claims file is not re-extracted.
    std::fs::write(
        d.join("post.md"),
        "# Notes\n\nKetamine helped 64% of patients respond.\n\nSessions last 45 minutes.\n",
    )
    .unwrap();
    let (report, out) = check_json(d, &["post.md"]);
    assert_eq!(quotes_checked(&report), ["64%"], "{report}");
    let finding = &report["articles"][0]["findings"][0];
    assert_ne!(finding["verdict"], "unsourced", "the added source counts");
    assert!(
        stderr(&out).contains("(“About 30%”) can no longer be found in the article"),
        "{}",
        stderr(&out)
    );
    let id = finding["claim_id"].as_str().unwrap().to_owned();
    let table = run(
        d,
        &[
            "check",
            "post.md",
            "--offline",
            "--cache",
            &cache(),
            "--color",
            "never",
        ],
    );
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        // The note of a claim the reviewer accepted is introduced as such.
        text.contains(&id) && text.contains("accepted with note: own"),
        "{text}"
    );
    assert!(!text.contains("45 minutes"), "{text}");
}

/// A re-run over unchanged articles writes nothing (the claims files keep their inode, so no
/// reviewer's editor sees them replaced), an empty claims file (what a machine crash can leave of
/// an unsynced one) is rebuilt, and a reviewed file is still rewritten with its review when the
/// article changes.
#[cfg(unix)]
#[test]
fn re_extracting_writes_only_what_changed_and_rebuilds_an_empty_file() {
    use std::os::unix::fs::MetadataExt;
    let dir = temp_with(&[("a.md", PAGE_A), ("b.md", PAGE_B)]);
    let d = dir.path();
    assert!(run(d, &["extract", "."]).status.success());
    let (a, _) = file_recording(d, "a.md");
    let (b, _) = file_recording(d, "b.md");
    let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
    let (a_ino, b_ino) = (inode(&a), inode(&b));
    let out = run(d, &["extract", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        (inode(&a), inode(&b)),
        (a_ino, b_ino),
        "nothing was rewritten"
    );
    assert!(
        stderr(&out).ends_with("all 2 claims files under claims are up to date (2 claims)\n"),
        "{}",
        stderr(&out)
    );

    std::fs::write(&b, b"").unwrap();
    let out = run(d, &["extract", "b.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("wrote claims/b.md.json"),
        "{}",
        stderr(&out)
    );
    let (_, rebuilt) = file_recording(d, "b.md");
    assert_eq!(live(&rebuilt, "64%").len(), 1, "{rebuilt}");

    review(&a, "64%", |c| c["note"] = "seen".into());
    std::fs::write(
        d.join("a.md"),
        [PAGE_A, b"\nLater, 30% of patients relapsed.\n".as_slice()].concat(),
    )
    .unwrap();
    let out = run(d, &["extract", ".", "--format", "json"]);
    assert!(
        stderr(&out).contains("wrote 1 claims file under claims, 1 up to date"),
        "{}",
        stderr(&out)
    );
    let (_, merged) = file_recording(d, "a.md");
    assert_eq!(live(&merged, "64%")[0]["note"], "seen");
    assert_eq!(live(&merged, "30%").len(), 1, "{merged}");
}

/// Claims files written before the one-line layout (serde_json's pretty printing, with `approx`
/// and `bound` spelled out) are read as they were, and re-extraction keeps every review while it
/// rewrites them in the current layout.
#[test]
fn a_claims_file_in_the_expanded_layout_keeps_its_reviews_in_the_compact_one() {
    let article = "fixtures/articles/ketamine-clinic.html";
    let old_text = std::fs::read_to_string(
        root().join("tests/data/expanded-layout/ketamine-clinic.html.json"),
    )
    .unwrap();
    assert!(old_text.contains("\"approx\": false") && old_text.contains("\"line\": "));
    let claims = format!("claims/{article}.json");
    let dir = temp_with(&[
        (article, &std::fs::read(root().join(article)).unwrap()),
        (&claims, old_text.as_bytes()),
    ]);
    let d = dir.path();
    let (before, out) = check_json(d, &[article]);
    assert!(out.status.code().is_some(), "{}", stderr(&out));

    let out = run(d, &["extract", article]);
    assert!(out.status.success(), "{}", stderr(&out));
    let new_text = std::fs::read_to_string(d.join(&claims)).unwrap();
    assert!(
        new_text.len() * 10 < old_text.len() * 9,
        "{} → {}",
        old_text.len(),
        new_text.len()
    );
    assert!(!new_text.contains("\"approx\": false") && !new_text.contains("\"bound\": null"));
    assert!(
        new_text.contains("\"location\": { \"line\": "),
        "{new_text}"
    );
    let path = Path::new("a.json");
    let old = claimcheck::claims_file::parse(path, &old_text).unwrap();
    let new = claimcheck::claims_file::parse(path, &new_text).unwrap();
    assert_eq!(new, old, "the same claims, reviews and fingerprints");
    let (after, _) = check_json(d, &[article]);
    assert_eq!(after, before, "check reads both layouts alike");
}
