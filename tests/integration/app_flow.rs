//! An application's flow against the mock, as the README shows it: create a refund, read it back,
//! page through the refunds, and survive a 503 on the way.

use std::time::Duration;

use apipagos::mock::{ApiMock, Fault};
use apipagos::paginate;
use apipagos::types::RefundCreate;
use futures::TryStreamExt;

/// The application's code under test: refunds a payer and returns the refund's code.
async fn refund_payer(
    client: &apipagos::Client,
    cuit: &str,
    amount: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let refund = RefundCreate::builder()
        .amount(amount)
        .field_3(cuit)
        .title("Reintegro de haberes");
    let created = client.create_refunds().body(refund).send().await?;
    let code = created
        .into_inner()
        .data
        .into_iter()
        .next()
        .and_then(|r| r.code);
    Ok(code.ok_or("the API answered no code")?)
}

#[tokio::test]
async fn create_read_page_and_survive_a_503() -> Result<(), Box<dyn std::error::Error>> {
    let api = ApiMock::start().await?;
    let client = api.client()?;

    let code = refund_payer(&client, "20294687913", "1500.50").await?;

    // The API is briefly unavailable: the client's retries wait for `Retry-After` and go on.
    api.inject(
        Fault::unavailable(Duration::from_secs(1))
            .on("get_refund")
            .times(1),
    )?;
    let read = client
        .get_refund()
        .code(code.as_str())
        .send()
        .await?
        .into_inner();
    assert_eq!(
        read.data[0].amount.map(|a| a.to_string()).as_deref(),
        Some("1500.50")
    );
    assert_eq!(read.data[0].field_3.as_deref(), Some("20294687913"));
    assert_eq!(api.received("get_refund"), 2, "one 503, one retry");

    let all: Vec<_> = paginate(|page| client.list_refunds().page(page).per_page(100u64).send())
        .try_collect()
        .await?;
    assert!(all.iter().any(|r| r.code.as_deref() == Some(code.as_str())));
    Ok(())
}
