# clean_orders.awk: turns one raw orders CSV into clean rows (called by clean_orders.sh).
#
# Keeps a row only if it has the six columns, a well-formed order id, a timestamp inside the
# partition's day, a region, a positive whole quantity and a decimal price; the first row of
# an order id wins (later ones are re-sends). Regions and products are trimmed and lowercased.
#
# Reads the partition key from ENVIRON (already validated by the wrapper), never from the
# command line. Writes the clean CSV to stdout and a JSON metadata line to the file named by
# $CLEAN_ORDERS_STATS. Portable to mawk: no {n} intervals in regular expressions.

function trim(text) {
    sub(/^[ \t]+/, "", text)
    sub(/[ \t]+$/, "", text)
    return text
}

function drop(reason) {
    dropped[reason]++
    total_dropped++
}

BEGIN {
    FS = ","
    OFS = ","
    header = "order_id,ordered_at,region,product,quantity,unit_price"
    day = ENVIRON["ARCO_PARTITION_KEY"]
    stats = ENVIRON["CLEAN_ORDERS_STATS"]
    if (stats == "") stats = "/dev/null"
    split("blank malformed out_of_window bad_region bad_quantity bad_price duplicate", reasons, " ")
    seen_header = 0
    kept = 0
    total_dropped = 0
}

{ sub(/\r$/, "") }

/^[ \t]*$/ { drop("blank"); next }

!seen_header {
    if ($0 != header) {
        printf "clean_orders: unexpected header '%s' (want '%s')\n", $0, header > "/dev/stderr"
        failed = 1
        exit 65
    }
    seen_header = 1
    print header
    next
}

{
    if (NF != 6 || $1 !~ /^[0-9][0-9]*-[0-9][0-9]*$/ || $2 !~ /^[0-9-]+T[0-9:]+Z$/) {
        drop("malformed"); next
    }
    if (substr($2, 1, length(day) + 1) != day "T") { drop("out_of_window"); next }
    region = tolower(trim($3))
    product = tolower(trim($4))
    if (region == "" || product == "") { drop("bad_region"); next }
    if ($5 !~ /^[0-9]+$/ || $5 + 0 == 0) { drop("bad_quantity"); next }
    if ($6 !~ /^[0-9]+(\.[0-9]+)?$/) { drop("bad_price"); next }
    if ($1 in seen) { drop("duplicate"); next }
    seen[$1] = 1
    kept++
    print $1, $2, region, product, $5 + 0, $6
}

END {
    if (failed) exit 65
    if (!seen_header) {
        print "clean_orders: the raw file is empty (no header)" > "/dev/stderr"
        exit 65
    }
    detail = ""
    for (i = 1; i in reasons; i++) {
        reason = reasons[i]
        detail = detail (i > 1 ? ", " : "") sprintf("\"%s\": %d", reason, dropped[reason] + 0)
    }
    printf "{\"metadata\": {\"rows\": %d, \"dropped\": %d, \"dropped_by_reason\": {%s}}}\n", \
        kept, total_dropped, detail > stats
    printf "clean_orders: kept %d rows, dropped %d (%s)\n", kept, total_dropped, detail \
        > "/dev/stderr"
}
