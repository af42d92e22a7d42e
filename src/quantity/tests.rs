//! The one reader, sentence by sentence: every claim form, every non-claim, and what each figure
//! measures. The sentences are written for these tests in the style of clinic pages and
//! abstracts; the vocabulary's own examples are in `lexicon::tests`.

use super::*;
use crate::model::Bound;

/// (quote, low, high, unit, kind) of each figure of a sentence.
type Want<'a> = (&'a str, Option<f64>, Option<f64>, Unit, ClaimKind);

/// What a figure reads as, with its quote owned.
type Read = (String, Option<f64>, Option<f64>, Unit, ClaimKind);

fn read(sentence: &str) -> Vec<Read> {
    figures(sentence)
        .iter()
        .map(|f| {
            (
                sentence[f.range.clone()].to_owned(),
                f.value.low,
                f.value.high,
                f.value.unit,
                f.kind,
            )
        })
        .collect()
}

fn check(sentence: &str, want: &[Want<'_>]) {
    let got = read(sentence);
    let want: Vec<_> = want
        .iter()
        .map(|&(q, lo, hi, u, k)| (q.to_owned(), lo, hi, u, k))
        .collect();
    assert_eq!(got, want, "sentence: {sentence}");
}

fn point(quote: &str, v: f64, unit: Unit, kind: ClaimKind) -> Want<'_> {
    (quote, Some(v), Some(v), unit, kind)
}

fn range(quote: &str, lo: f64, hi: f64, unit: Unit, kind: ClaimKind) -> Want<'_> {
    (quote, Some(lo), Some(hi), unit, kind)
}

fn vague(quote: &str, unit: Unit, kind: ClaimKind) -> Want<'_> {
    (quote, None, None, unit, kind)
}

/// The one figure of a sentence.
fn only(sentence: &str) -> Figure {
    let f = figures(sentence);
    assert_eq!(f.len(), 1, "{sentence}: {f:#?}");
    f.into_iter().next().expect("one figure")
}

use ClaimKind as K;
use Unit as U;

#[test]
fn percentages_and_ranges() {
    check(
        "Our infusions helped 65–75% of clients feel better.",
        &[range("65–75%", 65.0, 75.0, U::Percent, K::ResponseRate)],
    );
    check(
        "Reported response ranged from 45% to 65% across studies.",
        &[range(
            "from 45% to 65%",
            45.0,
            65.0,
            U::Percent,
            K::ResponseRate,
        )],
    );
    check(
        "Remission was reached by between 25 and 35 percent of people.",
        &[range(
            "between 25 and 35 percent",
            25.0,
            35.0,
            U::Percent,
            K::RemissionRate,
        )],
    );
    check(
        "Relapse occurred in 31.5% of the spray group.",
        &[point("31.5%", 31.5, U::Percent, K::RelapseRate)],
    );
    check(
        "The share was 55—60 per cent overall.",
        &[range(
            "55—60 per cent",
            55.0,
            60.0,
            U::Percent,
            K::OtherPercentage,
        )],
    );
    check(
        "Providers report a success rate of between 60% or 70%, meaning most people find relief.",
        &[range(
            "between 60% or 70%",
            60.0,
            70.0,
            U::Percent,
            K::ResponseRate,
        )],
    );
}

#[test]
fn bounds_and_approximations() {
    let f = only("Up to 70% of patients respond.");
    assert_eq!(
        (f.value.bound, f.value.approx),
        (Some(Bound::AtMost), false)
    );
    let f = only("Approximately 64% responded.");
    assert!(f.value.approx);
    let f = only("Well over 60% of clients improve.");
    assert_eq!(f.value.bound, Some(Bound::MoreThan));
    let f = only("Corrective care often needs 10+ visits.");
    assert_eq!(
        (f.value.low, f.value.bound),
        (Some(10.0), Some(Bound::AtLeast))
    );
    let f = only("Laser vision correction usually costs $4,000 and up.");
    assert_eq!(
        (f.value.low, f.value.unit, f.value.bound),
        (Some(4000.0), U::Usd, Some(Bound::AtLeast))
    );
    let f = only("Most clients are smooth in 5 or fewer sessions.");
    assert_eq!(
        (f.value.low, f.value.unit, f.value.bound),
        (Some(5.0), U::Count, Some(Bound::AtMost))
    );
    let f = only("Results can last a little more than a year.");
    assert_eq!(
        (f.value.low, f.value.unit, f.value.bound),
        (Some(1.0), U::Years, Some(Bound::MoreThan))
    );
}

/// See: issue 8 ("seventy-one percent" → 1%, "One hundred and twenty patients" → 20).
#[test]
fn number_words_and_compounds() {
    check(
        "In the audit, seventy-one percent of clients responded.",
        &[point(
            "seventy-one percent",
            71.0,
            U::Percent,
            K::ResponseRate,
        )],
    );
    check(
        "Twenty-five percent of users had nausea.",
        &[point(
            "Twenty-five percent",
            25.0,
            U::Percent,
            K::SideEffectRate,
        )],
    );
    check(
        "Forty-one patients finished the course.",
        &[point("Forty-one patients", 41.0, U::Count, K::SampleSize)],
    );
    check(
        "One hundred and twenty patients took part.",
        &[point(
            "One hundred and twenty patients",
            120.0,
            U::Count,
            K::SampleSize,
        )],
    );
}

/// See: issue 8 ("⅔ of people", "more than half", "2-4x", "a 50/50 chance" were missed).
#[test]
fn shares_fractions_and_folds() {
    check(
        "⅔ of people notice a change.",
        &[point("⅔ of people", 66.7, U::Percent, K::ResponseRate)],
    );
    check(
        "⅓ of patients stop early.",
        &[point("⅓ of patients", 33.3, U::Percent, K::OtherPercentage)],
    );
    check(
        "More than half of our clients improve.",
        &[point("More than half", 50.0, U::Percent, K::ResponseRate)],
    );
    check(
        "By age fifty, levels drop to roughly half of what they were.",
        &[point("roughly half", 50.0, U::Percent, K::OtherPercentage)],
    );
    check(
        "Patients were 2-4x more likely to respond.",
        &[range("2-4x", 2.0, 4.0, U::Fold, K::Other)],
    );
    check(
        "Combined care is twice as effective.",
        &[point("twice as", 2.0, U::Fold, K::Other)],
    );
    check(
        "Surgery alone gives a 50/50 chance of relief.",
        &[point("50/50", 50.0, U::Percent, K::OtherPercentage)],
    );
    check(
        "One in four adults will have it at some point.",
        &[point("One in four", 25.0, U::Percent, K::Prevalence)],
    );
    check(
        "So 3 out of every 4 clients finished treatment.",
        &[point(
            "3 out of every 4",
            75.0,
            U::Percent,
            K::OtherPercentage,
        )],
    );
    check(
        "In one audit 11 out of 13 (84.6%) responded.",
        &[point(
            "11 out of 13 (84.6%)",
            84.6,
            U::Percent,
            K::ResponseRate,
        )],
    );
    check(
        "About 1/3 of patients do not respond to their first drug.",
        &[point(
            "About 1/3 of patients",
            33.3,
            U::Percent,
            K::OtherPercentage,
        )],
    );
}

/// See: issue 8 ("COVID-19 patients" became a claim of 19 patients).
#[test]
fn names_with_digits_are_no_claims() {
    for s in [
        "COVID-19 patients were seen in a separate wing.",
        "Levels of IL-6 fell after treatment.",
        "PHQ-9 and HAM-D-17 scores were recorded.",
        "SARS-CoV-2 testing was done first.",
        "GLP-1 agonists were compared in SURMOUNT-1.",
        "It is also approved for type 2 diabetes.",
        "A Figure-8 coil was used.",
    ] {
        assert_eq!(read(s), [], "{s}");
    }
    check(
        "Among 40 COVID-19 patients, 12 had headaches.",
        &[point("40 COVID-19 patients", 40.0, U::Count, K::SampleSize)],
    );
}

#[test]
fn times_and_their_kinds() {
    check(
        "Pills can take 3–5 weeks; an infusion often works within 12–36 hours.",
        &[
            range("3–5 weeks", 3.0, 5.0, U::Weeks, K::OnsetTime),
            range("within 12–36 hours", 12.0, 36.0, U::Hours, K::OnsetTime),
        ],
    );
    check(
        "Each visit runs 50–70 minutes in a quiet room.",
        &[range(
            "50–70 minutes",
            50.0,
            70.0,
            U::Minutes,
            K::SessionDuration,
        )],
    );
    check(
        "A sitting usually lasts about 30 minutes to an hour.",
        &[range(
            "about 30 minutes to an hour",
            30.0,
            60.0,
            U::Minutes,
            K::SessionDuration,
        )],
    );
    check(
        "Relief typically lasts six months to a year.",
        &[range(
            "six months to a year",
            6.0,
            12.0,
            U::Months,
            K::EffectDuration,
        )],
    );
    check(
        "Most people can return to work within 2-3 days.",
        &[range("within 2-3 days", 2.0, 3.0, U::Days, K::RecoveryTime)],
    );
    check(
        "Please come back in 10 days so we can check the results.",
        &[point("10 days", 10.0, U::Days, K::FollowUp)],
    );
    check(
        "Avoid food for four hours before your visit.",
        &[point("four hours", 4.0, U::Hours, K::Other)],
    );
    check(
        "Clients who start therapy within 48 hours of the injury heal faster.",
        &[point(
            "within 48 hours",
            48.0,
            U::Hours,
            K::DefinitionThreshold,
        )],
    );
    check(
        "A 24-hour window applies to cancellations.",
        &[point("24-hour", 24.0, U::Hours, K::Other)],
    );
}

