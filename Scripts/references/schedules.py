"""Reference learning rates of the schedules, from PyTorch and Optax.

Run from the repository root:

    /opt/torchenv/bin/python Scripts/references/schedules.py

Needs PyTorch (2.x; any build, the CPU is enough) and Optax with JAX on the CPU
(`pip install optax`). It writes `Tests/DescentTests/Fixtures/schedules.json`:

    {"generator": "<this script> (torch X, optax Y, jax Z)",
     "steps": 60,
     "cases": [{"id": "step/gamma-0.5", "schedule": "step",
                "parameters": {"lr": "0.1", "step_size": "7", "gamma": "0.5"},
                "reference": "torch.optim.lr_scheduler.StepLR(...)",
                "source": "torch-chainable", "rates": [η0, η1, ...]}, ...],
     "plateau": [{"id": ..., "parameters": {...}, "reference": ...,
                  "metrics": [m1, m2, ...], "rates": [η0, η1, ...]}, ...]}

`schedule` and `parameters` are what a user of `descent` types: the schedule's
name and its parameters as strings, under PyTorch's (or Optax's) argument names;
the Swift tests build each schedule through `makeSchedule(name:parameters:)`.
`rates[t]` is the learning rate of the update that follows t updates, i.e.
`learningRate(atStep: t)`, for t = 0 … `steps` (fewer for one-cycle, whose
schedule ends at total_steps).

How the numbers are made, by `source`:

- `torch-chainable` / `torch-closed`: an SGD optimizer on one dummy float64
  parameter with `lr` = the base rate, the scheduler built on it, and then, for
  each t, `optimizer.param_groups[0]['lr']` is recorded *before* the update,
  followed by `optimizer.step()` and `scheduler.step()`. So rates[t] is the rate
  PyTorch uses for update t + 1 after t calls of `scheduler.step()`
  (`last_epoch` = t). PyTorch computes most rates recursively from the
  previous one (the "chainable" form: `torch-chainable`); OneCycleLR and
  CosineAnnealingWarmRestarts evaluate a closed form at every step
  (`torch-closed`). Descent evaluates closed forms, so chainable references
  differ by accumulated rounding; the Swift tests say by how much.
- `optax`: the Optax schedule function called on the integer count t, with
  `jax_enable_x64` on so that the arithmetic is float64 (JAX's default is
  float32). JAX's cos and pow are XLA's, not the C library's, and may differ
  in the last bit.
- `formula`: schedules that neither PyTorch nor Optax has, computed here with
  Python floats from the published formula, in the operation order of the
  source named in `reference` (Keras's InverseTimeDecay, fairseq's
  inverse_sqrt).

ReduceLROnPlateau (`plateau`): the same SGD set-up; `rates[0]` is the rate
before any metric, and `rates[k]` the rate after `scheduler.step(metrics[k-1])`
(k = 1 … len(metrics)). The metrics are fixed here, chosen to exercise
improvements below and above the threshold, patience, cooldown, the floor
min_lr and eps.

Floats are written with Python's repr (shortest round trip); keys sorted,
indent 1, so reruns give identical files.
"""

import json
import math
import sys
import warnings
from pathlib import Path

import jax

jax.config.update("jax_enable_x64", True)

import jax.numpy as jnp  # noqa: E402
import optax  # noqa: E402
import torch  # noqa: E402
from torch.optim import lr_scheduler as sched  # noqa: E402

OUTPUT = Path("Tests/DescentTests/Fixtures/schedules.json")
STEPS = 60

# SequentialLR steps its children with an explicit epoch at each milestone, which warns.
warnings.filterwarnings("ignore", category=UserWarning)


def text(value):
  """A parameter as a user types it: repr for floats, lists comma-separated."""
  if isinstance(value, bool):
    return "true" if value else "false"
  if isinstance(value, (list, tuple)):
    return ",".join(text(v) for v in value)
  if isinstance(value, float):
    return repr(value)
  return str(value)


def call(function, **kwargs):
  """`f(a=1, b=2.0)` for the reference field."""
  arguments = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
  return f"{function}({arguments})"


