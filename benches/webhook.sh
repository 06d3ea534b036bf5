#!/usr/bin/env bash
# `webhook listen` (release build, durable: every 200 means committed to SQLite with
# synchronous=FULL) against a minimal Flask receiver doing the same HMAC check and SQLite commit
# (benches/baselines/flask_webhook.py), both loaded by wrk on loopback with one signed Shopify
# delivery (fixed body, precomputed X-Shopify-Hmac-Sha256, a unique X-Shopify-Webhook-Id per
# request: benches/webhook.lua). `--rate-limit 0` so the receiver's per-source limit does not
# answer 429; no outputs (events are only stored).
#
# Goal (issue 6): >= 10x the baseline's requests/s, p99 <= 10 ms.
# Needs: wrk, python3 with flask (gunicorn used when installed), openssl, curl.
# CONNECTIONS (4), DURATION (10s), THREADS (2). Writes benches/results/webhook.md.
BENCH_WORK_ON_DISK=1 # the fsyncs are part of what is measured
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
need wrk python3 openssl curl
python3 -c 'import flask' 2>/dev/null || { echo "missing python3 flask (apt-get install python3-flask)" >&2; exit 2; }
CONNECTIONS=${CONNECTIONS:-4} DURATION=${DURATION:-10s} THREADS=${THREADS:-2}

secret=shpss_bench_$(openssl rand -hex 8)
body='{"id":820982911946154508,"email":"jon@example.com","total_price":"199.65","currency":"USD","line_items":[{"id":466157049,"sku":"IPOD2008GREEN","quantity":1,"price":"199.00"}],"financial_status":"paid"}'
export WH_BODY=$body WH_PATH=/webhooks/shop
WH_SIG=$(printf %s "$body" | openssl dgst -sha256 -hmac "$secret" -binary | base64)
export WH_SIG
wait_up() { for _ in $(seq 200); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done; echo "server did not start" >&2; exit 1; }
check_one() { # a signed delivery is accepted (and a wrong signature is not) before the load
  curl -fs -o /dev/null -X POST "$1" -H "X-Shopify-Hmac-Sha256: $WH_SIG" -H 'X-Shopify-Webhook-Id: probe' \
    -H 'X-Shopify-Topic: orders/create' -H 'Content-Type: application/json' --data-binary "$body"
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$1" -H 'X-Shopify-Hmac-Sha256: AAAA' \
    -H 'X-Shopify-Webhook-Id: probe2' -H 'Content-Type: application/json' --data-binary "$body")
  [ "$code" = 401 ] || { echo "a bad signature got $code" >&2; exit 1; }
}
load() { # $1 base URL, $2 label; prints the RESULT line
  WH_RUN="$2-warm" wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s benches/webhook.lua "$1" >/dev/null
  WH_RUN="$2" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s benches/webhook.lua "$1" \
    | tee "$work/$2.wrk" | grep '^RESULT'
}
field() { sed -n "s/.*[ ]$2=\([0-9]*\).*/\1/p" <<<"$1"; }

# shopdesk
port=$(free_port)
cat > "$work/config.toml" <<CFG
default_profile = "bench"
[profiles.bench.stores.shop]
platform = "shopify"
url = "https://example.myshopify.com"
auth = "token"
CFG
SHOPDESK_CONFIG=$work/config.toml SHOPDESK_STATE_DIR=$work/state SHOPDESK_WEBHOOK_DB=$work/shopdesk.sqlite3 \
  SHOPDESK_BENCH_SHOP_WEBHOOK_SECRET=$secret NO_COLOR=1 \
  "$bin" webhook listen --port "$port" --rate-limit 0 >"$work/listen.out" 2>"$work/listen.err" &
server=$!
wait_up "http://127.0.0.1:$port/healthz"
check_one "http://127.0.0.1:$port/webhooks/shop"
ours=$(load "http://127.0.0.1:$port" shopdesk)
stored_ours=$(curl -fs "http://127.0.0.1:$port/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accepted"])')
kill $server; wait $server || true; server=

