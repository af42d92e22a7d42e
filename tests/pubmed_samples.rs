//! The efetch parser against real NCBI responses in `../shared/pubmed-samples` (read at run time,
//! never copied into the repository). Every top-level `.xml` file there must parse to exactly the
//! records asserted below; the `api-responses/` error documents must fail as API errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use claimcheck::model::{Record, RecordKind};
use claimcheck::pubmed::parse::{parse, ParseError, Parsed, RecordReader};

fn samples_dir() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/pubmed-samples"
    ))
    .to_path_buf()
}

fn read(name: &str) -> Vec<u8> {
    let path = samples_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn parse_file(name: &str) -> Parsed {
    parse(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn records(name: &str) -> Vec<Record> {
    parse_file(name)
        .records
        .into_iter()
        .map(|r| r.record)
        .collect()
}

fn only(name: &str) -> Record {
    let mut recs = records(name);
    assert_eq!(recs.len(), 1, "{name}");
    recs.remove(0)
}

fn pmids(name: &str) -> Vec<u32> {
    records(name).iter().map(|r| r.pmid).collect()
}

/// Text is flattened: no layout whitespace, no double spaces, no leftover markup, trimmed.
fn assert_readable(text: &str) {
    assert!(!text.contains("  "), "double space in {text:?}");
    assert!(
        !text.contains('\n') && !text.contains('\t'),
        "raw layout in {text:?}"
    );
    assert_eq!(text.trim(), text, "untrimmed {text:?}");
    assert!(
        !text.contains('<') || !text.contains("</"),
        "markup left in {text:?}"
    );
}

#[test]
fn every_sample_file_parses_to_the_expected_pmids() {
    let expected: BTreeMap<&str, Vec<u32>> = BTreeMap::from([
        ("pubmed1.xml", vec![12091962, 9997]),
        ("pubmed4.xml", vec![27797938]),
        ("pubmed5.xml", vec![28775130]),
        ("pubmed6.xml", vec![30108519]),
        ("efetch_citation_22663011.xml", vec![22663011]),
        ("pubmed-29768149.xml", vec![29768149]),
        (
            "examplesForTests.xml",
            vec![11237011, 17060194, 22859891, 10542500, 15517475],
        ),
        ("37729413.xml", vec![37729413]),
        ("37909814.xml", vec![]),
        ("efetch.pubmedbook.xml", vec![20301295]),
    ]);
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(samples_dir()).expect("samples directory") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("xml") {
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        let want = expected
            .get(name.as_str())
            .unwrap_or_else(|| panic!("{name}: a new sample; add its PMIDs to this test"));
        assert_eq!(&pmids(&name), want, "{name}");
        seen.push(name);
    }
    assert_eq!(seen.len(), expected.len(), "samples seen: {seen:?}");
}

#[test]
fn every_record_is_readable_and_its_raw_range_is_the_element() {
    for name in [
        "pubmed1.xml",
        "pubmed4.xml",
        "pubmed5.xml",
        "pubmed6.xml",
        "efetch_citation_22663011.xml",
        "pubmed-29768149.xml",
        "examplesForTests.xml",
        "37729413.xml",
        "efetch.pubmedbook.xml",
    ] {
        let bytes = read(name);
        let parsed = parse(&bytes).expect("valid");
        for rec in &parsed.records {
            let raw = &bytes[rec.raw.clone()];
            let open: &[u8] = if rec.record.kind == RecordKind::Book {
                b"<PubmedBookArticle>"
            } else {
                b"<PubmedArticle>"
            };
            let close: &[u8] = if rec.record.kind == RecordKind::Book {
                b"</PubmedBookArticle>"
            } else {
                b"</PubmedArticle>"
            };
            assert!(raw.starts_with(open), "{name} {}", rec.record.pmid);
            assert!(raw.ends_with(close), "{name} {}", rec.record.pmid);
            assert!(!rec.record.title.is_empty(), "{name} {}", rec.record.pmid);
            assert_readable(&rec.record.title);
            for s in &rec.record.abstract_sections {
                assert_readable(&s.text);
            }
        }
        // The streaming reader agrees with the in-memory parser.
        let streamed: Vec<Record> = RecordReader::new(std::io::BufReader::new(bytes.as_slice()))
            .collect::<Result<_, _>>()
            .expect("valid");
        let parsed: Vec<Record> = parsed.records.into_iter().map(|r| r.record).collect();
        assert_eq!(streamed, parsed, "{name}");
    }
}

#[test]
fn pubmed1_season_no_abstract_and_plain_abstract() {
    let recs = records("pubmed1.xml");
    let first = &recs[0];
    assert_eq!(
        first.title,
        "The treatment of AIDS behind the walls of correctional facilities."
    );
    assert!(first.abstract_sections.is_empty());
    assert_eq!(first.pub_date.year, Some(1990));
    assert_eq!(first.pub_date.season.as_deref(), Some("Spring"));
    assert_eq!(first.publication_types, ["Journal Article", "Review"]);
    assert_eq!(
        first.journal.as_deref(),
        Some("Social justice (San Francisco, Calif.)")
    );
    assert_eq!(first.journal_iso.as_deref(), Some("Soc Justice"));
    assert_eq!(first.doi, None);

    let second = &recs[1];
    assert_eq!(second.abstract_sections.len(), 1);
    assert_eq!(second.abstract_sections[0].label, None);
    assert_eq!(second.pub_date.month, Some(9));
    assert_eq!(second.pub_date.day, Some(28));
    // The DOI is only in PubmedData.
    assert_eq!(second.doi.as_deref(), Some("10.1016/0005-2795(76)90109-4"));
    assert_eq!(second.authors[0].last_name.as_deref(), Some("Strekas"));
    assert!(second.mesh_headings.iter().any(|m| m == "Chromatium"));
    // QualifierName is not a descriptor.
    assert!(!second.mesh_headings.iter().any(|m| m == "enzymology"));
}

#[test]
fn pubmed4_labels_inline_markup_and_own_ids() {
    let r = only("pubmed4.xml");
    assert_eq!(
        r.title,
        "Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer."
    );
    let labels: Vec<_> = r
        .abstract_sections
        .iter()
        .map(|s| s.label.as_deref())
        .collect();
    assert_eq!(
        labels,
        [
            Some("OBJECTIVE"),
            Some("DESIGN"),
            Some("RESULTS"),
            Some("CONCLUSIONS")
        ]
    );
    assert!(r.abstract_sections.iter().all(|s| s.category.is_none()));
    let results = &r.abstract_sections[2].text;
    assert!(
        results.contains("OR 1.72; 95% CI 1.07 to 2.78; p_trend=0.048"),
        "{results}"
    );
    assert!(
        results.contains("linkage disequilibrium r^2<0.25"),
        "{results}"
    );
    assert_eq!(r.pmcid.as_deref(), Some("PMC5442267"));
    assert_eq!(r.doi.as_deref(), Some("10.1136/gutjnl-2016-312510"));
    assert_eq!(r.pub_date.month, Some(6));
    assert_eq!(r.authors[0].last_name.as_deref(), Some("Bao"));
}

#[test]
fn pubmed5_label_differs_from_category() {
    let r = only("pubmed5.xml");
    let first = &r.abstract_sections[0];
    assert_eq!(first.label.as_deref(), Some("OBJECTIVES"));
    assert_eq!(first.category.as_deref(), Some("OBJECTIVE"));
    let results = &r.abstract_sections[2].text;
    assert!(
        results.contains("OR_Q3=4.15, 95% CI 1.56 to 11.01"),
        "{results}"
    );
    assert!(results.contains("p_trend <0.01"), "{results}");
    assert!(r.abstract_sections[1].text.contains("(0.4-<4.5 mIU/L)"));
    assert_eq!(r.pub_date.month, Some(2));
}

#[test]
fn pubmed6_mathml_is_text_and_nothing_is_glued() {
    let r = only("pubmed6.xml");
    assert!(
        r.title.starts_with("A \"Blood Relationship\" Between"),
        "{}",
        r.title
    );
    let text = r.abstract_text();
    // MathML V̇O2max becomes its tokens, kept apart from the words around it.
    assert!(
        text.contains("maximal oxygen uptake ( V.O_2max ) 67.6"),
        "{text}"
    );
    assert!(
        text.contains("running test for V.O_2max determination"),
        "{text}"
    );
    assert!(
        text.contains("best predictors of V.O_2max (r = 0.72-0.79; P < 0.001)"),
        "{text}"
    );
    assert!(text.contains("km·h^-1"), "{text}");
    assert!(text.contains("(LE_min)"), "{text}");
    assert!(text.contains("(r = 0.91; P < 0.001;"), "{text}");
    assert!(!text.contains("mml"), "{text}");
    assert_readable(&text);
    assert_eq!(r.pub_date.year, Some(2018));
    assert_eq!(r.pub_date.month, None);
}

#[test]
fn nejm_trametinib_rct() {
    let r = only("efetch_citation_22663011.xml");
    assert_eq!(
        r.title,
        "Improved survival with MEK inhibition in BRAF-mutated melanoma."
    );
    let cats: Vec<_> = r
        .abstract_sections
        .iter()
        .map(|s| s.category.as_deref())
        .collect();
    assert_eq!(
        cats,
        [
            Some("BACKGROUND"),
            Some("METHODS"),
            Some("RESULTS"),
            Some("CONCLUSIONS")
        ]
    );
    assert!(r.abstract_sections[2]
        .text
        .contains("0.45; 95% confidence interval [CI], 0.33 to 0.63; P<0.001"));
    assert!(r
        .publication_types
        .iter()
        .any(|t| t == "Randomized Controlled Trial"));
    assert!(r
        .publication_types
        .iter()
        .any(|t| t == "Clinical Trial, Phase III"));
    assert_eq!(r.doi.as_deref(), Some("10.1056/nejmoa1203421"));
    assert_eq!(r.pmcid, None);
    // 25 people and the study group; the InvestigatorList is not authors.
    assert_eq!(r.authors.len(), 26);
    assert_eq!(r.authors[17].last_name.as_deref(), Some("Becker"));
    assert_eq!(r.authors[17].fore_name.as_deref(), Some("Jürgen C"));
    assert_eq!(
        r.authors[25].collective_name.as_deref(),
        Some("METRIC Study Group")
    );
    assert_eq!(r.pub_date.month, Some(7));
    assert_eq!(r.short_citation(), "Flaherty et al. 2012, N Engl J Med");
}

#[test]
fn tab_indented_nejm_whitespace_is_normalised() {
    let r = only("pubmed-29768149.xml");
    let background = &r.abstract_sections[0].text;
    assert_eq!(
        background,
        "In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting β_2-agonist may be an alternative to conventional treatment strategies."
    );
    assert!(r.abstract_sections[2]
        .text
        .contains("34.4% vs. 31.1% of weeks"));
    assert_eq!(r.pub_date.month, Some(5));
    assert!(r
        .publication_types
        .iter()
        .any(|t| t == "Randomized Controlled Trial"));
}

#[test]
fn examples_for_tests_dates_collectives_and_references() {
    let recs = records("examplesForTests.xml");
    let genome = &recs[0];
    assert_eq!(
        genome
            .authors
            .last()
            .and_then(|a| a.collective_name.as_deref()),
        Some("International Human Genome Sequencing Consortium")
    );
    assert_eq!(genome.doi.as_deref(), Some("10.1038/35057062"));
    let zookeys = &recs[2];
    assert_eq!(zookeys.pub_date.year, Some(2012));
    assert_eq!(zookeys.pub_date.month, None);
    assert_eq!(zookeys.pmcid.as_deref(), Some("PMC3406479"));
    let thirty = &recs[3];
    assert_eq!(thirty.title, "Thirty years of service.");
    assert_eq!(
        thirty.pub_date.medline_date.as_deref(),
        Some("1998 Dec-1999 Jan")
    );
    assert_eq!(thirty.pub_date.year, Some(1998));
    assert!(thirty.abstract_sections.is_empty());
    let surgery = &recs[4];
    assert_eq!(surgery.pub_date.month, Some(10));
    assert_eq!(surgery.pub_date.day, Some(29));
}

#[test]
fn sci_adv_meta_analysis_ignores_its_51_references() {
    let bytes = read("37729413.xml");
    // The file really does carry the references whose ids must not leak into the record.
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(text.matches("<Reference>").count(), 51);
    let r = only("37729413.xml");
    assert_eq!(r.pmcid.as_deref(), Some("PMC10511184"));
    assert_eq!(r.doi.as_deref(), Some("10.1126/sciadv.adi3902"));
    assert_eq!(r.publication_types, ["Meta-Analysis", "Journal Article"]);
    assert!(r.abstract_sections[0]
        .text
        .contains("(OR, 1.860; 95% CI, 1.439 to 2.405; P < 0.001)"));
    assert!(r.abstract_sections[0].text.contains("(PD: β, 0.146;"));
    assert!(r.mesh_headings.iter().any(|m| m == "Depression"));
    assert_eq!(r.pub_date.month, Some(9));
}

#[test]
fn empty_article_set_has_no_records() {
    let parsed = parse_file("37909814.xml");
    assert!(parsed.records.is_empty());
    assert!(parsed.deleted.is_empty());
}

#[test]
fn genereviews_book_record() {
    let r = only("efetch.pubmedbook.xml");
    assert_eq!(r.pmid, 20301295);
    assert_eq!(r.kind, RecordKind::Book);
    assert_eq!(r.book_accession.as_deref(), Some("NBK1116"));
    assert_eq!(r.title, "GeneReviews™");
    assert_eq!(r.journal.as_deref(), Some("GeneReviews™"));
    assert_eq!(r.pub_date.year, Some(1993));
    assert_eq!(r.authors.len(), 5);
    assert_eq!(r.authors[0].last_name.as_deref(), Some("Pagon"));
    assert!(r.abstract_sections[0]
        .text
        .starts_with("GeneReviews are expert-authored"));
    // Section titles are a table of contents, not abstract text.
    assert!(!r.abstract_text().contains("1p36 Deletion Syndrome"));
}

#[test]
fn eutils_error_documents_are_api_errors() {
    for (name, message) in [
        (
            "api-responses/esearch.baderror.xml",
            "Invalid db name specified: fleegle",
        ),
        (
            "api-responses/einfo.error.xml",
            "Can not retrieve DbInfo for db=fleegle",
        ),
    ] {
        match parse(&read(name)) {
            Err(ParseError::Api { message: got }) => assert_eq!(got, message, "{name}"),
            other => panic!("{name}: expected an API error, got {other:?}"),
        }
    }
    for name in [
        "api-responses/esearch.pubmed.xml",
        "api-responses/esearch.error.xml",
        "api-responses/esummary.pmcerror.xml",
    ] {
        assert!(
            matches!(parse(&read(name)), Err(ParseError::NotPubmed { .. })),
            "{name}"
        );
    }
}
