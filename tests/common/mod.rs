//! Helpers for the E-utilities tests: small hand-written PubMed records in NCBI's efetch
//! format, request parameter access, and a wiremock responder that serves efetch from a set of
//! records and records when each request arrived.

#![allow(dead_code)] // each test binary uses a different subset

pub mod workspace;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use wiremock::{Request, Respond, ResponseTemplate};

/// What a test record holds.
#[derive(Clone, Debug, Default)]
pub struct Rec {
    pub pmid: u32,
    pub title: String,
    pub journal: String,
    pub iso: String,
    pub year: u16,
    pub authors: Vec<String>,
    pub abstract_text: String,
    pub doi: Option<String>,
    pub pmcid: Option<String>,
}

impl Rec {
    pub fn new(pmid: u32) -> Rec {
        Rec {
            pmid,
            title: format!("Trial number {pmid} of an antidepressant."),
            journal: "The American journal of psychiatry".into(),
            iso: "Am J Psychiatry".into(),
            year: 2015,
            authors: vec!["Doe".into(), "Roe".into()],
            abstract_text: "Response rates were 50% (95% CI, 40% to 60%).".into(),
            doi: None,
            pmcid: None,
        }
    }

    /// The `<PubmedArticle>` element, laid out as efetch lays it out.
    pub fn xml(&self) -> String {
        let authors: String = self
            .authors
            .iter()
            .map(|a| {
                format!("<Author ValidYN=\"Y\"><LastName>{a}</LastName><ForeName>A</ForeName><Initials>A</Initials></Author>")
            })
            .collect();
        let mut ids = format!("<ArticleId IdType=\"pubmed\">{}</ArticleId>", self.pmid);
        if let Some(d) = &self.doi {
            ids.push_str(&format!("<ArticleId IdType=\"doi\">{d}</ArticleId>"));
        }
        if let Some(p) = &self.pmcid {
            ids.push_str(&format!("<ArticleId IdType=\"pmc\">{p}</ArticleId>"));
        }
        format!(
            "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">{pmid}</PMID>\
<Article PubModel=\"Print\"><Journal><JournalIssue CitedMedium=\"Internet\"><Volume>1</Volume>\
<PubDate><Year>{year}</Year><Month>Jan</Month></PubDate></JournalIssue><Title>{journal}</Title>\
<ISOAbbreviation>{iso}</ISOAbbreviation></Journal><ArticleTitle>{title}</ArticleTitle>\
<Abstract><AbstractText>{abs}</AbstractText></Abstract><AuthorList CompleteYN=\"Y\">{authors}</AuthorList>\
<PublicationTypeList><PublicationType UI=\"D016449\">Randomized Controlled Trial</PublicationType></PublicationTypeList>\
</Article></MedlineCitation><PubmedData><ArticleIdList>{ids}</ArticleIdList></PubmedData></PubmedArticle>",
            pmid = self.pmid,
            year = self.year,
            journal = self.journal,
            iso = self.iso,
            title = self.title,
            abs = self.abstract_text,
        )
    }
}

/// A book record (`PubmedBookArticle`) with a Bookshelf accession.
pub fn book_xml(pmid: u32, nbk: &str, title: &str) -> String {
    format!(
        "<PubmedBookArticle><BookDocument><PMID Version=\"1\">{pmid}</PMID>\
<ArticleIdList><ArticleId IdType=\"bookaccession\">{nbk}</ArticleId></ArticleIdList>\
<Book><Publisher><PublisherName>StatPearls Publishing</PublisherName></Publisher>\
<BookTitle book=\"statpearls\">StatPearls</BookTitle><PubDate><Year>2024</Year></PubDate></Book>\
<ArticleTitle book=\"statpearls\" part=\"{nbk}\">{title}</ArticleTitle>\
<Abstract><AbstractText>About {title}.</AbstractText></Abstract></BookDocument>\
<PubmedBookData><ArticleIdList><ArticleId IdType=\"pubmed\">{pmid}</ArticleId></ArticleIdList></PubmedBookData>\
</PubmedBookArticle>"
    )
}

