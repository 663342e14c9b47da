"""Reference figures for Descent's Newton family (newton, newton-tr, newton-cg, saddle-free).

Writes Tests/DescentTests/Fixtures/newton_family.json with

* `runs`: SciPy 1.17's `trust-exact`, `trust-ncg` and `newton-cg` (scipy.optimize.minimize)
  on Rosenbrock (2-D and the chained 10-D), Beale and Himmelblau from the starts of Descent's
  built-in objectives, with gtol = 1e-8 (xtol = 1e-12 for newton-cg, which has no gtol):
  the final point and value, iterations and evaluation counts (nfev, njev, nhev);
* `subproblems`: trust-region subproblems min gᵀp + ½pᵀHp, ‖p‖ ≤ Δ on seeded random
  symmetric matrices: the solution from `numpy.linalg.eigh` and the secular equation
  ‖p(λ)‖ = Δ solved by Brent's method (`scipy.optimize.brentq`, xtol 1e-15) — a different
  root finder from Descent's safeguarded Newton iteration. (SciPy's own `IterativeSubproblem`,
  behind `trust-exact`, is not used: with its default k_easy = 0.1 its steps here end up to 7%
  outside the ball, and with k_easy = 1e-12 it returned a non-optimal step on random-1.)

Derivatives come from JAX in float64 (exact to rounding). Run with
`/opt/torchenv/bin/python Scripts/references/newton_family.py` from the package root.
"""

import json
import pathlib

import jax
import jax.numpy as jnp
import numpy as np
import scipy
import scipy.optimize
from scipy.optimize import minimize

jax.config.update("jax_enable_x64", True)


def rosenbrock(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2


def chained_rosenbrock(x):
    return jnp.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)


def beale(x):
    a, b = x[0], x[1]
    return (1.5 - a + a * b) ** 2 + (2.25 - a + a * b**2) ** 2 + (2.625 - a + a * b**3) ** 2


def himmelblau(x):
    a, b = x[0], x[1]
    return (a**2 + b - 11) ** 2 + (a + b**2 - 7) ** 2


PROBLEMS = [
    ("rosenbrock", rosenbrock, [-1.2, 1.0]),
    ("rosenbrock:10", chained_rosenbrock, [-1.2 if i % 2 == 0 else 1.0 for i in range(10)]),
    ("beale", beale, [1.0, 1.0]),
    ("himmelblau", himmelblau, [0.0, 0.0]),
]


def run(method, function, start):
    f = jax.jit(function)
    g = jax.jit(jax.grad(function))
    h = jax.jit(jax.hessian(function))
    hessp = jax.jit(lambda x, v: jax.jvp(jax.grad(function), (x,), (v,))[1])
    options = {"maxiter": 1000}
    kwargs = {}
    if method == "newton-cg":
        options["xtol"] = 1e-12
        kwargs["hessp"] = lambda x, v: np.asarray(hessp(x, v))
    elif method == "trust-ncg":
        options["gtol"] = 1e-8
        kwargs["hessp"] = lambda x, v: np.asarray(hessp(x, v))
    else:
        options["gtol"] = 1e-8
        kwargs["hess"] = lambda x: np.asarray(h(x))
    result = minimize(
        lambda x: float(f(x)),
        np.array(start, dtype=np.float64),
        jac=lambda x: np.asarray(g(x)),
        method=method,
        options=options,
        **kwargs,
    )
    return {
        "x": [float(v) for v in result.x],
        "value": float(result.fun),
        "gradient_max_norm": float(np.max(np.abs(np.asarray(g(result.x))))),
        "success": bool(result.success),
        "message": str(result.message),
        "iterations": int(result.nit),
        "nfev": int(result.nfev),
        "njev": int(result.njev),
        "nhev": int(getattr(result, "nhev", 0)),
    }


def subproblems():
    rng = np.random.default_rng(20261123)
    cases = []
    for index, (n, shift, radius) in enumerate(
        [(3, 5.0, 10.0), (3, 5.0, 0.1), (4, -1.0, 0.5), (4, -3.0, 2.0), (5, 0.0, 1.0)]
    ):
        b = rng.uniform(-1, 1, size=(n, n))
        hessian = b @ b.T + shift * np.eye(n)
        gradient = rng.uniform(-1, 1, size=n)
        values, vectors = np.linalg.eigh(hessian)
        c = vectors.T @ gradient
        newton = -(c / values) if values[0] > 0 else None
        if newton is not None and np.linalg.norm(newton) <= radius:
            step, boundary = vectors @ newton, False
        else:
            low = max(0.0, -values[0])
            def excess(lam):
                return np.linalg.norm(c / (values + lam)) - radius
            lower = low + 1e-14 * max(1.0, low)
            upper = np.linalg.norm(gradient) / radius + abs(values[0]) + 1.0
            lam = scipy.optimize.brentq(excess, lower, upper, xtol=1e-15, rtol=1e-15)
            step, boundary = -(vectors @ (c / (values + lam))), True
        model = float(gradient @ step + 0.5 * step @ hessian @ step)
        cases.append({
            "name": f"random-{index}",
            "hessian": [[float(v) for v in row] for row in hessian],
            "gradient": [float(v) for v in gradient],
            "radius": radius,
            "step": [float(v) for v in step],
            "model": model,
            "on_boundary": bool(boundary),
            "lowest_eigenvalue": float(np.linalg.eigvalsh(hessian)[0]),
        })
    return cases


def main():
    runs = []
    for name, function, start in PROBLEMS:
        for method in ["trust-exact", "trust-ncg", "newton-cg"]:
            entry = {"problem": name, "method": method, "start": start}
            entry.update(run(method, function, start))
            runs.append(entry)
    document = {
        "generator": f"Scripts/references/newton_family.py (SciPy {scipy.__version__}, "
        f"JAX {jax.__version__}, NumPy {np.__version__})",
        "runs": runs,
        "subproblems": subproblems(),
    }
    root = pathlib.Path(__file__).resolve().parents[2]
    path = root / "Tests" / "DescentTests" / "Fixtures" / "newton_family.json"
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    for r in runs:
        print(f"{r['problem']:14} {r['method']:12} nit={r['iterations']:4} nfev={r['nfev']:4} "
              f"njev={r['njev']:4} nhev={r['nhev']:4} f={r['value']:.3e} x0={r['x'][0]:.6f} "
              f"{r['success']} {r['message']}")


if __name__ == "__main__":
    main()
