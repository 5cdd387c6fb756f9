//! Per-request overhead on loopback, keep-alive on: the generated client's `get_transaction`
//! (request checks, tracing span, GET retry loop, buffered body, lenient decoding) versus a
//! hand-written `reqwest` + `serde` call of the same endpoint, decoding the same documented body.
//!
//! The server is a minimal HTTP/1.1 responder on its own thread (std only, no framework) that
//! answers `GET …/transactions/{code}` with the documented `get_transaction` example and
//! `GET …/transactions` with the 1,000-transaction listing, so its own cost is small and the same
//! for every client. The listing shows the per-byte costs of the client (body checks, decoding).
//!
//! `cargo bench -p apipagos-benches --bench request` (see BENCHMARKS.md).

mod common;

use std::hint::black_box;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use apipagos::types::{TransactionPage, TransactionResponse};
use apipagos::{Client, ClientConfig, ClientInfo, CompanyToken};
use criterion::Criterion;
use reqwest::header::{HeaderValue, ACCEPT};

use common::minimal;

const CODE: &str = "123456789abcdef123456789abcdef12";

/// A `200` response with a JSON `body`.
fn response(body: &[u8]) -> Vec<u8> {
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(body);
    response
}

/// Starts the server on an ephemeral loopback port; it lives as long as the process.
fn serve(one: &[u8], listing: &[u8]) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    let one = std::sync::Arc::new(response(one));
    let listing = std::sync::Arc::new(response(listing));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let (one, listing) = (one.clone(), listing.clone());
            std::thread::spawn(move || handle(stream, &one, &listing));
        }
    });
    addr
}

/// Answers every request head (a GET has no body) on the connection until the peer closes it:
/// the listing for `…/transactions` (with or without a query), else the single transaction.
fn handle(mut stream: TcpStream, one: &[u8], listing: &[u8]) {
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    let mut cpu = usize::MAX;
    loop {
        common::pin::server_follows(&mut cpu);
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        buf.extend_from_slice(&chunk[..n]);
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let target = buf.split(|&c| c == b' ').nth(1).unwrap_or_default();
            let response = if target.ends_with(b"/transactions")
                || target.windows(14).any(|w| w == b"/transactions?")
            {
                listing
            } else {
                one
            };
            buf.drain(..end + 4);
            if stream.write_all(response).is_err() {
                return;
            }
        }
    }
}

/// The floor: one request and response over a kept-alive blocking socket, no HTTP library.
struct RawClient {
    stream: TcpStream,
    request: Vec<u8>,
    buf: Vec<u8>,
    expected: usize,
}

impl RawClient {
    fn new(addr: SocketAddr, response_len: usize) -> Self {
        let stream = TcpStream::connect(addr).expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        let request = format!(
            "GET /api/v2/apipagos/transactions/{CODE} HTTP/1.1\r\nhost: {addr}\r\ncompany-token: t\r\naccept: application/json\r\n\r\n"
        )
        .into_bytes();
        RawClient {
            stream,
            request,
            buf: vec![0; response_len],
            expected: response_len,
        }
    }

    fn call(&mut self) -> usize {
        self.stream.write_all(&self.request).expect("write");
        self.stream
            .read_exact(&mut self.buf[..self.expected])
            .expect("read");
        self.expected
    }
}

async fn generated(client: &Client) -> TransactionResponse {
    client
        .get_transaction()
        .code(CODE)
        .send()
        .await
        .expect("generated get_transaction")
        .into_inner()
}

async fn generated_listing(client: &Client) -> TransactionPage {
    client
        .list_transactions()
        .send()
        .await
        .expect("generated list_transactions")
        .into_inner()
}

async fn hand_written<T: serde::de::DeserializeOwned>(http: &reqwest::Client, url: &str) -> T {
    http.get(url)
        .header("company-token", "t")
        .header(ACCEPT, "application/json")
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .expect("hand-written GET")
        .json::<T>()
        .await
        .expect("hand-written decode")
}

/// The hand-written call on equal terms with the generated one: on a pool configured as
/// `Client::from_config` configures its own (`equal_terms_pool`), the URL built for this call from
/// the base URL and the code (as any call with a path parameter must), the same request on the
/// wire (the generated client's `api-version` header included), then decoded as [`hand_written`]
/// decodes.
async fn hand_written_per_call<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    base: &str,
    code: &str,
) -> T {
    http.get(format!("{base}/transactions/{code}"))
        .header("api-version", <Client as ClientInfo<_>>::api_version())
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .expect("hand-written GET")
        .json::<T>()
        .await
        .expect("hand-written decode")
}

