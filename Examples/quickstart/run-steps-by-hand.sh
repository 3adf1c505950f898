#!/bin/sh
# Runs every step of this workspace for every partition, in dependency order, with the
# environment arco gives a step (ARCHITECTURE §2 "Step environment"):
#
#   ARCO_RUN_ID, ARCO_ASSET, ARCO_ATTEMPT, ARCO_WORKSPACE, ARCO_REPORT        always
#   ARCO_PARTITION_KEY, ARCO_PARTITION_START, ARCO_PARTITION_END              time partitions
#   plus the asset's own env: from arco.yaml
#
# Each step runs from the workspace root, a `command:` through /bin/sh -c and an `argv:`
# directly, as arco runs them. What this does not do: retries, timeouts, process groups, the
# ledger. It stops at the first failing step (set -eu) with that step's exit status.
#
# Usage: sh run-steps-by-hand.sh        (from anywhere; it finds its own folder)
set -eu

workspace=$(cd "$(dirname "$0")" && pwd -P)
cd "$workspace"

# The partitions of arco.yaml, spelled out: daily 2024-01-01 .. 2024-01-31 (end 2024-02-01
# is exclusive) and the four Monday-based weeks 2024-01-01 .. 2024-01-22 (end 2024-01-29; the
# partial week from 2024-01-29 does not exist). Each list ends with the end of its last key.
days="2024-01-01 2024-01-02 2024-01-03 2024-01-04 2024-01-05 2024-01-06 2024-01-07
      2024-01-08 2024-01-09 2024-01-10 2024-01-11 2024-01-12 2024-01-13 2024-01-14
      2024-01-15 2024-01-16 2024-01-17 2024-01-18 2024-01-19 2024-01-20 2024-01-21
      2024-01-22 2024-01-23 2024-01-24 2024-01-25 2024-01-26 2024-01-27 2024-01-28
      2024-01-29 2024-01-30 2024-01-31 2024-02-01"
weeks="2024-01-01 2024-01-08 2024-01-15 2024-01-22 2024-01-29"

run_id=by-hand-$(date -u +%Y%m%dT%H%M%SZ)-$$
scratch=$(mktemp -d "${TMPDIR:-/tmp}/arco-by-hand.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The commands must stay identical to arco.yaml; a step whose command drifted is refused.
check_declared() { # <asset> <line as written in arco.yaml>
    grep -qxF "    $2" arco.yaml || {
        printf 'run-steps-by-hand: %s: arco.yaml no longer says "%s"; update this script\n' \
            "$1" "$2" >&2
        exit 65
    }
}

steps=0
# run_step <asset> <key or -> <start> <end> <kind: command|argv> <command or argv...>
run_step() {
    asset=$1 key=$2 start=$3 end=$4 kind=$5
    shift 5
    report=$scratch/$asset.$key.report.jsonl
    : >"$report"
    if (
        unset ARCO_PARTITION_KEY ARCO_PARTITION_START ARCO_PARTITION_END ARCO_PARTITION_KEYS
        ARCO_RUN_ID=$run_id ARCO_ASSET=$asset ARCO_ATTEMPT=1 ARCO_WORKSPACE=$workspace
        ARCO_REPORT=$report
        export ARCO_RUN_ID ARCO_ASSET ARCO_ATTEMPT ARCO_WORKSPACE ARCO_REPORT
        if [ "$key" != - ]; then
            ARCO_PARTITION_KEY=$key ARCO_PARTITION_START=$start ARCO_PARTITION_END=$end
            export ARCO_PARTITION_KEY ARCO_PARTITION_START ARCO_PARTITION_END
        fi
        if [ "$asset" = raw_orders ]; then
            ORDERS_PER_DAY=40            # env: of raw_orders in arco.yaml
            export ORDERS_PER_DAY
        fi
        if [ "$kind" = command ]; then
            exec /bin/sh -c "$1" >"$scratch/log" 2>&1
        else
            exec "$@" >"$scratch/log" 2>&1
        fi
    ); then
        steps=$((steps + 1))
        version=$(sed -n 's/^{"data_version": "\([0-9a-f]*\)"}$/\1/p' "$report")
        rows=$(sed -n 's/^{"metadata": {.*"rows": \([0-9]*\).*$/\1/p' "$report")
        printf 'ok  %-14s %-10s rows=%-3s data_version=%.12s\n' \
            "$asset" "$([ "$key" = - ] && echo '(none)' || echo "$key")" "${rows:-?}" \
            "${version:-MISSING}"
        [ -n "$version" ] || {
            printf 'run-steps-by-hand: %s reported no data_version\n' "$asset" >&2
            exit 70
        }
    else
        status=$?
        printf 'FAILED %s %s (exit %s); its output:\n' "$asset" "$key" "$status" >&2
        sed 's/^/    /' "$scratch/log" >&2
        exit "$status"
    fi
}

check_declared raw_orders "command: python3 steps/raw_orders.py"
check_declared clean_orders "command: ./steps/clean_orders.sh"
check_declared daily_revenue "argv: [python3, steps/daily_revenue.py]"
check_declared weekly_revenue "command: python3 steps/weekly_revenue.py"
check_declared report "command: python3 steps/report.py"

# Consecutive pairs of $days are [start, end) of each daily partition; same for $weeks.
set -- $days
while [ $# -ge 2 ]; do
    day=$1 next=$2
    shift
    run_step raw_orders "$day" "${day}T00:00:00Z" "${next}T00:00:00Z" \
        command "python3 steps/raw_orders.py"
    run_step clean_orders "$day" "${day}T00:00:00Z" "${next}T00:00:00Z" \
        command "./steps/clean_orders.sh"
    run_step daily_revenue "$day" "${day}T00:00:00Z" "${next}T00:00:00Z" \
        argv python3 steps/daily_revenue.py
done

set -- $weeks
while [ $# -ge 2 ]; do
    week=$1 next=$2
    shift
    run_step weekly_revenue "$week" "${week}T00:00:00Z" "${next}T00:00:00Z" \
        command "python3 steps/weekly_revenue.py"
done

run_step report - - - command "python3 steps/report.py"

printf 'done: %s steps ran (run id %s); see data/report.md\n' "$steps" "$run_id"
