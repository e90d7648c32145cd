#!/usr/bin/env bash
# Smoke test of the benchmark harness (no timing assertions): builds the release binary,
# generates a ~20 MB corpus into target/bench-corpus and runs the benchmark with few runs.
# The bench command itself fails when the linter finds nothing on the generated corpus, when
# its findings differ between runs or between 1 and 2 threads, or when one points into
# .gitignored build output.
set -euo pipefail
cd "$(dirname "$0")/.."

xtask=(cargo run --release --locked --quiet --package xtask --)
corpus=target/bench-corpus

cargo build --release --locked --bin bigdata-lint
"${xtask[@]}" gen-corpus --size 20MB --out "$corpus" --seed 7
"${xtask[@]}" bench --corpus "$corpus" --runs 1 --single-runs 5 \
  --bin target/release/bigdata-lint --json target/bench-smoke.json
