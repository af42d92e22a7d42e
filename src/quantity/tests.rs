//! Every claim form and every non-claim the scanner must know, one sentence each.

use super::*;
use crate::model::Bound;

/// (quote, low, high, unit, approx, bound, kind) for each figure of a sentence.
type Want<'a> = (
    &'a str,
    Option<f64>,
    Option<f64>,
    Unit,
    bool,
    Option<Bound>,
    ClaimKind,
);

fn check(sentence: &str, want: &[Want<'_>]) {
    let got = figures(sentence);
    let got: Vec<_> = got
        .iter()
        .map(|f| {
            (
                &sentence[f.range.clone()],
                f.value.low,
                f.value.high,
                f.value.unit,
                f.value.approx,
                f.value.bound,
                f.kind,
            )
        })
        .collect();
    assert_eq!(got, want, "sentence: {sentence}");
}

fn point(quote: &str, v: f64, unit: Unit, kind: ClaimKind) -> Want<'_> {
    (quote, Some(v), Some(v), unit, false, None, kind)
}

fn range(quote: &str, lo: f64, hi: f64, unit: Unit, kind: ClaimKind) -> Want<'_> {
    (quote, Some(lo), Some(hi), unit, false, None, kind)
}

use ClaimKind as K;

#[test]
fn percentages_and_ranges() {
    check(
        "Our infusions helped 70–80% of patients respond.",
        &[range("70–80%", 70.0, 80.0, Unit::Percent, K::ResponseRate)],
    );
    check(
        "Response rates range from 50% to 70% in trials.",
        &[range(
            "from 50% to 70%",
            50.0,
            70.0,
            Unit::Percent,
            K::ResponseRate,
        )],
    );
    check(
        "Remission occurred in between 30 and 40 percent of people.",
        &[range(
            "between 30 and 40 percent",
            30.0,
            40.0,
            Unit::Percent,
            K::RemissionRate,
        )],
    );
    check(
        "Relapse was seen in 26.7% with the nasal spray.",
        &[point("26.7%", 26.7, Unit::Percent, K::RelapseRate)],
    );
    check(
        "Roughly 5 - 10 % of visitors were surveyed.",
        &[(
            "Roughly 5 - 10 %",
            Some(5.0),
            Some(10.0),
            Unit::Percent,
            true,
            None,
            K::OtherPercentage,
        )],
    );
    check(
        "The figure was 60—65 per cent overall.",
        &[range(
            "60—65 per cent",
            60.0,
            65.0,
            Unit::Percent,
            K::OtherPercentage,
        )],
    );
}

#[test]
fn fractions_and_ratios() {
    check(
        "Treatment-resistant depression affects around 30% of those diagnosed.",
        &[(
            "around 30%",
            Some(30.0),
            Some(30.0),
            Unit::Percent,
            true,
            None,
            K::Prevalence,
        )],
    );
    check(
        "Even then, about one-third of patients do not get relief.",
        &[(
            "about one-third",
            Some(33.3),
            Some(33.3),
            Unit::Percent,
            true,
            None,
            K::OtherPercentage,
        )],
    );
    check(
        "Half of patients respond to the first drug.",
        &[point(
            "Half of patients",
            50.0,
            Unit::Percent,
            K::ResponseRate,
        )],
    );
    check(
        "Nearly 1 in 3 adults report symptoms of anxiety.",
        &[(
            "Nearly 1 in 3",
            Some(33.3),
            Some(33.3),
            Unit::Percent,
            true,
            Some(Bound::AtMost),
            K::OtherPercentage,
        )],
    );
    check(
        "In our clinic 3 out of 4 clients improved.",
        &[point("3 out of 4", 75.0, Unit::Percent, K::ResponseRate)],
    );
    check(
        "In one audit 11 out of 13 (84.6%) responded.",
        &[point(
            "11 out of 13 (84.6%)",
            84.6,
            Unit::Percent,
            K::ResponseRate,
        )],
    );
    check(
        "Two-thirds of participants achieved remission.",
        &[point("Two-thirds", 66.7, Unit::Percent, K::RemissionRate)],
    );
}

