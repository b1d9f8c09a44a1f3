"""The `archdiag` MkDocs plugin: every ```archdiag fenced block becomes its SVG in the built HTML (no JS for readers).

Guarantees: the SVG is the core's, byte for byte (the same as `archdiag --spec - --id-prefix P --theme T`
natively); every diagram on a page has an id prefix of its own (`ad` + 6 hex digits of the page's path
+ `-N`, and `l`/`d` after it for the light and dark renders; a spec's own `id_prefix` is replaced), so
its ids never collide with another diagram's on the page, nor, but for a 1 in 16 million chance of two
page paths sharing the 6 digits, with those of another page shown beside it (a blog index); a spec without a theme (or `auto`) is drawn in light and in dark and the stylesheet the
plugin adds shows the one that matches the site's palette, then the system's (pure CSS: works under a
strict CSP); a bad block is a warning naming the page, the block's line and the core's message (so
`mkdocs build --strict` fails) and, in place of the diagram, that message HTML-escaped in
`<p class="archdiag-error" role="alert">`; no text of the page or of a block reaches the HTML except
through the core's SVG or that escaping; the same sources give the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import time
from collections import OrderedDict

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from . import engine as engine_module
from .extension import ArchdiagExtension
from .style import SCHEME_NAME, stylesheet

log = logging.getLogger("mkdocs.plugins.archdiag")

# Characters a page path must not bring into a terminal line: C0/C1 controls, bidi marks, separators.
_UNSAFE = {*range(0, 32), 127, *range(128, 160), 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029}


def _escape_unsafe(text: str) -> str:
    return "".join(f"\\u{{{ord(ch):x}}}" if ord(ch) in _UNSAFE else ch for ch in text)


def terminal_safe(text: str) -> str:
    """`text` (a page path) with characters that could drive a terminal or reorder a line written as
    \\u{..} escapes, and a backslash that would start one doubled, as the CLI writes its messages."""
    return _escape_unsafe(text.replace("\\u{", "\\\\u{"))


def spec_theme(text: str) -> str | None:
    """What the spec says about its theme: "light"/"dark" (drawn as is), "follow" (no theme, or auto), or
    None when that cannot be told (not JSON, not an object, a repeated or odd theme): drawn as written,
    so the core judges it (a theme flag would override a bad theme and hide the error)."""
    if len(text) > engine_module.SPEC_LIMIT:
        return None
    last: list = []

    def keep(pairs):
        # Called as each object closes, so the last call is the top-level object's.
        last[:] = pairs
        return dict(pairs)

    try:
        decoded = json.loads(text.lstrip("\ufeff"), object_pairs_hook=keep)
    except (ValueError, RecursionError):
        return None
    if not isinstance(decoded, dict):
        return None
    themes = [v for k, v in last if k == "theme"]
    if not themes:
        return "follow"
    if len(themes) > 1 or not isinstance(themes[0], str):
        return None
    value = themes[0].lower()
    if value == "auto":
        return "follow"
    return value if value in ("light", "dark") else None


class _Renders:
    """The SVGs (or errors) drawn in this process, by spec text, prefix and theme: `mkdocs serve` redraws
    only what changed. Bounded by total size; the oldest go first."""

    def __init__(self, limit: int = 64 << 20):
        self.limit = limit
        self.size = 0
        self.items: OrderedDict[tuple, tuple[bool, str]] = OrderedDict()

    def get(self, key):
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key, value: tuple[bool, str]) -> None:
        cost = len(key[0]) + len(value[1])
        if cost > self.limit:
            return
        self.items[key] = value
        self.size += cost
        while self.size > self.limit:
            old_key, old = self.items.popitem(last=False)
            self.size -= len(old_key[0]) + len(old[1])


_RENDERS = _Renders()


class ArchdiagConfig(base.Config):
    theme = c.Choice(("auto", "light", "dark"), default="auto")
    """How a spec without a theme (or with `auto`) is drawn: both renders, switched by the stylesheet, or one."""
    dark_schemes = c.ListOfItems(c.Type(str), default=["slate"])
    """mkdocs-material palette schemes that are dark (custom ones too)."""
    stylesheet = c.Type(str, default="assets/archdiag.css")
    """Where the stylesheet goes in the site (added to extra_css); empty: add none."""
    wasm = c.Optional(c.File(exists=True))
    """Another archdiag.wasm (WASI) than the one in the package."""
    cache = c.Type((bool, str), default=True)
    """wasmtime's compilation cache: true (its default directory), false, or a directory."""
    timeout = c.Type((int, float), default=60)
    """Seconds one diagram may take before it is stopped (reported like a bad block)."""


