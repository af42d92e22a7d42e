//! The `json` format: the [`CheckReport`] itself, pretty-printed, with a trailing newline.
//!
//! The serde names of the model types are the contract, documented field by field in
//! docs/report-json.md; this module adds nothing and drops nothing, so the output reads back
//! into a [`CheckReport`].

use std::io;

use crate::model::CheckReport;

/// Writes the report as pretty JSON.
pub(super) fn render(report: &CheckReport, out: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::Format;
    use crate::model::CheckReport;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render_to_string(&sample_report(), Format::Json, false));
    }

    #[test]
    fn round_trips_into_the_report() {
        let report = sample_report();
        let text = render_to_string(&report, Format::Json, false);
        let back: CheckReport = serde_json::from_str(&text).expect("the JSON report parses");
        assert_eq!(back, report);
    }

    #[test]
    fn top_level_keys_are_the_contract() {
        let text = render_to_string(&sample_report(), Format::Json, false);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let keys: Vec<&str> = value
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["version", "tolerance", "articles", "summary"]);
        assert_eq!(value["version"], 1);
    }
}
