#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this script).
# Installs what the tests need beyond cargo (the SARIF validators, actionlint, pre-commit,
# maturin, hadolint, cargo-fuzz, a JDK) before using it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "tests"
# CI=true makes insta refuse to write snapshots: a changed snapshot fails instead.
CI=true cargo test --workspace --locked

step "release build and SARIF of the bundled examples"
cargo build --release --locked
status=0
./target/release/bigdata-lint --quiet --format sarif --output target/testdata.sarif testdata/ || status=$?
if [ "$status" -ne 1 ]; then
  echo "expected exit code 1 (findings) on testdata/, got $status" >&2
  exit 1
fi

step "Python wheel (maturin build reusing the release build; pip install into a fresh venv)"
scripts/test-wheel.sh

step "Docker image (built and run where Docker runs; otherwise hadolint, and the image is not built)"
scripts/test-docker.sh

step "VS Code extension (npm ci and compile against the lock file)"
scripts/test-vscode.sh

step "fixed Flink jobs compile (javac against stubs of the Flink 1.20 and 2.0 API)"
BIGDATA_LINT=target/release/bigdata-lint scripts/javac-fixes.sh

step "SARIF validation (official 2.1.0 schema, sarif-multitool, GitHub rules)"
scripts/validate-sarif.sh --strict target/testdata.sarif

step "GitHub Action and workflows (actionlint, schemas, shellcheck, dry run of action.yml)"
scripts/check-workflows.sh

step "pre-commit hooks (language: rust and the wheel-backed mirror; try-repo and git commit)"
scripts/test-pre-commit.sh

step "benchmark harness smoke test (generated 20 MB corpus, 1 and 2 threads agree)"
scripts/bench-smoke.sh

step "fuzzing smoke test (every cargo-fuzz target, 20 s each from its seeds)"
scripts/fuzz-smoke.sh

echo
echo "all checks passed"
