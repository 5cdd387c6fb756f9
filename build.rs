//! Puts the generated client into `OUT_DIR`: generated from `spec/apipagos.yaml` with the `codegen`
//! feature, or else taken from `generated/`, where the published package carries it.
//!
//! The files (all included from `OUT_DIR`): `codegen.rs` (the client, included by
//! `src/generated.rs`; its bodies are decoded by `src/decoding.rs`, which names operation and
//! status on failure), `operations.rs` (the table of every operation: method, path template, tag,
//! parameters, body and responses with their JSON Schemas and examples, included by
//! `src/operations.rs` and read by the request checks, the request span, the mock, the CLI, the
//! tests and the benches), `pages.rs` (pagination of every listing), with the `mock` feature
//! `httpmock.rs` (progenitor's typed mocks, included by `src/mock/typed.rs`). Generation only (the
//! workspace's tests build with `codegen`): `surface.txt` (the compact public surface,
//! snapshot-tested by `tests/surface.rs`), `conformance.rs` (a typed call of every operation and a
//! round trip of every schema, included by the tests) and with the `cli` feature `cli.rs` (the
//! command-line interface, included by `src/cli.rs`; `cli` implies `codegen`: its client derives
//! `JsonSchema` too, a `codegen.rs` of its own).
//!
//! Two ways, so that an application does not build the generator (progenitor, typify, `syn`,
//! prettyplease, openapiv3, serde_yaml) to use the client:
//! - with `codegen` (the workspace's tests, examples and benches turn it on; see `Cargo.toml`), the
//!   `apipagos-codegen` crate generates every file, on every change of the spec. When
//!   `APIPAGOS_WRITE_SHIPPED` names a directory, the files the package ships are also written
//!   there, with the digest of the spec they come from: `cargo xtask package` does that for
//!   `generated/` before `cargo package` (the only writes outside `OUT_DIR`, on request).
//! - without it (an application's build of the published crate), the files are copied from
//!   `generated/` (git-ignored, listed in the package's `include`) after checking that
//!   `generated/spec.digest` is the digest of the `spec/apipagos.yaml` beside it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The spec the client is generated from.
const SPEC: &str = "spec/apipagos.yaml";
/// Where the package carries the generated client (not in git: `cargo xtask package` writes it).
#[cfg(not(feature = "codegen"))]
const SHIPPED_DIR: &str = "generated";
/// The generated files the package ships, and whether a build needs them without the `mock`
/// feature. Not shipped: the tests' files and the CLI's (`cli` implies `codegen`).
const SHIPPED: [(&str, Need); 4] = [
    ("codegen.rs", Need::Always),
    ("operations.rs", Need::Always),
    ("pages.rs", Need::Always),
    ("httpmock.rs", Need::Mock),
];
/// The file of `SHIPPED_DIR` that holds the digest of the spec the others were generated from.
const DIGEST_FILE: &str = "spec.digest";
/// Names the directory to write the shipped files into, besides `OUT_DIR` (with `codegen`).
#[cfg(feature = "codegen")]
const WRITE_SHIPPED_ENV: &str = "APIPAGOS_WRITE_SHIPPED";

