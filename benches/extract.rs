//! Extraction throughput (ingest + extract) on generated corpora of at least 50 MB of text and
//! of HTML. Articles are processed one at a time, as the CLI does, so memory follows one article.
//! `html_one_page` feeds one generated page of 1, 10 and 50 MB instead: its throughput should
//! not fall as the page grows (ingest and extraction are linear in the page).
//!
//! Run: `cargo bench --bench extract`.

mod common;

use claimcheck::{extract, ingest};
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// At least 50 MB of generated articles of about `size` bytes each.
fn corpus(seed: u64, size: usize, make: fn(&mut common::Rng, usize) -> String) -> Vec<String> {
    let mut rng = common::Rng::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < 50 << 20 {
        let a = make(&mut rng, size);
        total += a.len();
        out.push(a);
    }
    out
}

/// Prints the corpus's size and claim density once, so the figures can be read against it.
#[allow(clippy::print_stderr)]
fn describe(name: &str, corpus: &[String], format: ingest::Format) {
    let bytes: usize = corpus.iter().map(String::len).sum();
    let claims = run(corpus, format);
    eprintln!(
        "{name}: {} articles, {:.1} MB, {claims} claims ({:.0} bytes per claim)",
        corpus.len(),
        bytes as f64 / 1e6,
        bytes as f64 / claims.max(1) as f64
    );
}

fn run(corpus: &[String], format: ingest::Format) -> usize {
    let mut claims = 0;
    for (i, a) in corpus.iter().enumerate() {
        let article = ingest::parse(&format!("a{i}"), a.as_bytes(), format).expect("parses");
        claims += extract::extract(&article).claims.len();
    }
    claims
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn text_50mb(bencher: divan::Bencher) {
    let corpus = corpus(7, 8 << 10, common::text_article); // ~6,400 articles of 8 KB
    describe("text", &corpus, ingest::Format::Text);
    let bytes: usize = corpus.iter().map(String::len).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| run(divan::black_box(&corpus), ingest::Format::Text));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn html_50mb(bencher: divan::Bencher) {
    let corpus = corpus(11, 30 << 10, common::html_article); // ~1,700 pages of 30 KB
    describe("html", &corpus, ingest::Format::Html);
    let bytes: usize = corpus.iter().map(String::len).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| run(divan::black_box(&corpus), ingest::Format::Html));
}

#[divan::bench(args = [1, 10, 50], sample_count = 3, sample_size = 1)]
fn html_one_page(bencher: divan::Bencher, mb: usize) {
    let page = common::html_article(&mut common::Rng::new(13), mb << 20);
    bencher.counter(BytesCount::new(page.len())).bench(|| {
        let bytes = divan::black_box(page.as_bytes());
        let article = ingest::parse("page.html", bytes, ingest::Format::Html).expect("parses");
        extract::extract(&article).claims.len()
    });
}
