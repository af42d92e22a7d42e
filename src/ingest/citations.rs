//! The article's citation structure: reference entries and the markers that point at them.
//!
//! Read from the article's text, blocks and links plus [`Hints`], what the format reader
//! noticed that the text no longer shows (superscripts, element ids, ordered-list numbers,
//! Markdown footnote references). Every format hands over the same hints, so one set of rules
//! reads HTML, Markdown and text alike:
//!
//! - **Reference sections**: a heading, or a short paragraph that is only a label ("Sources:",
//!   a bold "References"), named in [`SECTION_NAMES`], followed by entries: blocks that hold a
//!   link or an identifier, or read like a bibliographic reference. The first block that does
//!   neither, or the next heading, ends the section.
//! - **Source lines**: a paragraph that opens with such a label and a colon ("Source: https://…",
//!   "References: Smith J et al. …").
//! - **Footnotes**: a paragraph that opens with a footnote label (`*`, `†`, `‡`, `§`, `[1]`,
//!   `¹`) and cites, or any block an in-page link (`href="#ref1"`) points at that cites.
//! - **Markers** in the prose: in-page links, Markdown footnote references, superscripts,
//!   `[1]`/`[2–4]`/`[1,3]`, `¹²`, `(3,4)` and `*`/`†` after a word. A marker counts only when it
//!   resolves to entries, so "(1) sleep, (2) diet" or a footnote-less asterisk are left alone.
//!
//! Linear in the article: blocks and links are visited a fixed number of times, and the prose is
//! scanned for markers only when the article has numbered or symbol entries.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::builder::merge_ranges;
use crate::model::{
    identifier_from_url, Block, BlockKind, Citations, Entry, EntryKind, Link, Marker,
};

/// What a format reader noticed about citations that the text alone does not show.
#[derive(Debug, Default)]
pub(crate) struct Hints {
    /// Text set as superscript (`<sup>`).
    pub superscripts: Vec<Range<usize>>,
    /// Element ids (`id`, `<a name>`, a Markdown footnote's `^label`) and where their text starts.
    pub anchors: Vec<(String, usize)>,
    /// Ordered-list items: where the item's text starts and its number.
    pub ordinals: Vec<(usize, u32)>,
    /// Markdown footnote references: where they are and their `^label`.
    pub footnote_refs: Vec<(usize, String)>,
}

/// Names of reference sections and source-line labels, lower case, without a trailing colon.
pub const SECTION_NAMES: &[&str] = &[
    "references",
    "reference",
    "reference list",
    "sources",
    "source",
    "sources and references",
    "citations",
    "citation",
    "bibliography",
    "works cited",
    "literature cited",
    "studies cited",
    "research cited",
    "cited studies",
    "cited research",
    "further reading",
    "more information",
    "for more information",
    "learn more",
    "resources",
    "additional resources",
    "scientific references",
    "medical references",
    "notes",
    "footnotes",
    "endnotes",
    "study",
    "studies",
];

/// Labels that open a source line but do not head a section of their own.
const LINE_ONLY_NAMES: &[&str] = &["study", "studies", "data source", "adapted from"];

/// Bullets that open a list line in a text file.
const BULLETS: &[char] = &['-', '•', '◦', '▪', '–', '+'];

/// Footnote symbols, in their conventional order.
const SYMBOLS: &[char] = &['*', '†', '‡', '§'];

/// Reads the citation structure of an article.
pub(crate) fn read(text: &str, blocks: &[Block], links: &[Link], hints: &Hints) -> Citations {
    let mut reader = Reader {
        text,
        blocks,
        links,
        out: Citations::default(),
        block_entry: HashMap::new(),
    };
    reader.sections_and_lines(hints);
    reader.anchor_targets(hints);
    reader.out.entries.sort_by_key(|e| e.range.start);
    reader.block_entry.clear();
    for (i, e) in reader.out.entries.iter().enumerate() {
        if let Some(b) = block_index(blocks, e.range.start) {
            reader.block_entry.insert(b, i);
        }
    }
    reader.markers(hints);
    reader.out.apparatus = merge_ranges(std::mem::take(&mut reader.out.apparatus));
    reader.out.markers.sort_by_key(|m| m.range.start);
    reader.out
}

struct Reader<'a> {
    text: &'a str,
    blocks: &'a [Block],
    links: &'a [Link],
    out: Citations,
    /// Block index → entry index.
    block_entry: HashMap<usize, usize>,
}

