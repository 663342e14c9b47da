"""Reference trajectories of the Adam family, Eve and Lion: PyTorch, Optax and Eve's paper.

Run from the repository root, with a Python that has torch, jax and optax:

    /opt/torchenv/bin/python Scripts/references/optimizers_adam_family.py

(measured with torch 2.15, jax 0.10.2, optax 0.2.8; `pip install torch optax`, jax on the
CPU). It writes `Tests/DescentTests/Fixtures/optimizers_adam_family.json`:

    {"generator": "<this script> (torch X, jax Y, optax Z)", "steps": 50,
     "cases": [{"name": "adam-amsgrad/rosenbrock", "rule": "adam",
                "convention": "pytorch", "reference": "torch.optim.Adam",
                "hyperparameters": {"lr": 0.02, "betas": [0.8, 0.99], ...},
                "formula": "(1-x)^2 + 100*(y-x^2)^2", "variables": ["x", "y"],
                "start": [-1.2, 1.0], "trajectory": [[x, y], ...]}, ...]}

`trajectory[k]` is the point after k + 1 updates (50 of them); `hyperparameters` lists
every hyperparameter in force, defaults included, under the names Descent encodes them
with (PyTorch's argument names; Optax's `eps_root`; for Eve `beta3`, `lower_threshold`,
`upper_threshold`), so a test can rebuild the rule and check its encoding.

Everything runs in float64 (`torch.set_default_dtype(torch.float64)`,
`jax_enable_x64`). The objective is a formula in Descent's syntax, evaluated here by
replacing `^` with `**` (the same precedence and associativity in Python) on float64
tensors, its gradient by torch's autograd; every rule, Optax's and the hand-written Eve
included, gets its gradients (and, for Eve, its loss) from that one function.

Where the numbers come from:

- `convention: "pytorch"` — `torch.optim.{Adam, AdamW, Adamax, NAdam, RAdam}` with
  `foreach=False` (the single-tensor loop, as on the CPU by default), one `step()` per
  update.
- `convention: "optax"` — Optax's `adam`, `amsgrad`, `adamw`, `adamax`, `nadam`,
  `nadamw`, `radam`, `lion`, or a chain of Optax's own pieces where the alias lacks a
  torch option: coupled weight decay is `chain(add_decayed_weights(wd), <rule>)`
  (torch's L2 term added to the gradient); decoupled weight decay on AMSGrad or RAdam is
  `chain(scale_by_<rule>, add_decayed_weights(wd), scale_by_learning_rate(lr))`, the
  shape of `optax.adamw`. Optax has no `maximize`: the gradient handed to `update` is
  negated, which is what torch's `maximize` does. Adamax has no convention in Descent
  (both libraries define the same rule): its Optax cases check that claim.
- `rule: "lion"` — Optax's `lion` (torch has no Lion).
- `rule: "eve"` — no library implements Eve; the trajectory is a line-by-line numpy
  transcription of Algorithm 1 of Koushik & Hayashi (2016), `eve_reference` below.

Floats are written with Python's repr (shortest round trip), keys sorted, indent 1, so
reruns give identical files.
"""

import json
import sys
from pathlib import Path

import numpy as np
import torch

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import optax  # noqa: E402

OUTPUT = Path("Tests/DescentTests/Fixtures/optimizers_adam_family.json")
STEPS = 50

torch.set_default_dtype(torch.float64)

FUNCTIONS = {
  "rosenbrock": ("(1-x)^2 + 100*(y-x^2)^2", [-1.2, 1.0]),
  "quadratic": ("0.5*x^2 + 5*y^2 + 0.1*x*y", [2.0, 1.0]),
  "beale": (
    "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    [1.0, 1.0],
  ),
}
VARIABLES = ["x", "y"]


def value_and_gradient(formula, point):
  """f(point) and ∇f(point) by torch's autograd, in float64."""
  xs = [torch.tensor(c, requires_grad=True) for c in point]
  value = eval(formula.replace("^", "**"), {}, dict(zip(VARIABLES, xs)))
  value.backward()
  return value.item(), [x.grad.item() for x in xs]


