//! `cargo xtask mock`: the crate's mock server (`apipagos::mock::ApiMock`) on a fixed port, from a
//! terminal. It runs the crate's `mock_server` example, which binds the port itself (no relay).
//!
//! xtask does not depend on the client crate on purpose: the client is generated from the spec by
//! its build script, so a broken spec would stop `cargo xtask validate`, the tool that explains
//! what is broken, from building at all.

use std::process::Command;

use anyhow::{bail, Context};

use crate::flags;

/// The port used when none is given.
const DEFAULT_PORT: u16 = 8080;

impl flags::Mock {
    pub(crate) fn run(self) -> anyhow::Result<()> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = Command::new(cargo)
            .args([
                "run",
                "--quiet",
                "-p",
                "apipagos",
                "--features",
                "mock",
                "--example",
                "mock_server",
                "--",
            ])
            .args(self.example_args())
            .status()
            .context("cannot run `cargo run --example mock_server`")?;
        if !status.success() {
            bail!("the mock server stopped with {status}");
        }
        Ok(())
    }

    /// The example's arguments for these flags.
    fn example_args(&self) -> Vec<String> {
        let mut args = vec![
            "--port".to_owned(),
            self.port.unwrap_or(DEFAULT_PORT).to_string(),
        ];
        if self.quirks {
            args.push("--quirks".to_owned());
        }
        for fault in &self.fault {
            args.extend(["--fault".to_owned(), fault.clone()]);
        }
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_pass_through_to_the_example() {
        let mock = flags::Mock {
            port: Some(9000),
            quirks: true,
            fault: vec!["503=1*2".to_owned(), "latency=100ms".to_owned()],
        };
        assert_eq!(
            mock.example_args(),
            [
                "--port",
                "9000",
                "--quirks",
                "--fault",
                "503=1*2",
                "--fault",
                "latency=100ms"
            ]
        );
        let default = flags::Mock {
            port: None,
            quirks: false,
            fault: Vec::new(),
        };
        assert_eq!(default.example_args(), ["--port", "8080"]);
    }
}
