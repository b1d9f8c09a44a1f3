#!/usr/bin/env bash
# Installs what is needed, builds every target and runs every test: formatting, clippy, the Rust tests
# (units, goldens, layout invariants on presets and the whole corpus, errors, CLI), the wasm-bindgen
# tests in headless Chromium, a fuzzing smoke run, and the Node tests (WASI = native bytes, the Node package,
# the hostile catalogue in Node and WASI, the page end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Cargo probes rustc with /dev/null as its input; if /dev/null has become a regular file (seen on a
# machine here, holding other commands' output), every probe fails with a baffling parse error.
if [ ! -c /dev/null ]; then
  echo "/dev/null is not a character device: recreate it (rm /dev/null && mknod -m 666 /dev/null c 1 3)" >&2
  exit 2
fi

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native, and the browser-only code for wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
step "cargo test (release, every scene verified)"
cargo test --release --features verify
step "build: wasm-pack.toml matrix, then the npm package"
python3 scripts/build.py
node scripts/package.mjs
step "wasm-bindgen tests in headless Chromium"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" wasm-pack test --headless --chrome --release -- --test web
step "fuzz smoke: every kept crash case, then each cargo-fuzz target for 15 s (nightly)"
bash scripts/fuzz-smoke.sh 15
step "node tests (WASI, Node build, npm package, labels in Chromium, page and docs embedding end to end)"
node --test tests/js/
step "the build-time plugins in real Docusaurus, VitePress and Astro builds (from the packed tarball)"
node --test tests/docs-builds/
step "the MkDocs plugin: a real mkdocs build with mkdocs-material (PyPI) and the WASI core under wasmtime"
bash integrations/mkdocs/test.sh
step "the auto-render on the docs-stack fixtures in Firefox ESR"
bash tests/firefox/run.sh
