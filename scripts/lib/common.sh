# Shared by the scripts/test-*.sh scripts: messages, exits, and the pinned Python tools they
# install on first use. Source it after setting `script` (the name messages start with):
#
#   script=test-wheel
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
#
# Exit codes: `fail` 1 (a check failed), `die` 2 (a tool is missing or cannot be installed).

log() {
    printf '%s: %s\n' "$script" "$*" >&2
}

die() {
    log "$*"
    exit 2
}

indent() {
    sed 's/^/    /'
}

# fail MESSAGE [LOG]: reports a failed check, with the log that shows why, and exits 1. A
# script may define `fail_hook` to print more (it runs before the exit).
fail() {
    log "FAILED: $1"
    if [[ $# -gt 1 && -f "$2" ]]; then
        indent <"$2" >&2
    fi
    if declare -F fail_hook >/dev/null; then
        fail_hook
    fi
    exit 1
}

ok() {
    printf '  ok: %s\n' "$*"
}

# install_python_tool VENV REQUIREMENT PROGRAM: makes VENV/bin/PROGRAM the one REQUIREMENT
# (`name==version`) installs, from PyPI into a virtualenv of its own. Reinstalls when the pin
# changes (a stamp file in VENV remembers it); does nothing when it is already there.
install_python_tool() {
    local venv="$1" wanted="$2" program="$3"
    local stamp="$venv/.requirements"
    if [[ -x "$venv/bin/$program" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
        return
    fi
    command -v python3 >/dev/null || die "python3 is needed to install $wanted"
    log "installing $wanted into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv" \
        || die "cannot create a Python venv in $venv (on Debian/Ubuntu: apt-get install python3-venv)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wanted" \
        || die "cannot install $wanted from PyPI"
    "$venv/bin/$program" --version >/dev/null \
        || die "$program was installed but does not run on $(uname -sm)"
    printf '%s' "$wanted" >"$stamp"
}
