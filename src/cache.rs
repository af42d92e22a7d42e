//! The on-disk cache of PubMed records and identifier lookups: plain files a team can commit.
//!
//! In: raw record elements and lookup results. Out: the same bytes and PMID lists, by key.
//! Layout under the root:
//!
//! ```text
//! pubmed/<PMID>.xml                 one efetch document holding exactly one record
//! idmap/doi/<key>.json              {"key": "<doi>", "pmids": [N, ...]}
//! idmap/pmc/<key>.json              {"key": "PMC…", "pmids": [...]}
//! idmap/nbk/<key>.json              {"key": "NBK…", "pmids": [...]}
//! idmap/search/<sha256[..16]>.json  {"key": "<esearch term>", "pmids": [...]}
//! ```
//!
//! A file name is the key percent-encoded (every byte outside `[A-Za-z0-9._-]` as `%XX`,
//! DOIs lower-cased first), so no key can name a path outside its directory (`/` and `\` are
//! encoded, and `.`/`..` get a `%` form). An encoded key longer than [`MAX_READABLE_NAME`]
//! bytes (a long DOI) is cut to a readable prefix and followed by `~` and the first 16 hex
//! digits of the SHA-256 of the whole normalized key, so every name fits in 255 bytes and two
//! keys never share a file (the file also stores its key, and a file holding another key counts
//! as absent). Search terms use the first 16 hex digits of their SHA-256. An empty `pmids` list
//! records a confirmed miss. Every write goes to a temporary file in the same
//! directory and is renamed over the target, so readers never see half a file and two
//! processes sharing one cache lose nothing (each key is its own file).
//!
//! This module stores and returns bytes; it does not parse PubMed XML (the app checks records
//! with the parser before storing them and after reading them) and never touches the network.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The environment variable that overrides the cache root.
pub const CACHE_ENV: &str = "CLAIMCHECK_CACHE";

/// The longest percent-encoded key used as a file name as is; longer ones get a hash (see the
/// module docs). Well under the 255 bytes file systems allow, with room for the hash and
/// `.json`.
pub const MAX_READABLE_NAME: usize = 160;

/// The directory below the root that holds the NCBI pace files (see [`Cache::pace_path`]).
pub const PACE_DIR: &str = ".ncbi-pace";

/// A cache rooted at a directory (created on the first write).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    root: PathBuf,
}

/// The kind of identifier a lookup maps to PMIDs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A DOI (`idmap/doi/`).
    Doi,
    /// A PMC id (`idmap/pmc/`).
    Pmc,
    /// A Bookshelf accession (`idmap/nbk/`).
    Nbk,
    /// An esearch term (`idmap/search/`).
    Search,
}

impl IdKind {
    fn dir(self) -> &'static str {
        match self {
            IdKind::Doi => "doi",
            IdKind::Pmc => "pmc",
            IdKind::Nbk => "nbk",
            IdKind::Search => "search",
        }
    }

    /// The key as stored: DOIs lower-cased, PMC and NBK ids upper-cased, terms as given.
    pub fn normalize(self, key: &str) -> String {
        match self {
            IdKind::Doi => key.trim().to_lowercase(),
            IdKind::Pmc | IdKind::Nbk => key.trim().to_ascii_uppercase(),
            IdKind::Search => key.to_owned(),
        }
    }
}

/// A cache file that could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// The file system refused.
    #[error("cache file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The file is not what this cache writes.
    #[error("cache file {}: {message}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// The JSON of an idmap file.
#[derive(Debug, Serialize, Deserialize)]
struct IdMapFile {
    key: String,
    pmids: Vec<u32>,
}

impl Cache {
    /// A cache rooted at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Cache { root: root.into() }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The default root: the user's cache directory plus `claimcheck`.
    pub fn default_root() -> Option<PathBuf> {
        dirs::cache_dir().map(|d| d.join("claimcheck"))
    }

    /// The root to use: the `--cache` flag, else `CLAIMCHECK_CACHE` (when not empty), else
    /// [`Cache::default_root`]. The app passes the variable's value in.
    pub fn choose_root(flag: Option<PathBuf>, env: Option<String>) -> Option<PathBuf> {
        flag.or_else(|| env.filter(|v| !v.trim().is_empty()).map(PathBuf::from))
            .or_else(Self::default_root)
    }

