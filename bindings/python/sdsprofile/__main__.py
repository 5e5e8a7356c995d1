"""`python -m sdsprofile check [--mode MODE] [--strict] [--now RFC3339] FILE...`: checks each file
(or standard input for '-') and prints its diagnostics as `sdsprofile check` prints them in its
text format (FILE:LINE:COLUMN: severity: message [code], the hint on the next line), the same
summary on standard error after more than one file, and exits as it does: 0 every input valid,
1 an input is invalid, 2 a usage or I/O error. Each FILE is one JSON body: no directories, NDJSON,
policy options or sdsprofile.toml (the CLI has them; docs/embedding.md)."""
from __future__ import annotations

import argparse
import sys
from typing import BinaryIO, List, Optional

import sdsprofile

_EXIT_VALID, _EXIT_INVALID, _EXIT_ERROR = 0, 1, 2


def _utf8_length(raw: bytes, i: int) -> int:
    """The length of the valid UTF-8 sequence at raw[i], 0 when there is none (as the CLI reads it)."""
    c = raw[i]
    left = len(raw) - i

    def cont(k: int) -> bool:
        return k < left and raw[i + k] & 0xC0 == 0x80

    if c < 0x80:
        return 1
    if 0xC2 <= c <= 0xDF:
        return 2 if cont(1) else 0
    if 0xE0 <= c <= 0xEF:
        if not (cont(1) and cont(2)) or (c == 0xE0 and raw[i + 1] < 0xA0) or (c == 0xED and raw[i + 1] >= 0xA0):
            return 0
        return 3
    if 0xF0 <= c <= 0xF4:
        if not (cont(1) and cont(2) and cont(3)) or (c == 0xF0 and raw[i + 1] < 0x90) or (
                c == 0xF4 and raw[i + 1] >= 0x90):
            return 0
        return 4
    return 0


def _is_terminal_control(code_point: int) -> bool:
    """C1 controls, the line and paragraph separators and the bidirectional controls."""
    return 0x80 <= code_point <= 0x9F or 0x2028 <= code_point <= 0x202E or 0x2066 <= code_point <= 0x2069


def escaped(text: str) -> str:
    """`text` as the CLI's text format writes it on one line: control characters as \\uXXXX,
    invalid UTF-8 (here: lone surrogates from a file name) as U+FFFD, byte by byte."""
    raw = text.encode("utf-8", "surrogateescape")
    out: List[str] = []
    i = 0
    while i < len(raw):
        n = _utf8_length(raw, i)
        if n == 0:
            out.append("\ufffd")
            i += 1
            continue
        code_point = ord(raw[i:i + n].decode("utf-8"))
        if code_point < 0x20 or code_point == 0x7F or _is_terminal_control(code_point):
            out.append("\\u{:04x}".format(code_point))
        else:
            out.append(chr(code_point))
        i += n
    return "".join(out)


def render_text(name: str, result: dict) -> str:
    """The text format's lines of one checked file."""
    lines = []
    for d in result["diagnostics"]:
        lines.append("{}:{}:{}: {}: {} [{}]\n".format(escaped(name), d["line"], d["column"], d["severity"],
                                                    escaped(d["message"]), d["code"]))
        if d["hint"]:
            lines.append("    hint: {}\n".format(escaped(d["hint"])))
    return "".join(lines)


def _read(name: str, stdin: BinaryIO) -> bytes:
    if name == "-":
        return stdin.read()
    with open(name, "rb") as f:
        return f.read()


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command line `argv` (default: sys.argv[1:]); returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m sdsprofile",
                                     description="Check educationSynchronizationProfile bodies (sdsprofile check's text format).")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check bodies against the rule catalogue")
    check.add_argument("--mode", choices=("create", "update", "resource"), default="create")
    check.add_argument("--strict", action="store_true", help="warnings also make an input invalid")
    check.add_argument("--now", help="clock for the date rules, RFC 3339 (default: the system clock)")
    check.add_argument("files", nargs="+", metavar="FILE", help="a JSON body, or '-' for standard input")
    args = parser.parse_args(argv)

    status = _EXIT_VALID
    totals = {"documents": 0, "valid": 0, "invalid": 0, "errors": 0, "warnings": 0}
    for name in args.files:
        try:
            body = _read(name, sys.stdin.buffer)
        except OSError as e:
            print("sdsprofile: cannot open '{}': {}".format(escaped(name), e.strerror), file=sys.stderr)
            status = _EXIT_ERROR
            continue
        try:
            result = sdsprofile.check(body, mode=args.mode, strict=args.strict, now=args.now)
        except sdsprofile.InvalidOptionError as e:
            print("sdsprofile: {}".format(e), file=sys.stderr)
            return _EXIT_ERROR
        sys.stdout.write(render_text("<stdin>" if name == "-" else name, result))
        totals["documents"] += 1
        totals["valid" if result["valid"] else "invalid"] += 1
        for d in result["diagnostics"]:
            totals["errors" if d["severity"] == "error" else "warnings"] += 1
        if not result["valid"] and status == _EXIT_VALID:
            status = _EXIT_INVALID
    sys.stdout.flush()
    if totals["documents"] > 1:
        print("sdsprofile: documents: {documents}, valid: {valid}, invalid: {invalid}, errors: {errors}, "
              "warnings: {warnings}".format(**totals), file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
