//! Reading, validating, migrating, merging and writing claims files.

use std::path::Path;

use super::*;
use crate::model::{ArticleMeta, Claim, ClaimKind, DecidedBy, Location, Unit, Value};

fn claim(id: &str, quote: &str, sentence: &str, line: u32) -> Claim {
    Claim {
        id: id.to_owned(),
        kind: ClaimKind::ResponseRate,
        value: Value::range(70.0, 80.0, Unit::Percent),
        subject: "ketamine response rate".to_owned(),
        quote: quote.to_owned(),
        sentence: sentence.to_owned(),
        location: Location {
            line,
            column: 10,
            start: 100,
            end: 108,
        },
        sources: vec!["pmid:23982301".to_owned()],
        ..Claim::default()
    }
}

fn file(claims: Vec<Claim>) -> ClaimsFile {
    ClaimsFile {
        version: CLAIMS_FILE_VERSION,
        article: ArticleMeta {
            path: "a.html".to_owned(),
            title: Some("A".to_owned()),
            content_hash: "sha256:00".to_owned(),
        },
        sources: Vec::new(),
        claims,
    }
}

fn merged(old: ClaimsFile, fresh: ClaimsFile) -> ClaimsFile {
    merge(Some(old), fresh).file
}

#[test]
fn round_trips_through_json() {
    let mut f = file(vec![claim("c1", "70–80%", "It helps 70–80%.", 3)]);
    f.claims[0].note = Some("checked against the trial".to_owned());
    f.claims[0].added_sources = vec!["PMC123".to_owned()];
    f.claims[0].suppressed = true;
    let text = to_json(&f);
    assert_eq!(parse(Path::new("x.json"), &text).unwrap(), f);
}

#[test]
fn errors_name_file_line_and_column() {
    let bad = "{\n  \"version\": 2,\n  \"article\": oops\n}";
    let e = parse(Path::new("claims/a.json"), bad)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("claims/a.json:3:"), "{e}");

    let mut text = to_json(&file(vec![claim("c1", "q", "s", 3)]));
    text = text.replacen("\"quote\"", "\"qoute\"", 1);
    let e = parse(Path::new("a.json"), &text).unwrap_err().to_string();
    assert!(e.contains("unknown field `qoute`"), "{e}");
    assert!(e.starts_with("a.json:"), "{e}");

    let text = to_json(&file(vec![])).replace("\"version\": 2", "\"version\": 3");
    let e = parse(Path::new("a.json"), &text).unwrap_err().to_string();
    assert_eq!(
        e,
        "a.json:2:3: invalid claims file: unsupported version 3 (this claimcheck reads versions 1 and 2)"
    );

    let text = to_json(&file(vec![
        claim("c1", "q", "s", 3),
        claim("c1", "r", "t", 4),
    ]));
    let e = parse(Path::new("a.json"), &text).unwrap_err().to_string();
    assert!(e.contains("duplicate claim id `c1`"), "{e}");
    let second = text.rfind("\"c1\"").unwrap();
    let (line, _) = crate::model::line_column_in(&text, second);
    assert!(e.starts_with(&format!("a.json:{line}:")), "{e}");
}

#[test]
fn errors_in_one_line_objects_point_at_the_bad_value() {
    let text = to_json(&file(vec![claim("c1", "q", "s", 3)]));
    let line = "      \"location\": { \"line\": 3, \"column\": 10, \"start\": 100, \"end\": 108 },";
    let at = text
        .lines()
        .position(|l| l == line)
        .expect("location on one line")
        + 1;
    // serde_json points at a bad value's (or key's) last character, counting from 1.
    let last_of = |needle: &str| line.replace("10,", "-10,").find(needle).unwrap() + needle.len();
    let bad = text.replace("\"column\": 10,", "\"column\": -10,");
    let e = parse(Path::new("a.json"), &bad).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!("a.json:{at}:{}: ", last_of("-10"))),
        "{e}"
    );
    let bad = text.replace("\"start\": 100,", "\"strat\": 100,");
    let e = parse(Path::new("a.json"), &bad).unwrap_err().to_string();
    let column = line.find("\"start\"").unwrap() + "\"start\"".len();
    assert!(e.starts_with(&format!("a.json:{at}:{column}: ")), "{e}");
    assert!(e.contains("unknown field `strat`"), "{e}");
}