impl Reader<'_> {
    fn block_text(&self, b: &Block) -> &str {
        &self.text[b.range.clone()]
    }

    /// The links whose anchor text starts in `range`.
    fn links_in(&self, range: &Range<usize>) -> &[Link] {
        let from = self.links.partition_point(|l| l.text.start < range.start);
        let to = self.links.partition_point(|l| l.text.start < range.end);
        &self.links[from..to.max(from)]
    }

    /// Whether `range` holds a link to another page (not an in-page `#…` link).
    fn has_page_link(&self, range: &Range<usize>) -> bool {
        self.links_in(range).iter().any(|l| is_web(&l.href))
    }

    fn has_research_link(&self, range: &Range<usize>) -> bool {
        self.links_in(range)
            .iter()
            .any(|l| identifier_from_url(&l.href).is_some())
    }

    /// Whether the text in `range` (an entry without its label) cites something: a link to a
    /// page, or words that read like a bibliographic reference.
    fn cites(&self, range: &Range<usize>) -> bool {
        self.has_page_link(range) || looks_bibliographic(&self.text[range.clone()])
    }

    fn push_entry(&mut self, block: usize, skip: usize, kind: EntryKind, label: Option<Label>) {
        let b = &self.blocks[block];
        let range = b.range.start + skip..b.range.end;
        let (number, symbol) = match label {
            Some(Label::Number(n)) => (Some(n), None),
            Some(Label::Symbol(c)) => (None, Some(c)),
            Some(Label::Bullet) | None => (None, None),
        };
        self.block_entry.insert(block, self.out.entries.len());
        self.out.entries.push(Entry {
            range,
            kind,
            number,
            symbol,
        });
        self.out.apparatus.push(b.range.clone());
    }

    /// Reference sections, source lines and labelled footnotes, in one pass over the blocks.
    fn sections_and_lines(&mut self, hints: &Hints) {
        let ordinals: HashMap<usize, u32> = hints.ordinals.iter().copied().collect();
        // The open section: its entries so far (for numbering by position).
        let mut section: Option<u32> = None;
        for (i, b) in self.blocks.iter().enumerate() {
            let text = self.block_text(b);
            let heading = matches!(b.kind, BlockKind::Heading(_));
            if (heading || text.len() <= 60) && section_name(text).is_some_and(heads_section) {
                section = Some(0);
                self.out.apparatus.push(b.range.clone());
                continue;
            }
            if heading {
                section = None;
                continue;
            }
            let label = label_at(text);
            let skip = label.map_or(0, |(_, len)| len);
            let body = b.range.start + skip..b.range.end;
            if let Some(count) = section.as_mut() {
                if self.cites(&body) {
                    *count += 1;
                    let number = label
                        .map(|(l, _)| l)
                        .filter(|l| *l != Label::Bullet)
                        .or_else(|| ordinals.get(&b.range.start).map(|&n| Label::Number(n)))
                        .unwrap_or(Label::Number(*count));
                    self.push_entry(i, skip, EntryKind::List, Some(number));
                    continue;
                }
                section = None;
            }
            if let Some(after) = source_line_label(text) {
                let body = b.range.start + after..b.range.end;
                if self.cites(&body) {
                    self.out
                        .apparatus
                        .push(b.range.start..b.range.start + after);
                    self.push_entry(i, after, EntryKind::SourceLine, None);
                }
                continue;
            }
            if let Some((l @ (Label::Symbol(_) | Label::Number(_)), len)) = label {
                let footnote_style =
                    matches!(l, Label::Symbol(_)) || !starts_with_plain_number(text);
                if footnote_style
                    && (self.has_research_link(&body) || looks_bibliographic(&text[len..]))
                {
                    self.push_entry(i, skip, EntryKind::Footnote, Some(l));
                }
            }
        }
    }

    /// Blocks that in-page links point at, and that cite, become footnote entries.
    fn anchor_targets(&mut self, hints: &Hints) {
        let targets: HashMap<&str, usize> = hints
            .anchors
            .iter()
            .map(|(id, at)| (id.as_str(), *at))
            .collect();
        let mut wanted: Vec<usize> = self
            .links
            .iter()
            .filter_map(|l| l.href.strip_prefix('#'))
            .filter_map(|id| targets.get(id).copied())
            .chain(
                hints
                    .footnote_refs
                    .iter()
                    .filter_map(|(_, label)| targets.get(label.as_str()).copied()),
            )
            .filter_map(|at| block_index(self.blocks, at))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        for i in wanted {
            if self.block_entry.contains_key(&i) {
                continue;
            }
            let b = &self.blocks[i];
            if matches!(b.kind, BlockKind::Heading(_)) {
                continue;
            }
            let label = label_at(self.block_text(b));
            let skip = label.map_or(0, |(_, len)| len);
            if self.cites(&(b.range.start + skip..b.range.end)) {
                self.push_entry(i, skip, EntryKind::Footnote, label.map(|(l, _)| l));
            }
        }
    }

    /// Every marker in the prose, resolved to entries.
    fn markers(&mut self, hints: &Hints) {
        if self.out.entries.is_empty() {
            return;
        }
        let anchors: HashMap<&str, usize> = hints
            .anchors
            .iter()
            .filter_map(|(id, at)| {
                let entry = *self.block_entry.get(&block_index(self.blocks, *at)?)?;
                Some((id.as_str(), entry))
            })
            .collect();
        let mut found: Vec<Marker> = Vec::new();
        // In-page links.
        for l in self.links {
            let Some(id) = l.href.strip_prefix('#') else {
                continue;
            };
            if let Some(&entry) = anchors.get(id) {
                if !self.out.is_apparatus(l.text.start) {
                    let label = self.text[l.text.clone()]
                        .trim_matches(|c: char| c.is_whitespace() || "[]()".contains(c))
                        .to_owned();
                    found.push(Marker {
                        range: l.text.clone(),
                        label,
                        entries: vec![entry],
                    });
                }
            }
        }
        // Markdown footnote references.
        for (at, label) in &hints.footnote_refs {
            if let Some(&entry) = anchors.get(label.as_str()) {
                found.push(Marker {
                    range: *at..*at,
                    label: label.trim_start_matches('^').to_owned(),
                    entries: vec![entry],
                });
            }
        }
        let index = Index::of(&self.out.entries);
        // Superscripts not already taken by an in-page link.
        for sup in &hints.superscripts {
            if found.iter().any(|m| overlaps(&m.range, sup)) || self.out.is_apparatus(sup.start) {
                continue;
            }
            let inner = self.text[sup.clone()].trim_matches(|c: char| "[]() ".contains(c));
            if let Some(entries) = index.resolve(inner) {
                found.push(Marker {
                    range: sup.clone(),
                    label: inner.to_owned(),
                    entries,
                });
            }
        }
        // Markers written in the text.
        for b in self.blocks {
            if self.out.is_apparatus(b.range.start) {
                continue;
            }
            for m in text_markers(self.text, b.range.clone(), &index) {
                if !found.iter().any(|f| overlaps(&f.range, &m.range)) {
                    found.push(m);
                }
            }
        }
        self.out.markers = found;
    }
}

