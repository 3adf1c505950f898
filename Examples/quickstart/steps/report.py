#!/usr/bin/env python3
"""report: data/report.md, a Markdown summary of every daily and weekly revenue partition.

Unpartitioned: it reads all of data/daily/revenue-*.csv and data/weekly/revenue-*.csv, and
checks that each complete week adds up to its days. The report carries no timestamp, so the
same inputs always give the same bytes (and the same data_version).

Environment: ARCO_WORKSPACE, ARCO_REPORT (optional). No partition variables.
"""

import csv
import datetime
import decimal
import glob
import os
import re

import steplib

FILE = re.compile(r"revenue-([0-9]{4}-[0-9]{2}-[0-9]{2})\.csv")
ZERO = decimal.Decimal("0.00")


def read_partitions(folder):
    """{key: {region: row}} for each revenue-<YYYY-MM-DD>.csv in folder; other files ignored."""
    partitions = {}
    for path in sorted(glob.glob(os.path.join(folder, "revenue-*.csv"))):
        match = FILE.fullmatch(os.path.basename(path))
        if not match:
            continue
        with open(path, encoding="utf-8", newline="") as handle:
            partitions[match.group(1)] = {row["region"]: row for row in csv.DictReader(handle)}
    return partitions


def money(amount):
    return f"{amount:,.2f}"


def table(header, rows, numeric_from=1):
    align = ["---" if index < numeric_from else "---:" for index in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def body():
    root = steplib.workspace()
    daily = read_partitions(os.path.join(root, "data", "daily"))
    weekly = read_partitions(os.path.join(root, "data", "weekly"))
    if not daily:
        raise steplib.StepError("no data/daily/revenue-*.csv yet; materialize daily_revenue first")
    regions = sorted({region for rows in daily.values() for region in rows})

    def revenue(rows, region):
        return decimal.Decimal(rows[region]["revenue"]) if region in rows else ZERO

    out = ["# Revenue report", ""]
    out.append(f"{len(daily)} day(s) from {min(daily)} to {max(daily)}, "
               f"{len(weekly)} week(s), {len(regions)} regions. Amounts in the shop's currency.")
    out += ["", "## Daily revenue by region", ""]
    rows, column_totals = [], dict.fromkeys(regions, ZERO)
    for day in sorted(daily):
        amounts = [revenue(daily[day], region) for region in regions]
        for region, amount in zip(regions, amounts):
            column_totals[region] += amount
        weekday = datetime.date.fromisoformat(day).strftime("%a")
        rows.append([f"{day} ({weekday})"] + [money(a) for a in amounts] + [money(sum(amounts))])
    rows.append(["**Total**"] + [f"**{money(column_totals[r])}**" for r in regions]
                + [f"**{money(sum(column_totals.values()))}**"])
    out += table(["Day"] + regions + ["Total"], rows)

    checks = []
    for week in sorted(weekly):
        start = datetime.date.fromisoformat(week)
        days = [(start + datetime.timedelta(days=n)).isoformat() for n in range(7)]
        out += ["", f"## Week of {week}", ""]
        rows, orders, units, total = [], 0, 0, ZERO
        for region in sorted(weekly[week]):
            row = weekly[week][region]
            orders += int(row["orders"])
            units += int(row["units"])
            total += decimal.Decimal(row["revenue"])
            rows.append([region, row["days"], f"{int(row['orders']):,}", f"{int(row['units']):,}",
                         money(decimal.Decimal(row["revenue"]))])
        rows.append(["**Total**", "", f"{orders:,}", f"{units:,}", f"**{money(total)}**"])
        out += table(["Region", "Days", "Orders", "Units", "Revenue"], rows)
        if all(day in daily for day in days):
            from_days = sum((revenue(daily[d], r) for d in days for r in daily[d]), ZERO)
            if from_days != total:
                raise steplib.StepError(f"week {week} totals {total} but its days add up to "
                                        f"{from_days}; rematerialize weekly_revenue {week}")
            checks.append(f"- Week of {week}: the weekly total matches its seven days.")
        else:
            checks.append(f"- Week of {week}: not checked, some of its days are missing.")

    best = max(sorted(daily), key=lambda d: sum(revenue(daily[d], r) for r in regions))
    top = max(regions, key=lambda r: (column_totals[r], r))
    out += ["", "## Highlights", "",
            f"- Best day: {best}, {money(sum(revenue(daily[best], r) for r in regions))}.",
            f"- Top region: {top}, {money(column_totals[top])} over the period."]
    out += checks
    target = os.path.join(root, "data", "report.md")
    version = steplib.write_atomically(target, "\n".join(out) + "\n")
    steplib.report(version, rows=len(daily), days=len(daily), weeks=len(weekly))
    print(f"report: wrote {steplib.relative(target)}: {len(daily)} days, {len(weekly)} weeks")


if __name__ == "__main__":
    steplib.main("report", body)
