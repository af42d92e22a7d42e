//! The `sarif` format: a SARIF 2.1.0 log for code-scanning uploads (GitHub's
//! `upload-sarif`, editors' SARIF viewers).
//!
//! One run; the tool's rules are the verdicts that appear in the report (ids `differs`,
//! `not-found`, `unsourced`, `unverifiable`, sorted); one result per finding that is not
//! supported, pointing at the quote in the article. `partialFingerprints["claimcheck/v1"]` is the
//! claim id, which is derived from the claim's wording rather than its position, so an alert
//! survives edits elsewhere in the article.
//!
//! Paths: a relative article path is taken as relative to the repository root (the caller
//! makes it so) and carries `uriBaseId: "%SRCROOT%"`, which code scanning resolves against the
//! checkout; an absolute path becomes a `file://` URI and a URL stays as it is. Columns count
//! Unicode code points (`columnKind: "unicodeCodePoints"`), as claimcheck's do. Text from the
//! article is made [`visible`] in messages.
//!
//! Built from private serde structs that hold only the properties we fill (no SARIF crate). The
//! output is validated against the SARIF 2.1.0 schema and Microsoft's SARIF validator in
//! `tests/sarif.rs`.

use std::collections::BTreeMap;
use std::io;

use serde::Serialize;

use super::{end_position, evidence_pmids, is_url, tolerance_text, visible};
use crate::model::{CheckReport, Finding, Verdict};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SARIF_VERSION: &str = "2.1.0";
/// The base id of repository-relative paths, as code scanning and editors expect.
const SRCROOT: &str = "%SRCROOT%";

/// Writes the SARIF log.
pub(super) fn render(report: &CheckReport, out: &mut dyn io::Write) -> io::Result<()> {
    render_with_version(report, env!("CARGO_PKG_VERSION"), out)
}

/// [`render`] with the tool version as a parameter, so that snapshots do not change with every
/// release.
fn render_with_version(
    report: &CheckReport,
    tool_version: &str,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report, tool_version))?;
    writeln!(out)
}

fn log<'a>(report: &'a CheckReport, tool_version: &'a str) -> Log<'a> {
    let findings = || {
        report
            .articles
            .iter()
            .flat_map(|a| a.findings.iter().map(move |f| (a.path.as_str(), f)))
            .filter(|(_, f)| f.verdict != Verdict::Supported)
    };
    // Verdict's order is the rule ids' alphabetical order; the rules list is sorted and holds
    // only the verdicts that occur, and results point into it by index.
    let mut verdicts: Vec<Verdict> = findings().map(|(_, f)| f.verdict).collect();
    verdicts.sort();
    verdicts.dedup();
    let rules = verdicts.iter().map(|&v| rule(v)).collect();
    let results = findings()
        .map(|(path, f)| {
            let rule_index = verdicts.iter().position(|&v| v == f.verdict).unwrap_or(0);
            result(path, f, rule_index)
        })
        .collect();
    let information_uri = Some(env!("CARGO_PKG_REPOSITORY")).filter(|s| !s.is_empty());
    Log {
        schema: SCHEMA,
        version: SARIF_VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "claimcheck",
                    information_uri,
                    version: tool_version,
                    rules,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                UriBase {
                    description: Text {
                        text: "The root of the repository that was checked.".to_owned(),
                    },
                },
            )]),
            properties: RunProperties {
                tolerance: tolerance_text(&report.tolerance),
            },
        }],
    }
}

/// The rule id of a verdict: kebab-case, as SARIF viewers show ids.
fn rule_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "supported",
        Verdict::Differs => "differs",
        Verdict::NotFound => "not-found",
        Verdict::Unsourced => "unsourced",
        Verdict::Unverifiable => "unverifiable",
    }
}

/// The rule's readable name, which SARIF wants distinct from its id.
fn rule_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Supported => "SupportedBySource",
        Verdict::Differs => "DiffersFromSource",
        Verdict::NotFound => "NotFoundInSources",
        Verdict::Unsourced => "CitesNoSource",
        Verdict::Unverifiable => "SourceNotCheckable",
    }
}

