//! The lexicon's longer word lists as hash sets, built once on first use.
//!
//! The lists stay plain slices in [`super::lexicon`] (data, with their examples under test);
//! this module only indexes them. Reading a sentence asks "is this word in that list?" several
//! times per token, and a linear scan of a 150-word list per question was a third of extraction
//! time (profiled on `benches/extract`). Short inline lists ("over", "under", "aged") stay
//! slices: a scan of three words is as fast as a hash.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon;
use crate::model::Unit;

/// Which pairs of leading bytes the keys of a table start with: a bit per pair (8 KB), so that
/// most words are turned away by one memory read before any hashing. A key of one byte `a`
/// admits every pair `(a, _)`; a one-byte word is looked up as the pair `(a, 0)`.
#[derive(Clone)]
pub(crate) struct PairFilter(Box<[u64; 1024]>);

impl Default for PairFilter {
    fn default() -> Self {
        PairFilter(Box::new([0; 1024]))
    }
}

impl std::fmt::Debug for PairFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PairFilter")
    }
}

impl PairFilter {
    fn set(&mut self, a: u8, b: u8) {
        let bit = usize::from(a) << 8 | usize::from(b);
        self.0[bit >> 6] |= 1 << (bit & 63);
    }

    /// Admits words that start with `key` (or equal it).
    pub(crate) fn admit(&mut self, key: &[u8]) {
        match key {
            [] => (0..=255).for_each(|a| (0..=255).for_each(|b| self.set(a, b))),
            [a] => (0..=255).for_each(|b| self.set(*a, b)),
            [a, b, ..] => self.set(*a, *b),
        }
    }

    /// Whether a word starting with these bytes may start or equal an admitted key.
    pub(crate) fn may_hold(&self, word: &[u8]) -> bool {
        let (a, b) = match word {
            [] => return true,
            [a] => (*a, 0),
            [a, b, ..] => (*a, *b),
        };
        let bit = usize::from(a) << 8 | usize::from(b);
        self.0[bit >> 6] & (1 << (bit & 63)) != 0
    }
}

/// A set of lower-case words.
#[derive(Debug)]
pub(crate) struct WordSet {
    words: FxHashSet<&'static str>,
    filter: PairFilter,
}

impl WordSet {
    fn of(words: &[&'static str]) -> WordSet {
        let mut filter = PairFilter::default();
        words.iter().for_each(|w| filter.admit(w.as_bytes()));
        WordSet {
            words: words.iter().copied().collect(),
            filter,
        }
    }

    /// Whether `word` (lower case) is in the set.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.filter.may_hold(word.as_bytes()) && self.words.contains(word)
    }
}

/// A set of word endings, looked up by the lengths they come in rather than one by one.
#[derive(Debug)]
pub(crate) struct Endings {
    endings: FxHashSet<&'static str>,
    /// The byte lengths of the endings, ascending.
    lengths: Vec<usize>,
    /// The endings read backwards, so a word's last two bytes turn most words away.
    filter: PairFilter,
}

