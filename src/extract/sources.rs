//! The article's sources: its links (PubMed, PMC, DOI, Bookshelf or any other web page) and the
//! citations it makes in words ("(Zarate et al., 2006)", "a study published in the American
//! Journal of Psychiatry in 2017"), and which of them stand by which claim.
//!
//! A claim's sources are the ones in its sentence, else the ones in its paragraph (block), else
//! the article's reference list, which applies to every claim. Links that point back into the
//! site itself (relative links, same host, `tel:`, `mailto:`) are navigation, not sources.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

use crate::model::{
    collapse_whitespace, host, identifier_from_url, Article, BlockKind, Source, SourceKind,
    SourceRole,
};

/// The sources of an article and where each occurs in its text.
#[derive(Debug, Default)]
pub struct SourceIndex {
    /// Every distinct source, in order of first occurrence.
    pub sources: Vec<Source>,
    /// Every occurrence outside the reference list: the text range and the source id.
    inline: Vec<(Range<usize>, String)>,
    /// Ids of the sources in the reference list.
    references: Vec<String>,
}

impl SourceIndex {
    /// The ids of the sources that stand by a claim in `sentence` of `block`.
    pub fn for_claim(&self, sentence: Range<usize>, block: Range<usize>) -> Vec<String> {
        let within =
            |r: &Range<usize>, outer: &Range<usize>| r.start < outer.end && outer.start <= r.start;
        let distinct = |ids: Vec<&String>| {
            let mut out: Vec<String> = Vec::new();
            for id in ids {
                if !out.contains(id) {
                    out.push(id.clone());
                }
            }
            out
        };
        let in_sentence = distinct(
            self.inline
                .iter()
                .filter(|(r, _)| within(r, &sentence))
                .map(|(_, id)| id)
                .collect(),
        );
        if !in_sentence.is_empty() {
            return in_sentence;
        }
        let in_block = distinct(
            self.inline
                .iter()
                .filter(|(r, _)| within(r, &block))
                .map(|(_, id)| id)
                .collect(),
        );
        if !in_block.is_empty() {
            return in_block;
        }
        self.references.clone()
    }

    fn add(
        &mut self,
        article: &Article,
        range: Range<usize>,
        mut source: Source,
        role: SourceRole,
    ) {
        source.role = role;
        let id = source.id.clone();
        if !self.sources.iter().any(|s| s.id == id) {
            source.location = article.map.locate(range.clone());
            self.sources.push(source);
        }
        match role {
            SourceRole::Reference => {
                if !self.references.contains(&id) {
                    self.references.push(id);
                }
            }
            SourceRole::Inline => self.inline.push((range, id)),
        }
    }
}

/// Collects the sources of `article`, ignoring everything from text offset `skip_from` on.
pub(crate) fn collect(article: &Article, skip_from: usize) -> SourceIndex {
    let mut index = SourceIndex::default();
    let reference_blocks = reference_blocks(article, skip_from);
    let in_references = |at: usize| reference_blocks.iter().any(|r| r.contains(&at));
    let own_host = host(&article.origin);
    // Articles link the same few pages again and again: classify each href once.
    let mut known: std::collections::HashMap<&str, Option<Source>> = Default::default();
    for link in &article.links {
        if link.text.start >= skip_from {
            continue;
        }
        let classified = known
            .entry(link.href.as_str())
            .or_insert_with(|| link_source(article, link, own_host.as_deref()));
        // Only a source's first occurrence is kept whole, so its anchor text is the one shown.
        let Some(source) = classified.clone() else {
            continue;
        };
        let role = if in_references(link.text.start) {
            SourceRole::Reference
        } else {
            SourceRole::Inline
        };
        index.add(article, link.text.clone(), source, role);
    }
    for block in &article.blocks {
        if block.range.start >= skip_from {
            break;
        }
        let text = &article.text[block.range.clone()];
        let in_refs = in_references(block.range.start);
        let has_link = article
            .links
            .iter()
            .any(|l| l.text.start >= block.range.start && l.text.start < block.range.end);
        if in_refs && !has_link && !matches!(block.kind, BlockKind::Heading(_)) {
            // A reference written out with no link: the whole entry is one citation.
            let range = block.range.clone();
            index.add(article, range, citation(text), SourceRole::Reference);
            continue;
        }
        for m in CITATIONS
            .iter()
            .zip(may_cite(text))
            .filter(|(_, possible)| *possible)
            .flat_map(|(re, _)| re.find_iter(text))
        {
            let range = block.range.start + m.start()..block.range.start + m.end();
            let role = if in_refs {
                SourceRole::Reference
            } else {
                SourceRole::Inline
            };
            index.add(article, range, citation(m.as_str()), role);
        }
    }
    index
}

