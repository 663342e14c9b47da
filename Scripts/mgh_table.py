#!/usr/bin/env python3
"""The Moré–Garbow–Hillstrom comparison table for docs/benchmarks.md.

Reads Descent's suite result (`descent minimize --suite mgh --method … --format json`) and the
SciPy reference fixture (Scripts/references/mgh_scipy.py → Tests/DescentTests/Fixtures/mgh_scipy.json)
and prints Markdown: a summary (solved, median function evaluations) of each Descent method next
to its SciPy counterpart, then one row per instance. Standard library only.

Usage: mgh_table.py DESCENT.json SCIPY.json [--summary]   (--summary: no per-instance table)
"""
import json
import statistics
import sys

# Descent method → the SciPy method it is judged against (the issue's pairs).
COUNTERPART = {
    "lbfgs": "L-BFGS-B",
    "lbfgsb": "L-BFGS-B",
    "bfgs": "BFGS",
    "cg": None,
    "newton-tr": "trust-exact",
    "newton-cg": "Newton-CG",
    "lm": "least_squares-lm",
}
SCIPY_ORDER = ["L-BFGS-B", "BFGS", "Newton-CG", "trust-ncg", "trust-exact", "least_squares-lm"]


def fmt(x):
    return "—" if x is None else f"{x:.4g}"


def main():
    ours = json.load(open(sys.argv[1]))
    scipy = json.load(open(sys.argv[2]))
    instances = scipy["instances"]
    key = lambda name, n: f"{name}:{n}"
    reference = {key(i["name"], i["n"]): i for i in instances}

    def scipy_summary(method):
        rows = [i["methods"][method] for i in instances if method in i["methods"]]
        solved = sum(r["solved"] for r in rows)
        med = statistics.median(r["nfev"] for r in rows)
        return solved, med, len(rows)

    if "--summary" not in sys.argv[3:]:
        print(f"Criterion: {ours['criterion']}. Descent at gtol {ours['gtol']:g}, at most "
          f"{ours['maxIterations']} iterations and {ours['maxEvaluations']} evaluations; SciPy at its "
          f"defaults ({scipy['generator']}). Evaluations: Descent's f + g (a gradient or a Jacobian "
          "counts one), SciPy's `nfev`.")
        print()
    print("| method | solved | median evaluations | SciPy counterpart | SciPy solved | SciPy median |")
    print("|---|---:|---:|---|---:|---:|")
    for m in ours["methods"]:
        other = COUNTERPART.get(m["method"])
        if other:
            s, med, total = scipy_summary(other)
            tail = f"| {other} | {s}/{total} | {med:g} |"
        else:
            tail = "| — | | |"
        print(f"| {m['method']} | {m['solved']}/{m['instances']} | {m['medianEvaluations']:g} {tail}")
    for other in SCIPY_ORDER:
        if other in COUNTERPART.values():
            continue
        s, med, total = scipy_summary(other)
        print(f"| — | | | {other} | {s}/{total} | {med:g} |")
    print()
    if "--summary" in sys.argv[3:]:
        return
    methods = [m["method"] for m in ours["methods"]]
    print("<details><summary>Per instance: value reached (✓ solved) and evaluations</summary>")
    print()
    print("| problem | n | f* | " + " | ".join(methods) + " | " + " | ".join(SCIPY_ORDER) + " |")
    print("|---|---:|---:|" + "---|" * (len(methods) + len(SCIPY_ORDER)))
    rows = {m["method"]: {key(r["problem"], r["n"]): r for r in m["rows"]} for m in ours["methods"]}
    for inst in instances:
        k = key(inst["name"], inst["n"])
        cells = []
        for m in methods:
            r = rows[m].get(k)
            cells.append("" if r is None else
                         f"{fmt(r['value'])}{' ✓' if r['solved'] else ''} ({r['functionEvaluations']})")
        for other in SCIPY_ORDER:
            r = inst["methods"].get(other)
            cells.append("" if r is None else f"{fmt(r['f'])}{' ✓' if r['solved'] else ''} ({r['nfev']})")
        fstar = ", ".join(fmt(v) for v in inst["minima"])
        print(f"| {inst['name']} | {inst['n']} | {fstar} | " + " | ".join(cells) + " |")
    print()
    print("</details>")


if __name__ == "__main__":
    main()