#[test]
fn times() {
    check(
        "Pills may take 4–6 weeks; ketamine often works within 24–48 hours.",
        &[
            range("4–6 weeks", 4.0, 6.0, Unit::Weeks, K::OnsetTime),
            range("within 24–48 hours", 24.0, 48.0, Unit::Hours, K::OnsetTime),
        ],
    );
    check(
        "Each visit runs 45–60 minutes in a quiet room.",
        &[range(
            "45–60 minutes",
            45.0,
            60.0,
            Unit::Minutes,
            K::SessionDuration,
        )],
    );
    check(
        "An infusion session usually lasts about 40 minutes to an hour.",
        &[(
            "about 40 minutes to an hour",
            Some(40.0),
            Some(60.0),
            Unit::Minutes,
            true,
            None,
            K::SessionDuration,
        )],
    );
    check(
        "Plan on each session lasting about 2 hours.",
        &[(
            "about 2 hours",
            Some(2.0),
            Some(2.0),
            Unit::Hours,
            true,
            None,
            K::SessionDuration,
        )],
    );
    check(
        "Most people receive six infusions over two to three weeks.",
        &[range(
            "six infusions over two to three weeks",
            2.0,
            3.0,
            Unit::Weeks,
            K::TreatmentCourse,
        )],
    );
    check(
        "The benefit can last up to a week after one dose.",
        &[(
            "up to a week",
            Some(1.0),
            Some(1.0),
            Unit::Weeks,
            false,
            Some(Bound::AtMost),
            K::EffectDuration,
        )],
    );
    check(
        "Relief can start within just 24 hours of treatment.",
        &[(
            "within just 24 hours",
            Some(24.0),
            Some(24.0),
            Unit::Hours,
            false,
            Some(Bound::AtMost),
            K::OnsetTime,
        )],
    );
    check(
        "A 24-hour window follows the infusion.",
        &[point("24-hour", 24.0, Unit::Hours, K::Other)],
    );
}

#[test]
fn vague_times() {
    check(
        "Many notice a lift within hours or days of starting.",
        &[(
            "within hours or days",
            None,
            None,
            Unit::Hours,
            false,
            None,
            K::OnsetTime,
        )],
    );
    check(
        "Pills can take weeks or even months to show effects.",
        &[(
            "weeks or even months",
            None,
            None,
            Unit::Weeks,
            false,
            None,
            K::OnsetTime,
        )],
    );
    check(
        "The plan is a series of sessions over a few weeks.",
        &[(
            "series of sessions over a few weeks",
            None,
            None,
            Unit::Weeks,
            false,
            None,
            K::TreatmentCourse,
        )],
    );
    check("We have helped people for years.", &[]);
}

#[test]
fn counts_and_thresholds() {
    check(
        "It is diagnosed after trying two or more antidepressants.",
        &[(
            "two or more antidepressants",
            Some(2.0),
            Some(2.0),
            Unit::Count,
            false,
            Some(Bound::AtLeast),
            K::DefinitionThreshold,
        )],
    );
    check(
        "The definition requires at least two different classes of medication.",
        &[(
            "at least two different classes",
            Some(2.0),
            Some(2.0),
            Unit::Count,
            false,
            Some(Bound::AtLeast),
            K::DefinitionThreshold,
        )],
    );
    check(
        "Some have tried four medications without relief.",
        &[point(
            "four medications",
            4.0,
            Unit::Count,
            K::DefinitionThreshold,
        )],
    );
    check(
        "The pilot study enrolled 27 participants.",
        &[point("27 participants", 27.0, Unit::Count, K::SampleSize)],
    );
    check(
        "More than 3,671 outpatients took part.",
        &[(
            "More than 3,671 outpatients",
            Some(3671.0),
            Some(3671.0),
            Unit::Count,
            false,
            Some(Bound::MoreThan),
            K::SampleSize,
        )],
    );
    check(
        "We reviewed a dozen studies.",
        &[point("a dozen studies", 12.0, Unit::Count, K::Other)],
    );
    check(
        "Fewer than 10 patients dropped out.",
        &[(
            "Fewer than 10 patients",
            Some(10.0),
            Some(10.0),
            Unit::Count,
            false,
            Some(Bound::LessThan),
            K::SampleSize,
        )],
    );
}

