//! The errors of the E-utilities client.
//!
//! Every variant names the endpoint and the URL of the request. That URL is built without the
//! API key (see [`crate::pubmed::client`]), so an error can be printed, logged or put in a report
//! as is. Nothing here does I/O.

use std::fmt;
use std::time::Duration;

/// Which NCBI service a request went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `efetch.fcgi` (records as PubMed XML).
    Efetch,
    /// `esearch.fcgi` (PMIDs for a search term).
    Esearch,
    /// The PMC ID converter (PMC id to PMID).
    IdConv,
}

impl Endpoint {
    /// The short name used in messages: `efetch`, `esearch`, `idconv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::Efetch => "efetch",
            Endpoint::Esearch => "esearch",
            Endpoint::IdConv => "idconv",
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of transport failure happened, which decides whether a retry may pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// No answer in time (connecting or reading): worth a retry.
    Timeout,
    /// The connection dropped or broke mid-answer (a truncated body): worth a retry.
    Dropped,
    /// The host could not be reached at all: a DNS failure or a refused connection. Retrying
    /// the same address will fail the same way, so it is not retried.
    Connect,
    /// A redirect to another host, or too many redirects: refused, not retried.
    Redirect,
    /// Anything else (the request could not be built): not retried.
    Other,
}

impl TransportKind {
    /// Whether trying again may succeed.
    pub fn is_transient(self) -> bool {
        matches!(self, TransportKind::Timeout | TransportKind::Dropped)
    }
}

/// An E-utilities request that failed.
///
/// `url` fields never hold the API key.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The client could not be configured (bad base URL, TLS setup).
    #[error("invalid client configuration: {message}")]
    Config {
        /// What is wrong.
        message: String,
    },
    /// The request did not get a response: timeout, refused or dropped connection, a refused
    /// redirect.
    #[error("{endpoint}: request to {url} failed: {message}")]
    Transport {
        /// The service.
        endpoint: Endpoint,
        /// The request URL, without the API key.
        url: String,
        /// What kind of failure (decides the retry).
        kind: TransportKind,
        /// What went wrong (never includes the URL with the key).
        message: String,
    },
    /// The server answered with an HTTP error status.
    #[error("{endpoint}: HTTP {status} from {url}{}", detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Status {
        /// The service.
        endpoint: Endpoint,
        /// The request URL, without the API key.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The error message NCBI put in the body, if any.
        detail: Option<String>,
    },
    /// NCBI reported an error inside a successful (HTTP 200) response: `<ERROR>` in XML,
    /// `"error"` in JSON.
    #[error("{endpoint}: NCBI reported an error for {url}: {message}")]
    Api {
        /// The service.
        endpoint: Endpoint,
        /// The request URL, without the API key.
        url: String,
        /// NCBI's message.
        message: String,
    },
    /// An HTML page came back where XML or JSON was expected (typically an outage or
    /// maintenance page).
    #[error("{endpoint}: got an HTML page instead of {expected} from {url}{}", title.as_deref().map(|t| format!(" (\"{t}\")")).unwrap_or_default())]
    Html {
        /// The service.
        endpoint: Endpoint,
        /// The request URL, without the API key.
        url: String,
        /// `XML` or `JSON`.
        expected: &'static str,
        /// The page's `<title>`, if it has one.
        title: Option<String>,
    },
    /// The response could not be read as the documented format.
    #[error("{endpoint}: unreadable response from {url}: {message}")]
    Malformed {
        /// The service.
        endpoint: Endpoint,
        /// The request URL, without the API key.
        url: String,
        /// What is wrong with it.
        message: String,
    },
    /// The response body was larger than the client's cap (counted after decompression); it
    /// was abandoned unread past the cap.
    #[error("{endpoint}: the response from {url} is larger than the {limit}-byte cap")]
    TooLarge {
        /// The service.
        endpoint: Endpoint,
        /// The request URL, without the API key.
        url: String,
        /// The cap, in bytes.
        limit: u64,
    },
    /// The server asked to retry after longer than the client waits.
    #[error("gave up: the server asked to retry after {} s, more than the {} s cap", wait.as_secs(), cap.as_secs())]
    RetryAfter {
        /// What the server asked for.
        wait: Duration,
        /// The longest wait honoured.
        cap: Duration,
        /// The answer that carried the `Retry-After`.
        #[source]
        last: Box<Error>,
    },
    /// The request's total deadline passed (or the next wait would pass it).
    #[error("gave up after {attempts} attempts: the {:.1} s deadline passed", limit.as_secs_f64())]
    Deadline {
        /// The deadline of one request, retries included.
        limit: Duration,
        /// How many requests were sent.
        attempts: u32,
        /// The last failure.
        #[source]
        last: Box<Error>,
    },
    /// Every attempt failed; `last` is the last failure.
    #[error("gave up after {attempts} attempts")]
    GaveUp {
        /// How many requests were sent.
        attempts: u32,
        /// The last failure.
        #[source]
        last: Box<Error>,
    },
}

