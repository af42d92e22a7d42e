//! `claimcheck compare`: every article's claims grouped by measure, against the figures of the
//! literature, as a table, JSON, CSV, Markdown or one self-contained HTML page.
//!
//! Streams: each input is read, extracted, folded into the [`Grouper`] and dropped before the
//! next, so memory follows the number of distinct measures and cited records, not articles.

use std::collections::{BTreeSet, HashMap};

use anyhow::Context;

use super::common::{for_each_input, FetchFailures, SourcesContext};
use super::sources::search_records;
use super::{ExitStatus, Io};
use crate::cli::CompareArgs;
use crate::compare::{design_of, esearch_term, Grouper, MeasureKey};
use crate::config::Config;
use crate::evidence::{RecordIndex, Role};
use crate::model::{Claim, ClaimKind, ClaimsFile, LiteratureFigure, Resolution};
use crate::report::compare::{render_compare, CompareOptions};

/// How many records a literature search fetches per measure.
const LITERATURE_HITS: u32 = 10;

pub(super) fn run(args: &CompareArgs, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    let config = Config::load(args.net.config.as_deref())?;
    let tolerance = config.tolerance(None, None).map_err(anyhow::Error::msg)?;
    let ctx = SourcesContext::new(&args.net, &config, io)?;
    let mut run = Run {
        ctx: &ctx,
        grouper: Grouper::new().with_tolerance(tolerance),
        config: &config,
        records: HashMap::new(),
        claimed: BTreeSet::new(),
        with_literature: BTreeSet::new(),
        pending: Vec::new(),
        fetch_failures: FetchFailures::default(),
    };
    let failures = for_each_input(
        &args.inputs,
        &args.input,
        &config,
        io,
        |display, file, _, io| {
            run.add(display, file, io);
        },
    );
    run.flush(io);
    let Run {
        mut grouper,
        claimed,
        with_literature,
        mut fetch_failures,
        ..
    } = run;
    if args.literature {
        for key in claimed.difference(&with_literature) {
            let Some(term) = esearch_term(key) else {
                continue;
            };
            let found = ctx.block_on(search_records(
                &term,
                LITERATURE_HITS,
                &ctx.cache,
                &ctx.mode,
                ctx.refresh,
            ));
            for w in &found.warnings {
                io.warn(w);
            }
            if let Some(miss) = &found.offline_miss {
                io.warn(format!(
                    "literature for {}: {miss} is not in the cache (offline)",
                    key.label()
                ));
            }
            if let Some(e) = &found.error {
                fetch_failures.add_one(format!("literature search for {}", key.label()), e.clone());
            }
            for record in found.records {
                let index = RecordIndex::new(record);
                for (fig_key, fig) in literature_figures(&index, None) {
                    if fig_key == *key {
                        grouper.add_literature(key, fig);
                    }
                }
            }
        }
    }
    let report = grouper.finish();
    let opts = CompareOptions {
        color: io.color && args.output.is_none(),
        csv_bom: args.bom,
    };
    match &args.output {
        Some(path) => {
            let mut buf = Vec::new();
            render_compare(&report, args.format, &opts, &mut buf)?;
            crate::output::write_atomic(path, &buf)
                .with_context(|| format!("writing {}", path.display()))?;
            io.note(format!(
                "wrote {} ({} measures from {} articles)",
                path.display(),
                report.measures.len(),
                report.articles
            ));
        }
        None => render_compare(&report, args.format, &opts, io.stdout)?,
    }
    io.stdout.flush()?;
    let allowed = args.net.allow_fetch_errors || config.allow_fetch_errors;
    let forced = fetch_failures.finish(io, allowed);
    Ok(if failures > 0 {
        ExitStatus::Error
    } else {
        forced
    })
}

/// How many articles are read before their sources are resolved together: one batched efetch per
/// chunk on a cold cache, and memory bounded by the chunk, not the run.
const CHUNK: usize = 200;

/// The state of one `compare` run.
struct Run<'c> {
    ctx: &'c SourcesContext,
    /// `claimcheck.toml`: its `ignore` list drops claims as `check` does.
    config: &'c Config,
    grouper: Grouper,
    /// Each cited record's abstract, read once (bounded by the distinct records cited).
    records: HashMap<u32, RecordIndex>,
    /// Every measure some article claims, and those that got literature from a cited source.
    claimed: BTreeSet<MeasureKey>,
    with_literature: BTreeSet<MeasureKey>,
    /// Articles read but not yet grouped, at most [`CHUNK`].
    pending: Vec<(String, ClaimsFile)>,
    /// Sources that could not be fetched (the exit-code contract).
    fetch_failures: FetchFailures,
}

