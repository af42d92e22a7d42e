//! Reads a PMC ID Converter response (`format=json`) into PMC id → PMID pairs.
//!
//! In: the response bytes. Out: one [`Conversion`] per record, or [`ResponseError`] when the
//! document says `status` other than `"ok"` or is not the documented JSON. A record with
//! `"status": "error"` is a miss, not an error. `pmid` may be a JSON number or a string. Pure.

use serde_json::Value;

pub use super::error::ResponseError;

/// One record of the converter's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// The id as it was requested (`requested-id`), else the record's `pmcid`.
    pub requested: String,
    /// The PMC id the record names.
    pub pmcid: Option<String>,
    /// The PMID, when the converter knows it.
    pub pmid: Option<u32>,
    /// Why there is no answer (`errmsg`), for a record with `"status": "error"`.
    pub error: Option<String>,
}

/// Parses an ID Converter JSON response.
pub fn parse(json: &[u8]) -> Result<Vec<Conversion>, ResponseError> {
    let doc: Value = serde_json::from_slice(json).map_err(|e| ResponseError::Malformed {
        message: format!("not JSON: {e}"),
    })?;
    let Some(obj) = doc.as_object() else {
        return Err(ResponseError::Malformed {
            message: "expected a JSON object".to_owned(),
        });
    };
    if let Some(err) = obj.get("error") {
        return Err(ResponseError::Api { message: text(err) });
    }
    match obj.get("status").and_then(Value::as_str) {
        Some(s) if s.eq_ignore_ascii_case("ok") => {}
        other => {
            let message = obj
                .get("message")
                .or_else(|| obj.get("errmsg"))
                .map(text)
                .unwrap_or_else(|| format!("status {}", other.unwrap_or("missing")));
            return Err(ResponseError::Api { message });
        }
    }
    let records = obj
        .get("records")
        .and_then(Value::as_array)
        .ok_or_else(|| ResponseError::Malformed {
            message: "no \"records\" array".to_owned(),
        })?;
    let mut out = Vec::with_capacity(records.len());
    for r in records {
        let pmcid = r.get("pmcid").and_then(Value::as_str).map(str::to_owned);
        let requested = r
            .get("requested-id")
            .map(text)
            .or_else(|| pmcid.clone())
            .unwrap_or_default();
        let failed = r
            .get("status")
            .and_then(Value::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("error"));
        let error = failed.then(|| {
            r.get("errmsg")
                .map(text)
                .unwrap_or_else(|| "not found".to_owned())
        });
        // A failed record can still echo the requested PMID back (as in the sample for a
        // PMID that is not in PMC): it is not an answer.
        let pmid = if failed {
            None
        } else {
            match r.get("pmid") {
                Some(Value::Number(n)) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
                Some(Value::String(s)) => s.trim().parse().ok(),
                _ => None,
            }
            .filter(|&n| n > 0)
        };
        out.push(Conversion {
            requested,
            pmcid,
            pmid,
            error,
        });
    }
    Ok(out)
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_and_string_pmids() {
        let json = br#"{"status":"ok","records":[
            {"pmcid":"PMC1","pmid":11,"requested-id":"PMC1"},
            {"pmcid":"PMC2","pmid":"22","requested-id":"pmc2"},
            {"requested-id":"PMC3","status":"error","errmsg":"invalid article id"}]}"#;
        let r = parse(json).unwrap();
        assert_eq!(r[0].pmid, Some(11));
        assert_eq!(r[1].pmid, Some(22));
        assert_eq!(r[1].requested, "pmc2");
        assert_eq!(r[2].pmid, None);
        assert_eq!(r[2].error.as_deref(), Some("invalid article id"));
    }

    #[test]
    fn top_level_errors() {
        assert!(matches!(
            parse(br#"{"status":"error","message":"bad ids"}"#),
            Err(ResponseError::Api { message }) if message == "bad ids"
        ));
        assert!(matches!(
            parse(br#"{"error":"API rate limit exceeded"}"#),
            Err(ResponseError::Api { .. })
        ));
        assert!(matches!(
            parse(b"<html></html>"),
            Err(ResponseError::Malformed { .. })
        ));
    }

    #[test]
    fn shared_sample_is_a_miss() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/pubmed-samples/api-responses/pmid_22663011.json"
        );
        let Ok(bytes) = std::fs::read(path) else {
            return;
        };
        let r = parse(&bytes).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].pmid, None);
        assert_eq!(r[0].error.as_deref(), Some("Identifier not found in PMC"));
    }
}