#[test]
fn courses_rates_and_intervals() {
    check(
        "We give eight infusions over a three week period.",
        &[
            point("eight infusions", 8.0, U::Count, K::TreatmentCourse),
            point("three week", 3.0, U::Weeks, K::TreatmentCourse),
        ],
    );
    check(
        "Visits are 3x a week for the first 6 weeks, then 1x a week.",
        &[
            point("3x a week", 3.0, U::PerWeek, K::TreatmentCourse),
            point("6 weeks", 6.0, U::Weeks, K::TreatmentCourse),
            point("1x a week", 1.0, U::PerWeek, K::TreatmentCourse),
        ],
    );
    check(
        "Shots are given once a week or twice a month.",
        &[
            point("once a week", 1.0, U::PerWeek, K::TreatmentCourse),
            point("twice a month", 2.0, U::PerMonth, K::TreatmentCourse),
        ],
    );
    check(
        "Sessions: Once or twice a week",
        &[range(
            "Once or twice a week",
            1.0,
            2.0,
            U::PerWeek,
            K::TreatmentCourse,
        )],
    );
    check(
        "Boosters follow every 3-5 weeks.",
        &[range(
            "every 3-5 weeks",
            3.0,
            5.0,
            U::Weeks,
            K::TreatmentCourse,
        )],
    );
    check(
        "Check-ins are scheduled biweekly or monthly after that.",
        &[
            point("biweekly", 2.0, U::Weeks, K::TreatmentCourse),
            point("monthly", 1.0, U::Months, K::TreatmentCourse),
        ],
    );
    check(
        "Rehab (Weeks 2–5) focuses on strength.",
        &[range("Weeks 2–5", 2.0, 5.0, U::Weeks, K::TreatmentCourse)],
    );
    check(
        "You will get four treatment sessions per week.",
        &[point(
            "four treatment sessions per week",
            4.0,
            U::PerWeek,
            K::TreatmentCourse,
        )],
    );
    check(
        "Plan on a few visits (4-5 is typical).",
        &[range("4-5", 4.0, 5.0, U::Count, K::TreatmentCourse)],
    );
    check(
        "The plan is a series of sessions over a few weeks.",
        &[vague("a few weeks", U::Weeks, K::TreatmentCourse)],
    );
    check(
        "Many feel a lift within a few sessions.",
        &[vague("within a few sessions", U::Count, K::OnsetTime)],
    );
}

#[test]
fn doses_levels_and_indexes() {
    check(
        "The usual dose is 0.5 mg/kg given slowly.",
        &[point("0.5 mg/kg", 0.5, U::MgPerKg, K::Dose)],
    );
    check(
        "Pens come in 2.5 mg to 12.5 mg strengths.",
        &[range("2.5 mg to 12.5 mg", 2.5, 12.5, U::Mg, K::Dose)],
    );
    check(
        "The chin usually takes 8 units of toxin.",
        &[point("8 units", 8.0, U::Units, K::Dose)],
    );
    check(
        "It is approved for adults with a BMI >32 or a BMI>28 with a related condition.",
        &[
            point(">32", 32.0, U::KgPerM2, K::DefinitionThreshold),
            point(">28", 28.0, U::KgPerM2, K::DefinitionThreshold),
        ],
    );
    check(
        "Treatment succeeded for 48 percent, defined as an AHI below 10.",
        &[
            point("48 percent", 48.0, U::Percent, K::SuccessRate),
            point("below 10", 10.0, U::EventsPerHour, K::DefinitionThreshold),
        ],
    );
    // A group's average index describes the people, not who qualifies.
    assert_eq!(
        only("Enrolled adults had a mean BMI of 36.2 at the start.").kind,
        K::Other
    );
    assert_eq!(
        only("Their average AHI was 31 before the device was fitted.").kind,
        K::Other
    );
    assert_eq!(
        only("On average, adults with a BMI of 30 or more qualify.").kind,
        K::DefinitionThreshold,
        "an average elsewhere in the sentence is not the index's"
    );
}

#[test]
fn money() {
    check(
        "Plans run $250-350/month, versus $900+/month for the brand.",
        &[
            range("$250-350", 250.0, 350.0, U::Usd, K::Price),
            point("$900+", 900.0, U::Usd, K::Price),
        ],
    );
    check(
        "A full course costs between $5,000 and $9,000.",
        &[range(
            "between $5,000 and $9,000",
            5000.0,
            9000.0,
            U::Usd,
            K::Price,
        )],
    );
    check(
        "Each zone is 12 units/ $144.",
        &[
            point("12 units", 12.0, U::Units, K::Dose),
            point("$144", 144.0, U::Usd, K::Price),
        ],
    );
}

/// Every example of issue 8's "Why", with its value, unit and measure.
#[test]
fn issue_8_examples() {
    // Semaglutide's "68 weeks" is no part of a definition of treatment-resistant depression.
    let f = figures(
        "Adults taking semaglutide lost an average of 14.9% of their body weight over 68 weeks.",
    );
    assert_eq!((f[0].kind, f[0].value.low), (K::WeightLoss, Some(14.9)));
    assert_eq!(
        (f[1].kind, f[1].value.low, f[1].value.unit),
        (K::FollowUp, Some(68.0), U::Weeks)
    );
    assert_eq!(f[0].measure.intervention.as_deref(), Some("semaglutide"));
    assert_eq!(f[0].measure.outcome.as_deref(), Some("weight loss"));
    assert_eq!(f[0].measure.time_point, Some(Value::point(68.0, U::Weeks)));
    // A drip's length is a session, not an onset.
    let f = only("Each NAD+ drip takes 30 to 45 minutes.");
    assert_eq!(
        (f.kind, f.value.low, f.value.high),
        (K::SessionDuration, Some(30.0), Some(45.0))
    );
    assert_eq!(f.measure.intervention.as_deref(), Some("NAD+"));
    // A number's scale belongs to the count, never to the treatment's name.
    let f = &figures("Over 3 million Botox treatments have reached over 600,000 adults.")[1];
    assert_eq!(f.measure.intervention.as_deref(), Some("Botox"));
    let f = &figures("Some 2 thousand Dysport sessions were given to 900 women.")[1];
    assert_eq!(f.measure.intervention.as_deref(), Some("Dysport"));
    // An outcome's acronym is no arm: "MACE" is what was counted, "TRT" what was given.
    let f = &figures("Primary MACE: 7.0% TRT vs 7.3% placebo.")[0];
    assert_eq!(
        (
            f.measure.intervention.as_deref(),
            f.measure.comparator.as_deref()
        ),
        (Some("TRT"), Some("placebo"))
    );
    // A trial's acronym is no treatment; a treatment's acronym is.
    for s in [
        "In the STEP 1 trial, 86.4% of people on semaglutide lost at least 5%.",
        "In SURMOUNT-1, 89% of people on tirzepatide lost at least 5%.",
        "The SELECT study found a 20% lower risk with semaglutide.",
    ] {
        let f = &figures(s)[0];
        assert_eq!(
            f.measure.intervention.as_deref(),
            Some(if s.contains("tirz") {
                "tirzepatide"
            } else {
                "semaglutide"
            }),
            "{s}"
        );
    }
    // Nor are the words that say a study found it.
    let f =
        &figures("Studies suggest velaglutide infusion therapy helps 68% of patients respond.")[0];
    assert_eq!(
        f.measure.intervention.as_deref(),
        Some("velaglutide"),
        "{f:?}"
    );
    // Nor is the journal a trial was published in.
    let f =
        &figures("The trial, published in JAMA Psychiatry, followed 280 adults on velaglutide.")[0];
    assert_eq!(
        f.measure.intervention.as_deref(),
        Some("velaglutide"),
        "{f:?}"
    );
    // A pregnancy is not a live birth, and a twin pregnancy is a pregnancy of its own kind.
    for (s, outcome) in [
        ("With IVF, 52% of women had a live birth.", "live birth"),
        (
            "With IVF, 61% of women had a positive pregnancy test.",
            "pregnancy",
        ),
        (
            "With IVF, 9% of women had a twin pregnancy.",
            "multiple pregnancy",
        ),
    ] {
        let f = &figures(s)[0];
        assert_eq!(f.measure.outcome.as_deref(), Some(outcome), "{s}: {f:?}");
    }
    // A measure's abbreviation in brackets is no treatment; a treatment's is one.
    for s in [
        "Sleep onset latency (SOL) improved by about 20 minutes.",
        "Wake after sleep onset (WASO) fell by 31 minutes.",
        "The Pittsburgh Sleep Quality Index (PSQI) improved in 70% of patients.",
        "The apnea-hypopnea index (AHI) dropped by 68%.",
        "Visual acuity (VA) improved in 94% of eyes.",
    ] {
        assert!(names(s).interventions.is_empty(), "{s}");
    }
    for (s, named) in [
        (
            "Transcranial magnetic stimulation (TMS) helps 58% of patients.",
            "TMS",
        ),
        ("Platelet-rich plasma (PRP) eased pain in 61%.", "PRP"),
        ("Low-dose naltrexone (LDN) eased pain in 40%.", "LDN"),
    ] {
        assert!(
            names(s).interventions.iter().any(|i| i.contains(named)),
            "{s}"
        );
    }
    assert!(names("A report in the NEJM on 40 patients")
        .interventions
        .is_empty());
    assert_eq!(
        names("Patients were treated in TMS sessions").interventions,
        ["TMS"]
    );
    let f = &figures("TMS 5 days a week helps 60% of patients.")[1];
    assert_eq!(f.measure.intervention.as_deref(), Some("TMS"));
    // A heading that names only the trial names no treatment for the page.
    assert!(names("Results of the STEP 1 Trials")
        .interventions
        .is_empty());
    assert!(names("What SURMOUNT-1 found").interventions.is_empty());
    assert_eq!(names("How TMS works").interventions, ["TMS"]);
    // Treatments in the thousands are a tally of use, a few are a course.
    let got = read("Over 3 million Botox treatments have been given, most as 2 treatments.");
    assert_eq!(
        (got[0].4, got[1].4),
        (K::Other, K::TreatmentCourse),
        "{got:?}"
    );
    // Days with a symptom are read as days, with a range or a bound.
    let f = only("The injections spared patients 7 to 8 migraine days a month.");
    assert_eq!(
        (f.value.low, f.value.high, f.value.unit),
        (Some(7.0), Some(8.0), U::Days)
    );
    let f = only("Chronic cases mean 15 or more headache days a month.");
    assert_eq!(
        (f.value.low, f.value.bound),
        (Some(15.0), Some(Bound::AtLeast))
    );
    // Nausea is a side-effect rate, not a prevalence.
    let f = only("Nausea affected up to 44% of people on semaglutide.");
    assert_eq!(
        (f.kind, f.value.low, f.value.bound),
        (K::SideEffectRate, Some(44.0), Some(Bound::AtMost))
    );
    assert_eq!(f.measure.outcome.as_deref(), Some("nausea"));
    assert_eq!(f.measure.intervention.as_deref(), Some("semaglutide"));
    // Concentrations and weight rates are read.
    let f = only("Normal testosterone is usually 300–1,000 ng/dL in adult men.");
    assert_eq!(
        (f.kind, f.value.low, f.value.high, f.value.unit),
        (
            K::DefinitionThreshold,
            Some(300.0),
            Some(1000.0),
            U::NgPerDl
        )
    );
    assert_eq!(f.measure.intervention, None);
    let f = only("With diet changes, most people lose 1–2 pounds per week.");
    assert_eq!(
        (f.kind, f.value.low, f.value.high, f.value.unit),
        (K::WeightLoss, Some(1.0), Some(2.0), U::LbPerWeek)
    );
    // Different treatments keep different interventions (compare groups on them).
    let a = figures("Semaglutide is started at 0.25 mg weekly.");
    let b = figures("Testosterone cypionate is dosed at 100 mg weekly.");
    assert_eq!((a[0].kind, b[0].kind), (K::Dose, K::Dose));
    assert_eq!(a[0].measure.intervention.as_deref(), Some("semaglutide"));
    assert_eq!(
        b[0].measure.intervention.as_deref(),
        Some("testosterone cypionate")
    );
    assert_eq!(
        (a[1].value.low, a[1].value.unit),
        (Some(1.0), U::Weeks),
        "a weekly schedule"
    );
}