class ArchdiagPlugin(BasePlugin[ArchdiagConfig]):
    def __init__(self):
        self.engine: engine_module.Engine | None = None
        self.page = None
        self.offset = 0
        self.drawn = 0
        self.failed = 0
        self.seconds = 0.0
        self.pages: set[str] = set()

    def on_config(self, config):
        for name in self.config.dark_schemes:
            if not SCHEME_NAME.match(name):
                raise PluginError(f"archdiag: dark_schemes: {name!r} is not a scheme name (letters, digits, - and _)")
        try:
            self.engine = engine_module.Engine(self.config.wasm, cache=self.config.cache, timeout=float(self.config.timeout))
        except FileNotFoundError as e:
            raise PluginError(str(e)) from e
        self.drawn = self.failed = 0
        self.seconds = 0.0
        self.pages = set()
        config.markdown_extensions.append(ArchdiagExtension(self._draw, self._stopped))
        sheet = self.config.stylesheet
        if sheet and sheet not in config.extra_css:
            config.extra_css.append(sheet)
        return config

    def on_files(self, files, config):
        sheet = self.config.stylesheet
        if sheet:
            if files.get_file_from_path(sheet) is not None:
                log.warning(f"archdiag: {terminal_safe(sheet)} is in the docs already; the plugin's stylesheet is not written (set the plugin's stylesheet option to another path)")
            else:
                files.append(File.generated(config, sheet, content=stylesheet(self.config.dark_schemes)))
        return files

    @event_priority(-100)  # last, so the Markdown seen here is the Markdown converted
    def on_page_markdown(self, markdown, page, config, files):
        self.page = page
        self.offset = 0
        try:
            source = page.file.content_string
        except Exception:  # a generated page without a source
            source = None
        if source and markdown and source.endswith(markdown):
            self.offset = source[: len(source) - len(markdown)].count("\n")
        return markdown

    def _page_name(self) -> str:
        return self.page.file.src_uri if self.page is not None else "(a page)"

    def _render(self, text: str, prefix: str, theme: str | None) -> str:
        key = (text, prefix, theme, str(self.engine.wasm))
        found = _RENDERS.get(key)
        if found is None:
            start = time.perf_counter()
            try:
                found = (True, self.engine.render(text, prefix, theme))
            except engine_module.RenderError as e:
                found = (False, str(e))
            self.seconds += time.perf_counter() - start
            _RENDERS.put(key, found)
        ok, value = found
        if not ok:
            raise engine_module.RenderError(value)
        return value

    def _stopped(self, line: int) -> None:
        log.warning(
            f"archdiag: {terminal_safe(self._page_name())}: too many fences that never close; the archdiag "
            f"blocks from line {line + self.offset} on were not looked at and are left as written"
        )

    def _draw(self, text: str, line: int, number: int) -> str:
        """The HTML for one block: its figure, or its error message (and a warning)."""
        name = self._page_name()
        self.pages.add(name)
        base_prefix = "ad" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:6] + f"-{number}"
        said = spec_theme(text)
        try:
            if said in ("light", "dark") or said is None:
                svg = self._render(text, base_prefix, None)
                figure = f'<figure class="archdiag">{svg.rstrip()}</figure>'
            elif self.config.theme != "auto":
                svg = self._render(text, base_prefix, self.config.theme)
                figure = f'<figure class="archdiag">{svg.rstrip()}</figure>'
            else:
                light = self._render(text, base_prefix + "l", "light")
                dark = self._render(text, base_prefix + "d", "dark")
                figure = (
                    f'<figure class="archdiag archdiag-auto"><div class="archdiag-light">{light.rstrip()}</div>'
                    f'<div class="archdiag-dark">{dark.rstrip()}</div></figure>'
                )
        except engine_module.RenderError as e:
            self.failed += 1
            message = str(e)
            log.warning(f"archdiag: {terminal_safe(name)}, block at line {line + self.offset}: {_escape_unsafe(message)}")
            return f'<p class="archdiag-error" role="alert">archdiag: {html.escape(message, quote=True)}</p>'
        self.drawn += 1
        return figure

    def on_post_build(self, config):
        if self.drawn or self.failed:
            log.info(
                f"archdiag: {self.drawn} diagrams drawn, {self.failed} bad blocks, on {len(self.pages)} pages, "
                f"{self.seconds:.2f} s in the core (the module's compilation included)"
            )
        if self.engine is not None:
            self.engine.close()

    def on_build_error(self, error):
        if self.engine is not None:
            self.engine.close()
