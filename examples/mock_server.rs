//! The mock of the API (`apipagos::mock::ApiMock`) on a fixed local port, for poking it from a
//! terminal or pointing another program at it (`cargo xtask mock --port N` runs this). It binds the
//! port itself and serves until interrupted.
//!
//! ```text
//! cargo run --example mock_server -- --port 8080 [--quirks] [--fault 503=1:get_transaction*2 ...]
//! curl -H 'Company-Token: x' http://127.0.0.1:8080/api/v2/apipagos/transactions/ef3c3803fc2d32efa8a6d9d16b53430c
//! ```

use apipagos::mock::{ApiMock, Fault};

const USAGE: &str = "usage: mock_server [--port N] [--quirks] [--fault KIND[:OPERATION][*TIMES]]...
  --port N     the port on 127.0.0.1 (default 8080)
  --quirks     answer like the real Laravel server (amounts as strings or numbers, [] for empty
               objects, Y-m-d H:i:s dates, 1/0 booleans, unlisted enum values)
  --fault F    inject a fault; KIND: latency=250ms, 429[=SECONDS], 503[=SECONDS], any 4xx/5xx
               status, html500, truncated (repeatable)";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = ApiMock::builder().port(8080);
    let mut faults = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let port = args.next().ok_or("--port needs a number")?;
                builder = builder.port(
                    port.parse()
                        .map_err(|_| format!("--port {port}: not a port"))?,
                );
            }
            "--quirks" => builder = builder.quirks(true),
            "--fault" => {
                let fault: Fault = args.next().ok_or("--fault needs a value")?.parse()?;
                faults.push(fault.to_string());
                builder = builder.fault(fault);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}").into()),
        }
    }
    let api = builder.start().await?;
    println!("Apipagos mock: {} (Ctrl-C to stop)", api.base_url());
    println!("send any Company-Token; requests are checked like the client checks them (422 when they break the spec)");
    if !faults.is_empty() {
        println!("faults: {}", faults.join(", "));
    }
    // The server runs on its own thread for as long as `api` lives.
    std::future::pending::<()>().await;
    drop(api);
    Ok(())
}
