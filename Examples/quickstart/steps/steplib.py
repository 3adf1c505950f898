"""Helpers shared by the Python steps of the quickstart (standard library only).

A step learns everything about its partition from the environment arco sets:

  ARCO_PARTITION_KEY    the key, e.g. 2024-01-03 (display form)
  ARCO_PARTITION_START  start of the key's time window, ISO 8601, inclusive
  ARCO_PARTITION_END    end of the key's time window, ISO 8601, exclusive
  ARCO_WORKSPACE        the workspace root (the folder holding arco.yaml)
  ARCO_REPORT           optional: a file to append JSON lines to ({"data_version": ...},
                        {"metadata": {...}}), which become part of the materialization

This module is not a step itself; the scripts next to it import it.
"""

import datetime
import hashlib
import json
import os
import re
import sys

DATE_KEY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class StepError(Exception):
    """A problem the step reports on stderr before exiting with status 65 (bad input)."""


def fail(step, message):
    print(f"{step}: error: {message}", file=sys.stderr)
    sys.exit(65)


def workspace():
    """The workspace root: ARCO_WORKSPACE, or the current folder when run by hand from it."""
    return os.environ.get("ARCO_WORKSPACE") or os.getcwd()


def date_key():
    """ARCO_PARTITION_KEY, checked to be a YYYY-MM-DD date before it goes near a file path."""
    key = os.environ.get("ARCO_PARTITION_KEY")
    if key is None:
        raise StepError("ARCO_PARTITION_KEY is not set; this step is partitioned")
    if not DATE_KEY.fullmatch(key):
        raise StepError(f"partition key {key!r} is not a YYYY-MM-DD date")
    try:
        datetime.date.fromisoformat(key)
    except ValueError:
        raise StepError(f"partition key {key!r} is not a real date") from None
    return key


def _instant(name):
    text = os.environ.get(name)
    if not text:
        raise StepError(f"{name} is not set; arco sets it for time-window partitions")
    try:
        # Python 3.11 reads a trailing 'Z'; older versions need the offset spelled out.
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise StepError(f"{name}={text!r} is not an ISO 8601 date-time") from None
    if value.tzinfo is None:
        raise StepError(f"{name}={text!r} has no UTC offset")
    return value


def window():
    """The partition's time window [start, end) from ARCO_PARTITION_START/_END."""
    start, end = _instant("ARCO_PARTITION_START"), _instant("ARCO_PARTITION_END")
    if not start < end:
        raise StepError(f"empty time window: {start.isoformat()} .. {end.isoformat()}")
    return start, end


def days(start, end):
    """The calendar dates whose midnight falls in [start, end), in the window's own offset."""
    day = start.date()
    if datetime.datetime.combine(day, datetime.time(), start.tzinfo) < start:
        day += datetime.timedelta(days=1)
    result = []
    while datetime.datetime.combine(day, datetime.time(), start.tzinfo) < end:
        result.append(day.isoformat())
        day += datetime.timedelta(days=1)
    return result


def write_atomically(path, text):
    """Writes text to path through a temporary file, so readers never see half a file."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.tmp.{os.getpid()}"
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report(data_version, **metadata):
    """Appends the data version and metadata to $ARCO_REPORT, when arco asked for them."""
    path = os.environ.get("ARCO_REPORT")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"data_version": data_version}) + "\n")
        if metadata:
            handle.write(json.dumps({"metadata": metadata}, sort_keys=True) + "\n")


def relative(path):
    """path relative to the workspace, for log lines that do not depend on where it lives."""
    return os.path.relpath(path, workspace())


def main(step, body):
    """Runs body(), turning a StepError into one clear line on stderr and exit status 65."""
    try:
        body()
    except StepError as error:
        fail(step, str(error))
