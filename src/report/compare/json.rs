//! The `json` format: the [`CompareReport`] as one pretty-printed, versioned JSON document.
//!
//! The field names are the serde names of the model types (`model::compare`) and form a public
//! contract; `version` changes when they do.

use std::io;

use crate::model::CompareReport;

/// Writes the report as pretty JSON with a final newline.
pub(super) fn render(report: &CompareReport, out: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::CompareFormat;
    use crate::model::CompareReport;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render_to_string(&sample_report(), CompareFormat::Json));
    }

    #[test]
    fn round_trips() {
        let report = sample_report();
        let text = render_to_string(&report, CompareFormat::Json);
        let back: CompareReport = serde_json::from_str(&text).unwrap();
        assert_eq!(back, report);
        assert!(text.starts_with("{\n  \"version\": 1,"));
    }
}
