//! The claims file's types: what `extract` writes, a reviewer edits and `check` reads.
//!
//! The serde names here are a public contract (the claims file is version 2; `claims_file` reads
//! and migrates version 1). Every struct denies unknown fields so a typo in a hand-edited file is an
//! error, not silently dropped data.
//!
//! A claim's fields belong to one of two parties. The tool recomputes `value`, `quote`,
//! `sentence`, `context`, `location`, `suppressed`, `stale` and `extracted` on every extraction.
//! The reviewer owns `status`, `note` and `added_sources`; `kind`, `subject`, `scope`, `sources`
//! and the `measure` fields start as the tool's guess and become the reviewer's once edited (the
//! `extracted` fingerprints tell the two apart).

use serde::{Deserialize, Serialize};

use super::measure::{Measure, Scope};

/// The claims file format version this build reads and writes.
pub const CLAIMS_FILE_VERSION: u32 = 2;

/// A claims file: one article's claims and sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    /// [`CLAIMS_FILE_VERSION`] when written; when read, the version the file had (a version-1
    /// file is migrated as it is read, but its article path is still version 1's: as given on
    /// the command line).
    pub version: u32,
    /// The article the claims come from.
    pub article: ArticleMeta,
    /// Every source the article cites, links or names.
    pub sources: Vec<Source>,
    /// Every quantitative claim, in the article's order.
    pub claims: Vec<Claim>,
}

/// Which article a claims file describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// The article's path relative to the claims directory's root (the directory that holds
    /// `claims/`), with `/` separators; a URL as given; `-` for stdin.
    pub path: String,
    /// The article's title, if found.
    pub title: Option<String>,
    /// `sha256:<hex>` of the article's bytes when it was extracted.
    pub content_hash: String,
}

/// A quantitative claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable id, unique within a repository: derived from the article's path, the quote and its
    /// sentence when the claim is first extracted, then kept for as long as the claim exists.
    pub id: String,
    /// What the number measures.
    pub kind: ClaimKind,
    /// The number itself. Written without the defaults the reader fills in (`approx` false,
    /// `bound` null), which were two of a claim's lines that hardly ever say anything.
    #[serde(serialize_with = "value_without_defaults")]
    pub value: Value,
    /// What the number measures: intervention, comparator, population, outcome and time point.
    /// A reviewer may correct any field.
    #[serde(default, skip_serializing_if = "Measure::is_empty")]
    pub measure: Measure,
    /// A research claim, or a figure about the clinic itself (never checked).
    #[serde(default, skip_serializing_if = "Scope::is_research")]
    pub scope: Scope,
    /// What the number is about, naming treatment and measure.
    pub subject: String,
    /// The shortest phrase that states the number.
    pub quote: String,
    /// The sentence the quote is in.
    pub sentence: String,
    /// Tool-computed: fingerprints of the text before and after the sentence (and the quote's
    /// occurrence in it), which tell repeated sentences apart when reviews are carried over.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub context: String,
    /// Where the quote is in the input file.
    pub location: Location,
    /// Ids of the sources that stand by the claim.
    pub sources: Vec<String>,
    /// Tool-computed: how `sources` were attached to the claim (a link in its sentence, a
    /// footnote marker, the article's reference list…). Absent when the article cites nothing
    /// that could back the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
    /// The reviewer's verdict on the claim (never set by the tool).
    #[serde(default)]
    pub status: ReviewStatus,
    /// The reviewer's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sources a reviewer added by hand: a source id of this file, a PMID, `PMC…`, a DOI or a URL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added_sources: Vec<String>,
    /// Tool-computed: an author's `claimcheck-ignore` comment in the article covers the claim.
    #[serde(default, skip_serializing_if = "is_false")]
    pub suppressed: bool,
    /// Tool-computed: the claim is no longer in the article; kept for what a reviewer wrote.
    #[serde(default, skip_serializing_if = "is_false")]
    pub stale: bool,
    /// Tool-computed: fingerprints of the reviewer-editable fields as the tool last extracted
    /// them, so a reviewer's correction is kept and an untouched field follows the extractor.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub extracted: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A claim's `value` (and its measure's `time_point`) as claims files hold it: `low`, `high` and