def optimizer_with(lr):
  parameter = torch.zeros(1, dtype=torch.float64, requires_grad=True)
  return torch.optim.SGD([parameter], lr=lr)


def torch_rates(lr, make_scheduler, count):
  """rates[t] = the rate of update t + 1 after t scheduler steps, t < count."""
  optimizer = optimizer_with(lr)
  scheduler = make_scheduler(optimizer)
  rates = []
  for _ in range(count):
    rates.append(float(optimizer.param_groups[0]["lr"]))
    optimizer.zero_grad()
    optimizer.param_groups[0]["params"][0].sum().backward()
    optimizer.step()
    scheduler.step()
  return rates


def optax_rates(schedule, count):
  return [float(schedule(jnp.asarray(t, dtype=jnp.int64))) for t in range(count)]


CASES = []


def add(case_id, schedule, parameters, reference, source, rates):
  CASES.append({
    "id": case_id,
    "schedule": schedule,
    "parameters": {k: text(v) for k, v in parameters.items()},
    "reference": reference,
    "source": source,
    "rates": rates,
  })


def add_torch(case_id, schedule, lr, cls, kwargs, source="torch-chainable", count=STEPS + 1):
  rates = torch_rates(lr, lambda o: getattr(sched, cls)(o, **kwargs), count)
  reference = call(f"torch.optim.lr_scheduler.{cls}", **kwargs) + f" on SGD(lr={lr!r})"
  add(case_id, schedule, {"lr": lr, **kwargs}, reference, source, rates)


def torch_cases():
  # constant: ConstantLR with factor 1 is a constant; with a factor, ConstantLR itself.
  add_torch("constant/plain", "constant", 0.1, "ConstantLR", {"factor": 1.0, "total_iters": 0})
  add_torch("constant/factor", "constant", 0.05, "ConstantLR", {"factor": 0.25, "total_iters": 7})
  add_torch("constant/third", "constant", 0.3, "ConstantLR", {"factor": 1.0 / 3, "total_iters": 5})

  add_torch("step/gamma-0.5", "step", 0.1, "StepLR", {"step_size": 7, "gamma": 0.5})
  add_torch("step/every-step", "step", 1.0, "StepLR", {"step_size": 1, "gamma": 0.9})
  add_torch("step/default-gamma", "step", 0.3, "StepLR", {"step_size": 25})

  add_torch("multistep/three", "multistep", 0.1, "MultiStepLR", {"milestones": [10, 25, 40]})
  add_torch(
    "multistep/repeated", "multistep", 0.5, "MultiStepLR",
    {"milestones": [5, 5, 30], "gamma": 0.5})
  add_torch(
    "multistep/at-zero", "multistep", 1.0, "MultiStepLR", {"milestones": [0, 59], "gamma": 0.3})

  add_torch("exponential/decay", "exponential", 0.1, "ExponentialLR", {"gamma": 0.95})
  add_torch("exponential/growth", "exponential", 0.02, "ExponentialLR", {"gamma": 1.05})
  add_torch("exponential/steep", "exponential", 1.0, "ExponentialLR", {"gamma": 0.5})

  add_torch("polynomial/default", "polynomial", 0.1, "PolynomialLR", {})
  add_torch(
    "polynomial/square", "polynomial", 0.1, "PolynomialLR", {"total_iters": 30, "power": 2.0})
  add_torch("polynomial/root", "polynomial", 0.2, "PolynomialLR", {"total_iters": 45, "power": 0.5})

  add_torch("cosine/periodic", "cosine", 0.1, "CosineAnnealingLR", {"T_max": 20})
  add_torch("cosine/eta-min", "cosine", 0.1, "CosineAnnealingLR", {"T_max": 50, "eta_min": 0.001})
  add_torch("cosine/short", "cosine", 1.0, "CosineAnnealingLR", {"T_max": 7, "eta_min": 0.05})

  add_torch(
    "cosine-restarts/fixed", "cosine-restarts", 0.1, "CosineAnnealingWarmRestarts", {"T_0": 10},
    source="torch-closed")
  add_torch(
    "cosine-restarts/doubling", "cosine-restarts", 0.1, "CosineAnnealingWarmRestarts",
    {"T_0": 5, "T_mult": 2, "eta_min": 0.001}, source="torch-closed")
  add_torch(
    "cosine-restarts/tripling", "cosine-restarts", 0.5, "CosineAnnealingWarmRestarts",
    {"T_0": 3, "T_mult": 3}, source="torch-closed")

  add_torch("linear-warmup/default", "linear-warmup", 0.1, "LinearLR", {})
  add_torch(
    "linear-warmup/long", "linear-warmup", 0.1, "LinearLR",
    {"start_factor": 0.01, "end_factor": 1.0, "total_iters": 20})
  add_torch(
    "linear-warmup/decreasing", "linear-warmup", 0.2, "LinearLR",
    {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 30})
  add_torch(
    "linear-warmup/flat", "linear-warmup", 0.05, "LinearLR",
    {"start_factor": 0.5, "end_factor": 0.5, "total_iters": 10})

  # OneCycleLR raises after total_steps scheduler steps; record the cycle itself.
  for case_id, kwargs in [
    ("one-cycle/default", {"max_lr": 0.1, "total_steps": 60}),
    ("one-cycle/linear", {
      "max_lr": 1.0, "total_steps": 50, "pct_start": 0.25, "anneal_strategy": "linear",
      "div_factor": 10.0, "final_div_factor": 100.0}),
    ("one-cycle/three-phase", {
      "max_lr": 0.01, "total_steps": 61, "pct_start": 0.4, "three_phase": True}),
  ]:
    rates = torch_rates(1.0, lambda o: sched.OneCycleLR(o, **kwargs), kwargs["total_steps"])
    reference = call("torch.optim.lr_scheduler.OneCycleLR", **kwargs) + " on SGD(lr=1.0)"
    add(case_id, "one-cycle", kwargs, reference, "torch-closed", rates)

  sequential_torch_cases()


