//! Whether a claimed value agrees with a source figure, read the way the claim is worded.
//!
//! Three things widen a claim, and they do not add up:
//! - **tolerance** ([`Tolerance`]): for percentages both limits apply at once, so a figure agrees
//!   when it is within `percentage_points` *and* within `relative` of the claimed value (64% and
//!   66% agree; 4% and 8% do not, though only 4 points apart). Other units use `relative`.
//! - **rounding**: a number stands for everything that rounds to it ("62%" covers 61.5–62.5;
//!   "27.1%" covers 27.05–27.15).
//! - **approximation**: "about 30%" covers what rounds to 30 at the precision a round number
//!   implies (25–35), never more than a quarter of the value. "About 64%" is as precise as "64%".
//!
//! Bounds keep their meaning in both directions: "more than 85%" needs a figure above 85 (81%
//! differs); "at least 5%" one from 5 up; "fewer than 10%" one below 10. "Up to 90%" is a claim
//! about the best case, so the figure must come close to 90 from below (10% does not support it);
//! "nearly half" likewise needs a figure just under 50.

use crate::model::{Bound, Tolerance, Unit, Value};

/// How far a figure may be from the claimed magnitude `a` and still agree, before rounding and
/// approximation: the relative part is a fraction of the claim's own value.
pub fn allowed(a: f64, unit: Unit, tol: &Tolerance) -> f64 {
    let relative = tol.relative * a.abs();
    if unit == Unit::Percent {
        tol.percentage_points.min(relative)
    } else {
        relative
    }
}

/// Half a unit of the last digit written: 62 → 0.5, 27.1 → 0.05, 17 922 → 0.5.
pub fn rounding(v: f64) -> f64 {
    let mut step = 1.0;
    // Up to three decimals: claims and abstracts never state more.
    for _ in 0..3 {
        if ((v / step).round() * step - v).abs() < 1e-9 * v.abs().max(1.0) {
            break;
        }
        step /= 10.0;
    }
    step / 2.0
}

/// How far "about v" reaches: half the step a round number implies (about 30 → 5, about 35 →
/// 2.5, about 300 → 50, about 64 → 0.5), at most a quarter of the value.
pub fn approximation(v: f64) -> f64 {
    let a = v.abs();
    if a.fract() != 0.0 || a < 10.0 {
        return rounding(v);
    }
    let mut step = 1.0;
    while a % (step * 10.0) == 0.0 && step * 10.0 <= a {
        step *= 10.0;
    }
    if step == 1.0 && a % 5.0 == 0.0 {
        step = 5.0;
    }
    (step / 2.0).min(a / 4.0).max(rounding(v))
}

/// Units that measure one quantity, and the factor to a common scale: times in hours, body
/// weight in kilograms, weight change per week in kilograms per week.
pub fn scale(unit: Unit) -> (Unit, f64) {
    const LB: f64 = 0.453_592_37;
    match unit {
        u if u.hours().is_some() => (Unit::Hours, u.hours().unwrap_or(1.0)),
        Unit::Lb => (Unit::Kg, LB),
        Unit::LbPerWeek => (Unit::KgPerWeek, LB),
        u => (u, 1.0),
    }
}

/// Whether two units can be compared (converted to one scale).
pub fn comparable(a: Unit, b: Unit) -> bool {
    scale(a).0 == scale(b).0
}

/// A value as an interval in one scale per unit family (hours for times), open ends infinite.
fn scaled(v: &Value) -> Option<(f64, f64, f64)> {
    let scale = scale(v.unit).1;
    let lo = v.low.or(v.high)?;
    let hi = v.high.or(v.low)?;
    Some((lo * scale, hi * scale, scale))
}

/// The interval a vague time ("within hours or days") covers, in hours.
fn vague_hours(unit: Unit) -> Option<(f64, f64)> {
    Some(match unit {
        Unit::Minutes => (1.0 / 60.0, 2.0),
        Unit::Hours => (1.0, 14.0 * 24.0),
        Unit::Days => (24.0, 8.0 * 7.0 * 24.0),
        Unit::Weeks => (7.0 * 24.0, 365.0 * 24.0),
        Unit::Months => (30.0 * 24.0, 5.0 * 365.0 * 24.0),
        _ => return None,
    })
}

