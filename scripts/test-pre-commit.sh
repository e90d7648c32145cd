#!/usr/bin/env bash
# Tests the pre-commit hook of .pre-commit-hooks.yaml end to end, the way users run it.
#
#   scripts/test-pre-commit.sh
#
# 1. The manifest: `pre-commit validate-manifest`, and the hook's `files` pattern against names
#    bigdata-lint reads (must match) and names it does not (must not).
# 2. A snapshot of this working tree (tracked and untracked files, not ignored ones) is
#    committed to a throwaway hook repository, so uncommitted changes are tested too and a
#    fresh clone behaves like a working copy.
# 3. In a throwaway project with a staged Flink job that checkpoints every second:
#    - `pre-commit try-repo <snapshot> bigdata-lint --all-files` must fail and report FLK001;
#    - with the hook in .pre-commit-config.yaml and `pre-commit install`ed, `git commit` must be
#      refused with FLK001; a commit touching no linted file must skip the hook; a file under a
#      path given to `--exclude` in `args:` must not be reported (`--force-exclude`);
#    - with the interval raised to 2 minutes, `git commit` must go through.
#
# 4. The route without compiling: the mirror template pre-commit/python/ (a `language: python`
#    hook whose pyproject.toml pins the bigdata-lint wheel) must pin Cargo.toml's version and
#    define the same hook; committed to a throwaway repository, `pre-commit try-repo` with pip
#    pointed at the wheel in dist/ (PIP_NO_INDEX, PIP_FIND_LINKS) must fail on the bad job and
#    pass on the good one, without compiling anything. The wheel is built first with
#    scripts/test-wheel.sh when dist/ has none (override the folder with BDL_WHEEL_DIR).
#
# pre-commit builds the hook with `cargo install --bins --path .` (a release build, without
# --locked); try-repo does it in a throwaway store and the configured run in another one, so
# the hook is built twice. Both builds share CARGO_TARGET_DIR (default target/pre-commit-hook,
# override with BDL_PRE_COMMIT_TARGET_DIR) so the second one recompiles only this workspace's
# crates, and later runs reuse the dependencies.
#
# BDL_SKIP_RUST_HOOK=1 skips the `language: rust` hook (the builds), to test the mirror alone.
# BDL_KEEP_WORK=1 keeps the throwaway repositories and the logs (the path is printed).
#
# Exit status: 0 when every check passes, 1 when one fails, 2 when pre-commit cannot be
# installed. pre-commit is installed on first use, pinned, into .tools/venv-pre-commit (override
# the .tools directory with BDL_TOOLS_DIR). Needs git, cargo, and python3 with the venv module;
# reaches only PyPI and crates.io.

set -euo pipefail

PRE_COMMIT_VERSION="4.7.0"
# The build backend of the mirror's pyproject.toml, kept beside the wheel: pip builds the mirror
# package with no index.
SETUPTOOLS_VERSION="80.9.0"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${BDL_TOOLS_DIR:-$repo_root/.tools}"
venv="$tools_dir/venv-pre-commit"
target_dir="${BDL_PRE_COMMIT_TARGET_DIR:-$repo_root/target/pre-commit-hook}"
wheel_dir="${BDL_WHEEL_DIR:-$repo_root/dist}"
wheelhouse="$tools_dir/wheelhouse-setuptools-$SETUPTOOLS_VERSION"

script=test-pre-commit
# shellcheck source=scripts/lib/common.sh
source "$repo_root/scripts/lib/common.sh"

# On a failed check, pre-commit's own log too.
fail_hook() {
    if [[ -f "${PRE_COMMIT_HOME:-}/pre-commit.log" ]]; then
        log "pre-commit.log:"
        indent <"$PRE_COMMIT_HOME/pre-commit.log" >&2
    fi
}

# --- tools -------------------------------------------------------------------------------

