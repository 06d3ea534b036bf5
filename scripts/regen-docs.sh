#!/usr/bin/env bash
# Regenerate the committed shell completions and man pages from the binary's clap tree.
# tests/cli.rs::generated_completions_and_man_pages_are_current fails until this is run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
b=target/debug/shopdesk
$b completions bash > completions/shopdesk.bash
$b completions zsh > completions/_shopdesk
$b completions fish > completions/shopdesk.fish
$b completions powershell > completions/_shopdesk.ps1
$b completions elvish > completions/shopdesk.elv
rm -rf man && $b man --out-dir man