/// What a source figure covers: its rounding, and its own bound if it states one.
fn figure_interval(f: &Value) -> Option<(f64, f64)> {
    if f.is_vague() {
        return vague_hours(f.unit);
    }
    let (lo, hi, scale) = scaled(f)?;
    let (lo, hi) = match f.bound {
        Some(Bound::AtLeast | Bound::MoreThan) => (lo, f64::INFINITY),
        Some(Bound::LessThan) => (f64::NEG_INFINITY, hi),
        Some(Bound::AtMost) => (lo.min(0.0), hi),
        None => (lo, hi),
    };
    let wiggle = if f.approx {
        approximation(f.high.or(f.low)?)
    } else {
        0.0
    } * scale;
    Some((lo - wiggle, hi + wiggle))
}

/// Whether `v` is a count written to the unit: a plain whole number of 10 or more that is not
/// a multiple of five ("21 studies", "297 adults", "1,162 participants"). Such a count is
/// copied, not rounded, so only the same count states it: 21 studies are not 20, while "300
/// patients" or "25 trials" may round the source's figure.
fn exact_count(v: &Value) -> bool {
    single(v)
        .is_some_and(|n| v.unit == Unit::Count && n >= 10.0 && n.fract() == 0.0 && n % 5.0 != 0.0)
}

/// Whether `claim` agrees with the source figure `figure` (same unit family assumed).
pub fn agrees(claim: &Value, figure: &Value, tol: &Tolerance) -> bool {
    if exact_count(claim) && single(figure).is_some() {
        return exact(claim, figure);
    }
    // Two thresholds ("at least two trials" and "two or more trials") agree when they name the
    // same number, not whenever their open ends overlap.
    let lower = |b: Option<Bound>| matches!(b, Some(Bound::AtLeast | Bound::MoreThan));
    let upper = |b: Option<Bound>| matches!(b, Some(Bound::AtMost | Bound::LessThan));
    if (lower(claim.bound) && lower(figure.bound)) || (upper(claim.bound) && upper(figure.bound)) {
        let point = |v: &Value| Value {
            bound: None,
            ..v.clone()
        };
        return agrees(&point(claim), &point(figure), tol);
    }
    let Some((f_lo, f_hi)) = figure_interval(figure) else {
        return false;
    };
    if claim.is_vague() {
        return vague_hours(claim.unit).is_some_and(|(lo, hi)| f_lo <= hi && lo <= f_hi);
    }
    let Some((c_lo, c_hi, scale)) = scaled(claim) else {
        return false;
    };
    let (raw_lo, raw_hi) = (claim.low.unwrap_or(0.0), claim.high.unwrap_or(0.0));
    let round_lo = rounding(raw_lo) * scale;
    let round_hi = rounding(raw_hi) * scale;
    let approx = |raw: f64| {
        if claim.approx {
            approximation(raw) * scale
        } else {
            0.0
        }
    };
    // The slack at each end of the claim: tolerance against the nearest figure end, or the
    // claim's own rounding or approximation, whichever is widest (they do not add up).
    let slack_lo = allowed(c_lo, claim.unit, tol)
        .max(round_lo)
        .max(approx(raw_lo));
    let slack_hi = allowed(c_hi, claim.unit, tol)
        .max(round_hi)
        .max(approx(raw_hi));
    match claim.bound {
        // "more than 85%": strictly above; rounding only, no tolerance below the bound.
        Some(Bound::MoreThan) => f_hi > c_lo,
        Some(Bound::AtLeast) => f_hi >= c_lo - round_lo,
        Some(Bound::LessThan) => f_lo < c_hi,
        // "up to 90%" / "nearly half": the figure reaches close to the top, never above it.
        Some(Bound::AtMost) => f_lo <= c_hi + round_hi && f_hi >= c_lo - slack_lo,
        None => f_lo <= c_hi + slack_hi && f_hi >= c_lo - slack_lo,
    }
}

/// A value that is one number, neither approximate, vague nor a bound.
fn single(v: &Value) -> Option<f64> {
    match (v.low, v.high) {
        (Some(lo), Some(hi)) if lo == hi && v.bound.is_none() && !v.approx && !v.is_vague() => {
            Some(lo)
        }
        _ => None,
    }
}

/// Whether a figure states the claimed number itself, not merely one within tolerance: two
/// single numbers, neither approximate nor a bound, equal within the rounding of whichever is
/// written less precisely ("82%" and 81.6%; "205 days" and 205; "6 months" and 26 weeks; not
/// "205 days" and 197).
pub fn exact(claim: &Value, figure: &Value) -> bool {
    let (Some(a), Some(b)) = (single(claim), single(figure)) else {
        return false;
    };
    if !comparable(claim.unit, figure.unit) {
        return false;
    }
    let (sa, sb) = (scale(claim.unit).1, scale(figure.unit).1);
    let step = (rounding(a) * sa).max(rounding(b) * sb);
    (a * sa - b * sb).abs() <= step * (1.0 + 1e-9)
}

