//! What several commands share: loading inputs (articles or claims files) and the sources
//! context (cache, offline or online client, runtime).

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};

use super::reviewed;
use super::sources::{self, Mode, Resolution, Resolutions};
use super::{ExitStatus, Io};
use crate::cache::Cache;
use crate::cli::{InputArgs, NetArgs};
use crate::model::{Claim, ClaimsFile, Source};
use crate::pubmed::client::ClientBuilder;
use crate::pubmed::Logger;
use crate::{claims_file, ingest};

/// One loaded input: where it came from and its claims.
pub(crate) struct Loaded {
    /// The path or URL as shown in reports.
    pub display: String,
    /// The claims file (read, or extracted on the fly).
    pub file: ClaimsFile,
}

/// Loads every input: `.json` files are claims files (used as reviewed), anything else is an
/// article extracted on the fly. Per-input errors are printed and counted, not fatal.
pub(crate) fn load_inputs(
    args: &[String],
    input: &InputArgs,
    config: &crate::config::Config,
    io: &mut Io<'_>,
) -> anyhow::Result<(Vec<Loaded>, usize)> {
    let mut loaded = Vec::new();
    let failures = for_each_input(args, input, config, io, |display, file, _| {
        loaded.push(Loaded { display, file });
    });
    Ok((loaded, failures))
}

/// Reads the inputs one at a time and hands each to `each` with its display path, so a caller
/// can stream. A claims file (`.json`, also inside directories) is re-anchored on its article
/// if that changed; an article is extracted and merged with its claims file if it has one
/// (see [`reviewed`]); an article met twice (itself and through its claims file) counts once.
/// Returns how many inputs failed; their errors are printed.
pub(crate) fn for_each_input(
    args: &[String],
    input: &InputArgs,
    config: &crate::config::Config,
    io: &mut Io<'_>,
    mut each: impl FnMut(String, ClaimsFile, &mut Io<'_>),
) -> usize {
    let opts = ingest::Options {
        max_bytes: input.max_size,
    };
    let layout = claims_layout(input.claims_dir.as_deref(), config);
    let mut seen = HashSet::new();
    let mut failures = 0;
    for arg in args {
        let path = Path::new(arg);
        let is_json = |p: &Path| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        };
        // Claims files: the argument itself, or those inside a directory.
        let claims_files = if is_json(path) && path.is_file() {
            vec![path.to_path_buf()]
        } else if path.is_dir() {
            let mut found = walk_json(path);
            found.sort();
            found
        } else {
            Vec::new()
        };
        for p in &claims_files {
            match reviewed::from_claims_file(p, &layout, &opts, io) {
                Ok(r) => {
                    if seen.insert(r.key) {
                        each(r.display, r.file, io);
                    }
                }
                Err(e) => {
                    io.error(&e);
                    failures += 1;
                }
            }
        }
        if is_json(path) && path.is_file() {
            continue;
        }
        let inputs = match ingest::expand_inputs(std::slice::from_ref(arg)) {
            Ok(expanded) => {
                for skipped in expanded.skipped {
                    io.error(&anyhow::Error::from(skipped).context("skipped"));
                    failures += 1;
                }
                expanded.inputs
            }
            // A directory of claims files only is fine.
            Err(ingest::Error::EmptyDirectory { .. }) if !claims_files.is_empty() => continue,
            Err(e) => {
                io.error(&anyhow::Error::from(e));
                failures += 1;
                continue;
            }
        };
        for input in inputs {
            if seen.contains(&reviewed::key_of_input(&input)) {
                continue;
            }
            let article = match ingest::read(&input, &opts) {
                Ok(article) => article,
                Err(e) => {
                    io.error(&anyhow::Error::from(e));
                    failures += 1;
                    continue;
                }
            };
            for w in &article.warnings {
                io.warn(w);
            }
            match reviewed::with_claims_file(&article, &layout, io) {
                Ok(r) => {
                    seen.insert(r.key);
                    each(r.display, r.file, io);
                }
                Err(e) => {
                    io.error(&e);
                    failures += 1;
                }
            }
        }
    }
    failures
}

