//! What makes a claim the same claim across edits: its content, never its position.
//!
//! A claim is identified by its normalized quote, its normalized sentence and the quote's
//! occurrence in that sentence (the [`ClaimKey`]). Repeated sentences (the same words in two
//! places) are told apart by their context: fingerprints of the text just before and just after
//! the sentence. Ids are derived from the article's path and the key, so they are unique within a
//! repository and do not move when text elsewhere is inserted, deleted or reordered.
//!
//! Pure functions over strings; `extract` computes keys, contexts and ids, `claims_file` matches
//! reviewed claims to fresh ones with them.

use sha2::{Digest, Sha256};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lower case, one space between words, every dash form as "-": the form in which two quotes or
/// sentences count as the same words.
pub fn normalize_words(s: &str) -> String {
    if s.is_ascii() {
        let mut out = Vec::with_capacity(s.len());
        for_normalized_ascii(s, |b| out.push(b));
        // Lower-cased ASCII and single spaces are ASCII: this never fails.
        return String::from_utf8(out).unwrap_or_default();
    }
    let mut out = String::with_capacity(s.len());
    for_normalized_chars(s, |piece| out.push_str(piece));
    out
}

/// The pieces of [`normalize_words`]`(s)` in order, for any text, a character at a time.
fn for_normalized_chars(s: &str, mut emit: impl FnMut(&str)) {
    let mut buf = [0u8; 4];
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            emit(" ");
        }
        for c in word.chars() {
            match c {
                '–' | '—' | '‒' | '−' => emit("-"),
                c if c.is_ascii() => emit(c.to_ascii_lowercase().encode_utf8(&mut buf)),
                c => c.to_lowercase().for_each(|l| emit(l.encode_utf8(&mut buf))),
            }
        }
    }
}

/// The bytes of [`normalize_words`]`(s)` for ASCII text, in order: each byte lower-cased, each
/// run of white space between words (as `char::is_whitespace` has them in ASCII, vertical tab
/// included) as one space, none at either end.
fn for_normalized_ascii(s: &str, mut emit: impl FnMut(u8)) {
    // A word has been seen; white space after it is owed as one space before the next word.
    let (mut started, mut space) = (false, false);
    for &b in s.as_bytes() {
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            space = started;
            continue;
        }
        if std::mem::take(&mut space) {
            emit(b' ');
        }
        emit(b.to_ascii_lowercase());
        started = true;
    }
}

/// [`fingerprint`] of [`normalize_words`]`(s)`, hashed as it is normalized (contexts are
/// computed for every sentence with a figure, so the string is never built). FNV-1a reads its
/// input a byte at a time, so hashing the pieces is hashing the whole.
fn fingerprint_words(s: &str) -> String {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    if s.is_ascii() {
        for_normalized_ascii(s, |b| hasher.write_u8(b));
    } else {
        for_normalized_chars(s, |piece| hasher.write(piece.as_bytes()));
    }
    let mut out = String::with_capacity(8);
    push_hex32(&mut out, hasher.finish() as u32);
    out
}

/// Appends `v` as 8 lower-case hex digits, as `format!("{v:08x}")` writes it (without the
/// formatting machinery: two fingerprints are written for every sentence with a figure).
fn push_hex32(out: &mut String, v: u32) {
    for shift in (0..8).rev() {
        out.push(char::from(HEX[(v >> (shift * 4)) as usize & 0xf]));
    }
}

/// A 32-bit fingerprint of `parts` (separated by NUL) as 8 lower-case hex digits: FNV-1a, a fixed
/// and fully specified function, so stored fingerprints stay valid across builds. For telling
/// texts apart, not for ids (those use [`short_hash`]).
pub fn fingerprint(parts: &[&[u8]]) -> String {
    format!("{:08x}", fingerprint32(parts))
}

/// [`fingerprint`] as a number.
pub fn fingerprint32(parts: &[&[u8]]) -> u32 {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            hasher.write(b"\x00");
        }
        hasher.write(p);
    }
    hasher.finish() as u32
}

/// The first `bytes` bytes of SHA-256 over the parts (separated by NUL), as lower-case hex.
pub fn short_hash(parts: &[&str], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes * 2);
    push_short_hash(&mut out, parts, bytes);
    out
}

