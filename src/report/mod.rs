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
//! a new file and one match arm. [`render_claims_table`] is the `extract` command's table;
//! [`render_fetch_table`] and [`render_fetch_json`] are the `fetch` command's.

mod claims;
pub mod compare;
mod fetch;
mod github;
mod html;
mod json;
mod markdown;
mod sarif;
mod table;

use std::io;

use crate::model::{CheckReport, Finding, Location, ReviewStatus, Summary, Tolerance, Verdict};

pub use claims::render_claims_table;
pub use fetch::{render_fetch_json, render_fetch_table, FETCH_JSON_VERSION};
pub(crate) use github::escape_data as escape_command_data;

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
    /// One self-contained HTML page for an editor: the article with every claim highlighted.
    Html,
}

/// Options that change how a report looks, not what it says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Colour verdicts with ANSI escape codes. Only the table format uses it; every other format
    /// is for machines or for Markdown and never contains escape codes.
    pub color: bool,
    /// `markdown`: the most characters to write (`None`: no limit). What does not fit is
    /// counted in a closing line.
    pub max_chars: Option<usize>,
    /// `github`: the most annotations to write, most severe first (`None`: no limit). The
    /// closing notice counts the rest.
    pub max_annotations: Option<usize>,
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
        Format::Markdown => markdown::render(report, opts, out),
        Format::Github => github::render(report, opts, out),
        Format::Sarif => sarif::render(report, out),
        Format::Html => html::render(report, &[], out),
    }
}

/// Writes the `html` page with the articles' texts, so that claims are shown highlighted in
/// place. `texts[i]` is the text of `report.articles[i]`, when available.
pub fn render_html(
    report: &CheckReport,
    texts: &[Option<&str>],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    html::render(report, texts, out)
}

/// A reviewer's note as a report introduces it.
struct ReviewerNote<'a> {
    /// In a line of other facts: "note", or "accepted with note".
    label: &'static str,
    /// On a line of its own: "Reviewer's note", or "Accepted by the reviewer, with a note".
    heading: &'static str,
    text: &'a str,
}

/// The reviewer's note, when it has words in it. A finding the reviewer accepted with a note no
/// longer fails a run, so the report says it was accepted: a reader must see why a `differs`
/// stands.
fn reviewer_note(f: &Finding) -> Option<ReviewerNote<'_>> {
    let text = f.note.as_deref().filter(|n| !n.trim().is_empty())?;
    let (label, heading) = match f.review {
        ReviewStatus::AcceptedWithNote => (
            "accepted with note",
            "Accepted by the reviewer, with a note",
        ),
        _ => ("note", "Reviewer's note"),
    };
    Some(ReviewerNote {
        label,
        heading,
        text,
    })
}

/// The human label of a verdict: like [`Verdict::as_str`] but with a space for `not_found`.
fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::NotFound => "not found",
        other => other.as_str(),
    }
}

