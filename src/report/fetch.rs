//! The `fetch` command's renderers: a table for people and a versioned JSON document, one row
//! per source with what it resolved to. They only format [`SourceResolution`]s.

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;

use crate::model::{Record, Resolution, SourceKind, SourceResolution};

/// The version of the `fetch` JSON document.
pub const FETCH_JSON_VERSION: u32 = 1;

/// The most telling publication type: a design ("Randomized Controlled Trial", "Meta-Analysis")
/// before the generic "Journal Article".
fn main_publication_type(types: &[String]) -> Option<String> {
    const GENERIC: &[&str] = &[
        "Journal Article",
        "Research Support, N.I.H., Extramural",
        "English Abstract",
    ];
    types
        .iter()
        .find(|t| !GENERIC.contains(&t.as_str()) && !t.starts_with("Research Support"))
        .or_else(|| types.first())
        .cloned()
}

/// The status column: what the source resolved to, and why not when it did not.
fn status_text(r: &Resolution) -> String {
    match r {
        Resolution::Resolved { .. } => "resolved".to_owned(),
        Resolution::Inferred { candidates } => {
            format!("inferred ({} candidates)", candidates.len())
        }
        Resolution::NotResearch => "not a research source, not fetched".to_owned(),
        Resolution::NotCached { .. } | Resolution::Missing { .. } => {
            format!("missing: {}", r.problem().unwrap_or_default())
        }
        Resolution::Failed { error } => format!("failed: {error}"),
    }
}

/// Renders the `fetch` command's table: source, kind, PMID, year, journal, title, publication
/// type, status. For an inferred source the row shows the best candidate.
pub fn render_fetch_table(sources: &[SourceResolution]) -> String {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header([
            "source", "kind", "pmid", "year", "journal", "title", "type", "status",
        ]);
    for s in sources {
        let record = s.resolution.record();
        table.add_row([
            truncate(&s.id, 40),
            s.kind.as_str().to_owned(),
            record.map(|r| r.pmid.to_string()).unwrap_or_default(),
            record
                .and_then(|r| r.pub_date.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            record
                .and_then(|r| r.journal_iso.clone().or_else(|| r.journal.clone()))
                .map(|j| truncate(&j, 24))
                .unwrap_or_default(),
            record.map(|r| truncate(&r.title, 50)).unwrap_or_default(),
            record
                .and_then(|r| main_publication_type(&r.publication_types))
                .unwrap_or_default(),
            truncate(&status_text(&s.resolution), 60),
        ]);
    }
    let mut out = table.to_string();
    out.push('\n');
    out
}

#[derive(Serialize)]
struct FetchJson<'a> {
    version: u32,
    sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    id: &'a str,
    kind: SourceKind,
    url: Option<&'a str>,
    text: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pmid: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<RecordJson<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidates: Vec<CandidateJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Serialize)]
struct CandidateJson<'a> {
    pmid: u32,
    score: f64,
    why: &'a [String],
    record: RecordJson<'a>,
}

#[derive(Serialize)]
struct RecordJson<'a> {
    title: &'a str,
    journal: Option<&'a str>,
    year: Option<u16>,
    publication_types: &'a [String],
    doi: Option<&'a str>,
    pmcid: Option<&'a str>,
}

fn record_json(r: &Record) -> RecordJson<'_> {
    RecordJson {
        title: &r.title,
        journal: r.journal_iso.as_deref().or(r.journal.as_deref()),
        year: r.pub_date.year,
        publication_types: &r.publication_types,
        doi: r.doi.as_deref(),
        pmcid: r.pmcid.as_deref(),
    }
}

fn source_json(s: &SourceResolution) -> SourceJson<'_> {
    let candidates = match &s.resolution {
        Resolution::Inferred { candidates } => candidates
            .iter()
            .map(|c| CandidateJson {
                pmid: c.pmid,
                score: (c.score * 10.0).round() / 10.0,
                why: &c.why,
                record: record_json(&c.record),
            })
            .collect(),
        _ => Vec::new(),
    };
    let (pmid, record) = match &s.resolution {
        Resolution::Resolved { pmid, record } => (Some(*pmid), Some(record_json(record))),
        _ => (None, None),
    };
    SourceJson {
        id: &s.id,
        kind: s.kind,
        url: s.url.as_deref(),
        text: &s.text,
        status: s.resolution.status(),
        pmid,
        record,
        candidates,
        reason: s.resolution.problem(),
    }
}

/// Renders the `fetch` command's JSON: `{"version":1,"sources":[…]}`, pretty-printed, in
/// source order, ending with a newline.
pub fn render_fetch_json(sources: &[SourceResolution]) -> String {
    let doc = FetchJson {
        version: FETCH_JSON_VERSION,
        sources: sources.iter().map(source_json).collect(),
    };
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    out.push('\n');
    out
}

/// At most `max` characters, with "…" when cut (never splits a character).
fn truncate(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(id: &str, kind: SourceKind, resolution: Resolution) -> SourceResolution {
        SourceResolution {
            id: id.into(),
            kind,
            url: None,
            text: "t".into(),
            resolution,
        }
    }

    #[test]
    fn json_is_versioned_and_names_the_status() {
        let record = Record {
            pmid: 7,
            title: "A trial".into(),
            journal_iso: Some("Am J Psychiatry".into()),
            publication_types: vec!["Randomized Controlled Trial".into()],
            ..Record::default()
        };
        let sources = [
            res(
                "pmid:7",
                SourceKind::Pubmed,
                Resolution::Resolved {
                    pmid: 7,
                    record: Box::new(record),
                },
            ),
            res("web:1", SourceKind::Web, Resolution::NotResearch),
            res(
                "doi:10.1/x",
                SourceKind::Doi,
                Resolution::Missing {
                    reason: "doi:10.1/x not found in PubMed".into(),
                },
            ),
            res(
                "pmid:8",
                SourceKind::Pubmed,
                Resolution::NotCached {
                    what: "pmid:8".into(),
                },
            ),
        ];
        let json = render_fetch_json(&sources);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["sources"][0]["status"], "resolved");
        assert_eq!(v["sources"][0]["pmid"], 7);
        assert_eq!(v["sources"][0]["record"]["journal"], "Am J Psychiatry");
        assert_eq!(v["sources"][1]["status"], "not_research");
        assert_eq!(v["sources"][2]["reason"], "doi:10.1/x not found in PubMed");
        assert_eq!(v["sources"][3]["status"], "missing");
        assert_eq!(
            v["sources"][3]["reason"],
            "offline: pmid:8 is not in the cache"
        );
        assert!(json.ends_with("}\n"));

        let table = render_fetch_table(&sources);
        let lines: Vec<&str> = table.lines().collect();
        assert!(
            lines[1].contains("source") && lines[1].contains("status"),
            "{table}"
        );
        assert!(table.contains("Randomized Controlled Trial"));
        assert!(table.contains("not a research source, not fetched"));
        assert!(table.contains("missing: doi:10.1/x not found in PubMed"));
        assert!(table.contains("missing: offline: pmid:8 is not in the cache"));
    }

    #[test]
    fn truncates_on_characters() {
        assert_eq!(truncate("ééééé", 3), "éé…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
