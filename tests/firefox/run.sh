#!/usr/bin/env bash
# The auto-render in Firefox ESR: installs Debian's firefox-esr if missing and marionette-driver (pinned)
# into a venv under target/, serves www/ (or $ARCHDIAG_WWW) on a free port, runs tests/firefox/stacks.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v firefox-esr >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
fi
VENV=target/venv-firefox
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import marionette_driver" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "marionette-driver==3.7.1"
fi
log=$(mktemp)
# Port 8080: the mkdocs-material fixtures were built for http://127.0.0.1:8080 (their site_url), and
# material navigates client-side only within it.
PORT="${ARCHDIAG_FIREFOX_PORT:-8080}"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "tests/firefox/run.sh: port $PORT is in use (stop what serves there, e.g. scripts/serve.sh)" >&2
  exit 1
fi
PORT="$PORT" node --input-type=module -e '
import { serve } from "./scripts/serve.mjs";
const server = await serve({ port: Number(process.env.PORT), root: process.env.ARCHDIAG_WWW ? process.env.ARCHDIAG_WWW : undefined });
console.log(`http://127.0.0.1:${server.address().port}/`);
' > "$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do [ -s "$log" ] && break; sleep 0.1; done
"$VENV/bin/python" tests/firefox/stacks.py "$(head -1 "$log")" 2> >(grep -v '^mozversion INFO\|^1[0-9]\{12\}' >&2)
