//! The article's sources, and which of them stand by which claim.
//!
//! Sources are the links and URLs of the article (PubMed, PMC, DOI, Bookshelf or any other web
//! page; identifiers written in the text, "PMID: 123", "doi:10.…", arrive from ingest as links
//! too), the entries of its reference lists, source lines and footnotes (an entry without a link
//! is a citation in words), and citations written in the prose: author–year ("(Zarate et al.,
//! 2006)", "Vickers et al. 2012") and studies named by journal ("a study published in the
//! American Journal of Psychiatry in 2017"). Links back into the site itself (same host,
//! relative, `tel:`, `mailto:`) are navigation, not sources.
//!
//! A claim's sources follow what the article says (see [`SourceIndex::for_claim`]): a citation
//! in the claim's sentence or list item, else the paragraph's closing citation, else the study its sentence
//! refers back to ("the study found…"), else the source line of its section, else the one
//! study its section cites in an earlier paragraph, before the article's research references,
//! else those references, else the one study a page built on it cites in its prose, else (on a
//! page citing several) the one study its section cites before it.
//! Each claim records how ([`Attachment`]).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

use crate::model::{
    collapse_whitespace, host, identifier_from_url, Article, Attachment, BlockKind, CitedBy,
    EntryKind, FoundIn, Link, Source, SourceKind, SourceRole,
};

/// A citation in the prose: where it is, what it cites and how.
#[derive(Debug, Clone)]
struct Cue {
    /// Its text.
    range: Range<usize>,
    /// Where it counts as standing: its own start, or for a marker right after a sentence's
    /// closing punctuation ("…17.6%.[1]"), the end of that sentence.
    at: usize,
    ids: Vec<String>,
    how: CitedBy,
    marker: Option<String>,
    /// Whether any of `ids` is a research source (not a web page).
    research: bool,
    /// Whether it is a citation in words (author–year or a study named by journal).
    in_words: bool,
    /// Whether a citation in words matched a reference entry.
    matched: bool,
}

/// The sources of an article and where each is cited.
#[derive(Debug, Default)]
pub struct SourceIndex {
    /// Every distinct source, in order of first occurrence.
    pub sources: Vec<Source>,
    /// Citations in the prose, by position.
    cues: Vec<Cue>,
    /// Source lines: their text range, and their source ids.
    source_lines: Vec<(Range<usize>, Vec<String>)>,
    /// The research sources of every reference entry, for claims that cite nothing themselves.
    references: Vec<String>,
    /// Where the first reference entry is.
    references_at: Option<Range<usize>>,
    /// The one study a page cites in its prose, by the index of its first cue, when it cites
    /// exactly one (see [`SourceIndex::cited_elsewhere`]).
    sole_study: Option<(usize, String)>,
    /// For each cue, the one study its section cites up to it ([`SourceIndex::section_studies`]).
    section_studies: Vec<Option<usize>>,
    /// Where each heading starts: sections end there.
    headings: Vec<usize>,
    /// Where each id is in `sources`: a page links thousands of sources, and scanning them
    /// for every link made collecting quadratic.
    positions: HashMap<String, usize>,
    /// The sentences of the last paragraph a claim looked to for its citation: claims come in
    /// order, so a long paragraph is split once, not once per claim.
    paragraph: RefCell<(Range<usize>, Vec<Range<usize>>)>,
}

