//! One line per verdict that an editor can check against the abstract: the chosen figure with its
//! arm and time point, and when it matters the figure that was not chosen and why ("the 71% is
//! at 2 weeks").

use super::reader::Role;
use super::relevance::{Exclusion, Target};
use super::Candidate;
use crate::model::{Claim, ClaimKind, Unit, Value};

/// A value as an editor reads it: "64%", "≥2", "8.4 kg" (a count needs no unit).
pub fn show(v: &Value) -> String {
    let s = v.to_string();
    match s.strip_suffix(" count") {
        Some(n) if v.unit == Unit::Count => n.to_owned(),
        _ => s,
    }
}

/// "70%", "70% at 24 hours", "“within hours”".
pub fn claimed(claim: &Claim) -> String {
    let value = if claim.value.is_vague() {
        format!("“{}”", claim.quote)
    } else {
        show(&claim.value)
    };
    match &claim.measure.time_point {
        Some(t) if claim.value.unit.hours().is_none() => format!("{value} at {t}"),
        _ => value,
    }
}

/// "63.2% weight loss at the ≥5% threshold with liraglutide at 56 weeks".
pub fn describe(c: &Candidate<'_>) -> String {
    let r = &c.reading;
    let mut out = show(&c.value);
    out.push_str(kind_word(r.kind, r.role));
    if let Some(stage) = r.stage {
        out.push_str(match stage {
            super::vocab::Stage::Screened => " screened",
            super::vocab::Stage::Enrolled => " enrolled",
            super::vocab::Stage::Randomized => " randomized",
            super::vocab::Stage::Analysed => " analysed",
            super::vocab::Stage::Lost => " lost to follow-up",
        });
    }
    if let Some(d) = &r.derived {
        out.push_str(&format!(" ({d})"));
    }
    if let Some(t) = &r.threshold {
        out.push_str(&format!(" at the {t} threshold"));
    }
    if let Some(a) = r.arm {
        out.push_str(&format!(" with {}", c.index.arms[a].label));
    }
    // In a trial of several doses each dose is an arm ("79% on 4 mg"); a dose is its own.
    if let Some(d) = r.dose.as_ref().filter(|_| r.kind != ClaimKind::Dose) {
        out.push_str(&format!(" on {d}"));
    }
    if let Some(t) = &r.time_point {
        out.push_str(&format!(" at {t}"));
    }
    if r.list.is_some() {
        out.push_str(" across subgroups");
    }
    out
}

fn kind_word(kind: ClaimKind, role: Role) -> &'static str {
    if role == Role::Baseline {
        return " at baseline";
    }
    match kind {
        ClaimKind::ResponseRate => " response",
        ClaimKind::RemissionRate => " remission",
        ClaimKind::RelapseRate => " relapse",
        ClaimKind::WeightLoss => " weight loss",
        ClaimKind::SampleSize => " participants",
        ClaimKind::Prevalence => " prevalence",
        _ => "",
    }
}

