//! Turns a citation in words ("a study in the American Journal of Psychiatry in 2017",
//! "(Murrough et al., 2013)") into PubMed search terms, and ranks the records a search returns.
//!
//! In: the citation's text and the sentences that cite it; PubMed records. Out: a
//! [`CitationQuery`], esearch terms, and [`Ranked`] candidates with the reasons they matched.
//! Candidates are guesses (INFERRED): nothing here decides that a record is the article's
//! source. Pure: no I/O, no network.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Record;

/// What a citation in words says about the record it names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CitationQuery {
    /// The journal: its NLM title abbreviation and the name as written.
    pub journal: Option<Journal>,
    /// The first author's family name.
    pub author: Option<String>,
    /// The publication year.
    pub year: Option<u16>,
    /// Topic words (drugs, conditions) from the citation and the sentences citing it.
    pub topics: Vec<String>,
}

/// A journal named in a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    /// The NLM title abbreviation, as PubMed's `[ta]` field holds it ("Am J Psychiatry").
    pub abbreviation: &'static str,
    /// The full title ("American Journal of Psychiatry").
    pub title: &'static str,
}

/// A record that may be the one a citation names, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The record's PMID.
    pub pmid: u32,
    /// Higher is better; 3 per matching journal or first author, 2 per year, 1 per topic word
    /// in the title (0.5 in the abstract only).
    pub score: f64,
    /// Why it matched, one reason per item ("journal Am J Psychiatry", "year 2017").
    pub why: Vec<String>,
}

/// Full journal titles (and common short forms) with their NLM abbreviations. Longer names
/// come first where one contains another ("JAMA Psychiatry" before "JAMA").
const JOURNALS: &[(&str, &str, &str)] = &[
    // (name as written, abbreviation, full title)
    (
        "American Journal of Psychiatry",
        "Am J Psychiatry",
        "American Journal of Psychiatry",
    ),
    (
        "Am J Psychiatry",
        "Am J Psychiatry",
        "American Journal of Psychiatry",
    ),
    ("JAMA Psychiatry", "JAMA Psychiatry", "JAMA Psychiatry"),
    ("JAMA Network Open", "JAMA Netw Open", "JAMA Network Open"),
    (
        "Journal of the American Medical Association",
        "JAMA",
        "JAMA",
    ),
    (
        "Archives of General Psychiatry",
        "Arch Gen Psychiatry",
        "Archives of General Psychiatry",
    ),
    (
        "Biological Psychiatry",
        "Biol Psychiatry",
        "Biological Psychiatry",
    ),
    (
        "Journal of Clinical Psychiatry",
        "J Clin Psychiatry",
        "Journal of Clinical Psychiatry",
    ),
    (
        "Journal of Affective Disorders",
        "J Affect Disord",
        "Journal of Affective Disorders",
    ),
    (
        "Journal of Psychopharmacology",
        "J Psychopharmacol",
        "Journal of Psychopharmacology",
    ),
    (
        "International Journal of Neuropsychopharmacology",
        "Int J Neuropsychopharmacol",
        "International Journal of Neuropsychopharmacology",
    ),
    (
        "British Journal of Psychiatry",
        "Br J Psychiatry",
        "British Journal of Psychiatry",
    ),
    (
        "Molecular Psychiatry",
        "Mol Psychiatry",
        "Molecular Psychiatry",
    ),
    (
        "Psychological Medicine",
        "Psychol Med",
        "Psychological Medicine",
    ),
    (
        "Depression and Anxiety",
        "Depress Anxiety",
        "Depression and Anxiety",
    ),
    (
        "Neuropsychopharmacology",
        "Neuropsychopharmacology",
        "Neuropsychopharmacology",
    ),
    (
        "New England Journal of Medicine",
        "N Engl J Med",
        "New England Journal of Medicine",
    ),
    ("NEJM", "N Engl J Med", "New England Journal of Medicine"),
    (
        "N Engl J Med",
        "N Engl J Med",
        "New England Journal of Medicine",
    ),
    (
        "Lancet Psychiatry",
        "Lancet Psychiatry",
        "Lancet Psychiatry",
    ),
    ("Lancet", "Lancet", "Lancet"),
    ("British Medical Journal", "BMJ", "BMJ"),
    ("BMJ", "BMJ", "BMJ"),
    (
        "Annals of Internal Medicine",
        "Ann Intern Med",
        "Annals of Internal Medicine",
    ),
    ("Nature Medicine", "Nat Med", "Nature Medicine"),
    (
        "Cochrane Database of Systematic Reviews",
        "Cochrane Database Syst Rev",
        "Cochrane Database of Systematic Reviews",
    ),
    ("PLoS One", "PLoS One", "PLoS One"),
    ("JAMA", "JAMA", "JAMA"),
];

