"""Reference runs of SciPy's CG, BFGS and L-BFGS-B for Descent's quasi-Newton methods.

Run from the repository root:

    /opt/torchenv/bin/python Scripts/references/quasi_newton.py

Needs NumPy and SciPy (1.17 was used). It writes
`Tests/DescentTests/Fixtures/quasi_newton.json`:

    {"generator": "<this script> (scipy X, numpy Y)",
     "unconstrained": [{"problem": "rosenbrock", "method": "BFGS", "start": [...],
                        "x": [...], "fun": f, "nfev": k, "njev": k, "nit": k,
                        "success": true, "message": "..."}, ...],
     "bounded": [{"id": ..., "problem": ..., "lower": [...], "upper": [...],
                  "start": [...], "x": [...], "fun": f, "nfev": k, "nit": k,
                  "projected_gradient": p}, ...]}

`problem` is the name of a built-in objective of `descent` (`BuiltinObjective.named`);
the functions below are the same formulas, with analytic gradients, so that SciPy's
evaluation counts are not inflated by finite differences.

Unconstrained runs use SciPy's defaults (gtol = 1e-5 on the ∞-norm of the gradient for CG
and BFGS; pgtol = 1e-5 and factr = 1e7 for L-BFGS-B, i.e. ftol = 1e7·eps), from the
built-in start. The Swift tests run Descent with gradientTolerance = 1e-5 and compare the
minimum reached and the number of gradient evaluations (`nfev` here: SciPy evaluates f and
∇f together, `jac=True`).

Bounded runs use tight tolerances (ftol = 1e-15, gtol = 1e-10, maxiter 10000) so that `x`
is the constrained minimiser to about 1e-8; infinite bounds are written as the strings
"Infinity" / "-Infinity" (CLI.md's convention) and None in SciPy.
"""

import json
import pathlib

import numpy as np
import scipy
from scipy.optimize import minimize


def rosenbrock(x):
    x = np.asarray(x, dtype=float)
    a, b = x[:-1], x[1:]
    f = np.sum(100.0 * (b - a**2) ** 2 + (1.0 - a) ** 2)
    g = np.zeros_like(x)
    g[:-1] += -400.0 * a * (b - a**2) - 2.0 * (1.0 - a)
    g[1:] += 200.0 * (b - a**2)
    return f, g


def beale(v):
    x, y = v
    t1 = 1.5 - x + x * y
    t2 = 2.25 - x + x * y**2
    t3 = 2.625 - x + x * y**3
    f = t1**2 + t2**2 + t3**2
    gx = 2 * t1 * (y - 1) + 2 * t2 * (y**2 - 1) + 2 * t3 * (y**3 - 1)
    gy = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y**2
    return f, np.array([gx, gy])


def himmelblau(v):
    x, y = v
    a = x**2 + y - 11
    b = x + y**2 - 7
    f = a**2 + b**2
    return f, np.array([4 * x * a + 2 * b, 2 * a + 4 * y * b])


PROBLEMS = {
    "rosenbrock": (rosenbrock, [-1.2, 1.0]),
    "rosenbrock:10": (rosenbrock, [-1.2 if i % 2 == 0 else 1.0 for i in range(10)]),
    "beale": (beale, [1.0, 1.0]),
    "himmelblau": (himmelblau, [0.0, 0.0]),
}

# (id, problem, lower, upper, start); None is an infinite bound.
BOUNDED = [
    # The box excludes (1, 1): the minimiser is (0.5, 0.25) with x on its upper bound.
    ("rosenbrock-box", "rosenbrock", [-2.0, -2.0], [0.5, 2.0], [-1.2, 1.0]),
    # Both coordinates pushed against lower bounds.
    ("rosenbrock-lower", "rosenbrock", [1.5, 2.5], [None, None], [2.0, 3.0]),
    # A start outside the box (projected to (0.5, 1)).
    ("rosenbrock-outside", "rosenbrock", [-2.0, -2.0], [0.5, 2.0], [3.0, 1.0]),
    # Every other coordinate capped at 0.7 in 10 dimensions.
    ("rosenbrock10-capped", "rosenbrock:10",
     [None] * 10, [0.7 if i % 2 == 0 else None for i in range(10)],
     [-1.2 if i % 2 == 0 else 1.0 for i in range(10)]),
    # Beale with y ≤ 0.4 (the minimum (3, 0.5) excluded).
    ("beale-box", "beale", [-4.5, -4.5], [4.5, 0.4], [1.0, 1.0]),
    # Himmelblau in the unit-width box [1, 2] × [1, 2] (no minimum inside).
    ("himmelblau-box", "himmelblau", [1.0, 1.0], [2.0, 2.0], [1.5, 1.5]),
]


def encode_bound(b):
    if b is None:
        return "Infinity"
    return b


def main():
    unconstrained = []
    for name, (fun, start) in PROBLEMS.items():
        for method in ["CG", "BFGS", "L-BFGS-B"]:
            r = minimize(fun, np.array(start), jac=True, method=method)
            unconstrained.append({
                "problem": name, "method": method, "start": list(start),
                "x": r.x.tolist(), "fun": float(r.fun), "nfev": int(r.nfev),
                "njev": int(r.njev), "nit": int(r.nit), "success": bool(r.success),
                "message": str(r.message),
            })
    bounded = []
    for case_id, name, lower, upper, start in BOUNDED:
        fun, _ = PROBLEMS[name]
        r = minimize(fun, np.array(start), jac=True, method="L-BFGS-B",
                     bounds=list(zip(lower, upper)),
                     options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10000})
        lo = np.array([-np.inf if b is None else b for b in lower])
        hi = np.array([np.inf if b is None else b for b in upper])
        _, g = fun(r.x)
        pg = float(np.max(np.abs(np.clip(r.x - g, lo, hi) - r.x)))
        bounded.append({
            "id": case_id, "problem": name,
            "lower": ["-Infinity" if b is None else b for b in lower],
            "upper": [encode_bound(b) for b in upper],
            "start": list(start), "x": r.x.tolist(), "fun": float(r.fun),
            "nfev": int(r.nfev), "nit": int(r.nit), "projected_gradient": pg,
        })
    document = {
        "generator": f"Scripts/references/quasi_newton.py (scipy {scipy.__version__}, "
                     f"numpy {np.__version__})",
        "unconstrained": unconstrained,
        "bounded": bounded,
    }
    out = pathlib.Path("Tests/DescentTests/Fixtures/quasi_newton.json")
    out.write_text(json.dumps(document, indent=1) + "\n")
    for r in unconstrained:
        print(f"{r['problem']:14} {r['method']:9} f={r['fun']:.3e} nfev={r['nfev']:4} "
              f"nit={r['nit']:4} x0={r['x'][0]:.6f} {r['message']}")
    for r in bounded:
        print(f"{r['id']:20} f={r['fun']:.10g} nfev={r['nfev']} pg={r['projected_gradient']:.1e} "
              f"x={np.round(r['x'], 6).tolist()}")


if __name__ == "__main__":
    main()
