#!/usr/bin/env python3
"""weekly_revenue: revenue per region for one week, into data/weekly/revenue-<key>.csv.

The week is the partition's time window [ARCO_PARTITION_START, ARCO_PARTITION_END); its days
are the daily_revenue partitions it depends on (a time_window mapping in arco.yaml). Every one
of them must exist: a week with a missing day fails instead of reporting a short total.

Environment: ARCO_PARTITION_KEY, ARCO_PARTITION_START, ARCO_PARTITION_END, ARCO_WORKSPACE,
ARCO_REPORT (optional).
"""

import csv
import decimal
import os

import steplib


def body():
    key = steplib.date_key()
    start, end = steplib.window()
    days = steplib.days(start, end)
    if not days or days[0] != key:
        raise steplib.StepError(f"window {start.isoformat()} .. {end.isoformat()} "
                                f"does not start on week {key}")
    root = steplib.workspace()
    sources = [os.path.join(root, "data", "daily", f"revenue-{day}.csv") for day in days]
    missing = [day for day, path in zip(days, sources) if not os.path.isfile(path)]
    if missing:
        raise steplib.StepError(f"week {key} needs daily_revenue for {', '.join(days)}; "
                                f"missing: {', '.join(missing)}")
    totals = {}
    for day, path in zip(days, sources):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                seen, orders, units, amount = totals.get(row["region"], (0, 0, 0, 0))
                totals[row["region"]] = (seen + 1, orders + int(row["orders"]),
                                         units + int(row["units"]),
                                         amount + decimal.Decimal(row["revenue"]))
    lines = ["region,days,orders,units,revenue"]
    for region in sorted(totals):
        seen, orders, units, amount = totals[region]
        lines.append(f"{region},{seen},{orders},{units},{amount}")
    target = os.path.join(root, "data", "weekly", f"revenue-{key}.csv")
    version = steplib.write_atomically(target, "\n".join(lines) + "\n")
    revenue = sum((amount for *_, amount in totals.values()), decimal.Decimal(0))
    steplib.report(version, rows=len(totals), days=len(days), revenue=str(revenue))
    print(f"weekly_revenue: wrote {steplib.relative(target)}: {len(days)} days, "
          f"{len(totals)} regions, revenue {revenue}")


if __name__ == "__main__":
    steplib.main("weekly_revenue", body)
