//! The Company-Token is sent on every request and shows up in no `Debug` output or error message
//! (logs: `tests/logs.rs`).

use crate::common::{client_for, TOKEN};
use apipagos::{Client, ClientConfig, ClientInfo, CompanyToken, ConfigError, Environment};
use httpmock::prelude::*;

#[test]
fn the_token_is_absent_from_debug_and_display() {
    let token = CompanyToken::new(TOKEN);
    let config = ClientConfig::new(token.clone());
    let client = Client::from_config(&config).expect("client builds");
    for text in [
        format!("{token:?}"),
        format!("{token}"),
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        assert!(!text.contains(TOKEN), "token leaked in: {text}");
    }
    assert!(format!("{config:?}").contains("<redacted>"));
}

#[test]
fn an_invalid_token_is_refused_without_echoing_it() {
    let secret = "bad\ntoken-SECRET";
    let err = Client::from_config(&ClientConfig::new(CompanyToken::new(secret))).unwrap_err();
    assert!(matches!(err, ConfigError::InvalidToken));
    assert!(!err.to_string().contains("SECRET"));
    assert!(!format!("{err:?}").contains("SECRET"));
}

#[test]
fn plain_http_is_refused_except_on_loopback_or_by_opt_in() {
    let config = ClientConfig::new(CompanyToken::new(TOKEN));
    let remote = config
        .clone()
        .with_base_url("http://api.example.com/api/v2/apipagos")
        .unwrap();
    let err = Client::from_config(&remote).unwrap_err();
    assert!(
        matches!(err, ConfigError::PlainHttp { ref host } if host == "api.example.com"),
        "{err}"
    );
    assert!(!err.to_string().contains(TOKEN));

    let loopback = config
        .clone()
        .with_base_url("http://127.0.0.1:9/api")
        .unwrap();
    assert!(Client::from_config(&loopback).is_ok());
    let localhost = config
        .clone()
        .with_base_url("http://localhost:9/api")
        .unwrap();
    assert!(Client::from_config(&localhost).is_ok());
    assert!(Client::from_config(&remote.allow_plain_http()).is_ok());
}

#[test]
fn environments_give_their_base_urls() {
    let token = CompanyToken::new(TOKEN);
    let testing = Client::with_token(token.clone(), Environment::Testing).unwrap();
    assert_eq!(
        testing.baseurl(),
        "https://api.test.apipagos.com/api/v2/apipagos"
    );
    let url = url::Url::parse("https://api.example.com/api/v2/apipagos/").unwrap();
    let custom = Client::with_token(token, Environment::Custom(url)).unwrap();
    assert_eq!(custom.baseurl(), "https://api.example.com/api/v2/apipagos");
}

#[test]
fn progenitor_constructors_still_work() {
    let plain = Client::new(
        "https://api.test.apipagos.com/api/v2/apipagos",
        apipagos::ClientState::default(),
    );
    assert_eq!(
        plain.baseurl(),
        "https://api.test.apipagos.com/api/v2/apipagos"
    );
    let with_client = Client::new_with_client(
        "http://127.0.0.1:9",
        reqwest::Client::new(),
        apipagos::ClientState::default(),
    );
    assert_eq!(with_client.baseurl(), "http://127.0.0.1:9");
}

#[test]
fn a_missing_environment_variable_is_named() {
    // Only the error's wording is checked: the variable may be set on a developer's machine.
    let err = ConfigError::MissingVar {
        var: "APIPAGOS_COMPANY_TOKEN",
    };
    assert!(err
        .to_string()
        .contains("$APIPAGOS_COMPANY_TOKEN is not set"));
}

#[tokio::test]
async fn the_user_agent_names_the_crate_and_version() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.header(
                "user-agent",
                format!("apipagos/{}", env!("CARGO_PKG_VERSION")),
            );
            then.status(200)
                .json_body(serde_json::json!({"data": {"code": "abc"}}));
        })
        .await;
    let client = client_for(&server.base_url());
    let res = client
        .get_transaction()
        .code("abc")
        .send()
        .await
        .expect("decodes");
    assert_eq!(
        res.into_inner().data.and_then(|t| t.code).as_deref(),
        Some("abc")
    );
    mock.assert_async().await;
}

#[test]
fn an_empty_or_blank_token_is_refused_when_the_client_is_built() {
    for token in ["", "   ", "\t"] {
        let config = ClientConfig::new(CompanyToken::new(token));
        let err = Client::from_config(&config).unwrap_err();
        assert!(matches!(err, ConfigError::EmptyToken), "{token:?}: {err}");
        assert!(err.to_string().contains("APIPAGOS_COMPANY_TOKEN"), "{err}");
    }
}

/// Every message of the crate that sends the reader to a README section names a section that
/// exists (a heading of README.md).
#[test]
fn every_readme_section_a_message_names_exists() {
    let readme = include_str!("../../README.md");
    let headings: Vec<&str> = readme
        .lines()
        .filter_map(|line| line.strip_prefix('#'))
        .map(|line| line.trim_start_matches('#').trim())
        .collect();
    let sources = [
        include_str!("../../src/config.rs"),
        include_str!("../../src/bin/apipagos.rs"),
        include_str!("../../src/errors.rs"),
    ];
    let mut n_checked = 0;
    for source in sources {
        for (_, rest) in source
            .match_indices("README, \\\"")
            .map(|(at, _)| ((), &source[at + 10..]))
        {
            let section = &rest[..rest.find("\\\"").expect("a closing quote")];
            assert!(
                headings.contains(&section),
                "no README section {section:?}: {headings:?}"
            );
            n_checked += 1;
        }
    }
    assert!(
        n_checked >= 2,
        "the messages that point to the README were found ({n_checked})"
    );
}
