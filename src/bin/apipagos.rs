//! `apipagos`: the Apipagos API from a terminal (feature `cli`).
//!
//! One subcommand per operation, grouped by resource (`apipagos transactions get-transaction
//! --code …`); JSON bodies from a file (`--json-body FILE`, `--json-body -` for stdin); JSON output. The base URL
//! and token come from `APIPAGOS_BASE_URL` / `APIPAGOS_COMPANY_TOKEN` or `--base-url` / `--token`;
//! the token is never printed.

use std::process::ExitCode;

use apipagos::cli::{Cli, CliCommand, CliConfig};
use apipagos::operations;
use apipagos::{Client, ClientConfig, CompanyToken, Error, ResponseValue};
use clap::{Arg, ArgMatches, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let (args, stdin_body) = match body_from_stdin(std::env::args_os().collect()) {
        Ok(res) => res,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::FAILURE;
        }
    };
    let matches = command().get_matches_from(args);
    let res = run(&matches).await;
    if let Some(path) = stdin_body {
        let _ = std::fs::remove_file(path);
    }
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// `--json-body -` reads the body from stdin: progenitor's commands take a file, so stdin is
/// copied to a private temporary file whose path replaces the `-`.
fn body_from_stdin(
    mut args: Vec<std::ffi::OsString>,
) -> anyhow::Result<(Vec<std::ffi::OsString>, Option<std::path::PathBuf>)> {
    let Some(idx) = args
        .windows(2)
        .position(|w| w[0] == "--json-body" && w[1] == "-")
    else {
        return Ok((args, None));
    };
    let mut body = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin(), &mut body)?;
    let path = std::env::temp_dir().join(format!("apipagos-body-{}.json", std::process::id()));
    std::fs::write(&path, body)?;
    args[idx + 1] = path.clone().into_os_string();
    Ok((args, Some(path)))
}

/// The command grammar: global connection flags, then `<resource> <operation>`.
fn command() -> Command {
    let mut root = Command::new("apipagos")
        .about(
            "The Apipagos v2 payments API from a terminal: one command per operation, JSON output",
        )
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg(
            Arg::new("base-url")
                .long("base-url")
                .env("APIPAGOS_BASE_URL")
                .global(true)
                .help("Base URL of the API [default: the testing environment]"),
        )
        .arg(
            Arg::new("token")
                .long("token")
                .env("APIPAGOS_COMPANY_TOKEN")
                .hide_env_values(true)
                .global(true)
                .help("The Company-Token (prefer the environment variable: flags show in `ps`)"),
        )
        .after_help(operations_by_resource());
    for resource in resources() {
        let mut group = Command::new(resource)
            .about(format!("Operations on {resource}"))
            .subcommand_required(true);
        for cmd in CliCommand::iter().filter(|c| tag_of(c.operation_id()) == Some(resource)) {
            group = group
                .subcommand(Cli::<JsonOutput>::get_command(cmd).name(kebab(cmd.operation_id())));
        }
        root = root.subcommand(group);
    }
    root
}

async fn run(matches: &ArgMatches) -> anyhow::Result<()> {
    let Some((resource, resource_matches)) = matches.subcommand() else {
        anyhow::bail!("no resource given: see `apipagos --help`");
    };
    let Some((operation, operation_matches)) = resource_matches.subcommand() else {
        anyhow::bail!("no operation given: see `apipagos {resource} --help`");
    };
    let Some(cmd) = CliCommand::iter().find(|c| kebab(c.operation_id()) == operation) else {
        anyhow::bail!("unknown operation {operation}");
    };
    let Some(token) = matches.get_one::<String>("token") else {
        anyhow::bail!("no token: set $APIPAGOS_COMPANY_TOKEN (or pass --token)");
    };
    let mut config = ClientConfig::new(CompanyToken::new(token.as_str()));
    if let Some(url) = matches.get_one::<String>("base-url") {
        config = config.with_base_url(url)?;
    }
    let client = Client::from_config(&config)?;
    Cli::new(client, JsonOutput)
        .execute(cmd, operation_matches)
        .await
}

/// The resources (first tags) in spec order.
fn resources() -> Vec<&'static str> {
    let mut res: Vec<&'static str> = Vec::new();
    for op in operations::all() {
        if !res.contains(&op.tag) {
            res.push(op.tag);
        }
    }
    res
}

fn tag_of(operation_id: &str) -> Option<&'static str> {
    operations::find(operation_id).map(|op| op.tag)
}

/// The `--help` listing: every operation under its resource.
fn operations_by_resource() -> String {
    let mut text = String::from("Operations, by resource:\n");
    for resource in resources() {
        text.push_str(&format!("  {resource}:\n"));
        for op in operations::all().iter().filter(|op| op.tag == resource) {
            text.push_str(&format!("    apipagos {resource} {}\n", kebab(op.id)));
        }
    }
    text
}

fn kebab(operation_id: &str) -> String {
    operation_id.replace('_', "-")
}

/// Prints results as JSON on stdout and errors on stderr.
struct JsonOutput;

impl CliConfig for JsonOutput {
    fn success_item<T>(&self, value: &ResponseValue<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        print_json(&**value);
    }

    fn success_no_item(&self, _: &ResponseValue<()>) {}

    fn error<T>(&self, value: &Error<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        match value {
            Error::ErrorResponse(body) => {
                eprintln!("error: HTTP {}", body.status());
                print_json(&**body);
            }
            other => eprintln!("error: {other}"),
        }
    }

    fn list_start<T>(&self)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
    }

    fn list_item<T>(&self, value: &T)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        print_json(value);
    }

    fn list_end_success<T>(&self)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
    }

    fn list_end_error<T>(&self, value: &Error<T>)
    where
        T: schemars::JsonSchema + serde::Serialize + std::fmt::Debug,
    {
        self.error(value);
    }
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(err) => eprintln!("error: cannot print the result as JSON: {err}"),
    }
}
