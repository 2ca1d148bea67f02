#!/usr/bin/env python3
"""Count test cases in meson's testlog.json and print "N passed, N failed".

A TAP test program (GTest with --tap) counts each "ok"/"not ok" line; any
other test counts once by its result.  A program that crashed or timed out
after some cases counts one failure more.  Exit status 1 when any failed."""
import json
import re
import sys

passed = failed = 0
failures = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        t = json.loads(line)
        name, result = t["name"], t["result"]
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
for f in failures:
    print("FAILED", f)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
