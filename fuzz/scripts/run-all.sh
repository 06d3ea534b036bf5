#!/usr/bin/env bash
# Run targets one after another, one process (one core) each, from fuzz/corpus-work/<target>
# (seeded from corpus-raw/ and the committed corpus). Usage: run-all.sh SECONDS TARGET...
set -u
cd "$(dirname "$0")/.."
secs=$1; shift
bin=target/x86_64-unknown-linux-gnu/release
mkdir -p logs artifacts
for t in "$@"; do
  mkdir -p "corpus-work/$t" "artifacts/$t"
  cp -n corpus-raw/"$t"/* "corpus-work/$t/" 2>/dev/null
  cp -n corpus/"$t"/* "corpus-work/$t/" 2>/dev/null
  echo "$(date -u +%FT%TZ) start $t ($secs s)" >> logs/chain.log
  "$bin/$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" "corpus-work/$t" > "logs/$t.log" 2>&1
  echo "$(date -u +%FT%TZ) end $t rc=$?" >> logs/chain.log
done
