//! The evidence stage: one claim and what its sources say in, a [`Finding`] out — a verdict, the
//! figures that decided it and a one-line reason an editor can check.
//!
//! Pure: records come in already fetched, and each is read once ([`RecordIndex`]). How it
//! decides:
//! 1. **Read** every abstract as trials report results ([`reader`]): each figure's role
//!    (result, threshold, baseline, interval…), arm, outcome, threshold and time point.
//! 2. **Choose by relevance, never by agreement** ([`relevance`]): every figure of every source
//!    is scored against the claim's stored measure; figures of another measure are excluded
//!    (a control arm never stands for the treatment). The best-scoring figures decide; with
//!    none, the verdict is `not_found`.
//! 3. **Compare honestly** ([`agreement`]): tolerance that scales with the value, rounding,
//!    approximations as wide as their wording, bounds in both directions.
//!
//! Equally relevant figures that disagree (two sources, or time points the claim does not
//! choose between) never make a claim `supported`: the finding reports both. Figures about the
//! clinic itself are never checked.

pub mod agreement;
mod borrowed;
mod clause;
mod dated;
mod dose;
mod explain;
pub mod reader;
pub mod relevance;
pub mod text;
pub mod vocab;

pub use agreement::agrees;
pub use dated::defer_time_points;
pub use reader::{Reading, RecordIndex, Role, Section};

use crate::model::{host, Claim, ClaimKind, Evidence, Finding, Scope, Tolerance, Value, Verdict};
use relevance::{relevance, Exclusion, Target};

/// What one of a claim's sources turned out to be.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// A research record. `inferred` when it was found from a citation in words, not a link.
    Record {
        /// The record's figures.
        index: &'a RecordIndex,
        /// Found by a search from a citation, not named by the article.
        inferred: bool,
    },
    /// A web page that is not a research record.
    NotResearch {
        /// The link.
        url: &'a str,
    },
    /// A source that could not be checked (fetch failure, offline miss, unresolved citation).
    Unavailable {
        /// Why.
        reason: &'a str,
    },
}

/// One source of a claim and its outcome.
#[derive(Debug, Clone, Copy)]
pub struct SourceOutcome<'a> {
    /// The source's id in the claims file.
    pub source: &'a str,
    /// What it turned out to be.
    pub outcome: Outcome<'a>,
}

/// The reason given for a figure about the clinic itself.
pub const CLINIC_REASON: &str =
    "a figure about the clinic itself (not a research claim); not checked against sources";

/// A figure of one source, scored against the claim.
#[derive(Debug, Clone)]
struct Candidate<'a> {
    index: &'a RecordIndex,
    source: &'a str,
    citation: String,
    reading: Reading,
    /// For a list of subgroup values read as one range: its members.
    value: Value,
    relevance: Result<f64, Exclusion>,
    agrees: bool,
}

impl Candidate<'_> {
    fn score(&self) -> f64 {
        *self.relevance.as_ref().unwrap_or(&f64::NEG_INFINITY)
    }

    fn evidence(&self) -> Evidence {
        let sentence = self.index.sentence(self.reading.sentence);
        Evidence {
            source: self.source.to_owned(),
            pmid: self.index.record.pmid,
            citation: self.citation.clone(),
            sentence: sentence.to_owned(),
            figure: sentence
                .get(self.reading.range.clone())
                .unwrap_or_default()
                .to_owned(),
            value: self.value.clone(),
            agrees: self.agrees,
        }
    }
}

/// Figures this close to the best score count as equally relevant.
const EQUAL: f64 = 0.25;