/// An efetch response holding these record elements.
pub fn article_set(elements: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n<PubmedArticleSet>\n{}\n</PubmedArticleSet>\n",
        elements.join("\n")
    )
}

/// An esearch response listing these PMIDs.
pub fn esearch_xml(ids: &[u32]) -> String {
    let list: String = ids.iter().map(|i| format!("<Id>{i}</Id>\n")).collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<!DOCTYPE eSearchResult PUBLIC \"-//NLM//DTD esearch 20060628//EN\" \"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd\">\n<eSearchResult><Count>{n}</Count><RetMax>{n}</RetMax><RetStart>0</RetStart><IdList>\n{list}</IdList><TranslationSet/><QueryTranslation/></eSearchResult>\n",
        n = ids.len()
    )
}

/// Every parameter of a request: the query string, and the form body of a POST.
pub fn params(req: &Request) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = req
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if req.method.as_str() == "POST" {
        for (k, v) in url::form_urlencoded::parse(&req.body) {
            out.insert(k.into_owned(), v.into_owned());
        }
    }
    out
}

/// The ids of an efetch request.
pub fn requested_ids(req: &Request) -> Vec<u32> {
    params(req)
        .get("id")
        .map(|ids| {
            ids.split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Serves efetch from `records` (ids it does not know are left out, as efetch does) and
/// records each request's arrival time.
#[derive(Clone)]
pub struct Efetch {
    pub records: Arc<BTreeMap<u32, String>>,
    pub times: Arc<Mutex<Vec<Instant>>>,
}

impl Efetch {
    pub fn new(elements: impl IntoIterator<Item = (u32, String)>) -> Efetch {
        Efetch {
            records: Arc::new(elements.into_iter().collect()),
            times: Arc::default(),
        }
    }
}

impl Respond for Efetch {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        if let Ok(mut t) = self.times.lock() {
            t.push(Instant::now());
        }
        let elements: Vec<String> = requested_ids(req)
            .iter()
            .filter_map(|id| self.records.get(id).cloned())
            .collect();
        ResponseTemplate::new(200)
            .insert_header("content-type", "text/xml; charset=UTF-8")
            .set_body_string(article_set(&elements))
    }
}

/// Answers with a fixed body and records each request's arrival time.
#[derive(Clone)]
pub struct Timed {
    pub body: String,
    pub times: Arc<Mutex<Vec<Instant>>>,
}

impl Respond for Timed {
    fn respond(&self, _req: &Request) -> ResponseTemplate {
        if let Ok(mut t) = self.times.lock() {
            t.push(Instant::now());
        }
        ResponseTemplate::new(200).set_body_string(self.body.clone())
    }
}

/// Answers the first `fail` requests with `first`, then with `then`.
pub struct Sequence {
    pub fail: usize,
    pub first: ResponseTemplate,
    pub then: ResponseTemplate,
    pub seen: Mutex<usize>,
    pub times: Arc<Mutex<Vec<Instant>>>,
}

impl Sequence {
    pub fn new(fail: usize, first: ResponseTemplate, then: ResponseTemplate) -> Sequence {
        Sequence {
            fail,
            first,
            then,
            seen: Mutex::new(0),
            times: Arc::default(),
        }
    }
}

impl Respond for Sequence {
    fn respond(&self, _req: &Request) -> ResponseTemplate {
        if let Ok(mut t) = self.times.lock() {
            t.push(Instant::now());
        }
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        *seen += 1;
        if *seen <= self.fail {
            self.first.clone()
        } else {
            self.then.clone()
        }
    }
}

/// The most timestamps that fall in any one-second window.
pub fn max_per_second(times: &[Instant]) -> usize {
    let mut sorted = times.to_vec();
    sorted.sort();
    (0..sorted.len())
        .map(|i| {
            sorted[i..]
                .iter()
                .take_while(|t| t.duration_since(sorted[i]).as_secs_f64() < 1.0)
                .count()
        })
        .max()
        .unwrap_or(0)
}
