#!/usr/bin/env bash
# Builds the Python wheel (pyproject.toml: maturin, `bindings = "bin"`) and tests it the way a
# user installs it.
#
#   scripts/test-wheel.sh
#
# 1. `maturin build --release --locked --out dist`: the wheel holds the release binary. maturin
#    runs `cargo rustc --release` with the same profile and flags as `cargo build --release`
#    (pyproject.toml keeps `strip = false` for that), so after scripts/test.sh's release build
#    nothing is compiled again; the step takes seconds.
# 2. The wheel's metadata: name, version (Cargo.toml's), requires-python, licence, URLs.
# 3. A fresh virtualenv, `pip install dist/bigdata_lint-*.whl` with no package index:
#    `bigdata-lint` must be on the venv's PATH, print the same `--version` as the release build,
#    exit 1 on a bad fixture and 0 on a clean one.
#
# Exit status: 0 when every check passes, 1 when one fails, 2 when maturin cannot be installed.
# maturin is installed on first use, pinned, into .tools/venv-maturin (override the .tools
# directory with BDL_TOOLS_DIR); the wheel goes to dist/ (override with BDL_WHEEL_DIR).
# Needs cargo and python3 with the venv module; reaches only PyPI (for maturin) and crates.io.

set -euo pipefail

MATURIN_VERSION="1.16.0"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${BDL_TOOLS_DIR:-$repo_root/.tools}"
venv="$tools_dir/venv-maturin"
dist="${BDL_WHEEL_DIR:-$repo_root/dist}"

script=test-wheel
# shellcheck source=scripts/lib/common.sh
source "$repo_root/scripts/lib/common.sh"

command -v cargo >/dev/null || die "cargo is needed to build the wheel"
install_python_tools "$venv" maturin "maturin==$MATURIN_VERSION"
cd "$repo_root"

work="$(mktemp -d "${TMPDIR:-/tmp}/bdl-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT

version="$(cargo metadata --no-deps --format-version 1 --locked --offline 2>/dev/null \
    | "$venv/bin/python" -c '
import json, sys
print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "bigdata-lint"))
')" || die "cannot read the package version with cargo metadata"

# --- 1. build ----------------------------------------------------------------------------

echo "== maturin build --release --locked --out ${dist#"$repo_root"/} ($("$venv/bin/maturin" --version))"
mkdir -p "$dist"
rm -f "$dist"/bigdata_lint-*.whl
start=$SECONDS
"$venv/bin/maturin" build --release --locked --out "$dist" >"$work/build.log" 2>&1 \
    || fail "maturin build" "$work/build.log"
seconds=$((SECONDS - start))
shopt -s nullglob
wheels=("$dist"/bigdata_lint-"$version"-*.whl)
shopt -u nullglob
[[ ${#wheels[@]} -eq 1 ]] || fail "expected one bigdata_lint-$version-*.whl in $dist, found ${#wheels[@]}" "$work/build.log"
wheel="${wheels[0]}"
compiled="$(grep -c '^ *Compiling ' "$work/build.log" || true)"
ok "built ${wheel#"$repo_root"/} ($(du -k "$wheel" | cut -f1) KiB) in $seconds s; crates compiled: $compiled"

# --- 2. metadata -------------------------------------------------------------------------

"$venv/bin/python" - "$wheel" "$version" <<'PY' >"$work/metadata.log" 2>&1 || fail "wheel metadata" "$work/metadata.log"
import sys
import zipfile
from email.parser import Parser

wheel, version = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
    meta = Parser().parsestr(z.read(meta_name).decode("utf-8"))
problems = []
expect = {"Name": "bigdata-lint", "Version": version, "Requires-Python": ">=3.8"}
for key, want in expect.items():
    if meta.get(key) != want:
        problems.append(f"{key}: {meta.get(key)!r}, expected {want!r}")
if "Apache-2.0" not in (meta.get("License") or meta.get("License-Expression") or ""):
    problems.append("no Apache-2.0 licence")
urls = meta.get_all("Project-URL") or []
if not any("github.com/bigdata-lint/bigdata-lint" in u for u in urls):
    problems.append(f"no repository URL in {urls}")
if not meta.get_all("Classifier"):
    problems.append("no classifier")
scripts = [n for n in names if n.endswith((".data/scripts/bigdata-lint", ".data/scripts/bigdata-lint.exe"))]
if len(scripts) != 1:
    problems.append(f"the binary is not in the wheel's scripts: {names}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
ok "metadata: bigdata-lint $version, requires-python, Apache-2.0, project URLs, classifiers, the binary in scripts/"

# --- 3. install into a fresh virtualenv ----------------------------------------------------

echo "== pip install ${wheel##*/} into a fresh virtualenv"
python3 -m venv "$work/venv" || die "cannot create a Python venv"
start=$SECONDS
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel" \
    >"$work/install.log" 2>&1 || fail "pip install ${wheel##*/}" "$work/install.log"
ok "pip install ($((SECONDS - start)) s)"

# As after `source venv/bin/activate`: the venv's bin/ first on PATH.
venv_path="$work/venv/bin:$PATH"
found="$(PATH="$venv_path" command -v bigdata-lint || true)"
[[ "$found" == "$work/venv/bin/bigdata-lint" ]] \
    || fail "bigdata-lint on PATH is '${found:-nothing}', expected the venv's $work/venv/bin/bigdata-lint"
installed_version="$(PATH="$venv_path" bigdata-lint --version)" || fail "bigdata-lint --version exits non-zero"
[[ "$installed_version" == "bigdata-lint $version" || "$installed_version" == "bigdata-lint $version ("* ]] \
    || fail "bigdata-lint --version printed '$installed_version', expected bigdata-lint $version"
if [[ -x target/release/bigdata-lint ]]; then
    release_version="$(target/release/bigdata-lint --version)"
    [[ "$installed_version" == "$release_version" ]] \
        || fail "the wheel's --version '$installed_version' differs from the release build's '$release_version'"
fi
ok "bigdata-lint on the venv's PATH: $installed_version"

expect_exit() { # expect_exit WANT NAME COMMAND...
    local want="$1" name="$2" status=0
    shift 2
    "$@" >"$work/run.log" 2>&1 || status=$?
    [[ $status -eq "$want" ]] || fail "$name: exit status $status, expected $want" "$work/run.log"
}
expect_exit 1 "a bad fixture" env PATH="$venv_path" NO_COLOR=1 bigdata-lint --format concise testdata/FLK001/bad
grep -q 'FLK001' "$work/run.log" || fail "no FLK001 on testdata/FLK001/bad" "$work/run.log"
ok "testdata/FLK001/bad: exit 1 with FLK001"
expect_exit 0 "a clean fixture" env PATH="$venv_path" NO_COLOR=1 bigdata-lint --format concise testdata/FLK001/good
ok "testdata/FLK001/good: exit 0"

echo
echo "test-wheel: all checks passed (${wheel#"$repo_root"/})"
