//! The command line: clap definitions only. Parsed arguments go to [`crate::app`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::compare::CompareFormat;
use crate::report::Format;

const EXIT_CODES: &str = "\
Exit codes:
  0  nothing to fail on
  1  check: a claim has a verdict listed in --fail-on (default: differs,unsourced)
  2  error: bad arguments, unreadable input, an invalid claims file or config,
     a cache directory that does not exist with --offline, (fetch --offline) a record
     missing from the cache, or a source that could not be fetched (network failure,
     HTTP error after retries, a malformed, oversized or refused answer); its claims are
     reported unverifiable with the reason, and stderr counts them. --allow-fetch-errors
     (allow_fetch_errors = true in claimcheck.toml) makes such a run exit 0 or 1 instead.

Requests that cannot pass (DNS failure, refused connection, 4xx other than 429) are not
retried; 429, 5xx, time-outs and dropped connections are, within --retries and the
--timeout deadline of each request; a Retry-After longer than --max-retry-after gives the
source up. check --offline reports records missing from the cache as unverifiable, with a
warning (add unverifiable to --fail-on to fail on them).";

/// Check the numbers in health articles against the research they cite.
#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print no warnings or progress on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Log every request to NCBI on stderr (never the API key or the email address).
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every quantitative claim of articles and write reviewable claims files.
    Extract(ExtractArgs),
    /// Resolve articles' sources to PubMed records and fetch them into the cache.
    Fetch(FetchArgs),
    /// Check each claim against the figures in its sources.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Compare the same measure across many articles and the literature.
    Compare(CompareArgs),
    /// Write a commented claimcheck.toml in the current directory.
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the man page (roff) on stdout.
    Man,
}

/// `claimcheck init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write it.
    #[arg(short, long, value_name = "FILE", default_value = "claimcheck.toml")]
    pub output: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// `claimcheck completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Input options shared by every command that reads articles.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Refuse inputs larger than this many bytes (default 20 MB).
    #[arg(long, value_name = "BYTES", default_value_t = 20 * 1024 * 1024)]
    pub max_size: u64,
    /// Where claims files live: one per article, at DIR/<article path>.json (default:
    /// `claims_dir` of claimcheck.toml, `claims` beside claimcheck.toml, else ./claims).
    #[arg(long, value_name = "DIR")]
    pub claims_dir: Option<PathBuf>,
    /// Leave out files and directories matching this glob when walking a directory
    /// (.gitignore syntax; repeatable; adds to `exclude` in claimcheck.toml).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// Network and cache options shared by `fetch`, `check` and `compare`.
#[derive(Debug, Clone, Args)]
pub struct NetArgs {
    /// The cache directory (default: the user's cache directory, or CLAIMCHECK_CACHE).
    #[arg(long, value_name = "DIR", env = "CLAIMCHECK_CACHE")]
    pub cache: Option<PathBuf>,
    /// Use only the cache; a missing record is an error, never a network request.
    #[arg(long)]
    pub offline: bool,
    /// Fetch records again even when they are cached.
    #[arg(long, conflicts_with = "offline")]
    pub refresh: bool,
    /// Contact email sent to NCBI with every request (NCBI asks for one).
    #[arg(long, env = "NCBI_EMAIL", value_name = "ADDRESS")]
    pub email: Option<String>,
    /// NCBI API key: allows 10 requests/s instead of 3.
    #[arg(long, env = "NCBI_API_KEY", value_name = "KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Base URL of the E-utilities (a mirror or a test server).
    #[arg(long, env = "CLAIMCHECK_EUTILS_URL", value_name = "URL")]
    pub eutils_url: Option<String>,
    /// Base URL of the PMC ID Converter API.
    #[arg(long, env = "CLAIMCHECK_IDCONV_URL", value_name = "URL")]
    pub idconv_url: Option<String>,
    /// The longest one request to NCBI may take, retries and waits included [default: 120].
    #[arg(long, env = "CLAIMCHECK_TIMEOUT", value_name = "SECONDS", value_parser = seconds)]
    pub timeout: Option<std::time::Duration>,
    /// How many times a request that may pass (429, 5xx, time-out, dropped connection) is
    /// retried [default: 4].
    #[arg(long, env = "CLAIMCHECK_RETRIES", value_name = "N")]
    pub retries: Option<u32>,
    /// The longest Retry-After waited for; a server asking for more gets the source given up
    /// as unverifiable [default: 60].
    #[arg(long, env = "CLAIMCHECK_MAX_RETRY_AFTER", value_name = "SECONDS", value_parser = seconds)]
    pub max_retry_after: Option<std::time::Duration>,
    /// The largest answer read from NCBI, after decompression [default: 64 MiB].
    #[arg(long, env = "CLAIMCHECK_MAX_RESPONSE_SIZE", value_name = "BYTES")]
    pub max_response_size: Option<u64>,
    /// Do not exit 2 because a source could not be fetched (its claims stay unverifiable).
    #[arg(long)]
    pub allow_fetch_errors: bool,
    /// Read claimcheck.toml from here instead of searching upwards from the current directory.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// A number of seconds (fractions allowed), zero or more.
fn seconds(s: &str) -> Result<std::time::Duration, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("not a number of seconds: {s:?}"))?;
    std::time::Duration::try_from_secs_f64(v)
        .map_err(|_| format!("not a usable number of seconds: {s:?}"))
}

