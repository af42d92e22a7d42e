//! A small tokenizer for English prose with numbers: words, numbers and symbols with their byte
//! ranges. No allocation per token; words are slices of the input.

/// One token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tok<'a> {
    /// Byte offset of the first byte in the scanned text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The token's text.
    pub text: &'a str,
    /// The token's text in ASCII lower case (a slice of the lower-cased input, so no allocation
    /// per token).
    pub lower: &'a str,
    /// What the token is.
    pub kind: TokKind,
}

/// The class of a [`Tok`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum TokKind {
    /// A number written in digits ("3,671", "0.5", "84.6").
    Num(f64),
    /// A run of letters (apostrophes inside kept: "doesn't").
    Word,
    /// Any other non-space character.
    Sym(char),
}

impl Tok<'_> {
    /// Whether the token is the word `w` (ASCII case-insensitive).
    pub fn is(&self, w: &str) -> bool {
        matches!(self.kind, TokKind::Word) && self.lower == w
    }

    /// Whether the token is one of the words `ws`.
    pub fn is_any(&self, ws: &[&str]) -> bool {
        matches!(self.kind, TokKind::Word) && ws.contains(&self.lower)
    }

    /// Whether the token is a word of `set` (the lexicon's longer lists).
    pub fn is_in(&self, set: &super::words::WordSet) -> bool {
        matches!(self.kind, TokKind::Word) && set.contains(self.lower)
    }

    /// Whether the token is the symbol `c`.
    pub fn is_sym(&self, c: char) -> bool {
        self.kind == TokKind::Sym(c)
    }

    /// Whether the token is a dash of any form used for ranges (-, –, —, ‒, −).
    pub fn is_dash(&self) -> bool {
        matches!(self.kind, TokKind::Sym('-' | '–' | '—' | '‒' | '−'))
    }

    /// The number, if the token is one.
    pub fn num(&self) -> Option<f64> {
        match self.kind {
            TokKind::Num(v) => Some(v),
            _ => None,
        }
    }
}

/// Splits `text` into tokens, offsets relative to `text`. `lower` is `text` in ASCII lower case
/// (the same length, so offsets hold in both).
pub(crate) fn tokens<'a>(text: &'a str, lower: &'a str) -> Vec<Tok<'a>> {
    let bytes = text.as_bytes();
    // Prose has a token per 4 to 6 bytes; figures and their symbols more: "24–48%" is four.
    let mut out = Vec::with_capacity(text.len() / 4 + 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            let start = i;
            let mut end = i;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            // Thousands separators: "3,671" (exactly three digits after each comma).
            while bytes.get(end) == Some(&b',')
                && bytes
                    .get(end + 1..end + 4)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && bytes.get(end + 4).is_none_or(|c| !c.is_ascii_digit())
            {
                end += 4;
            }
            // A decimal part: "84.6" (not a sentence-final period).
            if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
                end += 1;
                while end < bytes.len() && bytes[end].is_ascii_digit() {
                    end += 1;
                }
            }
            let s = &text[start..end];
            let value = number_value(s);
            out.push(Tok {
                start,
                end,
                text: s,
                lower: &lower[start..end],
                kind: TokKind::Num(value),
            });
            i = end;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_alphabetic() {
            let start = i;
            let end = word_end(text, i);
            out.push(Tok {
                start,
                end,
                text: &text[start..end],
                lower: &lower[start..end],
                kind: TokKind::Word,
            });
            i = end;
            continue;
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        out.push(Tok {
            start: i,
            end: i + c.len_utf8(),
            text: &text[i..i + c.len_utf8()],
            lower: &lower[i..i + c.len_utf8()],
            kind: TokKind::Sym(c),
        });
        i += c.len_utf8();
    }
    out
}

