//! An ingested article: its visible text, its structure and links, and the map from every byte of
//! that text back to the input file, so a claim found in the text can be located in the source.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

/// An article after ingest: the main content as plain text, ready for extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The path or URL the article was read from, as the user gave it.
    pub origin: String,
    /// The article's title (`<title>`/first `<h1>`, Markdown front matter or first heading, or a
    /// text file's first line), if one was found.
    pub title: Option<String>,
    /// The visible main-content text. Blocks are separated by a blank line (`"\n\n"`); inside a
    /// block, runs of white space are collapsed to one space.
    pub text: String,
    /// The blocks (paragraphs, headings, list items…) of `text`, in order, not overlapping.
    pub blocks: Vec<Block>,
    /// Every link in the main content, in order, bare URLs and identifiers written in the text
    /// ("PMID: 123", "doi:10.…", as links to their pages) included.
    pub links: Vec<Link>,
    /// The citation structure: reference entries and the markers that point at them.
    pub citations: super::Citations,
    /// Ranges of `text` an author suppressed with `<!-- claimcheck-ignore -->` or a
    /// `claimcheck-disable` / `claimcheck-enable` pair.
    pub suppressed: Vec<Range<usize>>,
    /// Maps byte offsets in `text` back to the input file.
    pub map: SourceMap,
    /// `sha256:<hex>` of the input bytes.
    pub content_hash: String,
    /// Problems that did not stop ingest (undecodable bytes replaced, …), for stderr.
    pub warnings: Vec<String>,
}

/// One block of the article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's byte range in [`Article::text`].
    pub range: Range<usize>,
    /// What kind of block it is.
    pub kind: BlockKind,
}

/// The structural role of a [`Block`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, with its level (1–6; a plain-text heading guess is level 2).
    Heading(u8),
    /// An ordinary paragraph.
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
    /// A block quote.
    Quote,
    /// A table cell or row.
    Table,
}

/// A hyperlink (or a bare URL) in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The target, as written (made absolute against the article URL when there is one).
    pub href: String,
    /// The anchor text's byte range in [`Article::text`] (for a bare URL, the URL itself).
    pub text: Range<usize>,
}

/// One stretch of the text and the stretch of the input file it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Start of the stretch in [`Article::text`].
    pub text: usize,
    /// Its length in `text`.
    pub text_len: usize,
    /// Start of the stretch in the input file's bytes.
    pub raw: usize,
    /// Its length in the input file's bytes.
    pub raw_len: usize,
}

/// Maps byte offsets of [`Article::text`] to byte offsets, lines and columns of the input file.
///
/// Built from [`Piece`]s in text order. Where a piece's text and raw lengths agree the text was
/// copied verbatim and offsets map one to one; otherwise (an entity, collapsed white space, a
/// transcoded character) the piece's start maps to its raw start and its end to its raw end.
///
/// Lines and columns are those of the decoded file, whatever its encoding: lines start after
/// each decoded line feed (a `0x0A` byte inside a UTF-16 character is not one), and columns
/// count decoded characters (a byte-order mark is not one).
#[derive(Debug, Clone, PartialEq)]
pub struct SourceMap {
    pieces: Vec<Piece>,
    line_starts: Vec<usize>,
    /// Column marks inside long UTF-8 lines, in raw order: a raw offset (a character start)
    /// and the characters before it on its line. A column is counted from the nearest mark, so
    /// locating on a page that is one long line (minified HTML) stays linear.
    marks: Vec<(usize, u32)>,
    raw: Vec<u8>,
    encoding: &'static encoding_rs::Encoding,
    /// Whether `raw` is valid UTF-8, so a column is the count of the bytes that start a
    /// character, without decoding them again for every location.
    utf8: bool,
}

/// The distance between two column marks in a long UTF-8 line.
const MARK_EVERY: usize = 4096;

impl Default for SourceMap {
    fn default() -> Self {
        SourceMap::identity("")
    }
}

impl SourceMap {
    /// A map over `raw` (the input file's bytes) in `encoding`, whose lines start at the raw
    /// offsets `line_starts` (the first is where line 1's first character is, after any
    /// byte-order mark; they must ascend).
    pub fn new(
        raw: &[u8],
        line_starts: Vec<usize>,
        encoding: &'static encoding_rs::Encoding,
    ) -> Self {
        let utf8 = std::ptr::eq(encoding, encoding_rs::UTF_8) && std::str::from_utf8(raw).is_ok();
        SourceMap::with_validity(raw, line_starts, encoding, utf8)
    }

