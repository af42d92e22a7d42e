//! Exact positions in every encoding: one page, written in each encoding, must yield the same
//! claims at the same lines and columns (counted in decoded characters), with byte offsets that
//! point at the quote's own bytes in the encoded file. A legacy byte never changes a value.

use claimcheck::ingest::{self, Format};
use claimcheck::{extract, model::Claim};

/// The page, with `{charset}` and `{word}` to fill: `word` holds characters the encoding has
/// (and, for UTF-16, one whose code unit contains a 0x0A byte), `dash` its en dash if it has one.
fn page(charset: &str, word: &str, dash: &str) -> String {
    format!(
        "<html><head><meta charset=\"{charset}\"><title>{word} notes</title></head>\n\
         <body>\n\
         <p>{word}: a clinic note before the claims.</p>\n\
         <p>{word} says relief comes within 24{dash}48 hours, and 64% of patients respond.</p>\n\
         </body></html>\n"
    )
}

struct Case {
    name: &'static str,
    /// The byte-order mark written before the page.
    bom: &'static [u8],
    encode: fn(&str) -> Vec<u8>,
    charset: &'static str,
    word: &'static str,
    dash: &'static str,
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if le {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

fn legacy(label: &str, text: &str) -> Vec<u8> {
    let enc = encoding_rs::Encoding::for_label(label.as_bytes()).expect("known label");
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{label} cannot write the test text");
    bytes.into_owned()
}

const CASES: &[Case] = &[
    Case {
        name: "utf-8",
        bom: b"",
        encode: |t| t.as_bytes().to_vec(),
        charset: "utf-8",
        word: "Café Ċ",
        dash: "–",
    },
    Case {
        name: "utf-8 with BOM",
        bom: b"\xEF\xBB\xBF",
        encode: |t| t.as_bytes().to_vec(),
        charset: "utf-8",
        word: "Café Ċ",
        dash: "–",
    },
    Case {
        name: "utf-16le with BOM",
        bom: b"\xFF\xFE",
        encode: |t| utf16(t, true),
        charset: "utf-16",
        word: "Café Ċ",
        dash: "–",
    },
    Case {
        name: "utf-16be with BOM",
        bom: b"\xFE\xFF",
        encode: |t| utf16(t, false),
        charset: "utf-16",
        word: "Café Ċ",
        dash: "–",
    },
    Case {
        name: "utf-16le without BOM",
        bom: b"",
        encode: |t| utf16(t, true),
        charset: "utf-16",
        word: "Café Ċ",
        dash: "–",
    },
    Case {
        name: "utf-16be without BOM",
        bom: b"",
        encode: |t| utf16(t, false),
        charset: "utf-16",
        word: "Café Ċ",
        dash: "–",
    },
    Case {
        name: "windows-1252 declared",
        bom: b"",
        encode: |t| legacy("windows-1252", t),
        charset: "windows-1252",
        word: "Café “quoted”",
        dash: "–",
    },
    Case {
        name: "windows-1252 undeclared",
        bom: b"",
        encode: |t| legacy("windows-1252", t),
        charset: "x-no-such-charset",
        word: "Café “quoted”",
        dash: "–",
    },
    Case {
        name: "iso-8859-2",
        bom: b"",
        encode: |t| legacy("iso-8859-2", t),
        charset: "iso-8859-2",
        word: "Łódź",
        dash: "-",
    },
    Case {
        name: "koi8-r",
        bom: b"",
        encode: |t| legacy("koi8-r", t),
        charset: "koi8-r",
        word: "Клиника",
        dash: "-",
    },
    Case {
        name: "shift_jis",
        bom: b"",
        encode: |t| legacy("shift_jis", t),
        charset: "shift_jis",
        word: "東京クリニック",
        dash: "-",
    },
];

/// (line, column) of byte offset `at` of `text`, in characters.
fn line_col(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u32, col as u32)
}

fn claims_of(name: &str, bytes: &[u8]) -> Vec<Claim> {
    let article =
        ingest::parse(name, bytes, Format::Html).unwrap_or_else(|e| panic!("{name}: {e}"));
    extract::extract(&article).claims
}

#[test]
fn every_encoding_gives_the_same_claims_at_the_same_places() {
    for case in CASES {
        let text = page(case.charset, case.word, case.dash);
        let bytes = [case.bom, &(case.encode)(&text)].concat();
        let claims = claims_of(case.name, &bytes);
        let quotes: Vec<&str> = claims.iter().map(|c| c.quote.as_str()).collect();
        let range = format!("within 24{}48 hours", case.dash);
        assert_eq!(quotes, [range.as_str(), "64%"], "{}", case.name);
        let onset = &claims[0];
        assert_eq!(
            (onset.value.low, onset.value.high),
            (Some(24.0), Some(48.0)),
            "{}: a legacy dash never changes the value",
            case.name
        );
        for claim in &claims {
            let at = text.find(&claim.quote).expect("quote in page");
            assert_eq!(
                (claim.location.line, claim.location.column),
                line_col(&text, at),
                "{}: {}",
                case.name,
                claim.quote
            );
            // Byte offsets are into the encoded file, and cover exactly the quote's bytes.
            let start = case.bom.len() + (case.encode)(&text[..at]).len();
            let end = start + (case.encode)(&claim.quote).len();
            assert_eq!(
                (claim.location.start, claim.location.end),
                (start, end),
                "{}: {}",
                case.name,
                claim.quote
            );
        }
    }
}

#[test]
fn undecodable_bytes_are_reported_at_their_line_and_column() {
    // Valid UTF-8 (é) with one bad byte on line 3.
    let mut bytes = "<p>Caf\u{e9}</p>\n<p>Second line.</p>\n<p>Third "
        .as_bytes()
        .to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice(b" line with 64% of patients.</p>\n");
    let article = ingest::parse("page.html", &bytes, Format::Html).unwrap();
    assert_eq!(
        article.warnings,
        ["page.html:3:10: bytes that are not valid UTF-8 were replaced with U+FFFD (the first here)"]
    );
}
