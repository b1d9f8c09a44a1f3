#!/usr/bin/env bash
# Builds the fixture www/examples/jekyll/ from www/examples/src/jekyll/ with the real Jekyll (Debian's
# package: apt-get install jekyll; made with 4.3.1, kramdown 2.4.0, kramdown-parser-gfm 1.1.0, Rouge
# 3.30.0), with Jekyll's defaults (kramdown's GFM input, Rouge highlighting).
#
#   bash scripts/examples/jekyll.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v jekyll >/dev/null; then
    echo "jekyll.sh: needs Jekyll: apt-get install jekyll" >&2
    exit 2
fi
echo "jekyll.sh: $(jekyll --version)"
out="$PWD/www/examples/jekyll"
rm -rf "$out"
jekyll build --source www/examples/src/jekyll --destination "$out" --quiet --disable-disk-cache
echo "jekyll.sh: wrote $out ($(find "$out" -type f | wc -l) files)"
