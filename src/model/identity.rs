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
    let mut out = String::with_capacity(s.len());
    for_normalized_chars(s, |c| out.push(c));
    out
}

/// Calls `emit` with each character of [`normalize_words`]`(s)`, without building the string.
fn for_normalized_chars(s: &str, mut emit: impl FnMut(char)) {
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            emit(' ');
        }
        for c in word.chars() {
            match c {
                '–' | '—' | '‒' | '−' => emit('-'),
                c if c.is_ascii() => emit(c.to_ascii_lowercase()),
                c => c.to_lowercase().for_each(&mut emit),
            }
        }
    }
}

/// [`fingerprint`] of [`normalize_words`]`(s)`, hashed as it is normalized (contexts are
/// computed for every sentence with a figure, so the string is never built).
fn fingerprint_words(s: &str) -> String {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    let mut buf = [0u8; 4];
    for_normalized_chars(s, |c| hasher.write(c.encode_utf8(&mut buf).as_bytes()));
    format!("{:08x}", hasher.finish() as u32)
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
    let mut hasher = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update(b"\x00");
        }
        hasher.update(p.as_bytes());
    }
    let digest = hasher.finalize();
    let mut out = String::with_capacity(bytes * 2);
    for b in &digest[..bytes.min(digest.len())] {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
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
    let mut out = format!("{}.{}", fingerprint_words(before), fingerprint_words(after));
    if occurrence > 1 {
        out.push_str(&format!("/{occurrence}"));
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
    let occurrence = key.occurrence.to_string();
    let mut parts = vec![path, &key.quote, &key.sentence, &occurrence];
    if !salt.is_empty() {
        parts.push(salt);
    }
    format!("c{}", short_hash(&parts, 5))
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
