"""Reference eigenvalues and Hessian-vector-product counts of SciPy's ARPACK (`eigsh`)
for the spectral tools of Descent (Lanczos extremes, sharpness).

Run from the repository root:

    /opt/torchenv/bin/python Scripts/references/spectra.py

Needs NumPy and SciPy. It writes `Tests/DescentTests/Fixtures/spectra.json`:

    {"generator": "<this script> (numpy X, scipy Y)",
     "cases": [{"id": ..., "dimension": n, "outliers": [[index, value], ...],
                "which": "BE" | "LA", "k": k, "tol": tol,
                "eigenvalues": [...ascending...], "matvecs": count}, ...]}

The matrices are diagonal, H = diag(d), defined by a formula that the Swift test
evaluates with the same float64 operations (no random numbers to reproduce):

    d_i = 0.5 + 49.5 * frac(i * 0.6180339887498949)    (a bulk spread over [0.5, 50])
    d[index] = value                                    for each outlier

A Krylov method sees only the spectrum and the start vector's components along
the eigenvectors, so a diagonal matrix is as hard as any with the same spectrum.
ARPACK (implicitly restarted Lanczos, `ncv` = min(n, max(2k + 1, 20)), SciPy's
default) starts from v0 = (1, …, 1); `matvecs` counts the products it asked for
until every requested Ritz value met |θ − λ| ≤ tol·|θ| (ARPACK's criterion).
`eigenvalues` are ARPACK's, ascending.
"""

import json
import math
import pathlib

import numpy as np
import scipy
from scipy.sparse.linalg import LinearOperator, eigsh

GOLDEN = 0.6180339887498949


def spectrum(n, outliers):
    i = np.arange(n, dtype=np.float64)
    x = i * GOLDEN
    d = 0.5 + 49.5 * (x - np.floor(x))
    for index, value in outliers:
        d[index] = value
    return d


def run(case_id, n, outliers, which, k, tol):
    d = spectrum(n, outliers)
    count = [0]

    def matvec(v):
        count[0] += 1
        return d * np.ravel(v)

    operator = LinearOperator((n, n), matvec=matvec, dtype=np.float64)
    values = eigsh(operator, k=k, which=which, tol=tol, v0=np.ones(n),
                   return_eigenvectors=False)
    return {
        "id": case_id, "dimension": n, "outliers": [[i, v] for i, v in outliers],
        "which": which, "k": k, "tol": tol,
        "eigenvalues": sorted(float(x) for x in values), "matvecs": count[0],
    }


def main():
    outliers = [[17, 400.0], [1017, 300.0], [2017, 200.0],
                [3017, -20.0], [4017, -10.0], [5017, -5.0]]
    cases = [
        run("separable-200k/both-ends-3", 200_000, outliers, "BE", 6, 1e-9),
        run("separable-200k/largest-1", 200_000, outliers, "LA", 1, 1e-9),
    ]
    document = {
        "generator": f"Scripts/references/spectra.py (numpy {np.__version__}, "
                     f"scipy {scipy.__version__})",
        "cases": cases,
    }
    path = pathlib.Path("Tests/DescentTests/Fixtures/spectra.json")
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    for case in cases:
        print(case["id"], case["matvecs"], case["eigenvalues"])


if __name__ == "__main__":
    main()