# Defaults of every hyperparameter, under the names Descent encodes (torch's, where torch
# has the rule).
DEFAULTS = {
  "adam": dict(
    lr=1e-3, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0, amsgrad=False,
    maximize=False, decoupled_weight_decay=False, eps_root=0.0, convention="pytorch",
  ),
  "adamw": dict(
    lr=1e-3, betas=[0.9, 0.999], eps=1e-8, weight_decay=1e-2, amsgrad=False,
    maximize=False, eps_root=0.0, convention="pytorch",
  ),
  "adamax": dict(lr=2e-3, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0, maximize=False),
  "nadam": dict(
    lr=2e-3, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0, momentum_decay=4e-3,
    decoupled_weight_decay=False, maximize=False, eps_root=0.0, convention="pytorch",
  ),
  "radam": dict(
    lr=1e-3, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0, decoupled_weight_decay=False,
    maximize=False, eps_root=0.0, convention="pytorch",
  ),
  "eve": dict(
    lr=1e-3, betas=[0.9, 0.999], beta3=0.999, eps=1e-8, lower_threshold=0.1,
    upper_threshold=10.0,
  ),
  "lion": dict(lr=1e-4, betas=[0.9, 0.99], weight_decay=1e-3),
}

# (case name, rule, hyperparameters that differ from the defaults). Together the settings
# of each rule exercise every boolean and numeric option: amsgrad, maximize, coupled and
# decoupled weight decay, momentum_decay, betas (also β₁ < 0.5, which takes torch's lerp
# down its other branch), eps, eps_root and lr.
TORCH_CASES = [
  ("adam", "adam", dict(lr=0.01)),
  ("adam-amsgrad", "adam", dict(lr=0.02, betas=[0.8, 0.99], eps=1e-6, amsgrad=True)),
  ("adam-l2", "adam", dict(lr=0.01, weight_decay=0.1)),
  ("adam-decoupled", "adam", dict(lr=0.01, weight_decay=0.1, decoupled_weight_decay=True)),
  ("adam-maximize", "adam", dict(lr=0.05, maximize=True, amsgrad=True, weight_decay=0.05)),
  ("adam-small-beta1", "adam", dict(lr=0.03, betas=[0.3, 0.9])),
  ("adamw", "adamw", dict(lr=0.01)),
  (
    "adamw-amsgrad", "adamw",
    dict(lr=0.02, weight_decay=0.1, amsgrad=True, betas=[0.85, 0.995], eps=1e-7),
  ),
  ("adamw-maximize", "adamw", dict(lr=0.01, maximize=True)),
  ("adamax", "adamax", dict(lr=0.02)),
  ("adamax-options", "adamax", dict(lr=0.05, betas=[0.8, 0.99], eps=1e-6, weight_decay=0.1)),
  ("adamax-maximize", "adamax", dict(lr=0.01, maximize=True, betas=[0.4, 0.95])),
  ("nadam", "nadam", dict(lr=0.02)),
  ("nadam-l2", "nadam", dict(lr=0.01, momentum_decay=0.01, weight_decay=0.1)),
  (
    "nadam-decoupled", "nadam",
    dict(lr=0.01, weight_decay=0.1, decoupled_weight_decay=True, betas=[0.85, 0.99], eps=1e-6),
  ),
  ("nadam-maximize", "nadam", dict(lr=0.02, maximize=True, momentum_decay=0.0)),
  # RAdam's first steps (ρ_t ≤ 5) are plain momentum steps of size lr·m̂: on Rosenbrock,
  # where |∇f| ≈ 200 at the start, lr ≤ 2e-3 keeps them from diverging.
  ("radam", "radam", dict()),
  ("radam-l2", "radam", dict(lr=2e-3, weight_decay=0.1, betas=[0.8, 0.99], eps=1e-6)),
  ("radam-large-eps", "radam", dict(lr=2e-3, eps=1e-3)),
  (
    "radam-decoupled", "radam",
    dict(weight_decay=0.1, decoupled_weight_decay=True, maximize=True),
  ),
]

