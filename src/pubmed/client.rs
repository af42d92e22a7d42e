//! The NCBI E-utilities client: efetch (PubMed XML), esearch and the PMC ID converter.
//!
//! In: PMIDs, search terms, PMC ids. Out: parsed records with their raw XML, PMIDs, PMC→PMID
//! conversions, or a typed [`Error`]. Every request goes through one private function,
//! `Client::request`, which alone paces (one budget shared by all concurrent tasks and, with a
//! pace file, by every process using it), adds `tool`, `email` and `api_key`, retries what can
//! pass, keeps to a total deadline, reads the body through a size cap, maps HTTP statuses and
//! detects errors that come back with HTTP 200. It never prints: progress goes to an optional
//! [`ProgressBar`] the caller owns, per-request log lines to an optional [`Logger`], warnings are
//! returned as strings. It knows nothing about the cache.
//!
//! The server is not trusted: a body larger than the cap (counted after decompression) is
//! abandoned, a redirect to another host or more than [`MAX_REDIRECTS`] redirects is refused,
//! a `Retry-After` longer than the cap gives the request up instead of waiting, and XML with an
//! internal DTD (entity declarations) is refused before it is parsed.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use indicatif::ProgressBar;
use quick_xml::events::Event;
use reqwest::header::{HeaderMap, CONTENT_TYPE, RETRY_AFTER};
use url::Url;

use super::error::ResponseError;
use super::error::{Endpoint, Error, TransportKind};
use super::esearch::{self, SearchResult};
use super::idconv::{self, Conversion};
use super::pace::Pacer;
use super::parse;
use crate::model::Record;

/// The default E-utilities base URL.
pub const DEFAULT_EUTILS_URL: &str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/";
/// The default PMC ID converter URL.
pub const DEFAULT_IDCONV_URL: &str = "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/";
/// The most ids efetch is sent in one request (NCBI recommends at most 200 per GET).
pub const EFETCH_BATCH: usize = 200;
/// Above this many ids, efetch is sent as a POST form instead of a GET.
const POST_ABOVE_IDS: usize = 50;
/// Above this URL length, any request is sent as a POST form.
const POST_ABOVE_URL_BYTES: usize = 2000;
/// The default longest `Retry-After` honoured; a server asking for a longer wait gets the
/// request given up.
pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// The default total deadline of one request, retries and waits included.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);
/// The default largest response body read (after decompression). An efetch batch of 200
/// records is a few megabytes; a record is rarely above 200 kB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;
/// How many times the default client retries a request that may pass.
pub const DEFAULT_RETRIES: u32 = 4;
/// The most redirects followed, all on the host the request went to.
pub const MAX_REDIRECTS: usize = 5;
/// How much of an error status's body is read for its message.
const ERROR_BODY_BYTES: u64 = 64 * 1024;
/// The longest one attempt's connection set-up may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the client's per-request log lines go (`--verbose`). Lines never hold the API key or
/// the email address.
#[derive(Clone)]
pub struct Logger(Arc<dyn Fn(&str) + Send + Sync>);

impl Logger {
    /// A logger calling `f` with each line.
    pub fn new(f: impl Fn(&str) + Send + Sync + 'static) -> Self {
        Logger(Arc::new(f))
    }

    fn line(&self, s: &str) {
        (self.0)(s);
    }
}

impl std::fmt::Debug for Logger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Logger")
    }
}

/// Builds a [`Client`]. Start from [`Client::builder`] or [`ClientBuilder::from_env`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    eutils_url: String,
    idconv_url: String,
    api_key: Option<String>,
    email: Option<String>,
    tool: String,
    max_retries: u32,
    base_backoff: Duration,
    max_backoff: Duration,
    deadline: Duration,
    max_retry_after: Duration,
    max_response_bytes: u64,
    pace_file: Option<PathBuf>,
    progress: Option<ProgressBar>,
    logger: Option<Logger>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            eutils_url: DEFAULT_EUTILS_URL.to_owned(),
            idconv_url: DEFAULT_IDCONV_URL.to_owned(),
            api_key: None,
            email: None,
            tool: "claimcheck".to_owned(),
            max_retries: DEFAULT_RETRIES,
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(20),
            deadline: DEFAULT_DEADLINE,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            pace_file: None,
            progress: None,
            logger: None,
        }
    }
}

