//! A loopback stand-in for E-utilities that can misbehave in ways a mock framework cannot:
//! trickle a body, cut it short, hang, redirect, or answer with raw bytes. Each connection is
//! served by its own thread; every loop is bounded in count and time, so a server left behind
//! stops by itself when its test binary ends.

#![allow(dead_code)] // each test binary uses a different subset

/// The binary, run in `dir`, with no NCBI or claimcheck variable of the caller's environment,
/// and killed after 120 s.
pub fn claimcheck(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("claimcheck").unwrap();
    cmd.current_dir(dir);
    for var in [
        "NCBI_API_KEY",
        "NCBI_EMAIL",
        "NO_COLOR",
        "CLAIMCHECK_CACHE",
        "CLAIMCHECK_EUTILS_URL",
        "CLAIMCHECK_IDCONV_URL",
        "CLAIMCHECK_TIMEOUT",
        "CLAIMCHECK_RETRIES",
        "CLAIMCHECK_MAX_RETRY_AFTER",
        "CLAIMCHECK_MAX_RESPONSE_SIZE",
    ] {
        cmd.env_remove(var);
    }
    cmd.timeout(Duration::from_secs(120));
    cmd
}

/// A test record (see `common::Rec`) whose abstract states `percent`% response to ketamine.
pub fn ketamine_record(pmid: u32, percent: u32) -> String {
    let mut r = crate::common::Rec::new(pmid);
    r.abstract_text =
        format!("Among 50 adults with depression, {percent}% responded to ketamine at 24 hours.");
    r.xml()
}

/// An article citing `pmid` for a 64% response to ketamine.
pub fn ketamine_page(pmid: u32) -> String {
    format!(
        "In one trial, 64% of patients responded to ketamine within a day \
         ([trial](https://pubmed.ncbi.nlm.nih.gov/{pmid}/)).\n"
    )
}

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Action {
    /// A complete answer.
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Headers announcing `declared` bytes, then `body` (shorter), then the connection closes.
    Truncate { declared: usize, body: Vec<u8> },
    /// Headers without a length, `body`, then close: the end of the body is the end of the
    /// connection (a cut the client can only see in the content).
    CloseDelimited { body: Vec<u8> },
    /// A 200 whose body arrives one byte every 200 ms (at most 300 bytes).
    Trickle,
    /// Accept and never answer (closes after 60 s).
    Hang,
}

impl Action {
    /// A 200 with `body` and `Content-Type: text/xml`.
    pub fn xml(body: impl Into<Vec<u8>>) -> Action {
        Action::Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "text/xml; charset=UTF-8".into())],
            body: body.into(),
        }
    }

    /// An answer with `status`, extra headers and a short text body.
    pub fn status(status: u16, headers: &[(&str, &str)]) -> Action {
        Action::Reply {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: format!("status {status}").into_bytes(),
        }
    }
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// Method, path and query: `GET /efetch.fcgi?db=pubmed&id=1`.
    pub line: String,
    /// When it arrived.
    pub at: Instant,
}

/// A running server.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    hits: Arc<AtomicUsize>,
}

impl Server {
    /// Starts a server on `ip` (a loopback address) answering each request with
    /// `handler(request line)`.
    pub fn start_on(ip: &str, handler: impl Fn(&str) -> Action + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind((ip, 0)).expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let hits = Arc::new(AtomicUsize::new(0));
        let handler = Arc::new(handler);
        let (s, h) = (seen.clone(), hits.clone());
        std::thread::spawn(move || {
            // At most 2,000 connections per server: plenty for any test, and a bound.
            for stream in listener.incoming().take(2000) {
                let Ok(stream) = stream else { continue };
                // A new connection's request follows its connect at once; timing it here, not
                // in the connection's own thread, keeps thread start-up out of the measure.
                let accepted = Instant::now();
                let (s, h, handler) = (s.clone(), h.clone(), handler.clone());
                std::thread::spawn(move || serve(stream, accepted, &*handler, &s, &h));
            }
        });
        Server { url, seen, hits }
    }

    /// [`Server::start_on`] 127.0.0.1.
    pub fn start(handler: impl Fn(&str) -> Action + Send + Sync + 'static) -> Server {
        Server::start_on("127.0.0.1", handler)
    }

    /// How many requests arrived.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// The requests so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve(
    mut stream: TcpStream,
    accepted: Instant,
    handler: &(dyn Fn(&str) -> Action + Send + Sync),
    seen: &Mutex<Vec<Seen>>,
    hits: &AtomicUsize,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    // Keep-alive: answer requests on this connection until it closes.
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    for i in 0..100 {
        let Some(line) = read_request(&mut reader) else {
            return;
        };
        hits.fetch_add(1, Ordering::SeqCst);
        seen.lock().unwrap().push(Seen {
            line: line.clone(),
            at: if i == 0 { accepted } else { Instant::now() },
        });
        if !respond(&mut stream, handler(&line)) {
            return;
        }
    }
}

/// Reads one request (line, headers, and a body of Content-Length bytes); returns
/// `METHOD TARGET` and, for a POST, `?` and the form body appended to the target.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<String> {
    let mut first = String::new();
    if reader.read_line(&mut first).ok()? == 0 {
        return None;
    }
    let mut parts = first.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body).ok()?;
    let mut line = format!("{method} {target}");
    if !body.is_empty() {
        line.push('?');
        line.push_str(&String::from_utf8_lossy(&body));
    }
    Some(line)
}

/// Performs `action`; whether the connection may serve another request.
fn respond(stream: &mut TcpStream, action: Action) -> bool {
    match action {
        Action::Reply {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes()).is_ok() && stream.write_all(&body).is_ok()
        }
        Action::Truncate { declared, body } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {declared}\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
            let _ = stream.shutdown(std::net::Shutdown::Both);
            false
        }
        Action::CloseDelimited { body } => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
            let _ = stream.shutdown(std::net::Shutdown::Both);
            false
        }
        Action::Trickle => {
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            for _ in 0..300 {
                if stream.write_all(b" ").is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            false
        }
        Action::Hang => {
            std::thread::sleep(Duration::from_secs(60));
            false
        }
    }
}
