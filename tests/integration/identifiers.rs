//! CUIT/CUIL, CBU and CVU validation with real and hand-computed numbers.

use apipagos::identifiers::{Cbu, Cuit, Cvu, IdentifierError};

#[test]
fn valid_cuits() {
    // 20392079018: the holder's CUIT in the docs' CBU-validation example.
    //   2·5 + 0·4 + 3·3 + 9·2 + 2·7 + 0·6 + 7·5 + 9·4 + 0·3 + 1·2 = 124; 124 mod 11 = 3; 11 − 3 = 8 ✓
    // 33693450239: AFIP's own CUIT.
    //   3·5 + 3·4 + 6·3 + 9·2 + 3·7 + 4·6 + 5·5 + 0·4 + 2·3 + 3·2 = 145; 145 mod 11 = 2; 11 − 2 = 9 ✓
    // 20294687913: the refunds example's CUIT with its check digit corrected.
    //   2·5 + 0·4 + 2·3 + 9·2 + 4·7 + 6·6 + 8·5 + 7·4 + 9·3 + 1·2 = 195; 195 mod 11 = 8; 11 − 8 = 3 ✓
    // 20000000010: 2·5 + 1·2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → invalid; 20000000028 instead:
    //   2·5 + 2·2 = 14; 14 mod 11 = 3; 11 − 3 = 8 ✓
    // 30000000000 → 3·5 = 15; 15 mod 11 = 4; 11 − 4 = 7, so 30000000007 ✓
    // 20000000060 → 2·5 + 6·2 = 22; 22 mod 11 = 0; 11 − 0 = 11 → check digit 0 ✓
    for text in [
        "20392079018",
        "20-39207901-8",
        "33693450239",
        "20294687913",
        "20000000028",
        "30000000007",
        "20000000060",
    ] {
        let cuit: Cuit = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(cuit.as_ref().len(), 11);
    }
    assert_eq!(
        Cuit::parse("20392079018").unwrap().formatted(),
        "20-39207901-8"
    );
    assert!(Cuit::parse("33693450239").unwrap().is_company());
    assert!(!Cuit::parse("20392079018").unwrap().is_company());
}

