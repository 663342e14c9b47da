"""Reference values, gradients and Hessians of formulas, computed with SymPy.

Run from the repository root:

    python3 Scripts/references/formula_derivatives.py

Needs Python 3.11 and SymPy 1.14 (mpmath comes with it). It writes
`Tests/DescentTests/Fixtures/formula_derivatives.json`:

    {"generator": "<this script> (sympy X, mpmath Y)",
     "cases": [{"formula": "(1 - w1*w2)^2", "variables": ["w1", "w2"],
                "point": [...], "value": ..., "gradient": [...],
                "hessian": [[...], ...]}, ...]}

Each formula is written in Descent's formula syntax: numbers, identifiers,
`+ - * / ^` (`**` is the same as `^`), with `^` right-associative and binding
tighter than unary minus (`-x^2` is `-(x^2)`, `2^3^x` is `2^(3^x)`),
parentheses, the functions exp log sqrt sin cos tan tanh sigmoid softplus relu
abs, and the constants pi and e. Variables are listed in natural sort order
(x < y < z, w1 < w2 < w10), which is the order of `point`, `gradient` and the
Hessian's rows and columns.

How the numbers are made: the formula becomes a SymPy expression by replacing
`^` with `**` (Python's `**` has the same precedence against unary minus and the
same associativity) with decimal literals read as exact rationals, and
sigmoid(u) = 1/(1 + exp(-u)), softplus(u) = log(1 + exp(u)),
relu(u) = max(0, u) (as a Piecewise), abs = Abs, over real symbols.
Derivatives are taken symbolically; each point is substituted as the exact
binary value of its double, evaluated to 30 significant digits, then rounded
to the nearest double. Every point is chosen where the formula is smooth and
finite (no relu/abs kink, positive log and sqrt arguments, positive base under
a variable or non-integer exponent). Floats are written with Python's repr
(shortest round trip), keys sorted, indent 1, so reruns give identical files.
"""

import json
import math
import re
import sys
from pathlib import Path

import mpmath
import sympy
from sympy.parsing.sympy_parser import parse_expr, rationalize, standard_transformations

OUTPUT = Path("Tests/DescentTests/Fixtures/formula_derivatives.json")
DIGITS = 30

# (formula, [point, point]); each point lists values in natural sort order of the variables.
CASES = [
  # Lecture example and classic test surfaces.
  ("(1 - w1*w2)^2", [[0.5, -1.0], [2.0, 0.25]]),
  ("(1-x)^2 + 100*(y-x^2)^2", [[-1.2, 1.0], [0.5, 0.3]]),
  ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", [[1.0, 2.0], [-2.5, 3.1]]),
  (
    "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    [[1.0, 1.0], [-0.7, 0.4]],
  ),
  ("x^3 - 2*x*y*z + 3*y^2*z - z^3 + 4*x - 5", [[1.0, -2.0, 0.5], [-1.3, 0.7, 2.1]]),
  # One function or operator at a time.
  ("exp(x)", [[0.0], [-1.7]]),
  ("log(x)", [[0.5], [3.0]]),
  ("sqrt(x)", [[0.25], [7.0]]),
  ("sin(x) * cos(y)", [[0.3, -1.2], [2.0, 0.9]]),
  ("tan(x)", [[0.3], [-1.1]]),
  ("tanh(2*x - y)", [[0.1, 0.4], [-0.8, 0.3]]),
  ("sigmoid(x*y)", [[0.5, -2.0], [1.5, 1.2]]),
  ("softplus(x) - softplus(-x)", [[-3.0], [0.7]]),
  ("relu(x - 1) * y^2", [[2.5, -1.5], [0.2, 3.0]]),
  ("abs(x - y) + abs(z)", [[0.5, 2.0, -1.0], [3.0, 1.0, 0.25]]),
  ("x + y - z", [[1.0, 2.0, 3.0], [-0.5, 0.25, 4.0]]),
  ("x * y * z", [[1.0, 2.0, 3.0], [-0.5, 0.25, 4.0]]),
  ("x / y", [[1.0, 2.0], [-3.0, 0.4]]),
  ("(x + 1) / (x^2 + y^2 + 1)", [[0.5, -1.0], [2.0, 3.0]]),
  ("x^y", [[2.0, 3.0], [0.7, -1.3]]),
  ("x^(-2) + y^-3", [[0.5, 2.0], [-1.5, -0.8]]),
  ("x^1.5 + y^0.5 * x", [[2.0, 3.0], [0.3, 0.8]]),
  ("x ** 2 * y", [[3.0, -1.0], [-0.4, 2.5]]),
  # Precedence, associativity, constants.
  ("-x^2 + 3*y", [[1.5, 2.0], [-2.0, 0.5]]),
  ("2^3^x", [[0.5], [-1.0]]),
  ("x - y - z + x/y/z", [[1.0, 2.0, 4.0], [3.0, -0.5, 0.25]]),
  ("pi*x + e^x", [[1.0], [-0.5]]),
  # Nested compositions and several variables.
  ("exp(sin(x)) * log(1 + y^2)", [[0.4, 1.0], [-2.0, 0.3]]),
  ("sin(cos(tan(x)))", [[0.2], [-0.9]]),
  ("softplus(relu(x) - 2*y)", [[1.5, 0.4], [-0.5, -0.75]]),
  ("log(sigmoid(x)) + sqrt(exp(y) + 1)", [[-1.0, 0.5], [2.0, -3.0]]),
  ("w1*tanh(w2*x) + w10", [[0.5, -1.5, 2.0, 0.3], [-1.0, 2.0, 0.7, -0.4]]),
  ("sqrt(t^2 + x^2 + y^2 + z^2)", [[1.0, 2.0, -2.0, 0.5], [-0.3, 0.4, 1.2, -2.0]]),
  ("(x - y)/(x + y) - x*y/z + abs(x*y*z)^0.5", [[2.0, 1.0, 3.0], [0.5, -3.0, -1.5]]),
]

