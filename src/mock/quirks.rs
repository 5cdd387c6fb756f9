//! "Laravel quirks" mode: answers the way the real (PHP, Laravel) server does rather than the way
//! the spec's examples are written, so applications prove they decode what really arrives:
//! amounts alternate between JSON strings and numbers, empty objects are `[]`, dates are
//! `Y-m-d H:i:s`, booleans are `1`/`0`, and status actions hold a value the spec does not list.
//! Every one of them is within the spec's lenient response schemas (`src/lenient/` decodes them).
//! To add a quirk: a rule in [`apply`].

use serde_json::{Map, Number, Value};

/// A status action the spec's `StatusAction` enum does not list (the server adds values).
pub(crate) const UNLISTED_ACTION: &str = "contactSupport";

/// Rewrites an answer with the server's quirks.
pub(crate) fn apply(answer: &mut Value) {
    let mut amounts = 0usize;
    walk(answer, "", &mut amounts);
}

fn walk(value: &mut Value, field: &str, amounts: &mut usize) {
    match value {
        Value::Object(map) if map.is_empty() && !field.is_empty() => {
            *value = Value::Array(Vec::new());
        }
        Value::Object(map) => walk_object(map, amounts),
        Value::Array(items) => items.iter_mut().for_each(|item| walk(item, field, amounts)),
        Value::Bool(flag) => *value = Value::from(u8::from(*flag)),
        Value::String(text) if is_amount_field(field) => {
            *amounts += 1;
            if amounts.is_multiple_of(2) {
                if let Some(number) = exact_number(text) {
                    *value = Value::Number(number);
                }
            }
        }
        Value::Number(number) if is_amount_field(field) => {
            *amounts += 1;
            if !amounts.is_multiple_of(2) {
                *value = Value::String(number.to_string());
            }
        }
        Value::String(text) if is_date_field(field) => {
            if let Some(laravel) = laravel_date(text) {
                *text = laravel;
            }
        }
        _ => {}
    }
}

fn walk_object(map: &mut Map<String, Value>, amounts: &mut usize) {
    for (key, child) in map.iter_mut() {
        if key == "action" && child.is_string() {
            *child = Value::String(UNLISTED_ACTION.to_owned());
            continue;
        }
        walk(child, key, amounts);
    }
}

fn is_amount_field(field: &str) -> bool {
    field.starts_with("amount") || field.ends_with("_amount") || field == "total"
}

fn is_date_field(field: &str) -> bool {
    field.ends_with("_at") || field.ends_with("_date")
}

/// `"1500.00"` → `1500`, `"836.55"` → `836.55`: only when the JSON number reads back as the same
/// decimal (no binary rounding reaches the client).
fn exact_number(text: &str) -> Option<Number> {
    let decimal: rust_decimal::Decimal = text.trim().parse().ok()?;
    let normalized = decimal.normalize();
    if normalized.scale() == 0 {
        return i64::try_from(normalized.mantissa()).ok().map(Number::from);
    }
    let number: Number = normalized.to_string().parse().ok()?;
    (number.to_string() == normalized.to_string()).then_some(number)
}

/// `2024-10-07T17:33:11.000000Z` → `2024-10-07 17:33:11` (the server's zoneless local format).
fn laravel_date(text: &str) -> Option<String> {
    let parsed = chrono::DateTime::parse_from_rfc3339(text).ok()?;
    Some(parsed.format("%Y-%m-%d %H:%M:%S").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_answer_gets_every_quirk() {
        let mut answer = json!({
            "data": [
                {"amount": "1500.00", "total": 836.55, "active": true, "metadata": {},
                 "created_at": "2024-10-07T17:33:11.000000Z", "refund_date": "2024-12-16",
                 "status": {"code": 1, "action": "none"}},
                {"amount": "836.55", "amount_2": "10.00", "deleted": false}
            ],
            "meta": {}
        });
        apply(&mut answer);
        assert_eq!(
            answer,
            json!({
                "data": [
                    {"amount": "1500.00", "total": 836.55, "active": 1, "metadata": [],
                     "created_at": "2024-10-07 17:33:11", "refund_date": "2024-12-16",
                     "status": {"code": 1, "action": UNLISTED_ACTION}},
                    {"amount": "836.55", "amount_2": 10, "deleted": 0}
                ],
                "meta": []
            })
        );
    }

    #[test]
    fn amounts_become_numbers_only_when_exact() {
        assert_eq!(exact_number("1500.00"), Some(Number::from(1500)));
        assert_eq!(
            exact_number("0.10").map(|n| n.to_string()).as_deref(),
            Some("0.1")
        );
        assert_eq!(exact_number("12345678901234567.89"), None);
        assert_eq!(exact_number("abc"), None);
    }
}