# The setuptools wheel the mirror package is built with, downloaded once.
download_setuptools() {
    if compgen -G "$wheelhouse/setuptools-$SETUPTOOLS_VERSION-*.whl" >/dev/null; then
        return
    fi
    log "downloading setuptools==$SETUPTOOLS_VERSION into $wheelhouse"
    "$venv/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps \
        --only-binary :all: --dest "$wheelhouse" "setuptools==$SETUPTOOLS_VERSION" \
        || die "cannot download setuptools==$SETUPTOOLS_VERSION from PyPI"
}

command -v git >/dev/null || die "git is needed"
command -v cargo >/dev/null || die "cargo is needed: the hook is built with cargo install"
install_python_tools "$venv" pre-commit "pre-commit==$PRE_COMMIT_VERSION"
download_setuptools
pre_commit="$venv/bin/pre-commit"
log "$("$pre_commit" --version), $(cargo --version)"

work="$(mktemp -d "${TMPDIR:-/tmp}/bdl-pre-commit.XXXXXX")"
if [[ "${BDL_KEEP_WORK:-0}" == 1 ]]; then
    log "keeping the throwaway repositories and logs in $work"
else
    trap 'rm -rf "$work"' EXIT
fi

# --- 1. the manifest ---------------------------------------------------------------------

echo "== manifest"
"$pre_commit" validate-manifest "$repo_root/.pre-commit-hooks.yaml" >"$work/validate.log" 2>&1 \
    || fail "pre-commit validate-manifest .pre-commit-hooks.yaml" "$work/validate.log"
ok "pre-commit validate-manifest"

# pre-commit selects a file when `re.search(files, path)` matches its repository-relative path.
"$venv/bin/python" - "$repo_root/.pre-commit-hooks.yaml" <<'PY' >"$work/files.log" 2>&1 \
    || fail "the hook's files pattern" "$work/files.log"
import re
import sys

import yaml

hooks = {hook["id"]: hook for hook in yaml.safe_load(open(sys.argv[1], encoding="utf-8"))}
hook = hooks["bigdata-lint"]
files = re.compile(hook["files"])
linted = [
    "src/main/java/com/example/Job.java",
    "Job.JAVA",
    "conf/flink-conf.yaml",
    "flink-conf.yml",
    "conf/config.yaml",
    "config.yml",
    "deploy/flink-session.yaml",
    "sql/checkpoints.sql",
    "etc/hadoop/hdfs-site.xml",
    "hbase-site.xml",
    "src/main/resources/application.properties",
    "src/main/resources/application-prod.yml",
    "src/main/resources/Application.YAML",
    "src/main/resources/bootstrap.yml",
    "bootstrap-dev.properties",
    "conf/spark-defaults.conf",
]
skipped = [
    "pom.xml",
    "values.yaml",
    ".github/workflows/ci.yml",
    ".pre-commit-config.yaml",
    "README.md",
    "build.gradle",
    "src/main/java/Job.java.orig",
    "myconfig.yaml",
    "config.yaml.bak",
    "site.xml",
    "conf/spark-defaults.conf.template",
    "src/main/resources/application/readme.txt",
    "src/main/resources/log4j2.properties",
    "src/main/kotlin/Job.kt",
]
bad = [p for p in linted if not files.search(p)] + [p for p in skipped if files.search(p)]
for path in bad:
    print(f"{path}: {'not selected' if path in linted else 'selected'}")
if "--force-exclude" not in hook["entry"].split():
    bad.append("entry")
    print("entry: --force-exclude is missing")
sys.exit(1 if bad else 0)
PY
ok "files pattern: every kind bigdata-lint reads is selected, other files are not"

# --- 2. a snapshot of the working tree as a hook repository -------------------------------

echo "== hook repository (snapshot of $repo_root)"
hook_repo="$work/hook-repo"
mkdir "$hook_repo"
(
    cd "$repo_root"
    git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' path; do
            # Tracked files deleted in the working tree are listed too.
            if [[ -e "$path" || -L "$path" ]]; then printf '%s\0' "$path"; fi
        done \
        | tar --null --no-recursion -T - -cf -
) | tar -C "$hook_repo" -xf -
[[ -f "$hook_repo/.pre-commit-hooks.yaml" && -f "$hook_repo/Cargo.toml" ]] \
    || fail "the snapshot lacks .pre-commit-hooks.yaml or Cargo.toml"

