//! The extract stage: an ingested [`Article`] in, a [`ClaimsFile`] out — every quantitative claim
//! with its location, subject and sources, and every source the article links or names.
//!
//! Pure: no I/O. The figures themselves are found by [`crate::quantity`] (the same scanner reads
//! abstracts for `check`); this module adds what only an article has: sentences and blocks,
//! boilerplate to skip, links and citations as sources, the reference list, suppression comments,
//! locations in the input file, and each claim's identity (context and id, see
//! [`crate::model::identity`]).

mod sources;

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::model::identity::{self, ClaimKey};
use crate::model::{
    collapse_whitespace, Article, ArticleMeta, BlockKind, Claim, ClaimKind, ClaimsFile,
    CLAIMS_FILE_VERSION,
};
use crate::quantity;

pub use sources::SourceIndex;

/// How much of a neighbouring block stands for the text before or after a block's first or last
/// sentence in a claim's context.
const NEIGHBOUR_BYTES: usize = 200;

/// Extracts every claim and source of `article` into a new claims file, recording the article's
/// path as given ([`extract_as`] records another).
pub fn extract(article: &Article) -> ClaimsFile {
    extract_as(article, &article.origin)
}

/// Extracts every claim and source of `article` into a new claims file that records `path` as
/// the article's path (relative to the claims directory's root); claim ids derive from it.
pub fn extract_as(article: &Article, path: &str) -> ClaimsFile {
    let skip_from = boilerplate_tail(article);
    let index = sources::collect(article, skip_from);
    let found = read_figures(article, skip_from);
    let defaults = ArticleDefaults::of(article, &found);
    let mut claims = Vec::with_capacity(found.len());
    let mut keys = Vec::with_capacity(found.len());
    let mut conditions = BlockConditions::default();
    for f in found {
        let (claim, key) = build_claim(article, &index, &defaults, &mut conditions, f);
        claims.push(claim);
        keys.push(key);
    }
    assign_ids(path, &mut claims, &keys);
    ClaimsFile {
        version: CLAIMS_FILE_VERSION,
        article: ArticleMeta {
            path: path.to_owned(),
            title: article.title.clone(),
            content_hash: article.content_hash.clone(),
        },
        sources: index.sources,
        claims,
    }
}

/// A figure found in the article, with where it is and what surrounds it.
struct Found {
    fig: quantity::Figure,
    /// The figure's byte range in the article text.
    at: Range<usize>,
    sentence: Range<usize>,
    /// The sentence with its white space collapsed.
    sentence_text: String,
    block: Range<usize>,
    context: String,
    /// The claim's key, from the words normalized once per sentence here (normalizing the
    /// claim's collapsed quote and sentence again gives the same words).
    key: ClaimKey,
}

