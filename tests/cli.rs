//! End-to-end tests of the `claimcheck` binary: every check format, exit codes, suppression,
//! config precedence, the extract → review → re-extract workflow, and bad inputs. All offline,
//! against the committed fixtures.

use std::path::Path;

use predicates::str::contains;

mod common;
use common::workspace::{claimcheck, root, temp_with};

const DEMO: &str = "fixtures/articles/ketamine-clinic.html";

fn check_demo(format: &str) -> (String, i32) {
    let out = claimcheck()
        .args([
            "check",
            DEMO,
            "--offline",
            "--cache",
            "fixtures/pubmed",
            "--format",
            format,
        ])
        .output()
        .expect("runs");
    (
        String::from_utf8(out.stdout).expect("utf-8 report"),
        out.status.code().expect("exit code"),
    )
}

#[test]
fn check_table() {
    let (stdout, code) = check_demo("table");
    assert_eq!(code, 1);
    assert!(
        !stdout.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    insta::assert_snapshot!("check_table", stdout);
}

#[test]
fn check_json() {
    let (stdout, code) = check_demo("json");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    // 22 claims in the page; its reviewed claims file (claims/fixtures/…) ignores the price and
    // the author's comment suppresses another.
    assert_eq!(v["summary"]["claims"], 20);
    insta::assert_snapshot!("check_json", stdout);
}

#[test]
fn check_markdown() {
    let (stdout, code) = check_demo("markdown");
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_markdown", stdout);
}

#[test]
fn check_github() {
    let (stdout, code) = check_demo("github");
    assert_eq!(code, 1);
    assert!(stdout.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
    insta::assert_snapshot!("check_github", stdout);
}

#[test]
fn check_sarif() {
    let (stdout, code) = check_demo("sarif");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid SARIF JSON");
    assert_eq!(v["version"], "2.1.0");
    let stdout = stdout.replace(env!("CARGO_PKG_VERSION"), "[version]");
    insta::assert_snapshot!("check_sarif", stdout);
}

#[test]
fn demo_page_has_every_verdict() {
    let (stdout, _) = check_demo("json");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let s = &v["summary"];
    assert_eq!(
        (
            s["supported"].as_u64(),
            s["differs"].as_u64(),
            s["not_found"].as_u64(),
            s["unsourced"].as_u64(),
            s["unverifiable"].as_u64()
        ),
        (Some(13), Some(2), Some(2), Some(2), Some(1)),
        "{s}"
    );
}

#[test]
fn exit_codes() {
    // --fail-on none: findings never fail.
    claimcheck()
        .args([
            "check",
            DEMO,
            "--offline",
            "--cache",
            "fixtures/pubmed",
            "--fail-on",
            "none",
        ])
        .assert()
        .code(0);
    // Only the verdicts listed fail: the page has one not_found claim.
    claimcheck()
        .args([
            "check",
            DEMO,
            "--offline",
            "--cache",
            "fixtures/pubmed",
            "--fail-on",
            "not_found",
        ])
        .assert()
        .code(1);
    // Errors: a missing file, a bad verdict name, bad arguments.
    claimcheck()
        .args([
            "check",
            "no/such/article.html",
            "--offline",
            "--cache",
            "fixtures/pubmed",
        ])
        .assert()
        .code(2)
        .stderr(contains("no/such/article.html"));
    claimcheck()
        .args([
            "check",
            DEMO,
            "--offline",
            "--cache",
            "fixtures/pubmed",
            "--fail-on",
            "wrong",
        ])
        .assert()
        .code(2)
        .stderr(contains("unknown verdict 'wrong'"));
    claimcheck().args(["check"]).assert().code(2);
    claimcheck()
        .args(["--help"])
        .assert()
        .code(0)
        .stdout(contains("Exit codes:"));
}

#[test]
fn fetch_offline_table_and_miss() {
    claimcheck()
        .args(["fetch", DEMO, "--offline", "--cache", "fixtures/pubmed"])
        .assert()
        .code(0)
        .stdout(contains("23982301"))
        .stdout(contains("not a research source"));
    // A PMID that is not in the cache is a hard error offline, naming the id.
    claimcheck()
        .args([
            "fetch",
            "12345678",
            "--offline",
            "--cache",
            "fixtures/pubmed",
        ])
        .assert()
        .code(2)
        .stderr(contains("pmid:12345678"));
}

/// A `PubmedArticle` element written for these tests (not a real record): a randomized trial with
/// one abstract paragraph and, optionally, its own DOI.
fn test_record(pmid: u32, abstract_text: &str, doi: Option<&str>) -> String {
    let doi = doi.map_or(String::new(), |d| {
        format!(r#"<ArticleId IdType="doi">{d}</ArticleId>"#)
    });
    format!(
        r#"<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID><Article PubModel="Print"><Journal><JournalIssue CitedMedium="Internet"><PubDate><Year>2023</Year></PubDate></JournalIssue><Title>Test journal of psychiatry</Title><ISOAbbreviation>Test J Psychiatry</ISOAbbreviation></Journal><ArticleTitle>A made-up trial of ketamine for treatment-resistant depression.</ArticleTitle><Abstract><AbstractText>{abstract_text}</AbstractText></Abstract><AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Example</LastName><Initials>E</Initials></Author></AuthorList><PublicationTypeList><PublicationType UI="D016449">Randomized Controlled Trial</PublicationType></PublicationTypeList></Article></MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId>{doi}</ArticleIdList></PubmedData></PubmedArticle>"#
    )
}

/// An efetch response holding `records`.
fn article_set(records: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" ?>\n<PubmedArticleSet>{}</PubmedArticleSet>",
        records.concat()
    )
}

/// An esearch response listing `ids`.
fn esearch_result(ids: &[u32]) -> String {
    let list: String = ids.iter().map(|id| format!("<Id>{id}</Id>")).collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<eSearchResult><Count>{n}</Count><RetMax>{n}</RetMax><RetStart>0</RetStart><IdList>{list}</IdList><TranslationSet/></eSearchResult>",
        n = ids.len()
    )
}

/// A loopback E-utilities server answering with `mocks`; the runtime keeps it serving.
fn eutils_server(mocks: Vec<wiremock::Mock>) -> (tokio::runtime::Runtime, wiremock::MockServer) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(async {
        let server = wiremock::MockServer::start().await;
        for mock in mocks {
            mock.mount(&server).await;
        }
        server
    });
    (rt, server)
}