def sequential_torch_cases():
  # Warm-up then cosine: the usual pairing. Every child shares the optimizer's base rate.
  lr = 0.1
  rates = torch_rates(lr, lambda o: sched.SequentialLR(o, [
    sched.LinearLR(o, start_factor=0.1, total_iters=10),
    sched.CosineAnnealingLR(o, T_max=50),
  ], milestones=[10]), STEPS + 1)
  add("sequential/warmup-cosine", "sequential", {
    "lr": lr, "schedulers": ["linear-warmup", "cosine"], "milestones": [10],
    "0.start_factor": 0.1, "0.total_iters": 10, "1.T_max": 50,
  }, "torch.optim.lr_scheduler.SequentialLR([LinearLR(start_factor=0.1, total_iters=10), "
     "CosineAnnealingLR(T_max=50)], milestones=[10]) on SGD(lr=0.1)", "torch-chainable", rates)

  lr = 0.2
  rates = torch_rates(lr, lambda o: sched.SequentialLR(o, [
    sched.ConstantLR(o, factor=0.5, total_iters=3),
    sched.ExponentialLR(o, gamma=0.9),
    sched.StepLR(o, step_size=5, gamma=0.5),
  ], milestones=[8, 30]), STEPS + 1)
  add("sequential/three-parts", "sequential", {
    "lr": lr, "schedulers": ["constant", "exponential", "step"], "milestones": [8, 30],
    "0.factor": 0.5, "0.total_iters": 3, "1.gamma": 0.9, "2.step_size": 5, "2.gamma": 0.5,
  }, "torch.optim.lr_scheduler.SequentialLR([ConstantLR(factor=0.5, total_iters=3), "
     "ExponentialLR(gamma=0.9), StepLR(step_size=5, gamma=0.5)], milestones=[8, 30]) "
     "on SGD(lr=0.2)", "torch-chainable", rates)


