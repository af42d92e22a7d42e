//! Every fixture article yields exactly the claims its `.expected.tsv` lists, and the reviewed
//! claims files in `claims/` are up to date with the extractor.

use std::path::{Path, PathBuf};

use claimcheck::model::ClaimsFile;
use claimcheck::{claims_file, extract, ingest};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn articles() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/articles"))
        .expect("fixtures/articles exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("html" | "htm" | "txt" | "md")
            )
        })
        .collect();
    out.sort();
    out
}

fn extract_file(path: &Path) -> ClaimsFile {
    let rel = path
        .strip_prefix(root())
        .expect("under the crate")
        .to_string_lossy()
        .into_owned();
    let input = ingest::Input::Path(PathBuf::from(&rel));
    let article = ingest::read(
        &input,
        &ingest::Options {
            max_bytes: 20 << 20,
        },
    )
    .unwrap_or_else(|e| panic!("{rel}: {e}"));
    extract::extract(&article)
}

fn fmt_num(v: Option<f64>) -> String {
    match v {
        None => "-".to_owned(),
        Some(v) => claimcheck::model::fmt_num(v),
    }
}

#[test]
fn fixture_articles_yield_their_expected_claims() {
    // Paths in claims files are relative to the crate, as a user would type them.
    std::env::set_current_dir(root()).expect("cd to crate");
    let mut failures = Vec::new();
    let list = articles();
    assert!(list.len() >= 5, "fixture articles missing: {list:?}");
    for path in list {
        let tsv = path.with_extension("expected.tsv");
        let expected =
            std::fs::read_to_string(&tsv).unwrap_or_else(|e| panic!("{}: {e}", tsv.display()));
        let want: Vec<String> = expected
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        let file = extract_file(&path);
        // Claims an author suppressed are kept in the file as ignored; the .tsv lists the rest.
        let (suppressed, listed): (Vec<_>, Vec<_>) = file.claims.iter().partition(|c| c.suppressed);
        assert!(suppressed.iter().all(|c| c.effective_status()
            == (
                claimcheck::model::ReviewStatus::Ignored,
                claimcheck::model::DecidedBy::Author
            )));
        let got: Vec<String> = listed
            .iter()
            .map(|c| {
                let bound = c.value.bound.map_or("-".to_owned(), |b| {
                    serde_json::to_value(b)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_owned()
                });
                format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    c.location.line,
                    c.kind,
                    fmt_num(c.value.low),
                    fmt_num(c.value.high),
                    c.value.unit.as_str(),
                    c.value.approx,
                    bound,
                    c.quote
                )
            })
            .collect();
        if got != want {
            let mut diff = format!("{}:\n", path.display());
            for w in &want {
                if !got.contains(w) {
                    diff.push_str(&format!("  - missing: {w}\n"));
                }
            }
            for g in &got {
                if !want.contains(g) {
                    diff.push_str(&format!("  + extra:   {g}\n"));
                }
            }
            failures.push(diff);
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.concat());
}

#[test]
fn suppression_comment_marks_its_paragraph_ignored() {
    std::env::set_current_dir(root()).expect("cd to crate");
    let file = extract_file(&root().join("fixtures/articles/ketamine-clinic.html"));
    let ignored: Vec<_> = file
        .claims
        .iter()
        .filter(|c| c.suppressed && c.is_skipped())
        .map(|c| c.quote.as_str())
        .collect();
    assert_eq!(ignored, ["92%"]);
}

#[test]
fn reviewed_claims_files_are_up_to_date() {
    std::env::set_current_dir(root()).expect("cd to crate");
    let layout = claims_file::layout::Layout::new(&root().join("claims"));
    for path in articles() {
        let recorded = layout.recorded_path(&path.to_string_lossy());
        let claims_path = layout.file_for(&recorded);
        assert!(claims_path.starts_with(root().join("claims/fixtures/articles")));
        let committed = claims_file::read(&claims_path).unwrap_or_else(|e| {
            panic!("{e:#}\nrun `cargo run -- extract fixtures/articles` to create it")
        });
        assert_eq!(committed.version, claimcheck::model::CLAIMS_FILE_VERSION);
        let merged = claims_file::merge(Some(committed.clone()), extract_file(&path)).file;
        assert!(
            merged == committed,
            "{} is out of date with the extractor: run `cargo run -- extract {}` and review the change",
            claims_path.display(),
            path.strip_prefix(root()).unwrap().display()
        );
    }
}

#[test]
fn mutated_articles_never_panic_and_locations_stay_in_the_file() {
    // Deterministic byte edits (delete, duplicate, replace with markup or multi-byte text) of
    // every fixture article, through ingest and extract in all three formats.
    const INSERTS: &[&[u8]] = &[
        b"<",
        b"&amp;",
        b"\xe2\x80\x93",
        b"\xff",
        b"%",
        b"<!--",
        b"\n\n",
        b"1 in 3 ",
        b"](",
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for path in articles() {
        let original = std::fs::read(&path).expect("fixture readable");
        for _ in 0..60 {
            let mut bytes = original.clone();
            for _ in 0..(1 + next() % 6) {
                if bytes.is_empty() {
                    break;
                }
                let at = (next() % bytes.len() as u64) as usize;
                match next() % 3 {
                    0 => {
                        let end = (at + (next() % 40) as usize).min(bytes.len());
                        bytes.drain(at..end);
                    }
                    1 => {
                        let end = (at + (next() % 40) as usize).min(bytes.len());
                        let copy = bytes[at..end].to_vec();
                        bytes.splice(at..at, copy);
                    }
                    _ => {
                        let insert = INSERTS[(next() % INSERTS.len() as u64) as usize];
                        bytes.splice(at..at, insert.iter().copied());
                    }
                }
            }
            for format in [
                ingest::Format::Html,
                ingest::Format::Text,
                ingest::Format::Markdown,
            ] {
                let Ok(article) = ingest::parse("mutated", &bytes, format) else {
                    continue;
                };
                let file = extract::extract(&article);
                for c in &file.claims {
                    let l = c.location;
                    assert!(
                        l.start <= l.end && l.end <= bytes.len(),
                        "{}: {l:?}",
                        path.display()
                    );
                    assert!(l.line >= 1 && l.column >= 1);
                }
            }
        }
    }
}