/// `differs` and `unsourced` are errors (they fail the check), a claim whose measure the sources
/// do not mention is a warning, and one that cannot be checked at all is a note.
fn level(v: Verdict) -> &'static str {
    match v {
        Verdict::Differs | Verdict::Unsourced => "error",
        Verdict::NotFound => "warning",
        Verdict::Supported | Verdict::Unverifiable => "note",
    }
}

fn rule(v: Verdict) -> Rule {
    let (short, help) = match v {
        Verdict::Supported => (
            "A cited source states an agreeing figure.",
            "Nothing to do.",
        ),
        Verdict::Differs => (
            "The claim differs from the figure its source states.",
            "Correct the number to match the source, or cite the source that states it.",
        ),
        Verdict::NotFound => (
            "The cited sources state no figure for this measure.",
            "Cite a source that states the figure, or check that the linked source is the \
             intended one.",
        ),
        Verdict::Unsourced => (
            "The claim cites no source.",
            "Link the study the number comes from next to the claim, or add it to the \
             article's references.",
        ),
        Verdict::Unverifiable => (
            "A source is linked but could not be checked.",
            "The source has no abstract or could not be fetched; check the claim against the \
             full text by hand.",
        ),
    };
    Rule {
        id: rule_id(v),
        name: rule_name(v),
        short_description: Text {
            text: short.to_owned(),
        },
        help: Text {
            text: help.to_owned(),
        },
        default_configuration: Configuration { level: level(v) },
    }
}

fn result<'a>(path: &str, f: &'a Finding, rule_index: usize) -> SarifResult<'a> {
    let (end_line, end_column) = end_position(&f.location, &f.quote);
    SarifResult {
        rule_id: rule_id(f.verdict),
        rule_index,
        level: level(f.verdict),
        message: Text { text: message(f) },
        locations: vec![ResultLocation {
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(path),
                region: Region {
                    start_line: f.location.line,
                    start_column: f.location.column,
                    end_line,
                    end_column,
                    byte_offset: f.location.start,
                    byte_length: f.location.end.saturating_sub(f.location.start),
                },
            },
        }],
        partial_fingerprints: BTreeMap::from([("claimcheck/v1", f.claim_id.as_str())]),
        properties: ResultProperties {
            kind: f.kind.as_str(),
            subject: &f.subject,
            claimed_value: f.value.to_string(),
            quote: &f.quote,
            pmids: evidence_pmids(f),
            conflict: f.conflict.as_deref(),
        },
    }
}

