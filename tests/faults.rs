//! Fault injection: the real binary's `check` and `fetch` against a loopback E-utilities that
//! fails in every way the issue lists. In every case the run ends in bounded time, the claim
//! whose source failed is `unverifiable` with the reason, the exit code follows the contract
//! (2 unless `--allow-fetch-errors`) and the cache holds no record. Short deadlines and caps
//! come from the same flags a user has (`--timeout`, `--retries`, `--max-retry-after`,
//! `--max-response-size`).

mod common;
mod loopback;

use std::io::Write;
use std::time::{Duration, Instant, SystemTime};

use common::article_set;
use loopback::{claimcheck, ketamine_page, Action, Server};

const PMID: u32 = 99_000_401;

/// An article with one claim citing one PubMed record.
fn article() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.md"), ketamine_page(PMID)).unwrap();
    dir
}

fn record(pmid: u32) -> String {
    loopback::ketamine_record(pmid, 64)
}

/// What one run did.
struct Run {
    code: i32,
    report: serde_json::Value,
    stderr: String,
    elapsed: Duration,
    dir: tempfile::TempDir,
}

impl Run {
    fn finding(&self) -> &serde_json::Value {
        &self.report["articles"][0]["findings"][0]
    }

    fn reason(&self) -> String {
        self.finding()["reason"].as_str().unwrap_or("").to_owned()
    }

    /// The records in the cache.
    fn cached(&self) -> Vec<String> {
        let Ok(rd) = std::fs::read_dir(self.dir.path().join("cache/pubmed")) else {
            return Vec::new();
        };
        rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// The contract for a source that could not be fetched.
    fn assert_failed(&self, reason: &str, bound: Duration) {
        assert_eq!(self.code, 2, "exit code; stderr:\n{}", self.stderr);
        assert_eq!(
            self.finding()["verdict"],
            "unverifiable",
            "{}",
            self.finding()
        );
        let why = self.reason();
        assert!(why.contains(reason), "reason {why:?} lacks {reason:?}");
        assert!(
            self.stderr.contains("1 source could not be fetched; ")
                && self.stderr.contains("unverifiable because of it"),
            "{}",
            self.stderr
        );
        assert!(self.elapsed < bound, "took {:?}", self.elapsed);
        assert!(self.cached().is_empty(), "cache holds {:?}", self.cached());
    }
}

/// `claimcheck check page.md --format json` against `server` with short limits.
fn check(server: &str, extra: &[&str]) -> Run {
    let dir = article();
    let started = Instant::now();
    let out = claimcheck(dir.path())
        .args(["check", "page.md", "--format", "json", "--cache", "cache"])
        .args(["--email", "editor@example.org", "--eutils-url", server])
        .args(defaults(extra))
        .args(extra)
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    Run {
        code: out.status.code().unwrap_or(-1),
        report: serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed,
        dir,
    }
}

/// `--timeout 3 --retries 1`, less what `extra` sets itself.
fn defaults(extra: &[&str]) -> Vec<&'static str> {
    [("--timeout", "3"), ("--retries", "1")]
        .into_iter()
        .filter(|(flag, _)| !extra.contains(flag))
        .flat_map(|(flag, value)| [flag, value])
        .collect()
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn a_good_answer_is_supported_and_cached() {
    let server = Server::start(|_| Action::xml(article_set(&[record(PMID)])));
    let run = check(&server.url, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.finding()["verdict"], "supported", "{}", run.finding());
    assert_eq!(run.cached(), [format!("{PMID}.xml")]);
}

#[test]
fn a_storm_of_429_without_retry_after_gives_up() {
    let server = Server::start(|_| Action::status(429, &[]));
    let run = check(&server.url, &[]);
    run.assert_failed("HTTP 429", secs(10));
    assert_eq!(server.hits(), 2, "one retry");
}

#[test]
fn retry_after_in_seconds_is_honoured() {
    let server = Server::start(|_| Action::status(429, &[("Retry-After", "1")]));
    let run = check(&server.url, &[]);
    run.assert_failed("HTTP 429", secs(10));
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    let gap = seen[1].at - seen[0].at;
    assert!(gap >= Duration::from_millis(950), "waited {gap:?}");
}

#[test]
fn a_huge_retry_after_gives_the_source_up_at_once() {
    let server = Server::start(|_| Action::status(429, &[("Retry-After", "86400")]));
    let run = check(&server.url, &[]);
    run.assert_failed("more than the 60 s cap", secs(5));
    assert_eq!(server.hits(), 1);
}

#[test]
fn retry_after_as_an_http_date() {
    // A day ahead: over the cap.
    let later = httpdate::fmt_http_date(SystemTime::now() + secs(86_400));
    let server = Server::start(move |_| Action::status(503, &[("Retry-After", later.as_str())]));
    let run = check(&server.url, &[]);
    run.assert_failed("more than the 60 s cap", secs(5));
    // Two seconds ahead, with a 1-second cap: also given up; with a 5-second cap, waited for.
    let soon = httpdate::fmt_http_date(SystemTime::now() + secs(3));
    let server = Server::start(move |_| Action::status(503, &[("Retry-After", soon.as_str())]));
    let run = check(&server.url, &["--max-retry-after", "5", "--timeout", "10"]);
    run.assert_failed("HTTP 503", secs(10));
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen[1].at - seen[0].at >= Duration::from_millis(900));
}

