#!/usr/bin/env bash
# Builds the fixture www/examples/hugo/ from www/examples/src/hugo/ with the real Hugo (Debian's package:
# apt-get install hugo; made with 0.111.3+extended), with Hugo's default Markdown and highlighting settings.
# Only index.html is written (no taxonomies, feeds, sitemap or 404 page).
#
#   bash scripts/examples/hugo.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v hugo >/dev/null; then
    echo "hugo.sh: needs Hugo: apt-get install hugo" >&2
    exit 2
fi
echo "hugo.sh: $(hugo version)"
out="$PWD/www/examples/hugo"
rm -rf "$out"
# No .hugo_build.lock or resources/ left in the source folder.
hugo --source www/examples/src/hugo --destination "$out" --quiet --noBuildLock --cleanDestinationDir
rm -rf www/examples/src/hugo/resources
echo "hugo.sh: wrote $out ($(find "$out" -type f | wc -l) files)"
