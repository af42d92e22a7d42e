//! Extraction scored against gold sets, the way `../shared/extract-dev/score_extract.py` scores
//! it: the development set of clinic pages (`../shared/extract-dev`, its own gold) and the five
//! seed articles (`../shared/seed-articles`, with the hand-made gold in
//! `fixtures/seed-gold.tsv`, which stores positions only, never the articles' text).
//!
//! Both sets live outside the repository; when they are absent the tests say so and pass. The
//! figures print with `cargo test --test extraction_sets -- --nocapture`.
//!
//! Matching: a gold claim is found when an extracted claim overlaps its span and has the same
//! value (both ends within 0.5; a vague claim matches a vague claim of the same unit). An
//! extraction overlapping no gold span is a false positive; an optional gold claim excuses
//! what overlaps it.
#![allow(clippy::print_stderr)]

use std::ops::Range;
use std::path::{Path, PathBuf};

use claimcheck::model::Claim;
use claimcheck::{extract, ingest};

/// One gold claim.
struct Gold {
    file: String,
    span: Range<usize>,
    bounds: Option<(f64, f64)>,
    unit: String,
    kind: String,
    optional: bool,
}

/// The score of a set.
#[derive(Debug, Default)]
struct Score {
    found: usize,
    required: usize,
    false_positives: usize,
    kind_ok: usize,
    misses: Vec<String>,
    extra: Vec<String>,
    kinds: Vec<String>,
}

impl Score {
    fn recall(&self) -> f64 {
        self.found as f64 / self.required.max(1) as f64
    }
    fn precision(&self) -> f64 {
        self.found as f64 / (self.found + self.false_positives).max(1) as f64
    }
    fn kind_accuracy(&self) -> f64 {
        self.kind_ok as f64 / self.found.max(1) as f64
    }
    fn line(&self) -> String {
        format!(
            "recall {:.3} ({}/{})  precision {:.3} (fp {})  kind-accuracy {:.3}",
            self.recall(),
            self.found,
            self.required,
            self.precision(),
            self.false_positives,
            self.kind_accuracy()
        )
    }
}

fn shared(dir: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(dir);
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("{} is absent; not scored", p.display());
        None
    }
}

/// The claims extracted from `text`, read as a plain-text article.
fn claims(name: &str, text: &str) -> Vec<Claim> {
    let article = ingest::parse(name, text.as_bytes(), ingest::Format::Text).expect("parses");
    extract::extract(&article).claims
}

fn unit_family(u: &str) -> &str {
    match u {
        "h" | "hr" | "hrs" | "hour" | "hours" => "hours",
        "" | "count" | "people" | "patients" => "count",
        other => other,
    }
}