/// Appends [`short_hash`]`(parts, bytes)` to `out`.
fn push_short_hash(out: &mut String, parts: &[&str], bytes: usize) {
    let mut hasher = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update(b"\x00");
        }
        hasher.update(p.as_bytes());
    }
    let digest = hasher.finalize();
    for b in &digest[..bytes.min(digest.len())] {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
}

/// What a claim is, independent of where it is: quote, sentence and the quote's occurrence in
/// the sentence (1 for the first).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClaimKey {
    /// The normalized quote.
    pub quote: String,
    /// The normalized sentence.
    pub sentence: String,
    /// Which occurrence of the quote in the sentence (1-based).
    pub occurrence: u32,
}

impl ClaimKey {
    /// The key of a claim with this quote, sentence and stored context (whose `/n` suffix gives
    /// the occurrence; none means the first).
    pub fn new(quote: &str, sentence: &str, context: &str) -> Self {
        ClaimKey {
            quote: normalize_words(quote),
            sentence: normalize_words(sentence),
            occurrence: Context::parse(context).occurrence,
        }
    }
}

/// A claim's context as stored in the claims file: `BEFORE.AFTER` (8 hex digits each, the
/// fingerprints of the normalized text before and after the sentence) and `/N` when the quote is
/// the N-th (N ≥ 2) of its words in the sentence. Empty (a version-1 file) means unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context<'a> {
    /// Fingerprint of the text before the sentence ("" if unknown).
    pub before: &'a str,
    /// Fingerprint of the text after the sentence ("" if unknown).
    pub after: &'a str,
    /// The quote's occurrence in its sentence (1-based).
    pub occurrence: u32,
}

impl<'a> Context<'a> {
    /// Reads a stored context; anything unreadable is unknown.
    pub fn parse(s: &'a str) -> Self {
        let (sides, occurrence) = match s.split_once('/') {
            Some((sides, n)) => (sides, n.parse().unwrap_or(1)),
            None => (s, 1),
        };
        let (before, after) = sides.split_once('.').unwrap_or(("", ""));
        Context {
            before,
            after,
            occurrence: occurrence.max(1),
        }
    }
}

/// Formats a context from the text before and after the sentence and the quote's occurrence.
pub fn context(before: &str, after: &str, occurrence: u32) -> String {
    let mut out = String::with_capacity(24);
    out.push_str(&fingerprint_words(before));
    out.push('.');
    out.push_str(&fingerprint_words(after));
    if occurrence > 1 {
        out.push('/');
        out.push_str(&occurrence.to_string());
    }
    out
}

/// A context formatted by [`context`] for the first occurrence, for the quote's `occurrence`
/// (the same sides, `/N` added from the second on).
pub fn with_occurrence(first: &str, occurrence: u32) -> String {
    if occurrence > 1 {
        format!("{first}/{occurrence}")
    } else {
        first.to_owned()
    }
}

/// The id of a claim first seen in the article at `path` (as recorded in its claims file): `c`
/// and 10 hex digits over path and key. `salt` separates claims whose keys are equal (a repeated
/// sentence): pass their context.
pub fn claim_id(path: &str, key: &ClaimKey, salt: &str) -> String {
    let mut digits = [0u8; 10];
    let occurrence = decimal(key.occurrence, &mut digits);
    let parts = [path, &key.quote, &key.sentence, occurrence, salt];
    let parts = if salt.is_empty() {
        &parts[..4]
    } else {
        &parts[..]
    };
    let mut id = String::with_capacity(11);
    id.push('c');
    push_short_hash(&mut id, parts, 5);
    id
}

