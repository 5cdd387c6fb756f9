//! Lenient primitives: strict in what we send, lenient in what we accept.
//!
//! The Apipagos server is a Laravel (PHP) application and its JSON bends the documented types.
//! The spec names each quirky primitive as a component schema carrying `x-apipagos-rust-type`, and
//! the generator uses the type from this module instead of generating one:
//!
//! | quirk the server really sends                         | spec component        | Rust type          |
//! |-------------------------------------------------------|-----------------------|--------------------|
//! | amounts as `"325000.00"` or `500` or `836.55`          | `Money`, `RequestMoney` | [`Money`]        |
//! | `2025-03-28 08:00:00`, `…T…000000Z`, no zone, date only | `Timestamp`          | [`Timestamp`]      |
//! | integers as `"1"` or `1`                               | `LenientInteger`      | [`LenientInteger`] |
//! | booleans as `true`, PHP's `1`/`0` or `"1"`             | `LenientBool`         | [`LenientBool`]    |
//! | `[]` where an object is expected (PHP's empty array)   | `JsonObject`          | [`JsonObject`]     |
//! | values outside a documented enum                       | `*Received`           | [`OpenEnum`]       |
//!
//! `null` in fields the docs call required is handled in the spec itself: response fields are
//! optional there, so they decode to `None`.
//!
//! Every type here decodes every documented shape and serializes one canonical, strict shape.

mod boolean;
mod integer;
mod json_object;
mod money;
mod open_enum;
mod timestamp;

pub use boolean::LenientBool;
pub use integer::LenientInteger;
pub use json_object::JsonObject;
pub use money::{Money, MoneyError};
pub use open_enum::OpenEnum;
pub use timestamp::{Timestamp, TimestampError};

/// The exact decimal inside [`Money`] (`rust_decimal`), re-exported so that applications build and
/// read amounts without naming the crate themselves.
pub use rust_decimal::Decimal;
