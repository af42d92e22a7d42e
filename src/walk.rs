//! Finding the inputs below a directory, the way ripgrep does: `.gitignore`, `.ignore` and
//! `.claimcheckignore` files are honoured (in a git repository or not), hidden files and
//! directories are skipped, `--exclude GLOB` and the config's `exclude` leave out more, and
//! symbolic links to directories are not followed (so a link loop cannot keep a walk going).
//!
//! What a walk keeps: files with an article extension (`.html .htm .md .markdown .txt`), and
//! `.json` files that are claims files **by their content** (an object with `article` and
//! `claims`, or not valid JSON at all, which may be a claims file someone broke), so a site's
//! `data.json` or a cache's JSON never stops a run. Everything else that the ignore rules let
//! through is listed in [`Walked::skipped`] with the reason, and entries that cannot be read in
//! [`Walked::unreadable`], for the caller to report.

use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use serde::de::IgnoredAny;
use serde::Deserialize;

/// File extensions read as articles.
pub const ARTICLE_EXTENSIONS: &[&str] = &["html", "htm", "txt", "md", "markdown"];

/// The ignore-file name for claimcheck-only rules (same syntax as `.gitignore`).
pub const IGNORE_FILE: &str = ".claimcheckignore";

/// How to walk.
#[derive(Debug, Clone)]
pub struct Options {
    /// Globs to leave out, in `.gitignore` syntax, relative to the walked directory
    /// (`drafts/`, `*.draft.md`, `node_modules`).
    pub exclude: Vec<String>,
    /// Largest `.json` file probed for being a claims file; larger ones are skipped unread.
    pub max_json_bytes: u64,
}

impl Default for Options {
    /// No excludes; JSON files up to 20 MB (the default input size limit) are probed.
    fn default() -> Self {
        Options {
            exclude: Vec::new(),
            max_json_bytes: 20 * 1024 * 1024,
        }
    }
}

/// What a walk found, each list sorted by path.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files with an article extension.
    pub articles: Vec<PathBuf>,
    /// `.json` files that are claims files by their content.
    pub claims_files: Vec<PathBuf>,
    /// Files the walk saw and did not take, with why.
    pub skipped: Vec<Skipped>,
    /// Entries that could not be read (a locked directory, a link to nothing where an article
    /// would be): the walk goes on, and the caller reports them and fails the run.
    pub unreadable: Vec<Unreadable>,
}

/// An entry a walk could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The entry.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// A file a walk did not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: SkipReason,
}

/// Why a file was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Its extension is not an article's (`.jpg`, `.yaml`, none).
    NotAnArticle,
    /// A `.json` file that is not a claims file (a site's data, a cache entry).
    NotAClaimsFile,
    /// A `.json` file over the probe limit.
    TooLarge,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SkipReason::NotAnArticle => "not an article (.html, .htm, .md, .markdown or .txt)",
            SkipReason::NotAClaimsFile => "JSON, but not a claims file",
            SkipReason::TooLarge => "JSON over the size limit, not read",
        })
    }
}

/// Why a walk failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An `--exclude` or config `exclude` glob is invalid.
    #[error("invalid exclude pattern '{pattern}': {message}")]
    Pattern {
        /// The pattern.
        pattern: String,
        /// What is wrong.
        message: String,
    },
}

