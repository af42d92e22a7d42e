//! `claimcheck check`: every claim's verdict against its sources, as a report for editors and CI.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use super::common::{load_inputs, FetchFailures, SourcesContext};
use super::{ExitStatus, Io};
use crate::baseline::{Applied, Baseline};
use crate::cli::CheckArgs;
use crate::config::Config;
use crate::evidence::{self, Outcome, RecordIndex, SourceOutcome};
use crate::model::{
    ArticleReport, CheckReport, CitedBy, Claim, ClaimsFile, Finding, Identifier, Resolution,
    Source, SourceResolution, Summary, Tolerance, Verdict, CHECK_REPORT_VERSION,
};
use crate::report::{self, Format, RenderOptions};

/// The verdicts that fail a run when neither flag nor config says otherwise.
pub const DEFAULT_FAIL_ON: [Verdict; 2] = [Verdict::Differs, Verdict::Unsourced];

/// An inferred citation match is used as evidence only from this score up: two strong signals
/// (journal, first author, year) must agree. See `resolve::score`.
const INFERRED_MIN_SCORE: f64 = 5.0;

pub(super) fn run(args: &CheckArgs, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    io.annotate = args.format == Format::Github;
    let config = Config::load(args.net.config.as_deref())?;
    let tolerance = config
        .tolerance(args.tolerance, args.relative_tolerance)
        .map_err(anyhow::Error::msg)?;
    let fail_on = parse_fail_on(args.fail_on.as_ref().or(config.fail_on.as_ref()))?;
    let keep_text = args.format == Format::Html;
    let (loaded, failures) = load_inputs(&args.inputs, &args.input, &config, keep_text, io)?;
    let ctx = SourcesContext::new(&args.net, &config, io)?;
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
    // Each article's claims are weighed on a few threads (the evidence stage is pure), and the
    // reports kept in input order.
    let work: Vec<_> = loaded.iter().zip(&checked).collect();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut articles = Vec::with_capacity(loaded.len());
    super::common::in_order_on_threads(
        &work,
        workers,
        |(item, claims)| check_file(&item.file, claims, &tolerance, &by_id, &records),
        |(item, _), findings| {
            articles.push(ArticleReport {
                path: item.display.clone(),
                title: item.file.article.title.clone(),
                findings,
            });
        },
    );
    let summary = Summary::of(articles.iter().flat_map(|a| &a.findings));
    let mut report = CheckReport {
        version: CHECK_REPORT_VERSION,
        tolerance,
        articles,
        summary,
    };
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(&report);
        write_output(path, baseline.to_json().as_bytes())?;
        io.note(format!(
            "wrote baseline {} ({} findings); check with --baseline {} to fail only on new ones",
            path.display(),
            baseline.findings.len(),
            path.display()
        ));
    }
    if let Some(path) = &args.baseline {
        let applied = Baseline::read(path)?.apply(&mut report);
        note_baseline(path, applied, io);
    }
    if args.only_failing {
        for article in &mut report.articles {
            article
                .findings
                .retain(|f| fail_on.contains(&f.verdict) && f.counts_against());
        }
    }
    if args.format == Format::Sarif {
        // Code scanning resolves SARIF paths against the repository's root, not the directory
        // claimcheck ran in.
        let cwd = std::env::current_dir().context("reading the current directory")?;
        for article in &mut report.articles {
            article.path = repo_relative(&article.path, &cwd);
        }
    }
    let texts: Vec<Option<&str>> = loaded.iter().map(|l| l.text.as_deref()).collect();
    render_report(&report, &texts, args, io)?;
    let allowed = args.net.allow_fetch_errors || config.allow_fetch_errors;
    if fetch_failures.finish(io, allowed) == ExitStatus::Error || failures > 0 {
        return Ok(ExitStatus::Error);
    }
    if args.write_baseline.is_some() {
        return Ok(ExitStatus::Success);
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

/// An article's path relative to the root of the git repository holding `cwd` (the nearest
/// directory upwards with a `.git`), with `/` separators; URLs, and paths outside any repository,
/// as they are.
fn repo_relative(path: &str, cwd: &Path) -> String {
    if path.contains("://") || path == "-" {
        return path.to_owned();
    }
    let Some(root) = cwd.ancestors().find(|d| d.join(".git").exists()) else {
        return path.to_owned();
    };
    let mut full = std::path::PathBuf::new();
    for part in cwd.join(path).components() {
        match part {
            std::path::Component::ParentDir => {
                full.pop();
            }
            std::path::Component::CurDir => {}
            other => full.push(other),
        }
    }
    full.strip_prefix(root).map_or_else(
        |_| path.to_owned(),
        |rel| rel.to_string_lossy().replace('\\', "/"),
    )
}

/// Says on stderr what the baseline took out of the report.
fn note_baseline(path: &Path, applied: Applied, io: &mut Io<'_>) {
    let mut note = format!(
        "baseline {}: {} known findings not reported",
        path.display(),
        applied.known
    );
    if applied.gone > 0 {
        note.push_str(&format!(
            "; {} of its findings no longer occur (fixed or changed): rewrite it with \
             --write-baseline to drop them",
            applied.gone
        ));
    }
    io.note(note);
}

/// Renders the report to stdout or `-o`, and for `--format github` also appends the Markdown
/// report to the job summary when `$GITHUB_STEP_SUMMARY` names one.
fn render_report(
    report: &CheckReport,
    texts: &[Option<&str>],
    args: &CheckArgs,
    io: &mut Io<'_>,
) -> anyhow::Result<()> {
    let limit = |n: usize| (n > 0).then_some(n);
    let opts = RenderOptions {
        color: io.color && args.output.is_none(),
        max_chars: limit(args.max_chars),
        max_annotations: limit(args.max_annotations),
    };
    let render = |out: &mut dyn std::io::Write| match args.format {
        Format::Html => report::render_html(report, texts, out),
        format => report::render(report, format, &opts, out),
    };
    match &args.output {
        Some(path) => {
            let mut buf = Vec::new();
            render(&mut buf)?;
            write_output(path, &buf)?;
        }
        None => render(io.stdout)?,
    }
    if args.format == Format::Github {
        if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            append_step_summary(Path::new(&path), report)?;
        }
    }
    Ok(())
}

