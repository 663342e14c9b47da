"""Reference runs of SciPy's derivative-free minimisers: Brent in one dimension and
Nelder-Mead in two and ten.

Run from the repository root:

    /opt/torchenv/bin/python Scripts/references/derivative_free.py

Needs NumPy and SciPy (checked with SciPy 1.17). It writes
`Tests/DescentTests/Fixtures/derivative_free.json`:

    {"generator": "<this script> (scipy X, numpy Y)",
     "brent": [{"id": "quadratic", "bracket": [0, 1], "x": ..., "fun": ...,
                "nit": ..., "nfev": ..., "minimizer": <closed form>}, ...],
     "nelder_mead": [{"id": "rosenbrock", "formula": "...", "variables": [...],
                      "start": [...], "adaptive": false, "nit": ..., "nfev": ...,
                      "transformations": ..., "stride": 1, "best": [[x...], ...],
                      "best_values": [...], "simplex": [[...], ...],
                      "simplex_values": [...]}, ...],
     "random_search": {"seed": 9, "candidates": 3, "sigma": 0.1, "start": [...],
                       "formula": "...", "trajectory": [[x...], ...], "sigmas": [...]},
     "coordinate_descent": [{"id": "rosenbrock", "formula": "...", "start": [...],
                             "trajectory": [[x...], ...], "nfev": ...}, ...]}

Brent: `scipy.optimize.minimize_scalar(f, bracket=..., method='brent')` with the
default xtol 1.48e-8; the functions are named, and the Swift tests define the same
functions with the same operations in the same order (so that both sides round
alike). `minimizer` is the exact minimiser, for the accuracy check.

Nelder-Mead: `scipy.optimize.minimize(f, x0, method='Nelder-Mead')` with
xatol = fatol = 1e-4 (the defaults) and maxiter, maxfev raised out of the way so
that only the convergence test stops the run. `best[k]` and `best_values[k]` are
the best vertex and its value after transformation (k + 1)·`stride` (from the
callback, which SciPy calls once per transformation; the stride is 1 in two
dimensions and 25 in ten, to keep the file small); `transformations` is their number, and SciPy's
`nit` is one more (its count starts at 1). `simplex` and `simplex_values` are the
final simplex, best first (`final_simplex`). The objectives are written with x*x for
x^2 and summed left to right, as Descent's formula evaluator does.

Random search: no library has it, so the script replays Descent's seeded generator
(xoshiro256** from SplitMix64, Box–Muller) in pure Python and runs the documented
(1+1)-ES with the 1/5 rule; `trajectory[k]` is x after iteration k + 1, `sigmas[k]` the
step size after it. Coordinate descent: cyclic sweeps with SciPy's Brent along each axis;
`trajectory[k]` is x after sweep k + 1.
"""

import json
import math
import pathlib

import numpy as np
import scipy
from scipy.optimize import minimize, minimize_scalar

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "DescentTests" / "Fixtures" / "derivative_free.json"

# name -> (f, bracket, exact minimiser)
BRENT = {
    "quadratic": (lambda x: (x - 2) * (x - 2) + 1, (0.0, 1.0), 2.0),
    "quartic": (lambda x: x * x * x * x - 3 * (x * x * x) + 2, (0.0, 1.0), 9 / 4),
    "exp-linear": (lambda x: math.exp(x) - 2 * x, (0.0, 1.0), math.log(2)),
    "x-exp": (lambda x: x * math.exp(x), (0.0, 1.0), -1.0),
    "cos": (lambda x: math.cos(x), (0.0, 1.0), math.pi),
    "far": (lambda x: (x - 1000) * (x - 1000), (0.0, 1.0), 1000.0),
    "abs-power": (lambda x: math.pow(abs(x - 0.3), 1.5), (-2.0, -1.0), 0.3),
    "narrow": (lambda x: 1 - math.exp(-((x - 5) * (x - 5)) * 50), (4.0, 4.5), 5.0),
}


