//! The repository's own tooling: `cargo xtask <command>`.
//!
//! `.cargo/config.toml` aliases `cargo xtask` to `cargo run --package xtask --`. Commands:
//!
//! - `validate [PATH]`: every mistake in the hand-written OpenAPI spec, with its line and column
//!   and how to fix it (see `validate/mod.rs` and one file per rule in `validate/rules/`).
//! - `coverage`: which operations are documented, partially documented or inferred.
//! - `mock [--port N]`: the embedded mock of the API (the crate's `mock_server` example) on a port.
//! - `diff [BASE [HEAD]]`: what a change of the spec changes for API consumers (wire) and for the
//!   generated crate (semver), with the diff of the generated public surface (see `diff/mod.rs`).
//! - `docs-check PAGE…`: what the spec must change when a documentation page changes: every
//!   disagreement between saved pages and the spec that the spec does not declare (see
//!   `docs_check/mod.rs`).
//! - `package [--generate-only] [-- CARGO-PACKAGE-ARGS]`: the generated client the package ships
//!   (`generated/`), then `cargo package` (see `package.rs`).

mod coverage;
mod diff;
mod docs_check;
mod flags;
mod mock;
mod package;
mod spec;
#[cfg(test)]
mod test_support;
mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let flags = flags::Xtask::from_env_or_exit();
    // progenitor's panics are caught and reported with the operation at fault: not printed too.
    apipagos_codegen::silence_generator_panics();
    // The error alone: a backtrace (`RUST_BACKTRACE=1`) says nothing about the spec.
    match run(flags) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(flags: flags::Xtask) -> anyhow::Result<()> {
    let cwd = std::env::current_dir()?;
    let root = project_root();
    std::env::set_current_dir(&root)?;
    match flags.subcommand {
        flags::XtaskCmd::Validate(cmd) => cmd.run(&cwd, &root),
        flags::XtaskCmd::Coverage(cmd) => cmd.run(&cwd, &root),
        flags::XtaskCmd::Mock(cmd) => cmd.run(),
        flags::XtaskCmd::Diff(cmd) => cmd.run(&cwd, &root),
        flags::XtaskCmd::DocsCheck(cmd) => cmd.run(&cwd, &root),
        flags::XtaskCmd::Package(cmd) => cmd.run(&root),
    }
}

/// The workspace root: the parent of this crate's directory.
pub(crate) fn project_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.to_path_buf(), Path::to_path_buf)
}

/// The spec the crate is generated from, relative to the project root.
pub(crate) const DEFAULT_SPEC: &str = "spec/apipagos.yaml";

/// Reads `user_path` given on the command line (relative to `cwd`), or the crate's spec. Returns
/// the name to show for it (relative to the project root when it is inside it) and its text.
pub(crate) fn read_spec(
    cwd: &Path,
    root: &Path,
    user_path: Option<&Path>,
) -> anyhow::Result<(String, String)> {
    let path = match user_path {
        Some(user_path) => cwd.join(user_path),
        None => root.join(DEFAULT_SPEC),
    };
    let shown = path
        .strip_prefix(root)
        .unwrap_or(&path)
        .display()
        .to_string();
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok((shown, text)),
        Err(err) => Err(anyhow::format_err!(
            "cannot read {}: {err}: pass the path of an OpenAPI YAML file",
            path.display()
        )),
    }
}
