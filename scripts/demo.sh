#!/bin/sh
# `make demo`: runs the example workspace end to end with a release arco, printing each step.
# Usage: scripts/demo.sh PATH/TO/arco
set -eu

arco="$1"
repository="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/arco-demo.XXXXXX")"
trap 'rm -rf "$work"' EXIT INT TERM

step() {
    if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
        printf '\n\033[1m== %s\033[0m\n' "$*"
    else
        printf '\n== %s\n' "$*"
    fi
}

# Prints the command on stderr (so that redirected output stays clean), then runs it.
show() {
    printf '$ %s\n' "$*" >&2
    "$@"
}

cp -R "$repository/Examples/quickstart" "$work/quickstart"
rm -rf "$work/quickstart/.arco" "$work/quickstart/data" "$work/quickstart/inbox"
cd "$work/quickstart"

step "1. Check the definitions (Examples/quickstart/arco.yaml)"
show "$arco" validate
show "$arco" validate --json

step "2. A typo is reported with its location, a suggestion, and exit code 65"
sed 's/^    deps:/    depz:/' arco.yaml > "$work/broken.yaml"
mkdir -p "$work/broken" && cp "$work/broken.yaml" "$work/broken/arco.yaml"
set +e
"$arco" --workspace "$work/broken" validate
status=$?
set -e
echo "exit code: $status"

step "3. Partitions: the daily keys that exist by a given time, one key's window and identity"
show "$arco" partitions list daily --now 2024-01-05T00:00:00Z
show "$arco" partitions show daily 2024-01-03 --json
show "$arco" partitions list weekly --json
set +e
"$arco" partitions show daily 2024-01-32
echo "exit code: $?"
set -e

step "4. The store is created on first use: .arco/ is 0700 and the database 0600"
show "$arco" events
ls -ld .arco .arco/arco.db | awk '{ print $1, $NF }'

step "5. Run one day: raw_orders and two levels below it (clean_orders, daily_revenue)"
echo "(partition keys reach the steps only through ARCO_PARTITION_KEY, _START and _END)"
show "$arco" run 'raw_orders++' --partition 2024-01-01

step "6. The rest of the week and everything below: clean_orders cannot start, so what depends on it is skipped (exit code 1)"
echo "(weekly_revenue and report are planned through the partition mappings: week 2024-01-01, then the report)"
chmod -x steps/clean_orders.sh
set +e
show "$arco" run 'key:raw_orders+' --partition-range 2024-01-02...2024-01-07 --max-concurrency 2
echo "exit code: $?"
set -e
failed="$("$arco" status --limit 1 --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["runs"][0]["run_id"])')"
show "$arco" status "$failed"

step "7. Fix it and rerun exactly the steps that did not succeed"
chmod +x steps/clean_orders.sh
show "$arco" rerun "$failed" --from-failure
echo "(repeating the rerun returns the same run instead of starting another)"
show "$arco" rerun "$failed" --from-failure --json | python3 -c 'import json, sys; r = json.load(sys.stdin); print("run", r["run_id"], r["status"], "existing:", r.get("existing", False))'
echo
show cat data/report.md

step "8. Runs, their logs, and exactly-once run keys"
show "$arco" status
show "$arco" logs "$failed" --step 'clean_orders[2024-01-02]'
show "$arco" run report --run-key demo-report
show "$arco" run report --run-key demo-report
show "$arco" asset show daily_revenue

step "9. Backfill the rest of January: only what is missing, each asset partition once, weeks after their days"
show "$arco" backfill create --select 'raw_orders*' --all --only missing --dry-run
show "$arco" backfill create --select 'raw_orders*' --all --only missing --max-concurrent-runs 4
backfill="$("$arco" backfill list --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["backfills"][0]["backfill_id"])')"
show "$arco" backfill status "$backfill" --partitions
echo "(repeating it finds nothing missing: exit code 65 and nothing recorded)"
set +e
"$arco" backfill create --select 'raw_orders*' --all --only missing
echo "exit code: $?"
set -e
show "$arco" run report
show head -5 data/report.md

step "10. What is stale and why, after a code change; reconcile makes it fresh"
show "$arco" staleness report
echo "(daily_revenue's code_version goes from \"1\" to \"2\": everything it feeds is now stale too)"
python3 - <<'PY'
import re
text = open("arco.yaml").read()
text = re.sub(r'(daily_revenue:\n(?:    .*\n)*?    code_version: )"1"', r'\1"2"', text, count=1)
open("arco.yaml", "w").write(text)
PY
show "$arco" staleness report
show "$arco" staleness report --select daily_revenue --reason CODE_CHANGED --limit 3 --json
show "$arco" staleness explain report
show "$arco" reconcile plan
show "$arco" reconcile run
show "$arco" staleness report --check
echo "(a second reconcile run finds nothing to do)"
show "$arco" reconcile run

step "11. Schedules: each tick once, in its zone, for the latest partition that has ended"
show "$arco" schedule list
show "$arco" schedule preview nightly --from 2024-01-30T00:00:00Z --count 3
show "$arco" schedule start nightly
echo "(the first evaluation after start records where it starts: ticks before it never run)"
today="$(date -u +%Y-%m-%d)"
tomorrow="$(date -u -d tomorrow +%Y-%m-%d)"
show "$arco" schedule tick --now "${today}T00:00:00Z"
echo "(tomorrow's 02:15 tick, evaluated twice: the second call records nothing)"
show "$arco" schedule tick --now "${tomorrow}T02:16:00Z" --no-launch
show "$arco" schedule tick --now "${tomorrow}T02:17:00Z" --no-launch
show "$arco" worker --once
show "$arco" schedule history nightly

step "12. Sensors: a file dropped in inbox/ becomes one run, under a cursor you can see"
mkdir -p inbox && cp data/raw/orders-2024-01-03.csv inbox/
show "$arco" sensor start inbox_files
show "$arco" sensor eval inbox_files --no-launch
show "$arco" worker --once
echo "(evaluated again a second later: the cursor has moved past the file, so nothing new)"
sleep 1
show "$arco" sensor eval inbox_files --force
show "$arco" sensor list
show "$arco" sensor history inbox_files --json | python3 -c 'import json, sys; print([(e["status"], e["cursor_after"]) for e in json.load(sys.stdin)["evaluations"]])'

step "13. One daemon for all of it: a pass ticks the next night's schedule and starts its run"
echo "(a second daemon on this workspace would wait as a standby; every write checks the leader's token)"
day_after="$(date -u -d '2 days' +%Y-%m-%d)"
show "$arco" daemon --once --now "${day_after}T02:16:00Z"
# The pass started a worker for the run; wait for it before the store is checked and exported.
until "$arco" status --json | python3 -c 'import json, sys; sys.exit(any(r["status"] in ("QUEUED", "STARTING", "STARTED", "CANCELING") for r in json.load(sys.stdin)["runs"]))'; do
    sleep 0.2
done
show "$arco" daemon status

step "14. Check the store: schema, pragmas, permissions, hash chain, projections"
show "$arco" doctor

step "15. Disaster recovery: export the ledger, import it into a fresh workspace, verify"
show "$arco" ledger export > "$work/ledger.jsonl"
echo "exported $(wc -l < "$work/ledger.jsonl") events to ledger.jsonl"
mkdir -p "$work/restored" && cp arco.yaml "$work/restored/"
show "$arco" --workspace "$work/restored" ledger import "$work/ledger.jsonl"
show "$arco" --workspace "$work/restored" rebuild --verify
show "$arco" --workspace "$work/restored" doctor --json

step "Done"
echo "The example ran end to end in $work/quickstart (removed on exit)."