/// Every figure of the article's content, in order: each sentence is read by
/// [`quantity::figures_after`], with the sentence that introduces a list ("… a success rate
/// of:") as the lead-in of the list's items.
fn read_figures(article: &Article, skip_from: usize) -> Vec<Found> {
    let mut out = Vec::new();
    let mut lead_in: Option<Range<usize>> = None;
    for (block_index, block) in article.blocks.iter().enumerate() {
        if block.range.start >= skip_from {
            break;
        }
        // Reference lists, source lines and footnotes that cite are not article text: their
        // years, volumes and sample sizes are not claims.
        if article.citations.is_apparatus(block.range.start) {
            lead_in = None;
            continue;
        }
        let sentences = quantity::sentences::split(&article.text, block.range.clone());
        for (i, sentence) in sentences.iter().enumerate() {
            let text = &article.text[sentence.clone()];
            let in_list = block.kind == BlockKind::ListItem || starts_with_bullet(text);
            let lead = lead_in.clone().filter(|_| in_list);
            if !in_list {
                lead_in = None;
            }
            if text.trim_end().ends_with(':') {
                lead_in = Some(sentence.clone());
            }
            // A sentence with no digit or trigger word holds no figure, and no counter either.
            if !quantity::has_trigger(text) {
                continue;
            }
            let mut figures = quantity::figures_of_triggered(text, lead.map(|r| &article.text[r]));
            read_counters(&article.text, sentence.clone(), &mut figures);
            if figures.is_empty() {
                continue;
            }
            let collapsed = collapse_whitespace(text);
            let (before, after) = neighbours(article, block_index, &sentences, i);
            // The neighbours' fingerprints are the sentence's, whatever figure they go with.
            let sides = identity::context(before, after, 1);
            let normalized = identity::normalize_words(text);
            for fig in figures {
                let at = sentence.start + fig.range.start..sentence.start + fig.range.end;
                let quote = identity::normalize_words(&article.text[at.clone()]);
                // Which match of the quote in the sentence it is, as a reader finds it again
                // ("5%" after "at least 5%" is the second "5%").
                // A quote found once in the sentence is its first occurrence: the sentence's
                // text before it need not be read (a match there would be a second one).
                let occurrence = if normalized.matches(quote.as_str()).nth(1).is_none() {
                    1
                } else {
                    let earlier = identity::normalize_words(&text[..fig.range.start]);
                    1 + earlier.match_indices(quote.as_str()).count() as u32
                };
                out.push(Found {
                    fig,
                    at,
                    sentence: sentence.clone(),
                    sentence_text: collapsed.clone(),
                    block: block.range.clone(),
                    context: identity::with_occurrence(&sides, occurrence),
                    key: ClaimKey {
                        quote,
                        sentence: normalized.clone(),
                        occurrence,
                    },
                });
            }
        }
    }
    out
}

/// Counters: a figure alone on its line takes what it measures from the caption on the line
/// below ("86%" over "Sustained improvement or remission"), and a bare count there is read
/// with its caption ("500+" over "Patients treated"). Each replaces the figure the sentence
/// gave at the same place, or is added.
fn read_counters(text: &str, sentence: Range<usize>, figures: &mut Vec<quantity::Figure>) {
    let mut at = sentence.start;
    for line in text[sentence.clone()].split_inclusive('\n') {
        let start = at;
        at += line.len();
        if !is_counter_line(line) {
            continue;
        }
        let Some(caption) = caption_after(text, at) else {
            continue;
        };
        let body = line.trim();
        let offset = start + (line.len() - line.trim_start().len()) - sentence.start;
        for mut fig in quantity::captioned(body, caption) {
            fig.range = fig.range.start + offset..fig.range.end + offset;
            let same = figures
                .iter_mut()
                .find(|f| f.range.start < fig.range.end && fig.range.start < f.range.end);
            match same {
                Some(old) => *old = fig,
                None => figures.push(fig),
            }
        }
    }
    figures.sort_by_key(|f| f.range.start);
}

/// Whether a line holds nothing but a figure as counters set it: digits with a sign, "%", "+"
/// or "x" ("86%", "500+", "$99", "3x").
fn is_counter_line(line: &str) -> bool {
    let l = line.trim();
    l.len() <= 16
        && l.chars().any(|c| c.is_ascii_digit())
        && l.chars()
            .all(|c| c.is_ascii_digit() || " ,.%+$~<>xXkK".contains(c))
}

/// A counter's caption: the next line with text after byte `end`, unless it is a counter too
/// (a row of counters with their captions below is not read).
fn caption_after(text: &str, end: usize) -> Option<&str> {
    let line = text[end..].lines().map(str::trim).find(|l| !l.is_empty())?;
    (!is_counter_line(line)).then(|| head(line, NEIGHBOUR_BYTES))
}

/// Whether a sentence opens with a list bullet ("• 42 percent …", "- 52 percent …").
fn starts_with_bullet(text: &str) -> bool {
    text.trim_start()
        .starts_with(['•', '·', '▪', '◦', '*', '-', '–'])
}