/// `unit` always, `approx` and `bound` only when set. Reports keep writing all five, as
/// documented for them, and so do the fingerprints in `extracted`.
pub(super) fn value_without_defaults<S: serde::Serializer>(
    v: &Value,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let fields = 3 + usize::from(v.approx) + usize::from(v.bound.is_some());
    let mut out = s.serialize_struct("Value", fields)?;
    out.serialize_field("low", &v.low)?;
    out.serialize_field("high", &v.high)?;
    out.serialize_field("unit", &v.unit)?;
    if v.approx {
        out.serialize_field("approx", &v.approx)?;
    }
    if let Some(bound) = &v.bound {
        out.serialize_field("bound", bound)?;
    }
    out.end()
}

/// [`value_without_defaults`] for an optional value.
pub(super) fn optional_value_without_defaults<S: serde::Serializer>(
    v: &Option<Value>,
    s: S,
) -> Result<S::Ok, S::Error> {
    struct WithoutDefaults<'a>(&'a Value);
    impl Serialize for WithoutDefaults<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            value_without_defaults(self.0, s)
        }
    }
    match v {
        Some(v) => s.serialize_some(&WithoutDefaults(v)),
        None => s.serialize_none(),
    }
}

impl Default for Claim {
    /// An empty claim (kind `other`, no number), for building claims field by field.
    fn default() -> Self {
        Claim {
            id: String::new(),
            kind: ClaimKind::Other,
            value: Value::vague(Unit::Count),
            measure: Measure::default(),
            scope: Scope::default(),
            subject: String::new(),
            quote: String::new(),
            sentence: String::new(),
            context: String::new(),
            location: Location::default(),
            sources: Vec::new(),
            attachment: None,
            status: ReviewStatus::default(),
            note: None,
            added_sources: Vec::new(),
            suppressed: false,
            stale: false,
            extracted: String::new(),
        }
    }
}

/// Who decided the status a claim is checked with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// Nobody: the claim is unreviewed.
    Nobody,
    /// The reviewer, in the claims file.
    Reviewer,
    /// The article's author, with a `claimcheck-ignore` comment.
    Author,
    /// claimcheck: the claim is no longer in the article.
    Tool,
}

impl Claim {
    /// The status `check` acts on, and who decided it: a vanished claim is `stale`, an author's
    /// suppression makes it `ignored`, otherwise the reviewer's own status holds. The layers
    /// never overwrite each other, so removing the author's comment restores the reviewer's
    /// status.
    pub fn effective_status(&self) -> (ReviewStatus, DecidedBy) {
        if self.stale {
            (ReviewStatus::Stale, DecidedBy::Tool)
        } else if self.suppressed {
            (ReviewStatus::Ignored, DecidedBy::Author)
        } else if self.status == ReviewStatus::Unreviewed {
            (ReviewStatus::Unreviewed, DecidedBy::Nobody)
        } else {
            (self.status, DecidedBy::Reviewer)
        }
    }

    /// Whether `check` and `compare` skip the claim.
    pub fn is_skipped(&self) -> bool {
        self.effective_status().0.is_skipped()
    }

    /// Whether a reviewer wrote anything on the claim: a status, a note, added sources, or a
    /// correction of an editable field (`edited` says whether any field differs from the tool's).
    pub fn has_review(&self, edited: bool) -> bool {
        self.status != ReviewStatus::Unreviewed
            || self.note.as_ref().is_some_and(|n| !n.trim().is_empty())
            || !self.added_sources.is_empty()
            || edited
    }
}

