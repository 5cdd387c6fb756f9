//! Shared by the benches: the documented `get_transaction` example (from the operations table,
//! so the figures follow the spec), a 1,000-transaction listing built from it, a minimal hand-written
//! struct of the same shape, and an interleaved A/B timer for ratios on a noisy machine.

#![allow(dead_code)]

pub mod pin;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::{json, Value};

/// The number of transactions in the large listing.
pub const LISTING_LEN: usize = 1_000;

/// `spec/apipagos.yaml` of the client crate (this crate lives in its `benches/`).
pub fn spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/apipagos.yaml")
}

/// The spec text (for the codegen benchmark, which measures reading it).
pub fn spec_text() -> String {
    std::fs::read_to_string(spec_path()).expect("read spec/apipagos.yaml")
}

/// The documented `GET /transactions/{code}` response body (`{"data": Transaction}`), from the
/// crate's operations table.
pub fn transaction_example() -> Value {
    let op = apipagos::operations::find("get_transaction").expect("get_transaction");
    let example = op
        .response(200)
        .and_then(|r| r.example)
        .expect("get_transaction documents a 200 example");
    serde_json::from_str(example).expect("example as JSON")
}

/// The documented `get_transaction` body, compact JSON (what the local server sends).
pub fn transaction_body() -> Vec<u8> {
    serde_json::to_vec(&transaction_example()).expect("encode example")
}

/// A `TransactionPage` of [`LISTING_LEN`] transactions shaped like the documented example, with
/// distinct codes, ids, amounts and dates, as compact JSON.
pub fn listing_body() -> Vec<u8> {
    let example = transaction_example();
    let template = example["data"].clone();
    let mut data = Vec::with_capacity(LISTING_LEN);
    for i in 0..LISTING_LEN {
        let mut tx = template.clone();
        let cents = 100_000 + (i as u64 * 7_919) % 50_000_000;
        let amount = format!("{}.{:02}", cents / 100, cents % 100);
        let minute = i % 60;
        let hour = 8 + (i / 60) % 12;
        tx["code"] = json!(format!("{:032x}", 0x1234_5678_9abc_def0_u64 + i as u64));
        tx["amount"] = json!(amount);
        tx["integrity_code"] = json!(format!("{:032x}", 0xfeed_0000_u64 + i as u64));
        tx["created_at"] = json!(format!("2025-03-01 {hour:02}:{minute:02}:00"));
        tx["updated_at"] = json!(format!("2025-03-02 {hour:02}:{minute:02}:30"));
        if let Some(doc) = tx["documents"].get_mut(0) {
            doc["id"] = json!(1_000_000 + i);
            doc["code"] = json!(format!("{:032x}", 0xd0c0_0000_u64 + i as u64));
            doc["amount"] = json!(amount);
        }
        tx["src_user"]["id"] = json!(500_000 + i % 97);
        tx["src_user"]["code"] = json!(format!("{:032x}", 0xa5e7_0000_u64 + (i % 97) as u64));
        data.push(tx);
    }
    let base = "https://api.test.apipagos.com/api/v2/apipagos/transactions";
    let page = json!({
        "data": data,
        "links": {
            "first": format!("{base}?page=1"),
            "last": format!("{base}?page=1"),
            "prev": null,
            "next": null,
        },
        "meta": {
            "current_page": 1,
            "last_page": 1,
            "links": [
                {"url": null, "label": "&laquo; Previous", "active": false},
                {"url": format!("{base}?page=1"), "label": "1", "active": true},
                {"url": null, "label": "Next &raquo;", "active": false},
            ],
            "path": base,
            "per_page": LISTING_LEN,
            "from": 1,
            "to": LISTING_LEN,
            "total": LISTING_LEN,
        },
    });
    serde_json::to_vec(&page).expect("encode listing")
}

/// What a user could write instead of the generated types: every field the documented example
/// holds, with the obvious plain serde types (amounts and dates kept as strings, integers as
/// `i64`, free-form objects as `serde_json::Value`), no lenient decoding and no exact decimals.
pub mod minimal {
    use super::{Deserialize, Value};