/// The text just before and just after sentence `i` of a block: the neighbouring sentences, or
/// the end of the previous block and the start of the next one.
fn neighbours<'a>(
    article: &'a Article,
    block_index: usize,
    sentences: &[Range<usize>],
    i: usize,
) -> (&'a str, &'a str) {
    let text = &article.text;
    let before = match i.checked_sub(1).and_then(|p| sentences.get(p)) {
        Some(prev) => &text[prev.clone()],
        None => block_index
            .checked_sub(1)
            .and_then(|b| article.blocks.get(b))
            .map_or("", |b| tail(&text[b.range.clone()], NEIGHBOUR_BYTES)),
    };
    let after = match sentences.get(i + 1) {
        Some(next) => &text[next.clone()],
        None => article
            .blocks
            .get(block_index + 1)
            .map_or("", |b| head(&text[b.range.clone()], NEIGHBOUR_BYTES)),
    };
    (before, after)
}

/// At most the last `n` bytes of `s`, cut at a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut at = s.len().saturating_sub(n);
    while !s.is_char_boundary(at) {
        at += 1;
    }
    &s[at..]
}

/// At most the first `n` bytes of `s`, cut at a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut at = n.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    &s[..at]
}

/// What an article is mostly about, for claims whose sentence names no intervention or
/// population: the one its title names, else the one its figures name most often.
struct ArticleDefaults {
    intervention: Option<String>,
    population: Option<String>,
}

impl ArticleDefaults {
    fn of(article: &Article, found: &[Found]) -> Self {
        let title = quantity::names(page_title(article.title.as_deref().unwrap_or("")));
        let measures = || found.iter().map(|f| &f.fig.measure);
        // A page that cites trials names their placebo often; it is never what the page is
        // about.
        let intervention = most_named(
            title.interventions,
            measures()
                .filter_map(|m| m.intervention.clone())
                .filter(|i| !quantity::names_a_control(i)),
            quantity::intervention_key,
        );
        let population = most_named(
            title.populations,
            measures().filter_map(|m| m.population.clone()),
            str::to_lowercase,
        );
        ArticleDefaults {
            intervention,
            population,
        }
    }
}

/// The page's own part of a title: the text before the first " | ", " – ", " — " or " - "
/// ("Acupuncture for Anxiety | Harbor Acupuncture" → "Acupuncture for Anxiety"). What follows
/// such a separator is the site's or clinic's name, and names no treatment a figure measures.
fn page_title(title: &str) -> &str {
    [" | ", " – ", " — ", " - "]
        .iter()
        .filter_map(|sep| title.find(sep))
        .min()
        .map_or(title, |at| &title[..at])
        .trim()
}

/// The first phrase of `title`, else the phrase of `named` named most often (by `key`; the
/// earliest wins a tie), in the spelling it was first written in.
fn most_named(
    title: Vec<String>,
    named: impl Iterator<Item = String>,
    key: impl Fn(&str) -> String,
) -> Option<String> {
    if let Some(t) = title.into_iter().next() {
        return Some(t);
    }
    let mut counts: Vec<(String, String, usize)> = Vec::new();
    for phrase in named {
        let k = key(&phrase);
        match counts.iter_mut().find(|(ck, _, _)| *ck == k) {
            Some(c) => c.2 += 1,
            None => counts.push((k, phrase, 1)),
        }
    }
    let best = counts.iter().map(|c| c.2).max()?;
    counts.into_iter().find(|c| c.2 == best).map(|c| c.1)
}

/// The conditions the last block asked about names, so a paragraph of prevalence figures is
/// read once rather than once per figure (figures come in block order).
#[derive(Default)]
struct BlockConditions {
    block: Option<Range<usize>>,
    populations: Vec<String>,
}

impl BlockConditions {
    fn of(&mut self, article: &Article, block: &Range<usize>) -> &[String] {
        if self.block.as_ref() != Some(block) {
            self.populations = quantity::populations(&article.text[block.clone()]);
            self.block = Some(block.clone());
        }
        &self.populations
    }
}

