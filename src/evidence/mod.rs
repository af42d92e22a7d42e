//! The evidence stage: one claim and what its sources say in, a [`Finding`] out — a verdict, the
//! figures that decided it and a one-line reason.
//!
//! Pure: records come in already fetched. The figures in an abstract are found by the same
//! scanner that found the claim ([`crate::quantity`]), so both sides are read by one set of rules.
//! A figure bears on a claim when it states the same measure: the same kind, a unit of the same
//! family, the same treatment (when the abstract names one) and the same time point (when both
//! state one). Two values agree when they overlap once tolerance, approximation and bounds are
//! taken into account; see [`agrees`].

use crate::model::{
    collapse_whitespace, host, Bound, Claim, ClaimKind, Evidence, Finding, Record, Tolerance, Unit,
    Value, Verdict,
};
use crate::quantity::{self, Figure};

/// A record's abstract, read once: its sentences and the figures in each.
#[derive(Debug, Clone)]
pub struct RecordIndex {
    /// The record.
    pub record: Record,
    /// "Murrough et al. 2013, Am J Psychiatry".
    pub citation: String,
    sentences: Vec<(String, Vec<Figure>)>,
    main_treatment: Option<&'static str>,
}

impl RecordIndex {
    /// Reads the title and abstract of `record`.
    pub fn new(record: Record) -> Self {
        let mut sentences = Vec::new();
        let mut push = |text: &str| {
            for r in quantity::sentences::split(text, 0..text.len()) {
                let s = text[r].to_owned();
                let figs = quantity::figures(&s);
                sentences.push((s, figs));
            }
        };
        push(&record.title);
        for section in &record.abstract_sections {
            push(&section.text);
        }
        let lower = format!("{} {}", record.title, record.abstract_text()).to_ascii_lowercase();
        let main_treatment = if lower.contains("esketamine") {
            Some("esketamine")
        } else if lower.contains("ketamine") {
            Some("ketamine")
        } else {
            None
        };
        RecordIndex {
            citation: record.short_citation(),
            record,
            sentences,
            main_treatment,
        }
    }
}

impl RecordIndex {
    /// Every figure of the title and abstract, with the sentence that states it.
    pub fn figures(&self) -> impl Iterator<Item = (&str, &Figure)> {
        self.sentences
            .iter()
            .flat_map(|(s, figs)| figs.iter().map(move |f| (s.as_str(), f)))
    }

    /// The treatment the record is about when a figure names none (ketamine or esketamine).
    pub fn main_treatment(&self) -> Option<&'static str> {
        self.main_treatment
    }

    /// The study's size: the first participant count its abstract states.
    pub fn sample_size(&self) -> Option<u32> {
        self.figures()
            .find(|(_, f)| f.kind == ClaimKind::SampleSize)
            .and_then(|(_, f)| f.value.high)
            .map(|n| n as u32)
    }
}

/// A source figure that bears on the claim, with what orders it and describes it.
struct Candidate {
    evidence: Evidence,
    /// How far its value is from the claim's (0 when they overlap).
    distance: f64,
    /// The time point the figure refers to, for the reason line.
    time_point: Option<Value>,
}

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
    };
    if sources.is_empty() {
        finding.reason = "no source is cited for this claim".to_owned();
        return finding;
    }
    let target = ClaimTarget::of(claim);
    let mut evidence: Vec<Candidate> = Vec::new();
    let mut checked = Vec::new();
    let mut unverifiable = Vec::new();
    // A record both linked and inferred from a citation counts once, as linked.
    let mut ordered: Vec<&SourceOutcome<'_>> = sources.iter().collect();
    ordered.sort_by_key(|s| matches!(s.outcome, Outcome::Record { inferred: true, .. }));
    let mut seen_pmids = Vec::new();
    for s in ordered {
        match s.outcome {
            Outcome::Record { index, .. } if seen_pmids.contains(&index.record.pmid) => {}
            Outcome::Record { index, inferred } => {
                seen_pmids.push(index.record.pmid);
                let mut citation = index.citation.clone();
                if inferred {
                    citation.push_str(" (inferred from a citation)");
                }
                checked.push(citation.clone());
                for (sentence, figs) in &index.sentences {
                    for fig in figs {
                        if !target.matches(fig, index.main_treatment) {
                            continue;
                        }
                        let agree = agrees(&claim.value, &fig.value, tol);
                        evidence.push(Candidate {
                            evidence: Evidence {
                                source: s.source.to_owned(),
                                pmid: index.record.pmid,
                                citation: citation.clone(),
                                sentence: sentence.clone(),
                                figure: sentence[fig.range.clone()].to_owned(),
                                value: fig.value.clone(),
                                agrees: agree,
                            },
                            distance: distance(&claim.value, &fig.value),
                            time_point: fig.measure.time_point.clone(),
                        });
                    }
                }
            }
            Outcome::NotResearch { url } => unverifiable.push(format!(
                "{} is a web page, not a research record",
                host(url).unwrap_or_else(|| url.to_owned())
            )),
            Outcome::Unavailable { reason } => unverifiable.push(reason.to_owned()),
        }
    }
    // Agreeing figures first, then the nearest disagreeing ones.
    evidence.sort_by(|a, b| {
        b.evidence
            .agrees
            .cmp(&a.evidence.agrees)
            .then(a.distance.total_cmp(&b.distance))
            .then(a.evidence.pmid.cmp(&b.evidence.pmid))
    });
    let claimed = describe_claim(claim);
    if let Some(Candidate {
        evidence: best,
        time_point,
        ..
    }) = evidence.first()
    {
        finding.verdict = if best.agrees {
            Verdict::Supported
        } else {
            Verdict::Differs
        };
        finding.reason = format!(
            "claims {claimed}; {} reports {}{}",
            best.citation,
            best.value,
            describe_figure(claim.kind, time_point.as_ref())
        );
        finding.conflict = conflict(&evidence);
    } else if !checked.is_empty() {
        finding.verdict = Verdict::NotFound;
        finding.reason = format!(
            "claims {claimed}; no figure for {} in {}",
            kind_phrase(claim.kind),
            checked.join("; ")
        );
        if !unverifiable.is_empty() {
            finding
                .reason
                .push_str(&format!(" ({})", unverifiable.join("; ")));
        }
    } else {
        finding.verdict = Verdict::Unverifiable;
        finding.reason = format!("claims {claimed}; {}", unverifiable.join("; "));
    }
    finding.evidence = evidence.into_iter().take(3).map(|c| c.evidence).collect();
    finding
}