/// The claims files below `dir`. Like the article walk in `ingest`, symlinked directories are
/// not entered, so a link back up the tree (a loop) cannot make the walk endless; symlinked
/// files are taken.
fn walk_json(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let p = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            out.extend(walk_json(&p));
        } else if p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            && (kind.is_file() || p.is_file())
        {
            out.push(p);
        }
    }
    out
}

/// `claimcheck.toml`: the one given, else the nearest one from the current directory upwards,
/// else the defaults.
pub(crate) fn load_config(explicit: Option<&Path>) -> anyhow::Result<crate::config::Config> {
    use crate::config::Config;
    let path = match explicit {
        Some(p) => Some(p.to_owned()),
        None => std::env::current_dir()
            .ok()
            .and_then(|cwd| Config::discover(&cwd)),
    };
    match path {
        Some(p) => Ok(Config::read(&p)?),
        None => Ok(Config::default()),
    }
}

/// The claims directory: the flag, else the config's `claims_dir` (which defaults to `claims`
/// beside `claimcheck.toml`), else `claims` in the current directory.
pub(crate) fn claims_layout(
    flag: Option<&Path>,
    config: &crate::config::Config,
) -> claims_file::layout::Layout {
    let dir = flag
        .map(Path::to_path_buf)
        .or_else(|| config.claims_dir.clone())
        .unwrap_or_else(|| PathBuf::from("claims"));
    claims_file::layout::Layout::new(&dir)
}

/// A path relative to the current directory when it is below it, with `/` separators.
pub(crate) fn display_path(origin: &str) -> String {
    if origin.contains("://") || origin == "-" {
        return origin.to_owned();
    }
    let p = Path::new(origin);
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}

/// The cache, the mode (online client or offline) and a runtime to drive them.
pub(crate) struct SourcesContext {
    pub cache: Cache,
    pub mode: Mode,
    pub refresh: bool,
    runtime: tokio::runtime::Runtime,
}