/// "±5 percentage points and ±10% for percentages, ±10% otherwise": both limits apply to a
/// percentage at once (see `evidence::agreement`).
fn tolerance_text(t: &Tolerance) -> String {
    let rel = fmt_num(t.relative * 100.0);
    format!(
        "±{} percentage points and ±{rel}% for percentages, ±{rel}% otherwise",
        fmt_num(t.percentage_points),
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
fn evidence_pmids(f: &Finding) -> Vec<u32> {
    let mut pmids: Vec<u32> = Vec::new();
    for e in &f.evidence {
        if !pmids.contains(&e.pmid) {
            pmids.push(e.pmid);
        }
    }
    pmids
}

/// Text from an article, a claims file or a source, made safe to show on one line in any
/// format: line breaks and tabs become spaces, and every other control character (an ANSI
/// escape, NUL, DEL, C1) and every Unicode bidirectional control (U+202E and friends, which make
/// a line read backwards) becomes a visible `<U+XXXX>`. Nothing is dropped silently, so an
/// editor still sees that the text held something odd. Format-specific escaping (Markdown,
/// HTML, workflow commands) comes on top of this.
pub(crate) fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&format!("<U+{:04X}>", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Sentences longer than this many characters are cut around the quote.
const SENTENCE_CHARS: usize = 280;

/// The claim in its sentence, as an editor reads it: the article's sentence with the quote in
/// “quotation marks” (or the quote alone when the claims file has no sentence), made
/// [`visible`], cut to about [`SENTENCE_CHARS`] characters around the quote with “…”.
pub(crate) fn claim_in_sentence(f: &Finding) -> String {
    let quote = visible(&f.quote);
    let sentence = visible(&f.sentence);
    let marked = format!("“{quote}”");
    if sentence.trim().is_empty() {
        return marked;
    }
    let Some(at) = sentence.find(&quote) else {
        return format!("{} ({marked})", cut(&sentence, SENTENCE_CHARS));
    };
    let before: Vec<char> = sentence[..at].chars().collect();
    let after: Vec<char> = sentence[at + quote.len()..].chars().collect();
    let room = SENTENCE_CHARS.saturating_sub(quote.chars().count()) / 2;
    let head: String = if before.len() > room {
        format!(
            "…{}",
            before[before.len() - room..]
                .iter()
                .collect::<String>()
                .trim_start()
        )
    } else {
        before.iter().collect()
    };
    let tail: String = if after.len() > room {
        format!("{}…", after[..room].iter().collect::<String>().trim_end())
    } else {
        after.iter().collect()
    };
    format!("{head}{marked}{tail}")
}

/// The first `max` characters of `s`, with “…” when cut.
fn cut(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        return chars.into_iter().collect();
    }
    format!("{}…", chars[..max].iter().collect::<String>().trim_end())
}

/// The characters that change the direction text is laid out in (Unicode's bidi controls).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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
                    sentence: "In our clinic, between 60 and 70% of patients respond to a first \
                        course."
                        .to_owned(),
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
                    attachment: None,
                    note: None,
                    scope: Default::default(),
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
                    sentence: "After six sessions about 50% reach remission.".to_owned(),
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
                    attachment: None,
                    note: Some("Checked with Dr. Ruiz: the 50% is from our own audit.".to_owned()),
                    scope: Default::default(),
                },
                Finding {
                    claim_id: "onset_time-0c44d1".to_owned(),
                    kind: ClaimKind::OnsetTime,
                    value: Value::vague(Unit::Hours),
                    subject: "ketamine onset of effect".to_owned(),
                    quote: onset_quote.to_owned(),
                    sentence: format!("Unlike pills, {onset_quote}."),
                    location: loc(26, 17, 2210, onset_quote.len()),
                    verdict: Verdict::NotFound,
                    reason: "Brennan et al. 2021 states no figure for onset time".to_owned(),
                    evidence: Vec::new(),
                    conflict: None,
                    review: ReviewStatus::Unreviewed,
                    attachment: None,
                    note: None,
                    scope: Default::default(),
                },
                Finding {
                    claim_id: "session_duration-5e61aa".to_owned(),
                    kind: ClaimKind::SessionDuration,
                    value: Value::point(40.0, Unit::Minutes),
                    subject: "infusion session length".to_owned(),
                    quote: session_quote.to_owned(),
                    sentence: session_quote.to_owned(),
                    location: loc(31, 1, 2650, session_quote.len()),
                    verdict: Verdict::Unsourced,
                    reason: "no source is linked near the claim and the article has no \
                        reference list"
                        .to_owned(),
                    evidence: Vec::new(),
                    conflict: None,
                    review: ReviewStatus::Unreviewed,
                    attachment: None,
                    note: None,
                    scope: Default::default(),
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
                    sentence: format!("Experts estimate that {long_quote}."),
                    location: loc(5, 1, 180, long_quote.len()),
                    verdict: Verdict::Unverifiable,
                    reason: "PMID 28000003 has no abstract".to_owned(),
                    evidence: Vec::new(),
                    conflict: None,
                    review: ReviewStatus::Unreviewed,
                    attachment: None,
                    note: None,
                    scope: Default::default(),
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
                    sentence: "Trials of this approach have enrolled at least 1,000 patients."
                        .to_owned(),
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
                    attachment: None,
                    note: None,
                    scope: Default::default(),
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
        let opts = RenderOptions {
            color,
            ..RenderOptions::default()
        };
        render(report, format, &opts, &mut out).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("renderers write UTF-8")
    }

    /// A finding the reviewer accepted with a note says so in every format for people, so a
    /// `differs` that no longer fails the run is explained; a plain note stays a "note".
    #[test]
    fn an_accepted_finding_is_shown_as_accepted_with_its_note() {
        let mut report = sample_report();
        let noted = report
            .articles
            .iter_mut()
            .flat_map(|a| &mut a.findings)
            .find(|f| f.note.is_some())
            .expect("the sample has a noted finding");
        noted.review = ReviewStatus::AcceptedWithNote;
        let table = render_to_string(&report, Format::Table, false);
        assert!(table.contains("accepted with note:"), "{table}");
        let markdown = render_to_string(&report, Format::Markdown, false);
        assert!(
            markdown.contains("accepted with note: Checked with Dr. Ruiz"),
            "{markdown}"
        );
        let github = render_to_string(&report, Format::Github, false);
        assert!(
            github.contains("(accepted with note: Checked with Dr. Ruiz"),
            "{github}"
        );
        let mut html = Vec::new();
        render_html(&report, &[None, None], &mut html).unwrap();
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.contains("Accepted by the reviewer, with a note: Checked with Dr. Ruiz"),
            "{html}"
        );
        // Without the status, the same note is a plain note.
        let plain = render_to_string(&sample_report(), Format::Markdown, false);
        assert!(plain.contains("note: Checked with Dr. Ruiz"));
        assert!(!plain.contains("accepted with note"));
    }

    /// Every kind of hostile text the issue lists, in one string.
    pub(crate) const HOSTILE: &str = "line one\nline two\r\n::error::forged %0A::warning::x \
        | pipe | `tick` <script>alert(1)</script></table> \u{1b}[2J\u{1b}[31mred \u{202E}txt.exe \
        \u{0}nul @here";

    /// The sample report with hostile text in every field that comes from outside, the first
    /// quote starting with `=`.
    pub(crate) fn hostile_report() -> CheckReport {
        let mut report = sample_report();
        report.articles[0].title = Some(format!("Title {HOSTILE}"));
        report.articles[1].path = format!("posts/{}.md", "a|b`c");
        for f in report.articles.iter_mut().flat_map(|a| &mut a.findings) {
            f.quote = format!("=1+2 {HOSTILE}");
            f.sentence = format!("Before {} after.", f.quote);
            f.subject = HOSTILE.to_owned();
            f.reason = format!("claims it; {HOSTILE}");
            f.note = Some(format!("+note {HOSTILE}"));
            f.conflict = f.conflict.as_ref().map(|_| HOSTILE.to_owned());
            for e in &mut f.evidence {
                e.citation = format!("-Cit {HOSTILE}");
                e.sentence = format!("@Sentence {HOSTILE}");
            }
        }
        report
    }

    /// What no rendering of [`HOSTILE`] may contain, whatever the format.
    fn assert_no_raw_controls(format: Format, text: &str) {
        for bad in ['\u{1b}', '\u{202E}', '\u{0}'] {
            assert!(!text.contains(bad), "{format:?} holds {bad:?}:\n{text}");
        }
    }

    #[test]
    fn hostile_text_cannot_break_or_inject_into_any_format() {
        let report = hostile_report();
        for format in [
            Format::Table,
            Format::Json,
            Format::Markdown,
            Format::Github,
            Format::Sarif,
            Format::Html,
        ] {
            let text = render_to_string(&report, format, false);
            match format {
                // JSON keeps the text exactly (the contract), escaped by serde: it parses back.
                Format::Json => {
                    let back: CheckReport = serde_json::from_str(&text).unwrap();
                    assert_eq!(back, report);
                    assert!(
                        !text.contains('\u{1b}'),
                        "control characters are \\u escapes"
                    );
                }
                Format::Sarif => {
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                    for r in v["runs"][0]["results"].as_array().unwrap() {
                        let m = r["message"]["text"].as_str().unwrap();
                        assert_no_raw_controls(format, m);
                        assert!(!m.contains('\n'), "{m}");
                    }
                }
                Format::Github => {
                    assert_no_raw_controls(format, &text);
                    // One command per line, each a command claimcheck meant to write.
                    let lines: Vec<&str> = text.lines().collect();
                    assert_eq!(lines.len(), 4 + 1, "{text}");
                    for line in lines {
                        assert!(
                            line.starts_with("::error file=")
                                || line.starts_with("::warning file=")
                                || line.starts_with("::notice title=claimcheck::"),
                            "{line}"
                        );
                        // After the command's own `::`, the message holds no raw line break.
                        assert!(!line.contains('\r'), "{line}");
                    }
                }
                Format::Markdown => {
                    assert_no_raw_controls(format, &text);
                    assert!(
                        !text.contains("<script>") && !text.contains("</table>"),
                        "{text}"
                    );
                    assert!(!text.contains(" @here"), "no mention: {text}");
                    for row in text.lines().filter(|l| l.starts_with("| ")) {
                        let borders = row
                            .match_indices('|')
                            .filter(|(i, _)| !row[..*i].ends_with('\\'))
                            .count();
                        assert_eq!(borders, 5, "{row}");
                    }
                    assert!(!text.contains("\n::"), "{text}");
                }
                Format::Html => {
                    assert_no_raw_controls(format, &text);
                    assert!(!text.contains("<script"), "{text}");
                    assert!(!text.contains("</table>"), "{text}");
                    assert!(text.contains("&lt;script&gt;"), "{text}");
                }
                Format::Table => {
                    assert_no_raw_controls(format, &text);
                    assert!(
                        text.contains("<U+202E>") && text.contains("<U+001B>"),
                        "{text}"
                    );
                }
            }
        }
    }

    #[test]
    fn visible_marks_controls_and_flattens_lines() {
        assert_eq!(visible("a\nb\r\n\tc"), "a b c");
        assert_eq!(visible("\u{1b}[31m"), "<U+001B>[31m");
        assert_eq!(visible("x\u{202E}y\u{2066}"), "x<U+202E>y<U+2066>");
        assert_eq!(visible("plain “50–70%”"), "plain “50–70%”");
    }

    #[test]
    fn claims_are_shown_in_their_sentence() {
        let mut f = sample_report().articles[0].findings[1].clone();
        assert_eq!(
            claim_in_sentence(&f),
            "After six sessions “about 50% reach remission”."
        );
        f.sentence = String::new();
        assert_eq!(claim_in_sentence(&f), "“about 50% reach remission”");
        f.sentence = format!("{} then {}", "word ".repeat(100), f.quote);
        let shown = claim_in_sentence(&f);
        assert!(shown.starts_with('…') && shown.ends_with('”'), "{shown}");
        assert!(shown.chars().count() <= SENTENCE_CHARS + 2, "{shown}");
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
            "±5 percentage points and ±10% for percentages, ±10% otherwise"
        );
        let t = Tolerance {
            percentage_points: 2.5,
            relative: 0.125,
        };
        assert_eq!(
            tolerance_text(&t),
            "±2.5 percentage points and ±12.5% for percentages, ±12.5% otherwise"
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
            Format::Html,
        ] {
            let text = render_to_string(&report, format, false);
            assert!(
                text.ends_with('\n'),
                "{format:?} output lacks a final newline"
            );
        }
    }
}
