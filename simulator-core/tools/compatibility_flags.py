#!/usr/bin/env python3
"""Generates compatibility-flags.tsv, the simulator's list of workerd's compatibility flags.

The list comes from workerd's own schema, src/workerd/io/compatibility-date.capnp (every field of
struct CompatibilityFlags with its annotations), so the names `sim dev` accepts are the ones
workerd accepts. To refresh it:

    git -C workerd pull   # or download the file from github.com/cloudflare/workerd
    python3 simulator-core/tools/compatibility_flags.py workerd/src/workerd/io/compatibility-date.capnp \
        --source "cloudflare/workerd@$(git -C workerd rev-parse HEAD)" --as-of "$(git -C workerd log -1 --format=%cs)" \
        > simulator-core/src/main/resources/dev/workersim/core/runtime/compatibility-flags.tsv

A workerd release is often newer than the newest schema at hand. `--workerd-binary` then reads the
flags from the binary itself (the one wrangler's node_modules hold): it embeds the schema's field
names, flag names and dates in order. Those names and dates win; experimental marks and implied-by
rules still come from the .capnp, so a flag only the binary knows has neither:

    python3 simulator-core/tools/compatibility_flags.py compatibility-date.capnp --source ... --as-of ... \
        --workerd-binary node_modules/@cloudflare/workerd-linux-64/bin/workerd --binary-source "workerd 1.2026MMDD.N"

Output: comment lines (#; "# as-of: DATE" is the commit's date, which the simulator reports when a
compatibility_date is newer than its list), then one tab-separated line per flag:
    field  enable_flag  disable_flag  enable_date  experimental  implied_by  implied_after
with "-" for an empty column; enable_date is "all" for $compatEnableAllDates; implied_by lists the
enable names (comma-separated) of the flags that turn this one on from implied_after.
"""
import argparse
import re
import sys

FIELD = re.compile(r"^\s*(\w+)\s+@(\d+)\s*:Bool\b(.*?);", re.S | re.M)
TEXT_ANNOTATION = re.compile(r"\$(compatEnableFlag|compatDisableFlag|compatEnableDate)\(\s*\"([^\"]*)\"\s*\)")
IMPLIED = re.compile(r"\$impliedByAfterDate\(\s*(?:name\s*=\s*\"(\w+)\"|names\s*=\s*\[([^\]]*)\])\s*,\s*date\s*=\s*\"([^\"]+)\"\s*\)")


