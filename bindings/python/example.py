"""Check one body from Python and print its diagnostics (docs/embedding.md; run by ctest)."""
import sys

import sdsprofile

with open(sys.argv[1], "rb") as f:
    result = sdsprofile.check(f.read(), mode="create", now="2026-01-15T00:00:00Z")
for d in result["diagnostics"]:
    print("{line}:{column} {severity} {code} at \"{path}\": {message}".format(**d))
print("valid" if result["valid"] else "invalid")

try:
    sdsprofile.expand('{"displayName": 5}')
except sdsprofile.InvalidProfileError as e:
    print("not expanded:", [d["code"] for d in e.diagnostics])
