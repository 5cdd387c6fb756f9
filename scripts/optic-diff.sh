#!/usr/bin/env bash
# Optic (a peer tool, npm) beside `cargo xtask diff`, on the same two revisions of the spec: a
# second reading of what a spec change breaks. Optic compares operation by operation (a schema used
# by ten operations is ten entries there, one in `cargo xtask diff`) and knows nothing of the
# crate; known gaps: it misses a tightened request `maxLength`, security schemes and servers.
# Not run in CI. Exits non-zero when either tool reports a breaking change.
#
#   bash scripts/optic-diff.sh BASE [HEAD]     # git revisions; HEAD: the working tree's spec
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=${1:?usage: scripts/optic-diff.sh BASE [HEAD]}
HEAD=${2:-}
OUT="${CARGO_TARGET_DIR:-target}"
PREFIX="${OPTIC_PREFIX:-$OUT/optic}"
WORK="$OUT/optic-run"
mkdir -p "$PREFIX" "$WORK"

if [ ! -x "$PREFIX/node_modules/.bin/optic" ]; then
    # Optic 1.0.9 pinned. Its Spectral resolves ajv 8.20, whose generated code ajv-errors 3.0.0
    # cannot extend (Optic stops at start-up: "SyntaxError: Unexpected token ':'"): every ajv of
    # the tree is held at 8.17.1.
    cat > "$PREFIX/package.json" <<'JSON'
{"name": "apipagos-optic", "private": true,
 "dependencies": {"@useoptic/optic": "1.0.9"}, "overrides": {"ajv": "8.17.1"}}
JSON
    npm install --silent --no-audit --no-fund --prefix "$PREFIX"
fi

git show "$BASE:spec/apipagos.yaml" > "$WORK/base.yaml"
if [ -n "$HEAD" ]; then
    git show "$HEAD:spec/apipagos.yaml" > "$WORK/head.yaml"
else
    cp spec/apipagos.yaml "$WORK/head.yaml"
fi

status=0
echo "== Optic: optic diff --check"
OPTIC_TELEMETRY_LEVEL=off "$PREFIX/node_modules/.bin/optic" diff "$WORK/base.yaml" "$WORK/head.yaml" \
    --check || status=$?
echo
echo "== cargo xtask diff --fail-on breaking"
cargo xtask diff "$BASE" ${HEAD:+"$HEAD"} --fail-on breaking || status=$?
exit "$status"
