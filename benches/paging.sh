#!/usr/bin/env bash
# Paging: `order search --all --format ndjson` through every order of the sandbox's Shopify store.
#
# 1. Under Shopify's throttle: 10,000 orders with the cost bucket set to a 2 requests/s
#    equivalent — it restores two pages' worth of points per second and holds two pages — so
#    the throttle, not the client, sets the pace. The allowed rate gives the shortest possible
#    wall time, (pages x page cost - bucket) / restore rate; the achieved share is that over the
#    measured wall time (goal >= 95 %). THROTTLED answers the sandbox sent are counted from its
#    request log (requests beyond one per page), and the run must exit 0 with nothing about
#    throttling on stderr: none surfaced to the user (goal 0).
# 2. Peak RSS (GNU time) streaming 10,000 and then 100,000 orders as NDJSON with the bucket
#    opened wide: rows are written as each page arrives, so memory should stay flat (goal
#    <= 40 MB at 100,000).
#
# Needs: GNU time, curl, python3. Writes benches/results/paging.md.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
need time curl python3

# Prints "wall_s rss_kb rows" of one paging run; stderr goes to $work/paging.err.
paging_run() {
  /usr/bin/time -v -o "$work/time.txt" "$bin" --no-cache order search --all --format ndjson \
    >"$work/rows.ndjson" 2>"$work/paging.err"
  local wall rss rows
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  rows=$(wc -l <"$work/rows.ndjson")
  echo "$wall $rss $rows"
}

# RSS at 10,000 and 100,000 orders, unthrottled; the 10,000-order run also tells the page cost.
declare -A rss wall
for n in 10000 100000; do
  echo "== streaming $n orders" >&2
  serve --orders "$n" --throttle-bucket 1e12 --throttle-restore 1e12
  if [ "$n" = 10000 ]; then
    # The page request exactly as sent (from -vv), sent again with curl for its cost.
    "$bin" --no-cache -vv order search --limit 1000 --format ndjson 2>"$work/vv.log" >/dev/null
    grep '^> {' "$work/vv.log" | head -1 | sed 's/^> //' >"$work/page.json"
    page=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["variables"]["first"])' "$work/page.json")
    shopify_token
    cost=$(curl -fsS -H "X-Shopify-Access-Token: $token" -H 'Content-Type: application/json' \
      --data-binary @"$work/page.json" "$store_url/admin/api/2026-10/graphql.json" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["extensions"]["cost"]["requestedQueryCost"])')
  fi
  read -r w r rows < <(paging_run)
  [ "$rows" -eq "$n" ] || { echo "streamed $rows orders, expected $n" >&2; cat "$work/paging.err" >&2; exit 1; }
  rss[$n]=$r wall[$n]=$w
done

echo "== 10000 orders under a 2 req/s-equivalent throttle (about 20 s)" >&2
bucket=$(python3 -c "print($cost * 2)") restore=$(python3 -c "print($cost * 2)")
serve --orders 10000 --throttle-bucket "$bucket" --throttle-restore "$restore"
sandbox_requests_reset
status=0
read -r tw _ trows < <(paging_run) || status=$?
[ "$trows" -eq 10000 ] || { echo "throttled run streamed $trows orders" >&2; cat "$work/paging.err" >&2; exit 1; }
requests=$(sandbox_requests graphql.json)
pages=$(( (10000 + page - 1) / page ))
surfaced=$(grep -ciE 'throttl|rate.?limit|429' "$work/paging.err" || true)
read -r tmin share < <(python3 -c "t = ($pages * $cost - $bucket) / $restore; print(f'{t:.2f} {t / $tw * 100:.1f}')")

mib() { python3 -c "print(f'{$1 / 1024:.1f}')"; }
{
  echo "# Paging: \`order search --all --format ndjson\`"
  echo
  echo "Machine: $(machine). Reproduce: \`benches/paging.sh\`."
  echo
  echo "## Under Shopify's throttle: 10,000 orders at a 2 requests/s equivalent"
  echo
  echo "Pages of $page orders cost $cost points each (the sandbox's \`requestedQueryCost\`, which is"
  echo "also what it charges). Bucket $bucket points, restoring $restore points/s: two pages a second."
  echo
  echo "| measure | value |"
  echo "|---|---:|"
  echo "| orders | $trows |"
  echo "| pages | $pages |"
  echo "| GraphQL requests sent (THROTTLED answers retried: $((requests - pages))) | $requests |"
  echo "| shortest wall time the throttle allows, (pages x cost - bucket) / restore | $tmin s |"
  echo "| wall time | $tw s |"
  echo "| **share of the allowed rate** (goal ≥ 95 %) | **$share %** |"
  echo "| exit status | $status |"
  echo "| throttling errors or warnings surfaced on stderr (goal 0) | **$surfaced** |"
  echo
  echo "The adapter reads \`extensions.cost.throttleStatus\` on every answer and waits until the bucket"
  echo "holds the next page's cost before sending it, so the sandbox rarely has to refuse a page."
  echo
  echo "## Peak RSS streaming NDJSON, bucket opened wide"
  echo
  echo "| orders | wall s | orders/s | peak RSS MiB |"
  echo "|---:|---:|---:|---:|"
  for n in 10000 100000; do
    echo "| $n | ${wall[$n]} | $(python3 -c "print(round($n / ${wall[$n]}))") | $(mib "${rss[$n]}") |"
  done
  echo
  echo "Ten times the orders, $(python3 -c "print(f'{(${rss[100000]} - ${rss[10000]}) / 1024:+.1f}')") MiB: rows are written as each page arrives, nothing is collected."
} >"$RESULTS/paging.md"
goal "\`order search --all\`, 10,000 orders under a 2 req/s-equivalent throttle: share of the allowed rate" "≥ 95 %" "$share %" \
  "$(python3 -c "print('met' if $share >= 95 else 'missed')")"
goal "the same: throttling surfaced to the user" "0" "$surfaced (exit $status)" \
  "$([ "$surfaced" = 0 ] && [ "$status" = 0 ] && echo met || echo missed)"
goal "peak RSS streaming 100,000 orders as NDJSON" "flat, ≤ 40 MB" "$(mib "${rss[100000]}") MiB (10,000: $(mib "${rss[10000]}") MiB)" \
  "$(python3 -c "print('met' if ${rss[100000]} * 1024 <= 40e6 and ${rss[100000]} - ${rss[10000]} < 4096 else 'missed')")"
cat "$RESULTS/paging.md"