FUNCTIONS = {
  "exp": sympy.exp,
  "log": sympy.log,
  "sqrt": sympy.sqrt,
  "sin": sympy.sin,
  "cos": sympy.cos,
  "tan": sympy.tan,
  "tanh": sympy.tanh,
  "sigmoid": lambda u: 1 / (1 + sympy.exp(-u)),
  "softplus": lambda u: sympy.log(1 + sympy.exp(u)),
  "relu": lambda u: sympy.Piecewise((0, u < 0), (u, True)),
  "abs": sympy.Abs,
}
CONSTANTS = {"pi": sympy.pi, "e": sympy.E}
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
ALLOWED = re.compile(r"^[A-Za-z_0-9.+\-*/^() ]*$")


def natural_key(name):
  return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def variables_of(formula):
  names = set(IDENTIFIER.findall(formula)) - set(FUNCTIONS) - set(CONSTANTS)
  return sorted(names, key=natural_key)


def to_sympy(formula, variables):
  if not ALLOWED.match(formula):
    raise ValueError(f"unexpected character in {formula!r}")
  symbols = {name: sympy.Symbol(name, real=True) for name in variables}
  local = {**FUNCTIONS, **CONSTANTS, **symbols}
  transformations = standard_transformations + (rationalize,)
  expression = parse_expr(
    formula.replace("^", "**"), local_dict=local, transformations=transformations,
    evaluate=True,
  )
  unknown = expression.free_symbols - set(symbols.values())
  if unknown:
    raise ValueError(f"unknown names {unknown} in {formula!r}")
  return expression, [symbols[name] for name in variables]


def evaluate(expression, substitution):
  exact = expression.subs(substitution)
  number = sympy.N(exact, DIGITS)
  if not number.is_real or not number.is_finite:
    raise ValueError(f"{expression} is not a finite real at {substitution}: {number}")
  result = float(number)
  if not math.isfinite(result):
    raise ValueError(f"{expression} overflows a double at {substitution}")
  return result + 0.0  # turns -0.0 into 0.0


def make_case(formula, point):
  variables = variables_of(formula)
  if len(point) != len(variables):
    raise ValueError(f"{formula!r} has variables {variables} but the point is {point}")
  expression, symbols = to_sympy(formula, variables)
  substitution = {s: sympy.Rational(float(v)) for s, v in zip(symbols, point)}
  gradient = [sympy.diff(expression, s) for s in symbols]
  hessian = [[sympy.diff(g, s) for s in symbols] for g in gradient]
  return {
    "formula": formula,
    "variables": variables,
    "point": [float(v) for v in point],
    "value": evaluate(expression, substitution),
    "gradient": [evaluate(g, substitution) for g in gradient],
    "hessian": [[evaluate(h, substitution) for h in row] for row in hessian],
  }


def main():
  cases = [make_case(formula, point) for formula, points in CASES for point in points]
  for case in cases:
    h = case["hessian"]
    n = len(h)
    assert all(h[i][j] == h[j][i] for i in range(n) for j in range(n)), case["formula"]
  document = {
    "generator": (
      f"Scripts/references/formula_derivatives.py "
      f"(sympy {sympy.__version__}, mpmath {mpmath.__version__})"
    ),
    "cases": cases,
  }
  OUTPUT.parent.mkdir(parents=True, exist_ok=True)
  OUTPUT.write_text(json.dumps(document, sort_keys=True, indent=1, allow_nan=False) + "\n")
  print(f"wrote {len(cases)} cases from {len(CASES)} formulas to {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
  main()
