#!/usr/bin/env bash
# Rebuilds the real-tool fixtures www/examples/mkdocs-material/, mkdocs-material-plain/,
# mkdocs-material-custom-fence/ and sphinx/ from www/examples/src/ with pinned mkdocs-material and Sphinx
# (requirements-mkdocs-sphinx.txt) in target/venv-examples.
# Guarantees: the HTML is what the tools emit, untouched; only files a reader's browser never asks for are
# dropped (search index and worker, lunr, source maps, the gzipped sitemap, Sphinx's doctrees and
# inventory); each tool's licence is kept beside its assets; the same pins give the same bytes
# (SOURCE_DATE_EPOCH fixes the dates). The pages load /archdiag-docs.js: serve www/ at / (node scripts/serve.mjs).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/scripts/examples"
src="$root/www/examples/src"
venv="$root/target/venv-examples"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install --quiet -r "$here/requirements-mkdocs-sphinx.txt"
export SOURCE_DATE_EPOCH=315532800 NO_MKDOCS_2_WARNING=1
site_packages="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
licence() { # the licence file of an installed distribution
  find "$site_packages/$1"-*.dist-info -maxdepth 2 -name 'LICENSE*' | head -n 1
}
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

build_mkdocs() { # config file, fixture folder
  local out="$scratch/$2"
  "$venv/bin/mkdocs" build --strict --quiet -f "$src/mkdocs-material/$1" -d "$out"
  rm -rf "$out/assets/javascripts/lunr" "$out/assets/javascripts/workers" "$out/sitemap.xml.gz"
  find "$out" -name '*.map' -delete
  cp "$(licence mkdocs_material)" "$out/assets/LICENSE-mkdocs-material.txt"
  rm -rf "$root/www/examples/$2"
  mv "$out" "$root/www/examples/$2"
}
build_mkdocs mkdocs.yml mkdocs-material
build_mkdocs mkdocs-plain.yml mkdocs-material-plain
build_mkdocs mkdocs-custom-fence.yml mkdocs-material-custom-fence

out="$scratch/sphinx"
"$venv/bin/sphinx-build" -b html -E -W --keep-going -q "$src/sphinx" "$out" -d "$scratch/doctrees"
rm -f "$out/.buildinfo" "$out/objects.inv"
cp "$(licence sphinx)" "$out/_static/LICENSE-sphinx.rst"
cp "$(licence alabaster)" "$out/_static/LICENSE-alabaster.rst"
rm -rf "$root/www/examples/sphinx"
mv "$out" "$root/www/examples/sphinx"
echo "fixtures rebuilt: www/examples/mkdocs-material/ mkdocs-material-plain/ mkdocs-material-custom-fence/ sphinx/"