impl ClientBuilder {
    /// Defaults overridden by the environment: `NCBI_API_KEY`, `NCBI_EMAIL`,
    /// `CLAIMCHECK_EUTILS_URL`, `CLAIMCHECK_IDCONV_URL` (empty values count as unset).
    /// Setters called afterwards (from command-line flags) override these.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`ClientBuilder::from_env`] with a custom variable lookup (for tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let mut b = ClientBuilder::default();
        if let Some(v) = get("NCBI_API_KEY") {
            b.api_key = Some(v.trim().to_owned());
        }
        if let Some(v) = get("NCBI_EMAIL") {
            b.email = Some(v.trim().to_owned());
        }
        if let Some(v) = get("CLAIMCHECK_EUTILS_URL") {
            b.eutils_url = v;
        }
        if let Some(v) = get("CLAIMCHECK_IDCONV_URL") {
            b.idconv_url = v;
        }
        b
    }

    /// The E-utilities base URL (the directory holding `efetch.fcgi`).
    pub fn eutils_url(mut self, url: impl Into<String>) -> Self {
        self.eutils_url = url.into();
        self
    }

    /// The PMC ID converter URL.
    pub fn idconv_url(mut self, url: impl Into<String>) -> Self {
        self.idconv_url = url.into();
        self
    }

    /// The NCBI API key: raises the rate limit from 3 to 10 requests per second.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into()).filter(|k| !k.trim().is_empty());
        self
    }

    /// The contact email NCBI asks every tool to send.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into()).filter(|e| !e.trim().is_empty());
        self
    }

    /// The `tool` parameter (default `claimcheck`).
    pub fn tool(mut self, tool: impl Into<String>) -> Self {
        self.tool = tool.into();
        self
    }

    /// How many times a failed request is retried (default 4).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// The first retry's delay; it doubles with each retry (default 500 ms).
    pub fn base_backoff(mut self, d: Duration) -> Self {
        self.base_backoff = d;
        self
    }

    /// The longest delay between retries, before jitter (default 20 s).
    pub fn max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// The total deadline of one request, every attempt and wait included (default 120 s).
    /// When it passes, the request is given up.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.deadline = d;
        self
    }

    /// The longest `Retry-After` waited for (default 60 s). A server asking for more gets the
    /// request given up at once.
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }

    /// The largest response body read, counted after decompression (default 64 MiB). A larger
    /// one is abandoned as soon as it passes the cap.
    pub fn max_response_bytes(mut self, n: u64) -> Self {
        self.max_response_bytes = n;
        self
    }

    /// A file that paces requests across processes: every client given the same file shares
    /// one budget of 3 (10 with a key) requests per second. See [`super::pace`].
    pub fn pace_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.pace_file = Some(path.into());
        self
    }

    /// Where per-request log lines go (`--verbose`).
    pub fn logger(mut self, logger: Logger) -> Self {
        self.logger = Some(logger);
        self
    }

    /// A progress bar the client advances by one per request it completes. The caller decides
    /// whether it is drawn (only when stderr is a terminal).
    pub fn progress(mut self, bar: ProgressBar) -> Self {
        self.progress = Some(bar);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let eutils = base_url(&self.eutils_url)?;
        let idconv = base_url(&self.idconv_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(self.deadline.min(CONNECT_TIMEOUT))
            .redirect(same_host_redirects())
            .user_agent(concat!("claimcheck/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Config {
                message: format!("cannot build the HTTP client: {}", e.without_url()),
            })?;
        let per_second = if self.api_key.is_some() { 10 } else { 3 };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                eutils,
                idconv,
                api_key: self.api_key,
                email: self.email,
                tool: self.tool,
                pacer: Pacer::new(per_second, self.pace_file),
                per_second,
                max_retries: self.max_retries,
                base_backoff: self.base_backoff,
                max_backoff: self.max_backoff.max(self.base_backoff),
                deadline: self.deadline,
                max_retry_after: self.max_retry_after,
                max_response_bytes: self.max_response_bytes,
                progress: self.progress.unwrap_or_else(ProgressBar::hidden),
                logger: self.logger,
            }),
        })
    }
}

/// Follows at most [`MAX_REDIRECTS`] redirects, and only to the host (and port) the request
/// went to: E-utilities never sends a client elsewhere, so another host is a misconfigured
/// proxy or a hostile answer, and a loop ends at the limit.
fn same_host_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first();
        let same = first.is_some_and(|f| {
            f.host_str() == attempt.url().host_str()
                && f.port_or_known_default() == attempt.url().port_or_known_default()
        });
        if attempt.previous().len() > MAX_REDIRECTS {
            let n = attempt.previous().len();
            attempt.error(format!("more than {MAX_REDIRECTS} redirects ({n})"))
        } else if !same {
            let to = attempt.url().host_str().unwrap_or("").to_owned();
            attempt.error(format!("redirect to another host ({to}) refused"))
        } else {
            attempt.follow()
        }
    })
}

fn base_url(s: &str) -> Result<Url, Error> {
    // `Url::join` drops the last segment unless the base ends with a slash.
    let with_slash = if s.ends_with('/') {
        s.to_owned()
    } else {
        format!("{s}/")
    };
    let url = Url::parse(&with_slash).map_err(|e| Error::Config {
        message: format!("invalid base URL {s:?}: {e}"),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::Config {
            message: format!("invalid base URL {s:?}: not http or https"),
        });
    }
    Ok(url)
}

/// An E-utilities client. Cheap to clone; clones share the rate limiter.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    eutils: Url,
    idconv: Url,
    api_key: Option<String>,
    email: Option<String>,
    tool: String,
    pacer: Pacer,
    per_second: u32,
    max_retries: u32,
    base_backoff: Duration,
    max_backoff: Duration,
    deadline: Duration,
    max_retry_after: Duration,
    max_response_bytes: u64,
    progress: ProgressBar,
    logger: Option<Logger>,
}

/// A record efetch returned, with its raw element for the cache.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchedRecord {
    /// The parsed record.
    pub record: Record,
    /// The record's `<PubmedArticle>` / `<PubmedBookArticle>` element, byte for byte.
    pub raw: String,
}

/// What an efetch of a list of PMIDs returned.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fetched {
    /// The records, batch by batch in document order.
    pub records: Vec<FetchedRecord>,
    /// Requested PMIDs that no record answered (efetch leaves unknown ids out silently), in
    /// request order. Includes deleted ones.
    pub missing: Vec<u32>,
    /// PMIDs efetch listed as deleted (`<DeleteCitation>`).
    pub deleted: Vec<u32>,
}

