#!/usr/bin/env bash
# Prism's validating proxy (Stoplight, a peer tool) in front of `cargo xtask mock`, and every
# operation of the spec called through the crate's CLI with the spec's own request examples.
# Prints one row per operation: operation, HTTP status seen by the CLI, Prism's violations.
# Needs node/npm and python3; not run in CI (see .ci/run for Schemathesis).
#
#   bash scripts/prism-proxy.sh          # mock on 18081, Prism on 4010
set -euo pipefail
cd "$(dirname "$0")/.."

PRISM_VERSION="5.14.x"
MOCK_PORT="${PRISM_MOCK_PORT:-18081}"
PRISM_PORT="${PRISM_PORT:-4010}"
OUT="${CARGO_TARGET_DIR:-target}"
PREFIX="${PRISM_PREFIX:-$OUT/prism}"
WORK="$OUT/prism-run"
mkdir -p "$WORK"

if [ ! -x "$PREFIX/node_modules/.bin/prism" ]; then
    npm install --silent --no-audit --no-fund --prefix "$PREFIX" "@stoplight/prism-cli@$PRISM_VERSION"
fi
"$PREFIX/node_modules/.bin/prism" --version

cargo build --quiet -p apipagos --features mock --example mock_server
cargo build --quiet -p apipagos --features cli --bin apipagos
CLI="$OUT/debug/apipagos"

# Own process groups: cargo and npx run the servers as children, which must stop with this script.
setsid cargo xtask mock --port "$MOCK_PORT" > "$WORK/mock.log" 2>&1 &
MOCK_PID=$!
setsid "$PREFIX/node_modules/.bin/prism" proxy spec/apipagos.yaml \
    "http://127.0.0.1:$MOCK_PORT/api/v2/apipagos" --errors -p "$PRISM_PORT" > "$WORK/prism.log" 2>&1 &
PRISM_PID=$!
trap 'kill -TERM -- "-$PRISM_PID" "-$MOCK_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null -H 'Company-Token: x' "http://127.0.0.1:$MOCK_PORT/api/v2/apipagos/tenant" &&
        curl -sS -o /dev/null "http://127.0.0.1:$PRISM_PORT/tenant" 2>/dev/null; then
        break
    fi
    sleep 1
done

# One CLI call per operation, from the spec: its tag and operationId give the subcommand, its path
# parameters' examples the flags, its request example the --json-body.
APIPAGOS_BASE_URL="http://127.0.0.1:$PRISM_PORT" APIPAGOS_COMPANY_TOKEN="prism-check" \
    python3 - "$CLI" "$WORK" <<'PYTHON'
import json, os, re, subprocess, sys

cli, work = sys.argv[1], sys.argv[2]
try:
    import yaml
    spec = yaml.safe_load(open("spec/apipagos.yaml"))
except ImportError:  # no PyYAML: ask the CLI's spec twin, the JSON of the mock's table
    sys.exit("prism-proxy.sh needs PyYAML (pip install pyyaml)")

def resolve(node):
    ref = node.get("$ref") if isinstance(node, dict) else None
    if not ref:
        return node
    target = spec
    for part in ref.lstrip("#/").split("/"):
        target = target[part]
    return target

def kebab(name):
    return re.sub(r"[_\s]+", "-", re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", name)).lower()

rows = []
for path, item in spec["paths"].items():
    for method in ("get", "put", "post", "delete", "patch"):
        op = item.get(method)
        if not op:
            continue
        args = [cli, kebab(op["tags"][0]), kebab(op["operationId"])]
        for param in item.get("parameters", []) + op.get("parameters", []):
            param = resolve(param)
            if param["in"] != "path":
                continue
            example = param.get("example", resolve(param.get("schema", {})).get("example"))
            args += ["--" + kebab(param["name"]), str(example)]
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
        if "example" in body:
            body_file = os.path.join(work, op["operationId"] + ".json")
            json.dump(body["example"], open(body_file, "w"))
            args += ["--json-body", body_file]
        with open(os.path.join(work, op["operationId"] + ".log"), "w") as log:
            done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            log.write(done.stdout)
        out = done.stdout
        status = "200" if done.returncode == 0 else (re.findall(r"\b([1-5][0-9][0-9])\b", out) or ["error"])[0]
        violations = re.findall(r'"(?:message|detail)":\s*"([^"]*(?:violat|match|must|should)[^"]*)"', out)
        rows.append((op["operationId"], status, "; ".join(violations) or "-"))

width = max(len(r[0]) for r in rows)
print(f"{'operation':<{width}}  status  violations")
for name, status, violations in rows:
    print(f"{name:<{width}}  {status:<6}  {violations}")
ok = sum(1 for r in rows if r[1].startswith("2") and r[2] == "-")
print(f"\n{len(rows)} operations, {ok} answered 2xx without a Prism violation")
PYTHON
echo "Prism's log (violations it saw on the way): $WORK/prism.log"
grep -c '"severity"' "$WORK/prism.log" 2>/dev/null | sed 's/^/violation lines in the log: /' || true
