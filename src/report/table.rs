//! The `table` format: one comfy-table per article for a person at a terminal, then a summary
//! line with the verdict counts and the tolerance used.
//!
//! Colour comes only from [`RenderOptions::color`]; the table never probes the terminal (not for
//! colour, not for width), so the same report renders to the same bytes everywhere. With colour
//! off there is not a single escape code in the output.

use std::io;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table};

use super::{
    claim_in_sentence, reviewer_note, summary_text, tolerance_text, verdict_label, visible,
    RenderOptions,
};
use crate::model::{ArticleReport, CheckReport, Finding, Verdict};

/// The width every table is laid out to. Fixed rather than read from the terminal so that output
/// (and its snapshots) do not depend on where it runs; 120 columns fits a laptop terminal.
pub(super) const TABLE_WIDTH: u16 = 120;

/// Writes the table report.
pub(super) fn render(
    report: &CheckReport,
    opts: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    for article in &report.articles {
        writeln!(out, "{}", article_heading(article))?;
        if article.findings.is_empty() {
            writeln!(out, "no claims checked")?;
        } else {
            writeln!(out, "{}", article_table(article, opts.color))?;
        }
        writeln!(out)?;
    }
    // Two lines rather than one so that both stay within the table width.
    writeln!(out, "{}", summary_text(&report.summary))?;
    writeln!(out, "tolerance: {}", tolerance_text(&report.tolerance))
}

/// "articles/a.html — Title", or just the path when there is no title.
fn article_heading(article: &ArticleReport) -> String {
    match &article.title {
        Some(title) => format!("{} — {}", visible(&article.path), visible(title)),
        None => visible(&article.path),
    }
}

/// A comfy-table with the crate's shared look: fixed width, dynamic column wrapping, and styling
/// either forced on or forced off.
pub(super) fn new_table(color: bool) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(TABLE_WIDTH);
    // comfy-table styles only when it thinks stdout is a terminal; the caller has already decided
    // (from --color, NO_COLOR and isatty), so both branches override the guess.
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

fn article_table(article: &ArticleReport, color: bool) -> Table {
    let mut table = new_table(color);
    table.set_header([
        "line:col / id",
        "verdict",
        "kind",
        "claim",
        "evidence",
        "reason",
    ]);
    for f in &article.findings {
        table.add_row(vec![
            Cell::new(format!(
                "{}:{}\n{}",
                f.location.line,
                f.location.column,
                visible(&f.claim_id)
            )),
            verdict_cell(f.verdict, color),
            Cell::new(f.kind.as_str()),
            Cell::new(format!("{}\n{}", f.value, claim_in_sentence(f))),
            Cell::new(evidence_text(f)),
            Cell::new(reason_text(f)),
        ]);
    }
    table
}

fn verdict_cell(verdict: Verdict, color: bool) -> Cell {
    let cell = Cell::new(verdict_label(verdict));
    if !color {
        return cell;
    }
    match verdict {
        Verdict::Supported => cell.fg(Color::Green),
        Verdict::Differs => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        Verdict::NotFound => cell.fg(Color::Yellow),
        Verdict::Unsourced => cell.fg(Color::Magenta),
        Verdict::Unverifiable => cell.fg(Color::DarkGrey).add_attribute(Attribute::Dim),
    }
}

/// One line per evidence item: "Alvarez et al. 2019, J Affect Disord (PMID 31000001): 64%
/// (agrees)".
fn evidence_text(f: &Finding) -> String {
    if f.evidence.is_empty() {
        return "—".to_owned();
    }
    f.evidence
        .iter()
        .map(|e| {
            let stance = if e.agrees { "agrees" } else { "disagrees" };
            format!(
                "{} (PMID {}): {} ({stance})",
                visible(&e.citation),
                e.pmid,
                visible(&e.figure)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The reason, then the conflict between sources and the reviewer's note when there are any.
fn reason_text(f: &Finding) -> String {
    let mut text = visible(&f.reason);
    if let Some(conflict) = &f.conflict {
        text.push_str(&format!("\nconflict: {}", visible(conflict)));
    }
    if let Some(note) = reviewer_note(f) {
        text.push_str(&format!("\n{}: {}", note.label, visible(note.text)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::Format;

    #[test]
    fn snapshot_plain() {
        insta::assert_snapshot!(render_to_string(&sample_report(), Format::Table, false));
    }

    #[test]
    fn no_escape_codes_without_color() {
        let text = render_to_string(&sample_report(), Format::Table, false);
        assert!(!text.contains('\u{1b}'), "found an escape code:\n{text}");
    }

    #[test]
    fn verdicts_are_coloured_with_color() {
        let text = render_to_string(&sample_report(), Format::Table, true);
        // crossterm's SGR sequences: 256-colour foreground (10 green, 9 red, 11 yellow,
        // 13 magenta, 8 grey), then bold (1) or dim (2) where set.
        for (verdict, start) in [
            ("supported", "\u{1b}[38;5;10m"),
            ("differs", "\u{1b}[38;5;9m\u{1b}[1m"),
            ("not found", "\u{1b}[38;5;11m"),
            ("unsourced", "\u{1b}[38;5;13m"),
            ("unverifiable", "\u{1b}[38;5;8m\u{1b}[2m"),
        ] {
            let coloured = format!("{start} {verdict} ");
            assert!(
                text.contains(&coloured),
                "{verdict} is not coloured {start:?} in:\n{text:?}"
            );
        }
        // Only the verdict column is styled: one styled cell per finding.
        assert_eq!(text.matches("\u{1b}[38;5;").count(), 6);
    }

    #[test]
    fn every_line_fits_the_fixed_width() {
        let text = render_to_string(&sample_report(), Format::Table, false);
        for line in text.lines() {
            assert!(
                line.chars().count() <= usize::from(super::TABLE_WIDTH),
                "line too wide: {line}"
            );
        }
    }

    #[test]
    fn summary_line_names_counts_and_tolerance() {
        let text = render_to_string(&sample_report(), Format::Table, false);
        let tail: Vec<&str> = text.lines().rev().take(2).collect();
        assert_eq!(
            tail,
            [
                "tolerance: ±5 percentage points and ±10% for percentages, ±10% otherwise",
                "6 claims: 2 supported, 1 differs, 1 not found, 1 unsourced, 1 unverifiable",
            ]
        );
    }
}
