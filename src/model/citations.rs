//! An article's citation structure, as ingest reads it: the entries of its reference lists,
//! source lines and footnotes, and the markers in its prose (`[1]`, `¹`, `(2,3)`, `*`, a `#ref1`
//! link) that point at them.

use std::ops::Range;

/// The citation structure of an [`Article`](super::Article).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Citations {
    /// Reference entries, in text order.
    pub entries: Vec<Entry>,
    /// Footnote and reference markers in the prose, in text order, each resolved to entries.
    pub markers: Vec<Marker>,
    /// The text that is reference material, not prose: reference-section headings, source-line
    /// labels and every entry's block. Sorted, not overlapping. Its numbers are not claims.
    pub apparatus: Vec<Range<usize>>,
}

/// One entry of a reference list, a source line or a footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's text in [`Article::text`](super::Article::text), without its label
    /// (`1.`, `[1]`, `*`) or a source line's `Source:`.
    pub range: Range<usize>,
    /// Where it is.
    pub kind: EntryKind,
    /// Its number: written (`1.`, `[1]`, `¹`), the item's number in an ordered list, or its
    /// position in an unnumbered reference list.
    pub number: Option<u32>,
    /// The footnote symbol it starts with (`*`, `†`, `‡`, `§`).
    pub symbol: Option<char>,
}

/// Where a reference [`Entry`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// An item under a "References", "Sources", "Further reading"… heading or label.
    List,
    /// A paragraph labelled "Source:", "References:", "Study:"…
    SourceLine,
    /// A footnote: a labelled note (`*`, `†`, `[1]`, `¹`) that cites, or the target of an
    /// in-page link.
    Footnote,
}

/// A footnote or reference marker in the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The marker's text (empty for a Markdown footnote reference, which has none).
    pub range: Range<usize>,
    /// The marker as written, without brackets: `1`, `2–4`, `1,3`, `*`.
    pub label: String,
    /// Indices into [`Citations::entries`] of the entries it points at.
    pub entries: Vec<usize>,
}

impl Citations {
    /// Whether text offset `at` is reference material (see [`Citations::apparatus`]).
    pub fn is_apparatus(&self, at: usize) -> bool {
        let i = self.apparatus.partition_point(|r| r.end <= at);
        self.apparatus.get(i).is_some_and(|r| r.start <= at)
    }

    /// The entry whose text contains offset `at`.
    pub fn entry_at(&self, at: usize) -> Option<usize> {
        let i = self.entries.partition_point(|e| e.range.end <= at);
        self.entries
            .get(i)
            .filter(|e| e.range.start <= at)
            .map(|_| i)
    }
}
