"""Unit tests of mkdocs-archdiag without a site build: the fence scanner, the Markdown extension (with a stand-in
drawer, under plain Markdown and under pymdownx.superfences), spec_theme, terminal_safe, the engine."""

from __future__ import annotations

import time

import markdown
import pytest

from mkdocs_archdiag import fences
from mkdocs_archdiag.engine import Engine, RenderError
from mkdocs_archdiag.extension import ArchdiagExtension
from mkdocs_archdiag.plugin import spec_theme, terminal_safe


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_fences_top_level_tilde_and_attribute_forms():
    found = fences.find(lines('```archdiag\n{"a": 1}\n```\n~~~ archdiag extra\nx\n~~~\n``` {.archdiag}\ny\n```\n```archdiagram\nz\n```'))
    assert [(f.start, f.end, f.text) for f in found] == [(0, 2, '{"a": 1}\n'), (3, 5, "x\n"), (6, 8, "y\n")]


def test_fences_nested_examples_are_not_blocks():
    text = "````markdown\n```archdiag\n{}\n```\n````\n~~~\n```archdiag\n~~~\n"
    assert fences.find(lines(text)) == []


def test_fences_indented_and_quoted():
    text = "1. item\n\n    ```archdiag\n    {\n\n      \"a\": 1}\n    ```\n\n> ```archdiag\n> q\n>\n> ```\n"
    found = fences.find(lines(text))
    assert [f.prefix for f in found] == ["    ", "> "]
    assert found[0].text == '{\n\n  "a": 1}\n'
    assert found[1].text == "q\n\n"


def test_fences_unclosed_or_broken_are_text():
    assert fences.find(lines("```archdiag\n{}\n")) == []
    # The list item ends (a line less indented) before the fence closes.
    assert fences.find(lines("    ```archdiag\n    {}\nout\n    ```\n")) == []
    # A shorter closing fence does not close; the longer one does.
    assert [f.text for f in fences.find(lines("````archdiag\n```\n````\n"))] == ["```\n"]


def test_fences_hostile_page_is_fast():
    # Openers that never close, of decreasing length (each one scans what follows it), and of one kind.
    page = [("`" * n) + "archdiag" for n in range(2000, 3, -1)] + ["```"] * 20000 + ["~~~~ archdiag"] * 20000
    # Openers in a list item whose item ends before the closing fence: each would scan to that end.
    page += ["  ```archdiag"] * 50000 + ["end of the item"] + ["  ```"]
    page += ["```archdiag", "{}", "```"]
    start = time.perf_counter()
    found = fences.find(page)
    assert time.perf_counter() - start < 10
    assert found.stopped_at is not None and found == []


def test_fences_budget_stops_and_says_where():
    page = ["```archdiag", "{}", "```"] + ["  ```archdiag"] * 300 + ["out", "  ```", "```archdiag", "{}", "```"]
    whole = fences.find(page)
    assert len(whole) == 2 and whole.stopped_at is None
    cut = fences.find(page, budget=1000)
    assert len(cut) == 1 and cut.stopped_at is not None and cut.stopped_at > 3


def drawn(texts):
    def draw(text, line, number):
        texts.append((text, line, number))
        return f'<figure class="archdiag">DRAWN-{number}</figure>'

    return draw


@pytest.mark.parametrize("extensions", [[], ["pymdownx.superfences"], ["fenced_code"]])
def test_extension_draws_only_what_reaches_the_page(extensions):
    source = "\n".join(
        [
            "# T",  # 1
            "",
            "```archdiag",  # 3
            "{\"x\": 1}",
            "```",
            "",
            "    ```archdiag",  # 7: an indented code block: stays code
            "    {\"y\": 2}",
            "    ```",
            "",
            "<!--",
            "```archdiag",  # 12: in a comment: not drawn
            "{\"z\": 3}",
            "```",
            "-->",
            "",
            "- item",
            "",
            "    ```archdiag",  # 19: in a list item
            "    {\"w\": 4}",
            "    ```",
            "",
            "```json",
            "{\"v\": 5}",
            "```",
        ]
    )
    seen = []
    out = markdown.Markdown(extensions=[ArchdiagExtension(drawn(seen)), *extensions]).convert(source)
    assert seen == [('{"x": 1}\n', 3, 1), ('{"w": 4}\n', 19, 2)]
    assert "<p><figure" not in out
    assert '<figure class="archdiag">DRAWN-1</figure>' in out
    assert "<li>\n<p>item</p>\n<figure class=\"archdiag\">DRAWN-2</figure>\n</li>" in out
    assert "<pre><code>```archdiag\n{\"y\": 2}\n```\n</code></pre>" in out
    # The JSON block comes out exactly as without the extension.
    alone = markdown.Markdown(extensions=list(extensions)).convert('```json\n{"v": 5}\n```')
    assert out.endswith(alone)
    assert "DRAWN-3" not in out and "wzxhzdk" not in out


def test_extension_in_raw_html_block_is_drawn_there():
    seen = []
    out = markdown.Markdown(extensions=[ArchdiagExtension(drawn(seen))]).convert("<div>\n```archdiag\n{}\n```\n</div>\n")
    assert len(seen) == 1 and "<div>" in out and "DRAWN-1" in out


def test_extension_drawn_once_with_toc_headings():
    seen = []
    md = markdown.Markdown(extensions=[ArchdiagExtension(drawn(seen)), "toc"])
    md.convert("# A\n\n## B\n\n```archdiag\n{}\n```\n\n## C\n")
    assert len(seen) == 1


def test_spec_theme():
    assert spec_theme('{"service": "ecs"}') == "follow"
    assert spec_theme('\ufeff{"theme": "AUTO"}') == "follow"
    assert spec_theme('{"theme": "Dark", "nodes": [{"theme": "light"}]}') == "dark"
    assert spec_theme('{"nodes": [{"theme": "light"}]}') == "follow"
    for undecided in ['{"theme": "blue"}', '{"theme": 1}', '{"theme": "dark", "theme": "light"}', "[1]", "{", ""]:
        assert spec_theme(undecided) is None, undecided


def test_terminal_safe():
    assert terminal_safe("a\x1b[31m\u202eb\\u{1b}.md") == "a\\u{1b}[31m\\u{202e}b\\\\u{1b}.md"


def test_engine_render_and_errors():
    engine = Engine(cache=False)
    try:
        svg = engine.render('{"service": "ecs", "hosting": "fargate"}', "t1", "dark")
        assert svg.startswith("<svg") and 'id="t1"' in svg
        assert engine.render('{"service": "ecs", "hosting": "fargate"}', "t1", "dark") == svg
        with pytest.raises(RenderError, match="trailing comma"):
            engine.render('{"service": "ecs", "hosting": "fargate",}')
        with pytest.raises(RenderError, match="larger than 8388608 bytes"):
            engine.render('{"title": "' + "x" * (9 << 20) + '"}')
    finally:
        engine.close()
