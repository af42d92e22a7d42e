//! The efetch (PubMed XML) parser.
//!
//! In: the bytes of an `efetch.fcgi?db=pubmed&retmode=xml` response, a `PubmedArticleSet` holding
//! `PubmedArticle` and `PubmedBookArticle` elements (either held whole in memory, [`parse`], or
//! streamed from any [`BufRead`], [`RecordReader`]). Out: one [`Record`] per article or book
//! record, in document order, with the byte range of its element so the cache can store it raw.
//!
//! Both entry points drive the same pull parser ([`RecordReader`]): one reused buffer, no DOM, no
//! DTD processing, no network. Only the fields a [`Record`] keeps are decoded; every other
//! subtree (references, comments and corrections, investigators, history…) is skipped event by
//! event without decoding its text. This module must not print, panic on bad input, or look at
//! anything but the bytes it is given.
//!
//! Inline markup is flattened to readable text: `r<sup>2</sup>` becomes `r^2`,
//! `p<sub>trend</sub>` becomes `p_trend`, italics/bold/underline vanish, MathML becomes its token
//! text (`<mi>V</mi><mo>.</mo>…` → `V.O_2max`), and whitespace runs collapse to one space.

use std::io::BufRead;
use std::ops::Range;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::model::{AbstractSection, Author, PubDate, Record, RecordKind};

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
    /// E-utilities answered with an error message (`<ERROR>…</ERROR>`) instead of records.
    #[error("E-utilities returned an error: {message}")]
    Api {
        /// The text of the `<ERROR>` element.
        message: String,
    },
    /// The document is XML but not a PubMed efetch response (an HTML page, another database).
    #[error("not a PubMed efetch response: root element is <{root}>")]
    NotPubmed {
        /// The name of the root element.
        root: String,
    },
    /// The document holds no element at all.
    #[error("not a PubMed efetch response: the document is empty")]
    Empty,
    /// A record lacks its PMID (or the PMID is not a positive number).
    #[error("record at byte {position} has no valid PMID")]
    MissingPmid {
        /// Byte offset of the record's start tag.
        position: u64,
    },
    /// The document declares its own DTD (`<!DOCTYPE … [ <!ENTITY … ]>`): entity expansion
    /// (a "billion laughs" bomb) and external entities (local files, other hosts) are refused
    /// before any element is read. NCBI's documents only name a public DTD.
    #[error("refused: the document declares an internal DTD (entities are never expanded)")]
    InternalDtd,
    /// Reading the input failed.
    #[error("reading the efetch response failed")]
    Io(#[source] std::io::Error),
}

/// Whether a `<!DOCTYPE …>` declaration's content carries an internal subset: markup
/// declarations (`<!ENTITY`, `<!ELEMENT`, `<!ATTLIST`…) between brackets. A public or system
/// identifier alone (what NCBI sends) has none.
pub(crate) fn declares_internal_dtd(doctype: &[u8]) -> bool {
    doctype.windows(2).any(|w| w == b"<!") || doctype.contains(&b'[')
}

/// Parses a whole efetch response (`PubmedArticleSet`) held in memory.
///
/// An empty `PubmedArticleSet` is `Ok` with no records. A response whose root is not
/// `PubmedArticleSet` is [`ParseError::Api`] if it carries an `<ERROR>` element, else
/// [`ParseError::NotPubmed`].
pub fn parse(xml: &[u8]) -> Result<Parsed, ParseError> {
    let mut reader = RecordReader::new(xml);
    let mut records = Vec::new();
    while let Some(rec) = reader.next_parsed()? {
        records.push(rec);
    }
    Ok(Parsed {
        records,
        deleted: reader.deleted,
    })
}

/// Streams the records of an efetch response from any [`BufRead`], one at a time.
///
/// Memory use is bounded by the largest single record, not by the size of the input: one event
/// buffer is reused throughout and no tree is built. Yields each record in document order; after
/// the first error the iterator ends. PMIDs from `<DeleteCitation>` are available from
/// [`RecordReader::deleted`] once the iterator is exhausted.
pub struct RecordReader<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    /// Scratch for short text fields (PMID, dates), reused.
    scratch: String,
    /// The attributes of the last start tag that carries ones we keep.
    attrs: Attrs,
    state: State,
    deleted: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the root element.
    Start,
    /// Inside `<PubmedArticleSet>`.
    InSet,
    /// After the root element, or after an error.
    Done,
}

impl<R: BufRead> RecordReader<R> {
    /// Reads records from `input`.
    pub fn new(input: R) -> Self {
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        // Whitespace is collapsed by the text builder, which needs to see it (a newline before
        // `<sub>` is layout, a space between words is not).
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Self {
            reader,
            buf: Vec::with_capacity(64 * 1024),
            scratch: String::new(),
            attrs: Attrs::default(),
            state: State::Start,
            deleted: Vec::new(),
        }
    }

    /// PMIDs listed in `<DeleteCitation>` seen so far (all of them once iteration has ended).
    pub fn deleted(&self) -> &[u32] {
        &self.deleted
    }

    /// The next record with its byte range, `Ok(None)` at the end of the set.
    fn next_parsed(&mut self) -> Result<Option<ParsedRecord>, ParseError> {
        let result = self.next_parsed_inner();
        if !matches!(result, Ok(Some(_))) {
            self.state = State::Done;
        }
        result
    }

    fn next_parsed_inner(&mut self) -> Result<Option<ParsedRecord>, ParseError> {
        if self.state == State::Start {
            self.read_root()?;
        }
        while self.state == State::InSet {
            let (tag, start) = match self.read()? {
                Event::Start(e) => {
                    let len = e.len() as u64;
                    (Tag::of(e.local_name().as_ref()), len)
                }
                Event::End(_) => {
                    self.state = State::Done;
                    return Ok(None);
                }
                Event::Eof => return Err(self.eof_error("PubmedArticleSet")),
                _ => continue,
            };
            // The start tag is `<` + its content + `>`; the reader stands just after it.
            let begin = self.reader.buffer_position().saturating_sub(start + 2);
            match tag {
                Tag::PubmedArticle | Tag::PubmedBookArticle => {
                    let record = self.record(tag, begin)?;
                    let end = self.reader.buffer_position();
                    return Ok(Some(ParsedRecord {
                        record,
                        raw: to_usize(begin)..to_usize(end),
                    }));
                }
                Tag::DeleteCitation => self.delete_citation()?,
                _ => self.skip()?,
            }
        }
        Ok(None)
    }