#[test]
fn values_leave_out_their_defaults_and_read_back_with_them() {
    let mut c = claim("c1", "about 30%", "It helps about 30%.", 3);
    c.value = Value::point(30.0, Unit::Percent);
    let plain = to_json(&file(vec![c.clone()]));
    assert!(
        plain.contains("\"value\": { \"low\": 30.0, \"high\": 30.0, \"unit\": \"%\" },"),
        "{plain}"
    );
    c.value.approx = true;
    c.value.bound = Some(crate::model::Bound::AtMost);
    c.measure.time_point = Some(Value::point(4.0, Unit::Weeks));
    let set = file(vec![c]);
    let text = to_json(&set);
    assert!(
        text.contains("\"unit\": \"%\", \"approx\": true, \"bound\": \"at_most\" }"),
        "{text}"
    );
    assert!(
        text.contains("\"time_point\": { \"low\": 4.0, \"high\": 4.0, \"unit\": \"weeks\" }"),
        "{text}"
    );
    assert_eq!(parse(Path::new("a.json"), &text).unwrap(), set);
    // The expanded layout with every default spelled out (files written before) reads the same.
    let expanded = serde_json::to_string_pretty(&serde_json::json!({
        "version": 2,
        "article": { "path": "a.html", "title": "A", "content_hash": "sha256:00" },
        "sources": [],
        "claims": [serde_json::from_str::<serde_json::Value>(&text).unwrap()["claims"][0].clone()],
    }))
    .unwrap()
    .replace(
        "\"unit\": \"weeks\"",
        "\"unit\": \"weeks\", \"approx\": false, \"bound\": null",
    );
    assert!(expanded.contains("\"bound\": null"), "{expanded}");
    assert_eq!(parse(Path::new("a.json"), &expanded).unwrap(), set);
}

#[test]
fn statuses_only_a_reviewer_sets_are_checked() {
    let mut c = claim("c1", "q", "s", 3);
    c.status = ReviewStatus::Stale;
    let text = to_json(&file(vec![c]));
    let e = parse(Path::new("a.json"), &text).unwrap_err().to_string();
    assert!(e.contains("status `stale` is claimcheck's to set"), "{e}");

    let mut c = claim("c1", "q", "s", 3);
    c.status = ReviewStatus::AcceptedWithNote;
    let text = to_json(&file(vec![c.clone()]));
    let e = parse(Path::new("a.json"), &text).unwrap_err().to_string();
    assert!(e.contains("`accepted_with_note` needs a `note`"), "{e}");
    c.note = Some("The clinic's own audit; the trial is older.".to_owned());
    assert!(parse(Path::new("a.json"), &to_json(&file(vec![c]))).is_ok());
}

#[test]
fn a_byte_order_mark_is_read_and_bad_utf8_is_located() {
    let text = to_json(&file(vec![claim("c1", "q", "s", 3)]));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(
        parse_bytes(Path::new("a.json"), &bom).unwrap().claims.len(),
        1
    );

    let mut bad = text.into_bytes();
    let at = bad.windows(7).position(|w| w == b"\"title\"").unwrap();
    bad.splice(at + 1..at + 1, *b"\xff");
    let e = parse_bytes(Path::new("a.json"), &bad)
        .unwrap_err()
        .to_string();
    // The short `article` object is on line 3: `  "article": { "path": "a.html", "` is 34
    // characters, so the bad byte is the 35th.
    assert_eq!(
        e,
        "a.json:3:35: invalid claims file: not valid UTF-8 (claims files are UTF-8 text)"
    );
}

#[test]
fn sniffing_tells_claims_files_from_other_json() {
    let text = to_json(&file(vec![]));
    assert!(sniff(text.as_bytes()));
    assert!(!sniff(b"{\"title\": \"Hugo data\", \"items\": []}"));
    assert!(!sniff(b"[1, 2]"));
    assert!(!sniff(b"not json"));
}

