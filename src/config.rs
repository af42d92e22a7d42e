//! `claimcheck.toml`: project settings for `extract`, `fetch`, `check` and `compare`, found from
//! the current directory upwards (or given with `--config`). Flags override it; it overrides the
//! built-in defaults. [`Config::load`] is the one loader every command uses.
//!
//! ```toml
//! tolerance = 5            # percentage points for % values
//! relative_tolerance = 0.1 # for every other unit
//! fail_on = ["differs", "unsourced"]
//! cache = ".claimcheck-cache"   # relative to this file
//! email = "editor@example.org"
//! ignore = ["c1a2b3c4d5e", "24/7"]  # claim ids, or quotes to skip (case-insensitive)
//! claims_dir = "claims"    # where claims files live (relative to this file; the default)
//! allow_fetch_errors = false    # true: a source that could not be fetched does not exit 2
//! exclude = ["drafts/", "*.draft.md"] # left out of directory walks, like --exclude
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file name searched for.
pub const FILE_NAME: &str = "claimcheck.toml";

/// Settings read from `claimcheck.toml`. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Percentage points two percentages may differ and still agree.
    pub tolerance: Option<f64>,
    /// Relative difference allowed for other units.
    pub relative_tolerance: Option<f64>,
    /// Verdicts that make `check` exit 1.
    pub fail_on: Option<Vec<String>>,
    /// The cache directory (relative paths are relative to the config file).
    pub cache: Option<PathBuf>,
    /// The contact email sent to NCBI.
    pub email: Option<String>,
    /// Claim ids, or quotes, that `check` skips.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// The claims directory (relative paths are relative to the config file). When a config
    /// file is found and sets none, it is `claims` beside the config file.
    pub claims_dir: Option<PathBuf>,
    /// Do not exit 2 because a source could not be fetched (`--allow-fetch-errors`).
    #[serde(default)]
    pub allow_fetch_errors: bool,
    /// Globs (.gitignore syntax) that directory walks leave out, like `--exclude`.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// Why a config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// It could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// It is not valid.
    #[error("{}:{line}:{column}: invalid config: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl Config {
    /// Reads the config at `path`.
    pub fn read(path: &Path) -> Result<Config, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let text = crate::model::utf8_text(&bytes).map_err(|(line, column)| Error::Invalid {
            path: path.to_owned(),
            line,
            column,
            message: "not valid UTF-8".to_owned(),
        })?;
        Config::parse(path, text)
    }

    /// Parses config text; `path` is for messages and resolving `cache`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let (line, column) = crate::model::line_column_in(text, at);
            // Name the key whose value is wrong, when the message does not.
            let key = key_of_line(text, at);
            let message = match key {
                Some(k) if !e.message().contains(&format!("`{k}`")) => {
                    format!("`{k}`: {}", e.message().trim_end())
                }
                _ => e.message().trim_end().to_owned(),
            };
            Error::Invalid {
                path: path.to_owned(),
                line,
                column,
                message,
            }
        })?;
        if let Some(list) = &config.fail_on {
            for v in list {
                if v != "none" && v.parse::<crate::model::Verdict>().is_err() {
                    let (line, column) = text
                        .find(&format!("\"{v}\""))
                        .map_or((1, 1), |p| crate::model::line_column_in(text, p));
                    return Err(Error::Invalid {
                        path: path.to_owned(),
                        line,
                        column,
                        message: format!("unknown verdict `{v}` in fail_on"),
                    });
                }
            }
        }
        for (key, value) in [
            ("tolerance", config.tolerance),
            ("relative_tolerance", config.relative_tolerance),
        ] {
            if let Some(v) = value.filter(|v| !v.is_finite() || *v < 0.0) {
                let (line, column) = key_position(text, key);
                return Err(Error::Invalid {
                    path: path.to_owned(),
                    line,
                    column,
                    message: format!("`{key}` must be a number of zero or more, not {v}"),
                });
            }
        }
        if let (Some(cache), Some(dir)) = (&config.cache, path.parent()) {
            if cache.is_relative() {
                config.cache = Some(dir.join(cache));
            }
        }
        if let Some(dir) = path.parent() {
            let claims = config
                .claims_dir
                .take()
                .unwrap_or_else(|| PathBuf::from("claims"));
            config.claims_dir = Some(dir.join(claims));
        }
        Ok(config)
    }

    /// The config every command uses: the file given with `--config`, else the nearest
    /// `claimcheck.toml` from the current directory upwards, else the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Config, Error> {
        let path = match explicit {
            Some(p) => Some(p.to_owned()),
            None => std::env::current_dir()
                .ok()
                .and_then(|cwd| Config::discover(&cwd)),
        };
        match path {
            Some(p) => Config::read(&p),
            None => Ok(Config::default()),
        }
    }

    /// The tolerance to compare numbers with: the flags first, then this file, then the
    /// defaults (±5 percentage points, ±10%). A negative or non-finite flag is refused.
    pub fn tolerance(
        &self,
        flag: Option<f64>,
        relative_flag: Option<f64>,
    ) -> Result<crate::model::Tolerance, String> {
        let default = crate::model::Tolerance::default();
        let check = |name: &str, v: f64| {
            if v.is_finite() && v >= 0.0 {
                Ok(v)
            } else {
                Err(format!("{name} must be a number of zero or more, not {v}"))
            }
        };
        Ok(crate::model::Tolerance {
            percentage_points: check(
                "--tolerance",
                flag.or(self.tolerance).unwrap_or(default.percentage_points),
            )?,
            relative: check(
                "--relative-tolerance",
                relative_flag
                    .or(self.relative_tolerance)
                    .unwrap_or(default.relative),
            )?,
        })
    }

    /// Finds `claimcheck.toml` in `start` or the nearest parent that has one.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Whether `check` should skip a claim with this id and quote.
    pub fn ignores(&self, id: &str, quote: &str) -> bool {
        self.ignore
            .iter()
            .any(|i| i == id || i.eq_ignore_ascii_case(quote))
    }
}

