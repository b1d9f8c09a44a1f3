"""Runs archdiag's WASI command line (archdiag.wasm, shipped in this package) with the wasmtime package.

Guarantees: the module is compiled once per process and per wasm file (and, with a cache, once per
machine: wasmtime's own compilation cache); each diagram runs in a fresh instance that is given no directory and no
environment variable, only its arguments and its spec on stdin; a run that takes longer than `timeout` seconds or grows past `memory` bytes is stopped and
reported like a bad spec, never hangs the build; the result is the CLI's exact stdout (the SVG, the
same bytes as the native CLI) or its one-line error message. Spec text over the core's limit is cut to
that limit plus one byte before it is handed over, so the core refuses it without the whole text being
copied.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import wasmtime

SPEC_LIMIT = 8 * 1024 * 1024
"""The core's limit on spec text, in bytes (README, Security: Limits)."""

DEFAULT_WASM = Path(__file__).with_name("archdiag.wasm")


class RenderError(Exception):
    """A spec the core refused (its one-line message), or a run that was stopped."""


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: bytes
    stderr: bytes


def _cache_config(cache: bool | str) -> str | bool:
    """What to give wasmtime's Config.cache: False, True (its default directory) or a config file path."""
    if cache is True or cache is False:
        return cache
    directory = Path(cache).expanduser().resolve()
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "wasmtime-cache.toml"
    # A TOML basic string: JSON's escapes for backslash and quote are TOML's too.
    path = str(directory).replace("\\", "\\\\").replace('"', '\\"')
    text = f'[cache]\ndirectory = "{path}"\n'
    if not config.exists() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")
    return str(config)


_COMPILED: dict[tuple, tuple[wasmtime.Engine, wasmtime.Module, wasmtime.Linker]] = {}
_COMPILED_LOCK = threading.Lock()


def _compiled(wasm: Path, cache: bool | str):
    """The engine, compiled module and WASI linker for `wasm`, made once per process."""
    stat = wasm.stat()
    key = (str(wasm.resolve()), stat.st_size, stat.st_mtime_ns, cache)
    with _COMPILED_LOCK:
        if key not in _COMPILED:
            config = wasmtime.Config()
            config.epoch_interruption = True
            if cache is not False:  # off is wasmtime's default, and setting it False is an error
                config.cache = _cache_config(cache)
            engine = wasmtime.Engine(config)
            module = wasmtime.Module.from_file(engine, str(wasm))
            linker = wasmtime.Linker(engine)
            linker.define_wasi()
            _COMPILED[key] = (engine, module, linker)
        return _COMPILED[key]


class Engine:
    """archdiag's CLI under WASI: `render` draws a spec, `run` gives any invocation's exit code and output."""

    def __init__(
        self,
        wasm: str | os.PathLike | None = None,
        cache: bool | str = True,
        timeout: float = 60.0,
        memory: int = 1 << 30,
    ):
        self.wasm = Path(wasm) if wasm else DEFAULT_WASM
        if not self.wasm.is_file():
            raise FileNotFoundError(f"archdiag: the WASI module is missing: {self.wasm}")
        self.cache = cache
        self.timeout = timeout
        self.memory = memory
        self._lock = threading.Lock()
        self._dir: str | None = None

    def _files(self) -> tuple[str, str, str]:
        """Paths of the stdin, stdout and stderr files of a run (one private directory per engine)."""
        if self._dir is None or not os.path.isdir(self._dir):
            self._dir = tempfile.mkdtemp(prefix="mkdocs-archdiag-")
        return tuple(os.path.join(self._dir, name) for name in ("stdin", "stdout", "stderr"))  # type: ignore[return-value]

    def close(self) -> None:
        """Removes the private directory (the compiled module stays cached for the process)."""
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def run(self, args: list[str], stdin: bytes = b"") -> Outcome:
        """Runs `archdiag ARGS` with `stdin`; a stopped run is exit code 2 with a one-line message."""
        engine, module, linker = _compiled(self.wasm, self.cache)
        with self._lock:
            stdin_path, stdout_path, stderr_path = self._files()
            with open(stdin_path, "wb") as f:
                f.write(stdin)
            # Files rather than in-memory callbacks: wasmtime calls output callbacks from its own threads,
            # and one still registered when Python exits makes it panic on the way out.
            wasi = wasmtime.WasiConfig()
            wasi.argv = ["archdiag", *args]
            wasi.stdin_file = stdin_path
            wasi.stdout_file = stdout_path
            wasi.stderr_file = stderr_path
            store = wasmtime.Store(engine)
            store.set_limits(memory_size=self.memory)
            store.set_wasi(wasi)
            store.set_epoch_deadline(1)
            timer = threading.Timer(self.timeout, engine.increment_epoch)
            timer.daemon = True
            timer.start()
            stopped = None
            try:
                instance = linker.instantiate(store, module)
                instance.exports(store)["_start"](store)
                code = 0
            except wasmtime.ExitTrap as e:
                code = e.code
            except (wasmtime.Trap, wasmtime.WasmtimeError) as e:
                code = 2
                stopped = str(e).strip().split("\n")[0]
                if timer.finished.is_set() or "interrupt" in stopped:
                    stopped = f"the diagram took longer than {self.timeout:g} s and was stopped"
            finally:
                timer.cancel()
                del store
            with open(stdout_path, "rb") as f:
                out = f.read()
            with open(stderr_path, "rb") as f:
                err = f.read()
        if stopped is not None:
            return Outcome(2, b"", f"error: the WebAssembly program stopped: {stopped}\n".encode())
        return Outcome(code, out, err)

    def render(self, spec: str, id_prefix: str | None = None, theme: str | None = None) -> str:
        """The SVG of `spec` (drawn with `id_prefix` and `theme` when given); RenderError with the CLI's message."""
        args = ["--spec", "-"]
        if id_prefix is not None:
            args += ["--id-prefix", id_prefix]
        if theme is not None:
            args += ["--theme", theme]
        data = spec.encode("utf-8", errors="surrogatepass")[: SPEC_LIMIT + 1]
        outcome = self.run(args, data)
        if outcome.code != 0:
            raise RenderError(message_of(outcome.stderr))
        return outcome.stdout.decode("utf-8")


def message_of(stderr: bytes) -> str:
    """The CLI's one-line message without its `error: ` label."""
    text = stderr.decode("utf-8", errors="replace").strip()
    line = text.split("\n")[0] if text else "the diagram could not be drawn (no message)"
    return line[len("error: "):] if line.startswith("error: ") else line
