#!/bin/sh
# Installs the system packages arco needs to build and test, when they are missing.
# Idempotent: does nothing (and needs no root) when everything is already installed.
set -eu

# time, mount and util-linux (fallocate) serve the tests: peak memory of `arco logs`, and a
# real small tmpfs for the full-disk tests; groff-base and man-db render and find the man pages
# the tests read, and make and binutils (strip, readelf) serve `make install` and its test.
# postgresql: the PostgreSQL store's tests start a throwaway cluster of their own (initdb,
# pg_ctl) in a temporary folder (Sources/ArcoTesting/PostgresTestCluster.swift); no service runs.
packages="libsqlite3-dev libedit-dev tzdata python3 time mount util-linux groff-base man-db make binutils postgresql"
missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

if [ -z "$missing" ]; then
    echo "system packages: all present ($packages)"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing system packages:$missing" >&2
    echo "hint: install them with \`sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing\`" >&2
    exit 69
fi

echo "system packages: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086 # word splitting of the package list is intended
apt-get install -y -q --no-install-recommends $missing

if ! command -v swift >/dev/null 2>&1; then
    echo "error: the Swift toolchain is not on PATH" >&2
    echo "hint: install Swift 6.2 or later from swift.org and add its usr/bin to PATH" >&2
    exit 69
fi
