//! The `html` format of `check`: one self-contained page for an editor.
//!
//! Per article: the article's text, paragraph by paragraph, with every checked claim
//! highlighted in its verdict's colour (and named in words for a screen reader), each highlight a
//! link to the claim's card beside the text; the card holds the verdict, the claim in its
//! sentence, the reason, the source sentences (linking to PubMed), a conflict between sources and
//! the reviewer's note, and links back to the text. Above, the counts and a filter by verdict.
//!
//! **No script**: the filter is a set of checkboxes, and CSS (`:has()`) hides the cards and
//! un-highlights the text of unticked verdicts. So the page works with scripts blocked, a test
//! can assert that no `<script` appears at all, and there is nothing for hostile text to run.
//! Keyboard: the checkboxes, highlights and links are native controls in reading order, with a
//! visible focus ring and a skip link. Self-contained: inline CSS only; the only URLs are links
//! to PubMed records and the page's own anchors. Every piece of outside text is made
//! [`visible`](super::visible) and escaped. Deterministic, like every format.
//!
//! Claims are placed in the text by content: the claim's sentence is searched for (from where the
//! previous claim ended), then the quote inside it. A claim that cannot be placed (the article's
//! text was not available, or the claims file is older than the article) keeps its card, listed
//! under "Not found in the text".

use std::fmt::Write as _;
use std::io;
use std::ops::Range;

use super::{claim_in_sentence, summary_text, tolerance_text, verdict_label, visible};
use crate::model::{ArticleReport, CheckReport, Finding, Summary, Verdict};

const CSS: &str = r#"
:root { --ink: #1f2933; --muted: #56616c; --rule: #d9dee3; --bg: #f6f7f9;
        --supported: #1b7a3d; --supported-bg: #d8f0df;
        --differs: #b3261e; --differs-bg: #fbd9d6;
        --not_found: #8a5a00; --not_found-bg: #fcebc4;
        --unsourced: #6a3d9a; --unsourced-bg: #eadcf7;
        --unverifiable: #4f5b66; --unverifiable-bg: #e3e7eb; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica,
       Arial, sans-serif; color: var(--ink); background: var(--bg); }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 4px; overflow-wrap: anywhere; }
h3 { font-size: 15px; margin: 16px 0 8px; text-transform: uppercase; letter-spacing: .05em;
     color: var(--muted); }
.meta, footer { color: var(--muted); }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 20px; top: 8px; background: #fff; padding: 4px 8px; z-index: 2; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
      white-space: nowrap; }
fieldset { border: 1px solid var(--rule); border-radius: 8px; background: #fff;
           padding: 8px 14px; margin: 12px 0 18px; display: flex; flex-wrap: wrap; gap: 6px 18px; }
legend { font-weight: 600; padding: 0 4px; }
label.filter { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; }
label.filter input { width: 18px; height: 18px; margin: 0; }
section.article { background: #fff; border: 1px solid var(--rule); border-radius: 8px;
                  padding: 16px 20px; margin: 0 0 24px; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 24px; }
