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
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
need curl python3 hyperfine
PER=${PER:-75}
serve --faults latency=50ms

for c in ups fedex usps dhl; do
  "$bin" sandbox parcels --carrier $c | awk -v n="$PER" 'NR > 1 && NR <= n + 1 { print $1 }'
done | python3 -c 'import random,sys; l=sys.stdin.read().split(); random.Random(7).shuffle(l); print("\n".join(l))' > "$work/numbers.txt"
n=$(wc -l < "$work/numbers.txt")

# One counted run: requests per carrier from the sandbox's request log.
sandbox_requests_reset
"$bin" --no-cache track --from-file "$work/numbers.txt" --format ndjson > "$work/out.ndjson"
tracked=$(grep -c '"shipment":{' "$work/out.ndjson" || true)
counts=$(curl -fs "$base/_sandbox/requests" | python3 -c '
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

# The fewest "tracking token" requests per carrier for $PER numbers: UPS and DHL take one number per
# request, FedEx 30, USPS 35; one OAuth token per carrier but DHL (an API key).
minimum() {
  case $1 in
    ups) echo "$PER 1" ;;
    dhl) echo "$PER 0" ;;
    fedex) echo "$(( (PER + 29) / 30 )) 1" ;;
    usps) echo "$(( (PER + 34) / 35 )) 1" ;;
  esac
}
out=benches/results/track.md
{
  echo "# track: $n mixed numbers at 50 ms latency"
  echo
  echo "Machine: $(machine). Reproduce: \`benches/track.sh\`."
  echo
  echo "Tracked: $tracked of $n (every number is one the sandbox's carriers know)."
  echo
  echo "| carrier | numbers | tracking requests | minimum | token requests | minimum |"
  echo "|---|---|---|---|---|---|"
  while read -r v track token; do
    read -r min tmin < <(minimum "$v")
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
read -r sent minimum < <(while read -r v track token; do
    read -r min tmin < <(minimum "$v")
    echo "$((track + token)) $((min + tmin))"
  done <<< "$counts" | awk '{s += $1; m += $2} END {print s, m}')
goal "track, $n numbers of 4 carriers: requests sent" "the minimum batching allows" "$sent sent, minimum $minimum" \
  "$([ "$sent" -le "$minimum" ] && echo met || echo missed)"
cat "$out"
