//! The article text builder shared by the HTML and Markdown readers.
//!
//! Readers walk their document and call [`Builder`]: start and end blocks, feed text runs (with
//! the document range they came from), open and close links, report suppression comments. The
//! builder collapses white space, separates blocks with `"\n\n"`, records [`DocPiece`]s so every
//! text byte can be traced back to the document, and finally adds bare URLs as links. It knows
//! nothing about HTML or Markdown syntax except character references and backslash escapes,
//! which [`Builder::push_run`] needs to line a decoded run up with its source.
//!
//! Everything here is linear in the input: text only grows at its end, and nothing rescans it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::charset::DocPiece;
use super::citations::Hints;
use crate::model::{Block, BlockKind, Link};

/// An author's instruction in a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Directive {
    /// `claimcheck-ignore`: suppress the next block.
    Ignore,
    /// `claimcheck-disable`: suppress everything until `claimcheck-enable`.
    Disable,
    /// `claimcheck-enable`: end a `claimcheck-disable` stretch.
    Enable,
}

/// The directive in a comment's inner text (`claimcheck-ignore`, optionally followed by a
/// reason after white space or a colon).
pub(crate) fn directive(comment: &str) -> Option<Directive> {
    let body = comment.trim();
    for (name, d) in [
        ("claimcheck-ignore", Directive::Ignore),
        ("claimcheck-disable", Directive::Disable),
        ("claimcheck-enable", Directive::Enable),
    ] {
        if let Some(rest) = strip_prefix_ci(body, name) {
            if rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || c == ':') {
                return Some(d);
            }
        }
    }
    None
}

/// Every directive in `<!-- … -->` comments of an HTML snippet.
pub(crate) fn directives_in_html(html: &str) -> impl Iterator<Item = Directive> + '_ {
    html.split("<!--").skip(1).filter_map(|part| {
        let inner = part.split("-->").next().unwrap_or(part);
        directive(inner)
    })
}

/// Records `p`, merged into the previous piece when both are verbatim copies that continue
/// each other in the text and in the document: a paragraph copied as is becomes one piece
/// instead of two per word (a word and the space after it), which kept ten times the page's
/// size in pieces.
fn push_piece(pieces: &mut Vec<DocPiece>, p: DocPiece) {
    if let Some(last) = pieces.last_mut() {
        if p.verbatim
            && last.verbatim
            && last.text + last.text_len == p.text
            && last.doc + last.doc_len == p.doc
        {
            last.text_len += p.text_len;
            last.doc_len += p.doc_len;
            return;
        }
    }
    pieces.push(p);
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// What a reader produced.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    pub text: String,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub suppressed: Vec<Range<usize>>,
    pub pieces: Vec<DocPiece>,
    pub hints: Hints,
}

#[derive(Debug)]
struct Anchor {
    href: Option<String>,
    start: Option<usize>,
}

/// Builds the article text block by block. See the module docs.
#[derive(Debug)]
pub(crate) struct Builder {
    parts: Parts,
    /// The kind the next block gets.
    kind: BlockKind,
    /// Start of the open block in the text, if one is open.
    open: Option<usize>,
    /// White space seen since the last text: its document range, and whether it was exactly one
    /// plain space (then the `" "` we write is a verbatim copy).
    space: Option<(Range<usize>, bool)>,
    anchors: Vec<Anchor>,
    ignore_next: bool,
    ignore_open: bool,
    disabled: bool,
    disabled_from: Option<usize>,
    /// Open superscripts: where their text starts, once it does.
    sups: Vec<Option<usize>>,
    /// Element ids waiting for the text they label.
    pending_ids: Vec<String>,
    /// An ordered-list item's number, waiting for the item's text.
    pending_ordinal: Option<u32>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            parts: Parts::default(),
            kind: BlockKind::Paragraph,
            open: None,
            space: None,
            anchors: Vec::new(),
            ignore_next: false,
            ignore_open: false,
            disabled: false,
            disabled_from: None,
            sups: Vec::new(),
            pending_ids: Vec::new(),
            pending_ordinal: None,
        }
    }
}

impl Builder {
    /// Sets the kind of the next block (ends nothing: call [`Builder::end_block`] first).
    pub fn set_kind(&mut self, kind: BlockKind) {
        self.kind = kind;
    }

