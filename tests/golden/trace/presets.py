"""Writes the argument files for the trace goldens, or runs one (see regenerate.sh)."""
import json
import re
import subprocess
import sys


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write(path, args):
    with open(path, "w") as f:
        f.write("\n".join(args) + "\n")


def main():
    if sys.argv[1] == "--run":
        cli, scenario, path = sys.argv[2:5]
        argv = [scenario if a == "SCENARIO" else a for a in open(path).read().split("\n") if a]
        sys.stdout.write(subprocess.run([cli] + argv, check=True, capture_output=True, text=True).stdout)
        return
    scenario_json, out = sys.argv[1:3]
    d = json.load(open(scenario_json))
    for p in d["packets"]:
        write(f"{out}/{slug(p['name'])}.args", ["trace", "SCENARIO", "--preset", p["name"], "--json"])
    fixes = {}
    for f in d["fixes"]:
        edit = ["--insert", f"{f['node']}:{f['insert']}"] if "insert" in f else ["--policy", f"{f['node']}:{f['policy']}"]
        fixes.setdefault(f["name"], []).extend(edit)
    for name, edits in fixes.items():
        write(f"{out}/{slug(name)}.args",
              ["trace", "SCENARIO", "--preset", "curl the ClusterIP from master"] + edits + ["--json"])


main()
