//! Throughput of the efetch parser on a large generated `PubmedArticleSet`.
//!
//! At start-up this builds a deterministic document of at least 100 MB from varied, realistic
//! records (structured abstracts with `<sup>`, `<sub>` and MathML, long author lists, MeSH,
//! comments/corrections, reference lists) with distinct PMIDs, and writes it to a temporary file.
//! It then measures `parse` on the bytes in memory and `RecordReader` streaming the file through a
//! `BufReader`. Run with `cargo bench --bench parse`; divan reports bytes per second.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufReader, Write as _};
use std::sync::OnceLock;

use claimcheck::pubmed::parse::{parse, RecordReader};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};

/// At least this many bytes of XML.
const TARGET_BYTES: usize = 100 * 1024 * 1024;

fn main() {
    divan::main();
}

struct Corpus {
    bytes: Vec<u8>,
    records: usize,
    file: tempfile::NamedTempFile,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let (xml, records) = generate(TARGET_BYTES);
        let mut file = tempfile::NamedTempFile::new().expect("temporary file");
        file.write_all(xml.as_bytes()).expect("write corpus");
        file.flush().expect("flush corpus");
        Corpus {
            bytes: xml.into_bytes(),
            records,
            file,
        }
    })
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn parse_in_memory(bencher: Bencher) {
    let c = corpus();
    bencher.counter(BytesCount::new(c.bytes.len())).bench(|| {
        let parsed = parse(black_box(&c.bytes)).expect("valid corpus");
        assert_eq!(parsed.records.len(), c.records);
        parsed
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn record_reader_file(bencher: Bencher) {
    let c = corpus();
    bencher.counter(BytesCount::new(c.bytes.len())).bench(|| {
        let file = File::open(c.file.path()).expect("open corpus");
        let reader = RecordReader::new(BufReader::with_capacity(64 * 1024, file));
        let mut n = 0usize;
        for record in reader {
            black_box(record.expect("valid corpus"));
            n += 1;
        }
        assert_eq!(n, c.records);
    });
}

/// A small deterministic generator (xorshift), so every run parses the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "patients",
    "treatment",
    "depression",
    "ketamine",
    "placebo",
    "response",
    "remission",
    "randomized",
    "trial",
    "infusion",
    "significant",
    "outcome",
    "baseline",
    "week",
    "dose",
    "symptoms",
    "scores",
    "analysis",
    "cohort",
    "risk",
    "associated",
    "reduction",
    "increase",
    "mean",
    "median",
    "severity",
    "participants",
    "group",
    "controlled",
    "efficacy",
    "safety",
];
const LAST_NAMES: &[&str] = &[
    "Smith",
    "García",
    "Müller",
    "Nguyen",
    "O'Brien",
    "Kowalski",
    "Rossi",
    "Tanaka",
    "Ivanova",
    "Okafor",
    "Schöffski",
    "Lindqvist",
    "Dubois",
    "Haddad",
    "Chen",
];
const MESH: &[&str] = &[
    "Humans",
    "Adult",
    "Female",
    "Male",
    "Middle Aged",
    "Ketamine",
    "Antidepressive Agents",
    "Depressive Disorder, Major",
    "Depressive Disorder, Treatment-Resistant",
    "Treatment Outcome",
    "Double-Blind Method",
    "Infusions, Intravenous",
    "Psychiatric Status Rating Scales",
];
const PUB_TYPES: &[&str] = &[
    "Randomized Controlled Trial",
    "Meta-Analysis",
    "Review",
    "Multicenter Study",
    "Comparative Study",
    "Research Support, N.I.H., Extramural",
];
const MONTHS: &[&str] = &[
    "Jan", "Feb", "03", "April", "May", "Jun", "07", "Aug", "Sep", "Oct",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.below(14);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
        match rng.below(12) {
            0 => out.push_str(" r<sup>2</sup>&lt;0.25"),
            1 => out.push_str(" p<sub>trend</sub>=0.048"),
            2 => {
                let _ = write!(out, " {}.{}%", rng.below(90), rng.below(10));
            }
            3 => out.push_str(" (<i>P</i> &lt; 0.001; &#x3b2;, 0.146)"),
            _ => {}
        }
    }
    out.push_str(". ");
}

fn mathml(out: &mut String) {
    out.push_str(concat!(
        "<mml:math xmlns:mml=\"http://www.w3.org/1998/Math/MathML\"><mml:msub><mml:mrow><mml:mover>",
        "<mml:mrow><mml:mi>V</mml:mi></mml:mrow><mml:mo>.</mml:mo></mml:mover><mml:mi>O</mml:mi></mml:mrow>",
        "<mml:mrow><mml:mn>2</mml:mn><mml:mi>m</mml:mi><mml:mi>a</mml:mi><mml:mi>x</mml:mi></mml:mrow>",
        "</mml:msub></mml:math> "
    ));
}

fn record(rng: &mut Rng, pmid: u32, out: &mut String) {
    let year = 1990 + rng.below(35);
    let _ = write!(
        out,
        "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\" IndexingMethod=\"Automated\"><PMID Version=\"1\">{pmid}</PMID>\
<DateCompleted><Year>{year}</Year><Month>09</Month><Day>22</Day></DateCompleted><DateRevised><Year>2024</Year><Month>10</Month><Day>19</Day></DateRevised>\
<Article PubModel=\"Print-Electronic\"><Journal><ISSN IssnType=\"Electronic\">1535-7228</ISSN><JournalIssue CitedMedium=\"Internet\"><Volume>{}</Volume><Issue>{}</Issue>\
<PubDate><Year>{year}</Year><Month>{}</Month></PubDate></JournalIssue><Title>The American journal of psychiatry</Title><ISOAbbreviation>Am J Psychiatry</ISOAbbreviation></Journal>\
<ArticleTitle>",
        100 + rng.below(80),
        1 + rng.below(12),
        rng.pick(MONTHS)
    );
    sentence(rng, out);
    let _ = write!(
        out,
        "</ArticleTitle><Pagination><StartPage>{0}</StartPage><EndPage>{1}</EndPage><MedlinePgn>{0}-{1}</MedlinePgn></Pagination>\
<ELocationID EIdType=\"doi\" ValidYN=\"Y\">10.1176/appi.ajp.{pmid}</ELocationID><Abstract>",
        100 + rng.below(800),
        900 + rng.below(99)
    );
    for (label, category) in [
        ("BACKGROUND", "BACKGROUND"),
        ("METHODS", "METHODS"),
        ("RESULTS", "RESULTS"),
        ("CONCLUSIONS", "CONCLUSIONS"),
    ] {
        let _ = write!(
            out,
            "<AbstractText Label=\"{label}\" NlmCategory=\"{category}\">"
        );
        for _ in 0..2 + rng.below(5) {
            sentence(rng, out);
        }
        if label == "RESULTS" && rng.below(3) == 0 {
            mathml(out);
            sentence(rng, out);
        }
        out.push_str("</AbstractText>");
    }
    out.push_str("<CopyrightInformation>Copyright the authors.</CopyrightInformation></Abstract><AuthorList CompleteYN=\"Y\">");
    for i in 0..3 + rng.below(25) {
        let _ = write!(
            out,
            "<Author ValidYN=\"Y\"><LastName>{}</LastName><ForeName>Alex {}</ForeName><Initials>A{}</Initials>\
<AffiliationInfo><Affiliation>Department of Psychiatry, University Hospital {i}, City, Country.</Affiliation></AffiliationInfo></Author>",
            rng.pick(LAST_NAMES),
            (b'A' + (i % 26) as u8) as char,
            (b'A' + (i % 26) as u8) as char
        );
    }
    out.push_str("<Author ValidYN=\"Y\"><CollectiveName>Study Group</CollectiveName></Author></AuthorList><Language>eng</Language><PublicationTypeList><PublicationType UI=\"D016428\">Journal Article</PublicationType>");
    for _ in 0..1 + rng.below(3) {
        let _ = write!(
            out,
            "<PublicationType UI=\"D000000\">{}</PublicationType>",
            rng.pick(PUB_TYPES)
        );
    }
    out.push_str("</PublicationTypeList></Article><MedlineJournalInfo><Country>United States</Country><MedlineTA>Am J Psychiatry</MedlineTA><NlmUniqueID>0370512</NlmUniqueID></MedlineJournalInfo>\
<ChemicalList><Chemical><RegistryNumber>690G0D6V8H</RegistryNumber><NameOfSubstance UI=\"D007649\">Ketamine</NameOfSubstance></Chemical></ChemicalList><CommentsCorrectionsList>");
    for _ in 0..rng.below(6) {
        let _ = write!(
            out,
            "<CommentsCorrections RefType=\"CommentIn\"><RefSource>Am J Psychiatry. {year};1:1-2.</RefSource><PMID Version=\"1\">{}</PMID></CommentsCorrections>",
            1_000_000 + rng.below(30_000_000)
        );
    }
    out.push_str("</CommentsCorrectionsList><MeshHeadingList>");
    for _ in 0..4 + rng.below(10) {
        let _ = write!(
            out,
            "<MeshHeading><DescriptorName UI=\"D000001\" MajorTopicYN=\"N\">{}</DescriptorName><QualifierName UI=\"Q000627\" MajorTopicYN=\"Y\">therapeutic use</QualifierName></MeshHeading>",
            rng.pick(MESH)
        );
    }
    let _ = write!(
        out,
        "</MeshHeadingList></MedlineCitation><PubmedData><History><PubMedPubDate PubStatus=\"entrez\"><Year>{year}</Year><Month>9</Month><Day>20</Day><Hour>14</Hour><Minute>4</Minute></PubMedPubDate>\
</History><PublicationStatus>ppublish</PublicationStatus><ArticleIdList><ArticleId IdType=\"pubmed\">{pmid}</ArticleId><ArticleId IdType=\"pmc\">PMC{}</ArticleId>\
<ArticleId IdType=\"doi\">10.1176/appi.ajp.{pmid}</ArticleId></ArticleIdList><ReferenceList>",
        pmid / 3
    );
    for _ in 0..10 + rng.below(50) {
        let cited = 1_000_000 + rng.below(30_000_000);
        out.push_str("<Reference><Citation>");
        let _ = write!(
            out,
            "{} A., {} B., ",
            rng.pick(LAST_NAMES),
            rng.pick(LAST_NAMES)
        );
        sentence(rng, out);
        let _ = write!(
            out,
            "J. Psychiatr. Res. 12, 752&#x2013;762 ({year}).</Citation><ArticleIdList><ArticleId IdType=\"doi\">10.1016/j.x.{cited}</ArticleId><ArticleId IdType=\"pubmed\">{cited}</ArticleId></ArticleIdList></Reference>"
        );
    }
    out.push_str("</ReferenceList></PubmedData></PubmedArticle>\n");
}

/// A `PubmedArticleSet` of at least `target` bytes, and how many records it holds.
fn generate(target: usize) -> (String, usize) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(target + 1024 * 1024);
    out.push_str("<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n<PubmedArticleSet>\n");
    let mut records = 0usize;
    let mut pmid = 30_000_000u32;
    while out.len() < target {
        record(&mut rng, pmid, &mut out);
        pmid += 1 + rng.below(7) as u32;
        records += 1;
    }
    out.push_str("</PubmedArticleSet>\n");
    (out, records)
}