def brent_cases():
    cases = []
    for name, (f, bracket, minimizer) in BRENT.items():
        r = minimize_scalar(f, bracket=bracket, method="brent")
        assert r.success, (name, r.message)
        cases.append({
            "id": name, "bracket": list(bracket), "x": float(r.x), "fun": float(r.fun),
            "nit": int(r.nit), "nfev": int(r.nfev), "minimizer": minimizer,
        })
    return cases


def rosenbrock(x):
    # ((t1 + u1) + t2) + u2 ...: the formula's sum, left to right, term by term.
    total = None
    for i in range(len(x) - 1):
        d = x[i + 1] - x[i] * x[i]
        t = 100 * (d * d)
        total = t if total is None else total + t
        total = total + (1 - x[i]) * (1 - x[i])
    return total


def rosenbrock2(x):
    return (1 - x[0]) * (1 - x[0]) + 100 * ((x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]))


def booth(x):
    a = x[0] + 2 * x[1] - 7
    b = 2 * x[0] + x[1] - 5
    return a * a + b * b


def rosenbrock_formula(n):
    return " + ".join(
        f"100*(x{i + 2} - x{i + 1}^2)^2 + (1 - x{i + 1})^2" for i in range(n - 1))


# Rosenbrock's usual start (−1.2, 1, −1.2, 1, …) gives tied values in the initial simplex
# (moving x3, x5 or x7 by 5% changes f alike), and NumPy's argsort is not stable (it sorts
# with SIMD networks since NumPy 2), so tied vertices come out in an order no stable sort
# reproduces. This start, shifted by 0.01·i, has no ties; `check_no_ties` makes sure.
START_10 = [(-1.2 if i % 2 == 0 else 1.0) + 0.01 * i for i in range(10)]

NELDER_MEAD = [
    ("rosenbrock", rosenbrock2, "(1-x)^2 + 100*(y-x^2)^2", ["x", "y"], [-1.2, 1.0], False),
    ("booth", booth, "(x + 2*y - 7)^2 + (2*x + y - 5)^2", ["x", "y"], [0.0, 0.0], False),
    ("rosenbrock-10-adaptive", rosenbrock, rosenbrock_formula(10),
     [f"x{i + 1}" for i in range(10)], START_10, True),
    ("rosenbrock-10", rosenbrock, rosenbrock_formula(10),
     [f"x{i + 1}" for i in range(10)], START_10, False),
]


def check_no_ties(seen, value, point, name):
    """Fails if two different points evaluated in one run share a value of f: a tie that
    could put two vertices in an order set by NumPy's unstable argsort."""
    other = seen.setdefault(value, point)
    assert other == point, f"{name}: f({other}) == f({point}) == {value}: pick another start"


def nelder_mead_cases():
    cases = []
    for name, f, formula, variables, start, adaptive in NELDER_MEAD:
        best, values = [], []

        def callback(intermediate_result):
            best.append([float(v) for v in intermediate_result.x])
            values.append(float(intermediate_result.fun))

        seen = {}

        def objective(x):
            value = float(f(list(x)))
            check_no_ties(seen, value, tuple(float(v) for v in x), name)
            return value

        r = minimize(objective, np.array(start), method="Nelder-Mead",
                     callback=callback,
                     options={"adaptive": adaptive, "maxiter": 100000, "maxfev": 100000})
        simplex, simplex_values = r.final_simplex
        stride = 1 if len(variables) <= 2 else 25
        cases.append({
            "id": name, "formula": formula, "variables": variables, "start": start,
            "adaptive": adaptive, "success": bool(r.success), "nit": int(r.nit),
            "nfev": int(r.nfev), "transformations": len(best), "stride": stride,
            "best": best[stride - 1::stride], "best_values": values[stride - 1::stride], "simplex": simplex.tolist(),
            "simplex_values": simplex_values.tolist(),
        })
    return cases


