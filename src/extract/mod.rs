//! The extract stage: an ingested [`Article`] in, a [`ClaimsFile`] out — every quantitative claim
//! with its location, subject and sources, and every source the article links or names.
//!
//! Pure: no I/O. The figures themselves are found by [`crate::quantity`] (the same scanner reads
//! abstracts for `check`); this module adds what only an article has: sentences and blocks,
//! boilerplate to skip, links and citations as sources, the reference list, suppression comments,
//! locations in the input file and stable ids.

mod sources;

use std::collections::HashMap;
use std::ops::Range;

use sha2::{Digest, Sha256};

use crate::model::{
    collapse_whitespace, Article, ArticleMeta, BlockKind, Claim, ClaimKind, ClaimsFile, Measure,
    ReviewStatus, Scope, CLAIMS_FILE_VERSION,
};
use crate::quantity;

pub use sources::SourceIndex;

/// The note put on a claim that an author suppressed in the article.
pub const SUPPRESSED_NOTE: &str = "suppressed by a claimcheck-ignore comment in the article";

/// Extracts every claim and source of `article` into a new claims file.
pub fn extract(article: &Article) -> ClaimsFile {
    let skip_from = boilerplate_tail(article);
    let index = sources::collect(article, skip_from);
    let defaults = ArticleDefaults::of(article);
    let mut claims = Vec::new();
    for block in &article.blocks {
        if block.range.start >= skip_from {
            break;
        }
        let block_text = &article.text[block.range.clone()];
        let Some(first) = quantity::first_trigger(block_text) else {
            continue;
        };
        let first = block.range.start + first;
        // Only prevalence and definition claims ask; most blocks have neither.
        let block_trd = std::cell::OnceCell::new();
        for sentence in quantity::sentences::split(&article.text, block.range.clone()) {
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
            for fig in figures {
                let at = sentence.start + fig.range.start..sentence.start + fig.range.end;
                claims.push(build_claim(
                    article,
                    &index,
                    &defaults,
                    &|| *block_trd.get_or_init(|| mentions_trd(block_text)),
                    block.range.clone(),
                    (sentence.clone(), &collapsed),
                    at,
                    fig,
                ));
            }
        }
    }
    assign_ids(&mut claims);
    ClaimsFile {
        version: CLAIMS_FILE_VERSION,
        article: ArticleMeta {
            path: article.origin.clone(),
            title: article.title.clone(),
            content_hash: article.content_hash.clone(),
        },
        sources: index.sources,
        claims,
    }
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
    let subject = if fig.side_effects {
        format!(
            "duration of {} side effects",
            treatment.unwrap_or("treatment")
        )
    } else {
        quantity::subject(kind, treatment, condition)
    };
    let suppressed = article.is_suppressed(at.start);
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
        scope: Scope::Research,
        subject,
        quote: collapse_whitespace(&article.text[at.clone()]),
        sentence: sentence_text.to_owned(),
        location: article.map.locate(at.clone()),
        sources: index.for_claim(sentence, block),
        status: if suppressed {
            ReviewStatus::Ignored
        } else {
            ReviewStatus::Unreviewed
        },
        note: suppressed.then(|| SUPPRESSED_NOTE.to_owned()),
        added_sources: Vec::new(),
        previous_status: None,
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

/// Gives each claim its id: `c` and 10 hex digits of SHA-256 over kind and normalized quote; a
/// quote that occurs again gets `-2`, `-3` in document order.
fn assign_ids(claims: &mut [Claim]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for claim in claims {
        let mut hasher = Sha256::new();
        hasher.update(claim.kind.as_str().as_bytes());
        hasher.update(b"\x00");
        hasher.update(normalize_quote(&claim.quote).as_bytes());
        let digest = hasher.finalize();
        let mut base = String::with_capacity(11);
        base.push('c');
        for b in &digest[..5] {
            base.push(char::from(HEX[usize::from(b >> 4)]));
            base.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        claim.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lower case, one space between words, every dash form as "-".
fn normalize_quote(q: &str) -> String {
    collapse_whitespace(q)
        .to_lowercase()
        .replace(['–', '—', '‒', '−'], "-")
}

#[cfg(test)]
mod tests;
