#!/usr/bin/env bash
# Validates SARIF files the way GitHub code scanning will read them.
#
#   scripts/validate-sarif.sh [--strict] [--verbose] FILE...
#
# Each file is checked three ways:
#   1. against the OASIS SARIF 2.1.0 JSON schema (scripts/schemas/sarif-2.1.0.json) with
#      check-jsonschema, format checks on (uri, uri-reference, date-time, ...);
#   2. with Microsoft's SARIF validator, `sarif-multitool validate`, and its default SARIF rules
#      (it also applies its own copy of the schema first);
#   3. with the same validator and GitHub's ingestion rules (`--rule-kind Gh`).
#
# Exit status: 0 when every file passes, 1 when a file fails the schema or the validator
# reports an error-level result (with --strict, a warning too), 2 on a usage error or when a
# tool cannot be installed. Validator notes are counted, and printed with --verbose.
#
# Tools are installed on first use into .tools/ at the repository root (git-ignored; override
# with BDL_TOOLS_DIR), with pinned versions, and reused afterwards:
#   .tools/npm   npm install --prefix of @microsoft/sarif-multitool
#   .tools/venv  python3 venv with check-jsonschema and jsonschema's format checkers
# Needs node/npm and python3 (with the venv module); reaches only the npm and PyPI registries.

set -euo pipefail

SARIF_MULTITOOL_VERSION="5.7.0"
PY_REQUIREMENTS=("check-jsonschema==0.39.0" "jsonschema[format-nongpl]==4.26.0")

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${BDL_TOOLS_DIR:-$repo_root/.tools}"
schema="$repo_root/scripts/schemas/sarif-2.1.0.json"

strict=0
verbose=0
files=()

usage() {
    sed -n '2,4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

script=validate-sarif
# shellcheck source=scripts/lib/common.sh
source "$repo_root/scripts/lib/common.sh"

for arg in "$@"; do
    case "$arg" in
        --strict) strict=1 ;;
        --verbose | -v) verbose=1 ;;
        -h | --help) usage ;;
        -*) log "unknown option: $arg"; usage ;;
        *) files+=("$arg") ;;
    esac
