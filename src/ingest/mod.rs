//! Ingest: turns an input (file, URL, stdin, directory) into a [`model::Article`](Article).
//!
//! In: command-line input arguments, or bytes plus a format. Out: the article's main-content
//! text, its blocks and links, the ranges an author suppressed, and a [`SourceMap`] from every
//! text offset back to the **raw input bytes**, so a claim found in the text can be reported at
//! its line and column in the file the user has open.
//!
//! Layout: `charset` decodes bytes to a UTF-8 document and keeps a map back to raw offsets;
//! `html`, `markdown` and `text` read the document (the first two through the shared
//! `builder`); `fetch` downloads URLs. [`parse`] is pure; [`read`] does the I/O and enforces
//! the size limit while reading.
//!
//! Ingest must not print, must not panic or fail on malformed documents (only on I/O errors,
//! oversized or binary input), and must not look at claims: that is `extract`'s job.
//!
//! [`SourceMap`]: crate::model::SourceMap

mod builder;
mod charset;
mod citations;
mod fetch;
mod html;
mod markdown;
mod text;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use url::Url;

use crate::model::{Article, Block, Citations, Link, SourceMap};

/// The input formats ingest understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An HTML page.
    Html,
    /// Plain text.
    Text,
    /// CommonMark / GitHub-flavoured Markdown.
    Markdown,
}

/// Limits for reading inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Inputs larger than this many bytes are refused (`--max-size`).
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file.
    Path(PathBuf),
    /// An `http://` or `https://` URL.
    Url(String),
    /// Standard input (`-`).
    Stdin,
}

impl fmt::Display for Input {
    /// The origin as shown to the user: the path, the URL, or `<stdin>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Path(p) => write!(f, "{}", p.display()),
            Input::Url(u) => f.write_str(u),
            Input::Stdin => f.write_str("<stdin>"),
        }
    }
}

/// What is known about a document besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The document's URL: relative links are made absolute against it.
    pub base_url: Option<Url>,
    /// The `charset` of a Content-Type header, used when the document declares none.
    pub charset: Option<String>,
}

/// Why an input could not be ingested.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading a file or directory failed.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is over the size limit.
    #[error(
        "{origin} is too large: at least {size} bytes, over the limit of {limit} bytes (raise it with --max-size)"
    )]
    TooLarge {
        /// The path or URL.
        origin: String,
        /// Its size, or as much of it as was read before giving up.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The input is not text.
    #[error("{origin} looks binary (it contains NUL bytes), not HTML, Markdown or text")]
    Binary {
        /// The path or URL.
        origin: String,
    },
    /// Fetching a URL failed.
    #[error("fetching {url} failed: {message}")]
    Http {
        /// The URL as given.
        url: String,
        /// What went wrong (status or transport error).
        message: String,
    },
    /// An input path does not exist.
    #[error("{}: no such file or directory", path.display())]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// A directory holds no HTML, Markdown or text file.
    #[error("{} holds no .html, .htm, .md, .markdown or .txt file", path.display())]
    EmptyDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// The async runtime for fetching URLs could not start.
    #[error("cannot start the HTTP runtime")]
    Runtime {
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// The inputs found in the command-line arguments, and the entries met on the way that could
/// not be read (an unreadable subdirectory, a broken symlink): those are skipped, and the caller
/// reports them and fails the run at the end.
#[derive(Debug, Default)]
pub struct Expanded {
    /// The inputs, in order.
    pub inputs: Vec<Input>,
    /// What was skipped, and why.
    pub skipped: Vec<Error>,
}

/// Turns command-line arguments into inputs: `-` is stdin, `http(s)://…` a URL, a directory
/// every article below it as [`crate::walk`] finds them (ignore files honoured, hidden entries
/// skipped, links to directories not followed, sorted), anything else a file that must exist. An argument that cannot be used is an error;
/// an entry below a directory that cannot be read is skipped (see [`Expanded`]).
pub fn expand_inputs(args: &[String]) -> Result<Expanded, Error> {
    let mut out = Expanded::default();
    for arg in args {
        if arg == "-" {
            out.inputs.push(Input::Stdin);
            continue;
        }
        let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            out.inputs.push(Input::Url(arg.clone()));
            continue;
        }
        let path = PathBuf::from(arg);
        let meta = std::fs::metadata(&path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path: path.clone() },
            _ => Error::Io {
                path: path.clone(),
                source,
            },
        })?;
        if meta.is_dir() {
            let walked =
                crate::walk::walk(&path, &crate::walk::Options::default()).map_err(|e| {
                    Error::Io {
                        path: path.clone(),
                        source: std::io::Error::other(e.to_string()),
                    }
                })?;
            if walked.articles.is_empty() && walked.unreadable.is_empty() {
                return Err(Error::EmptyDirectory { path });
            }
            out.skipped
                .extend(walked.unreadable.into_iter().map(|u| Error::Io {
                    path: u.path,
                    source: std::io::Error::other(u.message),
                }));
            out.inputs
                .extend(walked.articles.into_iter().map(Input::Path));
        } else {
            out.inputs.push(Input::Path(path));
        }
    }
    Ok(out)
}

