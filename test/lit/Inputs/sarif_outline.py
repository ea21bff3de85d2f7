#!/usr/bin/env python3
"""Prints a SARIF log as a short outline, one line per rule, result,
related location, thread flow and notification, for FileCheck.

Usage: sarif_outline.py <report.sarif>

  rule <id> [<ruleIndex>] short=<shortDescription> help=<helpUri>
    full: <fullDescription.text>
  result <ruleId> [<ruleIndex>] <level> <uri>:<line>:<column> in <function> fp=<fingerprint>
    message: <text>
    related <id> <uri>:<line>:<column> <message>
    flow <message>
      <nesting spaces><uri>:<line>:<column> <message>
  invocation successful=<true|false>
    <level>: <message>
"""
import json
import sys


def where(loc):
    phys = loc["physicalLocation"]
    art = phys["artifactLocation"]
    uri = art["uri"] if "uriBaseId" not in art else art["uriBaseId"] + "/" + art["uri"]
    region = phys.get("region", {})
    return f"{uri}:{region.get('startLine', 0)}:{region.get('startColumn', 0)}"


def main():
    with open(sys.argv[1]) as f:
        log = json.load(f)
    run = log["runs"][0]
    for i, rule in enumerate(run["tool"]["driver"]["rules"]):
        print(f"rule {rule['id']} [{i}] short={rule['shortDescription']['text']} "
              f"help={rule['helpUri']}")
        print(f"  full: {rule['fullDescription']['text']}")
    for res in run["results"]:
        loc = res["locations"][0]
        fn = loc.get("logicalLocations", [{}])[0].get("fullyQualifiedName", "")
        fp = ",".join(f"{k}={v}" for k, v in sorted(res["partialFingerprints"].items()))
        print(f"result {res['ruleId']} [{res['ruleIndex']}] {res['level']} "
              f"{where(loc)} in {fn} fp={fp}")
        print(f"  message: {res['message']['text']}")
        for rel in res.get("relatedLocations", []):
            print(f"  related {rel['id']} {where(rel)} {rel['message']['text']}")
        for flow in res.get("codeFlows", []):
            for tf in flow["threadFlows"]:
                print(f"  flow {tf['message']['text']}")
                for tfl in tf["locations"]:
                    pad = "  " * tfl.get("nestingLevel", 0)
                    print(f"    {pad}{where(tfl['location'])} "
                          f"{tfl['location']['message']['text']}")
    for inv in run["invocations"]:
        print(f"invocation successful={str(inv['executionSuccessful']).lower()}")
        for n in inv.get("toolExecutionNotifications", []):
            print(f"  {n['level']}: {n['message']['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
