//! Whole-process runs of the release binary over generated articles: `extract` (writing claims
//! files), `check` and `compare`, as a user runs them, start-up, directory walk, stdout and
//! file writes included. Each command runs a few times; the best and median wall times are
//! printed with the throughput.
//!
//! ```sh
//! cargo bench --bench process                     # 2,000 articles of ~25 KB
//! CLAIMCHECK_BENCH_ARTICLES=500 cargo bench --bench process
//! CLAIMCHECK_BENCH_DIR=target/articles cargo bench --bench process   # keep the articles
//! ```
//!
//! With `CLAIMCHECK_BENCH_DIR` the articles are written there (once) and kept, so the same runs
//! can be repeated under `hyperfine` (see the README's Performance section).

#![allow(clippy::print_stdout)] // a bench reports on stdout

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs per command.
const RUNS: usize = 3;
/// Bytes per generated article.
const ARTICLE_BYTES: usize = 25_000;

fn main() {
    let count: usize = std::env::var("CLAIMCHECK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = match std::env::var_os("CLAIMCHECK_BENCH_DIR") {
        Some(kept) => std::path::PathBuf::from(kept),
        None => dir.path().join("articles"),
    };
    if !articles.exists() {
        common::write_articles(&articles, count, ARTICLE_BYTES, 7);
    }
    // The runs start in the temporary directory: a kept directory given relative to the
    // project ("target/bench-articles") must be made absolute first.
    let articles = articles.canonicalize().expect("articles directory");
    let bytes: u64 = std::fs::read_dir(&articles)
        .expect("articles")
        .map(|e| e.expect("entry").metadata().expect("metadata").len())
        .sum();
    let mb = bytes as f64 / 1e6;
    println!("{count} generated text articles, {mb:.1} MB, {RUNS} runs each (best / median)");
    let cache = common::fixture_cache();
    let a = articles.to_str().expect("UTF-8 path");
    let c = cache.to_str().expect("UTF-8 path");
    let claims = dir.path().join("claims");
    let cl = claims.to_str().expect("UTF-8 path");
    let extract = vec!["extract", a, "--claims-dir", cl, "--format", "json"];
    let cases: [(&str, Vec<&str>); 5] = [
        ("extract (writes claims files)", extract.clone()),
        ("extract again (all up to date)", extract),
        (
            "extract --no-write",
            vec!["extract", a, "--no-write", "--format", "json"],
        ),
        (
            "check --format json",
            vec![
                "check",
                a,
                "--offline",
                "--cache",
                c,
                "--format",
                "json",
                "--fail-on",
                "none",
            ],
        ),
        (
            "compare --format json",
            vec!["compare", a, "--offline", "--cache", c, "--format", "json"],
        ),
    ];
    for (name, args) in &cases {
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                // Extract writes afresh, as a first run on a site does; "again" runs over the
                // claims files the last run left.
                if !name.contains("again") {
                    let _ = std::fs::remove_dir_all(&claims);
                }
                time(args, dir.path())
            })
            .collect();
        times.sort();
        let (best, median) = (times[0], times[RUNS / 2]);
        println!(
            "{name:32} {:>7.2} s / {:>7.2} s   {:>6.1} MB/s   {:>7.0} articles/s",
            best.as_secs_f64(),
            median.as_secs_f64(),
            mb / best.as_secs_f64(),
            count as f64 / best.as_secs_f64()
        );
    }
}

/// One run of the binary with stdout discarded; panics unless it exits 0 or 1.
fn time(args: &[&str], cwd: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_claimcheck"))
        .args(args)
        .arg("--quiet")
        .current_dir(cwd)
        .env_remove("CLAIMCHECK_CACHE")
        .stdout(Stdio::null())
        .status()
        .expect("claimcheck runs");
    let elapsed = start.elapsed();
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "claimcheck {args:?} failed: {status}"
    );
    elapsed
}
