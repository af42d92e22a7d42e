//! Where an article's claims file lives, and which article a claims file belongs to.
//!
//! The rule (also in the README): claims files live in a claims directory `D`; its parent `R` is
//! the root. An article at path `P` is recorded in its claims file as `P` relative to `R`, with
//! `/` separators, and its claims file is `D/<that path>.json`, so names mirror the article's
//! path and cannot collide: `content/a/index.md` → `claims/content/a/index.md.json`. Inputs that
//! have no such path get names under `_`-prefixed directories:
//!
//! | article | recorded path | claims file |
//! |---|---|---|
//! | `content/a/index.md` (under `R`) | `content/a/index.md` | `D/content/a/index.md.json` |
//! | `../notes/a.md` (outside `R`) | `../notes/a.md` | `D/_up/notes/a.md.json` |
//! | `https://example.org/blog/post/` | the URL | `D/_url/example.org/blog-post-<hash>.json` |
//! | stdin | `-` | `D/_stdin.json` |
//!
//! Every claims file records its article's path, and `extract` refuses to merge into a file that
//! records another, so even a contrived clash (an article really named `_stdin`) is an error,
//! never a silent merge.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::model::identity::short_hash;

/// Where claims files live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    dir: PathBuf,
    root: PathBuf,
}

/// The recorded path of an article read from stdin.
pub const STDIN: &str = "-";

impl Layout {
    /// The layout of claims directory `dir` (relative paths are taken from the current
    /// directory).
    pub fn new(dir: &Path) -> Layout {
        let dir = absolute(dir);
        let root = dir.parent().map_or_else(|| dir.clone(), Path::to_path_buf);
        Layout { dir, root }
    }

    /// The claims directory, absolute.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The directory recorded article paths are relative to: the claims directory's parent.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How an article read from `origin` (a path as given, a URL, `-` or `<stdin>`) is recorded
    /// in its claims file.
    pub fn recorded_path(&self, origin: &str) -> String {
        if origin == STDIN || origin == "<stdin>" {
            return STDIN.to_owned();
        }
        if is_url(origin) {
            return origin.to_owned();
        }
        let abs = absolute(Path::new(origin));
        if let Ok(rel) = abs.strip_prefix(&self.root) {
            return slashed(rel);
        }
        // The same file reached through a symlinked directory.
        if let (Some(real), Some(real_root)) = (canonical_file(&abs), canonical_dir(&self.root)) {
            if let Ok(rel) = real.strip_prefix(&real_root) {
                return slashed(rel);
            }
        }
        slashed(&relative_to(&abs, &self.root))
    }

    /// The claims file of the article recorded as `recorded`.
    pub fn file_for(&self, recorded: &str) -> PathBuf {
        let mut path = self.dir.clone();
        path.push(mirror_name(recorded));
        path
    }

    /// The article file a recorded path names (`None` for URLs and stdin).
    pub fn article_for(&self, recorded: &str) -> Option<PathBuf> {
        if recorded == STDIN || is_url(recorded) {
            return None;
        }
        Some(normalize(&self.root.join(recorded)))
    }

    /// The layout a claims file at `file` sits in by the mirror rule, given the article path it
    /// records; `None` when the file is not where the rule would put it (written with `-o`, or
    /// moved).
    pub fn of_claims_file(file: &Path, recorded: &str) -> Option<Layout> {
        let file = absolute(file);
        let name = mirror_name(recorded);
        let depth = name.components().count();
        let mut dir = file.clone();
        for _ in 0..depth {
            dir = dir.parent()?.to_path_buf();
        }
        (dir.join(&name) == file).then(|| Layout::new(&dir))
    }

