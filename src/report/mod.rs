//! Report renderers: turn a finished [`CheckReport`] into text for a terminal, a program, a pull
//! request, a CI log or a code-scanning upload.
//!
//! In: a fully resolved [`CheckReport`] (verdicts, reasons and evidence already decided), a
//! [`Format`] and [`RenderOptions`]. Out: bytes written to any [`std::io::Write`].
//!
//! Renderers only format. They must not decide or change verdicts, re-read articles, touch the
//! network or print: the caller owns stdout. Output is deterministic (no timestamps, durations or
//! terminal probing; articles and findings in the order given) so that it can be snapshot-tested
//! and diffed between runs.
//!
//! One file per format, behind the single [`render`] dispatch; adding a format is a new variant,
//! a new file and one match arm. [`render_claims_table`] is the `extract` command's table.

mod claims;
pub mod compare;
mod github;
mod json;
mod markdown;
mod sarif;
mod table;

use std::io;

use crate::model::{CheckReport, Location, Summary, Tolerance, Verdict};

pub use claims::render_claims_table;

/// An output format for `claimcheck check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people at a terminal.
    #[default]
    Table,
    /// The report as JSON (a versioned, documented contract: docs/report-json.md).
    Json,
    /// GitHub-flavoured Markdown, for a pull-request comment or an email.
    Markdown,
    /// GitHub Actions workflow commands (annotations on the changed files).
    Github,
    /// SARIF 2.1.0, for code-scanning uploads.
    Sarif,
}

/// Options that change how a report looks, not what it says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Colour verdicts with ANSI escape codes. Only the table format uses it; every other format
    /// is for machines or for Markdown and never contains escape codes.
    pub color: bool,
}

/// Writes `report` to `out` in `format`.
///
/// The only errors are those of `out` (a closed pipe, a full disk).
pub fn render(
    report: &CheckReport,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(report, opts, out),
        Format::Json => json::render(report, out),
        Format::Markdown => markdown::render(report, out),
        Format::Github => github::render(report, out),
        Format::Sarif => sarif::render(report, out),
    }
}

/// The human label of a verdict: like [`Verdict::as_str`] but with a space for `not_found`.
fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::NotFound => "not found",
        other => other.as_str(),
    }
}

/// "±5 percentage points, ±10% otherwise".
fn tolerance_text(t: &Tolerance) -> String {
    format!(
        "±{} percentage points, ±{}% otherwise",
        fmt_num(t.percentage_points),
        fmt_num(t.relative * 100.0)
    )
}

/// "7 claims: 2 supported, 1 differs, 2 not found, 1 unsourced, 1 unverifiable".
///
/// Every verdict is listed, zeros included, so that the line has the same shape in every run.
fn summary_text(s: &Summary) -> String {
    let counts: Vec<String> = Verdict::ALL
        .into_iter()
        .map(|v| format!("{} {}", s.count(v), verdict_label(v)))
        .collect();
    let noun = if s.claims == 1 { "claim" } else { "claims" };
    format!("{} {noun}: {}", s.claims, counts.join(", "))
}

/// Where a claim's quote ends, as a 1-based (line, column) with the column just past the last
/// character, assuming the quote appears verbatim at `loc`.
///
/// Quotes are normally on one line; a quote that spans lines ends on a later line, at the column
/// after its last character there.
fn end_position(loc: &Location, quote: &str) -> (u32, u32) {
    let count = |s: &str| u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
    match quote.rsplit_once('\n') {
        None => (loc.line, loc.column.saturating_add(count(quote))),
        Some((_, last)) => {
            let breaks = u32::try_from(quote.matches('\n').count()).unwrap_or(u32::MAX);
            (
                loc.line.saturating_add(breaks),
                count(last).saturating_add(1),
            )
        }
    }
}

/// The PMIDs of a finding's evidence, first occurrence first, without repeats.
fn evidence_pmids(f: &crate::model::Finding) -> Vec<u32> {
    let mut pmids: Vec<u32> = Vec::new();
    for e in &f.evidence {
        if !pmids.contains(&e.pmid) {
            pmids.push(e.pmid);
        }
    }
    pmids
}

/// Whether an article "path" is a URL rather than a file path.
fn is_url(path: &str) -> bool {
    path.contains("://")
}

