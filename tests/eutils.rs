//! The real E-utilities client and source resolution against a loopback server (wiremock, or a
//! raw TcpListener where a connection must be dropped). Nothing here touches the internet.

mod common;

use std::net::TcpListener as StdListener;
use std::time::{Duration, Instant};

use claimcheck::app::sources::{self, Mode, Resolution};
use claimcheck::cache::{Cache, IdKind};
use claimcheck::model::{Claim, Source, SourceKind};
use claimcheck::pubmed::{Client, ClientBuilder, DoiLookup, Endpoint, Error};
use common::{
    article_set, book_xml, esearch_xml, max_per_second, params, requested_ids, Efetch, Rec,
    Sequence, Timed,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "SECRET-KEY-0123456789";

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A client for `server`: small backoffs, an email, and (unless told otherwise) a key so the
/// limiter allows 10 requests per second.
fn builder(uri: &str) -> ClientBuilder {
    Client::builder()
        .eutils_url(uri)
        .idconv_url(format!("{uri}/idconv/"))
        .email("tester@example.org")
        .api_key(KEY)
        .max_retries(3)
        .base_backoff(ms(10))
        .max_backoff(ms(40))
        .timeout(Duration::from_secs(5))
}

fn source(id: &str, kind: SourceKind, text: &str) -> Source {
    serde_json::from_value(serde_json::json!({
        "id": id,
        "kind": kind,
        "url": null,
        "text": text,
        "role": "inline",
        "location": {"line": 1, "column": 1, "start": 0, "end": 1},
    }))
    .expect("valid source")
}

fn claim(sentence: &str, sources: &[&str], added: &[&str]) -> Claim {
    serde_json::from_value(serde_json::json!({
        "id": "c1",
        "kind": "response_rate",
        "value": {"low": 70.0, "high": 70.0, "unit": "%"},
        "subject": "response to ketamine",
        "quote": "70%",
        "sentence": sentence,
        "location": {"line": 1, "column": 1, "start": 0, "end": 1},
        "sources": sources,
        "added_sources": added,
    }))
    .expect("valid claim")
}

async fn efetch_mock(server: &MockServer, responder: Efetch) {
    Mock::given(path("/efetch.fcgi"))
        .respond_with(responder)
        .mount(server)
        .await;
}

#[tokio::test]
async fn batches_of_200_and_post_for_long_lists() {
    let server = MockServer::start().await;
    let ids: Vec<u32> = (1..=450).collect();
    efetch_mock(
        &server,
        Efetch::new(ids.iter().map(|&i| (i, Rec::new(i).xml()))),
    )
    .await;
    let client = builder(&server.uri()).build().unwrap();

    let fetched = client.efetch(&ids).await.unwrap();
    assert_eq!(fetched.records.len(), 450);
    assert!(fetched.missing.is_empty());
    let mut got: Vec<u32> = fetched.records.iter().map(|r| r.record.pmid).collect();
    got.sort_unstable();
    assert_eq!(got, ids);
    // The raw element is the record's own, ready for the cache.
    let raw = &fetched.records[0].raw;
    assert!(raw.starts_with("<PubmedArticle>") && raw.ends_with("</PubmedArticle>"));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3, "450 ids -> ceil(450/200) requests");
    let mut sizes: Vec<usize> = requests.iter().map(|r| requested_ids(r).len()).collect();
    sizes.sort_unstable();
    assert_eq!(sizes, vec![50, 200, 200]);
    for r in &requests {
        let n = requested_ids(r).len();
        let want = if n > 50 { "POST" } else { "GET" };
        assert_eq!(r.method.as_str(), want, "{n} ids");
        let p = params(r);
        assert_eq!(p.get("db").map(String::as_str), Some("pubmed"));
        assert_eq!(p.get("retmode").map(String::as_str), Some("xml"));
    }
}

