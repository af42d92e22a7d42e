//! Reads an esearch response (`retmode=xml`, root `eSearchResult`) into the PMIDs it found.
//!
//! In: the response bytes. Out: [`SearchResult`] (count, ids, the phrases NCBI dropped and its
//! warnings), or [`ResponseError`] for an `<ERROR>` response or a document that is not an
//! esearch result. Pure: no I/O.
//!
//! XML rather than JSON because the error forms are the documented ones
//! (`<ERROR>`, `<ErrorList><PhraseNotFound>`) and quick-xml is already the PubMed parser's crate.

use quick_xml::events::Event;
use quick_xml::Reader;

pub use super::error::ResponseError;

/// What an esearch found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchResult {
    /// The total number of matches (the ids are at most `retmax` of them).
    pub count: u64,
    /// The PMIDs, in NCBI's order.
    pub ids: Vec<u32>,
    /// Phrases of the term that matched nothing and were dropped (`ErrorList/PhraseNotFound`,
    /// `FieldNotFound`): the search ran without them.
    pub not_found: Vec<String>,
    /// Other notes (`WarningList`: quoted phrases not found, ignored phrases, output messages).
    pub warnings: Vec<String>,
}

/// Parses an esearch XML response.
pub fn parse(xml: &[u8]) -> Result<SearchResult, ResponseError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = SearchResult::default();
    // The element path from the root, and the text of the innermost element.
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut api_error: Option<String> = None;
    let mut saw_root = false;
    loop {
        let event = reader.read_event().map_err(|e| ResponseError::Malformed {
            message: format!("malformed XML at byte {}: {e}", reader.error_position()),
        })?;
        match event {
            Event::DocType(d) if super::parse::declares_internal_dtd(&d) => {
                return Err(ResponseError::Malformed {
                    message: "refused: the document declares an internal DTD".to_owned(),
                });
            }
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if path.is_empty() {
                    if name != "eSearchResult" {
                        return Err(ResponseError::Malformed {
                            message: format!("expected <eSearchResult>, found <{name}>"),
                        });
                    }
                    saw_root = true;
                }
                path.push(name);
                text.clear();
            }
            Event::Empty(e) if path.is_empty() => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                return Err(ResponseError::Malformed {
                    message: format!("expected <eSearchResult>, found <{name}/>"),
                });
            }
            Event::Text(t) => text.push_str(&t.decode().unwrap_or_default()),
            Event::CData(t) => text.push_str(&String::from_utf8_lossy(&t)),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    let name = r.decode().unwrap_or_default();
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(_) => {
                let parent = path.len().checked_sub(2).and_then(|i| path.get(i));
                let value = text.trim().to_owned();
                match (parent.map(String::as_str), path.last().map(String::as_str)) {
                    (Some("eSearchResult"), Some("Count")) => {
                        out.count = value.parse().map_err(|_| ResponseError::Malformed {
                            message: format!("<Count> is not a number: {value:?}"),
                        })?;
                    }
                    (Some("eSearchResult"), Some("ERROR")) => api_error = Some(value),
                    (Some("IdList"), Some("Id")) => {
                        let id = value.parse().map_err(|_| ResponseError::Malformed {
                            message: format!("<Id> is not a PMID: {value:?}"),
                        })?;
                        out.ids.push(id);
                    }
                    (Some("ErrorList"), Some(_)) if !value.is_empty() => {
                        out.not_found.push(value);
                    }
                    (Some("WarningList"), Some(kind)) if !value.is_empty() => {
                        out.warnings.push(format!("{kind}: {value}"));
                    }
                    _ => {}
                }
                path.pop();
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(message) = api_error {
        return Err(ResponseError::Api { message });
    }
    if !saw_root {
        return Err(ResponseError::Malformed {
            message: "empty document (no <eSearchResult>)".to_owned(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_and_count() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">
<eSearchResult><Count>2</Count><RetMax>2</RetMax><RetStart>0</RetStart><IdList>
<Id>111</Id>
<Id>222</Id>
</IdList><TranslationSet/><QueryTranslation>x[doi]</QueryTranslation></eSearchResult>"#;
        let r = parse(xml).unwrap();
        assert_eq!(r.count, 2);
        assert_eq!(r.ids, vec![111, 222]);
        assert!(r.not_found.is_empty());
    }

    #[test]
    fn phrase_not_found_is_a_note_not_an_error() {
        let xml = br#"<eSearchResult><Count>0</Count><RetMax>0</RetMax><RetStart>0</RetStart><IdList/>
<TranslationSet/><QueryTranslation/><ErrorList><PhraseNotFound>"10.1/none"[doi]</PhraseNotFound></ErrorList>
<WarningList><OutputMessage>No items found.</OutputMessage></WarningList></eSearchResult>"#;
        let r = parse(xml).unwrap();
        assert_eq!(r.count, 0);
        assert!(r.ids.is_empty());
        assert_eq!(r.not_found, vec![r#""10.1/none"[doi]"#.to_owned()]);
        assert_eq!(
            r.warnings,
            vec!["OutputMessage: No items found.".to_owned()]
        );
    }

    #[test]
    fn error_element_is_an_error() {
        let xml = b"<?xml version=\"1.0\"?><eSearchResult><ERROR>Invalid db name specified: x</ERROR></eSearchResult>";
        assert_eq!(
            parse(xml),
            Err(ResponseError::Api {
                message: "Invalid db name specified: x".into()
            })
        );
    }

    #[test]
    fn other_documents_are_rejected() {
        assert!(matches!(
            parse(b"<html><body>down</body></html>"),
            Err(ResponseError::Malformed { .. })
        ));
        assert!(matches!(parse(b""), Err(ResponseError::Malformed { .. })));
        assert!(matches!(
            parse(b"<eSearchResult><Count>x</Count></eSearchResult>"),
            Err(ResponseError::Malformed { .. })
        ));
    }

    #[test]
    fn shared_samples() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/pubmed-samples/api-responses/"
        );
        let Ok(partial) = std::fs::read(format!("{dir}esearch.error.xml")) else {
            return; // the samples sit beside the clone only in CI and on the dev machine
        };
        let r = parse(&partial).unwrap();
        assert_eq!(r.count, 5163);
        assert_eq!(r.ids.len(), 20);
        assert_eq!(r.not_found, vec!["fleegle[MeSH Terms]".to_owned()]);
        let bad = std::fs::read(format!("{dir}esearch.baderror.xml")).unwrap();
        assert!(
            matches!(parse(&bad), Err(ResponseError::Api { message }) if message.contains("fleegle"))
        );
    }
}