/// Reads an input (never more than `opts.max_bytes + 1` bytes of it), detects its format and
/// parses it. URLs are fetched synchronously.
pub fn read(input: &Input, opts: &Options) -> Result<Article, Error> {
    let limit = opts.max_bytes;
    match input {
        Input::Path(path) => {
            let origin = path.display().to_string();
            let io = |source: std::io::Error| match source.kind() {
                std::io::ErrorKind::NotFound => Error::NotFound { path: path.clone() },
                _ => Error::Io {
                    path: path.clone(),
                    source,
                },
            };
            let file = std::fs::File::open(path).map_err(io)?;
            let mut size = 0;
            if let Ok(meta) = file.metadata() {
                if meta.is_file() && meta.len() > limit {
                    return Err(Error::TooLarge {
                        origin,
                        size: meta.len(),
                        limit,
                    });
                }
                size = meta.len();
            }
            let bytes = read_limited(file, limit, size, &origin).map_err(|e| match e {
                Limited::Io(source) => io(source),
                Limited::TooLarge(e) => e,
            })?;
            let format = detect_format(&origin, None, &bytes);
            parse(&origin, &bytes, format)
        }
        Input::Stdin => {
            let origin = input.to_string();
            let bytes =
                read_limited(std::io::stdin().lock(), limit, 0, &origin).map_err(|e| match e {
                    Limited::Io(source) => Error::Io {
                        path: PathBuf::from("-"),
                        source,
                    },
                    Limited::TooLarge(e) => e,
                })?;
            let format = detect_format("", None, &bytes);
            parse(&origin, &bytes, format)
        }
        Input::Url(url) => {
            let fetched = fetch::fetch(url, limit)?;
            let format = detect_format(
                fetched.url.path(),
                fetched.content_type.as_deref(),
                &fetched.bytes,
            );
            let ctx = Context {
                charset: fetched.content_type.clone(),
                base_url: Some(fetched.url),
            };
            parse_with(url, &fetched.bytes, format, &ctx)
        }
    }
}

/// Why [`read_limited`] stopped.
#[derive(Debug)]
enum Limited {
    Io(std::io::Error),
    TooLarge(Error),
}

/// Reads all of `reader` but at most `limit + 1` bytes: one byte over the limit is enough to
/// know the input is too large. `size` is what the reader is expected to hold (a file's length;
/// 0 when unknown). With room for it and the byte after, a file is read in one call and its end
/// found with a second; `read_to_end` reads at most 8 kB a call without a size hint of its own
/// (a `Take` gives none), and a 25 kB article took four reads, a dozen before it had room.
fn read_limited(
    reader: impl Read,
    limit: u64,
    size: u64,
    origin: &str,
) -> Result<Vec<u8>, Limited> {
    let mut reader = reader.take(limit.saturating_add(1));
    let room = if size > 0 {
        size.min(limit).saturating_add(1)
    } else {
        (MIN_READ as u64).min(limit.saturating_add(1))
    };
    let mut bytes = vec![0; usize::try_from(room).unwrap_or(MIN_READ)];
    let mut len = 0;
    loop {
        if len == bytes.len() {
            bytes.resize(len + len.max(MIN_READ), 0);
        }
        match reader.read(&mut bytes[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Limited::Io(e)),
        }
    }
    bytes.truncate(len);
    if bytes.len() as u64 > limit {
        return Err(Limited::TooLarge(Error::TooLarge {
            origin: origin.to_owned(),
            size: bytes.len() as u64,
            limit,
        }));
    }
    Ok(bytes)
}

