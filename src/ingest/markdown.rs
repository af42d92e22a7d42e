//! Markdown reader: a decoded document in, article [`Parts`] and a title out.
//!
//! pulldown-cmark's offset iterator gives every event its source range, so each text event is
//! fed to the [`Builder`] together with the slice it came from; where they agree the text is
//! verbatim, and escapes and entities become their own pieces. Front matter (YAML `---` or TOML
//! `+++`) is skipped except for its `title`; code blocks, inline code and image alt text are not
//! article text. Links keep their anchor text and resolved target (reference links included);
//! bare URLs are added by the builder. HTML comments carry the suppression directives.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::builder::{directives_in_html, Builder, Parts};
use crate::model::BlockKind;

/// The article content of a Markdown document.
#[derive(Debug)]
pub(crate) struct Markdown {
    pub parts: Parts,
    pub title: Option<String>,
}

/// Reads `doc`.
pub(crate) fn parse(doc: &str) -> Markdown {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut b = Builder::default();
    let mut kinds = vec![BlockKind::Paragraph];
    let mut front_title = None;
    let (mut code, mut image, mut metadata) = (0usize, 0usize, false);
    // Open lists: the next item's number for an ordered list, `None` for a bulleted one.
    let mut lists: Vec<Option<u64>> = Vec::new();

    let open = |b: &mut Builder, kinds: &mut Vec<BlockKind>, kind: Option<BlockKind>| {
        b.end_block();
        let kind = kind.unwrap_or(kinds.last().copied().unwrap_or(BlockKind::Paragraph));
        kinds.push(kind);
        b.set_kind(kind);
    };
    let close = |b: &mut Builder, kinds: &mut Vec<BlockKind>| {
        b.end_block();
        if kinds.len() > 1 {
            kinds.pop();
        }
        b.set_kind(kinds.last().copied().unwrap_or(BlockKind::Paragraph));
    };

    for (event, range) in Parser::new_ext(doc, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => open(&mut b, &mut kinds, None),
                Tag::FootnoteDefinition(label) => {
                    open(&mut b, &mut kinds, None);
                    b.anchor(&format!("^{label}"));
                }
                Tag::Heading { level, .. } => {
                    open(&mut b, &mut kinds, Some(BlockKind::Heading(level as u8)));
                }
                Tag::BlockQuote(_) => open(&mut b, &mut kinds, Some(BlockKind::Quote)),
                Tag::Item => {
                    open(&mut b, &mut kinds, Some(BlockKind::ListItem));
                    if let Some(Some(next)) = lists.last_mut() {
                        b.ordinal(u32::try_from(*next).unwrap_or(u32::MAX));
                        *next += 1;
                    }
                }
                Tag::List(start) => {
                    b.end_block();
                    lists.push(start);
                }
                Tag::TableCell => open(&mut b, &mut kinds, Some(BlockKind::Table)),
                Tag::CodeBlock(_) => {
                    b.end_block();
                    code += 1;
                }
                Tag::MetadataBlock(_) => metadata = true,
                Tag::Image { .. } => image += 1,
                Tag::Link { dest_url, .. } if image == 0 => {
                    b.link_start(Some(dest_url.trim().to_owned()).filter(|u| !u.is_empty()));
                }
                Tag::HtmlBlock | Tag::Table(_) | Tag::TableHead | Tag::TableRow => {
                    b.end_block();
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph
                | TagEnd::FootnoteDefinition
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::TableCell => close(&mut b, &mut kinds),
                TagEnd::CodeBlock => code = code.saturating_sub(1),
                TagEnd::MetadataBlock(_) => metadata = false,
                TagEnd::Image => image = image.saturating_sub(1),
                TagEnd::Link if image == 0 => b.link_end(),
                TagEnd::HtmlBlock | TagEnd::Table | TagEnd::TableHead => {
                    b.end_block();
                }
                TagEnd::List(_) => {
                    b.end_block();
                    lists.pop();
                }
                _ => {}
            },
            Event::Text(text) => {
                if metadata {
                    if front_title.is_none() {
                        front_title = front_matter_title(&text);
                    }
                } else if code == 0 && image == 0 {
                    let raw = doc.get(range.clone()).unwrap_or_default();
                    b.push_run(&text, raw, range.start, true);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for d in directives_in_html(&html) {
                    b.directive(d);
                }
                let tag = html.trim().to_ascii_lowercase();
                if tag.starts_with("<br") {
                    b.space(range, false);
                } else if tag.starts_with("<sup") {
                    b.space(range, false);
                    b.sup_start();
                } else if tag.starts_with("</sup") {
                    b.sup_end();
                }
                if let Some(id) = html_anchor(&html) {
                    b.anchor(&id);
                }
            }
            Event::SoftBreak | Event::HardBreak => b.space(range, false),
            Event::FootnoteReference(label) => b.footnote_ref(&format!("^{label}")),
            Event::Rule => b.end_block(),
            // Inline code, footnote markers, task boxes and math are not prose.
            _ => {}
        }
    }
    let parts = b.finish();
    let title = front_title.or_else(|| {
        let h = parts
            .blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Heading(_)))?;
        Some(parts.text[h.range.clone()].to_owned())
    });
    Markdown { parts, title }
}