    /// Ends the open block, if any.
    pub fn end_block(&mut self) {
        self.space = None;
        let Some(start) = self.open.take() else {
            return;
        };
        let end = self.parts.text.len();
        self.parts.blocks.push(Block {
            range: start..end,
            kind: self.kind,
        });
        if std::mem::take(&mut self.ignore_open) {
            self.parts.suppressed.push(start..end);
        }
    }

    /// Records white space (or a line break) at `doc`: it becomes one space if text follows in
    /// the same block.
    pub fn space(&mut self, doc: Range<usize>, verbatim_single: bool) {
        match &mut self.space {
            None => self.space = Some((doc, verbatim_single)),
            Some((range, verbatim)) => {
                if range.end == doc.start {
                    range.end = doc.end;
                    *verbatim = false;
                }
            }
        }
    }

    /// Opens a link; its anchor text is whatever text comes before [`Builder::link_end`].
    /// `None` records nothing (a `javascript:` link) but keeps the nesting right.
    pub fn link_start(&mut self, href: Option<String>) {
        self.anchors.push(Anchor { href, start: None });
    }

    /// Closes the innermost link.
    pub fn link_end(&mut self) {
        let Some(anchor) = self.anchors.pop() else {
            return;
        };
        let Some(href) = anchor.href else {
            return;
        };
        let end = self.parts.text.len();
        let start = anchor.start.unwrap_or(end);
        self.parts.links.push(Link {
            href,
            text: start..end,
        });
    }

    /// Opens a superscript; its text is whatever comes before [`Builder::sup_end`].
    pub fn sup_start(&mut self) {
        self.sups.push(None);
    }

    /// Closes the innermost superscript and records its text range.
    pub fn sup_end(&mut self) {
        if let Some(Some(start)) = self.sups.pop() {
            let end = self.parts.text.len();
            if end > start {
                self.parts.hints.superscripts.push(start..end);
            }
        }
    }

    /// Records an element id (or anchor name) for the text that comes next.
    pub fn anchor(&mut self, id: &str) {
        self.pending_ids.push(id.to_owned());
    }

    /// Records the number of the ordered-list item whose text comes next.
    pub fn ordinal(&mut self, n: u32) {
        self.pending_ordinal = Some(n);
    }

    /// Records a Markdown footnote reference (`[^label]`) at the current end of the text.
    pub fn footnote_ref(&mut self, label: &str) {
        let at = self.parts.text.len();
        self.parts.hints.footnote_refs.push((at, label.to_owned()));
    }

    /// Applies a suppression comment.
    pub fn directive(&mut self, d: Directive) {
        match d {
            Directive::Ignore => self.ignore_next = true,
            Directive::Disable => self.disabled = true,
            Directive::Enable => {
                if self.disabled {
                    if let Some(from) = self.disabled_from.take() {
                        let end = self.parts.text.len();
                        self.parts.suppressed.push(from..end);
                    }
                }
                self.disabled = false;
            }
        }
    }

    /// Writes `s`, copied from document offset `doc` (`verbatim`) or standing for the document
    /// range `doc..doc + doc_len` (an entity, an escape…). `s` holds no white space to collapse.
    fn emit(&mut self, s: &str, doc: usize, doc_len: usize, verbatim: bool) {
        if s.is_empty() {
            return;
        }
        let parts = &mut self.parts;
        match self.open {
            None => {
                if !parts.text.is_empty() {
                    parts.text.push_str("\n\n");
                }
                let start = parts.text.len();
                self.open = Some(start);
                self.space = None;
                if std::mem::take(&mut self.ignore_next) {
                    self.ignore_open = true;
                }
                if self.disabled && self.disabled_from.is_none() {
                    self.disabled_from = Some(start);
                }
            }
            Some(_) => {
                if let Some((range, single)) = self.space.take() {
                    push_piece(
                        &mut parts.pieces,
                        DocPiece {
                            text: parts.text.len(),
                            text_len: 1,
                            doc: range.start,
                            doc_len: range.len(),
                            verbatim: single && range.len() == 1,
                        },
                    );
                    parts.text.push(' ');
                }
            }
        }
        let at = parts.text.len();
        for anchor in &mut self.anchors {
            anchor.start.get_or_insert(at);
        }
        for sup in &mut self.sups {
            sup.get_or_insert(at);
        }
        for id in self.pending_ids.drain(..) {
            parts.hints.anchors.push((id, at));
        }
        if let Some(n) = self.pending_ordinal.take() {
            parts.hints.ordinals.push((at, n));
        }
        push_piece(
            &mut parts.pieces,
            DocPiece {
                text: at,
                text_len: s.len(),
                doc,
                doc_len,
                verbatim,
            },
        );
        parts.text.push_str(s);
    }

