"""Finds the ```archdiag and ~~~archdiag fenced blocks in Markdown lines, at any indentation or quote depth.

Guarantees: each line is classified once (no regular expression that can backtrack); an opening fence
that no later line can close is passed over at once, and the search for closing fences has a budget
per page, so a hostile page costs a bounded time (the blocks past the budget are left as written, and
the caller is told where); a fence is only reported when its closing fence is found (same prefix of spaces and `>`,
same character, at least as long), as Python-Markdown's fenced_code and pymdownx.superfences require;
an archdiag fence written inside another fenced block (a ````markdown example) is not reported; lines
are never changed here.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

LANGUAGE = "archdiag"


@dataclass(frozen=True)
class Fence:
    """One archdiag fenced block: lines[start] opens it, lines[end] closes it."""

    start: int
    end: int
    prefix: str
    """What stands before the fence on its opening line: spaces and `>` (a list item, an admonition, a quote)."""
    body: list[str]
    """The block's lines between the fences, without the prefix."""

    @property
    def text(self) -> str:
        """The spec as written in the block, one newline after each line."""
        return "".join(line + "\n" for line in self.body)


def _fence_line(line: str) -> tuple[str, str, int, str] | None:
    """(prefix, fence character, run length, what follows the run, stripped) if `line` is a fence line."""
    i = 0
    n = len(line)
    while i < n and line[i] in " >":
        i += 1
    if i == n or line[i] not in "`~":
        return None
    char = line[i]
    j = i
    while j < n and line[j] == char:
        j += 1
    if j - i < 3:
        return None
    rest = line[j:].strip(" ")
    if char == "`" and "`" in rest:
        return None
    return line[:i], char, j - i, rest


def is_archdiag(info: str) -> bool:
    """Whether a fence's info string names the archdiag language: `archdiag …` or `{.archdiag …}`."""
    if info.split(" ", 1)[0] == LANGUAGE:
        return True
    if info.startswith("{"):
        first = info[1:].replace("}", " ").split()
        return bool(first) and first[0] == "." + LANGUAGE
    return False


def _body_line(line: str, prefix: str) -> str | None:
    """A line inside a block with `prefix`, without it; None if the line is outside the block's container."""
    if line.startswith(prefix):
        return line[len(prefix):]
    if line.rstrip(" ") == prefix.rstrip(" "):
        return ""  # a blank line (in a quote: a bare `>`)
    return None


class Scan(list):
    """The fences found (a list of Fence), and `stopped_at`: the line where looking stopped because the
    page spent its budget (None when the whole page was looked at)."""

    stopped_at: int | None = None


def find(lines: list[str], budget: int | None = None) -> Scan:
    """Every archdiag fenced block in `lines`, in order.

    Looking for a closing fence visits lines; over the whole page at most `budget` such visits are made
    (by default 2,000,000 plus 20 per line), so a hostile page (thousands of fences that never close, or
    whose container ends first) costs a bounded time; the blocks after the point where it ran out are
    not reported, and `stopped_at` says where.
    """
    found = Scan()
    count = len(lines)
    fence_lines = [_fence_line(line) for line in lines]
    if budget is None:
        budget = 2_000_000 + 20 * count
    # Per (prefix, char): the positions of the lines that could close such a fence, and the longest run
    # at or after each, so an opening fence that nothing later can close is seen at once.
    closers: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
    for j, fl in enumerate(fence_lines):
        if fl is not None and fl[3] == "":
            closers.setdefault((fl[0], fl[1]), ([], []))
            positions, runs = closers[(fl[0], fl[1])]
            positions.append(j)
            runs.append(fl[2])
    for positions, runs in closers.values():
        for k in range(len(runs) - 2, -1, -1):
            runs[k] = max(runs[k], runs[k + 1])
    i = 0
    while i < count:
        opened = fence_lines[i]
        if opened is None:
            i += 1
            continue
        prefix, char, length, info = opened
        later = closers.get((prefix, char))
        k = bisect.bisect_right(later[0], i) if later else 0
        if not later or k == len(later[0]) or later[1][k] < length:
            i += 1  # nothing later can close it: text
            continue
        body: list[str] = []
        end = None
        j = i + 1
        while j < count:
            budget -= 1
            if budget < 0:
                found.stopped_at = i + 1
                return found
            candidate = fence_lines[j]
            if (
                candidate is not None
                and candidate[0] == prefix
                and candidate[1] == char
                and candidate[2] >= length
                and candidate[3] == ""
            ):
                end = j
                break
            inner = _body_line(lines[j], prefix)
            if inner is None:
                break
            body.append(inner)
            j += 1
        if end is None:
            # Not a fenced block (its container ended first): the opening line is text.
            i += 1
            continue
        if is_archdiag(info):
            found.append(Fence(start=i, end=end, prefix=prefix, body=body))
        i = end + 1
    return found