    /// Where the record of `pmid` is stored.
    pub fn record_path(&self, pmid: u32) -> PathBuf {
        self.root.join("pubmed").join(format!("{pmid}.xml"))
    }

    /// The stored efetch document for `pmid`, or `None` when it is not cached.
    pub fn read_record(&self, pmid: u32) -> Result<Option<Vec<u8>>, CacheError> {
        read_optional(&self.record_path(pmid))
    }

    /// Stores one record element (`<PubmedArticle>…</PubmedArticle>` or
    /// `<PubmedBookArticle>…`) as a complete efetch document. The caller has parsed it.
    pub fn write_record(&self, pmid: u32, raw_element: &[u8]) -> Result<(), CacheError> {
        write_atomic(&self.record_path(pmid), &record_document(raw_element))
    }

    /// Where the lookup of `key` is stored.
    pub fn idmap_path(&self, kind: IdKind, key: &str) -> PathBuf {
        let key = kind.normalize(key);
        let name = match kind {
            IdKind::Search => search_file_stem(&key),
            _ => file_stem(&key),
        };
        self.root
            .join("idmap")
            .join(kind.dir())
            .join(format!("{name}.json"))
    }

    /// The file that paces NCBI requests for every process using this cache: one per API key
    /// (named by a hash of the key, never the key) and one for requests without a key.
    pub fn pace_path(&self, api_key: Option<&str>) -> PathBuf {
        let name = match api_key.map(str::trim).filter(|k| !k.is_empty()) {
            Some(key) => format!("key-{}", search_file_stem(key)),
            None => "anonymous".to_owned(),
        };
        self.root.join(PACE_DIR).join(name)
    }

    /// The stored lookup of `key`: `None` when never looked up, `Some(vec![])` for a confirmed
    /// miss. A file whose `key` is another key (a hash collision, a hand edit) counts as absent.
    pub fn read_idmap(&self, kind: IdKind, key: &str) -> Result<Option<Vec<u32>>, CacheError> {
        let path = self.idmap_path(kind, key);
        let Some(bytes) = read_optional(&path)? else {
            return Ok(None);
        };
        let file: IdMapFile = serde_json::from_slice(&bytes).map_err(|e| CacheError::Corrupt {
            path: path.clone(),
            message: format!("not an idmap file: {e}"),
        })?;
        if kind.normalize(&file.key) != kind.normalize(key) {
            return Ok(None);
        }
        Ok(Some(file.pmids))
    }

    /// Stores the result of looking `key` up (an empty list records a confirmed miss).
    pub fn write_idmap(&self, kind: IdKind, key: &str, pmids: &[u32]) -> Result<(), CacheError> {
        let file = IdMapFile {
            key: kind.normalize(key),
            pmids: pmids.to_vec(),
        };
        let mut json = serde_json::to_vec_pretty(&file).map_err(|e| CacheError::Corrupt {
            path: self.idmap_path(kind, key),
            message: e.to_string(),
        })?;
        json.push(b'\n');
        write_atomic(&self.idmap_path(kind, key), &json)
    }
}

/// The efetch document the cache stores for one record element.
pub fn record_document(raw_element: &[u8]) -> Vec<u8> {
    let mut doc = Vec::with_capacity(raw_element.len() + 80);
    doc.extend_from_slice(b"<?xml version=\"1.0\" ?>\n<PubmedArticleSet>\n");
    doc.extend_from_slice(raw_element);
    doc.extend_from_slice(b"\n</PubmedArticleSet>\n");
    doc
}