/// The smallest read of an input of unknown size.
const MIN_READ: usize = 8 * 1024;

/// Guesses the format: by the file extension of `name`, then by `content_type`, then by
/// sniffing the bytes (`<!doctype`, `<html` near the start); plain text otherwise.
pub fn detect_format(name: &str, content_type: Option<&str>, bytes: &[u8]) -> Format {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => return Format::Html,
        Some("md" | "markdown" | "mdown" | "mkd") => return Format::Markdown,
        Some("txt" | "text") => return Format::Text,
        _ => {}
    }
    if let Some(ct) = content_type {
        let mime = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match mime.as_str() {
            "text/html" | "application/xhtml+xml" => return Format::Html,
            "text/markdown" | "text/x-markdown" => return Format::Markdown,
            "text/plain" => return Format::Text,
            _ => {}
        }
    }
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    let starts = |p: &[u8]| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"<!doctype") || starts(b"<html") || charset::find_ci(head, b"<html").is_some() {
        Format::Html
    } else {
        Format::Text
    }
}

/// Parses `bytes` (read from `origin`) as `format`. Pure: no I/O.
pub fn parse(origin: &str, bytes: &[u8], format: Format) -> Result<Article, Error> {
    parse_with(origin, bytes, format, &Context::default())
}

/// [`parse`] with what is known from outside the bytes (the page URL, a Content-Type charset).
pub fn parse_with(
    origin: &str,
    bytes: &[u8],
    format: Format,
    ctx: &Context,
) -> Result<Article, Error> {
    if looks_binary(bytes) {
        return Err(Error::Binary {
            origin: origin.to_owned(),
        });
    }
    let content_hash = content_hash(bytes);
    let header_charset = ctx
        .charset
        .as_deref()
        .and_then(charset::content_type_charset);
    let declared = match format {
        Format::Html => charset::html_meta_charset(bytes).or(header_charset),
        Format::Text | Format::Markdown => header_charset,
    };
    let decoded = charset::decode(bytes, declared, origin);
    let warnings: Vec<String> = decoded.warning.iter().cloned().collect();

    if format == Format::Text {
        let parts = text::parse(&decoded.text);
        let map = if decoded.is_identity() {
            SourceMap::identity(&decoded.text)
        } else {
            let whole = charset::DocPiece {
                text: 0,
                text_len: decoded.text.len(),
                doc: 0,
                doc_len: decoded.text.len(),
                verbatim: true,
            };
            decoded.source_map(bytes, &[whole])
        };
        let citations = citations::read(
            &decoded.text,
            &parts.blocks,
            &parts.links,
            &citations::Hints::default(),
        );
        return Ok(Article {
            origin: origin.to_owned(),
            title: parts.title,
            text: decoded.text.into_owned(),
            blocks: parts.blocks,
            links: parts.links,
            citations,
            suppressed: parts.suppressed,
            map,
            content_hash,
            warnings,
        });
    }

    let (parts, title) = match format {
        Format::Html => {
            let h = html::parse(&decoded.text, ctx.base_url.as_ref());
            (h.parts, h.title)
        }
        _ => {
            let m = markdown::parse(&decoded.text);
            let mut parts = m.parts;
            if let Some(base) = &ctx.base_url {
                // In-page links (`#ref1`) stay as they are: they point at footnotes.
                for link in parts.links.iter_mut().filter(|l| !l.href.starts_with('#')) {
                    if let Ok(abs) = base.join(&link.href) {
                        link.href = abs.into();
                    }
                }
            }
            (parts, m.title)
        }
    };
    let map = decoded.source_map(bytes, &parts.pieces);
    let citations = citations::read(&parts.text, &parts.blocks, &parts.links, &parts.hints);
    Ok(Article {
        origin: origin.to_owned(),
        title,
        text: parts.text,
        blocks: parts.blocks,
        links: parts.links,
        citations,
        suppressed: parts.suppressed,
        map,
        content_hash,
        warnings,
    })
}