/// A job summary holds at most 1 MiB; a character takes at most 4 bytes.
const STEP_SUMMARY_CHARS: usize = 1024 * 1024 / 4;

/// Appends the Markdown report to the job summary file (GitHub gives each step its own file and
/// asks tools to append).
fn append_step_summary(path: &Path, report: &CheckReport) -> anyhow::Result<()> {
    let opts = RenderOptions {
        max_chars: Some(STEP_SUMMARY_CHARS),
        ..RenderOptions::default()
    };
    let mut buf = Vec::new();
    report::render(report, Format::Markdown, &opts, &mut buf)?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("opening the job summary {}", path.display()))?;
    std::io::Write::write_all(&mut file, &buf)
        .with_context(|| format!("writing the job summary {}", path.display()))
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
                        Resolution::NotCached { .. }
                        | Resolution::Missing { .. }
                        | Resolution::Failed { .. } => Outcome::Unavailable {
                            reason: reason_of(&reasons, k),
                        },
                    };
                    Some(SourceOutcome {
                        source: k.as_str(),
                        outcome,
                    })
                })
                .collect();
            say_how_attached(evidence::assess(claim, &outcomes, tolerance))
        })
        .collect();
    evidence::defer_time_points(claims, &mut findings);
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

/// Says in the reason when a claim was checked against sources the article cites elsewhere
/// (its references, its section's source line) rather than in the claim's own sentence.
fn say_how_attached(mut finding: Finding) -> Finding {
    let Some(a) = finding.attachment.as_ref().filter(|a| !a.is_direct()) else {
        return finding;
    };
    if finding.verdict != Verdict::Unsourced {
        let what = match (a.how, a.found_in) {
            (CitedBy::SourceLine, _) => "its section's source line",
            (CitedBy::ReferenceList, _) => "the article's references",
            (_, crate::model::FoundIn::Section) => "the study cited earlier in its section",
            _ => "the study the article cites elsewhere",
        };
        finding.reason.push_str(&format!(
            "; checked against {what}, not cited by this sentence"
        ));
    }
    finding
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
        Resolution::NotCached { .. } | Resolution::Missing { .. } => {
            s.resolution.problem().unwrap_or_default()
        }
        Resolution::Failed { error } => {
            format!("{} could not be fetched: {}", s.id, without_queries(error))
        }
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

/// An error message fit for a report: every URL loses its query string, which for NCBI holds
/// the search terms, the tool name and the contact e-mail (the API key is never in messages).
/// `https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi?db=pubmed&term=…&email=…`
/// becomes `https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi`.
pub(super) fn without_queries(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let next_url = |s: &str| {
        [s.find("http://"), s.find("https://")]
            .into_iter()
            .flatten()
            .min()
    };
    while let Some(at) = next_url(rest) {
        out.push_str(&rest[..at]);
        let url_len = rest[at..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')'))
            .unwrap_or(rest.len() - at);
        let url = &rest[at..at + url_len];
        let url = url.trim_end_matches([',', '.', ';', ':']);
        let kept = url.split(['?', '#']).next().unwrap_or(url);
        out.push_str(kept);
        rest = &rest[at + url.len()..];
    }
    out.push_str(rest);
    out
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

/// Writes a report or page to `-o FILE` (atomically, readable by others: see
/// [`crate::output`]).
pub(super) fn write_output(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::output::write_atomic(path, bytes)?;
    Ok(())
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
    fn sarif_paths_are_relative_to_the_repository() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("site/content")).unwrap();
        let cwd = root.join("site");
        assert_eq!(repo_relative("content/a.md", &cwd), "site/content/a.md");
        assert_eq!(repo_relative("../notes/b.md", &cwd), "notes/b.md");
        let abs = root.join("site/c.md").display().to_string();
        assert_eq!(repo_relative(&abs, &cwd), "site/c.md");
        assert_eq!(
            repo_relative("https://x.example/a", &cwd),
            "https://x.example/a"
        );
    }

    #[test]
    fn report_reasons_drop_query_strings() {
        let error = "esearch: HTTP 503 from https://eutils.example/esearch.fcgi?db=pubmed&term=\
                     ketamine%5Bti%5D&tool=claimcheck&email=editor%40clinic.example: busy; \
                     retried (http://h.example/x?email=a@b.c).";
        assert_eq!(
            without_queries(error),
            "esearch: HTTP 503 from https://eutils.example/esearch.fcgi: busy; retried \
             (http://h.example/x)."
        );
        assert_eq!(without_queries("no URL here"), "no URL here");
    }

    #[test]
    fn article_level_attachments_are_said_in_the_reason() {
        use crate::model::{Attachment, FoundIn};
        let claim = |how, found_in| Claim {
            attachment: Some(Attachment {
                how,
                found_in,
                marker: None,
                location: None,
            }),
            ..Claim::default()
        };
        let finding = |claim: &Claim, verdict| {
            let mut f = evidence::assess(claim, &[], &Tolerance::default());
            f.verdict = verdict;
            f.reason = "the abstract gives 27.1%".to_owned();
            say_how_attached(f).reason
        };
        let listed = claim(CitedBy::ReferenceList, FoundIn::Article);
        assert_eq!(
            finding(&listed, Verdict::Differs),
            "the abstract gives 27.1%; checked against the article's references, not cited by \
             this sentence"
        );
        let line = claim(CitedBy::SourceLine, FoundIn::Section);
        assert!(finding(&line, Verdict::Supported)
            .ends_with("checked against its section's source line, not cited by this sentence"));
        // A claim that cites its source itself, or was not checked at all, says nothing more.
        let own = claim(CitedBy::Footnote, FoundIn::Sentence);
        assert_eq!(
            finding(&own, Verdict::Supported),
            "the abstract gives 27.1%"
        );
        assert_eq!(
            finding(&listed, Verdict::Unsourced),
            "the abstract gives 27.1%"
        );
    }

    #[test]
    fn added_sources_map_to_resolution_ids() {
        assert_eq!(added_key("23982301", &[]), "pmid:23982301");
        assert_eq!(added_key("web:x/1", &["web:x/1"]), "web:x/1");
        assert_eq!(added_key("PMC123", &[]), "pmc:PMC123");
    }
}
