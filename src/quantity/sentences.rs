//! Sentence boundaries inside a block of article text.
//!
//! A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or brackets) when
//! white space and then an upper-case letter, a digit, a quote or a bullet follow — unless the word
//! before the period is a known abbreviation ("Dr.", "et al.", "e.g.", "vs.") or a single initial
//! ("Clayton L. Allison"), and never inside a number ("84.6"). A line break followed by a bullet
//! also ends a sentence (hard-wrapped text files). Hand-written because the rules clinic prose
//! needs (initials, "et al.", decimals, bullets) are few, and it must run at hundreds of MB/s.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "st", "vs", "etc", "al", "fig", "no", "approx", "jr", "sr", "prof",
    "inc", "ltd", "co", "e.g", "i.e", "eg", "ie", "u.s", "ph.d", "m.d", "p.a", "n.p", "vol", "ed",
    "ave", "blvd", "ste", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "min", "hr", "hrs", "approx", "cf", "resp",
];

/// The sentence ranges of `text[range]`, as absolute ranges into `text`, trimmed of white space.
pub fn split(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(4);
    let mut start = range.start;
    let mut i = range.start;
    // Jump between candidate bytes with SIMD searches: a terminal, or a line break (kept until
    // passed, so a block without line breaks is searched for one only once).
    let mut next_newline = memchr::memchr(b'\n', &bytes[i..range.end]).map(|p| i + p);
    while i < range.end {
        let terminal_at = memchr::memchr3(b'.', b'!', b'?', &bytes[i..range.end]).map(|p| i + p);
        if next_newline.is_some_and(|n| n < i) {
            next_newline = memchr::memchr(b'\n', &bytes[i..range.end]).map(|p| i + p);
        }
        i = match (terminal_at, next_newline) {
            (Some(t), Some(n)) => t.min(n),
            (Some(t), None) => t,
            (None, Some(n)) => n,
            (None, None) => break,
        };
        let b = bytes[i];
        let terminal = matches!(b, b'.' | b'!' | b'?');
        let bullet_break = b == b'\n' && next_is_bullet(bytes, i + 1, range.end);
        if !terminal && !bullet_break {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        if terminal {
            // Closing quotes and brackets belong to the sentence: `…effects.”` or `…(2).`.
            while end < range.end {
                let rest = &text[end..range.end];
                let c = rest.chars().next().unwrap_or(' ');
                if matches!(c, '"' | '\'' | ')' | ']' | '”' | '’') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            if !ends_sentence(text, start, i, end, range.end) {
                i += 1;
                continue;
            }
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
        i = end;
    }
    push_trimmed(text, start..range.end, &mut out);
    out
}

fn next_is_bullet(bytes: &[u8], mut i: usize, end: usize) -> bool {
    while i < end && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    let rest = &bytes[i..end];
    rest.starts_with("•".as_bytes())
        || rest.starts_with(b"- ")
        || rest.starts_with(b"* ")
        || rest.starts_with("– ".as_bytes())
}

/// Whether the terminal at `at` (with closers up to `after`) ends a sentence.
fn ends_sentence(text: &str, start: usize, at: usize, after: usize, limit: usize) -> bool {
    let bytes = text.as_bytes();
    // What follows: white space, then a sentence opener. End of block also ends it.
    let mut j = after;
    if j >= limit {
        return true;
    }
    if !bytes[j].is_ascii_whitespace() {
        return false;
    }
    while j < limit && bytes[j].is_ascii_whitespace() {
        j += 1;
    }
    if j >= limit {
        return true;
    }
    let next = text[j..limit].chars().next().unwrap_or(' ');
    let opener = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(
            next,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '•' | '-' | '–' | '*'
        );
    if !opener {
        return false;
    }
    if bytes[at] != b'.' {
        return true;
    }
    // The word before the period.
    // The separator may be wider than a byte (a no-break space is two).
    let word_start = text[start..at]
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(start, |(p, c)| start + p + c.len_utf8());
    let word = &text[word_start..at];
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: "Clayton L. Allison"
    }
    let lower = word.to_ascii_lowercase();
    !ABBREVIATIONS.contains(&lower.as_str())
}

/// The longest sentence kept whole, in bytes. Prose sentences, abstracts' included, stay far
/// below it; a longer run without a sentence end (a flattened table, a list run together, hostile
/// input) is cut into pieces of at most this size, so that the work done per sentence, and the
/// sentence text stored with each claim, stay bounded and extraction stays linear in the page.
pub const MAX_SENTENCE_BYTES: usize = 1_500;

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return;
    }
    let mut start = r.start + lead;
    let end = r.end - trail;
    while end - start > MAX_SENTENCE_BYTES {
        let cut = cut_point(&text[start..end]);
        push_trimmed(text, start..start + cut, out);
        start += cut;
    }
    let rest = &text[start..end];
    let lead = rest.len() - rest.trim_start().len();
    if lead < rest.len() {
        out.push(start + lead..end);
    }
}

