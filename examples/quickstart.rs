//! A short, real flow through the client: read a transaction, update it, refund part of it.
//!
//! By default it runs against the embedded mock of the API (built from the spec's examples).
//! With `APIPAGOS_BASE_URL` and `APIPAGOS_COMPANY_TOKEN` set, it runs against that server instead;
//! there it only reads (the transaction given as first argument) unless `--write` is passed.
//!
//! ```text
//! cargo run --example quickstart
//! APIPAGOS_BASE_URL=https://api.test.apipagos.com/api/v2/apipagos APIPAGOS_COMPANY_TOKEN=… \
//!     cargo run --example quickstart -- <transaction code> [--write]
//! ```

use apipagos::lenient::Money;
use apipagos::mock::ApiMock;
use apipagos::types::{RefundCreate, TransactionPatch};
use apipagos::{Client, ClientConfig};

/// The documented example transaction code.
const EXAMPLE_CODE: &str = "ef3c3803fc2d32efa8a6d9d16b53430c";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or(EXAMPLE_CODE, String::as_str);
    let real = std::env::var_os("APIPAGOS_BASE_URL").is_some()
        && std::env::var_os("APIPAGOS_COMPANY_TOKEN").is_some();

    // Keep the mock alive for the whole flow.
    let (client, _mock, write): (Client, Option<ApiMock>, bool) = if real {
        let config = ClientConfig::from_env()?;
        println!(
            "API: {} (from APIPAGOS_BASE_URL)",
            config.environment().base_url()
        );
        (
            Client::from_config(&config)?,
            None,
            args.iter().any(|a| a == "--write"),
        )
    } else {
        let mock = ApiMock::start().await?;
        println!("API: embedded mock at {} (set APIPAGOS_BASE_URL and APIPAGOS_COMPANY_TOKEN for a real server)", mock.base_url());
        (mock.client()?, Some(mock), true)
    };

    // 1. Read a transaction: amounts are exact decimals, dates keep the server's format.
    let tx = client
        .get_transaction()
        .code(code)
        .send()
        .await?
        .into_inner();
    let tx = tx.data.ok_or("the response has no data")?;
    println!("\n1. get_transaction {code}");
    println!("   concept:  {}", tx.concept.as_deref().unwrap_or("-"));
    println!(
        "   amount:   {} {}",
        show(tx.amount),
        tx.currency_code.as_deref().unwrap_or("")
    );
    if let Some(gateway) = &tx.gateway {
        println!(
            "   gateway:  {} ({})",
            gateway.title.as_deref().unwrap_or("-"),
            gateway.code.as_deref().unwrap_or("-")
        );
    }
    if let Some(user) = &tx.src_user {
        println!(
            "   payer:    {} {} (CUIT {})",
            user.first_name.as_deref().unwrap_or(""),
            user.last_name.as_deref().unwrap_or(""),
            user.field_3.as_deref().unwrap_or("-")
        );
    }
    println!(
        "   created:  {}",
        tx.created_at.map_or("-".to_owned(), |t| t.to_string())
    );
    let total: rust_decimal::Decimal = tx
        .documents
        .iter()
        .filter_map(|d| d.amount)
        .map(Money::amount)
        .sum();
    println!("   documents: {} totalling {total}", tx.documents.len());

    if !write {
        println!("\n(read-only against a real server: pass --write to update and refund)");
        return Ok(());
    }

    // 2. Update it: the body is a typed struct, checked against the spec before it is sent.
    let patch = TransactionPatch::builder()
        .concept(Some("cuota 3 de 12".to_owned()))
        .status_code(Some(21));
    let updated = client
        .update_transaction()
        .code(code)
        .body(patch)
        .send()
        .await?
        .into_inner();
    println!("\n2. update_transaction {code}");
    println!(
        "   updated_at: {}",
        updated
            .data
            .and_then(|t| t.updated_at)
            .map_or("-".to_owned(), |t| t.to_string())
    );

    // 3. Refund part of it: CUIT and amount range are checked before anything leaves.
    let refund = RefundCreate::builder()
        .amount("150.75")
        .field_3("20294687913")
        .title("REINTEGRO");
    let created = client
        .create_refunds()
        .body(refund)
        .send()
        .await?
        .into_inner();
    println!("\n3. create_refunds (150.75)");
    for refund in &created.data {
        println!(
            "   created refund {}",
            refund.code.as_deref().unwrap_or("-")
        );
    }

    // 4. An amount outside the documented range never leaves the machine.
    let too_much = RefundCreate::builder().amount("10000.01");
    match client.create_refunds().body(too_much).send().await {
        Err(err) if matches!(err.kind(), apipagos::Error::InvalidRequest(_)) => {
            println!("\n4. refused before sending: {err}")
        }
        other => println!("\n4. unexpected: {other:?}"),
    }
    Ok(())
}

fn show(amount: Option<Money>) -> String {
    amount.map_or("-".to_owned(), |a| a.to_string())
}