    /// Feeds text copied verbatim from document offset `doc`, collapsing white space.
    ///
    /// A single plain space between two words is kept in the run being copied: emitting the
    /// words one by one writes the same text and pieces (the space is a verbatim piece that
    /// merges with its neighbours), at one call per word instead of one per run.
    pub fn push_verbatim(&mut self, s: &str, doc: usize) {
        let bytes = s.as_bytes();
        let mut i = 0;
        let mut word = 0;
        let plain = |b: &u8| !SPECIAL_STARTS[usize::from(*b)];
        while i < bytes.len() {
            let b = bytes[i];
            // Most bytes start no special character: one table lookup each.
            if plain(&b) {
                i += 1;
                continue;
            }
            // A single space between words stays in the run.
            if b == b' ' && word < i && bytes.get(i + 1).is_some_and(plain) {
                i += 1;
                continue;
            }
            let Some((len, what)) = special_at(bytes, i) else {
                i += 1;
                continue;
            };
            if word < i {
                self.emit(&s[word..i], doc + word, i - word, true);
            }
            if what == Special::Space {
                self.space(doc + i..doc + i + len, b == b' ');
            }
            i += len;
            word = i;
        }
        if word < bytes.len() {
            self.emit(&s[word..], doc + word, bytes.len() - word, true);
        }
    }

    /// Feeds decoded text that stands for the document range `doc` (an entity, an escape).
    pub fn push_decoded(&mut self, s: &str, doc: Range<usize>) {
        let mut rest = s;
        while !rest.is_empty() {
            let ws = rest.find(|c: char| !is_space_char(c)).unwrap_or(rest.len());
            if ws > 0 {
                self.space(doc.clone(), false);
                rest = &rest[ws..];
                continue;
            }
            let word = rest.find(is_space_char).unwrap_or(rest.len());
            let w = &rest[..word];
            if !w
                .chars()
                .all(|c| matches!(c, '\u{AD}' | '\u{200B}' | '\u{FEFF}'))
            {
                self.emit(w, doc.start, doc.len(), false);
            }
            rest = &rest[word..];
        }
    }

    /// Feeds a decoded run whose source is `raw` at document offset `doc`. Where the two agree
    /// byte for byte the text is verbatim; character references (`&amp;`, `&#233;`…), CR LF
    /// pairs and, with `escapes`, Markdown backslash escapes become their own pieces.
    pub fn push_run(&mut self, decoded: &str, raw: &str, doc: usize, escapes: bool) {
        if decoded == raw {
            self.push_verbatim(raw, doc);
            return;
        }
        let rb = raw.as_bytes();
        let db = decoded.as_bytes();
        let (mut i, mut j) = (0, 0);
        loop {
            let common = rb[i..]
                .iter()
                .zip(&db[j..])
                .take_while(|(a, b)| a == b)
                .count();
            let m = i + common;
            if m == rb.len() && j + common == db.len() {
                self.push_verbatim(&raw[i..], doc + i);
                return;
            }
            let special = |b: u8| b == b'&' || b == b'\r' || (escapes && b == b'\\');
            // Where does the construct that broke the agreement start?
            let start = if rb.get(m).is_some_and(|&b| special(b)) {
                Some(m)
            } else {
                // Inside a reference whose `&` (and name) still agreed, e.g. `&amp;` vs `&`.
                let lo = m.saturating_sub(40).max(i);
                rb[lo..m]
                    .iter()
                    .rposition(|&b| b == b'&')
                    .map(|p| lo + p)
                    .filter(|&a| {
                        rb[a + 1..m]
                            .iter()
                            .all(|b| b.is_ascii_alphanumeric() || *b == b'#')
                    })
            };
            let resolved = start.and_then(|s| {
                let t = j + (s - i);
                let (raw_len, dec_len) = construct_at(rb, db, s, t, escapes)?;
                Some((s, t, raw_len, dec_len))
            });
            let Some((s, t, raw_len, dec_len)) = resolved else {
                // Unexplained difference: keep the rest, mapped as a whole.
                let mut s = m;
                while !raw.is_char_boundary(s) {
                    s -= 1;
                }
                let t = j + (s - i);
                self.push_verbatim(&raw[i..s], doc + i);
                if let Some(rest) = decoded.get(t..) {
                    self.push_decoded(rest, doc + s..doc + raw.len());
                }
                return;
            };
            self.push_verbatim(&raw[i..s], doc + i);
            if let Some(piece) = decoded.get(t..t + dec_len) {
                self.push_decoded(piece, doc + s..doc + s + raw_len);
            }
            i = s + raw_len;
            j = t + dec_len;
            if i >= rb.len() || j >= db.len() {
                if i < rb.len() || j < db.len() {
                    if let Some(rest) = decoded.get(j..) {
                        self.push_decoded(rest, doc + i.min(raw.len())..doc + raw.len());
                    }
                }
                return;
            }
        }
    }

