//! The evidence stage's vocabulary, as data in one place: words that name a control arm, a stage
//! of a study, a baseline or a criterion, a time; brand names; synonyms that fold outcome words
//! together; and stop words. Everything else (drug, device, procedure and outcome names) is read
//! from the text itself.

/// Words that make an arm a control arm: a claim about the treatment is never checked against
/// it. Matched as whole words; two-word forms are matched on their first word and checked by
/// [`control_phrase`].
pub const CONTROL_WORDS: &[&str] = &[
    "placebo",
    "placebos",
    "sham",
    "control",
    "controls",
    "saline",
    "vehicle",
    "waitlist",
    "wait-list",
    "dummy",
    "no-treatment",
    // The usual abbreviation of placebo in arm names ("AD + PBO").
    "pbo",
];

/// Two-word control arms ("usual care", "no acupuncture", "standard care").
pub fn control_phrase(first: &str, second: &str) -> bool {
    matches!(
        (first, second),
        ("usual", "care") | ("standard", "care") | ("wait", "list") | ("no", _) | ("as", "usual")
    ) && !matches!(
        second,
        "significant" | "difference" | "differences" | "change"
    )
}

/// Brand names and the generic names abstracts use for them.
pub const BRANDS: &[(&str, &str)] = &[
    ("spravato", "esketamine"),
    ("ketalar", "ketamine"),
    ("saxenda", "liraglutide"),
    ("victoza", "liraglutide"),
    ("wegovy", "semaglutide"),
    ("ozempic", "semaglutide"),
    ("rybelsus", "semaglutide"),
    ("mounjaro", "tirzepatide"),
    ("zepbound", "tirzepatide"),
    ("qsymia", "phentermine"),
    ("contrave", "naltrexone"),
    ("botox", "onabotulinumtoxina"),
    ("dysport", "abobotulinumtoxina"),
    ("xeomin", "incobotulinumtoxina"),
    ("jeuveau", "prabotulinumtoxina"),
    ("daxxify", "daxibotulinumtoxina"),
    ("kybella", "deoxycholic"),
    ("juvederm", "hyaluronic"),
    ("restylane", "hyaluronic"),
    ("sculptra", "poly-l-lactic"),
    ("veozah", "fezolinetant"),
    ("viagra", "sildenafil"),
    ("cialis", "tadalafil"),
    ("propecia", "finasteride"),
    ("rogaine", "minoxidil"),
    ("latisse", "bimatoprost"),
    ("androgel", "testosterone"),
    ("clomid", "clomiphene"),
    ("coolsculpting", "cryolipolysis"),
    ("hairmax", "lasercomb"),
    ("neurostar", "tms"),
];

/// Acronyms of treatments whose letters do not spell their words one by one, and a word of
/// the name they stand for ("ECT" is electroconvulsive therapy).
pub const ACRONYMS: &[(&str, &str)] = &[
    ("ect", "electroconvulsive"),
    ("lllt", "laser"),
    ("pbm", "photobiomodulation"),
    ("prp", "platelet-rich"),
    ("hrt", "hormone"),
    ("trt", "testosterone"),
];

/// The word an acronym's name contains, if `word` is one of [`ACRONYMS`].
pub fn expansion(word: &str) -> Option<&'static str> {
    ACRONYMS.iter().find(|(a, _)| *a == word).map(|(_, e)| *e)
}

/// The generic name of a brand, if `word` is one.
pub fn generic(word: &str) -> Option<&'static str> {
    BRANDS.iter().find(|(b, _)| *b == word).map(|(_, g)| *g)
}

