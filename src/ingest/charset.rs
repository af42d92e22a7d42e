//! Character decoding: raw input bytes in, a UTF-8 "document" string out, plus the map from
//! document offsets back to raw byte offsets.
//!
//! Every later step (HTML tokenizing, Markdown parsing, block building) works on the decoded
//! document and records [`DocPiece`]s in document coordinates; [`Decoded::source_map`] turns them
//! into [`Piece`]s in raw-byte coordinates, which is what `SourceMap::locate` must report. For
//! valid UTF-8 the document *is* the input (borrowed, no copy) and the map is a shift by the BOM
//! length. Single-byte encodings (windows-1252…) map each raw byte to one character, which may be
//! two or three UTF-8 bytes. Undecodable bytes become U+FFFD and produce one warning, which names
//! the line and column of the first; decoding never fails and never panics.
//!
//! Which encoding: a byte-order mark wins; then UTF-16 without one, recognised by its zero bytes
//! (ASCII text in UTF-16 has one in every pair, on the same side); then what the document or the
//! caller declares (`<meta>`, a Content-Type charset); then UTF-8. Undeclared bytes that are not
//! UTF-8 and hold no UTF-8 sequence at all are read as windows-1252, the encoding the HTML
//! standard assumes for unlabelled Western pages, with a warning: a legacy dash then stays a
//! dash ("24–48 hours", not "24\u{FFFD}48 hours").

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_8, WINDOWS_1252};

use crate::model::{Piece, SourceMap};

/// A stretch of the article text and the stretch of the decoded document it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DocPiece {
    /// Start in the article text.
    pub text: usize,
    /// Length in the article text.
    pub text_len: usize,
    /// Start in the decoded document.
    pub doc: usize,
    /// Length in the decoded document.
    pub doc_len: usize,
    /// Whether the text bytes are a copy of the document bytes.
    pub verbatim: bool,
}

/// A stretch of the document and the raw bytes it was decoded from.
#[derive(Debug, Clone, Copy)]
struct Seg {
    doc: usize,
    raw: usize,
    doc_len: usize,
    raw_len: usize,
    /// The document bytes equal the raw bytes (so inner offsets map one to one).
    identity: bool,
}

/// The decoded document and how to get back to the raw bytes.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The document as UTF-8.
    pub text: Cow<'a, str>,
    /// The encoding that was used.
    pub encoding: &'static Encoding,
    /// One warning if some bytes could not be decoded (while decoding: the document offset of
    /// the first U+FFFD, as text) or the encoding was guessed.
    pub warning: Option<String>,
    segs: Vec<Seg>,
    raw_len: usize,
}

impl Decoded<'_> {
    /// Whether the document is byte for byte the raw input (valid UTF-8, no BOM).
    pub fn is_identity(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
            && self.text.len() == self.raw_len
            && self.segs.iter().all(|s| s.identity && s.doc == s.raw)
    }

    /// The raw offset of document offset `doc`; `end` says whether it ends a range (an offset
    /// inside or at the end of a transcoded character then maps past the character's raw bytes).
    pub fn raw_at(&self, doc: usize, end: bool) -> usize {
        let idx = if end {
            self.segs.partition_point(|s| s.doc + s.doc_len < doc)
        } else {
            self.segs.partition_point(|s| s.doc + s.doc_len <= doc)
        };
        let Some(seg) = self.segs.get(idx) else {
            return self.raw_len;
        };
        if doc <= seg.doc {
            seg.raw
        } else if seg.identity {
            seg.raw + (doc - seg.doc).min(seg.raw_len)
        } else {
            seg.raw + seg.raw_len
        }
    }

    /// Where each line of the document starts in `raw`: after each decoded line feed (never a
    /// `0x0A` byte inside a UTF-16 character), the first after the byte-order mark.
    pub fn line_starts(&self) -> Vec<usize> {
        let mut starts = vec![self.raw_at(0, false)];
        starts.extend(
            memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| self.raw_at(i + 1, false)),
        );
        starts
    }

    /// Builds the article's [`SourceMap`] over `raw` from pieces in document coordinates.
    pub fn source_map(&self, raw: &[u8], pieces: &[DocPiece]) -> SourceMap {
        let mut map = SourceMap::new(raw, self.line_starts(), self.encoding);
        for p in pieces {
            if p.text_len == 0 {
                continue;
            }
            if !p.verbatim {
                let start = self.raw_at(p.doc, false);
                let end = self.raw_at(p.doc + p.doc_len, true).max(start);
                push_changed(&mut map, p.text, p.text_len, start, end - start);
                continue;
            }
            // A verbatim document stretch may cross transcoded characters: split it per segment.
            let end = p.doc + p.doc_len;
            let mut idx = self.segs.partition_point(|s| s.doc + s.doc_len <= p.doc);
            while let Some(seg) = self.segs.get(idx) {
                if seg.doc >= end {
                    break;
                }
                let from = seg.doc.max(p.doc);
                let to = (seg.doc + seg.doc_len).min(end);
                let text = p.text + (from - p.doc);
                if seg.identity {
                    map.push(Piece {
                        text,
                        text_len: to - from,
                        raw: seg.raw + (from - seg.doc),
                        raw_len: to - from,
                    });
                } else {
                    push_changed(&mut map, text, to - from, seg.raw, seg.raw_len);
                }
                idx += 1;
            }
        }
        map
    }
}

