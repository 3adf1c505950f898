#!/usr/bin/env python3
"""Fails when a target imports a module its Package.swift entry does not name directly.

SwiftPM's --explicit-target-dependency-import-check accepts modules a target reaches through
another target's dependencies (ArcoCLI importing ArcoStore through ArcoEngine), so the module
boundaries the architecture draws (ArcoCore <- ArcoStore <- ArcoEngine <- ArcoCLI) would only be
held by review. This reads each target's declared dependencies from Package.swift and every
`import` in its folder, and lists each import that is neither declared nor a system module.
Run by `make test`; exit 1 with one line per offending import.
"""
import pathlib
import re
import sys

# The package to check: this repository, or the folder given as the only argument (the tests
# run the check on small packages of their own to show it fails).
ROOT = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
# Modules of the toolchain and the system, which no Package.swift entry names.
SYSTEM = {
    "Foundation", "FoundationEssentials", "FoundationNetworking", "Dispatch", "Glibc", "Musl",
    "Darwin", "Synchronization", "Testing", "XCTest", "_Concurrency", "CoreFoundation",
}
TARGET_START = re.compile(r"\.(target|executableTarget|testTarget)\(")
IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?(\w+)", re.M)


def declared_targets(manifest: str) -> dict[str, tuple[str, set[str]]]:
    """Target name -> (kind, modules it may import), read from the manifest's text."""
    starts = [m for m in TARGET_START.finditer(manifest)]
    targets = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(manifest)
        chunk = manifest[match.end():end]
        name = re.search(r'name:\s*"([^"]+)"', chunk).group(1)
        modules = set()
        dependencies = re.search(r"dependencies:\s*\[(.*?)\]", chunk, re.S)
        if dependencies:
            text = dependencies.group(1)
            modules.update(re.findall(r'\.product\(\s*name:\s*"([^"]+)"', text))
            text = re.sub(r"\.product\([^)]*\)", "", text)
            modules.update(re.findall(r'"([^"]+)"', text))
        targets[name] = (match.group(1), modules)
    return targets


def main() -> int:
    targets = declared_targets((ROOT / "Package.swift").read_text())
    problems = []
    for name, (kind, allowed) in sorted(targets.items()):
        folder = ROOT / ("Tests" if kind == "testTarget" else "Sources") / name
        for source in sorted(folder.rglob("*.swift")):
            # Multi-line string literals (a Python script a test writes) are blanked, keeping
            # their line breaks so reported line numbers stay right.
            text = re.sub(r'"""[\s\S]*?"""', lambda m: "\n" * m.group(0).count("\n"),
                          source.read_text(encoding="utf-8"))
            for match in IMPORT.finditer(text):
                module = match.group(1)
                if module in SYSTEM or module in allowed or module == name:
                    continue
                line = text.count("\n", 0, match.start()) + 1
                problems.append(
                    f"{source.relative_to(ROOT)}:{line}: '{name}' imports '{module}', which its "
                    f"Package.swift entry does not declare")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print("hint: add the dependency in Package.swift if the boundary allows it, or reach it through "
              "the module that owns it (commands go through ArcoEngine, never ArcoStore)", file=sys.stderr)
        return 1
    print(f"imports: every import of {len(targets)} targets is declared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