/// A batch of PMIDs whose efetch failed.
#[derive(Debug)]
pub struct FailedBatch {
    /// The PMIDs of the batch.
    pub pmids: Vec<u32>,
    /// Why it failed.
    pub error: Error,
}

/// What a DOI lookup found.
#[derive(Debug, Clone, PartialEq)]
pub enum DoiLookup {
    /// A record whose own DOI is the DOI.
    Found(Box<FetchedRecord>),
    /// esearch found records, but none has this DOI: not an answer.
    Mismatch {
        /// The PMIDs esearch returned.
        pmids: Vec<u32>,
        /// Their DOIs (`None` when a record has none).
        dois: Vec<Option<String>>,
    },
    /// No record has this DOI.
    NotFound,
}

/// The most search hits [`Client::pmid_for_doi`] fetches to verify.
const DOI_CANDIDATES: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xml,
    Json,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Xml => "XML",
            Format::Json => "JSON",
        }
    }
}

/// The esearch term that finds a record by DOI: `"<doi>"[doi]` (PubMed's documented DOI
/// search; the phrase is quoted so punctuation in the DOI is not parsed as syntax).
pub fn doi_term(doi: &str) -> String {
    format!("\"{}\"[doi]", doi.trim().replace('"', ""))
}

/// The esearch term that finds a Bookshelf record by its accession: `NBK1116[aid]`.
///
/// PubMed indexes a record's ArticleIdList under Article Identifier `[aid]`, and a
/// `PubmedBookArticle`'s list holds its `bookaccession` (`NBK…`). Hits are still checked
/// against `Record::book_accession`, since `[aid]` also holds other id types.
pub fn nbk_term(nbk: &str) -> String {
    format!("{}[aid]", nbk.trim().replace(['"', '[', ']', ' '], ""))
}

/// Whether a record's own DOI is `doi` (DOIs compare case-insensitively).
pub fn doi_matches(record: &Record, doi: &str) -> bool {
    record
        .doi
        .as_deref()
        .is_some_and(|d| d.trim().eq_ignore_ascii_case(doi.trim()))
}

/// Whether a book record's accession is `nbk`.
pub fn nbk_matches(record: &Record, nbk: &str) -> bool {
    record
        .book_accession
        .as_deref()
        .is_some_and(|a| a.trim().eq_ignore_ascii_case(nbk.trim()))
}