/// Where to cut an over-long run `s`: after the last semicolon, else comma, else white space in
/// the second half of the first [`MAX_SENTENCE_BYTES`], else at that size (on a character
/// boundary), so no figure is cut when the text offers a break.
fn cut_point(s: &str) -> usize {
    let mut limit = MAX_SENTENCE_BYTES;
    while !s.is_char_boundary(limit) {
        limit -= 1;
    }
    // Both ends of the window, and the cut after the break found in it, fall on character
    // boundaries: a break may be a wide space ("\u{3000}" is three bytes).
    let mut half = limit / 2;
    while !s.is_char_boundary(half) {
        half += 1;
    }
    let window = &s[half..limit];
    let after = |found: Option<(usize, char)>| found.map(|(p, c)| half + p + c.len_utf8());
    let last = |is_break: &dyn Fn(char) -> bool| window.char_indices().rfind(|&(_, c)| is_break(c));
    after(last(&|c| c == ';'))
        .or_else(|| after(last(&|c| c == ',')))
        .or_else(|| after(last(&char::is_whitespace)))
        .unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        split(s, 0..s.len()).into_iter().map(|r| &s[r]).collect()
    }

    /// An over-long run is cut on character boundaries whatever its characters: wide characters
    /// across the middle of the window, and a wide space as the only break. Found by fuzzing
    /// (fuzz/regressions/html).
    #[test]
    fn long_runs_are_cut_between_characters() {
        for (fill, brk) in [
            ("\u{fff0}", ""),
            ("\u{fff0}", "\u{3000}"),
            ("é", "\u{a0}"),
            ("x", "\u{2003}"),
        ] {
            let run: String = (0..MAX_SENTENCE_BYTES)
                .map(|i| if i % 97 == 0 { brk } else { fill })
                .collect();
            let text = format!("{run}. Done.");
            let parts = split(&text, 0..text.len());
            assert!(parts.len() >= 2, "{fill:?} {brk:?}");
            let mut covered = 0;
            for r in &parts {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                assert!(r.end - r.start <= MAX_SENTENCE_BYTES, "{r:?}");
                covered += text[r.clone()].trim().len();
            }
            assert!(
                covered + 40 >= text.trim().len(),
                "text was lost: {covered}"
            );
        }
    }

    /// The word before a period may follow any white space, a no-break space (two bytes)
    /// included; found by fuzzing (fuzz/regressions/extract).
    #[test]
    fn a_word_after_a_wide_space_ends_its_sentence() {
        assert_eq!(
            sentences("Response:\u{a0}64%. Then it fell."),
            ["Response:\u{a0}64%.", "Then it fell."]
        );
        assert_eq!(
            sentences("Dr.\u{2003}A. Lee saw 12 patients. Most improved."),
            ["Dr.\u{2003}A. Lee saw 12 patients.", "Most improved."]
        );
    }

    #[test]
    fn over_long_runs_are_cut_at_breaks_into_bounded_pieces() {
        let run = format!("Results: {}.", vec!["12% in arm 7"; 2_000].join(", "));
        let pieces = sentences(&run);
        assert!(pieces.len() > 10);
        assert_eq!(pieces.concat().len() + pieces.len() - 1, run.len());
        for p in &pieces {
            assert!(p.len() <= MAX_SENTENCE_BYTES, "{}", p.len());
            // Cut after a comma: no figure is split.
            assert!(p.starts_with("12%") || p.starts_with("Results"), "{p}");
        }
        // No break at all: cut at the size, on a character boundary.
        let blob = "é".repeat(2_000);
        let pieces = sentences(&blob);
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(pieces.concat(), blob);
        // A long prose sentence below the bound is kept whole.
        let long = format!("{}.", "word ".repeat(250).trim_end());
        assert_eq!(sentences(&long), [long.as_str()]);
    }

    #[test]
    fn splits_on_terminals() {
        assert_eq!(
            sentences("It works. Relief in 84.6% of cases! Really? Yes."),
            ["It works.", "Relief in 84.6% of cases!", "Really?", "Yes."]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            sentences(
                "Dr. Jane Q. Public notes it (Smith et al. 2019). See e.g. the trial. Next one."
            ),
            [
                "Dr. Jane Q. Public notes it (Smith et al. 2019).",
                "See e.g. the trial.",
                "Next one."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        assert_eq!(
            sentences("He said “it helps.” Then he left."),
            ["He said “it helps.”", "Then he left."]
        );
    }

    #[test]
    fn lowercase_after_period_continues() {
        assert_eq!(
            sentences("Take approx. two weeks off."),
            ["Take approx. two weeks off."]
        );
    }

    #[test]
    fn bullet_lines_break_sentences() {
        assert_eq!(
            sentences("Signs include:\n• fatigue\n• 2 weeks of low mood"),
            ["Signs include:", "• fatigue", "• 2 weeks of low mood"]
        );
    }
}