#[test]
fn doses_folds_and_money() {
    check(
        "The usual dose is 0.5 mg/kg given slowly.",
        &[point("0.5 mg/kg", 0.5, Unit::MgPerKg, K::Dose)],
    );
    check(
        "The spray comes in 56 mg or 84 mg doses.",
        &[
            point("56 mg", 56.0, Unit::Mg, K::Dose),
            point("84 mg", 84.0, Unit::Mg, K::Dose),
        ],
    );
    check(
        "It is 2 to 4 times more effective than pills.",
        &[range("2 to 4 times", 2.0, 4.0, Unit::Fold, K::Other)],
    );
    check(
        "Each infusion costs $450 without insurance.",
        &[point("$450", 450.0, Unit::Usd, K::Other)],
    );
}

#[test]
fn approximations_and_bounds() {
    check(
        "Approximately 64% responded at 24 hours.",
        &[
            (
                "Approximately 64%",
                Some(64.0),
                Some(64.0),
                Unit::Percent,
                true,
                None,
                K::ResponseRate,
            ),
            (
                "24 hours",
                Some(24.0),
                Some(24.0),
                Unit::Hours,
                false,
                None,
                K::OnsetTime,
            ),
        ],
    );
    check(
        "~30% have treatment-resistant illness.",
        &[(
            "~30%",
            Some(30.0),
            Some(30.0),
            Unit::Percent,
            true,
            None,
            K::Prevalence,
        )],
    );
    check(
        "Up to 70% of patients respond.",
        &[(
            "Up to 70%",
            Some(70.0),
            Some(70.0),
            Unit::Percent,
            false,
            Some(Bound::AtMost),
            K::ResponseRate,
        )],
    );
    check(
        "Over 50% of clients responded.",
        &[(
            "Over 50%",
            Some(50.0),
            Some(50.0),
            Unit::Percent,
            false,
            Some(Bound::MoreThan),
            K::ResponseRate,
        )],
    );
}

#[test]
fn non_claims() {
    for s in [
        "Call us today at (832)598-5100 to book.",
        "Visit 4300 Montgomery Ave Suite 304, Bethesda, MD 20814.",
        "Posted on March 3, 2026 by the care team.",
        "We are open 9:00 am to 5:00 pm on weekdays.",
        "1. Glutamate Modulation",
        "This was shown before [3] and again (2).",
        "A trial (Zarate et al., 2006) changed the field.",
        "A landmark study published in the American Journal of Psychiatry in 2017 was cited.",
        "© 2026 Example Clinic. All rights reserved.",
        "Teens aged 13–17 can join the group.",
        "Our phone line is open 24/7.",
        "The odds ratio was 9.87 (95% CI 4.37–22.29).",
        "Ketamine has been used for decades in surgery.",
        "Patients visit three times weekly.",
        "Many tried one medication after another.",
        "We are open 7 days a week; call 1-800-555-0199 any time.",
        "Rated 5 stars since 2015: our top 10 tips.",
        "Step 1: adults ages 18+ are welcome; COVID-19 rules apply.",
    ] {
        check(s, &[]);
    }
}

