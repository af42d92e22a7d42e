//! The vocabulary of claims, as data, in one place: number words, units, frequencies, the cue
//! words that say what a figure measures (its kind and outcome), clinic cues, labels and names
//! that hold digits, and the words that build an intervention or a population phrase.
//!
//! Every table entry carries sentences that must show its effect and sentences that must not,
//! the way Duckling keeps a corpus beside each rule: `lexicon::tests` runs them all through
//! [`super::figures`]. In a sentence, `[…]` marks the figure the entry is about (or, for
//! intervention and population words, the phrase the measure must name). To teach claimcheck a
//! new word, add it here with an example and a counterexample; the code that reads a sentence
//! holds no word lists of its own.
//!
//! Patterns are token sequences separated by spaces, matched against lower-cased tokens: a word
//! ending in `*` matches any word it begins ("respon*" matches "responders"), `?` matches one
//! optional word, and symbols are tokens of their own ("post - op", "20 / 20").

use crate::model::{ClaimKind, Unit};

/// One vocabulary entry: its patterns, what they mean, and the sentences that test it.
#[derive(Debug)]
pub(crate) struct Entry<T: 'static> {
    /// Token patterns (see the module header).
    pub(crate) patterns: &'static [&'static str],
    /// What a match means.
    pub(crate) means: T,
    /// Sentences that must show the entry's effect on the `[…]` figure or phrase (read only by
    /// the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) examples: &'static [&'static str],
    /// Sentences that must not.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) counterexamples: &'static [&'static str],
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/// Number words and their values. "hundred" and "thousand" multiply; the rest add, so
/// "seventy-one" is 71 and "one hundred and twenty" is 120.
pub(crate) const NUMBER_WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
    ("dozen", 12.0),
];

/// Ordinal words that number a period of time ("after the first month", "in the second
/// week"): a percentage stated at such a period is stated at its end.
pub(crate) const ORDINALS: &[(&str, f64)] = &[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
];

/// Words that make "the first year", "the following month" one unit of time counted from the
/// start ("lost most of it within the first year"): only these, since "the second week" is a
/// time point, not a length of time.
pub(crate) const PERIOD_ORDINALS: &[&str] = &["first", "following", "next"];

/// Words before "the first month" that make it the time a result is stated at.
pub(crate) const ORDINAL_PERIOD_LEADS: &[&str] = &[
    "after",
    "in",
    "during",
    "within",
    "by",
    "over",
    "at",
    "of",
    "through",
    "throughout",
];

/// Numbers written in words or symbols, with the value each phrase must read as (Duckling's
/// corpus shape: value, then phrases).
#[cfg(test)]
pub(crate) const NUMBER_CORPUS: &[(f64, &[&str])] = &[
    (
        71.0,
        &[
            "In the pilot, [seventy-one percent] of patients responded.",
            "Response reached [seventy one percent] by week six.",
        ],
    ),
    (25.0, &["[Twenty-five percent] of clients reported nausea."]),
    (41.0, &["[Forty-one patients] completed the program."]),
    (
        120.0,
        &["[One hundred and twenty patients] were enrolled at two sites."],
    ),
    (
        1500.0,
        &["We reviewed the charts of [fifteen hundred patients]."],
    ),
    (66.7, &["[⅔ of people] notice results within a month."]),
    (33.3, &["[⅓ of patients] need a second round."]),
    (
        50.0,
        &[
            "[More than half] of our clients finish the program.",
            "By their fifties, levels are [roughly half] what they were at twenty.",
            "Treatment gives you a [50/50] chance of avoiding surgery.",
            "[Half of patients] respond to the first drug.",
        ],
    ),
    (
        33.3,
        &[
            "[One in three] adults has high blood pressure.",
            "[A third of patients] stop treatment early.",
        ],
    ),
    (75.0, &["[3 out of 4] clients saw smoother skin."]),
    (66.7, &["[2 out of every 3] patients had a baby."]),
    (2.0, &["Research suggests [2 out of 100] men have it."]),
    (12.0, &["We have published [a dozen studies] on it."]),
    (
        8.9e6,
        &["[Some 8.9 million adults] take an antidepressant."],
    ),
    (4.38e10, &["The illness costs [$43.8 billion] a year."]),
];

/// Phrases that hold a number but state no figure.
#[cfg(test)]
pub(crate) const NOT_NUMBERS: &[&str] = &[
    "One of the first questions people ask is about cost.",
    "We treat one patient at a time.",
    "No two patients will have the same experience.",
    "Take a single payment or pay one week at a time.",
    "Most patients find it helpful; half the battle is showing up.",
    "The 20/20 vision guarantee covers both eyes.",
];

/// Words that scale the number before them: "8.9 million adults", "$43.8 billion".
pub(crate) const SCALE_WORDS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// Unicode vulgar fractions.
pub(crate) const UNICODE_FRACTIONS: &[(char, f64)] = &[
    ('½', 0.5),
    ('⅓', 1.0 / 3.0),
    ('⅔', 2.0 / 3.0),
    ('¼', 0.25),
    ('¾', 0.75),
    ('⅕', 0.2),
    ('⅖', 0.4),
    ('⅗', 0.6),
    ('⅘', 0.8),
    ('⅙', 1.0 / 6.0),
    ('⅛', 0.125),
];