/// Words that fold together when comparing what two figures measure. Each entry is
/// (canonical form, words that mean it).
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "response",
        &[
            "response",
            "responses",
            "responder",
            "responders",
            "respond",
            "responded",
            "responding",
        ],
    ),
    (
        "remission",
        &[
            "remission",
            "remissions",
            "remitter",
            "remitters",
            "remit",
            "remitted",
        ],
    ),
    (
        "relapse",
        &[
            "relapse",
            "relapses",
            "relapsed",
            "recurrence",
            "recurrences",
        ],
    ),
    (
        "survival",
        &["survival", "alive", "survive", "survived", "surviving"],
    ),
    ("death", &["death", "deaths", "died", "mortality"]),
    // A change "of 9 points" is a change in a score: points are what scores are counted in.
    ("score", &["score", "scores", "point", "points"]),
    ("female", &["female", "females", "woman", "women"]),
    ("male", &["male", "males", "man", "men"]),
    (
        "study",
        &[
            "study",
            "studies",
            "trial",
            "trials",
            "rct",
            "rcts",
            "experiment",
        ],
    ),
    (
        "participant",
        &[
            "participant",
            "participants",
            "patient",
            "patients",
            "subject",
            "subjects",
            "people",
            "persons",
            "adults",
            "adult",
            "individuals",
            "volunteers",
            "users",
        ],
    ),
    (
        "loss",
        &[
            "loss",
            "lost",
            "lose",
            "losing",
            "reduction",
            "reduced",
            "decrease",
        ],
    ),
    (
        "dropout",
        &[
            "dropout",
            "dropouts",
            "drop-out",
            "withdrawal",
            "discontinued",
            "discontinuation",
            "complete",
            "completed",
            "completing",
            "completion",
        ],
    ),
    (
        "adverse",
        &[
            "adverse",
            "side-effect",
            "side-effects",
            "toxic",
            "toxicity",
        ],
    ),
    (
        "session",
        &[
            "session",
            "sessions",
            "visit",
            "visits",
            "treatments",
            "infusions",
        ],
    ),
    ("hair", &["hair", "hairs"]),
];

/// The canonical word for `w`, if it is in a synonym set.
pub fn synonym(w: &str) -> Option<&'static str> {
    SYNONYMS
        .iter()
        .find(|(_, words)| words.contains(&w))
        .map(|(c, _)| *c)
}

/// Function words and words too general to tell two measures apart.
const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "and",
    "or",
    "as",
    "than",
    "that",
    "this",
    "these",
    "those",
    "their",
    "its",
    "his",
    "her",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "had",
    "has",
    "have",
    "who",
    "which",
    "after",
    "before",
    "during",
    "within",
    "over",
    "about",
    "approximately",
    "around",
    "nearly",
    "up",
    "more",
    "less",
    "least",
    "most",
    "all",
    "each",
    "both",
    "per",
    "vs",
    "versus",
    "compared",
    "total",
    "mean",
    "median",
    "average",
    "rate",
    "rates",
    "percentage",
    "percent",
    "proportion",
    "number",
    "group",
    "groups",
    "arm",
    "arms",
    "participant",
    "some",
    "any",
    "also",
    "only",
    "just",
    "generally",
    "typically",
    "usually",
    "significant",
    "significantly",
    "overall",
    "respectively",
    "achieved",
    "achieve",
    "reached",
    "reach",
    "showed",
    "show",
    "seen",
    "reported",
    "report",
    "found",
    "experienced",
    "experience",
    "received",
    "receiving",
    "receive",
    "treated",
    "taking",
    "on",
    "it",
    "they",
    "them",
    "we",
    "our",
    "not",
    "no",
    "did",
    "do",
    "can",
    "may",
    "will",
    "than",
    "while",
    "whereas",
    "into",
    "out",
    "among",
    "there",
    "such",
    "so",
    "but",
    "if",
    "when",
    "treatment",
    "therapy",
];

/// Whether `w` is a stop word.
pub fn is_stop(w: &str) -> bool {
    STOP.contains(&w)
}

/// Nouns that close an arm's name after a figure ("17.6% of the quetiapine group").
pub const GROUP_NOUNS: &[&str] = &["group", "groups", "arm", "arms", "cohort"];

/// Nouns for a dose: after a figure ("fell by 9 points with the 40 mg dose") they say whose
/// figure it is, not what it measures.
pub const DOSE_NOUNS: &[&str] = &["dose", "doses", "dosage", "dosing"];

/// Words that turn from one clause to another inside a sentence ("…, while scores in the sham
/// group fell"): a group named before one is no subject of the figure after it.
pub const CLAUSE_TURNS: &[&str] = &["while", "whereas", "but", "although", "though"];

