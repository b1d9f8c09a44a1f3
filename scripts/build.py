#!/usr/bin/env python3
"""Builds every artifact of the build matrix in wasm-pack.toml (or only those named on the command line)
and runs binaryen's wasm-opt (from node_modules) on each .wasm. Prints raw and gzipped sizes."""
import gzip
import json, os, shutil, subprocess, sys, tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WASM_FEATURES = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
                 "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"]


def run(cmd, env=None):
    print("+ " + " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True, env=env)


def profile_env(t):
    """The release profile with the target's own opt-level (size for the browser, speed for the CLI)."""
    env = dict(os.environ)
    if "opt-level" in t:
        env["CARGO_PROFILE_RELEASE_OPT_LEVEL"] = str(t["opt-level"])
    return env


def wasm_opt(path, flags):
    exe = os.path.join(ROOT, "node_modules", ".bin", "wasm-opt")
    if not os.path.exists(exe):
        sys.exit("error: node_modules/.bin/wasm-opt is missing; run scripts/setup.sh first")
    run([exe, *flags, *WASM_FEATURES, path, "-o", path])


def main():
    with open(os.path.join(ROOT, "wasm-pack.toml"), "rb") as f:
        matrix = tomllib.load(f)["target"]
    wanted = set(sys.argv[1:])
    unknown = wanted - {t["name"] for t in matrix}
    if unknown:
        sys.exit(f"error: unknown target(s) {sorted(unknown)}; the matrix has {[t['name'] for t in matrix]}")
    for t in matrix:
        if wanted and t["name"] not in wanted:
            continue
        out = os.path.join(ROOT, t["out-dir"])
        if t["tool"] == "wasm-pack":
            run(["wasm-pack", "build", "--release", "--target", t["wasm-pack-target"], "--out-dir", out, "--out-name", "archdiag"],
                profile_env(t))
            wasm = os.path.join(out, "archdiag_bg.wasm")
        elif t["tool"] == "cargo":
            run(["cargo", "build", "--release", "--target", t["triple"], "--bin", t["bin"]], profile_env(t))
            os.makedirs(out, exist_ok=True)
            wasm = os.path.join(out, t["bin"] + ".wasm")
            shutil.copyfile(os.path.join(ROOT, "target", t["triple"], "release", t["bin"] + ".wasm"), wasm)
        else:
            sys.exit(f"error: target {t['name']} has unknown tool {t['tool']!r}; allowed: wasm-pack, cargo")
        if t.get("wasm-opt"):
            wasm_opt(wasm, t["wasm-opt"])
        data = open(wasm, "rb").read()
        print(f"{t['name']}: {os.path.relpath(wasm, ROOT)} {len(data)} bytes, "
              f"{len(gzip.compress(data, 9))} gzipped", flush=True)
        if t["name"] == "web":
            write_examples(out)


def write_examples(out):
    """The page's menu of architectures: tests/architectures/*.json (the golden gallery) as one list of
    [name, spec], beside the module; the page fetches it after its first diagram."""
    src = os.path.join(ROOT, "tests", "architectures")
    names = sorted(f for f in os.listdir(src) if f.endswith(".json"))
    examples = [[n[:-5], json.load(open(os.path.join(src, n), encoding="utf-8"))] for n in names]
    with open(os.path.join(out, "architectures.json"), "w", encoding="utf-8") as f:
        json.dump(examples, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