/// Denominator words of a share ("a third of", "two-thirds of").
pub(crate) const FRACTION_WORDS: &[(&str, f64)] = &[
    ("third", 3.0),
    ("thirds", 3.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("fourth", 4.0),
    ("fourths", 4.0),
    ("fifth", 5.0),
    ("fifths", 5.0),
    ("tenth", 10.0),
    ("tenths", 10.0),
];

/// Words for how often, and the count per period they stand for.
pub(crate) const TIMES_WORDS: &[(&str, f64)] = &[("once", 1.0), ("twice", 2.0), ("thrice", 3.0)];

/// Words after which a share figure stands for a chance ("a 50/50 chance").
pub(crate) const CHANCE_NOUNS: &[&str] = &["chance", "chances", "odds", "split", "shot"];

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

/// Units written after a number. Time units are in [`TIME_UNITS`].
pub(crate) const UNITS: &[Entry<Unit>] = &[
    Entry {
        patterns: &[
            "%",
            "percent",
            "per cent",
            "pct",
            "percentage points",
            "- percent",
        ],
        means: Unit::Percent,
        examples: &[
            "Relief came for [60 percent] of clients.",
            "The figure was [60—65 per cent] overall.",
        ],
        counterexamples: &["A percentage of patients report fatigue."],
    },
    Entry {
        patterns: &[
            "mg / kg",
            "mg per kg",
            "milligrams per kilogram",
            "mg / kilogram",
        ],
        means: Unit::MgPerKg,
        examples: &["The usual dose is [0.5 mg/kg] over 40 minutes."],
        counterexamples: &["Each vial holds 50 mg of drug."],
    },
    Entry {
        patterns: &["mg", "milligrams", "milligram", "mgs"],
        means: Unit::Mg,
        examples: &["Doses step up to [2.4 mg] by month five."],
        counterexamples: &["The dose is 0.5 mg/kg of body weight."],
    },
    Entry {
        patterns: &[
            "lb / week",
            "lbs / week",
            "pounds per week",
            "pounds a week",
            "lbs per week",
            "lb per week",
            "pounds each week",
        ],
        means: Unit::LbPerWeek,
        examples: &["Most people lose [1–2 pounds per week] on the plan."],
        counterexamples: &["Most people lose 10 pounds in the first month."],
    },
    Entry {
        patterns: &[
            "kg / week",
            "kg per week",
            "kilograms per week",
            "kilos per week",
            "kg a week",
        ],
        means: Unit::KgPerWeek,
        examples: &["Patients lost [0.5 kg per week] on average."],
        counterexamples: &["Patients lost 5 kg over the study."],
    },
    Entry {
        patterns: &["kg", "kilograms", "kilogram", "kilos"],
        means: Unit::Kg,
        examples: &["Participants lost an average of [15.3 kg] over the trial."],
        counterexamples: &["The dose was 0.5 mg/kg."],
    },
    Entry {
        patterns: &["lb", "lbs", "pounds", "pound"],
        means: Unit::Lb,
        examples: &["Our clients lose [up to 30 pounds] in six months."],
        counterexamples: &["Expect to lose 1-2 pounds per week."],
    },
    Entry {
        patterns: &[
            "ng / dl",
            "nanograms per deciliter",
            "nanograms per decilitre",
            "ng per dl",
            "ng per deciliter",
            "ng per decilitre",
            "ng / deciliter",
        ],
        means: Unit::NgPerDl,
        examples: &[
            "Normal testosterone runs [300–1,000 ng/dL] in adult men.",
            "A level under [300 nanograms per deciliter] is considered low.",
            "Men had two morning levels below [300 ng per deciliter].",
        ],
        counterexamples: &["Levels were measured in nanograms per deciliter."],
    },
    Entry {
        patterns: &[
            "mg / dl",
            "milligrams per deciliter",
            "milligrams per decilitre",
            "mg per dl",
            "mg per deciliter",
            "mg per decilitre",
        ],
        means: Unit::MgPerDl,
        examples: &["A fasting glucose of [126 mg/dL] or higher means diabetes."],
        counterexamples: &["Glucose is reported in mg/dL."],
    },
    Entry {
        patterns: &["iu", "international units"],
        means: Unit::Iu,
        examples: &["Most adults take [1,000 to 2,000 IU] of vitamin D."],
        counterexamples: &["The IU is a unit of effect."],
    },
    Entry {
        patterns: &["units", "unit"],
        means: Unit::Units,
        examples: &[
            "The forehead usually takes [10 units] of Botox.",
            "Frown lines need [20-30 units].",
        ],
        counterexamples: &["Botox is priced at $11/ unit."],
    },
    Entry {
        patterns: &["ml", "milliliters", "millilitres", "cc"],
        means: Unit::Ml,
        examples: &["Each session uses [1 mL] of filler per side."],
        counterexamples: &["Bring a 500-page book."],
    },
    Entry {
        patterns: &["syringes", "syringe"],
        means: Unit::Syringes,
        examples: &[
            "Most lips need [one to two syringes] of filler.",
            "We start with [half a syringe] for a subtle change.",
            "Treatment often starts with [a half-full to full syringe].",
        ],
        counterexamples: &["Supplies include syringes and alcohol pads."],
    },
    Entry {
        patterns: &[
            "mm",
            "millimeters",
            "millimetres",
            "millimeter",
            "millimetre",
        ],
        means: Unit::Mm,
        examples: &["The punch tool is only [0.8–1.0 mm] wide."],
        counterexamples: &["We use millimeter-precise planning."],
    },
    Entry {
        patterns: &[
            "cm 2",
            "cm2",
            "cm ²",
            "sq cm",
            "sq . cm",
            "square centimeters",
            "square centimetres",
            "square centimeter",
            "square centimetre",
        ],
        means: Unit::Cm2,
        examples: &[
            "That is [6.8 cm2] of fat gone from the treated area.",
            "The patch covers about [4 square centimetres] of skin.",
        ],
        counterexamples: &["The incision is only 2 cm long."],
    },
    Entry {
        patterns: &["kg / m 2", "kg / m ²", "kg / m2", "kg / m^2"],
        means: Unit::KgPerM2,
        examples: &["It is approved for a BMI of [30 kg/m2] or more."],
        counterexamples: &["BMI is weight in kg divided by height in m2."],
    },
    Entry {
        patterns: &[
            "? events per hour",
            "? events / hour",
            "? events an hour",
            "? events / h",
        ],
        means: Unit::EventsPerHour,
        examples: &["Success meant [fewer than five respiratory events per hour] of sleep."],
        counterexamples: &["Events per hour are counted overnight."],
    },
    Entry {
        patterns: &["x", "×", "fold", "- fold"],
        means: Unit::Fold,
        examples: &[
            "Patients were [2-4x] more likely to respond.",
            "The new laser is [three-fold] faster.",
        ],
        counterexamples: &["Sessions are 2x a week for a month."],
    },
    Entry {
        patterns: &["dollars", "usd", "dollar"],
        means: Unit::Usd,
        examples: &["A session costs about [300 dollars] without insurance."],
        counterexamples: &["Save your dollars for later."],
    },
];

/// Time units, singular and plural. "h" only right after digits ("24 h").
pub(crate) const TIME_UNITS: &[(&str, Unit)] = &[
    ("minute", Unit::Minutes),
    ("minutes", Unit::Minutes),
    ("min", Unit::Minutes),
    ("mins", Unit::Minutes),
    ("hour", Unit::Hours),
    ("hours", Unit::Hours),
    ("hr", Unit::Hours),
    ("hrs", Unit::Hours),
    ("h", Unit::Hours),
    ("day", Unit::Days),
    ("days", Unit::Days),
    ("week", Unit::Weeks),
    ("weeks", Unit::Weeks),
    ("wk", Unit::Weeks),
    ("wks", Unit::Weeks),
    ("month", Unit::Months),
    ("months", Unit::Months),
    ("mo", Unit::Months),
    ("year", Unit::Years),
    ("years", Unit::Years),
    ("yr", Unit::Years),
    ("yrs", Unit::Years),
];

/// Time units that stand for a multiple of another: "two decades" is 20 years.
pub(crate) const SCALED_TIME_UNITS: &[(&str, f64, Unit)] = &[
    ("decade", 10.0, Unit::Years),
    ("decades", 10.0, Unit::Years),
];

/// Clinical indexes whose number carries an implied unit: "a BMI >30", "an AHI of <5".
pub(crate) const INDEXES: &[Entry<Unit>] = &[
    Entry {
        patterns: &["bmi", "body mass index", "body - mass index"],
        means: Unit::KgPerM2,
        examples: &[
            "It is for adults with a BMI [>30].",
            "Adults with a body mass index of [27] or more may qualify.",
        ],
        counterexamples: &["BMI is one of many numbers we track."],
    },
    Entry {
        patterns: &[
            "ahi",
            "apnea - hypopnea index",
            "apnea hypopnea index",
            "rdi",
        ],
        means: Unit::EventsPerHour,
        examples: &["Treatment worked for 42 percent, defined as an AHI of [<5]."],
        counterexamples: &["Your AHI is measured during a sleep study."],
    },
    Entry {
        // An age is a figure in years: "beyond the age of 45", "adults aged 18 to 65".
        patterns: &["age", "aged", "ages"],
        means: Unit::Years,
        examples: &[
            "Yearly checks are advised for anyone beyond the age of [45].",
            "Men over age [30] lose about 1% of their testosterone a year.",
            "The program is open to adults aged [18] and over.",
        ],
        counterexamples: &["Age is one factor among many."],
    },
    Entry {
        // A study's or an arm's size in the statistician's notation: "SGB (n=71)", "(N = 240)".
        patterns: &["n ="],
        means: Unit::Count,
        examples: &[
            "Patients received the block (n=[71]) or a sham injection.",
            "In the trial (N = [240]), most improved.",
        ],
        counterexamples: &[
            "Vitamin N is not a vitamin.",
            "Section n of the form asks about 3 things.",
        ],
    },
    Entry {
        patterns: &["a 1 c", "hba 1 c"],
        means: Unit::Percent,
        examples: &["Diabetes is diagnosed at an A1C of [6.5] or higher."],
        counterexamples: &["Ask about your A1C at the next visit."],
    },
];

/// Periods a rate is stated per: "2x a week", "three sessions per week", "twice daily".
pub(crate) const PERIODS: &[(&str, Unit)] = &[
    ("a week", Unit::PerWeek),
    ("per week", Unit::PerWeek),
    ("each week", Unit::PerWeek),
    ("every week", Unit::PerWeek),
    ("a wk", Unit::PerWeek),
    ("/ week", Unit::PerWeek),
    ("weekly", Unit::PerWeek),
    ("- weekly", Unit::PerWeek),
    ("a day", Unit::PerDay),
    ("per day", Unit::PerDay),
    ("each day", Unit::PerDay),
    ("daily", Unit::PerDay),
    ("a month", Unit::PerMonth),
    ("per month", Unit::PerMonth),
    ("each month", Unit::PerMonth),
    ("monthly", Unit::PerMonth),
    ("- monthly", Unit::PerMonth),
];

/// Periods per year, read only after "times", "x" or "twice" ("3 to 4 times a year", "twice
/// yearly"): after a noun ("2,000 patients a year") a year states a clinic's volume, not how
/// often a treatment is given.
pub(crate) const YEAR_PERIODS: &[&str] = &[
    "a year",
    "per year",
    "each year",
    "yearly",
    "annually",
    "/ year",
];

/// Words for a regular interval, and the interval they stand for: "biweekly" (every two weeks,
/// as maintenance schedules use it), "every other week", "monthly".
pub(crate) const INTERVAL_WORDS: &[Entry<(f64, Unit)>] = &[
    Entry {
        patterns: &[
            "biweekly",
            "bi - weekly",
            "every other week",
            "every two weeks",
            "fortnightly",
        ],
        means: (2.0, Unit::Weeks),
        examples: &[
            "Maintenance visits are recommended [biweekly] or monthly.",
            "The corrective phase is one visit per week or [every other week].",
        ],
        counterexamples: &["Our biweekly newsletter covers new research."],
    },
    Entry {
        patterns: &["every other day", "every second day", "every two days"],
        means: (2.0, Unit::Days),
        examples: &["Sessions are given daily or [every other day] until the wound closes."],
        counterexamples: &["We post a new article every week."],
    },
    Entry {
        patterns: &["bimonthly", "every other month"],
        means: (2.0, Unit::Months),
        examples: &["Booster infusions are given [every other month]."],
        counterexamples: &["Read the bimonthly magazine."],
    },
    Entry {
        patterns: &["monthly"],
        means: (1.0, Unit::Months),
        examples: &[
            "Most patients do well with a single [monthly] infusion.",
            "Maintenance sessions are recommended biweekly or [monthly].",
        ],
        counterexamples: &["We publish a monthly blog.", "Plans start at $300/monthly."],
    },
    Entry {
        patterns: &["weekly"],
        means: (1.0, Unit::Weeks),
        examples: &[
            "Injections are given [weekly] at the clinic.",
            "We see patients on a [weekly] basis for the first month.",
        ],
        counterexamples: &[
            "Your weekly dose may be raised.",
            "Read our weekly newsletter.",
        ],
    },
    Entry {
        patterns: &["yearly"],
        means: (1.0, Unit::Years),
        examples: &[
            "[Yearly] hearing checks are recommended after fifty.",
            "Implants need [yearly] check-ups to stay healthy.",
        ],
        counterexamples: &[
            "The annual burden of the illness is high.",
            "Read our yearly report on outcomes.",
        ],
    },
    Entry {
        patterns: &["daily"],
        means: (1.0, Unit::Days),
        examples: &["The pill is taken [daily] with food."],
        counterexamples: &["Daily life gets easier."],
    },
];

/// Nouns after which a regular-interval word is a schedule, not an adjective ("a monthly
/// infusion" is a schedule, "a weekly dose" and "a monthly newsletter" are not).
pub(crate) const SCHEDULED_NOUNS: &[&str] = &[
    "infusion*",
    "injection*",
    "session*",
    "visit*",
    "shot*",
    "appointment*",
    "treatment*",
    "follow*",
    "booster*",
    "maintenance",
    "adjustment*",
    "check*",
    "basis",
    "given",
    "administered",
    "injected",
    "scheduled",
    "recommended",
    "dosed",
    "taken",
    "used",
    "applied",
];

/// Nouns of one sitting: a time followed by "each"/"per" and one of them is the sitting's
/// length ("one to two hours per session"), even right after a count of sessions.
pub(crate) const SITTING_NOUNS: &[&str] = &[
    "session*",
    "treatment*",
    "visit*",
    "infusion*",
    "appointment*",
    "sitting*",
    "dive*",
    "drip*",
];

// ---------------------------------------------------------------------------------------------
// Count nouns
// ---------------------------------------------------------------------------------------------

/// The class of a noun a count governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NounClass {
    /// People: "27 participants" (a sample size, or patients a clinic treated).
    People,
    /// Treatments a patient has tried: "two antidepressants" (a definition threshold).
    Tried,
    /// Sessions of a course: "six infusions", "12 visits".
    Course,
}

