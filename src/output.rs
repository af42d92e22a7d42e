//! Writing files for people: claims files, `-o` reports and pages.
//!
//! - Atomic: the bytes go to a temporary file beside the target, which is then renamed over it,
//!   so a reader (or a crash) sees the old file or the new one, never half of one.
//! - Through symlinks: a link to a regular file is followed and its target replaced; the link
//!   stays a link.
//! - Never over anything but a regular file: a directory, device, named pipe or socket at the
//!   path is refused with a clear error, without opening (let alone reading) it.
//! - Modes: a new file gets the user's umask (0644 under the usual 022); a rewritten file keeps
//!   its mode.
//! - Durable where it matters: by default the new content is synced to disk before the rename,
//!   so even a power cut leaves the old file or the new one. Output that can be made again
//!   ([`Durability::Regenerable`]: a claims file nobody has reviewed) skips that sync, which is
//!   most of the time of writing thousands of small files. A killed claimcheck still leaves the
//!   old file or the new one (the data is in the kernel's cache); only a crash of the machine
//!   itself can leave such a file empty, and `extract` rebuilds an empty claims file.
//! - Temporary files are named `.claimcheck-*.tmp`: hidden, so directory walks skip them, and
//!   cleaned up when older than an hour (left by a killed run) the first time this process writes
//!   into their directory.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// Prefix and suffix of this crate's temporary files.
pub const TEMP_PREFIX: &str = ".claimcheck-";
/// See [`TEMP_PREFIX`].
pub const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file older than this was left by a run that died.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60 * 60);

/// Symlink hops followed before giving up (as the kernel's ELOOP limit).
const MAX_LINKS: usize = 40;

/// Whether the new content must reach the disk before it replaces the old.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Synced before the rename: the file holds what a person wrote, or a report asked for.
    Synced,
    /// Not synced: the file can be made again from its inputs (see the module header).
    Regenerable,
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The path names something other than a regular file.
    #[error("refusing to write {}: it is {what}, not a regular file", path.display())]
    NotRegular {
        /// The path as given.
        path: PathBuf,
        /// "a directory", "a named pipe", "a character device"…
        what: &'static str,
    },
    /// The path is a chain of symlinks that never ends.
    #[error("cannot write {}: too many levels of symbolic links", path.display())]
    LinkLoop {
        /// The path as given.
        path: PathBuf,
    },
    /// Reading metadata, creating the directory, writing or renaming failed.
    #[error("cannot write {}", path.display())]
    Io {
        /// The path as given.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// What kind of non-regular file `meta` describes.
fn describe(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// The file that writing to `path` replaces: `path` itself, or the end of the chain of symlinks
/// it starts. `Ok(None)`-like semantics are folded in: the returned path may not exist yet.
/// Anything there that is not a regular file is an error; nothing is opened.
pub fn resolve(path: &Path) -> Result<PathBuf, Error> {
    resolve_with_metadata(path).map(|(target, _)| target)
}

/// [`resolve`], with the metadata of the file found there (`None`: nothing is there yet), so
/// that callers need not ask the file system again.
fn resolve_with_metadata(path: &Path) -> Result<(PathBuf, Option<std::fs::Metadata>), Error> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((current, None)),
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_owned(),
                    source,
                })
            }
        };
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&current).map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
            current = match current.parent() {
                Some(dir) if target.is_relative() => dir.join(target),
                _ => target,
            };
            continue;
        }
        if meta.is_file() {
            return Ok((current, Some(meta)));
        }
        return Err(Error::NotRegular {
            path: path.to_owned(),
            what: describe(&meta),
        });
    }
    Err(Error::LinkLoop {
        path: path.to_owned(),
    })
}

/// Reads `path` if it is a regular file (following symlinks); `Ok(None)` when nothing is there.
/// A directory, device, pipe or socket is refused without being opened.
pub fn read_existing(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    let (target, meta) = resolve_with_metadata(path)?;
    if meta.is_none() {
        return Ok(None);
    }
    match std::fs::read(&target) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Writes `bytes` to `path` atomically (see the module header), creating parent directories.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomic_checked(path, bytes, Durability::Synced, |_| {
        Ok::<(), std::convert::Infallible>(())
    })
    .map(|_| ())
}

