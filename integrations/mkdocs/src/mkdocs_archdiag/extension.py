"""A Python-Markdown extension that replaces each archdiag fenced block with the HTML a callback draws for it.

Guarantees: it runs before fenced_code and pymdownx.superfences (so it works with either, or neither),
on fences at any depth (lists, admonitions, tabs, quotes); a fence that Markdown reads as the text of
an indented code block is put back as it was written and stays code; only blocks that reach the page
are drawn (so an example inside a code block or an HTML comment is neither drawn nor warned about), in
document order, each exactly once; the callback's HTML goes through Python-Markdown's HTML stash, so
no Markdown processing touches it; other code blocks are not changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import fences

# After normalize_whitespace (30: tabs expanded, line ends normalised, which would also strip the stash's
# placeholder characters) and before fenced_code and superfences (25).
PREPROCESSOR_PRIORITY = 29
# After the list indent processor (90: a list item's content is parsed again, dedented, where this one
# runs too) and before the indented code block processor (80).
REVERT_PRIORITY = 85
# Last but one of the tree processors (after inline, 20, and toc, 5; before unescape, 0): once per
# conversion, unlike a postprocessor, which toc also runs on each heading's text.
DRAW_PRIORITY = 1

PLACEHOLDER_MARK = "\x02wzxhzdk:"


@dataclass
class Block:
    """One archdiag block of the page being converted."""

    key: int
    placeholder: str
    fence: fences.Fence
    opening: str
    closing: str
    reverted: bool = False

    @property
    def line(self) -> int:
        """The line (1-based, in the Markdown given to the converter) of the opening fence."""
        return self.fence.start + 1

    def written(self) -> list[str]:
        """The block's lines as written, without the fence's prefix."""
        return [self.opening, *self.fence.body, self.closing]


Draw = Callable[[str, int, int], str]
"""draw(spec text, line of the opening fence, number of the diagram on the page from 1) -> HTML."""


class _State:
    def __init__(self) -> None:
        self.blocks: list[Block] = []


class _Fences(Preprocessor):
    def __init__(self, md: Markdown, state: _State, stopped: Callable[[int], None] | None):
        super().__init__(md)
        self.state = state
        self.stopped = stopped

    def run(self, lines: list[str]) -> list[str]:
        self.state.blocks = []
        if not any(fences.LANGUAGE in line for line in lines):
            return lines
        found = fences.find(lines)
        if found.stopped_at is not None and self.stopped is not None:
            self.stopped(found.stopped_at)
        if not found:
            return lines
        out: list[str] = []
        at = 0
        for fence in found:
            out.extend(lines[at : fence.start])
            key = self.md.htmlStash.html_counter
            placeholder = self.md.htmlStash.store("")
            blank = fence.prefix.rstrip(" ")
            # The placeholder alone in its paragraph, so the figure replaces the paragraph, not sits in it.
            if out and out[-1].strip(" >"):
                out.append(blank)
            out.append(fence.prefix + placeholder)
            following = lines[fence.end + 1] if fence.end + 1 < len(lines) else ""
            if following.strip(" >"):
                out.append(blank)
            self.state.blocks.append(
                Block(
                    key=key,
                    placeholder=placeholder,
                    fence=fence,
                    opening=lines[fence.start][len(fence.prefix) :],
                    closing=lines[fence.end][len(fence.prefix) :],
                )
            )
            at = fence.end + 1
        out.extend(lines[at:])
        return out


class _RevertInCode(BlockProcessor):
    """An indented code block holding a placeholder gets the fence's text back, then is code as usual."""

    def __init__(self, parser, state: _State):
        super().__init__(parser)
        self.state = state

    def test(self, parent, block: str) -> bool:
        return (
            block.startswith(" " * self.tab_length)
            and PLACEHOLDER_MARK in block
            and any(b.placeholder in block for b in self.state.blocks)
        )

    def run(self, parent, blocks: list[str]):
        text = blocks.pop(0)
        for b in self.state.blocks:
            if b.placeholder not in text:
                continue
            lines = text.split("\n")
            for i, line in enumerate(lines):
                at = line.find(b.placeholder)
                if at < 0:
                    continue
                lead = line[:at]
                restored = [(lead + w).rstrip(" ") if not w else lead + w for w in b.written()]
                lines[i : i + 1] = restored
                break
            text = "\n".join(lines)
            b.reverted = True
        blocks.insert(0, text)
        return False  # the indented code block processor takes it from here


def _in_comment(html: str, at: int) -> bool:
    """Whether position `at` of raw HTML lies inside an <!-- comment -->."""
    opened = html.rfind("<!--", 0, at)
    return opened >= 0 and html.rfind("-->", opened, at) < 0


class _Draw(Treeprocessor):
    """Once per conversion, after the tree is built: draws each block whose placeholder reached the page."""

    def __init__(self, md: Markdown, state: _State, draw: Draw):
        super().__init__(md)
        self.state = state
        self.draw = draw

    def run(self, root):
        blocks = [b for b in self.state.blocks if not b.reverted]
        if not blocks:
            return None
        in_tree = "".join(
            piece for el in root.iter() for piece in (el.text, el.tail) if piece and PLACEHOLDER_MARK in piece
        )
        stash = self.md.htmlStash.rawHtmlBlocks
        raw = [h for h in stash if isinstance(h, str) and PLACEHOLDER_MARK in h]
        number = 0
        for b in blocks:
            if b.placeholder not in in_tree:
                # Inside raw HTML (a <div>, <details>): drawn there, as fenced_code would show it there;
                # inside a comment, or dropped by another extension: not drawn, not reported.
                if not any((at := h.find(b.placeholder)) >= 0 and not _in_comment(h, at) for h in raw):
                    continue
            number += 1
            stash[b.key] = self.draw(b.fence.text, b.line, number)
        return None


class ArchdiagExtension(Extension):
    """Draws archdiag fenced blocks with `draw` (see Draw); `stopped(line)` hears when a hostile page made
    the fence search stop at that line (the blocks after it are left as written)."""

    def __init__(self, draw: Draw, stopped: Callable[[int], None] | None = None, **kwargs):
        self.draw = draw
        self.stopped = stopped
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        state = _State()
        md.preprocessors.register(_Fences(md, state, self.stopped), "archdiag_fences", PREPROCESSOR_PRIORITY)
        md.parser.blockprocessors.register(_RevertInCode(md.parser, state), "archdiag_revert", REVERT_PRIORITY)
        md.treeprocessors.register(_Draw(md, state, self.draw), "archdiag_draw", DRAW_PRIORITY)
