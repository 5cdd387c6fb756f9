//! `apipagos`: the Apipagos API from a terminal (feature `cli`).
//!
//! One subcommand per operation, grouped by resource (`apipagos transactions get-transaction
//! --code …`); JSON bodies from a file (`--json-body FILE`, `--json-body -` for stdin, never
//! written to disk); `--json-body-template` prints an operation's documented example body; JSON
//! output. The base URL and token come from `APIPAGOS_BASE_URL` / `APIPAGOS_COMPANY_TOKEN` or
//! `--base-url` / `--token`; the token is never printed.
//!
//! A body is checked against the spec before anything is sent: a refusal lists every fault with
//! its JSON pointer (`/0/field_1`), the constraint broken and what is wrong (identifier-like
//! values are not echoed). Each error is printed once, as one paragraph on stderr; the body of an
//! error response goes to stdout as the server sent it (indented when it is JSON).
//!
//! Exit codes (also in `--help`): 0 success; 2 usage or configuration error (clap's own, no
//! token, unreadable body file); 3 request refused before sending; 4 the API answered 4xx; 5 a
//! 5xx, a connection failure or a response that could not be read.
//!
//! Modules: `grammar` (the clap command tree), `body` (reading, checking and passing on the JSON
//! body), `pointer` (the field at a parse error's position), `output` (results on stdout,
//! failures of a send), `exit` (exit codes and the report).

// The binary's root is `src/bin/apipagos.rs` (Cargo.toml names it), so its modules are named by path.
#[path = "apipagos/body.rs"]
mod body;
#[path = "apipagos/exit.rs"]
mod exit;
#[path = "apipagos/grammar.rs"]
mod grammar;
#[path = "apipagos/output.rs"]
mod output;
#[path = "apipagos/pointer.rs"]
mod pointer;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use apipagos::cli::{Cli, CliCommand};
use apipagos::operations::{self, Operation};
use apipagos::{Client, ClientConfig, CompanyToken};
use clap::ArgMatches;

use body::{Body, Origin, StdinPipe};
use exit::{Failure, FailureKind};
use output::JsonOutput;

#[tokio::main]
async fn main() -> ExitCode {
    match run(std::env::args_os().collect()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

async fn run(args: Vec<OsString>) -> Result<(), Failure> {
    let template_flag = format!("--{}", grammar::JSON_BODY_TEMPLATE);
    if args.iter().any(|arg| *arg == *template_flag) {
        let matches = grammar::template_command().get_matches_from(args);
        return print_template(chosen_operation(&matches)?.1);
    }
    // clap prints its own usage errors and help, and exits (2 for an error).
    let matches = grammar::command().get_matches_from(args.clone());
    let (cmd, operation) = chosen_operation(&matches)?;
    let op_matches = operation_matches(&matches);
    let body_path = op_matches.try_get_one::<PathBuf>(grammar::JSON_BODY);
    let body = match body_path.ok().flatten() {
        Some(path) => Some(Body::read(path)?),
        None => None,
    };
    if let Some(body) = &body {
        body.check(operation)?;
    }
    let client = client(&matches)?;
    // The stdin body reaches progenitor's command through a pipe, never a file: the arguments are
    // parsed again with the pipe's path in place of `-`.
    let (pipe, matches) = match &body {
        Some(Body {
            origin: Origin::Stdin,
            bytes,
        }) => {
            let pipe = StdinPipe::serve(bytes.clone())?;
            let args = pipe.substitute(args).ok_or_else(|| {
                Failure::new(
                    FailureKind::Usage,
                    "write the stdin body as `--json-body -` or `--json-body=-`",
                )
            })?;
            (Some(pipe), grammar::command().get_matches_from(args))
        }
        _ => (None, matches),
    };
    let res = Cli::new(client, JsonOutput)
        .execute(cmd, operation_matches(&matches))
        .await;
    drop(pipe);
    match res {
        Ok(()) => Ok(()),
        Err(err) => Err(output::failure_of(operation.id, err, body.as_ref()).await),
    }
}

/// The generated command and the operation the arguments name.
fn chosen_operation(matches: &ArgMatches) -> Result<(CliCommand, &'static Operation), Failure> {
    let usage = |text: String| Failure::new(FailureKind::Usage, text);
    let Some((_, resource_matches)) = matches.subcommand() else {
        return Err(usage("no resource given: see `apipagos --help`".to_owned()));
    };
    let Some((name, _)) = resource_matches.subcommand() else {
        return Err(usage(
            "no operation given: see `apipagos --help`".to_owned(),
        ));
    };
    let cmd = CliCommand::iter()
        .find(|c| grammar::kebab(c.operation_id()) == name)
        .ok_or_else(|| usage(format!("unknown operation {name}")))?;
    let operation = operations::find(cmd.operation_id())
        .ok_or_else(|| usage(format!("operation {name} is not in the operations table")))?;
    Ok((cmd, operation))
}

/// The matches of the operation's own command (`<resource> <operation>`).
fn operation_matches(matches: &ArgMatches) -> &ArgMatches {
    matches
        .subcommand()
        .and_then(|(_, resource)| resource.subcommand())
        .map_or(matches, |(_, op)| op)
}

/// The client, from the token and base URL of the flags or the environment.
fn client(matches: &ArgMatches) -> Result<Client, Failure> {
    let usage = |text: String| Failure::new(FailureKind::Usage, text);
    let Some(token) = matches.get_one::<String>("token") else {
        return Err(usage(
            "no token: set $APIPAGOS_COMPANY_TOKEN (or pass --token)".to_owned(),
        ));
    };
    let mut config = ClientConfig::new(CompanyToken::new(token.as_str()));
    if let Some(url) = matches.get_one::<String>("base-url") {
        config = config
            .with_base_url(url)
            .map_err(|err| usage(err.to_string()))?;
    }
    Client::from_config(&config).map_err(|err| usage(err.to_string()))
}

/// `--json-body-template`: the operation's documented example body, indented in its order.
fn print_template(operation: &Operation) -> Result<(), Failure> {
    let example = operation
        .request_body
        .and_then(|body| body.example)
        .ok_or_else(|| {
            Failure::new(
                FailureKind::Usage,
                format!("{}: the spec documents no example body", operation.id),
            )
        })?;
    exit::print_body(example.as_bytes());
    Ok(())
}
