#!/usr/bin/env python3
"""Builds the mkdocs-archdiag wheel: copies pkg/wasi/archdiag.wasm and LICENSE into the package, then `pip wheel`.

Usage: python3 integrations/mkdocs/build.py [--wasm PATH] [--out DIR]   (default DIR: target/mkdocs-dist)
Guarantees: fails, saying what to run, when the WASI module is missing; refuses a package version that
differs from Cargo.toml's; the wheel's file dates are fixed (SOURCE_DATE_EPOCH), so the same inputs give
the same wheel; prints the wheel's path as the last line.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def version_of(text: str, where: str) -> str:
    m = re.search(r'(?m)^version = "([^"]+)"', text)
    if not m:
        sys.exit(f"build.py: no version in {where}")
    return m.group(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wasm", default=str(ROOT / "pkg" / "wasi" / "archdiag.wasm"))
    ap.add_argument("--out", default=str(ROOT / "target" / "mkdocs-dist"))
    args = ap.parse_args()
    wasm = Path(args.wasm)
    if not wasm.is_file():
        sys.exit(f"build.py: {wasm} is missing; build it first: python3 scripts/build.py wasi")
    crate = version_of((ROOT / "Cargo.toml").read_text(encoding="utf-8"), "Cargo.toml")
    package = version_of((HERE / "pyproject.toml").read_text(encoding="utf-8"), "pyproject.toml")
    init = re.search(r'__version__ = "([^"]+)"', (HERE / "src" / "mkdocs_archdiag" / "__init__.py").read_text(encoding="utf-8"))
    if package != crate or not init or init.group(1) != crate:
        sys.exit(f"build.py: versions differ: Cargo.toml {crate}, pyproject.toml {package}, __init__.py {init and init.group(1)}")
    shutil.copyfile(wasm, HERE / "src" / "mkdocs_archdiag" / "archdiag.wasm")
    shutil.copyfile(ROOT / "LICENSE", HERE / "LICENSE")
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("mkdocs_archdiag-*.whl"):
        old.unlink()
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "315532800")  # 1980-01-01, the earliest date a zip can hold
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    # setuptools builds in a build/ folder beside the sources; give it a scratch copy instead so the
    # source tree stays clean and no stale file of an earlier build gets in.
    with tempfile.TemporaryDirectory(prefix="mkdocs-archdiag-build-") as scratch:
        tree = Path(scratch) / "src"
        shutil.copytree(HERE, tree, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", "tests", "test.sh"))
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(tree)],
            check=True,
            env=env,
        )
    wheels = sorted(out.glob("mkdocs_archdiag-*.whl"))
    if len(wheels) != 1:
        sys.exit(f"build.py: expected one wheel in {out}, found {len(wheels)}")
    print(wheels[0])


if __name__ == "__main__":
    main()