fn same_value(g: &Gold, c: &Claim) -> bool {
    let e = c.value.low.zip(c.value.high.or(c.value.low));
    match (g.bounds, e) {
        (Some((gl, gh)), Some((el, eh))) => (gl - el).abs() <= 0.5 && (gh - eh).abs() <= 0.5,
        (None, None) => unit_family(&g.unit) == unit_family(c.value.unit.as_str()),
        _ => false,
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Scores the claims of one article against its gold, into `score`.
fn score_article(gold: &[&Gold], claims: &[Claim], score: &mut Score) {
    let span = |c: &Claim| c.location.start..c.location.end;
    let mut used = vec![false; claims.len()];
    for g in gold {
        let hit = (0..claims.len()).find(|&k| {
            !used[k] && overlaps(&span(&claims[k]), &g.span) && same_value(g, &claims[k])
        });
        match hit {
            Some(k) => {
                used[k] = true;
                if !g.optional {
                    score.found += 1;
                    score.required += 1;
                    if claims[k].kind.as_str() == g.kind {
                        score.kind_ok += 1;
                    } else {
                        score.kinds.push(format!(
                            "{} {:?}: gold {} got {}",
                            g.file, g.span, g.kind, claims[k].kind
                        ));
                    }
                }
            }
            None if !g.optional => {
                score.required += 1;
                score
                    .misses
                    .push(format!("{} {:?} {:?} {}", g.file, g.span, g.bounds, g.unit));
            }
            None => {
                for (k, c) in claims.iter().enumerate() {
                    if overlaps(&span(c), &g.span) {
                        used[k] = true;
                    }
                }
            }
        }
    }
    for (k, c) in claims.iter().enumerate() {
        if !used[k] && !gold.iter().any(|g| overlaps(&span(c), &g.span)) {
            score.false_positives += 1;
            score
                .extra
                .push(format!("{:?} {} {}", c.quote, c.value, c.kind));
        }
    }
}

/// Scores every article of `dir` named in `gold`; `cut_url_line` drops a first `URL: …` line
/// as the development set's scorer does.
fn score(dir: &Path, gold: &[Gold], cut_url_line: bool) -> Score {
    let mut files: Vec<&str> = gold.iter().map(|g| g.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let mut score = Score::default();
    for file in files {
        let raw = std::fs::read_to_string(dir.join(file)).expect("article reads");
        let text = match raw.strip_prefix("URL: ") {
            Some(rest) if cut_url_line => rest.split_once('\n').map_or("", |(_, t)| t).to_owned(),
            _ => raw,
        };
        let own: Vec<&Gold> = gold.iter().filter(|g| g.file == file).collect();
        score_article(&own, &claims(file, &text), &mut score);
    }
    score
}

fn report(name: &str, s: &Score) {
    eprintln!("{name}: {}", s.line());
    for m in &s.misses {
        eprintln!("  MISS {m}");
    }
    for e in &s.extra {
        eprintln!("  FP   {e}");
    }
    for k in &s.kinds {
        eprintln!("  KIND {k}");
    }
}

#[test]
fn development_set_of_clinic_pages() {
    let Some(dir) = shared("extract-dev") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("gold.jsonl")).expect("gold reads");
    let mut texts: std::collections::HashMap<String, String> = Default::default();
    let gold: Vec<Gold> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold line is JSON");
            let file = v["article"].as_str().expect("article").to_owned();
            let page = texts.entry(file.clone()).or_insert_with(|| {
                let raw = std::fs::read_to_string(dir.join(&file)).expect("article reads");
                raw.split_once('\n').map_or("", |(_, t)| t).to_owned()
            });
            let quote = v["quote"].as_str().expect("quote");
            let at = page.find(quote).expect("quote in its article");
            let bounds = match &v["value"] {
                serde_json::Value::Array(a) => {
                    Some((a[0].as_f64().unwrap_or(0.0), a[1].as_f64().unwrap_or(0.0)))
                }
                serde_json::Value::Number(n) => n.as_f64().map(|x| (x, x)),
                _ => None,
            };
            Gold {
                file,
                span: at..at + quote.len(),
                bounds,
                unit: v["unit"].as_str().unwrap_or("").to_owned(),
                kind: v["kind"].as_str().unwrap_or("").to_owned(),
                optional: v["optional"].as_bool().unwrap_or(false),
            }
        })
        .collect();
    let s = score(&dir, &gold, true);
    report("extract-dev", &s);
    assert!(s.recall() >= 0.95, "{}", s.line());
    assert!(s.precision() >= 0.95, "{}", s.line());
    assert!(s.kind_accuracy() >= 0.90, "{}", s.line());
}

#[test]
fn seed_articles() {
    let Some(dir) = shared("seed-articles") else {
        return;
    };
    let tsv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-gold.tsv"),
    )
    .expect("seed gold reads");
    let gold: Vec<Gold> = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file\t") && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 7, "seed gold line {l:?}");
            let num = |s: &str| s.parse::<f64>().ok();
            Gold {
                file: f[0].to_owned(),
                span: f[1].parse().expect("start")..f[2].parse().expect("end"),
                bounds: num(f[3]).zip(num(f[4])),
                unit: f[5].to_owned(),
                kind: f[6].to_owned(),
                optional: false,
            }
        })
        .collect();
    let s = score(&dir, &gold, false);
    report("seed articles", &s);
    assert!(s.recall() >= 0.95, "{}", s.line());
    assert!(s.precision() >= 0.95, "{}", s.line());
}