/// The kind of measure a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// Share of patients who respond to a treatment.
    ResponseRate,
    /// Share of patients who remit.
    RemissionRate,
    /// Share of patients who relapse.
    RelapseRate,
    /// How soon a treatment works.
    OnsetTime,
    /// How common a condition is.
    Prevalence,
    /// How long a treatment's effect lasts.
    EffectDuration,
    /// How long one session or infusion takes.
    SessionDuration,
    /// How many sessions over how long.
    TreatmentCourse,
    /// An amount of drug.
    Dose,
    /// How many participants a study had.
    SampleSize,
    /// A number in a definition ("two or more antidepressants").
    DefinitionThreshold,
    /// Average or typical weight lost (as % of body weight, or in kg/lb).
    WeightLoss,
    /// Share of patients or procedures reaching an end point presented as success that is not a
    /// symptom response (live birth, 20/20 vision, an AHI target).
    SuccessRate,
    /// Share of patients with a side effect or adverse event.
    SideEffectRate,
    /// A money amount: fee, price, cost range, insurance maximum.
    Price,
    /// Time to heal or to resume activities after a procedure.
    RecoveryTime,
    /// A follow-up period, or the time point an outcome is reported at.
    FollowUp,
    /// Any other percentage.
    OtherPercentage,
    /// Any other number.
    Other,
}

impl ClaimKind {
    /// Every kind, in declaration order.
    pub const ALL: [ClaimKind; 19] = [
        ClaimKind::ResponseRate,
        ClaimKind::RemissionRate,
        ClaimKind::RelapseRate,
        ClaimKind::OnsetTime,
        ClaimKind::Prevalence,
        ClaimKind::EffectDuration,
        ClaimKind::SessionDuration,
        ClaimKind::TreatmentCourse,
        ClaimKind::Dose,
        ClaimKind::SampleSize,
        ClaimKind::DefinitionThreshold,
        ClaimKind::WeightLoss,
        ClaimKind::SuccessRate,
        ClaimKind::SideEffectRate,
        ClaimKind::Price,
        ClaimKind::RecoveryTime,
        ClaimKind::FollowUp,
        ClaimKind::OtherPercentage,
        ClaimKind::Other,
    ];

    /// The snake_case name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::ResponseRate => "response_rate",
            ClaimKind::RemissionRate => "remission_rate",
            ClaimKind::RelapseRate => "relapse_rate",
            ClaimKind::OnsetTime => "onset_time",
            ClaimKind::Prevalence => "prevalence",
            ClaimKind::EffectDuration => "effect_duration",
            ClaimKind::SessionDuration => "session_duration",
            ClaimKind::TreatmentCourse => "treatment_course",
            ClaimKind::Dose => "dose",
            ClaimKind::SampleSize => "sample_size",
            ClaimKind::DefinitionThreshold => "definition_threshold",
            ClaimKind::WeightLoss => "weight_loss",
            ClaimKind::SuccessRate => "success_rate",
            ClaimKind::SideEffectRate => "side_effect_rate",
            ClaimKind::Price => "price",
            ClaimKind::RecoveryTime => "recovery_time",
            ClaimKind::FollowUp => "follow_up",
            ClaimKind::OtherPercentage => "other_percentage",
            ClaimKind::Other => "other",
        }
    }
}

impl std::fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A claimed number: a point, a range, a bound or a vague statement with only a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    /// Lower end (equal to `high` for a point; `null` for a vague claim).
    pub low: Option<f64>,
    /// Upper end.
    pub high: Option<f64>,
    /// The unit.
    pub unit: Unit,
    /// Hedged: "around", "about", "approximately", "roughly", "~", "nearly".
    #[serde(default)]
    pub approx: bool,
    /// A one-sided claim: "at least", "up to", "more than", "fewer than".
    #[serde(default)]
    pub bound: Option<Bound>,
}

impl Value {
    /// A point value.
    pub fn point(v: f64, unit: Unit) -> Self {
        Value {
            low: Some(v),
            high: Some(v),
            unit,
            approx: false,
            bound: None,
        }
    }

    /// A range value.
    pub fn range(low: f64, high: f64, unit: Unit) -> Self {
        Value {
            low: Some(low),
            high: Some(high),
            unit,
            approx: false,
            bound: None,
        }
    }

    /// A vague value: a unit and no number ("within hours").
    pub fn vague(unit: Unit) -> Self {
        Value {
            low: None,
            high: None,
            unit,
            approx: false,
            bound: None,
        }
    }