#[tokio::test]
async fn short_lists_use_get() {
    let server = MockServer::start().await;
    efetch_mock(&server, Efetch::new([(7, Rec::new(7).xml())])).await;
    let client = builder(&server.uri()).build().unwrap();
    client.efetch(&[7]).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(
        requests[0]
            .url
            .query_pairs()
            .find(|(k, _)| k == "id")
            .unwrap()
            .1,
        "7"
    );
}

/// Fires 12 concurrent esearches and returns the arrival times.
async fn twelve_concurrent(client: Client, server: &MockServer) -> Vec<Instant> {
    let responder = Timed {
        body: esearch_xml(&[1]),
        times: Default::default(),
    };
    let times = responder.times.clone();
    Mock::given(path("/esearch.fcgi"))
        .respond_with(responder)
        .mount(server)
        .await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..12 {
        let c = client.clone();
        tasks.spawn(async move { c.esearch(&format!("term{i}"), 1).await });
    }
    while let Some(r) = tasks.join_next().await {
        assert_eq!(r.unwrap().unwrap().ids, vec![1]);
    }
    let t = times.lock().unwrap().clone();
    assert_eq!(t.len(), 12);
    t
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pacing_without_key_is_three_per_second() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .eutils_url(server.uri())
        .email("tester@example.org")
        .build()
        .unwrap();
    assert_eq!(client.requests_per_second(), 3);
    let times = twelve_concurrent(client, &server).await;
    let peak = max_per_second(&times);
    assert!(peak <= 3, "{peak} requests within one second");
    // Not slower than needed either: 12 requests at ~3/s take about 4 s.
    let span = times
        .iter()
        .max()
        .unwrap()
        .duration_since(*times.iter().min().unwrap());
    assert!(span < Duration::from_secs(6), "{span:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pacing_with_key_is_ten_per_second() {
    let server = MockServer::start().await;
    let client = builder(&server.uri()).build().unwrap();
    assert_eq!(client.requests_per_second(), 10);
    let times = twelve_concurrent(client, &server).await;
    let peak = max_per_second(&times);
    assert!(peak <= 10, "{peak} requests within one second");
    assert!(peak > 3, "the key's higher rate is used: {peak}");
}

#[tokio::test]
async fn tool_email_and_key_on_every_request() {
    let server = MockServer::start().await;
    efetch_mock(
        &server,
        Efetch::new((1..=60).map(|i| (i, Rec::new(i).xml()))),
    )
    .await;
    Mock::given(path("/esearch.fcgi"))
        .respond_with(ResponseTemplate::new(200).set_body_string(esearch_xml(&[1])))
        .mount(&server)
        .await;
    Mock::given(path("/idconv/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"status":"ok","records":[{"pmcid":"PMC9","pmid":9,"requested-id":"PMC9"}]}"#,
        ))
        .mount(&server)
        .await;
    let client = builder(&server.uri()).tool("cc-test").build().unwrap();
    client.efetch(&[1, 2]).await.unwrap(); // GET
    client.efetch(&(1..=60).collect::<Vec<_>>()).await.unwrap(); // POST
    client.esearch("ketamine", 5).await.unwrap();
    let conv = client.pmc_to_pmid(&["PMC9".to_owned()]).await.unwrap();
    assert_eq!(conv[0].pmid, Some(9));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 4);
    assert!(requests.iter().any(|r| r.method.as_str() == "POST"));
    for r in &requests {
        let p = params(r);
        assert_eq!(
            p.get("tool").map(String::as_str),
            Some("cc-test"),
            "{}",
            r.url
        );
        assert_eq!(
            p.get("email").map(String::as_str),
            Some("tester@example.org")
        );
        assert_eq!(p.get("api_key").map(String::as_str), Some(KEY));
    }
}

