//! Renderers for `claimcheck compare`: a finished [`CompareReport`] as a terminal table, JSON,
//! CSV, Markdown or one self-contained HTML page with a dot-and-range plot per measure.
//!
//! In: a fully resolved [`CompareReport`] (grouping, outliers and contradictions already decided
//! by `compare`), a [`CompareFormat`] and whether to colour the table. Out: bytes written to any
//! [`std::io::Write`]. Renderers only format: they must not regroup claims, re-decide outliers,
//! touch the network or print. Output is deterministic (no timestamps, no terminal probing) and
//! every omission the grouper made (rows past the limit, contradictions past the cap) is stated.
//!
//! One file per format, behind the single [`render_compare`] dispatch.

mod csv;
mod html;
mod json;
mod markdown;
mod table;

use std::io;

use super::fmt_num;
use crate::model::{ArticleClaim, CompareReport, LiteratureFigure, MeasureGroup, Unit, Value};

/// An output format for `claimcheck compare`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// A table per measure for people at a terminal.
    #[default]
    Table,
    /// The report as JSON (versioned).
    Json,
    /// One row per article claim and per literature figure.
    Csv,
    /// GitHub-flavoured Markdown, a section per measure.
    Markdown,
    /// One self-contained HTML page with a plot per measure; opens without a server.
    Html,
}

/// Options that change how a compare report looks, not what it says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompareOptions {
    /// Colour the table format.
    pub color: bool,
    /// Start the CSV format with a UTF-8 byte-order mark (for spreadsheets).
    pub csv_bom: bool,
}

/// Writes `report` to `out` in `format`.
///
/// The only errors are those of `out` (a closed pipe, a full disk).
pub fn render_compare(
    report: &CompareReport,
    format: CompareFormat,
    opts: &CompareOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        CompareFormat::Table => table::render(report, opts.color, out),
        CompareFormat::Json => json::render(report, out),
        CompareFormat::Csv => csv::render(report, opts, out),
        CompareFormat::Markdown => markdown::render(report, out),
        CompareFormat::Html => html::render(report, out),
    }
}

/// Counts over the whole report, for the summary lines.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Totals {
    claims: usize,
    outliers: usize,
    contradictions: usize,
    literature: usize,
}

impl Totals {
    fn of(report: &CompareReport) -> Totals {
        let mut t = Totals::default();
        for m in &report.measures {
            t.claims += m.claims_total;
            t.outliers += m.outliers;
            t.contradictions += m.contradictions.len() + m.contradictions_omitted;
            t.literature += m.literature.len() + m.literature_omitted;
        }
        t
    }
}

