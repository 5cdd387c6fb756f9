//! The lenient primitives: every shape the server really sends decodes, wrong shapes fail with a
//! message that says what was expected, and serialization is one strict shape.

use apipagos::lenient::{JsonObject, LenientBool, LenientInteger, Money, OpenEnum, Timestamp};
use apipagos::types::{PaymentMethodKind, StatusAction, TransactionResponse};
use serde::de::DeserializeOwned;
use serde::Serialize;

#[track_caller]
fn decodes<T: DeserializeOwned>(json: &str) -> T {
    match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => panic!("{json} does not decode: {err}"),
    }
}

#[track_caller]
fn rejects<T: DeserializeOwned + std::fmt::Debug>(json: &str, expected: &str) {
    match serde_json::from_str::<T>(json) {
        Ok(value) => panic!("{json} decoded to {value:?}"),
        Err(err) => assert!(err.to_string().contains(expected), "{json}: {err}"),
    }
}

#[track_caller]
fn encodes<T: Serialize>(value: &T, json: &str) {
    assert_eq!(serde_json::to_string(value).unwrap(), json);
}

#[test]
fn money_decodes_strings_and_numbers_exactly() {
    for (json, text) in [
        (r#""325000.00""#, "325000.00"),
        (r#""0.00""#, "0.00"),
        (r#"" 10.5 ""#, "10.5"),
        ("500", "500"),
        ("836.55", "836.55"),
        ("97556.27", "97556.27"),
        ("0.1", "0.1"),
        ("-12.34", "-12.34"),
        (r#""1e3""#, "1000"),
    ] {
        assert_eq!(decodes::<Money>(json).to_string(), text, "{json}");
    }
    // 0.1 + 0.2 is 0.3 exactly: no float arithmetic anywhere.
    let sum = decodes::<Money>("0.1").amount() + decodes::<Money>("0.2").amount();
    assert_eq!(sum.to_string(), "0.3");
}

#[test]
fn money_adds_up_exactly_and_reports_overflow() {
    let m = |text: &str| text.parse::<Money>().unwrap();
    assert_eq!(m("0.1").checked_add(m("0.2")), Some(m("0.3")));
    assert_eq!(m("10.00").checked_sub(m("10000.01")), Some(m("-9990.01")));
    assert_eq!(
        Money::checked_sum([m("325000.00"), m("836.55"), m("5")]),
        Some(m("325841.55"))
    );
    assert_eq!(Money::checked_sum(std::iter::empty()), Some(m("0")));
    let max = Money::new(apipagos::lenient::Decimal::MAX);
    assert_eq!(max.checked_add(m("1")), None);
    assert_eq!(Money::checked_sum([max, max]), None);
    assert_eq!(
        Money::new(apipagos::lenient::Decimal::MIN).checked_sub(m("1")),
        None
    );
}

#[test]
fn money_rejects_what_is_not_an_amount() {
    rejects::<Money>(
        r#""diez""#,
        "an amount as a JSON number or a decimal string",
    );
    rejects::<Money>(r#""""#, "an amount");
    rejects::<Money>("true", "an amount");
    rejects::<Money>("null", "an amount");
    rejects::<Money>("{}", "an amount");
}

#[test]
fn money_serializes_as_an_exact_json_number() {
    encodes(&"836.55".parse::<Money>().unwrap(), "836.55");
    encodes(&"5.00".parse::<Money>().unwrap(), "5");
    encodes(&"2000".parse::<Money>().unwrap(), "2000");
    // More digits than a double carries: sent as text rather than rounded.
    encodes(
        &"1234567890.1234567891".parse::<Money>().unwrap(),
        r#""1234567890.1234567891""#,
    );
}

#[test]
fn timestamps_decode_every_documented_format() {
    for (json, shown, has_offset) in [
        (
            r#""2024-11-01T10:00:00.000000Z""#,
            "2024-11-01T10:00:00+00:00",
            true,
        ),
        (
            r#""2025-04-01T06:05:33.034Z""#,
            "2025-04-01T06:05:33.034+00:00",
            true,
        ),
        (
            r#""2019-08-24T14:15:22Z""#,
            "2019-08-24T14:15:22+00:00",
            true,
        ),
        (r#""2025-03-28 08:00:00""#, "2025-03-28 08:00:00", false),
        (r#""2024-05-10T08:00:00""#, "2024-05-10 08:00:00", false),
        (r#""1985-06-15""#, "1985-06-15 00:00:00", false),
        (
            r#""2025-03-28 08:00:00-03:00""#,
            "2025-03-28T08:00:00-03:00",
            true,
        ),
    ] {
        let at = decodes::<Timestamp>(json);
        assert_eq!(at.to_string(), shown, "{json}");
        assert_eq!(at.offset().is_some(), has_offset, "{json}");
    }
}

#[test]
fn a_zoneless_timestamp_converts_with_an_assumed_offset() {
    let at = decodes::<Timestamp>(r#""2025-03-28 08:00:00""#);
    let argentina = chrono::FixedOffset::west_opt(3 * 3600).unwrap();
    let utc = at.to_utc_assuming(argentina).unwrap();
    assert_eq!(utc.to_rfc3339(), "2025-03-28T11:00:00+00:00");
    assert_eq!(at.to_datetime(), None);
}

#[test]
fn timestamps_reject_placeholders_and_garbage() {
    rejects::<Timestamp>(r#""<dateTime>""#, "a date-time string");
    rejects::<Timestamp>(r#""2025-13-01""#, "a date-time string");
    rejects::<Timestamp>("20250101", "a date-time string");
}

#[test]
fn integers_decode_from_numbers_and_numeric_strings() {
    assert_eq!(decodes::<LenientInteger>("21").get(), 21);
    assert_eq!(decodes::<LenientInteger>(r#""21""#).get(), 21);
    assert_eq!(decodes::<LenientInteger>("2.0").get(), 2);
    assert_eq!(decodes::<LenientInteger>(r#""-7""#).get(), -7);
    rejects::<LenientInteger>("2.5", "an integer");
    rejects::<LenientInteger>(r#""<integer>""#, "an integer");
    rejects::<LenientInteger>("18446744073709551615", "an integer");
    encodes(&LenientInteger::new(21), "21");
}

#[test]
fn booleans_decode_from_php_integers_and_text() {
    for (json, expected) in [
        ("true", true),
        ("false", false),
        ("1", true),
        ("0", false),
        (r#""1""#, true),
        (r#""0""#, false),
        (r#""true""#, true),
        (r#""false""#, false),
    ] {
        assert_eq!(decodes::<LenientBool>(json).get(), expected, "{json}");
    }
    rejects::<LenientBool>("2", "a boolean");
    rejects::<LenientBool>("-1", "a boolean");
    rejects::<LenientBool>(r#""yes""#, "a boolean");
    rejects::<LenientBool>("1.0", "a boolean");
    encodes(&LenientBool::new(true), "true");
    encodes(&LenientBool::from(false), "false");
}

/// A contact as a PHP server sends it (tinyint columns as `1`/`0`) decodes through the
/// generated type.
#[test]
fn generated_types_take_php_booleans() {
    let contact: apipagos::types::ContactInfo =
        decodes(r#"{"contact_detail": "a@b.c", "default": 1, "is_valid": "0"}"#);
    assert_eq!(contact.default.map(LenientBool::get), Some(true));
    assert_eq!(contact.is_valid.map(LenientBool::get), Some(false));
}

#[test]
fn objects_decode_from_php_empty_arrays() {
    assert!(decodes::<JsonObject>("[]").is_empty());
    assert_eq!(decodes::<JsonObject>(r#"{"a": 1}"#)["a"], 1);
    rejects::<JsonObject>("[1]", "a JSON object, or [] for an empty one");
    rejects::<JsonObject>(r#""x""#, "a JSON object");
    encodes(&decodes::<JsonObject>("[]"), "{}");
}

#[test]
fn open_enums_keep_unknown_values() {
    let known = decodes::<OpenEnum<StatusAction>>(r#""stopExecution""#);
    assert_eq!(known, OpenEnum::Known(StatusAction::StopExecution));
    let unknown = decodes::<OpenEnum<PaymentMethodKind>>(r#""DEBIN""#);
    assert_eq!(unknown, OpenEnum::Unknown("DEBIN".to_owned()));
    assert_eq!(unknown.known(), None);
    encodes(&unknown, r#""DEBIN""#);
    encodes(&known, r#""stopExecution""#);
    rejects::<OpenEnum<StatusAction>>("3", "expected a string");
}

/// One body with every quirk at once, shaped like the documented GET /transactions/{code}.
#[test]
fn a_quirky_transaction_decodes() {
    let body = r#"{
      "data": {
        "code": "abcd1234efgh5678ijkl9012mnop3456",
        "amount": 500,
        "gateway": {"config": [], "amount": {"min": "0.00", "max": 10000000}, "default": "0"},
        "src_user": {"type": "x", "gender": "M", "marital_status": "single",
                     "status": {"code": "1", "action": "somethingNew"}, "fiscalData": []},
        "dst_user": null,
        "extra": null,
        "process_id": null,
        "scheduled_at": "2025-04-01T10:00:00.000000Z",
        "controlled_at": "2025-03-28 08:00:00",
        "approved_at": null,
        "a_field_added_later": {"anything": true}
      }
    }"#;
    let decoded: TransactionResponse = decodes(body);
    let tx = decoded.data.expect("data");
    assert_eq!(tx.amount, Some("500".parse().unwrap()));
    let gateway = tx.gateway.expect("gateway");
    assert!(gateway.config.expect("config").is_empty());
    assert_eq!(
        gateway
            .amount
            .and_then(|a| a.max)
            .map(|m| m.to_string())
            .as_deref(),
        Some("10000000")
    );
    let user = tx.src_user.expect("src_user");
    assert_eq!(user.type_, Some(OpenEnum::Unknown("x".to_owned())));
    let status = user.status.expect("status");
    assert_eq!(status.code.map(LenientInteger::get), Some(1));
    assert_eq!(
        status.action,
        Some(OpenEnum::Unknown("somethingNew".to_owned()))
    );
    assert_eq!(tx.dst_user, None);
    assert_eq!(
        tx.controlled_at.map(|t| t.to_string()).as_deref(),
        Some("2025-03-28 08:00:00")
    );
}
