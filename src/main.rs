//! The `claimcheck` binary: parse the command line, run it, map the outcome to an exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use claimcheck::app::{self, ExitStatus, Io};
use claimcheck::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    // Block-buffered when stdout is a file or a pipe, as ripgrep does: the standard stdout is
    // line-buffered, and a JSON report of a large run was one write call per line. A terminal
    // keeps line buffering, so a reader sees each line as it comes.
    let mut out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(stdout.lock())
    } else {
        Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()))
    };
    let mut err = stderr.lock();
    let mut io = Io {
        color: app::use_color(cli.color),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        quiet: cli.quiet,
        verbose: cli.verbose,
        annotate: false,
        stdout: &mut out,
        stderr: &mut err,
    };
    let status = match app::run(cli, &mut io) {
        Ok(status) => status,
        // A closed pipe (`claimcheck check … | head`) is not a failure.
        Err(e) if is_broken_pipe(&e) => ExitStatus::Success,
        Err(e) => {
            io.error(&e);
            ExitStatus::Error
        }
    };
    let _ = io.stdout.flush();
    ExitCode::from(status.code())
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
