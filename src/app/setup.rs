//! The commands that set claimcheck up rather than check anything: `init` (a commented
//! `claimcheck.toml`), `completions SHELL` (clap_complete) and `man` (clap_mangen).

use anyhow::{bail, Context};
use clap::CommandFactory;

use super::{ExitStatus, Io};
use crate::cli::{Cli, CompletionsArgs, InitArgs};

/// The file `init` writes: every setting, commented, with its default. Parsed in a test, so it
/// stays a valid config as settings change.
pub const INIT_CONFIG: &str = r##"# claimcheck settings for this repository. Flags override them.
# Every setting is optional; remove the leading "# " to use one.

# How far a claimed number may be from its source's and still agree: a percentage must be
# within `tolerance` percentage points and within `relative_tolerance` of the value (both);
# every other unit within `relative_tolerance`. Rounding and "about" widen as worded.
# tolerance = 5
# relative_tolerance = 0.1

# The verdicts that make `claimcheck check` exit 1.
# Verdicts: supported, differs, not_found, unsourced, unverifiable (or "none").
# fail_on = ["differs", "unsourced"]

# The PubMed cache, relative to this file. Fill it once with network access
# (`claimcheck fetch content/ --cache .claimcheck-cache`) and commit it, so CI
# can run with --offline.
# cache = ".claimcheck-cache"

# NCBI asks every client for a contact address; it is sent with each request
# and never shown in reports.
# email = "editor@example.org"

# Claims that `check` skips: claim ids from a claims file, or quotes.
# ignore = []

# Where reviewed claims files live, relative to this file: one per article,
# mirroring the article's path.
# claims_dir = "claims"

# Files and directories that directory walks leave out (.gitignore syntax),
# on top of .gitignore, hidden directories and .claimcheckignore.
# exclude = ["drafts/", "*.draft.md"]
"##;

/// `claimcheck init`.
pub(super) fn init(args: &InitArgs, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    if args.output.exists() && !args.force {
        bail!(
            "{} already exists; pass --force to overwrite it",
            args.output.display()
        );
    }
    crate::output::write_atomic(&args.output, INIT_CONFIG.as_bytes())
        .with_context(|| format!("writing {}", args.output.display()))?;
    io.note(format!(
        "wrote {}: every setting is commented out; uncomment what you need",
        args.output.display()
    ));
    Ok(ExitStatus::Success)
}

/// `claimcheck completions SHELL`.
pub(super) fn completions(args: &CompletionsArgs, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "claimcheck", io.stdout);
    Ok(ExitStatus::Success)
}

/// `claimcheck man`.
pub(super) fn man(io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    clap_mangen::Man::new(Cli::command())
        .render(io.stdout)
        .context("writing the man page")?;
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_init_file_is_a_valid_config_and_so_is_every_setting_uncommented() {
        let path = std::path::Path::new("claimcheck.toml");
        let config = crate::config::Config::parse(path, INIT_CONFIG).unwrap();
        // A found config file implies `claims` beside it; everything else is the default.
        let config = crate::config::Config {
            claims_dir: None,
            ..config
        };
        assert_eq!(config, crate::config::Config::default());
        let uncommented: String = INIT_CONFIG
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|l| l.contains(" = "))
                    .unwrap_or("")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = crate::config::Config::parse(path, &uncommented).unwrap();
        assert_eq!(config.tolerance, Some(5.0));
        assert_eq!(config.exclude, ["drafts/", "*.draft.md"]);
        assert!(config.email.is_some());
    }
}