/// A label that opens an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Number(u32),
    Symbol(char),
    /// A list bullet: it opens the entry but gives it no number.
    Bullet,
}

/// The label an entry's text opens with and its length with the space after it: `1.`, `1)`,
/// `[1]`, `¹`, `*`, `†`, `‡`, `§`.
fn label_at(text: &str) -> Option<(Label, usize)> {
    let first = text.chars().next()?;
    // A bullet a text file keeps ("- ", "• ") is no label, but not part of the entry either.
    if BULLETS.contains(&first) && text[first.len_utf8()..].starts_with([' ', '\t']) {
        let rest = &text[first.len_utf8()..];
        let len = first.len_utf8() + rest.len() - rest.trim_start().len();
        return label_at(&text[len..])
            .map(|(l, n)| (l, n + len))
            .or(Some((Label::Bullet, len)));
    }
    let (label, len) = if SYMBOLS.contains(&first) {
        (Label::Symbol(first), first.len_utf8())
    } else if let Some(rest) = text.strip_prefix('[') {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 || rest.as_bytes().get(digits) != Some(&b']') {
            return None;
        }
        (Label::Number(rest[..digits].parse().ok()?), digits + 2)
    } else if superscript_digit(first).is_some() {
        let sup: String = text
            .chars()
            .take_while(|&c| superscript_digit(c).is_some())
            .collect();
        (Label::Number(superscript_number(&sup)?), sup.len())
    } else {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 || !matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
            return None;
        }
        (Label::Number(text[..digits].parse().ok()?), digits + 1)
    };
    let rest = &text[len..];
    let space = rest.len() - rest.trim_start().len();
    // "1.5 mg" or "3)x" is not a label, nor is a label with nothing after it.
    if rest.trim().is_empty() || (first.is_ascii_digit() && space == 0) {
        return None;
    }
    Some((label, len + space))
}