def optax_cases():
  count = STEPS + 1
  for case_id, kwargs in [
    ("polynomial/optax-end-value",
     {"init_value": 0.1, "end_value": 0.001, "power": 2.0, "transition_steps": 40}),
    ("polynomial/optax-linear-rise",
     {"init_value": 0.0, "end_value": 0.1, "power": 1, "transition_steps": 20}),
  ]:
    rates = optax_rates(optax.polynomial_schedule(**kwargs), count)
    parameters = {
      "lr": kwargs["init_value"], "end_value": kwargs["end_value"],
      "power": float(kwargs["power"]), "total_iters": kwargs["transition_steps"]}
    add(case_id, "polynomial", parameters, call("optax.polynomial_schedule", **kwargs), "optax",
        rates)

  for case_id, kwargs in [
    ("warmup-cosine/zero-start",
     {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 10, "decay_steps": 50}),
    ("warmup-cosine/exponent",
     {"init_value": 1e-3, "peak_value": 0.1, "warmup_steps": 5, "decay_steps": 40,
      "end_value": 1e-3, "exponent": 2.0}),
    ("warmup-cosine/no-warmup",
     {"init_value": 0.05, "peak_value": 0.1, "warmup_steps": 0, "decay_steps": 60,
      "end_value": 0.01}),
  ]:
    rates = optax_rates(optax.warmup_cosine_decay_schedule(**kwargs), count)
    add(case_id, "warmup-cosine", kwargs, call("optax.warmup_cosine_decay_schedule", **kwargs),
        "optax", rates)

  # join_schedules: each part restarts its count at its boundary and keeps its own values.
  parts = [
    optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=10),
    optax.warmup_cosine_decay_schedule(0.1, 0.1, 0, 30, end_value=0.001),
    optax.constant_schedule(0.001),
  ]
  rates = optax_rates(optax.join_schedules(parts, [10, 40]), count)
  add("sequential/optax-join", "sequential", {
    "schedulers": ["polynomial", "warmup-cosine", "constant"], "milestones": [10, 40],
    "0.lr": 0.0, "0.end_value": 0.1, "0.total_iters": 10, "0.power": 1.0,
    "1.init_value": 0.1, "1.peak_value": 0.1, "1.warmup_steps": 0, "1.decay_steps": 30,
    "1.end_value": 0.001, "2.lr": 0.001,
  }, "optax.join_schedules([linear_schedule(0.0, 0.1, 10), "
     "warmup_cosine_decay_schedule(0.1, 0.1, 0, 30, end_value=0.001), "
     "constant_schedule(0.001)], boundaries=[10, 40])", "optax", rates)


def inverse_time(lr, decay_rate, decay_steps, staircase, t):
  """Keras InverseTimeDecay: lr / (1 + decay_rate * p), p = t / decay_steps (floored)."""
  p = t / decay_steps
  if staircase:
    p = math.floor(p)
  return lr / (1 + decay_rate * p)


def inverse_sqrt(lr, warmup_updates, warmup_init_lr, num_updates):
  """fairseq InverseSquareRootSchedule.step_update(num_updates), operation for operation."""
  lr_step = (lr - warmup_init_lr) / warmup_updates
  decay_factor = lr * warmup_updates**0.5
  if num_updates < warmup_updates:
    return warmup_init_lr + num_updates * lr_step
  return decay_factor * num_updates**-0.5


def formula_cases():
  count = STEPS + 1
  for case_id, (lr, rate, steps, staircase) in [
    ("inverse-time/per-step", (0.1, 0.5, 1, False)),
    ("inverse-time/staircase", (0.1, 1.0, 10, True)),
    ("inverse-time/slow", (1.0, 0.05, 3, False)),
  ]:
    rates = [inverse_time(lr, rate, steps, staircase, t) for t in range(count)]
    kwargs = {"initial_learning_rate": lr, "decay_steps": steps, "decay_rate": rate,
              "staircase": staircase}
    parameters = {"lr": lr, "decay_rate": rate, "decay_steps": steps, "staircase": staircase}
    add(case_id, "inverse-time", parameters, call("keras.optimizers.schedules.InverseTimeDecay",
        **kwargs), "formula", rates)

  for case_id, (lr, warmup, init) in [
    ("inverse-sqrt/warmup-10", (1e-3, 10, 1e-7)),
    ("inverse-sqrt/warmup-1", (0.5, 1, 0.0)),
    ("inverse-sqrt/warmup-25", (5e-4, 25, 0.0)),
  ]:
    rates = [inverse_sqrt(lr, warmup, init, t) for t in range(count)]
    parameters = {"lr": lr, "warmup_updates": warmup, "warmup_init_lr": init}
    reference = ("fairseq.optim.lr_scheduler.inverse_square_root_schedule"
                 f" (lr=[{lr!r}], warmup_updates={warmup}, warmup_init_lr={init!r}),"
                 " step_update(num_updates=t)")
    add(case_id, "inverse-sqrt", parameters, reference, "formula", rates)