    /// Ends the open block and returns the parts, with bare URLs added as links.
    pub fn finish(mut self) -> Parts {
        self.end_block();
        while !self.anchors.is_empty() {
            self.link_end();
        }
        if self.disabled {
            if let Some(from) = self.disabled_from.take() {
                self.parts.suppressed.push(from..self.parts.text.len());
            }
        }
        let mut parts = self.parts;
        parts.links.sort_by_key(|l| l.text.start);
        add_bare_urls(&parts.text, &mut parts.links);
        add_bare_identifiers(&parts.text, &mut parts.links);
        parts.suppressed = merge_ranges(std::mem::take(&mut parts.suppressed));
        parts
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    Space,
    Invisible,
}

/// The bytes that can start a [`special_at`] character.
const SPECIAL_STARTS: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let firsts = [b' ', b'\t', b'\n', b'\r', 0x0C, 0xC2, 0xE2, 0xEF];
    while k < firsts.len() {
        t[firsts[k] as usize] = true;
        k += 1;
    }
    t
};

/// The white space or invisible character at `bytes[i]`, and its length: these end a word;
/// everything else continues it.
fn special_at(bytes: &[u8], i: usize) -> Option<(usize, Special)> {
    match bytes[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0C => Some((1, Special::Space)),
        0xC2 => match bytes.get(i + 1) {
            Some(0xA0) => Some((2, Special::Space)),
            Some(0xAD) => Some((2, Special::Invisible)),
            _ => None,
        },
        0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x8B]) => Some((3, Special::Invisible)),
        0xEF if bytes.get(i + 1..i + 3) == Some(&[0xBB, 0xBF]) => Some((3, Special::Invisible)),
        _ => None,
    }
}

fn is_space_char(c: char) -> bool {
    c.is_ascii_whitespace() || c == '\u{A0}'
}

/// The raw and decoded lengths of the construct (reference, CR LF, escape) at raw `s` / decoded
/// `t`, or `None` if there is none that explains the difference.
fn construct_at(rb: &[u8], db: &[u8], s: usize, t: usize, escapes: bool) -> Option<(usize, usize)> {
    let dec = std::str::from_utf8(db.get(t..)?).ok()?;
    match rb.get(s)? {
        b'\r' => {
            if rb.get(s + 1) == Some(&b'\n') && db.get(t) == Some(&b'\n') {
                Some((2, 1))
            } else if db.get(t) == Some(&b'\n') {
                Some((1, 1))
            } else {
                None
            }
        }
        b'\\' if escapes => {
            let next = *rb.get(s + 1)?;
            (next.is_ascii_punctuation() && db.get(t) == Some(&next)).then_some((2, 1))
        }
        b'&' => {
            let rest = rb.get(s + 1..)?;
            if rest.first() == Some(&b'#') {
                let hex = matches!(rest.get(1), Some(b'x' | b'X'));
                let digits_from = if hex { 2 } else { 1 };
                let digits = rest[digits_from.min(rest.len())..]
                    .iter()
                    .take_while(|b| {
                        if hex {
                            b.is_ascii_hexdigit()
                        } else {
                            b.is_ascii_digit()
                        }
                    })
                    .count();
                if digits == 0 {
                    return None;
                }
                let mut len = 1 + digits_from + digits;
                if rb.get(s + len) == Some(&b';') {
                    len += 1;
                }
                let d = dec.chars().next()?.len_utf8();
                return Some((len, d));
            }
            let name = rest
                .iter()
                .take(40)
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            // Longest name first: `&notin;` is one reference, `&notit;` is `&not` + "it;".
            // One decoded character first; the few two-character references all end in `;`.
            let first_two = dec.char_indices().map(|(at, c)| at + c.len_utf8()).take(2);
            for (chars, d) in first_two.enumerate() {
                for n in (1..=name).rev() {
                    let semi = rb.get(s + 1 + n) == Some(&b';');
                    for with_semi in [true, false] {
                        if (with_semi && !semi) || (chars == 1 && !with_semi) {
                            continue;
                        }
                        let raw_len = 1 + n + usize::from(with_semi);
                        let after_raw = rb.get(s + raw_len..).unwrap_or_default();
                        if agrees(after_raw, &db[t + d..]) {
                            return Some((raw_len, d));
                        }
                    }
                }
            }
            None
        }
        _ => None,
    }
}

