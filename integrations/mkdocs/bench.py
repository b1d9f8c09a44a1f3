#!/usr/bin/env python3
"""Times the plugin's engine on N preset specs: compile once (a fresh Engine, wasmtime's cache off), one fresh
instance per diagram (what the plugin does), against compiling per diagram and against the CLI's batch mode
(`archdiag render DIR -o DIR`, one instance for all), and a compile served from wasmtime's cache. Prints milliseconds; changes nothing.

Usage (the venv of test.sh, after it ran): target/venv-mkdocs/bin/python integrations/mkdocs/bench.py [N]
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import tempfile
import time

from mkdocs_archdiag import engine as engine_module
from mkdocs_archdiag.engine import Engine

PRESETS = [("ecs", "ec2"), ("ecs", "fargate"), ("eks", "ec2"), ("eks", "nodegroup"), ("eks", "fargate"), ("eks", ["nodegroup", "fargate"])]


def specs(n: int) -> list[str]:
    out = []
    for i, ((service, hosting), azs) in enumerate(itertools.product(PRESETS, range(1, 7))):
        if i == n:
            break
        out.append(json.dumps({"service": service, "hosting": hosting, "azs": azs}))
    while len(out) < n:
        out.append(out[len(out) % 36])
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    texts = specs(n)
    engine_module._COMPILED.clear()
    e = Engine(cache=False)
    start = time.perf_counter()
    e.render(texts[0], "warm")
    first = time.perf_counter() - start
    start = time.perf_counter()
    for i, text in enumerate(texts):
        e.render(text, f"p{i}", "light")
    each = time.perf_counter() - start
    print(f"compile + first diagram: {first * 1000:.0f} ms")
    print(f"{n} diagrams, one instance each (compiled once): {each * 1000:.0f} ms, {each / n * 1000:.1f} ms per diagram")

    k = 3
    start = time.perf_counter()
    for i in range(k):
        engine_module._COMPILED.clear()
        Engine(cache=False).render(texts[i], f"c{i}")
    per_compile = (time.perf_counter() - start) / k
    print(f"compiling per diagram: {per_compile * 1000:.0f} ms per diagram (mean of {k}), {per_compile * n:.1f} s for {n}")

    with tempfile.TemporaryDirectory() as cache:
        engine_module._COMPILED.clear()
        Engine(cache=cache).render(texts[0], "fill")  # fills wasmtime's cache
        engine_module._COMPILED.clear()
        start = time.perf_counter()
        Engine(cache=cache).render(texts[0], "hit")
        print(f"compile from wasmtime's cache + first diagram: {(time.perf_counter() - start) * 1000:.0f} ms")

    with tempfile.TemporaryDirectory() as d:
        src, out = os.path.join(d, "in"), os.path.join(d, "out")
        os.mkdir(src)
        for i, text in enumerate(texts):
            with open(os.path.join(src, f"d{i:03}.json"), "w") as f:
                f.write(text)
        import wasmtime

        eng, module, linker = engine_module._compiled(e.wasm, False)
        start = time.perf_counter()
        store = wasmtime.Store(eng)
        wasi = wasmtime.WasiConfig()
        wasi.argv = ["archdiag", "render", "in", "-o", "out"]
        wasi.preopen_dir(d, ".")
        wasi.stdout_file = os.path.join(d, "stdout")
        wasi.stderr_file = os.path.join(d, "stderr")
        store.set_wasi(wasi)
        store.set_epoch_deadline(1 << 40)
        try:
            linker.instantiate(store, module).exports(store)["_start"](store)
        except wasmtime.ExitTrap as x:
            assert x.code == 0, open(os.path.join(d, "stderr")).read()
        batch = time.perf_counter() - start
        assert len(os.listdir(out)) == n
    print(f"batch mode (archdiag render, one instance, files): {batch * 1000:.0f} ms, {batch / n * 1000:.1f} ms per diagram")
    e.close()


if __name__ == "__main__":
    main()