    /// Whether the value has no number.
    pub fn is_vague(&self) -> bool {
        self.low.is_none() && self.high.is_none()
    }
}

impl std::fmt::Display for Value {
    /// "70–80%", "~30%", "≥2 count", "within hours".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let unit = self.unit.as_str();
        let sep = if self.unit == Unit::Percent { "" } else { " " };
        let prefix = match (self.bound, self.approx) {
            (Some(Bound::AtLeast), _) => "≥",
            (Some(Bound::AtMost), _) => "≤",
            (Some(Bound::MoreThan), _) => ">",
            (Some(Bound::LessThan), _) => "<",
            (None, true) => "~",
            (None, false) => "",
        };
        match (self.low, self.high) {
            (None, None) => write!(f, "{unit} (no number)"),
            (Some(lo), Some(hi)) if lo == hi => {
                // "1 week", not "1 weeks".
                let unit = if lo == 1.0 {
                    unit.strip_suffix('s')
                        .filter(|_| self.unit.hours().is_some())
                        .unwrap_or(unit)
                } else {
                    unit
                };
                write!(f, "{prefix}{}{sep}{unit}", fmt_num(lo))
            }
            (Some(lo), Some(hi)) => write!(f, "{prefix}{}–{}{sep}{unit}", fmt_num(lo), fmt_num(hi)),
            (Some(v), None) | (None, Some(v)) => write!(f, "{prefix}{}{sep}{unit}", fmt_num(v)),
        }
    }
}

/// Formats a number without a trailing `.0`.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// The unit of a [`Value`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Unit {
    /// Percent.
    #[serde(rename = "%")]
    Percent,
    /// Hours.
    #[serde(rename = "hours")]
    Hours,
    /// Minutes.
    #[serde(rename = "minutes")]
    Minutes,
    /// Days.
    #[serde(rename = "days")]
    Days,
    /// Weeks.
    #[serde(rename = "weeks")]
    Weeks,
    /// Months.
    #[serde(rename = "months")]
    Months,
    /// Years.
    #[serde(rename = "years")]
    Years,
    /// A count of things (patients, medications, sessions).
    #[serde(rename = "count")]
    Count,
    /// Milligrams.
    #[serde(rename = "mg")]
    Mg,
    /// Milligrams per kilogram of body weight.
    #[serde(rename = "mg/kg")]
    MgPerKg,
    /// "2 to 4 times".
    #[serde(rename = "fold")]
    Fold,
    /// US dollars.
    #[serde(rename = "USD")]
    Usd,
    /// Kilograms (body weight).
    #[serde(rename = "kg")]
    Kg,
    /// Pounds (body weight).
    #[serde(rename = "lb")]
    Lb,
    /// Pounds lost or gained per week.
    #[serde(rename = "lb/week")]
    LbPerWeek,
    /// Kilograms lost or gained per week.
    #[serde(rename = "kg/week")]
    KgPerWeek,
    /// Nanograms per decilitre (hormone levels).
    #[serde(rename = "ng/dL")]
    NgPerDl,
    /// Milligrams per decilitre (glucose, cholesterol).
    #[serde(rename = "mg/dL")]
    MgPerDl,
    /// International units.
    #[serde(rename = "IU")]
    Iu,
    /// Units of a product (Botox units).
    #[serde(rename = "units")]
    Units,
    /// Millilitres.
    #[serde(rename = "mL")]
    Ml,
    /// Syringes (dermal fillers).
    #[serde(rename = "syringes")]
    Syringes,
    /// Millimetres.
    #[serde(rename = "mm")]
    Mm,
    /// Square centimetres (an area of skin, fat or scalp).
    #[serde(rename = "cm2")]
    Cm2,
    /// Body-mass index.
    #[serde(rename = "kg/m2")]
    KgPerM2,
    /// Events per hour (the apnea-hypopnea index).
    #[serde(rename = "events/hour")]
    EventsPerHour,
    /// How often per day ("twice daily").
    #[serde(rename = "times/day")]
    PerDay,
    /// How often per week ("2x a week", "three sessions per week").
    #[serde(rename = "times/week")]
    PerWeek,
    /// How often per month ("twice a month").
    #[serde(rename = "times/month")]
    PerMonth,
    /// How often per year ("3 to 4 times a year", "twice yearly").
    #[serde(rename = "times/year")]
    PerYear,
}

