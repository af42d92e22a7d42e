//! The offline PubMed fixtures (`fixtures/pubmed/`, laid out as a claimcheck cache) are valid:
//! every record file parses to exactly one record whose PMID is its file name, every id-map entry
//! points at a record that exists and carries that id, and each study's abstract states the
//! figures the CLI tests check claims against.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use claimcheck::model::{Record, RecordKind};
use claimcheck::pubmed::parse::parse;

const HEADER: &str = "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n<PubmedArticleSet>\n";
const FOOTER: &str = "\n</PubmedArticleSet>\n";

fn root() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pubmed")).to_path_buf()
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect();
    out.sort();
    out
}

fn stem(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("file name")
}

/// Every record fixture, by PMID.
fn records() -> BTreeMap<u32, Record> {
    let mut out = BTreeMap::new();
    for path in files(&root().join("pubmed"), "xml") {
        let text = std::fs::read_to_string(&path).expect("utf-8 fixture");
        assert!(
            text.starts_with(HEADER),
            "{}: efetch header",
            path.display()
        );
        assert!(text.ends_with(FOOTER), "{}: efetch footer", path.display());
        let parsed = parse(text.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(parsed.records.len(), 1, "{}: one record", path.display());
        let rec = parsed.records.into_iter().next().expect("one record");
        // The record element is the whole body: the cache stores exactly these bytes.
        assert_eq!(
            rec.raw,
            HEADER.len()..text.len() - FOOTER.len(),
            "{}",
            path.display()
        );
        let pmid: u32 = stem(&path).parse().expect("file named by PMID");
        assert_eq!(rec.record.pmid, pmid, "{}", path.display());
        assert!(!rec.record.title.is_empty(), "{pmid}: title");
        assert!(!rec.record.abstract_sections.is_empty(), "{pmid}: abstract");
        assert!(rec.record.pub_date.year.is_some(), "{pmid}: year");
        out.insert(pmid, rec.record);
    }
    out
}

/// The cache's file name for an id-map key: bytes outside `[A-Za-z0-9._-]` as `%XX`.
fn encode_key(key: &str) -> String {
    let mut out = String::new();
    for b in key.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[test]
fn every_fixture_is_one_record_named_by_its_pmid() {
    let recs = records();
    assert_eq!(recs.len(), 11, "ten studies and one book record");
}

#[test]
fn every_idmap_entry_points_at_a_record_with_that_id() {
    let recs = records();
    let mut dois_mapped = Vec::new();
    for kind in ["doi", "pmc", "nbk"] {
        let dir = root().join("idmap").join(kind);
        if !dir.exists() {
            continue;
        }
        for path in files(&dir, "json") {
            let text = std::fs::read_to_string(&path).expect("utf-8");
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let key = value["key"].as_str().expect("key");
            assert_eq!(stem(&path), encode_key(key), "{}", path.display());
            let pmids = value["pmids"].as_array().expect("pmids");
            assert!(!pmids.is_empty(), "{}", path.display());
            for pmid in pmids {
                let pmid = u32::try_from(pmid.as_u64().expect("number")).expect("u32");
                let rec = recs
                    .get(&pmid)
                    .unwrap_or_else(|| panic!("{}: no record {pmid}", path.display()));
                let own = match kind {
                    "doi" => rec.doi.as_deref(),
                    "pmc" => rec.pmcid.as_deref(),
                    _ => rec.book_accession.as_deref(),
                };
                assert_eq!(own, Some(key), "{}", path.display());
            }
            if kind == "doi" {
                assert_eq!(key, key.to_ascii_lowercase(), "DOI keys are lower-cased");
                dois_mapped.push(key.to_owned());
            }
        }
    }
    // And the other way round: every record's DOI can be resolved offline.
    for rec in recs.values() {
        if let Some(doi) = &rec.doi {
            assert!(
                dois_mapped.contains(doi),
                "{}: no idmap for {doi}",
                rec.pmid
            );
        }
    }
}

/// (PMID, first author, publication type, phrases the abstract must state).
const STUDIES: &[(u32, &str, &str, &[&str])] = &[
    (
        10686270,
        "Berman",
        "Randomized Controlled Trial",
        &[
            "7 patients",
            "0.5 mg/kg",
            "within 72 hours",
            "14 ± 10 points",
        ],
    ),
    (
        16894061,
        "Zarate",
        "Randomized Controlled Trial",
        &[
            "Within 110 minutes",
            "71% and 29% met response and remission criteria, respectively",
            "the day after the infusion",
            "35% maintained their response",
            "at least 1 week",
        ],
    ),
    (
        23982301,
        "Murrough",
        "Randomized Controlled Trial",
        &[
            "73 patients",
            "64% and 28% in the ketamine and midazolam groups, respectively",
            "within 24 hours",
        ],
    ),
    (
        26423481,
        "Newport",
        "Meta-Analysis",
        &[
            "Seven trials of ketamine",
            "147 participants",
            "9.87; 95% CI 4.37–22.29",
            "14.47; 95% CI 2.67–78.49",
        ],
    ),
    (
        27056608,
        "Singh",
        "Randomized Controlled Trial",
        &[
            "67 were treated",
            "over 40 minutes",
            "up to 4 weeks",
            "−18.4 with ketamine versus −5.7",
            "−17.7 with ketamine versus −3.1",
            "day 15",
        ],
    ),
    (
        28969441,
        "Wilkinson",
        "Systematic Review",
        &[
            "167 patients",
            "within 1 day",
            "up to 1 week",
            "from 0.48 to 0.85",
        ],
    ),
    (
        30922101,
        "Phillips",
        "Randomized Controlled Trial",
        &[
            "6 open-label ketamine infusions",
            "over 2 weeks",
            "59% of patients met response criteria",
        ],
    ),
    (
        17074942,
        "Rush",
        "Multicenter Study",
        &[
            "3,671 outpatients",
            "36.8%, 30.6%, 13.7%, and 13.0%",
            "was 67%",
        ],
    ),
    (
        99000001,
        "Zhdanava",
        "Journal Article",
        &[
            "8.9 million",
            "2.8 million (30.9%) had TRD",
            "$43.8 billion (47.2%)",
        ],
    ),
    (
        31166571,
        "Daly",
        "Randomized Controlled Trial",
        &[
            "26.7% of the esketamine group and 45.3%",
            "hazard ratio, 0.49; 95% CI, 0.29–0.84",
            "25.8% and 57.6% of the esketamine and placebo groups, respectively",
            "hazard ratio, 0.30; 95% CI, 0.16–0.55",
        ],
    ),
];

#[test]
fn each_study_states_its_published_figures() {
    let recs = records();
    for (pmid, author, pub_type, phrases) in STUDIES {
        let rec = recs
            .get(pmid)
            .unwrap_or_else(|| panic!("no fixture for {pmid}"));
        assert_eq!(rec.kind, RecordKind::Article, "{pmid}");
        assert_eq!(rec.authors[0].last_name.as_deref(), Some(*author), "{pmid}");
        assert!(
            rec.publication_types.iter().any(|t| t == pub_type),
            "{pmid}: {pub_type}"
        );
        assert!(
            rec.journal.is_some() && rec.journal_iso.is_some(),
            "{pmid}: journal"
        );
        let results = rec
            .abstract_sections
            .iter()
            .filter(|s| s.category.as_deref() != Some("CONCLUSIONS"))
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for phrase in *phrases {
            assert!(
                results.contains(phrase),
                "{pmid}: {phrase:?} not in {results}"
            );
        }
    }
}

#[test]
fn the_book_record_is_a_bookshelf_chapter() {
    let recs = records();
    let book = &recs[&99000002];
    assert_eq!(book.kind, RecordKind::Book);
    assert_eq!(book.book_accession.as_deref(), Some("NBK9900002"));
    assert_eq!(
        book.title,
        "Treatment-Resistant Depression: Definitions and Frequency"
    );
    assert!(book
        .abstract_text()
        .contains("at least two adequate antidepressant trials"));
    assert!(book.abstract_text().contains("about 30%"));
}

#[test]
fn readme_names_the_fake_ids_and_every_file() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/README.md"))
            .expect("fixtures/README.md");
    for fake in ["99000001", "99000002", "NBK9900002"] {
        assert!(readme.contains(fake), "README must name {fake}");
    }
    for path in files(&root().join("pubmed"), "xml") {
        let name = format!(
            "pubmed/{}",
            path.file_name().and_then(|n| n.to_str()).expect("name")
        );
        assert!(readme.contains(&name), "README must list {name}");
    }
}