impl Run<'_> {
    fn add(&mut self, display: String, mut file: ClaimsFile, io: &mut Io<'_>) {
        file.claims
            .retain(|c| !self.config.ignores(&c.id, &c.quote));
        self.pending.push((display, file));
        if self.pending.len() >= CHUNK {
            self.flush(io);
        }
    }

    /// Resolves the pending articles' sources in one pass, then groups their claims and the
    /// figures of the sources they cite.
    fn flush(&mut self, io: &mut Io<'_>) {
        let pending = std::mem::take(&mut self.pending);
        if pending.is_empty() {
            return;
        }
        let mut sources = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut live_all = Vec::new();
        let live: Vec<Vec<Claim>> = pending
            .iter()
            .map(|(_, file)| {
                for s in &file.sources {
                    if seen.insert(s.id.clone()) {
                        sources.push(s.clone());
                    }
                }
                let live: Vec<Claim> = file
                    .claims
                    .iter()
                    .filter(|c| !c.is_skipped())
                    .cloned()
                    .collect();
                live_all.extend(live.iter().cloned());
                live
            })
            .collect();
        let resolutions = self.ctx.resolve(&sources, &live_all);
        for w in &resolutions.warnings {
            io.warn(w);
        }
        self.fetch_failures.add(
            &resolutions,
            pending.iter().zip(&live).flat_map(|((_, file), live)| {
                live.iter()
                    .map(|c| super::check::claim_keys(c, &file.sources))
            }),
        );
        for ((display, file), live) in pending.iter().zip(&live) {
            self.grouper.add_article(display, &file.claims);
            for c in live {
                self.claimed.insert(MeasureKey::of_claim(c).0);
            }
            for s in &resolutions.sources {
                let Resolution::Resolved { record, .. } = &s.resolution else {
                    continue;
                };
                // The measures this source stands by in this article.
                let file_ids: Vec<&str> = file.sources.iter().map(|x| x.id.as_str()).collect();
                let keys: BTreeSet<MeasureKey> = live
                    .iter()
                    .filter(|c| {
                        c.sources.contains(&s.id)
                            || c.added_sources
                                .iter()
                                .any(|a| super::check::added_key(a, &file_ids) == s.id)
                    })
                    .map(|c| MeasureKey::of_claim(c).0)
                    .collect();
                if keys.is_empty() {
                    continue;
                }
                let index = self
                    .records
                    .entry(record.pmid)
                    .or_insert_with(|| RecordIndex::new((**record).clone()));
                for (key, fig) in literature_figures(index, Some(display)) {
                    if keys.contains(&key) {
                        self.with_literature.insert(key.clone());
                        self.grouper.add_literature(&key, fig);
                    }
                }
            }
        }
    }
}

/// The figures of a record that can stand as literature for a measure, keyed to it: the study's
/// own results, protocol and size as the evidence reader reads them, each under the treatment of
/// its arm ("64% and 28% in the ketamine and midazolam groups, respectively": the 28% is
/// midazolam's). Confidence limits, baselines, criteria other than definitions, other studies'
/// figures in the Background and between-arm differences are no literature figure.
fn literature_figures(
    index: &RecordIndex,
    cited_by: Option<&str>,
) -> Vec<(MeasureKey, LiteratureFigure)> {
    let design = design_of(&index.record.publication_types);
    let n = index.sample_size();
    index
        .readings
        .iter()
        .filter(|r| match r.role {
            Role::Result | Role::Protocol | Role::Size => true,
            // A definition is a criterion: "failed at least two antidepressants" defines TRD.
            Role::Criterion => r.kind == ClaimKind::DefinitionThreshold,
            Role::Baseline | Role::Interval | Role::Context => false,
        })
        .filter(|r| {
            !r.difference && !matches!(r.kind, ClaimKind::Other | ClaimKind::OtherPercentage)
        })
        .map(|r| {
            let sentence = index.sentence(r.sentence);
            // The scanner's own reading of the figure: its intervention where no arm is known,
            // and the population it is about.
            let own = index
                .figures()
                .find(|(s, f)| std::ptr::eq(*s, sentence) && f.range == r.range)
                .map(|(_, f)| &f.measure);
            let treatment = match r.arm.and_then(|a| index.arms.get(a)) {
                Some(arm) => Some(arm.label.as_str()),
                None => own
                    .and_then(|m| m.intervention.as_deref())
                    .or(index.main_treatment()),
            };
            let key = MeasureKey::new(
                r.kind,
                treatment,
                own.and_then(|m| m.population.as_deref()),
                r.value.unit,
            );
            let fig = LiteratureFigure {
                pmid: index.record.pmid,
                citation: index.citation.clone(),
                design: design.clone(),
                n,
                time_point: r.time_point.clone(),
                value: r.value.clone(),
                sentence: sentence.to_owned(),
                cited_by: cited_by.map(|a| vec![a.to_owned()]).unwrap_or_default(),
                cited_by_omitted: 0,
            };
            (key, fig)
        })
        .collect()
}