    /// Where version 1 put the claims file of an article read from `origin`: `D/<slug>.json`,
    /// then `D/<slug>-2.json`, `-3`… while they exist (version 1 numbered articles that shared a
    /// file name).
    pub fn legacy_files(&self, origin: &str) -> Vec<PathBuf> {
        let base = legacy_slug(origin);
        let mut out = Vec::new();
        for n in 1.. {
            let name = if n == 1 {
                format!("{base}.json")
            } else {
                format!("{base}-{n}.json")
            };
            let path = self.dir.join(name);
            if !path.is_file() {
                break;
            }
            out.push(path);
        }
        out
    }
}

fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The claims file's path below the claims directory for a recorded article path.
fn mirror_name(recorded: &str) -> PathBuf {
    if recorded == STDIN {
        return PathBuf::from("_stdin.json");
    }
    if is_url(recorded) {
        return url_name(recorded);
    }
    let mut out = PathBuf::new();
    let absolute = recorded.starts_with('/') || recorded.get(1..2) == Some(":");
    if absolute {
        out.push("_abs");
    }
    let parts: Vec<&str> = recorded
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && !p.ends_with(':'))
        .collect();
    for (i, part) in parts.iter().enumerate() {
        let part = if *part == ".." { "_up" } else { part };
        if i + 1 == parts.len() {
            out.push(format!("{part}.json"));
        } else {
            out.push(part);
        }
    }
    if parts.is_empty() {
        out.push("_article.json");
    }
    out
}

/// `_url/<host>/<slug of path and query>-<hash of the URL>.json`.
fn url_name(url: &str) -> PathBuf {
    let parsed = url::Url::parse(url).ok();
    let host = parsed
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "host".to_owned());
    let rest = parsed.as_ref().map_or(url.to_owned(), |u| {
        format!(
            "{}{}",
            u.path(),
            u.query().map(|q| format!("?{q}")).unwrap_or_default()
        )
    });
    let mut slug = slugify(&rest);
    slug.truncate(80);
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "index" } else { slug };
    let mut out = PathBuf::from("_url");
    out.push(slugify(&host));
    out.push(format!("{slug}-{}.json", short_hash(&[url], 4)));
    out
}

/// Lower-case letters and digits, other runs as one `-`, trimmed.
fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// The file name version 1 gave an article's claims file (without `.json`).
pub fn legacy_slug(origin: &str) -> String {
    let name = if origin == STDIN || origin == "<stdin>" {
        "stdin".to_owned()
    } else if is_url(origin) {
        let trimmed = origin.split(['?', '#']).next().unwrap_or(origin);
        let trimmed = trimmed.trim_end_matches('/');
        let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
        let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
        last.to_owned()
    } else {
        Path::new(origin)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "article".to_owned())
    };
    let out = slugify(&name);
    if out.is_empty() {
        "article".to_owned()
    } else {
        out
    }
}

/// `path` made absolute against the current directory and normalized (`.` and `..` resolved
/// lexically, symlinks left alone).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
    };
    normalize(&joined)
}

/// Resolves `.` and `..` lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The real path of a file: its directory canonicalized (symlinks resolved), its own name kept.
fn canonical_file(path: &Path) -> Option<PathBuf> {
    let dir = canonical_dir(path.parent()?)?;
    Some(dir.join(path.file_name()?))
}

/// Directories this process has canonicalized, and what to, so that a run over many articles in
/// one directory outside the root resolves it once: each `canonicalize` is a `readlink` per
/// component, six system calls an article before.
/// A directory that could not be resolved (not there yet) is tried again next time.
static CANONICAL_DIRS: Mutex<Option<HashMap<PathBuf, PathBuf>>> = Mutex::new(None);

/// Entries kept before [`CANONICAL_DIRS`] starts afresh (runs over many directories).
const CANONICAL_DIRS_KEPT: usize = 4096;

/// `dir` canonicalized, remembered for the rest of the process (see [`CANONICAL_DIRS`]).
fn canonical_dir(dir: &Path) -> Option<PathBuf> {
    let mut cache = CANONICAL_DIRS.lock().ok()?;
    let map = cache.get_or_insert_with(HashMap::new);
    if let Some(known) = map.get(dir) {
        return Some(known.clone());
    }
    if map.len() >= CANONICAL_DIRS_KEPT {
        map.clear();
    }
    let real = dir.canonicalize().ok()?;
    map.insert(dir.to_owned(), real.clone());
    Some(real)
}

