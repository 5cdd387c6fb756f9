//! Arbitrary bytes as the body of a response, decoded as each of the main response types: the
//! decoding returns a value or an error, and never panics, overflows the stack or runs away.

#![no_main]

use apipagos::types::{
    DocumentResponse, ErrorBody, RefundPage, SubscriptionResponse, TransactionPage,
    TransactionResponse, UserResponse,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let _ = serde_json::from_slice::<TransactionResponse>(body);
    let _ = serde_json::from_slice::<TransactionPage>(body);
    let _ = serde_json::from_slice::<RefundPage>(body);
    let _ = serde_json::from_slice::<DocumentResponse>(body);
    let _ = serde_json::from_slice::<SubscriptionResponse>(body);
    let _ = serde_json::from_slice::<UserResponse>(body);
    let _ = serde_json::from_slice::<ErrorBody>(body);
});
