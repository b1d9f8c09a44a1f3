"""Real `mkdocs build` runs of the sample site (tests/site/) with the installed mkdocs-archdiag wheel and
mkdocs-material: the SVG is in the HTML, byte for byte the native CLI's, hostile text only escaped, bad
blocks shown and warned about (--strict fails), ids disjoint, other code blocks exactly as without the
plugin, with material's superfences setup and with MkDocs' plain Markdown; the same sources give the
same bytes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MKDOCS, SITE, TIMINGS
from mkdocs_archdiag import fences

SVG = re.compile(r"<svg\b.*?</svg>", re.S)
FIGURE = re.compile(r'<figure class="archdiag[^"]*">.*?</figure>', re.S)
# What the core's SVG may hold (README, Security) and what the plugin wraps it in.
ALLOWED = {"svg", "title", "desc", "defs", "marker", "path", "rect", "text", "g", "line", "symbol", "use", "style", "circle", "figure", "div"}


def build(tmp: Path, config: str, *extra: str, cache: Path | None = None, name: str | None = None):
    """Runs mkdocs build; returns (site dir, exit code, log text, seconds)."""
    out = tmp / (name or config.replace(".yml", ""))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if cache is not None:
        env["ARCHDIAG_WASMTIME_CACHE"] = str(cache)
    start = time.perf_counter()
    run = subprocess.run(
        [str(MKDOCS), "build", "-f", str(SITE / config), "-d", str(out), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return out, run.returncode, run.stdout + run.stderr, time.perf_counter() - start


def article(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def blocks(md: str) -> list[str]:
    """The archdiag blocks' texts of a docs page, in order (the front matter does not hold any)."""
    return [f.text for f in fences.find((SITE / md).read_text(encoding="utf-8").split("\n"))]


def native_svg(native: Path, spec: str, prefix: str, theme: str | None) -> str:
    args = [str(native), "--spec", "-", "--id-prefix", prefix] + (["--theme", theme] if theme else [])
    run = subprocess.run(args, input=spec.encode(), capture_output=True, check=True)
    return run.stdout.decode().rstrip()


def ids(fragment: str) -> list[str]:
    return re.findall(r'\bid="([^"]*)"', fragment)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sites")
    cache = tmp / "wasmtime-cache"  # empty: the first build compiles the module
    got = {}
    for label, config, args in [
        ("superfences", "mkdocs-superfences.yml", ()),
        ("superfences-again", "mkdocs-superfences.yml", ()),
        ("plain", "mkdocs-plain.yml", ()),
        ("strict-bad", "mkdocs-superfences.yml", ("--strict",)),
        ("strict-clean", "mkdocs-clean.yml", ("--strict",)),
    ]:
        out, code, log, seconds = build(tmp, config, *args, cache=cache, name=label)
        got[label] = (out, code, log)
        TIMINGS.append(f"{label}: {seconds:.2f} s ({config} {' '.join(args)})".rstrip())
        found = re.search(r"archdiag: (\d+) diagrams drawn, (\d+) bad blocks.*?, ([\d.]+) s in the core", log)
        if found:
            TIMINGS.append(f"  {found.group(1)} diagrams, {found.group(2)} bad blocks, {found.group(3)} s in the core")
    # The same site without the plugin, to compare what the plugin must not touch.
    bare = SITE / "mkdocs-bare.yml"
    text = (SITE / "mkdocs-superfences.yml").read_text(encoding="utf-8")
    bare.write_text(re.sub(r"(?ms)^plugins:\n(  .*?\n)+", "plugins: []\n", text), encoding="utf-8")
    try:
        out, code, log, _ = build(tmp, "mkdocs-bare.yml", name="bare")
    finally:
        bare.unlink()
    got["bare"] = (out, code, log)
    return got


def test_builds_succeed(sites):
    for label in ("superfences", "superfences-again", "plain", "strict-clean", "bare"):
        out, code, log = sites[label]
        assert code == 0, f"{label}:\n{log}"
    assert "archdiag:" not in sites["strict-clean"][2].replace("archdiag: 1 diagrams drawn", "")


