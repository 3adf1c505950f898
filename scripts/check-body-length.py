#!/usr/bin/env python3
"""Fails when a brace-delimited body in Sources or Tests runs past the line limit.

A function, initializer, accessor or closure over 100 lines is one that does several things;
issue 16 split the ones that had grown, and this keeps later work from growing new ones. Type
bodies (struct, enum, class, extension, actor, protocol) are exempt: their length is the sum of
their members, each held to the limit on its own. Lines of string literals inside a body count,
since a body that is mostly a literal is still that long to read.

The scanner is a small Swift lexer: it skips comments (nested block comments too), string
literals (plain, multi-line and raw `#"…"#`) and follows `\\(…)` interpolations back into code, so
a brace inside a string or an interpolated closure is counted where it belongs. Run by
`make test`; exit 1 with one `path:line: N lines` per offending body, longest first.
Usage: check-body-length.py [--limit N] [--report K] [ROOT] (--report prints the K longest bodies;
ROOT defaults to this repository).
"""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TYPE_DECLARATION = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|private|fileprivate|internal|package|open|final|indirect|nonisolated|"
    r"private\(set\)|fileprivate\(set\)|internal\(set\)|public\(set\)|package\(set\))\s+)*"
    r"(?:struct|enum|class|extension|actor|protocol)\b(?!\s+(?:func|var|let|subscript)\b)",
    re.M,
)


def bodies(text: str):
    """Yields (opening line, closing line, declaration text before the brace) per body."""
    i, n, line = 0, len(text), 1
    # Each mode is ("code", paren depth inside an interpolation or None) or
    # ("string", hashes, multi-line) for a literal.
    modes = [("code", None)]
    braces = []  # (line, declaration text)
    declaration_start = 0
    while i < n:
        c = text[i]
        mode = modes[-1]
        if mode[0] == "string":
            _, hashes, multiline = mode
            if c == "\n":
                line += 1
                i += 1
                continue
            if c == "\\" and text.startswith("#" * hashes, i + 1):
                after = i + 1 + hashes
                if after < n and text[after] == "(":
                    modes.append(("code", 0))
                    i = after + 1
                    continue
                i = after + 1
                continue
            closing = ('"""' if multiline else '"') + "#" * hashes
            if text.startswith(closing, i):
                modes.pop()
                i += len(closing)
                continue
            i += 1
            continue
        # Code.
        if c == "\n":
            line += 1
            i += 1
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    line += text[i] == "\n"
                    i += 1
            continue
        # A multi-line literal's opening quotes end their line; `#""""#` is a raw `""`.
        raw = re.match(r'(#*)("""(?=[ \t]*\n)|")', text[i:i + 64])
        if raw and (raw.group(1) == "" or c == "#"):
            hashes = len(raw.group(1))
            multiline = raw.group(2) == '"""'
            modes.append(("string", hashes, multiline))
            i += hashes + len(raw.group(2))
            continue
        if mode[1] is not None:
            # Inside an interpolation: its closing parenthesis returns to the string.
            if c == "(":
                modes[-1] = ("code", mode[1] + 1)
            elif c == ")":
                if mode[1] == 0:
                    modes.pop()
                    i += 1
                    continue
                modes[-1] = ("code", mode[1] - 1)
        if c == "{":
            braces.append((line, text[declaration_start:i]))
            declaration_start = i + 1
        elif c == "}":
            if not braces:
                raise ValueError(f"line {line}: a closing brace with none open")
            opened, declaration = braces.pop()
            yield opened, line, declaration
            declaration_start = i + 1
        elif c == ";":
            declaration_start = i + 1
        i += 1
    if braces or len(modes) > 1:
        raise ValueError(f"line {braces[-1][0] if braces else line}: a body or literal left open at the end")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--report", type=int, default=0)
    parser.add_argument("root", nargs="?", type=pathlib.Path, default=ROOT)
    arguments = parser.parse_args()
    root = arguments.root.resolve()
    found = []
    for folder in ("Sources", "Tests"):
        for source in sorted((root / folder).rglob("*.swift")):
            try:
                scanned = list(bodies(source.read_text()))
            except ValueError as error:
                # A file the lexer misreads would hide its bodies; say so rather than pass it.
                print(f"{source.relative_to(root)}: cannot scan: {error}", file=sys.stderr)
                return 2
            for opened, closed, declaration in scanned:
                if TYPE_DECLARATION.search(declaration):
                    continue
                found.append((closed - opened + 1, source.relative_to(root), opened))
    found.sort(key=lambda body: (-body[0], str(body[1]), body[2]))
    for length, path, opened in found[:arguments.report]:
        print(f"{path}:{opened}: {length} lines")
    over = [body for body in found if body[0] > arguments.limit]
    for length, path, opened in over:
        print(f"{path}:{opened}: {length} lines (limit {arguments.limit}): split this body", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
