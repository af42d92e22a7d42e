//! The `csv` format: one row per article claim and per literature figure, for a spreadsheet.
//!
//! Columns: `measure, kind, source_type, article_or_pmid, low, high, unit, approx, bound,
//! quote_or_sentence, line, column, time_point, design, n, outlier, synonym`. `source_type` is
//! `article` or `literature`, or `omitted` for a row that states how many claims or figures the
//! grouper counted but did not keep (its count is in `quote_or_sentence`). Values keep the unit
//! they were stated in. The `csv` crate writes RFC 4180 (CRLF line ends; a field with a comma,
//! quote or line break is quoted and its quotes doubled).
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula, so a text field
//! from an article or an abstract that starts with one of them (or with a tab or carriage
//! return) gets a leading `'`, which spreadsheets show as text. Numbers are ours and are never
//! touched. With [`CompareOptions::csv_bom`](super::CompareOptions) the file starts with a UTF-8
//! byte-order mark, so Excel reads "50–70%" as UTF-8 rather than as Windows-1252.

use std::io;

use super::{count, fmt_num, value_text, CompareOptions};
use crate::model::{Bound, CompareReport, Value};

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

const HEADER: [&str; 17] = [
    "measure",
    "kind",
    "source_type",
    "article_or_pmid",
    "low",
    "high",
    "unit",
    "approx",
    "bound",
    "quote_or_sentence",
    "line",
    "column",
    "time_point",
    "design",
    "n",
    "outlier",
    "synonym",
];

/// Writes the CSV report.
pub(super) fn render(
    report: &CompareReport,
    opts: &CompareOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    if opts.csv_bom {
        out.write_all(BOM)?;
    }
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let out = &mut out;
    out.write_record(HEADER)?;
    for m in &report.measures {
        let kind = m.kind.as_str().to_owned();
        for c in &m.claims {
            let [low, high, unit, approx, bound] = value_fields(&c.value);
            out.write_record(&[
                text(&m.key),
                kind.clone(),
                "article".to_owned(),
                text(&c.article),
                low,
                high,
                unit,
                approx,
                bound,
                text(&c.quote),
                c.location.line.to_string(),
                c.location.column.to_string(),
                String::new(),
                String::new(),
                String::new(),
                c.outlier.to_string(),
                c.synonym.as_deref().map(text).unwrap_or_default(),
            ])?;
        }
        for f in &m.literature {
            let [low, high, unit, approx, bound] = value_fields(&f.value);
            out.write_record(&[
                text(&m.key),
                kind.clone(),
                "literature".to_owned(),
                f.pmid.to_string(),
                low,
                high,
                unit,
                approx,
                bound,
                text(&f.sentence),
                String::new(),
                String::new(),
                f.time_point.as_ref().map(value_text).unwrap_or_default(),
                text(&f.design),
                f.n.map(|n| n.to_string()).unwrap_or_default(),
                String::new(),
                String::new(),
            ])?;
        }
        let omitted = [
            (m.claims_omitted, "claim", "claims"),
            (
                m.literature_omitted,
                "literature figure",
                "literature figures",
            ),
        ];
        for (n, one, many) in omitted {
            if n > 0 {
                let mut row: [String; 17] = Default::default();
                row[0] = text(&m.key);
                row[1] = kind.clone();
                row[2] = "omitted".to_owned();
                row[9] = format!("{} past the row limit not listed", count(n, one, many));
                out.write_record(&row)?;
            }
        }
    }
    out.flush()
}

/// A text field from outside (an article, an abstract, a path), kept from running as a formula.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// low, high, unit, approx, bound.
fn value_fields(v: &Value) -> [String; 5] {
    let num = |x: Option<f64>| x.map(fmt_num).unwrap_or_default();
    let bound = match v.bound {
        None => "",
        Some(Bound::AtLeast) => "at_least",
        Some(Bound::AtMost) => "at_most",
        Some(Bound::MoreThan) => "more_than",
        Some(Bound::LessThan) => "less_than",
    };
    [
        num(v.low),
        num(v.high),
        v.unit.as_str().to_owned(),
        v.approx.to_string(),
        bound.to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::CompareFormat;
    use super::*;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render_to_string(&sample_report(), CompareFormat::Csv));
    }

    #[test]
    fn formulas_become_text_and_numbers_stay() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for start in ["+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(text(start).starts_with('\''), "{start:?}");
        }
        assert_eq!(text("64% responded"), "64% responded");
        assert_eq!(
            value_fields(&Value::point(-3.0, crate::model::Unit::Percent))[0],
            "-3"
        );
    }

    #[test]
    fn a_bom_only_when_asked() {
        let report = sample_report();
        let mut plain = Vec::new();
        render(&report, &CompareOptions::default(), &mut plain).unwrap();
        assert!(plain.starts_with(b"measure,"));
        let mut bom = Vec::new();
        let opts = CompareOptions {
            csv_bom: true,
            ..CompareOptions::default()
        };
        render(&report, &opts, &mut bom).unwrap();
        assert_eq!(&bom[..3], BOM);
        assert_eq!(&bom[3..], &plain[..]);
    }

    #[test]
    fn every_row_has_every_column() {
        let text = render_to_string(&sample_report(), CompareFormat::Csv);
        let rows = parse(&text);
        assert!(rows.len() > 5);
        assert!(rows.iter().all(|r| r.len() == HEADER.len()), "{rows:?}");
        assert_eq!(rows[0], HEADER);
        let articles = rows.iter().filter(|r| r[2] == "article").count();
        let literature = rows.iter().filter(|r| r[2] == "literature").count();
        let report = sample_report();
        let claims: usize = report.measures.iter().map(|m| m.claims.len()).sum();
        let figures: usize = report.measures.iter().map(|m| m.literature.len()).sum();
        assert_eq!((articles, literature), (claims, figures));
    }

    /// A minimal RFC 4180 reader, to check the writer without a csv crate.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cur.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cur.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut cur)),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut cur));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => cur.push(c),
            }
        }
        rows
    }
}