/// The bare key set on the line holding byte offset `at`, if that line is `key = value`.
fn key_of_line(text: &str, at: usize) -> Option<&str> {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |p| p + 1);
    let line = text[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
    .then_some(key)
}

/// Line and column of the line that sets `key` (1, 1 if not found).
fn key_position(text: &str, key: &str) -> (usize, usize) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            let at = offset + (line.len() - trimmed.len());
            return crate::model::line_column_in(text, at);
        }
        offset += line.len();
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_field() {
        let c = Config::parse(
            Path::new("/proj/claimcheck.toml"),
            "tolerance = 3\nrelative_tolerance = 0.2\nfail_on = [\"differs\"]\ncache = \"cache\"\nemail = \"a@b.org\"\nignore = [\"c1\", \"24/7\"]\n",
        )
        .unwrap();
        assert_eq!(c.tolerance, Some(3.0));
        assert_eq!(c.relative_tolerance, Some(0.2));
        assert_eq!(c.fail_on, Some(vec!["differs".to_owned()]));
        assert_eq!(c.cache, Some(PathBuf::from("/proj/cache")));
        assert!(c.ignores("c1", "x"));
        assert!(c.ignores("c9", "24/7"));
        assert!(!c.ignores("c9", "30%"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = Config::parse(
            Path::new("claimcheck.toml"),
            "tolerance = 3\ntolerence = 4\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("claimcheck.toml:2:1: invalid config: unknown field `tolerence`"),
            "{e}"
        );
        let e = Config::parse(Path::new("claimcheck.toml"), "fail_on = [\"wrong\"]\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "claimcheck.toml:1:12: invalid config: unknown verdict `wrong` in fail_on"
        );
    }

    #[test]
    fn bad_tolerances_name_the_file_and_key() {
        let e = Config::parse(
            Path::new("site/claimcheck.toml"),
            "email = \"a@b.org\"\n  tolerance = -3\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "site/claimcheck.toml:2:3: invalid config: `tolerance` must be a number of zero or more, not -3"
        );
        let e = Config::parse(Path::new("c.toml"), "relative_tolerance = nan\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("c.toml:1:1: invalid config: `relative_tolerance`"),
            "{e}"
        );
    }

    #[test]
    fn type_errors_name_the_key() {
        let e = Config::parse(
            Path::new("c.toml"),
            "email = \"a@b.org\"\ntolerance = \"five\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("c.toml:2:13: invalid config: `tolerance`: "),
            "{e}"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, b"\xEF\xBB\xBFtolerance = 3\n# caf\xe9\n").unwrap();
        let e = Config::read(&path).unwrap_err().to_string();
        assert!(
            e.ends_with("claimcheck.toml:2:6: invalid config: not valid UTF-8"),
            "{e}"
        );
        std::fs::write(&path, b"\xEF\xBB\xBFtolerance = 3\n").unwrap();
        assert_eq!(Config::read(&path).unwrap().tolerance, Some(3.0));
    }

    #[test]
    fn claims_dir_is_relative_to_the_config_file() {
        let c = Config::parse(Path::new("/proj/claimcheck.toml"), "").unwrap();
        assert_eq!(c.claims_dir, Some(PathBuf::from("/proj/claims")));
        let c = Config::parse(
            Path::new("/proj/claimcheck.toml"),
            "claims_dir = \"review\"\n",
        )
        .unwrap();
        assert_eq!(c.claims_dir, Some(PathBuf::from("/proj/review")));
    }

    #[test]
    fn discovers_upwards() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(Config::discover(&nested), None);
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        assert_eq!(Config::discover(&nested), Some(dir.path().join(FILE_NAME)));
    }
}
