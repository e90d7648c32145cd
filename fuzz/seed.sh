#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets: every fixture under testdata/, filed by the kind
# its name gives it, plus a few settings files. Seeds are named `seed-*`; everything else a
# fuzzer adds to fuzz/corpus/ is git-ignored. Rerun after adding fixtures:
#
#     bash fuzz/seed.sh
#
# The `all_rules` seeds carry the selector byte that target reads first (see
# fuzz_targets/all_rules.rs): the index of the file name (bits 0-2, and bits 4-6 for index 8 and
# up), plus 8 for a test source. The `render`
# seeds carry the header that target reads first (see fuzz_targets/render.rs): flags, the file
# name, findings with their spans, then the file.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
corpus="$here/corpus"

targets=(java flink_conf yaml flink_k8s sql xml properties settings all_rules render project)
for target in "${targets[@]}"; do
    mkdir -p "$corpus/$target"
    find "$corpus/$target" -maxdepth 1 -type f -name 'seed-*' -delete
done

# seed <target> <name> <file> [selector]
seed() {
    local target=$1 name=$2 file=$3 selector=${4-}
    if [[ -n $selector ]]; then
        {
            printf "\\x$(printf %02x "$selector")"
            cat "$file"
        } >"$corpus/$target/seed-$name"
    else
        cp "$file" "$corpus/$target/seed-$name"
    fi
}

