//! Property tests of quantity parsing and number comparison: rules that must hold for every
//! number, not just the examples in the unit tests. Written against the public functions
//! (`quantity::figures`, `evidence::agrees`).

use claimcheck::evidence::agreement::{approximation, rounding};
use claimcheck::evidence::agrees;
use claimcheck::model::{Bound, Tolerance, Unit, Value};
use claimcheck::quantity::figures;
use proptest::prelude::*;

fn tol(pp: f64, rel: f64) -> Tolerance {
    Tolerance {
        percentage_points: pp,
        relative: rel,
    }
}

/// A percentage with at most one decimal, as articles write them.
fn percent() -> impl Strategy<Value = f64> {
    (0u32..=1000).prop_map(|t| f64::from(t) / 10.0)
}

fn units() -> impl Strategy<Value = Unit> {
    prop_oneof![
        Just(Unit::Percent),
        Just(Unit::Hours),
        Just(Unit::Days),
        Just(Unit::Minutes),
        Just(Unit::Count)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_range_always_contains_its_own_midpoint(
        a in 0.0f64..1000.0, b in 0.0f64..1000.0, unit in units(),
        pp in 0.0f64..10.0, rel in 0.0f64..0.5, approx: bool,
    ) {
        let (low, high) = (a.min(b), a.max(b));
        let mut claim = Value::range(low, high, unit);
        claim.approx = approx;
        let mid = Value::point((low + high) / 2.0, unit);
        prop_assert!(agrees(&claim, &mid, &tol(pp, rel)), "{claim} vs {mid}");
        // And both of its ends.
        prop_assert!(agrees(&claim, &Value::point(low, unit), &tol(pp, rel)));
        prop_assert!(agrees(&claim, &Value::point(high, unit), &tol(pp, rel)));
    }

    #[test]
    fn a_percentage_outside_the_claim_beyond_the_tolerance_never_supports_it(
        a in percent(), b in percent(), gap in 0.1f64..50.0, pp in 0.0f64..10.0,
        approx: bool, above: bool,
    ) {
        let (low, high) = (a.min(b), a.max(b));
        let mut claim = Value::range(low, high, Unit::Percent);
        claim.approx = approx;
        // Within `pp` points and 10% of the claimed end, or its rounding, or (for "about") the
        // step a round number implies; whichever is widest, never their sum.
        let allowed = |end: f64| {
            let base = pp.min(0.1 * end).max(rounding(end));
            if approx { base.max(approximation(end)) } else { base }
        };
        let v = if above { high + allowed(high) + gap } else { low - allowed(low) - gap };
        let figure = Value::point(v, Unit::Percent);
        prop_assert!(!agrees(&claim, &figure, &tol(pp, 0.1)), "{claim} vs {figure}");
    }

    #[test]
    fn a_value_outside_the_claim_beyond_the_relative_tolerance_never_supports_it(
        a in 1.0f64..1000.0, b in 1.0f64..1000.0, rel in 0.0f64..0.5, gap in 0.01f64..1.0,
        unit in prop_oneof![Just(Unit::Hours), Just(Unit::Minutes), Just(Unit::Count)],
        above: bool,
    ) {
        let (low, high) = (a.min(b), a.max(b));
        let claim = Value::range(low, high, unit);
        // The relative tolerance is a fraction of the claimed end; its rounding may be wider.
        let allowed = |end: f64| (rel * end).max(rounding(end));
        let v = if above {
            high + allowed(high) + gap * (1.0 + high)
        } else {
            low - allowed(low) - gap * (1.0 + low)
        };
        let figure = Value::point(v, unit);
        prop_assert!(!agrees(&claim, &figure, &tol(5.0, rel)), "{claim} vs {figure}");
    }

    #[test]
    fn two_plain_percentages_agree_within_both_limits_or_the_claims_rounding(
        a in percent(), b in percent(), pp in 0.0f64..10.0,
    ) {
        // Percentage points and the relative tolerance apply together (4% and 8% are only four
        // points apart but differ); a claimed "62%" also covers what rounds to it.
        let (x, y) = (Value::point(a, Unit::Percent), Value::point(b, Unit::Percent));
        let t = tol(pp, 0.1);
        let allowed = pp.min(0.1 * a).max(rounding(a));
        let gap = (a - b).abs();
        if (gap - allowed).abs() > 1e-6 {
            prop_assert_eq!(agrees(&x, &y, &t), gap < allowed, "{} vs {} (±{})", x, y, allowed);
        }
    }

    #[test]
    fn a_lower_bound_is_met_by_anything_above_it(
        x in percent(), extra in 0.0f64..100.0,
    ) {
        let mut claim = Value::point(x, Unit::Percent);
        claim.bound = Some(Bound::AtLeast);
        prop_assert!(agrees(&claim, &Value::point(x + extra, Unit::Percent), &tol(0.0, 0.0)));
        claim.bound = Some(Bound::MoreThan);
        prop_assert!(!agrees(&claim, &Value::point(x, Unit::Percent), &tol(0.0, 0.0)));
    }

    #[test]
    fn a_written_percentage_reads_as_its_number(whole in 0u32..=100, tenth in 0u32..10, decimal: bool) {
        let text = if decimal { format!("{whole}.{tenth}") } else { whole.to_string() };
        let sentence = format!("In the trial, {text}% of patients responded.");
        let found = figures(&sentence);
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        let f = &found[0];
        let want: f64 = text.parse().unwrap();
        prop_assert_eq!(f.value.low, Some(want));
        prop_assert_eq!(f.value.high, Some(want));
        prop_assert_eq!(f.value.unit, Unit::Percent);
        prop_assert_eq!(&sentence[f.range.clone()], format!("{text}%"));
    }

    #[test]
    fn a_written_range_reads_low_to_high(
        (a, b) in (1u32..99).prop_flat_map(|a| (Just(a), a + 1..100)),
        dash in prop_oneof![Just("–"), Just("-"), Just(" to ")],
    ) {
        let sentence = format!("Between {a}{dash}{b}% of patients responded.");
        let found = figures(&sentence);
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        prop_assert_eq!(found[0].value.low, Some(f64::from(a)));
        prop_assert_eq!(found[0].value.high, Some(f64::from(b)));
    }

    #[test]
    fn figures_lie_inside_any_sentence_and_never_overlap(s in "\\PC{0,200}") {
        let found = figures(&s);
        let mut last_end = 0;
        for f in &found {
            prop_assert!(f.range.start <= f.range.end && f.range.end <= s.len());
            prop_assert!(s.is_char_boundary(f.range.start) && s.is_char_boundary(f.range.end));
            prop_assert!(f.range.start >= last_end, "overlap: {:?}", found);
            last_end = f.range.end;
            if let (Some(lo), Some(hi)) = (f.value.low, f.value.high) {
                prop_assert!(lo <= hi && lo.is_finite() && hi.is_finite(), "{:?}", f.value);
            }
        }
    }
}