@pytest.mark.parametrize("label", ["superfences", "plain"])
def test_svg_in_html_equals_native(sites, native, label):
    out = sites[label][0]
    page = article(out / "index.html")
    figures = FIGURE.findall(page)
    specs = blocks("docs/index.md")
    assert len(figures) == len(specs) == 5
    for figure, spec in zip(figures, specs):
        svgs = SVG.findall(figure)
        if "archdiag-auto" in figure:
            assert len(svgs) == 2
            assert figure.startswith('<figure class="archdiag archdiag-auto"><div class="archdiag-light"><svg')
            themes = ["light", "dark"]
        else:
            assert len(svgs) == 1 and '"theme": "dark"' in spec
            themes = [None]
        for svg, theme in zip(svgs, themes):
            prefix = re.match(r'<svg[^>]*\bid="([^"]+)"', svg).group(1)
            assert svg == native_svg(native, spec, prefix, theme)
            assert "data-kind=" in svg and "data-managed-by=" in svg and "<title" in svg


def test_ids_disjoint_on_every_page(sites):
    for label in ("superfences", "plain"):
        for page in sorted(sites[label][0].rglob("*.html")):
            all_ids = ids(article(page)) if "<article" in page.read_text(encoding="utf-8") else []
            assert len(all_ids) == len(set(all_ids)), f"{label} {page}: repeated ids"
    # Two diagrams of one spec: prefixes of their own.
    page = article(sites["superfences"][0] / "index.html")
    third, fourth = FIGURE.findall(page)[2:4]
    assert set(ids(third)).isdisjoint(ids(fourth))


def test_no_script_and_hostile_text_only_escaped(sites):
    for label in ("superfences", "plain"):
        out = sites[label][0]
        bare = sites["bare"][0]
        for page in sorted(out.rglob("*.html")):
            text = page.read_text(encoding="utf-8")
            twin = (bare / page.relative_to(out)).read_text(encoding="utf-8")
            assert text.count("<script") == twin.count("<script"), page
        hostile = article(out / "hostile" / "index.html")
        for raw in ("<script>alert", "</svg><script>", "<img src=x", "<svg onload", "onerror=alert(2)>"):
            assert raw not in hostile
        assert "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
        assert "&lt;img src=x onerror=alert(2)&gt;" in hostile
        for figure in FIGURE.findall(hostile):
            tags = Tags()
            tags.feed(figure)
            assert tags.tags <= ALLOWED, tags.tags - ALLOWED
            assert not any(a.startswith("on") or a == "style" for a in tags.attributes)


def test_bad_blocks_in_place_and_warned(sites):
    for label in ("superfences", "plain"):
        out, _, log = sites[label]
        hostile = article(out / "hostile" / "index.html")
        assert '<p class="archdiag-error" role="alert">archdiag: spec is not valid JSON at line 1, column 41: trailing comma</p>' in hostile
        assert (
            '<p class="archdiag-error" role="alert">archdiag: service is &quot;&lt;script&gt;alert(5)&lt;/script&gt;&quot;; '
            "allowed: &quot;ecs&quot;, &quot;eks&quot;</p>"
        ) in hostile
        source = (SITE / "docs" / "hostile.md").read_text(encoding="utf-8").split("\n")
        line = source.index('{"service": "ecs", "hosting": "fargate",}')  # 0-based: the fence is the line before
        assert f"WARNING -  archdiag: hostile.md, block at line {line}: spec is not valid JSON at line 1, column 41: trailing comma" in log
    out, code, log = sites["strict-bad"]
    assert code != 0 and "Aborted with 2 warnings in strict mode" in log, log


def code_numbers_out(html: str) -> str:
    """superfences numbers a page's code blocks (__span-N-…, __codelineno-N-…); archdiag blocks drawn are
    no longer code blocks, so the numbers of those after them shift: compare without them."""
    return re.sub(r"(__span|__codelineno)-\d+-", r"\1-N-", html)