/// `claimcheck extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Articles: .html/.htm, .txt, .md files, http(s) URLs, `-` for stdin, or directories.
    #[arg(required = true, value_name = "ARTICLE")]
    pub articles: Vec<String>,
    /// Write the claims file here (one article only).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the claims, write nothing.
    #[arg(long)]
    pub no_write: bool,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `extract --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// A table of claims.
    Table,
    /// The claims file itself.
    Json,
}

/// `claimcheck fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Articles, claims files (.json), PMIDs, DOIs, PMC ids or URLs.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
    /// Network and cache options.
    #[command(flatten)]
    pub net: NetArgs,
}

/// `claimcheck check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Articles or claims files (.json); directories are searched for both.
    #[arg(required = true, value_name = "ARTICLE|CLAIMS_FILE")]
    pub inputs: Vec<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Verdicts that make the exit code 1 (comma-separated; `none` for never).
    #[arg(long, value_name = "VERDICTS", value_delimiter = ',')]
    pub fail_on: Option<Vec<String>>,
    /// Percentage points two percentages may differ and still agree (default 5).
    #[arg(long, value_name = "POINTS")]
    pub tolerance: Option<f64>,
    /// Relative difference allowed for other units (default 0.1 = 10%).
    #[arg(long, value_name = "FRACTION")]
    pub relative_tolerance: Option<f64>,
    /// Write the report here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report and fail on only the findings that are not in this baseline file (written by
    /// --write-baseline): the way to adopt claimcheck on a site that already has findings.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of this run (all but supported) in a baseline file, then exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// List only the findings whose verdict fails the run (see --fail-on); the counts still
    /// cover every claim.
    #[arg(long)]
    pub only_failing: bool,
    /// github: the most annotations to print, most severe first (GitHub shows only a few per
    /// step); 0 for no limit.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max_annotations: usize,
    /// markdown: the most characters to write (a pull-request comment holds 65,536); what does
    /// not fit is counted at the end. 0 for no limit.
    #[arg(long, value_name = "N", default_value_t = 65_536)]
    pub max_chars: usize,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
    /// Network and cache options.
    #[command(flatten)]
    pub net: NetArgs,
}

/// `claimcheck compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Articles, claims files (.json) or directories of articles.
    #[arg(required = true, value_name = "ARTICLE|CLAIMS_FILE|DIR")]
    pub inputs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// Write the output here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also search PubMed (RCTs, meta-analyses, systematic reviews) for measures no article
    /// cites a source for.
    #[arg(long)]
    pub literature: bool,
    /// csv: start with a UTF-8 byte-order mark, so spreadsheets read "50–70%" right.
    #[arg(long)]
    pub bom: bool,
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
    /// Network and cache options.
    #[command(flatten)]
    pub net: NetArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