#[test]
fn measure_fields() {
    let f = figures("Response at 24 hours was 64% with ketamine versus 28% with midazolam.");
    let pcts: Vec<&Figure> = f.iter().filter(|f| f.value.unit == U::Percent).collect();
    assert_eq!(pcts[0].measure.intervention.as_deref(), Some("ketamine"));
    assert_eq!(pcts[0].measure.comparator.as_deref(), Some("midazolam"));
    assert_eq!(pcts[1].measure.intervention.as_deref(), Some("midazolam"));
    assert_eq!(
        pcts[0].measure.time_point,
        Some(Value::point(24.0, U::Hours))
    );
    assert_eq!(
        pcts[1].measure.time_point,
        Some(Value::point(24.0, U::Hours)),
        "the comparison arm shares the time point"
    );
    assert_eq!(
        pcts[1].kind,
        K::ResponseRate,
        "the comparison arm shares the kind"
    );

    let f = only(
        "In a trial, 38% of adults with treatment-resistant depression remitted with esketamine.",
    );
    assert_eq!(
        f.measure.population.as_deref(),
        Some("treatment-resistant depression")
    );
    assert_eq!(f.measure.intervention.as_deref(), Some("esketamine"));
    assert_eq!(f.measure.outcome.as_deref(), Some("remission"));

    let f = only("Around 40% of men over 75 have low hormone levels.");
    assert_eq!(f.measure.population.as_deref(), Some("men over 75"));

    let f = only("Stem cell therapy eased knee osteoarthritis pain in 70% of patients.");
    assert_eq!(f.measure.intervention.as_deref(), Some("stem cell therapy"));
    assert_eq!(
        f.measure.population.as_deref(),
        Some("knee osteoarthritis pain")
    );

    let f = figures("SSRIs may take weeks; ketamine often works within 24–48 hours.");
    assert_eq!(f[0].measure.intervention.as_deref(), Some("SSRIs"));
    assert_eq!(f[1].measure.intervention.as_deref(), Some("ketamine"));

    let f = only("Relief comes within hours, compared to the months antidepressants need.");
    assert_eq!(
        f.measure.intervention, None,
        "the other clause's treatment is not this figure's"
    );

    let f = figures("Of 20 treated patients, 70% responded the day after ketamine.");
    assert_eq!(
        (f[1].kind, f[1].measure.time_point.clone()),
        (K::ResponseRate, Some(Value::point(24.0, U::Hours)))
    );
}

#[test]
fn a_placebo_is_the_figures_arm_only_when_the_figure_is_about_it() {
    let f = only("Esketamine was tested against an active placebo in 212 adults.");
    assert_eq!(f.measure.intervention.as_deref(), Some("esketamine"));
    assert_eq!(f.measure.comparator.as_deref(), Some("placebo"));
    let f = figures("Remission reached 41% on psilocybin and 12% with placebo.");
    assert_eq!(f[0].measure.intervention.as_deref(), Some("psilocybin"));
    assert_eq!(f[1].measure.intervention.as_deref(), Some("placebo"));
    let f = figures("In the placebo group, 19% of patients responded, against 52% on TMS.");
    assert_eq!(f[0].measure.intervention.as_deref(), Some("placebo"));
}

#[test]
fn the_arm_after_than_or_versus_is_the_comparator() {
    let f = only("Psilocybin lowered scores more than escitalopram within 6 weeks.");
    assert_eq!(f.measure.intervention.as_deref(), Some("psilocybin"));
    assert_eq!(f.measure.comparator.as_deref(), Some("escitalopram"));
    let f = only("Esketamine cut MADRS scores more than placebo within 24 hours.");
    assert_eq!(f.measure.intervention.as_deref(), Some("esketamine"));
    let f = only("Phase III trials of Spravato found that 70% of patients responded.");
    assert_eq!(f.measure.intervention.as_deref(), Some("Spravato"));
    // Its own arm, named after the figure, stays the figure's.
    let f = figures("Remission was 57% with TMS versus 31% with sertraline.");
    assert_eq!(f[1].measure.intervention.as_deref(), Some("sertraline"));
}

#[test]
fn a_control_arm_written_right_after_a_percentage_is_part_of_its_phrase() {
    let s = "On the drug, 58% lost at least 5% of their weight (vs 21% placebo) and 31% lost 10% (vs 21% sham).";
    let quotes: Vec<&str> = figures(s).iter().map(|f| &s[f.range.clone()]).collect();
    assert_eq!(
        quotes,
        [
            "58%",
            "at least 5%",
            "21% placebo",
            "31%",
            "10%",
            "21% sham"
        ]
    );
    let f = figures(s);
    assert_eq!(f[2].measure.intervention.as_deref(), Some("placebo"));
    // Counterexamples: a word between, or a group the arm names.
    let s = "Remission was 30% with placebo, and 12% sham group members relapsed.";
    let quotes: Vec<&str> = figures(s).iter().map(|f| &s[f.range.clone()]).collect();
    assert_eq!(quotes, ["30%", "12%"]);
}

#[test]
fn a_period_named_by_its_ordinal_is_a_percentages_time_point() {
    let at = |s: &str| {
        figures(s)
            .into_iter()
            .find(|f| f.value.unit == U::Percent)
            .and_then(|f| f.measure.time_point)
    };
    assert_eq!(
        at("Trials found response rates of 45-50% after the first month of infusions."),
        Some(Value::point(1.0, U::Months))
    );
    assert_eq!(
        at("In the second week, 30% of patients felt better."),
        Some(Value::point(2.0, U::Weeks))
    );
    assert_eq!(
        at("About 20% of the weight was lost by the end of the third month."),
        Some(Value::point(3.0, U::Months))
    );
    // No time unit, no time point: an ordinal infusion, line or visit is not a time.
    assert_eq!(
        at("By the third infusion, 40% of patients had responded."),
        None
    );
    assert_eq!(
        at("As a first-line treatment it helps 60% of patients."),
        None
    );
    assert_eq!(
        at("The first visit is free for 100% of new patients."),
        None
    );
    // A figure of its own decides ("64% at 24 hours").
    assert_eq!(
        at("In the first week, 64% responded at 24 hours."),
        Some(Value::point(24.0, U::Hours))
    );
}

/// The intervention and comparator of each percentage in `s`.
fn arms(s: &str) -> Vec<(Option<String>, Option<String>)> {
    figures(s)
        .into_iter()
        .filter(|f| f.value.unit == U::Percent)
        .map(|f| (f.measure.intervention, f.measure.comparator))
        .collect()
}

/// Two figures of arms `a` and `b`, in that order, each compared with the other.
fn pair(a: &str, b: &str) -> Vec<(Option<String>, Option<String>)> {
    vec![
        (Some(a.to_owned()), Some(b.to_owned())),
        (Some(b.to_owned()), Some(a.to_owned())),
    ]
}

