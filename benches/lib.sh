# shellcheck shell=bash
# shellcheck disable=SC2034 # $token, $store_url, $base and $port are for the scripts that source this
# What every benchmark script shares, sourced first thing: the release binary, a scratch
# directory, a `shopdesk sandbox serve` on a free port with the profile it prints exported (as a
# user would paste it), the machine line, and the goal rows that `benches/all.sh` gathers into
# BENCHMARKS.md. One copy, so the scripts differ only in what they measure.
#
# Variables a script may set before sourcing:
#   BENCH_WORK_ON_DISK=1   scratch under target/tmp on the real disk instead of /tmp (fsyncs
#                          are part of what is measured)
# Environment:
#   SHOPDESK_BENCH_BUILT=1 skip `cargo build --release` (benches/all.sh builds once)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RESULTS=benches/results
mkdir -p "$RESULTS"
BENCH_NAME=$(basename "$0" .sh)

# Exits 2 naming every missing tool and the package to install.
need() {
  local missing=() t
  for t in "$@"; do
    case $t in
      time) [ -x /usr/bin/time ] || missing+=(time) ;;
      *) command -v "$t" >/dev/null || missing+=("$t") ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$0: missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
}

if [ "${SHOPDESK_BENCH_BUILT:-0}" != 1 ]; then
  echo "== building release" >&2
  cargo build --release --quiet
fi
bin=$PWD/target/release/shopdesk

if [ "${BENCH_WORK_ON_DISK:-0}" = 1 ]; then
  mkdir -p target/tmp
  work=$(mktemp -d -p "$PWD/target/tmp" "$BENCH_NAME.XXXXXX")
else
  work=$(mktemp -d)
fi
server=
# Scripts that start their own servers add their PIDs here so they are stopped on exit.
extra_pids=()

stop_sandbox() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    # `wait` reports the SIGTERM (143); under `set -e` that would end the script.
    wait "$server" 2>/dev/null || true
    server=
  fi
}

bench_cleanup() {
  stop_sandbox
  local p
  for p in "${extra_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap bench_cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# `sandbox serve` with the given flags on a free port. Sets $port and $base, writes the profile
# the banner prints to $work/config.toml and exports its secrets (PEM keys included) and the
# SHOPDESK_* variables that select it, with a fresh state directory per sandbox.
serve() {
  stop_sandbox
  port=$(free_port)
  base=http://127.0.0.1:$port
  "$bin" sandbox serve --port "$port" "$@" >"$work/serve.txt" 2>&1 &
  server=$!
  local _
  for _ in $(seq 600); do
    curl -fs -o /dev/null "$base/_sandbox/health" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.txt" >&2; echo "$0: the sandbox exited" >&2; exit 1; }
    sleep 0.1
  done
  curl -fs -o /dev/null "$base/_sandbox/health" || { echo "$0: the sandbox did not come up" >&2; exit 1; }
  sed -n '/^ *\[profiles.sandbox\]/,/^ *export/p' "$work/serve.txt" | grep -v '^ *export' | sed 's/^ *//' >"$work/config.toml"
  python3 - "$work/serve.txt" >"$work/env.sh" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for m in re.finditer(r"^ +export (\w+)=('[^']*'|\S+)", text, re.M):
    print(f"export {m.group(1)}={m.group(2)}")
PY
  # shellcheck disable=SC1091
  source "$work/env.sh"
  export SHOPDESK_CONFIG=$work/config.toml SHOPDESK_PROFILE=sandbox SHOPDESK_STATE_DIR=$work/state-$port NO_COLOR=1 CI=1
}

# The Shopify demo store's URL ($store_url) and an access token from the client-credentials
# grant with the demo credentials the banner prints ($token), for curl and other clients.
shopify_token() {
  store_url=$(awk '$1 == "shopify" && $2 == "shopify" {print $3; exit}' "$work/serve.txt")
  local client_id
  client_id=$(awk '$1 == "client_id" && NF == 2 {print $2; exit}' "$work/serve.txt")
  token=$(curl -fsS --data-urlencode grant_type=client_credentials --data-urlencode "client_id=$client_id" \
    --data-urlencode "client_secret=$SHOPDESK_SANDBOX_SHOPIFY_CLIENT_SECRET" \
    "$store_url/admin/oauth/access_token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
}

# The sandbox's request log: `sandbox_requests [PART]` prints the count (of requests whose path
# contains PART), `sandbox_requests_reset` clears it.
sandbox_requests() {
  curl -fs "$base/_sandbox/requests" | python3 -c 'import json,sys; r=json.load(sys.stdin); r=r.get("requests",r) if isinstance(r,dict) else r
print(sum(1 for x in r if sys.argv[1] in x["path"]))' "${1:-}"
}
sandbox_requests_reset() { curl -fs -X DELETE "$base/_sandbox/requests" >/dev/null; }

# "median min max" in milliseconds of hyperfine's result number $2 (from 0) in JSON file $1.
hf_ms() {
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]
print("%.1f %.1f %.1f" % (r["median"]*1e3, r["min"]*1e3, r["max"]*1e3))' "$1" "$2"
}

# Markdown rows "| command | median | min | max | ratio |" of hyperfine's results in JSON file $1;
# the i-th further argument is the result number row i's ratio is taken against.
hf_rows() {
  python3 - "$@" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
for i, ref in enumerate(map(int, sys.argv[2:])):
    ms = [r[i][k] * 1e3 for k in ("median", "min", "max")]
    print("| %s | %.1f | %.1f | %.1f | %.2f× |" % (r[i]["command"], *ms, r[i]["median"] / r[ref]["median"]))
PY
}

# One line naming the machine, for every results file.
machine() {
  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
  echo "$(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr); $(rustc --version | cut -d' ' -f1-2); shopdesk $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(date -u +%Y-%m-%dT%H:%MZ)"
}

# A goal row for BENCHMARKS.md's summary: goal "what" "goal" "measured" "met|missed|explained".
# Rows of one script replace that script's earlier rows.
goal_rows_started=
goal() {
  local file=$RESULTS/$BENCH_NAME.goals
  if [ -z "$goal_rows_started" ]; then : >"$file"; goal_rows_started=1; fi
  printf '| %s | %s | %s | %s | [%s](benches/results/%s.md) |\n' "$1" "$2" "$3" "$4" "$BENCH_NAME" "$BENCH_NAME" >>"$file"
}