impl SourceIndex {
    /// The sources of a claim in `sentence` of `block`, and how they were attached: see the
    /// module docs. No sources and no attachment when the article cites nothing that could back
    /// the claim.
    pub fn for_claim(
        &self,
        article: &Article,
        sentence: Range<usize>,
        block: Range<usize>,
    ) -> (Vec<String>, Option<Attachment>) {
        let list_item = article
            .block_at(block.start)
            .is_some_and(|b| b.kind == BlockKind::ListItem);
        let (own, found_in) = if list_item {
            (block.clone(), FoundIn::ListItem)
        } else {
            (sentence.clone(), FoundIn::Sentence)
        };
        let direct = self
            .cues_in(&own)
            .map(|c| (c, found_in))
            .or_else(|| {
                self.paragraph_cues(article, &block, sentence.start)
                    .map(|c| (c, FoundIn::Paragraph))
            })
            .or_else(|| {
                refers_back(&article.text[sentence.clone()])
                    .then(|| self.earlier_cue(sentence.start))
                    .flatten()
                    .map(|c| (std::slice::from_ref(c), FoundIn::Earlier))
            });
        if let Some((cues, found_in)) = direct {
            let mut ids = distinct(cues.iter().flat_map(|c| &c.ids));
            // A study named in words that no reference entry matches (by journal, or by an
            // author and year the list gives otherwise) may well be one of the references.
            if cues.iter().all(|c| c.in_words && !c.matched) {
                ids = distinct(ids.iter().chain(&self.references));
            }
            let first = &cues[0];
            let marker = distinct(cues.iter().filter_map(|c| c.marker.as_ref()));
            let attachment = Attachment {
                how: first.how,
                found_in,
                marker: (!marker.is_empty()).then(|| marker.join("; ")),
                location: Some(article.map.locate(first.range.clone())),
            };
            return (ids, Some(attachment));
        }
        if let Some((range, ids)) = self.section_source_line(sentence.end) {
            let attachment = Attachment {
                how: CitedBy::SourceLine,
                found_in: FoundIn::Section,
                marker: None,
                location: Some(article.map.locate(range.clone())),
            };
            return (ids.clone(), Some(attachment));
        }
        // A study linked in an earlier paragraph of the claim's section stands before the whole
        // reference list: a reader takes the paragraphs after a cited trial to go on about it.
        // (In the cue's own paragraph, a citation closing an earlier sentence cites that
        // sentence only: the paragraph rule above has decided.) A study named in words that no
        // entry matches is no better a guess than the list itself.
        if !self.references.is_empty() {
            if let Some(cue) = self
                .section_study(sentence.start)
                .filter(|cue| cue.at < block.start && (cue.matched || !cue.in_words))
            {
                return self.section_study_attachment(article, cue);
            }
            let attachment = Attachment {
                how: CitedBy::ReferenceList,
                found_in: FoundIn::Article,
                marker: None,
                location: self
                    .references_at
                    .as_ref()
                    .map(|r| article.map.locate(r.clone())),
            };
            return (self.references.clone(), Some(attachment));
        }
        if self.sole_study.is_some() {
            return self.cited_elsewhere(article);
        }
        if let Some(cue) = self.section_study(sentence.start) {
            return self.section_study_attachment(article, cue);
        }
        self.cited_elsewhere(article)
    }

    /// A section study's research sources, attached as found in the section.
    fn section_study_attachment(
        &self,
        article: &Article,
        cue: &Cue,
    ) -> (Vec<String>, Option<Attachment>) {
        let attachment = Attachment {
            how: cue.how,
            found_in: FoundIn::Section,
            marker: None,
            location: Some(article.map.locate(cue.range.clone())),
        };
        let ids = cue.ids.iter().filter(|id| self.is_research(id));
        (distinct(ids), Some(attachment))
    }

    /// On a page citing several studies in its prose, the one a section cites before `at`, when
    /// it cites exactly one there (a page citing one study checks every such claim against it,
    /// [`SourceIndex::cited_elsewhere`]): "A trial of
    /// 126 patients compared CPAP with an oral appliance (Phillips, 2013). CPAP lowered the AHI
    /// to 4.5 events per hour…" checks the second sentence against that trial, as a reader does.
    /// A section that cites two studies before the claim, or cites its study only after it,
    /// leaves the claim to the rules after this one.
    fn section_study(&self, at: usize) -> Option<&Cue> {
        let before = self.cues.partition_point(|c| c.at < at);
        let last = before.checked_sub(1)?;
        let cue = self.section_studies.get(last).copied().flatten()?;
        self.same_section(self.cues[last].at, at)
            .then(|| &self.cues[cue])
    }