/// Nouns of a score's units, counted by the number joined to them by a dash ("a 5.4-point
/// improvement"); the plural ("5.4 points") is an open noun like any other.
pub(crate) const SCORE_NOUNS: &[&str] = &["point"];

/// Count nouns by class. A plural noun in none of them still makes a count of kind `other`
/// ("5 dose strengths") unless it is in [`NOT_COUNTED`].
pub(crate) const COUNT_NOUNS: &[Entry<NounClass>] = &[
    Entry {
        patterns: &[
            "patients",
            "patient",
            "participants",
            "participant",
            "people",
            "persons",
            "adults",
            "adolescents",
            "children",
            "individuals",
            "subjects",
            "outpatients",
            "inpatients",
            "veterans",
            "women",
            "men",
            "volunteers",
            "respondents",
            "cases",
            "clients",
            "teens",
            "smokers",
            "users",
            "couples",
            "mothers",
            "girls",
            "boys",
            "seniors",
            "infants",
        ],
        means: NounClass::People,
        examples: &[
            "The pilot study enrolled [27 participants].",
            "In all, [2538 couples] chose to go on without testing.",
        ],
        counterexamples: &["COVID-19 patients were excluded."],
    },
    Entry {
        patterns: &[
            "medications",
            "medication",
            "medicines",
            "drugs",
            "antidepressants",
            "antidepressant",
            "classes",
            "class",
            "therapies",
            "trials",
        ],
        means: NounClass::Tried,
        examples: &["It is defined as failing [two or more antidepressants]."],
        counterexamples: &["Ketamine is one of many medications."],
    },
    Entry {
        patterns: &[
            "infusions",
            "infusion",
            "sessions",
            "session",
            "treatments",
            "treatment",
            "doses",
            "appointments",
            "visits",
            "courses",
            "injections",
            "injection",
            "shots",
            "adjustments",
            "cycles",
            "cycle",
            "rounds",
            "procedures",
            "boosters",
            "treatments",
            "transfers",
            "implants",
        ],
        means: NounClass::Course,
        examples: &[
            "We administer [six infusions] within two weeks.",
            "Most clients need [6 or less sessions].",
            "Many feel better after just [1 injection].",
        ],
        counterexamples: &["Ketamine treatment is one option among several."],
    },
];

/// Plural nouns that a number counts only as a list, a heading or a rating ("top 10 tips").
pub(crate) const NOT_COUNTED: &[&str] = &[
    "tips",
    "reasons",
    "ways",
    "things",
    "signs",
    "steps",
    "questions",
    "facts",
    "myths",
    "stars",
    "secrets",
    "mistakes",
    "ideas",
    "tricks",
    "examples",
    "locations",
    "offices",
    "parts",
    "phases",
    "stages",
    "types",
    "kinds",
    "categories",
    "barriers",
    "hormones",
    "options",
    "factors",
    "benefits",
    "symptoms",
    "reviews",
    "articles",
    "posts",
    "pages",
    "times",
    "words",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "others",
    "pages",
    "rules",
    "keys",
    "levels",
    "areas",
    "sides",
    "eyes",
    "teeth",
    "lips",
];

/// Endings of capitalized plurals that name people by where they live ("New Zealanders",
/// "Americans", "Londoners"): a number before one counts people, like "patients".
pub(crate) const DEMONYM_ENDINGS: &[&str] = &["ians", "eans", "ans", "landers", "oners"];

/// Words that may open an aside holding a bare number that counts the noun before it ("a
/// series of treatments, generally 6 to 12, …", "Number of drugs tried (ranges from 0–14)").
pub(crate) const APPOSITION_WORDS: &[&str] = &[
    "generally",
    "usually",
    "typically",
    "normally",
    "commonly",
    "often",
    "mostly",
    "about",
    "around",
    "approximately",
    "roughly",
    "between",
    "from",
    "ranges",
    "ranging",
    "range",
    "varies",
    "varying",
    "anywhere",
    "up",
    "to",
    "at",
    "least",
    "most",
];

/// Counts written as a bare number that refers back to its noun, or to people named by where
/// they live: the `[…]` figure must be a count.
#[cfg(test)]
pub(crate) const REFERRED_COUNT_CORPUS: &[&str] = &[
    "A course of treatments, [usually 8 to 10], is given over a month.",
    "It takes several sessions ([4-6 is typical]) to see a change.",
    "Number of prior medications tried ([ranges from 0–9])",
    "For most people the number of visits needed is [5].",
    "The clinic treats [about 20,000 New Zealanders] each year.",
    "Roughly [3 million Americans] live with the condition.",
];

/// Sentences where a bare number follows a noun or "number of" and counts nothing.
#[cfg(test)]
pub(crate) const NOT_REFERRED_CORPUS: &[&str] = &[
    "Among the participants, 12 dropped out early.",
    "Of all the treatments, one is approved for teens.",
    "A number of studies since 2015 have looked at it.",
    "The number of clinics grew in 2019, 2020 and 2021.",
    "Ask the Canadians at table 4.",
];

