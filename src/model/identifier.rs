//! Research identifiers (PMID, PMC id, DOI, Bookshelf accession) and how to read them out of a
//! link or a bare string. Pure: used by `extract` to label sources and by `resolve` to resolve them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::SourceKind;

/// An identifier of a research record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Identifier {
    /// A PubMed id.
    Pmid(u32),
    /// A PubMed Central id, `PMC` and digits.
    Pmcid(String),
    /// A DOI, lower-cased (DOIs are case-insensitive).
    Doi(String),
    /// An NCBI Bookshelf accession, `NBK` and digits.
    Nbk(String),
}

impl Identifier {
    /// The source kind this identifier belongs to.
    pub fn kind(&self) -> SourceKind {
        match self {
            Identifier::Pmid(_) => SourceKind::Pubmed,
            Identifier::Pmcid(_) => SourceKind::Pmc,
            Identifier::Doi(_) => SourceKind::Doi,
            Identifier::Nbk(_) => SourceKind::Bookshelf,
        }
    }

    /// The source id used in claims files: `pmid:N`, `pmc:PMCN`, `doi:…`, `nbk:NBKN`.
    pub fn source_id(&self) -> String {
        self.to_string()
    }

    /// Reads an identifier from a link, a source id (`pmid:…`) or a bare string: a PMID (digits),
    /// `PMC123`, `NBK123`, `10.…`, `doi:10.…`, or any URL that [`from_url`] understands.
    pub fn parse(s: &str) -> Option<Identifier> {
        let s = s.trim();
        if let Some((prefix, rest)) = s.split_once(':') {
            let rest = rest.trim();
            match prefix.to_ascii_lowercase().as_str() {
                "pmid" => return rest.parse().ok().filter(|&n| n > 0).map(Identifier::Pmid),
                "pmc" | "pmcid" => return pmcid(rest),
                "nbk" => return nbk(rest),
                "doi" => return doi(rest),
                "http" | "https" => return from_url(s),
                _ => {}
            }
        }
        if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
            return s.parse().ok().filter(|&n| n > 0).map(Identifier::Pmid);
        }
        pmcid(s)
            .or_else(|| nbk(s))
            .or_else(|| doi(s))
            .or_else(|| from_url(s))
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Identifier::Pmid(n) => write!(f, "pmid:{n}"),
            Identifier::Pmcid(s) => write!(f, "pmc:{s}"),
            Identifier::Doi(s) => write!(f, "doi:{s}"),
            Identifier::Nbk(s) => write!(f, "nbk:{s}"),
        }
    }
}

/// Reads the identifier a URL points at: PubMed, Europe PMC, PMC, Bookshelf, doi.org and DOIs
/// inside publisher URLs (`…/doi/10.1176/…`). `None` for any other page.
pub fn from_url(url: &str) -> Option<Identifier> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let original_rest = &url.trim()[url.trim().len() - rest.len()..];
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let original_path = original_rest.split_once('/').map(|x| x.1).unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let segments: Vec<&str> = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    match host {
        "pubmed.ncbi.nlm.nih.gov" => segments.first().and_then(|s| pmid(s)),
        "ncbi.nlm.nih.gov" => match segments.as_slice() {
            ["pubmed", id, ..] => pmid(id),
            ["pmc", "articles", id, ..] => pmcid(id),
            ["books", id, ..] => nbk(id),
            _ => None,
        },
        "pmc.ncbi.nlm.nih.gov" => match segments.as_slice() {
            ["articles", id, ..] => pmcid(id),
            _ => None,
        },
        "europepmc.org" => match segments.as_slice() {
            ["abstract" | "article", "med", id, ..] => pmid(id),
            ["abstract" | "article", "pmc", id, ..] => pmcid(id),
            _ => None,
        },
        "doi.org" | "dx.doi.org" => doi(percent_decode(original_path).as_str()),
        _ => {
            // A DOI inside a publisher's URL: …/doi/10.1176/appi.ajp.2016.16010037 (also
            // /doi/full/, /doi/abs/, /doi/pdf/).
            let p = percent_decode(original_path);
            let idx = p.find("/10.")?;
            let before = &p[..idx];
            if before.split('/').any(|seg| seg == "doi") {
                doi(&p[idx + 1..])
            } else {
                None
            }
        }
    }
}

/// The host of a URL, lower-cased, without `www.`, user info or port (`None` when it has none).
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (!host.is_empty()).then_some(host)
}

fn pmid(s: &str) -> Option<Identifier> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty() && digits.len() <= 9 && digits.len() == s.len())
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|&n| n > 0)
        .map(Identifier::Pmid)
}