#[test]
fn a_pair_of_figures_follows_the_order_of_the_arms_compared() {
    // The comparator is named nearer the figures, yet the first figure is the subject's.
    assert_eq!(
        arms("Patients given vortioxetine were more likely to respond than those taking sertraline, with response rates of 42% versus 21%."),
        pair("vortioxetine", "sertraline")
    );
    assert_eq!(
        arms("Compared with placebo, psilocybin gave remission rates of 37% vs. 12% at week 6."),
        pair("psilocybin", "placebo")
    );
    // Counterexamples: figures with arms of their own, and a sentence that compares no two
    // named treatments.
    assert_eq!(
        arms("Remission was 57% with TMS versus 31% with sertraline."),
        pair("TMS", "sertraline")
    );
    let f = figures("Remission was 40% versus 25% in the sertraline and TMS groups, respectively.");
    assert_ne!(
        f[0].measure.intervention.as_deref(),
        Some("TMS"),
        "respectively maps the arms named after the figures"
    );
    let f = figures("Response rose to 48% versus 30% a year earlier.");
    assert_eq!(f[0].measure.intervention, None);
}

#[test]
fn respectively_matches_listed_figures_to_listed_arms_in_order() {
    // The arms after the figures, or before them; the control may come first.
    assert_eq!(
        arms("At week 4, remission was 36% and 17% in the esketamine and placebo groups, respectively."),
        pair("esketamine", "placebo")
    );
    assert_eq!(
        arms("For the placebo and semaglutide arms, mean weight loss was 2.4% and 14.9%, respectively."),
        pair("placebo", "semaglutide")
    );
    assert_eq!(
        arms("Remission was 40% versus 25% in the sertraline and TMS groups, respectively."),
        pair("sertraline", "TMS")
    );
    // Counterexamples. One treatment at two time points: both figures are its own.
    let f = arms("With ketamine, response was 64% and 45% at 24 hours and 7 days, respectively.");
    assert!(
        f.iter().all(|(i, _)| i.as_deref() == Some("ketamine")),
        "{f:?}"
    );
    // Arms that are not listed together are not matched in order.
    let f = arms("With ketamine, response was 64% and 45% at 24 hours and 7 days, respectively, compared with 28% for midazolam.");
    assert_ne!(f[1].0.as_deref(), Some("midazolam"), "{f:?}");
    // Three figures are not two arms' figures: none is matched to an arm by its place.
    let f = arms("Response was 61%, 48% and 30% in the ketamine and placebo groups, respectively.");
    assert!(
        f.iter().all(|(i, _)| i.as_deref() != Some("placebo")),
        "{f:?}"
    );
}

/// A figure in years read from a sentence: low, high, unit and outcome.
type YearsRead = (Option<f64>, Option<f64>, U, Option<String>);

#[test]
fn a_bracketed_figure_of_the_group_a_comparison_names_states_the_same_measure() {
    let f = figures(
        "More patients on velaglutide (64 percent) reached remission at week two than those in the placebo group (22 percent).",
    );
    assert_eq!(f[0].kind, K::RemissionRate, "{f:?}");
    assert_eq!(f.last().map(|x| x.kind), Some(K::RemissionRate), "{f:?}");
    // Counterexample: a group's bracketed figure with no comparison keeps its own reading.
    let f = figures("Nausea was reported in the placebo group (22 percent) in the first month.");
    assert_ne!(f[0].kind, K::RemissionRate, "{f:?}");
}

#[test]
fn how_long_people_have_had_their_condition_is_no_time_of_treatment() {
    let got =
        read("Most had chronic PTSD, with median duration of 14 years, and half took other drugs.");
    assert_eq!(
        (got[0].1, got[0].3, got[0].4),
        (Some(14.0), U::Years, K::Other),
        "{got:?}"
    );
    let got = read("Patients had depression with a mean history of 9 years before enrolment.");
    assert_eq!(got[0].4, K::Other, "{got:?}");
    // Counterexamples: a duration of something else keeps its kind.
    let got = read("The response had a median duration of 6 months in patients with depression.");
    assert_ne!(got[0].4, K::Other, "{got:?}");
}

#[test]
fn ages_that_describe_people_are_figures_of_the_population() {
    let age = |s: &str| -> Vec<YearsRead> {
        figures(s)
            .into_iter()
            .filter(|f| f.value.unit == U::Years)
            .map(|f| (f.value.low, f.value.high, f.value.unit, f.measure.outcome))
            .collect()
    };
    let is_age = |lo: f64, hi: f64| vec![(Some(lo), Some(hi), U::Years, Some("age".to_owned()))];
    assert_eq!(
        age("The trial enrolled 300 men aged 50–75 with low testosterone."),
        is_age(50.0, 75.0)
    );
    assert_eq!(
        age("Participants had a mean age 41.2 and most were women."),
        is_age(41.2, 41.2)
    );
    assert_eq!(
        age("Most people reach menopause between the ages of 48 and 53."),
        is_age(48.0, 53.0)
    );
    assert_eq!(
        age("The average age of the participants was 52 years, and 61% were female."),
        is_age(52.0, 52.0)
    );
    // A mean given with its SD in brackets, as abstracts list baseline characteristics.
    assert_eq!(
        age("Of 250 adults (mean age [SD], 51.2 [9.8] years), 80 relapsed."),
        is_age(51.2, 51.2)
    );
    assert_eq!(
        age("Teens aged 14–18 can join the group."),
        is_age(14.0, 18.0)
    );
    let f = figures("Mean weight was 104.2 (18.6) kg at the start.");
    assert_eq!(
        (f[0].value.low, f[0].value.unit),
        (Some(104.2), U::Kg),
        "{f:?}"
    );
    // Counterexamples: an age that bounds who is meant is a cut-off, a length of time is no
    // age, and one person's age in an example is no figure.
    assert_eq!(
        figures("The program is open to adults aged 18 and over.")[0].kind,
        K::DefinitionThreshold
    );
    assert_eq!(
        age("Patients were followed for 4 years after the procedure.")[0].3,
        Some("follow-up".to_owned())
    );
    assert!(age("A 65-year-old man may have normal levels.").is_empty());
    assert!(age("By age fifty, levels drop to roughly half of what they were.").is_empty());
}

#[test]
fn a_time_that_opens_the_sentence_is_a_time_point() {
    let f = only("At 12 weeks, the semaglutide arm was ahead of placebo.");
    assert_eq!(f.kind, K::FollowUp);
    let f = only("At 8 weeks, infusions were stopped.");
    assert_eq!(f.kind, K::FollowUp);
    let f = figures("In the trial, 58% of adults on psilocybin responded 3 weeks after dosing.");
    assert_eq!(f[1].kind, K::FollowUp);
    let f = only("Most people feel relief 24 hours after an infusion.");
    assert_eq!(f.kind, K::OnsetTime, "no rate: how soon it works");
    // A time counted from the start of treatment dates the rate of its clause.
    let f =
        figures("Remission reached 70% by the last visit and 50% in a month from the treatment.");
    assert_eq!(f[2].kind, K::FollowUp, "{f:?}");
    assert_eq!(f[1].measure.time_point, Some(Value::point(1.0, U::Months)));
    let f = figures("About 30% of patients had responded 12 weeks from baseline.");
    assert_eq!(f[1].kind, K::FollowUp, "{f:?}");
    // Counterexamples: a span "from 2 to 6 weeks", and "from" naming no start.
    let f = figures("In 40% of patients the effect lasts from 2 to 6 weeks.");
    assert!(f.iter().all(|x| x.kind != K::FollowUp), "{f:?}");
    let f = figures("Some 45% of our patients drive 2 hours from home to reach us.");
    assert!(f.iter().all(|x| x.kind != K::FollowUp), "{f:?}");
    // Not at the opening: "within" still says how soon.
    let f = only("Most feel better within 2 weeks of starting.");
    assert_eq!(f.kind, K::OnsetTime);
}

#[test]
fn bare_numbers_that_count_the_noun_before_them() {
    check(
        "A series of infusions, typically four to eight, is given over three weeks.",
        &[
            range("four to eight", 4.0, 8.0, U::Count, K::TreatmentCourse),
            point("three weeks", 3.0, U::Weeks, K::TreatmentCourse),
        ],
    );
    let f = only("Number of sessions per patient (ranges from 2–20)");
    assert_eq!(
        (f.value.low, f.value.high, f.value.unit),
        (Some(2.0), Some(20.0), U::Count)
    );
    // Not an aside: the number governs the words after it.
    assert!(figures("Of the volunteers, 14 dropped out early.").is_empty());
}

#[test]
fn clinic_figures() {
    let f = only("Our surgeons have over 25 years of experience.");
    assert_eq!(f.scope, Scope::Clinic);
    let f = only("A consult costs $150.");
    assert_eq!((f.scope, f.kind), (Scope::Clinic, K::Price));
    let f = only("In trials, 60% of patients responded.");
    assert_eq!(f.scope, Scope::Research);
}

#[test]
fn side_effect_durations_are_not_treatment_effects() {
    let f = only("You may feel dizzy or nauseous, but these effects usually fade within hours.");
    assert_eq!(f.kind, K::Other);
    assert_eq!(f.measure.outcome.as_deref(), Some(SIDE_EFFECTS));
    let f = only("The benefit of one infusion can last up to a week.");
    assert_eq!(f.kind, K::EffectDuration);
}

#[test]
fn non_claims() {
    for s in [
        "Call us today at (555) 010-4477 to book.",
        "Visit 12 Example Lane Suite 5, Springfield, IL 62704.",
        "Posted on March 3, 2026 by the care team.",
        "We are open 9:00 am to 5:00 pm on weekdays.",
        "1. Glutamate Modulation",
        "This was shown before [3] and again (2).",
        "A trial (Rivera et al., 2011) changed the field.",
        "A study published in a journal in 2019 was cited.",
        "© 2026 Example Clinic. All rights reserved.",
        "Our phone line is open 24/7.",
        "The odds ratio was 9.87 (95% CI 4.37–22.29).",
        "Ketamine has been used for decades in surgery.",
        "Many tried one medication after another.",
        "We are open 7 days a week; call 1-800-555-0199 any time.",
        "Rated 5 stars since 2015: our top 10 tips.",
        "Step 1: adults of every age are welcome; COVID-19 rules apply.",
        "We have helped people for years.",
        "One of the first questions is about cost.",
        "No two patients are the same.",
        "Our monthly newsletter covers new research.",
        "We may raise the total weekly dose.",
        "Phase 2: Early Strengthening",
        "A 52-year-old man asked about it.",
        "Updated June 3 · 7 min read",
    ] {
        assert_eq!(read(s), [], "{s}");
    }
}