/// Whether a block opens with a plain list number (`1.`, `1)`): a numbered-list item in prose,
/// which only counts as a footnote when something points at it.
fn starts_with_plain_number(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
}

/// The section name a short block or heading states, if any ("Sources:", "5. References").
fn section_name(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_end_matches([':', '.']).trim();
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    name_of(t, &[SECTION_NAMES])
}

/// The longest name in [`SECTION_NAMES`] and [`LINE_ONLY_NAMES`], in bytes (they are ASCII, so
/// in characters too).
const LONGEST_NAME: usize = longest(&[SECTION_NAMES, LINE_ONLY_NAMES]);

const fn longest(lists: &[&[&str]]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            if lists[i][j].len() > max {
                max = lists[i][j].len();
            }
            j += 1;
        }
        i += 1;
    }
    max
}

/// The name in `lists` that `t` lower-cases to, if any. Lower-casing never makes a text fewer
/// characters, so a text longer than every name (most blocks asked) is not lower-cased at all.
fn name_of(t: &str, lists: &[&[&'static str]]) -> Option<&'static str> {
    if t.chars().nth(LONGEST_NAME).is_some() {
        return None;
    }
    let lower = t.to_lowercase();
    lists
        .iter()
        .flat_map(|l| l.iter().copied())
        .find(|n| *n == lower)
}

fn heads_section(name: &str) -> bool {
    !LINE_ONLY_NAMES.contains(&name)
}

/// Where the content of a source line starts ("Source: https://…" → after "Source: "), if the
/// block opens with a section name and a colon and has content after it.
fn source_line_label(text: &str) -> Option<usize> {
    // The colon must be among the first 40 characters, which lie in the first 160 bytes: a SIMD
    // search there, and a count of the characters only when it is found past byte 40.
    let head = &text.as_bytes()[..text.len().min(160)];
    let colon = memchr::memchr(b':', head)?;
    if colon >= 40 && text[..colon].chars().count() >= 40 {
        return None;
    }
    name_of(text[..colon].trim(), &[SECTION_NAMES, LINE_ONLY_NAMES])?;
    let rest = &text[colon + 1..];
    let content = rest.len() - rest.trim_start().len();
    (!rest.trim().is_empty()).then_some(colon + 1 + content)
}

fn is_web(href: &str) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Whether `text` reads like a bibliographic reference: a year and authors with initials or
/// "et al.", or a year and a volume/page run ("2013;170(10):1134-42", "172(19), 1444-1453").
pub(crate) fn looks_bibliographic(text: &str) -> bool {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("valid regex"));
    static AUTHORS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\bet al\b|^\s*\p{Lu}[\p{L}'’\-]+,? (?:\p{Lu}\.?\s?){1,3}[,.]|^\s*\p{Lu}[\p{L}'’\-]+, \p{Lu}\.)")
            .expect("valid regex")
    });
    static VOLUME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b\d{1,4}\s*\(\s*[\w\-]+\s*\)\s*[:,]\s*[e]?\d+|;\s*\d{1,4}\s*[:(]")
            .expect("valid regex")
    });
    text.len() < 800 && YEAR.is_match(text) && (AUTHORS.is_match(text) || VOLUME.is_match(text))
}

/// Numbered and symbol entries, for resolving markers.
struct Index {
    numbered: HashMap<u32, usize>,
    symbols: HashMap<char, usize>,
}

impl Index {
    fn of(entries: &[Entry]) -> Index {
        let mut numbered = HashMap::new();
        let mut symbols = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(n) = e.number {
                numbered.entry(n).or_insert(i);
            }
            if let Some(c) = e.symbol {
                symbols.entry(c).or_insert(i);
            }
        }
        Index { numbered, symbols }
    }

    fn is_empty(&self) -> bool {
        self.numbered.is_empty() && self.symbols.is_empty()
    }

    /// The entries a marker's inner text names: numbers, ranges and lists (`1`, `2–4`, `1, 3`),
    /// superscript digits, or one symbol. `None` unless every number resolves.
    fn resolve(&self, inner: &str) -> Option<Vec<usize>> {
        let inner = inner.trim();
        let mut chars = inner.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if let Some(&e) = self.symbols.get(&c) {
                return Some(vec![e]);
            }
        }
        let numbers = number_list(inner, self.numbered.len())?;
        let entries: Option<Vec<usize>> = numbers
            .iter()
            .map(|n| self.numbered.get(n).copied())
            .collect();
        entries.filter(|e| !e.is_empty())
    }
}

