#!/usr/bin/env bash
# Fuzz smoke test: builds the cargo-fuzz targets in fuzz/, replays every kept crash case in
# fuzz/regressions/<target>/, then fuzzes each target for a short time. Fails if any replay or any run
# crashes (new crash inputs are written to fuzz/artifacts/<target>/).
#
#   bash scripts/fuzz-smoke.sh                 # every target, 20 s each
#   bash scripts/fuzz-smoke.sh 60              # every target, 60 s each
#   bash scripts/fuzz-smoke.sh 30 custom_graph # one target
#
# Needs a nightly toolchain (cargo +nightly) and installs cargo-fuzz when it is missing. One libFuzzer
# process at a time (no -fork, no -jobs): the machine has two cores. ARCHDIAG_FUZZ_BUDGET_MS (default 5000)
# is the time one layout may take in custom_graph before it counts as a slow case. FUZZ_SANITIZER
# (default none: archdiag forbids unsafe code, and AddressSanitizer makes the layout 3-4x slower) may be
# address to build with ASan instead.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

secs="${1:-20}"
shift || true
if ! [[ "$secs" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 [SECONDS] [TARGET...]" >&2
    exit 2
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(spec_parse spec_render custom_graph mdbook_fences architecture)
fi

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz-smoke: no nightly toolchain; trying: rustup toolchain install nightly --profile minimal" >&2
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

san="${FUZZ_SANITIZER:-none}"
echo "fuzz-smoke: $(cargo fuzz --version), $(rustc +nightly --version), sanitizer $san"
for t in "${targets[@]}"; do
    cargo +nightly fuzz build -s "$san" "$t"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=()
summary=()

for t in "${targets[@]}"; do
    # 1. Every kept crash case, one at a time (libFuzzer runs files given as arguments once each).
    shopt -s nullglob
    cases=()
    for f in "fuzz/regressions/$t"/*; do
        case "$(basename "$f")" in README* | .*) continue ;; esac
        [ -f "$f" ] && cases+=("$f")
    done
    shopt -u nullglob
    for f in "${cases[@]}"; do
        if cargo +nightly fuzz run -s "$san" "$t" "$f" -- -timeout=60 >"$work/replay.log" 2>&1; then
            echo "fuzz-smoke: $t: replay ok: $f"
        else
            echo "fuzz-smoke: $t: replay FAILED: $f"
            grep -m1 -A2 -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer" "$work/replay.log" | cut -c1-400 || true
            failed+=("$t replay $f")
        fi
    done

    # 2. A short fuzzing run from the seeds (new inputs go to a scratch corpus, not into the tree).
    mkdir -p "$work/corpus/$t" "fuzz/artifacts/$t"
    extra=()
    case "$t" in
        spec_parse | spec_render) extra+=(-dict=fuzz/dict/spec.dict) ;;
        custom_graph) extra+=(-max_len=16384) ;;
    esac
    log="$work/$t.log"
    echo "fuzz-smoke: $t: fuzzing for ${secs}s"
    if cargo +nightly fuzz run -s "$san" "$t" "$work/corpus/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 "${extra[@]}" >"$log" 2>&1; then
        runs="$(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')"
        rate="$(grep -m1 -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')"
        summary+=("$t: ok, $runs runs, $rate exec/s")
    else
        echo "fuzz-smoke: $t: CRASH"
        grep -m1 -A3 -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer" "$log" | cut -c1-600 || true
        grep -E "Test unit written to|artifact_prefix" "$log" | tail -1 || true
        summary+=("$t: CRASH (see fuzz/artifacts/$t/)")
        failed+=("$t fuzzing")
    fi
done

echo "fuzz-smoke: summary"
for s in "${summary[@]}"; do echo "  $s"; done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz-smoke: ${#failed[@]} failure(s):"
    for f in "${failed[@]}"; do echo "  $f"; done
    exit 1
fi
echo "fuzz-smoke: all targets ok"
