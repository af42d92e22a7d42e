//! Headless Chromium for the browser tests (`compare_html.rs`, `check_html.rs`): one run with
//! isolating flags, a deadline and its output in files.
//!
//! The browser is `CLAIMCHECK_CHROMIUM` when set, else the first of [`BROWSERS`] on `PATH`.
//! Without one the tests fail (never skip) and say what to install.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long Chromium may take before the test gives up on it (a guard against a hung browser, not
/// a timing assertion).
const BROWSER_DEADLINE: Duration = Duration::from_secs(120);

/// Chromium's command under the names distributions give it (Debian, Ubuntu, Google's builds).
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The browser to run: `CLAIMCHECK_CHROMIUM`, else the first of [`BROWSERS`] on `PATH`.
fn browser() -> PathBuf {
    if let Some(path) = std::env::var_os("CLAIMCHECK_CHROMIUM") {
        return PathBuf::from(path);
    }
    let dirs: Vec<PathBuf> =
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).collect();
    BROWSERS
        .iter()
        .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "no Chromium on PATH (looked for {BROWSERS:?}); install it (Debian: apt-get \
                 install -y --no-install-recommends chromium; README, \"Prerequisites\") or set \
                 CLAIMCHECK_CHROMIUM to the browser's path"
            )
        })
}

/// What Chromium printed.
pub struct Printed {
    pub stdout: Vec<u8>,
}

/// Runs Chromium with the isolating flags and the given extra ones, with a deadline. Its output
/// goes to files, not pipes: a DOM dump larger than a pipe's buffer would otherwise block
/// Chromium while the test waits for it to exit.
pub fn chromium(profile: &Path, extra: &[String]) -> Printed {
    std::fs::create_dir_all(profile).expect("profile dir");
    let out_path = profile.join("stdout.txt");
    let err_path = profile.join("stderr.txt");
    let browser = browser();
    let mut cmd = Command::new(&browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!(
        "--user-data-dir={}",
        profile.join("data").display()
    ))
    .args(extra)
    .stdin(Stdio::null())
    .stdout(std::fs::File::create(&out_path).expect("stdout file"))
    .stderr(std::fs::File::create(&err_path).expect("stderr file"));
    let mut child = cmd.spawn().unwrap_or_else(|e| {
        panic!(
            "cannot run {} ({e}); install Chromium (Debian: apt-get install -y \
             --no-install-recommends chromium) or set CLAIMCHECK_CHROMIUM",
            browser.display()
        )
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait().expect("waiting for chromium") {
            Some(status) => break status,
            None if started.elapsed() > BROWSER_DEADLINE => {
                let _ = child.kill();
                panic!("chromium did not finish within {BROWSER_DEADLINE:?}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    assert!(
        status.success(),
        "chromium failed: {status}\n{}",
        std::fs::read_to_string(&err_path).unwrap_or_default()
    );
    Printed {
        stdout: std::fs::read(&out_path).expect("chromium stdout"),
    }
}