    /// Reads up to the root element and checks it is a `PubmedArticleSet`.
    fn read_root(&mut self) -> Result<(), ParseError> {
        loop {
            self.buf.clear();
            let root = match self.reader.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) => Some((name_of(&e), false)),
                Ok(Event::Empty(e)) => Some((name_of(&e), true)),
                Ok(Event::Eof) => return Err(ParseError::Empty),
                Ok(Event::DocType(d)) if declares_internal_dtd(&d) => {
                    return Err(ParseError::InternalDtd)
                }
                Ok(_) => None,
                Err(err) => return Err(self.xml_error(err)),
            };
            let Some((root, empty)) = root else { continue };
            if root == "PubmedArticleSet" {
                self.state = if empty { State::Done } else { State::InSet };
                return Ok(());
            }
            return Err(self.foreign_root(root));
        }
    }

    /// The root is not a `PubmedArticleSet`: an E-utilities error document, or something else.
    fn foreign_root(&mut self, root: String) -> ParseError {
        // Scan for an `<ERROR>` element anywhere. HTML pages are often not well-formed XML, so a
        // syntax error here means "not PubMed", not "malformed PubMed".
        loop {
            self.buf.clear();
            let is_error = match self.reader.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) => e.local_name().as_ref() == b"ERROR",
                Ok(Event::Eof) | Err(_) => return ParseError::NotPubmed { root },
                Ok(_) => false,
            };
            if is_error {
                let mut message = String::new();
                return match self.text_into(&mut message) {
                    Ok(()) => ParseError::Api { message },
                    Err(_) => ParseError::NotPubmed { root },
                };
            }
        }
    }

    fn delete_citation(&mut self) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            if tag == Tag::Pmid {
                self.scratch_text()?;
                if let Ok(n) = self.scratch.trim().parse::<u32>() {
                    self.deleted.push(n);
                }
            } else {
                self.skip()?;
            }
        }
        Ok(())
    }

    /// Reads one `PubmedArticle` or `PubmedBookArticle` whose start tag has just been read.
    fn record(&mut self, tag: Tag, begin: u64) -> Result<Record, ParseError> {
        let mut b = Builder {
            record: Record {
                kind: if tag == Tag::PubmedBookArticle {
                    RecordKind::Book
                } else {
                    RecordKind::Article
                },
                ..Record::default()
            },
            ..Builder::default()
        };
        while let Some(child) = self.child()? {
            match child {
                Tag::MedlineCitation => self.medline_citation(&mut b)?,
                Tag::BookDocument => self.book_document(&mut b)?,
                Tag::PubmedData | Tag::PubmedBookData => self.pubmed_data(&mut b)?,
                _ => self.skip()?,
            }
        }
        b.finish(begin)
    }

    fn medline_citation(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            match tag {
                Tag::Pmid => self.pmid(b)?,
                Tag::Article => self.article(b)?,
                Tag::MeshHeadingList => self.mesh_headings(b)?,
                Tag::KeywordList => self.keywords(b)?,
                // CommentsCorrectionsList (other papers' PMIDs), OtherAbstract (not the
                // abstract), InvestigatorList (not authors), ChemicalList…
                _ => self.skip()?,
            }
        }
        Ok(())
    }

    fn pmid(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        self.scratch_text()?;
        // The first PMID of the citation is the record's own; there is only one in valid data.
        if b.record.pmid == 0 {
            b.record.pmid = self.scratch.trim().parse().unwrap_or(0);
        }
        Ok(())
    }

    fn article(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            match tag {
                Tag::Journal => self.journal(b)?,
                Tag::ArticleTitle => self.text_into(&mut b.record.title)?,
                Tag::ELocationId => self.elocation(b)?,
                Tag::Abstract => self.abstract_(b)?,
                Tag::AuthorList => {
                    let list = self.author_list()?;
                    b.author_lists.push(list);
                }
                Tag::PublicationTypeList => self.publication_types(b)?,
                _ => self.skip()?,
            }
        }
        Ok(())
    }

    fn journal(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            match tag {
                Tag::JournalIssue => {
                    while let Some(tag) = self.child()? {
                        match tag {
                            Tag::PubDate => self.pub_date(b)?,
                            _ => self.skip()?,
                        }
                    }
                }
                Tag::Title => b.record.journal = Some(self.text()?),
                Tag::IsoAbbreviation => b.record.journal_iso = Some(self.text()?),
                _ => self.skip()?,
            }
        }
        Ok(())
    }

    fn pub_date(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        let mut date = PubDate::default();
        while let Some(tag) = self.child()? {
            match tag {
                Tag::Year => {
                    self.scratch_text()?;
                    date.year = self.scratch.trim().parse().ok();
                }
                Tag::Month => {
                    self.scratch_text()?;
                    date.month = month_number(self.scratch.trim());
                }
                Tag::Day => {
                    self.scratch_text()?;
                    date.day = self
                        .scratch
                        .trim()
                        .parse()
                        .ok()
                        .filter(|d| (1..=31).contains(d));
                }
                Tag::Season => date.season = Some(self.text()?),
                Tag::MedlineDate => {
                    let text = self.text()?;
                    date.year = date.year.or_else(|| leading_year(&text));
                    date.medline_date = Some(text);
                }
                _ => self.skip()?,
            }
        }
        b.record.pub_date = date;
        Ok(())
    }

    fn elocation(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        let is_doi = self.attrs.id_type.as_deref() == Some("doi");
        let text = self.text()?;
        if is_doi && b.elocation_doi.is_none() && !text.is_empty() {
            b.elocation_doi = Some(text);
        }
        Ok(())
    }

    fn abstract_(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            match tag {
                Tag::AbstractText => {
                    let label = self.attrs.label.take();
                    let category = self.attrs.category.take();
                    let mut text = String::new();
                    self.text_into(&mut text)?;
                    if !text.is_empty() || label.is_some() {
                        b.record.abstract_sections.push(AbstractSection {
                            label,
                            category,
                            text,
                        });
                    }
                }
                _ => self.skip()?,
            }
        }
        Ok(())
    }

    fn author_list(&mut self) -> Result<AuthorList, ParseError> {
        // Read the attribute before the children's start tags overwrite it.
        let editors = self.attrs.editors;
        let mut authors = Vec::new();
        while let Some(tag) = self.child()? {
            if tag != Tag::Author {
                self.skip()?;
                continue;
            }
            let mut author = Author::default();
            while let Some(tag) = self.child()? {
                match tag {
                    Tag::LastName => author.last_name = Some(self.text()?),
                    Tag::ForeName => author.fore_name = Some(self.text()?),
                    Tag::Initials => author.initials = Some(self.text()?),
                    Tag::CollectiveName => author.collective_name = Some(self.text()?),
                    _ => self.skip()?,
                }
            }
            authors.push(author);
        }
        Ok(AuthorList { editors, authors })
    }

    fn publication_types(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            match tag {
                Tag::PublicationType => self.publication_type(b)?,
                _ => self.skip()?,
            }
        }
        Ok(())
    }

    fn publication_type(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        let text = self.text()?;
        if !text.is_empty() {
            b.record.publication_types.push(text);
        }
        Ok(())
    }

    fn mesh_headings(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            if tag != Tag::MeshHeading {
                self.skip()?;
                continue;
            }
            while let Some(tag) = self.child()? {
                match tag {
                    Tag::DescriptorName => {
                        let text = self.text()?;
                        if !text.is_empty() {
                            b.record.mesh_headings.push(text);
                        }
                    }
                    // QualifierName ("drug therapy") is not a heading of its own.
                    _ => self.skip()?,
                }
            }
        }
        Ok(())
    }

    /// `KeywordList`: the authors' keywords (the evidence stage reads them with the title).
    fn keywords(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            if tag != Tag::Keyword {
                self.skip()?;
                continue;
            }
            let text = self.text()?;
            if !text.is_empty() {
                b.record.keywords.push(text);
            }
        }
        Ok(())
    }

    /// `PubmedData` / `PubmedBookData`: only its own `ArticleIdList` (never the ones inside
    /// `ReferenceList`, which name the cited papers).
    fn pubmed_data(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            match tag {
                Tag::ArticleIdList => self.article_ids(b)?,
                _ => self.skip()?,
            }
        }
        Ok(())
    }

    fn article_ids(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            if tag != Tag::ArticleId {
                self.skip()?;
                continue;
            }
            let id_type = self.attrs.id_type.take();
            let text = self.text()?;
            if text.is_empty() {
                continue;
            }
            let slot = match id_type.as_deref() {
                Some("doi") => &mut b.record.doi,
                Some("pmc") => &mut b.record.pmcid,
                Some("bookaccession") => &mut b.record.book_accession,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(text);
            }
        }
        Ok(())
    }

    fn book_document(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            match tag {
                Tag::Pmid => self.pmid(b)?,
                Tag::ArticleIdList => self.article_ids(b)?,
                Tag::Book => self.book(b)?,
                Tag::ArticleTitle => self.text_into(&mut b.record.title)?,
                Tag::AuthorList => {
                    let list = self.author_list()?;
                    b.author_lists.push(list);
                }
                Tag::PublicationType => self.publication_type(b)?,
                Tag::Abstract => self.abstract_(b)?,
                // Sections (a table of contents), ReferenceList, ItemList…
                _ => self.skip()?,
            }
        }
        Ok(())
    }

    fn book(&mut self, b: &mut Builder) -> Result<(), ParseError> {
        while let Some(tag) = self.child()? {
            match tag {
                Tag::BookTitle => b.record.journal = Some(self.text()?),
                Tag::PubDate => self.pub_date(b)?,
                Tag::AuthorList => {
                    let list = self.author_list()?;
                    b.author_lists.push(list);
                }
                Tag::ELocationId => self.elocation(b)?,
                _ => self.skip()?,
            }
        }
        Ok(())
    }
}

