//! Exact comparison of JSON numbers. serde_json (without `arbitrary_precision`) holds a number as
//! a `u64`, an `i64` or an `f64`; a bound and a value may hold different ones (`10000.0` and
//! `10000`, `i64::MIN` and `-1e30`), and converting one to the other's kind can round. Compared
//! here without rounding: integers as `i128`, a float against an integer by its integral part.
//!
//! (A decimal literal is read as the nearest `f64` before any comparison: `10000.01` is above
//! `10000.0`, but a literal within the float's resolution of a bound, such as
//! `10000.000000000000001`, is read as the bound itself. The client's money values carry at most
//! the API's two decimals.)

use std::cmp::Ordering;

use serde_json::{Number, Value};

/// A number as the kind that holds it exactly.
#[derive(Clone, Copy, Debug)]
enum Exact {
    Integer(i128),
    Float(f64),
}

fn exact(number: &Number) -> Option<Exact> {
    if let Some(value) = number.as_i64() {
        Some(Exact::Integer(i128::from(value)))
    } else if let Some(value) = number.as_u64() {
        Some(Exact::Integer(i128::from(value)))
    } else {
        number.as_f64().map(Exact::Float)
    }
}

/// `float` against `integer`, exactly.
fn float_against_integer(float: f64, integer: i128) -> Option<Ordering> {
    // 2^127: beyond it a float is beyond every i128.
    const LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
    if float.is_nan() {
        return None;
    }
    if float >= LIMIT {
        return Some(Ordering::Greater);
    }
    if float < -LIMIT {
        return Some(Ordering::Less);
    }
    let floor = float.floor();
    // In range and integral: the cast is exact.
    #[allow(clippy::cast_possible_truncation)]
    let whole = floor as i128;
    match whole.cmp(&integer) {
        Ordering::Equal if float > floor => Some(Ordering::Greater),
        ordering => Some(ordering),
    }
}

/// `left` against `right`, exactly (`None` only for a NaN, which JSON cannot hold).
pub(crate) fn compare(left: &Number, right: &Number) -> Option<Ordering> {
    match (exact(left)?, exact(right)?) {
        (Exact::Integer(a), Exact::Integer(b)) => Some(a.cmp(&b)),
        (Exact::Float(a), Exact::Float(b)) => a.partial_cmp(&b),
        (Exact::Float(a), Exact::Integer(b)) => float_against_integer(a, b),
        (Exact::Integer(a), Exact::Float(b)) => float_against_integer(b, a).map(Ordering::reverse),
    }
}

/// Whether a number is an integer (`1.0` is, as JSON Schema says).
pub(crate) fn is_integer(number: &Number) -> bool {
    match exact(number) {
        Some(Exact::Integer(_)) => true,
        Some(Exact::Float(value)) => value.is_finite() && value.fract() == 0.0,
        None => false,
    }
}

/// JSON Schema equality (`enum`, `const`): numbers by value (`1` equals `1.0`), the rest
/// structurally.
pub(crate) fn equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(a), Value::Number(b)) => compare(a, b) == Some(Ordering::Equal),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, x)| b.get(key).is_some_and(|y| equal(x, y)))
        }
        _ => left == right,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn number(text: &str) -> Number {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn bounds_compare_exactly_across_kinds() {
        let cases = [
            ("10000.01", "10000.0", Ordering::Greater),
            ("10000.01", "10000", Ordering::Greater),
            ("10000", "10000.0", Ordering::Equal),
            ("9999.99", "10000", Ordering::Less),
            ("0.0", "0", Ordering::Equal),
            ("-0.01", "0", Ordering::Less),
            ("-1e30", "-9223372036854775808", Ordering::Less),
            (
                "9223372036854775808",
                "9223372036854775807",
                Ordering::Greater,
            ),
            (
                "18446744073709551615",
                "9223372036854775807",
                Ordering::Greater,
            ),
            // 2^53 + 1 has no f64: as an integer it stays above the float 2^53.
            ("9007199254740993", "9007199254740992.0", Ordering::Greater),
            ("-2147483648.5", "-2147483648", Ordering::Less),
            ("1e300", "18446744073709551615", Ordering::Greater),
        ];
        for (left, right, expected) in cases {
            assert_eq!(
                compare(&number(left), &number(right)),
                Some(expected),
                "{left} vs {right}"
            );
            assert_eq!(
                compare(&number(right), &number(left)),
                Some(expected.reverse()),
                "{right} vs {left}"
            );
        }
    }

    #[test]
    fn integers_and_equality_follow_json_schema() {
        assert!(is_integer(&number("1.0")));
        assert!(is_integer(&number("1e20")));
        assert!(!is_integer(&number("1.5")));
        assert!(equal(&json!([1, {"a": 2}]), &json!([1.0, {"a": 2.0}])));
        assert!(!equal(&json!(1), &json!("1")));
        assert!(!equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    }
}
