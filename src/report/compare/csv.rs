//! The `csv` format: one row per article claim and per literature figure, for a spreadsheet.
//!
//! Columns: `measure, kind, source_type, article_or_pmid, low, high, unit, approx, bound,
//! quote_or_sentence, line, column, time_point, design, n, outlier, synonym`. `source_type` is
//! `article` or `literature`, or `omitted` for a row that states how many claims or figures the
//! grouper counted but did not keep (its count is in `quote_or_sentence`). Values keep the unit
//! they were stated in. Quoting follows RFC 4180 (CRLF line ends; a field with a comma, quote or
//! line break is quoted and its quotes doubled), written by hand: the format is too small for a
//! dependency.

use std::io;

use super::{count, fmt_num, value_text};
use crate::model::{Bound, CompareReport, Value};

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
pub(super) fn render(report: &CompareReport, out: &mut dyn io::Write) -> io::Result<()> {
    write_row(out, &HEADER.map(str::to_owned))?;
    for m in &report.measures {
        let kind = m.kind.as_str().to_owned();
        for c in &m.claims {
            let [low, high, unit, approx, bound] = value_fields(&c.value);
            write_row(
                out,
                &[
                    m.key.clone(),
                    kind.clone(),
                    "article".to_owned(),
                    c.article.clone(),
                    low,
                    high,
                    unit,
                    approx,
                    bound,
                    c.quote.clone(),
                    c.location.line.to_string(),
                    c.location.column.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    c.outlier.to_string(),
                    c.synonym.clone().unwrap_or_default(),
                ],
            )?;
        }
        for f in &m.literature {
            let [low, high, unit, approx, bound] = value_fields(&f.value);
            write_row(
                out,
                &[
                    m.key.clone(),
                    kind.clone(),
                    "literature".to_owned(),
                    f.pmid.to_string(),
                    low,
                    high,
                    unit,
                    approx,
                    bound,
                    f.sentence.clone(),
                    String::new(),
                    String::new(),
                    f.time_point.as_ref().map(value_text).unwrap_or_default(),
                    f.design.clone(),
                    f.n.map(|n| n.to_string()).unwrap_or_default(),
                    String::new(),
                    String::new(),
                ],
            )?;
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
                row[0] = m.key.clone();
                row[1] = kind.clone();
                row[2] = "omitted".to_owned();
                row[9] = format!("{} past the row limit not listed", count(n, one, many));
                write_row(out, &row)?;
            }
        }
    }
    Ok(())
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

fn write_row(out: &mut dyn io::Write, fields: &[String]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
    write!(out, "{}\r\n", line.join(","))
}

/// One RFC 4180 field: quoted when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
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
    fn fields_are_quoted_per_rfc_4180() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
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