/// Pushes a piece whose text is not a copy of its raw bytes. `SourceMap` treats a piece whose
/// lengths agree as verbatim (and merges it with its neighbours), so a changed stretch that
/// happens to keep its length (`&#0` → U+FFFD, a UTF-16 `é`) is split into two unequal pieces
/// with the same outer bounds. A single byte (a tab written as a space) stays as it is.
fn push_changed(map: &mut SourceMap, text: usize, text_len: usize, raw: usize, raw_len: usize) {
    if text_len == raw_len && text_len >= 2 {
        map.push(Piece {
            text,
            text_len: text_len - 1,
            raw,
            raw_len,
        });
        map.push(Piece {
            text: text + text_len - 1,
            text_len: 1,
            raw: raw + raw_len,
            raw_len: 0,
        });
    } else {
        map.push(Piece {
            text,
            text_len,
            raw,
            raw_len,
        });
    }
}

/// Decodes `raw`: a BOM wins, then UTF-16 recognised without one, then `declared`, then UTF-8
/// (or windows-1252 for undeclared legacy bytes; see the module header).
pub(crate) fn decode<'a>(
    raw: &'a [u8],
    declared: Option<&'static Encoding>,
    origin: &str,
) -> Decoded<'a> {
    let (encoding, bom) = match Encoding::for_bom(raw) {
        Some((enc, len)) => (enc, len),
        None => (sniff_utf16(raw).or(declared).unwrap_or(UTF_8), 0),
    };
    let body = raw.get(bom..).unwrap_or_default();
    let mut out = if std::ptr::eq(encoding, UTF_8) {
        decode_utf8(body, bom)
    } else if encoding.is_single_byte() {
        decode_single_byte(encoding, body, bom)
    } else {
        decode_generic(encoding, body, bom)
    };
    let mut note = None;
    if out.warning.is_some() && declared.is_none() && bom == 0 && is_legacy(body) {
        out = decode_single_byte(WINDOWS_1252, body, 0);
        // Legacy text holds no multi-byte UTF-8, so everything before its first non-UTF-8 byte
        // is ASCII: that byte's raw offset is its offset in the decoded text too.
        let first = std::str::from_utf8(body)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let (line, column) = crate::model::line_column_in(&out.text, first);
        note = Some(format!(
            "{origin}:{line}:{column}: not UTF-8 and no charset declared: read as windows-1252 \
             (the first byte that is not UTF-8 is here)"
        ));
    }
    out.raw_len = raw.len();
    if let Some(bad) = out.warning.take() {
        let at: usize = bad.parse().unwrap_or(0);
        let (line, column) = crate::model::line_column_in(&out.text, at);
        out.warning = Some(format!(
            "{origin}:{line}:{column}: bytes that are not valid {} were replaced with U+FFFD (the first here)",
            encoding.name()
        ));
    }
    if note.is_some() {
        out.warning = note;
    }
    out
}

/// Whether undeclared, invalid UTF-8 looks like a legacy 8-bit encoding: not one multi-byte
/// UTF-8 sequence in it. (Text with some valid UTF-8 is UTF-8 with a few bad bytes.)
fn is_legacy(body: &[u8]) -> bool {
    let mut rest = body;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => return valid.is_ascii(),
            Err(e) => {
                if !rest[..e.valid_up_to()].is_ascii() {
                    return false;
                }
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to()).max(1);
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
}