OPTAX_CASES = [
  ("adam-optax", "adam", dict(lr=0.01)),
  ("adam-optax-eps-root", "adam", dict(lr=0.01, eps_root=1e-4)),
  (
    "adam-optax-amsgrad", "adam",
    dict(lr=0.02, betas=[0.8, 0.99], eps=1e-6, eps_root=1e-6, amsgrad=True),
  ),
  ("adam-optax-l2-maximize", "adam", dict(lr=0.05, weight_decay=0.1, maximize=True)),
  (
    "adam-optax-decoupled-amsgrad", "adam",
    dict(lr=0.01, weight_decay=0.1, decoupled_weight_decay=True, amsgrad=True),
  ),
  ("adamw-optax", "adamw", dict(lr=0.01, eps_root=1e-6)),
  (
    "adamw-optax-amsgrad", "adamw",
    dict(lr=0.02, weight_decay=0.1, amsgrad=True, betas=[0.8, 0.99]),
  ),
  ("adamw-optax-maximize", "adamw", dict(lr=0.01, maximize=True)),
  ("adamax-optax", "adamax", dict(lr=0.02)),
  ("adamax-optax-options", "adamax", dict(lr=0.05, betas=[0.8, 0.99], eps=1e-6, weight_decay=0.1)),
  ("nadam-optax", "nadam", dict(lr=0.02, eps_root=1e-6)),
  ("nadam-optax-l2-maximize", "nadam", dict(lr=0.01, weight_decay=0.1, maximize=True)),
  (
    "nadam-optax-decoupled", "nadam",
    dict(lr=0.01, weight_decay=0.1, decoupled_weight_decay=True, betas=[0.85, 0.99], eps=1e-6),
  ),
  ("radam-optax", "radam", dict()),
  # A large ε shows where each library puts it (PyTorch: on √v before the bias correction).
  ("radam-optax-large-eps", "radam", dict(lr=2e-3, eps=1e-3)),
  ("radam-optax-l2", "radam", dict(lr=2e-3, weight_decay=0.1, betas=[0.8, 0.99], eps_root=1e-6)),
  (
    "radam-optax-decoupled-maximize", "radam",
    dict(weight_decay=0.1, decoupled_weight_decay=True, maximize=True, eps=1e-6),
  ),
  ("lion", "lion", dict(lr=0.01)),
  ("lion-options", "lion", dict(lr=0.02, betas=[0.95, 0.98], weight_decay=0.1)),
  ("lion-no-decay", "lion", dict(lr=0.005, weight_decay=0.0)),
]

EVE_CASES = [
  ("eve", "eve", dict(lr=0.01)),
  (
    "eve-options", "eve",
    dict(lr=0.02, betas=[0.8, 0.99], beta3=0.99, eps=1e-6, lower_threshold=0.2,
         upper_threshold=5.0),
  ),
]


def torch_trajectory(rule, h, formula, start):
  """Points after each of STEPS `step()`s of the torch.optim rule."""
  theta = torch.tensor(start, requires_grad=True)
  common = dict(lr=h["lr"], betas=tuple(h["betas"]), eps=h["eps"], maximize=h["maximize"],
                foreach=False)
  if rule == "adam":
    opt = torch.optim.Adam([theta], weight_decay=h["weight_decay"], amsgrad=h["amsgrad"],
                           decoupled_weight_decay=h["decoupled_weight_decay"], **common)
  elif rule == "adamw":
    opt = torch.optim.AdamW([theta], weight_decay=h["weight_decay"], amsgrad=h["amsgrad"],
                            **common)
  elif rule == "adamax":
    opt = torch.optim.Adamax([theta], weight_decay=h["weight_decay"], **common)
  elif rule == "nadam":
    opt = torch.optim.NAdam([theta], weight_decay=h["weight_decay"],
                            momentum_decay=h["momentum_decay"],
                            decoupled_weight_decay=h["decoupled_weight_decay"], **common)
  elif rule == "radam":
    opt = torch.optim.RAdam([theta], weight_decay=h["weight_decay"],
                            decoupled_weight_decay=h["decoupled_weight_decay"], **common)
  else:
    raise ValueError(rule)
  points = []
  for _ in range(STEPS):
    _, g = value_and_gradient(formula, theta.detach().tolist())
    theta.grad = torch.tensor(g)
    opt.step()
    points.append(theta.detach().tolist())
  return points


