//! `claimcheck check`: every claim's verdict against its sources, as a report for editors and CI.

use std::collections::HashMap;

use anyhow::bail;

use super::common::{load_config, load_inputs, FetchFailures, SourcesContext};
use super::sources::{Resolution, SourceResolution};
use super::{ExitStatus, Io};
use crate::cli::CheckArgs;
use crate::evidence::{self, Outcome, RecordIndex, SourceOutcome};
use crate::model::{
    ArticleReport, CheckReport, Claim, ClaimsFile, Finding, Identifier, Source, Summary, Tolerance,
    Verdict, CHECK_REPORT_VERSION,
};
use crate::report::{self, RenderOptions};

/// The verdicts that fail a run when neither flag nor config says otherwise.
pub const DEFAULT_FAIL_ON: [Verdict; 2] = [Verdict::Differs, Verdict::Unsourced];

/// An inferred citation match is used as evidence only from this score up: two strong signals
/// (journal, first author, year) must agree. See `resolve::score`.
const INFERRED_MIN_SCORE: f64 = 5.0;

pub(super) fn run(args: &CheckArgs, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    let config = load_config(args.config.as_deref())?;
    let tolerance = Tolerance {
        percentage_points: non_negative(
            "--tolerance",
            args.tolerance.or(config.tolerance).unwrap_or(5.0),
        )?,
        relative: non_negative(
            "--relative-tolerance",
            args.relative_tolerance
                .or(config.relative_tolerance)
                .unwrap_or(0.1),
        )?,
    };
    let fail_on = parse_fail_on(args.fail_on.as_ref().or(config.fail_on.as_ref()))?;
    let (loaded, failures) = load_inputs(&args.inputs, &args.input, &config, io)?;
    let ctx = SourcesContext::new(&args.net, config.cache.clone(), config.email.clone(), io)?;
    // The claims to check, per file.
    let checked: Vec<Vec<Claim>> = loaded
        .iter()
        .map(|item| {
            item.file
                .claims
                .iter()
                .filter(|c| !c.is_skipped() && !config.ignores(&c.id, &c.quote))
                .cloned()
                .collect()
        })
        .collect();
    // Every source of every file resolved in one pass, so a cold run over many articles makes
    // one batched efetch rather than one per article. Source ids name the record (`pmid:…`,
    // `doi:…`), so articles citing the same study share its resolution.
    let mut sources: Vec<Source> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for item in &loaded {
        for s in &item.file.sources {
            if seen.insert(s.id.clone()) {
                sources.push(s.clone());
            }
        }
    }
    let all_claims: Vec<Claim> = checked.iter().flatten().cloned().collect();
    let resolutions = ctx.resolve(&sources, &all_claims);
    for w in &resolutions.warnings {
        io.warn(w);
    }
    if !resolutions.offline_misses.is_empty() {
        io.warn(format!(
            "not in the cache, checked as unverifiable (offline): {}",
            resolutions.offline_misses.join(", ")
        ));
    }
    let mut fetch_failures = FetchFailures::default();
    fetch_failures.add(
        &resolutions,
        loaded
            .iter()
            .zip(&checked)
            .flat_map(|(item, claims)| claims.iter().map(|c| claim_keys(c, &item.file.sources))),
    );
    // Read each record's abstract once, however many claims and articles cite it.
    let mut records: HashMap<u32, RecordIndex> = HashMap::new();
    for s in &resolutions.sources {
        if let Some(record) = usable_record(&s.resolution) {
            records
                .entry(record.pmid)
                .or_insert_with(|| RecordIndex::new(record.clone()));
        }
    }
    let by_id: HashMap<&str, &SourceResolution> = resolutions
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let mut articles = Vec::with_capacity(loaded.len());
    for (item, claims) in loaded.iter().zip(&checked) {
        let findings = check_file(&item.file, claims, &tolerance, &by_id, &records);
        articles.push(ArticleReport {
            path: item.display.clone(),
            title: item.file.article.title.clone(),
            findings,
        });
    }
    let summary = Summary::of(articles.iter().flat_map(|a| &a.findings));
    let report = CheckReport {
        version: CHECK_REPORT_VERSION,
        tolerance,
        articles,
        summary,
    };
    let opts = RenderOptions {
        color: io.color && args.output.is_none(),
    };
    match &args.output {
        Some(path) => {
            let mut buf = Vec::new();
            report::render(&report, args.format, &opts, &mut buf)?;
            crate::output::write_atomic(path, &buf)?;
        }
        None => report::render(&report, args.format, &opts, io.stdout)?,
    }
    let allowed = args.net.allow_fetch_errors || config.allow_fetch_errors;
    if fetch_failures.finish(io, allowed) == ExitStatus::Error || failures > 0 {
        return Ok(ExitStatus::Error);
    }
    let failing = report
        .articles
        .iter()
        .flat_map(|a| &a.findings)
        .any(|f| fail_on.contains(&f.verdict) && f.counts_against());
    Ok(if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

fn check_file(
    file: &ClaimsFile,
    claims: &[Claim],
    tolerance: &Tolerance,
    by_id: &HashMap<&str, &SourceResolution>,
    records: &HashMap<u32, RecordIndex>,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = claims
        .iter()
        .map(|claim| {
            let keys = claim_keys(claim, &file.sources);
            let reasons: Vec<(String, String)> = keys
                .iter()
                .filter_map(|k| {
                    by_id
                        .get(k.as_str())
                        .map(|s| (k.clone(), unavailable_reason(s)))
                })
                .collect();
            let outcomes: Vec<SourceOutcome<'_>> = keys
                .iter()
                .filter_map(|k| {
                    let s = by_id.get(k.as_str())?;
                    let outcome = match &s.resolution {
                        Resolution::Resolved { pmid, .. } => Outcome::Record {
                            index: records.get(pmid)?,
                            inferred: false,
                        },
                        Resolution::Inferred { candidates } => {
                            match candidates.first().filter(|c| c.score >= INFERRED_MIN_SCORE) {
                                Some(c) => Outcome::Record {
                                    index: records.get(&c.pmid)?,
                                    inferred: true,
                                },
                                None => Outcome::Unavailable {
                                    reason: reason_of(&reasons, k),
                                },
                            }
                        }
                        Resolution::NotResearch => Outcome::NotResearch {
                            url: s.url.as_deref().unwrap_or(&s.id),
                        },
                        Resolution::Missing { .. } | Resolution::Failed { .. } => {
                            Outcome::Unavailable {
                                reason: reason_of(&reasons, k),
                            }
                        }
                    };
                    Some(SourceOutcome {
                        source: k.as_str(),
                        outcome,
                    })
                })
                .collect();
            evidence::assess(claim, &outcomes, tolerance)
        })
        .collect();
    findings.sort_by_key(|f| (f.location.line, f.location.column, f.location.start));
    findings
}

/// The resolution ids a claim is checked against: its sources, then the reviewer's additions.
pub(super) fn claim_keys(claim: &Claim, file_sources: &[Source]) -> Vec<String> {
    let file_ids: Vec<&str> = file_sources.iter().map(|s| s.id.as_str()).collect();
    claim
        .sources
        .iter()
        .cloned()
        .chain(claim.added_sources.iter().map(|a| added_key(a, &file_ids)))
        .collect()
}

fn reason_of<'a>(reasons: &'a [(String, String)], key: &str) -> &'a str {
    reasons
        .iter()
        .find(|(k, _)| k == key)
        .map_or("the source could not be checked", |(_, r)| r.as_str())
}