/// What a claim is about, recovered from its sentence with the same scanner.
struct ClaimTarget {
    kind: ClaimKind,
    unit: Unit,
    treatment: Option<&'static str>,
    time_point: Option<Value>,
}

impl ClaimTarget {
    fn of(claim: &Claim) -> Self {
        let fig = quantity::figures(&claim.sentence)
            .into_iter()
            .find(|f| collapse_whitespace(&claim.sentence[f.range.clone()]) == claim.quote);
        let treatment = fig
            .as_ref()
            .and_then(|f| {
                f.measure
                    .intervention
                    .as_deref()
                    .and_then(quantity::treatment_in)
            })
            .or_else(|| quantity::treatment_in(&claim.subject));
        ClaimTarget {
            kind: claim.kind,
            unit: claim.value.unit,
            treatment,
            time_point: fig.and_then(|f| f.measure.time_point),
        }
    }

    fn matches(&self, fig: &Figure, record_treatment: Option<&'static str>) -> bool {
        if fig.kind != self.kind || !same_family(self.unit, fig.value.unit) {
            return false;
        }
        let treatment_matters = !matches!(
            self.kind,
            ClaimKind::Prevalence | ClaimKind::SampleSize | ClaimKind::DefinitionThreshold
        );
        if treatment_matters {
            if let Some(want) = self.treatment {
                let have = fig
                    .measure
                    .intervention
                    .as_deref()
                    .and_then(quantity::treatment_in)
                    .or(record_treatment);
                if have.is_some_and(|h| h != want) {
                    return false;
                }
            }
        }
        if let (Some(a), Some(b)) = (&self.time_point, &fig.measure.time_point) {
            if !same_time(a, b) {
                return false;
            }
        }
        true
    }
}

fn same_family(a: Unit, b: Unit) -> bool {
    a == b || (a.hours().is_some() && b.hours().is_some())
}

fn same_time(a: &Value, b: &Value) -> bool {
    let (Some(ha), Some(hb)) = (hours_interval(a), hours_interval(b)) else {
        return true;
    };
    ha.0 <= hb.1 * 1.25 && hb.0 <= ha.1 * 1.25
}

fn hours_interval(v: &Value) -> Option<(f64, f64)> {
    let h = v.unit.hours()?;
    Some((v.low? * h, v.high? * h))
}

/// An interval `[lo, hi]` in a common scale (hours for times), open ends as infinities.
fn interval(v: &Value) -> Option<(f64, f64)> {
    let scale = v.unit.hours().unwrap_or(1.0);
    if v.is_vague() {
        // "within hours or days": hours up to two weeks; "weeks": a week up to a year.
        let h = v.unit.hours()?;
        let (lo, hi) = match v.unit {
            Unit::Hours => (1.0, 14.0 * 24.0),
            Unit::Days => (24.0, 8.0 * 7.0 * 24.0),
            Unit::Weeks => (7.0 * 24.0, 365.0 * 24.0),
            Unit::Months => (30.0 * 24.0, 5.0 * 365.0 * 24.0),
            _ => (h, h),
        };
        return Some((lo, hi));
    }
    let lo = v.low.unwrap_or(f64::NEG_INFINITY) * scale;
    let hi = v.high.or(v.low).unwrap_or(f64::INFINITY) * scale;
    Some(match v.bound {
        None => (lo, hi),
        Some(Bound::AtLeast | Bound::MoreThan) => (lo, f64::INFINITY),
        Some(Bound::AtMost | Bound::LessThan) => (0.0, hi),
    })
}

