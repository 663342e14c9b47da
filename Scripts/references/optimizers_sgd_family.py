"""Reference trajectories of the SGD family of update rules, from PyTorch and Optax.

Run from the repository root:

    /opt/torchenv/bin/python Scripts/references/optimizers_sgd_family.py

Needs PyTorch (2.x; any build, run on the CPU in float64), NumPy, and Optax with
JAX on the CPU (`pip install optax`); JAX runs with `jax_enable_x64`. It writes
`Tests/DescentTests/Fixtures/optimizers_sgd_family.json`:

    {"generator": "<this script> (torch X, optax Y, jax Z)",
     "steps": 50,
     "cases": [{"id": "sgd/nesterov/rosenbrock", "rule": "sgd",
                "hyperparameters": {"lr": ..., "momentum": ..., ...},
                "formula": "(1-x)^2 + 100*(y-x^2)^2", "variables": ["x", "y"],
                "start": [-1.2, 1.0], "learning_rates": null or [η₀, …, η₄₉],
                "reference": "torch.optim.SGD", "trajectory": [[x, y], ...]}, ...]}

`rule` is Descent's name (gd, sgd, momentum, adagrad, rmsprop, adadelta).
`hyperparameters` holds every hyperparameter of the rule in force, defaults
included, under PyTorch's argument names, plus `convention` ("pytorch" or
"optax") for the rules that have one: exactly what the Swift rule encodes.
`trajectory[t]` is the parameter vector after t + 1 updates (the start is not
repeated). `learning_rates`, when present, is the learning rate of each update
(a schedule): PyTorch's is set on the parameter group before each `step()`,
Optax's is a schedule function of its update count, the lecture form reads it
directly.

How the numbers are made. Each objective is a Descent formula; PyTorch and JAX
evaluate the same expression with `^` replaced by `**` (same precedence against
unary minus, same associativity), the variables bound to the components of one
float64 vector in natural sort order (x < y < z). Gradients come from autograd
(`backward()`, `jax.grad`). The optimizers:

- `torch.optim.SGD`, `Adagrad`, `RMSprop`, `Adadelta` with `foreach=False` (the
  single-tensor loop, whose operation order the Swift rules follow) for every
  `convention: pytorch` case; `gd` is `torch.optim.SGD` with every option off.
- `momentum` (the lecture's m ← λm − ηg, θ ← θ + m) is checked twice: against
  `torch.optim.SGD(momentum=λ)` at a constant learning rate, where the two forms
  agree, and, under a schedule where they do not, against the lecture formula
  transcribed in Python floats (gradients from torch).
- `optax.adagrad` and `optax.rmsprop` (eps_in_sqrt=True, momentum through
  `trace` after the learning rate) for every `convention: optax` case, with
  `optax.add_decayed_weights` chained first for weight decay and
  `optax.scale(-1)` for maximize (Optax has neither option); `optax.sgd` and
  `optax.adadelta` as a second reference for rules that need no convention.

Functions and learning rates are chosen so that all 50 steps stay finite and
move visibly (a rule that did nothing would not pass). A maximize case climbs
the negated function from the same start and so follows the minimizing
trajectory. Floats are written with Python's repr (shortest round trip), keys
sorted, indent 1, so reruns give identical files.
"""

import json
import math
import sys
from pathlib import Path

import jax
import jax.numpy as jnp
import optax
import torch

jax.config.update("jax_enable_x64", True)
torch.set_default_dtype(torch.float64)

OUTPUT = Path("Tests/DescentTests/Fixtures/optimizers_sgd_family.json")
STEPS = 50

# name: (formula, variables in natural order, start)
FUNCTIONS = {
  "rosenbrock": ("(1-x)^2 + 100*(y-x^2)^2", ["x", "y"], [-1.2, 1.0]),
  "quadratic": (
    "0.5*x^2 + 5*y^2 + 2*z^2 + 0.1*x*y - 0.5*y*z + x - z",
    ["x", "y", "z"],
    [1.0, -1.0, 2.0],
  ),
  "beale": (
    "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    ["x", "y"],
    [1.0, 1.0],
  ),
}