#[test]
fn first_digit_finds_the_first_digit_at_any_offset() {
    for len in [0, 1, 15, 16, 17, 31, 32, 33, 70] {
        let mut text = "x".repeat(len);
        assert_eq!(first_digit(text.as_bytes()), None, "{len}");
        for at in (0..len).rev() {
            text.replace_range(at..at + 1, "7");
            assert_eq!(first_digit(text.as_bytes()), Some(at), "{len} {at}");
        }
    }
    // Bytes outside ASCII whose low seven bits are a digit's ("ñ" is C3 B1, "°" C2 B0).
    for s in ["ñ°¹ñ°¹ñ°¹7", "°7", "ḁḁḁḁ°°°°¹¹¹¹x"] {
        assert_eq!(
            first_digit(s.as_bytes()),
            s.bytes().position(|b| b.is_ascii_digit()),
            "{s}"
        );
    }
}

#[test]
fn trigger_prefilter() {
    assert!(has_trigger("about one-third"));
    assert!(has_trigger("within hours"));
    assert!(has_trigger("30%"));
    assert!(has_trigger("⅔ of people"));
    assert!(has_trigger("twice weekly"));
    assert!(!has_trigger("Ketamine is a dissociative anesthetic."));
}

#[test]
fn trigger_words_are_known_in_any_case_and_only_they() {
    for w in TRIGGER_WORDS {
        assert!(is_trigger_word(w.as_bytes()), "{w}");
        assert!(is_trigger_word(w.to_ascii_uppercase().as_bytes()), "{w}");
        let mut longer = w.to_string();
        longer.push('s');
        assert_eq!(
            is_trigger_word(longer.as_bytes()),
            TRIGGER_WORDS.contains(&longer.as_str())
        );
    }
    for w in [
        "the",
        "these",
        "first",
        "thirsty",
        "on",
        "a",
        "",
        "twentyfive",
        "Ketamine",
    ] {
        assert!(!is_trigger_word(w.as_bytes()), "{w}");
    }
}