/// Everything gathered for one record before it is checked and returned.
#[derive(Default)]
struct Builder {
    record: Record,
    author_lists: Vec<AuthorList>,
    elocation_doi: Option<String>,
}

struct AuthorList {
    editors: bool,
    authors: Vec<Author>,
}

impl Builder {
    /// Checks the record and applies the fallbacks that need the whole element.
    fn finish(mut self, begin: u64) -> Result<Record, ParseError> {
        let record = &mut self.record;
        if record.pmid == 0 {
            return Err(ParseError::MissingPmid { position: begin });
        }
        // Articles have one author list. Books may have the chapter's or book's authors and the
        // book's editors: authors win, editors only when there is nobody else.
        let mut lists = self.author_lists.into_iter();
        let first = lists.next();
        record.authors = match first {
            Some(list) if list.editors => lists
                .find(|l| !l.editors)
                .map(|l| l.authors)
                .unwrap_or(list.authors),
            Some(list) => list.authors,
            None => Vec::new(),
        };
        if record.doi.is_none() {
            record.doi = self.elocation_doi;
        }
        if let Some(doi) = &mut record.doi {
            doi.make_ascii_lowercase();
        }
        if record.kind == RecordKind::Book && record.title.is_empty() {
            if let Some(book_title) = &record.journal {
                record.title.clone_from(book_title);
            }
        }
        Ok(self.record)
    }
}

/// Attributes kept from the last start tag of an element that has ones we use.
#[derive(Debug, Default)]
struct Attrs {
    /// `AbstractText/@Label`.
    label: Option<String>,
    /// `AbstractText/@NlmCategory`.
    category: Option<String>,
    /// `ArticleId/@IdType` or `ELocationID/@EIdType`.
    id_type: Option<String>,
    /// `AuthorList/@Type` is `editors`.
    editors: bool,
}

/// The elements the parser acts on; everything else is [`Tag::Other`] and skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    PubmedArticle,
    PubmedBookArticle,
    DeleteCitation,
    MedlineCitation,
    BookDocument,
    PubmedData,
    PubmedBookData,
    Pmid,
    Article,
    Journal,
    JournalIssue,
    PubDate,
    Year,
    Month,
    Day,
    Season,
    MedlineDate,
    Title,
    IsoAbbreviation,
    ArticleTitle,
    ELocationId,
    Abstract,
    AbstractText,
    AuthorList,
    Author,
    LastName,
    ForeName,
    Initials,
    CollectiveName,
    PublicationTypeList,
    PublicationType,
    MeshHeadingList,
    MeshHeading,
    DescriptorName,
    KeywordList,
    Keyword,
    ArticleIdList,
    ArticleId,
    Book,
    BookTitle,
    Other,
}

impl Tag {
    fn of(name: &[u8]) -> Tag {
        match name {
            b"PubmedArticle" => Tag::PubmedArticle,
            b"PubmedBookArticle" => Tag::PubmedBookArticle,
            b"DeleteCitation" => Tag::DeleteCitation,
            b"MedlineCitation" => Tag::MedlineCitation,
            b"BookDocument" => Tag::BookDocument,
            b"PubmedData" => Tag::PubmedData,
            b"PubmedBookData" => Tag::PubmedBookData,
            b"PMID" => Tag::Pmid,
            b"Article" => Tag::Article,
            b"Journal" => Tag::Journal,
            b"JournalIssue" => Tag::JournalIssue,
            b"PubDate" => Tag::PubDate,
            b"Year" => Tag::Year,
            b"Month" => Tag::Month,
            b"Day" => Tag::Day,
            b"Season" => Tag::Season,
            b"MedlineDate" => Tag::MedlineDate,
            b"Title" => Tag::Title,
            b"ISOAbbreviation" => Tag::IsoAbbreviation,
            b"ArticleTitle" => Tag::ArticleTitle,
            b"ELocationID" => Tag::ELocationId,
            b"Abstract" => Tag::Abstract,
            b"AbstractText" => Tag::AbstractText,
            b"AuthorList" => Tag::AuthorList,
            b"Author" => Tag::Author,
            b"LastName" => Tag::LastName,
            b"ForeName" => Tag::ForeName,
            b"Initials" => Tag::Initials,
            b"CollectiveName" => Tag::CollectiveName,
            b"PublicationTypeList" => Tag::PublicationTypeList,
            b"PublicationType" => Tag::PublicationType,
            b"MeshHeadingList" => Tag::MeshHeadingList,
            b"MeshHeading" => Tag::MeshHeading,
            b"DescriptorName" => Tag::DescriptorName,
            b"KeywordList" => Tag::KeywordList,
            b"Keyword" => Tag::Keyword,
            b"ArticleIdList" => Tag::ArticleIdList,
            b"ArticleId" => Tag::ArticleId,
            b"Book" => Tag::Book,
            b"BookTitle" => Tag::BookTitle,
            _ => Tag::Other,
        }
    }
}