# Every hyperparameter of each rule with its default, under PyTorch's names; checked against
# the torch optimizers' own `defaults` for the PyTorch convention.
DEFAULTS = {
  "gd": {"lr": 1e-3},
  "sgd": {
    "lr": 1e-3, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0,
    "nesterov": False, "maximize": False,
  },
  "momentum": {"lr": 1e-3, "momentum": 0.9},
  "adagrad": {
    "lr": 1e-2, "lr_decay": 0.0, "weight_decay": 0.0, "initial_accumulator_value": 0.0,
    "eps": 1e-10, "maximize": False, "convention": "pytorch",
  },
  "rmsprop": {
    "lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0, "momentum": 0.0,
    "centered": False, "maximize": False, "convention": "pytorch",
  },
  "adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.0, "maximize": False},
}
# Under the Optax convention, hyperparameters Optax also has take Optax's defaults.
OPTAX_DEFAULTS = {
  "adagrad": {"initial_accumulator_value": 0.1, "eps": 1e-7, "convention": "optax"},
  "rmsprop": {"alpha": 0.9, "convention": "optax"},
}
TORCH_CLASSES = {
  "gd": torch.optim.SGD, "sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad,
  "rmsprop": torch.optim.RMSprop, "adadelta": torch.optim.Adadelta,
}
IMPLEMENTATION_SWITCHES = {"foreach", "fused", "differentiable", "capturable"}