/// The reason for `supported` or `differs`.
pub fn decided(
    claimed: &str,
    chosen: &Candidate<'_>,
    runner_up: Option<&Candidate<'_>>,
    all: &[Candidate<'_>],
) -> String {
    let mut out = format!(
        "claims {claimed}; {} reports {}",
        chosen.citation,
        describe(chosen)
    );
    if let Some(r) = runner_up {
        if r.index.record.pmid == chosen.index.record.pmid {
            out.push_str(&format!(
                "; the {} is {}",
                show(&r.value),
                difference(r, chosen)
            ));
        } else {
            out.push_str(&format!(
                "; {} reports {}, a less close match",
                r.citation,
                describe(r)
            ));
        }
    } else if !chosen.agrees {
        if let Some((c, why)) = misleading(all) {
            out.push_str(&format!(
                "; the {} is {}",
                show(&c.value),
                excluded_because(c, why)
            ));
        }
    }
    out
}

/// The reason when the claim's number is exactly another arm's figure and its own arm's is only
/// close: "claims 205 days; X reports 197 days on 100 mg, close but not the claimed figure;
/// 205 days is the 50 mg dose's figure for the same measure".
pub fn borrowed(
    claimed: &str,
    own: &Candidate<'_>,
    other: &Candidate<'_>,
    why: Exclusion,
) -> String {
    format!(
        "claims {claimed}; {} reports {}, close but not the claimed figure; {} is {} figure for the same measure ({})",
        own.citation,
        describe(own),
        show(&other.value),
        excluded_because(other, why),
        describe(other)
    )
}

/// Why an excluded figure is another measure, in the abstract's own terms: "the placebo arm's",
/// "at 2 weeks", "at the ≥10% threshold", "a threshold or criterion, not a result".
fn excluded_because(c: &Candidate<'_>, why: Exclusion) -> String {
    let r = &c.reading;
    match why {
        Exclusion::ControlArm | Exclusion::TreatmentArm | Exclusion::OtherArm => match r.arm {
            Some(a) => format!("the {} arm's", c.index.arms[a].label),
            None => why.describe().to_owned(),
        },
        Exclusion::Dose => match &r.dose {
            Some(d) => format!("the {d} dose's"),
            None => why.describe().to_owned(),
        },
        Exclusion::Time => match r.time_point.as_ref().or(c.index.end_point.as_ref()) {
            Some(t) => format!("at {t}"),
            None => why.describe().to_owned(),
        },
        Exclusion::Threshold => match &r.threshold {
            Some(t) => format!("at the {t} threshold"),
            None => "without a threshold".to_owned(),
        },
        _ => why.describe().to_owned(),
    }
}

/// What sets a runner-up apart from the chosen figure.
fn difference(r: &Candidate<'_>, chosen: &Candidate<'_>) -> String {
    let (a, b) = (&r.reading, &chosen.reading);
    if a.time_point != b.time_point {
        return match &a.time_point {
            Some(t) => format!("at {t}"),
            None => "with no time point".to_owned(),
        };
    }
    if a.arm != b.arm {
        if let Some(arm) = a.arm {
            return format!("with {}", r.index.arms[arm].label);
        }
    }
    if a.threshold != b.threshold {
        if let Some(t) = &a.threshold {
            return format!("at the {t} threshold");
        }
    }
    // The words that set it apart ("response" where the chosen figure is about remission).
    let own: Vec<&str> = a
        .outcome
        .iter()
        .filter(|w| !b.outcome.contains(w))
        .take(3)
        .map(String::as_str)
        .collect();
    if own.is_empty() {
        "a less close match".to_owned()
    } else {
        format!("about “{}”, a less close match", own.join(" "))
    }
}

/// An excluded figure that agrees with the claim (the likeliest misreading of the abstract):
/// a control arm, another time point, a threshold.
fn misleading<'c, 'a>(all: &'c [Candidate<'a>]) -> Option<(&'c Candidate<'a>, Exclusion)> {
    all.iter().find_map(|c| match c.relevance {
        Err(why)
            if c.agrees
                && matches!(
                    why,
                    Exclusion::ControlArm
                        | Exclusion::TreatmentArm
                        | Exclusion::OtherArm
                        | Exclusion::Time
                        | Exclusion::Threshold
                        | Exclusion::Role(Role::Criterion | Role::Baseline | Role::Interval)
                ) =>
        {
            Some((c, why))
        }
        _ => None,
    })
}

/// The reason for `not_found` (or `unverifiable` when no record could be read).
pub fn not_found(
    claimed: &str,
    target: &Target,
    all: &[Candidate<'_>],
    checked: &[String],
    unverifiable: &[String],
) -> String {
    if checked.is_empty() {
        return format!("claims {claimed}; {}", unverifiable.join("; "));
    }
    let mut out = format!(
        "claims {claimed}; no figure for {} in {}",
        measure_phrase(target),
        checked.join("; ")
    );
    let near = misleading(all).or_else(|| {
        all.iter().find_map(|c| match c.relevance {
            Err(why @ (Exclusion::Time | Exclusion::Threshold | Exclusion::ControlArm))
                if c.reading.kind == target.kind =>
            {
                Some((c, why))
            }
            _ => None,
        })
    });
    if let Some((c, why)) = near {
        out.push_str(&format!("; it reports {}, {}", describe(c), why.describe()));
    }
    if !unverifiable.is_empty() {
        out.push_str(&format!(" ({})", unverifiable.join("; ")));
    }
    out
}

/// "the response rate at 24 hours".
fn measure_phrase(target: &Target) -> String {
    let mut out = kind_phrase(target.kind).to_owned();
    if let Some(t) = &target.threshold {
        out.push_str(&format!(" at the {t} threshold"));
    }
    if let Some(t) = target
        .time_point
        .as_ref()
        .filter(|_| target.value.unit.hours().is_none())
    {
        out.push_str(&format!(" at {t}"));
    }
    out
}

/// The note when equally relevant figures disagree.
pub fn conflict(chosen: &Candidate<'_>, other: &Candidate<'_>) -> String {
    format!(
        "equally relevant figures disagree: {} reports {}; {} reports {}",
        chosen.citation,
        describe(chosen),
        other.citation,
        describe(other)
    )
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