    /// For each cue, the last cue of the one research study its section cites up to it, if the
    /// section cites exactly one so far: read once when the index is built, so that finding a
    /// claim's section study is a lookup, not a walk back over every earlier link (a page of
    /// thousands of links and claims would be quadratic).
    fn section_studies(&self) -> Vec<Option<usize>> {
        enum Seen<'a> {
            None,
            One(&'a String, usize),
            Several,
        }
        let mut out = Vec::with_capacity(self.cues.len());
        let mut section = usize::MAX;
        let mut seen = Seen::None;
        for (i, cue) in self.cues.iter().enumerate() {
            let here = self.headings.partition_point(|&h| h <= cue.at);
            if here != section {
                (section, seen) = (here, Seen::None);
            }
            for id in cue
                .ids
                .iter()
                .filter(|id| cue.research && self.is_research(id))
            {
                seen = match seen {
                    Seen::None => Seen::One(id, i),
                    Seen::One(known, _) if known == id => Seen::One(known, i),
                    _ => Seen::Several,
                };
            }
            out.push(match seen {
                Seen::One(_, at) => Some(at),
                _ => None,
            });
        }
        out
    }

    /// A page built on one study, cited only in its prose ("…found in the CORE study" in one
    /// paragraph, "generally 6 to 12 sessions" in another): a claim that cites nothing itself is
    /// checked against that study, as against a reference list. Checking then says whether it
    /// reports the figure (`not_found` if not). A page citing several studies in its prose
    /// leaves such a claim `unsourced`: which study, if any, it comes from is anyone's guess, and
    /// checking it against all of them pairs claims with other treatments' figures ("standard
    /// antidepressants take 4–6 weeks" against a ketamine trial's 72 hours).
    fn cited_elsewhere(&self, article: &Article) -> (Vec<String>, Option<Attachment>) {
        let Some((cue, id)) = &self.sole_study else {
            return (Vec::new(), None);
        };
        let first = &self.cues[*cue];
        let attachment = Attachment {
            how: first.how,
            found_in: FoundIn::Article,
            marker: None,
            location: Some(article.map.locate(first.range.clone())),
        };
        (vec![id.clone()], Some(attachment))
    }

    /// The one research source the prose cites, with its first cue, if there is exactly one;
    /// read once when the index is built, not for every claim.
    fn sole_study(&self) -> Option<(usize, String)> {
        let mut found: Option<(usize, &String)> = None;
        for (i, cue) in self.cues.iter().enumerate().filter(|(_, c)| c.research) {
            for id in cue.ids.iter().filter(|id| self.is_research(id)) {
                match found {
                    None => found = Some((i, id)),
                    Some((_, known)) if known == id => {}
                    Some(_) => return None,
                }
            }
        }
        found.map(|(i, id)| (i, id.clone()))
    }

    /// The cues that stand in `range`, if any.
    fn cues_in(&self, range: &Range<usize>) -> Option<&[Cue]> {
        let from = self.cues.partition_point(|c| c.at < range.start);
        let to = self.cues.partition_point(|c| c.at < range.end);
        (to > from).then(|| &self.cues[from..to])
    }

    /// The citation of a paragraph that stands for a sentence starting at `at` without one of
    /// its own: the paragraph's closing citation, else a study an earlier sentence introduces
    /// ("In [the STAR*D study], 36.8%… Even after several steps, one in three…"). A citation
    /// that closes an earlier sentence ("…by week eight (NEJM, 2023). These numbers…") cites
    /// that sentence only, and none stands for sentences before it.
    fn paragraph_cues(&self, article: &Article, block: &Range<usize>, at: usize) -> Option<&[Cue]> {
        // Most paragraphs cite nothing: say so before splitting them into sentences.
        self.cues_in(block)?;
        let mut cached = self.paragraph.borrow_mut();
        if cached.0 != *block || cached.1.is_empty() {
            *cached = (
                block.clone(),
                crate::quantity::sentences::split(&article.text, block.clone()),
            );
        }
        let sentences = &cached.1;
        let closing = sentences.last().map_or(block.start, |s| s.start)..block.end;
        if let Some(cues) = self.cues_in(&closing) {
            return Some(cues);
        }
        let earlier = self.cues_in(&(block.start..at))?;
        let introduces = |c: &Cue| {
            let end = sentences
                .iter()
                .find(|s| s.contains(&c.at))
                .map_or(block.end, |s| s.end);
            !closes(&article.text[c.range.end.min(end)..end])
        };
        let i = earlier.iter().rposition(introduces)?;
        Some(std::slice::from_ref(&earlier[i]))
    }

