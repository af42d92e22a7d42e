//! The data every stage exchanges: plain, owned, serializable types and no I/O.
//!
//! Stages (`ingest`, `extract`, `claims_file`, `resolve`, `pubmed`, `cache`, `evidence`, `report`)
//! never import each other; they meet in `app` through the types defined here. Everything in this
//! module is pure: no file system, no network, no printing.

mod article;
mod citations;
mod claims;
mod compare;
mod identifier;
pub mod identity;
mod measure;
mod record;
mod report;
mod resolution;

pub use article::{
    collapse_whitespace, line_column_in, utf8_text, Article, Block, BlockKind, Link, Piece,
    SourceMap,
};
pub use citations::{Citations, Entry, EntryKind, Marker};
pub use claims::{
    fmt_num, ArticleMeta, Attachment, Bound, CitedBy, Claim, ClaimKind, ClaimsFile, DecidedBy,
    FoundIn, Location, ReviewStatus, Source, SourceKind, SourceRole, Unit, Value,
    CLAIMS_FILE_VERSION,
};
pub use compare::*;
pub use identifier::{from_url as identifier_from_url, host, Identifier};
pub use measure::{Measure, Scope};
pub use record::{month_number, AbstractSection, Author, PubDate, Record, RecordKind};
pub use report::{
    ArticleReport, CheckReport, Evidence, Finding, Summary, Tolerance, Verdict,
    CHECK_REPORT_VERSION,
};
pub use resolution::{Candidate, Resolution, SourceResolution};
