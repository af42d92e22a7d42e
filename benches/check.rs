//! `claimcheck check` over 1,000 generated articles against a warm cache, end to end in-process:
//! the same `app::run` the binary calls (ingest, extract, resolve from cache, evidence, report).
//!
//! Run: `cargo bench --bench check`.

mod common;

use std::path::{Path, PathBuf};

use claimcheck::app::{self, Io};
use claimcheck::cli::Cli;
use clap::Parser;
use divan::counter::ItemsCount;

const ARTICLES: usize = 1000;

fn main() {
    divan::main();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A directory of articles and a warm cache (the committed fixture records).
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).expect("articles dir");
    let mut rng = common::Rng::new(3);
    for i in 0..ARTICLES {
        let body = common::text_article(&mut rng, 6 << 10);
        std::fs::write(articles.join(format!("post-{i:04}.txt")), body).expect("write article");
    }
    let cache = dir.path().join("cache");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pubmed"),
        &cache,
    );
    (dir, articles, cache)
}

fn check(articles: &Path, cache: &Path) -> usize {
    let cli = Cli::try_parse_from([
        "claimcheck",
        "check",
        articles.to_str().expect("utf-8 path"),
        "--offline",
        "--cache",
        cache.to_str().expect("utf-8 path"),
        "--format",
        "json",
        "--fail-on",
        "none",
        "--quiet",
    ])
    .expect("valid arguments");
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut io = Io {
        stdout: &mut out,
        stderr: &mut err,
        color: false,
        stderr_is_terminal: false,
        quiet: true,
    };
    let status = app::run(cli, &mut io).expect("check runs");
    assert_eq!(status, app::ExitStatus::Success);
    out.len()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn check_1000_articles_warm_cache(bencher: divan::Bencher) {
    let (_dir, articles, cache) = setup();
    bencher
        .counter(ItemsCount::new(ARTICLES))
        .bench(|| check(&articles, &cache));
}
