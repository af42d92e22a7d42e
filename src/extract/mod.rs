//! The extract stage: an ingested [`Article`] in, a [`ClaimsFile`] out — every quantitative claim
//! with its location, subject and sources, and every source the article links or names.
//!
//! Pure: no I/O. The figures themselves are found by [`crate::quantity`] (the same scanner reads
//! abstracts for `check`); this module adds what only an article has: sentences and blocks,
//! boilerplate to skip, links and citations as sources, the reference list, suppression comments,
//! locations in the input file, and each claim's identity (context and id, see
//! [`crate::model::identity`]).

mod sources;

use std::collections::HashMap;
use std::ops::Range;

use crate::model::identity::{self, ClaimKey};
use crate::model::{
    collapse_whitespace, Article, ArticleMeta, BlockKind, Claim, ClaimKind, ClaimsFile, Measure,
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
    let defaults = ArticleDefaults::of(article);
    let mut claims = Vec::new();
    for (block_index, block) in article.blocks.iter().enumerate() {
        if block.range.start >= skip_from {
            break;
        }
        // Reference lists, source lines and footnotes that cite are not article text: their
        // years, volumes and sample sizes are not claims.
        if article.citations.is_apparatus(block.range.start) {
            continue;
        }
        let block_text = &article.text[block.range.clone()];
        let Some(first) = quantity::first_trigger(block_text) else {
            continue;
        };
        let first = block.range.start + first;
        // Only prevalence and definition claims ask; most blocks have neither.
        let block_trd = std::cell::OnceCell::new();
        let sentences = quantity::sentences::split(&article.text, block.range.clone());
        for (i, sentence) in sentences.iter().enumerate() {
            let sentence = sentence.clone();
            if sentence.end <= first {
                continue;
            }
            let sentence_text = &article.text[sentence.clone()];
            let figures = quantity::figures(sentence_text);
            // Collapsed once per sentence, shared by its claims.
            let collapsed = if figures.is_empty() {
                String::new()
            } else {
                collapse_whitespace(sentence_text)
            };
            let (before, after) = neighbours(article, block_index, &sentences, i);
            let mut seen_quotes: Vec<String> = Vec::new();
            for fig in figures {
                let at = sentence.start + fig.range.start..sentence.start + fig.range.end;
                let quote = identity::normalize_words(&article.text[at.clone()]);
                let occurrence = 1 + seen_quotes.iter().filter(|q| **q == quote).count() as u32;
                seen_quotes.push(quote);
                let context = identity::context(before, after, occurrence);
                claims.push(build_claim(
                    article,
                    &index,
                    &defaults,
                    &|| *block_trd.get_or_init(|| mentions_trd(block_text)),
                    block.range.clone(),
                    (sentence.clone(), &collapsed),
                    at,
                    fig,
                    context,
                ));
            }
        }
    }
    assign_ids(path, &mut claims);
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

/// What an article is mostly about, for claims whose sentence names no treatment or condition.
struct ArticleDefaults {
    treatment: Option<&'static str>,
    condition: Option<&'static str>,
}

impl ArticleDefaults {
    fn of(article: &Article) -> Self {
        // SIMD substring searches (memchr), not a pass over every word.
        let text = &article.text;
        let bytes = text.as_bytes();
        let (mut ketamine, mut esketamine) = (0usize, 0usize);
        for i in memchr::memmem::find_iter(bytes, "etamine") {
            let before = &bytes[..i];
            if before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(b"esk") {
                esketamine += 1;
            } else if before.last().is_some_and(|b| b.eq_ignore_ascii_case(&b'k')) {
                ketamine += 1;
            }
        }
        esketamine += memchr::memmem::find_iter(bytes, "pravato").count();
        let depression = memchr::memmem::find(bytes, b"epress").is_some();
        let trd = mentions_trd(text);
        let treatment = if esketamine > ketamine {
            Some("esketamine")
        } else if ketamine > 0 {
            Some("ketamine")
        } else {
            None
        };
        let condition = if trd {
            Some("treatment-resistant depression")
        } else if depression {
            Some("depression")
        } else {
            None
        };
        ArticleDefaults {
            treatment,
            condition,
        }
    }
}

fn mentions_trd(text: &str) -> bool {
    text.contains("TRD")
        || contains_ignore_case(text, "treatment-resistant")
        || contains_ignore_case(text, "treatment resistant")
}

/// Whether `haystack` contains the lower-case ASCII `needle`, ignoring ASCII case, without
/// allocating a lower-cased copy.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(n.len())
        .any(|w| w[0].to_ascii_lowercase() == n[0] && w.eq_ignore_ascii_case(n))
}

