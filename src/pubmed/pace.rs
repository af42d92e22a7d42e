//! Request pacing: one NCBI budget for every task of this process and, when a shared pace file
//! is given, for every process on the machine that uses the same file.
//!
//! NCBI allows 3 requests per second per user, 10 with an API key. A limiter inside one process
//! cannot keep 20 parallel CI jobs under that, so the shared pacer keeps the budget in a small
//! file (when the last `per_second` requests went, in nanoseconds since the Unix epoch) under an
//! exclusive file lock. A request may go when, whichever process sent them, the last request
//! went at least `1/per_second` plus 5% ago and the `per_second`-th last at least [`WINDOW`]
//! (1.2 s) ago: it then writes the time and goes at once. The time is taken when the request is
//! about to be sent, not reserved ahead and slept towards, because a process that wakes late
//! from a sleep (a loaded CI machine) would then send close behind the next one; and the window
//! is 200 ms longer than NCBI's second, so the scheduling delay between taking the turn and the
//! request reaching NCBI (measured at over 100 ms on a loaded 2-core machine) cannot put one
//! request too many in one of its one-second windows. When the pace file cannot be used (a
//! read-only cache), the in-process limiter alone paces and the failure is reported once through
//! the client's log.
//!
//! [`Pacer::wait`] returns the time its request was granted, exactly as recorded in the pace
//! file, so that `--verbose` can log it and a test can check the budget by the times the
//! processes committed to rather than by arrival times skewed by a loaded machine.

use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom, Write};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

/// The span in which at most `per_second` requests go, across processes.
pub(crate) const WINDOW: Duration = Duration::from_millis(1200);

/// A last request further ahead than this is not believed (a clock that jumped back, a hand
/// edit): the budget restarts from now.
const MAX_AHEAD: Duration = Duration::from_secs(10);

/// Paces requests to `per_second`, in-process and (optionally) across processes.
#[derive(Debug)]
pub(crate) struct Pacer {
    local: DefaultDirectRateLimiter,
    shared: Option<PathBuf>,
    per_second: u32,
    shared_failed: AtomicBool,
}

impl Pacer {
    /// A pacer for `per_second` requests per second, sharing `shared` (a file path) if given.
    pub(crate) fn new(per_second: u32, shared: Option<PathBuf>) -> Pacer {
        let quota = Quota::with_period(period(per_second))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::MIN);
        Pacer {
            local: RateLimiter::direct(quota),
            shared,
            per_second,
            shared_failed: AtomicBool::new(false),
        }
    }

    /// Waits for this request's slot. The slot carries a message the first time the shared
    /// pace file cannot be used (the caller logs it); pacing then falls back to this process
    /// alone.
    pub(crate) async fn wait(&self) -> Slot {
        let Some(path) = self.shared.clone().filter(|_| !self.failed()) else {
            return self.local_slot(None).await;
        };
        let n = self.per_second;
        loop {
            let p = path.clone();
            match tokio::task::spawn_blocking(move || take_turn(&p, n)).await {
                Ok(Ok(Turn::Go(at))) => return Slot { at, warning: None },
                Ok(Ok(Turn::Wait(d))) => tokio::time::sleep(d).await,
                Ok(Err(e)) => return self.fall_back(e).await,
                Err(_) => return self.local_slot(None).await,
            }
        }
    }

    /// Paces locally from now on; the message to log the first time.
    async fn fall_back(&self, e: std::io::Error) -> Slot {
        let first = !self.shared_failed.swap(true, Ordering::Relaxed);
        let warning = first.then(|| {
            format!(
                "cannot use the shared pace file {}: {e}; pacing this process alone",
                self.shared.as_deref().unwrap_or(Path::new("")).display()
            )
        });
        self.local_slot(warning).await
    }

    /// A slot from the in-process limiter alone.
    async fn local_slot(&self, warning: Option<String>) -> Slot {
        self.local.until_ready().await;
        Slot {
            at: SystemTime::now(),
            warning,
        }
    }

    fn failed(&self) -> bool {
        self.shared_failed.load(Ordering::Relaxed)
    }
}

/// A request's turn to go.
#[derive(Debug)]
pub(crate) struct Slot {
    /// When the turn was granted (the time written to the pace file, if one is shared).
    pub(crate) at: SystemTime,
    /// Said once, when the shared pace file could not be used.
    pub(crate) warning: Option<String>,
}

/// The spacing between two requests: `1/per_second` plus 5%.
fn period(per_second: u32) -> Duration {
    Duration::from_micros(1_050_000 / u64::from(per_second.max(1)))
}

