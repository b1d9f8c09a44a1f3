#!/usr/bin/env bash
# Builds the fixture www/examples/mdbook/ from www/examples/src/mdbook/ with the real mdBook, without the
# archdiag preprocessor: the archdiag blocks stay code blocks (highlight.js runs on them at load) for the
# browser's auto-render to find. Fonts the theme never asks for are left out (and their @font-face rules
# with them, so nothing 404s); mdBook's licence is kept beside the files it covers.
#
#   bash scripts/examples/mdbook.sh            # mdbook on PATH, or MDBOOK=/path/to/mdbook
#
# Made with mdBook 0.5.4 (cargo install mdbook --locked --version 0.5.4; see www/examples/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
mdbook="${MDBOOK:-mdbook}"
if ! command -v "$mdbook" >/dev/null; then
    echo "mdbook.sh: needs mdBook: cargo install mdbook --locked --version 0.5.4 (or MDBOOK=path)" >&2
    exit 2
fi
echo "mdbook.sh: $("$mdbook" --version)"
out="$PWD/www/examples/mdbook"
rm -rf "$out"
"$mdbook" build www/examples/src/mdbook -d "$out"

# Open Sans in the weights and styles the theme's CSS uses (200 falls back to 300, 600, 700/bold, normal and
# italic); the light italic, the semibold and bold italics and the extra bold ones are never asked for.
python3 - "$out" <<'PY'
import glob, os, re, sys
out = sys.argv[1]
unused = ("-300italic-", "-600italic-", "-700italic-", "-800-", "-800italic-")
for css in glob.glob(os.path.join(out, "fonts", "fonts-*.css")):
    text = open(css, encoding="utf-8").read()
    rules = re.split(r"(?=/\* open-sans-|/\* source-code-pro-)", text)
    kept = [r for r in rules if not any(u in r for u in unused)]
    open(css, "w", encoding="utf-8").write("".join(kept))
for font in glob.glob(os.path.join(out, "fonts", "*.woff2")):
    if any(u in os.path.basename(font) for u in unused):
        os.remove(font)
PY
# mdBook's front end (its theme, book.js, searcher.js, toc.js, CSS) is MPL-2.0: its licence goes with it.
license="$(find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -path '*/mdbook-html-*/LICENSE' 2>/dev/null | sort | tail -1)"
if [ -n "$license" ]; then
    cp "$license" "$out/LICENSE-mdBook.txt"
else
    echo "mdbook.sh: mdBook's LICENSE not found in the cargo registry; keep www/examples/mdbook/LICENSE-mdBook.txt by hand" >&2
fi
echo "mdbook.sh: wrote $out ($(du -sh "$out" | cut -f1), $(find "$out" -type f | wc -l) files)"