/// Words between a number and its noun that do not break the count ("six IV ketamine
/// infusions" reads as six infusions; "two of the infusions" does not).
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "for", "with", "and", "or", "is", "are", "was", "were",
    "be", "been", "can", "may", "will", "has", "have", "had", "do", "does", "did", "not", "no",
    "that", "this", "these", "those", "which", "who", "it", "its", "their", "our", "your", "my",
    "per", "each", "every", "than", "as", "at", "on", "by", "from", "into", "over", "after",
    "before", "within", "about", "up", "more", "less", "most", "some", "all", "any", "only",
    "just", "also", "very", "so", "but", "if", "when", "while", "out", "time", "times", "we",
    "you", "they", "he", "she", "i", "there", "here", "would", "should", "could", "must", "then",
    "between", "through", "during", "until", "since", "get", "take", "takes", "need", "needs",
    "make", "makes", "give", "given", "receive", "received", "include", "includes", "require",
    "requires", "see", "feel", "week", "weeks", "day", "days", "month", "months", "year", "years",
    "hour", "hours", "minute", "minutes", "what", "how", "why", "where", "new", "whose", "whom",
    "whether",
];

/// Words before a number that make it a label or an ordinal, never a figure ("Type 2
/// diabetes", "Phase 1", "Step 3", "Figure 8").
pub(crate) const LABELS: &[&str] = &[
    "type",
    "stage",
    "phase",
    "part",
    "step",
    "level",
    "grade",
    "class",
    "tier",
    "number",
    "no",
    "figure",
    "table",
    "chapter",
    "section",
    "category",
    "question",
    "item",
    "room",
    "suite",
    "unit",
    "version",
    "series",
    "lot",
    "day",
    "week",
    "month",
    "year",
    "session",
    "round",
    "visit",
    "cycle",
    "dose",
    "module",
    "lesson",
    "plan",
    "option",
    "package",
    "schedule",
    "study",
    "trial",
    "arm",
    "group",
    "model",
    "gen",
    "generation",
    "vol",
    "issue",
    "page",
    "line",
];

/// Sentences where a label word stands before a number and nothing is a figure.
#[cfg(test)]
pub(crate) const LABEL_CORPUS: &[&str] = &[
    "It is approved for Type 2 diabetes in adults.",
    "Phase 1: Immediate Post-Surgery care.",
    "Part 2: Do injections delay surgery?",
    "Step 3 is the consultation.",
    "The Figure-8 coil is standard.",
    "COVID-19 patients were excluded; IL-6 and PHQ-9 were recorded.",
    "Scores on the HAM-D-17 fell; SARS-CoV-2 testing was negative.",
    "GLP-1 drugs were tested in the SURMOUNT-1 trial.",
    // A single person's age in an example is no claim (a group's age is: "adults aged 45–80").
    "A dose of vitamin B12 was given.",
    "Patients in their 20s and 30s often ask.",
    "It is the 3rd most common cause.",
    "A 65-year-old man may have normal levels.",
];

// ---------------------------------------------------------------------------------------------
// Cues: what a figure measures
// ---------------------------------------------------------------------------------------------

/// The unit family a cue applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applies {
    /// Percentages (and shares: "one in three").
    Percent,
    /// Times (minutes to years, stated or vague).
    Time,
}

/// A cue: a phrase near a figure that says what it measures.
#[derive(Debug)]
pub(crate) struct Cue {
    /// The kind it points to.
    pub(crate) kind: ClaimKind,
    /// The outcome word stored in the measure ("response", "live birth").
    pub(crate) outcome: &'static str,
    /// Figures it applies to.
    pub(crate) applies: Applies,
    /// How many tokens away it still counts (in the figure's clause).
    pub(crate) reach: usize,
}

const fn cue(kind: ClaimKind, outcome: &'static str, applies: Applies, reach: usize) -> Cue {
    Cue {
        kind,
        outcome,
        applies,
        reach,
    }
}

use Applies::{Percent as P, Time as T};
use ClaimKind as K;