/// [`write_atomic`] with a choice of [`Durability`], calling `before_rename` with the target path
/// once the new content is written (and synced, if asked) and just before it replaces the old: an error from it leaves the old file untouched.
/// `extract` uses this to notice a reviewer's save that happened while it was merging.
pub fn write_atomic_checked<E>(
    path: &Path,
    bytes: &[u8],
    durability: Durability,
    before_rename: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<Result<(), E>, Error> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let (target, meta) = resolve_with_metadata(path)?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    prepare_dir(&dir).map_err(io)?;
    let existing_mode = meta.map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    let new_file_mode = {
        use std::os::unix::fs::PermissionsExt;
        // Created with 0666: the kernel applies the user's umask, as for any new file.
        std::fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    builder.permissions(new_file_mode);
    let mut tmp = match builder.tempfile_in(&dir) {
        // Removed since this process made it: make it again.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(&dir).map_err(io)?;
            builder.tempfile_in(&dir)
        }
        made => made,
    }
    .map_err(io)?;
    if let Some(perm) = existing_mode {
        std::fs::set_permissions(tmp.path(), perm).map_err(io)?;
    }
    tmp.write_all(bytes).map_err(io)?;
    if durability == Durability::Synced {
        tmp.as_file().sync_all().map_err(io)?;
    }
    if let Err(e) = before_rename(&target) {
        return Ok(Err(e));
    }
    tmp.persist(&target).map_err(|e| io(e.error))?;
    Ok(Ok(()))
}

/// Directories already cleaned of stale temporary files by this process.
static CLEANED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

/// Makes sure `dir` exists and is cleaned of stale temporary files. Once per process and
/// directory: writing 2,000 claims files into one directory asked for it (a `mkdir` and a
/// `stat`) 2,000 times.
fn prepare_dir(dir: &Path) -> std::io::Result<()> {
    let known = CLEANED
        .lock()
        .is_ok_and(|c| c.as_ref().is_some_and(|set| set.contains(dir)));
    if !known {
        std::fs::create_dir_all(dir)?;
        clean_stale_temps_once(dir);
    }
    Ok(())
}

/// Removes this crate's temporary files older than [`STALE_TEMP_AGE`] from `dir`, once per
/// process and directory. Failures are ignored: a leftover temporary file is hidden and harmless.
pub fn clean_stale_temps_once(dir: &Path) {
    if let Ok(mut cleaned) = CLEANED.lock() {
        if !cleaned
            .get_or_insert_with(HashSet::new)
            .insert(dir.to_owned())
        {
            return;
        }
    }
    clean_stale_temps(dir, STALE_TEMP_AGE);
}

/// Removes this crate's temporary files in `dir` whose last change is older than `age`.
pub fn clean_stale_temps(dir: &Path, age: Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|d| d >= age);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.txt"]);
    }

    #[test]
    fn a_directory_removed_between_writes_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/deeper/out.txt");
        write_atomic(&path, b"one").unwrap();
        std::fs::remove_dir_all(dir.path().join("sub")).unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn follows_symlinks_and_keeps_modes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, b"old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // A dangling link creates its target.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink("made.json", &dangling).unwrap();
        write_atomic(&dangling, b"x").unwrap();
        assert_eq!(std::fs::read(dir.path().join("made.json")).unwrap(), b"x");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices_pipes_and_directories_without_opening_them() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "refusing to write /dev/null: it is a character device, not a regular file"
        );
        let err = read_existing(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("character device"), "{err}");
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("a directory"), "{err}");
        let link = dir.path().join("loop");
        std::os::unix::fs::symlink("loop", &link).unwrap();
        assert!(matches!(
            write_atomic(&link, b"x").unwrap_err(),
            Error::LinkLoop { .. }
        ));
    }

    #[test]
    fn stale_temp_files_are_cleaned_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".claimcheck-abc.tmp");
        let other = dir.path().join(".tmp-other");
        std::fs::write(&stale, b"half").unwrap();
        std::fs::write(&other, b"not ours").unwrap();
        clean_stale_temps(dir.path(), Duration::from_secs(3600));
        assert!(
            stale.exists(),
            "a young temporary file may belong to a live run"
        );
        clean_stale_temps(dir.path(), Duration::ZERO);
        assert!(!stale.exists());
        assert!(other.exists());
    }
}
