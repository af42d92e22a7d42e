//! The application layer: the only module that knows every stage. One function per subcommand
//! wires ingest → extract → claims file → resolve → fetch → evidence → report, and maps outcomes
//! to an [`ExitStatus`].
//!
//! It writes only to the writers it is given (stdout for the report, stderr for warnings and
//! progress), so tests can run it in-process.

mod check;
mod common;
mod compare;
mod extract;
mod fetch;
mod reviewed;
mod setup;
pub mod sources;

use std::io::{IsTerminal, Write};

use crate::cli::{Cli, ColorChoice, Command};

/// The process exit status: a documented contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing to fail on.
    Success,
    /// `check` found a claim with a verdict listed in `--fail-on`.
    Findings,
    /// An error: bad arguments, unreadable input, an invalid claims file, an offline miss,
    /// a source that could not be fetched (unless the user allowed that).
    Error,
}

impl ExitStatus {
    /// The numeric exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        }
    }

    /// The worse of two statuses.
    pub fn max(self, other: ExitStatus) -> ExitStatus {
        if other.code() > self.code() {
            other
        } else {
            self
        }
    }
}

/// Where the application writes.
pub struct Io<'a> {
    /// The report.
    pub stdout: &'a mut dyn Write,
    /// Warnings, errors about single inputs, progress.
    pub stderr: &'a mut dyn Write,
    /// Whether to colour stdout.
    pub color: bool,
    /// Whether stderr is a terminal (progress bars).
    pub stderr_is_terminal: bool,
    /// `--quiet`.
    pub quiet: bool,
    /// `--verbose`: log every request to NCBI on stderr.
    pub verbose: bool,
    /// `--format github`: warnings and errors go out as workflow commands (`::warning::…`), so
    /// a skipped input or a failed fetch shows on the run's page, not only deep in its log.
    pub annotate: bool,
}

/// The flags of an [`Io`], to make another one like it on a worker thread.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    color: bool,
    quiet: bool,
    verbose: bool,
    annotate: bool,
}

impl Io<'_> {
    /// Prints a warning on stderr unless quiet.
    pub fn warn(&mut self, message: impl std::fmt::Display) {
        if !self.quiet {
            self.diagnostic("warning", &message.to_string());
        }
    }

    /// Prints an error on stderr (about one input, when the run goes on; or the run's own).
    pub fn error(&mut self, err: &anyhow::Error) {
        self.diagnostic("error", &format!("{err:#}"));
    }

    /// `level: message`, or under `--format github` the workflow command GitHub turns into an
    /// annotation, with the message escaped so it stays one command whatever it holds.
    fn diagnostic(&mut self, level: &str, message: &str) {
        let _ = if self.annotate {
            writeln!(
                self.stderr,
                "::{level}::{}",
                crate::report::escape_command_data(message)
            )
        } else {
            writeln!(self.stderr, "{level}: {message}")
        };
    }

    /// This `Io`'s flags, for [`Io::buffered`].
    pub fn flags(&self) -> Flags {
        Flags {
            color: self.color,
            quiet: self.quiet,
            verbose: self.verbose,
            annotate: self.annotate,
        }
    }

    /// Runs `work` with an `Io` of the same flags that prints into buffers (for work on a worker
    /// thread, whose output is handed over in input order): its result, stdout and stderr.
    pub fn buffered<R>(flags: Flags, work: impl FnOnce(&mut Io<'_>) -> R) -> (R, Vec<u8>, Vec<u8>) {
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let result = work(&mut Io {
            stdout: &mut stdout,
            stderr: &mut stderr,
            color: flags.color,
            stderr_is_terminal: false,
            quiet: flags.quiet,
            verbose: flags.verbose,
            annotate: flags.annotate,
        });
        (result, stdout, stderr)
    }

    /// Prints a note on stderr unless quiet.
    pub fn note(&mut self, message: impl std::fmt::Display) {
        if !self.quiet {
            let _ = writeln!(self.stderr, "{message}");
        }
    }
}

/// Decides whether to colour stdout: `--color`, then NO_COLOR, then whether it is a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli, io: &mut Io<'_>) -> anyhow::Result<ExitStatus> {
    io.quiet = cli.quiet;
    io.verbose = cli.verbose;
    match cli.command {
        Command::Extract(args) => extract::run(&args, io),
        Command::Fetch(args) => fetch::run(&args, io),
        Command::Check(args) => check::run(&args, io),
        Command::Compare(args) => compare::run(&args, io),
        Command::Init(args) => setup::init(&args, io),
        Command::Completions(args) => setup::completions(&args, io),
        Command::Man => setup::man(io),
    }
}
