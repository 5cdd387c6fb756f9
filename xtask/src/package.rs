//! `cargo xtask package`: the generated client the published crate ships, then `cargo package`.
//!
//! Nothing generated is committed, but the package carries the generated client in `generated/`
//! so that an application's build does not run the generator (see the crate's `build.rs`). The
//! generation is the crate's own build script, not a second copy of it here: `cargo check -p
//! apipagos --features codegen,mock` with `APIPAGOS_WRITE_SHIPPED` naming `generated/` writes the
//! shipped files and the digest of the spec they come from. Then `cargo package` packages the
//! published crates; its verification builds `apipagos` from the `.crate` file without `codegen`
//! (a packaged crate has no dev-dependencies), that is, from `generated/`.
//!
//! cargo counts git-ignored files it packages as uncommitted changes, so it is always told
//! `--allow-dirty`; this command makes cargo's check itself instead: no file cargo packages
//! (`cargo package --list`) may have changes git reports.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context};

use crate::flags;

/// Where the package carries the generated client (the crate's `include` lists it).
const SHIPPED_DIR: &str = "generated";
/// The variable that makes the crate's build script write the shipped files (see `build.rs`).
const WRITE_SHIPPED_ENV: &str = "APIPAGOS_WRITE_SHIPPED";
/// Written last by the build script: the files are complete when it is there.
const DIGEST_FILE: &str = "spec.digest";
/// The workspace members that are not published.
const UNPUBLISHED: [&str; 2] = ["xtask", "apipagos-benches"];
/// The published workspace members and their directories, relative to the root.
const PUBLISHED: [(&str, &str); 2] = [("apipagos", ""), ("apipagos-codegen", "codegen/")];

impl flags::Package {
    pub(crate) fn run(self, root: &Path) -> anyhow::Result<()> {
        if !self.generate_only && !self.allow_dirty {
            ensure_clean(root)?;
        }
        generate(root)?;
        if self.generate_only {
            return Ok(());
        }
        let mut package = cargo();
        package
            .current_dir(root)
            .args(["package", "--workspace", "--allow-dirty"]);
        for member in UNPUBLISHED {
            package.args(["--exclude", member]);
        }
        package.args(&self.cargo_args);
        run(&mut package)
    }
}

/// Writes `generated/` afresh through the crate's build script.
fn generate(root: &Path) -> anyhow::Result<()> {
    let dir = root.join(SHIPPED_DIR);
    // No file of another generation is left behind, and the missing digest makes cargo run the
    // build script again even when nothing else changed.
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .with_context(|| format!("{}: cannot remove", dir.display()))?;
    }
    let mut check = cargo();
    check
        .current_dir(root)
        .args(["check", "--locked", "--package", "apipagos", "--lib"])
        .args(["--features", "codegen,mock"])
        .env(WRITE_SHIPPED_ENV, &dir);
    run(&mut check)?;
    let digest = dir.join(DIGEST_FILE);
    let digest = std::fs::read_to_string(&digest)
        .with_context(|| format!("{}: not written by the build script", digest.display()))?;
    eprintln!("wrote {SHIPPED_DIR}/ (spec {})", digest.trim());
    Ok(())
}

/// Fails when git reports a change or an untracked file among the files cargo packages (what
/// cargo checks itself without `--allow-dirty`): the package must be what is committed, plus
/// `generated/`. Files outside the packages (a CI step's leftovers) do not count.
fn ensure_clean(root: &Path) -> anyhow::Result<()> {
    let output = Command::new("git")
        .current_dir(root)
        .args(["status", "--porcelain=v1", "-z", "--untracked-files=all"])
        .output()
        .context("cannot run git (pass --allow-dirty outside a git work tree)")?;
    if !output.status.success() {
        bail!(
            "git status failed (pass --allow-dirty outside a git work tree): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let status = String::from_utf8_lossy(&output.stdout);
    let mut changed = Vec::new();
    let mut entries = status.split('\0').filter(|entry| entry.len() > 3);
    while let Some(entry) = entries.next() {
        let (code, path) = entry.split_at(3);
        changed.push(path.to_owned());
        // A rename or copy is followed by its source path.
        if code.starts_with(['R', 'C']) {
            entries.next();
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    let mut dirty = Vec::new();
    for (package, dir) in PUBLISHED {
        let listed = cargo()
            .current_dir(root)
            .args(["package", "--list", "--allow-dirty", "--package", package])
            .output()
            .with_context(|| format!("cannot run cargo package --list -p {package}"))?;
        if !listed.status.success() {
            bail!(
                "cargo package --list -p {package} failed: {}",
                String::from_utf8_lossy(&listed.stderr).trim()
            );
        }
        let listed = String::from_utf8_lossy(&listed.stdout);
        dirty.extend(
            listed
                .lines()
                .map(|file| format!("{dir}{file}"))
                .filter(|file| changed.contains(file)),
        );
    }
    if !dirty.is_empty() {
        bail!(
            "files of the package have changes not committed (commit them, or pass \
             --allow-dirty):\n  {}",
            dirty.join("\n  ")
        );
    }
    Ok(())
}

/// The cargo that runs xtask (`CARGO`), or the one on the `PATH`.
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn run(command: &mut Command) -> anyhow::Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    Ok(())
}