/// `path` relative to `base` (both absolute and normalized), with `..` where needed; `path`
/// itself when they share no prefix (another drive).
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let p: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    out
}

/// A path with `/` separators.
fn slashed(path: &Path) -> String {
    let mut out = String::new();
    for c in path.components() {
        match c {
            Component::RootDir => out.push('/'),
            Component::Prefix(p) => out.push_str(&p.as_os_str().to_string_lossy()),
            other => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout::new(Path::new("/repo/claims"))
    }

    #[test]
    fn names_mirror_the_article_path() {
        let l = layout();
        assert_eq!(l.root(), Path::new("/repo"));
        let a = l.recorded_path("/repo/content/a/index.md");
        let b = l.recorded_path("/repo/content/b/index.md");
        assert_eq!(a, "content/a/index.md");
        assert_eq!(
            l.file_for(&a),
            Path::new("/repo/claims/content/a/index.md.json")
        );
        assert_ne!(l.file_for(&a), l.file_for(&b));
        // Same stem, other extension: still another file.
        let html = l.recorded_path("/repo/content/a/index.html");
        assert_ne!(l.file_for(&a), l.file_for(&html));
        assert_eq!(
            l.article_for(&a).unwrap(),
            Path::new("/repo/content/a/index.md")
        );
    }

    #[test]
    fn inputs_without_a_path_below_the_root() {
        let l = layout();
        let up = l.recorded_path("/elsewhere/notes/a.md");
        assert_eq!(up, "../elsewhere/notes/a.md");
        assert_eq!(
            l.file_for(&up),
            Path::new("/repo/claims/_up/elsewhere/notes/a.md.json")
        );
        assert_eq!(
            l.article_for(&up).unwrap(),
            Path::new("/elsewhere/notes/a.md")
        );
        assert_eq!(l.recorded_path("<stdin>"), "-");
        assert_eq!(l.file_for("-"), Path::new("/repo/claims/_stdin.json"));
        assert_eq!(l.article_for("-"), None);
        let url = "https://example.org/blog/Post-1/?id=3";
        let f = l.file_for(&l.recorded_path(url));
        let name = f.strip_prefix("/repo/claims/_url/example-org").unwrap();
        assert!(
            name.to_string_lossy().starts_with("blog-post-1-id-3-"),
            "{}",
            name.display()
        );
        assert_ne!(f, l.file_for("https://example.org/blog/Post-1/?id=4"));
    }

    #[test]
    fn a_claims_file_knows_its_layout() {
        let file = Path::new("/repo/claims/content/a/index.md.json");
        assert_eq!(
            Layout::of_claims_file(file, "content/a/index.md"),
            Some(layout())
        );
        assert_eq!(Layout::of_claims_file(file, "content/b/index.md"), None);
        assert_eq!(
            Layout::of_claims_file(Path::new("/tmp/out.json"), "content/a/index.md"),
            None
        );
    }

    #[test]
    fn legacy_slugs() {
        assert_eq!(
            legacy_slug("fixtures/articles/Ketamine Clinic.html"),
            "ketamine-clinic"
        );
        assert_eq!(
            legacy_slug("https://example.com/blog/ketamine-trd/"),
            "ketamine-trd"
        );
        assert_eq!(legacy_slug("https://example.com/post.php?id=3"), "post");
        assert_eq!(legacy_slug("<stdin>"), "stdin");
    }

    #[test]
    fn relative_paths_and_normalizing() {
        assert_eq!(
            relative_to(Path::new("/a/b/c.md"), Path::new("/a/x/y")),
            Path::new("../../b/c.md")
        );
        assert_eq!(normalize(Path::new("/a/./b/../c")), Path::new("/a/c"));
    }
}
