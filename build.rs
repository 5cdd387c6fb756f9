//! Generates the client from `spec/apipagos.yaml` into `OUT_DIR` on every change of the spec.
//!
//! Writes `codegen.rs` (the client, included by `src/generated.rs`; its bodies are decoded by
//! `src/decoding.rs`, which names operation and status on failure), `surface.txt` (the compact
//! public surface, snapshot-tested by `tests/surface.rs`), `conformance.rs` (a typed call of every
//! operation and a round trip of every schema, included by the tests), `operations.rs` (the table
//! of every operation: method, path template, tag, parameters, body and responses with their JSON
//! Schemas and examples, included by `src/operations.rs` and read by the request checks, the
//! request span, the mock, the CLI, the tests and the benches), `pages.rs` (pagination of every
//! listing), with the `mock` feature `httpmock.rs` (progenitor's typed mocks, included by
//! `src/mock/typed.rs`), and with the `cli` feature `cli.rs` (the command-line interface, included
//! by `src/cli.rs`).
//! All the logic lives in the `apipagos-codegen` crate, shared with `cargo xtask`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use apipagos_codegen::{
    api_model, conformance_module, generate_cli, generate_client, generate_httpmock, load_spec,
    operations_table, page_impls, public_surface, Options,
};

const SPEC: &str = "spec/apipagos.yaml";

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed={SPEC}");
    println!("cargo:rerun-if-changed=build.rs");
    match generate() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: cannot generate the apipagos client");
            eprintln!("  {message}");
            eprintln!("  (run `cargo xtask validate` for every problem of the spec at once)");
            ExitCode::FAILURE
        }
    }
}

fn generate() -> Result<(), String> {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?);
    let spec = load_spec(Path::new(SPEC)).map_err(|e| e.to_string())?;

    let cli = std::env::var_os("CARGO_FEATURE_CLI").is_some();
    let options = Options { json_schema: cli };
    let client = generate_client(&spec, options).map_err(|e| e.to_string())?;
    write(&out_dir.join("codegen.rs"), &client.code)?;
    write(
        &out_dir.join("surface.txt"),
        &public_surface(&spec, &client.file),
    )?;
    write(&out_dir.join("pages.rs"), &page_impls(&spec))?;
    let model = api_model(&spec).map_err(|e| e.to_string())?;
    write(&out_dir.join("operations.rs"), &operations_table(&model))?;
    let conformance =
        conformance_module(&spec, &client.file, "apipagos").map_err(|e| e.to_string())?;
    write(&out_dir.join("conformance.rs"), &conformance)?;

    if std::env::var_os("CARGO_FEATURE_MOCK").is_some() {
        let mocks = generate_httpmock(&spec, options, "crate").map_err(|e| e.to_string())?;
        write(&out_dir.join("httpmock.rs"), &mocks.code)?;
    }
    if cli {
        let commands = generate_cli(&spec, options, "crate").map_err(|e| e.to_string())?;
        write(&out_dir.join("cli.rs"), &commands.code)?;
    }
    Ok(())
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    std::fs::write(path, contents).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}
