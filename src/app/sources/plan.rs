//! Planning: what must be looked up for each source of a claims file, and for each identifier a
//! reviewer added. No cache and no network here: a plan says *what*, [`super::lookup`] says
//! *how*.

use std::collections::BTreeSet;

use crate::model::{Claim, Identifier, Source, SourceKind};
use crate::resolve::{self, CitationQuery};

/// What must be looked up for one source.
#[derive(Debug, Clone)]
pub(super) enum Plan {
    /// A web page: nothing to fetch.
    NotResearch,
    /// Nothing can be looked up, and why.
    Missing(String),
    /// A research identifier.
    Id(Identifier),
    /// A citation in words, searchable.
    Citation(CitationQuery),
}

/// A source's identity in the output.
pub(super) struct Head {
    pub id: String,
    pub kind: SourceKind,
    pub url: Option<String>,
    pub text: String,
}

/// The sources, then reviewers' added identifiers that are not already sources, each with
/// what must be looked up.
pub(super) fn entries(sources: &[Source], claims: &[Claim]) -> Vec<(Head, Plan)> {
    let mut out = Vec::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for s in sources {
        ids.insert(s.id.clone());
        out.push((
            Head {
                id: s.id.clone(),
                kind: s.kind,
                url: s.url.clone(),
                text: s.text.clone(),
            },
            plan_source(s, claims),
        ));
    }
    for added in claims.iter().flat_map(|c| &c.added_sources) {
        let added = added.trim();
        if ids.contains(added) {
            continue;
        }
        let (id, kind, plan) = plan_added(added);
        if !ids.insert(id.clone()) {
            continue;
        }
        out.push((
            Head {
                id,
                kind,
                url: added.starts_with("http").then(|| added.to_owned()),
                text: added.to_owned(),
            },
            plan,
        ));
    }
    out
}

fn plan_source(s: &Source, claims: &[Claim]) -> Plan {
    match s.kind {
        SourceKind::Web => Plan::NotResearch,
        SourceKind::Citation => {
            let context: Vec<&str> = claims
                .iter()
                .filter(|c| c.sources.contains(&s.id))
                .map(|c| c.sentence.as_str())
                .collect();
            let q = resolve::citation_query(&s.text, &context);
            if q.is_searchable() {
                Plan::Citation(q)
            } else {
                Plan::Missing(format!(
                    "citation too vague to search (needs two of journal, first author, year): {:?}",
                    s.text
                ))
            }
        }
        _ => {
            match Identifier::parse(&s.id).or_else(|| s.url.as_deref().and_then(Identifier::parse))
            {
                Some(id) => Plan::Id(id),
                None => Plan::Missing(format!("no PubMed, PMC, DOI or Bookshelf id in {}", s.id)),
            }
        }
    }
}

/// A reviewer's added source: its id, kind and plan.
fn plan_added(added: &str) -> (String, SourceKind, Plan) {
    match Identifier::parse(added) {
        Some(ident) => (ident.source_id(), ident.kind(), Plan::Id(ident)),
        None if added.starts_with("http://") || added.starts_with("https://") => {
            (added.to_owned(), SourceKind::Web, Plan::NotResearch)
        }
        None => (
            added.to_owned(),
            SourceKind::Web,
            Plan::Missing(format!("not a source id or identifier: {added:?}")),
        ),
    }
}