impl Error {
    /// Whether trying the same request again may succeed: timeouts, dropped connections, 429,
    /// 5xx, outage pages and NCBI messages that say so (see [`is_transient_message`]). Not a
    /// DNS failure, a refused connection, a refused redirect, another 4xx, an oversized or
    /// malformed body.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Transport { kind, .. } => kind.is_transient(),
            Error::Html { .. } => true,
            Error::Status { status, .. } => *status == 429 || *status >= 500,
            Error::Api { message, .. } => is_transient_message(message),
            Error::Config { .. }
            | Error::Malformed { .. }
            | Error::TooLarge { .. }
            | Error::RetryAfter { .. }
            | Error::Deadline { .. }
            | Error::GaveUp { .. } => false,
        }
    }

    /// The endpoint the failed request went to, if it got that far.
    pub fn endpoint(&self) -> Option<Endpoint> {
        match self {
            Error::Transport { endpoint, .. }
            | Error::Status { endpoint, .. }
            | Error::Api { endpoint, .. }
            | Error::Html { endpoint, .. }
            | Error::TooLarge { endpoint, .. }
            | Error::Malformed { endpoint, .. } => Some(*endpoint),
            Error::GaveUp { last, .. }
            | Error::RetryAfter { last, .. }
            | Error::Deadline { last, .. } => last.endpoint(),
            Error::Config { .. } => None,
        }
    }
}

/// Whether an error message NCBI sent with HTTP 200 describes a passing condition.
///
/// NCBI answers overload with messages such as "API rate limit exceeded", "Search Backend
/// failed" or "temporarily unavailable", sometimes with status 200. Those are worth a retry;
/// anything else (an invalid parameter, an unknown database) will fail the same way again.
pub fn is_transient_message(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "rate limit",
        "temporar",
        "unavailable",
        "try again",
        "timeout",
        "timed out",
        "backend",
        "too many requests",
        "server error",
    ]
    .iter()
    .any(|needle| m.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transient_messages() {
        assert!(is_transient_message("API rate limit exceeded"));
        assert!(is_transient_message("Search Backend failed: xyz"));
        assert!(!is_transient_message("Invalid db name specified: fleegle"));
        assert!(!is_transient_message(
            "Empty term and query_key - nothing todo"
        ));
    }

    #[test]
    fn messages_name_endpoint_and_url() {
        let e = Error::Status {
            endpoint: Endpoint::Efetch,
            url: "http://x/efetch.fcgi?db=pubmed".into(),
            status: 500,
            detail: None,
        };
        assert_eq!(
            e.to_string(),
            "efetch: HTTP 500 from http://x/efetch.fcgi?db=pubmed"
        );
        assert!(e.is_transient());
        let gave_up = Error::GaveUp {
            attempts: 3,
            last: Box::new(e),
        };
        assert_eq!(gave_up.to_string(), "gave up after 3 attempts");
        assert_eq!(gave_up.endpoint(), Some(Endpoint::Efetch));
        assert!(!gave_up.is_transient());
    }
}

/// Why a response of the esearch or ID converter readers is not usable: NCBI's own error message
/// in the body (returned with HTTP 200), or a document that is not the documented format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    /// NCBI answered with an error message (`<ERROR>…</ERROR>`, `"status": "error"`).
    #[error("{message}")]
    Api {
        /// NCBI's message.
        message: String,
    },
    /// The document is not the documented format, or not well-formed.
    #[error("{message}")]
    Malformed {
        /// What is wrong.
        message: String,
    },
}
