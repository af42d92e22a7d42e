//! Merging a fresh extraction into a reviewed claims file: linear in the number of claims.
//!
//! A generated article with N claims (many sharing a quote, some sentences repeated) is
//! extracted, a third of its claims reviewed, and the article edited (a paragraph inserted at the
//! top, one deleted); the bench merges the fresh extraction into the reviewed file, for N from
//! 10,000 to 80,000. Linear means the time per claim stays flat as N grows.
//!
//! Run: `cargo bench --bench claims_file`.

use claimcheck::model::{ClaimsFile, ReviewStatus};
use claimcheck::{claims_file, extract, ingest};
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// An article of `claims` one-claim sentences, four to a paragraph; every 50th sentence repeats
/// an earlier one word for word.
fn article(claims: usize) -> String {
    let quotes = ["64%", "30%", "2 weeks", "45 minutes", "70–80%"];
    let mut text = String::from("# Notes\n\n");
    for i in 0..claims {
        let n = if i % 50 == 49 { i - 7 } else { i };
        let q = quotes[n % quotes.len()];
        text.push_str(&format!("Cohort {n} reported {q} for its patients. "));
        if i % 4 == 3 {
            text.push_str("\n\n");
        }
    }
    text
}

fn extracted(text: &str) -> ClaimsFile {
    let a = ingest::parse("notes.md", text.as_bytes(), ingest::Format::Text).expect("parses");
    extract::extract_as(&a, "content/notes.md")
}

#[divan::bench(args = [10_000, 20_000, 40_000, 80_000], sample_count = 5, sample_size = 1)]
fn merge(bencher: divan::Bencher, claims: usize) {
    let mut reviewed = claims_file::merge(None, extracted(&article(claims))).file;
    for (i, c) in reviewed.claims.iter_mut().enumerate() {
        if i % 3 == 0 {
            c.status = ReviewStatus::Accepted;
            c.note = Some(format!("checked {i}"));
        }
    }
    let fresh = extracted(&format!(
        "A new first paragraph.\n\n{}",
        article(claims).replacen("Cohort 2 reported", "Cohort two reported", 1)
    ));
    bencher
        .counter(ItemsCount::new(claims))
        .with_inputs(|| (reviewed.clone(), fresh.clone()))
        .bench_values(|(old, new)| claims_file::merge(Some(old), new).file.claims.len());
}