@media (max-width: 800px) { .columns { grid-template-columns: 1fr; } }
.text p { margin: 0 0 12px; max-width: 70ch; }
a { color: #0b57d0; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
a.claim { color: inherit; text-decoration: none; border-bottom: 3px solid; padding: 0 2px;
          border-radius: 3px; }
.badge { display: inline-block; font-size: 13px; font-weight: 700; padding: 0 8px;
         border-radius: 10px; border: 1px solid; }
.finding { border: 1px solid var(--rule); border-left: 6px solid; border-radius: 6px;
           padding: 8px 12px; margin: 0 0 12px; }
.finding:target { box-shadow: 0 0 0 3px #0b57d0; }
.finding p, .finding blockquote { margin: 4px 0; }
.finding blockquote { border-left: 3px solid var(--rule); padding-left: 10px; color: var(--muted); }
.finding .where { font-size: 13px; color: var(--muted); }
.note { background: #fff8d6; border-radius: 4px; padding: 2px 6px; }
ol.findings { list-style: none; padding: 0; margin: 0; }
"#;

/// Writes the page. `texts` holds, per article of the report in the same order, the article's
/// text when it is available.
pub(super) fn render(
    report: &CheckReport,
    texts: &[Option<&str>],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    out.write_all(page(report, texts).as_bytes())
}

fn page(report: &CheckReport, texts: &[Option<&str>]) -> String {
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>claimcheck report</title>\n<style>");
    h.push_str(CSS);
    h.push_str(&verdict_css());
    h.push_str("</style>\n</head>\n<body>\n");
    h.push_str("<a class=\"skip\" href=\"#main\">Skip to the articles</a>\n<header>\n");
    h.push_str("<h1>claimcheck report</h1>\n");
    let _ = writeln!(
        h,
        "<p class=\"meta\">{}. Tolerance: {}.</p>",
        esc(&summary_text(&report.summary)),
        esc(&tolerance_text(&report.tolerance))
    );
    h.push_str(&filters(&report.summary));
    h.push_str("</header>\n<main id=\"main\">\n");
    for (i, article) in report.articles.iter().enumerate() {
        let text = texts.get(i).copied().flatten();
        article_section(&mut h, i, article, text);
    }
    if report.articles.is_empty() {
        h.push_str("<p>No articles were checked.</p>\n");
    }
    h.push_str(
        "</main>\n<footer><p>Made by claimcheck. Verdicts compare each claim with the \
                figures its sources state; read the evidence before changing a number.</p>\
                </footer>\n</body>\n</html>\n",
    );
    h
}

/// The colours of each verdict, and the filter rules: an unticked verdict's cards are hidden
/// and its highlights become plain text.
fn verdict_css() -> String {
    let mut css = String::new();
    for v in Verdict::ALL {
        let n = v.as_str();
        let _ = write!(
            css,
            ".v-{n} .badge, .badge.v-{n} {{ color: var(--{n}); background: var(--{n}-bg); }}\n\
             a.claim.v-{n} {{ background: var(--{n}-bg); border-color: var(--{n}); }}\n\
             .finding.v-{n} {{ border-left-color: var(--{n}); }}\n\
             body:has(#show-{n}:not(:checked)) .finding.v-{n} {{ display: none; }}\n\
             body:has(#show-{n}:not(:checked)) a.claim.v-{n} {{ background: none; \
             border-color: transparent; }}\n"
        );
    }
    css
}

/// The filter: one checkbox per verdict, with its count.
fn filters(summary: &Summary) -> String {
    let mut h = String::from("<fieldset>\n<legend>Show verdicts</legend>\n");
    for v in Verdict::ALL {
        let n = v.as_str();
        let _ = writeln!(
            h,
            "<label class=\"filter\"><input type=\"checkbox\" id=\"show-{n}\" checked> \
             <span class=\"badge v-{n}\">{}</span> {}</label>",
            verdict_label(v),
            summary.count(v)
        );
    }
    h.push_str("</fieldset>\n");
    h
}

fn article_section(h: &mut String, index: usize, article: &ArticleReport, text: Option<&str>) {
    let heading = match &article.title {
        Some(title) => format!("{} — {}", esc(title), esc(&article.path)),
        None => esc(&article.path),
    };
    let _ = writeln!(
        h,
        "<section class=\"article\" aria-labelledby=\"a{index}\">\n<h2 id=\"a{index}\">{heading}</h2>"
    );
    let _ = writeln!(
        h,
        "<p class=\"meta\">{}.</p>",
        esc(&summary_text(&Summary::of(&article.findings)))
    );
    let placed = text
        .map(|t| place(t, &article.findings))
        .unwrap_or_default();
    h.push_str("<div class=\"columns\">\n<div class=\"text\">\n<h3>Article</h3>\n");
    match text {
        Some(t) => article_text(h, index, t, &article.findings, &placed),
        None => h.push_str(
            "<p class=\"meta\">The article's text is not available (the claims file's article \
             could not be read); the claims are listed beside.</p>\n",
        ),
    }
    h.push_str("</div>\n<div class=\"claims\">\n<h3>Claims</h3>\n<ol class=\"findings\">\n");
    for (i, f) in article.findings.iter().enumerate() {
        let in_text = placed.iter().any(|(j, _)| *j == i);
        card(h, index, i, f, in_text);
    }
    if article.findings.is_empty() {
        h.push_str("<li>No claims were checked.</li>\n");
    }
    h.push_str("</ol>\n</div>\n</div>\n</section>\n");
}

/// Where each finding's quote is in `text`: (finding index, byte range), in text order, never
/// overlapping.
fn place(text: &str, findings: &[Finding]) -> Vec<(usize, Range<usize>)> {
    let mut placed: Vec<(usize, Range<usize>)> = Vec::new();
    let mut cursor = 0;
    for (i, f) in findings.iter().enumerate() {
        let Some(range) = locate(text, f, cursor).or_else(|| locate(text, f, 0)) else {
            continue;
        };
        if placed
            .iter()
            .any(|(_, r)| r.start < range.end && range.start < r.end)
        {
            continue;
        }
        cursor = range.end;
        placed.push((i, range));
    }
    placed.sort_by_key(|(_, r)| r.start);
    placed
}

/// The quote of `f` in `text` at or after `from`: inside its sentence when the sentence is
/// found, else the quote alone.
fn locate(text: &str, f: &Finding, from: usize) -> Option<Range<usize>> {
    let hay = text.get(from..)?;
    if f.quote.is_empty() {
        return None;
    }
    if !f.sentence.is_empty() {
        if let Some(s) = hay.find(f.sentence.as_str()) {
            let sentence = &hay[s..s + f.sentence.len()];
            if let Some(q) = sentence.find(f.quote.as_str()) {
                let start = from + s + q;
                return Some(start..start + f.quote.len());
            }
        }
    }
    let q = hay.find(f.quote.as_str())?;
    Some(from + q..from + q + f.quote.len())
}

/// The text as paragraphs, with the placed claims as links to their cards.
fn article_text(
    h: &mut String,
    article: usize,
    text: &str,
    findings: &[Finding],
    placed: &[(usize, Range<usize>)],
) {
    let mut next = placed.iter().peekable();
    let mut at = 0;
    for para in text.split("\n\n") {
        let start = para.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + para.len();
        at = at.max(start);
        h.push_str("<p>");
        while let Some((i, r)) = next.peek().filter(|(_, r)| r.start < end) {
            let (i, r) = (*i, r.clone());
            next.next();
            h.push_str(&esc(&text[at..r.start.max(at)]));
            let f = &findings[i];
            let n = f.verdict.as_str();
            let _ = write!(
                h,
                "<a class=\"claim v-{n}\" id=\"c{article}-{i}\" href=\"#f{article}-{i}\">{}\
                 <span class=\"sr\"> ({}: see claim {})</span></a>",
                esc(&text[r.start.max(at)..r.end.min(end)]),
                verdict_label(f.verdict),
                i + 1
            );
            at = r.end.min(end);
        }
        h.push_str(&esc(&text[at.min(end)..end]));
        h.push_str("</p>\n");
        at = end;
    }
}

/// One claim's card.
fn card(h: &mut String, article: usize, i: usize, f: &Finding, in_text: bool) {
    let n = f.verdict.as_str();
    let _ = writeln!(
        h,
        "<li class=\"finding v-{n}\" id=\"f{article}-{i}\">\n<p><span class=\"badge\">{}</span> \
         <span class=\"where\">claim {}, line {}, column {}, id <code>{}</code></span></p>",
        verdict_label(f.verdict),
        i + 1,
        f.location.line,
        f.location.column,
        esc(&f.claim_id)
    );
    let _ = writeln!(
        h,
        "<p><strong>{}</strong> — {}</p>",
        esc(&f.value.to_string()),
        esc(&claim_in_sentence(f))
    );
    let _ = writeln!(h, "<p>{}</p>", esc(&f.reason));
    if let Some(conflict) = &f.conflict {
        let _ = writeln!(h, "<p>Sources disagree: {}</p>", esc(conflict));
    }
    for e in &f.evidence {
        let _ = writeln!(
            h,
            "<p><a href=\"https://pubmed.ncbi.nlm.nih.gov/{pmid}/\">{} (PMID {pmid})</a> states \
             {}, which {} with the claim:</p>\n<blockquote>{}</blockquote>",
            esc(&e.citation),
            esc(&e.figure),
            if e.agrees { "agrees" } else { "does not agree" },
            esc(&e.sentence),
            pmid = e.pmid
        );
    }
    if let Some(note) = super::reviewer_note(f) {
        let _ = writeln!(
            h,
            "<p><span class=\"note\">{}: {}</span></p>",
            note.heading,
            esc(note.text)
        );
    }
    if in_text {
        let _ = writeln!(h, "<p><a href=\"#c{article}-{i}\">Show in the text</a></p>");
    } else {
        h.push_str("<p class=\"meta\">Not found in the text shown.</p>\n");
    }
    h.push_str("</li>\n");
}

/// Outside text for HTML content and quoted attributes: [`visible`], then the five characters
/// HTML gives meaning.
pub(crate) fn esc(s: &str) -> String {
    let s = visible(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample_report;
    use super::*;

    fn text_of_first() -> String {
        let r = sample_report();
        r.articles[0]
            .findings
            .iter()
            .map(|f| f.sentence.clone())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn html_with_text() -> String {
        let report = sample_report();
        let text = text_of_first();
        let mut out = Vec::new();
        render(&report, &[Some(&text), None], &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_claim_is_highlighted_and_has_a_card() {
        let html = html_with_text();
        assert_eq!(html.matches("<a class=\"claim ").count(), 4, "{html}");
        assert_eq!(html.matches("<li class=\"finding ").count(), 6);
        assert!(html.contains(
            "<a class=\"claim v-differs\" id=\"c0-1\" href=\"#f0-1\">about 50% reach remission"
        ));
        assert!(html.contains("Reviewer's note: Checked with Dr. Ruiz"));
        // The second article has no text: its cards say so.
        assert_eq!(html.matches("Not found in the text shown.").count(), 2);
        assert!(!html.contains("<script"), "no script at all");
    }

    #[test]
    fn placement_follows_sentences_and_never_overlaps() {
        let report = sample_report();
        let mut findings = report.articles[0].findings.clone();
        // The same quote twice: each finding gets its own occurrence, in its own sentence.
        findings[0].quote = "50%".to_owned();
        findings[0].sentence = "First 50% here.".to_owned();
        findings[1].quote = "50%".to_owned();
        findings[1].sentence = "Then 50% there.".to_owned();
        let text = "Then 50% there. First 50% here.";
        let placed = place(text, &findings[..2]);
        assert_eq!(placed, [(1, 5..8), (0, 22..25)]);
    }

    #[test]
    fn escapes_and_neutralises_outside_text() {
        assert_eq!(
            esc("<script>alert(1)</script> \u{202E}x\u{1b}[2J \"'&"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &lt;U+202E&gt;x&lt;U+001B&gt;[2J &quot;&#39;&amp;"
        );
    }
}