/// The citation structure of an article's text, blocks and links, without what a format reader
/// notices beyond them (as for a plain-text file): for building articles in tests.
pub fn citations_of(text: &str, blocks: &[Block], links: &[Link]) -> Citations {
    citations::read(text, blocks, links, &citations::Hints::default())
}

/// NUL bytes near the start mean binary data (as git and ripgrep judge it), unless a UTF-16 or
/// UTF-32 BOM, or the regular zero bytes of UTF-16 text, explain them.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return false;
    }
    // memchr's SIMD search: core's `contains` on bytes goes a word at a time.
    memchr::memchr(0, head).is_some() && charset::sniff_utf16(head).is_none()
}

fn content_hash(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    // Two table lookups a byte: `write!("{b:02x}")` goes through the formatting machinery.
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that counts what is taken from it, and in how many calls.
    struct Counting<'a> {
        left: u64,
        taken: &'a mut u64,
        calls: usize,
    }

    impl Read for Counting<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = (buf.len() as u64).min(self.left) as usize;
            buf[..n].fill(b'a');
            self.left -= n as u64;
            *self.taken += n as u64;
            self.calls += 1;
            Ok(n)
        }
    }

    #[test]
    fn read_limited_stops_one_byte_past_the_limit() {
        let mut taken = 0;
        let reader = Counting {
            left: 10_000_000,
            taken: &mut taken,
            calls: 0,
        };
        let err = read_limited(reader, 1000, 0, "big.txt").unwrap_err();
        match err {
            Limited::TooLarge(e) => {
                let msg = e.to_string();
                assert!(
                    msg.contains("big.txt") && msg.contains("1000") && msg.contains("--max-size"),
                    "{msg}"
                );
            }
            Limited::Io(e) => panic!("unexpected {e}"),
        }
        assert_eq!(taken, 1001);

        let mut taken = 0;
        let reader = Counting {
            left: 1000,
            taken: &mut taken,
            calls: 0,
        };
        assert_eq!(read_limited(reader, 1000, 0, "ok.txt").unwrap().len(), 1000);
    }

    #[test]
    fn a_known_size_is_read_in_one_call_and_the_end_in_another() {
        let mut taken = 0;
        let mut reader = Counting {
            left: 25_000,
            taken: &mut taken,
            calls: 0,
        };
        let bytes = read_limited(&mut reader, 1_000_000, 25_000, "a.txt").unwrap();
        assert_eq!((bytes.len(), reader.calls), (25_000, 2));
        // A file that grew since its size was taken is still read whole.
        let mut reader = Counting {
            left: 30_000,
            taken: &mut taken,
            calls: 0,
        };
        let bytes = read_limited(&mut reader, 1_000_000, 25_000, "a.txt").unwrap();
        assert_eq!(bytes.len(), 30_000);
    }

    #[test]
    fn format_detection() {
        assert_eq!(detect_format("a/b.HTM", None, b""), Format::Html);
        assert_eq!(
            detect_format("notes.markdown", None, b"<html>"),
            Format::Markdown
        );
        assert_eq!(detect_format("x.txt", Some("text/html"), b""), Format::Text);
        assert_eq!(
            detect_format("/page", Some("text/html; charset=utf-8"), b""),
            Format::Html
        );
        assert_eq!(
            detect_format("/page", Some("text/markdown"), b""),
            Format::Markdown
        );
        assert_eq!(
            detect_format("", None, b"\n  <!DOCTYPE html><p>x"),
            Format::Html
        );
        assert_eq!(
            detect_format("", None, b"<!-- c --><HTML lang=en>"),
            Format::Html
        );
        assert_eq!(detect_format("", None, b"Plain words 5%"), Format::Text);
    }

    #[test]
    fn content_hash_is_sha256_hex() {
        assert_eq!(
            content_hash(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary(b"\xFF\xFEa\0b\0"));
        assert!(!looks_binary(b"plain"));
    }
}