def test_other_code_blocks_untouched(sites):
    bare = sites["bare"][0]
    for page, marker in (("index.html", "json-block-marker"), ("nested/index.html", "json-in-list-marker")):
        want = [b for b in re.findall(r'<div class="language-json highlight">.*?</div>', code_numbers_out(article(bare / page)), re.S) if marker in b]
        got = [b for b in re.findall(r'<div class="language-json highlight">.*?</div>', code_numbers_out(article(sites["superfences"][0] / page)), re.S) if marker in b]
        assert want and got == want
    plain = article(sites["plain"][0] / "index.html")
    assert re.search(r'<pre><code class="language-json">\{&quot;service&quot;: &quot;ecs&quot;, .*json-block-marker', plain)
    # Examples of blocks inside code blocks stay code (and were not warned about: strict-clean passed).
    clean = article(sites["strict-clean"][0] / "index.html")
    assert len(FIGURE.findall(clean)) == 1
    assert clean.count("archdiag") >= 3 and "nodegroup" in clean and "trailing" not in sites["strict-clean"][2]


def test_nested_blocks_drawn_in_both_configs(sites):
    for label in ("superfences", "plain"):
        nested = article(sites[label][0] / "nested" / "index.html")
        assert len(FIGURE.findall(nested)) == 3, label
        assert re.search(r"<li>\s*<p>In a list item:</p>\s*<figure", nested)
        assert re.search(r'<div class="admonition note">\s*<p class="admonition-title">In an admonition</p>\s*<figure', nested)
        assert re.search(r"<blockquote>\s*<p>In a quote:</p>\s*<figure", nested)


def test_stylesheet_added(sites):
    out = sites["superfences"][0]
    css = (out / "assets" / "archdiag.css").read_text(encoding="utf-8")
    assert '[data-md-color-scheme="slate"] figure.archdiag > .archdiag-dark,\n[data-bs-theme="dark"] figure.archdiag > .archdiag-dark { display: block; }' in css
    assert "@media (prefers-color-scheme: dark)" in css
    assert 'href="assets/archdiag.css"' in (out / "index.html").read_text(encoding="utf-8")
    assert 'href="../assets/archdiag.css"' in (out / "hostile" / "index.html").read_text(encoding="utf-8")


def test_same_sources_same_bytes(sites):
    first, again = sites["superfences"][0], sites["superfences-again"][0]
    pages = sorted(p.relative_to(first) for p in first.rglob("*.html"))
    assert pages
    for page in pages:
        assert (first / page).read_bytes() == (again / page).read_bytes(), page


def test_hostile_page_names_and_huge_blocks(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    name = "evil\x1b[31m\u202eb.md"
    (docs / name).write_text('# Evil\n\n```archdiag\n{"service": "nope", "hosting": "ec2"}\n```\n', encoding="utf-8")
    huge = '{"title": "' + "x" * (9 << 20) + '"}'
    (docs / "index.md").write_text(f"# Huge\n\n```archdiag\n{huge}\n```\n\n" + "```archdiag\n" * 3000 + "\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    cache = json.dumps(str(tmp_path / "wasmtime-cache"))  # a YAML double-quoted string
    config.write_text(f"site_name: odd\ntheme: {{name: material, font: false}}\nplugins:\n  - archdiag: {{cache: {cache}}}\n", encoding="utf-8")
    start = time.perf_counter()
    run = subprocess.run(
        [str(MKDOCS), "build", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        timeout=300,
    )
    seconds = time.perf_counter() - start
    TIMINGS.append(f"odd names and a 9 MiB block: {seconds:.2f} s")
    log = run.stdout + run.stderr
    assert run.returncode == 0, log
    assert "archdiag: evil\\u{1b}[31m\\u{202e}b.md, block at line 3: service is" in log
    assert "\x1b" not in log and "\u202e" not in log
    assert "larger than 8388608 bytes" in log
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="archdiag-error" role="alert">archdiag: spec [^<]*larger than 8388608 bytes', page)
    assert seconds < 120
    shutil.rmtree(tmp_path / "site")