#[test]
fn server_errors_are_retried_then_given_up() {
    for status in [500, 503] {
        let server = Server::start(move |_| Action::status(status, &[]));
        let run = check(&server.url, &[]);
        run.assert_failed(&format!("HTTP {status}"), secs(10));
        assert_eq!(server.hits(), 2);
    }
}

#[test]
fn client_errors_other_than_429_are_not_retried() {
    for status in [400, 404, 408] {
        let server = Server::start(move |_| Action::status(status, &[]));
        let run = check(&server.url, &["--retries", "3"]);
        run.assert_failed(&format!("HTTP {status}"), secs(5));
        assert_eq!(server.hits(), 1, "HTTP {status}");
    }
}

#[test]
fn an_answer_slower_than_the_deadline_is_given_up() {
    let server = Server::start(|_| Action::Trickle);
    let run = check(&server.url, &["--timeout", "2", "--retries", "5"]);
    run.assert_failed("deadline", secs(8));
    let server = Server::start(|_| Action::Hang);
    let run = check(&server.url, &["--timeout", "2"]);
    run.assert_failed("deadline", secs(8));
}

#[test]
fn a_truncated_body_is_not_data() {
    let full = article_set(&[record(PMID)]).into_bytes();
    let half = full[..full.len() / 2].to_vec();
    let (declared, cut) = (full.len(), half.clone());
    let server = Server::start(move |_| Action::Truncate {
        declared,
        body: cut.clone(),
    });
    let run = check(&server.url, &[]);
    run.assert_failed("connection dropped", secs(10));
    assert_eq!(server.hits(), 2, "a dropped connection is retried");
    // Cut between two records, with no length: only the XML shows it.
    let two = article_set(&[record(PMID), record(PMID + 1)]);
    let cut_at = two.find("</PubmedArticle>").unwrap() + "</PubmedArticle>".len();
    let body = two.as_bytes()[..cut_at].to_vec();
    let server = Server::start(move |_| Action::CloseDelimited { body: body.clone() });
    let run = check(&server.url, &[]);
    run.assert_failed("unreadable response", secs(10));
}

#[test]
fn malformed_xml_is_not_data() {
    let server = Server::start(|_| {
        Action::xml("<?xml version=\"1.0\"?><PubmedArticleSet><PubmedArticle><MedlineCitation></PubmedArticle>")
    });
    let run = check(&server.url, &[]);
    run.assert_failed("malformed XML", secs(5));
    assert_eq!(server.hits(), 1, "malformed answers are not retried");
}

#[test]
fn entity_bombs_and_external_entities_are_refused() {
    let bomb = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE PubmedArticleSet [<!ENTITY a \"aaaaaaaaaa\">\
         <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\
         <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><PubmedArticleSet>{}</PubmedArticleSet>",
        record(PMID).replace("64% responded", "&d; 64% responded")
    );
    let server = Server::start(move |_| Action::xml(bomb.clone()));
    check(&server.url, &[]).assert_failed("internal DTD", secs(5));
    let external = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\
         <PubmedArticleSet>{}</PubmedArticleSet>",
        record(PMID).replace("64% responded", "&x; 64% responded")
    );
    let server = Server::start(move |_| Action::xml(external.clone()));
    check(&server.url, &[]).assert_failed("internal DTD", secs(5));
}

#[test]
fn the_wrong_content_type_is_not_data() {
    let server = Server::start(|_| Action::Reply {
        status: 200,
        headers: vec![("Content-Type".into(), "image/png".into())],
        body: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
    });
    check(&server.url, &[]).assert_failed("unexpected content type", secs(5));
}

#[test]
fn an_ncbi_error_inside_http_200_is_not_data() {
    let server = Server::start(|_| {
        Action::xml(
            "<?xml version=\"1.0\"?><eFetchResult><ERROR>Invalid id list</ERROR></eFetchResult>",
        )
    });
    check(&server.url, &[]).assert_failed("NCBI reported an error", secs(5));
}