class SeededGenerator:
    """Descent's SeededGenerator in pure Python: xoshiro256** seeded by SplitMix64, uniforms
    from the top 53 bits, normals by Box–Muller (cosine branch, both uniforms fresh)."""

    MASK = (1 << 64) - 1

    def __init__(self, seed):
        z = seed

        def split_mix():
            nonlocal z
            z = (z + 0x9E3779B97F4A7C15) & self.MASK
            x = z
            x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
            x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & self.MASK
            return x ^ (x >> 31)

        self.s = [split_mix() for _ in range(4)]

    def next(self):
        s0, s1, s2, s3 = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & self.MASK
        result = (rotl((s1 * 5) & self.MASK, 7) * 9) & self.MASK
        t = (s1 << 17) & self.MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def normal(self):
        u1 = 1 - self.uniform()
        u2 = self.uniform()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def random_search_case():
    """The (1+1)-ES with k candidates and the 1/5 rule, as RandomSearch documents it, on
    Rosenbrock from (-1.2, 1): k = 3, sigma0 = 0.1, seed 9, 200 iterations."""
    g = SeededGenerator(9)
    x, f, sigma, k = [-1.2, 1.0], rosenbrock2([-1.2, 1.0]), 0.1, 3
    trajectory, sigmas = [], []
    for _ in range(200):
        best, best_f = x, f
        for _ in range(k):
            y = [xi + sigma * g.normal() for xi in x]
            fy = rosenbrock2(y)
            if fy < best_f:
                best, best_f = y, fy
        moved = best_f < f
        x, f = best, best_f
        sigma *= math.exp(1 / 3) if moved else math.exp(-1 / 12)
        trajectory.append(list(x))
        sigmas.append(sigma)
    return {"seed": 9, "candidates": k, "sigma": 0.1, "start": [-1.2, 1.0],
            "formula": "(1-x)^2 + 100*(y-x^2)^2", "trajectory": trajectory, "sigmas": sigmas}


def coordinate_descent_cases():
    """Cyclic coordinate descent with SciPy's Brent along each axis (bracket (0, 1)), a move
    kept only if it lowers f: 20 sweeps on Rosenbrock and on Beale. `nfev` counts SciPy's
    evaluations less one per axis (Descent reuses the known f at t = 0)."""
    cases = []
    problems = [
        ("rosenbrock", rosenbrock2, "(1-x)^2 + 100*(y-x^2)^2", [-1.2, 1.0]),
        ("beale", beale, "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
         [1.0, 1.0]),
    ]
    for name, f, formula, start in problems:
        x, fx, nfev, trajectory = list(start), f(start), 1, []
        for _ in range(20):
            for i in range(len(x)):
                def phi(t, i=i, x=tuple(x)):
                    y = list(x)
                    y[i] = x[i] + t
                    return f(y)
                r = minimize_scalar(phi, bracket=(0.0, 1.0), method="brent")
                nfev += int(r.nfev) - 1
                if r.fun < fx:
                    x[i] = x[i] + float(r.x)
                    fx = float(r.fun)
            trajectory.append(list(x))
        cases.append({"id": name, "formula": formula, "start": start,
                      "trajectory": trajectory, "nfev": nfev})
    return cases


def beale(x):
    a = 1.5 - x[0] + x[0] * x[1]
    b = 2.25 - x[0] + x[0] * (x[1] * x[1])
    c = 2.625 - x[0] + x[0] * (x[1] ** 3)
    return a * a + b * b + c * c


def main():
    document = {
        "generator": f"Scripts/references/derivative_free.py (scipy {scipy.__version__}, "
                     f"numpy {np.__version__})",
        "brent": brent_cases(),
        "nelder_mead": nelder_mead_cases(),
        "random_search": random_search_case(),
        "coordinate_descent": coordinate_descent_cases(),
    }
    OUT.write_text(json.dumps(document, indent=1) + "\n")
    for c in document["brent"]:
        print(f"brent {c['id']:12s} x={c['x']:.12g} nit={c['nit']} nfev={c['nfev']}")
    for c in document["nelder_mead"]:
        print(f"nelder-mead {c['id']:24s} nit={c['nit']} nfev={c['nfev']} "
              f"transformations={c['transformations']} success={c['success']} "
              f"f={c['simplex_values'][0]:.3g}")


if __name__ == "__main__":
    main()
