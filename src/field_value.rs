//! What the builders' setters take: the value a caller has, not only the exact field type.
//!
//! Every optional field's setter of a request type's builder (`RefundCreate::builder().title(…)`)
//! takes a [`FieldValue`] of the field's type, and every array body's setter of an operation
//! (`client.create_refunds().body(…)`) a [`BodyValue`]; `apipagos-codegen` rewrites progenitor's
//! `TryInto` bounds to these traits (`codegen/src/field_values.rs`). A text or a number is parsed
//! where the field asks for it: a failure is kept by the builder and reported, naming the field,
//! when the request is built (`try_into`) or sent, never as a panic.
//!
//! | field type | takes |
//! |---|---|
//! | any `X` | `X`, `Option<X>` (`None` leaves the field out) |
//! | `String` | also `&str`, `&String` |
//! | [`Money`] | also [`Decimal`], an integer, a decimal text (`"150.75"`) |
//! | [`Cuit`] | also a text, validated (check digit included) |
//! | [`NaiveDate`], [`DateTime<Utc>`](DateTime) | also a text (`"2024-05-01"`, RFC 3339) |
//! | a spec's string type (`NumericCode`, a string enum…) | also a text, validated |
//! | a spec's integer enum (`RefundStatusCode`…) | also an integer, validated |
//! | [`Nullable<X>`] (PATCH) | also what `X` takes: a value sets the field |
//!
//! An array body takes the `Vec`, an array, one item, or one item's builder, whose conversion
//! error is kept in the request's error.
//!
//! A required field's setter keeps progenitor's `TryInto<X>` bound: it takes `X` and what converts
//! into it, which for the crate's and the spec's types is the same list but for `Option` and a
//! date's text ([`Money`] and [`Cuit`] implement `TryFrom<&str>`, `Money` `From` each integer).
//!
//! # Examples
//!
//! They run against the embedded mock (feature `mock`); with a real client they are the same
//! calls.
//!
//! A refund, sent as a one-item body (its builder, no `vec![]` nor `try_into`):
//!
//! ```
//! use apipagos::types::RefundCreate;
//! use apipagos::NaiveDate;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let api = apipagos::mock::ApiMock::start().await?;
//! # let client = api.client()?;
//! let refund = RefundCreate::builder()
//!     .title("REINTEGRO")
//!     .amount("150.75") // or a `Money`, a `Decimal`, an integer
//!     .field_3("20294687913") // a CUIT: its check digit is verified
//!     .scheduled_date(NaiveDate::from_ymd_opt(2025, 4, 1).expect("a date"));
//! let created = client.create_refunds().body(refund).send().await?;
//! assert_eq!(created.into_inner().data.len(), 1);
//! # Ok(())
//! # }
//! ```
//!
//! A user: its required fields take the same inputs (`TryInto` of the field's type: a text for
//! the spec's string types and enums, a number for its integer enums):
//!
//! ```
//! use apipagos::types::{UserCreate, UserExtraInput};
//! use apipagos::NaiveDate;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let api = apipagos::mock::ApiMock::start().await?;
//! # let client = api.client()?;
//! let extra = UserExtraInput::builder()
//!     .name("Socio")
//!     .key_code("key_1")
//!     .value("4382");
//! let user = UserCreate::builder()
//!     .type_("f")
//!     .email("asc.koelza@example.com")
//!     .first_name("Asc")
//!     .last_name("Koelza")
//!     .field_1("004568")
//!     .field_2("0444")
//!     .field_3("20294687913")
//!     .password("Secreto123!")
//!     .profile_photo_url("https://example.com/photos/koelza.jpg")
//!     .birthdate(NaiveDate::from_ymd_opt(1985, 5, 30).expect("a date"))
//!     .birth_country("ARG")
//!     .nationality("ARG")
//!     .gender("Male")
//!     .marital_status("Single")
//!     .status_code(1)
//!     .extras(vec![extra.try_into()?]);
//! let created = client.create_users().body(user).send().await?;
//! assert_eq!(created.into_inner().data.len(), 1);
//! # Ok(())
//! # }
//! ```
//!
//! A document, with its details and payment instances:
//!
//! ```
//! use apipagos::types::{DocumentCreate, DocumentCreatePaymentInstance, DocumentDetailCreate};
//! use apipagos::NaiveDate;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let api = apipagos::mock::ApiMock::start().await?;
//! # let client = api.client()?;
//! let detail = DocumentDetailCreate::builder()
//!     .client_code("003")
//!     .source_type("url")
//!     .source("https://example.com/plan")
//!     .json_1(r#"{"plan":"AutoFácil"}"#);
//! let instalment = DocumentCreatePaymentInstance::builder()
//!     .amount("938.85")
//!     .date(NaiveDate::from_ymd_opt(2025, 11, 30).expect("a date"));
//! let document = DocumentCreate::builder()
//!     .currency_code("ARS")
//!     .amount("938.85")
//!     .title("Cuota 1")
//!     .type_code("cuota")
//!     .field_1("005976")
//!     .field_2("0001")
//!     .field_3("30715324594")
//!     .status_code(3)
//!     .details(vec![detail.try_into()?])
//!     .payment_instances(vec![instalment.try_into()?]);
//! let created = client.create_documents().body(document).send().await?;
//! assert_eq!(created.into_inner().data.len(), 1);
//! # Ok(())
//! # }
//! ```
//!
//! A text that does not parse is kept as the builder's error, naming the field:
//!
//! ```
//! use apipagos::types::RefundCreate;
//! use apipagos::{Decimal, NaiveDate};
//!
//! let refund = RefundCreate::builder()
//!     .title("REINTEGRO")
//!     .amount("150.75")
//!     .field_3("20-39207901-8")
//!     .refund_date(NaiveDate::from_ymd_opt(2024, 5, 1).unwrap());
//! let refund = RefundCreate::try_from(refund).unwrap();
//! assert_eq!(refund.amount.unwrap().amount(), Decimal::new(15075, 2));
//!
//! let bad = RefundCreate::try_from(RefundCreate::builder().field_3("2039"));
//! assert!(bad.unwrap_err().to_string().contains("field_3"));
//! ```

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::identifiers::Cuit;
use crate::lenient::Money;
use crate::Nullable;