/// Percent-encodes a key for a file name: every byte outside `[A-Za-z0-9._-]` becomes `%XX`
/// (so `/`, `\`, `~` and NUL never appear).
pub fn percent_encode(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for b in key.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The file stem of an id: its percent-encoding, or for a long one a readable prefix of it,
/// `~` and the first 16 hex digits of the key's SHA-256 (`~` alone with the hash for the empty
/// key, `.` and `..`). Encoded names never hold `~` (it is escaped), so a hashed name never
/// equals a readable one. Never empty, never `.` or `..`, at most `MAX_READABLE_NAME + 17`
/// bytes.
pub fn file_stem(key: &str) -> String {
    let encoded = percent_encode(key);
    if matches!(encoded.as_str(), "" | "." | "..") {
        return format!("~{}", search_file_stem(key));
    }
    if encoded.len() <= MAX_READABLE_NAME {
        return encoded;
    }
    // Cut so as not to split a `%XX` escape (the encoding is ASCII).
    let bytes = encoded.as_bytes();
    let cut = match (bytes[MAX_READABLE_NAME - 1], bytes[MAX_READABLE_NAME - 2]) {
        (b'%', _) => MAX_READABLE_NAME - 1,
        (_, b'%') => MAX_READABLE_NAME - 2,
        _ => MAX_READABLE_NAME,
    };
    format!("{}~{}", &encoded[..cut], search_file_stem(key))
}

/// The file stem of a search term: the first 16 hex digits of its SHA-256.
pub fn search_file_stem(term: &str) -> String {
    let digest = Sha256::digest(term.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, CacheError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(CacheError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Writes `bytes` atomically and readable by others (see [`crate::output`]): a reader sees the
/// old file or the new one, never a mix, and concurrent writers of one key each leave a whole
/// file (the last rename wins).
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CacheError> {
    crate::output::write_atomic(path, bytes).map_err(|e| CacheError::Io {
        path: path.to_owned(),
        source: match e {
            crate::output::Error::Io { source, .. } => source,
            other => io::Error::other(other.to_string()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        let c = Cache::new("/c");
        assert_eq!(c.record_path(123), Path::new("/c/pubmed/123.xml"));
        assert_eq!(
            c.idmap_path(IdKind::Doi, "10.1176/APPI.AJP.2016.16010037"),
            Path::new("/c/idmap/doi/10.1176%2Fappi.ajp.2016.16010037.json")
        );
        assert_eq!(
            c.idmap_path(IdKind::Pmc, "pmc42"),
            Path::new("/c/idmap/pmc/PMC42.json")
        );
        assert_eq!(
            c.idmap_path(IdKind::Nbk, "NBK1116"),
            Path::new("/c/idmap/nbk/NBK1116.json")
        );
        assert_eq!(percent_encode("a b/é<"), "a%20b%2F%C3%A9%3C");
        // sha256("abc") = ba7816bf8f01cfea…
        assert_eq!(search_file_stem("abc"), "ba7816bf8f01cfea");
        assert_eq!(
            c.idmap_path(IdKind::Search, "abc"),
            Path::new("/c/idmap/search/ba7816bf8f01cfea.json")
        );
    }

    #[test]
    fn long_dois_get_bounded_distinct_names_that_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::new(dir.path());
        let base = format!("10.1000/{}", "(SICI)1097-4679(199".repeat(20));
        let (a, b) = (format!("{base}A"), format!("{base}B"));
        let (pa, pb) = (c.idmap_path(IdKind::Doi, &a), c.idmap_path(IdKind::Doi, &b));
        assert_ne!(pa, pb);
        for p in [&pa, &pb] {
            let name = p.file_name().unwrap().to_str().unwrap();
            assert!(name.len() <= 255, "{} bytes", name.len());
            assert!(name.starts_with("10.1000%2F%28sici%291097-4679"), "{name}");
            assert!(name.contains('~'), "{name}");
        }
        c.write_idmap(IdKind::Doi, &a, &[1]).unwrap();
        c.write_idmap(IdKind::Doi, &b, &[2]).unwrap();
        assert_eq!(c.read_idmap(IdKind::Doi, &a).unwrap(), Some(vec![1]));
        assert_eq!(c.read_idmap(IdKind::Doi, &b).unwrap(), Some(vec![2]));
        // Short names are unchanged, so caches written before stay valid.
        assert_eq!(file_stem("10.1/x"), "10.1%2Fx");
        // Names that would mean something to the file system are hashed.
        for key in ["", ".", ".."] {
            assert!(file_stem(key).starts_with('~'), "{key:?}");
        }
        assert_eq!(file_stem("../../etc/passwd"), "..%2F..%2Fetc%2Fpasswd");
    }

    proptest::proptest! {
        #[test]
        fn no_key_escapes_its_directory(key in ".{0,400}", other in ".{0,400}") {
            let c = Cache::new("/c");
            for kind in [IdKind::Doi, IdKind::Pmc, IdKind::Nbk, IdKind::Search] {
                let p = c.idmap_path(kind, &key);
                proptest::prop_assert_eq!(p.parent().unwrap(), Path::new("/c/idmap").join(kind.dir()));
                let name = p.file_name().unwrap().to_str().unwrap();
                proptest::prop_assert!(name.len() <= 255);
                proptest::prop_assert!(!name.contains(['/', '\\', '\0']));
                proptest::prop_assert!(name.ends_with(".json") && name.len() > ".json".len());
                if kind.normalize(&key) != kind.normalize(&other) {
                    proptest::prop_assert_ne!(p, c.idmap_path(kind, &other));
                }
            }
        }
    }

    #[test]
    fn round_trips_and_misses() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::new(dir.path());
        assert_eq!(c.read_record(1).unwrap(), None);
        c.write_record(1, b"<PubmedArticle>x</PubmedArticle>")
            .unwrap();
        assert_eq!(
            c.read_record(1).unwrap().unwrap(),
            b"<?xml version=\"1.0\" ?>\n<PubmedArticleSet>\n<PubmedArticle>x</PubmedArticle>\n</PubmedArticleSet>\n"
        );
        assert_eq!(c.read_idmap(IdKind::Doi, "10.1/X").unwrap(), None);
        c.write_idmap(IdKind::Doi, "10.1/X", &[5, 6]).unwrap();
        assert_eq!(
            c.read_idmap(IdKind::Doi, "10.1/x").unwrap(),
            Some(vec![5, 6])
        );
        let text = std::fs::read_to_string(c.idmap_path(IdKind::Doi, "10.1/x")).unwrap();
        assert!(text.contains("\"key\": \"10.1/x\""), "{text}");
        c.write_idmap(IdKind::Search, "a[ta]", &[]).unwrap();
        assert_eq!(c.read_idmap(IdKind::Search, "a[ta]").unwrap(), Some(vec![]));
        std::fs::create_dir_all(dir.path().join("idmap/pmc")).unwrap();
        std::fs::write(c.idmap_path(IdKind::Pmc, "PMC1"), "{").unwrap();
        assert!(matches!(
            c.read_idmap(IdKind::Pmc, "PMC1"),
            Err(CacheError::Corrupt { .. })
        ));
    }

    #[test]
    fn choose_root_order() {
        assert_eq!(
            Cache::choose_root(Some("/flag".into()), Some("/env".into())),
            Some(PathBuf::from("/flag"))
        );
        assert_eq!(
            Cache::choose_root(None, Some("/env".into())),
            Some(PathBuf::from("/env"))
        );
        assert_eq!(
            Cache::choose_root(None, Some(String::new())),
            Cache::default_root()
        );
    }

    #[test]
    fn concurrent_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        // Two cache instances (as two processes would have), each writing every key: overlapping
        // keys race on the rename, disjoint keys must all land.
        let handles: Vec<_> = (0..2u32)
            .map(|w| {
                let cache = Cache::new(root.clone());
                std::thread::spawn(move || {
                    for i in 0..150u32 {
                        let pmid = if i % 2 == 0 { i } else { 1000 * (w + 1) + i };
                        let body = format!(
                            "<PubmedArticle><PMID>{pmid}</PMID>{}</PubmedArticle>",
                            "x".repeat(4096)
                        );
                        cache.write_record(pmid, body.as_bytes()).unwrap();
                        cache
                            .write_idmap(IdKind::Doi, &format!("10.1/{pmid}"), &[pmid])
                            .unwrap();
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let cache = Cache::new(root.clone());
        let mut expected = Vec::new();
        for w in 0..2u32 {
            for i in 0..150u32 {
                expected.push(if i % 2 == 0 { i } else { 1000 * (w + 1) + i });
            }
        }
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(expected.len(), 75 + 150);
        for pmid in expected {
            let doc = cache.read_record(pmid).unwrap().expect("record written");
            let want = record_document(
                format!(
                    "<PubmedArticle><PMID>{pmid}</PMID>{}</PubmedArticle>",
                    "x".repeat(4096)
                )
                .as_bytes(),
            );
            assert_eq!(doc, want, "pmid {pmid}");
            assert_eq!(
                cache
                    .read_idmap(IdKind::Doi, &format!("10.1/{pmid}"))
                    .unwrap(),
                Some(vec![pmid])
            );
        }
        // No temporary file is left behind.
        for sub in ["pubmed", "idmap/doi"] {
            for entry in std::fs::read_dir(root.join(sub)).unwrap() {
                let name = entry.unwrap().file_name();
                assert!(!name.to_string_lossy().starts_with(".tmp"), "{name:?}");
            }
        }
    }
}