# From here on git must not read the user's or the system's configuration (hooksPath, signing,
# default branch, identity) nor be steered by a calling git hook.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL="$work/gitconfig"
git config --file "$GIT_CONFIG_GLOBAL" user.name "bigdata-lint tests"
git config --file "$GIT_CONFIG_GLOBAL" user.email "tests@bigdata-lint.invalid"
git config --file "$GIT_CONFIG_GLOBAL" init.defaultBranch main
git config --file "$GIT_CONFIG_GLOBAL" commit.gpgsign false
git config --file "$GIT_CONFIG_GLOBAL" advice.detachedHead false

git -C "$hook_repo" init -q
git -C "$hook_repo" add -A
git -C "$hook_repo" commit -q -m "snapshot of the working tree"
hook_rev="$(git -C "$hook_repo" rev-parse HEAD)"
ok "$(git -C "$hook_repo" ls-files | wc -l | tr -d ' ') files committed as $hook_rev"

# --- 3. a project that uses the hook ------------------------------------------------------

export PRE_COMMIT_HOME="$work/pre-commit-home"
export PRE_COMMIT_COLOR=never
export CARGO_TARGET_DIR="$target_dir"
export NO_COLOR=1

project="$work/project"
mkdir -p "$project/src/main/java/legacy"
cd "$project"
git init -q

write_job() { # write_job FILE CLASS INTERVAL-EXPRESSION
    cat >"$1" <<EOF
package com.example;

import java.time.Duration;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class $2 {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing($3);
        env.fromSequence(1, 1_000).print();
        env.execute("$2");
    }
}
EOF
}

write_job src/main/java/Job.java Job 1000
printf '<project/>\n' >pom.xml
printf '# project\n' >README.md
git add -A

# expect_exit WANT NAME LOG COMMAND...: runs COMMAND with its output in LOG, checks its status.
expect_exit() {
    local want="$1" name="$2" out="$3"
    shift 3
    local status=0 start=$SECONDS
    "$@" >"$out" 2>&1 || status=$?
    if [[ $status -ne $want ]]; then
        fail "$name: exit status $status, expected $want" "$out"
    fi
    ok "$name (exit $status, $((SECONDS - start)) s)"
}

# expect_output LOG PATTERN WHAT: LOG must contain PATTERN (an extended regex).
expect_output() {
    grep -Eq -- "$2" "$1" || fail "$3: /$2/ not in the output" "$1"
}

reject_output() {
    if grep -Eq -- "$2" "$1"; then fail "$3: /$2/ in the output" "$1"; fi
}

if [[ "${BDL_SKIP_RUST_HOOK:-0}" == 1 ]]; then
    log "BDL_SKIP_RUST_HOOK=1: the language: rust hook is not built nor tested"
else
echo "== pre-commit try-repo (builds the hook: cargo install --path . in a throwaway store)"
expect_exit 1 "try-repo fails on a job that checkpoints every second" "$work/try-repo.log" \
    "$pre_commit" try-repo "$hook_repo" bigdata-lint --ref "$hook_rev" --all-files
expect_output "$work/try-repo.log" 'FLK001' "try-repo"
expect_output "$work/try-repo.log" 'src/main/java/Job\.java:10:33' "try-repo"
# The same line is also FLK005: an interval of a second with no pause between checkpoints.
expect_output "$work/try-repo.log" 'FLK005' "try-repo"
expect_output "$work/try-repo.log" '2 problems \(2 warnings\) in 1 file' "try-repo"
ok "FLK001 and FLK005 reported at src/main/java/Job.java:10:33, with the summary line"

echo "== .pre-commit-config.yaml and git commit (builds the hook again in PRE_COMMIT_HOME)"
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $hook_repo
    rev: $hook_rev
    hooks:
      - id: bigdata-lint
        args: [--exclude, "src/main/java/legacy/"]
EOF
git add .pre-commit-config.yaml
expect_exit 0 "pre-commit install" "$work/install.log" "$pre_commit" install

expect_exit 1 "git commit is refused while Job.java checkpoints every second" "$work/commit-bad.log" \
    git commit -m "add the job"