#[allow(clippy::too_many_arguments)]
fn build_claim(
    article: &Article,
    index: &SourceIndex,
    defaults: &ArticleDefaults,
    block_trd: &dyn Fn() -> bool,
    block: Range<usize>,
    (sentence, sentence_text): (Range<usize>, &str),
    at: Range<usize>,
    fig: quantity::Figure,
    context: String,
) -> Claim {
    let treatment = fig.measure.intervention.as_deref().or(defaults.treatment);
    let mut condition = fig.measure.population.as_deref().or(defaults.condition);
    // "It affects around 30% of those diagnosed with depression" in a paragraph about TRD is a
    // claim about TRD.
    if fig.kind == ClaimKind::Prevalence && block_trd() {
        condition = Some("treatment-resistant depression");
    }
    // A number of failed treatments in an article about TRD is part of TRD's definition, even
    // where the sentence only says "depression".
    if fig.kind == ClaimKind::DefinitionThreshold
        && (defaults.condition == Some("treatment-resistant depression") || block_trd())
    {
        condition = Some("treatment-resistant depression");
    }
    let kind = fig.kind;
    let scope = fig.scope;
    let subject = if fig.measure.outcome.as_deref() == Some(quantity::SIDE_EFFECTS) {
        format!(
            "duration of {} side effects",
            treatment.unwrap_or("treatment")
        )
    } else {
        quantity::subject(kind, treatment, condition)
    };
    let (sources, attachment) = index.for_claim(article, sentence, block);
    let measure = Measure {
        intervention: treatment.map(str::to_owned),
        population: condition.map(str::to_owned),
        ..fig.measure
    };
    Claim {
        id: String::new(),
        kind,
        value: fig.value,
        measure,
        scope,
        subject,
        quote: collapse_whitespace(&article.text[at.clone()]),
        sentence: sentence_text.to_owned(),
        context,
        location: article.map.locate(at.clone()),
        sources,
        attachment,
        suppressed: article.is_suppressed(at.start),
        ..Claim::default()
    }
}

/// Where the article's own content ends: the first "Recent posts"-style heading, or the first
/// block that opens with a bare date line (a list of post teasers), whichever comes first.
fn boilerplate_tail(article: &Article) -> usize {
    for block in &article.blocks {
        let text = article.text[block.range.clone()].trim();
        let first_line = text.lines().next().unwrap_or("").trim();
        let heading_like = matches!(block.kind, BlockKind::Heading(_)) || text.len() < 60;
        if heading_like && is_boilerplate_heading(text) {
            return block.range.start;
        }
        if is_date_line(first_line) && text.contains('\n') {
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

fn is_date_line(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let mut words = lower.split([' ', ',']).filter(|w| !w.is_empty());
    let (Some(m), Some(d), Some(y), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return false;
    };
    crate::model::month_number(m).is_some()
        && m.len() >= 3
        && d.len() <= 2
        && d.bytes().all(|b| b.is_ascii_digit())
        && y.len() == 4
        && y.bytes().all(|b| b.is_ascii_digit())
}

/// Gives each claim its id (see [`identity::claim_id`]): from the article's path and the claim's
/// key; a key that occurs again (a repeated sentence) is salted with the claim's context, and in
/// the rare case that the context repeats too, numbered `-2`, `-3` in document order.
fn assign_ids(path: &str, claims: &mut [Claim]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for claim in claims {
        let key = ClaimKey::new(&claim.quote, &claim.sentence, &claim.context);
        let mut id = identity::claim_id(path, &key, "");
        if seen.contains_key(&id) {
            id = identity::claim_id(path, &key, &claim.context);
        }
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        claim.id = if *n == 1 { id } else { format!("{id}-{n}") };
    }
}

#[cfg(test)]
mod tests;
