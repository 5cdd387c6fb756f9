//! The generation step of `build.rs` alone, in process, on the full spec: parsing the YAML,
//! generating and formatting the client, and everything build.rs writes (with the `mock` and `cli`
//! features, as the tests build it), without the file writes.
//!
//! Note: this binary is optimised (`bench` profile); build.rs itself runs unoptimised in a debug
//! build (see `scripts/bench-build.sh`, which times the real build script too).
//!
//! `cargo bench --bench codegen` (see BENCHMARKS.md).

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use apipagos_codegen::{
    api_model, conformance_module, generate_cli, generate_client, generate_httpmock,
    generation_settings, operations_table, page_impls, parse_spec, public_surface, Options, Spec,
};
use criterion::Criterion;

const SPEC: &str = "spec/apipagos.yaml";

/// What `build.rs` computes for a build with `options` (and `mock` when `mock` is set).
fn build_rs_outputs(spec: &Spec, options: Options, mock: bool) -> usize {
    let client = generate_client(spec, options).expect("client");
    let mut len = client.code.len();
    len += public_surface(spec, &client.file).len();
    len += page_impls(spec).len();
    len += operations_table(&api_model(spec).expect("model")).len();
    len += conformance_module(spec, &client.file, "apipagos")
        .expect("conformance")
        .len();
    if mock {
        len += generate_httpmock(spec, options, "crate")
            .expect("httpmock")
            .code
            .len();
    }
    if options.json_schema {
        len += generate_cli(spec, options, "crate")
            .expect("cli")
            .code
            .len();
    }
    len
}

fn main() {
    let text = common::spec_text();
    let spec = parse_spec(Path::new(SPEC), &text).expect("spec parses");
    let plain = Options::default();
    let cli = Options { json_schema: true };

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(10)
        .configure_from_args();
    {
        let mut group = c.benchmark_group("codegen");
        group.bench_function("parse_spec", |b| {
            b.iter(|| parse_spec(Path::new(SPEC), black_box(&text)).unwrap())
        });
        // The three steps of `generate_client`: progenitor's tokens, syn's parse, prettyplease.
        let settings = generation_settings(&spec, plain).expect("settings");
        let tokens = progenitor::Generator::new(&settings)
            .generate_tokens(&spec.openapi)
            .expect("tokens");
        let file: syn::File = syn::parse2(tokens.clone()).expect("tokens parse");
        group.bench_function("progenitor_generate_tokens", |b| {
            b.iter(|| {
                progenitor::Generator::new(&settings)
                    .generate_tokens(black_box(&spec.openapi))
                    .unwrap()
            })
        });
        group.bench_function("syn_parse_tokens", |b| {
            b.iter(|| syn::parse2::<syn::File>(black_box(tokens.clone())).unwrap())
        });
        group.bench_function("prettyplease_format", |b| {
            b.iter(|| prettyplease::unparse(black_box(&file)))
        });
        group.bench_function("generate_client_default_features", |b| {
            b.iter(|| generate_client(black_box(&spec), plain).unwrap())
        });
        group.bench_function("build_rs_all_outputs_default_features", |b| {
            b.iter(|| {
                let spec = parse_spec(Path::new(SPEC), black_box(&text)).unwrap();
                build_rs_outputs(&spec, plain, false)
            })
        });
        group.bench_function("build_rs_all_outputs_mock_cli", |b| {
            b.iter(|| {
                let spec = parse_spec(Path::new(SPEC), black_box(&text)).unwrap();
                build_rs_outputs(&spec, cli, true)
            })
        });
        group.finish();
    }
    c.final_summary();
}