#[test]
fn a_body_far_larger_than_the_cap_is_abandoned() {
    // 8 MB of well-formed padding inside the record set, against a 1 MB cap.
    let big = article_set(&[record(PMID)]).replace(
        "<PubmedArticleSet>",
        &format!("<PubmedArticleSet><!--{}-->", "x".repeat(8 << 20)),
    );
    let server = Server::start(move |_| Action::xml(big.clone()));
    let run = check(&server.url, &["--max-response-size", "1000000"]);
    run.assert_failed("larger than the 1000000-byte cap", secs(10));
}

#[test]
fn a_gzip_bomb_is_capped_after_decompression() {
    // 256 MB of spaces compress to about 250 kB; the cap is 2 MB of decompressed text.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![b' '; 1 << 20];
    gz.write_all(b"<?xml version=\"1.0\"?>").unwrap();
    for _ in 0..256 {
        gz.write_all(&chunk).unwrap();
    }
    let body = gz.finish().unwrap();
    let server = Server::start(move |_| Action::Reply {
        status: 200,
        headers: vec![
            ("Content-Type".into(), "text/xml".into()),
            ("Content-Encoding".into(), "gzip".into()),
        ],
        body: body.clone(),
    });
    let run = check(&server.url, &["--max-response-size", "2000000"]);
    run.assert_failed("larger than the 2000000-byte cap", secs(10));
}

#[test]
fn redirect_loops_end() {
    let server = Server::start(|line| {
        let n: u32 = line
            .split("hop=")
            .nth(1)
            .and_then(|s| s.split(['&', ' ']).next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let target = format!("/efetch.fcgi?hop={}", n + 1);
        Action::status(302, &[("Location", target.as_str())])
    });
    let run = check(&server.url, &[]);
    run.assert_failed("more than 5 redirects", secs(5));
    assert!(server.hits() <= 6 + 1, "{} requests", server.hits());
}

#[test]
fn a_redirect_to_another_host_is_refused() {
    let other = Server::start_on("127.0.0.2", |_| Action::xml(article_set(&[record(PMID)])));
    let target = format!("{}/efetch.fcgi", other.url);
    let server = Server::start(move |_| Action::status(302, &[("Location", target.as_str())]));
    let run = check(&server.url, &["--retries", "3"]);
    run.assert_failed("redirect to another host (127.0.0.2) refused", secs(5));
    assert_eq!(other.hits(), 0, "the other host was contacted");
    assert_eq!(server.hits(), 1, "a refused redirect is not retried");
}

#[test]
fn a_refused_connection_or_unknown_host_is_not_retried() {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let run = check(
        &format!("http://127.0.0.1:{port}/"),
        &["--retries", "4", "--verbose"],
    );
    run.assert_failed("could not connect", secs(5));
    assert_eq!(run.stderr.matches("(attempt ").count(), 1, "{}", run.stderr);
    let run = check(
        "http://eutils.claimcheck-test.invalid/",
        &["--retries", "4", "--verbose"],
    );
    run.assert_failed("could not connect", secs(10));
    assert_eq!(run.stderr.matches("(attempt ").count(), 1, "{}", run.stderr);
}

#[test]
fn fetch_failures_can_be_allowed() {
    let server = Server::start(|_| Action::status(500, &[]));
    let run = check(&server.url, &["--allow-fetch-errors"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.finding()["verdict"], "unverifiable");
    assert!(
        run.stderr
            .contains("warning: 1 source could not be fetched"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("allowed by --allow-fetch-errors"));
    // The same from claimcheck.toml.
    let dir = article();
    std::fs::write(
        dir.path().join("claimcheck.toml"),
        "allow_fetch_errors = true\n",
    )
    .unwrap();
    let out = claimcheck(dir.path())
        .args([
            "check",
            "page.md",
            "--cache",
            "cache",
            "--eutils-url",
            &server.url,
        ])
        .args(["--timeout", "3", "--retries", "0"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn verbose_logs_each_request_without_key_or_email() {
    let server = Server::start(|_| Action::xml(article_set(&[record(PMID)])));
    let run = check(&server.url, &["-v", "--api-key", "SECRET-KEY-42"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("claimcheck: efetch GET"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(lines[0].contains(&format!("id={PMID}")), "{}", lines[0]);
    assert!(lines[0].contains("bytes in"), "{}", lines[0]);
    assert!(!run.stderr.contains("SECRET-KEY-42"), "{}", run.stderr);
    assert!(!run.stderr.contains("editor@example.org"), "{}", run.stderr);
    // The key and email were sent all the same.
    let sent = &server.seen()[0].line;
    assert!(
        sent.contains("api_key=SECRET-KEY-42") && sent.contains("email=editor%40example.org"),
        "{sent}"
    );
}
