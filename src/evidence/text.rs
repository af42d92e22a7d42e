//! Words of an abstract sentence (or of a claim's stored measure fields), with their byte
//! offsets, and the one normalization both sides are compared in.
//!
//! The figures themselves come from [`crate::quantity`]; this only gives the evidence stage the
//! words around them: arm names, outcome words, time points, stages of a study.

use std::ops::Range;

use super::vocab;

/// A word, a number or a punctuation mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Lower-cased text.
    pub lower: String,
    /// What sort of token.
    pub class: Class,
}

/// The sort of a [`Tok`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Letters, possibly with digits or inner hyphens ("hf-rtms", "ham-d-24", "9-beam").
    Word,
    /// Digits, with a decimal point or thousands separators ("27.1", "17 922", "3,731").
    Number,
    /// Anything else, one character.
    Punct,
}

impl Tok {
    /// Whether the token is the word `w` (lower case).
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }

    /// Whether the token is one of `words`.
    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }

    /// Whether the token is the punctuation `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.class == Class::Punct && self.lower.starts_with(c)
    }

    /// The number a number token stands for.
    pub fn number(&self) -> Option<f64> {
        if self.class != Class::Number {
            return None;
        }
        let digits: String = self
            .lower
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        digits.parse().ok()
    }
}

/// Whether `c` separates thousands inside a number ("17 922" with a thin or no-break space).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{2009}' | '\u{202f}' | '\u{a0}')
}

/// The tokens of `text`.
pub fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let class;
        let mut j = i + 1;
        if c.is_ascii_digit() {
            class = Class::Number;
            while j < chars.len() {
                let d = chars[j].1;
                let next_digit = chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
                // "3,731", "17 922" (three digits after the separator), "27.1".
                let grouped = (d == ',' || is_group_space(d))
                    && next_digit
                    && (1..=3).all(|k| chars.get(j + k).is_some_and(|n| n.1.is_ascii_digit()))
                    && !chars.get(j + 4).is_some_and(|n| n.1.is_ascii_digit());
                if d.is_ascii_digit() || (d == '.' && next_digit) || grouped {
                    j += 1;
                } else {
                    break;
                }
            }
            // "9-beam", "24-item", "hf-rtms": a number glued to letters is a word.
            if chars.get(j).is_some_and(|n| n.1.is_alphabetic())
                || (chars.get(j).is_some_and(|n| n.1 == '-')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_alphabetic()))
            {
                j = word_end(&chars, j);
                out.push(make(text, start, end_of(j), Class::Word));
                i = j;
                continue;
            }
        } else if c.is_alphabetic() {
            class = Class::Word;
            j = word_end(&chars, i);
        } else if c.is_whitespace() {
            i += 1;
            continue;
        } else {
            class = Class::Punct;
        }
        out.push(make(text, start, end_of(j), class));
        i = j;
    }
    out
}

fn word_end(chars: &[(usize, char)], mut j: usize) -> usize {
    while j < chars.len() {
        let d = chars[j].1;
        let inner = (d == '-' || d == '\'' || d == '’')
            && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
        if d.is_alphanumeric() || inner {
            j += 1;
        } else {
            break;
        }
    }
    j
}

fn make(text: &str, start: usize, end: usize, class: Class) -> Tok {
    Tok {
        range: start..end,
        lower: text[start..end].to_lowercase(),
        class,
    }
}