/// A value for an optional field of type `X` of a builder (see the [module](self) documentation).
pub trait FieldValue<X> {
    /// The field's value (`None` leaves it out of the request), or why this input is not an `X`.
    fn into_field(self) -> Result<Option<X>, String>;
}

impl<X> FieldValue<X> for X {
    fn into_field(self) -> Result<Option<X>, String> {
        Ok(Some(self))
    }
}

impl<X> FieldValue<X> for Option<X> {
    fn into_field(self) -> Result<Option<X>, String> {
        Ok(self)
    }
}

/// A value sets a [`Nullable`] field (`Nullable::Null` clears it).
impl<X> FieldValue<Nullable<X>> for X {
    fn into_field(self) -> Result<Option<Nullable<X>>, String> {
        Ok(Some(Nullable::Value(self)))
    }
}

/// `FieldValue<$target>` (and `FieldValue<Nullable<$target>>`) for each `$source`, converted by
/// `$convert` (`|value| -> Result<$target, impl Display>`).
macro_rules! field_values {
    ($target:ty: $($source:ty),* => $convert:expr) => {$(
        impl $crate::FieldValue<$target> for $source {
            fn into_field(self) -> Result<Option<$target>, String> {
                let convert: fn($source) -> Result<$target, _> = $convert;
                convert(self).map(Some).map_err(|err| err.to_string())
            }
        }

        impl $crate::FieldValue<$crate::Nullable<$target>> for $source {
            fn into_field(self) -> Result<Option<$crate::Nullable<$target>>, String> {
                $crate::FieldValue::<$target>::into_field(self)
                    .map(|value| value.map($crate::Nullable::Value))
            }
        }
    )*};
}

/// A spec's string types (typify's newtypes and string enums, which refuse a text that breaks
/// their pattern, length or enum): `FieldValue` from `&str`, `&String` and `String`. Called by the
/// generated code (`apipagos-codegen`) inside its `types` module.
macro_rules! text_field_values {
    ($($ty:ident),* $(,)?) => {$(
        $crate::field_value::field_values!($ty: &str, &String, String =>
            |text| $ty::try_from(AsRef::<str>::as_ref(&text)));
    )*};
}

/// A spec's integer enums (typify's newtypes over `i32`, which refuse a value out of the enum):
/// `FieldValue` from `i32`. Called by the generated code inside its `types` module.
macro_rules! number_field_values {
    ($($ty:ident),* $(,)?) => {$(
        $crate::field_value::field_values!($ty: i32 => $ty::try_from);
    )*};
}

/// `BodyValue<Vec<$ty>>` from `builder::$ty` (the conversion error kept). Called by the generated
/// code inside its `types` module. (Not from `Vec<builder::$ty>`: `vec![builder.try_into()?]`
/// would no longer infer its item type.)
macro_rules! builder_bodies {
    ($($ty:ident),* $(,)?) => {$(
        impl $crate::BodyValue<Vec<$ty>> for builder::$ty {
            fn into_body(self) -> Result<Vec<$ty>, String> {
                $ty::try_from(self).map(|item| vec![item]).map_err(|err| err.to_string())
            }
        }
    )*};
}

pub(crate) use {builder_bodies, field_values, number_field_values, text_field_values};

field_values!(String: &str, &String => |text| Ok::<_, std::convert::Infallible>(text.to_owned()));
field_values!(Money: &str, &String, String => |text| text.parse::<Money>());
field_values!(Money: Decimal, i8, i16, i32, i64, u8, u16, u32, u64 =>
    |number| Ok::<_, std::convert::Infallible>(Money::from(number)));
field_values!(Cuit: &str, &String, String => |text| Cuit::parse(AsRef::<str>::as_ref(&text)));
field_values!(NaiveDate: &str, &String, String => |text| text.parse::<NaiveDate>());
field_values!(DateTime<Utc>: &str, &String, String => |text| text.parse::<DateTime<Utc>>());

/// The body of an operation whose request body is an array `B` (`Vec<X>`): see the
/// [module](self) documentation.
pub trait BodyValue<B> {
    /// The body, or why this input is not one.
    fn into_body(self) -> Result<B, String>;
}

impl<X> BodyValue<Vec<X>> for Vec<X> {
    fn into_body(self) -> Result<Vec<X>, String> {
        Ok(self)
    }
}

/// One item: a one-item body.
impl<X> BodyValue<Vec<X>> for X {
    fn into_body(self) -> Result<Vec<X>, String> {
        Ok(vec![self])
    }
}

impl<X, const N: usize> BodyValue<Vec<X>> for [X; N] {
    fn into_body(self) -> Result<Vec<X>, String> {
        Ok(self.into())
    }
}
