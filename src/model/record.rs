//! A PubMed record (article or book) as the efetch parser returns it.

use serde::{Deserialize, Serialize};

/// One PubMed record: a `PubmedArticle` or a `PubmedBookArticle`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Record {
    /// The PMID.
    pub pmid: u32,
    /// Journal article or book record.
    pub kind: RecordKind,
    /// Article title (for a book record: the chapter title, else the book title).
    pub title: String,
    /// The abstract, section by section (one unlabelled section for a plain abstract).
    pub abstract_sections: Vec<AbstractSection>,
    /// Journal full name (book title for a book record).
    pub journal: Option<String>,
    /// Journal ISO abbreviation.
    pub journal_iso: Option<String>,
    /// Publication date.
    pub pub_date: PubDate,
    /// Authors in order (editors for a book with no authors).
    pub authors: Vec<Author>,
    /// Publication types ("Randomized Controlled Trial", "Meta-Analysis", …).
    pub publication_types: Vec<String>,
    /// MeSH descriptor names.
    pub mesh_headings: Vec<String>,
    /// The authors' keywords (`KeywordList`).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The record's own DOI.
    pub doi: Option<String>,
    /// The record's own PMC id (`PMC…`).
    pub pmcid: Option<String>,
    /// For a book record: the Bookshelf accession (`NBK…`).
    pub book_accession: Option<String>,
}

impl Record {
    /// The abstract as one text, sections joined with "LABEL: text".
    pub fn abstract_text(&self) -> String {
        let mut out = String::new();
        for s in &self.abstract_sections {
            if !out.is_empty() {
                out.push(' ');
            }
            if let Some(label) = &s.label {
                out.push_str(label);
                out.push_str(": ");
            }
            out.push_str(&s.text);
        }
        out
    }

    /// "Murrough 2013, Am J Psychiatry": first author, year and journal.
    pub fn short_citation(&self) -> String {
        let author = self
            .authors
            .first()
            .map(Author::display_name)
            .unwrap_or_else(|| "Anonymous".to_owned());
        let mut out = author;
        if self.authors.len() > 1 {
            out.push_str(" et al.");
        }
        if let Some(y) = self.pub_date.year {
            out.push_str(&format!(" {y}"));
        }
        if let Some(j) = self.journal_iso.as_ref().or(self.journal.as_ref()) {
            out.push_str(", ");
            out.push_str(j);
        }
        out
    }
}

/// Journal article or book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A `PubmedArticle`.
    #[default]
    Article,
    /// A `PubmedBookArticle`.
    Book,
}

/// One section of an abstract.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AbstractSection {
    /// The `Label` attribute ("RESULTS").
    pub label: Option<String>,
    /// The `NlmCategory` attribute ("RESULTS", "OBJECTIVE").
    pub category: Option<String>,
    /// The text, inline markup flattened to readable text.
    pub text: String,
}

/// A publication date as PubMed states it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PubDate {
    /// Year, when stated or derivable from a MedlineDate.
    pub year: Option<u16>,
    /// Month 1–12, when stated.
    pub month: Option<u8>,
    /// Day, when stated.
    pub day: Option<u8>,
    /// Season ("Spring").
    pub season: Option<String>,
    /// The free-form MedlineDate ("1998 Dec-1999 Jan").
    pub medline_date: Option<String>,
}

/// An author: a person or a collective.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Author {
    /// Family name.
    pub last_name: Option<String>,
    /// Given names.
    pub fore_name: Option<String>,
    /// Initials.
    pub initials: Option<String>,
    /// A group author ("STAR*D Investigators").
    pub collective_name: Option<String>,
}

impl Author {
    /// The family name, or the collective name.
    pub fn display_name(&self) -> String {
        self.last_name
            .clone()
            .or_else(|| self.collective_name.clone())
            .unwrap_or_else(|| "Anonymous".to_owned())
    }
}

/// The number (1–12) of an English month name or its abbreviation ("Oct", "Sept.", "October",
/// any case); `None` for anything else ("Mayday").
pub fn month_number(s: &str) -> Option<u8> {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = s.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    FULL.iter()
        .position(|full| full.starts_with(lower.as_str()))
        .and_then(|i| u8::try_from(i + 1).ok())
}