#[test]
fn treatment_condition_and_time_point() {
    let f = figures("Of 17 treated patients, 71% met response criteria and 29% met remission criteria the day after ketamine.");
    let kinds: Vec<_> = f.iter().map(|f| (f.kind, f.value.low)).collect();
    assert_eq!(
        kinds,
        [
            (K::SampleSize, Some(17.0)),
            (K::ResponseRate, Some(71.0)),
            (K::RemissionRate, Some(29.0))
        ]
    );
    assert_eq!(f[1].measure.intervention.as_deref(), Some("ketamine"));
    assert_eq!(
        f[1].measure.time_point,
        Some(Value::point(24.0, Unit::Hours))
    );

    let f = figures("Response at 24 hours was 64% with ketamine versus 28% with midazolam.");
    let pcts: Vec<_> = f.iter().filter(|f| f.value.unit == Unit::Percent).collect();
    assert_eq!(pcts[0].measure.intervention.as_deref(), Some("ketamine"));
    assert_eq!(pcts[1].measure.intervention.as_deref(), Some("midazolam"));
    assert_eq!(
        pcts[0].measure.time_point,
        Some(Value::point(24.0, Unit::Hours))
    );
    assert_eq!(
        pcts[1].measure.time_point,
        Some(Value::point(24.0, Unit::Hours)),
        "the comparison arm shares the time point"
    );

    let f = figures("SSRIs may take 4–6 weeks; ketamine often works within 24–48 hours.");
    assert_eq!(
        f[0].measure.intervention.as_deref(),
        Some("traditional antidepressants")
    );
    assert_eq!(f[1].measure.intervention.as_deref(), Some("ketamine"));

    let f = figures(
        "Unlike SSRIs, which act over a long period, ketamine’s effects show within hours.",
    );
    assert_eq!(
        f[0].measure.intervention.as_deref(),
        Some("ketamine"),
        "possessive names the treatment"
    );
    let f =
        figures("Relief comes within hours, compared to the weeks or months antidepressants take.");
    assert_eq!(
        f[0].measure.intervention.as_deref(),
        None,
        "the other clause's treatment is not this figure's"
    );
    assert_eq!(
        f[1].measure.intervention.as_deref(),
        Some("traditional antidepressants")
    );

    let f = figures("TRD affects around 30% of people with depression.");
    assert_eq!(
        f[0].measure.population.as_deref(),
        Some("treatment-resistant depression")
    );
    assert_eq!(
        subject(
            f[0].kind,
            f[0].measure.intervention.as_deref(),
            f[0].measure.population.as_deref()
        ),
        "prevalence of treatment-resistant depression"
    );
}

#[test]
fn trigger_prefilter() {
    assert!(has_trigger("about one-third"));
    assert!(has_trigger("within hours"));
    assert!(has_trigger("30%"));
    assert!(!has_trigger("Ketamine is a dissociative anesthetic."));
}

#[test]
fn slash_fractions_and_maintenance_intervals() {
    check(
        "About 1/3 of patients do not respond to their first drug.",
        &[(
            "About 1/3",
            Some(33.3),
            Some(33.3),
            Unit::Percent,
            true,
            None,
            K::OtherPercentage,
        )],
    );
    check(
        "We schedule one infusion every 2-4 weeks for maintenance.",
        &[range(
            "one infusion every 2-4 weeks",
            2.0,
            4.0,
            Unit::Weeks,
            K::TreatmentCourse,
        )],
    );
}

#[test]
fn marketing_shares_read_as_outcomes() {
    check(
        "In our experience, 9 out of 10 patients feel better.",
        &[point("9 out of 10", 90.0, Unit::Percent, K::ResponseRate)],
    );
}

#[test]
fn counts_with_modifiers() {
    check(
        "Since then more than a dozen controlled trials have followed.",
        &[(
            "more than a dozen controlled trials",
            Some(12.0),
            Some(12.0),
            Unit::Count,
            false,
            Some(Bound::MoreThan),
            K::Other,
        )],
    );
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
fn side_effect_durations_are_not_treatment_effects() {
    let f = figures(
        "You may feel dissociation or nausea, but these effects usually subside within hours.",
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, K::Other);
    assert_eq!(f[0].measure.outcome.as_deref(), Some(SIDE_EFFECTS));
    let f = figures("The benefit of ketamine can last up to a week.");
    assert_eq!(f[0].kind, K::EffectDuration);
    assert_eq!(f[0].measure.outcome, None);
}