/// Words that name the subject of a study: preferred as topic words over other content words.
const TOPIC_HINTS: &[&str] = &[
    "ketamine",
    "esketamine",
    "depression",
    "depressive",
    "anxiety",
    "suicidal",
    "suicide",
    "bipolar",
    "schizophrenia",
    "psilocybin",
    "antidepressant",
    "antidepressants",
    "electroconvulsive",
    "ssri",
    "ssris",
    "lithium",
    "ptsd",
    "insomnia",
    "dementia",
    "statin",
    "statins",
    "diabetes",
    "obesity",
    "cancer",
    "stroke",
];

/// Words that say nothing about which record is meant.
const STOPWORDS: &[&str] = &[
    "about",
    "above",
    "according",
    "after",
    "again",
    "against",
    "almost",
    "also",
    "although",
    "among",
    "another",
    "approximately",
    "around",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "could",
    "data",
    "does",
    "done",
    "during",
    "each",
    "effect",
    "effects",
    "even",
    "evidence",
    "experts",
    "find",
    "findings",
    "first",
    "found",
    "from",
    "group",
    "groups",
    "half",
    "have",
    "having",
    "into",
    "journal",
    "known",
    "landmark",
    "large",
    "later",
    "less",
    "like",
    "many",
    "more",
    "most",
    "much",
    "nearly",
    "need",
    "only",
    "other",
    "over",
    "paper",
    "patients",
    "people",
    "percent",
    "published",
    "rate",
    "rates",
    "recent",
    "report",
    "reported",
    "research",
    "researchers",
    "response",
    "result",
    "results",
    "same",
    "says",
    "several",
    "shown",
    "showed",
    "shows",
    "significant",
    "similar",
    "since",
    "some",
    "study",
    "studies",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "through",
    "time",
    "times",
    "trial",
    "trials",
    "under",
    "very",
    "weeks",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "with",
    "within",
    "would",
    "year",
    "years",
    "your",
    "american",
    "archives",
    "general",
    "clinical",
    "biological",
    "psychiatry",
    "medicine",
    "english",
    "england",
    "association",
    "network",
    "open",
    "review",
    "reviews",
    "participants",
    "subjects",
    "individuals",
    "adults",
    "treatment",
    "treatments",
    "treated",
    "patient",
    "show",
    "just",
    "well",
    "still",
];

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(19[5-9][0-9]|20[0-9]{2})\b").unwrap_or_else(|e| panic!("YEAR regex: {e}"))
});

// "Murrough et al., 2013", "Murrough and Smith (2013)", "Murrough & Smith 2013".
static AUTHOR_ET_AL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)?)\s+(?:et\s+al\.?|and\s+[A-Z][\p{L}'’-]+|&\s*[A-Z][\p{L}'’-]+)[\s,]*\(?\s*(?:19|20)[0-9]{2}",
    )
    .unwrap_or_else(|e| panic!("AUTHOR_ET_AL regex: {e}"))
});

// "(Murrough, 2013)", "Murrough (2013)".
static AUTHOR_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z][\p{L}'’-]+),?\s+\(?(?:19|20)[0-9]{2}\)?")
        .unwrap_or_else(|e| panic!("AUTHOR_YEAR regex: {e}"))
});

/// Capitalized words that precede a year without being a name.
const NOT_NAMES: &[&str] = &[
    "In",
    "The",
    "A",
    "An",
    "By",
    "Since",
    "From",
    "Until",
    "Of",
    "On",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Spring",
    "Summer",
    "Fall",
    "Autumn",
    "Winter",
    "Published",
    "Study",
    "Psychiatry",
    "Medicine",
    "Lancet",
    "JAMA",
    "BMJ",
    "NEJM",
];

/// Reads what a citation in words says: journal, first author, year, and topic words from the
/// citation and the sentences that cite it (`context`).
pub fn citation_query(citation: &str, context: &[&str]) -> CitationQuery {
    let journal = find_journal(citation).or_else(|| context.iter().find_map(|c| find_journal(c)));
    let author = find_author(citation);
    let year = YEAR
        .captures(citation)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok());
    let mut texts = vec![citation];
    texts.extend_from_slice(context);
    let topics = topic_words(&texts, journal.as_ref(), author.as_deref());
    CitationQuery {
        journal,
        author,
        year,
        topics,
    }
}