#[tokio::test]
async fn retries_429_honouring_retry_after() {
    let server = MockServer::start().await;
    let responder = Sequence::new(
        1,
        ResponseTemplate::new(429)
            .insert_header("retry-after", "1")
            .set_body_string(r#"{"error":"API rate limit exceeded","count":"11"}"#),
        ResponseTemplate::new(200).set_body_string(esearch_xml(&[42])),
    );
    let times = responder.times.clone();
    Mock::given(path("/esearch.fcgi"))
        .respond_with(responder)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).build().unwrap();
    let result = client.esearch("x", 1).await.unwrap();
    assert_eq!(result.ids, vec![42]);
    let times = times.lock().unwrap().clone();
    assert_eq!(times.len(), 2);
    let gap = times[1].duration_since(times[0]);
    // Retry-After says 1 s; the backoff alone would be at most 40 ms.
    assert!(gap >= ms(950), "retried after {gap:?}");
}

#[tokio::test]
async fn retries_500_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(path("/efetch.fcgi"))
        .respond_with(Sequence::new(
            2,
            ResponseTemplate::new(500),
            ResponseTemplate::new(200).set_body_string(article_set(&[Rec::new(5).xml()])),
        ))
        .mount(&server)
        .await;
    let client = builder(&server.uri()).build().unwrap();
    let fetched = client.efetch(&[5]).await.unwrap();
    assert_eq!(fetched.records[0].record.pmid, 5);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn gives_up_after_max_retries() {
    let server = MockServer::start().await;
    Mock::given(path("/efetch.fcgi"))
        .respond_with(ResponseTemplate::new(503))
        .expect(3)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).max_retries(2).build().unwrap();
    let err = client.efetch(&[5]).await.unwrap_err();
    match &err {
        Error::GaveUp { attempts, last } => {
            assert_eq!(*attempts, 3);
            assert!(matches!(
                **last,
                Error::Status {
                    status: 503,
                    endpoint: Endpoint::Efetch,
                    ..
                }
            ));
        }
        other => panic!("expected GaveUp, got {other:?}"),
    }
    let text = anyhow::Error::from(err)
        .chain()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ");
    assert!(text.contains("gave up after 3 attempts"), "{text}");
    assert!(text.contains("HTTP 503"), "{text}");
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/esearch.fcgi"))
        .respond_with(ResponseTemplate::new(400).set_body_string(r#"{"error":"Invalid query"}"#))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).build().unwrap();
    let err = client.esearch("(", 1).await.unwrap_err();
    assert!(
        matches!(&err, Error::Status { status: 400, detail: Some(d), .. } if d == "Invalid query")
    );
}

/// Serves `body` as an HTTP 200 on every connection after dropping the first `drop_first`
/// connections without answering.
async fn flaky_server(drop_first: usize, body: String) -> (String, tokio::task::JoinHandle<usize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = tokio::spawn(async move {
        let mut accepted = 0;
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                break;
            };
            accepted += 1;
            let mut buf = vec![0u8; 8192];
            let mut seen = Vec::new();
            // Read the request head (GETs carry no body).
            while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                match sock.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                }
            }
            if accepted <= drop_first {
                drop(sock); // the connection drops with no response
                continue;
            }
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                body.len(),
                body
            );
            let _ = sock.write_all(response.as_bytes()).await;
            let _ = sock.shutdown().await;
            if accepted > drop_first {
                break;
            }
        }
        accepted
    });
    (format!("http://{addr}"), handle)
}

#[tokio::test]
async fn retries_a_dropped_connection() {
    let (uri, server) = flaky_server(2, article_set(&[Rec::new(8).xml()])).await;
    let client = builder(&uri).build().unwrap();
    let fetched = client.efetch(&[8]).await.unwrap();
    assert_eq!(fetched.records[0].record.pmid, 8);
    assert_eq!(
        server.await.unwrap(),
        3,
        "two dropped connections, then the answer"
    );
}

#[tokio::test]
async fn a_dropped_connection_every_time_is_an_error() {
    let (uri, server) = flaky_server(usize::MAX, String::new()).await;
    let client = builder(&uri).max_retries(1).build().unwrap();
    let err = client.efetch(&[8]).await.unwrap_err();
    assert!(
        matches!(&err, Error::GaveUp { attempts: 2, last } if matches!(**last, Error::Transport { .. })),
        "{err:?}"
    );
    server.abort();
}