    /// The last research cue before `at` in the same section.
    fn earlier_cue(&self, at: usize) -> Option<&Cue> {
        let before = self.cues.partition_point(|c| c.at < at);
        let cue = self.cues[..before].iter().rev().find(|c| c.research)?;
        self.same_section(cue.at, at).then_some(cue)
    }

    /// The first source line after `at` in the same section.
    fn section_source_line(&self, at: usize) -> Option<&(Range<usize>, Vec<String>)> {
        let line = self.source_lines.iter().find(|(r, _)| r.start >= at)?;
        self.same_section(at, line.0.start).then_some(line)
    }

    fn same_section(&self, a: usize, b: usize) -> bool {
        let i = self.headings.partition_point(|&h| h <= a);
        self.headings.get(i).is_none_or(|&h| h > b)
    }

    /// Adds a source and returns its id. Of several occurrences of an id the first in the text
    /// is kept whole (its anchor text, place and role), whatever order they are read in:
    /// reference entries are read before the prose that cites them.
    fn add(&mut self, article: &Article, range: Range<usize>, mut source: Source) -> String {
        let id = source.id.clone();
        source.location = article.map.locate(range);
        match self.positions.get(&id).map(|&i| &mut self.sources[i]) {
            Some(known) if source.location.start < known.location.start => *known = source,
            Some(_) => {}
            None => {
                self.positions.insert(id.clone(), self.sources.len());
                self.sources.push(source);
            }
        }
        id
    }

    fn is_research(&self, id: &str) -> bool {
        self.positions
            .get(id)
            .is_some_and(|&i| self.sources[i].kind != SourceKind::Web)
    }

    /// Puts the sources in the order the article cites them.
    fn sort_sources(&mut self) {
        self.sources.sort_by_key(|s| s.location.start);
        self.positions = (self.sources.iter().enumerate())
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
    }

    fn push_cue(
        &mut self,
        article: &Article,
        range: Range<usize>,
        ids: Vec<String>,
        how: CitedBy,
        marker: Option<String>,
    ) {
        if ids.is_empty() {
            return;
        }
        let research = ids.iter().any(|id| self.is_research(id));
        let at = if how == CitedBy::Footnote {
            standing_point(&article.text, range.start)
        } else {
            range.start
        };
        self.cues.push(Cue {
            range,
            at,
            ids,
            how,
            marker,
            research,
            in_words: matches!(how, CitedBy::AuthorYear | CitedBy::Named),
            matched: false,
        });
    }
}