done
[[ ${#files[@]} -gt 0 ]] || usage
[[ -f "$schema" ]] || die "schema not found: $schema"

# --- tools -------------------------------------------------------------------------------

# Prints the path of the platform's Sarif.Multitool executable.
multitool_path() {
    node -e '
        const path = require("path");
        const main = require.resolve("@microsoft/sarif-multitool", { paths: [process.argv[1]] });
        const pkg = require(path.join(path.dirname(main), "package.json"));
        if (pkg.version !== process.argv[2]) process.exit(3);
        process.stdout.write(require(main));
    ' "$tools_dir/npm" "$SARIF_MULTITOOL_VERSION" 2>/dev/null
}

install_multitool() {
    local npm_dir="$tools_dir/npm"
    local exe
    if exe="$(multitool_path)" && [[ -x "$exe" ]]; then
        printf '%s' "$exe"
        return
    fi
    command -v node >/dev/null || die "node is needed to run @microsoft/sarif-multitool"
    command -v npm >/dev/null || die "npm is needed to install @microsoft/sarif-multitool"
    log "installing @microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION into $npm_dir"
    mkdir -p "$npm_dir"
    npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error --save-exact \
        "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" >&2 \
        || die "cannot install @microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION from npm"
    exe="$(multitool_path)" \
        || die "@microsoft/sarif-multitool has no build for this platform ($(uname -sm))"
    [[ -f "$exe" ]] || die "Sarif.Multitool missing after install: $exe"
    # The package's postinstall script only sets the executable bit; npm may skip scripts.
    chmod u+x "$exe"
    printf '%s' "$exe"
}

install_python_tools "$tools_dir/venv" check-jsonschema "${PY_REQUIREMENTS[@]}"
multitool="$(install_multitool)"
# The validator is a .NET program; without libicu it refuses to start unless told to use the
# invariant culture, which changes nothing for validation.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
"$multitool" --version >/dev/null 2>&1 \
    || die "Sarif.Multitool does not run on this machine: $multitool"

# --- checks ------------------------------------------------------------------------------

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Prints the validator's findings from its output log and a last line "ERRORS WARNINGS NOTES".
# Exits 3 if the validator itself did not complete.
summarize() {
    python3 - "$1" "$2" "$verbose" <<'PY'
import json, re, sys

out, target, verbose = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
with open(out, encoding="utf-8-sig") as f:
    log = json.load(f)
counts = {"error": 0, "warning": 0, "note": 0}
failed = False
for run in log.get("runs", []):
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    for invocation in run.get("invocations", []):
        if invocation.get("executionSuccessful") is False:
            failed = True
        for n in invocation.get("toolExecutionNotifications", []) + invocation.get(
            "toolConfigurationNotifications", []
        ):
            if n.get("level", "warning") == "error":
                failed = True
                print(f"  validator error: {n.get('message', {}).get('text', n)}")
    for result in run.get("results", []):
        level = result.get("level", "warning")
        counts[level] = counts.get(level, 0) + 1
        if level == "note" and not verbose:
            continue
        message = result.get("message", {})
        text = message.get("text")
        if text is None:
            index = result.get("ruleIndex", -1)
            rule = rules[index] if 0 <= index < len(rules) else {}
            template = rule.get("messageStrings", {}).get(message.get("id", ""), {}).get("text", "")
            args = message.get("arguments", [])
            text = re.sub(r"\{(\d+)\}", lambda m: args[int(m.group(1))] if int(m.group(1)) < len(args) else m.group(0), template)
        region = (result.get("locations") or [{}])[0].get("physicalLocation", {}).get("region", {})
        where = f"{target}:{region.get('startLine', 1)}:{region.get('startColumn', 1)}"
        print(f"  {where}: {level} {result.get('ruleId', '?')}: {text}")
print(counts["error"], counts["warning"], counts["note"])
sys.exit(3 if failed else 0)
PY
}

total_errors=0
total_warnings=0
bad_files=0

for file in "${files[@]}"; do
    file_errors=0
    file_warnings=0
    if [[ ! -f "$file" ]]; then
        log "no such file: $file"
        bad_files=$((bad_files + 1))
        continue
    fi
    echo "== $file"

    # 1. The OASIS schema. Non-Unicode regexes: the schema's `language` pattern has a stray `]`
    #    that ECMA-262 rejects in Unicode mode.
    if schema_out="$("$tools_dir/venv/bin/check-jsonschema" --regex-variant nonunicode \
        --schemafile "$schema" "$file" 2>&1)"; then
        echo "  schema (OASIS SARIF 2.1.0): ok"
    else
        echo "  schema (OASIS SARIF 2.1.0): FAILED"
        printf '%s\n' "$schema_out" | indent
        file_errors=$((file_errors + 1))
    fi

    # 2 and 3. The SARIF validator, default rules and GitHub's rules. It exits 0 whatever it
    #    finds, so its output log is read instead.
    for mode in default github; do
        args=()
        [[ "$mode" == github ]] && args=(--rule-kind Gh)
        out="$work/$mode.sarif"
        if ! tool_out="$("$multitool" validate "$file" --output "$out" --log ForceOverwrite \
            --level "Error;Warning;Note" --quiet "${args[@]}" 2>&1)" || [[ ! -s "$out" ]]; then
            echo "  sarif-multitool ($mode rules): did not complete"
            printf '%s\n' "$tool_out" | indent
            file_errors=$((file_errors + 1))
            continue
        fi
        status=0
        report="$(summarize "$out" "$file")" || status=$?
        read -r errors warnings notes <<<"$(tail -n 1 <<<"$report")"
        findings="$(sed '$d' <<<"$report")"
        if [[ $status -ne 0 ]]; then
            errors=$((errors + 1))
        fi
        echo "  sarif-multitool ($mode rules): $errors error(s), $warnings warning(s), $notes note(s)"
        [[ -n "$findings" ]] && printf '%s\n' "$findings"
        file_errors=$((file_errors + errors))
        file_warnings=$((file_warnings + warnings))
    done

    total_errors=$((total_errors + file_errors))
    total_warnings=$((total_warnings + file_warnings))
    if [[ $file_errors -gt 0 || ($strict -eq 1 && $file_warnings -gt 0) ]]; then
        bad_files=$((bad_files + 1))
    fi
done

echo "validate-sarif: ${#files[@]} file(s), $total_errors error(s), $total_warnings warning(s), $bad_files failed"
[[ $bad_files -eq 0 ]]
