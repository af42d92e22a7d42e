//! The `markdown` format: GitHub-flavoured Markdown for a pull-request comment or an editor's
//! email.
//!
//! Layout: a title and the overall counts, then per article a heading, its counts, a table of every
//! finding and a "Claims to review" section that quotes, for each finding that is not supported,
//! the claim, the reason and the source sentences behind the verdict.
//!
//! Every piece of text from the article or the sources is escaped, so that a `|` cannot break a
//! table, a `*` cannot start emphasis and a `<tag>` cannot vanish into HTML. Verdicts are plain
//! words (no emoji) so the output reads the same in any mail client.

use std::io;

use super::{summary_text, tolerance_text, verdict_label};
use crate::model::{ArticleReport, CheckReport, Finding, Summary, Verdict};

/// Writes the Markdown report.
pub(super) fn render(report: &CheckReport, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "# claimcheck report")?;
    writeln!(out)?;
    writeln!(
        out,
        "{}. Tolerance: {}.",
        summary_text(&report.summary),
        tolerance_text(&report.tolerance)
    )?;
    for article in &report.articles {
        writeln!(out)?;
        render_article(article, out)?;
    }
    Ok(())
}

fn render_article(article: &ArticleReport, out: &mut dyn io::Write) -> io::Result<()> {
    let heading = match &article.title {
        Some(title) => format!("{} — {}", escape(&article.path), escape(title)),
        None => escape(&article.path),
    };
    writeln!(out, "## {}", one_line(&heading))?;
    writeln!(out)?;
    // Counting is formatting, not judging: the verdicts themselves come from the report.
    writeln!(out, "{}.", summary_text(&Summary::of(&article.findings)))?;
    if article.findings.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "| Line | Verdict | Claim | Evidence / reason |")?;
    writeln!(out, "| ---: | --- | --- | --- |")?;
    for f in &article.findings {
        writeln!(
            out,
            "| {}:{} | {} | {} | {} |",
            f.location.line,
            f.location.column,
            verdict_markdown(f.verdict),
            claim_cell(f),
            evidence_cell(f)
        )?;
    }
    let to_review: Vec<&Finding> = article
        .findings
        .iter()
        .filter(|f| f.verdict != Verdict::Supported)
        .collect();
    if to_review.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "### Claims to review")?;
    for f in to_review {
        writeln!(out)?;
        render_details(f, out)?;
    }
    Ok(())
}

/// The verdict as a word, bold when it needs attention.
fn verdict_markdown(v: Verdict) -> String {
    match v {
        Verdict::Supported => verdict_label(v).to_owned(),
        _ => format!("**{}**", verdict_label(v)),
    }
}

fn claim_cell(f: &Finding) -> String {
    cell(&format!(
        "{}: “{}”",
        escape(&f.value.to_string()),
        escape(&f.quote)
    ))
}

fn evidence_cell(f: &Finding) -> String {
    let mut parts = vec![escape(&f.reason)];
    if let Some(conflict) = &f.conflict {
        parts.push(format!("conflict: {}", escape(conflict)));
    }
    for e in &f.evidence {
        parts.push(format!(
            "{} ({}): {}, {}",
            escape(&e.citation),
            pmid_link(e.pmid),
            escape(&e.figure),
            if e.agrees { "agrees" } else { "disagrees" }
        ));
    }
    cell(&parts.join("\n"))
}

fn render_details(f: &Finding, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(
        out,
        "#### Line {}:{}, {}",
        f.location.line,
        f.location.column,
        verdict_label(f.verdict)
    )?;
    writeln!(out)?;
    writeln!(out, "{}", blockquote(&escape(&f.quote)))?;
    writeln!(out)?;
    writeln!(
        out,
        "- Claimed: {} (`{}`, {})",
        escape(&f.value.to_string()),
        f.kind.as_str(),
        one_line(&escape(&f.subject))
    )?;
    writeln!(out, "- Why: {}", one_line(&escape(&f.reason)))?;
    if let Some(conflict) = &f.conflict {
        writeln!(out, "- Conflict: {}", one_line(&escape(conflict)))?;
    }
    for e in &f.evidence {
        writeln!(out)?;
        writeln!(
            out,
            "{} ({}) states {}, which {} with the claim:",
            one_line(&escape(&e.citation)),
            pmid_link(e.pmid),
            escape(&e.figure),
            if e.agrees { "agrees" } else { "does not agree" }
        )?;
        writeln!(out)?;
        writeln!(out, "{}", blockquote(&escape(&e.sentence)))?;
    }
    Ok(())
}

fn pmid_link(pmid: u32) -> String {
    format!("[PMID {pmid}](https://pubmed.ncbi.nlm.nih.gov/{pmid}/)")
}

/// Backslash-escapes the ASCII punctuation that Markdown (and GFM tables, strikethrough and
/// autolinks) would otherwise interpret. CommonMark allows a backslash before any ASCII
/// punctuation, so over-escaping is harmless; under-escaping corrupts the output.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Makes already-escaped text safe inside a table cell: a line break would end the row, so it
/// becomes `<br>` (which GFM renders inside cells).
pub(crate) fn cell(escaped: &str) -> String {
    escaped
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "<br>")
}

/// Joins the lines of already-escaped text with spaces, for headings and list items.
pub(crate) fn one_line(escaped: &str) -> String {
    escaped
        .split(['\r', '\n'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Quotes already-escaped text, prefixing every line so that a line break cannot end the quote.
fn blockquote(escaped: &str) -> String {
    escaped
        .replace("\r\n", "\n")
        .split(['\n', '\r'])
        .map(|line| format!("> {line}").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::Format;
    use super::*;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render_to_string(&sample_report(), Format::Markdown, false));
    }

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(cell(&escape("a | b\nc\r\nd")), r"a \| b<br>c<br>d");
        assert_eq!(escape("*x* _y_ <b>"), r"\*x\* \_y\_ \<b\>");
    }

    #[test]
    fn every_table_row_has_four_cells() {
        let mut report = sample_report();
        report.articles[0].findings[0].quote = "one | two\nthree".to_owned();
        let text = render_to_string(&report, Format::Markdown, false);
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| ")).collect();
        assert_eq!(
            rows.len(),
            2 + 4 + 2 + 2,
            "two headers, four rows, two headers, two rows"
        );
        for row in rows {
            // Unescaped pipes are cell borders: 4 cells need exactly 5.
            let borders = row
                .match_indices('|')
                .filter(|(i, _)| !row[..*i].ends_with('\\'));
            assert_eq!(
                borders.count(),
                5,
                "row has the wrong number of cells: {row}"
            );
        }
    }

    #[test]
    fn details_cover_only_findings_that_are_not_supported() {
        let text = render_to_string(&sample_report(), Format::Markdown, false);
        let details = text.matches("#### Line ").count();
        assert_eq!(details, 4);
        assert!(!text.contains(", supported\n"));
        assert!(text.contains("> Remission was reached by 29% of the ketamine group at week 4."));
    }

    #[test]
    fn multi_line_quotes_stay_quoted() {
        assert_eq!(blockquote("a\nb\r\n\nc"), "> a\n> b\n>\n> c");
    }
}
