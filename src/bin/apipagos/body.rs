//! The JSON body of an operation: read from a file or from stdin, checked against the spec
//! before progenitor's command parses it, and handed to that command without ever writing the
//! stdin body to a file.
//!
//! progenitor's commands read the body from the path `--json-body` names. For `--json-body -` the
//! body is read from stdin into memory, checked, then served to the command through a pipe that
//! lives as long as the run (`/dev/fd/N`, Unix only): nothing reaches the disk.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use apipagos::operations::Operation;
use apipagos::RequestRefusal;

use crate::exit::{Failure, FailureKind};

/// Where the body came from, as the user named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `--json-body -`.
    Stdin,
    /// `--json-body FILE`.
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Stdin => f.write_str("<stdin>"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A body read in full, with its origin.
pub struct Body {
    /// Where it came from.
    pub origin: Origin,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Body {
    /// Reads the body `--json-body` names (`-` is stdin).
    pub fn read(path: &Path) -> Result<Body, Failure> {
        if path == Path::new("-") {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|err| {
                Failure::new(
                    FailureKind::Usage,
                    format!("cannot read the body from <stdin>: {err}"),
                )
            })?;
            return Ok(Body {
                origin: Origin::Stdin,
                bytes,
            });
        }
        let origin = Origin::File(path.to_owned());
        let bytes = std::fs::read(path).map_err(|err| {
            Failure::new(
                FailureKind::Usage,
                format!("cannot read the body file {origin}: {err}"),
            )
        })?;
        Ok(Body { origin, bytes })
    }

    /// Checks the body against `operation`'s schema: a refusal lists every fault with its JSON
    /// pointer, the constraint and what is wrong (identifier-like values are not echoed).
    pub fn check(&self, operation: &Operation) -> Result<(), Failure> {
        operation
            .check_body(&self.bytes)
            .map_err(|refusal| Failure::new(FailureKind::Refused, self.refusal(&refusal)))
    }

    /// One paragraph: the operation, the origin, then one line per fault.
    fn refusal(&self, refusal: &RequestRefusal) -> String {
        let count = refusal.violations.len();
        let faults = if count == 1 {
            "1 fault".to_owned()
        } else {
            format!("{count} faults")
        };
        let mut text = format!(
            "{}: refused before sending: the body from {} breaks the spec ({faults}):",
            refusal.operation, self.origin
        );
        for violation in &refusal.violations {
            text.push_str(&format!("\n  {violation}"));
        }
        text
    }
}

/// The stdin body, served to progenitor's command through a pipe.
pub struct StdinPipe {
    /// The read end: kept open until the command has read it.
    #[cfg(unix)]
    _reader: std::io::PipeReader,
    /// The path the command opens.
    path: PathBuf,
}

impl StdinPipe {
    /// A pipe whose read end holds `bytes`, written by a thread (a pipe holds 64 KiB at most).
    #[cfg(unix)]
    pub fn serve(bytes: Vec<u8>) -> Result<StdinPipe, Failure> {
        use std::io::Write;
        use std::os::fd::AsRawFd;
        let (reader, mut writer) = std::io::pipe().map_err(|err| {
            Failure::new(
                FailureKind::Usage,
                format!("cannot pass the body from <stdin> on: {err}"),
            )
        })?;
        let path = PathBuf::from(format!("/dev/fd/{}", reader.as_raw_fd()));
        // A failed write shows as a truncated body, which the command then refuses to parse.
        std::thread::spawn(move || writer.write_all(&bytes));
        Ok(StdinPipe {
            _reader: reader,
            path,
        })
    }

    /// Without `/dev/fd`, the body would have to go through a file: refused instead.
    #[cfg(not(unix))]
    pub fn serve(_bytes: Vec<u8>) -> Result<StdinPipe, Failure> {
        Err(Failure::new(
            FailureKind::Usage,
            "`--json-body -` needs a Unix system here: pass the body in a file",
        ))
    }

    /// The arguments with the `-` of `--json-body -` (or `--json-body=-`) replaced by the pipe's
    /// path; `None` when the arguments hold neither form.
    pub fn substitute(&self, mut args: Vec<OsString>) -> Option<Vec<OsString>> {
        let flag = format!("--{}", crate::grammar::JSON_BODY);
        if let Some(idx) = args.windows(2).position(|w| w[0] == *flag && w[1] == "-") {
            args[idx + 1] = self.path.clone().into_os_string();
            return Some(args);
        }
        let joined = format!("{flag}=-");
        let idx = args.iter().position(|arg| *arg == *joined)?;
        let mut replaced = OsString::from(format!("{flag}="));
        replaced.push(&self.path);
        args[idx] = replaced;
        Some(args)
    }
}
