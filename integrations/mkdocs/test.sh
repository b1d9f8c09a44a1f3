#!/usr/bin/env bash
# Tests the MkDocs plugin end to end: builds the wheel (build.py, from pkg/wasi/archdiag.wasm), installs it with
# pinned mkdocs-material and wasmtime from PyPI in target/venv-mkdocs, and runs the unit tests and real
# `mkdocs build` runs of tests/site/ (pytest). Needs pkg/wasi/archdiag.wasm (python3 scripts/build.py wasi)
# and the native CLI for byte comparisons: ARCHDIAG_NATIVE, default target/release/archdiag.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/target/venv-mkdocs"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install --quiet -r "$here/tests/requirements.txt"
wheel="$("$venv/bin/python" "$here/build.py" --out "$root/target/mkdocs-dist" | tail -n 1)"
"$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps "$wheel"
export ARCHDIAG_NATIVE="${ARCHDIAG_NATIVE:-$root/target/release/archdiag}"
cd "$here/tests"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider .
