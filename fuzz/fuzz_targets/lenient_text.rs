//! Arbitrary text into the parsers of the lenient primitives and identifiers, as a JSON string and
//! as text: they return a value or an error and never panic, and what parses prints back to text
//! that parses to the same value.

#![no_main]

use std::fmt::Display;
use std::str::FromStr;

use apipagos::identifiers::{Cbu, Cuit, Cvu};
use apipagos::lenient::{LenientBool, LenientInteger, Money, Timestamp};
use libfuzzer_sys::fuzz_target;

/// Parses `text`; when it parses, its printed form must parse to the same value.
fn round_trip<T>(text: &str)
where
    T: FromStr + Display + PartialEq + std::fmt::Debug,
{
    if let Ok(value) = text.parse::<T>() {
        let printed = value.to_string();
        match printed.parse::<T>() {
            Ok(again) => assert_eq!(again, value, "{text:?} printed as {printed:?}"),
            Err(_) => panic!("{text:?} parsed, but its printed form {printed:?} does not"),
        }
    }
}

fuzz_target!(|text: &str| {
    round_trip::<Timestamp>(text);
    round_trip::<Money>(text);
    round_trip::<Cuit>(text);
    round_trip::<Cbu>(text);
    round_trip::<Cvu>(text);
    let json = serde_json::Value::String(text.to_owned()).to_string();
    let _ = serde_json::from_str::<Timestamp>(&json);
    let _ = serde_json::from_str::<Money>(&json);
    let _ = serde_json::from_str::<LenientInteger>(&json);
    let _ = serde_json::from_str::<LenientBool>(&json);
    let _ = serde_json::from_str::<Money>(text);
    let _ = serde_json::from_str::<LenientInteger>(text);
});