fn find_journal(text: &str) -> Option<Journal> {
    let lower = text.to_lowercase();
    JOURNALS.iter().find_map(|&(name, abbreviation, title)| {
        let name = name.to_lowercase();
        let mut from = 0;
        while let Some(pos) = lower.get(from..)?.find(&name) {
            let start = from + pos;
            let end = start + name.len();
            let before_ok = lower[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = lower[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                return Some(Journal {
                    abbreviation,
                    title,
                });
            }
            from = end;
        }
        None
    })
}

fn find_author(text: &str) -> Option<String> {
    let good = |name: &str| !NOT_NAMES.contains(&name) && name.chars().count() >= 2;
    for re in [&*AUTHOR_ET_AL, &*AUTHOR_YEAR] {
        for caps in re.captures_iter(text) {
            let Some(m) = caps.get(1) else { continue };
            // Keep the family name: the last word of "Van Dyke" stays whole only when both
            // words are capitalized parts of it, which the regex already captured.
            let name = m.as_str().trim();
            let first_word = name.split_whitespace().next().unwrap_or(name);
            if !good(first_word) {
                // "In Murrough et al." captured "In Murrough": keep the second word.
                if let Some(rest) = name.split_whitespace().nth(1) {
                    if good(rest) {
                        return Some(rest.to_owned());
                    }
                }
                continue;
            }
            return Some(name.to_owned());
        }
    }
    None
}

fn topic_words(texts: &[&str], journal: Option<&Journal>, author: Option<&str>) -> Vec<String> {
    let mut exclude: Vec<String> = Vec::new();
    if let Some(j) = journal {
        exclude.extend(j.title.split_whitespace().map(str::to_lowercase));
        exclude.extend(j.abbreviation.split_whitespace().map(str::to_lowercase));
    }
    if let Some(a) = author {
        exclude.extend(a.split_whitespace().map(str::to_lowercase));
    }
    let mut words: Vec<(bool, usize, String)> = Vec::new();
    let mut position = 0;
    for text in texts {
        for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            position += 1;
            let w = raw.trim_matches('-').to_lowercase();
            if w.chars().count() < 4
                || !w.chars().all(|c| c.is_alphabetic() || c == '-')
                || STOPWORDS.contains(&w.as_str())
                || exclude.contains(&w)
                || words.iter().any(|(_, _, seen)| *seen == w)
            {
                continue;
            }
            words.push((TOPIC_HINTS.contains(&w.as_str()), position, w));
        }
    }
    // Known subject words first, then the rest in reading order.
    words.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    words.into_iter().take(4).map(|(_, _, w)| w).collect()
}

impl CitationQuery {
    fn strong_fields(&self) -> usize {
        usize::from(self.journal.is_some())
            + usize::from(self.author.is_some())
            + usize::from(self.year.is_some())
    }

    /// Whether the citation says enough to search for: two of journal, author and year, or the
    /// journal or author and a topic word (the same bar [`score`] sets for a candidate).
    pub fn is_searchable(&self) -> bool {
        let named = self.journal.is_some() || self.author.is_some();
        self.strong_fields() >= 2 || (named && !self.topics.is_empty())
    }

    /// The esearch terms to try, most specific first: with the topic words (OR-ed, since a
    /// sentence's words need not all be in the abstract), then without them when journal,
    /// author and year alone are specific enough. Empty when the citation is too vague.
    pub fn terms(&self) -> Vec<String> {
        if !self.is_searchable() {
            return Vec::new();
        }
        let mut base = Vec::new();
        if let Some(j) = &self.journal {
            base.push(format!("\"{}\"[ta]", j.abbreviation));
        }
        if let Some(a) = &self.author {
            base.push(format!("{}[1au]", a.replace(['"', '[', ']', '(', ')'], "")));
        }
        if let Some(y) = self.year {
            base.push(format!("{y}[dp]"));
        }
        let mut terms = Vec::new();
        if !self.topics.is_empty() {
            let topics: Vec<String> = self.topics.iter().map(|t| format!("{t}[tiab]")).collect();
            let mut with = base.clone();
            with.push(format!("({})", topics.join(" OR ")));
            terms.push(with.join(" AND "));
        }
        if self.strong_fields() >= 2 {
            terms.push(base.join(" AND "));
        }
        terms
    }
}