def plateau_metrics():
  """A loss curve with progress, stalls, tiny improvements and relapses; 90 values."""
  metrics = []
  value = 1.0
  for _ in range(8):  # steady progress
    value *= 0.9
    metrics.append(value)
  metrics += [value * (1 + 0.002 * (k % 3)) for k in range(14)]  # a stall
  for k in range(10):  # improvements of 5e-5 relative: below the default rel threshold 1e-4
    value *= 1 - 5e-5
    metrics.append(value)
  for _ in range(6):  # progress again
    value *= 0.8
    metrics.append(value)
  metrics += [value + 0.01 * ((k * 7) % 5) for k in range(20)]  # a noisy plateau
  for k in range(12):  # tiny absolute improvements of 1e-4 each
    value -= 1e-4
    metrics.append(value)
  metrics += [value * 1.5] * 20  # a relapse that never recovers
  return metrics


def plateau_cases():
  metrics = plateau_metrics()
  settings = [
    ("reduce-on-plateau/default", 0.1, {}),
    ("reduce-on-plateau/cooldown-floor", 0.1, {
      "factor": 0.5, "patience": 2, "threshold": 0.01, "cooldown": 2, "min_lr": 0.01}),
    ("reduce-on-plateau/abs-eps", 0.01, {
      "threshold_mode": "abs", "threshold": 1e-3, "factor": 0.3, "patience": 3, "eps": 1e-3}),
    ("reduce-on-plateau/max", 1.0, {
      "mode": "max", "threshold": 0.05, "patience": 4, "factor": 0.2, "cooldown": 1}),
    ("reduce-on-plateau/max-abs", 0.5, {
      "mode": "max", "threshold_mode": "abs", "threshold": 1e-4, "patience": 1, "factor": 0.7,
      "min_lr": 1e-3}),
  ]
  cases = []
  for case_id, lr, kwargs in settings:
    optimizer = optimizer_with(lr)
    scheduler = sched.ReduceLROnPlateau(optimizer, **kwargs)
    observed = [-m for m in metrics] if kwargs.get("mode") == "max" else list(metrics)
    rates = [float(optimizer.param_groups[0]["lr"])]
    for metric in observed:
      optimizer.step()
      scheduler.step(metric)
      rates.append(float(optimizer.param_groups[0]["lr"]))
    cases.append({
      "id": case_id,
      "parameters": {k: text(v) for k, v in {"lr": lr, **kwargs}.items()},
      "reference": call("torch.optim.lr_scheduler.ReduceLROnPlateau", **kwargs)
      + f" on SGD(lr={lr!r})",
      "metrics": observed,
      "rates": rates,
    })
  return cases


def main():
  torch.set_default_dtype(torch.float64)
  torch_cases()
  optax_cases()
  formula_cases()
  for case in CASES:
    if not all(math.isfinite(r) for r in case["rates"]):
      sys.exit(f"{case['id']}: non-finite rate")
  ids = [case["id"] for case in CASES]
  if len(set(ids)) != len(ids):
    sys.exit("duplicate case ids")
  document = {
    "generator": f"Scripts/references/schedules.py (torch {torch.__version__}, "
    f"optax {optax.__version__}, jax {jax.__version__})",
    "steps": STEPS,
    "cases": CASES,
    "plateau": plateau_cases(),
  }
  OUTPUT.write_text(json.dumps(document, sort_keys=True, indent=1, allow_nan=False) + "\n")
  print(f"wrote {len(CASES)} cases and {len(document['plateau'])} plateau runs to {OUTPUT}",
        file=sys.stderr)


if __name__ == "__main__":
  main()