def struct_body(text):
    start = text.index("struct CompatibilityFlags")
    open_brace = text.index("{", start)
    depth = 0
    for i in range(open_brace, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[open_brace + 1:i]
    raise SystemExit("struct CompatibilityFlags has no closing brace")


def without_comments(text):
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def parse(text):
    body = without_comments(struct_body(text))
    fields = []
    for m in FIELD.finditer(body):
        name, annotations = m.group(1), m.group(3)
        values = dict(TEXT_ANNOTATION.findall(annotations))
        implied = IMPLIED.search(annotations)
        implied_by = []
        if implied:
            implied_by = [implied.group(1)] if implied.group(1) else re.findall(r"\"(\w+)\"", implied.group(2))
        fields.append({
            "field": name,
            "enable": values.get("compatEnableFlag"),
            "disable": values.get("compatDisableFlag"),
            "date": "all" if "$compatEnableAllDates" in annotations else values.get("compatEnableDate"),
            "experimental": "$experimental" in annotations,
            "implied_by": implied_by,
            "implied_after": implied.group(3) if implied else None,
        })
    by_field = {f["field"]: f for f in fields}
    for f in fields:  # the schema names implying fields; the simulator works with flag names
        f["implied_by"] = [by_field[n]["enable"] for n in f["implied_by"]]
    return [f for f in fields if f["enable"] or f["disable"]]


def printable_runs(data, shortest=4):
    return [m.group().decode("ascii") for m in re.finditer(rb"[\x20-\x7e]{%d,}" % shortest, data)]


CAMEL = re.compile(r"^[a-z][a-z0-9]*([A-Z][A-Za-z0-9]*)+$|^obsolete\d+$")
SNAKE = re.compile(r"^[a-z][a-z0-9_-]*$")  # flag names: snake_case, a few with hyphens, some one word
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_binary(data, first_field):
    """The fields as the binary's embedded schema lists them: a camelCase field name, then its flag
    names (enable first, as the schema writes them) and its date, in any order, until the next field."""
    runs = printable_runs(data)
    try:
        i = runs.index(first_field)
    except ValueError:
        raise SystemExit("the binary holds no field " + first_field + ": is it workerd?")
    fields = []
    seen = set()
    stray = 0  # the compiled schema has a few short runs of other bytes between names
    while i < len(runs) and stray < 3:
        token = runs[i]
        stray = 0 if CAMEL.match(token) or SNAKE.match(token) or DATE.match(token) else stray + 1
        if CAMEL.match(token) and token in seen:
            pass  # a field named again by another's $impliedByAfterDate (its dates follow: not ours)
        elif CAMEL.match(token):
            seen.add(token)
            fields.append({"field": token, "flags": [], "date": None})
        elif SNAKE.match(token) and fields:
            fields[-1]["flags"].append(token)
        elif DATE.match(token) and fields and fields[-1]["date"] is None and not runs[i - 1] in seen:
            fields[-1]["date"] = token
        i += 1
    return fields


def merge_binary(flags, binary_fields):
    """The binary's names and dates over the schema's flags, in the binary's order."""
    by_field = {f["field"]: f for f in flags}
    merged = []
    for b in binary_fields:
        if not b["flags"]:
            # The linker keeps one copy of equal strings: a name used elsewhere too may be missing here.
            if b["field"] in by_field:
                merged.append(by_field[b["field"]])
            continue
        known = by_field.get(b["field"], {"experimental": False, "implied_by": [], "implied_after": None})
        schema_names = {known.get("enable"), known.get("disable")} - {None}
        if schema_names and set(b["flags"]) <= schema_names:
            # the same names (a name under 4 characters, such as "rpc", is not read from the binary)
            enable, disable = known.get("enable"), known.get("disable")
        else:
            enable = b["flags"][0]
            disable = b["flags"][1] if len(b["flags"]) > 1 else None
        merged.append({"field": b["field"], "enable": enable, "disable": disable,
                       "date": b["date"] if b["date"] and known.get("date") != "all" else known.get("date"),
                       "experimental": known["experimental"], "implied_by": known["implied_by"],
                       "implied_after": known["implied_after"]})
    return merged


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("capnp", help="path to workerd's src/workerd/io/compatibility-date.capnp")
    ap.add_argument("--source", required=True, help="where the file came from, e.g. cloudflare/workerd@<commit>")
    ap.add_argument("--as-of", required=True, help="the date (YYYY-MM-DD) of that commit (or of the binary's newest date)")
    ap.add_argument("--workerd-binary", help="a workerd binary newer than the schema: its flag names and dates win")
    ap.add_argument("--binary-source", help="which workerd that binary is, e.g. 'workerd 1.20261123.1'")
    args = ap.parse_args()
    with open(args.capnp, encoding="utf-8") as fh:
        flags = parse(fh.read())
    if args.workerd_binary:
        with open(args.workerd_binary, "rb") as fh:
            flags = merge_binary(flags, parse_binary(fh.read(), flags[0]["field"]))
    out = sys.stdout
    out.write("# workerd's compatibility flags, generated by simulator-core/tools/compatibility_flags.py (do not edit by hand)\n")
    out.write("# from src/workerd/io/compatibility-date.capnp of " + args.source + "\n")
    if args.workerd_binary:
        out.write("# names and dates from the binary of " + (args.binary_source or args.workerd_binary) + "\n")
    out.write("# as-of: " + args.as_of + "\n")
    out.write("# refresh: see the docstring of simulator-core/tools/compatibility_flags.py\n")
    out.write("# field\tenable_flag\tdisable_flag\tenable_date\texperimental\timplied_by\timplied_after\n")
    for f in flags:
        out.write("\t".join([
            f["field"], f["enable"] or "-", f["disable"] or "-", f["date"] or "-",
            "experimental" if f["experimental"] else "-",
            ",".join(f["implied_by"]) or "-", f["implied_after"] or "-"]) + "\n")


if __name__ == "__main__":
    main()
