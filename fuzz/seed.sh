#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets: every fixture under testdata/, filed by the kind
# its name gives it, plus a few settings files. Seeds are named `seed-*`; everything else a
# fuzzer adds to fuzz/corpus/ is git-ignored. Rerun after adding fixtures:
#
#     bash fuzz/seed.sh
#
# The `all_rules` seeds carry the selector byte that target reads first (see
# fuzz_targets/all_rules.rs): the index of the file name, plus 8 for a test source.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
corpus="$here/corpus"

targets=(java flink_conf yaml flink_k8s sql xml properties settings all_rules)
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
        *) continue ;;
    esac
    seed "$target" "$name" "$file"
    seed all_rules "$name" "$file" $((selector + test_bit))
    count=$((count + 1))
done < <(find "$root/testdata" -type f -print0 | sort -z)

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

echo "wrote $count fixtures as seeds, and $(find "$settings" -name 'seed-*' | wc -l) settings seeds, under ${corpus#"$root/"}/"
