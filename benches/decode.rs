//! Decoding: a 1,000-transaction listing (and the single documented transaction) through the
//! generated types with the lenient primitives, versus `serde_json::Value` and a minimal
//! hand-written struct; and the lenient primitives alone, to explain the difference.
//!
//! `cargo bench -p apipagos-benches --bench decode` (see BENCHMARKS.md). Allocations and peak memory: `peak_rss`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use apipagos::lenient::{LenientInteger, Money, Timestamp};
use apipagos::types::{TransactionPage, TransactionResponse};
use criterion::{BenchmarkId, Criterion, Throughput};
use serde_json::Value;

use common::minimal;

fn decode_listing(c: &mut Criterion, listing: &[u8]) {
    let mut group = c.benchmark_group("decode_listing_1000");
    group.throughput(Throughput::BytesDecimal(listing.len() as u64));
    group.sample_size(20);
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::from_slice::<TransactionPage>(black_box(listing)).unwrap())
    });
    group.bench_function("value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(listing)).unwrap())
    });
    group.bench_function("minimal_struct", |b| {
        b.iter(|| serde_json::from_slice::<minimal::TransactionPage>(black_box(listing)).unwrap())
    });
    group.finish();
}

fn decode_one(c: &mut Criterion, body: &[u8]) {
    let mut group = c.benchmark_group("decode_one");
    group.throughput(Throughput::BytesDecimal(body.len() as u64));
    group.bench_function("generated", |b| {
        b.iter(|| serde_json::from_slice::<TransactionResponse>(black_box(body)).unwrap())
    });
    group.bench_function("value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(body)).unwrap())
    });
    group.bench_function("minimal_struct", |b| {
        b.iter(|| serde_json::from_slice::<minimal::TransactionResponse>(black_box(body)).unwrap())
    });
    group.finish();
}

/// The lenient primitives against the `String` a minimal struct keeps, per field.
fn primitives(c: &mut Criterion) {
    let mut group = c.benchmark_group("primitive");
    let timestamps = [
        ("space", r#""2025-03-01 12:00:00""#),
        ("rfc3339_micros_z", r#""2024-11-01T10:00:00.000000Z""#),
        ("t_no_zone", r#""2024-05-10T08:00:00""#),
        ("date_only", r#""1985-06-15""#),
    ];
    for (name, json) in timestamps {
        group.bench_with_input(BenchmarkId::new("timestamp", name), json, |b, json| {
            b.iter(|| serde_json::from_str::<Timestamp>(black_box(json)).unwrap())
        });
    }
    // chrono's own RFC 3339 parser on the same text, for the one layout the fast path competes
    // with a hand-optimised parser.
    group.bench_function("chrono_rfc3339_micros_z", |b| {
        b.iter(|| {
            let text = serde_json::from_str::<&str>(black_box(r#""2024-11-01T10:00:00.000000Z""#));
            chrono::DateTime::parse_from_rfc3339(text.unwrap()).unwrap()
        })
    });
    group.bench_function("string_of_a_date", |b| {
        b.iter(|| serde_json::from_str::<String>(black_box(r#""2025-03-01 12:00:00""#)).unwrap())
    });
    group.bench_function("money_str", |b| {
        b.iter(|| serde_json::from_str::<Money>(black_box(r#""325000.00""#)).unwrap())
    });
    group.bench_function("string_of_an_amount", |b| {
        b.iter(|| serde_json::from_str::<String>(black_box(r#""325000.00""#)).unwrap())
    });
    group.bench_function("lenient_integer", |b| {
        b.iter(|| serde_json::from_str::<LenientInteger>(black_box("1234567")).unwrap())
    });
    group.bench_function("i64", |b| {
        b.iter(|| serde_json::from_str::<i64>(black_box("1234567")).unwrap())
    });
    group.finish();
}

/// Interleaved ratios (median of rounds), less sensitive to other load on the machine.
fn paired_report(listing: &[u8]) {
    let rounds = common::env_usize("BENCH_ROUNDS", 21);
    let batch = common::env_usize("BENCH_DECODE_BATCH", 5);
    let minimal = |n: usize| {
        for _ in 0..n {
            black_box(serde_json::from_slice::<minimal::TransactionPage>(listing).unwrap());
        }
    };
    let generated = |n: usize| {
        for _ in 0..n {
            black_box(serde_json::from_slice::<TransactionPage>(listing).unwrap());
        }
    };
    let value = |n: usize| {
        for _ in 0..n {
            black_box(serde_json::from_slice::<Value>(listing).unwrap());
        }
    };
    let mb = listing.len() as f64 / 1e6;
    let g = common::paired(rounds, batch, generated, minimal);
    let v = common::paired(rounds, batch, value, minimal);
    println!();
    println!(
        "paired decode of the {}-transaction listing ({:.2} MB), {rounds} rounds x {batch}, medians:",
        common::LISTING_LEN,
        mb
    );
    let line = |name: &str, t: Duration| {
        println!(
            "  {name:<15} {:>8.2} ms  {:>7.1} MB/s",
            t.as_secs_f64() * 1e3,
            mb / t.as_secs_f64()
        );
    };
    line("generated", g.a);
    line("value", v.a);
    line("minimal_struct", g.b);
    println!(
        "  ratio generated/minimal_struct = {:.3} (goal <= 1.20)",
        g.ratio
    );
    println!("  ratio value/minimal_struct     = {:.3}", v.ratio);
}

fn main() {
    let listing = common::listing_body();
    let body = common::transaction_body();
    // Every decoder must accept the fixtures; a failure here is a broken fixture, not a figure.
    serde_json::from_slice::<TransactionPage>(&listing).expect("listing decodes (generated)");
    serde_json::from_slice::<minimal::TransactionPage>(&listing)
        .expect("listing decodes (minimal)");
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    decode_listing(&mut c, &listing);
    decode_one(&mut c, &body);
    primitives(&mut c);
    c.final_summary();
    if !common::is_test_mode() {
        paired_report(&listing);
    }
}
