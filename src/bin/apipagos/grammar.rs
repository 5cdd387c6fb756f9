//! The command grammar: global connection flags, then `<resource> <operation>`, one operation
//! command per operation of the spec (progenitor's generated commands, renamed and with the help
//! of `--json-body` and `--json-body-template` written for this binary).

use apipagos::cli::{Cli, CliCommand};
use apipagos::operations;
use clap::{Arg, ArgAction, Command};

use crate::exit::EXIT_CODES_HELP;
use crate::output::JsonOutput;

/// The id progenitor gives the body argument of every operation that takes one.
pub const JSON_BODY: &str = "json-body";
/// The id of the flag that prints the operation's documented example body.
pub const JSON_BODY_TEMPLATE: &str = "json-body-template";

/// The whole command tree.
pub fn command() -> Command {
    tree(operation_command)
}

/// The tree for `--json-body-template`, which is given alone (with the connection flags at
/// most): each operation command that takes a body has that flag only, so none of the
/// operation's required flags are asked for.
pub fn template_command() -> Command {
    tree(|cmd| {
        let generated = operation_command(cmd);
        let template = generated
            .get_arguments()
            .find(|arg| arg.get_id() == JSON_BODY_TEMPLATE)
            .cloned();
        let command = Command::new(generated.get_name().to_owned());
        match template {
            Some(arg) => command.arg(arg),
            None => command,
        }
    })
}

/// The root command with a command made by `operation` for every operation, under its resource.
fn tree(operation: impl Fn(CliCommand) -> Command) -> Command {
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
        .after_help(format!("{}\n{EXIT_CODES_HELP}", operations_by_resource()));
    for resource in resources() {
        let mut group = Command::new(resource)
            .about(format!("Operations on {resource}"))
            .subcommand_required(true)
            .after_help(EXIT_CODES_HELP);
        for cmd in CliCommand::iter().filter(|c| tag_of(c.operation_id()) == Some(resource)) {
            group = group.subcommand(operation(cmd));
        }
        root = root.subcommand(group);
    }
    root
}

/// progenitor's command for one operation, named in kebab case, with the body flags explained.
fn operation_command(cmd: CliCommand) -> Command {
    let generated = Cli::<JsonOutput>::get_command(cmd)
        .name(kebab(cmd.operation_id()))
        .after_help(EXIT_CODES_HELP);
    if generated
        .get_arguments()
        .all(|arg| arg.get_id() != JSON_BODY)
    {
        return generated;
    }
    generated
        .mut_arg(JSON_BODY, |arg| {
            arg.help(
                "The request body: a file of JSON, or `-` to read it from stdin. It is checked \
                 against the spec before sending; every fault is listed with its JSON pointer",
            )
        })
        .mut_arg(JSON_BODY_TEMPLATE, |arg| {
            // Given alone, it is parsed by `template_command`.
            arg.action(ArgAction::SetTrue).help(
                "Print the documented example body of this operation (JSON, to edit and pass \
                 to --json-body) and exit without sending anything; give it alone",
            )
        })
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

/// The command name of an operation (`get-transaction` for `get_transaction`).
pub fn kebab(operation_id: &str) -> String {
    operation_id.replace('_', "-")
}