# Learning rates per update for the schedule cases: linear warm-up over 10 updates, then
# halved every 15 updates, so the rate both rises and falls.
def schedule(base):
  return [base * min(1.0, (t + 1) / 10) * 0.5 ** (t // 15) for t in range(STEPS)]


def formula_function(formula, variables, namespace):
  """The formula as a Python function of one vector, evaluated with `namespace`'s scalars."""
  code = compile(formula.replace("^", "**"), "<formula>", "eval")

  def f(x):
    return eval(code, {"__builtins__": {}}, {v: x[i] for i, v in enumerate(variables)})

  return f


def negated(formula):
  return f"-({formula})"


def full_hyperparameters(rule, settings, convention="pytorch"):
  h = dict(DEFAULTS[rule])
  if convention == "optax":
    h.update(OPTAX_DEFAULTS[rule])
  h.update(settings)
  return {k: (float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
          for k, v in h.items()}


def torch_gradient(f, x):
  x = x.detach().requires_grad_(True)
  loss = f(x)
  loss.backward()
  return x.grad.detach()


def run_torch(rule, h, formula, variables, start, lrs):
  cls = TORCH_CLASSES[rule]
  kwargs = {k: v for k, v in h.items() if k != "convention"}
  f = formula_function(formula, variables, None)
  x = torch.tensor(start, dtype=torch.float64, requires_grad=True)
  opt = cls([x], foreach=False, **kwargs)
  in_force = {k: v for k, v in opt.defaults.items() if k not in IMPLEMENTATION_SWITCHES}
  expected = {k: v for k, v in h.items() if k != "convention"}
  if rule == "gd":
    expected = full_hyperparameters("sgd", h)
  assert in_force == expected, (rule, in_force, expected)
  trajectory = []
  for t in range(STEPS):
    if lrs is not None:
      for group in opt.param_groups:
        group["lr"] = lrs[t]
    opt.zero_grad()
    f(x).backward()
    opt.step()
    trajectory.append(x.detach().tolist())
  return trajectory


def run_lecture(h, formula, variables, start, lrs):
  f = formula_function(formula, variables, None)
  x = list(start)
  m = [0.0] * len(x)
  trajectory = []
  for t in range(STEPS):
    lr = h["lr"] if lrs is None else lrs[t]
    g = torch_gradient(f, torch.tensor(x, dtype=torch.float64)).tolist()
    for i in range(len(x)):
      m[i] = h["momentum"] * m[i] - lr * g[i]
      x[i] = x[i] + m[i]
    trajectory.append(list(x))
  return trajectory


def optax_transformation(rule, h, lrs):
  lr = h["lr"] if lrs is None else (lambda count: jnp.asarray(lrs)[count])
  if rule == "adagrad":
    assert h["lr_decay"] == 0
    core = optax.adagrad(lr, initial_accumulator_value=h["initial_accumulator_value"],
                         eps=h["eps"])
  elif rule == "rmsprop":
    core = optax.rmsprop(lr, decay=h["alpha"], eps=h["eps"], centered=h["centered"],
                         momentum=h["momentum"] if h["momentum"] > 0 else None)
  elif rule == "sgd":
    assert h["dampening"] == 0
    core = optax.sgd(lr, momentum=h["momentum"] if h["momentum"] > 0 else None,
                     nesterov=h["nesterov"])
  elif rule == "adadelta":
    core = optax.adadelta(lr, rho=h["rho"], eps=h["eps"])
  else:
    raise ValueError(rule)
  parts = []
  if h.get("maximize"):
    parts.append(optax.scale(-1.0))
  if h.get("weight_decay"):
    parts.append(optax.add_decayed_weights(h["weight_decay"]))
  return optax.chain(*parts, core)


def run_optax(rule, h, formula, variables, start, lrs):
  tx = optax_transformation(rule, h, lrs)
  grad = jax.grad(formula_function(formula, variables, None))
  x = jnp.asarray(start, dtype=jnp.float64)
  state = tx.init(x)
  trajectory = []
  for _ in range(STEPS):
    updates, state = tx.update(grad(x), state, x)
    x = optax.apply_updates(x, updates)
    trajectory.append([float(v) for v in x])
  return trajectory


# Learning rates per function that keep every setting finite for 50 steps and moving.
LR = {
  "gd": {"rosenbrock": 1e-3, "quadratic": 0.15, "beale": 0.02},
  "sgd": {"rosenbrock": 2e-4, "quadratic": 0.05, "beale": 0.01},
  "momentum": {"rosenbrock": 2e-4, "quadratic": 0.05, "beale": 0.01},
  "adagrad": {"rosenbrock": 0.1, "quadratic": 0.3, "beale": 0.1},
  "rmsprop": {"rosenbrock": 0.01, "quadratic": 0.05, "beale": 0.01},
  "adadelta": {"rosenbrock": 1.0, "quadratic": 1.0, "beale": 1.0},
}

# (label, settings, convention, reference) per rule; settings exclude lr unless it is the
# point of the case. reference is torch, optax, lecture or torch-sgd.
SETTINGS = {
  "gd": [("plain", {}, "pytorch", "torch")],
  "sgd": [
    ("plain", {}, "pytorch", "torch"),
    ("momentum", {"momentum": 0.9}, "pytorch", "torch"),
    ("dampening", {"momentum": 0.9, "dampening": 0.5}, "pytorch", "torch"),
    ("nesterov", {"momentum": 0.9, "nesterov": True}, "pytorch", "torch"),
    ("weight_decay", {"weight_decay": 0.1}, "pytorch", "torch"),
    ("nesterov_weight_decay", {"momentum": 0.8, "nesterov": True, "weight_decay": 0.05},
     "pytorch", "torch"),
    ("maximize", {"momentum": 0.9, "maximize": True}, "pytorch", "torch"),
    ("optax_momentum", {"momentum": 0.9}, "pytorch", "optax"),
    ("optax_nesterov", {"momentum": 0.9, "nesterov": True}, "pytorch", "optax"),
  ],
  "momentum": [
    ("torch_sgd", {"momentum": 0.9}, "pytorch", "torch-sgd"),
    ("torch_sgd_0.5", {"momentum": 0.5}, "pytorch", "torch-sgd"),
  ],
  "adagrad": [
    ("plain", {}, "pytorch", "torch"),
    ("lr_decay", {"lr_decay": 0.05}, "pytorch", "torch"),
    ("initial_accumulator_value", {"initial_accumulator_value": 2.0}, "pytorch", "torch"),
    ("weight_decay", {"weight_decay": 0.1}, "pytorch", "torch"),
    ("eps", {"eps": 0.5}, "pytorch", "torch"),
    ("maximize", {"maximize": True, "lr_decay": 0.01}, "pytorch", "torch"),
    ("optax", {}, "optax", "optax"),
    ("optax_explicit", {"initial_accumulator_value": 0.0, "eps": 0.5}, "optax", "optax"),
    ("optax_weight_decay", {"weight_decay": 0.1}, "optax", "optax"),
    ("optax_maximize", {"maximize": True}, "optax", "optax"),
  ],
  "rmsprop": [
    ("plain", {}, "pytorch", "torch"),
    ("alpha_eps", {"alpha": 0.9, "eps": 1e-3}, "pytorch", "torch"),
    ("centered", {"centered": True}, "pytorch", "torch"),
    ("centered_alpha_0.3", {"centered": True, "alpha": 0.3}, "pytorch", "torch"),
    ("momentum", {"momentum": 0.9}, "pytorch", "torch"),
    ("centered_momentum", {"centered": True, "momentum": 0.5}, "pytorch", "torch"),
    ("weight_decay", {"weight_decay": 0.1}, "pytorch", "torch"),
    ("maximize", {"maximize": True, "momentum": 0.5}, "pytorch", "torch"),
    ("optax", {}, "optax", "optax"),
    ("optax_alpha_eps", {"alpha": 0.99, "eps": 1e-3}, "optax", "optax"),
    ("optax_centered", {"centered": True}, "optax", "optax"),
    ("optax_momentum", {"momentum": 0.9}, "optax", "optax"),
    ("optax_centered_momentum", {"centered": True, "momentum": 0.5}, "optax", "optax"),
    ("optax_weight_decay_maximize", {"weight_decay": 0.1, "maximize": True}, "optax", "optax"),
  ],
  "adadelta": [
    ("plain", {}, "pytorch", "torch"),
    ("lr_rho", {"lr": 0.5, "rho": 0.95}, "pytorch", "torch"),
    ("eps", {"eps": 1e-3}, "pytorch", "torch"),
    ("weight_decay", {"weight_decay": 0.1}, "pytorch", "torch"),
    ("maximize", {"maximize": True}, "pytorch", "torch"),
    ("optax", {}, "pytorch", "optax"),
    ("optax_weight_decay", {"weight_decay": 0.1}, "pytorch", "optax"),
  ],
}

# Schedule cases: (rule, settings, convention, reference, function).
SCHEDULED = [
  ("sgd", {"momentum": 0.9}, "pytorch", "torch", "quadratic"),
  ("sgd", {"momentum": 0.9}, "pytorch", "torch", "beale"),
  ("momentum", {"momentum": 0.9}, "pytorch", "lecture", "quadratic"),
  ("momentum", {"momentum": 0.9}, "pytorch", "lecture", "beale"),
  ("adagrad", {"lr_decay": 0.05}, "pytorch", "torch", "beale"),
  ("rmsprop", {"momentum": 0.9}, "pytorch", "torch", "quadratic"),
  ("rmsprop", {"momentum": 0.9}, "optax", "optax", "quadratic"),
  ("adadelta", {}, "pytorch", "torch", "beale"),
]

REFERENCE_NAMES = {
  "torch": lambda rule: f"torch.optim.{TORCH_CLASSES[rule].__name__}",
  "torch-sgd": lambda rule: "torch.optim.SGD (momentum, constant lr)",
  "lecture": lambda rule: "lecture formula in Python floats, gradients from torch",
  "optax": lambda rule: f"optax.{rule}",
}


def make_case(rule, label, settings, convention, reference, function, lrs):
  formula, variables, start = FUNCTIONS[function]
  settings = dict(settings)
  settings.setdefault("lr", LR[rule][function])
  h = full_hyperparameters(rule, settings, convention)
  if h.get("maximize"):
    formula = negated(formula)
  if reference == "torch":
    trajectory = run_torch(rule, h, formula, variables, start, lrs)
  elif reference == "torch-sgd":
    sgd = full_hyperparameters("sgd", {"lr": h["lr"], "momentum": h["momentum"]})
    trajectory = run_torch("sgd", sgd, formula, variables, start, lrs)
  elif reference == "lecture":
    trajectory = run_lecture(h, formula, variables, start, lrs)
  else:
    trajectory = run_optax(rule, h, formula, variables, start, lrs)
  assert all(math.isfinite(v) for point in trajectory for v in point), (rule, label, function)
  return {
    "id": f"{rule}/{label}{'/scheduled' if lrs else ''}/{function}",
    "rule": rule,
    "hyperparameters": h,
    "formula": formula,
    "variables": variables,
    "start": start,
    "learning_rates": lrs,
    "reference": REFERENCE_NAMES[reference](rule if reference != "torch-sgd" else "sgd"),
    "trajectory": trajectory,
  }


def main():
  cases = []
  for rule, settings_list in SETTINGS.items():
    for label, settings, convention, reference in settings_list:
      for function in FUNCTIONS:
        cases.append(make_case(rule, label, settings, convention, reference, function, None))
  for rule, settings, convention, reference, function in SCHEDULED:
    base = LR[rule][function]
    label = "optax" if convention == "optax" else "pytorch"
    cases.append(make_case(rule, label, settings, convention, reference, function,
                           schedule(base)))
  ids = [c["id"] for c in cases]
  assert len(ids) == len(set(ids)), "duplicate case ids"
  document = {
    "generator": (
      f"Scripts/references/optimizers_sgd_family.py (torch {torch.__version__}, "
      f"optax {optax.__version__}, jax {jax.__version__}, Python {sys.version.split()[0]})"
    ),
    "steps": STEPS,
    "cases": cases,
  }
  OUTPUT.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
  print(f"wrote {len(cases)} cases × {STEPS} steps to {OUTPUT}")


if __name__ == "__main__":
  main()
