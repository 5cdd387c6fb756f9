//! Where the request bench's client and server threads run. On a small virtual machine the
//! scheduler's placement of the two threads decides the figures more than the code does: unpinned,
//! a `get_transaction` took 35 µs when both threads happened to share a core and 130 µs when they
//! did not, and the placement changed between the clients of one paired run (ratios from 0.26 to
//! 4.0 on an idle machine). Pinned, the ratios repeat within about 1 %.
//!
//! The client (the bench's main thread) runs on CPU 0. The server's threads follow
//! [`server_on`]: on CPU 1, a server elsewhere (each request wakes a thread on another core, as
//! a real server is on another machine: the regime of the figures before pinning), or on CPU 0
//! beside the client (no cross-core wake-up: the request's CPU work alone, client, server and
//! kernel, the strictest ratio). `BENCH_PIN=none` leaves every thread where the scheduler puts it.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The CPU the server's threads should run on; `UNPINNED` for none.
static SERVER_CPU: AtomicUsize = AtomicUsize::new(UNPINNED);

const UNPINNED: usize = usize::MAX;

/// Whether threads are pinned at all (`BENCH_PIN` is not `none`).
pub fn enabled() -> bool {
    std::env::var("BENCH_PIN").map_or(true, |mode| mode != "none")
}

/// Pins the calling thread, the client's, to CPU 0, and the server's threads to `server_cpu`.
pub fn client_on_cpu_0(server_cpu: usize) {
    if enabled() {
        on_cpu(0);
        server_on(server_cpu);
    }
}

/// Moves the server's threads to `cpu` (each moves before it answers its next request).
pub fn server_on(cpu: usize) {
    if enabled() {
        SERVER_CPU.store(cpu, Ordering::Relaxed);
    }
}

/// Called by a server thread before each answer: moves it to the CPU [`server_on`] asked for.
/// `current` is the thread's own record of where it runs.
pub fn server_follows(current: &mut usize) {
    let wanted = SERVER_CPU.load(Ordering::Relaxed);
    if wanted != *current && wanted != UNPINNED {
        on_cpu(wanted);
        *current = wanted;
    }
}

/// Pins the calling thread to `cpu`; a failure is reported once per call and the bench goes on
/// where the thread is.
fn on_cpu(cpu: usize) {
    // SAFETY: `set` is a plain bit set, zeroed then filled by libc's own macro, and its size is
    // passed with it; pid 0 is the calling thread.
    let pinned = unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set)
    };
    if pinned != 0 {
        eprintln!(
            "BENCH_PIN: could not pin a thread to CPU {cpu}: {}",
            std::io::Error::last_os_error()
        );
    }
}