/// When a build needs a shipped file.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    Always,
    Mock,
}

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed={SPEC}");
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = match std::env::var_os("OUT_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            eprintln!("error: OUT_DIR is not set (build.rs runs under cargo)");
            return ExitCode::FAILURE;
        }
    };
    match build(&out_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn mock_enabled() -> bool {
    std::env::var_os("CARGO_FEATURE_MOCK").is_some()
}

#[cfg(feature = "codegen")]
fn build(out_dir: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-env-changed={WRITE_SHIPPED_ENV}");
    let files = generation::generate().map_err(|message| {
        format!(
            "cannot generate the apipagos client\n  {message}\n  \
             (run `cargo xtask validate` for every problem of the spec at once)"
        )
    })?;
    for (name, contents) in &files {
        write(&out_dir.join(name), contents)?;
    }
    if let Some(dir) = std::env::var_os(WRITE_SHIPPED_ENV) {
        write_shipped(&files, Path::new(&dir))?;
    }
    Ok(())
}

/// Writes the shipped files and the spec's digest into `dir` (for `cargo xtask package`).
#[cfg(feature = "codegen")]
fn write_shipped(files: &[(&'static str, String)], dir: &Path) -> Result<(), String> {
    // The digest is written last: its absence makes cargo run this script again.
    println!("cargo:rerun-if-changed={}", dir.join(DIGEST_FILE).display());
    if std::env::var_os("CARGO_FEATURE_CLI").is_some() || !mock_enabled() {
        return Err(format!(
            "{WRITE_SHIPPED_ENV}: the package ships the client of features `codegen,mock`, \
             without `cli`; build with exactly those (`cargo xtask package` does)"
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    for (name, _) in SHIPPED {
        let contents = files
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, contents)| contents)
            .ok_or_else(|| format!("{name}: not generated"))?;
        write(&dir.join(name), contents)?;
    }
    let digest = spec_digest(&read(Path::new(SPEC))?);
    write(&dir.join(DIGEST_FILE), &format!("{digest}\n"))
}

/// The generation proper, from the `apipagos-codegen` crate (shared with `cargo xtask`).
#[cfg(feature = "codegen")]
mod generation {
    use std::path::Path;

    use apipagos_codegen::{
        api_model, conformance_module, generate_cli, generate_client, generate_httpmock, load_spec,
        operations_table, page_impls, public_surface, Options,
    };

    /// Every file of `OUT_DIR` for the enabled features: (file name, contents).
    pub(crate) fn generate() -> Result<Vec<(&'static str, String)>, String> {
        let spec = load_spec(Path::new(super::SPEC)).map_err(|e| e.to_string())?;
        let cli = std::env::var_os("CARGO_FEATURE_CLI").is_some();
        let options = Options { json_schema: cli };
        let client = generate_client(&spec, options).map_err(|e| e.to_string())?;
        let model = api_model(&spec).map_err(|e| e.to_string())?;
        let conformance =
            conformance_module(&spec, &client.file, "apipagos").map_err(|e| e.to_string())?;
        let mut files = vec![
            ("surface.txt", public_surface(&spec, &client.file)),
            ("codegen.rs", client.code),
            ("pages.rs", page_impls(&spec)),
            ("operations.rs", operations_table(&model)),
            ("conformance.rs", conformance),
        ];
        if super::mock_enabled() {
            let mocks = generate_httpmock(&spec, options, "crate").map_err(|e| e.to_string())?;
            files.push(("httpmock.rs", mocks.code));
        }
        if cli {
            let commands = generate_cli(&spec, options, "crate").map_err(|e| e.to_string())?;
            files.push(("cli.rs", commands.code));
        }
        Ok(files)
    }
}

#[cfg(not(feature = "codegen"))]
fn build(out_dir: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-changed={SHIPPED_DIR}");
    let shipped = Path::new(SHIPPED_DIR);
    let digest_path = shipped.join(DIGEST_FILE);
    let remedy = "enable the `codegen` feature of apipagos (generates the client from the spec \
                  at build time), or, in the apipagos repository, run `cargo xtask package \
                  --generate-only` (writes generated/)";
    let recorded = match std::fs::read_to_string(&digest_path) {
        Ok(text) => text.trim().to_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!(
                "the apipagos client is neither generated nor shipped: {} not found\n  \
                 (a git checkout has no generated code)\n  To build it, {remedy}.",
                digest_path.display()
            ))
        }
        Err(e) => return Err(format!("{}: cannot read: {e}", digest_path.display())),
    };
    let actual = spec_digest(&read(Path::new(SPEC))?);
    if recorded != actual {
        return Err(format!(
            "{SHIPPED_DIR}/ was generated from another spec: {} says `{recorded}`, {SPEC} is \
             `{actual}`\n  To build the client of this spec, {remedy}.",
            digest_path.display()
        ));
    }
    for (name, need) in SHIPPED {
        if need == Need::Always || mock_enabled() {
            let contents = read(&shipped.join(name))?;
            std::fs::write(out_dir.join(name), contents)
                .map_err(|e| format!("{}: cannot write: {e}", out_dir.join(name).display()))?;
        }
    }
    Ok(())
}

/// The digest of the spec recorded beside the shipped files: 64-bit FNV-1a of its bytes, in hex.
/// It detects generated files left over from another version of the spec (not tampering).
fn spec_digest(bytes: &[u8]) -> String {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = bytes.iter().fold(OFFSET_BASIS, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    });
    format!("fnv1a64:{hash:016x} ({} bytes)", bytes.len())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

#[cfg(feature = "codegen")]
fn write(path: &Path, contents: &str) -> Result<(), String> {
    std::fs::write(path, contents).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}
