//! Token patterns of the lexicon, compiled once and looked up by their first word, so finding
//! every cue of a sentence costs a few hash lookups per token rather than a pass per pattern.
//! The maps hash with FxHash: keys are short words of our own lexicon, not attacker-chosen, and
//! SipHash's collision resistance cost a tenth of extraction time (profiled on `benches/extract`).

use rustc_hash::FxHashMap;

use super::lexicon::Entry;
use super::tokens::{Tok, TokKind};
use super::words::PairFilter;

/// One element of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    /// The token, exactly (lower case).
    Exact(&'static str),
    /// A word beginning with this.
    Prefix(&'static str),
    /// Any one token, or none.
    Optional,
}

impl Elem {
    fn parse(s: &'static str) -> Elem {
        if s == "?" {
            Elem::Optional
        } else if let Some(p) = s.strip_suffix('*').filter(|p| !p.is_empty()) {
            Elem::Prefix(p)
        } else {
            Elem::Exact(s)
        }
    }

    fn accepts(self, tok: &Tok<'_>) -> bool {
        match self {
            Elem::Exact(w) => tok.lower == w,
            Elem::Prefix(p) => matches!(tok.kind, TokKind::Word) && tok.lower.starts_with(p),
            Elem::Optional => true,
        }
    }
}

/// A compiled pattern and the entry it belongs to.
#[derive(Debug)]
struct Pattern {
    elems: Vec<Elem>,
    entry: usize,
}

impl Pattern {
    /// The token after the match at `k`, if the pattern matches there.
    fn match_at(&self, toks: &[Tok<'_>], k: usize) -> Option<usize> {
        match_elems(&self.elems, toks, k)
    }
}

/// The token after `elems` matched from `k`, if they match there.
fn match_elems(elems: &[Elem], toks: &[Tok<'_>], k: usize) -> Option<usize> {
    let mut at = k;
    for (n, e) in elems.iter().enumerate() {
        if *e == Elem::Optional {
            // Try without the optional word, then with it: the rest must match one of them.
            let rest = &elems[n + 1..];
            if let Some(end) = match_elems(rest, toks, at) {
                return Some(end);
            }
            if toks.get(at).is_some_and(|t| e.accepts(t)) {
                return match_elems(rest, toks, at + 1);
            }
            return None;
        }
        if !toks.get(at).is_some_and(|t| e.accepts(t)) {
            return None;
        }
        at += 1;
    }
    Some(at)
}

/// Where a pattern of a table matched in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// First token of the match.
    pub(crate) start: usize,
    /// One past the last token.
    pub(crate) end: usize,
    /// Index of the entry in its table.
    pub(crate) entry: usize,
}

/// The patterns of one lexicon table, indexed by their first element.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    exact: FxHashMap<&'static str, Vec<Pattern>>,
    prefix: FxHashMap<&'static str, Vec<Pattern>>,
    /// Patterns that open with an optional word (rare), tried everywhere.
    floating: Vec<Pattern>,
    /// The byte lengths of the prefixes in `prefix`, ascending: a word is looked up by these
    /// only, not by every length up to the longest.
    prefix_lengths: Vec<usize>,
    /// The leading bytes of every key of `exact` and `prefix`: most tokens start no pattern
    /// and are turned away before any hashing.
    starts: PairFilter,
}

impl Matcher {
    /// Compiles the patterns of `entries`.
    pub(crate) fn new<T>(entries: &[Entry<T>]) -> Matcher {
        Matcher::from_patterns(
            entries
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.patterns.iter().map(move |p| (i, *p))),
        )
    }

    /// Compiles plain patterns, one entry each, numbered in order.
    pub(crate) fn of_pairs(patterns: impl Iterator<Item = &'static str>) -> Matcher {
        Matcher::from_patterns(patterns.enumerate())
    }

    /// Compiles plain words (one entry each).
    pub(crate) fn of_words(words: &'static [&'static str]) -> Matcher {
        Matcher::of_pairs(words.iter().copied())
    }

    fn from_patterns(patterns: impl Iterator<Item = (usize, &'static str)>) -> Matcher {
        let mut m = Matcher::default();
        for (entry, text) in patterns {
            let elems: Vec<Elem> = text.split(' ').map(Elem::parse).collect();
            let p = Pattern { elems, entry };
            match p.elems[0] {
                Elem::Exact(w) => {
                    m.starts.admit(w.as_bytes());
                    m.exact.entry(w).or_default().push(p);
                }
                Elem::Prefix(w) => {
                    m.starts.admit(w.as_bytes());
                    if !m.prefix_lengths.contains(&w.len()) {
                        m.prefix_lengths.push(w.len());
                    }
                    m.prefix.entry(w).or_default().push(p);
                }
                Elem::Optional => m.floating.push(p),
            }
        }
        m.prefix_lengths.sort_unstable();
        m
    }

    /// Every match that starts at token `k`.
    pub(crate) fn at(&self, toks: &[Tok<'_>], k: usize, out: &mut Vec<Hit>) {
        self.each_at(toks, k, |h| out.push(h));
    }

    /// Hands every match that starts at token `k` to `found`, in the order [`Matcher::at`]
    /// lists them.
    fn each_at(&self, toks: &[Tok<'_>], k: usize, mut found: impl FnMut(Hit)) {
        let Some(tok) = toks.get(k) else {
            return;
        };
        let mut push = |p: &Pattern| {
            if let Some(end) = p.match_at(toks, k) {
                found(Hit {
                    start: k,
                    end,
                    entry: p.entry,
                });
            }
        };
        if !self.starts.may_hold(tok.lower.as_bytes()) {
            self.floating.iter().for_each(push);
            return;
        }
        if let Some(ps) = self.exact.get(tok.lower) {
            ps.iter().for_each(&mut push);
        }
        if matches!(tok.kind, TokKind::Word) {
            let w = tok.lower;
            for &len in self.prefix_lengths.iter().take_while(|l| **l <= w.len()) {
                if !w.is_char_boundary(len) {
                    continue;
                }
                if let Some(ps) = self.prefix.get(&w[..len]) {
                    ps.iter().for_each(&mut push);
                }
            }
        }
        self.floating.iter().for_each(push);
    }

    /// Every match in the sentence, in token order.
    pub(crate) fn all(&self, toks: &[Tok<'_>]) -> Vec<Hit> {
        let mut out = Vec::new();
        for k in 0..toks.len() {
            self.at(toks, k, &mut out);
        }
        out
    }

    /// The longest match starting at `k`, if any.
    /// Ties go to the earlier entry. Asked for most tokens of a sentence, so no list is built.
    pub(crate) fn longest_at(&self, toks: &[Tok<'_>], k: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        self.each_at(toks, k, |h| {
            let longer =
                best.is_none_or(|b| (h.end, usize::MAX - h.entry) >= (b.end, usize::MAX - b.entry));
            if longer {
                best = Some(h);
            }
        });
        best
    }

    /// Whether the word at `k` starts a match.
    pub(crate) fn matches_at(&self, toks: &[Tok<'_>], k: usize) -> bool {
        self.longest_at(toks, k).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::tokens::tokens;

    const TABLE: &[Entry<u8>] = &[
        Entry {
            patterns: &["respon*", "side effect*"],
            means: 1,
            examples: &[],
            counterexamples: &[],
        },
        Entry {
            patterns: &["? events per hour", "20 / 20"],
            means: 2,
            examples: &[],
            counterexamples: &[],
        },
    ];

    fn hits(s: &str) -> Vec<(String, usize)> {
        let lower = s.to_ascii_lowercase();
        let t = tokens(s, &lower);
        let m = Matcher::new(TABLE);
        m.all(&t)
            .into_iter()
            .map(|h| {
                let text = &s[t[h.start].start..t[h.end - 1].end];
                (text.to_owned(), h.entry)
            })
            .collect()
    }

    #[test]
    fn exact_prefix_optional_and_symbols() {
        assert_eq!(
            hits("Responders had side effects."),
            [("Responders".to_owned(), 0), ("side effects".to_owned(), 0)]
        );
        let s = "five respiratory events per hour";
        let lower = s.to_ascii_lowercase();
        let t = tokens(s, &lower);
        let m = Matcher::new(TABLE);
        assert_eq!(m.longest_at(&t, 1).map(|h| (h.end, h.entry)), Some((5, 1)));
        assert_eq!(m.longest_at(&t, 2).map(|h| (h.end, h.entry)), Some((5, 1)));
        assert_eq!(hits("a 20/20 rate"), [("20/20".to_owned(), 1)]);
        assert!(hits("The side of the effect").is_empty());
    }
}
