//! Replays every fuzz corpus file and every crash the fuzzers ever found (`fuzz/corpus/TARGET/`,
//! `fuzz/regressions/TARGET/`) through the same target bodies the AFL binaries run, so a fixed
//! crash stays fixed without AFL installed. See `fuzz/README.md`.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == ".gitkeep") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            body(&bytes);
            n += 1;
        }
    }
    n
}

#[test]
fn html() {
    assert!(replay("html", targets::html) > 0);
}

#[test]
fn extract() {
    assert!(replay("extract", targets::extract) > 0);
}

#[test]
fn pubmed() {
    assert!(replay("pubmed", targets::pubmed) > 0);
}

#[test]
fn evidence() {
    assert!(replay("evidence", targets::evidence) > 0);
}

#[test]
fn claims_file() {
    assert!(replay("claims_file", targets::claims_file) > 0);
}
