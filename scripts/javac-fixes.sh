#!/usr/bin/env bash
# Compiles the jobs under tests/javac before and after `bigdata-lint --fix`, against stub jars
# of the Flink API signatures involved (tests/javac/stubs):
#   - every job compiles against the Flink 1.20 stubs as written;
#   - tests/javac/mechanical: after `--fix --target flink=2.0` the job compiles against the
#     Flink 2.0 stubs (the 1.20 stubs without the lines and files marked `// 1.x only`), and
#     a second lint reports none of the migration rules' findings;
#   - tests/javac/partial: after the same fix the job still compiles against the 1.20 stubs
#     (what is left needs a person: the fixes must not break the build on the way).
# Installs a JDK from Debian's packages when javac is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v javac >/dev/null 2>&1; then
  echo "javac not found: installing openjdk-17-jdk-headless" >&2
  sudo_=""
  [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless >/dev/null
fi

bin="${BIGDATA_LINT:-target/release/bigdata-lint}"
if [ ! -x "$bin" ]; then
  cargo build --release --locked
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The 2.0 stubs: the 1.20 ones without what Flink 2.0 removed.
mkdir -p "$work/src-1.20" "$work/src-2.0"
cp -R tests/javac/stubs/. "$work/src-1.20/"
(cd tests/javac/stubs && find . -name '*.java') | while read -r f; do
  if head -n 1 "tests/javac/stubs/$f" | grep -q '^// 1.x only$'; then
    continue
  fi
  mkdir -p "$work/src-2.0/$(dirname "$f")"
  grep -v '// 1\.x only$' "tests/javac/stubs/$f" >"$work/src-2.0/$f"
done

compile() { # compile CLASSES_DIR SOURCE_DIR [CLASSPATH]
  local out="$1" src="$2" cp="${3:-}"
  mkdir -p "$out"
  find "$src" -name '*.java' >"$out.list"
  if [ -n "$cp" ]; then
    javac -nowarn -encoding UTF-8 -d "$out" -cp "$cp" "@$out.list"
  else
    javac -nowarn -encoding UTF-8 -d "$out" "@$out.list"
  fi
}

compile "$work/stubs-1.20" "$work/src-1.20"
compile "$work/stubs-2.0" "$work/src-2.0"

migration_rules="FLK015,FLK016"
status=0
for group in mechanical partial; do
  [ -d "tests/javac/$group" ] || continue
  for job in tests/javac/"$group"/*/; do
    name="$group/$(basename "$job")"
    compile "$work/before/$name" "$job" "$work/stubs-1.20"
    mkdir -p "$work/fixed/$name"
    cp -R "$job." "$work/fixed/$name/"
    # Exit 1 (findings remain) is expected; 2 is an error.
    rc=0
    "$bin" --quiet --fix --unsafe-fixes --target flink=2.0 "$work/fixed/$name" >/dev/null || rc=$?
    if [ "$rc" -ge 2 ]; then
      echo "FAIL $name: bigdata-lint --fix exited with $rc" >&2
      status=1
      continue
    fi
    if [ "$group" = mechanical ]; then
      if ! compile "$work/after/$name" "$work/fixed/$name" "$work/stubs-2.0"; then
        echo "FAIL $name: the fixed job does not compile against the Flink 2.0 stubs" >&2
        status=1
        continue
      fi
      rc=0
      left="$("$bin" --quiet --format concise --select "$migration_rules" --target flink=2.0 "$work/fixed/$name")" || rc=$?
      if [ "$rc" -ne 0 ]; then
        echo "FAIL $name: findings left after --fix:" >&2
        echo "$left" >&2
        status=1
        continue
      fi
    else
      if ! compile "$work/after/$name" "$work/fixed/$name" "$work/stubs-1.20"; then
        echo "FAIL $name: the fixed job no longer compiles against the Flink 1.20 stubs" >&2
        status=1
        continue
      fi
    fi
    echo "ok   $name"
  done
done
exit "$status"