/// UTF-16 without a byte-order mark, by its zero bytes: in the first 1024 bytes, at least a
/// quarter of the byte pairs have a zero on one side and (almost) none on the other.
pub(crate) fn sniff_utf16(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(1024) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let clear = |many: usize, few: usize| many * 4 >= pairs && few * 20 <= many;
    if clear(odd, even) {
        Some(encoding_rs::UTF_16LE)
    } else if clear(even, odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Pushes an identity stretch, merging it with the previous one when they continue each other.
fn push_identity(segs: &mut Vec<Seg>, doc: usize, raw: usize, len: usize) {
    if len == 0 {
        return;
    }
    if let Some(last) = segs.last_mut() {
        if last.identity && last.doc + last.doc_len == doc && last.raw + last.raw_len == raw {
            last.doc_len += len;
            last.raw_len += len;
            return;
        }
    }
    segs.push(Seg {
        doc,
        raw,
        doc_len: len,
        raw_len: len,
        identity: true,
    });
}

fn decode_utf8(body: &[u8], base: usize) -> Decoded<'_> {
    if let Ok(text) = std::str::from_utf8(body) {
        let mut segs = Vec::new();
        push_identity(&mut segs, 0, base, text.len());
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8,
            warning: None,
            segs,
            raw_len: 0,
        };
    }
    let mut text = String::with_capacity(body.len() + 16);
    let mut segs = Vec::new();
    let mut first_bad = None;
    let mut pos = 0;
    while pos < body.len() {
        let rest = &body[pos..];
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                push_identity(&mut segs, text.len(), base + pos, valid.len());
                text.push_str(valid);
                break;
            }
            Err(err) => {
                let valid_len = err.valid_up_to();
                let valid = std::str::from_utf8(&rest[..valid_len]).unwrap_or_default();
                push_identity(&mut segs, text.len(), base + pos, valid_len);
                text.push_str(valid);
                let bad_len = err.error_len().unwrap_or(rest.len() - valid_len).max(1);
                first_bad.get_or_insert(text.len());
                segs.push(Seg {
                    doc: text.len(),
                    raw: base + pos + valid_len,
                    doc_len: '\u{FFFD}'.len_utf8(),
                    raw_len: bad_len,
                    identity: false,
                });
                text.push('\u{FFFD}');
                pos += valid_len + bad_len;
            }
        }
    }
    Decoded {
        text: Cow::Owned(text),
        encoding: UTF_8,
        warning: first_bad.map(|b| b.to_string()),
        segs,
        raw_len: 0,
    }
}

fn decode_single_byte<'a>(encoding: &'static Encoding, body: &'a [u8], base: usize) -> Decoded<'a> {
    let (text, _) = encoding.decode_without_bom_handling(body);
    // Single-byte encodings turn every byte into exactly one character; anything else would
    // break the walk below, so fall back to the general decoder.
    if text.chars().count() != body.len() {
        return decode_generic(encoding, body, base);
    }
    let mut segs = Vec::new();
    let mut first_bad = None;
    let mut doc = 0;
    for (i, (ch, &byte)) in text.chars().zip(body).enumerate() {
        let len = ch.len_utf8();
        if len == 1 && ch as u32 == u32::from(byte) {
            push_identity(&mut segs, doc, base + i, 1);
        } else {
            if ch == '\u{FFFD}' {
                first_bad.get_or_insert(doc);
            }
            segs.push(Seg {
                doc,
                raw: base + i,
                doc_len: len,
                raw_len: 1,
                identity: false,
            });
        }
        doc += len;
    }
    Decoded {
        text,
        encoding,
        warning: first_bad.map(|b| b.to_string()),
        segs,
        raw_len: 0,
    }
}

