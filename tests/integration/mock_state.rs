//! The mock remembers: what a test creates can be read back, updated and paged through; every mock
//! starts from the documented examples and `reset` goes back to them.

use apipagos::mock::ApiMock;
use apipagos::paginate;
use apipagos::types::{Refund, RefundCreate, RefundPatch};
use apipagos::{ApiError, Error};
use futures::TryStreamExt;

use crate::common::assert_error_status;

fn refund(amount: &str, title: &str) -> RefundCreate {
    RefundCreate::builder()
        .amount(Some(amount.parse().unwrap()))
        .title(Some(title.to_owned()))
        .field_3(Some("20294687913".parse().unwrap()))
        .try_into()
        .unwrap()
}

/// The refund `code`, read back with `get_refund`.
async fn read_back(client: &apipagos::Client, code: &str) -> Refund {
    let mut found = client
        .get_refund()
        .code(code)
        .send()
        .await
        .unwrap()
        .into_inner()
        .data;
    assert_eq!(found.len(), 1, "one refund of code {code}: {found:?}");
    found.remove(0)
}

async fn create(client: &apipagos::Client, refunds: Vec<RefundCreate>) -> Vec<String> {
    client
        .create_refunds()
        .body(refunds)
        .send()
        .await
        .unwrap()
        .into_inner()
        .data
        .into_iter()
        .map(|r| r.code.expect("a created refund has a code"))
        .collect()
}

#[tokio::test]
async fn a_created_refund_is_read_back_updated_and_listed() {
    let api = ApiMock::start().await.unwrap();
    let client = api.client().unwrap();
    let codes = create(
        &client,
        vec![
            refund("150.75", "Reintegro cuota 3"),
            refund("20", "Reintegro cuota 4"),
        ],
    )
    .await;
    assert_eq!(codes.len(), 2);
    assert_ne!(codes[0], codes[1], "fresh unique codes");
    assert_eq!(codes[0].len(), 32);

    let read = read_back(&client, &codes[0]).await;
    assert_eq!(
        read.code.as_deref(),
        Some(codes[0].as_str()),
        "the requested code is echoed"
    );
    assert_eq!(
        read.amount.map(|a| a.to_string()).as_deref(),
        Some("150.75")
    );
    assert_eq!(read.title.as_deref(), Some("Reintegro cuota 3"));
    assert!(read.id.is_some());

    let patch = RefundPatch::builder().title(Some("Reintegro corregido".to_owned()));
    let patched = client
        .update_refund()
        .code(codes[0].as_str())
        .body(patch)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        patched.data.unwrap().title.as_deref(),
        Some("Reintegro corregido")
    );
    let read = read_back(&client, &codes[0]).await;
    assert_eq!(
        read.title.as_deref(),
        Some("Reintegro corregido"),
        "PATCH merged"
    );
    assert_eq!(
        read.amount.map(|a| a.to_string()).as_deref(),
        Some("150.75"),
        "what the PATCH did not send stays"
    );

    let listed: Vec<_> = paginate(|page| client.list_refunds().page(page).per_page(100u64).send())
        .try_collect()
        .await
        .unwrap();
    let listed_codes: Vec<_> = listed.iter().filter_map(|r| r.code.clone()).collect();
    assert!(
        codes.iter().all(|c| listed_codes.contains(c)),
        "{listed_codes:?}"
    );
}

#[tokio::test]
async fn an_unknown_code_gets_the_apis_404() {
    let api = ApiMock::start().await.unwrap();
    let client = api.client().unwrap();
    match client
        .get_refund()
        .code("no-such-refund")
        .send()
        .await
        .map_err(ApiError::into_kind)
    {
        Err(Error::ErrorResponse(body)) => {
            assert_eq!(body.status().as_u16(), 404);
            assert!(body.message.is_some());
        }
        other => panic!("expected a 404, got {other:?}"),
    }
    let patch = RefundPatch::builder().title(Some("x".to_owned()));
    let res = client
        .update_refund()
        .code("no-such-refund")
        .body(patch)
        .send()
        .await;
    assert_error_status(&res, 404);
}