impl Client {
    /// A builder with the defaults (no key, no email, NCBI's URLs).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Warnings the application should show once: an unset email.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.inner.email.is_none() {
            out.push(
                "NCBI_EMAIL is not set: NCBI asks E-utilities users for a contact email \
                 (set NCBI_EMAIL or pass --email)"
                    .to_owned(),
            );
        }
        out
    }

    /// The request rate the client keeps to: 3 per second, 10 with an API key.
    pub fn requests_per_second(&self) -> u32 {
        self.inner.per_second
    }

    /// Fetches PubMed records (`db=pubmed`, `retmode=xml`), at most [`EFETCH_BATCH`] ids per
    /// request, batches in parallel under the shared rate limit. Fails with the first failed
    /// batch; see [`Client::efetch_partial`] to keep the batches that worked.
    pub async fn efetch(&self, pmids: &[u32]) -> Result<Fetched, Error> {
        let (fetched, mut failed) = self.efetch_partial(pmids).await;
        match failed.is_empty() {
            true => Ok(fetched),
            false => Err(failed.swap_remove(0).error),
        }
    }

    /// Fetches PubMed records like [`Client::efetch`], returning what the good batches got and
    /// the failed batches separately (a failed batch's ids are not in `missing`).
    pub async fn efetch_partial(&self, pmids: &[u32]) -> (Fetched, Vec<FailedBatch>) {
        let mut ids: Vec<u32> = Vec::with_capacity(pmids.len());
        let mut seen = std::collections::HashSet::new();
        for &id in pmids {
            if id > 0 && seen.insert(id) {
                ids.push(id);
            }
        }
        let batches: Vec<Vec<u32>> = ids.chunks(EFETCH_BATCH).map(<[u32]>::to_vec).collect();
        self.inner.progress.inc_length(batches.len() as u64);
        let mut tasks = tokio::task::JoinSet::new();
        for (i, batch) in batches.into_iter().enumerate() {
            let client = self.clone();
            tasks.spawn(async move {
                let result = client.efetch_batch(&batch).await;
                client.inner.progress.inc(1);
                (i, batch, result)
            });
        }
        let mut results = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok(r) => results.push(r),
                // A task can only fail by panicking; keep it a panic rather than lose it.
                Err(e) => std::panic::resume_unwind(e.into_panic()),
            }
        }
        // Batches finish in any order; report them in request order.
        results.sort_by_key(|(i, _, _)| *i);
        let mut fetched = Fetched::default();
        let mut failed = Vec::new();
        for (_, batch, result) in results {
            match result {
                Ok(mut f) => {
                    fetched.records.append(&mut f.records);
                    fetched.missing.append(&mut f.missing);
                    fetched.deleted.append(&mut f.deleted);
                }
                Err(error) => failed.push(FailedBatch {
                    pmids: batch,
                    error,
                }),
            }
        }
        (fetched, failed)
    }

    async fn efetch_batch(&self, pmids: &[u32]) -> Result<Fetched, Error> {
        let id_list = pmids
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let params = vec![
            ("db", "pubmed".to_owned()),
            ("id", id_list),
            ("retmode", "xml".to_owned()),
        ];
        let post = pmids.len() > POST_ABOVE_IDS;
        let (body, url) = self
            .request(Endpoint::Efetch, "efetch.fcgi", params, Format::Xml, post)
            .await?;
        let parsed = parse::parse(&body).map_err(|e| match e {
            parse::ParseError::Api { message } => Error::Api {
                endpoint: Endpoint::Efetch,
                url: url.clone(),
                message: self.redact(message),
            },
            other => Error::Malformed {
                endpoint: Endpoint::Efetch,
                url: url.clone(),
                message: self.redact(other.to_string()),
            },
        })?;
        let mut out = Fetched::default();
        for p in parsed.records {
            // A range outside the body would be a parser bug; such a record cannot be cached
            // faithfully, so it is left out (and reported missing) rather than stored damaged.
            if let Some(raw) = body.get(p.raw.clone()) {
                out.records.push(FetchedRecord {
                    record: p.record,
                    raw: String::from_utf8_lossy(raw).into_owned(),
                });
            }
        }
        let got: std::collections::HashSet<u32> =
            out.records.iter().map(|r| r.record.pmid).collect();
        out.missing = pmids
            .iter()
            .copied()
            .filter(|id| !got.contains(id))
            .collect();
        out.deleted = parsed.deleted;
        Ok(out)
    }

    /// Searches PubMed (`esearch`, `db=pubmed`, `retmode=xml`) and returns up to `retmax` PMIDs.
    pub async fn esearch(&self, term: &str, retmax: u32) -> Result<SearchResult, Error> {
        let params = vec![
            ("db", "pubmed".to_owned()),
            ("term", term.to_owned()),
            ("retmax", retmax.to_string()),
            ("retmode", "xml".to_owned()),
        ];
        self.inner.progress.inc_length(1);
        let result = self
            .request(
                Endpoint::Esearch,
                "esearch.fcgi",
                params,
                Format::Xml,
                false,
            )
            .await;
        self.inner.progress.inc(1);
        let (body, url) = result?;
        esearch::parse(&body).map_err(|e| self.response_error(Endpoint::Esearch, url, e))
    }

    /// A reader's error as the client's, naming the endpoint and the (redacted) URL.
    fn response_error(&self, endpoint: Endpoint, url: String, e: ResponseError) -> Error {
        match e {
            ResponseError::Api { message } => Error::Api {
                endpoint,
                url,
                message: self.redact(message),
            },
            ResponseError::Malformed { message } => Error::Malformed {
                endpoint,
                url,
                message: self.redact(message),
            },
        }
    }

    /// Converts PMC ids to PMIDs with the PMC ID converter, [`EFETCH_BATCH`] ids per request.
    /// One [`Conversion`] per record the converter returned; ids it left out are misses too.
    pub async fn pmc_to_pmid(&self, pmcids: &[String]) -> Result<Vec<Conversion>, Error> {
        let mut out = Vec::with_capacity(pmcids.len());
        for chunk in pmcids.chunks(EFETCH_BATCH) {
            let params = vec![
                ("ids", chunk.join(",")),
                ("idtype", "pmcid".to_owned()),
                ("format", "json".to_owned()),
            ];
            self.inner.progress.inc_length(1);
            let result = self
                .request(Endpoint::IdConv, "", params, Format::Json, false)
                .await;
            self.inner.progress.inc(1);
            let (body, url) = result?;
            let mut records =
                idconv::parse(&body).map_err(|e| self.response_error(Endpoint::IdConv, url, e))?;
            out.append(&mut records);
        }
        Ok(out)
    }

    /// The PMIDs esearch finds for a DOI (unverified; see [`Client::pmid_for_doi`]).
    pub async fn search_doi(&self, doi: &str) -> Result<Vec<u32>, Error> {
        Ok(self.esearch(&doi_term(doi), DOI_CANDIDATES).await?.ids)
    }

    /// The PMIDs esearch finds for a Bookshelf accession (unverified).
    pub async fn search_nbk(&self, nbk: &str) -> Result<Vec<u32>, Error> {
        Ok(self.esearch(&nbk_term(nbk), DOI_CANDIDATES).await?.ids)
    }

    /// Finds the record of a DOI: esearch `"<doi>"[doi]`, efetch the hits, and accept only a
    /// record whose own DOI equals `doi` (case-insensitively). A hit with another DOI is a
    /// [`DoiLookup::Mismatch`], never an answer.
    pub async fn pmid_for_doi(&self, doi: &str) -> Result<DoiLookup, Error> {
        let pmids = self.search_doi(doi).await?;
        if pmids.is_empty() {
            return Ok(DoiLookup::NotFound);
        }
        let fetched = self.efetch(&pmids).await?;
        let dois = fetched
            .records
            .iter()
            .map(|r| r.record.doi.clone())
            .collect();
        match fetched
            .records
            .into_iter()
            .find(|r| doi_matches(&r.record, doi))
        {
            Some(r) => Ok(DoiLookup::Found(Box::new(r))),
            None => Ok(DoiLookup::Mismatch { pmids, dois }),
        }
    }

    /// The one place a request is made: pacing, identifying parameters, retries within the
    /// deadline, the body size cap, status mapping, error-body detection. Returns the body and
    /// the redacted URL.
    async fn request(
        &self,
        endpoint: Endpoint,
        path: &str,
        mut params: Vec<(&'static str, String)>,
        format: Format,
        post: bool,
    ) -> Result<(Vec<u8>, String), Error> {
        let inner = &*self.inner;
        let base = match endpoint {
            Endpoint::IdConv => inner.idconv.clone(),
            Endpoint::Efetch | Endpoint::Esearch => inner.eutils.clone(),
        };
        let base = base.join(path).map_err(|e| Error::Config {
            message: format!("cannot join {path:?} to the base URL: {e}"),
        })?;
        params.push(("tool", inner.tool.clone()));
        if let Some(email) = &inner.email {
            params.push(("email", email.clone()));
        }
        let shown = redacted_url(&base, &params);
        if let Some(key) = &inner.api_key {
            params.push(("api_key", key.clone()));
        }
        let mut get_url = base.clone();
        get_url
            .query_pairs_mut()
            .extend_pairs(params.iter().map(|(k, v)| (*k, v.as_str())));
        let post = post || get_url.as_str().len() > POST_ABOVE_URL_BYTES;
        let verb = if post { "POST" } else { "GET" };

        // The deadline starts once the first request may go: waiting for the shared budget
        // behind other processes is not the server's fault.
        let mut deadline = None;
        let mut attempts = 0;
        loop {
            attempts += 1;
            let slot = inner.pacer.wait().await;
            if let Some(message) = slot.warning {
                self.log(&format!("warning: {message}"));
            }
            // The time the budget granted, as recorded in the shared pace file: what the
            // budget promises NCBI, and what tests check it by.
            let at = slot.at.duration_since(UNIX_EPOCH).unwrap_or_default();
            self.log(&format!(
                "{endpoint}: budget slot at {}.{:09} (Unix time) for attempt {attempts}",
                at.as_secs(),
                at.subsec_nanos()
            ));
            let deadline = *deadline.get_or_insert_with(|| Instant::now() + inner.deadline);
            let remaining = deadline.saturating_duration_since(Instant::now());
            let request = if post {
                inner.http.post(base.clone()).form(&params)
            } else {
                inner.http.get(get_url.clone())
            };
            let started = Instant::now();
            let sent = tokio::time::timeout(
                remaining,
                self.send(request.timeout(remaining), endpoint, &shown, format),
            )
            .await;
            let (error, retry_after) = match sent {
                Ok(Ok(body)) => {
                    self.log(&format!(
                        "{endpoint} {verb} {shown} (attempt {attempts}): {} bytes in {:.2} s",
                        body.len(),
                        started.elapsed().as_secs_f64()
                    ));
                    return Ok((body, shown));
                }
                Ok(Err(failure)) => failure,
                Err(_) => (self.timed_out(endpoint, &shown, inner.deadline), None),
            };
            self.log(&format!(
                "{endpoint} {verb} {shown} (attempt {attempts}): {error} after {:.2} s",
                started.elapsed().as_secs_f64()
            ));
            let delay = self.retry_delay(error, retry_after, attempts, deadline)?;
            self.log(&format!(
                "{endpoint}: retrying in {:.2} s",
                delay.as_secs_f64()
            ));
            tokio::time::sleep(delay).await;
        }
    }

    /// Whether and when to try again after `error`: `Ok(delay)` to retry, `Err` with the error
    /// to report when the request is given up (not retryable, out of retries, a `Retry-After`
    /// over the cap, or a wait that would pass the deadline).
    fn retry_delay(
        &self,
        error: Error,
        retry_after: Option<Duration>,
        attempts: u32,
        deadline: Instant,
    ) -> Result<Duration, Error> {
        let inner = &*self.inner;
        if !error.is_transient() {
            return Err(error);
        }
        if attempts > inner.max_retries {
            return Err(Error::GaveUp {
                attempts,
                last: Box::new(error),
            });
        }
        let delay = match retry_after {
            Some(wait) if wait > inner.max_retry_after => {
                return Err(Error::RetryAfter {
                    wait,
                    cap: inner.max_retry_after,
                    last: Box::new(error),
                })
            }
            Some(wait) => wait,
            None => self.backoff(attempts),
        };
        if Instant::now() + delay >= deadline {
            return Err(Error::Deadline {
                limit: inner.deadline,
                attempts,
                last: Box::new(error),
            });
        }
        Ok(delay)
    }

    fn timed_out(&self, endpoint: Endpoint, url: &str, limit: Duration) -> Error {
        Error::Transport {
            endpoint,
            url: url.to_owned(),
            kind: TransportKind::Timeout,
            message: format!(
                "no complete answer within the {:.1} s deadline",
                limit.as_secs_f64()
            ),
        }
    }

    fn log(&self, line: &str) {
        if let Some(logger) = &self.inner.logger {
            logger.line(&self.redact(line.to_owned()));
        }
    }

    /// One attempt. On failure, also returns the server's `Retry-After`.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
        endpoint: Endpoint,
        url: &str,
        format: Format,
    ) -> Result<Vec<u8>, (Error, Option<Duration>)> {
        let transport = |e: reqwest::Error| {
            let (kind, message) = describe_transport(e);
            Error::Transport {
                endpoint,
                url: url.to_owned(),
                kind,
                message: self.redact(message),
            }
        };
        let response = request.send().await.map_err(|e| (transport(e), None))?;
        let status = response.status();
        let retry_after = parse_retry_after(response.headers(), SystemTime::now());
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if !status.is_success() {
            let head = read_capped(response, ERROR_BODY_BYTES).await;
            let detail = head
                .ok()
                .and_then(|b| error_detail(&b.bytes))
                .map(|d| self.redact(d));
            return Err((
                Error::Status {
                    endpoint,
                    url: url.to_owned(),
                    status: status.as_u16(),
                    detail,
                },
                retry_after,
            ));
        }
        let body = read_capped(response, self.inner.max_response_bytes)
            .await
            .map_err(|e| (transport(e), None))?;
        if body.truncated {
            return Err((
                Error::TooLarge {
                    endpoint,
                    url: url.to_owned(),
                    limit: self.inner.max_response_bytes,
                },
                None,
            ));
        }
        let malformed = |message: String| Error::Malformed {
            endpoint,
            url: url.to_owned(),
            message: self.redact(message),
        };
        if let Some(message) = unexpected_content_type(format, content_type.as_deref()) {
            return Err((malformed(message), None));
        }
        match check_body(format, &body.bytes) {
            BodyCheck::Ok => Ok(body.bytes),
            BodyCheck::Html { title } => Err((
                Error::Html {
                    endpoint,
                    url: url.to_owned(),
                    expected: format.name(),
                    title: title.map(|t| self.redact(t)),
                },
                retry_after,
            )),
            BodyCheck::Api(message) => Err((
                Error::Api {
                    endpoint,
                    url: url.to_owned(),
                    message: self.redact(message),
                },
                retry_after,
            )),
            BodyCheck::Malformed(message) => Err((malformed(message), None)),
        }
    }

    /// Exponential backoff from `base_backoff`, capped at `max_backoff`, with "equal jitter":
    /// half the delay is fixed and half random, so concurrent retries spread out.
    fn backoff(&self, attempt: u32) -> Duration {
        let inner = &*self.inner;
        let exp = inner
            .base_backoff
            .saturating_mul(
                1u32.checked_shl(attempt.saturating_sub(1))
                    .unwrap_or(u32::MAX),
            )
            .min(inner.max_backoff);
        let half = exp / 2;
        half + half.mul_f64(fastrand::f64())
    }

    /// Removes the API key from text that could echo it (server messages, transport errors).
    fn redact(&self, s: String) -> String {
        match &self.inner.api_key {
            Some(key) if !key.is_empty() && s.contains(key.as_str()) => {
                s.replace(key.as_str(), "<redacted>")
            }
            _ => s,
        }
    }
}