/// Whether what follows a candidate reference agrees in raw and decoded form, up to the next
/// construct in the raw text (which cannot be compared byte for byte).
fn agrees(raw: &[u8], dec: &[u8]) -> bool {
    let window = raw.len().min(24);
    let stop = raw[..window]
        .iter()
        .position(|&b| b == b'&' || b == b'\r' || b == b'\\')
        .unwrap_or(window);
    if stop == raw.len() {
        // Nothing special before the end of the run: the rest must match exactly.
        return dec == raw;
    }
    stop == 0 || dec.get(..stop) == Some(&raw[..stop])
}

/// Adds every `http://` / `https://` URL in `text` that no link covers yet, keeping `links`
/// sorted by start.
pub(crate) fn add_bare_urls(text: &str, links: &mut Vec<Link>) {
    let mut found = Vec::new();
    find_bare_urls(text, |r| found.push((r.clone(), text[r].to_owned())));
    add_uncovered(found, links);
}

/// Adds every research identifier written in `text` ("PMID: 123", "PMCID: PMC123", "doi:10.…",
/// a bare "10.1056/…", "NBK470357") that no link covers, as a link to its page, keeping `links`
/// sorted by start.
pub(crate) fn add_bare_identifiers(text: &str, links: &mut Vec<Link>) {
    static ID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i:\bpmid\s*:?\s*(?P<pmid>\d{1,9})\b)",
            r"|(?i:\bpmcid\s*:?\s*)?(?P<pmc>\bPMC\d{3,9})\b",
            r"|(?i:\bdoi\s*:?\s*)?(?P<doi>\b10\.\d{4,9}/[^\s\x22<>]+)",
            r"|(?P<nbk>\bNBK\d{3,9})\b",
        ))
        .expect("valid regex")
    });
    let mut found = Vec::new();
    for caps in ID.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let (href, end) = if let Some(m) = caps.name("pmid") {
            (
                format!("https://pubmed.ncbi.nlm.nih.gov/{}/", m.as_str()),
                m.end(),
            )
        } else if let Some(m) = caps.name("pmc") {
            let id = m.as_str().to_ascii_uppercase();
            (
                format!("https://pmc.ncbi.nlm.nih.gov/articles/{id}/"),
                m.end(),
            )
        } else if let Some(m) = caps.name("doi") {
            let doi = trim_doi(m.as_str());
            (format!("https://doi.org/{doi}"), m.start() + doi.len())
        } else if let Some(m) = caps.name("nbk") {
            (
                format!("https://www.ncbi.nlm.nih.gov/books/{}/", m.as_str()),
                m.end(),
            )
        } else {
            continue;
        };
        found.push((whole.start()..end, href));
    }
    add_uncovered(found, links);
}