#[tokio::test]
async fn errors_inside_http_200() {
    let server = MockServer::start().await;
    // efetch's <ERROR>: not transient, one request.
    Mock::given(path("/efetch.fcgi"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<!DOCTYPE eFetchResult PUBLIC \"-//NLM//DTD efetch 20131226//EN\" \"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20131226/efetch.dtd\">\n<eFetchResult>\n\t<ERROR>Cannot retrieve history data.</ERROR>\n</eFetchResult>\n",
        ))
        .expect(1)
        .mount(&server)
        .await;
    // esearch's <ERROR> (the shared sample when present).
    let bad = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/pubmed-samples/api-responses/esearch.baderror.xml"
    ))
    .unwrap_or_else(|_| {
        "<eSearchResult><ERROR>Invalid db name specified: fleegle</ERROR></eSearchResult>"
            .to_owned()
    });
    Mock::given(path("/esearch.fcgi"))
        .respond_with(ResponseTemplate::new(200).set_body_string(bad))
        .expect(1)
        .mount(&server)
        .await;
    // The ID converter's JSON error.
    Mock::given(path("/idconv/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"status":"error","message":"invalid article id: PMCx"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).build().unwrap();

    let err = client.efetch(&[1]).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { endpoint: Endpoint::Efetch, message, .. } if message == "Cannot retrieve history data."),
        "{err:?}"
    );
    let err = client.esearch("x", 1).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { endpoint: Endpoint::Esearch, message, .. } if message.contains("fleegle")),
        "{err:?}"
    );
    let err = client.pmc_to_pmid(&["PMCx".to_owned()]).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { endpoint: Endpoint::IdConv, message, .. } if message.contains("invalid article id")),
        "{err:?}"
    );
}

#[tokio::test]
async fn rate_limit_json_with_200_is_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/esearch.fcgi"))
        .respond_with(Sequence::new(
            1,
            ResponseTemplate::new(200)
                .set_body_string(r#"{"error":"API rate limit exceeded","count":"11"}"#),
            ResponseTemplate::new(200).set_body_string(esearch_xml(&[3])),
        ))
        .mount(&server)
        .await;
    let client = builder(&server.uri()).build().unwrap();
    assert_eq!(client.esearch("x", 1).await.unwrap().ids, vec![3]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_html_outage_page_is_an_error_not_data() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/efetch.fcgi"))
        .respond_with(ResponseTemplate::new(200).insert_header("content-type", "text/html").set_body_string(
            "<!DOCTYPE html>\n<html><head><title>NCBI - Service unavailable</title></head><body>Down for maintenance</body></html>",
        ))
        .expect(3)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).max_retries(2).build().unwrap();
    let err = client.efetch(&[1]).await.unwrap_err();
    match &err {
        Error::GaveUp { last, .. } => match &**last {
            Error::Html {
                title, expected, ..
            } => {
                assert_eq!(title.as_deref(), Some("NCBI - Service unavailable"));
                assert_eq!(*expected, "XML");
            }
            other => panic!("expected Html, got {other:?}"),
        },
        other => panic!("expected GaveUp, got {other:?}"),
    }
}

#[tokio::test]
async fn ids_efetch_leaves_out_are_missing() {
    let server = MockServer::start().await;
    efetch_mock(
        &server,
        Efetch::new([(1, Rec::new(1).xml()), (3, Rec::new(3).xml())]),
    )
    .await;
    let client = builder(&server.uri()).build().unwrap();
    let fetched = client.efetch(&[1, 2, 3, 4]).await.unwrap();
    assert_eq!(fetched.records.len(), 2);
    assert_eq!(fetched.missing, vec![2, 4]);
}