#[tokio::test]
async fn the_readme_pagination_example_walks_every_page() {
    let api = ApiMock::start().await.unwrap();
    let client = api.client().unwrap();
    let seeded: Vec<_> = paginate(|page| client.list_refunds().page(page).per_page(100u64).send())
        .try_collect()
        .await
        .expect("the README's example runs against the mock");
    assert!(!seeded.is_empty(), "seeded with the documented examples");

    // Enough refunds for several pages of 2.
    create(
        &client,
        (0..5)
            .map(|i| refund("10", &format!("Reintegro {i}")))
            .collect(),
    )
    .await;
    let pages: Vec<_> = paginate(|page| client.list_refunds().page(page).per_page(2u64).send())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.len(),
        seeded.len() + 5,
        "every item once, across pages"
    );
    let mut codes: Vec<_> = pages.iter().filter_map(|r| r.code.clone()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), pages.len(), "no item twice");

    let second = client
        .list_refunds()
        .page(2u64)
        .per_page(2u64)
        .send()
        .await
        .unwrap()
        .into_inner();
    let meta = second.meta.unwrap();
    assert_eq!(meta.current_page.map(|p| p.get()), Some(2));
    assert_eq!(meta.per_page.map(|p| p.get()), Some(2));
    assert_eq!(meta.total.map(|p| p.get()), Some((seeded.len() + 5) as i64));
    let links = second.links.unwrap();
    assert!(links.prev.unwrap().ends_with("/refunds?page=1"));
    assert!(links.next.unwrap().ends_with("/refunds?page=3"));
}

#[tokio::test]
async fn each_mock_has_its_own_state_and_reset_restores_the_examples() {
    let first = ApiMock::start().await.unwrap();
    let second = ApiMock::start().await.unwrap();
    let count = |api: &ApiMock| {
        let client = api.client().unwrap();
        async move {
            client
                .list_refunds()
                .per_page(100u64)
                .send()
                .await
                .unwrap()
                .into_inner()
                .data
                .len()
        }
    };
    let seeded = count(&first).await;
    let codes = create(&first.client().unwrap(), vec![refund("1", "Reintegro")]).await;
    assert_eq!(count(&first).await, seeded + 1);
    assert_eq!(count(&second).await, seeded, "another mock does not see it");
    first.reset();
    assert_eq!(count(&first).await, seeded);
    let gone = first
        .client()
        .unwrap()
        .get_refund()
        .code(codes[0].as_str())
        .send()
        .await;
    assert!(gone.is_err(), "{gone:?}");
}

#[tokio::test]
async fn a_bulk_put_updates_known_codes_and_creates_unknown_ones() {
    let api = ApiMock::start().await.unwrap();
    let client = api.client().unwrap();
    let code = create(&client, vec![refund("10", "Reintegro")])
        .await
        .remove(0);
    let body: Vec<apipagos::types::RefundUpdate> = serde_json::from_value(serde_json::json!([
        {"code": code, "amount": 99.5},
        {"code": "0123456789abcdef0123456789abcdef", "amount": 1}
    ]))
    .unwrap();
    client.update_refunds().body(body).send().await.unwrap();
    let read = read_back(&client, &code).await;
    assert_eq!(read.amount.map(|a| a.to_string()).as_deref(), Some("99.50"));
    assert_eq!(read.title.as_deref(), Some("Reintegro"));
    let created = client
        .get_refund()
        .code("0123456789abcdef0123456789abcdef")
        .send()
        .await;
    assert!(created.is_ok(), "{created:?}");
}

#[tokio::test]
async fn the_documented_calls_answer_realistic_data() {
    let api = ApiMock::start().await.unwrap();
    let client = api.client().unwrap();
    let code = "ef3c3803fc2d32efa8a6d9d16b53430c";
    let tx = client
        .get_transaction()
        .code(code)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        tx.data.unwrap().code.as_deref(),
        Some(code),
        "the requested code is echoed"
    );
    let created = client
        .create_refunds()
        .body(vec![refund("5", "REINTEGRO")])
        .send()
        .await
        .unwrap()
        .into_inner();
    let text = serde_json::to_string(&created).unwrap();
    for latin in ["amet", "eiusmod", "perferendis", "ipsum"] {
        assert!(!text.contains(latin), "{text}");
    }
}