/// `claimcheck ARGS` in `dir` against `server`, with a contact email and the cache `dir/cache`.
fn claimcheck_online(
    dir: &Path,
    server: &wiremock::MockServer,
    args: &[&str],
) -> std::process::Output {
    claimcheck()
        .current_dir(dir)
        .args(args)
        .args([
            "--cache",
            "cache",
            "--email",
            "editor@example.org",
            "--eutils-url",
        ])
        .arg(format!("{}/", server.uri()))
        .output()
        .expect("runs")
}

fn cache() -> String {
    root()
        .join("fixtures/pubmed")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn suppression_comments_skip_claims() {
    let page = b"<html><body><main>
<p>Ketamine helps 70-80% of patients respond, per <a href=\"https://pubmed.ncbi.nlm.nih.gov/23982301/\">a trial</a>.</p>
<!-- claimcheck-ignore -->
<p>Nobody has studied the 92% figure we quote.</p>
<!-- claimcheck-disable -->
<p>Sessions take 45 minutes.</p>
<!-- claimcheck-enable -->
<p>Infusions cost $400.</p>
</main></body></html>";
    let dir = temp_with(&[("page.html", page)]);
    let out = claimcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "page.html",
            "--offline",
            "--cache",
            &cache(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quotes: Vec<&str> = v["articles"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["quote"].as_str().unwrap())
        .collect();
    assert_eq!(quotes, ["70-80%", "$400"]);
}

#[test]
fn config_file_and_flags_precedence() {
    let page = b"<p>Ketamine helps 70% of patients respond (<a href=\"https://pubmed.ncbi.nlm.nih.gov/23982301/\">trial</a>).</p>";
    // `check page.html --offline --cache <fixtures>` run in `cwd`, plus `extra` flags.
    let check_in = |cwd: &Path, page: &str, extra: &[&str]| {
        claimcheck()
            .current_dir(cwd)
            .args(["check", page, "--offline", "--cache", &cache()])
            .args(extra)
            .assert()
    };
    // 70% vs Murrough's 64%: differs at the default 5 points.
    let dir = temp_with(&[("page.html", page)]);
    check_in(dir.path(), "page.html", &[]).code(1);
    // The config widens the tolerance, found from a subdirectory upwards.
    let dir = temp_with(&[
        ("page.html", page),
        ("claimcheck.toml", b"tolerance = 8\n"),
        ("sub/.keep", b""),
    ]);
    check_in(&dir.path().join("sub"), "../page.html", &[]).code(0);
    // The flag overrides the config.
    check_in(dir.path(), "page.html", &["--tolerance", "2"]).code(1);
    // fail_on in the config, and the flag over it.
    let dir = temp_with(&[
        ("page.html", page),
        ("claimcheck.toml", b"fail_on = [\"unsourced\"]\n"),
    ]);
    check_in(dir.path(), "page.html", &[]).code(0);
    check_in(dir.path(), "page.html", &["--fail-on", "differs"]).code(1);
    // An invalid config is an error naming file, line and column.
    let dir = temp_with(&[
        ("page.html", page),
        ("claimcheck.toml", b"tolerance = 5\nfial_on = []\n"),
    ]);
    check_in(dir.path(), "page.html", &[])
        .code(2)
        .stderr(contains(
            "claimcheck.toml:2:1: invalid config: unknown field `fial_on`",
        ));
}

#[test]
fn extract_review_and_reextract_keeps_reviews() {
    let v1 = b"Title\n\nKetamine helps 70-80% of patients respond. Sessions last 45 minutes.\n";
    let dir = temp_with(&[("post.txt", v1)]);
    claimcheck()
        .current_dir(dir.path())
        .args(["extract", "post.txt"])
        .assert()
        .code(0)
        .stderr(contains("wrote claims/post.txt.json (2 claims)"));
    let path = dir.path().join("claims/post.txt.json");
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    file["claims"][0]["status"] = "accepted".into();
    file["claims"][0]["note"] = "checked".into();
    file["claims"][1]["status"] = "rejected".into();
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();

    // The article changes: a paragraph on top, the session claim removed, a new claim added.
    let v2 = b"Intro\n\nNew words here.\n\nTitle\n\nKetamine helps 70-80% of patients respond. About 30% have TRD.\n";
    std::fs::write(dir.path().join("post.txt"), v2).unwrap();
    claimcheck()
        .current_dir(dir.path())
        .args(["extract", "post.txt"])
        .assert()
        .code(0)
        .stderr(contains("1 stale"));
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let claims = file["claims"].as_array().unwrap();
    let by_quote = |q: &str| claims.iter().find(|c| c["quote"] == q).unwrap();
    assert_eq!(by_quote("70-80%")["status"], "accepted");
    assert_eq!(by_quote("70-80%")["note"], "checked");
    assert_eq!(by_quote("70-80%")["location"]["line"], 7);
    assert_eq!(by_quote("45 minutes")["stale"], true);
    assert_eq!(by_quote("45 minutes")["status"], "rejected");
    assert_eq!(by_quote("About 30%")["status"], "unreviewed");
}

#[test]
fn broken_claims_file_is_an_error_and_left_untouched() {
    let broken = b"{\n  \"version\": 1,\n  \"article\": {\"path\": \"a.txt\", \"title\": null, \"content_hash\": \"x\"},\n  \"sources\": [],\n  \"claims\": [,]\n}\n";
    let dir = temp_with(&[
        ("a.txt", b"Title\n\nIt helps 70% of people respond.\n"),
        ("claims/a.txt.json", broken),
    ]);
    claimcheck()
        .current_dir(dir.path())
        .args(["extract", "a.txt"])
        .assert()
        .code(2)
        .stderr(contains("claims/a.txt.json:5:"));
    assert_eq!(
        std::fs::read(dir.path().join("claims/a.txt.json")).unwrap(),
        broken
    );
    claimcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "claims/a.txt.json",
            "--offline",
            "--cache",
            &cache(),
        ])
        .assert()
        .code(2)
        .stderr(contains("claims/a.txt.json:5:"));
}