expect_output "$work/commit-bad.log" 'FLK001' "git commit"
expect_output "$work/commit-bad.log" 'bigdata-lint\.+Failed' "git commit"
[[ -z "$(git rev-parse --verify -q HEAD || true)" ]] || fail "a commit was made despite FLK001"

write_job src/main/java/Job.java Job 'Duration.ofMinutes(2).toMillis()'
write_job src/main/java/legacy/LegacyJob.java LegacyJob 500
git add -A
expect_exit 0 "git commit goes through with a 2-minute interval (legacy/ excluded)" \
    "$work/commit-good.log" git commit -m "add the job"
expect_output "$work/commit-good.log" 'bigdata-lint\.+Passed' "git commit"
git rev-parse --verify -q HEAD >/dev/null || fail "no commit was made" "$work/commit-good.log"

printf 'Checkpoints every 2 minutes.\n' >>README.md
git add README.md
expect_exit 0 "git commit of README.md only skips the hook" "$work/commit-readme.log" \
    git commit -m "document the interval"
expect_output "$work/commit-readme.log" 'bigdata-lint\.+\(no files to check\)Skipped' "git commit"

sed '/args:/d' .pre-commit-config.yaml >"$work/no-exclude.yaml"
expect_exit 1 "pre-commit run --all-files without the exclude reports legacy/" \
    "$work/run-all.log" "$pre_commit" run bigdata-lint --all-files --config "$work/no-exclude.yaml"
expect_output "$work/run-all.log" 'src/main/java/legacy/LegacyJob\.java' "pre-commit run"
reject_output "$work/run-all.log" 'src/main/java/Job\.java:' "pre-commit run"
fi

# --- 4. the mirror: a language: python hook installed from the wheel -----------------------