    /// [`SourceMap::new`] for a caller that knows whether `raw` is valid UTF-8.
    fn with_validity(
        raw: &[u8],
        line_starts: Vec<usize>,
        encoding: &'static encoding_rs::Encoding,
        utf8: bool,
    ) -> Self {
        let line_starts = if line_starts.is_empty() {
            vec![0]
        } else {
            line_starts
        };
        let marks = if std::ptr::eq(encoding, encoding_rs::UTF_8) {
            column_marks(raw, &line_starts)
        } else {
            Vec::new()
        };
        SourceMap {
            pieces: Vec::new(),
            line_starts,
            marks,
            raw: raw.to_vec(),
            encoding,
            utf8,
        }
    }

    /// The line starts of UTF-8 (or ASCII-compatible single-byte) bytes: after each `0x0A`, the
    /// first after a UTF-8 byte-order mark.
    pub fn byte_line_starts(raw: &[u8]) -> Vec<usize> {
        let first = if raw.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        // Counting the line feeds first (memchr counts them with SIMD) sizes the vector once.
        let mut starts = Vec::with_capacity(1 + memchr::memchr_iter(b'\n', raw).count());
        starts.push(first);
        starts.extend(memchr::memchr_iter(b'\n', raw).map(|i| i + 1));
        starts
    }

    /// The identity map of a UTF-8 text that is its own source.
    pub fn identity(text: &str) -> Self {
        let raw = text.as_bytes();
        let starts = SourceMap::byte_line_starts(raw);
        let mut map = SourceMap::with_validity(raw, starts, encoding_rs::UTF_8, true);
        map.push(Piece {
            text: 0,
            text_len: text.len(),
            raw: 0,
            raw_len: text.len(),
        });
        map
    }

    /// Appends a piece. Pieces must come in text order; a piece that would overlap the previous
    /// one in the text is ignored.
    pub fn push(&mut self, piece: Piece) {
        if let Some(last) = self.pieces.last() {
            if piece.text < last.text + last.text_len {
                return;
            }
            // Merge verbatim pieces that continue each other, to keep the map small.
            if last.text_len == last.raw_len
                && piece.text_len == piece.raw_len
                && last.text + last.text_len == piece.text
                && last.raw + last.raw_len == piece.raw
            {
                let merged = self.pieces.last_mut().expect("checked above");
                merged.text_len += piece.text_len;
                merged.raw_len += piece.raw_len;
                return;
            }
        }
        self.pieces.push(piece);
    }

    /// The pieces, in text order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The raw byte offset of text offset `at`. `end` says whether `at` ends a range (an offset
    /// inside a non-verbatim piece then maps to the piece's raw end).
    pub fn raw_offset(&self, at: usize, end: bool) -> usize {
        let idx = self
            .pieces
            .partition_point(|p| p.text + p.text_len <= at && !(end && p.text + p.text_len == at));
        let Some(piece) = self.pieces.get(idx).or_else(|| self.pieces.last()) else {
            return at.min(self.raw.len());
        };
        if at < piece.text {
            return piece.raw;
        }
        let into = at - piece.text;
        if into >= piece.text_len {
            piece.raw + piece.raw_len
        } else if piece.text_len == piece.raw_len {
            piece.raw + into
        } else if end && into > 0 {
            piece.raw + piece.raw_len
        } else {
            piece.raw
        }
    }

    /// The 1-based line and column of a raw byte offset (which should start a character).
    pub fn line_column(&self, raw: usize) -> (u32, u32) {
        let raw = raw.min(self.raw.len());
        let line = self.line_starts.partition_point(|&s| s <= raw).max(1);
        let mut start = self.line_starts[line - 1].min(raw);
        let mut before = 0;
        let mark = self.marks.partition_point(|&(at, _)| at <= raw);
        if let Some(&(at, chars)) = mark.checked_sub(1).map(|m| &self.marks[m]) {
            if at >= start {
                (start, before) = (at, chars);
            }
        }
        let bytes = &self.raw[start..raw];
        let chars = if self.utf8 {
            char_starts(bytes)
        } else if std::ptr::eq(self.encoding, encoding_rs::UTF_8) {
            utf8_chars(bytes)
        } else if self.encoding.is_single_byte() {
            bytes.len()
        } else {
            self.encoding
                .decode_without_bom_handling(bytes)
                .0
                .chars()
                .count()
        };
        (line as u32, before + chars as u32 + 1)
    }