fn pmcid(s: &str) -> Option<Identifier> {
    let s = s.trim();
    let digits = s.get(..3)?.eq_ignore_ascii_case("pmc").then(|| &s[3..])?;
    let digits = digits.split('.').next().unwrap_or(digits);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| Identifier::Pmcid(format!("PMC{digits}")))
}

fn nbk(s: &str) -> Option<Identifier> {
    let s = s.trim();
    let digits = s.get(..3)?.eq_ignore_ascii_case("nbk").then(|| &s[3..])?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| Identifier::Nbk(format!("NBK{digits}")))
}

/// Reads a DOI (`10.NNNN/suffix`), trimming what commonly trails it in prose and URLs.
fn doi(s: &str) -> Option<Identifier> {
    let s = s.trim();
    let s = s
        .strip_prefix("doi:")
        .or_else(|| s.strip_prefix("DOI:"))
        .unwrap_or(s)
        .trim();
    if !s.starts_with("10.") {
        return None;
    }
    let (prefix, suffix) = s.split_once('/')?;
    if prefix.len() < 4 || !prefix[3..].bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let suffix = suffix.split(['?', '#', ' ']).next().unwrap_or("");
    // Publisher URLs append views after the DOI: /doi/10.1176/x.y/full or …/abstract.
    let suffix = suffix.trim_end_matches(['.', ',', ';', ')', ']', '/']);
    if suffix.is_empty() {
        return None;
    }
    Some(Identifier::Doi(
        format!("{prefix}/{suffix}").to_ascii_lowercase(),
    ))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_link_form() {
        let cases = [
            (
                "https://pubmed.ncbi.nlm.nih.gov/23982301/",
                Identifier::Pmid(23982301),
            ),
            (
                "https://www.ncbi.nlm.nih.gov/pubmed/16894061",
                Identifier::Pmid(16894061),
            ),
            (
                "https://europepmc.org/abstract/MED/10686270",
                Identifier::Pmid(10686270),
            ),
            (
                "https://pmc.ncbi.nlm.nih.gov/articles/PMC4684234/",
                Identifier::Pmcid("PMC4684234".into()),
            ),
            (
                "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4684234",
                Identifier::Pmcid("PMC4684234".into()),
            ),
            (
                "https://www.ncbi.nlm.nih.gov/books/NBK470357",
                Identifier::Nbk("NBK470357".into()),
            ),
            (
                "https://doi.org/10.1001/archpsyc.63.8.856",
                Identifier::Doi("10.1001/archpsyc.63.8.856".into()),
            ),
            (
                "http://dx.doi.org/10.1176/APPI.AJP.2015.15040465",
                Identifier::Doi("10.1176/appi.ajp.2015.15040465".into()),
            ),
            (
                "https://psychiatryonline.org/doi/10.1176/appi.ajp.2016.16010037",
                Identifier::Doi("10.1176/appi.ajp.2016.16010037".into()),
            ),
            (
                "https://psychiatryonline.org/doi/full/10.1176/appi.ajp.2018.18070834?role=tab",
                Identifier::Doi("10.1176/appi.ajp.2018.18070834".into()),
            ),
        ];
        for (url, want) in cases {
            assert_eq!(from_url(url), Some(want), "{url}");
        }
    }

    #[test]
    fn other_pages_are_not_identifiers() {
        for url in [
            "https://www.mayoclinic.org/diseases-conditions/depression/trd-overview",
            "https://www.webmd.com/mental-health/ketamine-treatment-guide",
            "https://www.ncbi.nlm.nih.gov/",
            "https://example.com/10.5/x",
        ] {
            assert_eq!(from_url(url), None, "{url}");
        }
    }

    #[test]
    fn parses_bare_identifiers_and_source_ids() {
        assert_eq!(
            Identifier::parse("23982301"),
            Some(Identifier::Pmid(23982301))
        );
        assert_eq!(
            Identifier::parse("pmid:23982301"),
            Some(Identifier::Pmid(23982301))
        );
        assert_eq!(
            Identifier::parse("PMC123"),
            Some(Identifier::Pmcid("PMC123".into()))
        );
        assert_eq!(
            Identifier::parse("doi:10.1001/jamapsychiatry.2019.1189"),
            Some(Identifier::Doi("10.1001/jamapsychiatry.2019.1189".into()))
        );
        assert_eq!(
            Identifier::parse("10.1001/X."),
            Some(Identifier::Doi("10.1001/x".into()))
        );
        assert_eq!(
            Identifier::parse("nbk:NBK1"),
            Some(Identifier::Nbk("NBK1".into()))
        );
        assert_eq!(Identifier::parse("hello"), None);
        assert_eq!(Identifier::parse("0"), None);
    }
}