#[test]
fn bad_inputs_give_clear_errors_or_clean_results() {
    let mut big = b"<p>".to_vec();
    big.resize(2048, b'x');
    let dir = temp_with(&[
        ("binary.html", b"\x7fELF\x00\x01\x02\x00\x00binary"),
        ("empty.txt", b""),
        (
            "latin.txt",
            b"Title\n\nIt helps 70% of patients respond \xff\xfe here.\n",
        ),
        ("big.html", &big),
        (
            "broken.html",
            b"<html><body><div><p>About 30% of people <b>have <i>TRD</p><table><td>45 minutes",
        ),
    ]);
    let run = |args: &[&str]| {
        claimcheck()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["extract", "--no-write", "binary.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary.html"));

    let out = run(&["extract", "--no-write", "--format", "json", "empty.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["claims"].as_array().unwrap().len(), 0);

    let out = run(&["extract", "--no-write", "--format", "json", "latin.txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["claims"][0]["quote"], "70%");

    let out = run(&["extract", "--no-write", "--max-size", "1000", "big.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-size"));

    let out = run(&["extract", "--no-write", "--format", "json", "broken.html"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quotes: Vec<_> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["quote"].clone())
        .collect();
    assert_eq!(quotes, ["About 30%", "45 minutes"]);

    // Nothing was written by --no-write.
    assert!(!dir.path().join("claims").exists());
}

#[test]
fn extract_json_is_the_claims_file() {
    let dir = temp_with(&[("a.txt", b"Title\n\nIt helps 70% of patients respond.\n")]);
    let out = claimcheck()
        .current_dir(dir.path())
        .args(["extract", "a.txt", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read(dir.path().join("claims/a.txt.json")).unwrap();
    assert_eq!(out.stdout, written);
}

#[test]
fn compare_every_format_on_the_fixtures() {
    let run = |format: &str| {
        let out = claimcheck()
            .args([
                "compare",
                "fixtures/articles",
                "--offline",
                "--cache",
                "fixtures/pubmed",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["articles"], 5);
    let keys: Vec<&str> = json["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"response_rate/ketamine"), "{keys:?}");
    assert!(keys.contains(&"prevalence/trd"), "{keys:?}");
    let csv = run("csv");
    assert!(
        csv.starts_with("measure,kind,source_type,"),
        "{}",
        &csv[..80]
    );
    assert!(csv.contains(",literature,23982301,"));
    let md = run("markdown");
    assert!(md.contains("## ketamine response rate"), "{md}");
    let table = run("table");
    assert!(table.contains("ketamine response rate"));
    let html = run("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script src") && !html.contains("<link "),
        "self-contained"
    );
}

#[test]
fn compare_literature_candidates_come_from_esearch() {
    use wiremock::matchers::path;
    use wiremock::{Mock, ResponseTemplate};

    let record = article_set(&[test_record(
        99000101,
        "Of 120 patients, 55% met response criteria with ketamine at 24 hours.",
        None,
    )]);
    let search = esearch_result(&[99000101]);
    let (rt, server) = eutils_server(vec![
        Mock::given(path("/esearch.fcgi"))
            .respond_with(ResponseTemplate::new(200).set_body_string(search))
            .expect(1..),
        Mock::given(path("/efetch.fcgi"))
            .respond_with(ResponseTemplate::new(200).set_body_string(record))
            .expect(1..),
    ]);
    let dir = temp_with(&[(
        "post.txt",
        b"Title\n\nKetamine helps 70-80% of patients respond.\n",
    )]);
    let out = claimcheck_online(
        dir.path(),
        &server,
        &["compare", "post.txt", "--literature", "--format", "json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = v["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["key"] == "response_rate/ketamine")
        .expect("response measure");
    let lit = &m["literature"][0];
    assert_eq!(lit["pmid"], 99000101);
    assert_eq!(lit["design"], "Randomized Controlled Trial");
    assert_eq!(lit["n"], 120);
    assert_eq!(lit["value"]["low"], 55.0);
    assert_eq!(
        lit["cited_by"].as_array().unwrap().len(),
        0,
        "a search candidate"
    );
    assert_eq!(m["claims"][0]["outlier"], true, "70–80% lies outside 55%");
    // The search and the record are now cached for offline runs.
    assert!(dir.path().join("cache/pubmed/99000101.xml").exists());
    rt.block_on(server.verify());
}

#[test]
fn check_online_fills_the_cache_and_then_runs_offline() {
    use wiremock::matchers::{path, query_param};
    use wiremock::{Mock, ResponseTemplate};

    // Found by its DOI.
    let record = article_set(&[test_record(
        99000201,
        "In 40 adults with treatment-resistant depression, 62% met response criteria with ketamine at 24 hours.",
        Some("10.5555/test.2023.1"),
    )]);
    let search = esearch_result(&[99000201]);
    let (rt, server) = eutils_server(vec![
        Mock::given(path("/esearch.fcgi"))
            .and(query_param("tool", "claimcheck"))
            .and(query_param("email", "editor@example.org"))
            .respond_with(ResponseTemplate::new(200).set_body_string(search))
            .expect(1),
        Mock::given(path("/efetch.fcgi"))
            .respond_with(ResponseTemplate::new(200).set_body_string(record))
            .expect(1..),
    ]);
    let page = b"<p>In trials, about 60% of patients respond to ketamine within a day (<a href=\"https://doi.org/10.5555/test.2023.1\">study</a>).</p>";
    let dir = temp_with(&[("page.html", page)]);
    let args = ["check", "page.html", "--format", "json"];
    let online = claimcheck_online(dir.path(), &server, &args);
    assert_eq!(
        online.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&online.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&online.stdout).unwrap();
    let f = &v["articles"][0]["findings"][0];
    assert_eq!(f["verdict"], "supported", "{f}");
    assert_eq!(f["evidence"][0]["pmid"], 99000201);
    rt.block_on(server.verify());

    // The same run offline, from the cache the online run wrote: same report, no server.
    drop(server);
    let offline = claimcheck()
        .current_dir(dir.path())
        .args(args)
        .args(["--cache", "cache", "--offline"])
        .output()
        .unwrap();
    assert_eq!(
        offline.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&offline.stderr)
    );
    assert_eq!(offline.stdout, online.stdout);
}

#[test]
fn check_fetches_the_sources_of_all_articles_in_one_batch() {
    use wiremock::matchers::path;
    use wiremock::{Mock, ResponseTemplate};

    let body = article_set(&[
        test_record(99000301, "With ketamine, 60% met response criteria.", None),
        test_record(99000302, "With ketamine, 40% met response criteria.", None),
    ]);
    let (rt, server) = eutils_server(vec![Mock::given(path("/efetch.fcgi"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .expect(1)]);
    let dir = temp_with(&[
        (
            "a.html",
            b"<p>Ketamine helps 60% of patients respond (<a href=\"https://pubmed.ncbi.nlm.nih.gov/99000301/\">trial</a>).</p>",
        ),
        (
            "b.html",
            b"<p>Ketamine helps 90% of patients respond (<a href=\"https://pubmed.ncbi.nlm.nih.gov/99000302/\">trial</a>).</p>",
        ),
    ]);
    let out = claimcheck_online(
        dir.path(),
        &server,
        &["check", "a.html", "b.html", "--format", "json"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let verdicts: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["findings"][0]["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["supported", "differs"]);
    rt.block_on(server.verify());
}