impl SourcesContext {
    /// Builds the context from flags (which already fold in their environment variables), the
    /// config file's cache and email, and the defaults.
    pub fn new(
        net: &NetArgs,
        config_cache: Option<PathBuf>,
        config_email: Option<String>,
        io: &mut Io<'_>,
    ) -> anyhow::Result<Self> {
        let root = net
            .cache
            .clone()
            .or(config_cache)
            .or_else(Cache::default_root);
        let Some(root) = root else {
            bail!("no cache directory: pass --cache DIR or set CLAIMCHECK_CACHE");
        };
        if net.offline && !root.is_dir() {
            bail!(
                "cache directory {} does not exist (--offline reads records only from the cache)",
                root.display()
            );
        }
        let cache = Cache::new(root);
        let mode = if net.offline {
            Mode::Offline
        } else {
            let mut builder = ClientBuilder::from_env();
            if let Some(u) = &net.eutils_url {
                builder = builder.eutils_url(u.clone());
            }
            if let Some(u) = &net.idconv_url {
                builder = builder.idconv_url(u.clone());
            }
            if let Some(k) = &net.api_key {
                builder = builder.api_key(k.clone());
            }
            builder = limits(builder, net).pace_file(cache.pace_path(net.api_key.as_deref()));
            if io.verbose {
                // The client runs inside the runtime, away from `io`: its lines go straight to
                // the process's stderr, one write per line.
                builder = builder.logger(Logger::new(|line| {
                    let _ = writeln!(std::io::stderr(), "claimcheck: {line}");
                }));
            }
            match net.email.clone().or(config_email) {
                Some(e) => builder = builder.email(e),
                None => io.warn(
                    "no contact email for NCBI: pass --email, set NCBI_EMAIL or `email` in claimcheck.toml",
                ),
            }
            if io.stderr_is_terminal && !io.quiet {
                let bar = ProgressBar::new(0);
                if let Ok(style) =
                    ProgressStyle::with_template("{spinner} fetching PubMed records {pos}/{len}")
                {
                    bar.set_style(style);
                }
                builder = builder.progress(bar);
            }
            Mode::Online(builder.build().context("building the E-utilities client")?)
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("starting the async runtime")?;
        Ok(SourcesContext {
            cache,
            mode,
            refresh: net.refresh,
            runtime,
        })
    }

    /// Runs a future of the sources stage to completion.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Resolves `sources` (and the reviewers' additions in `claims`).
    pub fn resolve(&self, sources: &[Source], claims: &[Claim]) -> Resolutions {
        self.runtime.block_on(sources::resolve_sources(
            sources,
            claims,
            &self.cache,
            &self.mode,
            self.refresh,
        ))
    }
}

/// The request limits the flags (or their environment variables) set; unset ones keep the
/// client's defaults.
fn limits(mut builder: ClientBuilder, net: &NetArgs) -> ClientBuilder {
    if let Some(t) = net.timeout {
        builder = builder.timeout(t);
    }
    if let Some(n) = net.retries {
        builder = builder.max_retries(n);
    }
    if let Some(t) = net.max_retry_after {
        builder = builder.max_retry_after(t);
    }
    if let Some(n) = net.max_response_size {
        builder = builder.max_response_bytes(n);
    }
    builder
}

/// The sources of a run that could not be fetched (network failure, HTTP error after retries,
/// a malformed, oversized or refused answer) and how many claims that left unverifiable: the
/// exit-code contract's input. A source that is merely absent from PubMed is an answer, not a
/// failure.
#[derive(Debug, Default)]
pub(crate) struct FetchFailures {
    /// Source id (or what was searched) → why it failed.
    failed: BTreeMap<String, String>,
    claims: usize,
}

impl FetchFailures {
    /// Records the failed sources of `resolutions`, and counts the `claims` that cite one
    /// (`keys` gives a claim's resolution ids).
    pub fn add(
        &mut self,
        resolutions: &Resolutions,
        claims: impl IntoIterator<Item = Vec<String>>,
    ) {
        let mut failed = std::collections::BTreeSet::new();
        for s in &resolutions.sources {
            if let Resolution::Failed { error } = &s.resolution {
                self.failed.insert(s.id.clone(), error.clone());
                failed.insert(s.id.as_str());
            }
        }
        if failed.is_empty() {
            return;
        }
        self.claims += claims
            .into_iter()
            .filter(|keys| keys.iter().any(|k| failed.contains(k.as_str())))
            .count();
    }

    /// Records one failure that is not a source (a literature search).
    pub fn add_one(&mut self, what: String, error: String) {
        self.failed.insert(what, error);
    }

    /// Says on stderr what could not be fetched and returns the status it forces: `Error`,
    /// or `Success` (no change) when there was nothing or the user allowed it.
    pub fn finish(&self, io: &mut Io<'_>, allowed: bool) -> ExitStatus {
        if self.failed.is_empty() {
            return ExitStatus::Success;
        }
        let n = self.failed.len();
        let mut message = format!(
            "{n} source{} could not be fetched; {} claim{} unverifiable because of it",
            if n == 1 { "" } else { "s" },
            self.claims,
            if self.claims == 1 { " is" } else { "s are" },
        );
        for (id, error) in self.failed.iter().take(5) {
            message.push_str(&format!("\n  {id}: {error}"));
        }
        if n > 5 {
            message.push_str(&format!("\n  … and {} more", n - 5));
        }
        if allowed {
            io.warn(format!("{message}\n  (allowed by --allow-fetch-errors)"));
            ExitStatus::Success
        } else {
            io.error(&anyhow::anyhow!(
                "{message}\n  (exit status 2; --allow-fetch-errors or allow_fetch_errors = true \
                 in claimcheck.toml accepts such runs)"
            ));
            ExitStatus::Error
        }
    }
}
