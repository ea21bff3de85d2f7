#!/usr/bin/env python3
"""Checks a holdwait SARIF report: valid against the SARIF 2.1.0 schema, and
consistent where the schema cannot tell (what GitHub code scanning relies on).

Usage: validate_sarif.py <report.sarif> [<schema.json>]

The schema defaults to test/data/sarif-schema-2.1.0.json, the OASIS
schema. Needs python3-jsonschema. Prints "valid: N result(s)" and exits 0,
or prints each problem and exits 1.
"""
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "..", "data",
                              "sarif-schema-2.1.0.json")


def consistency(log):
    """What the schema allows but a viewer would get wrong."""
    problems = []
    for run in log["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        ids = [r["id"] for r in rules]
        if len(set(ids)) != len(ids):
            problems.append(f"duplicate rule ids: {ids}")
        bases = run.get("originalUriBaseIds", {})
        for i, res in enumerate(run.get("results", [])):
            where = f"results[{i}]"
            idx = res.get("ruleIndex")
            if idx is None or idx >= len(rules) or rules[idx]["id"] != res["ruleId"]:
                problems.append(f"{where}: ruleIndex {idx} is not rule {res['ruleId']}")
            if not res.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints")
            locs = [l for l in res.get("locations", [])]
            locs += res.get("relatedLocations", [])
            for flow in res.get("codeFlows", []):
                for tf in flow["threadFlows"]:
                    locs += [tfl["location"] for tfl in tf["locations"]]
            for loc in locs:
                art = loc.get("physicalLocation", {}).get("artifactLocation")
                if art is None:
                    problems.append(f"{where}: a location without a file")
                    continue
                uri, base = art["uri"], art.get("uriBaseId")
                if base is None and not uri.startswith("file:///"):
                    problems.append(f"{where}: relative uri {uri} without a base")
                if base is not None and base not in bases:
                    problems.append(f"{where}: unknown uriBaseId {base}")
            related = [r["id"] for r in res.get("relatedLocations", [])]
            if len(set(related)) != len(related):
                problems.append(f"{where}: duplicate relatedLocations ids")
    return problems


def main():
    report = sys.argv[1]
    schema_file = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_SCHEMA
    with open(schema_file) as f:
        schema = json.load(f)
    with open(report) as f:
        log = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    problems = [f"schema: {'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
                for e in validator.iter_errors(log)]
    if not problems:
        problems = consistency(log)
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"valid: {sum(len(r.get('results', [])) for r in log['runs'])} result(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