/// Whether a request may go now.
#[derive(Debug, PartialEq)]
enum Turn {
    /// Yes: this time is written, send at once.
    Go(SystemTime),
    /// Not yet: ask again after this long.
    Wait(Duration),
}

/// Under an exclusive lock on the pace file at `path` (created if absent): if the last request
/// went a period ago and the `per_second`-th last one a [`WINDOW`] ago, records now among the
/// last requests and says go.
fn take_turn(path: &Path, per_second: u32) -> std::io::Result<Turn> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
        // The budget is machine state, not something to commit with a cache.
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(ignore, "*\n");
        }
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.lock()?;
    let mut text = String::new();
    // Anything unreadable counts as "no slot taken yet".
    let _ = file.read_to_string(&mut text);
    let now = SystemTime::now();
    let n = per_second.max(1) as usize;
    let mut sent: Vec<SystemTime> = text
        .split_whitespace()
        .filter_map(|t| t.parse::<u64>().ok())
        .map(|ns| UNIX_EPOCH + Duration::from_nanos(ns))
        .filter(|t| t.duration_since(now).unwrap_or(Duration::ZERO) <= MAX_AHEAD)
        .collect();
    sent.sort();
    let from_last = sent.last().map(|&t| t + period(per_second));
    let from_window = sent.len().checked_sub(n).map(|i| sent[i] + WINDOW);
    if let Some(next) = from_last.into_iter().chain(from_window).max() {
        if let Ok(wait) = next.duration_since(now) {
            if !wait.is_zero() {
                file.unlock()?;
                return Ok(Turn::Wait(wait));
            }
        }
    }
    sent.push(now);
    let keep = &sent[sent.len().saturating_sub(n)..];
    let line: Vec<String> = keep
        .iter()
        .map(|t| {
            t.duration_since(UNIX_EPOCH)
                .unwrap_or(Duration::ZERO)
                .as_nanos()
                .to_string()
        })
        .collect();
    file.seek(SeekFrom::Start(0))?;
    file.set_len(0)?;
    file.write_all(format!("{}\n", line.join(" ")).as_bytes())?;
    file.unlock()?;
    Ok(Turn::Go(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes turns as fast as allowed; returns when each went.
    fn turns(path: &Path, per_second: u32, count: usize) -> Vec<SystemTime> {
        let mut out = Vec::new();
        while out.len() < count {
            match take_turn(path, per_second).unwrap() {
                Turn::Go(at) => out.push(at),
                Turn::Wait(d) => std::thread::sleep(d),
            }
        }
        out
    }

    #[test]
    fn turns_are_spaced_and_at_most_per_second_in_a_window() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pace/anonymous");
        let t = turns(&path, 3, 7);
        // The times are the ones written to the file, so they are held to the rule exactly.
        for w in t.windows(2) {
            assert!(w[1].duration_since(w[0]).unwrap() >= period(3), "{w:?}");
        }
        for w in t.windows(4) {
            assert!(w[3].duration_since(w[0]).unwrap() >= WINDOW, "{w:?}");
        }
        // The next turn waits, unless the machine was slow enough since the last one that the
        // rule allows it: then it too keeps the spacing and the window.
        match take_turn(&path, 3).unwrap() {
            Turn::Wait(d) => assert!(d <= WINDOW, "{d:?}"),
            Turn::Go(at) => {
                assert!(
                    at.duration_since(t[6]).unwrap() >= period(3),
                    "a turn too early"
                );
                assert!(
                    at.duration_since(t[4]).unwrap() >= WINDOW,
                    "a turn too early"
                );
            }
        }
        assert!(dir.path().join("pace/.gitignore").is_file());
    }

    #[test]
    fn a_garbage_or_far_future_file_restarts_the_budget() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p");
        std::fs::write(&path, "not a number").unwrap();
        assert!(matches!(take_turn(&path, 3).unwrap(), Turn::Go(_)));
        let far = (SystemTime::now() + Duration::from_secs(86_400))
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        std::fs::write(&path, far.to_string()).unwrap();
        assert!(matches!(take_turn(&path, 3).unwrap(), Turn::Go(_)));
    }

    #[tokio::test]
    async fn an_unusable_pace_file_falls_back_once() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "").unwrap();
        // A path below a regular file can never be created.
        let pacer = Pacer::new(10, Some(blocker.join("pace")));
        assert!(pacer.wait().await.warning.is_some());
        assert!(pacer.wait().await.warning.is_none());
    }
}