def optax_transformation(rule, h):
  """The Optax optimizer for a case, built from Optax's aliases or its own pieces."""
  b1, b2 = h["betas"]
  lr, wd = h["lr"], h.get("weight_decay", 0.0)
  if rule == "lion":
    return optax.lion(lr, b1=b1, b2=b2, weight_decay=wd)
  if rule == "adamax":
    core = optax.adamax(lr, b1=b1, b2=b2, eps=h["eps"])
    return optax.chain(optax.add_decayed_weights(wd), core)  # coupled, as torch's Adamax
  eps, eps_root = h["eps"], h["eps_root"]
  decoupled = rule == "adamw" or h.get("decoupled_weight_decay", False)
  if rule in ("adam", "adamw"):
    if h["amsgrad"]:
      scaling = optax.scale_by_amsgrad(b1=b1, b2=b2, eps=eps, eps_root=eps_root)
    else:
      scaling = optax.scale_by_adam(b1=b1, b2=b2, eps=eps, eps_root=eps_root)
    if decoupled and not h["amsgrad"]:
      return optax.adamw(lr, b1=b1, b2=b2, eps=eps, eps_root=eps_root, weight_decay=wd)
    if not decoupled and not h["amsgrad"]:
      core = optax.adam(lr, b1=b1, b2=b2, eps=eps, eps_root=eps_root)
      return optax.chain(optax.add_decayed_weights(wd), core)
    if not decoupled:
      core = optax.amsgrad(lr, b1=b1, b2=b2, eps=eps, eps_root=eps_root)
      return optax.chain(optax.add_decayed_weights(wd), core)
  elif rule == "nadam":
    if decoupled:
      return optax.nadamw(lr, b1=b1, b2=b2, eps=eps, eps_root=eps_root, weight_decay=wd)
    core = optax.nadam(lr, b1=b1, b2=b2, eps=eps, eps_root=eps_root)
    return optax.chain(optax.add_decayed_weights(wd), core)
  elif rule == "radam":
    if not decoupled:
      core = optax.radam(lr, b1=b1, b2=b2, eps=eps, eps_root=eps_root)
      return optax.chain(optax.add_decayed_weights(wd), core)
    scaling = optax.scale_by_radam(b1=b1, b2=b2, eps=eps, eps_root=eps_root)
  else:
    raise ValueError(rule)
  # Decoupled weight decay on a scaling that has no alias with it: the shape of adamw.
  return optax.chain(scaling, optax.add_decayed_weights(wd), optax.scale_by_learning_rate(lr))


def optax_trajectory(rule, h, formula, start):
  """Points after each of STEPS `update` + `apply_updates` of the Optax optimizer."""
  transformation = optax_transformation(rule, h)
  params = jnp.asarray(start, dtype=jnp.float64)
  state = transformation.init(params)
  sign = -1.0 if h.get("maximize", False) else 1.0
  points = []
  for _ in range(STEPS):
    _, g = value_and_gradient(formula, [float(c) for c in params])
    grads = jnp.asarray([sign * c for c in g], dtype=jnp.float64)
    updates, state = transformation.update(grads, state, params)
    params = optax.apply_updates(params, updates)
    points.append([float(c) for c in params])
  return points


def eve_reference(h, formula, start):
  """Eve, transcribed from Algorithm 1 of Koushik & Hayashi (2016), arXiv:1611.01505v1.

  No library ships Eve, so this is the reference: numpy, float64, one line per line of
  the algorithm, with the paper's symbols. f(θ_{t-1}) is the loss at the point where the
  gradient is taken (what Descent's UpdateContext.loss carries).
  """
  alpha = h["lr"]  # α: learning rate
  beta1, beta2 = h["betas"]  # β₁, β₂: Adam's moment decay rates
  beta3 = h["beta3"]  # β₃: decay rate of the feedback average d
  k, K = h["lower_threshold"], h["upper_threshold"]  # k, K: thresholds of the change
  eps = h["eps"]  # ε
  theta = np.array(start, dtype=np.float64)  # θ₀
  m = np.zeros_like(theta)  # m₀ = 0
  v = np.zeros_like(theta)  # v₀ = 0
  d = 1.0  # d₀ = 1
  f_hat_prev = None  # f̂_{t-2} at the top of iteration t
  t = 0  # t = 0
  points = []
  closest_tie = float("inf")
  for _ in range(STEPS):  # while stopping condition is not reached
    t = t + 1  # t ← t + 1
    f, grad = value_and_gradient(formula, theta.tolist())  # f(θ_{t-1})
    g = np.array(grad)  # g_t ← ∇_θ f(θ_{t-1})
    m = beta1 * m + (1 - beta1) * g  # m_t ← β₁ m_{t-1} + (1 − β₁) g_t
    m_hat = m / (1 - beta1**t)  # m̂_t ← m_t / (1 − β₁ᵗ)
    v = beta2 * v + (1 - beta2) * g * g  # v_t ← β₂ v_{t-1} + (1 − β₂) g_t²
    v_hat = v / (1 - beta2**t)  # v̂_t ← v_t / (1 − β₂ᵗ)
    if t > 1:  # if t > 1 then
      closest_tie = min(closest_tie, abs(f / f_hat_prev - 1))
      if f >= f_hat_prev:  # if f(θ_{t-1}) ≥ f̂_{t-2} then
        delta, Delta = k + 1, K + 1  # δ_t ← k + 1, Δ_t ← K + 1
      else:  # else
        delta, Delta = 1 / (K + 1), 1 / (k + 1)  # δ_t ← 1/(K + 1), Δ_t ← 1/(k + 1)
      c = min(max(delta, f / f_hat_prev), Delta)  # c_t ← min{max{δ_t, f/f̂_{t-2}}, Δ_t}
      f_hat = c * f_hat_prev  # f̂_{t-1} ← c_t f̂_{t-2}
      r = abs(f_hat - f_hat_prev) / min(f_hat, f_hat_prev)  # r_t ← |f̂_{t-1} − f̂_{t-2}| / min{…}
      d = beta3 * d + (1 - beta3) * r  # d_t ← β₃ d_{t-1} + (1 − β₃) r_t
    else:  # else
      f_hat = f  # f̂_{t-1} ← f(θ_{t-1})
      d = 1.0  # d_t ← 1
    theta = theta - alpha * m_hat / (d * np.sqrt(v_hat) + eps)  # θ_t ← θ_{t-1} − α m̂_t/(d_t √v̂_t + ε)
    f_hat_prev = f_hat
    points.append(theta.tolist())
  # The branch on f ≥ f̂ is discontinuous: a tie within rounding would make the reference
  # fragile. Refuse to write such a case.
  assert closest_tie > 1e-9, f"Eve: f(θ) within {closest_tie} of f̂"
  return points


