//! The `markdown` format: GitHub-flavoured Markdown for a pull-request comment, a job summary or
//! an editor's email.
//!
//! Layout: a title and the overall counts, then per article a heading, its counts, a table of every
//! finding (the claim in its sentence) and a "Claims to review" section that quotes, for each
//! finding that is not supported, the sentence, the reason, the reviewer's note and the source
//! sentences behind the verdict.
//!
//! **Size**: with [`RenderOptions::max_chars`] set (65,536 by default for `--format markdown`,
//! GitHub's limit for a comment), findings are added while they fit and the rest are counted in a
//! closing line, so the output never goes over the limit and says what it left out.
//!
//! Every piece of text from the article or the sources is made [`visible`] and escaped, so that a
//! `|` cannot break a table, a `*` cannot start emphasis and a `<tag>` cannot vanish into HTML.
//! Verdicts are plain words (no emoji) so the output reads the same in any mail client.

use std::io;

use super::{
    claim_in_sentence, summary_text, tolerance_text, verdict_label, visible, RenderOptions,
};
use crate::model::{ArticleReport, CheckReport, Finding, Summary, Verdict};

/// Room kept free for the closing "left out" line.
const FOOTER_ROOM: usize = 400;

/// Writes the Markdown report.
pub(super) fn render(
    report: &CheckReport,
    opts: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    out.write_all(render_string(report, opts).as_bytes())
}

/// The Markdown report as a string, within `opts.max_chars`.
pub(crate) fn render_string(report: &CheckReport, opts: &RenderOptions) -> String {
    let limit = opts
        .max_chars
        .map_or(usize::MAX, |m| m.saturating_sub(FOOTER_ROOM));
    let mut doc = Doc::new(limit);
    let mut header = format!(
        "# claimcheck report\n\n{}. Tolerance: {}.\n",
        summary_text(&report.summary),
        tolerance_text(&report.tolerance)
    );
    let shown = report
        .articles
        .iter()
        .map(|a| a.findings.len())
        .sum::<usize>();
    if shown < report.summary.claims {
        header.push_str(&format!(
            "\nShowing the {shown} claims that fail the check; {} others are not listed.\n",
            report.summary.claims - shown
        ));
    }
    doc.push(&header);
    for article in &report.articles {
        render_article(article, &mut doc);
    }
    doc.finish(opts.max_chars)
}

/// The document being built, and what did not fit.
struct Doc {
    text: String,
    chars: usize,
    limit: usize,
    full: bool,
    rows_left_out: usize,
    details_left_out: usize,
}

impl Doc {
    fn new(limit: usize) -> Self {
        Doc {
            text: String::new(),
            chars: 0,
            limit,
            full: false,
            rows_left_out: 0,
            details_left_out: 0,
        }
    }

    /// Appends `block` if it fits; once one block does not, nothing more is added, so the
    /// output is a prefix of the full report.
    fn push(&mut self, block: &str) -> bool {
        let n = block.chars().count();
        if self.full || self.chars + n > self.limit {
            self.full = true;
            return false;
        }
        self.text.push_str(block);
        self.chars += n;
        true
    }

    fn finish(mut self, max_chars: Option<usize>) -> String {
        if self.rows_left_out > 0 || self.details_left_out > 0 {
            let max = max_chars.unwrap_or_default();
            self.text.push_str(&format!(
                "\n---\n\n**Left out to stay under {} characters:** {} claim rows and {} \
                 claim details. Use `--format json`, or `-o FILE --max-chars 0` for the whole \
                 report.\n",
                thousands(max),
                self.rows_left_out,
                self.details_left_out
            ));
        }
        self.text
    }
}

