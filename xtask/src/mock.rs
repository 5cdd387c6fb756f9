//! `cargo xtask mock`: the embedded mock of the API on a fixed port, from a terminal.
//!
//! The mock lives in the crate (`apipagos::mock::ApiMock`, feature `mock`); this command runs the
//! crate's `mock_server` example, so xtask does not depend on the client crate.

use std::process::Command;

use anyhow::{bail, Context};

use crate::flags;

/// The port used when none is given.
const DEFAULT_PORT: u16 = 8080;

impl flags::Mock {
    pub(crate) fn run(self) -> anyhow::Result<()> {
        let port = self.port.unwrap_or(DEFAULT_PORT).to_string();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = Command::new(cargo)
            .args([
                "run",
                "--quiet",
                "--example",
                "mock_server",
                "--",
                "--port",
                &port,
            ])
            .status()
            .context("cannot run `cargo run --example mock_server`")?;
        if !status.success() {
            bail!("the mock server stopped with {status}");
        }
        Ok(())
    }
}
