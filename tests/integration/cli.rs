//! The `apipagos` command-line client, end to end against the embedded mock of the API.

use std::process::Output;

use apipagos::mock::ApiMock;

const TOKEN_MARK: &str = "cli-SECRET-token-value";

/// A base URL where nothing listens: a request that went out fails at once (exit 5).
const NOWHERE: &str = "http://127.0.0.1:9/api";

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

/// The environment of a run against `base` with the test token.
fn env_for(base: &str) -> [(&str, &str); 2] {
    [
        ("APIPAGOS_BASE_URL", base),
        ("APIPAGOS_COMPANY_TOKEN", TOKEN_MARK),
    ]
}

/// Each error is one paragraph: one `error:` line, the others indented under it.
#[track_caller]
fn assert_one_paragraph(stderr: &str) {
    let errors = stderr.lines().filter(|l| l.starts_with("error")).count();
    assert_eq!(errors, 1, "one error paragraph: {stderr}");
    assert!(!stderr.contains("\n\n"), "no blank line: {stderr}");
}

/// Sends `body` on stdin to `refunds create-refunds` (or the operation given as `command`) and
/// checks that it is refused before sending (exit 3) with every expected `(pointer, constraint)`
/// named, `<stdin>` as the origin, and none of `hidden` echoed.
async fn check_refused(command: &[&str], body: &str, expected: &[(&str, &str)], hidden: &[&str]) {
    // A request that went out would fail with exit 5, not 3.
    let env = env_for(NOWHERE);
    let mut args = command.to_vec();
    args.extend(["--json-body", "-"]);
    let out = apipagos(&args, &env, Some(body.as_bytes())).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("refused before sending"), "{stderr}");
    assert!(stderr.contains("<stdin>"), "{stderr}");
    assert_one_paragraph(&stderr);
    for (pointer, constraint) in expected {
        let line = stderr
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{pointer}:")))
            .unwrap_or_else(|| panic!("{pointer} is named: {stderr}"));
        assert!(line.ends_with(&format!("({constraint})")), "{line}");
    }
    for value in hidden {
        assert!(!stderr.contains(value), "{value} is not echoed: {stderr}");
    }
}

const CREATE_REFUNDS: &[&str] = &["refunds", "create-refunds"];

#[tokio::test]
async fn a_body_breaking_a_pattern_names_the_field() {
    let body = r#"[{"title": "REINTEGRO", "amount": 10, "field_1": "12a"}]"#;
    check_refused(CREATE_REFUNDS, body, &[("/0/field_1", "pattern")], &["12a"]).await;
}

#[tokio::test]
async fn a_body_breaking_a_length_names_the_field() {
    let body = r#"[{"title": "REINTEGRO", "amount": 10, "field_3": "2039"}]"#;
    check_refused(
        CREATE_REFUNDS,
        body,
        &[("/0/field_3", "minLength")],
        &["2039"],
    )
    .await;
}

#[tokio::test]
async fn a_body_breaking_an_enum_names_the_field_and_value() {
    let body = r#"[{"title": "REINTEGRO", "amount": 10, "status_code": 14}]"#;
    check_refused(CREATE_REFUNDS, body, &[("/0/status_code", "enum")], &[]).await;
}

#[tokio::test]
async fn a_body_breaking_a_format_names_the_field() {
    let body = r#"[{"title": "REINTEGRO", "amount": 10, "refund_date": "2024-13-45"}]"#;
    check_refused(CREATE_REFUNDS, body, &[("/0/refund_date", "format")], &[]).await;
}

#[tokio::test]
async fn a_body_breaking_a_range_names_the_field_and_value() {
    let body = r#"[{"title": "REINTEGRO", "amount": 20000}]"#;
    check_refused(CREATE_REFUNDS, body, &[("/0/amount", "maximum")], &[]).await;
}

#[tokio::test]
async fn a_cuit_with_a_wrong_check_digit_names_the_field_not_the_number() {
    let body = r#"[{"title": "REINTEGRO", "amount": 10, "field_3": "20392079019"}]"#;
    let expected = [("/0/field_3", "x-apipagos-check-digit")];
    check_refused(CREATE_REFUNDS, body, &expected, &["20392079019"]).await;
}

#[tokio::test]
async fn every_fault_of_a_body_is_listed() {
    let body = r#"[{"title": "A", "amount": 20000, "field_1": "12a"},
                   {"title": "B", "amount": -1, "field_3": "20392079019"}]"#;
    let expected = [
        ("/0/amount", "maximum"),
        ("/0/field_1", "pattern"),
        ("/1/amount", "minimum"),
        ("/1/field_3", "x-apipagos-check-digit"),
    ];
    check_refused(CREATE_REFUNDS, body, &expected, &["20392079019"]).await;
}