/// `n` in decimal, written into `buf` (ids are made for every claim; `to_string` allocates).
fn decimal(mut n: u32, buf: &mut [u8; 10]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[at..]).unwrap_or("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spacing_and_dash_forms() {
        let a = ClaimKey::new("70–80%", "It helps  70–80% of people.", "");
        let b = ClaimKey::new("70-80%", "it helps 70-80% of\npeople.", "00.00");
        assert_eq!(a, b);
        let c = ClaimKey::new("70-80%", "it helps 70-80% of people.", "00.00/2");
        assert_ne!(a, c);
    }

    #[test]
    fn contexts_round_trip() {
        let c = context("Before words.", "After words.", 2);
        let parsed = Context::parse(&c);
        assert_eq!(parsed.before.len(), 8);
        assert_eq!(parsed.after.len(), 8);
        assert_eq!(parsed.occurrence, 2);
        assert_eq!(
            Context::parse(""),
            Context {
                occurrence: 1,
                ..Context::default()
            }
        );
        assert_eq!(context("A", "B", 1), context("a", "  b ", 1));
    }

    /// The ASCII path and the general one normalize alike, whatever the white space, the case
    /// and the length of the words (longer than the ASCII path's buffer included).
    #[test]
    fn ascii_text_normalizes_as_any_text_does() {
        /// A normalizer that hands its pieces to a callback.
        type Normalizer = fn(&str, &mut dyn FnMut(&str));
        let collect = |f: Normalizer, s: &str| {
            let mut out = String::new();
            f(s, &mut |p| out.push_str(p));
            out
        };
        let ascii = |s: &str| {
            let mut out = String::new();
            for_normalized_ascii(s, |b| out.push(char::from(b)));
            out
        };
        let long = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
        let cases = [
            "",
            "   ",
            "  Ketamine\tHELPS\n\n 70-80%  of people. ",
            "a\x0Bb\x0Cc\rd",
            "x\x1Fy",
            long.as_str(),
            &format!("{long} {long}\t{long}"),
        ];
        for s in cases {
            let fast = ascii(s);
            assert_eq!(fast, collect(|s, e| for_normalized_chars(s, e), s), "{s:?}");
            assert_eq!(normalize_words(s), fast);
        }
        assert_eq!(normalize_words(" A\x0BB  c "), "a b c");
    }

    proptest::proptest! {
        #[test]
        fn ascii_and_general_normalization_agree(s in "[ -~\t\n\x0B\x0C\r]{0,200}") {
            let mut fast = String::new();
            for_normalized_ascii(&s, |b| fast.push(char::from(b)));
            let mut general = String::new();
            for_normalized_chars(&s, |p| general.push_str(p));
            proptest::prop_assert_eq!(fast, general);
        }
    }

    #[test]
    fn word_fingerprints_hash_the_normalized_words() {
        for s in [
            "",
            "  A  b ",
            "Dose–response — 70−80%",
            "İstanbul ÉTÉ",
            "one\ntwo\tthree",
        ] {
            assert_eq!(
                fingerprint_words(s),
                fingerprint(&[normalize_words(s).as_bytes()]),
                "{s:?}"
            );
        }
    }

    #[test]
    fn a_later_occurrence_extends_the_first_context() {
        let first = context("Before words.", "After words.", 1);
        for n in 1..4 {
            assert_eq!(
                with_occurrence(&first, n),
                context("Before words.", "After words.", n)
            );
        }
    }

    #[test]
    fn hand_written_hex_and_decimal_match_the_formatter() {
        for v in [0u32, 1, 0xabc, 0x0012_3456, u32::MAX] {
            let mut out = String::new();
            push_hex32(&mut out, v);
            assert_eq!(out, format!("{v:08x}"));
        }
        for n in [0u32, 1, 9, 10, 42, 1000, u32::MAX] {
            assert_eq!(decimal(n, &mut [0; 10]), n.to_string());
        }
        assert_eq!(
            context("A", "B", 12),
            format!("{}/12", context("A", "B", 1))
        );
    }

    /// Ids as first recorded in claims files: they must never change.
    #[test]
    fn ids_are_stable() {
        let key = ClaimKey::new("64%", "Response was 64%.", "");
        let mut parts = vec!["content/a/index.md", "64%", "response was 64%.", "1"];
        assert_eq!(
            claim_id("content/a/index.md", &key, ""),
            format!("c{}", short_hash(&parts, 5))
        );
        parts.push("ctx");
        assert_eq!(
            claim_id("content/a/index.md", &key, "ctx"),
            format!("c{}", short_hash(&parts, 5))
        );
    }

    #[test]
    fn ids_depend_on_path_and_content() {
        let key = ClaimKey::new("64%", "Response was 64%.", "");
        let a = claim_id("content/a/index.md", &key, "");
        assert_eq!(a.len(), 11);
        assert!(a.starts_with('c'));
        assert_ne!(a, claim_id("content/b/index.md", &key, ""));
        assert_ne!(a, claim_id("content/a/index.md", &key, "ctx"));
        assert_eq!(a, claim_id("content/a/index.md", &key, ""));
    }
}
