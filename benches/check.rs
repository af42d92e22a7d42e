//! `claimcheck check` over 1,000 generated articles against a warm cache, end to end in-process:
//! the same `app::run` the binary calls (ingest, extract, resolve from cache, evidence, report).
//!
//! Run: `cargo bench --bench check`.

mod common;

use claimcheck::app::ExitStatus;
use divan::counter::ItemsCount;

const ARTICLES: usize = 1000;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn check_1000_articles_warm_cache(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("articles");
    common::write_articles(&articles, ARTICLES, 6 << 10, 3);
    let cache = common::fixture_cache();
    let args = [
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
    ];
    bencher.counter(ItemsCount::new(ARTICLES)).bench(|| {
        let (status, printed) = common::run_app(&args);
        assert_eq!(status, ExitStatus::Success);
        printed
    });
}