/// Nouns for people: after an arm cue they say who was treated, not with what ("91% of
/// treated men").
pub const PEOPLE_NOUNS: &[&str] = &[
    "men",
    "women",
    "patients",
    "participants",
    "people",
    "adults",
    "subjects",
    "individuals",
    "children",
    "volunteers",
];

/// Words that open a clause giving a reason or a concession ("…, because every patient also
/// began a new drug"): what follows them is no part of the figure's own phrase.
pub const REASON_OPENERS: &[&str] = &["because", "although", "though"];

/// Words after a figure that introduce its arm ("62% of patients on Saxenda", "taking
/// Spravato", "who received esketamine", "given placebo").
pub const ARM_CUES: &[&str] = &[
    "on",
    "taking",
    "took",
    "receiving",
    "received",
    "given",
    "using",
    "treated",
];

/// Words that tie a count of people to a study ("the analysis pooled 17,922 patients", "90
/// participants were randomized"); forms of "study" and "trial" are found by their canonical
/// word. A count in a sentence without one is a clinic's tally or an estimate, not a study's.
pub const STUDY_WORDS: &[&str] = &[
    "meta-analysis",
    "analysis",
    "analyses",
    "review",
    "enrolled",
    "enrolling",
    "randomized",
    "randomised",
    "randomly",
    "cohort",
    "participants",
    "volunteers",
    "data",
    "pooled",
];

/// Words that are too general to name an arm ("the treatment group", "the study group").
pub const GENERIC_ARM_WORDS: &[&str] = &[
    "treatment",
    "study",
    "active",
    "intervention",
    "experimental",
    "each",
    "both",
    "two",
    "three",
    "four",
    "the",
    "a",
    "age",
    "dose",
    "doses",
    "total",
    "same",
    "other",
    "all",
    "either",
    "respective",
    "randomized",
    "randomised",
    "two-arm",
    "parallel",
    "original",
    "whole",
    "mg",
    "kg",
    "ml",
    "mcg",
    "µg",
    "g",
    "oral",
    "orally",
    "intravenous",
    "iv",
    "subcutaneous",
    "injection",
    "injections",
    "injected",
    "infusion",
    "infusions",
    "nasal",
    "spray",
    "tablet",
    "tablets",
    "capsule",
    "capsules",
    "once-daily",
    "once-weekly",
    "twice-daily",
    "daily",
    "weekly",
    "flexible",
    "fixed",
    "single",
    "repeated",
    "extended-release",
    "add-on",
    "adjunctive",
    "standard",
    "usual",
    "patients",
    "participants",
    "subjects",
];

/// The stage of a study a participant count belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Screened for eligibility.
    Screened,
    /// Enrolled, included or entered.
    Enrolled,
    /// Randomized or assigned.
    Randomized,
    /// Analysed, completed, evaluable or remaining.
    Analysed,
    /// Lost to follow-up, withdrew or dropped out: not a sample size.
    Lost,
}

/// The stage a word names.
pub fn stage(w: &str) -> Option<Stage> {
    Some(match w {
        "screened" | "screening" | "assessed" => Stage::Screened,
        "enrolled" | "enrollment" | "enrolment" | "included" | "entered" | "recruited"
        | "involving" | "totaling" | "totalling" | "comprising" => Stage::Enrolled,
        "randomized" | "randomised" | "randomly" | "assigned" | "allocated" => Stage::Randomized,
        "analyzed" | "analysed" | "analysis" | "evaluable" | "remaining" | "completed"
        | "completing" | "completers" | "treated" => Stage::Analysed,
        "lost" | "withdrew" | "discontinued" | "dropped" | "excluded" | "died" => Stage::Lost,
        _ => return None,
    })
}

/// The state a count of people names right after its number ("297 adults in remission", "121
/// who achieved stable response", "40 who relapsed"), as one canonical word.
pub fn person_state(w: &str) -> Option<&'static str> {
    Some(match w {
        "remission" | "remissions" | "remitted" | "remitters" | "remitter" => "remission",
        "response" | "responded" | "responders" | "responder" => "response",
        "relapse" | "relapsed" | "relapses" => "relapse",
        _ => return None,
    })
}