#[test]
fn merge_keeps_reviews_marks_stale_and_adds_new() {
    let mut reviewed = claim("keep", "70–80%", "It helps 70–80%.", 3);
    reviewed.status = ReviewStatus::Accepted;
    reviewed.note = Some("matches Murrough".to_owned());
    reviewed.added_sources = vec!["pmid:16894061".to_owned()];
    let mut gone = claim("gone", "45 minutes", "Sessions take 45 minutes.", 9);
    gone.status = ReviewStatus::Rejected;
    gone.note = Some("not a claim".to_owned());
    let untouched = claim("quiet", "2 weeks", "It lasts 2 weeks.", 12);
    let old = merge(None, file(vec![reviewed, gone, untouched])).file;

    let fresh = file(vec![
        claim("new-id-for-keep", "70–80%", "It helps 70–80%.", 5),
        claim("new", "30%", "About 30% have TRD.", 7),
    ]);
    let m = merge(Some(old), fresh);
    assert_eq!(m.lost, ["gone"]);
    let ids: Vec<_> = m.file.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["keep", "new", "gone"],
        "untouched vanished claims are dropped"
    );
    let keep = &m.file.claims[0];
    assert_eq!(keep.status, ReviewStatus::Accepted);
    assert_eq!(keep.note.as_deref(), Some("matches Murrough"));
    assert_eq!(keep.added_sources, ["pmid:16894061"]);
    assert_eq!(
        keep.location.line, 5,
        "location comes from the fresh extraction"
    );
    let gone = &m.file.claims[2];
    assert!(gone.stale);
    assert_eq!(
        gone.effective_status(),
        (ReviewStatus::Stale, DecidedBy::Tool)
    );
    assert_eq!(gone.status, ReviewStatus::Rejected);
    assert_eq!(gone.note.as_deref(), Some("not a claim"));

    // When the claim comes back, so does its review; it is not lost twice.
    let back = merge(
        Some(m.file),
        file(vec![claim(
            "x",
            "45 minutes",
            "Sessions take 45 minutes.",
            2,
        )]),
    );
    assert!(back.lost.contains(&"keep".to_owned()));
    let gone = back.file.claims.iter().find(|c| c.id == "gone").unwrap();
    assert!(!gone.stale);
    assert_eq!(gone.status, ReviewStatus::Rejected);
    assert_eq!(gone.note.as_deref(), Some("not a claim"));
}

#[test]
fn removing_an_authors_suppression_restores_the_reviewers_status() {
    let mut c = claim("c1", "92%", "We see 92% response.", 3);
    c.suppressed = true;
    c.note = Some("the trial only had 12 patients".to_owned());
    c.status = ReviewStatus::Accepted;
    let old = merge(None, file(vec![c])).file;
    assert_eq!(
        old.claims[0].effective_status(),
        (ReviewStatus::Ignored, DecidedBy::Author)
    );
    // The author removes the comment: the fresh claim is not suppressed.
    let fresh = file(vec![claim("c1", "92%", "We see 92% response.", 3)]);
    let back = merged(old, fresh);
    assert_eq!(
        back.claims[0].effective_status(),
        (ReviewStatus::Accepted, DecidedBy::Reviewer)
    );
    assert_eq!(
        back.claims[0].note.as_deref(),
        Some("the trial only had 12 patients")
    );
}

#[test]
fn reviewer_corrections_survive_and_untouched_fields_follow_the_extractor() {
    let old = merge(None, file(vec![claim("c1", "64%", "It was 64%.", 3)])).file;
    let mut edited = old.clone();
    let c = &mut edited.claims[0];
    c.kind = ClaimKind::RemissionRate;
    c.measure.comparator = Some("placebo".to_owned());
    c.sources = vec!["pmid:1".to_owned()];
    // A newer extractor writes another subject and intervention.
    let mut fresh = file(vec![claim("c1", "64%", "It was 64%.", 4)]);
    fresh.claims[0].subject = "ketamine infusion response rate".to_owned();
    fresh.claims[0].measure.intervention = Some("ketamine".to_owned());
    let out = merged(edited, fresh);
    let c = &out.claims[0];
    assert_eq!(c.kind, ClaimKind::RemissionRate);
    assert_eq!(c.measure.comparator.as_deref(), Some("placebo"));
    assert_eq!(c.sources, ["pmid:1"]);
    assert_eq!(c.subject, "ketamine infusion response rate");
    assert_eq!(c.measure.intervention.as_deref(), Some("ketamine"));
    // And again: the corrections are still recognised as the reviewer's.
    let again = merged(
        out.clone(),
        file(vec![claim("c1", "64%", "It was 64%.", 4)]),
    );
    assert_eq!(again.claims[0].kind, ClaimKind::RemissionRate);
    assert_eq!(again.claims[0].sources, ["pmid:1"]);
}