#[tokio::test]
async fn a_doi_mismatch_is_rejected() {
    let server = MockServer::start().await;
    Mock::given(path("/esearch.fcgi"))
        .respond_with(ResponseTemplate::new(200).set_body_string(esearch_xml(&[5])))
        .mount(&server)
        .await;
    let mut other = Rec::new(5);
    other.doi = Some("10.1001/other.2017.1".into());
    efetch_mock(&server, Efetch::new([(5, other.xml())])).await;
    let client = builder(&server.uri()).build().unwrap();

    let lookup = client
        .pmid_for_doi("10.1176/appi.ajp.2017.1")
        .await
        .unwrap();
    assert_eq!(
        lookup,
        DoiLookup::Mismatch {
            pmids: vec![5],
            dois: vec![Some("10.1001/other.2017.1".into())]
        }
    );
    let searches: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/esearch.fcgi")
        .collect();
    assert_eq!(
        params(&searches[0]).get("term").map(String::as_str),
        Some("\"10.1176/appi.ajp.2017.1\"[doi]")
    );

    // Through the orchestration: a Missing with the reason, never a Resolved.
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let src = [source(
        "doi:10.1176/appi.ajp.2017.1",
        SourceKind::Doi,
        "study",
    )];
    let out = sources::resolve_sources(&src, &[], &cache, &Mode::Online(client), false).await;
    match &out.sources[0].resolution {
        Resolution::Missing { reason } => assert!(reason.contains("mismatch"), "{reason}"),
        other => panic!("expected Missing, got {other:?}"),
    }
}

#[tokio::test]
async fn a_matching_doi_resolves_case_insensitively() {
    let server = MockServer::start().await;
    Mock::given(path("/esearch.fcgi"))
        .respond_with(ResponseTemplate::new(200).set_body_string(esearch_xml(&[6])))
        .mount(&server)
        .await;
    let mut rec = Rec::new(6);
    rec.doi = Some("10.1176/APPI.AJP.2017.1".into());
    efetch_mock(&server, Efetch::new([(6, rec.xml())])).await;
    let client = builder(&server.uri()).build().unwrap();
    match client
        .pmid_for_doi("10.1176/appi.ajp.2017.1")
        .await
        .unwrap()
    {
        DoiLookup::Found(r) => assert_eq!(r.record.pmid, 6),
        other => panic!("expected Found, got {other:?}"),
    }
}

#[tokio::test]
async fn offline_never_opens_a_socket() {
    // A listener we own: if anything connected, accept() would return it.
    let listener = StdListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    // The app builds its client from flags and env even when offline; offline mode must not
    // use it. Building it opens nothing either.
    let _unused = builder(&uri).build().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    cache
        .write_record(11, Rec::new(11).xml().as_bytes())
        .unwrap();
    let src = [
        source("pmid:11", SourceKind::Pubmed, "cached"),
        source("pmid:12", SourceKind::Pubmed, "not cached"),
        source("doi:10.1/abc", SourceKind::Doi, "not cached"),
        source("pmc:PMC77", SourceKind::Pmc, "not cached"),
        source("web:1", SourceKind::Web, "a clinic page"),
    ];
    let out = sources::resolve_sources(&src, &[], &cache, &Mode::Offline, false).await;
    assert!(matches!(
        out.sources[0].resolution,
        Resolution::Resolved { pmid: 11, .. }
    ));
    for s in &out.sources[1..4] {
        match &s.resolution {
            Resolution::NotCached { what } => assert_eq!(what, &s.id),
            other => panic!("{}: expected NotCached, got {other:?}", s.id),
        }
    }
    assert_eq!(out.sources[4].resolution, Resolution::NotResearch);
    assert_eq!(
        out.offline_misses,
        vec!["doi:10.1/abc", "pmc:PMC77", "pmid:12"]
    );
    assert!(matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock));
}