/// Any encoding (UTF-16, the CJK multi-byte ones…): feed the decoder one byte at a time so every
/// character's raw bytes are known. Slow-ish, but these inputs are rare.
fn decode_generic<'a>(encoding: &'static Encoding, body: &'a [u8], base: usize) -> Decoded<'a> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 2 + 16);
    let mut segs = Vec::new();
    let mut first_bad = None;
    // `pending` is the first raw byte (in `body`) whose characters are not yet mapped.
    let mut pending = 0;
    let mut pos = 0;
    loop {
        let last = pos >= body.len();
        let input = body.get(pos..pos + 1).unwrap_or_default();
        text.reserve(32);
        let before = text.len();
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, last);
        let consumed = pos + read;
        match result {
            DecoderResult::InputEmpty => {
                if text.len() > before {
                    map_output(&mut segs, &text, before, body, base, pending..consumed);
                    pending = consumed;
                }
                if last {
                    break;
                }
            }
            DecoderResult::OutputFull => text.reserve(64),
            DecoderResult::Malformed(bad, extra) => {
                let bad_end = consumed.saturating_sub(usize::from(extra)).max(pending);
                let bad_start = bad_end.saturating_sub(usize::from(bad)).max(pending);
                if text.len() > before {
                    map_output(&mut segs, &text, before, body, base, pending..bad_start);
                }
                first_bad.get_or_insert(text.len());
                segs.push(Seg {
                    doc: text.len(),
                    raw: base + bad_start,
                    doc_len: '\u{FFFD}'.len_utf8(),
                    raw_len: bad_end - bad_start,
                    identity: false,
                });
                text.push('\u{FFFD}');
                pending = bad_end;
            }
        }
        pos = consumed;
    }
    Decoded {
        text: Cow::Owned(text),
        encoding,
        warning: first_bad.map(|b| b.to_string()),
        segs,
        raw_len: 0,
    }
}

/// Maps the characters `text[before..]` just produced to the raw bytes `raw` of `body`.
fn map_output(
    segs: &mut Vec<Seg>,
    text: &str,
    before: usize,
    body: &[u8],
    base: usize,
    raw: std::ops::Range<usize>,
) {
    let out = &text.as_bytes()[before..];
    if body.get(raw.clone()) == Some(out) {
        push_identity(segs, before, base + raw.start, out.len());
    } else {
        segs.push(Seg {
            doc: before,
            raw: base + raw.start,
            doc_len: out.len(),
            raw_len: raw.len(),
            identity: false,
        });
    }
}

/// The encoding declared by a `<meta charset>` or `<meta http-equiv content="…charset=…">` in
/// the first 1024 bytes, as the HTML prescan would find it (UTF-16 labels mean UTF-8 there).
pub(crate) fn html_meta_charset(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(1024)];
    let mut pos = 0;
    while let Some(at) = find_ci(&head[pos..], b"<meta") {
        let start = pos + at + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(c) = find_ci(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            rest = trim_start(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_start(r);
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let len = r
                    .iter()
                    .position(|&b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(r.len());
                if let Some(enc) = Encoding::for_label(&r[..len]) {
                    return Some(enc.output_encoding());
                }
            }
        }
        pos = end.max(start);
    }
    None
}