/// Collects the sources of `article`, ignoring everything from text offset `skip_from` on.
pub(crate) fn collect(article: &Article, skip_from: usize) -> SourceIndex {
    let mut index = SourceIndex {
        headings: article
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
            .map(|b| b.range.start)
            .collect(),
        ..SourceIndex::default()
    };
    let own_host = host(&article.origin);
    let entry_ids = entry_sources(article, skip_from, own_host.as_deref(), &mut index);
    // Links in the prose. A page links the same few sources again and again: each href is
    // classified once, with where its first link starts. A later link to it would not displace
    // that one (`add` keeps the first in the text), so it is not added again.
    let mut known: HashMap<&str, Option<(Source, usize)>> = Default::default();
    for link in &article.links {
        if link.text.start >= skip_from || article.citations.is_apparatus(link.text.start) {
            continue;
        }
        let classified = known.entry(link.href.as_str()).or_insert_with(|| {
            link_source(article, link, own_host.as_deref()).map(|s| (s, link.text.start))
        });
        let id = match classified {
            None => continue,
            Some((source, first)) if link.text.start > *first => source.id.clone(),
            Some((source, _)) => index.add(article, link.text.clone(), source.clone()),
        };
        index.push_cue(article, link.text.clone(), vec![id], CitedBy::Link, None);
    }
    // Footnote and reference markers.
    for m in &article.citations.markers {
        if m.range.start >= skip_from {
            continue;
        }
        let ids = distinct(m.entries.iter().flat_map(|&e| &entry_ids[e]));
        index.push_cue(
            article,
            m.range.clone(),
            ids,
            CitedBy::Footnote,
            Some(m.label.clone()),
        );
    }
    // Citations in words. The links are in text order; the furthest any of the first `i`
    // reaches tells at once whether one of them overlaps a citation.
    let reach: Vec<usize> = (article.links.iter())
        .scan(0, |max, l| {
            *max = l.text.end.max(*max);
            Some(*max)
        })
        .collect();
    let hints = CiteHints::of(&article.text);
    for block in &article.blocks {
        if block.range.start >= skip_from {
            break;
        }
        if article.citations.is_apparatus(block.range.start) {
            continue;
        }
        for (range, how) in citations_in(&article.text, block.range.clone(), &hints) {
            // "(<a>NEJM, 2023</a>)": the link is the source.
            let before = article.links.partition_point(|l| l.text.start < range.end);
            let in_link = before > 0 && reach[before - 1] > range.start;
            if in_link {
                continue;
            }
            let words = &article.text[range.clone()];
            let entry = matching_entry(article, words)
                .filter(|&e| how == CitedBy::AuthorYear && !entry_ids[e].is_empty());
            let ids = match entry {
                Some(e) => entry_ids[e].clone(),
                None => {
                    let mut source = citation(words);
                    source.role = SourceRole::Inline;
                    vec![index.add(article, range.clone(), source)]
                }
            };
            let marker = Some(collapse_whitespace(words));
            index.push_cue(article, range, ids, how, marker);
            if let Some(cue) = index.cues.last_mut() {
                cue.matched = entry.is_some();
            }
        }
    }
    index.cues.sort_by_key(|c| (c.at, c.range.start));
    // Entries were read first; the file lists sources in the order the article cites them.
    index.sort_sources();
    let mut referenced = HashSet::new();
    for (e, entry) in article.citations.entries.iter().enumerate() {
        if entry.range.start >= skip_from {
            continue;
        }
        if entry.kind == EntryKind::SourceLine {
            index
                .source_lines
                .push((entry.range.clone(), entry_ids[e].clone()));
        }
        let research: Vec<String> = entry_ids[e]
            .iter()
            .filter(|id| index.is_research(id))
            .cloned()
            .collect();
        if !research.is_empty() && index.references_at.is_none() {
            index.references_at = Some(entry.range.clone());
        }
        for id in research {
            if referenced.insert(id.clone()) {
                index.references.push(id);
            }
        }
    }
    index.sole_study = index.sole_study();
    index.section_studies = index.section_studies();
    index
}

/// The source ids of every reference entry (empty past `skip_from`): its links, else the entry
/// itself as a citation in words.
fn entry_sources(
    article: &Article,
    skip_from: usize,
    own_host: Option<&str>,
    index: &mut SourceIndex,
) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(article.citations.entries.len());
    for entry in &article.citations.entries {
        let mut ids = Vec::new();
        if entry.range.start < skip_from {
            let from = article
                .links
                .partition_point(|l| l.text.start < entry.range.start);
            for link in article.links[from..]
                .iter()
                .take_while(|l| l.text.start < entry.range.end)
            {
                if let Some(mut source) = link_source(article, link, own_host) {
                    source.role = SourceRole::Reference;
                    ids.push(index.add(article, link.text.clone(), source));
                }
            }
            if ids.is_empty() {
                let words = &article.text[entry.range.clone()];
                ids.push(index.add(article, entry.range.clone(), citation(words)));
            }
        }
        out.push(distinct(ids.iter()));
    }
    out
}