/// Walks `dir` (see the module docs).
pub fn walk(dir: &Path, opts: &Options) -> Result<Walked, Error> {
    let mut overrides = OverrideBuilder::new(dir);
    for pattern in &opts.exclude {
        // An override glob *selects*; `!` turns it into an exclusion.
        overrides
            .add(&format!("!{pattern}"))
            .map_err(|e| Error::Pattern {
                pattern: pattern.clone(),
                message: e.to_string(),
            })?;
    }
    let overrides = overrides.build().map_err(|e| Error::Pattern {
        pattern: opts.exclude.join(", "),
        message: e.to_string(),
    })?;
    let walker = WalkBuilder::new(dir)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .overrides(overrides)
        .follow_links(false)
        .build();
    let mut walked = Walked::default();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                walked.unreadable.push(Unreadable {
                    path: error_path(&e).unwrap_or(dir).to_owned(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let path = entry.path();
        // A link to a directory is not followed; a link to a file is read like the file.
        if entry.path_is_symlink() {
            match std::fs::metadata(path) {
                Ok(m) if m.is_file() => classify(path, opts, &mut walked),
                Ok(_) => {}
                Err(e) if is_article(path) => walked.unreadable.push(Unreadable {
                    path: path.to_owned(),
                    message: format!("a link to nothing readable: {e}"),
                }),
                Err(_) => {}
            }
        } else if entry.file_type().is_some_and(|t| t.is_file()) {
            classify(path, opts, &mut walked);
        }
    }
    walked.articles.sort();
    walked.claims_files.sort();
    walked.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    walked.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(walked)
}

/// The path an `ignore` error is about, when it names one.
fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

/// Puts one file in the right list.
fn classify(path: &Path, opts: &Options, walked: &mut Walked) {
    let skip = |reason| Skipped {
        path: path.to_owned(),
        reason,
    };
    if is_article(path) {
        walked.articles.push(path.to_owned());
    } else if has_extension(path, "json") {
        let too_large = std::fs::metadata(path).is_ok_and(|m| m.len() > opts.max_json_bytes);
        if too_large {
            walked.skipped.push(skip(SkipReason::TooLarge));
        } else if std::fs::read(path).is_ok_and(|bytes| is_claims_file(&bytes)) {
            walked.claims_files.push(path.to_owned());
        } else {
            walked.skipped.push(skip(SkipReason::NotAClaimsFile));
        }
    } else {
        walked.skipped.push(skip(SkipReason::NotAnArticle));
    }
}

/// Whether a path has an article extension.
pub fn is_article(path: &Path) -> bool {
    ARTICLE_EXTENSIONS.iter().any(|e| has_extension(path, e))
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// The shape every claims file has, whatever its version: an object with an `article` that has
/// a `content_hash`, and `claims`. Other keys are ignored here; reading the file checks them.
#[derive(Deserialize)]
struct Probe {
    #[allow(dead_code)]
    article: ProbeArticle,
    #[allow(dead_code)]
    claims: IgnoredAny,
}

#[derive(Deserialize)]
struct ProbeArticle {
    #[allow(dead_code)]
    content_hash: IgnoredAny,
}

/// Whether `bytes` are a claims file by their content: valid JSON with the shape of one. A file
/// that is not valid JSON at all counts too: it may be a claims file someone broke, and reading
/// it must report where rather than skip it (a reviewer's work is never passed over in
/// silence). A site's data files are valid JSON of another shape, and are skipped.
pub fn is_claims_file(bytes: &[u8]) -> bool {
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(_) => serde_json::from_slice::<Probe>(bytes).is_ok(),
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options {
            exclude: Vec::new(),
            max_json_bytes: 1 << 20,
        }
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn rel(root: &Path, paths: &[PathBuf]) -> Vec<String> {
        paths
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    const CLAIMS: &str = r#"{"version":1,"article":{"path":"a.md","title":null,"content_hash":"sha256:00"},"sources":[],"claims":[]}"#;

    #[test]
    fn claims_files_are_known_by_content() {
        assert!(is_claims_file(CLAIMS.as_bytes()));
        assert!(!is_claims_file(br#"{"title":"Our team","claims":3}"#));
        assert!(!is_claims_file(br#"[1, 2, 3]"#));
        assert!(!is_claims_file(br#"{"pmids":[23982301]}"#));
        // Broken, but plainly a claims file: kept, so that reading it reports where it broke.
        assert!(is_claims_file(
            br#"{"article":{"content_hash":"x"},"claims":[{"id": }]"#
        ));
        assert!(
            is_claims_file(b"{ not json"),
            "broken: reported, not skipped"
        );
    }

    #[test]
    fn honours_gitignore_hidden_and_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, ".gitignore", "node_modules/\npublic/\n");
        write(root, "content/a/index.md", "A 64% response rate.");
        write(root, "content/b/index.md", "A 30% remission rate.");
        write(root, "content/b/photo.jpg", "jpeg");
        write(root, "content/drafts/wip.md", "draft");
        write(root, "data/data.json", r#"{"menu":["home"]}"#);
        write(root, "claims/content/a/index.json", CLAIMS);
        write(root, "node_modules/pkg/readme.md", "vendored");
        write(root, "public/index.html", "<p>built</p>");
        write(root, ".claimcheck-cache/pubmed/1.xml", "<x/>");
        write(root, ".github/notes.md", "hidden");
        let walked = walk(
            root,
            &Options {
                exclude: vec!["drafts/".to_owned()],
                ..opts()
            },
        )
        .unwrap();
        assert_eq!(
            rel(root, &walked.articles),
            ["content/a/index.md", "content/b/index.md"]
        );
        assert_eq!(
            rel(root, &walked.claims_files),
            ["claims/content/a/index.json"]
        );
        let skipped: Vec<(String, SkipReason)> = walked
            .skipped
            .iter()
            .map(|s| {
                (
                    rel(root, std::slice::from_ref(&s.path))[0].clone(),
                    s.reason.clone(),
                )
            })
            .collect();
        assert_eq!(
            skipped,
            [
                ("content/b/photo.jpg".to_owned(), SkipReason::NotAnArticle),
                ("data/data.json".to_owned(), SkipReason::NotAClaimsFile),
            ]
        );
    }

    #[test]
    fn glob_excludes_and_bad_patterns() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a.md", "a");
        write(root, "b.draft.md", "b");
        let walked = walk(
            root,
            &Options {
                exclude: vec!["*.draft.md".to_owned()],
                ..opts()
            },
        )
        .unwrap();
        assert_eq!(rel(root, &walked.articles), ["a.md"]);
        let err = walk(
            root,
            &Options {
                exclude: vec!["a[".to_owned()],
                ..opts()
            },
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("invalid exclude pattern 'a['"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end_and_linked_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "posts/a.md", "a");
        write(root, "elsewhere/b.md", "b");
        std::os::unix::fs::symlink(root, root.join("posts/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("elsewhere/b.md"), root.join("posts/b.md")).unwrap();
        let walked = walk(&root.join("posts"), &opts()).unwrap();
        assert_eq!(rel(&root.join("posts"), &walked.articles), ["a.md", "b.md"]);
    }

    #[test]
    fn large_json_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "big.json", CLAIMS);
        let walked = walk(
            dir.path(),
            &Options {
                max_json_bytes: 10,
                ..opts()
            },
        )
        .unwrap();
        assert!(walked.claims_files.is_empty());
        assert_eq!(walked.skipped[0].reason, SkipReason::TooLarge);
    }
}