/// The encoding named by a `charset=` parameter of a Content-Type value.
pub(crate) fn content_type_charset(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let value = content_type[at + 8..].trim_start();
    let value = value.trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(value.len());
    Encoding::for_label(&value.as_bytes()[..end])
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// ASCII case-insensitive search of `needle` (given in lower case) in `hay`.
pub(crate) fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_borrowed_identity() {
        let d = decode("caf\u{e9} 5%".as_bytes(), None, "x");
        assert!(d.is_identity());
        assert!(d.warning.is_none());
        assert_eq!(d.raw_at(5, false), 5);
    }

    #[test]
    fn bom_shifts_offsets() {
        let raw = b"\xEF\xBB\xBFabc";
        let d = decode(raw, None, "x");
        assert_eq!(d.text, "abc");
        assert!(!d.is_identity());
        assert_eq!(d.raw_at(0, false), 3);
        assert_eq!(d.raw_at(3, true), 6);
    }

    #[test]
    fn windows_1252_maps_each_character_to_its_byte() {
        // "caf\xE9 \x93x\x94" = café “x”
        let raw = b"caf\xE9 \x93x\x94";
        let d = decode(raw, Some(WINDOWS_1252), "page.html");
        assert_eq!(d.text, "caf\u{e9} \u{201c}x\u{201d}");
        let x = d.text.find('x').unwrap();
        assert_eq!(d.raw_at(x, false), 6);
        // the closing quote is 3 text bytes and 1 raw byte
        let q = d.text.rfind('\u{201d}').unwrap();
        assert_eq!(d.raw_at(q, false), 7);
        assert_eq!(d.raw_at(q + 3, true), 8);
        assert!(d.warning.is_none());
    }

    #[test]
    fn invalid_utf8_is_replaced_with_one_warning_at_its_line_and_column() {
        // Some valid UTF-8 (é), so the bad bytes are errors in UTF-8, not another encoding.
        let raw = "caf\u{e9}\nok \u{FFFD}".as_bytes();
        let mut raw = raw[..raw.len() - 3].to_vec();
        raw.extend_from_slice(b"\xFF\xFE then \xC3");
        let d = decode(&raw, None, "a.txt");
        assert_eq!(d.text, "caf\u{e9}\nok \u{FFFD}\u{FFFD} then \u{FFFD}");
        let w = d.warning.clone().unwrap();
        assert_eq!(
            w,
            "a.txt:2:4: bytes that are not valid UTF-8 were replaced with U+FFFD (the first here)"
        );
        let then = d.text.find("then").unwrap();
        assert_eq!(d.raw_at(then, false), 12);
    }

    #[test]
    fn undeclared_legacy_bytes_are_windows_1252() {
        let raw = b"Line one.\nRelief within 24\x9648 hours, caf\xe9.";
        let d = decode(raw, None, "old.txt");
        assert_eq!(
            d.text,
            "Line one.\nRelief within 24\u{2013}48 hours, caf\u{e9}."
        );
        assert_eq!(
            d.warning.as_deref(),
            Some(
                "old.txt:2:17: not UTF-8 and no charset declared: read as windows-1252 (the \
                 first byte that is not UTF-8 is here)"
            )
        );
        // Declared UTF-8 stays UTF-8, with replacement.
        let d = decode(raw, Some(UTF_8), "old.txt");
        assert!(d.text.contains("24\u{FFFD}48"));
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Ketamine: 64% respond.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(sniff_utf16(&le), Some(encoding_rs::UTF_16LE));
        assert_eq!(sniff_utf16(&be), Some(encoding_rs::UTF_16BE));
        assert_eq!(decode(&le, None, "x").text, text);
        assert_eq!(decode(&be, None, "x").text, text);
        assert_eq!(sniff_utf16(text.as_bytes()), None);
        assert_eq!(sniff_utf16(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), None);
    }

    #[test]
    fn line_starts_come_from_decoded_line_feeds() {
        // U+010A is 0A 01 in UTF-16LE: a 0x0A byte that is not a line feed.
        let text = "\u{10a}x\nsecond";
        let mut raw = vec![0xFF, 0xFE];
        raw.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&raw, None, "x");
        assert_eq!(d.line_starts(), [2, 8]);
    }

    #[test]
    fn utf16_with_bom_decodes_with_offsets() {
        let mut raw = vec![0xFF, 0xFE];
        for u in "a\u{e9}b".encode_utf16() {
            raw.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&raw, None, "x");
        assert_eq!(d.text, "a\u{e9}b");
        assert_eq!(d.raw_at(d.text.find('b').unwrap(), false), 6);
    }

    #[test]
    fn same_length_changes_stay_non_verbatim() {
        // A truncated 3-byte sequence becomes one U+FFFD: 2 raw bytes, 3 text bytes. Followed
        // by the text check, which also covers the 3:3 case of `&#0` in HTML.
        let raw = b"a\xE2\x82b";
        let d = decode(raw, Some(UTF_8), "x");
        assert_eq!(d.text, "a\u{FFFD}b");
        let whole = DocPiece {
            text: 0,
            text_len: d.text.len(),
            doc: 0,
            doc_len: d.text.len(),
            verbatim: true,
        };
        let map = d.source_map(raw, &[whole]);
        for p in map.pieces() {
            if p.text_len == p.raw_len {
                assert_eq!(
                    &d.text.as_bytes()[p.text..p.text + p.text_len],
                    &raw[p.raw..p.raw + p.raw_len]
                );
            }
        }
        let loc = map.locate(1..4);
        assert_eq!((loc.start, loc.end), (1, 3));
        let b = map.locate(4..5);
        assert_eq!((b.start, b.end), (3, 4));
    }

    #[test]
    fn meta_charset_forms() {
        assert_eq!(
            html_meta_charset(b"<html><head><meta charset=\"windows-1252\">"),
            Some(WINDOWS_1252)
        );
        assert_eq!(
            html_meta_charset(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">"
            ),
            Some(WINDOWS_1252)
        );
        assert_eq!(html_meta_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(html_meta_charset(b"<p>charset=latin1</p>"), None);
        assert_eq!(
            content_type_charset("text/html; charset=\"Shift_JIS\""),
            Some(encoding_rs::SHIFT_JIS)
        );
    }
}