/// The canonical form of a word for comparing measures: synonyms folded ("responders" →
/// "response", "alive" → "survival", "women" → "female"), then a light suffix strip.
pub fn canon(word: &str) -> String {
    let w = word.trim_end_matches("’s").trim_end_matches("'s");
    if let Some(c) = vocab::synonym(w) {
        return c.to_owned();
    }
    // Hyphenated words and words with digits are names ("hf-rtms", "ham-d-24"): kept whole.
    if w.contains('-') || w.chars().any(|c| c.is_ascii_digit()) {
        return w.to_owned();
    }
    // "-es" is a plural ending only after a hissing sound ("classes", "boxes"); elsewhere the
    // "e" is the word's own ("scores" is "score" + "s", as "responses" is).
    let sibilant = |s: &&str| ["s", "x", "z", "ch", "sh"].iter().any(|e| s.ends_with(e));
    let stem = ["ing", "ed"]
        .iter()
        .find_map(|suf| w.strip_suffix(suf).filter(|s| s.len() >= 4))
        .or_else(|| {
            w.strip_suffix("es")
                .filter(|s| s.len() >= 4)
                .filter(sibilant)
        })
        .or_else(|| w.strip_suffix('s').filter(|s| s.len() >= 4));
    stem.unwrap_or(w).to_owned()
}

/// The content words of a phrase, canonical, without stop words and numbers; hyphenated words
/// also count by their parts ("hf-rtms" → hf-rtms, hf, rtms).
pub fn content_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokens(text) {
        push_content_word(&mut out, &t);
    }
    out
}

/// Adds the content words of one token to `out` (as [`content_words`] reads them), without
/// tokenizing its text again.
pub fn push_content_word(out: &mut Vec<String>, t: &Tok) {
    if t.class != Class::Word || vocab::is_stop(&t.lower) {
        return;
    }
    let mut push = |w: &str| {
        let c = canon(w);
        if !c.is_empty() && !vocab::is_stop(&c) && !out.contains(&c) {
            out.push(c);
        }
    };
    push(&t.lower);
    if t.lower.contains('-') {
        for part in t.lower.split('-') {
            if part.len() > 1 && !part.chars().all(|c| c.is_ascii_digit()) {
                push(part);
            }
        }
    }
}

/// Whether a closed compound (`word`, "shockwave", "onabotulinumtoxina") is written apart in
/// `lower`, a lowercase text: two words side by side, open or hyphenated ("shock wave",
/// "botulinum toxin"), that `word` is made of or, when they are long, holds ("ona" +
/// "botulinum toxin" + "a" is the generic name of one botulinum toxin). Each part has at least
/// three letters, so no "in" + "patients" is "inpatients".
pub fn written_apart(word: &str, lower: &str) -> bool {
    if word.len() < 7 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).any(|pair| {
        let [head, tail] = pair else { return false };
        if head.len() < 3 || tail.len() < 3 || !word.contains(head) {
            return false;
        }
        let joined = format!("{head}{tail}");
        word.starts_with(&joined)
            || joined.starts_with(word)
            || (joined.len() >= 12 && word.contains(&joined))
    })
}

/// Whether word `i` of `words` (canonical words in the order written) and its neighbour,
/// written as one, are a word of `sorted` ("shock" "wave" against "shockwave").
pub fn joins_a_neighbour(words: &[String], i: usize, sorted: &[String]) -> bool {
    let joined = |a: &str, b: &str| sorted.binary_search(&format!("{a}{b}")).is_ok();
    (i > 0 && joined(&words[i - 1], &words[i]))
        || words.get(i + 1).is_some_and(|next| joined(&words[i], next))
}