/// Cue words for percentages and times, each with its kind, outcome and reach.
pub(crate) const CUES: &[Entry<Cue>] = &[
    // Percentages.
    Entry {
        patterns: &["respon*", "improv*", "relie*", "benefit*", "notice*", "see* results", "feel* better", "good outcome*", "good result*", "less pain", "efficacy", "effective", "helped", "significant* better", "halved", "halve", "halving", "in half", "by half"],
        means: cue(K::ResponseRate, "response", P, 22),
        examples: &[
            "Studies show [70–80%] of patients who suffer from TRD experience meaningful benefit.",
            "Overall, [60%] of patients with knee arthritis had good outcomes and less knee pain.",
            "In our audit, [9 out of 10] patients feel better.",
            "TMS has a success rate of [70%], meaning most people find significant relief.",
            // Halving a symptom is how trials of migraine or pain define a response.
            "About [40%] of patients halved their migraine days.",
        ],
        counterexamples: &[
            "About [one-third] of patients do not experience significant relief.",
            "Only [10%] of patients receive the full dose, yet those who do report the most relief.",
        ],
    },
    Entry {
        patterns: &["remission*", "remit*", "symptom - free", "symptom free"],
        means: cue(K::RemissionRate, "remission", P, 22),
        examples: &["About [50%] of people experience complete remission."],
        counterexamples: &["Of patients in stable remission, [30%] relapsed."],
    },
    Entry {
        patterns: &["relapse*", "recurr*"],
        means: cue(K::RelapseRate, "relapse", P, 22),
        examples: &["Relapse was seen in [26.7%] with the nasal spray."],
        counterexamples: &["Most patients avoid relapse with maintenance infusions every [4 weeks]."],
    },
    Entry {
        patterns: &["prevalen*", "suffer*", "affects", "affect", "affecting", "impacts", "impacting", "diagnosed", "have it", "has it", "live with", "living with", "meet* the criteria", "meet* criteria", "meet* the definition", "fit* the definition", "fit* the criteria", "qualify", "resistant"],
        means: cue(K::Prevalence, "prevalence", P, 22),
        examples: &[
            "It is thought that [1%] of younger men suffer from low testosterone.",
            "Research indicates that approximately [2 out of 100] men may have it.",
            "TRD affects around [30%] of those diagnosed with depression.",
            "Nearly [1 in 4] teens experiences an anxiety disorder.",
            // "impacts" is how pages often say "affects".
            "Insomnia impacts roughly [10%] of adults in any given year.",
        ],
        counterexamples: &["Studies show [70–80%] of patients who suffer from TRD experience meaningful benefit."],
    },
    Entry {
        patterns: &["weight loss", "weight reduction", "body weight", "lose weight", "lost weight", "losing weight", "lost", "lose", "losing", "of their weight", "regain*"],
        means: cue(K::WeightLoss, "weight loss", P, 14),
        examples: &[
            "Trials showed average weight loss of [20-22%] of total body weight.",
            "In studies, there was a [15%] weight loss at 16 months.",
            "Patients on the drug lost [12%] of their body weight.",
        ],
        counterexamples: &["[90%] of clients have permanent hair loss."],
    },
    Entry {
        patterns: &["success*", "succeed*", "live birth*", "baby", "babies", "pregnan*", "20 / 20", "20 / 15", "20 / 25", "20 / 30", "20 / 40", "permanent*", "hair - free", "survival of the implant", "implant survival"],
        means: cue(K::SuccessRate, "success", P, 14),
        examples: &[
            "Oral appliance therapy had a success rate of [42 percent] for mild apnea.",
            "So [2 out of every 3] patients had a baby from one IVF cycle.",
            "With this laser my 20/20 rate is above [95%].",
            "Over [85 percent] of our patients see 20/40 or better without glasses.",
            "[90%] of clients have permanent hair loss in six sessions.",
        ],
        counterexamples: &["TMS has a success rate of [70%], meaning most people find significant relief."],
    },
    Entry {
        patterns: &["side effect*", "side - effect*", "adverse", "nausea", "nauseous", "vomit*", "diarrh*", "constipat*", "headache*", "dizz*", "bruis*", "swelling", "dissociat*", "hallucinat*", "drowsi*", "injection - site", "reactions", "complication*", "infection*", "seizure*"],
        means: cue(K::SideEffectRate, "side effects", P, 12),
        examples: &[
            "Nausea affected [up to 44%] of patients on semaglutide.",
            "Side effects occurred in [12%] of those treated.",
            "The risk of a seizure with this stimulation is about [0.1%].",
        ],
        counterexamples: &["Studies show [70%] of patients respond."],
    },
    Entry {
        patterns: &["retreatment*", "enhancement*", "cost*", "chance", "faster", "slower", "adheren*", "of nights", "cover*", "burden", "spending", "expens*", "decline*", "fall*", "drop*", "reimburs*", "recoup", "stop", "stopped", "discontinu*", "quit", "withdr*"],
        means: cue(K::OtherPercentage, "", P, 4),
        examples: &[
            "With the new laser my retreatment rate is [less than 1%].",
            "Some plans cover [50%] of the costs.",
            "Fewer than [5%] of patients stop because of side effects.",
        ],
        counterexamples: &["[75%] of patients respond to treatment."],
    },
    Entry {
        // Who was in a study ("(85%) were women"): a share of the sample, whatever condition
        // the sentence names.
        patterns: &["were women", "were men", "were female", "were male", "were white", "were black", "were married", "were employed", "were smokers", "were girls", "were boys", "are women", "are men", "are female", "are male", "female sex", "male sex"],
        means: cue(K::OtherPercentage, "", P, 4),
        examples: &[
            "Most patients in the trial [(70%)] were women, as migraine affects women more.",
            "Of those enrolled, [61%] were female and the mean age was 45.",
        ],
        counterexamples: &["About [10%] of women suffer from the condition."],
    },
    // Times.
    Entry {
        patterns: &["resum*", "return to", "returning to", "back to work", "back to normal", "recover*", "recovery", "heal", "heals", "healed", "healing", "downtime", "fuse", "fuses", "integrate*", "off work", "stay off", "off your feet", "reduce activit*", "limit activit*", "restrict activit*", "avoid strenuous", "avoid heavy", "no strenuous", "no heavy", "heavy lifting", "strenuous activit*", "strenuous exercise", "injuries", "injury", "strain", "strains", "sprain", "sprains", "fracture", "fractures", "wound", "wounds", "feel* ? normal", "feel* normal again"],
        means: cue(K::RecoveryTime, "recovery", T, 8),
        examples: &[
            "Most patients can resume daily activities [within 1-2 days].",
            "You can return to sports [in 4-6 weeks].",
            "The bone will fuse to the implant [in 4-6 months].",
            // Restrictions after a procedure last as long as the recovery.
            "Please stay off your feet for [two to three days] after the procedure.",
            "Reduce activity for [3 days] and use ice.",
            "Avoid heavy lifting for [one week].",
            // What an injury or a wound takes to get better is a recovery, not an onset.
            "Most sprains get better [in 3-6 weeks].",
            "A mild strain may improve [in 4 to 6 weeks].",
            "The eye usually feels fairly normal [within a day].",
        ],
        counterexamples: &[
            "Relief can start [within 24 hours] of treatment.",
            // "heal*" would take in "health": a health centre's session is no recovery.
            "A standard session at our health centre lasts [one hour].",
            // A time counted from an injury defines who is treated early.
            "Patients who start treatment [within 72 hours] of injury recover faster.",
        ],
    },
    Entry {
        patterns: &["follow - up", "follow up", "follow ups", "follow - ups", "followed up", "followed for", "were followed", "post - op", "post - operative", "postoperative", "come back", "check - up", "checkup", "post - treatment care", "semen analysis", "semen test*", "semen sample*", "sperm count", "blood test*", "blood work", "bloodwork", "lab work", "recheck*", "retest*"],
        means: cue(K::FollowUp, "follow-up", T, 8),
        examples: &[
            "No patient needed surgery during the [five-year] follow-up.",
            "Your doctor may ask you to come back [in 2 weeks].",
            "We now include [3 months] of post-op care.",
            // A test that checks the result is a follow-up, at the time it is done.
            "Bring in a semen analysis [eight weeks] after the operation.",
            "We repeat the blood test [6 weeks] after the first injection.",
            "Participants were followed for a mean of [33 months].",
        ],
        counterexamples: &[
            "Maintenance follow-ups are recommended [biweekly].",
            // A study's sample is its people, not a sample sent for testing.
            "Nearly half of the sample had been ill for [14 years].",
        ],
    },
    Entry {
        patterns: &["last", "lasts", "lasting", "lasted", "wear off", "wears off", "subside*", "persist*", "sustain*", "durab*", "length of response", "duration of response", "duration of effect", "length of effect", "maintained for", "loss of response"],
        means: cue(K::EffectDuration, "effect duration", T, 6),
        examples: &[
            "The effect of Botox lasts [approximately 3 months].",
            "Your results could also last [for more than a year].",
            "The average length of response is [a little more than a year].",
            // How long a gain held, and its end: "time to loss of response".
            "In responders the gain was maintained for [a median of 31 days].",
            "The median time to loss of response was [31 days] after the course.",
        ],
        counterexamples: &[
            "Each session typically lasts [19 minutes].",
            "Maintenance infusions are given [every 4 weeks].",
        ],
    },
    Entry {
        patterns: &["onset", "start*", "begin*", "notice*", "kick* in", "feel*", "work", "works", "working", "show*", "improv*", "relie*", "respon*", "alleviat*", "rapid*", "effects", "reduc*", "difference", "see results", "take effect", "take", "takes", "peak*", "maximum results", "maximal results", "full results", "final results", "visible results", "see ? results", "see ? ? results"],
        means: cue(K::OnsetTime, "onset", T, 10),
        examples: &[
            "The effect takes [approximately 2-5 days] to start working.",
            "You should start feeling a difference [in the first four to six weeks].",
            "Traditional antidepressants may take [4–6 weeks].",
            // The time until an effect peaks is an onset too.
            "Final results are usually visible after [about three months].",
            "Hair density typically peaks [around twelve months].",
            "You can expect visible results [in 3 months].",
        ],
        counterexamples: &["Relief from symptoms lasts [for six months to a year]."],
    },
    Entry {
        patterns: &["session*", "sitting*", "appointment*", "visit", "procedure*", "infusion*", "injection*", "drip*", "dose", "rest period", "monitoring", "observation", "treatment* take*", "treatment", "treatments", "long"],
        means: cue(K::SessionDuration, "session length", T, 8),
        examples: &[
            "Each session is about [2 hours] long.",
            "Administration is followed by a [2-hour] supervised rest period.",
            "A comfortable 500 mg dose takes [three to four hours].",
            "Each drip takes [30 to 45 minutes].",
            // Session cues read minutes and hours only, so "treatment" is safe here.
            "The treatment for each zone lasts [45 minutes].",
            "Expect 30 visits of [one to two hours] per treatment.",
        ],
        counterexamples: &[
            "We give six infusions over [two weeks].",
            "Treatment results last [about four months].",
        ],
    },
    Entry {
        patterns: &["infusions", "infusion", "sessions", "treatments", "injections", "visits", "shots", "series", "course", "program", "programme", "protocol", "phase", "plan", "given", "administered", "continuing", "taper*", "boosters", "booster", "maintenance", "treatment"],
        means: cue(K::TreatmentCourse, "course length", T, 10),
        examples: &[
            "Six treatments administered over [a three week period].",
            "You may be prescribed [a 10 week] program.",
            "Accelerated TMS treatments can be given [in 5 days].",
        ],
        counterexamples: &["The effect takes [approximately 2-5 days] to start working."],
    },
    Entry {
        patterns: &["trial*", "adequate", "defin*", "criteria", "criterion", "diagnos*", "qualif*", "eligib*"],
        means: cue(K::DefinitionThreshold, "definition", T, 30),
        examples: &["Each drug must be tried at an adequate dose for [at least six weeks]."],
        counterexamples: &["Improvement was seen [within 24 hours]."],
    },
];

/// Events a "within N of …" cut-off is measured from: the figure defines a group of patients
/// ("patients who begin treatment within 72 hours of injury"), it is no onset.
pub(crate) const CUTOFF_EVENTS: &[&str] = &[
    "injury",
    "diagnosis",
    "onset",
    "symptoms",
    "surgery",
    "trauma",
    "accident",
    "exposure",
    "birth",
    "stroke",
    "delivery",
    "the",
];

/// Sentences whose "within N of …" figure is a cut-off (`definition_threshold`).
#[cfg(test)]
pub(crate) const CUTOFF_CORPUS: &[&str] = &[
    "Patients who begin treatment [within 72 hours] of injury recover faster.",
    "It is most effective when started [within 6 hours] of stroke onset.",
];

/// Words that make a concentration a cut-off (`definition_threshold`) rather than a measured
/// level ("considered low", "normal range").
pub(crate) const THRESHOLD_WORDS: &[&str] = &[
    "normal",
    "low",
    "high",
    "range",
    "level",
    "levels",
    "below",
    "above",
    "under",
    "over",
    "threshold",
    "cut*",
    "consider*",
    "defin*",
    "diagnos*",
    "optimal",
    "deficien*",
    "less",
    "greater",
    "eligib*",
    "qualif*",
    "indicated",
];