#[tokio::test]
async fn an_integer_wider_than_its_type_is_refused_before_sending() {
    // The spec's `format: int32` becomes bounds in the request checks (codegen's one conversion).
    let env = env_for(NOWHERE);
    let body = br#"[{"model_type": "transactions", "priority": 3000000000}]"#;
    let args = ["publications", "create-publications", "--json-body", "-"];
    let out = apipagos(&args, &env, Some(body)).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("<stdin>")
            && stderr.contains("/0/priority")
            && stderr.contains("2147483647 (maximum)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("/dev/fd") && !stderr.contains("apipagos-body"),
        "{stderr}"
    );
    assert_one_paragraph(&stderr);
}

#[tokio::test]
async fn a_bad_body_file_is_named_by_its_path() {
    let env = env_for(NOWHERE);
    let file = std::env::temp_dir().join(format!("apipagos-cli-bad-{}.json", std::process::id()));
    std::fs::write(&file, r#"[{"title": "A", "amount": 20000}]"#).unwrap();
    let path = file.to_str().unwrap();
    let out = apipagos(
        &["refunds", "create-refunds", "--json-body", path],
        &env,
        None,
    )
    .await;
    std::fs::remove_file(&file).ok();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(path) && stderr.contains("/0/amount"),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_body_from_stdin_is_never_written_to_a_file() {
    let api = ApiMock::start().await.unwrap();
    let base = api.base_url();
    // The temporary directory is a regular file: any attempt to write there fails the run (even
    // as root, where permissions would not stop it).
    let not_a_dir = std::env::temp_dir().join(format!("apipagos-cli-tmp-{}", std::process::id()));
    std::fs::write(&not_a_dir, b"").unwrap();
    let not_a_dir_str = not_a_dir.to_str().unwrap().to_owned();
    let mut env = env_for(&base).to_vec();
    env.push(("TMPDIR", not_a_dir_str.as_str()));
    let body = br#"[{"title": "REINTEGRO", "amount": 150.75, "field_3": "20392079018"}]"#;
    for flag in [&["--json-body", "-"][..], &["--json-body=-"][..]] {
        let mut args = vec!["refunds", "create-refunds"];
        args.extend(flag);
        let out = apipagos(&args, &env, Some(body)).await;
        assert!(out.status.success(), "{flag:?}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains("\"data\""), "{flag:?}");
    }
    std::fs::remove_file(&not_a_dir).ok();
}

#[tokio::test]
async fn an_api_error_is_printed_once_with_its_body_on_stdout_and_exit_4() {
    let api = ApiMock::start().await.unwrap();
    let base = api.base_url();
    let body = serde_json::json!({"message": "No query results.", "errors": {"code": ["unknown"]}});
    api.respond_with_body("get_transaction", 404, body.clone())
        .await
        .unwrap();
    let args = ["transactions", "get-transaction", "--code", "abc"];
    let out = apipagos(&args, &env_for(&base), None).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert_one_paragraph(&stderr);
    assert!(
        stderr.contains("get_transaction") && stderr.contains("404"),
        "{stderr}"
    );
    assert!(
        !stderr.to_lowercase().contains("content-type"),
        "no headers: {stderr}"
    );
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(printed, body);
}

/// `get-transaction` answered with `status`, `content_type` and `body`: the body is printed on
/// stdout as the server sent it (`expected`: indented when it is JSON, in the server's key order),
/// the error once on stderr, and the run exits with `exit`.
async fn check_error_body(status: u16, content_type: &str, body: &str, expected: &str, exit: i32) {
    let server = crate::common::server_answering(status, content_type, body.as_bytes()).await;
    let args = ["transactions", "get-transaction", "--code", "abc"];
    let out = apipagos(&args, &env_for(&server.base_url()), None).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(exit), "{stderr}");
    assert_one_paragraph(&stderr);
    assert!(stderr.contains(&status.to_string()), "{stderr}");
    assert_eq!(text(&out.stdout), expected, "{stderr}");
}

#[tokio::test]
async fn an_error_body_with_fields_the_api_s_lacks_is_printed_whole() {
    check_error_body(
        404,
        "application/json",
        r#"{"message":"x","detail":[1, 2.50]}"#,
        "{\n  \"message\": \"x\",\n  \"detail\": [\n    1,\n    2.50\n  ]\n}\n",
        4,
    )
    .await;
}

