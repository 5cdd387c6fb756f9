//! The embedded mock of the API on a fixed local port, for poking it from a terminal or pointing
//! another program at it (`cargo xtask mock --port N` runs this).
//!
//! ```text
//! cargo run --example mock_server -- --port 8080
//! curl -H 'Company-Token: x' http://127.0.0.1:8080/api/v2/apipagos/transactions/abc
//! ```

use apipagos::mock::ApiMock;
use tokio::net::{TcpListener, TcpStream};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port: u16 = match args.iter().position(|a| a == "--port") {
        Some(idx) => args.get(idx + 1).ok_or("--port needs a number")?.parse()?,
        None => 8080,
    };
    let api = ApiMock::start().await?;
    let upstream = api
        .base_url()
        .trim_start_matches("http://")
        .split('/')
        .next()
        .ok_or("the mock's URL has no host")?
        .to_owned();
    // The mock listens on a free port; a plain TCP relay gives it the port asked for.
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    println!(
        "Apipagos mock: http://127.0.0.1:{port}{} (Ctrl-C to stop)",
        ApiMock::STEM
    );
    println!("send any Company-Token; request bodies are checked against the spec (422 when they break it)");
    loop {
        let (mut inbound, _) = listener.accept().await?;
        let upstream = upstream.clone();
        tokio::spawn(async move {
            if let Ok(mut outbound) = TcpStream::connect(&upstream).await {
                let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
            }
        });
    }
}
