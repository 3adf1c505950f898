#!/usr/bin/env python3
"""daily_revenue: revenue per region for one day, into data/daily/revenue-<key>.csv.

Reads data/clean/orders-<key>.csv (clean_orders). Money is summed as Decimal, never float.

Environment: ARCO_PARTITION_KEY, ARCO_WORKSPACE, ARCO_REPORT (optional).
"""

import csv
import decimal
import os

import steplib

CENT = decimal.Decimal("0.01")


def body():
    key = steplib.date_key()
    root = steplib.workspace()
    source = os.path.join(root, "data", "clean", f"orders-{key}.csv")
    target = os.path.join(root, "data", "daily", f"revenue-{key}.csv")
    if not os.path.isfile(source):
        raise steplib.StepError(f"{steplib.relative(source)} is missing; "
                                f"materialize clean_orders for {key} first")
    totals = {}
    with open(source, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                quantity = int(row["quantity"])
                revenue = quantity * decimal.Decimal(row["unit_price"])
            except (KeyError, TypeError, ValueError, decimal.InvalidOperation):
                raise steplib.StepError(f"{steplib.relative(source)}:{number}: bad row {row!r}")
            orders, units, amount = totals.get(row["region"], (0, 0, decimal.Decimal(0)))
            totals[row["region"]] = (orders + 1, units + quantity, amount + revenue)
    lines = ["region,orders,units,revenue"]
    for region in sorted(totals):
        orders, units, amount = totals[region]
        lines.append(f"{region},{orders},{units},{amount.quantize(CENT)}")
    version = steplib.write_atomically(target, "\n".join(lines) + "\n")
    revenue = sum((amount for _, _, amount in totals.values()), decimal.Decimal(0))
    steplib.report(version, rows=len(totals), revenue=str(revenue.quantize(CENT)))
    print(f"daily_revenue: wrote {steplib.relative(target)}: {len(totals)} regions, "
          f"revenue {revenue.quantize(CENT)}")


if __name__ == "__main__":
    steplib.main("daily_revenue", body)
