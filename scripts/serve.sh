#!/usr/bin/env bash
# Installs what is needed, builds the web target and serves the page locally with a default diagram.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
python3 scripts/build.py web
exec node scripts/serve.mjs --port "${PORT:-8080}"