/// Low-level reading shared by every handler.
impl<R: BufRead> RecordReader<R> {
    /// The next event. The buffer is cleared first: `read_event_into` appends, and events are
    /// handled one at a time, so reuse keeps memory at the size of the largest single event.
    fn read(&mut self) -> Result<Event<'_>, ParseError> {
        self.buf.clear();
        match self.reader.read_event_into(&mut self.buf) {
            Ok(ev) => Ok(ev),
            Err(err) => Err(xml_error_at(self.reader.error_position(), err)),
        }
    }

    fn xml_error(&self, err: quick_xml::Error) -> ParseError {
        xml_error_at(self.reader.error_position(), err)
    }

    fn eof_error(&self, inside: &str) -> ParseError {
        ParseError::Xml {
            position: self.reader.buffer_position(),
            message: format!("unexpected end of document inside <{inside}>"),
        }
    }

    /// The next child element of the current element, `None` at the current element's end tag.
    ///
    /// Text between children is layout and is dropped; empty elements (`<X/>`) carry nothing we
    /// keep and are passed over. For the few elements whose attributes matter, they are stored
    /// in `self.attrs`.
    fn child(&mut self) -> Result<Option<Tag>, ParseError> {
        loop {
            let (tag, attrs) = match self.read()? {
                Event::Start(e) => {
                    let tag = Tag::of(e.local_name().as_ref());
                    let attrs = match tag {
                        Tag::AbstractText | Tag::ArticleId | Tag::ELocationId | Tag::AuthorList => {
                            Some(read_attrs(&e))
                        }
                        _ => None,
                    };
                    (tag, attrs)
                }
                Event::End(_) => return Ok(None),
                Event::Eof => return Err(self.eof_error("record")),
                _ => continue,
            };
            if let Some(attrs) = attrs {
                self.attrs = attrs;
            }
            return Ok(Some(tag));
        }
    }

    /// Skips the element whose start tag has just been read, without decoding anything.
    fn skip(&mut self) -> Result<(), ParseError> {
        let mut depth = 0usize;
        loop {
            match self.read()? {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Event::Eof => return Err(self.eof_error("record")),
                _ => {}
            }
        }
    }

    fn text(&mut self) -> Result<String, ParseError> {
        let mut out = String::new();
        self.text_into(&mut out)?;
        Ok(out)
    }

    /// Reads the current element's text into `self.scratch` (for numbers and dates).
    fn scratch_text(&mut self) -> Result<(), ParseError> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let result = self.text_into(&mut scratch);
        self.scratch = scratch;
        result
    }

    /// Appends the readable text of the element whose start tag has just been read, up to and
    /// including its end tag: markup flattened, references decoded, whitespace collapsed.
    fn text_into(&mut self, out: &mut String) -> Result<(), ParseError> {
        let mut text = TextBuf::new(out);
        // One frame per open element inside `<math>`; empty outside math.
        let mut math: Vec<MathFrame> = Vec::new();
        let mut depth = 0usize;
        loop {
            self.buf.clear();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(ev) => ev,
                Err(err) => return Err(xml_error_at(self.reader.error_position(), err)),
            };
            match event {
                Event::Text(e) if math_takes_text(&math) => {
                    text.push_str(&decode_utf8(&e), !math.is_empty());
                }
                Event::CData(e) if math_takes_text(&math) => {
                    text.push_str(&decode_utf8(&e), !math.is_empty());
                }
                Event::GeneralRef(e) if math_takes_text(&math) => text.push_reference(&e),
                Event::Start(e) => {
                    depth += 1;
                    let name = e.local_name();
                    let name = name.as_ref();
                    if let Some(parent) = math.last_mut() {
                        let index = parent.children;
                        parent.children = parent.children.saturating_add(1);
                        if let Some(mark) = parent.kind.mark_before_child(index) {
                            text.push_math_mark(mark);
                        }
                        math.push(MathFrame::new(MathKind::of(name)));
                    } else if name == b"math" {
                        text.start_math();
                        math.push(MathFrame::new(MathKind::Row));
                    } else if name == b"sup" {
                        text.push_inline_mark('^');
                    } else if name == b"sub" {
                        text.push_inline_mark('_');
                    }
                    // i, b, u and anything else: the text inside is kept as is.
                }
                Event::Empty(_) => {
                    if let Some(parent) = math.last_mut() {
                        parent.children = parent.children.saturating_add(1);
                    }
                }
                Event::End(_) => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    if math.pop().is_some() && math.is_empty() {
                        text.end_math();
                    }
                }
                Event::Eof => return Err(self.eof_error("text")),
                _ => {}
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Iterator for RecordReader<R> {
    type Item = Result<Record, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.state == State::Done {
            return None;
        }
        match self.next_parsed() {
            Ok(Some(parsed)) => Some(Ok(parsed.record)),
            Ok(None) => None,
            Err(err) => Some(Err(err)),
        }
    }
}

fn xml_error_at(position: u64, err: quick_xml::Error) -> ParseError {
    match err {
        quick_xml::Error::Io(io) => ParseError::Io(std::io::Error::new(io.kind(), io.to_string())),
        other => ParseError::Xml {
            position,
            message: other.to_string(),
        },
    }
}

fn name_of(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn read_attrs(e: &BytesStart<'_>) -> Attrs {
    let mut attrs = Attrs::default();
    // Malformed attributes are not worth failing a record for; they are simply not kept.
    for attr in e.attributes().flatten() {
        let value = || {
            attr.unescape_value()
                .map(|v| v.trim().to_owned())
                .ok()
                .filter(|v| !v.is_empty())
        };
        match attr.key.local_name().as_ref() {
            b"Label" => attrs.label = value(),
            b"NlmCategory" => attrs.category = value(),
            b"IdType" | b"EIdType" => attrs.id_type = value(),
            b"Type" => attrs.editors = attr.value.as_ref() == b"editors",
            _ => {}
        }
    }
    attrs
}

fn decode_utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    // efetch output is UTF-8; anything else is read leniently rather than failing the record.
    String::from_utf8_lossy(bytes)
}

/// `"05"`, `"5"`, `"May"`, `"may"` and `"May."` → 5.
fn month_number(s: &str) -> Option<u8> {
    if let Ok(n) = s.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    crate::model::month_number(s)
}

/// The first four-digit year in a MedlineDate ("1998 Dec-1999 Jan" → 1998).
fn leading_year(s: &str) -> Option<u16> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = bytes.get(i..i + 4)?;
        let bounded_before = i == 0 || !bytes[i - 1].is_ascii_digit();
        let bounded_after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if bounded_before && bounded_after && window.iter().all(u8::is_ascii_digit) {
            return std::str::from_utf8(window).ok()?.parse().ok();
        }
        i += 1;
    }
    None
}

/// The kinds of MathML element that change how tokens are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MathKind {
    /// `mi`, `mn`, `mo`, `mtext`, `ms`: their text is kept.
    Token,
    /// `msub`: base, then `_` subscript.
    Sub,
    /// `msup`: base, then `^` superscript.
    Sup,
    /// `msubsup`: base, `_` subscript, `^` superscript.
    SubSup,
    /// `mfrac`: numerator `/` denominator.
    Frac,
    /// Everything else (`mrow`, `mover`, `mstyle`…): children in order.
    Row,
}

impl MathKind {
    fn of(name: &[u8]) -> MathKind {
        match name {
            b"mi" | b"mn" | b"mo" | b"mtext" | b"ms" => MathKind::Token,
            b"msub" | b"munder" => MathKind::Sub,
            b"msup" => MathKind::Sup,
            b"msubsup" | b"munderover" => MathKind::SubSup,
            b"mfrac" => MathKind::Frac,
            _ => MathKind::Row,
        }
    }

    fn mark_before_child(self, index: u16) -> Option<char> {
        match (self, index) {
            (MathKind::Sub | MathKind::SubSup, 1) => Some('_'),
            (MathKind::Sup, 1) | (MathKind::SubSup, 2) => Some('^'),
            (MathKind::Frac, 1) => Some('/'),
            _ => None,
        }
    }
}

