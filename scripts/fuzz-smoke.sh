#!/usr/bin/env bash
# A short fuzzing pass over every target in fuzz/, for CI: installs the pinned cargo-fuzz into
# .tools/cargo (from crates.io), builds the targets on the stable toolchain and runs each one for
# FUZZ_SMOKE_SECONDS (default 20) from its seed corpus. Exits non-zero on any crash, timeout or
# out-of-memory, and when the fuzz build itself is impossible: it never skips.
#
#     scripts/fuzz-smoke.sh                  # every target
#     scripts/fuzz-smoke.sh java xml         # some targets
#     FUZZ_SMOKE_SECONDS=60 scripts/fuzz-smoke.sh
#
# Stable rustc accepts the nightly-only flags cargo-fuzz passes (-Zsanitizer=...) with
# RUSTC_BOOTSTRAP=1. AddressSanitizer is used when the toolchain ships its runtime, otherwise
# the targets build without a sanitizer (the project's code is safe Rust). New corpus entries go
# to a temporary directory, so fuzz/corpus/ keeps only its seeds; reproducers of failures are
# written to fuzz/artifacts/<target>/ (git-ignored).
set -euo pipefail

CARGO_FUZZ_VERSION=0.13.2
seconds=${FUZZ_SMOKE_SECONDS:-20}
all_targets=(java flink_conf yaml flink_k8s sql xml properties settings all_rules render project)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/cargo"
cd "$root"

fail() {
    echo "fuzz-smoke: FAILED: $*" >&2
    exit 1
}

started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started))s"; }

command -v cargo >/dev/null || fail "cargo is not on PATH"
command -v c++ >/dev/null || fail "no C++ compiler (c++): libfuzzer-sys builds libFuzzer from source"

if ! "$tools/bin/cargo-fuzz" --version 2>/dev/null | grep -qx "cargo-fuzz $CARGO_FUZZ_VERSION"; then
    echo "fuzz-smoke: installing cargo-fuzz $CARGO_FUZZ_VERSION into ${tools#"$root/"}"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --root "$tools" --quiet ||
        fail "cannot install cargo-fuzz $CARGO_FUZZ_VERSION from crates.io"
fi
export PATH="$tools/bin:$PATH"

# The nightly flags cargo-fuzz passes, accepted by a stable compiler.
export RUSTC_BOOTSTRAP=1
host=$(rustc -vV | sed -n 's/^host: //p')
sysroot=$(rustc --print sysroot)
if compgen -G "$sysroot/lib/rustlib/$host/lib/librustc-*_rt.asan.a" >/dev/null; then
    sanitizer=address
else
    sanitizer=none
    echo "fuzz-smoke: $(rustc -V) ships no AddressSanitizer runtime for $host; fuzzing without a sanitizer"
fi

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [[ -f fuzz/fuzz_targets/$target.rs ]] || fail "no fuzz target \`$target\` (have: ${all_targets[*]})"
done

flags=(--fuzz-dir fuzz --sanitizer "$sanitizer" --debug-assertions)
echo "fuzz-smoke: building ${#targets[@]} targets with $(rustc -V), sanitizer $sanitizer"
for target in "${targets[@]}"; do
    cargo fuzz build "${flags[@]}" "$target" ||
        fail "cannot build fuzz target \`$target\` with $(rustc -V) and RUSTC_BOOTSTRAP=1 (see the errors above)"
done
echo "fuzz-smoke: built in $(elapsed)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in "${targets[@]}"; do
    mkdir -p "$work/$target"
    log="$work/$target.log"
    if ! cargo fuzz run "${flags[@]}" "$target" "$work/$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        fail "fuzz target \`$target\` failed (reproducer under fuzz/artifacts/$target/; rerun it with: RUSTC_BOOTSTRAP=1 cargo fuzz run ${flags[*]} $target fuzz/artifacts/$target/<file>)"
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    per_sec=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    [[ ${runs:-0} -gt 0 ]] || { tail -n 30 "$log" >&2; fail "fuzz target \`$target\` executed no input"; }
    echo "fuzz-smoke: $target: ok, $runs runs ($per_sec/s), corpus $(find "$work/$target" "fuzz/corpus/$target" -type f | wc -l) files"
done
echo "fuzz-smoke: all ${#targets[@]} targets passed in $(elapsed)"
