//! The efetch (PubMed XML) parser. STUB: the signatures are the contract; the implementation
//! lands separately.

use std::ops::Range;

use crate::model::Record;

/// What one efetch response holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// The records, in document order.
    pub records: Vec<ParsedRecord>,
    /// PMIDs listed in `<DeleteCitation>`.
    pub deleted: Vec<u32>,
}

/// A record and where its element (`<PubmedArticle>…</PubmedArticle>` or
/// `<PubmedBookArticle>…</PubmedBookArticle>`) lies in the input, so it can be cached raw.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRecord {
    /// The parsed record.
    pub record: Record,
    /// Byte range of the record's element in the input.
    pub raw: Range<usize>,
}

/// Why a document could not be parsed.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The XML is malformed.
    #[error("malformed XML at byte {position}: {message}")]
    Xml {
        /// Byte offset of the problem.
        position: u64,
        /// What is wrong.
        message: String,
    },
}

/// Parses a whole efetch response (`PubmedArticleSet`) held in memory.
pub fn parse(xml: &[u8]) -> Result<Parsed, ParseError> {
    let _ = xml;
    Ok(Parsed::default())
}
