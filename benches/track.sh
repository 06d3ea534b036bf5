#!/usr/bin/env bash
# `track` with 300 mixed tracking numbers (75 each of UPS, FedEx, USPS, DHL Express, in a
# shuffled order, no --carrier: every carrier is detected offline) against `sandbox serve` with
# 50 ms added to every answer (`--faults latency=50ms`).
#
# Reports per carrier the requests sent (tracking calls and token calls) next to the minimum
# batching allows — one call per number for UPS and DHL (their APIs take one), ceil(75/30) for
# FedEx, ceil(75/35) for USPS, plus one token per OAuth carrier — and the wall time (hyperfine,
# 5 runs; each run is a new process, so it fetches its tokens again).
#
# Needs: curl, python3, hyperfine. Writes benches/results/track.md.
set -euo pipefail
cd "$(dirname "$0")/.."
for t in curl python3 hyperfine; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 2; }; done
cargo build --release --quiet
bin=$PWD/target/release/shopdesk
work=$(mktemp -d)
server=
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
PER=${PER:-75}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" sandbox serve --port "$port" --faults latency=50ms > "$work/serve.txt" &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/_sandbox/health" >/dev/null && break; sleep 0.1; done
sed -n '/^ *\[profiles.sandbox\]/,/^ *export/p' "$work/serve.txt" | grep -v '^ *export' | sed 's/^ *//' > "$work/config.toml"
while read -r line; do export "${line#export }"; done < <(grep -E '^ +export ' "$work/serve.txt" | sed 's/^ *//')
export SHOPDESK_CONFIG=$work/config.toml SHOPDESK_PROFILE=sandbox SHOPDESK_STATE_DIR=$work/state NO_COLOR=1 CI=1

for c in ups fedex usps dhl; do
  "$bin" sandbox parcels --carrier $c | awk -v n="$PER" 'NR > 1 && NR <= n + 1 { print $1 }'
done | python3 -c 'import random,sys; l=sys.stdin.read().split(); random.Random(7).shuffle(l); print("\n".join(l))' > "$work/numbers.txt"
n=$(wc -l < "$work/numbers.txt")

# One counted run: requests per carrier from the sandbox's request log.
curl -fs -X DELETE "http://127.0.0.1:$port/_sandbox/requests" >/dev/null
"$bin" --no-cache track --from-file "$work/numbers.txt" --format ndjson > "$work/out.ndjson"
tracked=$(grep -c '"shipment":{' "$work/out.ndjson" || true)
counts=$(curl -fs "http://127.0.0.1:$port/_sandbox/requests" | python3 -c '
import json, sys, collections
r = json.load(sys.stdin); r = r.get("requests", r) if isinstance(r, dict) else r
c = collections.Counter()
for x in r:
    vendor = x["path"].split("/")[1]
    kind = "token" if "oauth" in x["path"] or "token" in x["path"] else "track"
    c[(vendor, kind)] += 1
for v in ["ups", "fedex", "usps", "dhl"]:
    print(v, c[(v, "track")], c[(v, "token")])
')

hyperfine --style basic --runs 5 --warmup 1 --export-json "$work/h.json" \
  "$bin --no-cache track --from-file $work/numbers.txt --format ndjson" > "$work/hyperfine.txt"
read -r median tmin_s tmax_s < <(python3 -c '
import json; r = json.load(open("'"$work/h.json"'"))["results"][0]
print("%.2f %.2f %.2f" % (r["median"], r["min"], r["max"]))')

out=benches/results/track.md
{
  echo "# track: $n mixed numbers at 50 ms latency"
  echo
  echo "Machine: $(nproc) cores, $(uname -sr); $(date -u +%Y-%m-%d). Reproduce: \`benches/track.sh\`."
  echo
  echo "Tracked: $tracked of $n (every number is one the sandbox's carriers know)."
  echo
  echo "| carrier | numbers | tracking requests | minimum | token requests | minimum |"
  echo "|---|---|---|---|---|---|"
  while read -r v track token; do
    case $v in
      ups) min=$PER; tmin=1;;
      dhl) min=$PER; tmin=0;;
      fedex) min=$(( (PER + 29) / 30 )); tmin=1;;
      usps) min=$(( (PER + 34) / 35 )); tmin=1;;
    esac
    echo "| $v | $PER | $track | $min | $token | $tmin |"
  done <<< "$counts"
  echo
  echo "Wall time (hyperfine, 5 runs, new process each): median ${median} s (min ${tmin_s}, max ${tmax_s})."
  echo
  echo "UPS and DHL take one number per request, so their 75 calls are the minimum; shopdesk keeps"
  echo "up to 8 of them in flight per carrier (a paced carrier — \`min_interval\`, DHL's free tier —"
  echo "goes one at a time), and the four carriers are asked concurrently: the ideal at 50 ms per"
  echo "answer is about 75 / 8 x 50 ms = 0.47 s plus a token round trip."
} > "$out"
cat "$out"