#[tokio::test]
async fn an_error_body_of_another_shape_is_printed_instead_of_braces() {
    check_error_body(
        404,
        "application/json",
        r#"{"error": "nope"}"#,
        "{\n  \"error\": \"nope\"\n}\n",
        4,
    )
    .await;
}

#[tokio::test]
async fn a_text_error_body_is_printed_as_sent() {
    check_error_body(404, "text/plain", "Not here", "Not here\n", 4).await;
}

#[tokio::test]
async fn a_huge_error_body_is_printed_cut_and_says_so() {
    let body = "x".repeat(3 << 20);
    let server = httpmock::MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(404)
                .header("content-type", "text/plain")
                .body(&body);
        })
        .await;
    let args = ["transactions", "get-transaction", "--code", "abc"];
    let out = apipagos(&args, &env_for(&server.base_url()), None).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert_one_paragraph(&stderr);
    assert_eq!(out.stdout.len(), (1 << 20) + 1, "1 MiB and a line break");
    assert!(
        stderr.contains("cut at its first 1048576 bytes of 3145728"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_server_error_body_is_printed_as_sent() {
    check_error_body(
        503,
        "application/json",
        r#"{"message":"Down","retry":"later"}"#,
        "{\n  \"message\": \"Down\",\n  \"retry\": \"later\"\n}\n",
        5,
    )
    .await;
}

#[tokio::test]
async fn a_server_error_exits_5() {
    let api = ApiMock::start().await.unwrap();
    let base = api.base_url();
    let body = serde_json::json!({"message": "Server Error"});
    api.respond_with_body("create_refunds", 500, body)
        .await
        .unwrap();
    let args = ["refunds", "create-refunds", "--json-body", "-"];
    let out = apipagos(
        &args,
        &env_for(&base),
        Some(br#"[{"title": "A", "amount": 1}]"#),
    )
    .await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert_one_paragraph(&stderr);
    assert!(
        text(&out.stdout).contains("Server Error"),
        "{}",
        text(&out.stdout)
    );
}

#[tokio::test]
async fn a_refused_connection_exits_5_and_says_why() {
    let env = env_for(NOWHERE);
    let out = apipagos(
        &["refunds", "create-refunds", "--json-body", "-"],
        &env,
        Some(br#"[{"title": "A", "amount": 1}]"#),
    )
    .await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert_one_paragraph(&stderr);
    assert!(stderr.to_lowercase().contains("refused"), "{stderr}");
}

#[tokio::test]
async fn usage_errors_exit_2() {
    let env = env_for(NOWHERE);
    let unknown = apipagos(&["refunds", "no-such-operation"], &env, None).await;
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown.stderr));
    let no_token = apipagos(
        &["transactions", "get-transaction", "--code", "abc"],
        &[],
        None,
    )
    .await;
    assert_eq!(
        no_token.status.code(),
        Some(2),
        "{}",
        text(&no_token.stderr)
    );
}

#[tokio::test]
async fn help_lists_the_exit_codes_and_what_the_body_flags_do() {
    let root = text(&apipagos(&["--help"], &[], None).await.stdout);
    for code in [
        "2  usage",
        "3  request refused",
        "4  the API answered",
        "5  server error",
    ] {
        assert!(root.contains(code), "{code}: {root}");
    }
    let op = text(
        &apipagos(&["refunds", "create-refunds", "--help"], &[], None)
            .await
            .stdout,
    );
    assert!(!op.contains("XXX"), "{op}");
    assert!(op.contains("documented example body"), "{op}");
    assert!(op.contains("Exit codes:"), "{op}");
}

#[tokio::test]
async fn json_body_template_prints_the_documented_example() {
    let env = env_for(NOWHERE);
    let out = apipagos(
        &["refunds", "create-refunds", "--json-body-template"],
        &env,
        None,
    )
    .await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let op = apipagos::operations::find("create_refunds").unwrap();
    let example = op.request_body.and_then(|b| b.example).expect("an example");
    assert_eq!(
        printed,
        serde_json::from_str::<serde_json::Value>(example).unwrap()
    );
}

#[tokio::test]
async fn get_transaction_prints_the_typed_response_as_json() {
    let api = ApiMock::start().await.unwrap();
    let base = api.base_url();
    let env = env_for(&base);
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
    let env = env_for(&base);
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
    let env = env_for(&base);
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
    let env = env_for(NOWHERE);
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