/// Whether a value is one number stated plainly: no "about", no bound, no range.
pub fn is_single(v: &Value) -> bool {
    single(v).is_some()
}

/// How far a figure is from a claim, in the claim's scale (0 when they overlap); for ordering
/// figures of equal relevance and for explanations.
pub fn distance(claim: &Value, figure: &Value) -> f64 {
    let (Some((c_lo, c_hi, _)), Some((f_lo, f_hi))) = (scaled(claim), figure_interval(figure))
    else {
        return f64::INFINITY;
    };
    if f_hi < c_lo {
        c_lo - f_hi
    } else if f_lo > c_hi {
        f_lo - c_hi
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(v: f64) -> Value {
        Value::point(v, Unit::Percent)
    }
    fn about(v: f64) -> Value {
        Value {
            approx: true,
            ..pct(v)
        }
    }
    fn bound(v: f64, b: Bound) -> Value {
        Value {
            bound: Some(b),
            ..pct(v)
        }
    }
    fn ok(c: &Value, f: &Value) -> bool {
        agrees(c, f, &Tolerance::default())
    }

    #[test]
    fn tolerance_scales_with_the_value() {
        assert!(ok(&pct(64.0), &pct(66.0)));
        assert!(ok(&pct(62.0), &pct(63.2)));
        assert!(ok(&pct(34.0), &pct(33.1)));
        assert!(!ok(&pct(4.0), &pct(8.0)), "4 points apart but double");
        assert!(!ok(&pct(15.0), &pct(10.6)), "4.4 points but 40% relative");
        assert!(!ok(&pct(34.0), &pct(27.1)));
        assert!(!ok(&pct(70.0), &pct(62.0)), "more than 5 points");
        assert!(ok(&pct(2.0), &pct(2.4)), "rounding covers 1.5–2.5");
        assert!(!ok(&pct(2.0), &pct(3.1)));
    }

    #[test]
    fn the_configured_tolerance_is_used() {
        let wide = Tolerance {
            percentage_points: 10.0,
            relative: 0.5,
        };
        assert!(agrees(&pct(70.0), &pct(62.0), &wide));
        let strict = Tolerance {
            percentage_points: 0.0,
            relative: 0.0,
        };
        assert!(agrees(&pct(64.0), &pct(64.4), &strict), "rounding stays");
        assert!(!agrees(&pct(64.0), &pct(66.0), &strict));
    }

    #[test]
    fn pounds_and_kilograms_are_one_scale() {
        let kg = |v| Value::point(v, Unit::Kg);
        let lb = |v| Value::point(v, Unit::Lb);
        assert!(ok(&lb(17.3), &kg(8.4)), "17.3 lb is 7.8 kg");
        assert!(!ok(&lb(21.0), &kg(8.4)), "21 lb is 9.5 kg");
        assert!(!ok(&kg(9.5), &kg(8.4)));
        assert!(comparable(Unit::Lb, Unit::Kg));
        assert!(comparable(Unit::Days, Unit::Weeks));
        assert!(!comparable(Unit::Kg, Unit::Percent));
        assert!(!comparable(Unit::Mg, Unit::MgPerKg));
    }

    #[test]
    fn other_units_are_relative() {
        let kg = |v| Value::point(v, Unit::Count);
        assert!(ok(&kg(18_000.0), &kg(17_922.0)));
        assert!(ok(&kg(17_922.0), &kg(17_922.0)));
        assert!(!ok(&kg(1092.0), &kg(1371.0)));
        assert!(!ok(&kg(9.5), &kg(8.4)), "13% apart");
        assert!(ok(&kg(8.0), &kg(8.4)));
        let months = Value::point(12.0, Unit::Months);
        assert!(ok(&months, &Value::point(1.0, Unit::Years)));
        assert!(!ok(&months, &Value::point(6.0, Unit::Months)));
    }

    #[test]
    fn ranges_overlap_with_tolerance_at_their_ends() {
        let r = |a, b| Value::range(a, b, Unit::Percent);
        assert!(ok(&r(50.0, 70.0), &pct(64.0)));
        assert!(!ok(&r(70.0, 80.0), &pct(64.0)));
        assert!(ok(&r(70.0, 80.0), &pct(66.0)), "within 5 points of 70");
        assert!(!ok(&r(45.0, 60.0), &pct(29.3)));
        assert!(!ok(&r(30.0, 40.0), &pct(18.6)));
        assert!(ok(&r(50.0, 70.0), &r(59.0, 75.0)));
        let weeks = Value::range(4.0, 6.0, Unit::Weeks);
        assert!(ok(&weeks, &Value::range(4.0, 6.0, Unit::Weeks)));
        assert!(!ok(
            &Value::range(24.0, 48.0, Unit::Hours),
            &Value::point(2.0, Unit::Weeks)
        ));
    }

    #[test]
    fn approximations_widen_as_far_as_the_wording_implies() {
        assert!(ok(&about(30.0), &pct(33.1)));
        assert!(ok(&about(60.0), &pct(63.2)));
        assert!(ok(&about(30.0), &pct(26.0)));
        assert!(!ok(&about(30.0), &pct(22.0)), "rounds to 20, not 30");
        assert!(!ok(&about(50.0), &pct(27.1)), "about half is not 27%");
        assert!(!ok(&about(4.0), &pct(14.0)));
        assert!(!ok(&about(4.0), &pct(8.0)));
        assert!(ok(&about(64.0), &pct(66.0)));
        assert!(!ok(&about(64.0), &pct(71.0)), "64 is not a round number");
        // "about a third" is 33.3…
        assert!(ok(&about(100.0 / 3.0), &pct(34.2)));
        assert!(ok(&about(100.0 / 3.0), &pct(30.9)));
        assert!(!ok(&about(100.0 / 3.0), &pct(40.0)));
        let hairs = |v| Value {
            approx: true,
            ..Value::point(v, Unit::Count)
        };
        assert!(ok(&hairs(20.0), &Value::point(24.0, Unit::Count)));
        assert!(
            !ok(&hairs(20.0), &Value::point(25.7, Unit::Count)),
            "approximation and tolerance do not add up"
        );
    }

    #[test]
    fn more_than_and_at_least_hold_their_line() {
        assert!(!ok(&bound(85.0, Bound::MoreThan), &pct(81.0)));
        assert!(!ok(&bound(85.0, Bound::MoreThan), &pct(85.0)));
        assert!(ok(&bound(85.0, Bound::MoreThan), &pct(86.0)));
        assert!(!ok(&bound(85.0, Bound::MoreThan), &pct(59.0)));
        assert!(ok(&bound(50.0, Bound::AtLeast), &pct(64.0)));
        assert!(ok(&bound(30.0, Bound::AtLeast), &pct(29.6)), "rounds to 30");
        assert!(!ok(&bound(30.0, Bound::AtLeast), &pct(28.0)));
        let n = |v, b| Value {
            bound: Some(b),
            ..Value::point(v, Unit::Count)
        };
        assert!(ok(
            &n(3500.0, Bound::MoreThan),
            &Value::point(3731.0, Unit::Count)
        ));
        assert!(!ok(
            &n(3500.0, Bound::MoreThan),
            &Value::point(3400.0, Unit::Count)
        ));
    }

    #[test]
    fn up_to_is_the_best_case_not_anything_below() {
        assert!(!ok(&bound(90.0, Bound::AtMost), &pct(10.0)));
        assert!(ok(&bound(80.0, Bound::AtMost), &pct(79.0)));
        assert!(!ok(&bound(90.0, Bound::AtMost), &pct(79.0)));
        assert!(
            !ok(&bound(70.0, Bound::AtMost), &pct(74.0)),
            "above the ceiling"
        );
        let up_to_80_or_90 = Value {
            bound: Some(Bound::AtMost),
            ..Value::range(80.0, 90.0, Unit::Percent)
        };
        assert!(ok(&up_to_80_or_90, &pct(79.0)));
        assert!(!ok(&up_to_80_or_90, &pct(54.0)));
        let nearly_half = Value {
            approx: true,
            ..bound(50.0, Bound::AtMost)
        };
        assert!(ok(&nearly_half, &pct(47.0)));
        assert!(!ok(&nearly_half, &pct(30.0)));
        assert!(!ok(&nearly_half, &pct(56.0)));
    }

    #[test]
    fn two_thresholds_agree_when_they_name_the_same_number() {
        let n = |v, b| Value {
            bound: Some(b),
            ..Value::point(v, Unit::Count)
        };
        assert!(ok(&n(2.0, Bound::AtLeast), &n(2.0, Bound::AtLeast)));
        assert!(ok(&n(2.0, Bound::AtLeast), &n(2.0, Bound::MoreThan)));
        assert!(!ok(&n(2.0, Bound::AtLeast), &n(4.0, Bound::AtLeast)));
        assert!(!ok(
            &bound(5.0, Bound::AtLeast),
            &bound(10.0, Bound::MoreThan)
        ));
        assert!(ok(&bound(90.0, Bound::AtMost), &bound(90.0, Bound::AtMost)));
    }

    #[test]
    fn fewer_than_is_open_below() {
        assert!(ok(&bound(10.0, Bound::LessThan), &pct(3.0)));
        assert!(!ok(&bound(10.0, Bound::LessThan), &pct(10.0)));
        assert!(!ok(&bound(20.0, Bound::LessThan), &pct(45.0)));
    }

    #[test]
    fn bounded_figures_and_vague_claims() {
        // An abstract's "more than half" agrees with a claim of 60%, not with 40%.
        let more_than_half = bound(50.0, Bound::MoreThan);
        assert!(ok(&pct(60.0), &more_than_half));
        assert!(!ok(&pct(40.0), &more_than_half));
        let vague = Value::vague(Unit::Hours);
        assert!(ok(&vague, &Value::point(110.0, Unit::Minutes)));
        assert!(!ok(&vague, &Value::point(6.0, Unit::Weeks)));
    }

    #[test]
    fn exact_means_equal_within_rounding_not_within_tolerance() {
        let days = |v| Value::point(v, Unit::Days);
        assert!(exact(&days(205.0), &days(205.0)));
        // A count written to the unit is copied, not rounded: only the same count agrees.
        let count = |n: f64| Value::point(n, Unit::Count);
        let tol = Tolerance::default();
        assert!(
            !agrees(&count(21.0), &count(20.0), &tol),
            "21 studies are not 20"
        );
        assert!(!agrees(&count(297.0), &count(290.0), &tol));
        assert!(agrees(&count(297.0), &count(297.0), &tol));
        // Round counts, approximate counts and ranges keep the tolerance.
        assert!(agrees(&count(300.0), &count(297.0), &tol));
        assert!(agrees(&count(25.0), &count(24.0), &tol));
        let about_21 = Value {
            approx: true,
            ..count(21.0)
        };
        assert!(agrees(&about_21, &count(20.0), &tol));
        assert!(agrees(
            &count(21.0),
            &Value::range(18.0, 24.0, Unit::Count),
            &tol
        ));
        // Other units keep it too: 9.91 minutes is not a count.
        assert!(agrees(&days(21.0), &days(20.0), &tol));
        assert!(!exact(&days(205.0), &days(197.0)), "close is not equal");
        assert!(ok(&days(205.0), &days(197.0)), "though within tolerance");
        assert!(exact(&pct(82.0), &pct(81.6)), "82% covers 81.5–82.5");
        assert!(exact(&pct(81.6), &pct(82.0)), "and the other way round");
        assert!(!exact(&pct(82.0), &pct(81.0)));
        assert!(exact(
            &Value::point(6.0, Unit::Months),
            &Value::point(26.0, Unit::Weeks)
        ));
        // Only plain single numbers are ever exact.
        assert!(!exact(&about(30.0), &pct(30.0)));
        assert!(!exact(&bound(30.0, Bound::AtMost), &pct(30.0)));
        assert!(!exact(&Value::range(30.0, 40.0, Unit::Percent), &pct(30.0)));
        assert!(!exact(&pct(30.0), &Value::point(30.0, Unit::Kg)));
        assert!(is_single(&pct(30.0)) && !is_single(&about(30.0)));
    }

    #[test]
    fn rounding_and_approximation_steps() {
        assert_eq!(rounding(62.0), 0.5);
        assert!((rounding(27.1) - 0.05).abs() < 1e-12);
        assert_eq!(approximation(30.0), 5.0);
        assert_eq!(approximation(35.0), 2.5);
        assert_eq!(approximation(300.0), 50.0);
        assert_eq!(approximation(64.0), 0.5);
        assert_eq!(approximation(20.0), 5.0);
        assert_eq!(approximation(100_000.0), 25_000.0, "capped at a quarter");
        assert_eq!(distance(&pct(70.0), &pct(64.0)), 6.0);
        assert_eq!(distance(&pct(70.0), &pct(70.0)), 0.0);
    }
}
