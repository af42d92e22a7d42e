//! Plain-text reader: a decoded text in, blocks, links, title and suppressed ranges out.
//!
//! The article text *is* the input (the caller keeps it verbatim, so the source map is the
//! identity for UTF-8), which makes this the fast path: one pass over the lines, no allocation
//! per line or character. Blocks are runs of non-blank lines; a bulleted or numbered line starts
//! its own list item; a short single line without closing punctuation, followed by a blank line,
//! is a heading. A line that is only a `<!-- claimcheck-… -->` comment acts like the HTML one.

use std::ops::Range;

use super::builder::{add_bare_identifiers, add_bare_urls, directive, Directive};
use crate::model::{Block, BlockKind, Link};

/// What a text file holds besides its text.
#[derive(Debug, Default)]
pub(crate) struct TextParts {
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub suppressed: Vec<Range<usize>>,
    pub title: Option<String>,
}

#[derive(Debug)]
struct Open {
    range: Range<usize>,
    kind: BlockKind,
    lines: usize,
}

/// Splits `text` into blocks and finds its links.
pub(crate) fn parse(text: &str) -> TextParts {
    let mut out = TextParts {
        // About one block per paragraph of a few hundred bytes: reserving them spares the
        // vector's repeated growth.
        blocks: Vec::with_capacity(text.len() / 200 + 4),
        ..TextParts::default()
    };
    let mut open: Option<Open> = None;
    let mut ignore_next = false;
    let mut disabled_from: Option<Option<usize>> = None;

    let close = |open: &mut Option<Open>,
                 out: &mut TextParts,
                 followed_by_blank: bool,
                 ignore_next: &mut bool,
                 disabled_from: &mut Option<Option<usize>>| {
        let Some(mut block) = open.take() else { return };
        if block.kind == BlockKind::Paragraph && block.lines == 1 && followed_by_blank {
            let line = &text[block.range.clone()];
            if looks_like_heading(line) {
                block.kind = BlockKind::Heading(2);
            }
        }
        if std::mem::take(ignore_next) {
            out.suppressed.push(block.range.clone());
        }
        if let Some(from @ None) = disabled_from {
            *from = Some(block.range.start);
        }
        out.blocks.push(Block {
            range: block.range,
            kind: block.kind,
        });
    };

    // One SIMD search for every line end (memchr's; core's `find` on a char is not), not a
    // new search per line.
    let mut line_ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut pos = 0;
    while pos < text.len() {
        let end = line_ends.next().unwrap_or(text.len());
        let line = &text[pos..end];
        let next = end + 1;
        let trimmed_start = line.len() - line.trim_start().len();
        let content = line.trim();
        let start = pos + trimmed_start;
        let stop = start + content.len();
        pos = next;

        if content.is_empty() {
            close(
                &mut open,
                &mut out,
                true,
                &mut ignore_next,
                &mut disabled_from,
            );
            continue;
        }
        if content.starts_with("<!--") && content.ends_with("-->") && content.len() >= 7 {
            if let Some(d) = directive(&content[4..content.len() - 3]) {
                close(
                    &mut open,
                    &mut out,
                    false,
                    &mut ignore_next,
                    &mut disabled_from,
                );
                match d {
                    Directive::Ignore => ignore_next = true,
                    Directive::Disable => {
                        disabled_from.get_or_insert(None);
                    }
                    Directive::Enable => {
                        if let Some(Some(from)) = disabled_from.take() {
                            let to = out.blocks.last().map_or(from, |b| b.range.end);
                            out.suppressed.push(from..to.max(from));
                        }
                    }
                }
                continue;
            }
        }
        if out.title.is_none() && !is_address_line(content) {
            out.title = Some(content.to_owned());
        }
        if is_bullet(content) {
            close(
                &mut open,
                &mut out,
                false,
                &mut ignore_next,
                &mut disabled_from,
            );
            open = Some(Open {
                range: start..stop,
                kind: BlockKind::ListItem,
                lines: 1,
            });
            continue;
        }
        match &mut open {
            Some(block) => {
                block.range.end = stop;
                block.lines += 1;
            }
            None => {
                open = Some(Open {
                    range: start..stop,
                    kind: BlockKind::Paragraph,
                    lines: 1,
                });
            }
        }
    }
    // The last block is not followed by a blank line, so it is never a heading guess.
    close(
        &mut open,
        &mut out,
        false,
        &mut ignore_next,
        &mut disabled_from,
    );
    if let Some(Some(from)) = disabled_from {
        out.suppressed.push(from..text.len());
    }
    add_bare_urls(text, &mut out.links);
    add_bare_identifiers(text, &mut out.links);
    out
}

/// A list item: `•`, `-`, `*`, `–` or `—` then a space, or `1.` / `1)` / `[1]` then a space.
fn is_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('[') => {
            let digits = line[1..].bytes().take_while(u8::is_ascii_digit).count();
            (1..=3).contains(&digits)
                && line.as_bytes().get(1 + digits) == Some(&b']')
                && line
                    .as_bytes()
                    .get(2 + digits)
                    .is_some_and(u8::is_ascii_whitespace)
        }
        Some('•' | '◦' | '▪') => true,
        Some('-' | '*' | '–' | '—' | '+') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            digits <= 3
                && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
                && line
                    .as_bytes()
                    .get(digits + 1)
                    .is_some_and(u8::is_ascii_whitespace)
        }
        _ => false,
    }
}

