//! A claim that states another arm's figure. Tolerance lets a close figure support a claim
//! (rounding, loose retelling), but when the claim's number is *exactly* what the abstract
//! reports for another arm, another dose or the control, for the very same measure, while its
//! own arm reports a figure that is only close, the likeliest story is a number taken from the
//! wrong arm. "Effects last 205 days" for the 100 mg dose, where the abstract gives 197 days
//! for 100 mg and 205 days for 50 mg, is then `differs`, never `supported`.
//!
//! It does not apply when the claim is approximate or a bound ("about 200 days", "up to 80%":
//! the wording states no one number), when an own-arm figure is itself exact, or when the
//! other arm's equal figure measures something else (another time point, threshold or
//! outcome).

use super::agreement::{exact, is_single};
use super::relevance::{relevance_in_any_arm, Exclusion, Target};
use super::{Candidate, EQUAL};

/// The figure of another arm that the claim states exactly, with why it was set aside, when
/// the claim's own equally relevant figures (`own`, all agreeing) are only close.
pub(super) fn borrowed<'c, 'a>(
    target: &Target,
    own: &[&Candidate<'a>],
    all: &'c [Candidate<'a>],
) -> Option<(&'c Candidate<'a>, Exclusion)> {
    let chosen = own.first()?;
    if !is_single(&target.value)
        || own.iter().any(|c| !is_single(&c.value))
        || own.iter().any(|c| exact(&target.value, &c.value))
    {
        return None;
    }
    // How well the claim's own figure states the measure, its arm aside: the other arm's
    // figure must state it as well.
    let own_score = relevance_in_any_arm(target, &chosen.reading, chosen.index).ok()?;
    all.iter().find_map(|c| {
        let why = match c.relevance {
            Err(
                why @ (Exclusion::ControlArm
                | Exclusion::TreatmentArm
                | Exclusion::OtherArm
                | Exclusion::Dose),
            ) => why,
            _ => return None,
        };
        let same_record = c.index.record.pmid == chosen.index.record.pmid;
        let as_relevant = relevance_in_any_arm(target, &c.reading, c.index)
            .is_ok_and(|score| score >= own_score - EQUAL);
        (same_record && exact(&target.value, &c.value) && as_relevant).then_some((c, why))
    })
}
