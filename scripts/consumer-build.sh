#!/usr/bin/env bash
# What an application pays to build with the crate (see BENCHMARKS.md), run on demand, never in CI.
#
# Two small applications do the same thing: read one transaction (`GET /transactions/{code}`) with
# the Company-Token header, and print its amount and currency.
#   - `with-apipagos`: the crate (a path dependency on this work tree, default features), built
#     as an application builds the published crate: from the generated client the package ships
#     (`generated/`, written by `cargo xtask package --generate-only`: run it first), without
#     the generator (`APIPAGOS_FEATURES=codegen` measures a build that generates);
#   - `plain`: reqwest (default features + json) + serde + serde_json + tokio, a hand-written struct.
# Both use the workspace's Cargo.lock (the same versions of every shared crate) and cargo's default
# profiles (an application's, not this workspace's). Each run builds both from an empty target dir,
# one after the other (a pair; the order alternates between pairs, the machine's load is the same
# for both); per profile it records wall time, CPU time (user + sys), the number of crates
# compiled, and for `release` the stripped and unstripped size of the binary.
#
#   scripts/consumer-build.sh                          # one pair, dev and release
#   RUNS=3 PROFILES=dev scripts/consumer-build.sh      # three pairs, dev only
#
# Environment: RUNS (default 1), PROFILES (default "dev release"), APIPAGOS_FEATURES (features of
# the crate for `with-apipagos`, default none), CONSUMER_BUILD_DIR (default
# target/consumer-build), JOBS (cargo -j, default: cargo's).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${CONSUMER_BUILD_DIR:-$ROOT/target/consumer-build}
RUNS=${RUNS:-1}
PROFILES=${PROFILES:-dev release}
FEATURES=${APIPAGOS_FEATURES:-}
RESULTS=$WORK/results.md
export CARGO_TERM_COLOR=never
unset RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_TARGET_DIR CARGO_INCREMENTAL CARGO_PROFILE_RELEASE_DEBUG
TIME=/usr/bin/time
[[ -x $TIME ]] || { echo "needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }

if [[ " $FEATURES " != *" codegen "* && " $FEATURES " != *" cli "* && ! -f $ROOT/generated/spec.digest ]]; then
    echo "no generated/ in $ROOT: run \`cargo xtask package --generate-only\` first" >&2
    exit 1
fi
mkdir -p "$WORK/logs"
: >"$RESULTS"

# ---------------------------------------------------------------- the two applications
APP=$WORK/with-apipagos
PLAIN=$WORK/plain
mkdir -p "$APP/src" "$PLAIN/src"
FEATURES_TOML=""
if [[ -n "$FEATURES" ]]; then
    FEATURES_TOML=", features = [$(sed 's/[^ ,][^ ,]*/"&"/g; s/ /, /g' <<<"$FEATURES")]"
fi
cat >"$APP/Cargo.toml" <<EOF
[package]
name = "with-apipagos"
version = "0.0.0"
edition = "2021"
publish = false

# Not a member of the apipagos workspace that encloses target/.
[workspace]

[dependencies]
apipagos = { path = "$ROOT"$FEATURES_TOML }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
EOF
cat >"$APP/src/main.rs" <<'EOF'
use apipagos::{Client, ClientConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let code = std::env::args().nth(1).ok_or("usage: with-apipagos <transaction code>")?;
    let client = Client::from_config(&ClientConfig::from_env()?)?;
    let tx = client.get_transaction().code(code).send().await?.into_inner();
    let tx = tx.data.ok_or("no data")?;
    println!("{:?} {:?}", tx.amount, tx.currency_code);
    Ok(())
}
EOF
cat >"$PLAIN/Cargo.toml" <<'EOF'
[package]
name = "plain"
version = "0.0.0"
edition = "2021"
publish = false

# Not a member of the apipagos workspace that encloses target/.
[workspace]

[dependencies]
reqwest = { version = "0.13.5", features = ["json"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
EOF
cat >"$PLAIN/src/main.rs" <<'EOF'
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Transaction {
    amount: Option<serde_json::Value>,
    currency_code: Option<String>,
}

#[derive(Debug, Deserialize)]
struct TransactionResponse {
    data: Option<Transaction>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let code = std::env::args().nth(1).ok_or("usage: plain <transaction code>")?;
    let base = std::env::var("APIPAGOS_BASE_URL")?;
    let token = std::env::var("APIPAGOS_COMPANY_TOKEN")?;
    let tx: TransactionResponse = reqwest::Client::new()
        .get(format!("{base}/transactions/{code}"))
        .header("Company-Token", token)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let tx = tx.data.ok_or("no data")?;
    println!("{:?} {:?}", tx.amount, tx.currency_code);
    Ok(())
}
EOF
cp "$ROOT/Cargo.lock" "$APP/Cargo.lock"
cp "$ROOT/Cargo.lock" "$PLAIN/Cargo.lock"

# ---------------------------------------------------------------- measuring
# build DIR NAME PROFILE RUN: one cold build; prints "wall cpu crates size stripped".
build() {
    local dir=$1 name=$2 profile=$3 run=$4
    local target=$WORK/target-$name log=$WORK/logs/$name-$profile-$run.log
    local flag=() out=debug
    if [[ $profile == release ]]; then flag=(--release) out=release; fi
    rm -rf "$target"
    (cd "$dir" && $TIME -f '%e %U %S' -o "$log.time" \
        cargo build "${flag[@]}" ${JOBS:+-j "$JOBS"} --target-dir "$target" >"$log" 2>&1) ||
        { tail -n 30 "$log" >&2; return 1; }
    local wall user sys crates size stripped
    read -r wall user sys <"$log.time"
    crates=$(grep -c '^ *Compiling ' "$log" || true)
    size=$(stat -c %s "$target/$out/$name")
    strip -o "$target/$name.stripped" "$target/$out/$name" 2>/dev/null &&
        stripped=$(stat -c %s "$target/$name.stripped") || stripped=0
    rm -rf "$target"
    echo "$wall $(awk "BEGIN{print $user + $sys}") $crates $size $stripped"
}

mb() { awk "BEGIN{printf \"%.1f\", $1 / 1000000}"; }

{
    echo "# consumer build figures"
    echo
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (modified)');" \
        "features: ${FEATURES:-default}; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); $(rustc --version)"
    echo
    echo "| profile | run | app | wall s | CPU s (user+sys) | crates compiled | binary MB | stripped MB |"
    echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
} | tee -a "$RESULTS"

for profile in $PROFILES; do
    for ((run = 1; run <= RUNS; run++)); do
        order=(with-apipagos plain)
        ((run % 2 == 0)) && order=(plain with-apipagos)
        for name in "${order[@]}"; do
            dir=$APP
            [[ $name == plain ]] && dir=$PLAIN
            printf '\n== %s build of %s (run %d)\n' "$profile" "$name" "$run" >&2
            line=$(build "$dir" "$name" "$profile" "$run") || exit 1
            read -r wall cpu crates size stripped <<<"$line"
            printf '| %s | %d | %s | %.1f | %.1f | %d | %s | %s |\n' "$profile" "$run" "$name" \
                "$wall" "$cpu" "$crates" "$(mb "$size")" "$(mb "$stripped")" | tee -a "$RESULTS"
        done
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); results: $RESULTS; logs: $WORK/logs" | tee -a "$RESULTS"