/// "12 articles, 6 measures, 40 claims, 3 outliers, 2 contradictions, 9 literature figures".
fn summary_text(report: &CompareReport) -> String {
    let t = Totals::of(report);
    [
        count(report.articles, "article", "articles"),
        count(report.measures.len(), "measure", "measures"),
        count(t.claims, "claim", "claims"),
        count(t.outliers, "outlier", "outliers"),
        count(t.contradictions, "contradiction", "contradictions"),
        count(t.literature, "literature figure", "literature figures"),
    ]
    .join(", ")
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "7 claims from 5 articles; articles span 30–80%; literature 29–64% (3 figures)".
fn measure_meta(m: &MeasureGroup) -> String {
    let mut parts = vec![format!(
        "{} from {}",
        count(m.claims_total, "claim", "claims"),
        count(m.articles, "article", "articles")
    )];
    if let Some(span) = m.span {
        parts.push(format!("articles span {}", span_text(span, m.unit)));
    }
    let figures = m.literature.len() + m.literature_omitted;
    match m.literature_span {
        Some(span) => parts.push(format!(
            "literature {} ({})",
            span_text(span, m.unit),
            count(figures, "figure", "figures")
        )),
        None if figures == 0 => parts.push("no literature figures".to_owned()),
        None => parts.push(count(figures, "literature figure", "literature figures")),
    }
    if m.outliers > 0 {
        parts.push(count(m.outliers, "outlier", "outliers"));
    }
    parts.join("; ")
}

/// What was left out of a measure's listing, or `None` when nothing was.
fn omitted_text(m: &MeasureGroup, row_limit: usize) -> Option<String> {
    let mut parts = Vec::new();
    if m.claims_omitted > 0 {
        parts.push(format!(
            "{} not listed (at most {row_limit} per measure, the first read); the counts and \
             the span include them, outlier flags do not",
            count(m.claims_omitted, "more claim", "more claims")
        ));
    }
    if m.literature_omitted > 0 {
        parts.push(format!(
            "{} not listed (the literature span covers them)",
            count(
                m.literature_omitted,
                "literature figure",
                "literature figures"
            )
        ));
    }
    if m.contradictions_omitted > 0 {
        parts.push(format!(
            "{} not listed",
            count(
                m.contradictions_omitted,
                "more contradiction",
                "more contradictions"
            )
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// "60–70%", "4 hours–2 days", "0.5 mg/kg".
fn span_text((lo, hi): (f64, f64), unit: Unit) -> String {
    if lo == hi {
        return amount(lo, unit);
    }
    match unit {
        Unit::Percent => format!("{}–{}%", fmt_num(lo), fmt_num(hi)),
        Unit::Hours => {
            let ((a, a_unit), (b, b_unit)) = (readable_time(lo), readable_time(hi));
            if a_unit == b_unit {
                format!(
                    "{}–{} {b_unit}",
                    fmt_num(round_sig(a)),
                    fmt_num(round_sig(b))
                )
            } else {
                format!("{}–{}", amount(lo, unit), amount(hi, unit))
            }
        }
        _ => format!("{}–{} {}", fmt_num(lo), fmt_num(hi), unit.as_str()),
    }
}

/// A number in a measure's unit; a time (always in hours) in the unit that reads best.
fn amount(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{}%", fmt_num(v)),
        Unit::Hours => {
            let (n, name) = readable_time(v);
            format!("{} {name}", fmt_num(round_sig(n)))
        }
        _ => format!("{} {}", fmt_num(v), unit.as_str()),
    }
}

/// A number of hours in the largest unit of which it is at least one (minutes below an hour).
fn readable_time(hours: f64) -> (f64, &'static str) {
    const UNITS: [(Unit, &str); 5] = [
        (Unit::Years, "years"),
        (Unit::Months, "months"),
        (Unit::Weeks, "weeks"),
        (Unit::Days, "days"),
        (Unit::Hours, "hours"),
    ];
    for (unit, name) in UNITS {
        let per = unit.hours().unwrap_or(1.0);
        let n = hours / per;
        // "1 week" reads well, "1.14 weeks" does not: below two of a unit, use it only for whole
        // or half numbers; and "24 hours" is how people write a day.
        let round = unit != Unit::Days && (n * 2.0 - (n * 2.0).round()).abs() < 1e-9;
        if n >= 2.0 || (n >= 1.0 && round) || unit == Unit::Hours && n >= 1.0 {
            let name = if n == 1.0 {
                name.trim_end_matches('s')
            } else {
                name
            };
            return (n, name);
        }
    }
    (hours * 60.0, "minutes")
}

/// Rounds to three significant digits so that converted times print as "1.14", not "1.142857".
fn round_sig(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 3 - (v.abs().log10().floor() as i32) - 1;
    let scale = 10f64.powi(digits.max(0));
    (v * scale).round() / scale
}

/// "outlier; synonym: relief; approximate".
fn flags(c: &ArticleClaim) -> Vec<String> {
    let mut out = Vec::new();
    if c.outlier {
        out.push("outlier".to_owned());
    }
    if let Some(s) = &c.synonym {
        out.push(format!("synonym: {s}"));
    }
    if c.value.approx {
        out.push("approximate".to_owned());
    }
    if c.value.is_vague() {
        out.push("no number".to_owned());
    }
    out
}

/// "at 24 hours", or empty.
fn time_point_text(f: &LiteratureFigure) -> String {
    f.time_point
        .as_ref()
        .map(|t| format!("at {}", value_text(t)))
        .unwrap_or_default()
}

/// "a.html, b.html and 3 more", or "search candidate" when no article cites the record.
fn cited_by_text(f: &LiteratureFigure) -> String {
    if f.cited_by.is_empty() && f.cited_by_omitted == 0 {
        return "search candidate".to_owned();
    }
    let mut s = f.cited_by.join(", ");
    if f.cited_by_omitted > 0 {
        s.push_str(&format!(" and {} more", f.cited_by_omitted));
    }
    s
}

/// "n=60", or empty.
fn n_text(f: &LiteratureFigure) -> String {
    f.n.map(|n| format!("n={n}")).unwrap_or_default()
}

/// The value as stated, e.g. "70–80%"; "1 week" rather than "1 weeks".
fn value_text(v: &Value) -> String {
    let text = v.to_string();
    let one = v.low == Some(1.0) && v.high == Some(1.0);
    if one && v.unit.hours().is_some() {
        if let Some(singular) = text.strip_suffix('s') {
            return singular.to_owned();
        }
    }
    text
}

#[cfg(test)]
pub(crate) mod tests;