/// Nouns that, right after a percentage, make it the size of a change ("50-90% improvement",
/// "a 20% reduction in the fat layer"), not the share of patients who improved.
pub(crate) const MAGNITUDE_NOUNS: &[&str] = &[
    "improvement",
    "reduction",
    "decrease",
    "increase",
    "regrowth",
    "gain",
    "lightening",
    "fading",
];

/// Sentence words that make a count of people in the millions a study's sample ("a registry of
/// 2 million patients"), not the size of a population (`prevalence`: "16 million Americans").
pub(crate) const STUDY_WORDS: &[&str] = &[
    "study",
    "studies",
    "trial",
    "trials",
    "registry",
    "records",
    "cohort",
    "database",
    "analysis",
    "enrolled",
    "participants",
];

/// Words that, just before a symptom, make it the thing a treatment reduces ("cut their
/// headache days in half", "fewer headache days"), not a side effect of the treatment.
pub(crate) const REDUCTION_WORDS: &[&str] = &[
    "cut",
    "cuts",
    "halve",
    "halved",
    "halves",
    "halving",
    "reduce",
    "reduced",
    "reduces",
    "reducing",
    "lower",
    "lowered",
    "lowers",
    "fewer",
    "less",
    "decrease",
    "decreased",
    "decreases",
    "prevent",
    "prevents",
    "prevented",
    "relieve",
    "relieves",
    "relieved",
];

/// Words right before a mass that make it a body weight ("someone weighing 200 pounds"), not
/// weight lost.
pub(crate) const WEIGHING_WORDS: &[&str] = &["weighing", "weighs", "weigh", "weighed"];

/// Verbs after "to" that make a time a wait for the effect ("two months to see the final
/// results", "a year to make the hormone take effect"), not a purpose ("worn for two weeks to
/// reduce swelling").
pub(crate) const WAIT_FOR_WORDS: &[&str] = &[
    "see", "notice", "feel", "work", "start", "begin", "kick", "take", "show", "appear",
];

/// Verbs of using a treatment: "used the gel for 2 years", "took the tablets for six months"
/// give how long it was taken (the course), not a cut-off or an effect.
pub(crate) const USE_VERBS: &[&str] = &[
    "used",
    "using",
    "took",
    "applied",
    "applying",
    "received",
    "receiving",
    "wore",
    "injected",
    "stayed",
    "remained",
    "recommended",
    "prescribed",
    "continued",
    "given",
    "administered",
];

/// What a share of can be, besides people, for it to be a success rate: procedures, cycles,
/// implants ("effective in more than 99% of the cases", "95% of implants are successful").
pub(crate) const PROCEDURE_BASES: &[&str] = &[
    "cases",
    "procedures",
    "operations",
    "surgeries",
    "implants",
    "cycles",
    "transfers",
    "treatments",
    "eyes",
    "grafts",
];

/// Words that say a figure is the bar something is counted by ("to be considered compliant,
/// the mask must be worn at least 4 hours a night").
pub(crate) const DEFINING_WORDS: &[&str] = &[
    "consider*",
    "defin*",
    "qualif*",
    "criteri*",
    "compliant",
    "complian*",
    "adherent",
    "count",
    "counts",
    "counted",
];

/// Verbs of a clinic's tally of people ("we have treated over 1,500 cases", "500+ patients
/// treated"): a count of the clinic's work, not a study's sample.
pub(crate) const TALLY_VERBS: &[&str] = &["treated", "served", "helped", "performed", "seen"];

/// Comparatives between a number and a time unit that make the figure a difference in a
/// count of days ("9.2 fewer headache days", "30 more days without pain"), not a duration.
pub(crate) const COMPARATIVE_COUNT_WORDS: &[&str] =
    &["fewer", "more", "less", "additional", "extra"];

/// Words that may stand between a number and its time unit without changing what it measures
/// ("12 consecutive months", "two full weeks", "3 straight days").
pub(crate) const SPAN_ADJECTIVES: &[&str] = &[
    "consecutive",
    "straight",
    "successive",
    "full",
    "whole",
    "entire",
    "continuous",
    "uninterrupted",
];

/// Symptoms and states that name a kind of day when set between a number and "days" ("8 to 9
/// headache days a month", "15 or more migraine days"): the figure counts days with the
/// symptom, not how long something lasts.
pub(crate) const SYMPTOM_DAY_WORDS: &[&str] = &[
    "headache",
    "migraine",
    "pain",
    "seizure",
    "drinking",
    "symptom",
    "bleeding",
    "spotting",
    "flare",
    "sick",
    "hospital",
    "abstinent",
    "disability",
];

/// Words before an age that make it a bound on who is meant ("beyond the age of 45", "men over
/// age 30"), a cut-off rather than a description of a group.
pub(crate) const AGE_BOUNDS: &[&str] = &[
    "over", "under", "beyond", "above", "below", "past", "after", "before", "older", "younger",
    "least", "until", "from", "than",
];

/// Local reactions to a procedure: a time they last or fade within is a recovery time
/// ("redness fades within a day or two", "swelling usually lasts less than 24 hours").
pub(crate) const REACTION_WORDS: &[&str] = &[
    "redness",
    "swelling",
    "bruising",
    "bruises",
    "soreness",
    "tenderness",
    "itching",
    "itchiness",
    "numbness",
    "pinkness",
    "scabbing",
    "peeling",
    "cloudy",
    "blurry",
    "blurred",
    "blurriness",
    "hazy",
];

/// Periods after a time that make it how long a device or aligner is worn each day, a part of
/// the course ("wear the aligners 20 to 22 hours a day"), not the length of one sitting.
pub(crate) const WEAR_PERIODS: &[&str] = &["day", "night", "daily", "nightly"];

/// Nouns before "take(s)" that make the time a course's length ("treatments usually take 12-18
/// months"), not an onset ("antidepressants may take 4–6 weeks").
pub(crate) const COURSE_SUBJECTS: &[&str] = &[
    "treatment",
    "treatments",
    "course",
    "program",
    "programme",
    "protocol",
    "plan",
    "phase",
    "series",
    "regimen",
];

/// Nouns after "N weeks of" that make the time a course's length ("12 weeks of use", "six
/// months of therapy"), not an onset or an effect.
pub(crate) const COURSE_OF_NOUNS: &[&str] = &[
    "use",
    "therapy",
    "treatment",
    "treatments",
    "dosing",
    "injections",
    "infusions",
    "sessions",
];

/// What a time after "from" counts from when it dates a result ("50% in a month from the
/// treatment", "12 weeks from baseline", "six weeks from the first session").
pub(crate) const FROM_STARTS: &[&str] = &[
    "baseline",
    "start",
    "starting",
    "beginning",
    "treatment",
    "therapy",
    "infusion",
    "injection",
    "session",
    "procedure",
    "surgery",
    "dose",
    "dosing",
    "randomization",
    "randomisation",
    "enrollment",
    "enrolment",
];

/// Nouns of a check on how a patient is doing: an interval of them ("yearly check-ups", "an
/// exam every six months") is a follow-up schedule, not a course of treatment.
pub(crate) const CHECK_NOUNS: &[&str] = &[
    "check*",
    "exam",
    "exams",
    "examination*",
    "screening*",
    "recheck*",
    "re - check*",
];

/// Words before "last" that make it an adjective ("your last screening", "in the last 14
/// days"), not the verb of an effect that lasts.
pub(crate) const LAST_ADJECTIVE_LEADS: &[&str] = &[
    "your", "the", "my", "his", "her", "their", "our", "its", "this", "since", "at",
];

/// Words after "N% of (the)" that make the share one of body weight ("15% of their body
/// weight", "60% of their excess weight"); a share of anything else ("80% of the stomach", "20%
/// of the fat") is no weight lost.
pub(crate) const WEIGHT_BASES: &[&str] = &[
    "weight", "body", "excess", "total", "starting", "initial", "baseline", "original",
];

/// Words between "N% of" and the thing it is a share of.
pub(crate) const BASE_DETERMINERS: &[&str] = &[
    "the", "their", "your", "his", "her", "its", "a", "an", "one's",
];

/// Words between "a"/"an" and a time unit that keep it one unit ("an entire month", "a full
/// year", "a whole week").
pub(crate) const WHOLE_WORDS: &[&str] = &["full", "entire", "whole", "single"];

/// Words that make an index value a group's characteristic, not a cut-off ("an average BMI of
/// 38", "a mean AHI of 22", "median BMI 41").
pub(crate) const AVERAGE_WORDS: &[&str] = &["average", "mean", "median"];