fn render_article(article: &ArticleReport, doc: &mut Doc) {
    let heading = match &article.title {
        Some(title) => format!("{} — {}", escape(&article.path), escape(title)),
        None => escape(&article.path),
    };
    let to_review: Vec<&Finding> = article
        .findings
        .iter()
        .filter(|f| f.verdict != Verdict::Supported)
        .collect();
    // Counting is formatting, not judging: the verdicts themselves come from the report.
    let mut block = format!(
        "\n## {}\n\n{}.\n",
        one_line(&heading),
        summary_text(&Summary::of(&article.findings))
    );
    if !article.findings.is_empty() {
        block.push_str(
            "\n| Line | Verdict | Claim | Evidence / reason |\n| ---: | --- | --- | --- |\n",
        );
    }
    if !doc.push(&block) {
        doc.rows_left_out += article.findings.len();
        doc.details_left_out += to_review.len();
        return;
    }
    for f in &article.findings {
        let row = format!(
            "| {}:{} | {} | {} | {} |\n",
            f.location.line,
            f.location.column,
            verdict_markdown(f.verdict),
            claim_cell(f),
            evidence_cell(f)
        );
        if !doc.push(&row) {
            doc.rows_left_out += 1;
        }
    }
    if to_review.is_empty() || !doc.push("\n### Claims to review\n") {
        doc.details_left_out += to_review.len();
        return;
    }
    for f in to_review {
        if !doc.push(&format!("\n{}", details(f))) {
            doc.details_left_out += 1;
        }
    }
}

/// 65536 → "65,536".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The verdict as a word, bold when it needs attention.
fn verdict_markdown(v: Verdict) -> String {
    match v {
        Verdict::Supported => verdict_label(v).to_owned(),
        _ => format!("**{}**", verdict_label(v)),
    }
}

/// The value, then the claim in its sentence.
fn claim_cell(f: &Finding) -> String {
    format!(
        "{}: {}",
        escape(&f.value.to_string()),
        escape_visible(&claim_in_sentence(f))
    )
}

/// The reason, the conflict, the reviewer's note and one line per evidence figure.
fn evidence_cell(f: &Finding) -> String {
    let mut parts = vec![escape(&f.reason)];
    if let Some(conflict) = &f.conflict {
        parts.push(format!("conflict: {}", escape(conflict)));
    }
    if let Some(note) = super::reviewer_note(f) {
        parts.push(format!("{}: {}", note.label, escape(note.text)));
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
    parts.join("<br>")
}

/// One finding's "Claims to review" entry.
fn details(f: &Finding) -> String {
    let mut s = format!(
        "#### Line {}:{}, {}\n\n> {}\n\n- Claimed: {} (`{}`, {})\n- Claim id: {}\n- Why: {}\n",
        f.location.line,
        f.location.column,
        verdict_label(f.verdict),
        escape_visible(&claim_in_sentence(f)),
        escape(&f.value.to_string()),
        f.kind.as_str(),
        escape(&f.subject),
        escape(&f.claim_id),
        escape(&f.reason)
    );
    if let Some(conflict) = &f.conflict {
        s.push_str(&format!("- Conflict: {}\n", escape(conflict)));
    }
    if let Some(note) = super::reviewer_note(f) {
        s.push_str(&format!("- {}: {}\n", note.heading, escape(note.text)));
    }
    for e in &f.evidence {
        s.push_str(&format!(
            "\n{} ({}) states {}, which {} with the claim:\n\n> {}\n",
            escape(&e.citation),
            pmid_link(e.pmid),
            escape(&e.figure),
            if e.agrees { "agrees" } else { "does not agree" },
            escape(&e.sentence)
        ));
    }
    s
}

fn pmid_link(pmid: u32) -> String {
    format!("[PMID {pmid}](https://pubmed.ncbi.nlm.nih.gov/{pmid}/)")
}

/// Makes outside text safe in Markdown: [`visible`] (one line, no control characters), then
/// [`escape_visible`].
pub(crate) fn escape(s: &str) -> String {
    escape_visible(&visible(s))
}

/// Backslash-escapes the ASCII punctuation that Markdown (and GFM tables, strikethrough,
/// autolinks and `@mentions`) would otherwise interpret. CommonMark allows a backslash before
/// any ASCII punctuation, so over-escaping is harmless; under-escaping corrupts the output.
fn escape_visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '@'
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
        // Line breaks in outside text are spaces before they reach a cell.
        assert_eq!(cell(&escape("a | b\nc\r\nd")), r"a \| b c d");
        assert_eq!(cell("escaped\nby us"), "escaped<br>by us");
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
}