#[derive(Debug)]
struct MathFrame {
    kind: MathKind,
    children: u16,
}

impl MathFrame {
    fn new(kind: MathKind) -> Self {
        Self { kind, children: 0 }
    }
}

/// Outside math all text counts; inside math only the text of token elements does (the rest
/// is indentation between tags).
fn math_takes_text(math: &[MathFrame]) -> bool {
    math.last().is_none_or(|f| f.kind == MathKind::Token)
}

/// Builds readable text: collapses whitespace runs to one space, trims both ends, and keeps
/// words from gluing together across markup. Whitespace is only ever pending until a word
/// follows it, so nothing needs trimming afterwards.
struct TextBuf<'a> {
    out: &'a mut String,
    /// Length of `out` when this element started (text is appended, never rewritten before).
    start: usize,
    /// Whitespace seen since the last character written.
    space: bool,
    /// That whitespace held a line break (layout, not a word gap).
    newline: bool,
    /// Write a space before the next character if it is alphanumeric (after a formula).
    soft_space: bool,
}

impl<'a> TextBuf<'a> {
    fn new(out: &'a mut String) -> Self {
        let start = out.len();
        Self {
            out,
            start,
            space: false,
            newline: false,
            soft_space: false,
        }
    }

    fn is_empty(&self) -> bool {
        self.out.len() == self.start
    }

    fn last_char(&self) -> Option<char> {
        self.out.get(self.start..)?.chars().next_back()
    }

    /// Appends text. Inside math, tokens join without spaces, so their own whitespace goes.
    fn push_str(&mut self, s: &str, in_math: bool) {
        let s = if in_math { s.trim() } else { s };
        // Whitespace here is ASCII only (XML's S production), so splitting bytes on it never
        // cuts a UTF-8 sequence.
        let mut rest = s;
        while !rest.is_empty() {
            let word_end = rest
                .bytes()
                .position(|b| b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            let (word, tail) = rest.split_at(word_end);
            if !word.is_empty() {
                self.write_word(word);
            }
            let ws_end = tail
                .bytes()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(tail.len());
            let (ws, tail) = tail.split_at(ws_end);
            if !ws.is_empty() {
                self.space = true;
                self.newline |= ws.contains('\n');
            }
            rest = tail;
        }
    }

    fn write_word(&mut self, word: &str) {
        let first_alnum = word.chars().next().is_some_and(char::is_alphanumeric);
        if !self.is_empty() && (self.space || (self.soft_space && first_alnum)) {
            self.out.push(' ');
        }
        self.space = false;
        self.newline = false;
        self.soft_space = false;
        self.out.push_str(word);
    }

    fn push_char(&mut self, c: char) {
        if c.is_ascii_whitespace() {
            self.space = true;
            self.newline |= c == '\n';
        } else {
            let mut utf8 = [0u8; 4];
            self.write_word(c.encode_utf8(&mut utf8));
        }
    }

    fn push_reference(&mut self, r: &BytesRef<'_>) {
        if let Ok(Some(c)) = r.resolve_char_ref() {
            self.push_char(c);
            return;
        }
        let name = decode_utf8(r);
        match name.as_ref() {
            "lt" => self.push_char('<'),
            "gt" => self.push_char('>'),
            "amp" => self.push_char('&'),
            "quot" => self.push_char('"'),
            "apos" => self.push_char('\''),
            // No DTD is read, so other entities cannot be expanded; keep them visible.
            other => self.write_word(&format!("&{other};")),
        }
    }

    /// `<sup>`/`<sub>` outside math: `r^2`, `p_trend`, but no mark after a space or bracket
    /// (`(<sub>V</sub>MLSS` stays `(VMLSS`).
    fn push_inline_mark(&mut self, mark: char) {
        // A line break before the tag is pretty-printing (`β\n    <sub>2</sub>`), not a gap.
        if self.space && self.newline {
            self.space = false;
            self.newline = false;
        }
        if self.space {
            return;
        }
        if self
            .last_char()
            .is_some_and(|c| c.is_alphanumeric() || c == ')' || c == ']')
        {
            self.space = false;
            self.soft_space = false;
            self.out.push(mark);
        }
    }

    fn push_math_mark(&mut self, mark: char) {
        self.space = false;
        self.soft_space = false;
        self.out.push(mark);
    }

    /// A formula starts: keep it apart from a word right before it.
    fn start_math(&mut self) {
        if !self.space && self.last_char().is_some_and(char::is_alphanumeric) {
            self.space = true;
        }
    }

    /// A formula ends: keep it apart from a word right after it.
    fn end_math(&mut self) {
        self.soft_space = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wraps record elements in an efetch document.
    fn doc(body: &str) -> Vec<u8> {
        format!(
            "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n<PubmedArticleSet>{body}</PubmedArticleSet>"
        )
        .into_bytes()
    }

    /// A journal article with the given `Article` children and extra `MedlineCitation` /
    /// `PubmedData` content.
    fn article(pmid: u32, article_inner: &str, citation_extra: &str, data_inner: &str) -> String {
        format!(
            "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">{pmid}</PMID><Article PubModel=\"Print\">{article_inner}</Article>{citation_extra}</MedlineCitation><PubmedData>{data_inner}</PubmedData></PubmedArticle>"
        )
    }

    fn one(article_inner: &str) -> Record {
        one_full(article_inner, "", "")
    }

    fn one_full(article_inner: &str, citation_extra: &str, data_inner: &str) -> Record {
        let xml = doc(&article(1, article_inner, citation_extra, data_inner));
        let parsed = parse(&xml).expect("valid document");
        assert_eq!(parsed.records.len(), 1);
        parsed
            .records
            .into_iter()
            .next()
            .map(|r| r.record)
            .unwrap_or_default()
    }

    fn abstract_of(inner: &str) -> String {
        one(&format!("<Abstract>{inner}</Abstract>")).abstract_text()
    }

    fn text_of(abstract_text: &str) -> String {
        abstract_of(&format!("<AbstractText>{abstract_text}</AbstractText>"))
    }

    #[test]
    fn plain_abstract_is_one_unlabelled_section() {
        let r = one("<ArticleTitle>T.</ArticleTitle><Abstract><AbstractText>Just text.</AbstractText><CopyrightInformation>(c) Someone</CopyrightInformation></Abstract>");
        assert_eq!(
            r.abstract_sections,
            vec![AbstractSection {
                label: None,
                category: None,
                text: "Just text.".into()
            }]
        );
        assert_eq!(r.title, "T.");
    }

    #[test]
    fn structured_abstract_keeps_label_and_category() {
        let r = one(concat!(
            "<Abstract><AbstractText Label=\"OBJECTIVES\" NlmCategory=\"OBJECTIVE\">Aim.</AbstractText>",
            "<AbstractText Label=\"RESULTS\">Found.</AbstractText></Abstract>"
        ));
        let s = &r.abstract_sections;
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].label.as_deref(), Some("OBJECTIVES"));
        assert_eq!(s[0].category.as_deref(), Some("OBJECTIVE"));
        assert_eq!(s[1].label.as_deref(), Some("RESULTS"));
        assert_eq!(s[1].category, None);
        assert_eq!(r.abstract_text(), "OBJECTIVES: Aim. RESULTS: Found.");
    }