/// Whether an acronym ("tms", "lllt") abbreviates the words of `phrase` ("transcranial
/// magnetic stimulation", "low-level laser therapy"), or ends one of them ("rTMS", "HF-rTMS").
pub fn abbreviates(acronym: &str, phrase: &str) -> bool {
    if !(2..=6).contains(&acronym.len()) {
        return false;
    }
    let words: Vec<String> = tokens(phrase)
        .into_iter()
        .filter(|t| t.class == Class::Word)
        .flat_map(|t| t.lower.split('-').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    if words
        .iter()
        .any(|w| w != acronym && w.ends_with(acronym) && w.len() <= acronym.len() + 3)
    {
        return true;
    }
    let initials: String = words
        .iter()
        .filter(|w| !matches!(w.as_str(), "of" | "and" | "the" | "for" | "with" | "a"))
        .filter_map(|w| w.chars().next())
        .collect();
    initials.contains(acronym)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn numbers_keep_their_separators_and_words_their_hyphens() {
        assert_eq!(
            words("a total of 17\u{2009}922 patients, 3,731 adults and 27.1%"),
            [
                "a",
                "total",
                "of",
                "17\u{2009}922",
                "patients",
                ",",
                "3,731",
                "adults",
                "and",
                "27.1",
                "%"
            ]
        );
        let t = tokens("17 922 and 1, 2");
        assert_eq!(t[0].number(), Some(17922.0));
        assert_eq!(t[2].number(), Some(1.0), "a list is not one number");
        assert_eq!(t[4].number(), Some(2.0));
        assert_eq!(
            words("HF-rTMS vs 9-beam lasercomb; HAM-D-24 (week 2)"),
            [
                "hf-rtms",
                "vs",
                "9-beam",
                "lasercomb",
                ";",
                "ham-d-24",
                "(",
                "week",
                "2",
                ")"
            ]
        );
    }

    #[test]
    fn canonical_words_fold_synonyms_and_plurals() {
        assert_eq!(canon("responders"), canon("response"));
        assert_eq!(canon("remitters"), canon("remission"));
        assert_eq!(canon("women"), canon("female"));
        assert_eq!(canon("alive"), canon("survival"));
        assert_eq!(canon("trials"), canon("RCTs".to_lowercase().as_str()));
        assert_ne!(canon("men"), canon("women"));
        assert_eq!(canon("sessions"), "session");
        assert_eq!(canon("scores"), canon("score"));
        assert_eq!(canon("classes"), "class");
        assert_ne!(canon("doses"), "dos", "a plural's own 'e' stays");
    }

    #[test]
    fn content_words_drop_stop_words_and_split_hyphens() {
        assert_eq!(
            content_words("the patients receiving HF-rTMS"),
            ["hf-rtms", "hf", "rtms"]
        );
        assert!(content_words("in the 9-beam group").contains(&"beam".to_owned()));
    }

    #[test]
    fn acronyms_match_their_expansions_and_variants() {
        assert!(abbreviates("tms", "transcranial magnetic stimulation"));
        assert!(abbreviates("tms", "HF-rTMS"));
        assert!(abbreviates("lllt", "low-level laser therapy"));
        assert!(abbreviates("ect", "electro convulsive therapy"));
        assert!(!abbreviates("ect", "esketamine nasal spray"));
        assert!(!abbreviates("tms", "ketamine"));
        assert!(!abbreviates("t", "trametinib"), "one letter is no acronym");
    }

    #[test]
    fn a_closed_compound_is_found_written_apart() {
        let text = "low-intensity extracorporeal shock wave therapy for erectile dysfunction";
        assert!(written_apart("shockwave", text));
        assert!(written_apart(
            "healthcare",
            "access to health-care services"
        ));
        // Only at the start of a word, and never a two-letter part.
        assert!(!written_apart("shockwave", "aftershock waves"));
        assert!(!written_apart("inpatient", "in patients with depression"));
        assert!(!written_apart("shockwave", "shock therapy and a heat wave"));
        assert!(!written_apart("tms", "t ms"), "too short to be a compound");
        // A generic name holds the two words of its class.
        assert!(written_apart(
            "onabotulinumtoxina",
            "botulinum toxin type a injections"
        ));
        assert!(!written_apart(
            "onabotulinumtoxina",
            "toxin levels in the botulinum group"
        ));
    }

    #[test]
    fn open_words_are_found_written_as_one() {
        let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let sorted = words(&["erectil", "shockwave", "therapy"]);
        let claim = words(&["shock", "wave", "therapy"]);
        assert!(joins_a_neighbour(&claim, 0, &sorted));
        assert!(joins_a_neighbour(&claim, 1, &sorted));
        assert!(
            !joins_a_neighbour(&claim, 2, &sorted),
            "wavetherapy is no word of the record"
        );
        assert!(!joins_a_neighbour(&words(&["laser"]), 0, &sorted));
    }
}