/// The states a count of people names in the words after it: up to the next number, the end of
/// its clause or a dozen words ("240 who achieved stable remission or stable response entered"
/// names both; "240 adults (mean age 44 years)" names none).
pub fn person_states_after(text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let clause_end = text
        .find(|c: char| matches!(c, ',' | ';' | '.' | ':' | '(' | '[') || c.is_ascii_digit())
        .unwrap_or(text.len());
    let words: Vec<String> = text[..clause_end]
        .split_whitespace()
        .take(12)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    for (k, w) in words.iter().enumerate() {
        // "whose depression had not responded": a state never reached describes who was
        // treated, not a group that reached it.
        let negated = words[k.saturating_sub(2)..k]
            .iter()
            .any(|n| matches!(n.as_str(), "not" | "no" | "never" | "without"));
        if let Some(state) = person_state(w).filter(|_| !negated) {
            if !out.contains(&state) {
                out.push(state);
            }
        }
    }
    out.sort_unstable();
    out
}

/// Words that say a clause states a criterion (a definition, an end point's threshold or an
/// eligibility rule), not a result.
pub const CRITERION_WORDS: &[&str] = &[
    "defined",
    "definition",
    "criteria",
    "criterion",
    "threshold",
    "eligible",
    "eligibility",
    "inclusion",
    "exclusion",
    "required",
    "cutoff",
    "cut-off",
];

/// Words for a share of people written without a percentage ("half of patients", "most
/// people"): a bounded percentage after one of them is the share's responder threshold.
pub const SHARE_WORDS: &[&str] = &[
    "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "most", "majority",
    "many", "some", "few",
];

/// Nouns that make a figure the gap between two arms ("a treatment difference of 12 points"),
/// not either arm's own result.
///
/// "ETD" is the usual abbreviation of an estimated treatment difference ("ETD: −12.4%").
pub const DIFFERENCE_NOUNS: &[&str] = &["difference", "differences", "etd"];

/// Nouns after a bounded percentage that make it a threshold of change ("a ≥50% reduction",
/// "at least 5% weight loss", "more than 10% of their body weight").
pub const CHANGE_NOUNS: &[&str] = &[
    "reduction",
    "decrease",
    "improvement",
    "increase",
    "decline",
    "drop",
    "loss",
    "weight",
    "body",
    "change",
    "fall",
];

/// Kinds of sessions a protocol counts apart, by the start of the word that names them
/// ("two preparatory and six integration sessions", "two booster infusions"): a
/// count of one kind never states a count of another, nor of all sessions.
pub const SESSION_KINDS: &[(&str, &str)] = &[
    ("prepar", "preparatory"),
    ("integrat", "integration"),
    ("booster", "booster"),
    ("mainten", "maintenance"),
    ("induction", "induction"),
    ("titrat", "titration"),
    ("screen", "screening"),
    ("experimental", "experimental"),
    ("consult", "consultation"),
];

/// The kinds of session `text` names ("six integration therapy sessions" → integration).
pub fn session_kinds(text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for t in super::text::tokens(text) {
        if let Some(&(_, kind)) = SESSION_KINDS.iter().find(|(p, _)| t.lower.starts_with(p)) {
            if !out.contains(&kind) {
                out.push(kind);
            }
        }
    }
    out
}

/// Names of a trial's phases ("a 4-week open-label induction phase", "a 16-week optimization
/// phase"): a time figure set before one of them and "phase" or "period" is that phase's length.
const PHASE_NAMES: &[&str] = &[
    "induction",
    "optimization",
    "optimisation",
    "maintenance",
    "continuation",
    "titration",
    "escalation",
    "withdrawal",
    "screening",
    "washout",
    "run-in",
    "extension",
    "posttreatment",
    "post-treatment",
    "follow-up",
    "taper",
    "tapering",
];

