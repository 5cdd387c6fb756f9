//! The quickstart flow, from an application's side: only the public API of the packaged crate,
//! against its embedded mock. Exits non-zero, saying why, when anything differs.

use apipagos::lenient::Money;
use apipagos::mock::ApiMock;
use apipagos::types::RefundCreate;
use apipagos::{Error, ErrorExt};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api = ApiMock::start().await?;
    let client = api.client()?;

    // Read the documented transaction: its amount is an exact decimal.
    let tx = client
        .get_transaction()
        .code("ef3c3803fc2d32efa8a6d9d16b53430c")
        .send()
        .await?
        .into_inner()
        .data
        .ok_or("get_transaction: the response has no data")?;
    let amount = tx.amount.ok_or("get_transaction: no amount")?;
    if amount != "325000.00".parse::<Money>()? {
        return Err(format!("get_transaction: amount {amount}, expected 325000.00").into());
    }
    println!(
        "get_transaction: {amount} {}",
        tx.currency_code.as_deref().unwrap_or("-")
    );

    // An amount outside the documented range is refused before it is sent.
    let too_much = RefundCreate::builder().amount(Some("10000.01".parse::<Money>()?));
    match client
        .create_refunds()
        .body(vec![too_much.try_into()?])
        .send()
        .await
    {
        Err(err) if matches!(err.kind(), Error::InvalidRequest(_)) => {
            println!("refused before sending: {}", err.summary())
        }
        other => return Err(format!("create_refunds over the maximum: {other:?}").into()),
    }
    println!("the packaged crate works");
    Ok(())
}
