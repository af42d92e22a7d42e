//! The fuzz targets' bodies, shared by the AFL binaries (`src/bin/`) and the regression test
//! that replays every corpus and crash file through them (`tests/replay.rs`). Each target checks
//! what must hold for any input, beyond "does not panic".

use std::path::Path;

use claimcheck::evidence::{self, Outcome, RecordIndex, SourceOutcome};
use claimcheck::ingest::{self, Format};
use claimcheck::model::{AbstractSection, Record, Tolerance, Verdict};
use claimcheck::{claims_file, extract, pubmed};

/// HTML ingest and extraction: every claim lies inside the input.
pub fn html(data: &[u8]) {
    ingest_and_extract(data, Format::Html);
}

/// Text and Markdown ingest and extraction (the first byte picks the format).
pub fn extract(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = if first & 1 == 0 {
        Format::Text
    } else {
        Format::Markdown
    };
    ingest_and_extract(rest, format);
}

fn ingest_and_extract(data: &[u8], format: Format) {
    let Ok(article) = ingest::parse("fuzz", data, format) else {
        return;
    };
    let file = extract::extract(&article);
    for claim in &file.claims {
        let loc = &claim.location;
        assert!(loc.start <= loc.end, "{loc:?}");
        assert!(loc.end <= data.len(), "{loc:?} past {} bytes", data.len());
        assert!(loc.line >= 1 && loc.column >= 1, "{loc:?}");
    }
}

/// The three E-utilities readers: a parsed record's byte range lies inside the input.
pub fn pubmed(data: &[u8]) {
    if let Ok(parsed) = pubmed::parse::parse(data) {
        for r in &parsed.records {
            assert!(
                r.raw.start <= r.raw.end && r.raw.end <= data.len(),
                "{:?}",
                r.raw
            );
            assert!(r.record.pmid > 0);
        }
    }
    let _ = pubmed::esearch::parse(data);
    let _ = pubmed::idconv::parse(data);
}

/// The evidence stage on arbitrary text: the text's first line is an abstract's title and the
/// rest its results, which the reader reads; the claims extracted from the same text are then
/// checked against it. A claim called supported names the figure that agrees.
pub fn evidence(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    let index = RecordIndex::new(Record {
        pmid: 1,
        title: title.to_owned(),
        abstract_sections: vec![AbstractSection {
            label: Some("RESULTS".to_owned()),
            category: Some("RESULTS".to_owned()),
            text: body.to_owned(),
        }],
        ..Record::default()
    });
    let Ok(article) = ingest::parse("fuzz.txt", body.as_bytes(), Format::Text) else {
        return;
    };
    let sources = [SourceOutcome {
        source: "pmid:1",
        outcome: Outcome::Record {
            index: &index,
            inferred: false,
        },
    }];
    for mut claim in extract::extract(&article).claims {
        claim.sources = vec!["pmid:1".to_owned()];
        let finding = evidence::assess(&claim, &sources, &Tolerance::default());
        if finding.verdict == Verdict::Supported {
            assert!(finding.evidence.iter().any(|e| e.agrees), "{finding:?}");
        }
    }
}

/// The claims-file reader: text that reads writes back to text that reads the same.
pub fn claims_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.json");
    let Ok(file) = claims_file::parse(path, text) else {
        return;
    };
    let again = claims_file::parse(path, &claims_file::to_json(&file))
        .expect("a claims file written by claimcheck reads back");
    assert_eq!(again, file);
}