def lion_margin(h, formula, start, points):
  """The smallest nonzero |c_t| of Lion along a trajectory: sign(c_t) jumps at 0.

  An exact zero is no risk: it comes from an exactly zero gradient and moment (Beale at
  y = 1, where every ∂/∂x term carries a factor −1 + yⁿ = 0), which Descent computes
  exactly too.
  """
  b1, b2 = h["betas"]
  m = np.zeros(2)
  smallest = float("inf")
  for theta in [start] + points[:-1]:
    _, g = value_and_gradient(formula, theta)
    c = (1 - b1) * np.array(g) + b1 * m
    nonzero = np.abs(c)[c != 0]
    if nonzero.size:
      smallest = min(smallest, float(np.min(nonzero)))
    m = (1 - b2) * np.array(g) + b2 * m
  return smallest


def main():
  cases = []
  groups = [(TORCH_CASES, "pytorch"), (OPTAX_CASES, "optax"), (EVE_CASES, None)]
  for group, convention in groups:
    for name, rule, overrides in group:
      h = dict(DEFAULTS[rule])
      h.update(overrides)
      if "convention" in h:
        h["convention"] = convention
      for function, (formula, start) in FUNCTIONS.items():
        if rule == "eve":
          points = eve_reference(h, formula, start)
          reference = "Koushik & Hayashi 2016, Algorithm 1 (numpy transcription, this script)"
        elif convention == "pytorch":
          points = torch_trajectory(rule, h, formula, start)
          reference = f"torch.optim.{dict(adam='Adam', adamw='AdamW', adamax='Adamax', nadam='NAdam', radam='RAdam')[rule]}"
        else:
          points = optax_trajectory(rule, h, formula, start)
          reference = f"optax {optax.__version__}"
          if rule == "lion":
            margin = lion_margin(h, formula, start, points)
            assert margin > 1e-9, f"Lion {name}/{function}: |c| = {margin} near a sign flip"
        case = dict(
          name=f"{name}/{function}", rule=rule, reference=reference,
          convention=convention if convention and rule not in ("adamax", "lion") else None,
          hyperparameters=h, formula=formula, variables=VARIABLES, start=start,
          trajectory=points,
        )
        if case["convention"] is None:
          del case["convention"]
        cases.append(case)
  fixture = dict(
    generator=(
      f"Scripts/references/optimizers_adam_family.py (torch {torch.__version__}, "
      f"jax {jax.__version__}, optax {optax.__version__}, numpy {np.__version__}, "
      f"python {sys.version.split()[0]})"
    ),
    steps=STEPS,
    cases=cases,
  )
  OUTPUT.write_text(json.dumps(fixture, sort_keys=True, indent=1) + "\n")
  print(f"wrote {len(cases)} cases to {OUTPUT}")


if __name__ == "__main__":
  main()