/// The phase a time figure is the length of: the phase names among the few words after it,
/// up to "phase" or "period" ("12-week optimization phase" → optimization). None when no
/// "phase" or "period" follows closely.
pub fn phase_of(after_figure: &str) -> Vec<&'static str> {
    // Only the first few words are read, so only they are split and lowered.
    let mut names = Vec::new();
    for word in after_figure.split_whitespace().take(6) {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_ascii_lowercase();
        if matches!(w.as_str(), "phase" | "phases" | "period" | "periods") {
            return names;
        }
        if let Some(&name) = PHASE_NAMES.iter().find(|n| **n == w) {
            names.push(name);
        }
    }
    Vec::new()
}

/// Words that mark a clause as describing participants at baseline.
pub const BASELINE_WORDS: &[&str] = &["baseline", "entry", "enrollment", "enrolment"];

/// Words that say a baseline mention is about change from it, which is a result.
pub const CHANGE_FROM_WORDS: &[&str] = &["from", "change", "changes", "increased", "decreased"];

/// Time units by name, in hours.
pub fn time_unit_hours(w: &str) -> Option<f64> {
    Some(match w {
        "minute" | "minutes" | "min" | "mins" => 1.0 / 60.0,
        "hour" | "hours" | "h" | "hr" | "hrs" => 1.0,
        "day" | "days" => 24.0,
        "week" | "weeks" | "wk" | "wks" => 24.0 * 7.0,
        "month" | "months" | "mo" => 24.0 * 30.4,
        "year" | "years" | "yr" | "yrs" => 24.0 * 365.25,
        _ => return None,
    })
}

/// Nouns for patients grouped by how they did at a time point ("day 2 nonresponders", "week 4
/// remitters"): the time before them names the group, not when a result was measured.
pub const SUBGROUP_BY_TIME: &[&str] = &[
    "responders",
    "nonresponders",
    "non-responders",
    "remitters",
    "nonremitters",
    "non-remitters",
    "completers",
];

/// The number a number word names: "one" to "twelve", tens, and hyphenated compounds
/// ("twenty-two", "seventy-eight"); "a"/"an" as one ("a year").
pub fn number_word(w: &str) -> Option<f64> {
    const UNITS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let unit = |x: &str| UNITS.iter().position(|u| *u == x).map(|i| i as f64);
    let ten = |x: &str| {
        TENS.iter()
            .position(|u| *u == x)
            .map(|i| (i as f64 + 2.0) * 10.0)
    };
    if matches!(w, "a" | "an") {
        return Some(1.0);
    }
    if let Some((t, u)) = w.split_once('-') {
        return Some(ten(t)? + unit(u).filter(|v| (1.0..10.0).contains(v))?);
    }
    unit(w).or_else(|| ten(w))
}

/// The unit a dose's unit word names ("mg", "milligrams", "IU"); "mg" followed by "/kg" is
/// read by [`super::dose`].
pub fn dose_unit(w: &str) -> Option<crate::model::Unit> {
    use crate::model::Unit;
    match w {
        "mg" | "milligram" | "milligrams" => Some(Unit::Mg),
        "iu" => Some(Unit::Iu),
        // Units of a product ("75 U", "the 50-unit dose" of a botulinum toxin).
        "u" | "unit" | "units" => Some(Unit::Units),
        _ => None,
    }
}

/// Words before "dose" that name a study's highest dose ("the top dose", "the high-dose arm").
pub const HIGH_DOSE_WORDS: &[&str] = &["highest", "high", "higher", "maximum", "top", "largest"];

/// Words before "dose" that name a study's lowest dose ("the starting dose", "low-dose").
pub const LOW_DOSE_WORDS: &[&str] = &[
    "lowest", "low", "lower", "starting", "initial", "smallest", "minimum",
];

/// Words that make a time after them a gap between repeats ("every 12 weeks"), not a length.
/// ("each" is not one: "each 45-minute session" is a session's length.)
pub const INTERVAL_WORDS: &[&str] = &["every"];

/// Words that are a gap between repeats on their own ("1 mg daily": once a day).
pub const INTERVAL_ADVERBS: &[&str] = &[
    "daily",
    "nightly",
    "weekly",
    "biweekly",
    "fortnightly",
    "monthly",
    "bimonthly",
    "quarterly",
    "yearly",
    "annually",
];

/// Words that make a time after them an age ("aged 50 years", "at the age of 65").
pub const AGE_WORDS: &[&str] = &["aged", "age", "ages"];