/// Whether a single line followed by a blank line reads as a heading. Every one-line paragraph
/// is asked, so the cheap tests come first: a line under 100 bytes has under 100 characters.
fn looks_like_heading(line: &str) -> bool {
    if line.len() >= 400 || (line.len() >= 100 && line.chars().count() >= 100) {
        return false;
    }
    if has_scheme_separator(line) || !line.chars().any(char::is_alphabetic) {
        return false;
    }
    if !line.ends_with(['.', '!', '?', ':', ';', ',']) {
        return true;
    }
    // Scraped pages often end headings with a period ("Clinical Evidence and Efficacy.");
    // a short Title Case line with no other full stop is still a heading.
    let Some(body) = line.strip_suffix('.') else {
        return false;
    };
    let b = body.as_bytes();
    if memchr::memchr3(b'.', b'!', b'?', b).is_some() || memchr::memchr2(b':', b';', b).is_some() {
        return false;
    }
    let words = || body.split_whitespace();
    words().nth(8).is_none()
        && words()
            .filter(|w| w.len() >= 4 && w.starts_with(char::is_alphabetic))
            .all(|w| w.starts_with(char::is_uppercase))
        && words()
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// Whether `line` holds `://`: a SIMD search for the rare colon, then a look at what follows.
fn has_scheme_separator(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr_iter(b':', b).any(|i| b[i + 1..].starts_with(b"//"))
}

/// Whether a line only gives the page's address, bare or labelled ("URL: https://…", "Source:
/// https://…"), as a page saved to a text file often starts: it is not the page's title.
fn is_address_line(line: &str) -> bool {
    let url = match line.split_once(':') {
        Some((label, rest))
            if !label.is_empty()
                && label.len() <= 20
                && label.chars().all(|c| c.is_alphabetic() || c == ' ')
                && rest.starts_with(' ') =>
        {
            rest.trim()
        }
        _ => line,
    };
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_line_is_not_the_title() {
        for first in [
            "URL: https://clinic.example/blog/semaglutide-basics/",
            "Source: http://clinic.example/a",
            "https://clinic.example/a",
        ] {
            let text = format!("{first}\nSemaglutide basics\n\nIt helps.\n");
            assert_eq!(
                parse(&text).title.as_deref(),
                Some("Semaglutide basics"),
                "{first}"
            );
        }
        // A title that mentions an address, or a label with more after its address, is a title.
        for first in [
            "Why https://clinic.example changed its prices",
            "Note: https://clinic.example moved",
            "Semaglutide: what to expect",
        ] {
            let text = format!("{first}\nbody\n");
            assert_eq!(parse(&text).title.as_deref(), Some(first), "{first}");
        }
    }
    use super::*;

    #[test]
    fn blocks_headings_and_bullets() {
        let text = "Cholesterol basics\n\nHigh LDL raises risk.\nIt is common.\n\nKey points:\n- statins cut LDL 30%\n  for most\n• diet helps\n2) exercise\n-5% is not a bullet\n\nEnd line";
        let parts = parse(text);
        let got: Vec<_> = parts
            .blocks
            .iter()
            .map(|b| (&text[b.range.clone()], b.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("Cholesterol basics", BlockKind::Heading(2)),
                ("High LDL raises risk.\nIt is common.", BlockKind::Paragraph),
                ("Key points:", BlockKind::Paragraph),
                ("- statins cut LDL 30%\n  for most", BlockKind::ListItem),
                ("• diet helps", BlockKind::ListItem),
                ("2) exercise\n-5% is not a bullet", BlockKind::ListItem),
                ("End line", BlockKind::Paragraph),
            ]
        );
        assert_eq!(parts.title.as_deref(), Some("Cholesterol basics"));
    }

    #[test]
    fn title_case_line_with_a_period_is_a_heading() {
        assert!(looks_like_heading("Clinical Evidence and Efficacy."));
        assert!(looks_like_heading("Take Action."));
        assert!(!looks_like_heading("The drug works well."));
        assert!(!looks_like_heading("Results were clear."));
        assert!(!looks_like_heading("Dr. Smith Agrees."));
        assert!(!looks_like_heading("Why does it work?"));
        assert!(looks_like_heading("Why It Works"));
    }

    #[test]
    fn crlf_and_indentation() {
        let text = "  Title here\r\n\r\nBody 12% text.\r\n";
        let parts = parse(text);
        assert_eq!(&text[parts.blocks[0].range.clone()], "Title here");
        assert_eq!(parts.blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(&text[parts.blocks[1].range.clone()], "Body 12% text.");
    }

    #[test]
    fn suppression_lines() {
        let text = "A.\n\n<!-- claimcheck-ignore -->\nB 5%.\n\nC.\n<!-- claimcheck-disable -->\nD.\n\nE.\n<!-- claimcheck-enable -->\nF.\n<!--claimcheck-disable-->\nG.";
        let parts = parse(text);
        let sup: Vec<_> = parts.suppressed.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(sup, ["B 5%.", "D.\n\nE.", "G."]);
        assert_eq!(parts.blocks.len(), 7);
    }

    #[test]
    fn bare_urls_are_links() {
        let text = "See https://pubmed.ncbi.nlm.nih.gov/12345678/, and (http://doi.org/10.1/x).";
        let parts = parse(text);
        let hrefs: Vec<_> = parts.links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(
            hrefs,
            [
                "https://pubmed.ncbi.nlm.nih.gov/12345678/",
                "http://doi.org/10.1/x"
            ]
        );
        assert_eq!(&text[parts.links[0].text.clone()], parts.links[0].href);
    }
}