impl Unit {
    /// Every unit, in declaration order.
    pub const ALL: [Unit; 30] = [
        Unit::Percent,
        Unit::Hours,
        Unit::Minutes,
        Unit::Days,
        Unit::Weeks,
        Unit::Months,
        Unit::Years,
        Unit::Count,
        Unit::Mg,
        Unit::MgPerKg,
        Unit::Fold,
        Unit::Usd,
        Unit::Kg,
        Unit::Lb,
        Unit::LbPerWeek,
        Unit::KgPerWeek,
        Unit::NgPerDl,
        Unit::MgPerDl,
        Unit::Iu,
        Unit::Units,
        Unit::Ml,
        Unit::Syringes,
        Unit::Mm,
        Unit::Cm2,
        Unit::KgPerM2,
        Unit::EventsPerHour,
        Unit::PerDay,
        Unit::PerWeek,
        Unit::PerMonth,
        Unit::PerYear,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Hours => "hours",
            Unit::Minutes => "minutes",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
            Unit::Count => "count",
            Unit::Mg => "mg",
            Unit::MgPerKg => "mg/kg",
            Unit::Fold => "fold",
            Unit::Usd => "USD",
            Unit::Kg => "kg",
            Unit::Lb => "lb",
            Unit::LbPerWeek => "lb/week",
            Unit::KgPerWeek => "kg/week",
            Unit::NgPerDl => "ng/dL",
            Unit::MgPerDl => "mg/dL",
            Unit::Iu => "IU",
            Unit::Units => "units",
            Unit::Ml => "mL",
            Unit::Syringes => "syringes",
            Unit::Mm => "mm",
            Unit::Cm2 => "cm2",
            Unit::KgPerM2 => "kg/m2",
            Unit::EventsPerHour => "events/hour",
            Unit::PerDay => "times/day",
            Unit::PerWeek => "times/week",
            Unit::PerMonth => "times/month",
            Unit::PerYear => "times/year",
        }
    }

    /// For time units, the number of hours in one unit.
    pub fn hours(self) -> Option<f64> {
        match self {
            Unit::Minutes => Some(1.0 / 60.0),
            Unit::Hours => Some(1.0),
            Unit::Days => Some(24.0),
            Unit::Weeks => Some(24.0 * 7.0),
            Unit::Months => Some(24.0 * 30.4),
            Unit::Years => Some(24.0 * 365.25),
            _ => None,
        }
    }
}

/// A one-sided claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// "at least", "or more", "a minimum of".
    AtLeast,
    /// "up to", "at most", "nearly", "as many as".
    AtMost,
    /// "more than", "over".
    MoreThan,
    /// "fewer than", "less than", "under".
    LessThan,
}

/// Where something is in the input file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte offset of the start in the input file.
    pub start: usize,
    /// Byte offset of the end in the input file.
    pub end: usize,
}

/// A reviewer's status for a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Nobody has looked at it yet.
    #[default]
    Unreviewed,
    /// A reviewer confirmed it is a claim worth checking.
    Accepted,
    /// A reviewer knows the claim's verdict (`differs`, `not_found`…) and accepts the claim as
    /// written; the note says why. `check` still reports it with the note, but it never fails a
    /// run.
    AcceptedWithNote,
    /// Not a real claim (a false positive); skipped by `check`.
    Rejected,
    /// A real claim that should not be checked; skipped by `check`.
    Ignored,
    /// The claim is no longer in the article. Only an effective status (see
    /// [`Claim::effective_status`]): the file records it as `"stale": true`.
    Stale,
}