/// "“about 50% reach remission” (~50%): claims ~50%; … ." — the claim, then why, ending with a
/// full stop as SARIF viewers expect of a message.
fn message(f: &Finding) -> String {
    let mut text = format!(
        "“{}” ({}): {}",
        visible(&f.quote),
        f.value,
        visible(&f.reason)
    );
    if let Some(conflict) = &f.conflict {
        text.push_str(&format!(" (conflict: {})", visible(conflict)));
    }
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

/// Where the article is: a URL as is, an absolute path as a `file://` URI, a relative path as a
/// URI reference relative to the repository root.
fn artifact_location(path: &str) -> ArtifactLocation {
    if is_url(path) {
        return ArtifactLocation {
            uri: path.to_owned(),
            uri_base_id: None,
        };
    }
    let slashed = path.replace('\\', "/");
    if slashed.starts_with('/') {
        return ArtifactLocation {
            uri: format!("file://{}", encode_path(&slashed)),
            uri_base_id: None,
        };
    }
    ArtifactLocation {
        uri: encode_path(slashed.trim_start_matches("./")),
        uri_base_id: Some(SRCROOT),
    }
}

/// Percent-encodes the bytes a URI path cannot hold (a space, `%`, `#`, `?`, non-ASCII).
fn encode_path(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    original_uri_base_ids: BTreeMap<&'static str, UriBase>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
    properties: RunProperties,
}

#[derive(Serialize)]
struct UriBase {
    description: Text,
}

#[derive(Serialize)]
struct RunProperties {
    tolerance: String,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    version: &'a str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<ResultLocation>,
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    kind: &'static str,
    subject: &'a str,
    claimed_value: String,
    quote: &'a str,
    pmids: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conflict: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::Format;
    use super::*;

    fn sarif_json() -> serde_json::Value {
        let text = render_to_string(&sample_report(), Format::Sarif, false);
        serde_json::from_str(&text).expect("SARIF output is JSON")
    }

    #[test]
    fn snapshot() {
        let mut out = Vec::new();
        render_with_version(&sample_report(), "[version]", &mut out).expect("write to a Vec");
        insta::assert_snapshot!(String::from_utf8(out).expect("UTF-8"));
    }

    #[test]
    fn schema_version_and_tool() {
        let log = sarif_json();
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        let driver = &log["runs"][0]["tool"]["driver"];
        assert_eq!(driver["name"], "claimcheck");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn one_result_per_finding_that_is_not_supported() {
        let log = sarif_json();
        let results = log["runs"][0]["results"].as_array().expect("results array");
        let rule_ids: Vec<&str> = results
            .iter()
            .map(|r| r["ruleId"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(
            rule_ids,
            ["differs", "not-found", "unsourced", "unverifiable"]
        );
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules array");
        for r in results {
            let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
        }
    }

    #[test]
    fn rules_are_only_the_reported_verdicts_sorted() {
        let mut report = sample_report();
        for a in &mut report.articles {
            a.findings.retain(|f| f.verdict != Verdict::NotFound);
        }
        report.articles.reverse();
        let text = render_to_string(&report, Format::Sarif, false);
        let log: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let ids: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r["id"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(ids, ["differs", "unsourced", "unverifiable"]);
    }

    #[test]
    fn region_and_fingerprint_point_at_the_claim() {
        let log = sarif_json();
        let differs = &log["runs"][0]["results"][0];
        let location = &differs["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "articles/ketamine-clinic.html"
        );
        assert_eq!(location["region"]["startLine"], 21);
        assert_eq!(location["region"]["startColumn"], 3);
        assert_eq!(location["region"]["endColumn"], 28);
        assert_eq!(location["region"]["byteOffset"], 1730);
        assert_eq!(location["region"]["byteLength"], 25);
        assert_eq!(
            differs["partialFingerprints"]["claimcheck/v1"],
            "remission_rate-77b2e0"
        );
        assert_eq!(
            differs["properties"]["pmids"],
            serde_json::json!([33000002, 31000001])
        );
    }

    #[test]
    fn artifact_locations_are_repository_relative_references() {
        let uri = |p: &str| {
            let l = artifact_location(p);
            (l.uri, l.uri_base_id)
        };
        assert_eq!(
            uri("articles/tms therapy.md"),
            ("articles/tms%20therapy.md".to_owned(), Some(SRCROOT))
        );
        assert_eq!(
            uri(r"articles\a#1.html"),
            ("articles/a%231.html".to_owned(), Some(SRCROOT))
        );
        assert_eq!(
            uri("./été.md"),
            ("%C3%A9t%C3%A9.md".to_owned(), Some(SRCROOT))
        );
        assert_eq!(
            uri("/srv/site/a.md"),
            ("file:///srv/site/a.md".to_owned(), None)
        );
        assert_eq!(
            uri("https://example.org/a b"),
            ("https://example.org/a b".to_owned(), None)
        );
    }

    #[test]
    fn columns_are_code_points_and_messages_end_a_sentence() {
        let log = sarif_json();
        assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
        for r in log["runs"][0]["results"].as_array().unwrap() {
            let text = r["message"]["text"].as_str().unwrap();
            assert!(text.ends_with('.'), "{text}");
        }
    }
}