/// Whether what follows a citation in its sentence shows that it closes the sentence: only
/// closing brackets, punctuation and other markers.
fn closes(rest: &str) -> bool {
    rest.chars()
        .all(|c| c.is_whitespace() || ").,;:!?]\"'”’*†‡§".contains(c) || c.is_ascii_digit())
}

/// Where a marker at `start` stands: right after a sentence's closing punctuation
/// ("…17.6%.[1]", "…rates. (1,2)") it belongs to that sentence, not the next.
fn standing_point(text: &str, start: usize) -> usize {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    match before.chars().next_back() {
        Some('.' | '!' | '?' | ')' | '”' | '"') if start - before.len() <= 1 => {
            before.len().saturating_sub(1)
        }
        _ => start,
    }
}

/// The reference entry an author–year citation names: its first author's family name and its
/// year agree.
fn matching_entry(article: &Article, words: &str) -> Option<usize> {
    static NAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\p{Lu}[\p{L}'’\-]+").expect("valid regex"));
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("valid regex"));
    let name = NAME.find(words)?.as_str();
    let year = YEAR.find(words)?.as_str();
    article.citations.entries.iter().position(|e| {
        let text = &article.text[e.range.clone()];
        NAME.find(text)
            .is_some_and(|m| m.as_str().eq_ignore_ascii_case(name))
            && YEAR.find_iter(text).any(|y| y.as_str() == year)
    })
}

/// Whether a sentence refers back to a study already cited: "The study found…", "in this
/// trial", "the researchers…" (not "the study of depression", which is the field).
fn refers_back(sentence: &str) -> bool {
    static BACK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:the|this|that|these|those)\s+(?:[\w\-]+\s+)?(?:study|study['’]s|studies|trial|trial['’]s|trials|meta-analysis|analysis|review|paper|researchers|investigators|authors)\b")
            .expect("valid regex")
    });
    BACK.find_iter(sentence).any(|m| {
        let after = sentence[m.end()..].trim_start();
        let of = after
            .get(..3)
            .is_some_and(|w| w.eq_ignore_ascii_case("of ") || w.eq_ignore_ascii_case("of"));
        // "the study of depression" is the field; "this study of 790 men" is one study.
        let counted = after
            .get(2..)
            .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()));
        !of || counted
    })
}

fn link_source(article: &Article, link: &Link, own_host: Option<&str>) -> Option<Source> {
    let href = link.href.trim();
    // The scheme compared in place: lower-casing the whole href allocated for every link.
    let scheme = |s: &str| {
        href.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    };
    if !(scheme("http://") || scheme("https://")) {
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
        role: SourceRole::Reference,
        location: Default::default(),
    }
}

