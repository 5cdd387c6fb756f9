//! The builders' setters take the value a caller has (`src/field_value.rs`): one test per kind of
//! input, each checked by what the built request serializes to, and the inputs that do not parse
//! refused with the field's name at `try_into` and at `send()`, never with a panic.

use apipagos::identifiers::Cuit;
use apipagos::lenient::Money;
use apipagos::mock::ApiMock;
use apipagos::types::{builder, RefundCreate, RefundPatch, UserPatch};
use apipagos::{Decimal, Error, NaiveDate, Nullable};
use serde_json::{json, Value};

/// The JSON of the refund `built` makes, or the conversion's error message.
#[track_caller]
fn check(built: builder::RefundCreate, expected: Result<Value, &str>) {
    let res = RefundCreate::try_from(built)
        .map(|refund| serde_json::to_value(refund).expect("a refund serializes"))
        .map_err(|err| err.to_string());
    match (res, expected) {
        (Ok(found), Ok(expected)) => assert_eq!(found, expected),
        (Err(found), Err(field)) => {
            assert!(
                found.contains(&format!("supplied value for {field}:")),
                "{found:?} names {field}"
            );
        }
        (found, expected) => panic!("expected {expected:?}, found {found:?}"),
    }
}

fn refund() -> builder::RefundCreate {
    RefundCreate::builder()
}

#[test]
fn a_text_field_takes_a_str() {
    check(
        refund().title("REINTEGRO"),
        Ok(json!({"title": "REINTEGRO"})),
    );
}

#[test]
fn a_text_field_takes_a_string_and_a_borrowed_string() {
    let title = "REINTEGRO".to_owned();
    check(refund().title(&title), Ok(json!({"title": "REINTEGRO"})));
    check(refund().title(title), Ok(json!({"title": "REINTEGRO"})));
}

#[test]
fn a_field_takes_an_option_and_none_leaves_it_out() {
    check(
        refund().title(Some("A".to_owned())),
        Ok(json!({"title": "A"})),
    );
    check(refund().title("A").title(None), Ok(json!({})));
}

#[test]
fn an_amount_takes_money() {
    let money: Money = "150.75".parse().unwrap();
    check(refund().amount(money), Ok(json!({"amount": 150.75})));
}

#[test]
fn an_amount_takes_a_decimal_text() {
    check(refund().amount("150.75"), Ok(json!({"amount": 150.75})));
}

#[test]
fn an_amount_takes_a_decimal() {
    check(
        refund().amount(Decimal::new(15075, 2)),
        Ok(json!({"amount": 150.75})),
    );
}

#[test]
fn an_amount_takes_an_integer() {
    check(refund().amount(150), Ok(json!({"amount": 150})));
    check(refund().amount(150_u64), Ok(json!({"amount": 150})));
}

#[test]
fn an_amount_that_is_not_a_number_is_refused_naming_the_field() {
    check(refund().amount("150,75"), Err("amount"));
}

#[test]
fn a_cuit_field_takes_a_cuit() {
    let cuit = Cuit::parse("20-39207901-8").unwrap();
    check(
        refund().field_3(cuit),
        Ok(json!({"field_3": "20392079018"})),
    );
}

#[test]
fn a_cuit_field_takes_a_text_validated() {
    check(
        refund().field_3("20392079018"),
        Ok(json!({"field_3": "20392079018"})),
    );
}

#[test]
fn a_bad_cuit_text_is_refused_naming_the_field() {
    check(refund().field_3("20392079019"), Err("field_3"));
    check(refund().field_3("2039"), Err("field_3"));
}

#[test]
fn a_spec_string_type_takes_a_text_validated() {
    check(refund().field_1("123456"), Ok(json!({"field_1": "123456"})));
    check(refund().field_1("12a"), Err("field_1"));
}

#[test]
fn a_date_field_takes_a_naive_date_or_its_text() {
    let date = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    check(
        refund().scheduled_date(date),
        Ok(json!({"scheduled_date": "2025-04-01"})),
    );
    check(
        refund().scheduled_date("2025-04-01"),
        Ok(json!({"scheduled_date": "2025-04-01"})),
    );
    check(refund().scheduled_date("01/04/2025"), Err("scheduled_date"));
}

#[test]
fn a_string_enum_takes_its_text_validated() {
    let patch = |gender| UserPatch::try_from(UserPatch::builder().gender(gender));
    let json = serde_json::to_value(patch("Female").unwrap()).unwrap();
    assert_eq!(json, json!({"gender": "Female"}));
    let err = patch("F").unwrap_err().to_string();
    assert!(err.contains("supplied value for gender:"), "{err}");
}

#[test]
fn an_integer_enum_takes_an_integer_validated() {
    check(refund().status_code(2), Ok(json!({"status_code": 2})));
    check(refund().status_code(14), Err("status_code"));
}

/// The PATCH's three states: absent, `null` and a value (`src/nullable.rs`).
#[test]
fn a_nullable_field_takes_null_a_value_or_none() {
    let patch = RefundPatch::builder()
        .field_4(Nullable::Null)
        .field_6("nuevo")
        .field_7(Some(Nullable::Value("x".to_owned())))
        .amount_3(Money::from(5))
        .field_9(None);
    let json = serde_json::to_value(RefundPatch::try_from(patch).unwrap()).unwrap();
    assert_eq!(
        json,
        json!({"field_4": null, "field_6": "nuevo", "field_7": "x", "amount_3": 5})
    );
}

/// A one-item body: the builder itself, or the item; a `Vec` still works.
#[tokio::test]
async fn an_array_body_takes_one_builder_one_item_or_a_vec() {
    let api = ApiMock::start().await.unwrap();
    let client = api.client().unwrap();
    let one = || refund().title("REINTEGRO").amount("10.50");
    let item = RefundCreate::try_from(one()).unwrap();
    for res in [
        client.create_refunds().body(one()).send().await,
        client.create_refunds().body(item.clone()).send().await,
        client.create_refunds().body([item.clone()]).send().await,
        client.create_refunds().body(vec![item]).send().await,
    ] {
        assert_eq!(res.expect("created").into_inner().data.len(), 1);
    }
}

/// A setter's bad input surfaces at `send()` as `InvalidRequest` naming the field; nothing is
/// sent, nothing panics.
#[tokio::test]
async fn a_bad_cuit_in_a_body_builder_is_refused_at_send_naming_the_field() {
    let api = ApiMock::start().await.unwrap();
    let client = api.client().unwrap();
    let err = client
        .create_refunds()
        .body(refund().title("REINTEGRO").field_3("2039"))
        .send()
        .await
        .expect_err("a CUIT of 4 digits");
    assert!(matches!(err.kind(), Error::InvalidRequest(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("field_3"), "{message}");
    assert!(
        !message.contains("2039"),
        "the CUIT is not echoed: {message}"
    );
}