    #[derive(Debug, Deserialize)]
    pub struct TransactionResponse {
        pub data: Option<Transaction>,
        pub message: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct TransactionPage {
        pub data: Vec<Transaction>,
        pub links: Option<PageLinks>,
        pub meta: Option<PageMeta>,
        pub message: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct PageLinks {
        pub first: Option<String>,
        pub last: Option<String>,
        pub prev: Option<String>,
        pub next: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct PageMeta {
        pub current_page: i64,
        pub last_page: i64,
        pub links: Vec<PageMetaLink>,
        pub path: Option<String>,
        pub per_page: i64,
        pub from: Option<i64>,
        pub to: Option<i64>,
        pub total: i64,
    }

    #[derive(Debug, Deserialize)]
    pub struct PageMetaLink {
        pub url: Option<String>,
        pub label: Option<String>,
        pub active: bool,
    }

    #[derive(Debug, Deserialize)]
    pub struct Transaction {
        pub code: String,
        pub concept: Option<String>,
        pub currency_code: Option<String>,
        pub amount: String,
        pub document_type_code: Option<String>,
        pub gateway: Option<Gateway>,
        #[serde(default)]
        pub documents: Vec<Document>,
        pub src_user: Option<User>,
        pub dst_user: Option<User>,
        pub wallet_code: Option<String>,
        pub extra: Option<Value>,
        pub process_id: Option<i64>,
        pub integrity_code: Option<String>,
        pub scheduled_at: Option<String>,
        pub controlled_at: Option<String>,
        pub accredited_at: Option<String>,
        pub reconciled_at: Option<String>,
        pub charged_back_at: Option<String>,
        pub approved_at: Option<String>,
        pub created_at: Option<String>,
        pub updated_at: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Gateway {
        pub code: String,
        #[serde(rename = "type")]
        pub kind: String,
        pub title: String,
        pub description: Option<String>,
        pub messages: Option<GatewayMessages>,
        pub amount: Option<GatewayAmount>,
        pub settlement_days: Option<i64>,
        pub settlement_prefix: Option<String>,
        pub settlement_suffix: Option<String>,
        pub default: Option<i64>,
        pub config: Value,
    }

    #[derive(Debug, Deserialize)]
    pub struct GatewayMessages {
        pub status: Option<String>,
        pub info: Option<String>,
        pub success: Option<String>,
        pub error: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct GatewayAmount {
        pub min: Option<String>,
        pub max: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Document {
        pub id: i64,
        pub code: String,
        pub type_code: Option<String>,
        pub title: Option<String>,
        pub currency_code: Option<String>,
        pub amount: String,
        pub integrity_code: Option<String>,
        pub field_1: Option<String>,
        pub field_2: Option<String>,
        pub field_3: Option<String>,
        pub expired_at: Option<String>,
        pub created_at: Option<String>,
        pub updated_at: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct User {
        pub id: i64,
        pub code: String,
        #[serde(rename = "type")]
        pub kind: Option<String>,
        pub email: Option<String>,
        pub email_verified_at: Option<String>,
        pub first_name: Option<String>,
        pub last_name: Option<String>,
        pub company_name: Option<String>,
        pub field_1: Option<String>,
        pub field_2: Option<String>,
        pub field_3: Option<String>,
        pub profile_photo_url: Option<String>,
        pub birthdate: Option<String>,
        pub birth_country: Option<String>,
        pub nationality: Option<String>,
        pub gender: Option<String>,
        pub marital_status: Option<String>,
        pub created_at: Option<String>,
        pub updated_at: Option<String>,
        #[serde(default)]
        pub addresses: Vec<Value>,
        #[serde(default)]
        pub identities: Vec<Value>,
        #[serde(default, rename = "contactInfo")]
        pub contact_info: Vec<Value>,
        #[serde(default, rename = "paymentMethods")]
        pub payment_methods: Vec<PaymentMethod>,
        #[serde(default)]
        pub accounts: Vec<Value>,
        #[serde(rename = "fiscalData")]
        pub fiscal_data: Option<Value>,
        #[serde(default)]
        pub validations: Vec<Value>,
        #[serde(default)]
        pub extras: Vec<Value>,
        pub company: Option<Company>,
        #[serde(default)]
        pub relations: Vec<Value>,
        #[serde(default, rename = "complianceExtra")]
        pub compliance_extra: Vec<Value>,
        #[serde(default, rename = "representedCompanies")]
        pub represented_companies: Vec<Value>,
    }

    #[derive(Debug, Deserialize)]
    pub struct PaymentMethod {
        pub entity_id: Option<i64>,
        pub entity_code: Option<String>,
        pub code: Option<String>,
        pub company_id: Option<i64>,
        pub holder: Option<String>,
        pub field_1: Option<String>,
        pub method: Option<String>,
        pub gateway_code: Option<String>,
        pub gateway_type: Option<String>,
        pub number: Option<String>,
        pub hashed_number: Option<String>,
        pub visible_data: Option<String>,
        pub bin: Option<String>,
        pub due_date: Option<String>,
        pub name: Option<String>,
        pub csv: Option<String>,
        pub created_at: Option<String>,
        pub updated_at: Option<String>,
        pub deleted_at: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Company {
        pub company: Option<String>,
        pub name: Option<String>,
        pub legal_name: Option<String>,
        pub tax_id: Option<String>,
        pub email: Option<String>,
        pub website: Option<String>,
        pub status_code: Option<i64>,
        pub logo: Option<String>,
        pub portal_link: Option<String>,
        pub validity_date: Option<String>,
        pub auditor: Option<String>,
        pub end_date: Option<String>,
        pub deleted_at: Option<String>,
        pub updated_at: Option<String>,
        pub created_at: Option<String>,
    }
}

/// The result of [`paired`]: medians over the rounds.
#[derive(Debug, Clone, Copy)]
pub struct Paired {
    /// Median time of one call of `a`.
    pub a: Duration,
    /// Median time of one call of `b`.
    pub b: Duration,
    /// Median over the rounds of (time of `a` / time of `b`) within the round.
    pub ratio: f64,
}

/// Times `a` against `b` interleaved: each round runs `batch` calls of one then `batch` of the
/// other (alternating which goes first), so load from other processes on this shared machine hits
/// both alike. Returns per-call medians and the median of the per-round ratios.
pub fn paired(
    rounds: usize,
    batch: usize,
    mut a: impl FnMut(usize),
    mut b: impl FnMut(usize),
) -> Paired {
    let mut times_a = Vec::with_capacity(rounds);
    let mut times_b = Vec::with_capacity(rounds);
    let mut ratios = Vec::with_capacity(rounds);
    // One untimed round to warm caches, connections and the allocator.
    a(batch);
    b(batch);
    for round in 0..rounds {
        let time = |f: &mut dyn FnMut(usize)| {
            let started = Instant::now();
            f(batch);
            started.elapsed() / batch as u32
        };
        let (ta, tb) = if round % 2 == 0 {
            let ta = time(&mut a);
            (ta, time(&mut b))
        } else {
            let tb = time(&mut b);
            (time(&mut a), tb)
        };
        times_a.push(ta);
        times_b.push(tb);
        ratios.push(ta.as_secs_f64() / tb.as_secs_f64());
    }
    Paired {
        a: median(&mut times_a),
        b: median(&mut times_b),
        ratio: median(&mut ratios),
    }
}

/// The median (upper median for an even count).
pub fn median<T: PartialOrd + Copy>(values: &mut [T]) -> T {
    values.sort_by(|x, y| x.partial_cmp(y).expect("no NaN"));
    values[values.len() / 2]
}

/// `usize` from environment variable `name`, else `default` (for shorter or longer runs).
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Whether the binary runs as a smoke test (`cargo test -p apipagos-benches --benches`,
/// `cargo bench -p apipagos-benches -- --test`): then criterion runs each bench once and the extra reports are cut short.
pub fn is_test_mode() -> bool {
    std::env::args().any(|arg| arg == "--test") || !std::env::args().any(|arg| arg == "--bench")
}