/// Words of an effect or result: "relief for six months", "results last up to six months".
pub(crate) const RESULT_WORDS: &[&str] = &[
    "relief",
    "better",
    "results",
    "result",
    "benefit",
    "benefits",
    "improvement",
    "effect",
    "effects",
    "lift",
    "feel",
    "feeling",
    "response",
];

/// Words before a time that make it a preparation, not a measure of the treatment ("refrain
/// from eating three hours prior to your appointment").
pub(crate) const BEFORE_WORDS: &[&str] = &["prior", "before", "ahead", "beforehand"];

/// Words that make a money amount something other than a price a patient pays: an economy's
/// or a budget's figures ("$43.8 billion of the annual burden").
pub(crate) const NOT_PRICES: &[&str] = &[
    "burden", "economic", "economy", "spending", "savings", "saved", "market", "revenue",
    "funding", "grant", "budget", "gdp", "industry",
];

/// Words that turn a sentence into a new clause for the purpose of finding cues.
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "whereas", "while", "but", "compared", "versus", "vs", "unlike", "than", "yet", "although",
    "however",
];

/// Words that negate an outcome cue after the figure ("30% do not respond").
pub(crate) const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "fail",
    "fails",
    "failed",
    "without",
    "no",
    "don’t",
    "don't",
    "doesn’t",
    "doesn't",
    "didn't",
    "didn’t",
    "non",
    "unable",
];

/// Words that compare the figure with an earlier one ("… than semaglutide's 15-17%").
pub(crate) const COMPARISON_WORDS: &[&str] = &[
    "versus", "vs", "compared", "than", "against", "while", "whereas",
];

// ---------------------------------------------------------------------------------------------
// Clinic figures
// ---------------------------------------------------------------------------------------------

/// What a clinic cue makes of a figure near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClinicCue {
    /// Any figure near it is the clinic's own ("50% of our patients").
    Own,
    /// Only a count is the clinic's tally ("5,000 patients treated"); a share of treated
    /// patients ("72% of patients treated with the drug reported less pain") is a research outcome.
    Tally,
}

/// Phrases that make a figure a fact about the clinic itself (scope `clinic`): its own
/// patients and results, its experience. Prices are always clinic figures.
pub(crate) const CLINIC_CUES: &[Entry<ClinicCue>] = &[
    Entry {
        patterns: &[
            "our patients",
            "our clients",
            "my patients",
            "my clients",
            "our practice",
            "our clinic",
            "our office",
            "our center",
            "our centre",
            "our experience",
            "our team",
            "we have treated",
            "we've treated",
            "we have helped",
            "we've helped",
            "we have performed",
            "we've performed",
            "years of experience",
            "years in practice",
            "in practice for",
            "in business",
            "my ? ? ? rate",
            "our ? ? ? rate",
            "my ? ? ? results",
            "our ? ? ? results",
            "our ? ? ? outcomes",
            "we have served",
        ],
        means: ClinicCue::Own,
        examples: &[
            "At least [50%] of our patients never book a second visit.",
            "Our doctors have [over 20 years] of experience.",
            "We have treated [more than 5,000 patients] since opening.",
            "With the new laser my 20/20 rate is above [95%].",
            "One session costs [$300] without insurance.",
        ],
        counterexamples: &[
            "Studies show [70%] of patients respond.",
            "We give [six infusions] over two weeks.",
        ],
    },
    Entry {
        patterns: &["patients treated", "procedures performed"],
        means: ClinicCue::Tally,
        examples: &[
            "The practice now has [more than 4,000 patients treated] with the laser.",
            "Over [1,200 procedures performed] since the clinic opened.",
        ],
        counterexamples: &[
            "In the trial, [72%] of patients treated with the new drug reported less pain at week 12.",
            "In the study, [40%] of the procedures performed in older adults needed a repeat.",
        ],
    },
];

// ---------------------------------------------------------------------------------------------
// What the measure is about: interventions and populations
// ---------------------------------------------------------------------------------------------

/// Endings of drug names (international nonproprietary names share stems by class), so any
/// drug is read as an intervention without a list of drugs.
pub(crate) const DRUG_ENDINGS: &[&str] = &[
    "glutide",
    "patide",
    "mab",
    "ketamine",
    "azepam",
    "azolam",
    "olam",
    "xetine",
    "pramine",
    "triptyline",
    "sterone",
    "cybin",
    "profen",
    "cillin",
    "mycin",
    "statin",
    "pril",
    "sartan",
    "olol",
    "dipine",
    "prazole",
    "gliptin",
    "gliflozin",
    "formin",
    "setron",
    "triptan",
    "zepine",
    "zapine",
    "tiapine",
    "idone",
    "afaxine",
    "alopram",
    "traline",
    "upropion",
    "azodone",
    "estradiol",
    "toxin",
];

/// Endings of the salt or ester after a drug's name, which belongs to it ("testosterone
/// cypionate", "ketamine hydrochloride").
pub(crate) const SALT_ENDINGS: &[&str] = &[
    "ionate",
    "anthate",
    "acetate",
    "chloride",
    "sodium",
    "sulfate",
    "citrate",
    "phosphate",
    "bromide",
    "tartrate",
    "maleate",
    "succinate",
    "undecanoate",
    "mesylate",
    "besylate",
];

/// Substances named by a plain word rather than a drug stem.
pub(crate) const SUBSTANCES: &[&str] = &[
    "insulin",
    "vitamin",
    "lithium",
    "melatonin",
    "nad",
    "nad+",
    "glutathione",
    "collagen",
    "placebo",
    "saline",
    "antidepressants",
    "ssris",
    "snris",
    "opioids",
    "steroids",
    "antibiotics",
    "statins",
    "stimulants",
    "benzodiazepines",
    "antipsychotics",
];

/// Words read as part of an intervention but not of its identity: routes and forms ("IV
/// ketamine" and "ketamine" are one intervention when measures are grouped).
pub(crate) const ROUTE_WORDS: &[&str] = &[
    "iv",
    "intravenous",
    "oral",
    "nasal",
    "intranasal",
    "subcutaneous",
    "intramuscular",
    "compounded",
    "generic",
    "brand",
    "name",
    "injectable",
    "topical",
    "low",
    "dose",
    "high",
    "at",
    "home",
    "in",
    "office",
    "once",
    "weekly",
    "open",
    "label",
    "repeated",
    "single",
    "active",
    "adjunctive",
];

/// Treatment words that name an intervention on their own ("physiotherapy").
pub(crate) const STANDALONE_TREATMENTS: &[&str] = &[
    "physiotherapy",
    "psychotherapy",
    "acupuncture",
    "chiropractic",
    "microneedling",
    "electroconvulsive",
];

/// Head nouns of a treatment phrase: the words before them name the intervention ("stem cell
/// therapy", "oral appliance therapy", "laser hair removal").
pub(crate) const TREATMENT_HEADS: &[&str] = &[
    "therapy",
    "therapies",
    "treatment",
    "treatments",
    "injection",
    "injections",
    "infusion",
    "infusions",
    "surgery",
    "procedure",
    "procedures",
    "implant",
    "implants",
    "transplant",
    "transplants",
    "filler",
    "fillers",
    "removal",
    "appliance",
    "appliances",
    "spray",
    "shots",
    "shot",
    "drip",
    "drips",
    "stimulation",
    "correction",
    "medication",
    "medications",
    "replacement",
    "adjustment",
    "adjustments",
    "care",
    "physiotherapy",
    "lozenges",
    "tablets",
    "pills",
    "patch",
    "patches",
    "gel",
    "session",
    "sessions",
    "program",
    "program",
    "laser",
    "peel",
    "peels",
    "microneedling",
    "acupuncture",
    "chiropractic",
];

/// Heads dropped from the stored intervention when the phrase names a drug or device ("IV
/// ketamine therapy" is stored as "IV ketamine").
pub(crate) const GENERIC_HEADS: &[&str] = &[
    "therapy",
    "therapies",
    "treatment",
    "treatments",
    "infusion",
    "infusions",
    "injection",
    "injections",
    "session",
    "sessions",
    "shots",
    "shot",
    "drip",
    "drips",
    "medication",
    "medications",
    "program",
    "care",
];