/// Author–year citations and studies named by journal in one block, with their ranges.
fn citations_in(
    text: &str,
    block: Range<usize>,
    hints: &CiteHints,
) -> Vec<(Range<usize>, CitedBy)> {
    let s = &text[block.clone()];
    let mut out = Vec::new();
    let possible = hints.may_cite(text, block.clone());
    if possible == [false; 3] {
        return out;
    }
    for (re, how, on) in [
        (&*PARENTHETICAL, CitedBy::AuthorYear, possible[0]),
        (&*NARRATIVE, CitedBy::AuthorYear, possible[1]),
        (&*NAMED, CitedBy::Named, possible[2]),
    ] {
        if !on {
            continue;
        }
        for m in re.find_iter(s) {
            let range = block.start + m.start()..block.start + m.end();
            if out
                .iter()
                .any(|(r, _): &(Range<usize>, CitedBy)| r.start < range.end && range.start < r.end)
            {
                continue;
            }
            // "(Smith 2019; Jones 2020)" is two citations.
            let inner = &s[m.start()..m.end()];
            if how == CitedBy::AuthorYear && inner.starts_with('(') && inner.contains(';') {
                let mut at = m.start() + 1;
                for part in inner[1..inner.len() - 1].split(';') {
                    let lead = part.len() - part.trim_start().len();
                    let r = block.start + at + lead..block.start + at + part.trim_end().len();
                    out.push((r, how));
                    at += part.len() + 1;
                }
                continue;
            }
            out.push((range, how));
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Where the citation patterns' hints are in an article's text: a year after a space or an
/// opening parenthesis, and "published", "reported" or "appearing". Each hint is searched for
/// once in the whole text (with memchr's SIMD searches), not once in every block: a search of
/// a short block costs mostly its setting up.
struct CiteHints {
    /// Where " 19", " 20", "(19" or "(20" starts, ascending.
    years: Vec<usize>,
    /// Where a verb's tail ("ublished", "eported", "ppearing") starts and ends, ascending.
    verbs: Vec<Range<usize>>,
}

impl CiteHints {
    fn of(text: &str) -> CiteHints {
        use memchr::memmem::Finder;
        static VERBS: LazyLock<[Finder<'static>; 3]> = LazyLock::new(|| {
            [
                Finder::new("ublished"),
                Finder::new("eported"),
                Finder::new("ppearing"),
            ]
        });
        let bytes = text.as_bytes();
        // The four year hints in one pass over the digits 1 and 2.
        let years = memchr::memchr2_iter(b'1', b'2', bytes)
            .filter(|&i| {
                let century = if bytes[i] == b'1' { b'9' } else { b'0' };
                i > 0 && matches!(bytes[i - 1], b' ' | b'(') && bytes.get(i + 1) == Some(&century)
            })
            .map(|i| i - 1)
            .collect();
        // No verb overlaps itself, so the matches in a block are the matches in the text that
        // lie inside it.
        let mut verbs: Vec<Range<usize>> = (VERBS.iter())
            .flat_map(|f| f.find_iter(bytes).map(|i| i..i + f.needle().len()))
            .collect();
        verbs.sort_unstable_by_key(|r| r.start);
        CiteHints { years, verbs }
    }

    /// Which citation patterns can match the text of `block` at all: the hints that spare most
    /// blocks the full patterns.
    fn may_cite(&self, text: &str, block: Range<usize>) -> [bool; 3] {
        let bytes = &text.as_bytes()[block.clone()];
        let from = self.years.partition_point(|&i| i < block.start);
        // A year of four digits, not the start of a longer number: " 20%" and "(200 patients)"
        // are no hint, and prose full of figures is spared the patterns.
        let year = (self.years[from..].iter())
            .take_while(|&&i| i < block.end)
            .filter(|&&i| i + 3 <= block.end)
            .any(|&i| {
                let rest = &bytes[i - block.start + 3..];
                rest.len() >= 2
                    && rest[..2].iter().all(u8::is_ascii_digit)
                    && rest.get(2).is_none_or(|c| !c.is_ascii_digit())
            });
        let from = self.verbs.partition_point(|r| r.start < block.start);
        let verb = (self.verbs[from..].iter())
            .take_while(|r| r.start < block.end)
            .filter(|r| r.end <= block.end)
            .any(|r| then_in(&bytes[r.end - block.start..]));
        [year && memchr::memchr(b'(', bytes).is_some(), year, verb]
    }
}

/// Whether `rest`, the text after "published", "reported" or "appearing", goes on with white
/// space, "in", white space and a journal's first word (capitalised, or "of", "and", "for",
/// "the"), as [`NAMED`] requires: "according to a published study" and "reported in 25% of
/// patients" are no journal citations and are spared the pattern. Any byte outside ASCII may be
/// Unicode white space, so it counts as white space here (a hint may say yes where the pattern
/// says no).
fn then_in(rest: &[u8]) -> bool {
    let spacey = |b: &u8| b.is_ascii_whitespace() || !b.is_ascii();
    let gap = rest.iter().take_while(|b| spacey(b)).count();
    if !(gap > 0 && rest[gap..].starts_with(b"in")) {
        return false;
    }
    let after = &rest[gap + 2..];
    let gap = after.iter().take_while(|b| spacey(b)).count();
    gap > 0
        && after
            .get(gap)
            .is_some_and(|b| b.is_ascii_uppercase() || matches!(b, b'o' | b'a' | b'f' | b't'))
}

const NAME: &str = r"\p{Lu}[\p{L}'’\-]+";

/// (Zarate et al., 2006), (Murrough and Iosifescu 2013), (Smith & Jones, 2019; Lee 2020)
static PARENTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    let one = format!(r"{NAME}(?: et al\.?| (?:and|&) {NAME})?,? (?:19|20)\d{{2}}[a-z]?");
    Regex::new(&format!(r"\({one}(?:\s*;\s*{one})*\)")).expect("valid regex")
});