/// The record a resolution gives as evidence: the resolved one, or a strong enough inference.
fn usable_record(r: &Resolution) -> Option<&crate::model::Record> {
    match r {
        Resolution::Resolved { record, .. } => Some(record),
        Resolution::Inferred { candidates } => candidates
            .first()
            .filter(|c| c.score >= INFERRED_MIN_SCORE)
            .map(|c| &*c.record),
        _ => None,
    }
}

fn unavailable_reason(s: &SourceResolution) -> String {
    match &s.resolution {
        Resolution::Missing { reason } => reason.clone(),
        Resolution::Failed { error } => format!("{} could not be fetched: {error}", s.id),
        Resolution::Inferred { candidates } => match candidates.first() {
            Some(c) => format!(
                "the citation “{}” matches no record with confidence (best guess: PMID {}, {})",
                s.text,
                c.pmid,
                c.record.short_citation()
            ),
            None => format!("the citation “{}” matches no PubMed record", s.text),
        },
        _ => String::new(),
    }
}

/// The resolution id of a reviewer's added source: a source id of the file as is, else the
/// identifier it names (`23982301` → `pmid:23982301`), else the text itself.
pub(super) fn added_key(added: &str, file_ids: &[&str]) -> String {
    let added = added.trim();
    if file_ids.contains(&added) {
        return added.to_owned();
    }
    Identifier::parse(added).map_or_else(|| added.to_owned(), |i| i.source_id())
}

fn non_negative(flag: &str, v: f64) -> anyhow::Result<f64> {
    if !v.is_finite() || v < 0.0 {
        bail!("{flag} must be a number of zero or more, not {v}");
    }
    Ok(v)
}

/// `--fail-on` / `fail_on`: verdict names, or `none`.
pub(crate) fn parse_fail_on(list: Option<&Vec<String>>) -> anyhow::Result<Vec<Verdict>> {
    let Some(list) = list else {
        return Ok(DEFAULT_FAIL_ON.to_vec());
    };
    let mut out = Vec::new();
    for item in list {
        let item = item.trim();
        if item.is_empty() || item.eq_ignore_ascii_case("none") {
            continue;
        }
        let v: Verdict = item
            .parse()
            .map_err(|e: String| anyhow::anyhow!("--fail-on: {e}"))?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_parsing() {
        assert_eq!(parse_fail_on(None).unwrap(), DEFAULT_FAIL_ON);
        let list = vec!["differs".to_owned(), "not-found".to_owned()];
        assert_eq!(
            parse_fail_on(Some(&list)).unwrap(),
            [Verdict::Differs, Verdict::NotFound]
        );
        assert!(parse_fail_on(Some(&vec!["none".to_owned()]))
            .unwrap()
            .is_empty());
        let bad = vec!["wrong".to_owned()];
        assert!(parse_fail_on(Some(&bad))
            .unwrap_err()
            .to_string()
            .contains("unknown verdict"));
    }

    #[test]
    fn added_sources_map_to_resolution_ids() {
        assert_eq!(added_key("23982301", &[]), "pmid:23982301");
        assert_eq!(added_key("web:x/1", &["web:x/1"]), "web:x/1");
        assert_eq!(added_key("PMC123", &[]), "pmc:PMC123");
    }
}
