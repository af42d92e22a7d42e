//! The `github` format: GitHub Actions workflow commands, which the runner turns into annotations
//! on the article's lines.
//!
//! One line per finding that is not supported, errors before warnings and at most
//! [`RenderOptions::max_annotations`] of them (GitHub shows only the first few per step), then
//! one `::notice::` with the counts and how many findings were not annotated:
//!
//! ```text
//! ::error file=a.html,line=21,col=3,endLine=21,endColumn=28,title=claimcheck (differs)::…
//! ::notice title=claimcheck::6 claims: 2 supported, …
//! ```
//!
//! `differs` and `unsourced` are errors (they fail a check run); `not_found` and `unverifiable`
//! are warnings. Everything from the report is made [`visible`] and escaped per the
//! workflow-command rules, so a newline, `::` or `%0A` in a quote cannot forge a second command.
//! The job summary (`$GITHUB_STEP_SUMMARY`) is the `markdown` format; the caller writes it.

use std::io;

use super::{end_position, is_url, summary_text, tolerance_text, visible, RenderOptions};
use crate::model::{CheckReport, Finding, Verdict};

/// Writes the workflow commands.
pub(super) fn render(
    report: &CheckReport,
    opts: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut annotations: Vec<(&'static str, &str, &Finding)> = report
        .articles
        .iter()
        .flat_map(|a| a.findings.iter().map(move |f| (a.path.as_str(), f)))
        .filter_map(|(path, f)| command(f.verdict).map(|c| (c, path, f)))
        .collect();
    // Errors first; within a level, the report's order (stable sort).
    annotations.sort_by_key(|(command, _, _)| *command != "error");
    let cap = opts.max_annotations.unwrap_or(usize::MAX);
    for (command, path, f) in annotations.iter().take(cap) {
        writeln!(
            out,
            "::{command} {}::{}",
            properties(path, f),
            escape_data(&message(f))
        )?;
    }
    let mut summary = format!(
        "{} (tolerance: {})",
        summary_text(&report.summary),
        tolerance_text(&report.tolerance)
    );
    if annotations.len() > cap {
        summary.push_str(&format!(
            "; {} more findings are not annotated (limit {cap}): see the job summary or run \
             with --format markdown",
            annotations.len() - cap
        ));
    }
    writeln!(out, "::notice title=claimcheck::{}", escape_data(&summary))
}

/// The workflow command for a verdict; `None` for supported claims, which need no annotation.
fn command(v: Verdict) -> Option<&'static str> {
    match v {
        Verdict::Supported => None,
        Verdict::Differs | Verdict::Unsourced => Some("error"),
        Verdict::NotFound | Verdict::Unverifiable => Some("warning"),
    }
}

/// `file=…,line=…,col=…,endLine=…,endColumn=…,title=…`.
///
/// An article read from a URL has no file in the repository to annotate, so it gets only a
/// title; the runner then shows the annotation on the run rather than on a line.
fn properties(path: &str, f: &Finding) -> String {
    let title = format!(
        "title={}",
        escape_property(&format!("claimcheck ({})", f.verdict))
    );
    if is_url(path) {
        return title;
    }
    let (end_line, end_column) = end_position(&f.location, &f.quote);
    format!(
        "file={},line={},col={},endLine={end_line},endColumn={end_column},{title}",
        escape_property(&visible(&path.replace('\\', "/"))),
        f.location.line,
        f.location.column,
    )
}

/// "“about 50% reach remission” (~50%): claims ~50%; … (conflict: …)".
fn message(f: &Finding) -> String {
    let mut m = format!(
        "{} ({}): {}",
        super::claim_in_sentence(f),
        f.value,
        visible(&f.reason)
    );
    if let Some(conflict) = &f.conflict {
        m.push_str(&format!(" (conflict: {})", visible(conflict)));
    }
    if let Some(note) = super::reviewer_note(f) {
        m.push_str(&format!(" ({}: {})", note.label, visible(note.text)));
    }
    m
}

/// Escapes a command's message: `%`, CR and LF.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as for data, plus `:` and `,`, which delimit properties.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::Format;
    use super::*;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render_to_string(&sample_report(), Format::Github, false));
    }

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("50% a\nb: c, d"), "50%25 a%0Ab%3A c%2C d");
        // `%` goes first, so the escapes themselves are not escaped again.
        assert_eq!(escape_data("\n%0A"), "%0A%250A");
    }

    #[test]
    fn one_line_per_finding_that_is_not_supported_then_a_notice() {
        let mut report = sample_report();
        // A newline in the data must not start a second command.
        report.articles[0].findings[1].reason = "line one\n::error::forged".to_owned();
        let text = render_to_string(&report, Format::Github, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4 + 1, "{text}");
        assert!(lines[0].starts_with("::error file=articles/ketamine-clinic.html,line=21,col=3,"));
        assert!(lines[0].contains("line one ::error::forged"));
        // Errors first, then warnings, each in the report's order.
        assert!(lines[1].starts_with("::error file=articles/ketamine-clinic.html,line=31,"));
        assert!(lines[2].starts_with("::warning file=articles/ketamine-clinic.html,line=26,"));
        assert!(lines[3].starts_with("::warning file=articles/tms therapy.md,"));
        assert!(lines[4].starts_with("::notice title=claimcheck::6 claims"));
    }

    #[test]
    fn caps_annotations_most_severe_first_and_counts_the_rest() {
        let opts = RenderOptions {
            max_annotations: Some(1),
            ..RenderOptions::default()
        };
        let mut out = Vec::new();
        render(&sample_report(), &opts, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("::error "), "{text}");
        assert!(
            lines[1].ends_with("; 3 more findings are not annotated (limit 1): see the job summary or run with --format markdown"),
            "{text}"
        );
    }

    #[test]
    fn end_column_counts_quote_characters() {
        let text = render_to_string(&sample_report(), Format::Github, false);
        // "about 50% reach remission" is 25 characters from column 3.
        assert!(
            text.contains(",line=21,col=3,endLine=21,endColumn=28,"),
            "{text}"
        );
    }

    #[test]
    fn url_articles_get_no_file_position() {
        let mut report = sample_report();
        report.articles[1].path = "https://example.org/tms".to_owned();
        let text = render_to_string(&report, Format::Github, false);
        assert!(
            text.contains("::warning title=claimcheck (unverifiable)::"),
            "{text}"
        );
    }
}