/// Formats a number without a trailing `.0` and with at most three decimals.
fn fmt_num(v: f64) -> String {
    let s = format!("{v:.3}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{
        ArticleReport, Bound, ClaimKind, Evidence, Finding, ReviewStatus, Unit, Value,
        CHECK_REPORT_VERSION,
    };

    fn loc(line: u32, column: u32, start: usize, len: usize) -> Location {
        Location {
            line,
            column,
            start,
            end: start + len,
        }
    }

    /// A report that exercises every renderer path: two articles (one without a title), all five
    /// verdicts, a conflict between sources, evidence that agrees and evidence that does not, a
    /// quote with `|`, `,` and `:`, and a long one-line quote.
    pub(crate) fn sample_report() -> CheckReport {
        let onset_quote = "relief can begin within hours";
        let session_quote = "Sessions: 40 minutes | twice weekly, for 4 weeks";
        let long_quote =
            "roughly 30% of adults treated for major depression do not improve after two \
            or more adequate medication trials, a group that specialists describe as treatment \
            resistant and for whom brain stimulation is usually discussed next";
        let first = ArticleReport {
            path: "articles/ketamine-clinic.html".to_owned(),
            title: Some("Ketamine infusions: what to expect".to_owned()),
            findings: vec![
                Finding {
                    claim_id: "response_rate-3f9a1c".to_owned(),
                    kind: ClaimKind::ResponseRate,
                    value: Value::range(60.0, 70.0, Unit::Percent),
                    subject: "ketamine infusion response rate".to_owned(),
                    quote: "between 60 and 70% of patients respond".to_owned(),
                    location: loc(14, 9, 1020, 38),
                    verdict: Verdict::Supported,
                    reason: "claims 60–70%; Alvarez et al. 2019 reports 64% response at 24 hours"
                        .to_owned(),
                    evidence: vec![Evidence {
                        source: "pmid:31000001".to_owned(),
                        pmid: 31000001,
                        citation: "Alvarez et al. 2019, J Affect Disord".to_owned(),
                        sentence: "At 24 hours, 64% of participants met the response criterion."
                            .to_owned(),
                        figure: "64%".to_owned(),
                        value: Value::point(64.0, Unit::Percent),
                        agrees: true,
                    }],
                    conflict: None,
                    review: ReviewStatus::Unreviewed,
                    note: None,
                },
                Finding {
                    claim_id: "remission_rate-77b2e0".to_owned(),
                    kind: ClaimKind::RemissionRate,
                    value: Value {
                        approx: true,
                        ..Value::point(50.0, Unit::Percent)
                    },
                    subject: "ketamine infusion remission rate".to_owned(),
                    quote: "about 50% reach remission".to_owned(),
                    location: loc(21, 3, 1730, 25),
                    verdict: Verdict::Differs,
                    reason: "claims ~50%; Brennan et al. 2021 reports 29% remission at 4 weeks"
                        .to_owned(),
                    evidence: vec![
                        Evidence {
                            source: "pmid:33000002".to_owned(),
                            pmid: 33000002,
                            citation: "Brennan et al. 2021, Am J Psychiatry".to_owned(),
                            sentence: "Remission was reached by 29% of the ketamine group at \
                                week 4."
                                .to_owned(),
                            figure: "29%".to_owned(),
                            value: Value::point(29.0, Unit::Percent),
                            agrees: false,
                        },
                        Evidence {
                            source: "pmid:31000001".to_owned(),
                            pmid: 31000001,
                            citation: "Alvarez et al. 2019, J Affect Disord".to_owned(),
                            sentence: "Remission rates reached 46% after six infusions.".to_owned(),
                            figure: "46%".to_owned(),
                            value: Value::point(46.0, Unit::Percent),
                            agrees: true,
                        },
                    ],
                    conflict: Some(
                        "Brennan et al. 2021 reports 29% but Alvarez et al. 2019 reports 46%"
                            .to_owned(),
                    ),
                    review: ReviewStatus::Unreviewed,
                    note: None,
                },
                Finding {
                    claim_id: "onset_time-0c44d1".to_owned(),
                    kind: ClaimKind::OnsetTime,
                    value: Value::vague(Unit::Hours),
                    subject: "ketamine onset of effect".to_owned(),
                    quote: onset_quote.to_owned(),
                    location: loc(26, 17, 2210, onset_quote.len()),
                    verdict: Verdict::NotFound,
                    reason: "Brennan et al. 2021 states no figure for onset time".to_owned(),
                    evidence: Vec::new(),
                    conflict: None,
                    review: ReviewStatus::Unreviewed,
                    note: None,
                },
                Finding {
                    claim_id: "session_duration-5e61aa".to_owned(),
                    kind: ClaimKind::SessionDuration,
                    value: Value::point(40.0, Unit::Minutes),
                    subject: "infusion session length".to_owned(),
                    quote: session_quote.to_owned(),
                    location: loc(31, 1, 2650, session_quote.len()),
                    verdict: Verdict::Unsourced,
                    reason: "no source is linked near the claim and the article has no \
                        reference list"
                        .to_owned(),
                    evidence: Vec::new(),
                    conflict: None,
                    review: ReviewStatus::Unreviewed,
                    note: None,
                },
            ],
        };
        let second = ArticleReport {
            path: "articles/tms therapy.md".to_owned(),
            title: None,
            findings: vec![
                Finding {
                    claim_id: "prevalence-9d0e3b".to_owned(),
                    kind: ClaimKind::Prevalence,
                    value: Value {
                        approx: true,
                        ..Value::point(30.0, Unit::Percent)
                    },
                    subject: "treatment-resistant depression prevalence".to_owned(),
                    quote: long_quote.to_owned(),
                    location: loc(5, 1, 180, long_quote.len()),
                    verdict: Verdict::Unverifiable,
                    reason: "PMID 28000003 has no abstract".to_owned(),
                    evidence: Vec::new(),
                    conflict: None,
                    review: ReviewStatus::Unreviewed,
                    note: None,
                },
                Finding {
                    claim_id: "sample_size-41f7c2".to_owned(),
                    kind: ClaimKind::SampleSize,
                    value: Value {
                        bound: Some(Bound::AtLeast),
                        ..Value::point(1000.0, Unit::Count)
                    },
                    subject: "participants in stimulation trials".to_owned(),
                    quote: "at least 1,000 patients".to_owned(),
                    location: loc(9, 42, 640, 23),
                    verdict: Verdict::Supported,
                    reason: "claims ≥1000 count; Okafor et al. 2020 reports 1,204 participants"
                        .to_owned(),
                    evidence: vec![Evidence {
                        source: "doi:10.1000/example.2020.17".to_owned(),
                        pmid: 32000004,
                        citation: "Okafor et al. 2020, Brain Stimul".to_owned(),
                        sentence: "We pooled 1,204 participants from 18 sham-controlled trials."
                            .to_owned(),
                        figure: "1,204".to_owned(),
                        value: Value::point(1204.0, Unit::Count),
                        agrees: true,
                    }],
                    conflict: None,
                    review: ReviewStatus::Unreviewed,
                    note: None,
                },
            ],
        };
        let summary = Summary::of(first.findings.iter().chain(&second.findings));
        CheckReport {
            version: CHECK_REPORT_VERSION,
            tolerance: Tolerance::default(),
            articles: vec![first, second],
            summary,
        }
    }

    /// Renders `report` to a string.
    pub(crate) fn render_to_string(report: &CheckReport, format: Format, color: bool) -> String {
        let mut out = Vec::new();
        render(report, format, &RenderOptions { color }, &mut out)
            .expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("renderers write UTF-8")
    }

    #[test]
    fn sample_has_every_verdict() {
        let report = sample_report();
        for v in Verdict::ALL {
            assert!(report.summary.count(v) > 0, "sample lacks {v}");
        }
    }

    #[test]
    fn tolerance_text_reads_naturally() {
        assert_eq!(
            tolerance_text(&Tolerance::default()),
            "±5 percentage points, ±10% otherwise"
        );
        let t = Tolerance {
            percentage_points: 2.5,
            relative: 0.125,
        };
        assert_eq!(
            tolerance_text(&t),
            "±2.5 percentage points, ±12.5% otherwise"
        );
    }

    #[test]
    fn summary_text_lists_every_verdict() {
        assert_eq!(
            summary_text(&sample_report().summary),
            "6 claims: 2 supported, 1 differs, 1 not found, 1 unsourced, 1 unverifiable"
        );
        let one = Summary {
            claims: 1,
            supported: 1,
            ..Summary::default()
        };
        assert!(summary_text(&one).starts_with("1 claim: 1 supported"));
    }

    #[test]
    fn end_position_counts_characters_not_bytes() {
        let at = loc(3, 5, 0, 0);
        assert_eq!(end_position(&at, "≥30%"), (3, 9));
        assert_eq!(end_position(&at, "two\nlines here"), (4, 11));
        assert_eq!(end_position(&at, ""), (3, 5));
    }

    #[test]
    fn every_format_renders_an_empty_report() {
        let report = CheckReport {
            version: CHECK_REPORT_VERSION,
            tolerance: Tolerance::default(),
            articles: Vec::new(),
            summary: Summary::default(),
        };
        for format in [
            Format::Table,
            Format::Json,
            Format::Markdown,
            Format::Github,
            Format::Sarif,
        ] {
            let text = render_to_string(&report, format, false);
            assert!(
                text.ends_with('\n'),
                "{format:?} output lacks a final newline"
            );
        }
    }
}
