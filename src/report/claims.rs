//! The `extract` command's table: every claim found in an article, with the sources it is tied
//! to, for a person deciding whether the claims file needs editing before `check`.
//!
//! In: the claims and sources of one claims file. Out: a `String` (the caller prints it). Like the
//! check table it has a fixed width and never probes the terminal; with `color` off it holds no
//! escape codes.

use std::collections::HashSet;

use comfy_table::{Cell, Color};

use super::table::new_table;
use crate::model::{Claim, Source};

/// Renders `claims` as a table with the columns line:col, kind, value, quote and sources, then a
/// count line ("5 claims, 3 sources; 1 claim has no source").
///
/// A claim's sources are its `sources` ids followed by the ids and identifiers a reviewer added
/// (`added_sources`, marked `+`). An id that names no entry of `sources` and was not added by hand
/// is flagged `(unknown)`, since `check` cannot resolve it. A claim with no source shows `none`
/// (magenta when `color` is on: it will be reported as unsourced).
pub fn render_claims_table(claims: &[Claim], sources: &[Source], color: bool) -> String {
    let known: HashSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let mut out = String::new();
    if !claims.is_empty() {
        let mut table = new_table(color);
        table.set_header(["line:col", "kind", "value", "quote", "sources"]);
        for c in claims {
            table.add_row(vec![
                Cell::new(format!("{}:{}", c.location.line, c.location.column)),
                Cell::new(c.kind.as_str()),
                Cell::new(c.value.to_string()),
                Cell::new(format!("“{}”", c.quote)),
                sources_cell(c, &known, color),
            ]);
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    let unsourced = claims
        .iter()
        .filter(|c| c.sources.is_empty() && c.added_sources.is_empty())
        .count();
    out.push_str(&format!(
        "{} {}, {} {}",
        claims.len(),
        plural(claims.len(), "claim", "claims"),
        sources.len(),
        plural(sources.len(), "source", "sources"),
    ));
    if unsourced > 0 {
        out.push_str(&format!(
            "; {unsourced} {} no source",
            plural(unsourced, "claim has", "claims have")
        ));
    }
    out.push('\n');
    out
}

fn sources_cell(c: &Claim, known: &HashSet<&str>, color: bool) -> Cell {
    let mut ids: Vec<String> = c
        .sources
        .iter()
        .map(|id| {
            if known.contains(id.as_str()) {
                id.clone()
            } else {
                format!("{id} (unknown)")
            }
        })
        .collect();
    ids.extend(c.added_sources.iter().map(|id| format!("+{id}")));
    if ids.is_empty() {
        let cell = Cell::new("none");
        return if color { cell.fg(Color::Magenta) } else { cell };
    }
    Cell::new(ids.join("\n"))
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimKind, Location, SourceKind, SourceRole, Unit, Value};

    fn loc(line: u32, column: u32) -> Location {
        Location {
            line,
            column,
            start: 0,
            end: 0,
        }
    }

    fn claim(id: &str, line: u32, quote: &str, value: Value, sources: &[&str]) -> Claim {
        Claim {
            id: id.to_owned(),
            measure: Default::default(),
            scope: Default::default(),
            kind: ClaimKind::ResponseRate,
            value,
            subject: "infusion response rate".to_owned(),
            quote: quote.to_owned(),
            sentence: format!("In trials, {quote}."),
            location: loc(line, 7),
            sources: sources.iter().map(|s| (*s).to_owned()).collect(),
            ..Claim::default()
        }
    }

    fn sample() -> (Vec<Claim>, Vec<Source>) {
        let sources = vec![
            Source {
                id: "pmid:31000001".to_owned(),
                kind: SourceKind::Pubmed,
                url: Some("https://pubmed.ncbi.nlm.nih.gov/31000001/".to_owned()),
                text: "a 2019 trial".to_owned(),
                role: SourceRole::Inline,
                location: loc(14, 60),
            },
            Source {
                id: "doi:10.1000/example.2020.17".to_owned(),
                kind: SourceKind::Doi,
                url: Some("https://doi.org/10.1000/example.2020.17".to_owned()),
                text: "Okafor et al. 2020".to_owned(),
                role: SourceRole::Reference,
                location: loc(80, 5),
            },
        ];
        let mut added = claim(
            "remission_rate-77b2e0",
            21,
            "about 50% reach remission",
            Value {
                approx: true,
                ..Value::point(50.0, Unit::Percent)
            },
            &["pmid:31000001", "pmid:99999999"],
        );
        added.kind = ClaimKind::RemissionRate;
        added.added_sources = vec!["PMC7000001".to_owned()];
        let mut unsourced = claim(
            "session_duration-5e61aa",
            31,
            "Sessions: 40 minutes | twice weekly, for 4 weeks",
            Value::point(40.0, Unit::Minutes),
            &[],
        );
        unsourced.kind = ClaimKind::SessionDuration;
        let claims = vec![
            claim(
                "response_rate-3f9a1c",
                14,
                "between 60 and 70% of patients respond",
                Value::range(60.0, 70.0, Unit::Percent),
                &["pmid:31000001", "doi:10.1000/example.2020.17"],
            ),
            added,
            unsourced,
        ];
        (claims, sources)
    }

    #[test]
    fn snapshot() {
        let (claims, sources) = sample();
        insta::assert_snapshot!(render_claims_table(&claims, &sources, false));
    }

    #[test]
    fn flags_unknown_and_added_sources() {
        let (claims, sources) = sample();
        let text = render_claims_table(&claims, &sources, false);
        assert!(text.contains("pmid:99999999 (unknown)"), "{text}");
        assert!(!text.contains("pmid:31000001 (unknown)"), "{text}");
        assert!(text.contains("+PMC7000001"), "{text}");
        assert!(
            text.ends_with("3 claims, 2 sources; 1 claim has no source\n"),
            "{text}"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let (claims, sources) = sample();
        assert!(!render_claims_table(&claims, &sources, false).contains('\u{1b}'));
        assert!(render_claims_table(&claims, &sources, true).contains('\u{1b}'));
    }

    #[test]
    fn no_claims_is_just_the_count() {
        assert_eq!(
            render_claims_table(&[], &[], false),
            "0 claims, 0 sources\n"
        );
    }
}
