#!/usr/bin/env bash
# `order get` against `sandbox serve --orders 10000`, next to the same requests sent by curl and
# by the scripts people write today (benches/baselines/shopify_order_get.py with the official
# ShopifyAPI library, requests_order_get.py with plain requests; versions pinned in
# benches/baselines/requirements.txt).
#
# `order get 1001` is two requests (OrderByName resolves #1001 to its id, then OrderById fetches
# the order). curl sends the same two bodies in one process over one kept-alive connection, as
# shopdesk does; the Python scripts send them through ShopifyAPI or requests. `order get <gid>` is one
# request and is compared with curl sending just that one. All hit the same sandbox, so the gaps
# are the clients' own costs: start-up, config, credentials, decoding, rendering.
#
# The bodies are captured from `shopdesk -vv` (request bodies are logged in full; only secrets
# and response PII are redacted). The token is one the sandbox issues through the
# client-credentials grant with the demo credentials its banner prints, fetched once, so every
# client sends the same static header and none pays for a grant per run. No response cache.
#
# Needs: hyperfine, curl, jq, python3 (with venv; the baseline's packages are installed from
# PyPI into target/bench-venv on first use). Writes benches/results/order-get.md.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
need hyperfine curl jq python3
venv=${BENCH_VENV:-$PWD/target/bench-venv}
if ! "$venv/bin/python" -c 'import shopify' 2>/dev/null; then
  echo "== installing the Python baseline into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r benches/baselines/requirements.txt
fi

serve --orders 10000 --throttle-bucket 1e12 --throttle-restore 1e12
shopify_token
cat >"$work/config.toml" <<CFG
default_profile = "bench"
[profiles.bench]
cache_ttl_secs = 0
[profiles.bench.stores.demo]
platform = "shopify"
url = "$store_url"
auth = "token"
CFG
export SHOPDESK_PROFILE=bench SHOPDESK_BENCH_DEMO_ACCESS_TOKEN=$token SHOPIFY_ACCESS_TOKEN=$token
gql_url="$store_url/admin/api/2026-10/graphql.json"

"$bin" -vv order get 1001 2>"$work/vv.log" >/dev/null
grep '^> {' "$work/vv.log" | sed 's/^> //' >"$work/bodies"
[ "$(wc -l <"$work/bodies")" -eq 2 ] || { echo "expected 2 request bodies:" >&2; cat "$work/vv.log" >&2; exit 1; }
sed -n 1p "$work/bodies" >"$work/by_name.json"
sed -n 2p "$work/bodies" >"$work/by_id.json"
gid=$(jq -r '.variables.id' "$work/by_id.json")
py="$venv/bin/python benches/baselines/shopify_order_get.py $store_url $work/by_name.json $work/by_id.json"
rq="$venv/bin/python benches/baselines/requests_order_get.py $store_url $work/by_name.json $work/by_id.json"
for script in "$py" "$rq"; do
  $script | grep -q '^#1001 ' || { echo "a Python baseline did not print #1001: $script" >&2; $script; exit 1; }
done
h=(-H "X-Shopify-Access-Token: $token" -H 'Content-Type: application/json' -H 'Accept: application/json')
by_name_args="-fsS -o /dev/null ${h[*]@Q} --data-binary @$work/by_name.json $gql_url"
by_id_args="-fsS -o /dev/null ${h[*]@Q} --data-binary @$work/by_id.json $gql_url"

hyperfine --style basic --warmup 3 --runs 30 -N --export-json "$work/h.json" \
  -n 'shopdesk order get 1001 (2 requests)' "$bin order get 1001" \
  -n 'curl, the same 2 requests, 1 process' "curl $by_name_args --next $by_id_args" \
  -n 'Python ShopifyAPI script, the same 2 requests' "$py" \
  -n 'Python requests script, the same 2 requests' "$rq" \
  -n 'shopdesk order get <gid> (1 request)' "$bin order get $gid" \
  -n 'curl, the same 1 request' "curl $by_id_args" >&2

read -r ours _ _ < <(hf_ms "$work/h.json" 0)
read -r curl2 _ _ < <(hf_ms "$work/h.json" 1)
read -r python _ _ < <(hf_ms "$work/h.json" 2)
read -r requests_ms _ _ < <(hf_ms "$work/h.json" 3)
{
  echo "# \`order get\` vs curl and the ShopifyAPI script"
  echo
  echo "Machine: $(machine). Reproduce: \`benches/order-get.sh\`."
  echo "Sandbox: \`sandbox serve --orders 10000\`, cost bucket opened wide; 3 warm-ups, 30 runs each (hyperfine -N)."
  echo
  echo "| command | median ms | min ms | max ms | ratio to shopdesk (same requests) |"
  echo "|---|---:|---:|---:|---:|"
  # The first four against shopdesk's 2-request row, the last two against its 1-request row.
  hf_rows "$work/h.json" 0 0 0 0 4 4
  echo
  echo "Python $("$venv/bin/python" -c 'import sys; print(sys.version.split()[0])'), $("$venv/bin/python" -c 'import importlib.metadata as m; print(", ".join(f"{p} {m.version(p)}" for p in ("ShopifyAPI", "requests")))'); $(curl --version | head -1 | cut -d' ' -f1-2)."
  echo "The Python rows include the interpreter's start and the libraries' import (what a support"
  echo "engineer's script pays on every run); both scripts are in benches/baselines/."
} >"$RESULTS/order-get.md"
goal "\`order get 1001\` vs the ShopifyAPI script, same 2 requests" "none (comparison)" \
  "$ours ms vs $python ms: $(python3 -c "print(f'{$python / $ours:.1f}')")× faster" "—"
goal "\`order get 1001\` vs the plain requests script, same 2 requests" "none (comparison)" \
  "$ours ms vs $requests_ms ms: $(python3 -c "print(f'{$requests_ms / $ours:.1f}')")× faster" "—"
goal "\`order get 1001\` vs curl, same 2 requests" "none (comparison)" "$ours ms vs $curl2 ms" "—"
cat "$RESULTS/order-get.md"