    /// The location in the input file of a byte range of the text.
    pub fn locate(&self, range: Range<usize>) -> crate::model::Location {
        let start = self.raw_offset(range.start, false);
        let end = self.raw_offset(range.end, true).max(start);
        let (line, column) = self.line_column(start);
        crate::model::Location {
            line,
            column,
            start,
            end,
        }
    }
}

/// The characters of valid UTF-8 `bytes` that start at a character: each has one byte that is
/// not a continuation byte (a character cut at the end counts once, as it decodes). Summed in
/// blocks of 64 bytes, which the compiler vectorizes (a plain filtered count it does not).
fn char_starts(bytes: &[u8]) -> usize {
    let starts = |b: &[u8]| b.iter().map(|&b| u8::from(b & 0xC0 != 0x80)).sum::<u8>();
    let blocks = bytes.chunks_exact(64);
    let tail = starts(blocks.remainder());
    blocks.map(|b| usize::from(starts(b))).sum::<usize>() + usize::from(tail)
}

/// The characters UTF-8 `bytes` decode to; each undecodable stretch is one U+FFFD, as the
/// decoder made it.
fn utf8_chars(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.chars().count(),
        Err(_) => String::from_utf8_lossy(bytes).chars().count(),
    }
}

/// Column marks every [`MARK_EVERY`] bytes or so of each line longer than that. Marks sit
/// before a byte that is not a UTF-8 continuation byte, so no character, and no undecodable
/// stretch, is split between two counts.
fn column_marks(raw: &[u8], line_starts: &[usize]) -> Vec<(usize, u32)> {
    let mut marks = Vec::new();
    let ends = line_starts.iter().skip(1).copied().chain([raw.len()]);
    for (start, end) in line_starts.iter().copied().zip(ends) {
        let (mut at, mut chars) = (start, 0u32);
        while end.saturating_sub(at) > MARK_EVERY {
            let mut next = at + MARK_EVERY;
            while next < end && raw[next] & 0xC0 == 0x80 {
                next += 1;
            }
            chars = chars.saturating_add(utf8_chars(&raw[at..next]) as u32);
            marks.push((next, chars));
            at = next;
        }
    }
    marks
}

/// `s` with every run of white space (no-break spaces too) as one space, trimmed.
pub fn collapse_whitespace(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_owned();
    }
    if s.is_ascii() {
        return collapse_ascii_whitespace(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `s` is its own [`collapse_whitespace`], as most sentences are: no white space at
/// either end, and none inside but single spaces. SIMD byte searches instead of decoding every
/// character: white space outside ASCII starts with the byte 0xC2, 0xE1, 0xE2 or 0xE3.
fn is_collapsed(s: &str) -> bool {
    static DOUBLE_SPACE: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("  "));
    let b = s.as_bytes();
    let starts_white = |c: Option<char>| c.is_some_and(char::is_whitespace);
    !starts_white(s.chars().next())
        && !starts_white(s.chars().next_back())
        && memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
        && memchr::memchr2(0x0B, 0x0C, b).is_none()
        && DOUBLE_SPACE.find(b).is_none()
        && (memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b).chain(memchr::memchr_iter(0xE3, b)))
            .all(|i| !starts_white(s[i..].chars().next()))
}