/// Decides the verdict of `claim` given its sources.
pub fn assess(claim: &Claim, sources: &[SourceOutcome<'_>], tol: &Tolerance) -> Finding {
    let mut finding = Finding {
        claim_id: claim.id.clone(),
        kind: claim.kind,
        value: claim.value.clone(),
        subject: claim.subject.clone(),
        quote: claim.quote.clone(),
        sentence: claim.sentence.clone(),
        location: claim.location,
        verdict: Verdict::Unsourced,
        reason: String::new(),
        evidence: Vec::new(),
        conflict: None,
        review: claim.status,
        note: claim.note.clone(),
        attachment: claim.attachment.clone(),
        scope: claim.scope,
    };
    if claim.scope == Scope::Clinic {
        finding.reason = CLINIC_REASON.to_owned();
        return finding;
    }
    if sources.is_empty() {
        finding.reason = "no source is cited for this claim".to_owned();
        return finding;
    }
    let target = Target::of(claim);
    let (candidates, checked, unverifiable) = collect(&target, sources, tol);
    let claimed = explain::claimed(claim);
    let mut relevant: Vec<&Candidate<'_>> =
        candidates.iter().filter(|c| c.relevance.is_ok()).collect();
    // Best first; among equals, the record's own order (never agreement).
    relevant.sort_by(|a, b| b.score().total_cmp(&a.score()));
    let Some(best) = relevant.first() else {
        finding.verdict = if checked.is_empty() {
            Verdict::Unverifiable
        } else {
            Verdict::NotFound
        };
        finding.reason =
            explain::not_found(&claimed, &target, &candidates, &checked, &unverifiable);
        return finding;
    };
    let contenders: Vec<&Candidate<'_>> = relevant
        .iter()
        .copied()
        .filter(|c| c.score() >= best.score() - EQUAL)
        .collect();
    let decision = decide(&target, &contenders);
    finding.verdict = decision.verdict;
    let chosen = decision.chosen;
    let runner_up = relevant
        .iter()
        .copied()
        .filter(|c| c.score() < best.score() - EQUAL)
        .find(|c| c.agrees != chosen.agrees);
    finding.reason = explain::decided(&claimed, chosen, runner_up, &candidates);
    finding.conflict = decision
        .conflict
        .map(|other| explain::conflict(chosen, other));
    let mut evidence: Vec<Evidence> = vec![chosen.evidence()];
    // A close own-arm figure never supports a number that is exactly another arm's.
    let own: Vec<&Candidate<'_>> = contenders.iter().copied().filter(|c| c.agrees).collect();
    if let Some((other, why)) = (finding.verdict == Verdict::Supported)
        .then(|| borrowed::borrowed(&target, &own, &candidates))
        .flatten()
    {
        finding.verdict = Verdict::Differs;
        finding.reason = explain::borrowed(&claimed, chosen, other, why);
        evidence.push(other.evidence());
    }
    for c in contenders.iter().chain(relevant.iter()) {
        if evidence.len() >= 3 {
            break;
        }
        let e = c.evidence();
        if !evidence.contains(&e) {
            evidence.push(e);
        }
    }
    finding.evidence = evidence;
    finding
}

/// Every figure of every record source, scored; the citations checked; why others could not be.
fn collect<'a>(
    target: &Target,
    sources: &[SourceOutcome<'a>],
    tol: &Tolerance,
) -> (Vec<Candidate<'a>>, Vec<String>, Vec<String>) {
    let mut candidates = Vec::new();
    let mut checked = Vec::new();
    let mut unverifiable = Vec::new();
    // A record both linked and inferred from a citation counts once, as linked.
    let mut ordered: Vec<&SourceOutcome<'a>> = sources.iter().collect();
    ordered.sort_by_key(|s| matches!(s.outcome, Outcome::Record { inferred: true, .. }));
    let mut seen = Vec::new();
    for s in ordered {
        match s.outcome {
            Outcome::Record { index, .. } if seen.contains(&index.record.pmid) => {}
            Outcome::Record { index, inferred } => {
                seen.push(index.record.pmid);
                let mut citation = index.citation.clone();
                if inferred {
                    citation.push_str(" (inferred from a citation)");
                }
                checked.push(citation.clone());
                candidates.extend(record_candidates(target, index, s.source, &citation, tol));
            }
            Outcome::NotResearch { url } => unverifiable.push(format!(
                "{} is a web page, not a research record",
                host(url).unwrap_or_else(|| url.to_owned())
            )),
            Outcome::Unavailable { reason } => unverifiable.push(reason.to_owned()),
        }
    }
    (candidates, checked, unverifiable)
}

/// The figures of one record as candidates; a list of subgroup values is one range.
fn record_candidates<'a>(
    target: &Target,
    index: &'a RecordIndex,
    source: &'a str,
    citation: &str,
    tol: &Tolerance,
) -> Vec<Candidate<'a>> {
    let mut out: Vec<Candidate<'a>> = Vec::new();
    for r in &index.readings {
        let mut value = match r.list {
            Some(id) if out.iter().any(|c| c.reading.list == Some(id)) => continue,
            Some(id) => list_range(index, id).unwrap_or_else(|| r.value.clone()),
            None => r.value.clone(),
        };
        // "A mean change of -12.4%" states a weight loss of 12.4%.
        if target.kind == ClaimKind::WeightLoss && value.high.is_some_and(|h| h < 0.0) {
            let (lo, hi) = (value.low.map(f64::abs), value.high.map(f64::abs));
            value.low = hi;
            value.high = lo;
        }
        let rel = relevance(target, r, index);
        // A threshold ("at least 5%") is compared as the number it names, not as everything
        // above it, unless the claim is a threshold too ("at least two trials").
        let compared = if r.role == Role::Criterion && target.value.bound.is_none() {
            Value {
                bound: None,
                ..value.clone()
            }
        } else {
            value.clone()
        };
        out.push(Candidate {
            index,
            source,
            citation: citation.to_owned(),
            agrees: agrees(&target.value, &compared, tol),
            value,
            reading: r.clone(),
            relevance: rel,
        });
    }
    out
}

