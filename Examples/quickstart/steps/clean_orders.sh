#!/bin/sh
# clean_orders: data/raw/orders-<key>.csv -> data/clean/orders-<key>.csv, through
# clean_orders.awk (which says what it keeps and drops).
#
# Environment: ARCO_PARTITION_KEY, ARCO_WORKSPACE, ARCO_REPORT (optional). The key is checked
# to be a YYYY-MM-DD date before it is used in a path, and never reaches a command string.
set -eu

if [ -z "${ARCO_PARTITION_KEY+set}" ]; then
    echo 'clean_orders: error: ARCO_PARTITION_KEY is not set; this step is partitioned' >&2
    exit 65
fi
key=$ARCO_PARTITION_KEY
case $key in
    [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
    *) printf 'clean_orders: error: partition key %s is not a YYYY-MM-DD date\n' "'$key'" >&2
       exit 65 ;;
esac

workspace=${ARCO_WORKSPACE:-$(pwd)}
input=$workspace/data/raw/orders-$key.csv
output=$workspace/data/clean/orders-$key.csv
if [ ! -f "$input" ]; then
    printf 'clean_orders: error: %s is missing; materialize raw_orders for %s first\n' \
        "data/raw/orders-$key.csv" "$key" >&2
    exit 66
fi

sha256() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1"; else shasum -a 256 "$1"; fi |
        cut -d ' ' -f 1
}

mkdir -p "$workspace/data/clean"
temporary=$output.tmp.$$
stats=$output.stats.$$
trap 'rm -f "$temporary" "$stats"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

CLEAN_ORDERS_STATS=$stats awk -f "$workspace/steps/clean_orders.awk" "$input" >"$temporary"
mv -f "$temporary" "$output"

if [ -n "${ARCO_REPORT:-}" ]; then
    printf '{"data_version": "%s"}\n' "$(sha256 "$output")" >>"$ARCO_REPORT"
    cat "$stats" >>"$ARCO_REPORT"
fi
printf 'clean_orders: wrote data/clean/orders-%s.csv\n' "$key"