/// The value of a number token: digits, thousands commas, a decimal part. Whole numbers of up
/// to 15 digits (exact in an `f64`) are summed directly, the common case; the rest are parsed.
fn number_value(s: &str) -> f64 {
    let b = s.as_bytes();
    if b.len() <= 15 && b.iter().all(u8::is_ascii_digit) {
        return b.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0')) as f64;
    }
    if s.contains(',') {
        s.replace(',', "").parse().unwrap_or(0.0)
    } else {
        s.parse().unwrap_or(0.0)
    }
}

/// The end of the word starting at `start` (a letter): letters, and apostrophes between
/// letters ("doesn't"). Bytes are read directly where ASCII, the common case.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let char_at = |j: usize| -> Option<(char, usize)> {
        let b = *bytes.get(j)?;
        if b.is_ascii() {
            Some((char::from(b), 1))
        } else {
            text[j..].chars().next().map(|c| (c, c.len_utf8()))
        }
    };
    let mut j = start;
    let mut lower_run = 0;
    // ASCII letters first, a byte at a time; the loop below takes over at anything else (a
    // character outside ASCII, an apostrophe) with the same state.
    while let Some(&b) = bytes.get(j) {
        if b.is_ascii_lowercase() {
            lower_run += 1;
        } else if b.is_ascii_uppercase() {
            if lower_run >= 3 {
                return j;
            }
            lower_run = 0;
        } else if b.is_ascii() && b != b'\'' {
            // Any other ASCII byte but an apostrophe ends the word.
            return j;
        } else {
            break;
        }
        j += 1;
    }
    while let Some((ch, len)) = char_at(j) {
        // Text of two page elements run together ("once a weekThe dosage"): a capital after
        // three lower-case letters starts a new word.
        if ch.is_uppercase() && lower_run >= 3 {
            break;
        }
        lower_run = if ch.is_lowercase() { lower_run + 1 } else { 0 };
        let apostrophe = (ch == '\'' || ch == '’')
            && j > start
            && char_at(j + len).is_some_and(|(n, _)| n.is_alphabetic());
        if !(ch.is_alphabetic() || apostrophe) {
            break;
        }
        j += len;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<String> {
        let lower = s.to_ascii_lowercase();
        tokens(s, &lower)
            .iter()
            .map(|t| match t.kind {
                TokKind::Num(v) => format!("N{v}"),
                TokKind::Word => format!("W{}", t.text),
                TokKind::Sym(c) => format!("S{c}"),
            })
            .collect()
    }

    #[test]
    fn numbers_words_and_symbols() {
        assert_eq!(
            kinds("3,671 adults; 84.6% in 24–48 hours."),
            ["N3671", "Wadults", "S;", "N84.6", "S%", "Win", "N24", "S–", "N48", "Whours", "S."]
        );
        assert_eq!(
            kinds("doesn’t one-third"),
            ["Wdoesn’t", "Wone", "S-", "Wthird"]
        );
        assert_eq!(
            kinds("1,2 and 10."),
            ["N1", "S,", "N2", "Wand", "N10", "S."]
        );
        assert_eq!(
            kinds("(555)010-4477"),
            ["S(", "N555", "S)", "N10", "S-", "N4477"]
        );
    }

    #[test]
    fn number_values_match_the_standard_parser() {
        for s in [
            "0",
            "7",
            "007",
            "3671",
            "999999999999999",
            "1234567890123456",
            "84.6",
            "0.5",
        ] {
            assert_eq!(number_value(s), s.parse::<f64>().unwrap(), "{s}");
        }
        assert_eq!(number_value("3,671"), 3671.0);
        assert_eq!(number_value("1,000,000.5"), 1_000_000.5);
    }

    #[test]
    fn offsets_are_byte_ranges() {
        let s = "é 30%";
        let lower = s.to_ascii_lowercase();
        let t = tokens(s, &lower);
        assert_eq!(&s[t[1].start..t[1].end], "30");
        assert_eq!(&s[t[2].start..t[2].end], "%");
    }
}
