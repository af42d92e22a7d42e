//! The `markdown` format: GitHub-flavoured Markdown with a section per measure: its counts and
//! spans, a table of the articles' claims, a table of the literature figures (PMIDs linked to
//! PubMed), the contradictions and what was left out.
//!
//! Every piece of text from an article or an abstract is escaped, so that a `|` cannot break a
//! table and a `<tag>` cannot vanish into HTML.

use std::io;

use super::{
    cited_by_text, flags, measure_meta, n_text, omitted_text, summary_text, time_point_text,
    value_text,
};
use crate::model::{CompareReport, MeasureGroup};
use crate::report::markdown::{cell, escape, one_line};

/// Writes the Markdown report.
pub(super) fn render(report: &CompareReport, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "# Claims compared across articles")?;
    writeln!(out)?;
    writeln!(out, "{}.", summary_text(report))?;
    for m in &report.measures {
        writeln!(out)?;
        render_measure(m, report.row_limit, out)?;
    }
    Ok(())
}

fn render_measure(m: &MeasureGroup, row_limit: usize, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "## {}", escape(&m.label))?;
    writeln!(out)?;
    writeln!(out, "`{}` · {}.", m.key, escape(&measure_meta(m)))?;
    if !m.claims.is_empty() {
        writeln!(out)?;
        writeln!(out, "| Article | Line | Value | Quote | Flags |")?;
        writeln!(out, "|---|---:|---|---|---|")?;
        for c in &m.claims {
            let flags: Vec<String> = flags(c)
                .iter()
                .map(|f| {
                    if f == "outlier" {
                        "**outlier**".to_owned()
                    } else {
                        escape(f)
                    }
                })
                .collect();
            writeln!(
                out,
                "| {} | {}:{} | {} | {} | {} |",
                cell(&escape(&c.article)),
                c.location.line,
                c.location.column,
                escape(&value_text(&c.value)),
                cell(&format!("“{}”", escape(&c.quote))),
                flags.join(", ")
            )?;
        }
    }
    if !m.literature.is_empty() {
        writeln!(out)?;
        writeln!(out, "Literature:")?;
        writeln!(out)?;
        writeln!(out, "| PMID | Study | Value | Sentence | Cited by |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for f in &m.literature {
            let study = [f.citation.as_str(), f.design.as_str(), &n_text(f)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(escape)
                .collect::<Vec<_>>()
                .join(", ");
            let value = [value_text(&f.value), time_point_text(f)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            writeln!(
                out,
                "| [{0}](https://pubmed.ncbi.nlm.nih.gov/{0}/) | {1} | {2} | {3} | {4} |",
                f.pmid,
                cell(&study),
                escape(&value),
                cell(&format!("“{}”", escape(&f.sentence))),
                cell(&escape(&cited_by_text(f)))
            )?;
        }
    }
    if !m.contradictions.is_empty() {
        writeln!(out)?;
        writeln!(out, "Contradictions:")?;
        writeln!(out)?;
        for c in &m.contradictions {
            writeln!(out, "- {}", one_line(&escape(&c.note)))?;
        }
    }
    if let Some(text) = omitted_text(m, row_limit) {
        writeln!(out)?;
        writeln!(out, "_Omitted: {}._", escape(&text))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::CompareFormat;
    use super::*;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render_to_string(&sample_report(), CompareFormat::Markdown));
    }

    #[test]
    fn pipes_cannot_break_a_table() {
        assert_eq!(cell(&escape("a | b\nc")), "a \\| b c");
    }
}