#[test]
fn repeated_quotes_keep_their_own_reviews() {
    let first = claim("a", "64%", "Response at 24 hours was 64%.", 3);
    let mut second = claim("b", "64%", "In the open-label phase 64% responded.", 9);
    second.status = ReviewStatus::Rejected;
    second.note = Some("open-label, not comparable".to_owned());
    let mut first_reviewed = first.clone();
    first_reviewed.status = ReviewStatus::Accepted;
    let old = merge(None, file(vec![first_reviewed, second.clone()])).file;
    // The first paragraph is deleted.
    let out = merged(old, file(vec![claim("z", "64%", &second.sentence, 3)]));
    let live: Vec<_> = out.claims.iter().filter(|c| !c.stale).collect();
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].id, "b");
    assert_eq!(live[0].status, ReviewStatus::Rejected);
    let stale: Vec<_> = out.claims.iter().filter(|c| c.stale).collect();
    assert_eq!(
        (stale[0].id.as_str(), stale[0].status),
        ("a", ReviewStatus::Accepted)
    );
}

#[test]
fn repeated_sentences_are_told_apart_by_context_or_left_stale() {
    let s = "It works in 64% of people.";
    let with = |id: &str, ctx: &str| {
        let mut c = claim(id, "64%", s, 1);
        c.context = ctx.to_owned();
        c
    };
    let mut a = with("a", "aaaaaaaa.bbbbbbbb");
    a.status = ReviewStatus::Accepted;
    let mut b = with("b", "cccccccc.dddddddd");
    b.status = ReviewStatus::Rejected;
    let old = merge(None, file(vec![a, b])).file;
    let statuses = |contexts: [&str; 2]| {
        let fresh = file(vec![with("x", contexts[0]), with("y", contexts[1])]);
        merged(old.clone(), fresh)
            .claims
            .iter()
            .map(|c| (c.id.clone(), c.status))
            .collect::<Vec<_>>()
    };
    let (a, b) = (
        ("a".to_owned(), ReviewStatus::Accepted),
        ("b".to_owned(), ReviewStatus::Rejected),
    );
    // Reordered: contexts still match.
    assert_eq!(
        statuses(["cccccccc.dddddddd", "aaaaaaaa.bbbbbbbb"]),
        [b.clone(), a.clone()]
    );
    // One neighbour changed on each: the other one decides.
    assert_eq!(statuses(["aaaaaaaa.eeeeeeee", "ffffffff.dddddddd"]), [a, b]);
    // Both neighbours changed on both: no guess, both reviews stay on stale claims.
    let out = merged(
        old.clone(),
        file(vec![
            with("x", "11111111.22222222"),
            with("y", "33333333.44444444"),
        ]),
    );
    let live: Vec<_> = out.claims.iter().filter(|c| !c.stale).collect();
    assert!(live.iter().all(|c| c.status == ReviewStatus::Unreviewed));
    assert_eq!(out.claims.iter().filter(|c| c.stale).count(), 2);
    let ids: std::collections::HashSet<_> = out.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), 4, "new claims never reuse a kept claim's id");
}

#[test]
fn merge_carries_every_review_of_a_large_file() {
    // Speed is measured by `cargo bench --bench extract` (merge), not asserted here.
    let n = 5_000;
    let claims: Vec<Claim> = (0..n)
        .map(|i| {
            let mut c = claim(
                &format!("c{i}"),
                "64%",
                &format!("Sentence {i} says 64%."),
                1,
            );
            c.status = ReviewStatus::Accepted;
            c
        })
        .collect();
    let old = merge(None, file(claims.clone())).file;
    let out = merged(old, file(claims));
    assert_eq!(out.claims.len(), n);
    assert!(out
        .claims
        .iter()
        .enumerate()
        .all(|(i, c)| c.status == ReviewStatus::Accepted && c.id == format!("c{i}")));
}

#[test]
fn write_is_atomic_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims/a.json");
    write(&path, &file(vec![claim("c1", "q", "s", 3)])).unwrap();
    write(&path, &file(vec![claim("c2", "q", "s", 3)])).unwrap();
    assert_eq!(read(&path).unwrap().claims[0].id, "c2");
    let entries: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(entries.len(), 1);
}