/// The connection pool of the hand-written call on equal terms: as `Client::from_config` builds
/// its own from `config` (the token and `Accept` as default headers, the same `User-Agent`, a 10 s
/// connect timeout, a 30 s total timeout per request: a timer per request, no redirects), since a
/// client without a timeout is not one a payments application would run.
fn equal_terms_pool(config: &ClientConfig) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("company-token", HeaderValue::from_static("t"));
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    reqwest::Client::builder()
        .default_headers(headers)
        .user_agent(config.user_agent())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("hand-written client on equal terms")
}

/// Runs `n` calls of `call`, one after the other, on `rt`.
fn run<F: std::future::Future>(rt: &tokio::runtime::Runtime, n: usize, call: impl Fn() -> F) {
    rt.block_on(async {
        for _ in 0..n {
            black_box(call().await);
        }
    });
}

fn main() {
    // Criterion's groups and the listing run with the server on another core.
    common::pin::client_on_cpu_0(1);
    let body = common::transaction_body();
    let listing = common::listing_body();
    let addr = serve(&body, &listing);
    let base = format!("http://{addr}/api/v2/apipagos");
    let url = format!("{base}/transactions/{CODE}");
    let listing_url = format!("{base}/transactions");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");

    let config = ClientConfig::new(CompanyToken::new("t"))
        .with_base_url(&base)
        .expect("base url");
    let client = Client::from_config(&config).expect("client");
    let http = reqwest::Client::new();
    let http_timeouts = equal_terms_pool(&config);
    let head_len = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .len();
    let mut raw = RawClient::new(addr, head_len + body.len());

    // The three clients must agree before anything is timed.
    rt.block_on(async {
        let typed = generated(&client).await;
        let same: TransactionResponse = hand_written(&http, &url).await;
        assert_eq!(typed, same, "generated and hand-written decode alike");
        let mini: minimal::TransactionResponse = hand_written(&http, &url).await;
        assert_eq!(mini.data.map(|d| d.code), Some(CODE.to_owned()));
        let typed = generated_listing(&client).await;
        let same: TransactionPage = hand_written(&http, &listing_url).await;
        assert_eq!(typed.data.len(), common::LISTING_LEN);
        assert_eq!(
            typed, same,
            "generated and hand-written decode the listing alike"
        );
    });

    // `BENCH_REQUEST_PROFILE=generated|same_type|equal_terms|minimal_struct|generated_listing|same_type_listing`
    // with `BENCH_REQUESTS=n`: only n calls of one client, for a profiler (`valgrind --tool=callgrind`, `perf record`).
    if let Ok(which) = std::env::var("BENCH_REQUEST_PROFILE") {
        let n = common::env_usize("BENCH_REQUESTS", 2_000);
        rt.block_on(async {
            for _ in 0..n {
                match which.as_str() {
                    "generated" => drop(black_box(generated(&client).await)),
                    "same_type" => drop(black_box(
                        hand_written::<TransactionResponse>(&http, &url).await,
                    )),
                    "equal_terms" => drop(black_box(
                        hand_written_per_call::<TransactionResponse>(&http_timeouts, &base, CODE)
                            .await,
                    )),
                    "minimal_struct" => drop(black_box(
                        hand_written::<minimal::TransactionResponse>(&http, &url).await,
                    )),
                    "generated_listing" => drop(black_box(generated_listing(&client).await)),
                    "same_type_listing" => drop(black_box(
                        hand_written::<TransactionPage>(&http, &listing_url).await,
                    )),
                    other => panic!("BENCH_REQUEST_PROFILE: unknown client {other}"),
                }
            }
        });
        return;
    }

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
        .configure_from_args();
    {
        let mut group = c.benchmark_group("get_transaction_loopback");
        group.bench_function("generated_client", |b| {
            b.to_async(&rt).iter(|| generated(&client))
        });
        group.bench_function("reqwest_serde_same_type", |b| {
            b.to_async(&rt)
                .iter(|| hand_written::<TransactionResponse>(&http, &url))
        });
        group.bench_function("reqwest_serde_equal_terms", |b| {
            b.to_async(&rt)
                .iter(|| hand_written_per_call::<TransactionResponse>(&http_timeouts, &base, CODE))
        });
        group.bench_function("reqwest_serde_minimal_struct", |b| {
            b.to_async(&rt)
                .iter(|| hand_written::<minimal::TransactionResponse>(&http, &url))
        });
        group.bench_function("floor_raw_tcp_no_decode", |b| {
            b.iter(|| black_box(raw.call()))
        });
        group.finish();
    }
    {
        let mut group = c.benchmark_group("list_transactions_1000_loopback");
        group.throughput(criterion::Throughput::BytesDecimal(listing.len() as u64));
        group.sample_size(20);
        group.bench_function("generated_client", |b| {
            b.to_async(&rt).iter(|| generated_listing(&client))
        });
        group.bench_function("reqwest_serde_same_type", |b| {
            b.to_async(&rt)
                .iter(|| hand_written::<TransactionPage>(&http, &listing_url))
        });
        group.bench_function("reqwest_serde_minimal_struct", |b| {
            b.to_async(&rt)
                .iter(|| hand_written::<minimal::TransactionPage>(&http, &listing_url))
        });
        group.finish();
    }
    c.final_summary();

    if common::is_test_mode() {
        return;
    }
    let rounds = common::env_usize("BENCH_ROUNDS", 51);
    let batch = common::env_usize("BENCH_REQUEST_BATCH", 100);
    let run_generated = |n| run(&rt, n, || generated(&client));
    let run_same = |n| run(&rt, n, || hand_written::<TransactionResponse>(&http, &url));
    let run_timeouts = |n| {
        run(&rt, n, || {
            hand_written_per_call::<TransactionResponse>(&http_timeouts, &base, CODE)
        })
    };
    let run_minimal = |n| {
        run(&rt, n, || {
            hand_written::<minimal::TransactionResponse>(&http, &url)
        })
    };
    // Two placements of the server (`common::pin`): on another core, then beside the client.
    let placements: &[(&str, usize)] = if common::pin::enabled() {
        &[
            ("server on another core", 1),
            ("one core: the CPU work alone", 0),
        ]
    } else {
        &[("threads unpinned", 1)]
    };
    for &(placement, server_cpu) in placements {
        common::pin::server_on(server_cpu);
        let same = common::paired(rounds, batch, run_generated, run_same);
        let timeouts = common::paired(rounds, batch, run_generated, run_timeouts);
        let mini = common::paired(rounds, batch, run_generated, run_minimal);
        print_paired(
            &format!(
                "paired get_transaction on loopback ({} B body, keep-alive; {placement}), {rounds} rounds x {batch} requests, medians:",
                body.len()
            ),
            Unit::Micros,
            &[
                ("generated_client", same.a),
                ("reqwest_serde_same_type", same.b),
                ("reqwest_serde_equal_terms", timeouts.b),
                ("reqwest_serde_minimal_struct", mini.b),
            ],
            &[
                ("reqwest_serde_same_type", same.ratio, " (its URL built once, no timeout)"),
                ("reqwest_serde_equal_terms", timeouts.ratio, " (goal <= 1.05)"),
                ("reqwest_serde_minimal_struct", mini.ratio, ""),
            ],
        );
    }
    common::pin::server_on(1);

    let batch = common::env_usize("BENCH_LISTING_BATCH", 3);
    let run_generated = |n| run(&rt, n, || generated_listing(&client));
    let run_same = |n| {
        run(&rt, n, || {
            hand_written::<TransactionPage>(&http, &listing_url)
        })
    };
    let run_minimal = |n| {
        run(&rt, n, || {
            hand_written::<minimal::TransactionPage>(&http, &listing_url)
        })
    };
    let same = common::paired(rounds, batch, run_generated, run_same);
    let mini = common::paired(rounds, batch, run_generated, run_minimal);
    print_paired(
        &format!(
            "paired list_transactions on loopback ({} transactions, {} B body), {rounds} rounds x {batch} requests, medians:",
            common::LISTING_LEN,
            listing.len()
        ),
        Unit::Millis,
        &[
            ("generated_client", same.a),
            ("reqwest_serde_same_type", same.b),
            ("reqwest_serde_minimal_struct", mini.b),
        ],
        &[
            ("reqwest_serde_same_type", same.ratio, ""),
            ("reqwest_serde_minimal_struct", mini.ratio, ""),
        ],
    );
}

/// How [`print_paired`] prints a median per call.
#[derive(Clone, Copy)]
enum Unit {
    Micros,
    Millis,
}

/// Prints one paired section: its `heading`, each client's median per call, and the generated
/// client's ratio to each other client (with a note after it, if any).
fn print_paired(
    heading: &str,
    unit: Unit,
    medians: &[(&str, Duration)],
    ratios: &[(&str, f64, &str)],
) {
    println!();
    println!("{heading}");
    for (name, median) in medians {
        match unit {
            Unit::Micros => println!("  {name:<29} {:>7.1} us", median.as_secs_f64() * 1e6),
            Unit::Millis => println!("  {name:<29} {:>7.2} ms", median.as_secs_f64() * 1e3),
        }
    }
    for (name, ratio, note) in ratios {
        let label = format!("ratio generated/{name}");
        println!("  {label:<44} = {ratio:.3}{note}");
    }
}