/// Murrough et al. (2013), Vickers et al. 2012, Smith and Jones (2019)
static NARRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b{NAME} (?:et al\.?|(?:and|&) {NAME}),? (?:\((?:19|20)\d{{2}}[a-z]?\)|(?:19|20)\d{{2}}[a-z]?\b)"
    ))
    .expect("valid regex")
});

/// a (landmark) study published in the American Journal of Psychiatry (in 2017)
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:(?-u:\b)(?:a|an|the|one|this|that)\s+(?:[a-z0-9\-]+\s+){0,3}?(?:study|trial|paper|review|meta-analysis|analysis|report|article))\s+(?i:published|appearing|reported)\s+in\s+(?:the\s+)?(?:[A-Z][A-Za-z&\-]*|of|and|for|the)(?:\s+(?:[A-Z][A-Za-z&\-]*|of|and|for|the))*(?:\s+in\s+(?:19|20)\d{2})?")
        .expect("valid regex")
});

fn distinct<'a>(ids: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut seen = HashSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(*id))
        .cloned()
        .collect()
}

fn short_hash(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hints for a text that is one block.
    fn may_cite(text: &str) -> [bool; 3] {
        CiteHints::of(text).may_cite(text, 0..text.len())
    }

    #[test]
    fn year_hints_need_a_whole_year() {
        // Author-year citations of both shapes are looked for.
        assert_eq!(
            may_cite("as shown (Smith et al., 2019)."),
            [true, true, false]
        );
        assert_eq!(may_cite("Smith and Jones 2019 found"), [false, true, false]);
        assert_eq!(
            may_cite("in a study published (2021) in"),
            [true, true, false]
        );
        // What is found in a whole text is what would be found in any stretch of it alone.
        let text =
            "Smith 2019 (2021) x 20 19 a trial published in Brain, (1999) 2000s reported\nin";
        let hints = CiteHints::of(text);
        for a in 0..text.len() {
            for b in a..=text.len() {
                assert_eq!(
                    hints.may_cite(text, a..b),
                    may_cite(&text[a..b]),
                    "{a}..{b}"
                );
            }
        }
        // A study named by its journal needs the verb then "in": "published in", also across
        // a line break or a no-break space; "a published study" is no such citation.
        assert!(may_cite("a trial published\n in The Lancet")[2]);
        assert!(may_cite("a trial reported\u{a0}in Brain")[2]);
        assert!(may_cite("a review appearing in Sleep")[2]);
        assert!(!may_cite("according to a published study.")[2]);
        assert!(!may_cite("as reported inline, or published")[2]);
        assert!(!may_cite("remission was reported in 25% of patients")[2]);
        assert!(may_cite("a trial reported in\u{2003}the Lancet")[2]);
        // Figures that start like a year are not years.
        assert_eq!(may_cite("about 20% (200 patients) in 19 weeks"), [false; 3]);
        assert_eq!(may_cite("a 20123 count"), [false; 3]);
        // Both are read as citations where the patterns match.
        let text = "Remission was 30% (Smith et al., 2019) and 20% in 200 adults.";
        let found = citations_in(text, 0..text.len(), &CiteHints::of(text));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0.clone()], "(Smith et al., 2019)");
    }
}