impl ReviewStatus {
    /// Whether `check` should skip a claim with this status.
    pub fn is_skipped(self) -> bool {
        matches!(
            self,
            ReviewStatus::Rejected | ReviewStatus::Ignored | ReviewStatus::Stale
        )
    }

    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Unreviewed => "unreviewed",
            ReviewStatus::Accepted => "accepted",
            ReviewStatus::AcceptedWithNote => "accepted_with_note",
            ReviewStatus::Rejected => "rejected",
            ReviewStatus::Ignored => "ignored",
            ReviewStatus::Stale => "stale",
        }
    }
}

/// A source the article cites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id: `pmid:N`, `pmc:PMCN`, `doi:10.…`, `nbk:NBKN`, `web:<hash>`, `cite:<hash>`.
    pub id: String,
    /// What kind of source it is.
    pub kind: SourceKind,
    /// The link target, if it is a link.
    #[serde(default)]
    pub url: Option<String>,
    /// The anchor text, or the citation's words.
    pub text: String,
    /// Whether it sits inline next to claims or in the article's reference list.
    pub role: SourceRole,
    /// Where it is in the input file.
    pub location: Location,
}

/// The kind of a [`Source`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A PubMed record link (or europepmc MED).
    Pubmed,
    /// A PubMed Central article.
    Pmc,
    /// A DOI.
    Doi,
    /// An NCBI Bookshelf page.
    Bookshelf,
    /// A citation in words, with no link.
    Citation,
    /// Any other web page: not a research record.
    Web,
}

impl SourceKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Pubmed => "pubmed",
            SourceKind::Pmc => "pmc",
            SourceKind::Doi => "doi",
            SourceKind::Bookshelf => "bookshelf",
            SourceKind::Citation => "citation",
            SourceKind::Web => "web",
        }
    }
}

/// Where a source sits in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceRole {
    /// In the text, next to the claims it supports.
    Inline,
    /// In the article's reference list: it applies to every claim.
    Reference,
}

/// How a claim's sources were attached to it: what in the article ties them to the claim, and
/// where that is. Lets an editor see why a source was used, and correct it (`added_sources`,
/// or the claim's `sources`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// What cites the sources.
    pub how: CitedBy,
    /// Where that is, seen from the claim.
    pub found_in: FoundIn,
    /// The marker or citation as written: `3`, `2–4`, `*`, `Smith et al., 2019`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// Where the citation (the link, marker, source line or first reference) is in the input file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Attachment {
    /// Whether the claim cites its sources itself (its sentence, list item or paragraph, or the
    /// study its sentence refers back to), rather than the article citing them elsewhere.
    pub fn is_direct(&self) -> bool {
        !matches!(self.found_in, FoundIn::Section | FoundIn::Article)
    }
}

/// What cites a claim's sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CitedBy {
    /// A link, a URL or an identifier (PMID, PMCID, DOI, Bookshelf id) in the text.
    Link,
    /// A footnote or reference marker (`[1]`, `¹`, `(2,3)`, `*`, a `#ref1` link) resolved to a
    /// reference entry.
    Footnote,
    /// An author–year citation ("(Smith et al., 2019)", "Smith and Jones (2019)"), matched to a
    /// reference entry or searched for.
    AuthorYear,
    /// A study named in words ("a study published in the NEJM in 2015"), searched for.
    Named,
    /// A "Source:" line in the claim's section.
    SourceLine,
    /// The article's references (reference lists, footnotes and source lines).
    ReferenceList,
}

impl CitedBy {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            CitedBy::Link => "link",
            CitedBy::Footnote => "footnote",
            CitedBy::AuthorYear => "author_year",
            CitedBy::Named => "named",
            CitedBy::SourceLine => "source_line",
            CitedBy::ReferenceList => "reference_list",
        }
    }
}

/// Where the citation of a claim is, seen from the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundIn {
    /// The claim's sentence (a marker right after its full stop included).
    Sentence,
    /// The list item the claim is in.
    ListItem,
    /// Another sentence of the claim's paragraph (the paragraph's closing citation).
    Paragraph,
    /// An earlier sentence of the claim's section, which the claim's sentence refers back to
    /// ("the study found…").
    Earlier,
    /// The claim's section (its "Source:" line): article-level, not cited by the sentence.
    Section,
    /// The whole article (its references): article-level, not cited by the sentence.
    Article,
}