/// [`collapse_whitespace`] of ASCII text, a byte at a time (`split_whitespace` decodes every
/// character).
fn collapse_ascii_whitespace(s: &str) -> String {
    let b = s.as_bytes();
    let white = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for word in b.split(white) {
        // ASCII offsets are character boundaries: slicing needs no UTF-8 validation.
        let range = at..at + word.len();
        at = range.end + 1;
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[range]);
    }
    out
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`; an offset past the
/// end, or inside a character, counts from the last character boundary before it.
pub fn line_column_in(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before.chars().count(), |p| before[p + 1..].chars().count())
        + 1;
    (line, column)
}

/// `bytes` as UTF-8 text without a leading byte-order mark; invalid UTF-8 is the 1-based line and
/// column of the first bad byte. For the files people edit: claims files and `claimcheck.toml`.
pub fn utf8_text(bytes: &[u8]) -> Result<&str, (usize, usize)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        line_column_in(valid, valid.len())
    })
}

impl Article {
    /// The block that contains text offset `at`, if any.
    pub fn block_at(&self, at: usize) -> Option<&Block> {
        let idx = self.blocks.partition_point(|b| b.range.end <= at);
        self.blocks.get(idx).filter(|b| b.range.start <= at)
    }

    /// Whether text offset `at` lies in a suppressed range.
    pub fn is_suppressed(&self, at: usize) -> bool {
        self.suppressed.iter().any(|r| r.contains(&at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// ASCII text takes a byte-wise path: the same words, one space between them.
        #[test]
        fn collapsed_ascii_is_its_words_joined(s in "[ -~\t\n\x0B\x0C\r]{0,120}") {
            let words: Vec<&str> = s.split_whitespace().collect();
            proptest::prop_assert_eq!(collapse_whitespace(&s), words.join(" "));
        }

        /// The identity map of any UTF-8 text counts lines and columns as a reader does.
        #[test]
        fn identity_columns_count_characters(s in "[a-zé–😀 \n]{0,300}") {
            let map = SourceMap::identity(&s);
            for at in (0..=s.len()).filter(|&at| s.is_char_boundary(at)) {
                let (line, column) = line_column_in(&s, at);
                proptest::prop_assert_eq!(map.line_column(at), (line as u32, column as u32));
            }
        }

        /// Any text, white space outside ASCII included: its words, one space between them.
        #[test]
        fn collapsed_text_is_its_words_joined(
            s in "[a-zé–\u{a0}\u{85}\u{2003}\u{3000}\u{1680} \t\n]{0,40}"
        ) {
            let words: Vec<&str> = s.split_whitespace().collect();
            proptest::prop_assert_eq!(collapse_whitespace(&s), words.join(" "));
        }
    }

    #[test]
    fn collapses_every_kind_of_white_space() {
        assert_eq!(collapse_whitespace("  a\x0B b\n\tc "), "a b c");
        assert_eq!(collapse_whitespace("\u{a0}déjà\u{2003} vu "), "déjà vu");
        assert_eq!(collapse_whitespace(" \r\n "), "");
    }

    #[test]
    fn identity_map_locates_lines_and_columns() {
        let text = "first line\nsecond é line 30%\n";
        let map = SourceMap::identity(text);
        let at = text.find("30%").unwrap();
        let loc = map.locate(at..at + 3);
        assert_eq!((loc.line, loc.start, loc.end), (2, at, at + 3));
        // "second é line " is 14 characters but 15 bytes: the column counts characters.
        assert_eq!(loc.column, 15);
    }

    #[test]
    fn columns_in_a_very_long_line_count_every_character() {
        // One line of 40 kB mixing ASCII, two-, three- and four-byte characters and stray
        // bytes that do not decode, then a short second line.
        let mut raw = b"short first line\n".to_vec();
        let second = raw.len();
        for i in 0..4000 {
            raw.extend_from_slice(match i % 5 {
                0 => "caf\u{e9} ".as_bytes(),
                1 => "\u{2013}40% ".as_bytes(),
                2 => b"\xE2\x82 " as &[u8],
                3 => b"\xF0\x9F\x98\x80\xFF",
                _ => b"plain ",
            });
        }
        raw.extend_from_slice(b"\nlast");
        let map = SourceMap::new(&raw, SourceMap::byte_line_starts(&raw), encoding_rs::UTF_8);
        assert!(!map.marks.is_empty());
        let naive =
            |at: usize| String::from_utf8_lossy(&raw[second..at]).chars().count() as u32 + 1;
        for at in (second..raw.len() - 5)
            .filter(|&at| raw[at] & 0xC0 != 0x80)
            .step_by(97)
        {
            assert_eq!(map.line_column(at), (2, naive(at)), "at {at}");
        }
        assert_eq!(map.line_column(raw.len() - 4), (3, 1));
    }

    #[test]
    fn non_verbatim_piece_maps_to_its_raw_bounds() {
        // raw: "a&amp;b 5%" → text: "a&b 5%"
        let raw = b"a&amp;b 5%";
        let mut map = SourceMap::new(raw, SourceMap::byte_line_starts(raw), encoding_rs::UTF_8);
        map.push(Piece {
            text: 0,
            text_len: 1,
            raw: 0,
            raw_len: 1,
        });
        map.push(Piece {
            text: 1,
            text_len: 1,
            raw: 1,
            raw_len: 5,
        });
        map.push(Piece {
            text: 2,
            text_len: 4,
            raw: 6,
            raw_len: 4,
        });
        let loc = map.locate(4..6);
        assert_eq!((loc.start, loc.end), (8, 10));
        let amp = map.locate(1..2);
        assert_eq!((amp.start, amp.end), (1, 6));
    }
}