# Flask baseline
port=$(free_port)
if command -v gunicorn >/dev/null; then
  how="gunicorn, 2 workers × 4 threads (gthread)"
  (cd benches/baselines && WEBHOOK_SECRET=$secret DB=$work/flask.sqlite3 exec gunicorn -q -w 2 -k gthread --threads 4 \
    -b "127.0.0.1:$port" flask_webhook:app) >/dev/null 2>"$work/flask.err" &
else
  how="Flask's development server (threaded; gunicorn is not installed)"
  WEBHOOK_SECRET=$secret DB=$work/flask.sqlite3 python3 benches/baselines/flask_webhook.py "$port" >/dev/null 2>"$work/flask.err" &
fi
server=$!
for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.05; done
check_one "http://127.0.0.1:$port/webhooks/shop"
theirs=$(load "http://127.0.0.1:$port" flask)
stored_theirs=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from events").fetchone()[0])' "$work/flask.sqlite3")
kill $server; wait $server 2>/dev/null || true; server=

rps() { python3 -c "print(round($(field "$1" requests) / ($(field "$1" duration_us) / 1e6)))"; }
ms() { python3 -c "print(f'{$(field "$1" "$2") / 1000:.2f}')"; }
r_ours=$(rps "$ours") r_theirs=$(rps "$theirs")
ratio=$(python3 -c "print(f'{$r_ours / max($r_theirs, 1):.1f}')")
fs=$(df -T "$work" | awk 'NR==2 {print $2}')
{
  echo "# webhook listen vs a minimal Flask receiver"
  echo
  echo "\`benches/webhook.sh\` on $(date -u +%Y-%m-%d): wrk $THREADS threads, $CONNECTIONS connections, $DURATION (after 2 s of warm-up),"
  echo "loopback, one signed Shopify delivery (${#body} bytes) with a unique webhook id per request."
  echo "Both verify the HMAC and commit the event to SQLite before answering 200."
  echo
  echo "| receiver | requests/s | p50 ms | p99 ms | max ms | non-2xx | socket errors | events stored |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  echo "| shopdesk webhook listen (release; WAL, synchronous=FULL, group commit) | $r_ours | $(ms "$ours" p50_us) | $(ms "$ours" p99_us) | $(ms "$ours" max_us) | $(field "$ours" non2xx) | $(field "$ours" errors) | $stored_ours |"
  echo "| Flask baseline ($how; connection per request, rollback journal, synchronous=FULL) | $r_theirs | $(ms "$theirs" p50_us) | $(ms "$theirs" p99_us) | $(ms "$theirs" max_us) | $(field "$theirs" non2xx) | $(field "$theirs" errors) | $stored_theirs |"
  echo
  echo "Throughput ratio: **${ratio}×** (goal ≥ 10×); shopdesk p99 $(ms "$ours" p99_us) ms (goal ≤ 10 ms)."
  echo "Events stored include the one probe delivery per receiver and the warm-up."
  echo
  echo "Machine: $(machine); database on $fs;"
  echo "wrk, the receiver and SQLite share these cores. Python $(python3 -c 'import sys; print(sys.version.split()[0])'), Flask $(python3 -c 'import importlib.metadata as m; print(m.version("flask"))')."
} > benches/results/webhook.md
goal "webhook receiver vs the Flask baseline (wrk): throughput" "≥ 10×" "$r_ours vs $r_theirs req/s: ${ratio}×" \
  "$(python3 -c "print('met' if $ratio >= 10 else 'missed')")"
goal "webhook receiver p99 latency" "≤ 10 ms" "$(ms "$ours" p99_us) ms" \
  "$(python3 -c "print('met' if $(ms "$ours" p99_us) <= 10 else 'missed')")"
cat benches/results/webhook.md