/// Scores one record against a citation; `None` when it matches too little to be a candidate
/// (fewer than two of journal, author and year, unless the journal or an author plus a topic
/// word).
pub fn score(query: &CitationQuery, record: &Record) -> Option<Ranked> {
    let mut score = 0.0;
    let mut strong = 0;
    // Journal or author: a year alone plus a common topic word would match half of PubMed.
    let mut named = false;
    let mut why = Vec::new();
    if let Some(j) = &query.journal {
        let wanted = [norm(j.abbreviation), norm(j.title)];
        let has = [&record.journal_iso, &record.journal]
            .into_iter()
            .flatten()
            .any(|name| wanted.contains(&norm(name)));
        if has {
            score += 3.0;
            strong += 1;
            named = true;
            why.push(format!("journal {}", j.abbreviation));
        }
    }
    if let (Some(y), Some(ry)) = (query.year, record.pub_date.year) {
        if y == ry {
            score += 2.0;
            strong += 1;
            why.push(format!("year {y}"));
        } else if y.abs_diff(ry) == 1 {
            // Online-first articles are often cited by the year they appeared, not the issue's.
            score += 1.0;
            strong += 1;
            why.push(format!("year {ry} (cited as {y})"));
        }
    }
    if let Some(a) = &query.author {
        let wanted = norm(a);
        let position = record
            .authors
            .iter()
            .position(|au| au.last_name.as_deref().is_some_and(|l| norm(l) == wanted));
        match position {
            Some(0) => {
                score += 3.0;
                strong += 1;
                named = true;
                why.push(format!("first author {a}"));
            }
            Some(_) => {
                score += 1.5;
                strong += 1;
                named = true;
                why.push(format!("author {a} (not first)"));
            }
            None => {}
        }
    }
    let title = record.title.to_lowercase();
    let abstract_text = record.abstract_text().to_lowercase();
    let (mut in_title, mut in_abstract) = (Vec::new(), Vec::new());
    for t in &query.topics {
        if contains_word(&title, t) {
            score += 1.0;
            in_title.push(t.as_str());
        } else if contains_word(&abstract_text, t) {
            score += 0.5;
            in_abstract.push(t.as_str());
        }
    }
    if !in_title.is_empty() {
        why.push(format!("title mentions {}", in_title.join(", ")));
    }
    if !in_abstract.is_empty() {
        why.push(format!("abstract mentions {}", in_abstract.join(", ")));
    }
    let topical = !in_title.is_empty() || !in_abstract.is_empty();
    (strong >= 2 || (named && topical)).then_some(Ranked {
        pmid: record.pmid,
        score,
        why,
    })
}

/// Ranks records against a citation, best first (ties by PMID), dropping non-candidates and
/// keeping at most `limit`.
pub fn rank<'a>(
    query: &CitationQuery,
    records: impl IntoIterator<Item = &'a Record>,
    limit: usize,
) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = records
        .into_iter()
        .filter_map(|r| score(query, r))
        .collect();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.pmid.cmp(&b.pmid)));
    ranked.dedup_by_key(|r| r.pmid);
    ranked.truncate(limit);
    ranked
}

/// Lower-cased, dots and a leading "the" dropped, spaces collapsed: "The American journal of
/// psychiatry" and "American Journal of Psychiatry" compare equal, as do "Am. J. Psychiatry"
/// and "Am J Psychiatry".
fn norm(s: &str) -> String {
    let lower = s.to_lowercase().replace(['.', ','], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) => rest,
        _ => &words[..],
    };
    words.join(" ")
}

