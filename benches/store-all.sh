#!/usr/bin/env bash
# `order search --store all --all` across the four sandbox stores (Shopify, WooCommerce,
# Magento, BigCommerce; 260 orders each, 1,040 in all) against each store alone.
#
# The stores are queried concurrently, so the merged run should take about as long as the
# slowest single store (goal: at most 1.2x), not the sum. Peak RSS shows that rows are streamed
# rather than collected. The Shopify cost bucket is opened wide (--throttle-restore) so that
# repeated runs measure shopdesk, not the throttle; the throttled case is in run.sh.
#
# With FAULTS=latency=50ms the sandbox adds 50 ms to every answer, as a remote vendor would:
# on this 2-core machine the emulators otherwise compete with the client for the same CPU, so
# the unloaded run measures the machine more than the concurrency (see the results file).
#
# Needs: hyperfine, GNU time (/usr/bin/time), curl. Writes benches/results/store-all[-FAULTS].md.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
need hyperfine time curl
faults=${FAULTS:-}
out=benches/results/store-all${faults:+-${faults//[^a-z0-9]/}}.md
serve --throttle-bucket 1000000 --throttle-restore 1000000 ${faults:+--faults "$faults"}

run() { "$bin" --no-cache --store "$1" order search --all --format ndjson > "$work/out-$1.ndjson"; }
for s in shopify woocommerce magento bigcommerce all; do run "$s"; echo "$s: $(wc -l < "$work/out-$s.ndjson") orders"; done
[ "$(wc -l < "$work/out-all.ndjson")" -ge 800 ] || { echo "expected >= 800 merged orders" >&2; exit 1; }

hyperfine --warmup 2 --runs 10 --export-json "$work/h.json" \
  -n shopify "$bin --no-cache --store shopify order search --all --format ndjson" \
  -n woocommerce "$bin --no-cache --store woocommerce order search --all --format ndjson" \
  -n magento "$bin --no-cache --store magento order search --all --format ndjson" \
  -n bigcommerce "$bin --no-cache --store bigcommerce order search --all --format ndjson" \
  -n all "$bin --no-cache --store all order search --all --format ndjson" > /dev/null

/usr/bin/time -v "$bin" --no-cache --store all order search --all --format ndjson > /dev/null 2> "$work/time.txt"
rss_kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt")

mkdir -p benches/results
python3 - "$work/h.json" "$rss_kb" "$(wc -l < "$work/out-all.ndjson")" "${faults:-none}" "$(machine)" > "$out" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["results"]
rss = int(sys.argv[2]); n = int(sys.argv[3]); faults = sys.argv[4]
med = {r["command"]: r["median"] for r in h}
singles = {k: v for k, v in med.items() if k != "all"}
slowest = max(singles, key=singles.get)
print("# `order search --store all --all` vs each store alone\n")
print(f"Machine: {sys.argv[5]}. Sandbox on loopback (faults: {faults}); 10 runs after 2 warm-ups (hyperfine).\n")
print("| run | median ms | min ms | max ms |\n|---|---:|---:|---:|")
for r in h:
    print(f"| {r['command']} | {r['median']*1000:.0f} | {r['min']*1000:.0f} | {r['max']*1000:.0f} |")
print(f"\n`--store all` returned {n} orders. Ratio to the slowest single store ({slowest}): "
      f"**{med['all']/singles[slowest]:.2f}x** (goal <= 1.2x); sum of the singles would be "
      f"{sum(singles.values())/singles[slowest]:.2f}x. Peak RSS of the merged run: {rss/1024:.1f} MiB.")
PY
cat "$out"