#[test]
fn invalid_cuits_say_why() {
    let cases = [
        // The refunds example as documented: the check digit should be 3 (see above).
        (
            "20294687914",
            IdentifierError::CheckDigit {
                kind: "CUIT",
                which: None,
            },
        ),
        // 20304050607 (the docs' transaction example): sum 90, 90 mod 11 = 2, check digit 9, not 7.
        (
            "20304050607",
            IdentifierError::CheckDigit {
                kind: "CUIT",
                which: None,
            },
        ),
        // A remainder giving 10 has no valid check digit (see 20000000010 above).
        (
            "20000000010",
            IdentifierError::CheckDigit {
                kind: "CUIT",
                which: None,
            },
        ),
        (
            "2039207901",
            IdentifierError::Length {
                kind: "CUIT",
                expected: 11,
                found: 10,
            },
        ),
        (
            "203920790188",
            IdentifierError::Length {
                kind: "CUIT",
                expected: 11,
                found: 12,
            },
        ),
        ("2039207901X", IdentifierError::NotDigits { kind: "CUIT" }),
        (
            "99392079018",
            IdentifierError::CuitPrefix {
                prefix: "99".to_owned(),
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(Cuit::parse(text), Err(expected), "{text}");
    }
    let message = Cuit::parse("20294687914").unwrap_err().to_string();
    assert_eq!(message, "the check digit of this CUIT is wrong");
    let message = Cbu::parse("0070005430004105439248")
        .unwrap_err()
        .to_string();
    assert_eq!(message, "the second check digit of this CBU is wrong");
    assert!(!message.contains("20294687914"), "the number is not echoed");
}

#[test]
fn valid_cbus() {
    // 0070005430004105439249: the Banco Galicia CBU of the docs' validation example.
    //   block 1: 0·7 + 0·1 + 7·3 + 0·9 + 0·7 + 0·1 + 5·3 = 36 → (10 − 6) mod 10 = 4 ✓ (8th digit)
    //   block 2: 3·3 + 0·9 + 0·7 + 0·1 + 4·3 + 1·9 + 0·7 + 5·1 + 4·3 + 3·9 + 9·7 + 2·1 + 4·3 = 151
    //            → (10 − 1) mod 10 = 9 ✓ (22nd digit)
    let cbu = Cbu::parse("0070005430004105439249").unwrap();
    assert_eq!((cbu.bank_code(), cbu.branch_code()), ("007", "0005"));
    // 2850590940090418135201 (Banco Macro, a published sample):
    //   block 1: 2·7 + 8·1 + 5·3 + 0·9 + 5·7 + 9·1 + 0·3 = 81 → (10 − 1) mod 10 = 9 ✓
    //   block 2: 4·3 + 0·9 + 0·7 + 9·1 + 0·3 + 4·9 + 1·7 + 8·1 + 1·3 + 3·9 + 5·7 + 2·1 + 0·3 = 139
    //            → (10 − 9) mod 10 = 1 ✓
    assert!(Cbu::parse("2850590940090418135201").is_ok());
    assert!(Cbu::parse("2850590940090418135208").is_err());
}

#[test]
fn invalid_cbus_say_which_block() {
    assert_eq!(
        Cbu::parse("0070005530004105439249"),
        Err(IdentifierError::CheckDigit {
            kind: "CBU",
            which: Some("first")
        })
    );
    assert_eq!(
        Cbu::parse("0070005430004105439248"),
        Err(IdentifierError::CheckDigit {
            kind: "CBU",
            which: Some("second")
        })
    );
    assert_eq!(
        Cbu::parse("007000543000410543924"),
        Err(IdentifierError::Length {
            kind: "CBU",
            expected: 22,
            found: 21
        })
    );
    assert_eq!(
        Cbu::parse("0070-005430004105439249"),
        Err(IdentifierError::NotDigits { kind: "CBU" })
    );
    assert!(matches!(
        Cbu::parse("0000003100012345678907"),
        Err(IdentifierError::Kind(_))
    ));
}

#[test]
fn cvus() {
    // 0000003100012345678907: entity 0000003 (a PSP), built by hand:
    //   block 1: 0 + 0 + 0 + 0 + 0 + 0 + 3·3 = 9 → (10 − 9) mod 10 = 1 ✓
    //   block 2: 0·3 + 0·9 + 0·7 + 1·1 + 2·3 + 3·9 + 4·7 + 5·1 + 6·3 + 7·9 + 8·7 + 9·1 + 0·3 = 213 → 7 ✓
    assert!(Cvu::parse("0000003100012345678907").is_ok());
    assert_eq!(
        Cvu::parse("0000003100012345678906"),
        Err(IdentifierError::CheckDigit {
            kind: "CVU",
            which: Some("second")
        })
    );
    assert!(matches!(
        Cvu::parse("0070005430004105439249"),
        Err(IdentifierError::Kind(_))
    ));
}

#[test]
fn identifiers_round_trip_through_json_and_validate_when_decoded() {
    let cuit: Cuit = serde_json::from_str(r#""20392079018""#).unwrap();
    assert_eq!(serde_json::to_string(&cuit).unwrap(), r#""20392079018""#);
    let err = serde_json::from_str::<Cuit>(r#""20392079017""#).unwrap_err();
    assert!(err.to_string().contains("check digit"), "{err}");
    let cbu = Cbu::try_from("0070005430004105439249").unwrap();
    assert_eq!(cbu.to_string(), "0070005430004105439249");
}

#[tokio::test]
async fn a_cbu_payment_method_with_a_wrong_check_digit_is_refused_before_sending() {
    let api = apipagos::mock::ApiMock::start().await.unwrap();
    let client = api.client().unwrap();
    let method = |kind: &str, number: &str| -> apipagos::types::PaymentMethodCreate {
        serde_json::from_value(serde_json::json!({
            "method": kind, "number": number, "user_code": "u1",
            "due_date": "2030-01-01T00:00:00Z", "name": "cuenta", "csv": ""
        }))
        .unwrap()
    };
    let bad = client
        .create_user_payment_methods()
        .body(vec![
            method("TD", "4509953566233704"),
            method("CBU", "0070005430004105439248"),
        ])
        .send()
        .await
        .map_err(apipagos::ApiError::into_kind);
    match bad {
        Err(apipagos::Error::InvalidRequest(message)) => {
            assert!(
                message.contains("/1/number: the second check digit of this CBU is wrong"),
                "{message}"
            );
        }
        other => panic!("expected a refused request, got {other:?}"),
    }
    let good = client
        .create_user_payment_methods()
        .body(vec![
            method("CBU", "0070005430004105439249"),
            method("CVU", "0000003100012345678907"),
        ])
        .send()
        .await;
    assert!(good.is_ok(), "{good:?}");
}