#[tokio::test]
async fn a_warm_cache_sends_no_requests() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let mut doi_rec = Rec::new(21);
    doi_rec.doi = Some("10.5/x".into());
    let mut pmc_rec = Rec::new(22);
    pmc_rec.pmcid = Some("PMC22".into());
    let src = [
        source("pmid:20", SourceKind::Pubmed, "a"),
        source("doi:10.5/x", SourceKind::Doi, "b"),
        source("pmc:PMC22", SourceKind::Pmc, "c"),
        source("nbk:NBK500", SourceKind::Bookshelf, "d"),
    ];

    // Cold: everything comes from the server and lands in the cache.
    let cold = MockServer::start().await;
    efetch_mock(
        &cold,
        Efetch::new([
            (20, Rec::new(20).xml()),
            (21, doi_rec.xml()),
            (22, pmc_rec.xml()),
            (23, book_xml(23, "NBK500", "Ketamine")),
        ]),
    )
    .await;
    Mock::given(path("/esearch.fcgi"))
        .respond_with(move |req: &wiremock::Request| {
            let term = params(req).get("term").cloned().unwrap_or_default();
            let ids = if term.contains("NBK500") {
                vec![23]
            } else {
                vec![21]
            };
            ResponseTemplate::new(200).set_body_string(esearch_xml(&ids))
        })
        .mount(&cold)
        .await;
    Mock::given(path("/idconv/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"status":"ok","records":[{"pmcid":"PMC22","pmid":"22","requested-id":"PMC22"}]}"#,
        ))
        .mount(&cold)
        .await;
    let client = builder(&cold.uri()).build().unwrap();
    let first = sources::resolve_sources(&src, &[], &cache, &Mode::Online(client), false).await;
    let pmids: Vec<Option<u32>> = first
        .sources
        .iter()
        .map(|s| match &s.resolution {
            Resolution::Resolved { pmid, .. } => Some(*pmid),
            _ => None,
        })
        .collect();
    assert_eq!(
        pmids,
        vec![Some(20), Some(21), Some(22), Some(23)],
        "{first:?}"
    );
    let efetches = cold
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/efetch.fcgi")
        .count();
    assert_eq!(efetches, 1, "all PMIDs in one batched efetch");
    assert_eq!(
        cache.read_idmap(IdKind::Pmc, "PMC22").unwrap(),
        Some(vec![22])
    );
    assert!(cache.record_path(23).exists());

    // Warm: a server that must receive nothing.
    let warm = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&warm)
        .await;
    let client = builder(&warm.uri()).build().unwrap();
    let second =
        sources::resolve_sources(&src, &[], &cache, &Mode::Online(client.clone()), false).await;
    assert_eq!(second, first);
    assert!(warm.received_requests().await.unwrap().is_empty());

    // --refresh fetches again, warm cache or not.
    let refresh = MockServer::start().await;
    efetch_mock(&refresh, Efetch::new([(20, Rec::new(20).xml())])).await;
    let client = builder(&refresh.uri()).build().unwrap();
    let third = sources::resolve_sources(&src[..1], &[], &cache, &Mode::Online(client), true).await;
    assert!(matches!(
        third.sources[0].resolution,
        Resolution::Resolved { pmid: 20, .. }
    ));
    assert_eq!(refresh.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_api_key_never_appears_in_errors() {
    // An error status whose body echoes the key, a 200 error, and a refused connection.
    let server = MockServer::start().await;
    Mock::given(path("/efetch.fcgi"))
        .respond_with(
            ResponseTemplate::new(500).set_body_string(format!(r#"{{"error":"bad key {KEY}"}}"#)),
        )
        .mount(&server)
        .await;
    Mock::given(path("/esearch.fcgi"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            "<eSearchResult><ERROR>API key invalid: {KEY}</ERROR></eSearchResult>"
        )))
        .mount(&server)
        .await;
    let client = builder(&server.uri()).max_retries(1).build().unwrap();
    let closed = {
        let l = StdListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let refused = builder(&closed).max_retries(0).build().unwrap();

    let errors = vec![
        client
            .efetch(&(1..=80).collect::<Vec<_>>())
            .await
            .unwrap_err(),
        client.efetch(&[1]).await.unwrap_err(),
        client.esearch("x", 1).await.unwrap_err(),
        refused.esearch("x", 1).await.unwrap_err(),
    ];
    for err in errors {
        let chain: Vec<String> = anyhow::Error::from(err)
            .chain()
            .map(|e| format!("{e} / {e:?}"))
            .collect();
        let text = chain.join(" | ");
        assert!(!text.contains(KEY), "key leaked: {text}");
        assert!(text.contains("127.0.0.1"), "the URL is still named: {text}");
    }
}

#[tokio::test]
async fn pmc_and_bookshelf_and_citations_resolve() {
    let server = MockServer::start().await;
    let mut pmc_rec = Rec::new(31);
    pmc_rec.pmcid = Some("PMC31".into());
    let mut best = Rec::new(41);
    best.title = "Ketamine for treatment-resistant depression: a randomized trial".into();
    best.year = 2017;
    let mut weaker = Rec::new(42);
    weaker.year = 2017;
    weaker.title = "Exercise and mood".into();
    let mut unrelated = Rec::new(43);
    unrelated.journal = "Lancet".into();
    unrelated.iso = "Lancet".into();
    unrelated.year = 2001;
    efetch_mock(
        &server,
        Efetch::new([
            (31, pmc_rec.xml()),
            (32, book_xml(32, "NBK999", "Depression")),
            (33, book_xml(33, "NBK111", "Other chapter")),
            (41, best.xml()),
            (42, weaker.xml()),
            (43, unrelated.xml()),
        ]),
    )
    .await;
    Mock::given(path("/idconv/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"status":"ok","records":[{"pmcid":"PMC31","pmid":31,"requested-id":"PMC31"},{"requested-id":"PMC404","status":"error","errmsg":"invalid article id"}]}"#,
        ))
        .mount(&server)
        .await;
    Mock::given(path("/esearch.fcgi"))
        .respond_with(|req: &wiremock::Request| {
            let term = params(req).get("term").cloned().unwrap_or_default();
            let ids: Vec<u32> = if term == "NBK999[aid]" {
                vec![33, 32] // the search also returns another book: verification picks 32
            } else if term.contains("\"Am J Psychiatry\"[ta]") && term.contains("2017[dp]") {
                vec![43, 42, 41]
            } else {
                vec![]
            };
            ResponseTemplate::new(200).set_body_string(esearch_xml(&ids))
        })
        .mount(&server)
        .await;
    let client = builder(&server.uri()).build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let src = [
        source("pmc:PMC31", SourceKind::Pmc, "a"),
        source("pmc:PMC404", SourceKind::Pmc, "b"),
        source("nbk:NBK999", SourceKind::Bookshelf, "c"),
        source(
            "cite:1",
            SourceKind::Citation,
            "a landmark study published in the American Journal of Psychiatry in 2017",
        ),
        source("cite:2", SourceKind::Citation, "experts agree"),
    ];
    let claims = [claim(
        "Ketamine relieved depression in 70% of patients.",
        &["cite:1"],
        &["pmid:31", "https://www.example.org/page"],
    )];
    let out = sources::resolve_sources(&src, &claims, &cache, &Mode::Online(client), false).await;
    let r = |i: usize| &out.sources[i].resolution;
    assert!(
        matches!(r(0), Resolution::Resolved { pmid: 31, .. }),
        "{:?}",
        r(0)
    );
    assert!(
        matches!(r(1), Resolution::Missing { reason } if reason.contains("invalid article id")),
        "{:?}",
        r(1)
    );
    assert!(
        matches!(r(2), Resolution::Resolved { pmid: 32, .. }),
        "{:?}",
        r(2)
    );
    match r(3) {
        Resolution::Inferred { candidates } => {
            let order: Vec<u32> = candidates.iter().map(|c| c.pmid).collect();
            assert_eq!(
                order,
                vec![41, 42],
                "the Lancet 2001 record is not a candidate"
            );
            assert!(candidates[0]
                .why
                .contains(&"journal Am J Psychiatry".to_owned()));
            assert!(
                candidates[0].why.iter().any(|w| w.contains("ketamine")),
                "{:?}",
                candidates[0].why
            );
            assert!(candidates[0].score > candidates[1].score);
        }
        other => panic!("expected Inferred, got {other:?}"),
    }
    assert!(matches!(r(4), Resolution::Missing { reason } if reason.contains("too vague")));
    // The added PMID is a new entry; the added web page is not research.
    assert_eq!(out.sources.len(), 7);
    assert_eq!(out.sources[5].id, "pmid:31");
    assert!(matches!(r(5), Resolution::Resolved { pmid: 31, .. }));
    assert_eq!(out.sources[6].resolution, Resolution::NotResearch);
    // A confirmed miss is cached as an empty list.
    assert_eq!(
        cache.read_idmap(IdKind::Pmc, "PMC404").unwrap(),
        Some(vec![])
    );

    let json = claimcheck::report::render_fetch_json(&out.sources);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["sources"][3]["status"], "inferred");
    assert_eq!(v["sources"][3]["candidates"][0]["pmid"], 41);
    assert_eq!(
        json,
        claimcheck::report::render_fetch_json(&out.sources),
        "deterministic"
    );
    let table = claimcheck::report::render_fetch_table(&out.sources);
    assert!(
        table.contains("pmc:PMC31") && table.contains("inferred (2 candidates)"),
        "{table}"
    );
}

#[tokio::test]
async fn the_committed_fixture_cache_resolves_offline() {
    // fixtures/pubmed is a cache in this module's layout, written by hand; every identifier in
    // it must resolve offline, DOIs and accessions verified against the records.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pubmed");
    let cache = Cache::new(&root);
    let mut src = Vec::new();
    for (dir, kind, prefix) in [
        ("idmap/doi", SourceKind::Doi, "doi:"),
        ("idmap/nbk", SourceKind::Bookshelf, "nbk:"),
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let key = v["key"].as_str().unwrap();
            src.push(source(&format!("{prefix}{key}"), kind, key));
        }
    }
    for e in std::fs::read_dir(root.join("pubmed")).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let pmid = name.trim_end_matches(".xml");
        src.push(source(&format!("pmid:{pmid}"), SourceKind::Pubmed, pmid));
    }
    assert!(src.len() > 5, "fixtures present");
    let out = sources::resolve_sources(&src, &[], &cache, &Mode::Offline, false).await;
    assert!(out.offline_misses.is_empty(), "{:?}", out.offline_misses);
    for s in &out.sources {
        assert!(
            matches!(s.resolution, Resolution::Resolved { .. }),
            "{}: {:?}",
            s.id,
            s.resolution
        );
    }
}

#[tokio::test]
async fn a_failed_fetch_is_data_not_an_abort() {
    let server = MockServer::start().await;
    Mock::given(path("/efetch.fcgi"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let client = builder(&server.uri()).max_retries(1).build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    cache.write_record(1, Rec::new(1).xml().as_bytes()).unwrap();
    let src = [
        source("pmid:1", SourceKind::Pubmed, "cached"),
        source("pmid:2", SourceKind::Pubmed, "fails"),
    ];
    let out = sources::resolve_sources(&src, &[], &cache, &Mode::Online(client), false).await;
    assert!(matches!(
        out.sources[0].resolution,
        Resolution::Resolved { pmid: 1, .. }
    ));
    match &out.sources[1].resolution {
        Resolution::Failed { error } => {
            assert!(
                error.starts_with("gave up after 2 attempts: efetch: HTTP 502"),
                "{error}"
            );
            assert!(!error.contains(KEY));
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    assert!(
        !cache.record_path(2).exists(),
        "nothing stored for a failure"
    );
}