/// The URL shown in errors and log lines: the request's parameters without the API key or the
/// email address, and a long id list shortened so a message stays readable.
fn redacted_url(base: &Url, params: &[(&'static str, String)]) -> String {
    let mut url = base.clone();
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in params {
            if *k == "api_key" || *k == "email" {
                continue;
            }
            if *k == "id" || *k == "ids" {
                let n = v.split(',').count();
                if n > 3 {
                    let first: Vec<&str> = v.split(',').take(3).collect();
                    q.append_pair(k, &format!("{},...({n} ids)", first.join(",")));
                    continue;
                }
            }
            q.append_pair(k, v);
        }
    }
    url.to_string()
}

/// A transport failure: whether it may pass (see [`TransportKind`]) and what happened in words,
/// without the URL reqwest would otherwise include.
fn describe_transport(e: reqwest::Error) -> (TransportKind, String) {
    let e = e.without_url();
    let (kind, what) = if e.is_redirect() {
        (TransportKind::Redirect, "redirect refused")
    } else if e.is_timeout() {
        (TransportKind::Timeout, "timed out")
    } else if e.is_connect() {
        (TransportKind::Connect, "could not connect")
    } else if e.is_body() || e.is_decode() {
        (
            TransportKind::Dropped,
            "connection dropped while reading the response",
        )
    } else if e.is_request() {
        (TransportKind::Dropped, "connection failed")
    } else {
        (TransportKind::Other, "request failed")
    };
    let mut msg = what.to_owned();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    (kind, msg)
}

/// `Retry-After` as a wait from `now`: delay-seconds, or an HTTP-date (a date in the past is
/// no wait).
fn parse_retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A body read up to a cap.
struct Body {
    bytes: Vec<u8>,
    /// The body went on past the cap (the rest was not read).
    truncated: bool,
}

/// Reads a response body chunk by chunk (after decompression), stopping as soon as it passes
/// `cap`: memory never holds more than the cap plus one chunk.
async fn read_capped(mut response: reqwest::Response, cap: u64) -> Result<Body, reqwest::Error> {
    // With compression, reqwest drops Content-Length; when it is there, it is the body's size.
    if response.content_length().is_some_and(|n| n > cap) {
        return Ok(Body {
            bytes: Vec::new(),
            truncated: true,
        });
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = usize::try_from(cap)
            .unwrap_or(usize::MAX)
            .saturating_sub(bytes.len());
        if chunk.len() > room {
            bytes.extend_from_slice(&chunk[..room]);
            return Ok(Body {
                bytes,
                truncated: true,
            });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Body {
        bytes,
        truncated: false,
    })
}

/// Why a `Content-Type` cannot hold the expected format, if it cannot. A missing type, any XML,
/// JSON or text type passes (HTML is told by its body, see [`check_body`]); anything else
/// (an image, `application/octet-stream`) is not an E-utilities answer.
fn unexpected_content_type(format: Format, content_type: Option<&str>) -> Option<String> {
    let ct = content_type?.trim().to_ascii_lowercase();
    let essence = ct.split(';').next().unwrap_or("").trim();
    let fits = essence.is_empty()
        || essence.starts_with("text/")
        || essence.contains("xml")
        || essence.contains("json")
        || essence == "application/javascript";
    (!fits).then(|| {
        format!(
            "unexpected content type {essence:?}, expected {}",
            format.name()
        )
    })
}

/// What a 200 response's body turned out to be.
#[derive(Debug, PartialEq)]
enum BodyCheck {
    Ok,
    Html { title: Option<String> },
    Api(String),
    Malformed(String),
}

/// Looks at the start of a 200 body for the ways NCBI reports failure without a status: an
/// HTML page, `<ERROR>` as the root's first child, `{"error": …}` or `esearchresult.ERROR`.
/// Only the head of an XML document is read; the full parse happens later.
fn check_body(format: Format, body: &[u8]) -> BodyCheck {
    let trimmed = trim_start(body);
    if trimmed.is_empty() {
        return BodyCheck::Malformed(format!("empty body, expected {}", format.name()));
    }
    if looks_like_html(trimmed) {
        return BodyCheck::Html {
            title: html_title(trimmed),
        };
    }
    if trimmed.first() == Some(&b'<') {
        if format == Format::Json {
            return BodyCheck::Malformed("expected JSON, got XML".to_owned());
        }
        return match xml_head(trimmed) {
            Ok(Some(message)) => BodyCheck::Api(message),
            Ok(None) => BodyCheck::Ok,
            Err(m) => BodyCheck::Malformed(m),
        };
    }
    // Not markup: JSON, which for an XML request can only be an error (NCBI sends
    // `{"error":"API rate limit exceeded",…}` whatever the retmode).
    match serde_json::from_slice::<serde_json::Value>(trimmed) {
        Ok(v) => match json_error(&v) {
            Some(message) => BodyCheck::Api(message),
            None if format == Format::Json => BodyCheck::Ok,
            None => BodyCheck::Malformed("expected XML, got JSON".to_owned()),
        },
        Err(e) => BodyCheck::Malformed(format!("expected {}, got: {e}", format.name())),
    }
}

fn trim_start(body: &[u8]) -> &[u8] {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    &body[start..]
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let starts = |p: &[u8]| lower.starts_with(p);
    starts(b"<!doctype html")
        || starts(b"<html")
        || (starts(b"<?xml") && lower.windows(5).any(|w| w == b"<html"))
        || (lower.starts_with(b"<!doctype") && lower.windows(14).any(|w| w == b"<!doctype html"))
}

fn html_title(body: &[u8]) -> Option<String> {
    let head = &body[..body.len().min(16 * 1024)];
    let lower = head.to_ascii_lowercase();
    let start = find(&lower, b"<title")?;
    let open_end = start + find(lower.get(start..)?, b">")? + 1;
    let close = open_end + find(lower.get(open_end..)?, b"</title")?;
    let title = String::from_utf8_lossy(head.get(open_end..close)?);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then(|| title.chars().take(120).collect())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads an XML document up to the root's first child. `Ok(Some(message))` when that child is
/// `<ERROR>` (efetch's and esearch's error form).
fn xml_head(body: &[u8]) -> Result<Option<String>, String> {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut depth = 0usize;
    let mut in_error = false;
    let mut message = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::DocType(d) if parse::declares_internal_dtd(&d) => {
                return Err("refused: the document declares an internal DTD \
                            (entities are never expanded)"
                    .to_owned())
            }
            Event::Start(e) => {
                depth += 1;
                if depth == 2 {
                    if e.name().as_ref() == b"ERROR" {
                        in_error = true;
                    } else {
                        return Ok(None);
                    }
                }
            }
            Event::Empty(_) => return Ok(None),
            Event::Text(t) if in_error => message.push_str(&t.decode().unwrap_or_default()),
            Event::GeneralRef(r) if in_error => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    message.push(c);
                }
            }
            Event::End(_) => {
                if in_error {
                    return Ok(Some(message.trim().to_owned()));
                }
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(None);
                }
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

/// The message of a JSON error document: `{"error": …}` or `{"esearchresult": {"ERROR": …}}`.
fn json_error(v: &serde_json::Value) -> Option<String> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let Some(e) = v.get("error") {
        return Some(text(e));
    }
    if let Some(e) = v.get("esearchresult").and_then(|r| r.get("ERROR")) {
        return Some(text(e));
    }
    None
}

/// The error message an error status's body carries, if any (at most 200 characters).
fn error_detail(body: &[u8]) -> Option<String> {
    let trimmed = trim_start(body);
    let message = if trimmed.first() == Some(&b'<') {
        if looks_like_html(trimmed) {
            html_title(trimmed)
        } else {
            xml_head(trimmed).ok().flatten()
        }
    } else {
        serde_json::from_slice::<serde_json::Value>(trimmed)
            .ok()
            .and_then(|v| json_error(&v))
    }?;
    Some(message.chars().take(200).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_checks() {
        assert_eq!(
            check_body(
                Format::Xml,
                b"<?xml version=\"1.0\"?>\n<PubmedArticleSet></PubmedArticleSet>"
            ),
            BodyCheck::Ok
        );
        assert_eq!(
            check_body(Format::Xml, b"<?xml version=\"1.0\"?><!DOCTYPE eFetchResult><eFetchResult>\n<ERROR>ID list is empty! Possibly it has no correct IDs.</ERROR></eFetchResult>"),
            BodyCheck::Api("ID list is empty! Possibly it has no correct IDs.".into())
        );
        assert_eq!(
            check_body(
                Format::Xml,
                b"<!DOCTYPE html><html><head><title>Service  unavailable</title></head></html>"
            ),
            BodyCheck::Html {
                title: Some("Service unavailable".into())
            }
        );
        assert_eq!(
            check_body(
                Format::Xml,
                br#"{"error":"API rate limit exceeded","count":"11"}"#
            ),
            BodyCheck::Api("API rate limit exceeded".into())
        );
        assert_eq!(
            check_body(
                Format::Json,
                br#"{"esearchresult":{"ERROR":"Invalid query"}}"#
            ),
            BodyCheck::Api("Invalid query".into())
        );
        assert_eq!(
            check_body(Format::Json, br#"{"status":"ok","records":[]}"#),
            BodyCheck::Ok
        );
        assert!(matches!(
            check_body(Format::Json, b"<eSearchResult/>"),
            BodyCheck::Malformed(_)
        ));
        assert!(matches!(
            check_body(Format::Xml, b"   "),
            BodyCheck::Malformed(_)
        ));
        assert!(matches!(
            check_body(
                Format::Xml,
                "\u{feff}<html lang=en><body>ø</body></html>".as_bytes()
            ),
            BodyCheck::Html { title: None }
        ));
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut h = HeaderMap::new();
        assert_eq!(parse_retry_after(&h, now), None);
        h.insert(RETRY_AFTER, " 7 ".parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        h.insert(RETRY_AFTER, later.parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), Some(Duration::from_secs(90)));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(90));
        h.insert(RETRY_AFTER, past.parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(parse_retry_after(&h, now), None);
    }

    #[test]
    fn content_types() {
        for ok in [
            None,
            Some("text/xml; charset=UTF-8"),
            Some("application/xml"),
            Some("application/json"),
            Some("text/html"),
            Some(""),
        ] {
            assert_eq!(unexpected_content_type(Format::Xml, ok), None, "{ok:?}");
        }
        for bad in ["image/png", "application/octet-stream", "video/mp4"] {
            assert!(
                unexpected_content_type(Format::Json, Some(bad)).is_some(),
                "{bad}"
            );
        }
    }

    #[test]
    fn internal_dtds_are_refused_before_parsing() {
        let bomb = b"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]><eSearchResult><Count>&b;</Count></eSearchResult>";
        assert!(
            matches!(check_body(Format::Xml, bomb), BodyCheck::Malformed(m) if m.contains("internal DTD"))
        );
        let public = b"<?xml version=\"1.0\"?><!DOCTYPE eSearchResult PUBLIC \"-//NLM//DTD esearch 20060628//EN\" \"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd\"><eSearchResult><Count>1</Count></eSearchResult>";
        assert_eq!(check_body(Format::Xml, public), BodyCheck::Ok);
    }

    #[test]
    fn redacted_url_has_no_key_and_short_ids() {
        let base = Url::parse("http://127.0.0.1:1/efetch.fcgi").unwrap();
        let params = vec![
            ("id", "1,2,3,4,5".to_owned()),
            ("tool", "claimcheck".to_owned()),
            ("email", "me@example.org".to_owned()),
            ("api_key", "SECRET".to_owned()),
        ];
        let shown = redacted_url(&base, &params);
        assert!(!shown.contains("SECRET"));
        assert!(!shown.contains("example.org"));
        assert!(shown.contains("tool=claimcheck"));
        assert!(
            shown.contains("5+ids") || shown.contains("5%20ids"),
            "{shown}"
        );
    }

    #[test]
    fn env_lookup_and_overrides() {
        let env = |name: &str| match name {
            "NCBI_API_KEY" => Some("k".to_owned()),
            "NCBI_EMAIL" => Some(String::new()),
            "CLAIMCHECK_EUTILS_URL" => Some("http://127.0.0.1:9/eutils".to_owned()),
            _ => None,
        };
        let b = ClientBuilder::from_lookup(env);
        assert_eq!(b.api_key.as_deref(), Some("k"));
        assert_eq!(b.email, None);
        let client = b.clone().build().unwrap();
        assert_eq!(client.requests_per_second(), 10);
        assert_eq!(client.inner.eutils.as_str(), "http://127.0.0.1:9/eutils/");
        assert_eq!(client.warnings().len(), 1);
        let client = b.email("me@example.org").build().unwrap();
        assert!(client.warnings().is_empty());
        assert!(Client::builder().eutils_url("ftp://x").build().is_err());
    }

    #[test]
    fn backoff_is_capped_and_jittered() {
        let c = Client::builder()
            .base_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(400))
            .build()
            .unwrap();
        for attempt in 1..40 {
            let d = c.backoff(attempt);
            let cap = Duration::from_millis(100 * (1u64 << (attempt - 1).min(2)));
            assert!(d <= cap && d >= cap / 2, "attempt {attempt}: {d:?}");
        }
    }

    #[test]
    fn terms() {
        assert_eq!(doi_term("10.1/ab\"c"), "\"10.1/abc\"[doi]");
        assert_eq!(nbk_term(" NBK1116 "), "NBK1116[aid]");
        let r = Record {
            doi: Some("10.1176/APPI.AJP.1".into()),
            book_accession: Some("NBK5".into()),
            ..Record::default()
        };
        assert!(doi_matches(&r, "10.1176/appi.ajp.1"));
        assert!(!doi_matches(&r, "10.1176/appi.ajp.2"));
        assert!(nbk_matches(&r, "nbk5"));
    }
}
