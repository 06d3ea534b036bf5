#!/usr/bin/env bash
# Start-up: `shopdesk --version` and `shopdesk --help` (process start, clap; no config read, no
# network) next to `gh --version` (Debian's gh, a Go binary of the same kind of tool) and
# `curl --version` (a small C program: the floor for "start a process and print a line").
# hyperfine without a shell (-N), 5 warm-ups, 50 runs each; ratios to `shopdesk --version`.
#
# Needs: hyperfine, gh, curl. Writes benches/results/startup.md.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
need hyperfine gh curl python3
export GH_NO_UPDATE_NOTIFIER=1
hyperfine --style basic -N --warmup 5 --runs 50 --export-json "$work/h.json" \
  -n 'shopdesk --version' "$bin --version" \
  -n 'shopdesk --help' "$bin --help" \
  -n 'gh --version' 'gh --version' \
  -n 'curl --version' 'curl --version' >&2

read -r sv _ _ < <(hf_ms "$work/h.json" 0)
read -r gv _ _ < <(hf_ms "$work/h.json" 2)
{
  echo "# Start-up"
  echo
  echo "Machine: $(machine). Reproduce: \`benches/startup.sh\`."
  echo
  echo "| command | median ms | min ms | max ms | ratio to \`shopdesk --version\` |"
  echo "|---|---:|---:|---:|---:|"
  hf_rows "$work/h.json" 0 0 0 0
  echo
  echo "Versions: $(gh --version | head -1); $(curl --version | head -1 | cut -d' ' -f1-2)."
} >"$RESULTS/startup.md"
goal "start-up: \`shopdesk --version\` vs \`gh --version\`" "none (comparison)" \
  "$sv ms vs $gv ms ($(python3 -c "print(f'{$gv / $sv:.1f}')")× faster)" "—"
cat "$RESULTS/startup.md"
