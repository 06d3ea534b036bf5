#!/usr/bin/env bash
# What recording support actions costs a command, and what a flush sends.
#
# Against `sandbox serve` (release build), with the profile it prints:
# 1. `order get 1001` with SHOPDESK_TRACK_ACTIONS=0 and =1 (hyperfine, 20 runs each). With 1,
#    the command appends one event per service to the local queue and starts the detached
#    flush; nothing is sent on the command's path, so the two should be within noise.
# 2. The 300 `tracking_check` events of a `track` of 300 numbers, queued by a run whose
#    analytics services point at a closed port (its background flush fails and gives them
#    back), then one `analytics flush` against the emulators: wall time and requests per
#    service (Mixpanel takes up to 2,000 events per /import, GA4 up to 25 per /mp/collect).
#
# Needs: curl, python3, hyperfine. Writes benches/results/analytics.md.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
need curl python3 hyperfine
serve

hyperfine --style basic --runs 20 --warmup 2 --export-json "$work/h.json" \
  -n off "SHOPDESK_TRACK_ACTIONS=0 $bin --no-cache order get 1001" \
  -n on "SHOPDESK_TRACK_ACTIONS=1 $bin --no-cache order get 1001" > "$work/hyperfine.txt"
sleep 2 # let the last background flushes finish

# Queue the events of a 300-number track while the services are unreachable, then flush.
"$bin" sandbox parcels | awk 'NR > 1 && NR <= 301 { print $1 }' > "$work/numbers.txt"
sed -E "s#url = \"http://127.0.0.1:$port/(mixpanel|ga4)\"#url = \"http://127.0.0.1:9/\\1\"#" "$work/config.toml" > "$work/down.toml"
SHOPDESK_CONFIG=$work/down.toml SHOPDESK_TRACK_ACTIONS=1 "$bin" --no-cache track --from-file "$work/numbers.txt" --format ndjson > /dev/null || true
# The background flush fails against the closed port (after its retries) and gives them back.
for _ in $(seq 600); do
  "$bin" analytics status --json 2>/dev/null | python3 -c 'import json,sys; b=json.load(sys.stdin); sys.exit(0 if b and all(x["last_error"] for x in b) else 1)' && break
  sleep 0.1
done
queued=$("$bin" analytics status --json 2>/dev/null | python3 -c 'import json,sys; print(sum(b["pending"] for b in json.load(sys.stdin)))')
sandbox_requests_reset
start=$(python3 -c 'import time; print(time.time())')
"$bin" analytics flush --json > "$work/flush.json"
flush_s=$(python3 -c "import time; print('%.2f' % (time.time() - $start))")
requests=$(curl -fs "$base/_sandbox/requests" | python3 -c '
import json, sys, collections
r = json.load(sys.stdin); r = r.get("requests", r) if isinstance(r, dict) else r
c = collections.Counter(x["path"] for x in r)
print(", ".join(f"{p} {n}" for p, n in sorted(c.items())))')
read -r off_med off_min off_max on_med on_min on_max < <(python3 -c '
import json; r = json.load(open("'"$work/h.json"'"))["results"]
print(" ".join("%.1f" % (x[k] * 1000) for x in r for k in ("median", "min", "max")))')

out=benches/results/analytics.md
{
  echo "# analytics: what recording support actions costs"
  echo
  echo "Machine: $(machine); release build, \`sandbox serve\` on loopback."
  echo
  echo "## \`order get 1001\` (hyperfine, 20 runs)"
  echo
  echo "| events | median | min | max |"
  echo "|---|---|---|---|"
  echo "| off (SHOPDESK_TRACK_ACTIONS=0) | ${off_med} ms | ${off_min} ms | ${off_max} ms |"
  echo "| on (queued, detached flush) | ${on_med} ms | ${on_min} ms | ${on_max} ms |"
  echo
  echo "## one \`analytics flush\` of a 300-number \`track\`'s events"
  echo
  echo "- queued rows (events × services): $queued"
  echo "- wall time: ${flush_s} s"
  echo "- requests: $requests"
  echo "- result: \`$(tr -d '\n' < "$work/flush.json")\`"
} > "$out"
cat "$out"
