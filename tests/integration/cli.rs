//! The `apipagos` command-line client, end to end against the embedded mock of the API.

use std::process::Output;

use apipagos::mock::ApiMock;

const TOKEN_MARK: &str = "cli-SECRET-token-value";

async fn apipagos(args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Output {
    use tokio::io::AsyncWriteExt;
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_apipagos"));
    command
        .args(args)
        .env_remove("APIPAGOS_BASE_URL")
        .env_remove("APIPAGOS_COMPANY_TOKEN")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        input.write_all(bytes).await.expect("stdin written");
    }
    drop(input);
    child.wait_with_output().await.expect("the binary ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn get_transaction_prints_the_typed_response_as_json() {
    let api = ApiMock::start().await.unwrap();
    let env = [
        ("APIPAGOS_BASE_URL", api.base_url()),
        ("APIPAGOS_COMPANY_TOKEN", TOKEN_MARK.to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let out = apipagos(
        &[
            "transactions",
            "get-transaction",
            "--code",
            "ef3c3803fc2d32efa8a6d9d16b53430c",
        ],
        &env,
        None,
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(json["data"]["currency_code"], "ARS");
    assert!(!text(&out.stdout).contains(TOKEN_MARK) && !text(&out.stderr).contains(TOKEN_MARK));
}

#[tokio::test]
async fn a_json_body_is_read_from_a_file_or_stdin() {
    let api = ApiMock::start().await.unwrap();
    let base = api.base_url();
    let env = [
        ("APIPAGOS_BASE_URL", base.as_str()),
        ("APIPAGOS_COMPANY_TOKEN", TOKEN_MARK),
    ];
    let body = br#"[{"title": "REINTEGRO", "amount": 150.75, "field_3": "20392079018"}]"#;
    let file = std::env::temp_dir().join(format!("apipagos-cli-{}.json", std::process::id()));
    std::fs::write(&file, body).unwrap();
    let from_file = apipagos(
        &[
            "refunds",
            "create-refunds",
            "--json-body",
            file.to_str().unwrap(),
        ],
        &env,
        None,
    )
    .await;
    std::fs::remove_file(&file).ok();
    assert!(from_file.status.success(), "{}", text(&from_file.stderr));
    assert!(text(&from_file.stdout).contains("\"data\""));

    let from_stdin = apipagos(
        &["refunds", "create-refunds", "--json-body", "-"],
        &env,
        Some(body),
    )
    .await;
    assert!(from_stdin.status.success(), "{}", text(&from_stdin.stderr));
}

#[tokio::test]
async fn an_out_of_range_body_is_refused_before_sending() {
    let api = ApiMock::start().await.unwrap();
    let base = api.base_url();
    let env = [
        ("APIPAGOS_BASE_URL", base.as_str()),
        ("APIPAGOS_COMPANY_TOKEN", TOKEN_MARK),
    ];
    let out = apipagos(
        &["refunds", "create-refunds", "--json-body", "-"],
        &env,
        Some(br#"[{"amount": 20000}]"#),
    )
    .await;
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("/0/amount"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test]
async fn without_a_token_it_says_which_variable_to_set() {
    let out = apipagos(
        &[
            "transactions",
            "get-transaction",
            "--code",
            "ef3c3803fc2d32efa8a6d9d16b53430c",
        ],
        &[],
        None,
    )
    .await;
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("$APIPAGOS_COMPANY_TOKEN"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test]
async fn the_token_is_not_echoed_by_help_or_errors() {
    let env = [
        ("APIPAGOS_COMPANY_TOKEN", TOKEN_MARK),
        ("APIPAGOS_BASE_URL", "http://127.0.0.1:9/api"),
    ];
    let help = apipagos(&["--help"], &env, None).await;
    assert!(help.status.success());
    let help_text = text(&help.stdout);
    assert!(!help_text.contains(TOKEN_MARK), "{help_text}");
    // Refused connection: the error names the problem, not the token.
    let failed = apipagos(&["tenant", "get-tenant-info"], &env, None).await;
    assert!(!failed.status.success());
    assert!(
        !text(&failed.stderr).contains(TOKEN_MARK),
        "{}",
        text(&failed.stderr)
    );
}

#[tokio::test]
async fn help_lists_the_operations_by_resource() {
    let out = apipagos(&["--help"], &[], None).await;
    let help = text(&out.stdout);
    assert!(help.contains("Operations, by resource:"), "{help}");
    assert!(help.contains("  refunds:\n"), "{help}");
    assert!(help.contains("apipagos refunds create-refunds"), "{help}");
    assert!(
        help.contains("apipagos transactions get-transaction"),
        "{help}"
    );
    let n_listed = help
        .lines()
        .filter(|l| l.trim_start().starts_with("apipagos "))
        .count();
    let n_spec = apipagos::operations::all().len();
    assert_eq!(n_listed, n_spec, "every operation of the spec is a command");
}
