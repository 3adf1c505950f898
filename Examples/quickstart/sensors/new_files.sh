#!/bin/sh
# inbox_files sensor: asks for a run of a day whenever inbox/orders-<YYYY-MM-DD>.csv appears or
# changes. Prints one JSON document on stdout:
#
#   {"run_requests": [{"run_key": "...", "partition": "2024-01-03", "tags": {...}}, ...],
#    "cursor": "<newest modification time seen, in epoch seconds>"}
#
# or, when nothing is new, an empty run_requests with a skip_reason. The cursor comes in through
# ARCO_SENSOR_CURSOR (empty on the first evaluation: every file in the inbox is new). A file is
# new when its modification time is after the cursor; the run key names the file and that time,
# so re-dropping a changed file asks for a new run while a repeated evaluation asks for none.
#
# Only names matching orders-YYYY-MM-DD.csv are considered, so every string printed below is
# made of digits, letters, '-' and '.', and needs no JSON escaping. Other files are ignored.
set -eu

cursor=${ARCO_SENSOR_CURSOR:-}
case $cursor in
    '') cursor=-1 ;;
    *[!0-9]*) printf 'new_files: error: cursor %s is not epoch seconds\n' "'$cursor'" >&2
              exit 65 ;;
esac

inbox=${ARCO_WORKSPACE:-$(pwd)}/inbox

mtime() {
    # GNU stat first (Debian), then BSD stat (macOS).
    stat -c %Y "$1" 2>/dev/null || stat -f %m "$1"
}

request_format='{"run_key": "inbox:%s:%s", "partition": "%s", "tags": {"inbox_file": "%s"}}'
newest=$cursor
requests=
count=0
if [ -d "$inbox" ]; then
    for path in "$inbox"/orders-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].csv; do
        [ -f "$path" ] || continue        # the pattern itself when nothing matches
        name=${path##*/}
        day=${name#orders-}
        day=${day%.csv}
        modified=$(mtime "$path")
        case $modified in ''|*[!0-9]*) printf 'new_files: error: no mtime for %s\n' "$name" >&2
                                       exit 70 ;;
        esac
        [ "$modified" -gt "$cursor" ] || continue
        [ "$modified" -le "$newest" ] || newest=$modified
        request=$(printf "$request_format" "$name" "$modified" "$day" "$name")
        requests=${requests:+$requests, }$request
        count=$((count + 1))
    done
fi

if [ "$newest" -lt 0 ]; then
    next_cursor=
else
    next_cursor=$newest
fi
if [ "$count" -eq 0 ]; then
    printf '{"run_requests": [], "cursor": "%s", "skip_reason": "no new files in inbox/"}\n' \
        "$next_cursor"
else
    printf '{"run_requests": [%s], "cursor": "%s"}\n' "$requests" "$next_cursor"
fi