impl Endings {
    fn of(endings: &[&'static str]) -> Endings {
        let mut lengths: Vec<usize> = endings.iter().map(|e| e.len()).collect();
        lengths.sort_unstable();
        lengths.dedup();
        let mut filter = PairFilter::default();
        for e in endings {
            let reversed: Vec<u8> = e.bytes().rev().collect();
            filter.admit(&reversed);
        }
        Endings {
            endings: endings.iter().copied().collect(),
            lengths,
            filter,
        }
    }

    /// Whether `word` ends with one of the endings.
    pub(crate) fn ends(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let tail = match b {
            [.., y, z] => [*z, *y],
            [z] => [*z, 0],
            [] => return false,
        };
        let tail = if b.len() == 1 { &tail[..1] } else { &tail[..] };
        self.filter.may_hold(tail)
            && self
                .lengths
                .iter()
                .take_while(|l| **l <= word.len())
                .any(|l| {
                    let at = word.len() - l;
                    word.is_char_boundary(at) && self.endings.contains(&word[at..])
                })
    }
}

/// Declares, for each named list of [`super::lexicon`], a set of type `$ty` of the same name
/// built from it on first use.
macro_rules! lexicon_sets {
    ($ty:ident: $($name:ident),* $(,)?) => {
        $(
            #[doc = concat!("[`lexicon::", stringify!($name), "`] as a `", stringify!($ty), "`.")]
            pub(crate) static $name: LazyLock<$ty> = LazyLock::new(|| $ty::of(lexicon::$name));
        )*
    };
}

lexicon_sets!(
    WordSet: NOT_MODIFIERS,
    NOT_INTERVENTIONS,
    MEASURE_HEADS,
    FUNCTION_WORDS,
    PEOPLE_WORDS,
    CONDITION_HEADS,
    TREATMENT_HEADS,
    GENERIC_HEADS,
    SUBSTANCES,
    NOT_CONDITION_MODIFIERS,
    NOT_COUNTED,
    LABELS,
    ROUTE_WORDS,
);

lexicon_sets!(Endings: DRUG_ENDINGS, SALT_ENDINGS, CONDITION_ENDINGS);

/// A map from lower-case words to values, with a [`PairFilter`] in front: almost every token of
/// a sentence is asked whether it is a number word or a time unit, and almost none is, so most
/// are turned away without hashing (the two lookups were 5% of extraction time).
#[derive(Debug)]
pub(crate) struct WordMap<V> {
    map: FxHashMap<&'static str, V>,
    filter: PairFilter,
}

impl<V: Copy> WordMap<V> {
    /// The map of `pairs` in which the first pair of a word wins, as a scan of the list would
    /// find.
    fn first_wins(pairs: &[(&'static str, V)]) -> WordMap<V> {
        let mut map = FxHashMap::default();
        let mut filter = PairFilter::default();
        for (w, v) in pairs {
            filter.admit(w.as_bytes());
            map.entry(*w).or_insert(*v);
        }
        WordMap { map, filter }
    }

    /// The value of `word` (lower case), if it is a key.
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        if !self.filter.may_hold(word.as_bytes()) {
            return None;
        }
        self.map.get(word).copied()
    }
}

/// [`lexicon::NUMBER_WORDS`] by word.
pub(crate) static NUMBER_WORDS: LazyLock<WordMap<f64>> =
    LazyLock::new(|| WordMap::first_wins(lexicon::NUMBER_WORDS));

/// [`lexicon::TIME_UNITS`] by word.
pub(crate) static TIME_UNITS: LazyLock<WordMap<Unit>> =
    LazyLock::new(|| WordMap::first_wins(lexicon::TIME_UNITS));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_hold_exactly_their_lists() {
        for w in lexicon::NOT_MODIFIERS {
            assert!(NOT_MODIFIERS.contains(w), "{w}");
        }
        assert!(!NOT_MODIFIERS.contains("ketamine"));
        // The first pair of a word wins, as a scan of the list would find.
        let first =
            |pairs: &[(&str, f64)], w: &str| pairs.iter().find(|(k, _)| *k == w).map(|p| p.1);
        for (w, _) in lexicon::NUMBER_WORDS {
            assert_eq!(NUMBER_WORDS.get(w), first(lexicon::NUMBER_WORDS, w), "{w}");
        }
        for (w, u) in lexicon::TIME_UNITS {
            let first_unit = lexicon::TIME_UNITS
                .iter()
                .find(|(k, _)| k == w)
                .map(|p| p.1);
            assert_eq!(TIME_UNITS.get(w), first_unit, "{w} {u:?}");
        }
        // Words that only share a key's first letters are no keys.
        assert_eq!(NUMBER_WORDS.get("tw"), None);
        assert_eq!(NUMBER_WORDS.get("twos"), None);
        assert_eq!(TIME_UNITS.get("weekend"), None);
        assert_eq!(TIME_UNITS.get("ketamine"), None);
    }

    #[test]
    fn pair_filters_admit_every_key_and_its_extensions() {
        let mut f = PairFilter::default();
        f.admit(b"week");
        f.admit(b"x");
        assert!(f.may_hold(b"week"));
        assert!(f.may_hold(b"weekly"));
        assert!(f.may_hold(b"we"));
        assert!(f.may_hold(b"x"));
        assert!(f.may_hold(b"xyz"));
        assert!(!f.may_hold(b"month"));
        assert!(!f.may_hold(b"w"));
        assert!(!f.may_hold(b"wa"));
        let set = WordSet::of(&["a", "and", "of"]);
        assert!(set.contains("a") && set.contains("and") && set.contains("of"));
        assert!(!set.contains("an") && !set.contains("o") && !set.contains("ox"));
    }

    #[test]
    fn endings_match_word_tails_only() {
        let e = Endings::of(&["tide", "mab", "ine"]);
        assert!(e.ends("semaglutide"));
        assert!(e.ends("adalimumab"));
        assert!(e.ends("ketamine"));
        assert!(!e.ends("tidewater"));
        assert!(!e.ends("ab"));
        assert!(!e.ends(""));
        // A multi-byte character before the ending is no boundary problem.
        assert!(e.ends("é-ine"));
        assert!(!e.ends("inè"));
        let short = Endings::of(&["s", "ab"]);
        assert!(short.ends("s") && short.ends("tests") && short.ends("ab") && short.ends("mab"));
        assert!(!short.ends("b") && !short.ends("a") && !short.ends("test"));
    }
}
