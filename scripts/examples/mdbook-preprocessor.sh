#!/usr/bin/env bash
# Builds tests/mdbook/book/ with the real mdBook and `archdiag mdbook` as its preprocessor (the book.toml
# there says `command = "archdiag mdbook"`, so this puts a fresh release build of archdiag first on PATH),
# then checks the built HTML: every block drawn (light and dark, or once for a themed spec), the three bad
# blocks as error paragraphs, no markup from a label, no id twice in print.html. Prints the time mdBook took.
#
#   bash scripts/examples/mdbook-preprocessor.sh [OUT]   # default: target/mdbook-example (MDBOOK=path)
set -euo pipefail
cd "$(dirname "$0")/../.."
mdbook="${MDBOOK:-mdbook}"
if ! command -v "$mdbook" >/dev/null; then
    echo "mdbook-preprocessor.sh: needs mdBook: cargo install mdbook --locked --version 0.5.4 (or MDBOOK=path)" >&2
    exit 2
fi
cargo build --release --bin archdiag --quiet
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release"
out="$(realpath -m "${1:-target/mdbook-example}")"
rm -rf "$out"
start=$(date +%s%N)
status=0
PATH="$bin:$PATH" "$mdbook" build tests/mdbook/book -d "$out" 2>"$out.log" || status=$?
cat "$out.log" >&2
[ "$status" -eq 0 ]
echo "mdbook-preprocessor.sh: $("$mdbook" --version) built the book in $(( ($(date +%s%N) - start) / 1000000 )) ms"
python3 - "$out" <<'PY'
import collections, pathlib, re, sys
out = pathlib.Path(sys.argv[1])
def page(name):
    return (out / name).read_text(encoding="utf-8")
fail = []
def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        fail.append(what)
presets, nested, errors, printed = page("presets.html"), page("nested/containers.html"), page("errors.html"), page("print.html")
count = lambda s, t: len(re.findall(t, s))
check(count(presets, r'<svg [^>]*class="archdiag"') == 5, "presets.html: 5 drawings (two blocks light and dark, one dark block once)")
check(count(nested, r'<svg [^>]*class="archdiag"') == 6, "nested/containers.html: 6 drawings (quote, list item, repeated spec)")
check(count(nested, r'<blockquote>\s*<p>A quote with a diagram in it:</p>\s*<figure class="archdiag">') == 1, "the quoted figure is inside its <blockquote>")
check(count(nested, r'<li>\s*<p>A list item with a diagram:</p>\s*<figure class="archdiag">') == 1, "the listed figure is inside its <li>")
check(count(errors, r'<p class="archdiag-error" role="alert">archdiag: ') == 3, "errors.html: 3 error paragraphs")
check("<script" not in errors.split("<main>")[1].split("</main>")[0], "errors.html: no <script> in the content")
check('<pre><code class="language-json">' in presets, "the json block is still code")
ids = collections.Counter(re.findall(r' id="([^"]+)"', printed))
twice = [i for i, n in ids.items() if n > 1]
check(not twice, f"print.html: {len(ids)} ids, none twice {twice[:5]}")
check(re.search(r'<link rel="stylesheet" href="archdiag(-[0-9a-f]+)?\.css">', presets), "archdiag.css is linked")
sys.exit(1 if fail else 0)
PY
warnings=$(grep -c '^warning: archdiag: ' "$out.log" || true)
echo "mdbook-preprocessor.sh: $warnings warnings from archdiag (3 expected); book in $out"
[ "$warnings" -eq 3 ]