/// The `id` (or an anchor's `name`) of an HTML tag in Markdown (`<a id="ref1"></a>`).
fn html_anchor(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let at = [" id=", " name="]
        .iter()
        .find_map(|k| lower.find(k).map(|p| p + k.len()))?;
    let rest = &html[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
    let value = match quote {
        Some(q) => rest[1..].split(q).next()?,
        None => rest.split(|c: char| c.is_whitespace() || c == '>').next()?,
    };
    (!value.is_empty()).then(|| value.to_owned())
}

/// The `title:` (YAML) or `title =` (TOML) value of a front-matter block.
fn front_matter_title(block: &str) -> Option<String> {
    block.lines().find_map(|line| {
        let rest = line.strip_prefix("title")?.trim_start();
        let value = rest
            .strip_prefix(':')
            .or_else(|| rest.strip_prefix('='))?
            .trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value)
            .trim();
        (!value.is_empty()).then(|| value.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_titles() {
        assert_eq!(
            front_matter_title("layout: x\ntitle: \"A: B\"\n").as_deref(),
            Some("A: B")
        );
        assert_eq!(
            front_matter_title("title = 'Toml'").as_deref(),
            Some("Toml")
        );
        assert_eq!(front_matter_title("subtitle: no"), None);
    }

    #[test]
    fn structure_and_code() {
        let md = "# Heading\n\nSome *text* with `code` and 5&nbsp;mg.\n\n```\nlet x = 50%;\n```\n\n    indented 20%\n\n> quoted 1.5\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 10 | 20 |\n";
        let m = parse(md);
        assert_eq!(
            m.parts.text,
            "Heading\n\nSome text with and 5 mg.\n\nquoted 1.5\n\none\n\ntwo\n\na\n\nb\n\n10\n\n20"
        );
        let kinds: Vec<_> = m.parts.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[0], BlockKind::Heading(1));
        assert_eq!(kinds[2], BlockKind::Quote);
        assert_eq!(kinds[3], BlockKind::ListItem);
        assert_eq!(kinds[5], BlockKind::Table);
        assert_eq!(m.title.as_deref(), Some("Heading"));
    }

    #[test]
    fn links_reference_and_image_only() {
        let md = "See [the trial][t] and <https://doi.org/10.1/abc>.\n\n[![logo](l.png)](https://clinic.example/)\n\n[t]: https://pubmed.ncbi.nlm.nih.gov/1/\n";
        let m = parse(md);
        let links: Vec<_> = m
            .parts
            .links
            .iter()
            .map(|l| (l.href.as_str(), &m.parts.text[l.text.clone()]))
            .collect();
        assert_eq!(
            links,
            [
                ("https://pubmed.ncbi.nlm.nih.gov/1/", "the trial"),
                ("https://doi.org/10.1/abc", "https://doi.org/10.1/abc"),
                ("https://clinic.example/", ""),
            ]
        );
    }
}
