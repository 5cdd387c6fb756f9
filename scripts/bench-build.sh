#!/usr/bin/env bash
# Build-time figures of the crate (see BENCHMARKS.md), run on demand, never in CI:
#
#   1. build.rs's generation step alone: the crate's compiled build script, run by hand on the full
#      spec with default features and with the test features (mock + cli);
#   2. a clean build of the crate (dependencies cached), a rebuild after touching only the spec,
#      a rebuild after touching only a hand-written source file, and a no-op rebuild (checked not
#      to rerun the build script);
#   3. the same for a throwaway crate that generates the client from the same spec with
#      progenitor's `generate_api!` macro (same interface, tags, derives and type replacements;
#      no hooks), side by side;
#   4. with COLD=1, one cold build of each (every dependency compiled) in empty target dirs.
#
# Everything happens in a snapshot of the work tree under target/bench-build (nothing in the work
# tree is touched). Uses hyperfine when it is installed, else a `date +%s%N` loop.
#
#   scripts/bench-build.sh                 # RUNS=5 of each step
#   RUNS=3 COLD=1 scripts/bench-build.sh   # fewer runs, plus the cold builds
#
# Environment: RUNS (default 5), COLD (default 0), BENCH_BUILD_DIR (default target/bench-build),
# NO_HYPERFINE=1 to force the fallback loop.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_BUILD_DIR:-$ROOT/target/bench-build}
RUNS=${RUNS:-5}
COLD=${COLD:-0}
SNAP=$WORK/apipagos
MACRO=$WORK/macro-crate
LOGS=$WORK/logs
RESULTS=$WORK/results.md
export CARGO_TERM_COLOR=never
unset RUSTFLAGS CARGO_BUILD_RUSTFLAGS CARGO_TARGET_DIR CARGO_INCREMENTAL

