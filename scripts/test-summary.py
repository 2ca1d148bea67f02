#!/usr/bin/env python3
"""Count test cases in meson testlog.json files and print "N passed, N failed".

A TAP test program (GTest with --tap, or a TAP script) counts each "ok" /
"not ok" line; any other test counts once by its result.  A program that
crashed or timed out after some cases counts one failure more.
  test-summary.py [--extra PASSED FAILED] TESTLOG.json...
Exit status 1 when any failed."""
import json
import re
import sys

args = sys.argv[1:]
passed = failed = 0
if args[:1] == ["--extra"]:
    passed, failed = int(args[1]), int(args[2])
    args = args[3:]
failures = []
for path in args:
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            name, result = f"{path.split('/')[0]}:{t['name']}", t["result"]
            out = t.get("stdout") or t.get("stdo") or ""
            oks = nots = 0
            for l in out.splitlines():
                if re.match(r"^ok \d+", l):
                    oks += 1 if "# SKIP" not in l else 0
                elif re.match(r"^not ok \d+", l):
                    nots += 1
                    failures.append(f"{name}: {l}")
            if oks or nots:
                passed += oks
                failed += nots
                if result not in ("OK", "EXPECTEDFAIL", "SKIP") and nots == 0:
                    failed += 1
                    failures.append(f"{name}: {result}")
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                pass
            else:
                failed += 1
                failures.append(f"{name}: {result}")
if not args:
    failed += 1
    failures.append("no test log")
for f in failures:
    print("FAILED", f)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
