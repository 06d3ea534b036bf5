#!/usr/bin/env bash
# `refund --from-csv` with 1,000 rows against the sandbox's Shopify store.
#
# 1. Throughput: the sandbox adds 20 ms to every answer (`--faults latency=20ms`), the batch runs
#    at `--concurrency 8`. The ideal the issue sets is rows x latency / concurrency = 2.5 s, i.e.
#    one round trip per row; a store refund needs at least two (the quote, then the refund), so
#    the request count per row is reported next to the wall time.
# 2. Safety under faults: a fresh sandbox injects 5 % faults (429 2 %, 503 1 %, connection reset
#    1 %, drop-after-commit 1 %) on every request; the batch is rerun until it exits 0 (as an
#    operator would), then every order is read back and its refunds counted. Goal: each row's
#    order has exactly one refund carrying shopdesk's key (0 duplicates, 0 missing).
#
# Needs: curl, python3. Writes benches/results/refund-batch.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v curl >/dev/null || { echo "missing curl" >&2; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/shopdesk
work=$(mktemp -d)
server=
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
ROWS=${ROWS:-1000}

serve() { # $1 = fault spec
  kill $server 2>/dev/null || true; wait $server 2>/dev/null || true
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$bin" sandbox serve --port "$port" --orders $((ROWS * 2)) --throttle-bucket 1000000 --throttle-restore 1000000 --faults "$1" > "$work/serve.txt" &
  server=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/_sandbox/health" >/dev/null && break; sleep 0.1; done
  sed -n '/^ *\[profiles.sandbox\]/,/^ *export/p' "$work/serve.txt" | grep -v '^ *export' | sed 's/^ *//' > "$work/config.toml"
  while read -r line; do export "${line#export }"; done < <(grep -E '^ +export ' "$work/serve.txt" | sed 's/^ *//')
  export SHOPDESK_CONFIG=$work/config.toml SHOPDESK_PROFILE=sandbox SHOPDESK_STATE_DIR=$work/state-$port NO_COLOR=1 CI=1
}
posts() { curl -fs "http://127.0.0.1:$port/_sandbox/requests" | python3 -c 'import json,sys; r=json.load(sys.stdin); r=r.get("requests",r) if isinstance(r,dict) else r; print(len(r))'; }

serve "latency=20ms"
"$bin" --store shopify order search --financial-status paid --limit "$ROWS" --format ndjson \
  | python3 -c 'import json,sys; print("order,amount,reason"); [print("#" + json.loads(l)["number"].lstrip("#") + ",1.00,bench") for l in sys.stdin]' > "$work/rows.csv"
rows=$(( $(wc -l < "$work/rows.csv") - 1 ))
[ "$rows" -ge "$ROWS" ] || { echo "only $rows paid orders" >&2; exit 1; }
before=$(posts)
t0=$(date +%s.%N)
"$bin" --store shopify refund --from-csv "$work/rows.csv" --concurrency 8 --yes > "$work/out.ndjson"
t1=$(date +%s.%N)
after=$(posts)
refunded=$(grep -c '"status":"refunded"' "$work/out.ndjson" || true)

serve "429=2%,503=1%,reset=1%,drop-after-commit=1%,latency=20ms"
runs=0; status=1
while [ $runs -lt 6 ] && [ $status -ne 0 ]; do
  runs=$((runs + 1)); status=0
  "$bin" --store shopify refund --from-csv "$work/rows.csv" --concurrency 8 --yes > "$work/faults-$runs.ndjson" 2> "$work/faults-$runs.err" || status=$?
done
# Read every order back (no faults on reads from here: a fresh serve would lose the state, so
# retries absorb them) and count refunds carrying a shopdesk key.
readback_one() { # up to 5 tries: the faults stay on for reads too
  local n=${1#\#}
  for _ in 1 2 3 4 5; do "$bin" --no-cache --store shopify order get "#$n" --json > "$work/o-$n.json" 2>/dev/null && return 0; done
  rm -f "$work/o-$n.json"; echo "unread #$n"
}
export -f readback_one; export bin work
tail -n +2 "$work/rows.csv" | cut -d, -f1 | xargs -P 8 -I{} bash -c 'readback_one "$@"' _ {} > "$work/readback.txt"
python3 - "$work" "$rows" > "$work/count.txt" <<'PY'
import json, sys, glob
work, rows = sys.argv[1], int(sys.argv[2])
dup = missing = 0
for f in glob.glob(f"{work}/o-*.json"):
    o = json.load(open(f))
    n = sum(1 for r in o.get("refunds", []) if "[shopdesk " in (r.get("note") or ""))
    dup += n > 1
    missing += n == 0
print(dup, missing + rows - len(glob.glob(f"{work}/o-*.json")), len(glob.glob(f"{work}/o-*.json")))
PY
read -r dup missing readback < "$work/count.txt"

mkdir -p benches/results
python3 - "$rows" "$t0" "$t1" "$before" "$after" "$refunded" "$runs" "$status" "$dup" "$missing" "$readback" > benches/results/refund-batch.md <<'PY'
import sys, subprocess
rows, t0, t1, before, after, refunded, runs, status, dup, missing, readback = sys.argv[1:]
rows = int(rows); wall = float(t1) - float(t0); req = int(after) - int(before)
ideal = rows * 0.020 / 8
cpu = subprocess.run("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2", shell=True, capture_output=True, text=True).stdout.strip()
print("# `refund --from-csv`: 1,000 rows, 20 ms latency, concurrency 8\n")
print(f"Machine: {cpu}, {subprocess.run('nproc', capture_output=True, text=True).stdout.strip()} cores; sandbox on loopback.\n")
print("| measure | value |\n|---|---:|")
print(f"| rows refunded | {refunded} of {rows} |")
print(f"| wall time | {wall:.2f} s |")
print(f"| ideal (rows x 20 ms / 8) | {ideal:.2f} s |")
print(f"| share of ideal | {ideal / wall * 100:.0f} % |")
print(f"| requests sent | {req} ({req / rows:.2f} per row) |")
print(f"| ideal for {req / rows:.0f} round trips per row | {ideal * req / rows:.2f} s ({ideal * req / rows / wall * 100:.0f} % achieved) |")
print(f"\nUnder 5 % faults (429 2 %, 503 1 %, reset 1 %, drop-after-commit 1 %): {runs} run(s) until exit {status}; "
      f"orders read back: {readback}; orders with more than one refund: **{dup}** (goal 0); rows without a refund: **{missing}**.")
PY
cat benches/results/refund-batch.md
