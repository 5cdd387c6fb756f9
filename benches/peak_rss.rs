//! Memory of decoding the 1,000-transaction listing: peak resident size (`VmHWM`), and heap
//! allocations counted by a counting global allocator, for the generated types, `serde_json::Value`
//! and the minimal hand-written struct.
//!
//! Each decoder runs in a fresh child process (this same binary with `--mode NAME`) that reads the
//! listing from a file, so nothing else has touched its heap; its `VmHWM` is reset through
//! `/proc/self/clear_refs` just before decoding where the kernel allows it.
//!
//! `cargo bench -p apipagos-benches --bench peak_rss` (see BENCHMARKS.md).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use apipagos::types::TransactionPage;
use serde_json::Value;

use common::minimal;

/// The system allocator, counting.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Relaxed) + size;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call forwards to `System` with the caller's arguments unchanged; the counters
// are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        ALLOCATED.fetch_add(layout.size(), Relaxed);
        grew(layout.size());
        // SAFETY: forwarded as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        if new_size > layout.size() {
            ALLOCATED.fetch_add(new_size - layout.size(), Relaxed);
            grew(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        // SAFETY: forwarded as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const MODES: [&str; 4] = ["baseline", "generated", "value", "minimal_struct"];

/// A `kB` field of `/proc/self/status` (`VmRSS`, `VmHWM`).
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Decodes the listing at `path` with `mode` and prints one `key=value` line.
fn child(mode: &str, path: &str) {
    let bytes = std::fs::read(path).expect("read listing");
    // Resets VmHWM to the current RSS (Linux >= 4.0); if refused, VmHWM includes the start-up.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let rss_before = status_kb("VmRSS:").unwrap_or(0);
    let live_before = LIVE.load(Relaxed);
    PEAK.store(live_before, Relaxed);
    let allocs_before = ALLOCS.load(Relaxed);
    let allocated_before = ALLOCATED.load(Relaxed);
    let started = Instant::now();
    let kept: Box<dyn std::any::Any> = match mode {
        "baseline" => Box::new(()),
        "generated" => Box::new(serde_json::from_slice::<TransactionPage>(&bytes).unwrap()),
        "value" => Box::new(serde_json::from_slice::<Value>(&bytes).unwrap()),
        "minimal_struct" => {
            Box::new(serde_json::from_slice::<minimal::TransactionPage>(&bytes).unwrap())
        }
        other => panic!("unknown mode {other}"),
    };
    let elapsed = started.elapsed();
    black_box(&kept);
    let allocs = ALLOCS.load(Relaxed) - allocs_before;
    let allocated = ALLOCATED.load(Relaxed) - allocated_before;
    let peak = PEAK.load(Relaxed) - live_before;
    let retained = LIVE.load(Relaxed).saturating_sub(live_before);
    let hwm = status_kb("VmHWM:").unwrap_or(0);
    println!(
        "mode={mode} bytes={} rss_before_kb={rss_before} hwm_kb={hwm} hwm_reset={reset} allocs={allocs} allocated_bytes={allocated} peak_heap_bytes={peak} retained_bytes={retained} decode_ms={:.2}",
        bytes.len(),
        elapsed.as_secs_f64() * 1e3,
    );
    drop(kept);
}

fn field<'a>(line: &'a str, key: &str) -> &'a str {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or("?")
}

fn mib(bytes: &str) -> String {
    bytes
        .parse::<f64>()
        .map(|b| format!("{:.1}", b / (1024.0 * 1024.0)))
        .unwrap_or_else(|_| "?".to_owned())
}

fn kib_as_mib(kb: &str) -> String {
    kb.parse::<f64>()
        .map(|k| format!("{:.1}", k / 1024.0))
        .unwrap_or_else(|_| "?".to_owned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--mode") {
        child(&args[at + 1], &args[at + 2]);
        return;
    }
    if common::is_test_mode() {
        // `cargo test --benches`: check that a decoder runs, quickly.
        let listing = common::listing_body();
        serde_json::from_slice::<TransactionPage>(&listing).expect("listing decodes");
        return;
    }
    let listing = common::listing_body();
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("apipagos-listing-1000.json");
    std::fs::write(&path, &listing).expect("write listing");
    let exe = std::env::current_exe().expect("current exe");
    println!(
        "peak memory of decoding the {}-transaction listing ({:.2} MB), one process per decoder:",
        common::LISTING_LEN,
        listing.len() as f64 / 1e6
    );
    println!(
        "  {:<15} {:>9} {:>10} {:>12} {:>9} {:>14} {:>14} {:>12}",
        "decoder",
        "rss0 MiB",
        "VmHWM MiB",
        "+VmHWM MiB",
        "allocs",
        "allocated MiB",
        "peak heap MiB",
        "decode ms"
    );
    for mode in MODES {
        let out = Command::new(&exe)
            .args(["--mode", mode])
            .arg(&path)
            .output()
            .expect("run child");
        assert!(out.status.success(), "child {mode} failed: {out:?}");
        let line = String::from_utf8_lossy(&out.stdout);
        let line = line.trim();
        let before: u64 = field(line, "rss_before_kb").parse().unwrap_or(0);
        let hwm: u64 = field(line, "hwm_kb").parse().unwrap_or(0);
        println!(
            "  {:<15} {:>9} {:>10} {:>12} {:>9} {:>14} {:>14} {:>12}{}",
            mode,
            kib_as_mib(&before.to_string()),
            kib_as_mib(&hwm.to_string()),
            kib_as_mib(&hwm.saturating_sub(before).to_string()),
            field(line, "allocs"),
            mib(field(line, "allocated_bytes")),
            mib(field(line, "peak_heap_bytes")),
            field(line, "decode_ms"),
            if field(line, "hwm_reset") == "true" {
                ""
            } else {
                "  (VmHWM not reset: includes start-up)"
            },
        );
    }
}