/// The range a list of subgroup values spans.
fn list_range(index: &RecordIndex, id: usize) -> Option<Value> {
    let members: Vec<&Reading> = index
        .readings
        .iter()
        .filter(|r| r.list == Some(id))
        .collect();
    let lo = members
        .iter()
        .filter_map(|r| r.value.low)
        .reduce(f64::min)?;
    let hi = members
        .iter()
        .filter_map(|r| r.value.high)
        .reduce(f64::max)?;
    Some(Value::range(lo, hi, members[0].value.unit))
}

/// The verdict among equally relevant figures.
struct Decision<'c, 'a> {
    verdict: Verdict,
    chosen: &'c Candidate<'a>,
    /// An equally relevant figure that disagrees with the chosen one.
    conflict: Option<&'c Candidate<'a>>,
}

fn decide<'c, 'a>(target: &Target, contenders: &[&'c Candidate<'a>]) -> Decision<'c, 'a> {
    let first = contenders[0];
    // A study's size is stated at several stages (screened, randomized, analysed; trials
    // eligible and included); a claim that names no stage agrees when it matches any of them.
    let sizes = contenders.iter().all(|c| c.reading.role == Role::Size);
    if target.kind == ClaimKind::SampleSize || sizes {
        let chosen = contenders
            .iter()
            .copied()
            .find(|c| c.agrees)
            .unwrap_or(first);
        return Decision {
            verdict: if chosen.agrees {
                Verdict::Supported
            } else {
                Verdict::Differs
            },
            chosen,
            conflict: None,
        };
    }
    let disagreeing = contenders.iter().copied().find(|c| !c.agrees);
    let agreeing = contenders.iter().copied().find(|c| c.agrees);
    match (agreeing, disagreeing) {
        (Some(a), None) => Decision {
            verdict: Verdict::Supported,
            chosen: a,
            conflict: None,
        },
        (None, _) => Decision {
            verdict: Verdict::Differs,
            chosen: first,
            conflict: None,
        },
        // Equally relevant figures disagree: never supported; both are reported.
        (Some(a), Some(d)) => Decision {
            verdict: Verdict::Differs,
            chosen: d,
            conflict: Some(a),
        },
    }
}

#[cfg(test)]
mod tests;
