#!/usr/bin/env bash
# Installs what is needed, builds every target and runs every test: formatting, clippy, the Rust tests
# (units, goldens, layout invariants on presets and the whole corpus, errors, CLI), the wasm-bindgen
# tests in headless Chromium, and the Node tests (WASI = native bytes, the Node package, the page end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Runs a step that drives cargo. Cargo caches its probe of rustc in target/.rustc_info.json, failures
# included; on this machine that probe has been seen to fail at random ("failed to run `rustc` to learn
# about target-specific information", rustc reading stray text as its input), and the cached failure then
# breaks every later step. Such a step runs again with the cache cleared, up to four more times (the
# probe comes before any compiling, so a retry costs little); any other failure stands.
run() {
  local log rc attempt
  log=$(mktemp)
  for attempt in 1 2 3 4 5; do
    set +e
    "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    if [ "$rc" -eq 0 ] || ! grep -q "to learn about target-specific information" "$log"; then
      break
    fi
    rm -f target/.rustc_info.json
    echo "(cargo's probe of rustc failed, attempt $attempt: cleared its cache)"
    sleep 5
  done
  rm -f "$log"
  return "$rc"
}

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native, and the browser-only code for wasm32)"
run cargo clippy --all-targets -- -D warnings
run cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
step "cargo test (release)"
run cargo test --release
step "build: wasm-pack.toml matrix, then the npm package"
run python3 scripts/build.py
node scripts/package.mjs
step "wasm-bindgen tests in headless Chromium"
run env CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" wasm-pack test --headless --chrome --release -- --test web
step "node tests (WASI, Node build, npm package, labels in Chromium, page and docs embedding end to end)"
node --test tests/js/