/// [`first_trigger`] as it was written first, a byte at a time: the word-at-a-time search must
/// find the same offset.
fn first_trigger_bytewise(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let digit = bytes.iter().position(u8::is_ascii_digit);
    let words = &bytes[..digit.unwrap_or(bytes.len())];
    let mut i = 0;
    while i < words.len() {
        let b = words[i];
        if !b.is_ascii_alphabetic() {
            let glyph = (b == 0xC2 && matches!(words.get(i + 1), Some(0xBC..=0xBE)))
                || (b == 0xE2
                    && words.get(i + 1) == Some(&0x85)
                    && matches!(words.get(i + 2), Some(0x93..=0x9E)));
            if glyph {
                return Some(i);
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < words.len() && words[i].is_ascii_alphabetic() {
            i += 1;
        }
        if (3..=9).contains(&(i - start)) && is_trigger_word(&words[start..i]) {
            return Some(start);
        }
    }
    digit
}

#[test]
fn trigger_words_are_found_at_any_offset_and_across_blocks() {
    let filler = [
        "a", "Ketamine", "is", "", "@[`{", "ÉTÉ", "½x", "€", "the", "ḁñ",
    ];
    for pad in 0..140 {
        for f in filler {
            for t in [
                "Hours", "oNe", "THIRTEEN", "sessions", "twenty", "⅔", "½", "7",
            ] {
                let text = format!("{}{f} {t} and", "z".repeat(pad));
                assert_eq!(
                    first_trigger(&text),
                    first_trigger_bytewise(&text),
                    "{text:?}"
                );
                let glued = format!("{}{t}{f}", "y ".repeat(pad / 2));
                assert_eq!(
                    first_trigger(&glued),
                    first_trigger_bytewise(&glued),
                    "{glued:?}"
                );
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn trigger_search_matches_the_bytewise_one(
        s in "([a-zA-Z]{1,12}|[ .,;@\\[`{~]|[0-9]|½|⅔|⅞|€|É|—|ñ|ḁ|°|¹|\u{85}){0,120}"
    ) {
        proptest::prop_assert_eq!(first_trigger(&s), first_trigger_bytewise(&s));
    }
}

#[test]
fn never_panics_and_ranges_are_char_boundaries() {
    // A deterministic stream of sentences built from the pieces claims are made of, glued in
    // random order: numbers, dashes, units, words, punctuation and multi-byte characters.
    const PIECES: &[&str] = &[
        "1",
        "24",
        "3,671",
        "0.5",
        "84.6",
        "%",
        " percent",
        "–",
        "—",
        "-",
        " to ",
        " and ",
        " between ",
        " from ",
        " hours",
        " weeks",
        " minutes",
        " mg",
        "/kg",
        " times",
        " in ",
        " out of ",
        " one",
        "-third",
        " half",
        " of ",
        " patients",
        " or more",
        "+",
        " about",
        " up to",
        " at least",
        " within",
        " an hour",
        "$",
        "(",
        ")",
        "[",
        "]",
        " é",
        "’",
        "…",
        " ketamine",
        " respond",
        " remission",
        " relapse",
        " versus ",
        " dozen",
        " a",
        ".",
        ",",
        ";",
        ":",
        "~",
        "≥",
        " 9:00 am",
        " (555) 013-2468",
        " March 3, 2026",
        "\n",
        "  ",
        "⅔",
        "½",
        " x",
        " a week",
        " twice",
        " BMI",
        " >",
        " ng/dL",
        " units",
        " sessions",
        " every",
        " weekly",
        " hundred",
        " seventy",
        " our",
        " COVID",
        " type",
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = 1 + next() % 24;
        let s: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        for f in figures(&s) {
            assert!(
                s.is_char_boundary(f.range.start) && s.is_char_boundary(f.range.end),
                "{s:?}"
            );
            assert!(f.range.start < f.range.end, "{s:?}");
            if let (Some(lo), Some(hi)) = (f.value.low, f.value.high) {
                assert!(lo <= hi, "{s:?}: {lo} > {hi}");
            }
        }
    }
}

#[test]
fn an_outcome_word_after_a_conjunction_belongs_to_the_figure_it_introduces() {
    check(
        "Trials found remission rates of 20% and response rates of 50% at week four.",
        &[
            point("20%", 20.0, U::Percent, K::RemissionRate),
            point("50%", 50.0, U::Percent, K::ResponseRate),
        ],
    );
    check(
        "Reviews report response rates from 45% to 60% and remission rates (full recovery) from 25% to 35%.",
        &[
            range("from 45% to 60%", 45.0, 60.0, U::Percent, K::ResponseRate),
            range("from 25% to 35%", 25.0, 35.0, U::Percent, K::RemissionRate),
        ],
    );
    // Counterexamples: an outcome word right after its own figure stays with it.
    check(
        "In that audit 70% responded and 40% remitted.",
        &[
            point("70%", 70.0, U::Percent, K::ResponseRate),
            point("40%", 40.0, U::Percent, K::RemissionRate),
        ],
    );
    check(
        "The clinic cites a 60% response rate and a 30% remission rate.",
        &[
            point("60%", 60.0, U::Percent, K::ResponseRate),
            point("30%", 30.0, U::Percent, K::RemissionRate),
        ],
    );
}

#[test]
fn lengths_stated_per_sitting_or_by_take() {
    use ClaimKind as K;
    // A length per sitting, even right after the count of sittings.
    check(
        "Most courses run 15 to 30 sessions of 90 minutes each session.",
        &[
            range(
                "15 to 30 sessions",
                15.0,
                30.0,
                Unit::Count,
                K::TreatmentCourse,
            ),
            point("90 minutes", 90.0, Unit::Minutes, K::SessionDuration),
        ],
    );
    // Counterexample: weeks per sitting are no sitting's length.
    assert_ne!(
        only("Plan on a recovery of 2 weeks per treatment area.").kind,
        K::SessionDuration
    );
    // "takes N minutes" with nothing after it is how long the sitting takes ...
    assert_eq!(
        only("A vitamin push is quicker. It usually takes around 20 minutes.").kind,
        K::SessionDuration
    );
    // ... but "takes N minutes to work" is an onset.
    assert_eq!(
        only("The nasal spray takes about 15 minutes to work.").kind,
        K::OnsetTime
    );
}

#[test]
fn one_unit_or_a_few_and_whole_units() {
    use ClaimKind as K;
    // "a day or two" is one to two days; "one or two hours" keeps reading as before.
    let f = only("Mild soreness can linger for a day or two after the visit.");
    assert_eq!(
        (f.value.low, f.value.high, f.value.unit),
        (Some(1.0), Some(2.0), Unit::Days)
    );
    let f = only("Each dive runs one or two hours.");
    assert_eq!(
        (f.value.low, f.value.high, f.value.unit),
        (Some(1.0), Some(2.0), Unit::Hours)
    );
    // Counterexamples: no bare number after "or", or a number with a unit of its own.
    let f = only("Expect to rest for a week or more.");
    assert_eq!((f.value.low, f.value.high), (Some(1.0), Some(1.0)));
    // "an entire month", "a full year": one unit.
    let f = only("It can take an entire month to see the veins fade.");
    assert_eq!(
        (f.value.low, f.value.unit, f.kind),
        (Some(1.0), Unit::Months, K::OnsetTime)
    );
    assert!(figures("The entire team is here to help.").is_empty());
}

#[test]
fn populations_in_millions_and_sizes_of_change() {
    use ClaimKind as K;
    assert_eq!(
        only("Roughly 30 million American adults live with thinning hair.").kind,
        K::Prevalence
    );
    // Counterexamples: a study's records, and a clinic's own patient count.
    assert_eq!(
        only("A registry study of 2 million patients found no such link.").kind,
        K::SampleSize
    );
    // A clinic's tally of its work is no study's sample either.
    assert_eq!(
        only("We have treated 1,200 patients since 2015.").kind,
        K::Other
    );
    // The size of a change is no share of patients ...
    assert_eq!(
        only("Most patients can expect a 40-70% improvement after a few sessions.").kind,
        K::OtherPercentage
    );
    // ... but a share who improved, or an improvement rate, is a response rate.
    assert_eq!(
        only("About 70% of patients see improvement after a few sessions.").kind,
        K::ResponseRate
    );
    assert_eq!(
        only("The clinic reports a 65% improvement rate.").kind,
        K::ResponseRate
    );
}

#[test]
fn wear_per_day_reactions_courses_that_take_and_limits() {
    use ClaimKind as K;
    // Hours of wear a day are part of the course ...
    assert_eq!(
        only("Clear aligners should be worn 20 to 22 hours a day.").kind,
        K::TreatmentCourse
    );
    // ... a sitting's minutes, or hours after a treatment, are not.
    assert_eq!(
        only("Each light session takes 20 minutes.").kind,
        K::SessionDuration
    );
    assert_ne!(
        only("Avoid the gym for 48 hours after each treatment.").kind,
        K::TreatmentCourse
    );
    // A local reaction's time to clear is a recovery time ...
    assert_eq!(
        only("Some redness is normal and usually fades within two days.").kind,
        K::RecoveryTime
    );
    // ... the time until the treatment works is not.
    assert_eq!(
        only("Patients usually notice smoother skin within two weeks.").kind,
        K::OnsetTime
    );
    // "treatments take N months" is the course's length; "medicines may take N weeks" an onset.
    assert_eq!(
        only("Orthodontic treatments usually take 12 to 20 months.").kind,
        K::TreatmentCourse
    );
    assert_eq!(
        only("Oral antidepressants may take 4 to 6 weeks.").kind,
        K::OnsetTime
    );
    // "more than an hour at a time" is a limit, "one week at a time" an idiom.
    let f = only("Never leave the trays out for more than an hour at a time.");
    assert_eq!((f.value.low, f.value.unit), (Some(1.0), Unit::Hours));
    assert!(figures("You can pay for care one week at a time.").is_empty());
}

#[test]
fn intervals_by_ordinal_decades_and_times_counted_from_an_event() {
    // "every third day" is an interval of three days ...
    let got = read("Apply the cream every third day.");
    assert_eq!(
        got,
        [(
            "every third day".to_owned(),
            Some(3.0),
            Some(3.0),
            U::Days,
            K::TreatmentCourse
        )]
    );
    // ... "every day" and "the third day" are not.
    assert!(figures("Apply it every day; most feel it on the third day.").is_empty());
    // Decades are ten years each, never a count of decades.
    let f = only("The clinic has over three decades of experience with lasers.");
    assert_eq!((f.value.low, f.value.unit), (Some(30.0), U::Years));
    // "a week later", "one month after the operation": a time counted from an event ...
    let f = only("We repeat the count one month later.");
    assert_eq!((f.value.low, f.value.unit), (Some(1.0), U::Months));
    let f = only("Light jogging is fine one week after the operation.");
    assert_eq!((f.value.low, f.value.unit), (Some(1.0), U::Weeks));
    // ... "one day after another" is an idiom and "one day" alone an anecdote.
    assert!(figures("She kept going, one day after another.").is_empty());
    assert!(figures("One day she called the office.").is_empty());
    // "Yearly" before a scheduled thing is an interval of a year; "yearly report" is not.
    let f = only("Yearly check-ups keep the implant healthy.");
    assert_eq!((f.value.low, f.value.unit), (Some(1.0), U::Years));
    assert!(figures("Read our yearly report on outcomes.").is_empty());
}

/// Each sentence's one figure has the kind beside it.
fn only_kinds(cases: &[(&str, ClaimKind)]) {
    for &(sentence, kind) in cases {
        assert_eq!(only(sentence).kind, kind, "{sentence}");
    }
}

#[test]
fn what_lasts_or_is_worn_decides_the_kind_of_its_time() {
    only_kinds(&[
        // A phase or series that lasts N is the course's length ...
        (
            "The loading phase usually lasts two to four months.",
            K::TreatmentCourse,
        ),
        (
            "The maintenance series will last about two years.",
            K::TreatmentCourse,
        ),
        // ... the effects of a course that last N are an effect.
        (
            "The effects of the treatment last about six months.",
            K::EffectDuration,
        ),
        // How long something is worn, in days or more, is part of the course ...
        (
            "The brace should be worn for about 4 – 6 weeks after surgery.",
            K::TreatmentCourse,
        ),
        // ... a restriction after a procedure, or blurry vision that clears, is a recovery.
        (
            "Avoid heavy lifting for ten days after the operation.",
            K::RecoveryTime,
        ),
        (
            "Keep off your feet and reduce activity for 2 days.",
            K::RecoveryTime,
        ),
        ("Vision may stay blurry for a day or two.", K::RecoveryTime),
        // A test that checks the result, at the time it is done, is a follow-up.
        (
            "Drop off a semen sample about 10 weeks after the procedure.",
            K::FollowUp,
        ),
    ]);
    // "last" as an adjective is no verb of lasting.
    assert_ne!(
        only("Book a check if it has been over two years since your last exam.").kind,
        K::EffectDuration
    );
    // A time right before a count of sessions is the course's length ...
    let got = read("It runs 5-7 weeks, for 30 total sessions.");
    assert_eq!(got[0].4, K::TreatmentCourse, "{got:?}");
    // ... minutes before a count of sessions are still a sitting.
    let got = read("Each visit lasts 40 minutes, for six visits.");
    assert_eq!(got[0].4, K::SessionDuration, "{got:?}");
}

#[test]
fn a_bounded_change_beside_a_share_defines_it_and_shares_of_organs_are_no_weight_loss() {
    // "at least a N% reduction" next to a share of people is the bar for counting ...
    let got = read("In trials, 65% of patients had at least a 50% reduction in pain.");
    assert_eq!(got[1].4, K::DefinitionThreshold, "{got:?}");
    // ... and an unbounded change beside a share is a result.
    let got = read("In trials, 65% of patients had a 50% reduction in pain.");
    assert_ne!(got[1].4, K::DefinitionThreshold, "{got:?}");
    only_kinds(&[
        (
            "Many respond with at least a 30% reduction in symptoms.",
            K::DefinitionThreshold,
        ),
        // A bounded change on its own is a result.
        (
            "Patients saw at least a 30% reduction in pain.",
            K::OtherPercentage,
        ),
        // A share of an organ near weight-loss words is not weight lost ...
        (
            "This weight reduction comes from removing about 75% of the stomach.",
            K::OtherPercentage,
        ),
        // ... a share of body or excess weight is.
        (
            "Patients lose about 65% of their excess weight.",
            K::WeightLoss,
        ),
    ]);
}

#[test]
fn courses_of_use_checks_at_intervals_and_the_approx_abbreviation() {
    only_kinds(&[
        // "N weeks of use" is how long a treatment is taken ...
        (
            "Most patients need 16 weeks of therapy.",
            K::TreatmentCourse,
        ),
        ("The label allows 12 weeks of use.", K::TreatmentCourse),
        // ... but "N weeks of" anything else is not.
        ("She had 12 weeks of savings left.", K::Other),
        // Checks at an interval are a follow-up schedule ...
        ("We recommend an eye exam every two years.", K::FollowUp),
        ("Yearly check-ups keep the implant healthy.", K::FollowUp),
        // ... treatments at an interval are a course.
        ("Boosters are given every two months.", K::TreatmentCourse),
        // "approx." qualifies the figure like "approximately" ("worn for" then reads).
        (
            "Stockings are worn for approx. 3 weeks.",
            K::TreatmentCourse,
        ),
    ]);
    let got = read("It takes approx. 20 minutes.");
    assert_eq!(got[0].0, "approx. 20 minutes", "{got:?}");
    // A time point comes first: "after 8 weeks of treatment" reports what follows at it.
    let got = read("After 8 weeks of treatment, 60% of patients had responded.");
    assert_eq!(got[0].4, K::FollowUp, "{got:?}");
}

#[test]
fn a_range_of_parts_out_of_one_whole_is_a_range_of_shares() {
    let f = only("Only 3 to 6 out of every 1,000 patients need a second surgery.");
    assert_eq!((f.value.low, f.value.high), (Some(0.3), Some(0.6)));
    assert_eq!(f.value.unit, U::Percent);
    // A count before a share of its own is no part of it.
    let got = read("We treated 40 to 50% of cases.");
    assert_eq!((got[0].1, got[0].2), (Some(40.0), Some(50.0)), "{got:?}");
}

#[test]
fn study_lengths_waits_uses_sittings_differences_bars_and_tallies() {
    only_kinds(&[
        // How long a study ran is the time point of its results ...
        (
            "In a 26-week clinical study, most patients improved.",
            K::FollowUp,
        ),
        ("A two-year trial followed the patients.", K::FollowUp),
        // ... a program of that length is a course.
        (
            "You may be prescribed a 10 week program.",
            K::TreatmentCourse,
        ),
        // A wait for an effect, stated with "to see" or "to take effect", is an onset ...
        (
            "Plan on waiting about three months after the last session to see the full result.",
            K::OnsetTime,
        ),
        (
            "The therapy needs time (up to 1 year) to let the hormone take effect.",
            K::OnsetTime,
        ),
        // ... a purpose that is no effect leaves the time what it was.
        (
            "Compression garments are worn for 2 weeks to reduce the swelling.",
            K::TreatmentCourse,
        ),
        // How long a treatment was used is its course, even in a trial.
        (
            "The women in the trial used the cream for 3 years with no safety signal.",
            K::TreatmentCourse,
        ),
        // Minutes that a treatment takes are a sitting, whatever follows ...
        (
            "Each appointment takes 20 – 40 minutes, and most people go back to work the same day.",
            K::SessionDuration,
        ),
        // ... unless the time is what the recovery takes.
        ("Full recovery takes two hours or so.", K::RecoveryTime),
        // A difference in a count of days is no duration.
        (
            "Patients report 4.5 fewer migraine days each month.",
            K::Other,
        ),
        // A lower bound on a time, where the sentence says what counts, is the bar ...
        (
            "To count as adherent, the device must be used at least 5 hours a night.",
            K::DefinitionThreshold,
        ),
        // ... the same bound as an instruction is part of the course.
        (
            "Use the device at least 5 hours a night.",
            K::TreatmentCourse,
        ),
        // An age that bounds who is meant is a cut-off.
        (
            "Screening is advised for adults over the age of 50.",
            K::DefinitionThreshold,
        ),
        // A clinic's tally is no study's sample ...
        (
            "Our surgeons have treated more than 3,000 patients.",
            K::Other,
        ),
        // ... a trial's enrolment is.
        ("The trial enrolled 300 patients.", K::SampleSize),
        ("Sciatica impacts roughly 5% of adults.", K::Prevalence),
    ]);
    // An age that describes a group is a figure of its people, not a time.
    let got = read("Children aged 6 to 12 can join the class.");
    assert_eq!(
        (got[0].1, got[0].2, got[0].4),
        (Some(6.0), Some(12.0), K::Other),
        "{got:?}"
    );
    let got = read("Patients 4.5 fewer migraine days a month.");
    assert_eq!((got[0].1, got[0].3), (Some(4.5), U::Days), "{got:?}");
}

#[test]
fn list_items_reductions_of_symptoms_who_was_studied_and_shares_reaching_a_bar() {
    // A percentage with no cue of its own, listed after one with an outcome, shares it ...
    let got = read(
        "On average patients lost about 5% of their weight by 8 weeks, about 9% by 16 weeks and \
         about 12% by 40 weeks.",
    );
    let kinds: Vec<_> = got
        .iter()
        .filter(|r| r.3 == U::Percent)
        .map(|r| r.4)
        .collect();
    assert_eq!(kinds, [K::WeightLoss; 3], "{got:?}");
    // ... an item with its own outcome keeps it.
    let got = read("About 60% responded, and 8% dropped out.");
    assert_eq!(
        (got[0].4, got[1].4),
        (K::ResponseRate, K::OtherPercentage),
        "{got:?}"
    );
    // A symptom that the treatment reduces is its outcome, and halving it a response ...
    let got = read("About 40% of patients halved their migraine days, and 25% on placebo did.");
    assert_eq!(got[0].4, K::ResponseRate, "{got:?}");
    // ... a symptom after the treatment is a side effect.
    only_kinds(&[
        (
            "About 40% of patients had a headache after the injection.",
            K::SideEffectRate,
        ),
        // Who was in a study is a share of its sample ...
        (
            "Most of the people enrolled (80%) were women, a group migraine affects more.",
            K::OtherPercentage,
        ),
        // ... a share of a population with a condition is a prevalence.
        ("Migraine affects about 18% of women.", K::Prevalence),
        // Weight lost with no share beside it stays weight lost.
        (
            "Patients lost at least 5% of their body weight.",
            K::WeightLoss,
        ),
    ]);
    // A share of people who lost at least a bar of weight reached the bar: the share is a
    // success rate and the bar defines it.
    let got = read("In the trial, 64% of patients lost at least 5% of their body weight.");
    assert_eq!(
        (got[0].4, got[1].4),
        (K::SuccessRate, K::DefinitionThreshold),
        "{got:?}"
    );
}

#[test]
fn shares_of_procedures_frequencies_in_days_bounds_after_than_and_definitions() {
    only_kinds(&[
        // A share of procedures that work is a success rate ...
        (
            "The procedure is effective in more than 98% of the cases.",
            K::SuccessRate,
        ),
        // ... a share of people who improve is a response.
        (
            "The procedure is effective for more than 60% of the patients.",
            K::ResponseRate,
        ),
        // Days in a week are how often: the course.
        (
            "Therapy is usually 3 days a week at first.",
            K::TreatmentCourse,
        ),
        // "lower than" a number is a bound, not a comparison.
        (
            "Levels that are lower than 300 ng/dL point to a deficiency.",
            K::DefinitionThreshold,
        ),
        // A time inside a definition is part of it.
        (
            "Success is defined as the implant staying in place over a ten-year period.",
            K::DefinitionThreshold,
        ),
        // How long a treatment is recommended for is its course.
        (
            "The drops are recommended for 6 to 8 weeks.",
            K::TreatmentCourse,
        ),
    ]);
    // A share who reached a bar of improvement responded.
    let got = read("In our audit, 75% of patients saw at least a 50% reduction in pain.");
    assert_eq!(
        (got[0].4, got[1].4),
        (K::ResponseRate, K::DefinitionThreshold),
        "{got:?}"
    );
    let got = read("Therapy is usually 3 days a week for 4-6 weeks.");
    assert_eq!((got[0].1, got[0].3), (Some(3.0), U::PerWeek), "{got:?}");
    assert_eq!(got[1].4, K::TreatmentCourse, "{got:?}");
}

#[test]
fn sustained_outcomes_times_later_areas_and_days_of_a_symptom() {
    only_kinds(&[
        // "sustained improvement" is the measure; "in sustained remission" names who.
        (
            "Sustained improvement was seen in 70% of patients.",
            K::ResponseRate,
        ),
        // An area is a figure of its own.
        ("That is 5.5 cm2 of fat gone from the belly.", K::Other),
    ]);
    // A time "later" at which a rate was reported is its follow-up.
    let got = read("Two thirds of the responders said a year later that they were still well.");
    assert_eq!(got[1].4, K::FollowUp, "{got:?}");
    let got = read("Of patients in sustained remission, 30% relapsed.");
    assert_eq!(got[0].4, K::RelapseRate, "{got:?}");
    let f = only("The treated area shrank by 5.5 cm2.");
    assert_eq!((f.value.low, f.value.unit), (Some(5.5), U::Cm2));
    // A difference in days has the time point it is reported at, and "reduced ... by N days"
    // is a difference too.
    let f = &figures("Patients notice 9.2 fewer headache days after just 12 weeks.")[0];
    let tp = f.measure.time_point.as_ref().expect("time point");
    assert_eq!((tp.low, tp.unit), (Some(12.0), U::Weeks));
    let got = read("Botox reduced headache days by 8.1 days a month.");
    assert_eq!(got[0].4, K::Other, "{got:?}");
    // A body weight is no weight lost, even beside a loss.
    let got = read("Someone weighing 250 pounds could lose about 40 pounds.");
    assert_eq!((got[0].4, got[1].4), (K::Other, K::WeightLoss), "{got:?}");
    // Days with a symptom in a month stay days; days in a week of therapy are a frequency.
    let f = only("Botox may help if you have headaches on 15 or more days a month.");
    assert_eq!(f.value.unit, U::Days);
}

/// (quote, low, high, unit) of each figure, whatever its kind.
fn values(sentence: &str) -> Vec<(String, Option<f64>, Option<f64>, Unit)> {
    read(sentence)
        .into_iter()
        .map(|(q, lo, hi, u, _)| (q, lo, hi, u))
        .collect()
}

fn one_value(sentence: &str) -> (Option<f64>, Option<f64>, Unit) {
    let v = values(sentence);
    assert_eq!(v.len(), 1, "{sentence}: {v:?}");
    (v[0].1, v[0].2, v[0].3)
}

#[test]
fn periods_with_no_number_written() {
    let one = |u| (Some(1.0), Some(1.0), u);
    assert_eq!(
        one_value("Most swelling is gone by the end of the first week."),
        one(U::Weeks)
    );
    assert_eq!(
        one_value("The bulk of the loss comes within the first year after surgery."),
        one(U::Years)
    );
    assert_eq!(
        one_value("During the first month of care, we check in by phone."),
        one(U::Months)
    );
    assert_eq!(
        one_value("Results held steady over the following year."),
        one(U::Years)
    );
    // Counterexamples: a day named, not a period; an adjective; a period with its own number;
    // an ordinal other than the first; no lead before "the".
    assert_eq!(
        values("Bring your forms on the first day of treatment."),
        []
    );
    assert_eq!(values("Our first-year residents assist in surgery."), []);
    assert_eq!(
        one_value("Most change happens in the first 6 months."),
        (Some(6.0), Some(6.0), U::Months)
    );
    assert_eq!(values("In the second week, the bruising fades."), []);
    assert_eq!(values("We will call you the next day."), []);
}

#[test]
fn halves_hyphenated_ranges_and_compound_nouns() {
    assert_eq!(
        values("The course runs over a month and a half of weekday visits.")[0],
        (
            "a month and a half".to_owned(),
            Some(1.5),
            Some(1.5),
            U::Months
        )
    );
    assert_eq!(
        one_value("Healing takes two and a half weeks."),
        (Some(2.5), Some(2.5), U::Weeks)
    );
    assert_eq!(
        one_value("Each visit lasts an hour and a half."),
        (Some(1.5), Some(1.5), U::Hours)
    );
    assert_eq!(
        one_value("Come back for a tune-up once every one-to-three months."),
        (Some(1.0), Some(3.0), U::Months)
    );
    assert_eq!(
        one_value("Most patients finish 36 TMS therapy treatment sessions."),
        (Some(36.0), Some(36.0), U::Count)
    );
    assert_eq!(
        one_value("Our surgeons have treated over a million patients."),
        (Some(1e6), Some(1e6), U::Count)
    );
    assert_eq!(
        one_value("Our surgeons have treated one million patients."),
        (Some(1e6), Some(1e6), U::Count)
    );
    assert_eq!(
        one_value("About two-thirds still struggle with low mood."),
        (Some(66.7), Some(66.7), U::Percent)
    );
    assert_eq!(
        one_value("Serious reactions are rare, about one in a thousand."),
        (Some(0.1), Some(0.1), U::Percent)
    );
    // Counterexamples: an ordinal after "a"; a half that is not the figure's; a half alone is
    // no share and no second half.
    assert_eq!(values("Book a third session if you need one."), []);
    assert!(
        !values("The course runs a month and a half-day retreat.")
            .iter()
            .any(|v| v.1 == Some(1.5)),
        "a half-day is not half a month"
    );
    assert!(!values("Results are a month and a half away.")
        .iter()
        .any(|v| v.3 == U::Percent));
}

#[test]
fn a_share_in_words_with_its_exact_percentage_is_one_figure() {
    for (sentence, quote, v) in [
        (
            "More than half (52%) of patients kept the weight off.",
            "More than half (52%)",
            52.0,
        ),
        (
            "Over a third (34%) of the group stayed in remission.",
            "Over a third (34%)",
            34.0,
        ),
        (
            "Nearly two-thirds (64%) responded by week four.",
            "Nearly two-thirds (64%)",
            64.0,
        ),
        (
            "More than 1 in 3 (35%) relapsed within a year.",
            "More than 1 in 3 (35%)",
            35.0,
        ),
    ] {
        let f = &figures(sentence)[0];
        assert!(sentence[f.range.clone()].starts_with(quote), "{sentence}");
        assert_eq!(f.value.low, Some(v), "{sentence}");
        // The words round the exact figure: "more than" bounds them, not it.
        assert_eq!(f.value.bound, None, "{sentence}");
        assert!(!f.value.approx, "{sentence}");
    }
    // Counterexample: a bracket that is not the share's percentage keeps both figures apart.
    let f = figures("More than half of patients (n = 52) improved.");
    assert_eq!(f[0].value.low, Some(50.0));
    assert_eq!(f[0].value.bound, Some(Bound::MoreThan));
}

#[test]
fn a_number_joined_to_the_noun_it_counts() {
    assert_eq!(
        values("Patients saw a 5.4-point improvement on the scale."),
        [("5.4-point".to_owned(), Some(5.4), Some(5.4), U::Count)]
    );
    let f = only("The 288-patient trial was run in Ohio.");
    assert_eq!((f.value.low, f.value.unit), (Some(288.0), U::Count));
    assert_eq!(f.kind, K::SampleSize);
    // Counterexamples: a word that counts nothing, and a name with its digits.
    assert_eq!(values("We follow a 3-step plan."), []);
    assert_eq!(values("COVID-19 patient visits were moved online."), []);
}

#[test]
fn a_vague_time_with_its_figure_in_a_bracket_is_the_figure() {
    assert_eq!(
        values("The accelerated course is condensed into a few days (1-10 days)."),
        [("1-10 days".to_owned(), Some(1.0), Some(10.0), U::Days)]
    );
    // Counterexample: a bracket stating something else leaves the vague time a claim.
    let v = values("Results build over a few weeks (6 sessions in all).");
    assert!(v.iter().any(|x| x.1.is_none() && x.3 == U::Weeks), "{v:?}");
}

#[test]
fn times_counts_occasions_unless_it_compares() {
    assert_eq!(
        one_value("Most legs need sclerotherapy two to four times."),
        (Some(2.0), Some(4.0), U::Count)
    );
    assert_eq!(
        one_value("The nurse checks your blood pressure 3 times during the infusion."),
        (Some(3.0), Some(3.0), U::Count)
    );
    // A fold is a comparison, not occasions; "at one time" and "at times" are idioms.
    assert_eq!(
        one_value("Responders were 2 to 4 times as likely to stay well."),
        (Some(2.0), Some(4.0), U::Fold)
    );
    assert_eq!(values("At one time, doctors thought this was rare."), []);
    assert_eq!(values("The pain returned at times."), []);
}

#[test]
fn how_often_a_year() {
    check(
        "Botox for sweating is usually repeated 3 to 4 times a year.",
        &[range(
            "3 to 4 times a year",
            3.0,
            4.0,
            U::PerYear,
            K::TreatmentCourse,
        )],
    );
    check(
        "Most people need a cleaning twice a year.",
        &[point("twice a year", 2.0, U::PerYear, K::TreatmentCourse)],
    );
    assert_eq!(
        one_value("Boosters are given 1-2x annually."),
        (Some(1.0), Some(2.0), U::PerYear)
    );
    // Counterexample: a noun a year is a clinic's volume, not how often a treatment is given.
    assert!(!values("We see 2,000 patients a year.")
        .iter()
        .any(|v| v.3 == U::PerYear));
}

#[test]
fn a_journal_in_a_bracketed_citation_is_no_treatment() {
    let f = figures(
        "In one trial (Okafor et al., Aesthetic Surgery Journal), 64% of patients saw a smaller chin.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_ne!(
        f[0].measure.intervention.as_deref(),
        Some("Aesthetic Surgery")
    );
    assert!(f[0]
        .measure
        .intervention
        .as_deref()
        .is_none_or(|i| !i.to_lowercase().contains("surgery")));
    // Counterexample: a treatment in a bracket that cites nobody is still named.
    let f = figures("In one trial (of knee surgery), 64% of patients walked sooner.");
    assert_eq!(f[0].measure.intervention.as_deref(), Some("knee surgery"));
}

#[test]
fn a_period_named_by_its_number_is_a_time_point() {
    let tp = |s: &str| {
        figures(s)
            .into_iter()
            .find(|f| f.value.unit == U::Percent)
            .and_then(|f| f.measure.time_point)
    };
    assert_eq!(
        tp("By Month 3: 5-8% weight loss for most people."),
        Some(Value::point(3.0, U::Months))
    );
    assert_eq!(
        tp("Patients lost 10-15% by month 6."),
        Some(Value::point(6.0, U::Months))
    );
    assert_eq!(
        tp("At weeks 21-24, 47% had responded."),
        Some(Value::range(21.0, 24.0, U::Weeks))
    );
    // The nearer period decides over a course named earlier in the sentence, and a window from
    // the start ("in the first 3 months") is a time point.
    let all = |s: &str| {
        figures(s)
            .into_iter()
            .filter(|f| f.value.unit == U::Percent)
            .map(|f| f.measure.time_point)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        all("Over 72 weeks patients lose 15-22%, with 5-8% in the first 3 months and 10-15% by month 6."),
        [
            Some(Value::point(72.0, U::Weeks)),
            Some(Value::point(3.0, U::Months)),
            Some(Value::point(6.0, U::Months)),
        ]
    );
    // A year's number, a phase and a far-off label name no time point of the figure.
    assert_eq!(tp("In 2024, 47% of adults had tried it."), None);
    assert_eq!(tp("Phase 2 showed that 47% responded."), None);
    assert_eq!(tp("Year 2025 data: 47% of users renewed."), None);
}

/// [`subject`] as first written, with `format!`.
fn subject_formatted(kind: ClaimKind, treatment: Option<&str>, condition: Option<&str>) -> String {
    let t = treatment.unwrap_or("treatment");
    let in_c = condition.map(|c| format!(" in {c}")).unwrap_or_default();
    match kind {
        ClaimKind::ResponseRate => format!("{t} response rate{in_c}"),
        ClaimKind::RemissionRate => format!("{t} remission rate{in_c}"),
        ClaimKind::RelapseRate => format!("relapse rate with {t}{in_c}"),
        ClaimKind::OnsetTime => format!("onset of {t} effect{in_c}"),
        ClaimKind::Prevalence => format!("prevalence of {}", condition.unwrap_or("the condition")),
        ClaimKind::EffectDuration => format!("duration of {t} effect{in_c}"),
        ClaimKind::SessionDuration => format!("{t} session length"),
        ClaimKind::TreatmentCourse => format!("{t} treatment course{in_c}"),
        ClaimKind::Dose => format!("{t} dose"),
        ClaimKind::SampleSize => format!("study sample size ({t}{in_c})"),
        ClaimKind::DefinitionThreshold => {
            format!(
                "threshold defining {}",
                condition.unwrap_or("the condition")
            )
        }
        ClaimKind::WeightLoss => format!("weight loss with {t}{in_c}"),
        ClaimKind::SuccessRate => format!("{t} success rate{in_c}"),
        ClaimKind::SideEffectRate => format!("side effects of {t}{in_c}"),
        ClaimKind::Price => format!("price of {t}"),
        ClaimKind::RecoveryTime => format!("recovery time after {t}"),
        ClaimKind::FollowUp => format!("follow-up after {t}{in_c}"),
        ClaimKind::OtherPercentage => format!("percentage about {t}{in_c}"),
        ClaimKind::Other => format!("figure about {t}{in_c}"),
    }
}

#[test]
fn subjects_read_as_they_were_formatted() {
    for kind in ClaimKind::ALL {
        for treatment in [None, Some("IV ketamine")] {
            for condition in [None, Some("treatment-resistant depression")] {
                assert_eq!(
                    subject(kind, treatment, condition),
                    subject_formatted(kind, treatment, condition),
                    "{kind:?}"
                );
            }
        }
    }
}