    #[test]
    fn other_abstract_is_not_the_abstract() {
        let r = one_full(
            "<Abstract><AbstractText>Real.</AbstractText></Abstract>",
            "<OtherAbstract Type=\"Publisher\" Language=\"spa\"><AbstractText>Otro.</AbstractText></OtherAbstract>",
            "",
        );
        assert_eq!(r.abstract_text(), "Real.");
        let none = one_full(
            "",
            "<OtherAbstract Type=\"KIE\"><AbstractText>Other.</AbstractText></OtherAbstract>",
            "",
        );
        assert!(none.abstract_sections.is_empty());
    }

    #[test]
    fn sup_and_sub_become_caret_and_underscore() {
        assert_eq!(
            text_of("r<sup>2</sup>&lt;0.25 and p<sub>trend</sub>=0.048"),
            "r^2<0.25 and p_trend=0.048"
        );
        assert_eq!(
            text_of("km·h<sup>-1</sup> and OR<sub>Q3</sub>=4.15"),
            "km·h^-1 and OR_Q3=4.15"
        );
        // After a space or an opening bracket there is nothing to attach the mark to.
        assert_eq!(text_of("(<sub>V</sub>MLSS) x <sup>a</sup>"), "(VMLSS) x a");
        // A pretty-printing line break before the tag is not a word gap.
        assert_eq!(
            text_of("a fast-acting &#946;\n\t\t\t<sub>2</sub>-agonist may help.\n\t\t"),
            "a fast-acting β_2-agonist may help."
        );
    }

    #[test]
    fn italics_bold_underline_are_plain_text() {
        assert_eq!(
            text_of("<i>TERT</i> gene (<i>P</i> &lt; 0.001), <b>bold</b> and 0.4-<u>&lt;</u>4.5"),
            "TERT gene (P < 0.001), bold and 0.4-<4.5"
        );
        assert_eq!(
            one("<ArticleTitle>A &quot;<i>Blood Relationship&quot;</i> Between</ArticleTitle>")
                .title,
            "A \"Blood Relationship\" Between"
        );
    }

    #[test]
    fn mathml_becomes_token_text_without_glued_words() {
        let math = concat!(
            "<mml:math xmlns:mml=\"http://www.w3.org/1998/Math/MathML\">\n  ",
            "<mml:msub>\n <mml:mrow><mml:mi>V</mml:mi></mml:mrow>\n <mml:mrow><mml:mn>2</mml:mn><mml:mi>max</mml:mi></mml:mrow>\n</mml:msub>\n",
            "</mml:math>"
        );
        assert_eq!(
            text_of(&format!("uptake{math}was high")),
            "uptake V_2max was high"
        );
        assert_eq!(
            text_of(&format!("uptake ({math}) high")),
            "uptake (V_2max) high"
        );
        let sup = "<mml:math><mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup><mml:mo>+</mml:mo><mml:mfrac><mml:mn>1</mml:mn><mml:mn>3</mml:mn></mml:mfrac><mml:mtext> </mml:mtext></mml:math>";
        assert_eq!(text_of(&format!("so {sup}.")), "so x^2+1/3.");
    }

    #[test]
    fn whitespace_is_collapsed_and_trimmed() {
        assert_eq!(
            text_of("\n   Several\t\tspaces   and\r\nlines \n "),
            "Several spaces and lines"
        );
        assert_eq!(one("<ArticleTitle>  Title  </ArticleTitle>").title, "Title");
    }

    #[test]
    fn entities_and_character_references_are_decoded() {
        assert_eq!(
            text_of("&lt;&gt;&amp;&quot;&apos; &#946; &#x3b2; &#xfc;ber"),
            "<>&\"' β β über"
        );
        // No DTD is read: an unknown entity stays visible rather than vanishing.
        assert_eq!(text_of("a&nbsp;b"), "a&nbsp;b");
        assert_eq!(text_of("<![CDATA[x < y]]>"), "x < y");
    }

    #[test]
    fn journal_titles_and_dates() {
        let r = one(concat!(
            "<Journal><ISSN IssnType=\"Print\">0002-953X</ISSN><JournalIssue CitedMedium=\"Print\"><Volume>170</Volume>",
            "<Issue>10</Issue><PubDate><Year>2013</Year><Month>Oct</Month><Day>01</Day></PubDate></JournalIssue>",
            "<Title>The American journal of psychiatry</Title><ISOAbbreviation>Am J Psychiatry</ISOAbbreviation></Journal>",
            "<ArticleTitle>X</ArticleTitle>"
        ));
        assert_eq!(
            r.journal.as_deref(),
            Some("The American journal of psychiatry")
        );
        assert_eq!(r.journal_iso.as_deref(), Some("Am J Psychiatry"));
        assert_eq!(
            r.pub_date,
            PubDate {
                year: Some(2013),
                month: Some(10),
                day: Some(1),
                ..PubDate::default()
            }
        );
    }

    fn date_of(pub_date: &str) -> PubDate {
        one(&format!(
            "<Journal><JournalIssue CitedMedium=\"Print\"><PubDate>{pub_date}</PubDate></JournalIssue></Journal>"
        ))
        .pub_date
    }

    #[test]
    fn pub_date_forms() {
        assert_eq!(date_of("<Year>2018</Year><Month>05</Month>").month, Some(5));
        assert_eq!(
            date_of("<Year>2004</Year><Month>October</Month>").month,
            Some(10)
        );
        assert_eq!(
            date_of("<Year>1976</Year><Month>Sep</Month>").month,
            Some(9)
        );
        let spring = date_of("<Year>1990</Year><Season>Spring</Season>");
        assert_eq!(spring.year, Some(1990));
        assert_eq!(spring.season.as_deref(), Some("Spring"));
        assert_eq!(spring.month, None);
        let medline = date_of("<MedlineDate>1998 Dec-1999 Jan</MedlineDate>");
        assert_eq!(medline.year, Some(1998));
        assert_eq!(medline.medline_date.as_deref(), Some("1998 Dec-1999 Jan"));
        assert_eq!(date_of("<Year>2012</Year>").month, None);
    }

