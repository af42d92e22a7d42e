//! What a number measures: the one model shared by claims in articles and figures in abstracts.
//!
//! A claim ("ketamine relieves depression in 70% of patients within 24 hours") and an abstract
//! figure ("response at 24 hours was 64% with ketamine and 28% with midazolam, respectively") are
//! both a value plus a [`Measure`]: the intervention (and comparator arm where stated), the
//! condition or population, the outcome and the time point. The fields hold the sentence's own
//! words, not entries of a list of known treatments, so any drug, device, procedure or condition
//! fits. `check` and `compare` read these stored fields; a reviewer may correct them in the
//! claims file.

use serde::{Deserialize, Serialize};

use super::claims::Value;

/// What a figure measures, in the words of its sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The treatment, drug, device or procedure the figure is about ("semaglutide", "IV
    /// ketamine", "TMS"), lower-cased unless an acronym or brand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intervention: Option<String>,
    /// The comparator arm the figure is set against, where the sentence names one ("placebo").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<String>,
    /// The condition or population ("treatment-resistant depression", "adults with obesity").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<String>,
    /// The outcome in a word or two ("response", "remission", "weight loss", "nausea").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The time point the figure refers to ("at 24 hours", "after 68 weeks"), written without
    /// the defaults the reader fills in, as a claim's `value`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::claims::optional_value_without_defaults"
    )]
    pub time_point: Option<Value>,
}

impl Measure {
    /// Whether no field is known.
    pub fn is_empty(&self) -> bool {
        self.intervention.is_none()
            && self.comparator.is_none()
            && self.population.is_none()
            && self.outcome.is_none()
            && self.time_point.is_none()
    }
}

/// Whether a figure is a research claim or a fact about the clinic itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// A claim about a treatment, a condition or a study: checked against sources.
    #[default]
    Research,
    /// A figure about the clinic itself (its prices, years in practice, patients it has treated,
    /// opening hours): kept in the claims file, never checked and never failing a check.
    Clinic,
}

impl Scope {
    /// Whether this is the default, for `skip_serializing_if`.
    pub fn is_research(&self) -> bool {
        *self == Scope::Research
    }
}
