"""A hand-written stand-in for `bin/policyreach` used by the DAG tests: it answers the commands the
DAG runs the way the real CLI's contract says (``--json`` → a JSON object on the last stdout line;
exit 2 on bad input, 1 on failure) and appends each call to a log, so a test can check what the
DAG ran without starting a JVM. What it answers is read from ``$FAKE_POLICYREACH_PLAN`` (JSON):

    {"quarantined": {"registry": 30}, "read": 100, "fail": {"build": 1}, "has_publish": false,
     "programs": ["monozukuri-21"], "send_failures": 1}
"""

from __future__ import annotations

import json
import os
import sys


def main(argv: list[str]) -> int:
    plan = json.loads(open(os.environ["FAKE_POLICYREACH_PLAN"], encoding="utf-8").read())
    with open(os.environ["FAKE_POLICYREACH_CALLS"], "a", encoding="utf-8") as log:
        log.write(json.dumps(argv) + "\n")
    args = list(argv)
    globals_ = {}
    while args and args[0] in ("--lakehouse", "--conf", "--master"):
        globals_[args[0]] = args[1]
        args = args[2:]
    if args == ["--help"]:
        commands = ["help", "ingest", "build", "evaluate", "sql", "maintain"] + (
            ["publish"] if plan.get("has_publish") else []
        )
        print("Usage: policyreach [-hV] [--lakehouse=URI] [COMMAND]\nCommands:")
        for c in commands:
            print(f"  {c:9} what {c} does,\n              on two lines")
        print("\nExamples:\n  bin/policyreach publish is not a command here")
        return 0
    command, options = args[0], args[1:]
    opts = {options[i]: options[i + 1] for i in range(len(options) - 1) if options[i].startswith("--")}
    code = plan.get("fail", {}).get(command)
    if code:
        print(f"policyreach {command}: failed on purpose (plan)", file=sys.stderr)
        return int(code)
    print(f"policyreach {command}: working…", file=sys.stderr)
    if command == "ingest":
        source = opts["--source"]
        if source != "programs" and not os.path.isdir(opts["--input"]):
            print(f"policyreach ingest: bad input: input folder {opts['--input']} does not exist", file=sys.stderr)
            return 2
        read = int(plan.get("read", 100))
        quarantined = int(plan.get("quarantined", {}).get(source, 0))
        result = {"batch_id": f"b-{source}", "source": source, "read": read, "accepted": read - quarantined,
                  "quarantined": quarantined, "duplicates": 0, "findings": {}, "versions": {}, "seconds": 0.1}
    elif command == "build":
        result = {"build_id": "build-1", "as_of": opts["--as-of"], "rows": {"gold.firm_profiles": 100}}
    elif command == "evaluate":
        result = {"as_of": opts.get("--as-of", "2026-05-30"), "horizon_days": 180, "model": {"recall@5": 0.4}}
    elif command == "maintain":
        keep = int(opts.get("--keep-publications", 7))
        result = {"dry_run": "--dry-run" in options, "keep_publications": keep,
                  "kept_publications": ["pub-000001"], "not_kept_publications": [],
                  "tables": [{"table": "bronze.events", "optimize": "appended", "files_before": 12,
                              "files_after": 1, "files_removed": 11}],
                  "totals": {"tables": 1, "compacted": 1, "failed": 0, "files_before": 12, "files_after": 1,
                             "files_removed": 11}}
    elif command == "publish":
        result = {"publication_id": "pub-000001", "build_id": opts["--build-id"]}
    elif command == "push":
        sub, opts = options[0], {options[i]: options[i + 1] for i in range(1, len(options) - 1) if options[i].startswith("--")}
        if sub == "plan":
            if opts["--program"] not in plan.get("programs", ["monozukuri-21"]):
                print(f"policyreach push plan: bad input: unknown program {opts['--program']}", file=sys.stderr)
                return 2
            result = {"campaign_id": "cmp-20260401-fake0001", "program_id": opts["--program"], "targets": 10,
                      "treated": 9, "holdout": 1, "never_reached_treated": 5,
                      "channels": {c: (9 if c in opts["--channels"].split(",")[:1] else 0) for c in ("inbox", "email", "post")}}
        elif sub == "send":
            sends = os.path.join(os.path.dirname(os.environ["FAKE_POLICYREACH_CALLS"]), "sends")
            tries = (int(open(sends).read()) if os.path.exists(sends) else 0) + 1
            open(sends, "w").write(str(tries))
            if tries <= int(plan.get("send_failures", 0)):
                print("policyreach push send: SMTP server localhost:25 is down (plan)", file=sys.stderr)
                return 1
            result = {"campaign_id": opts["--campaign"], "sent": {"inbox": 9, "email": 0, "post": 0},
                      "skipped": {"opted_out": 0, "contact_cap": 0, "no_channel": 0}, "post_file": None}
        else:
            print(f"Unmatched argument: '{sub}'", file=sys.stderr)
            return 2
    elif command == "sql":
        print(json.dumps([{"publication_id": "pub-000001", "build_id": "build-1"}]))
        return 0
    else:
        print(f"Unmatched argument: '{command}'", file=sys.stderr)
        return 2
    print("some human-readable progress line")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