echo "== mirror repository (pre-commit/python/): a language: python hook backed by the wheel"
shopt -s nullglob
wheels=("$wheel_dir"/bigdata_lint-*.whl)
shopt -u nullglob
if [[ ${#wheels[@]} -eq 0 ]]; then
    log "no wheel in $wheel_dir: building it with scripts/test-wheel.sh"
    BDL_WHEEL_DIR="$wheel_dir" CARGO_TARGET_DIR="$repo_root/target" "$repo_root/scripts/test-wheel.sh" \
        >"$work/test-wheel.log" 2>&1 || fail "scripts/test-wheel.sh" "$work/test-wheel.log"
    shopt -s nullglob
    wheels=("$wheel_dir"/bigdata_lint-*.whl)
    shopt -u nullglob
fi
[[ ${#wheels[@]} -eq 1 ]] || fail "expected one bigdata_lint-*.whl in $wheel_dir, found ${#wheels[@]}"
wheel="${wheels[0]}"

template="$repo_root/pre-commit/python"
"$pre_commit" validate-manifest "$template/.pre-commit-hooks.yaml" >"$work/validate-mirror.log" 2>&1 \
    || fail "pre-commit validate-manifest pre-commit/python/.pre-commit-hooks.yaml" "$work/validate-mirror.log"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo_root/Cargo.toml" | head -n 1)"
"$venv/bin/python" - "$repo_root/.pre-commit-hooks.yaml" "$template" "$version" "$wheel" \
    <<'PY' >"$work/mirror.log" 2>&1 || fail "the mirror template" "$work/mirror.log"
import os
import re
import sys
import tomllib

import yaml

main_file, template, version, wheel = sys.argv[1:]
problems = []
main = yaml.safe_load(open(main_file, encoding="utf-8"))
mirror = yaml.safe_load(open(os.path.join(template, ".pre-commit-hooks.yaml"), encoding="utf-8"))
if len(main) != len(mirror) or [h["id"] for h in main] != [h["id"] for h in mirror]:
    problems.append("the mirror does not define the same hooks")
for a, b in zip(main, mirror):
    if b.get("language") != "python":
        problems.append(f"{b['id']}: language {b.get('language')!r}, expected 'python'")
    skip = {"language", "minimum_pre_commit_version"}
    for key in sorted((set(a) | set(b)) - skip):
        if a.get(key) != b.get(key):
            problems.append(f"{a['id']}: `{key}` differs from .pre-commit-hooks.yaml")
project = tomllib.load(open(os.path.join(template, "pyproject.toml"), "rb"))["project"]
if project.get("dependencies") != [f"bigdata-lint=={version}"]:
    problems.append(f"pyproject.toml depends on {project.get('dependencies')}, expected bigdata-lint=={version}")
if not re.match(rf"bigdata_lint-{re.escape(version)}-", os.path.basename(wheel)):
    problems.append(f"{os.path.basename(wheel)} is not version {version}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
ok "the mirror pins bigdata-lint==$version and defines the same hook with language: python"

mirror_repo="$work/mirror-repo"
cp -R "$template" "$mirror_repo"
git -C "$mirror_repo" init -q
git -C "$mirror_repo" add -A
git -C "$mirror_repo" commit -q -m "bigdata-lint $version"
mirror_rev="$(git -C "$mirror_repo" rev-parse HEAD)"

project="$work/project-python"
mkdir -p "$project/src/main/java"
cd "$project"
git init -q
write_job src/main/java/Job.java Job 1000
git add -A

# pip reaches no index: the wheel comes from dist/, setuptools (to build the mirror package)
# from the wheelhouse. A compiler is never started.
export PRE_COMMIT_HOME="$work/pre-commit-home-python"
export PIP_NO_INDEX=1
export PIP_FIND_LINKS="$wheel_dir $wheelhouse"
export PIP_DISABLE_PIP_VERSION_CHECK=1
unset CARGO_TARGET_DIR
expect_exit 1 "try-repo (python) installs the wheel and fails on a job that checkpoints every second" \
    "$work/try-repo-python.log" \
    "$pre_commit" try-repo "$mirror_repo" bigdata-lint --ref "$mirror_rev" --all-files
expect_output "$work/try-repo-python.log" 'src/main/java/Job\.java:10:33' "try-repo (python)"
expect_output "$work/try-repo-python.log" 'FLK001' "try-repo (python)"
expect_output "$work/try-repo-python.log" 'bigdata-lint\.+Failed' "try-repo (python)"

write_job src/main/java/Job.java Job 'Duration.ofMinutes(2).toMillis()'
git add -A
expect_exit 0 "try-repo (python) passes once the interval is 2 minutes" "$work/try-repo-python-good.log" \
    "$pre_commit" try-repo "$mirror_repo" bigdata-lint --ref "$mirror_rev" --all-files
expect_output "$work/try-repo-python-good.log" 'bigdata-lint\.+Passed' "try-repo (python)"

# try-repo's store is thrown away: a configured run keeps the hook's virtualenv in
# PRE_COMMIT_HOME, where its binary is compared with the wheel's.
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $mirror_repo
    rev: $mirror_rev
    hooks:
      - id: bigdata-lint
EOF
git add .pre-commit-config.yaml
expect_exit 0 "pre-commit run (python) with the mirror in .pre-commit-config.yaml" "$work/run-python.log" \
    "$pre_commit" run bigdata-lint --all-files
shopt -s nullglob
installed=("$PRE_COMMIT_HOME"/repo*/py_env-*/bin/bigdata-lint)
shopt -u nullglob
[[ ${#installed[@]} -eq 1 && -x "${installed[0]}" ]] \
    || fail "no bigdata-lint in the hook's virtualenv under $PRE_COMMIT_HOME" "$work/run-python.log"
"$venv/bin/python" - "$wheel" "${installed[0]}" <<'PY' || fail "the hook's bigdata-lint is not the binary of ${wheel##*/}"
import hashlib
import sys
import zipfile

wheel, installed = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith(".data/scripts/bigdata-lint"))
    packed = hashlib.sha256(z.read(name)).hexdigest()
with open(installed, "rb") as f:
    sys.exit(0 if hashlib.sha256(f.read()).hexdigest() == packed else 1)
PY
ok "the hook's virtualenv runs $("${installed[0]}" --version) from ${wheel##*/}"

echo
echo "test-pre-commit: all checks passed"
