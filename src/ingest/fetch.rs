//! Fetching a URL input: a URL and a size limit in, the body bytes, final URL and Content-Type
//! out.
//!
//! Runs reqwest on a small current-thread tokio runtime so the rest of ingest stays synchronous.
//! Redirects are followed (the final URL is the base for relative links), the body is streamed
//! and abandoned as soon as it passes the limit, and a non-2xx status is an error naming the URL
//! and the status. This module must not interpret the body.

use std::time::Duration;

use url::Url;

use super::Error;

/// A fetched page.
#[derive(Debug)]
pub(crate) struct Fetched {
    pub bytes: Vec<u8>,
    /// The URL after redirects.
    pub url: Url,
    pub content_type: Option<String>,
}

const TIMEOUT: Duration = Duration::from_secs(30);

/// Fetches `url`, refusing bodies over `limit` bytes.
pub(crate) fn fetch(url: &str, limit: u64) -> Result<Fetched, Error> {
    let parsed = Url::parse(url).map_err(|e| Error::Http {
        url: url.to_owned(),
        message: format!("invalid URL: {e}"),
    })?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Runtime { source })?;
    runtime.block_on(fetch_async(url, parsed, limit))
}

async fn fetch_async(origin: &str, url: Url, limit: u64) -> Result<Fetched, Error> {
    let http = |e: reqwest::Error| Error::Http {
        url: origin.to_owned(),
        message: error_chain(&e),
    };
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .user_agent(concat!("claimcheck/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::limited(10))
        .build()
        .map_err(http)?;
    let mut response = client.get(url).send().await.map_err(http)?;
    let status = response.status();
    if !status.is_success() {
        return Err(Error::Http {
            url: origin.to_owned(),
            message: format!("server answered HTTP {status}"),
        });
    }
    let too_large = |size: u64| Error::TooLarge {
        origin: origin.to_owned(),
        size,
        limit,
    };
    if let Some(len) = response.content_length() {
        if len > limit {
            return Err(too_large(len));
        }
    }
    let final_url = response.url().clone();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(http)? {
        let size = (bytes.len() + chunk.len()) as u64;
        if size > limit {
            return Err(too_large(size));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Fetched {
        bytes,
        url: final_url,
        content_type,
    })
}

/// An error and its causes on one line ("error sending request: connection refused").
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}