    #[test]
    fn month_names_and_numbers() {
        let cases = [
            ("1", Some(1)),
            ("05", Some(5)),
            ("12", Some(12)),
            ("13", None),
            ("0", None),
            ("Jan", Some(1)),
            ("may", Some(5)),
            ("Sept", Some(9)),
            ("Sep.", Some(9)),
            ("December", Some(12)),
            ("Mayday", None),
            ("Ma", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(month_number(s), want, "{s:?}");
        }
        assert_eq!(leading_year("Winter 2019-2020"), Some(2019));
        assert_eq!(leading_year("12345"), None);
    }

    #[test]
    fn authors_include_collectives_but_not_investigators() {
        let r = one_full(
            concat!(
                "<AuthorList CompleteYN=\"Y\"><Author ValidYN=\"Y\"><LastName>Murrough</LastName><ForeName>James W</ForeName>",
                "<Initials>JW</Initials><AffiliationInfo><Affiliation>Somewhere.</Affiliation></AffiliationInfo></Author>",
                "<Author ValidYN=\"Y\"><CollectiveName>STAR*D Investigators</CollectiveName></Author></AuthorList>"
            ),
            "<InvestigatorList><Investigator><LastName>Other</LastName></Investigator></InvestigatorList>",
            "",
        );
        assert_eq!(r.authors.len(), 2);
        assert_eq!(r.authors[0].last_name.as_deref(), Some("Murrough"));
        assert_eq!(r.authors[0].fore_name.as_deref(), Some("James W"));
        assert_eq!(r.authors[0].initials.as_deref(), Some("JW"));
        assert_eq!(
            r.authors[1].collective_name.as_deref(),
            Some("STAR*D Investigators")
        );
    }

    #[test]
    fn publication_types_and_mesh_descriptors() {
        let r = one_full(
            "<PublicationTypeList><PublicationType UI=\"D016449\">Randomized Controlled Trial</PublicationType><PublicationType UI=\"D017418\">Meta-Analysis</PublicationType></PublicationTypeList>",
            "<MeshHeadingList><MeshHeading><DescriptorName UI=\"D007649\" MajorTopicYN=\"N\">Ketamine</DescriptorName><QualifierName UI=\"Q1\">therapeutic use</QualifierName></MeshHeading><MeshHeading><DescriptorName UI=\"D061218\">Depressive Disorder, Treatment-Resistant</DescriptorName></MeshHeading></MeshHeadingList>",
            "",
        );
        assert_eq!(
            r.publication_types,
            ["Randomized Controlled Trial", "Meta-Analysis"]
        );
        assert_eq!(
            r.mesh_headings,
            ["Ketamine", "Depressive Disorder, Treatment-Resistant"]
        );
    }

    #[test]
    fn keywords_are_read_from_the_keyword_list() {
        let r = one_full(
            "",
            "<KeywordList Owner=\"NOTNLM\"><Keyword MajorTopicYN=\"N\">obesity</Keyword><Keyword MajorTopicYN=\"N\"><i>GLP-1</i> agonist</Keyword><Keyword/></KeywordList>",
            "",
        );
        assert_eq!(r.keywords, ["obesity", "GLP-1 agonist"]);
        let none = one_full("", "", "");
        assert!(none.keywords.is_empty());
    }

    #[test]
    fn own_ids_come_from_pubmed_data_not_references() {
        let data = concat!(
            "<PublicationStatus>ppublish</PublicationStatus><ArticleIdList><ArticleId IdType=\"pubmed\">1</ArticleId>",
            "<ArticleId IdType=\"pmc\">PMC10511184</ArticleId><ArticleId IdType=\"doi\">10.1126/SciAdv.Adi3902</ArticleId></ArticleIdList>",
            "<ReferenceList><Title>References</Title><Reference><Citation>Other paper.</Citation><ArticleIdList>",
            "<ArticleId IdType=\"doi\">10.9999/other</ArticleId><ArticleId IdType=\"pmc\">PMC1</ArticleId><ArticleId IdType=\"pubmed\">7</ArticleId>",
            "</ArticleIdList></Reference></ReferenceList>"
        );
        let citation = "<CommentsCorrectionsList><CommentsCorrections RefType=\"Cites\"><RefSource>X</RefSource><PMID Version=\"1\">424242</PMID></CommentsCorrections></CommentsCorrectionsList>";
        let r = one_full(
            "<Journal><Title>Science advances</Title></Journal><ELocationID EIdType=\"doi\" ValidYN=\"Y\">10.1/eloc</ELocationID>",
            citation,
            data,
        );
        assert_eq!(r.pmid, 1);
        assert_eq!(r.doi.as_deref(), Some("10.1126/sciadv.adi3902"));
        assert_eq!(r.pmcid.as_deref(), Some("PMC10511184"));
        // ReferenceList/Title is not the journal title.
        assert_eq!(r.journal.as_deref(), Some("Science advances"));
    }

    #[test]
    fn doi_falls_back_to_elocation_id() {
        let r = one_full(
            "<ELocationID EIdType=\"pii\" ValidYN=\"Y\">eadi3902</ELocationID><ELocationID EIdType=\"doi\" ValidYN=\"Y\">10.1056/NEJMoa1203421</ELocationID>",
            "",
            "<ArticleIdList><ArticleId IdType=\"pubmed\">1</ArticleId></ArticleIdList><ReferenceList><Reference><Citation>C</Citation><ArticleIdList><ArticleId IdType=\"doi\">10.9/ref</ArticleId></ArticleIdList></Reference></ReferenceList>",
        );
        assert_eq!(r.doi.as_deref(), Some("10.1056/nejmoa1203421"));
        assert_eq!(r.pmcid, None);
    }

    #[test]
    fn pmid_is_the_citations_own() {
        let xml = doc(concat!(
            "<PubmedArticle><MedlineCitation><PMID Version=\"1\">22663011</PMID><Article><ArticleTitle>T</ArticleTitle></Article>",
            "<CommentsCorrectionsList><CommentsCorrections RefType=\"CommentIn\"><RefSource>R</RefSource><PMID Version=\"1\">22663012</PMID>",
            "</CommentsCorrections></CommentsCorrectionsList></MedlineCitation></PubmedArticle>"
        ));
        let parsed = parse(&xml).expect("valid");
        assert_eq!(parsed.records[0].record.pmid, 22663011);
    }

    const BOOK_CHAPTER: &str = concat!(
        "<PubmedBookArticle><BookDocument><PMID Version=\"1\">99000002</PMID>",
        "<ArticleIdList><ArticleId IdType=\"bookaccession\">NBK9900002</ArticleId></ArticleIdList>",
        "<Book><Publisher><PublisherName>P</PublisherName></Publisher><BookTitle book=\"x\">A Handbook</BookTitle>",
        "<PubDate><Year>2020</Year><Month>Mar</Month></PubDate>",
        "<AuthorList Type=\"editors\"><Author><LastName>Editor</LastName></Author></AuthorList></Book>",
        "<ArticleTitle book=\"x\" part=\"ch1\">Chapter One</ArticleTitle>",
        "<AuthorList Type=\"authors\"><Author><LastName>Writer</LastName><ForeName>A</ForeName></Author></AuthorList>",
        "<PublicationType UI=\"D016454\">Review</PublicationType>",
        "<Abstract><AbstractText Label=\"SUMMARY\">About it.</AbstractText></Abstract>",
        "<Sections><Section><SectionTitle>S</SectionTitle></Section></Sections></BookDocument>",
        "<PubmedBookData><PublicationStatus>ppublish</PublicationStatus><ArticleIdList><ArticleId IdType=\"pubmed\">99000002</ArticleId></ArticleIdList></PubmedBookData>",
        "</PubmedBookArticle>"
    );

    #[test]
    fn book_chapter_record() {
        let parsed = parse(&doc(BOOK_CHAPTER)).expect("valid");
        let r = &parsed.records[0].record;
        assert_eq!(r.kind, RecordKind::Book);
        assert_eq!(r.pmid, 99000002);
        assert_eq!(r.title, "Chapter One");
        assert_eq!(r.journal.as_deref(), Some("A Handbook"));
        assert_eq!(r.book_accession.as_deref(), Some("NBK9900002"));
        assert_eq!(r.pub_date.year, Some(2020));
        assert_eq!(r.pub_date.month, Some(3));
        assert_eq!(r.authors.len(), 1);
        assert_eq!(r.authors[0].last_name.as_deref(), Some("Writer"));
        assert_eq!(r.publication_types, ["Review"]);
        assert_eq!(r.abstract_text(), "SUMMARY: About it.");
    }

    #[test]
    fn whole_book_uses_book_title_and_editors() {
        let xml = doc(concat!(
            "<PubmedBookArticle><BookDocument><PMID>20301295</PMID><ArticleIdList><ArticleId IdType=\"bookaccession\">NBK1116</ArticleId></ArticleIdList>",
            "<Book><BookTitle book=\"gene\">GeneReviews</BookTitle><PubDate><Year>1993</Year></PubDate>",
            "<AuthorList Type=\"editors\"><Author><LastName>Pagon</LastName></Author></AuthorList></Book></BookDocument></PubmedBookArticle>"
        ));
        let r = &parse(&xml).expect("valid").records[0].record;
        assert_eq!(r.title, "GeneReviews");
        assert_eq!(r.authors[0].last_name.as_deref(), Some("Pagon"));
        assert!(r.abstract_sections.is_empty());
    }

    #[test]
    fn delete_citation_lists_pmids() {
        let xml = doc(&format!(
            "{}<DeleteCitation><PMID Version=\"1\">111</PMID><PMID Version=\"1\">222</PMID></DeleteCitation>",
            article(5, "<ArticleTitle>T</ArticleTitle>", "", "")
        ));
        let parsed = parse(&xml).expect("valid");
        assert_eq!(parsed.deleted, [111, 222]);
        assert_eq!(parsed.records.len(), 1);
    }

    #[test]
    fn raw_ranges_cover_each_record_element() {
        let a = article(7, "<ArticleTitle>A</ArticleTitle>", "", "");
        let xml = doc(&format!("\n{a}\n{BOOK_CHAPTER}\n"));
        let parsed = parse(&xml).expect("valid");
        assert_eq!(parsed.records.len(), 2);
        assert_eq!(&xml[parsed.records[0].raw.clone()], a.as_bytes());
        assert_eq!(&xml[parsed.records[1].raw.clone()], BOOK_CHAPTER.as_bytes());
        // A raw slice is itself a parseable record.
        let again = parse(&doc(&String::from_utf8_lossy(
            &xml[parsed.records[1].raw.clone()],
        )))
        .expect("valid");
        assert_eq!(again.records[0].record, parsed.records[1].record);
    }

    #[test]
    fn reader_yields_the_same_records_as_parse() {
        let body: String = (1..=5)
            .map(|n| {
                article(
                    n,
                    &format!("<ArticleTitle>Title {n}</ArticleTitle>"),
                    "",
                    "",
                )
            })
            .collect();
        let xml = doc(&body);
        let from_parse: Vec<Record> = parse(&xml)
            .expect("valid")
            .records
            .into_iter()
            .map(|r| r.record)
            .collect();
        // A tiny BufReader capacity forces events to straddle refills.
        let reader = RecordReader::new(std::io::BufReader::with_capacity(7, xml.as_slice()));
        let from_reader: Vec<Record> = reader.collect::<Result<_, _>>().expect("valid");
        assert_eq!(from_parse.len(), 5);
        assert_eq!(from_reader, from_parse);
    }

    #[test]
    fn reader_memory_does_not_grow_with_the_input() {
        let record = article(
            1,
            &format!(
                "<ArticleTitle>T</ArticleTitle><Abstract><AbstractText>{}</AbstractText></Abstract>",
                "word ".repeat(200)
            ),
            "",
            "<ReferenceList><Reference><Citation>C</Citation></Reference></ReferenceList>",
        );
        // About 4 MB: far more than the event buffer may ever hold.
        let xml = doc(&record.repeat(4000));
        let mut reader = RecordReader::new(xml.as_slice());
        let capacity = reader.buf.capacity();
        let mut n = 0;
        for rec in reader.by_ref() {
            assert_eq!(rec.expect("valid").pmid, 1);
            n += 1;
        }
        assert_eq!(n, 4000);
        assert_eq!(reader.buf.capacity(), capacity, "the event buffer grew");
    }

    #[test]
    fn empty_set_is_ok_with_no_records() {
        let parsed = parse(&doc("\n")).expect("valid");
        assert!(parsed.records.is_empty());
        assert!(parse(b"<PubmedArticleSet/>")
            .expect("valid")
            .records
            .is_empty());
    }

    #[test]
    fn malformed_xml_reports_its_byte_position() {
        let mut xml = doc(&article(1, "<ArticleTitle>T</ArticleTitle>", "", ""));
        // Break an end tag: </ArticleTitle> becomes </ArticleTitel>.
        let text = String::from_utf8_lossy(&xml).replace("</ArticleTitle>", "</ArticleTitel>");
        xml = text.into_bytes();
        match parse(&xml) {
            Err(ParseError::Xml { position, message }) => {
                assert!(position > 200, "position {position}");
                assert!(message.contains("ArticleTitle"), "{message}");
            }
            other => panic!("expected an XML error, got {other:?}"),
        }
    }

    #[test]
    fn truncated_document_is_an_error() {
        let xml = doc(&article(1, "<ArticleTitle>T</ArticleTitle>", "", ""));
        let cut = &xml[..xml.len() - 40];
        assert!(matches!(parse(cut), Err(ParseError::Xml { .. })));
        let mut reader = RecordReader::new(cut);
        assert!(matches!(reader.next(), Some(Err(_))));
        assert!(reader.next().is_none(), "the reader stops after an error");
    }

    #[test]
    fn api_error_document() {
        let xml = b"<?xml version=\"1.0\"?>\n<eFetchResult>\n  <ERROR>Empty id list - nothing todo</ERROR>\n</eFetchResult>";
        match parse(xml) {
            Err(ParseError::Api { message }) => assert_eq!(message, "Empty id list - nothing todo"),
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[test]
    fn html_or_other_roots_are_not_pubmed() {
        let html = b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>503</title></head><body><p>Busy<br></body></html>";
        match parse(html) {
            Err(ParseError::NotPubmed { root }) => assert_eq!(root, "html"),
            other => panic!("expected NotPubmed, got {other:?}"),
        }
        match parse(b"<eSearchResult><Count>0</Count></eSearchResult>") {
            Err(ParseError::NotPubmed { root }) => assert_eq!(root, "eSearchResult"),
            other => panic!("expected NotPubmed, got {other:?}"),
        }
        assert!(matches!(parse(b""), Err(ParseError::Empty)));
        assert!(matches!(parse(b"  \n"), Err(ParseError::Empty)));
    }

    #[test]
    fn record_without_pmid_is_an_error() {
        let xml = doc("<PubmedArticle><MedlineCitation><Article><ArticleTitle>T</ArticleTitle></Article></MedlineCitation></PubmedArticle>");
        assert!(matches!(parse(&xml), Err(ParseError::MissingPmid { .. })));
    }

    #[test]
    fn error_messages_name_the_problem() {
        let e = ParseError::NotPubmed {
            root: "html".into(),
        };
        assert_eq!(
            e.to_string(),
            "not a PubMed efetch response: root element is <html>"
        );
        let e = ParseError::Xml {
            position: 12,
            message: "x".into(),
        };
        assert_eq!(e.to_string(), "malformed XML at byte 12: x");
    }
}