/// Whether a claimed value agrees with a source figure: their intervals overlap once widened by
/// the tolerance (percentage points for `%`, relative otherwise; doubled for an approximate
/// claim). Bounds open one end: "at least 2" agrees with 3, "up to 70%" with 64%.
pub fn agrees(claim: &Value, figure: &Value, tol: &Tolerance) -> bool {
    let (Some(c), Some(f)) = (interval(claim), interval(figure)) else {
        return false;
    };
    let widen = |v: f64| -> f64 {
        let base = if claim.unit == Unit::Percent {
            tol.percentage_points
        } else {
            v.abs() * tol.relative
        };
        if claim.approx {
            base * 2.0
        } else {
            base
        }
    };
    let lo = if c.0.is_finite() {
        c.0 - widen(c.0)
    } else {
        c.0
    };
    let hi = if c.1.is_finite() {
        c.1 + widen(c.1)
    } else {
        c.1
    };
    // A strict bound excludes its own value: "more than 85%" is not supported by 85%.
    let (f_lo, f_hi) = f;
    match claim.bound {
        Some(Bound::MoreThan) => f_hi > c.0 - widen(c.0) && f_hi >= lo,
        Some(Bound::LessThan) => f_lo < c.1 + widen(c.1) && f_lo <= hi,
        _ => f_lo <= hi && lo <= f_hi,
    }
}

/// How far a figure is from a claim, for ordering evidence (0 when they overlap).
fn distance(claim: &Value, figure: &Value) -> f64 {
    match (interval(claim), interval(figure)) {
        (Some(c), Some(f)) => {
            if f.1 < c.0 {
                c.0 - f.1
            } else if f.0 > c.1 {
                f.0 - c.1
            } else {
                0.0
            }
        }
        _ => f64::INFINITY,
    }
}

/// When the figures of two sources disagree with each other: a note naming both.
fn conflict(evidence: &[Candidate]) -> Option<String> {
    for (i, a) in evidence.iter().map(|c| &c.evidence).enumerate() {
        for b in evidence[i + 1..].iter().map(|c| &c.evidence) {
            if a.pmid == b.pmid {
                continue;
            }
            let tol = Tolerance::default();
            if a.agrees != b.agrees || !agrees(&a.value, &b.value, &tol) {
                return Some(format!(
                    "sources disagree: {} reports {}, {} reports {}",
                    a.citation, a.value, b.citation, b.value
                ));
            }
        }
    }
    None
}

fn describe_claim(claim: &Claim) -> String {
    if claim.value.is_vague() {
        format!("“{}”", claim.quote)
    } else {
        claim.value.to_string()
    }
}

/// " response at 24 hours": the measure and, for rates, the time point of the figure.
fn describe_figure(kind: ClaimKind, time_point: Option<&Value>) -> String {
    let short = match kind {
        ClaimKind::ResponseRate => " response",
        ClaimKind::RemissionRate => " remission",
        ClaimKind::RelapseRate => " relapse",
        ClaimKind::Prevalence => " prevalence",
        _ => "",
    };
    // Rates are reported at a time point ("64% response at 24 hours"); other figures are not.
    let time = match time_point {
        Some(t) if !short.is_empty() && kind != ClaimKind::Prevalence => format!(" at {t}"),
        _ => String::new(),
    };
    format!("{short}{time}")
}

fn kind_phrase(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::ResponseRate => "the response rate",
        ClaimKind::RemissionRate => "the remission rate",
        ClaimKind::RelapseRate => "the relapse rate",
        ClaimKind::OnsetTime => "onset time",
        ClaimKind::Prevalence => "prevalence",
        ClaimKind::EffectDuration => "how long the effect lasts",
        ClaimKind::SessionDuration => "session length",
        ClaimKind::TreatmentCourse => "the treatment course",
        ClaimKind::Dose => "the dose",
        ClaimKind::SampleSize => "the sample size",
        ClaimKind::DefinitionThreshold => "the definition threshold",
        ClaimKind::WeightLoss => "weight loss",
        ClaimKind::SuccessRate => "the success rate",
        ClaimKind::SideEffectRate => "the side-effect rate",
        ClaimKind::Price => "the price",
        ClaimKind::RecoveryTime => "recovery time",
        ClaimKind::FollowUp => "the follow-up period",
        ClaimKind::OtherPercentage => "this percentage",
        ClaimKind::Other => "this figure",
    }
}

#[cfg(test)]
mod tests;