/// A DOI without what commonly trails it in prose: a sentence's full stop or comma, a closing
/// bracket it does not open.
fn trim_doi(doi: &str) -> &str {
    let mut end = doi.len();
    while end > 0 {
        let s = &doi[..end];
        let last = s.as_bytes()[end - 1];
        let trim = match last {
            b'.' | b',' | b';' | b':' | b'\'' | b']' => true,
            b')' => unbalanced_close(s),
            _ => false,
        };
        if !trim {
            break;
        }
        end -= 1;
    }
    &doi[..end]
}

/// Whether `s` closes more parentheses than it opens. Counted a byte at a time: a `char`
/// pattern runs a fresh search for every match.
fn unbalanced_close(s: &str) -> bool {
    let count = |c: u8| s.bytes().filter(|&b| b == c).count();
    count(b'(') < count(b')')
}

/// Adds the links `found` (a text range and its target, in text order) that no link in
/// `links` covers yet, keeping `links` sorted by start.
fn add_uncovered(found: Vec<(Range<usize>, String)>, links: &mut Vec<Link>) {
    if found.is_empty() {
        return;
    }
    let mut merged = Vec::with_capacity(links.len() + found.len());
    let mut existing = std::mem::take(links).into_iter().peekable();
    let mut reach = 0;
    for (url, href) in found {
        while let Some(l) = existing.next_if(|l| l.text.start < url.end) {
            reach = reach.max(l.text.end);
            merged.push(l);
        }
        if reach > url.start {
            continue;
        }
        reach = url.end;
        merged.push(Link { href, text: url });
    }
    merged.extend(existing);
    merged.sort_by_key(|l| l.text.start);
    *links = merged;
}

/// Calls `f` with the range of every bare `http(s)://` URL in `text`, trailing punctuation
/// trimmed (a closing parenthesis only when unbalanced).
pub(crate) fn find_bare_urls(text: &str, mut f: impl FnMut(Range<usize>)) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    static HTTP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("http"));
    while let Some(at) = bytes.get(pos..).and_then(|t| HTTP.find(t)) {
        let start = pos + at;
        pos = start + 4;
        let scheme = if bytes[pos..].starts_with(b"://") {
            7
        } else if bytes[pos..].starts_with(b"s://") {
            8
        } else {
            continue;
        };
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'/') {
            continue;
        }
        let mut end = start + scheme;
        for (off, c) in text[end..].char_indices() {
            let stop = if c.is_ascii() {
                c.is_ascii_whitespace()
                    || c.is_ascii_control()
                    || matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '^')
            } else {
                !c.is_alphanumeric()
            };
            if stop {
                end = start + scheme + off;
                break;
            }
            end = start + scheme + off + c.len_utf8();
        }
        // Trim trailing punctuation that more likely ends the sentence than the URL.
        while end > start + scheme {
            let last = bytes[end - 1];
            let trim = match last {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'"' | b']' | b'*' | b'_' => true,
                b')' => unbalanced_close(&text[start..end]),
                _ => false,
            };
            if !trim {
                break;
            }
            end -= 1;
        }
        let host_len = end - (start + scheme);
        if host_len == 0 {
            continue;
        }
        f(start..end);
        pos = end;
    }
}