HYPERFINE=""
if [[ -z "${NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null; then
    HYPERFINE=$(command -v hyperfine)
fi

mkdir -p "$WORK" "$LOGS"
: >"$RESULTS"

say() { printf '\n== %s\n' "$*" >&2; }

# row LABEL MEDIAN_S MIN_S MAX_S RUNS: one line of the results table.
row() {
    printf '| %s | %.2f | %.2f | %.2f | %s |\n' "$1" "$2" "$3" "$4" "$5" | tee -a "$RESULTS"
}

# measure LABEL PREPARE COMMAND [RUNS]: runs PREPARE (untimed) then COMMAND (timed), RUNS times,
# in the current directory; appends median, min and max in seconds to the results.
measure() {
    local label=$1 prepare=$2 command=$3 runs=${4:-$RUNS}
    local log="$LOGS/$(echo "$label" | tr -c 'A-Za-z0-9' '_').log"
    if [[ -n "$HYPERFINE" ]]; then
        local csv="$log.csv"
        "$HYPERFINE" --runs "$runs" --prepare "$prepare" --export-csv "$csv" --style basic \
            --shell bash "$command" >"$log" 2>&1 || { cat "$log" >&2; return 1; }
        # command,mean,stddev,median,user,system,min,max
        local med min max
        IFS=, read -r _ _ _ med _ _ min max < <(tail -n 1 "$csv" | awk -F, '{print $(NF-7)","$(NF-6)","$(NF-5)","$(NF-4)","$(NF-3)","$(NF-2)","$(NF-1)","$NF}')
        row "$label" "$med" "$min" "$max" "$runs"
    else
        local times=() i start end
        for ((i = 0; i < runs; i++)); do
            bash -c "$prepare" >>"$log" 2>&1
            start=$(date +%s%N)
            bash -c "$command" >>"$log" 2>&1 || { tail -n 30 "$log" >&2; return 1; }
            end=$(date +%s%N)
            times+=("$(((end - start) / 1000000))")
        done
        local sorted
        sorted=$(printf '%s\n' "${times[@]}" | sort -n)
        local n=${#times[@]}
        local med min max
        med=$(echo "$sorted" | sed -n "$((n / 2 + 1))p")
        min=$(echo "$sorted" | head -n 1)
        max=$(echo "$sorted" | tail -n 1)
        row "$label" "$(awk "BEGIN{print $med/1000}")" "$(awk "BEGIN{print $min/1000}")" \
            "$(awk "BEGIN{print $max/1000}")" "$runs"
    fi
}

# ---------------------------------------------------------------- snapshot of the work tree
say "snapshot of $ROOT into $SNAP"
rm -rf "$SNAP"
mkdir -p "$SNAP"
(cd "$ROOT" && git ls-files -z -c -o --exclude-standard | grep -zv '^target/' |
    tar --null -T - -cf -) | tar -xf - -C "$SNAP"
SNAP_REV=$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- spec src build.rs codegen Cargo.toml || echo "+dirty")

# ---------------------------------------------------------------- the generate_api! crate
say "throwaway generate_api! crate in $MACRO"
rm -rf "$MACRO"
mkdir -p "$MACRO/src" "$MACRO/spec"
cp "$SNAP/spec/apipagos.yaml" "$MACRO/spec/"
cp -r "$SNAP/src/lenient" "$SNAP/src/identifiers" "$MACRO/src/"
cp "$SNAP/Cargo.lock" "$MACRO/"
cat >"$MACRO/Cargo.toml" <<'EOF'
[package]
name = "apipagos-macro-bench"
version = "0.0.0"
edition = "2021"
publish = false

# Not a member of the apipagos workspace that encloses target/.
[workspace]

[dependencies]
# The same versions as the apipagos crate; `macro` is progenitor's default feature.
progenitor = "0.15.1"
progenitor-client = "0.15.1"
bytes = "1.11"
chrono = { version = "0.4.42", default-features = false, features = ["serde", "clock", "std"] }
futures = "0.3.31"
regress = "0.11"
reqwest = { version = "0.13.5", features = ["json", "query", "stream"] }
rust_decimal = "1.39"
serde = { version = "1.0.228", features = ["derive"] }
serde_json = "1.0"
thiserror = "2.0"
EOF
# The same profiles as the apipagos workspace (copied from its Cargo.toml, so they cannot drift).
{
    echo
    echo "# The [profile.*] sections of the apipagos workspace's Cargo.toml."
    awk '/^\[/ { keep = ($0 ~ /^\[profile\./) } keep' "$SNAP/Cargo.toml"
} >>"$MACRO/Cargo.toml"
# The replacements build.rs takes from `x-apipagos-rust-type`, in the macro's syntax; build.rs
# declares no trait impls for them, hence `?FromStr + ?Display` (the macro assumes both).
REPLACE=$(awk '/^    [A-Za-z0-9_]+:[[:space:]]*$/ { name = $1; sub(":", "", name) }
    /x-apipagos-rust-type:/ { printf "        %s = %s: ?FromStr + ?Display,\n", name, $2 }' \
    "$MACRO/spec/apipagos.yaml")
cat >"$MACRO/src/lib.rs" <<EOF
//! The apipagos client generated by progenitor's generate_api! macro (benchmark only).
#![allow(clippy::all, missing_docs, unused)]

pub mod identifiers;
pub mod lenient;

progenitor::generate_api!(
    spec = "spec/apipagos.yaml",
    interface = Builder,
    tags = Merged,
    derives = [PartialEq],
    replace = {
$REPLACE
    },
);
EOF

cd "$SNAP"
TD_CRATE=$WORK/target-crate
TD_MACRO=$WORK/target-macro
# `codegen`: without it the crate takes the generated client the package ships (build.rs).
BUILD_CRATE="cargo build -q -p apipagos --features codegen --target-dir $TD_CRATE"
BUILD_MACRO="cargo build -q --target-dir $TD_MACRO"

{
    echo "# apipagos build figures"
    echo
    echo "snapshot: $SNAP_REV; $(nproc) cores; $(rustc --version); runs: $RUNS; timer: ${HYPERFINE:+hyperfine}${HYPERFINE:-date loop}"
    echo
    echo "| step | median s | min s | max s | runs |"
    echo "| --- | ---: | ---: | ---: | ---: |"
} | tee -a "$RESULTS"

# ---------------------------------------------------------------- cold builds (optional)
if [[ "$COLD" == 1 ]]; then
    say "cold builds (every dependency)"
    (cd "$SNAP" && measure "build.rs crate: cold build, all dependencies" \
        "rm -rf $WORK/cold-crate" "cargo build -q -p apipagos --features codegen --target-dir $WORK/cold-crate" 1)
    (cd "$MACRO" && measure "generate_api! crate: cold build, all dependencies" \
        "rm -rf $WORK/cold-macro" "cargo build -q --target-dir $WORK/cold-macro" 1)
    rm -rf "$WORK/cold-crate" "$WORK/cold-macro"
fi

# ---------------------------------------------------------------- the build.rs crate
say "build.rs crate: warming the dependency cache"
(cd "$SNAP" && $BUILD_CRATE 2>&1 | tail -n 20)

say "build.rs crate: generation step alone"
# Cargo builds two directories per build script: the compiled script, and its run (out/).
SCRIPT=$(ls -t "$TD_CRATE"/debug/build/apipagos-*/build-script-build | head -n 1)
GEN_OUT=$WORK/gen-out
mkdir -p "$GEN_OUT"
(cd "$SNAP" && measure "build.rs generation step alone (parse, generate, format, write), default features" \
    "rm -rf $GEN_OUT/*" "OUT_DIR=$GEN_OUT CARGO_MANIFEST_DIR=$SNAP $SCRIPT >/dev/null")
(cd "$SNAP" && measure "build.rs generation step alone, features mock + cli (as the tests build it)" \
    "rm -rf $GEN_OUT/*" "OUT_DIR=$GEN_OUT CARGO_MANIFEST_DIR=$SNAP CARGO_FEATURE_MOCK=1 CARGO_FEATURE_CLI=1 $SCRIPT >/dev/null")
GEN_LINES=$(wc -l <"$GEN_OUT/codegen.rs")

say "build.rs crate: builds"
(cd "$SNAP" && measure "build.rs crate: clean build of the crate (dependencies cached)" \
    "cargo clean -q -p apipagos --target-dir $TD_CRATE" "$BUILD_CRATE")
(cd "$SNAP" && measure "build.rs crate: rebuild after touching only the spec" \
    "touch spec/apipagos.yaml" "$BUILD_CRATE")
(cd "$SNAP" && measure "build.rs crate: rebuild after touching only src/lib.rs" \
    "touch src/lib.rs" "$BUILD_CRATE")
(cd "$SNAP" && measure "build.rs crate: no-op rebuild" "true" "$BUILD_CRATE")
NOOP_CRATE=$(cd "$SNAP" && cargo build -v -p apipagos --features codegen --target-dir "$TD_CRATE" 2>&1)
if grep -q 'build-script-build' <<<"$NOOP_CRATE" || ! grep -q 'Fresh apipagos ' <<<"$NOOP_CRATE"; then
    echo "FAIL: the no-op rebuild reran the build script or rebuilt the crate:" >&2
    echo "$NOOP_CRATE" >&2
    exit 1
fi
echo "no-op rebuild checked: apipagos is Fresh, build-script-build not run" | tee -a "$RESULTS"

# ---------------------------------------------------------------- the generate_api! crate
say "generate_api! crate: warming the dependency cache"
(cd "$MACRO" && $BUILD_MACRO 2>&1 | tail -n 20)
(cd "$MACRO" && measure "generate_api! crate: clean build of the crate (dependencies cached)" \
    "cargo clean -q -p apipagos-macro-bench --target-dir $TD_MACRO" "$BUILD_MACRO")
(cd "$MACRO" && measure "generate_api! crate: rebuild after touching only the spec" \
    "touch spec/apipagos.yaml" "$BUILD_MACRO")
(cd "$MACRO" && measure "generate_api! crate: rebuild after touching only src/lib.rs" \
    "touch src/lib.rs" "$BUILD_MACRO")
(cd "$MACRO" && measure "generate_api! crate: no-op rebuild" "true" "$BUILD_MACRO")
NOOP_MACRO=$(cd "$MACRO" && cargo build -v --target-dir "$TD_MACRO" 2>&1)
if ! grep -q 'Fresh apipagos-macro-bench ' <<<"$NOOP_MACRO"; then
    echo "FAIL: the no-op rebuild of the generate_api! crate recompiled it:" >&2
    echo "$NOOP_MACRO" >&2
    exit 1
fi
echo "no-op rebuild checked: apipagos-macro-bench is Fresh" | tee -a "$RESULTS"

{
    echo
    echo "generated client (build.rs, default features, prettyplease): $GEN_LINES lines of codegen.rs"
    echo "results: $RESULTS; logs: $LOGS"
} | tee -a "$RESULTS"