count=0
while IFS= read -r -d '' file; do
    relative=${file#"$root/testdata/"}
    name=${relative//\//-}
    base=$(basename "$file")
    lower=${base,,}
    test_bit=0
    case $lower in
        *test.java | *tests.java | *it.java | *itcase.java) test_bit=8 ;;
    esac
    [[ $relative == */src/test/* ]] && test_bit=8
    case $lower in
        *.java) target=java selector=0 ;;
        flink-conf.yaml | flink-conf.yml) target=flink_conf selector=1 ;;
        config.yaml | config.yml) target=yaml selector=2 ;;
        *.sql) target=sql selector=3 ;;
        *-site.xml) target=xml selector=4 ;;
        spark-defaults.conf) target=properties selector=7 ;;
        application*.properties | bootstrap*.properties) target=properties selector=5 ;;
        application*.yml | application*.yaml | bootstrap*.yml | bootstrap*.yaml) target=yaml selector=6 ;;
        # Kubernetes Flink resources are recognised by content; all_rules reads them as
        # `config.yaml`, whose content decides its kind the same way.
        *.yaml | *.yml)
            grep -q 'flink.apache.org' "$file" || continue
            target=flink_k8s selector=2
            ;;
        # Build files: only the whole pipeline reads them.
        pom.xml) target='' selector=16 ;;
        build.gradle | build.gradle.kts) target='' selector=17 ;;
        libs.versions.toml) target='' selector=18 ;;
        *) continue ;;
    esac
    [[ -n $target ]] && seed "$target" "$name" "$file"
    seed all_rules "$name" "$file" $((selector + test_bit))
    count=$((count + 1))
done < <(find "$root/testdata" -type f -print0 | sort -z)

# The render seeds. Bytes little-endian, as fuzz_targets/render.rs reads them.
u8() { printf "\\x$(printf %02x "$(($1 & 255))")"; }
u16() { u8 "$1"; u8 "$(($1 >> 8))"; }
u32() { u16 "$(($1 & 65535))"; u16 "$((($1 >> 16) & 65535))"; }
# render_seed <seed name> <flags> <filler KiB> <filler at> <file name> <text> <finding>...
# A finding is "start end kind message-at message-length flags [label-start label-end]...".
render_seed() {
    local seed=$1 flags=$2 filler=$3 filler_at=$4 name=$5 text=$6
    shift 6
    local -a f
    {
        u8 "$flags"
        u8 "${#name}"
        u8 "$(($# - 1))"
        u8 "$filler"
        u32 "$filler_at"
        for finding in "$@"; do
            read -r -a f <<<"$finding"
            u32 "${f[0]}"
            u32 "${f[1]}"
            u8 "${f[2]}"
            u8 "$(((${#f[@]} - 6) / 2))"
            u16 "${f[3]}"
            u8 "${f[4]}"
            u8 "${f[5]}"
            for ((i = 6; i + 1 < ${#f[@]}; i += 2)); do
                u32 "${f[i]}"
                u32 "${f[i + 1]}"
            done
        done
        printf '%s%s' "$name" "$text"
    } >"$corpus/render/seed-$seed"
}

# Every fixture, with a finding near its start and one with a label further in.
render_count=0
while IFS= read -r -d '' file; do
    relative=${file#"$root/testdata/"}
    text=$(cat "$file")
    render_seed "${relative//\//-}" 0 0 0 "$(basename "$file")" "$text" \
        "40 52 1 0 40 1" "300 340 5 120 60 0 90 100"
    render_count=$((render_count + 1))
done < <(find "$root/testdata" -type f \( -name '*.java' -o -name '*.yaml' -o -name '*.xml' \) -print0 | sort -z)

import='import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;'
call='class Job { void f(StreamExecutionEnvironment env) { env.enableCheckpointing(100); } }'
# Round two, case 1: a line of 70,000+ characters ending in a lone CR, the finding on the next
# line (69 KiB of `x` go after `// `), in every width and with colour.
head="$import"$'\n'"// "
long_text="$head"$'\r'"$call"$'\n'
at=$((${#head} + 69 * 1024 + 1 + ${#call} - 9))
for flags in 0 1 2 14; do
    render_seed "long-line-lone-cr-$flags" "$flags" 69 "${#head}" Job.java "$long_text" \
        "$at $((at + 3)) 2 $at 3 1" "0 5 4 0 20 0 $((at - 30)) $((at - 20))"
done
# The finding on the long line itself, and a label spanning from it to the next line.
render_seed long-line-finding 0 95 "${#head}" Job.java "$long_text" \
    "70000 70010 1 100 60 1 20 $((at + 2))" "$((at + 1)) 69990 0 0 64 0"
# Lone CR, CRLF and LF mixed, spans across line ends and on them.
render_seed lone-cr 0 0 0 application.properties $'a=1\rb=2\r\nc=3\rd=4\n\r\re=5' \
    "4 7 1 0 3 1 0 20" "3 4 2 0 3 0" "8 10 0 6 6 0" "13 20 1 0 64 1"
# A hostile file name and file content: a line break that tries to start a workflow command,
# ESC, BEL, DEL, C1 and bidirectional controls; the second finding is in the file with the
# hostile name of the target itself, the third in a file without text.
hostile_text=$'maxTotal: 1\nname: "\e[31m\a red \x7f"\n::error file=x::pwned\n\xe2\x80\xaeevil\xe2\x80\xac \xc2\x9b2J\n'
render_seed hostile-names 0 0 0 $'conf/a\n::error file=x::pwned\e[2J\a.yaml' "$hostile_text" \
    "10 11 2 13 30 1 36 58" "13 30 8 36 22 3" "0 4 4 0 64 1"
# Spans that do not fit: past the end, huge, backwards, inside a multi-byte character; an empty
# text; positions from the input; a file the renderer has no text for.
render_seed odd-spans 32 0 0 'Odd.java' 'é中文𝄞 a\tb'$'\t''c' \
    "1 3 2 1 2 1 2147483700 4294967295" "4294967295 4294967295 1 0 255 3" \
    "9 2 0 0 8 1 5 5" "3221225472 3221225480 2 0 0 0"
render_seed empty-text 0 0 0 Empty.java '' "0 0 2 0 0 1" "7 9 1 0 0 0 3 1"
render_seed no-text 16 0 0 Job.java "$import" "10 20 2 0 10 1 0 5"

# Settings files: the documented keys in their usual shapes, and a few that fail validation.
settings="$corpus/settings"
cat >"$settings/seed-full.yaml" <<'EOF'
select: [FLK, HDP001]
extend-select: RDS
ignore: [allowed-lateness-tiny]
exclude:
  - target/
  - build/
extend-exclude: ["**/generated/**"]
per-file-ignores:
  "src/it/**": [FLK001]
  "*.sql": [BDL000, BDL001]
severity:
  HDP001: error
  jedis-pool-undersized: info
rules:
  FLK001:
    min-interval: 30s
fail-level: warning
EOF
cat >"$settings/seed-flow.yaml" <<'EOF'
{select: [FLK001, HBS], ignore: [BDL], severity: {FLK002: warning}, fail-level: error}
EOF
cat >"$settings/seed-comments.yaml" <<'EOF'
# bigdata-lint settings
# select: [FLK]
exclude:
  - target/   # build output
EOF
cat >"$settings/seed-errors.yaml" <<'EOF'
selct: [FLK]
rules:
  FLK001:
    min-intervall: soon
severity:
  HDP001: critical
fail-level: [error]
EOF

# The project seeds: a Java file, the Java files it refers to, and a site file, separated by
# the byte 0xFF as fuzz_targets/project.rs reads them.
project_seed() {
    local name=$1 first=1
    shift
    for file in "$@"; do
        ((first)) || printf '\xff'
        first=0
        cat "$root/testdata/$file"
    done >"$corpus/project/seed-$name"
}
shared=FLK001/bad/project/src/main/java/com/example
project_seed shared-settings "$shared/jobs/SharedSettingsJob.java" "$shared/settings/JobSettings.java" \
    HDP001/bad/hdfs-site.xml
project_seed shared-settings-good FLK001/good/project/src/main/java/com/example/jobs/SharedSettingsJob.java \
    FLK001/good/project/src/main/java/com/example/settings/JobSettings.java

echo "wrote $count fixtures as seeds, $(find "$settings" -name 'seed-*' | wc -l) settings seeds and $(find "$corpus/render" -name 'seed-*' | wc -l) render seeds ($render_count from fixtures), under ${corpus#"$root/"}/"