/// The claim of a figure found, and its key (ids are given once every claim is built).
fn build_claim(
    article: &Article,
    index: &SourceIndex,
    defaults: &ArticleDefaults,
    conditions: &mut BlockConditions,
    f: Found,
) -> (Claim, ClaimKey) {
    let Found {
        fig,
        at,
        sentence,
        sentence_text,
        block,
        context,
        key,
    } = f;
    let mut measure = fig.measure;
    let about_condition = matches!(
        fig.kind,
        ClaimKind::Prevalence | ClaimKind::DefinitionThreshold
    );
    if measure.intervention.is_none() && !about_condition {
        measure.intervention.clone_from(&defaults.intervention);
    }
    // "It affects around 30% of those diagnosed with depression" in a paragraph about
    // treatment-resistant depression is about the paragraph's narrower condition.
    if matches!(
        fig.kind,
        ClaimKind::Prevalence | ClaimKind::DefinitionThreshold
    ) {
        let narrower = conditions
            .of(article, &block)
            .iter()
            .find(|p| {
                measure
                    .population
                    .as_deref()
                    .is_none_or(|own| narrows(p, own))
            })
            .cloned();
        if narrower.is_some() {
            measure.population = narrower;
        }
    }
    if measure.population.is_none() {
        measure.population.clone_from(&defaults.population);
    }
    let subject = if measure.outcome.as_deref() == Some(quantity::SIDE_EFFECTS) {
        format!(
            "duration of {} side effects",
            measure.intervention.as_deref().unwrap_or("treatment")
        )
    } else {
        quantity::subject(
            fig.kind,
            measure.intervention.as_deref(),
            measure.population.as_deref(),
        )
    };
    let (sources, attachment) = index.for_claim(article, sentence.clone(), block);
    let claim = Claim {
        id: String::new(),
        kind: fig.kind,
        value: fig.value,
        measure,
        scope: fig.scope,
        subject,
        quote: collapse_whitespace(&article.text[at.clone()]),
        sentence: sentence_text,
        context,
        location: article.map.locate(at.clone()),
        sources,
        attachment,
        suppressed: article.is_suppressed(at.start),
        ..Claim::default()
    };
    (claim, key)
}

/// Whether condition `wide` is a narrower kind of `own` ("treatment-resistant depression" of
/// "depression"), or `own` abbreviates it ("TRD").
fn narrows(wide: &str, own: &str) -> bool {
    let (w, o) = (wide.to_lowercase(), own.to_lowercase());
    let kind_of =
        w.len() > o.len() && (w.ends_with(&format!(" {o}")) || w.ends_with(&format!("-{o}")));
    let abbreviates =
        o.len() <= 5 && o.chars().all(|c| c.is_ascii_alphabetic()) && initials(&w) == o;
    kind_of || abbreviates
}

/// The initials of a phrase's words and dash-joined parts ("treatment-resistant depression" →
/// "trd").
fn initials(phrase: &str) -> String {
    phrase
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Where the article's own content ends: the first "Recent posts"-style heading. (A date line
/// is no end: many posts open with one.)
fn boilerplate_tail(article: &Article) -> usize {
    for block in &article.blocks {
        let text = article.text[block.range.clone()].trim();
        let heading_like = matches!(block.kind, BlockKind::Heading(_)) || text.len() < 60;
        if heading_like && is_boilerplate_heading(text) {
            return block.range.start;
        }
    }
    usize::MAX
}

fn is_boilerplate_heading(text: &str) -> bool {
    let lower = text.trim_end_matches(':').trim().to_ascii_lowercase();
    let starts = [
        "recent posts",
        "recent articles",
        "related posts",
        "related articles",
        "popular posts",
        "latest posts",
        "latest articles",
        "more posts",
        "you may also like",
        "more from our blog",
    ];
    starts.iter().any(|s| lower.starts_with(s))
}

/// Gives each claim its id (see [`identity::claim_id`]): from the article's path and the claim's
/// key; a key that occurs again (a repeated sentence) is salted with the claim's context, and in
/// the rare case that the context repeats too, numbered `-2`, `-3` in document order. `keys`
/// are the claims' keys, in the same order.
fn assign_ids(path: &str, claims: &mut [Claim], keys: &[ClaimKey]) {
    // FxHash: the ids are our own hex digests, and SipHash cost 1% of extraction.
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    for (claim, key) in claims.iter_mut().zip(keys) {
        let mut id = identity::claim_id(path, key, "");
        if seen.contains_key(&id) {
            id = identity::claim_id(path, key, &claim.context);
        }
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        claim.id = if *n == 1 { id } else { format!("{id}-{n}") };
    }
}

#[cfg(test)]
mod tests;