/// The numbers of a marker: `1`, `1,3`, `2–4`, `1, 3-5`, `¹²`, `¹˒²`. Superscript digits run
/// together are one number when the list is that long, else one digit each.
fn number_list(inner: &str, count: usize) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for part in inner.split([',', '˒', ';']) {
        let part = part.trim();
        if part.is_empty() {
            return None;
        }
        let ascii: String = part
            .chars()
            .map(|c| superscript_digit(c).map_or(c, |d| char::from(b'0' + d)))
            .map(|c| {
                if matches!(c, '–' | '—' | '⁻' | '-') {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        let split_digits = part.chars().all(|c| superscript_digit(c).is_some());
        if let Some((a, b)) = ascii.split_once('-') {
            let (a, b): (u32, u32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            if b < a || b - a > 50 {
                return None;
            }
            out.extend(a..=b);
        } else if split_digits && ascii.len() > 1 && ascii.parse::<usize>().ok()? > count {
            out.extend(ascii.bytes().map(|d| u32::from(d - b'0')));
        } else {
            if ascii.len() > 3 || !ascii.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            out.push(ascii.parse().ok()?);
        }
    }
    Some(out)
}

fn superscript_digit(c: char) -> Option<u8> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(4 + (c as u32 - '⁴' as u32) as u8),
        _ => None,
    }
}

fn superscript_number(s: &str) -> Option<u32> {
    let ascii: String = s
        .chars()
        .filter_map(superscript_digit)
        .map(|d| char::from(b'0' + d))
        .collect();
    ascii.parse().ok()
}

/// Markers written in the text of one block: `[1]`, `[2–4]`, `¹²`, `(3,4)` and footnote
/// symbols after a word.
fn text_markers(text: &str, block: Range<usize>, index: &Index) -> Vec<Marker> {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"\[\s*\d{1,3}(?:\s*[,–—-]\s*\d{1,3})*\s*\]",
            r"|\(\s*\d{1,3}(?:\s*[,–—-]\s*\d{1,3})*\s*\)",
            r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[,˒⁻][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*",
            r"|[*†‡§]",
        ))
        .expect("valid regex")
    });
    let mut out = Vec::new();
    if index.is_empty() {
        return out;
    }
    let s = &text[block.clone()];
    for m in MARKER.find_iter(s) {
        let found = m.as_str();
        let before = s[..m.start()].chars().next_back();
        let after = s[m.end()..].chars().next();
        let kind = found.chars().next().unwrap_or(' ');
        let ok = match kind {
            // A parenthesized number is a marker only where a citation can stand: before
            // punctuation, the end, or a new sentence; "(1) sleep, (2) diet" is a list.
            '(' => {
                after.is_none_or(|c| ".,;:!?".contains(c))
                    || (after.is_some_and(char::is_whitespace)
                        && s[m.end()..]
                            .trim_start()
                            .chars()
                            .next()
                            .is_none_or(|c| c.is_uppercase() || !c.is_alphanumeric()))
            }
            // A symbol or superscript must follow a word, figure or punctuation directly.
            '[' => true,
            _ => {
                before.is_some_and(|c| c.is_alphanumeric() || ".,;:%)\"”’".contains(c))
                    && after.is_none_or(|c| !c.is_alphanumeric())
            }
        };
        if !ok {
            continue;
        }
        let inner = found.trim_matches(|c: char| "[]()".contains(c));
        if let Some(entries) = index.resolve(inner) {
            out.push(Marker {
                range: block.start + m.start()..block.start + m.end(),
                label: inner.trim().to_owned(),
                entries,
            });
        }
    }
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

fn block_index(blocks: &[Block], at: usize) -> Option<usize> {
    let i = blocks.partition_point(|b| b.range.end <= at);
    blocks.get(i).filter(|b| b.range.start <= at).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_names_of_any_case() {
        assert_eq!(section_name("SOURCES:"), Some("sources"));
        assert_eq!(
            section_name("5. Sources and References"),
            Some("sources and references")
        );
        assert_eq!(section_name("Sources and references, in full"), None);
        assert_eq!(source_line_label("Data Source: NHANES 2019"), Some(13));
        assert_eq!(source_line_label("Note that: the data"), None);
    }
}
