//! Version 1 of the claims file, read for migration only.
//!
//! Version 1 folded three decisions into one `status`: the reviewer's, the author's
//! (`ignored` with a fixed note when a `claimcheck-ignore` comment covered the claim) and the
//! tool's (`stale`, with the reviewer's status saved in `previous_status`). Version 2 keeps them
//! apart (`status`, `suppressed`, `stale`). Migration:
//!
//! - `stale` becomes `"stale": true` and `previous_status` the status again;
//! - `ignored` with the suppression note becomes `"suppressed": true`, an unreviewed status and
//!   no note (the author's comment decides from now on);
//! - `ignored` with any other note stays the reviewer's `ignored` (version 1 cannot tell whether
//!   an author's comment also covered it; the next `extract` sets `suppressed` if so);
//! - the article path is kept as written (version 1 stored it as given on the command line);
//!   `extract` rewrites it relative to the claims directory's root when it writes the file.
//! - the tool-computed `context` and `extracted` are empty until the next `extract`, so a
//!   reviewer-editable field that differs from the extractor's output is then kept as the
//!   reviewer's.
//!
//! The version-1 schema is frozen, so its types are spelled out here rather than shared.

use serde::Deserialize;

use crate::model::{
    ArticleMeta, Claim, ClaimKind, ClaimsFile, Location, Measure, ReviewStatus, Scope, Source,
    Value,
};

/// The note version 1 put on claims an author suppressed.
pub(super) const SUPPRESSED_NOTE: &str = "suppressed by a claimcheck-ignore comment in the article";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    #[allow(dead_code)]
    version: u32,
    article: ArticleMeta,
    sources: Vec<Source>,
    claims: Vec<V1Claim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Claim {
    id: String,
    kind: ClaimKind,
    value: Value,
    #[serde(default)]
    measure: Measure,
    #[serde(default)]
    scope: Scope,
    subject: String,
    quote: String,
    sentence: String,
    location: Location,
    sources: Vec<String>,
    #[serde(default)]
    status: ReviewStatus,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    added_sources: Vec<String>,
    #[serde(default)]
    previous_status: Option<ReviewStatus>,
}

/// Turns a version-1 file into the current version (see the module header).
pub(super) fn migrate(old: File) -> ClaimsFile {
    let claims = old.claims.into_iter().map(migrate_claim).collect();
    ClaimsFile {
        // The version it was read as: the article path is still version 1's (see above). Merging
        // and writing makes it the current version.
        version: 1,
        article: old.article,
        sources: old.sources,
        claims,
    }
}

fn migrate_claim(c: V1Claim) -> Claim {
    let stale = c.status == ReviewStatus::Stale;
    let mut status = if stale {
        c.previous_status.unwrap_or_default()
    } else {
        c.status
    };
    let mut note = c.note;
    let suppressed = status == ReviewStatus::Ignored && note.as_deref() == Some(SUPPRESSED_NOTE);
    if suppressed {
        status = ReviewStatus::Unreviewed;
        note = None;
    }
    // A stale claim whose earlier status was itself stale (never written by version 1, but
    // possible by hand) has no reviewer status left.
    if status == ReviewStatus::Stale {
        status = ReviewStatus::Unreviewed;
    }
    Claim {
        id: c.id,
        kind: c.kind,
        value: c.value,
        measure: c.measure,
        scope: c.scope,
        subject: c.subject,
        quote: c.quote,
        sentence: c.sentence,
        context: String::new(),
        location: c.location,
        sources: c.sources,
        attachment: None,
        status,
        note,
        added_sources: c.added_sources,
        suppressed,
        stale,
        extracted: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1_claim(status: &str, note: Option<&str>, previous: Option<&str>) -> String {
        let mut c = serde_json::json!({
            "id": "c1", "kind": "response_rate",
            "value": {"low": 64.0, "high": 64.0, "unit": "%", "approx": false, "bound": null},
            "subject": "s", "quote": "64%", "sentence": "It was 64%.",
            "location": {"line": 3, "column": 8, "start": 20, "end": 23},
            "sources": [], "status": status
        });
        if let Some(n) = note {
            c["note"] = n.into();
        }
        if let Some(p) = previous {
            c["previous_status"] = p.into();
        }
        serde_json::json!({
            "version": 1,
            "article": {"path": "a.txt", "title": null, "content_hash": "sha256:0"},
            "sources": [], "claims": [c]
        })
        .to_string()
    }

    fn read_one(text: &str) -> Claim {
        let file = super::super::parse(std::path::Path::new("a.json"), text).unwrap();
        assert_eq!(file.version, 1);
        file.claims.into_iter().next().unwrap()
    }

    #[test]
    fn stale_claims_keep_the_reviewers_status() {
        let c = read_one(&v1_claim("stale", Some("wrong"), Some("rejected")));
        assert!(c.stale);
        assert_eq!(c.status, ReviewStatus::Rejected);
        assert_eq!(c.note.as_deref(), Some("wrong"));
    }

    #[test]
    fn author_suppression_becomes_its_own_field() {
        let c = read_one(&v1_claim("ignored", Some(SUPPRESSED_NOTE), None));
        assert!(c.suppressed);
        assert_eq!((c.status, c.note), (ReviewStatus::Unreviewed, None));
        // A reviewer's own ignore with a note stays the reviewer's.
        let c = read_one(&v1_claim("ignored", Some("a price"), None));
        assert!(!c.suppressed);
        assert_eq!(c.status, ReviewStatus::Ignored);
    }
}
