#!/usr/bin/env python3
"""raw_orders: one day of orders as the shop exports them, into data/raw/orders-<key>.csv.

The day's orders are generated deterministically, seeded by the partition key, so every run of
a partition writes the same bytes (and reports the same data_version). Like a real export, the
file is dirty: blank lines, a negative quantity, a price that is not a number, a re-sent order,
an order from the day before, a region in odd case and a truncated row. clean_orders deals with
them.

If inbox/orders-<key>.csv exists (dropped there by hand or by another system; the inbox_files
sensor watches that folder), it is ingested as is instead of the generated day.

Environment: ARCO_PARTITION_KEY, ARCO_PARTITION_START, ARCO_PARTITION_END, ARCO_WORKSPACE,
ARCO_REPORT (optional), ORDERS_PER_DAY (from arco.yaml's env:, default 40).
"""

import datetime
import os
import random

import steplib

HEADER = "order_id,ordered_at,region,product,quantity,unit_price"
REGIONS = ["north", "south", "east", "west"]
PRODUCTS = {"widget": "4.50", "gadget": "12.00", "gizmo": "7.25", "doohickey": "19.99",
            "sprocket": "0.85"}


def orders_per_day():
    text = os.environ.get("ORDERS_PER_DAY", "40")
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise steplib.StepError(f"ORDERS_PER_DAY={text!r} is not a whole number from 1 to 100000")
    return int(text)


def stamp(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def generate(key, start, end, count):
    rng = random.Random(f"raw_orders:{key}")
    seconds = int((end - start).total_seconds())
    prefix = key.replace("-", "")
    rows = []
    for offset in sorted(rng.randrange(seconds) for _ in range(count)):
        product = rng.choice(sorted(PRODUCTS))
        rows.append([f"{prefix}-{len(rows) + 1:04d}",
                     stamp(start + datetime.timedelta(seconds=offset)),
                     rng.choice(REGIONS), product, str(rng.randint(1, 12)), PRODUCTS[product]])
    shouty = rng.choice(rows)
    shouty[2] = f"  {shouty[2].upper()} "                                # region in odd case
    lines = [",".join(row) for row in rows]

    # The dirt, at seeded positions.
    def insert(line, after=0):
        lines.insert(rng.randrange(after, len(lines)) + 1, line)

    resent = rng.randrange(len(rows))
    insert(lines[resent], after=resent)                                  # re-sent order
    clash = rows[rng.randrange(len(rows))]
    insert(",".join(clash[:4] + ["99", clash[5]]),                       # same id, other data:
           after=lines.index(",".join(clash)))                           # the first one wins
    late = start - datetime.timedelta(minutes=rng.randint(1, 90))
    insert(f"{prefix}-9001,{stamp(late)},east,widget,2,4.50")             # yesterday's order
    insert(f"{prefix}-9002,{stamp(start)},west,gadget,-3,12.00")           # negative quantity
    insert(f"{prefix}-9003,{stamp(start)},north,gizmo,1,n/a")              # price not a number
    insert(f"{prefix}-9004,{stamp(start)},south")                          # truncated row
    insert("")                                                           # blank lines
    insert("")
    return "\r\n".join([HEADER] + lines) + "\r\n"


def body():
    key = steplib.date_key()
    start, end = steplib.window()
    if start.date().isoformat() != key:
        raise steplib.StepError(f"window {start.isoformat()} .. {end.isoformat()} is not day {key}")
    root = steplib.workspace()
    target = os.path.join(root, "data", "raw", f"orders-{key}.csv")
    dropped = os.path.join(root, "inbox", f"orders-{key}.csv")
    if os.path.isfile(dropped):
        with open(dropped, encoding="utf-8", newline="") as handle:
            text = handle.read()
        source = "inbox"
    else:
        text = generate(key, start, end, orders_per_day())
        source = "generated"
    version = steplib.write_atomically(target, text)
    rows = sum(1 for line in text.splitlines()[1:] if line.strip())
    steplib.report(version, rows=rows, source=source)
    print(f"raw_orders: wrote {steplib.relative(target)}: {rows} rows ({source})")


if __name__ == "__main__":
    steplib.main("raw_orders", body)
