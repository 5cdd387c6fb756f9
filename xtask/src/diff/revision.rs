//! The revisions to compare: spec files, or git revisions of the project, with the crate's
//! version at each (`version` of `Cargo.toml`).

use std::path::Path;
use std::process::Command;

/// A spec to compare: its text and how to name it.
#[derive(Debug)]
pub(crate) struct Revision {
    /// `HEAD (c8c5d64)`, `spec/apipagos.yaml`.
    pub(crate) label: String,
    pub(crate) text: String,
    /// The crate's version at this revision (from `Cargo.toml`), when known.
    pub(crate) version: Option<String>,
}

/// The spec of the working tree.
pub(crate) fn working_tree(root: &Path) -> anyhow::Result<Revision> {
    let path = root.join(crate::DEFAULT_SPEC);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            return Err(anyhow::format_err!(
                "cannot read {}: {err}: pass the spec to compare as HEAD",
                path.display()
            ))
        }
    };
    Ok(Revision {
        label: crate::DEFAULT_SPEC.to_owned(),
        text,
        version: std::fs::read_to_string(root.join("Cargo.toml"))
            .ok()
            .and_then(|it| package_version(&it)),
    })
}

/// `arg` as a file (relative to `cwd`) when one exists, else as a git revision of the project:
/// `REV` reads `REV:spec/apipagos.yaml`, `REV:PATH` reads that file.
pub(crate) fn resolve(cwd: &Path, root: &Path, arg: &str) -> anyhow::Result<Revision> {
    let path = cwd.join(arg);
    if path.is_file() {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => return Err(anyhow::format_err!("cannot read {}: {err}", path.display())),
        };
        let label = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        return Ok(Revision {
            label,
            text,
            version: std::fs::read_to_string(root.join("Cargo.toml"))
                .ok()
                .and_then(|it| package_version(&it)),
        });
    }
    let (rev, object) = match arg.split_once(':') {
        Some((rev, _)) => (rev, arg.to_owned()),
        None => (arg, format!("{arg}:{}", crate::DEFAULT_SPEC)),
    };
    let text = match git(root, &["show", &object]) {
        Ok(text) => text,
        Err(err) => {
            return Err(anyhow::format_err!(
                "`{arg}` is neither a file nor a git revision with a spec (`git show {object}`: {err}): pass a spec file or a revision such as HEAD~1 or main"
            ))
        }
    };
    // `HEAD~1 (4cb7a73)`; a commit id is shown short.
    let label = match git(
        root,
        &["rev-parse", "--short", &format!("{rev}^{{commit}}")],
    ) {
        Ok(hash) if rev.starts_with(hash.trim()) && rev.len() > hash.trim().len() => {
            arg.replacen(rev, hash.trim(), 1)
        }
        Ok(hash) if hash.trim() != rev => format!("{arg} ({})", hash.trim()),
        _ => arg.to_owned(),
    };
    let version = git(root, &["show", &format!("{rev}:Cargo.toml")])
        .ok()
        .and_then(|it| package_version(&it));
    Ok(Revision {
        label,
        text,
        version,
    })
}

/// Runs git in `root`; its stdout, or its stderr's first line as the error.
pub(crate) fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = match Command::new("git").args(args).current_dir(root).output() {
        Ok(output) => output,
        Err(err) => return Err(format!("cannot run git: {err}")),
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.lines().next().unwrap_or("failed").to_owned());
    }
    String::from_utf8(output.stdout).map_err(|_| "the output is not UTF-8".to_owned())
}

/// `version` of the `[package]` table of a `Cargo.toml`.
pub(crate) fn package_version(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        if let Some(value) = line.strip_prefix("version") {
            let value = value.trim_start().strip_prefix('=')?.trim();
            return Some(value.trim_matches('"').to_owned());
        }
    }
    None
}
