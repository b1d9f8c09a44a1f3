"""Shared settings of the mkdocs-archdiag tests: where the repository, the native CLI and the venv's mkdocs are,
and a summary of the build timings printed at the end of the run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SITE = HERE / "site"
NATIVE = Path(os.environ.get("ARCHDIAG_NATIVE", ROOT / "target" / "release" / "archdiag"))
MKDOCS = Path(sys.executable).with_name("mkdocs")

TIMINGS: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("mkdocs build timings")
        for line in TIMINGS:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def native() -> Path:
    if not NATIVE.is_file():
        pytest.fail(f"the native CLI is missing: {NATIVE} (cargo build --release, or set ARCHDIAG_NATIVE)")
    return NATIVE