fn link_source(
    article: &Article,
    link: &crate::model::Link,
    own_host: Option<&str>,
) -> Option<Source> {
    let href = link.href.trim();
    let lower = href.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let host = host(href)?;
    if own_host.is_some_and(|h| h == host) {
        return None;
    }
    let text = collapse_whitespace(&article.text[link.text.clone()]);
    let (id, kind) = match identifier_from_url(href) {
        Some(ident) => (ident.source_id(), ident.kind()),
        None => (format!("web:{host}/{}", short_hash(href)), SourceKind::Web),
    };
    Some(Source {
        id,
        kind,
        url: Some(href.to_owned()),
        text: if text.is_empty() {
            href.to_owned()
        } else {
            text
        },
        role: SourceRole::Inline,
        location: Default::default(),
    })
}

fn citation(text: &str) -> Source {
    let text = collapse_whitespace(text);
    Source {
        id: format!("cite:{}", short_hash(&text.to_lowercase())),
        kind: SourceKind::Citation,
        url: None,
        text,
        role: SourceRole::Inline,
        location: Default::default(),
    }
}

/// The blocks of the article's reference list: after a "References"/"Sources"-style heading, the
/// blocks that hold a link or read like a reference, up to the first one that does not.
fn reference_blocks(article: &Article, skip_from: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut in_list = false;
    for block in &article.blocks {
        if block.range.start >= skip_from {
            break;
        }
        let text = article.text[block.range.clone()].trim();
        let heading_like = matches!(block.kind, BlockKind::Heading(_)) || text.len() < 40;
        if heading_like && is_reference_heading(text) {
            in_list = true;
            continue;
        }
        if !in_list {
            continue;
        }
        let has_link = article
            .links
            .iter()
            .any(|l| l.text.start >= block.range.start && l.text.start < block.range.end);
        if has_link || looks_like_reference(text) {
            out.push(block.range.clone());
        } else {
            in_list = false;
        }
    }
    out
}

fn is_reference_heading(text: &str) -> bool {
    let lower = text
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_ascii_lowercase();
    [
        "references",
        "reference",
        "sources",
        "source",
        "citations",
        "bibliography",
        "works cited",
        "further reading",
        "more information",
        "resources",
        "studies cited",
        "research cited",
        "notes",
        "learn more",
    ]
    .contains(&lower.as_str())
}

/// "Murrough JW, et al. Am J Psychiatry. 2013;170(10):1134-42."
fn looks_like_reference(text: &str) -> bool {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)(?:19|20)\d{2}(?-u:\b)").expect("valid regex"));
    text.len() < 400 && YEAR.is_match(text) && text.matches('.').count() >= 2
}

/// Which citation patterns can match `text` at all: SIMD substring searches that spare most
/// blocks the full patterns.
fn may_cite(text: &str) -> [bool; 3] {
    use memchr::memmem::Finder;
    static ET_AL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("et al"));
    static VERBS: LazyLock<[Finder<'static>; 3]> = LazyLock::new(|| {
        [
            Finder::new("ublished"),
            Finder::new("eported"),
            Finder::new("ppearing"),
        ]
    });
    let bytes = text.as_bytes();
    [
        memchr::memchr(b'(', bytes).is_some(),
        ET_AL.find(bytes).is_some(),
        VERBS.iter().any(|f| f.find(bytes).is_some()),
    ]
}

static CITATIONS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // (Zarate et al., 2006), (Murrough and Iosifescu 2013), (Smith & Jones, 2019)
        r"\([A-Z][A-Za-z'’\-]+(?: et al\.?| (?:and|&) [A-Z][A-Za-z'’\-]+)?,? (?:19|20)\d{2}[a-z]?\)",
        // Murrough et al. (2013)
        r"(?-u:\b)[A-Z][A-Za-z'’\-]+ et al\.? \((?:19|20)\d{2}[a-z]?\)",
        // a (landmark) study published in the American Journal of Psychiatry (in 2017)
        r"(?i:(?-u:\b)(?:a|an|the|one|this|that)\s+(?:[a-z0-9\-]+\s+){0,3}?(?:study|trial|paper|review|meta-analysis|analysis|report|article))\s+(?i:published|appearing|reported)\s+in\s+(?:the\s+)?(?:[A-Z][A-Za-z&\-]*|of|and|for|the)(?:\s+(?:[A-Z][A-Za-z&\-]*|of|and|for|the))*(?:\s+in\s+(?:19|20)\d{2})?",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("citation patterns are valid"))
    .collect()
});

fn short_hash(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}