fn contains_word(hay: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = hay.get(from..).and_then(|h| h.find(word)) {
        let start = from + pos;
        let end = start + word.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        // A word may take a plural or adjective ending ("depressive" for "depress").
        if before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric() || c == 's')
        {
            return true;
        }
        from = end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AbstractSection, Author, PubDate};

    fn record(pmid: u32, journal: &str, year: u16, first: &str, title: &str) -> Record {
        Record {
            pmid,
            title: title.into(),
            journal: Some(format!("The {journal}")),
            journal_iso: None,
            pub_date: PubDate {
                year: Some(year),
                ..PubDate::default()
            },
            authors: vec![
                Author {
                    last_name: Some(first.into()),
                    ..Author::default()
                },
                Author {
                    last_name: Some("Other".into()),
                    ..Author::default()
                },
            ],
            abstract_sections: vec![AbstractSection {
                text: "Patients with treatment-resistant depression were randomized.".into(),
                ..AbstractSection::default()
            }],
            ..Record::default()
        }
    }

    #[test]
    fn journal_and_year_from_words() {
        let q = citation_query(
            "a landmark study published in the American Journal of Psychiatry in 2017",
            &["Ketamine relieved depression within hours in 70 percent of patients."],
        );
        assert_eq!(
            q.journal.as_ref().map(|j| j.abbreviation),
            Some("Am J Psychiatry")
        );
        assert_eq!(q.year, Some(2017));
        assert_eq!(q.author, None);
        assert_eq!(
            q.topics[..2],
            ["ketamine".to_owned(), "depression".to_owned()]
        );
        let terms = q.terms();
        assert_eq!(
            terms[0],
            "\"Am J Psychiatry\"[ta] AND 2017[dp] AND (ketamine[tiab] OR depression[tiab] OR relieved[tiab] OR hours[tiab])"
        );
        assert_eq!(terms[1], "\"Am J Psychiatry\"[ta] AND 2017[dp]");
    }

    #[test]
    fn author_et_al() {
        let q = citation_query("(Murrough et al., 2013)", &["ketamine for depression"]);
        assert_eq!(q.author.as_deref(), Some("Murrough"));
        assert_eq!(q.year, Some(2013));
        assert_eq!(
            q.terms()[0],
            "Murrough[1au] AND 2013[dp] AND (ketamine[tiab] OR depression[tiab])"
        );
        let q = citation_query("In Zarate and Singh (2006), ...", &[]);
        assert_eq!(q.author.as_deref(), Some("Zarate"));
        let q = citation_query("Berman, 2000", &[]);
        assert_eq!(q.author.as_deref(), Some("Berman"));
        let q = citation_query("published in May 2019", &[]);
        assert_eq!(q.author, None);
    }

    #[test]
    fn longest_journal_name_wins() {
        let q = citation_query("a JAMA Psychiatry meta-analysis (2019)", &[]);
        assert_eq!(q.journal.map(|j| j.abbreviation), Some("JAMA Psychiatry"));
        let q = citation_query("The Lancet Psychiatry, 2018", &[]);
        assert_eq!(q.journal.map(|j| j.abbreviation), Some("Lancet Psychiatry"));
        let q = citation_query("in NEJM", &[]);
        assert_eq!(q.journal.map(|j| j.abbreviation), Some("N Engl J Med"));
        // "BMJ" must not match inside another word.
        assert_eq!(find_journal("the BMJX report"), None);
    }

    #[test]
    fn vague_citations_give_no_terms() {
        let q = citation_query("experts say", &[]);
        assert!(!q.is_searchable());
        assert!(q.terms().is_empty());
        let q = citation_query("a 2015 study", &["ketamine for depression"]);
        assert!(q.terms().is_empty(), "{:?}", q.terms());
    }

    #[test]
    fn ranking_prefers_more_evidence() {
        let q = citation_query(
            "a study in the American Journal of Psychiatry in 2017",
            &["ketamine and depression"],
        );
        let exact = record(
            1,
            "American journal of psychiatry",
            2017,
            "Smith",
            "Ketamine in depression",
        );
        let off_year = record(
            2,
            "American journal of psychiatry",
            2016,
            "Jones",
            "Ketamine",
        );
        let other_journal = record(3, "Lancet", 2017, "Brown", "Statins");
        let ranked = rank(&q, [&other_journal, &off_year, &exact], 5);
        assert_eq!(
            ranked.iter().map(|r| r.pmid).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(
            ranked[0].why,
            vec![
                "journal Am J Psychiatry".to_owned(),
                "year 2017".to_owned(),
                "title mentions ketamine, depression".to_owned()
            ]
        );
        assert!(ranked[0].score > ranked[1].score);
        assert!(ranked[1]
            .why
            .contains(&"year 2016 (cited as 2017)".to_owned()));
    }

    #[test]
    fn first_author_scores_over_coauthor() {
        let q = citation_query("(Murrough et al., 2013)", &["ketamine"]);
        let first = record(
            10,
            "American journal of psychiatry",
            2013,
            "Murrough",
            "Ketamine trial",
        );
        let mut second = record(
            11,
            "American journal of psychiatry",
            2013,
            "Iosifescu",
            "Ketamine trial",
        );
        second.authors[1].last_name = Some("Murrough".into());
        let ranked = rank(&q, [&second, &first], 5);
        assert_eq!(ranked[0].pmid, 10);
        assert!(ranked[0].why.contains(&"first author Murrough".to_owned()));
        assert!(ranked[1]
            .why
            .contains(&"author Murrough (not first)".to_owned()));
    }

    #[test]
    fn normalizes_journal_names() {
        assert_eq!(
            norm("The American journal of psychiatry"),
            "american journal of psychiatry"
        );
        assert_eq!(norm("Am. J. Psychiatry"), "am j psychiatry");
        assert!(contains_word("ketamines work", "ketamine"));
        assert!(!contains_word("esketamine", "ketamine"));
    }
}