pub(crate) fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(decoded: &str, raw: &str) -> Parts {
        let mut b = Builder::default();
        b.push_run(decoded, raw, 0, true);
        b.finish()
    }

    /// Every verbatim piece's text equals the raw bytes it claims to copy.
    fn assert_verbatim_exact(parts: &Parts, raw: &str) {
        for p in &parts.pieces {
            if p.verbatim {
                assert_eq!(
                    &parts.text[p.text..p.text + p.text_len],
                    &raw[p.doc..p.doc + p.doc_len]
                );
            }
        }
    }

    #[test]
    fn collapses_white_space() {
        let raw = "  LDL  fell\n\t by 30%  ";
        let p = run(raw, raw);
        assert_eq!(p.text, "LDL fell by 30%");
        assert_verbatim_exact(&p, raw);
    }

    #[test]
    fn text_copied_as_is_is_one_piece_per_stretch() {
        // Single spaces are copied as is, so the run is one piece; the double space and the
        // line break are collapsed into one space, so they are pieces of their own.
        let raw = "Ketamine eased symptoms in 64% of adults  within\nfour hours";
        let p = run(raw, raw);
        assert_eq!(
            p.text,
            "Ketamine eased symptoms in 64% of adults within four hours"
        );
        assert_verbatim_exact(&p, raw);
        let verbatim: Vec<&str> = p
            .pieces
            .iter()
            .filter(|q| q.verbatim)
            .map(|q| &p.text[q.text..q.text + q.text_len])
            .collect();
        assert_eq!(
            verbatim,
            [
                "Ketamine eased symptoms in 64% of adults",
                "within",
                "four hours"
            ]
        );
        assert_eq!(p.pieces.len(), 5);
    }

    #[test]
    fn references_become_their_own_pieces() {
        let raw = "Risk &amp; benefit: 5&nbsp;mg &lt;10% caf&eacute; &#233;&#x41; &notit; AT&T";
        let dec = "Risk & benefit: 5\u{a0}mg <10% caf\u{e9} \u{e9}A \u{ac}it; AT&T";
        let p = run(dec, raw);
        assert_eq!(
            p.text,
            "Risk & benefit: 5 mg <10% caf\u{e9} \u{e9}A \u{ac}it; AT&T"
        );
        assert_verbatim_exact(&p, raw);
        let amp = p.pieces.iter().find(|p| p.text == 5).unwrap();
        assert_eq!((amp.doc, amp.doc_len, amp.verbatim), (5, 5, false));
        let not = p.text.find('\u{ac}').unwrap();
        let piece = p.pieces.iter().find(|q| q.text == not).unwrap();
        assert_eq!(&raw[piece.doc..piece.doc + piece.doc_len], "&not");
    }

    #[test]
    fn markdown_escapes_and_crlf() {
        let raw = "a \\*b\\* c\r\nd";
        let dec = "a *b* c\nd";
        let p = run(dec, raw);
        assert_eq!(p.text, "a *b* c d");
        assert_verbatim_exact(&p, raw);
    }

    #[test]
    fn unexplained_difference_falls_back_without_panicking() {
        let p = run("x \u{fffd} y", "x \0 y");
        assert_eq!(p.text, "x \u{fffd} y");
        assert_verbatim_exact(&p, "x \0 y");
    }

    #[test]
    fn blocks_links_and_suppression() {
        let mut b = Builder::default();
        b.push_verbatim("First", 0);
        b.end_block();
        b.directive(Directive::Ignore);
        b.set_kind(BlockKind::ListItem);
        b.push_verbatim("Second ", 10);
        b.link_start(Some("https://example.org/a".into()));
        b.push_verbatim(" link ", 20);
        b.link_end();
        b.end_block();
        b.directive(Directive::Disable);
        b.push_verbatim("Third", 30);
        b.end_block();
        b.directive(Directive::Enable);
        b.push_verbatim("Fourth https://pubmed.ncbi.nlm.nih.gov/123/.", 40);
        let p = b.finish();
        assert_eq!(
            p.text,
            "First\n\nSecond link\n\nThird\n\nFourth https://pubmed.ncbi.nlm.nih.gov/123/."
        );
        assert_eq!(p.blocks[1].kind, BlockKind::ListItem);
        assert_eq!(&p.text[p.links[0].text.clone()], "link");
        assert_eq!(p.links[1].href, "https://pubmed.ncbi.nlm.nih.gov/123/");
        let second = p.text.find("Second").unwrap();
        let third = p.text.find("Third").unwrap();
        assert_eq!(p.suppressed, vec![second..third - 2, third..third + 5]);
    }

    #[test]
    fn bare_url_trimming() {
        let mut found = Vec::new();
        let text = "see (https://en.wikipedia.org/wiki/Statin_(drug)), http://x.org/a]; https:// nope xhttp://no.org";
        find_bare_urls(text, |r| found.push(text[r].to_owned()));
        assert_eq!(
            found,
            [
                "https://en.wikipedia.org/wiki/Statin_(drug)",
                "http://x.org/a"
            ]
        );
    }

    #[test]
    fn directives_parse() {
        assert_eq!(directive(" claimcheck-ignore "), Some(Directive::Ignore));
        assert_eq!(
            directive("CLAIMCHECK-DISABLE: quoted study"),
            Some(Directive::Disable)
        );
        assert_eq!(directive("claimcheck-ignored"), None);
        let found: Vec<_> = directives_in_html("<!-- a --><!-- claimcheck-enable -->").collect();
        assert_eq!(found, [Directive::Enable]);
    }
}