/// Words in front of a treatment head that are not part of its name ("the", "this",
/// "traditional"…).
pub(crate) const NOT_MODIFIERS: &[&str] = &[
    // What says a study found something is no part of the treatment's name ("Studies suggest
    // ketamine infusion therapy helps …").
    "suggest",
    "suggests",
    "suggested",
    "show",
    "shows",
    "showed",
    "find",
    "finds",
    "found",
    "report",
    "reports",
    "studies",
    "research",
    "evidence",
    "data",
    "typical",
    "traditional",
    "standard",
    "new",
    "effective",
    "first",
    "initial",
    "ongoing",
    "different",
    "various",
    "multiple",
    "numerous",
    "certain",
    "specific",
    "separate",
    "open",
    "label",
    "repeated",
    "randomized",
    "randomised",
    "active",
    "adjunctive",
    "blind",
    "earlier",
    "later",
    "older",
    "newer",
    "previous",
    "past",
    "future",
    "usual",
    "additional",
    "further",
    "full",
    "total",
    "single",
    "each",
    "every",
    "one",
    "same",
    "other",
    "more",
    "most",
    "many",
    "several",
    "few",
    "your",
    "our",
    "their",
    "his",
    "her",
    "its",
    "this",
    "that",
    "these",
    "those",
    "the",
    "a",
    "an",
    "of",
    "for",
    "in",
    "with",
    "and",
    "or",
    "to",
    "after",
    "before",
    "during",
    "any",
    "some",
    "all",
    "such",
    "as",
    "is",
    "are",
    "be",
    "been",
    "current",
    "previous",
    "prior",
    "subsequent",
    "remaining",
    "accelerated",
    "maintenance",
    "booster",
    "regular",
    "weekly",
    "monthly",
    "daily",
    "successful",
    "conventional",
    "mental",
    "health",
    "medical",
    "clinical",
    "real",
    "innovative",
    "advanced",
    "specialized",
    "personalized",
    "minimally",
    "invasive",
    "safe",
    "painless",
    "complete",
    "undergo",
    "receive",
    "received",
    "receiving",
    "start",
    "starting",
    "complete",
    "completed",
    "completing",
    "begin",
    "beginning",
    "ask",
    "how",
    "what",
    "when",
    "where",
    "why",
    "which",
    "do",
    "does",
    "did",
    "not",
    "no",
    "can",
    "may",
    "will",
    "would",
    "could",
    "should",
    "must",
    "have",
    "has",
    "had",
    "get",
    "getting",
    "given",
    "take",
    "taking",
    "recommended",
    "best",
    "better",
    "good",
    "great",
];

/// Head nouns of a measure's name: an acronym in brackets after one abbreviates the measure, not
/// a treatment ("sleep onset latency (SOL)", "Pittsburgh Sleep Quality Index (PSQI)",
/// "Montgomery-Åsberg Depression Rating Scale (MADRS)"). A treatment's bracketed acronym
/// follows a treatment's head ("magnetic stimulation (TMS)", "platelet-rich plasma (PRP)").
pub(crate) const MEASURE_HEADS: &[&str] = &[
    "latency",
    "onset",
    "time",
    "efficiency",
    "index",
    "scale",
    "score",
    "inventory",
    "questionnaire",
    "survey",
    "test",
    "ratio",
    "rate",
    "level",
    "levels",
    "pressure",
    "density",
    "volume",
    "survival",
    "events",
    "function",
    "life",
    "loss",
    "change",
    "difference",
    "acuity",
    "count",
    "interval",
    "threshold",
    "fraction",
];

/// Acronyms that are not interventions: conditions, measures, organizations, titles.
pub(crate) const NOT_INTERVENTIONS: &[&str] = &[
    // Identifiers of a paper or a trial ("PMID 31166571", "NCT01234567").
    "pmid",
    "pmcid",
    "doi",
    "nct",
    "fda",
    "us",
    "usa",
    "uk",
    "bmi",
    "ahi",
    "trd",
    "mdd",
    "ptsd",
    "ocd",
    "adhd",
    "gad",
    "dna",
    "atp",
    "me",
    "cfs",
    "faq",
    "faqs",
    "pa",
    "md",
    "do",
    "np",
    "ok",
    "am",
    "pm",
    "hsa",
    "fsa",
    "ppo",
    "epo",
    "uhc",
    "aua",
    "nejm",
    "ci",
    "or",
    "rr",
    "hr",
    "ecm",
    "rct",
    "mace",
    "qol",
    "ae",
    "aes",
    "sae",
    "saes",
    "itt",
    "ceo",
    "ishrs",
    "pfc",
    "dr",
    "phd",
    "rn",
    "ed",
    "osa",
    "oa",
    "ibs",
    "copd",
    "nih",
    "cdc",
    "who",
    "apa",
    "ama",
    "iv",
    "im",
    "sc",
    "acl",
    "ivf",
    "t",
    "td",
    "gip",
    "glp",
    "mmsc",
    "dds",
    "md",
    "phnp",
    "nmda",
    "a",
    "i",
    "q",
    "ai",
    "ny",
    "la",
    "tx",
    "il",
    "ca",
    "va",
    "nyc",
    "dc",
    "mri",
    "ct",
    "eeg",
    "ecg",
    "ekg",
    "hba",
    "ldl",
    "hdl",
    "mg",
    "kg",
    "lb",
    "iu",
    "ml",
    "mm",
    "usd",
    "vs",
    "etc",
    "ps",
    "faq",
    "llc",
    "inc",
    "psychiatry",
    "rx",
    // Rating scales measure an outcome; they are no treatment ("MADRS scores fell").
    "madrs",
    "hamd",
    "ham",
    "phq",
    "bdi",
    "qids",
    "cgi",
    "ymrs",
    "bprs",
    "panss",
    "caps",
    "hads",
    "mmse",
    "moca",
    "vas",
    "womac",
    "koos",
    "iief",
    "ipss",
    "odi",
    // Roman numerals label phases and stages ("Phase III trials").
    "ii",
    "iii",
    "vi",
    "vii",
];

/// Head nouns and endings of a condition, so any condition is read as a population without a
/// list of conditions.
pub(crate) const CONDITION_HEADS: &[&str] = &[
    "depression",
    "disorder",
    "disorders",
    "disease",
    "diseases",
    "syndrome",
    "obesity",
    "overweight",
    "diabetes",
    "apnea",
    "apnoea",
    "pain",
    "anxiety",
    "insomnia",
    "migraine",
    "migraines",
    "addiction",
    "dependence",
    "deficiency",
    "dysfunction",
    "injury",
    "injuries",
    "infertility",
    "ideation",
    "cancer",
    "hypertension",
    "loss",
    "snoring",
    "acne",
    "wrinkles",
    "low t",
    "suicidal thoughts",
    "ptsd",
    "trd",
    "mdd",
    "ocd",
    "adhd",
    "gad",
    "osa",
    "copd",
];

/// Verbs that stand before a condition without being part of its name ("describe depression",
/// "treat anxiety").
pub(crate) const NOT_CONDITION_MODIFIERS: &[&str] = &[
    "describe", "call", "known", "cause", "help", "prevent", "ease", "affect", "define",
    "consider", "diagnose", "target", "address", "treat", "manage", "reduce", "relieve", "improve",
    "fight", "beat", "overcome", "tackle", "with", "without", "have", "get",
];

/// Endings of condition names ("osteoarthritis", "fibromyalgia", "hypogonadism").
pub(crate) const CONDITION_ENDINGS: &[&str] = &[
    "itis", "osis", "emia", "aemia", "pathy", "algia", "ism", "somnia", "phobia", "plegia",
];

/// Nouns for people, before "with …" names their condition ("adults with obesity").
pub(crate) const PEOPLE_WORDS: &[&str] = &[
    "patients",
    "people",
    "adults",
    "men",
    "women",
    "individuals",
    "children",
    "participants",
    "clients",
    "teens",
    "adolescents",
    "veterans",
    "those",
    "subjects",
    "males",
    "females",
];

/// Words that name the comparator arm ("versus placebo").
pub(crate) const COMPARATORS: &[&str] = &["placebo", "sham", "saline", "midazolam", "usual care"];

/// Outcome name of each kind for which no cue named one.
pub(crate) fn default_outcome(kind: ClaimKind) -> Option<&'static str> {
    Some(match kind {
        K::ResponseRate => "response",
        K::RemissionRate => "remission",
        K::RelapseRate => "relapse",
        K::OnsetTime => "onset",
        K::Prevalence => "prevalence",
        K::EffectDuration => "effect duration",
        K::SessionDuration => "session length",
        K::TreatmentCourse => "course",
        K::Dose => "dose",
        K::SampleSize => "sample size",
        K::DefinitionThreshold => "threshold",
        K::WeightLoss => "weight loss",
        K::SuccessRate => "success",
        K::SideEffectRate => "side effects",
        K::Price => "price",
        K::RecoveryTime => "recovery",
        K::FollowUp => "follow-up",
        K::OtherPercentage | K::Other => return None,
    })
}

#[cfg(test)]
mod tests;
