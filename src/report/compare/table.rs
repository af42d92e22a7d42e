//! The `table` format: per measure a heading, its counts and spans, a comfy-table of the articles'
//! claims (article, line:col, value, quote, flags), a table of the literature figures, the
//! contradictions and what was left out; then one summary line.
//!
//! Like the `check` table it never probes the terminal: the width is fixed and colour is exactly
//! what the caller asked for, so the same report renders to the same bytes everywhere. Text from
//! articles, claims files and abstracts is made [`visible`] first: an ANSI escape in a quote never
//! reaches the terminal.

use std::io;

use comfy_table::{Cell, Color, Table};

use super::super::table::new_table;
use super::super::visible;
use super::{
    cited_by_text, flags, measure_meta, n_text, omitted_text, summary_text, time_point_text,
    value_text,
};
use crate::model::{CompareReport, MeasureGroup};

/// Writes the table report.
pub(super) fn render(
    report: &CompareReport,
    color: bool,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    for m in &report.measures {
        render_measure(m, report.row_limit, color, out)?;
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_text(report))
}

fn render_measure(
    m: &MeasureGroup,
    row_limit: usize,
    color: bool,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    writeln!(out, "{} [{}]", visible(&m.label), m.key)?;
    writeln!(out, "{}", visible(&measure_meta(m)))?;
    if !m.claims.is_empty() {
        writeln!(out, "{}", claims_table(m, color))?;
    }
    if !m.literature.is_empty() {
        writeln!(out, "literature:")?;
        writeln!(out, "{}", literature_table(m, color))?;
    }
    for c in &m.contradictions {
        writeln!(out, "contradiction: {}", visible(&c.note))?;
    }
    if let Some(text) = omitted_text(m, row_limit) {
        writeln!(out, "omitted: {text}")?;
    }
    Ok(())
}

fn claims_table(m: &MeasureGroup, color: bool) -> Table {
    let mut table = new_table(color);
    table.set_header(["article", "line:col", "value", "quote", "flags"]);
    for c in &m.claims {
        let flags = flags(c).join("\n");
        let mut flag_cell = Cell::new(flags);
        if color && c.outlier {
            flag_cell = flag_cell.fg(Color::Red);
        }
        table.add_row(vec![
            Cell::new(visible(&c.article)),
            Cell::new(format!("{}:{}", c.location.line, c.location.column)),
            Cell::new(value_text(&c.value)),
            Cell::new(format!("“{}”", visible(&c.quote))),
            flag_cell,
        ]);
    }
    table
}

fn literature_table(m: &MeasureGroup, color: bool) -> Table {
    let mut table = new_table(color);
    table.set_header(["PMID", "study", "value", "sentence", "cited by"]);
    for f in &m.literature {
        let study = [visible(&f.citation), visible(&f.design), n_text(f)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let value = match time_point_text(f) {
            t if t.is_empty() => value_text(&f.value),
            t => format!("{}\n{t}", value_text(&f.value)),
        };
        table.add_row(vec![
            Cell::new(f.pmid),
            Cell::new(study),
            Cell::new(value),
            Cell::new(format!("“{}”", visible(&f.sentence))),
            Cell::new(visible(&cited_by_text(f))),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::CompareFormat;
    use super::*;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render_to_string(&sample_report(), CompareFormat::Table));
    }

    #[test]
    fn colour_only_when_asked() {
        let report = sample_report();
        let plain = render_to_string(&report, CompareFormat::Table);
        assert!(!plain.contains('\u{1b}'));
        let mut out = Vec::new();
        render(&report, true, &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains('\u{1b}'));
    }
}
