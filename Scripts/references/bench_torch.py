"""PyTorch timings for the benchmarks that Descent's `Benchmarks/` package measures.

Run from the repository root, with PyTorch installed (a CPU build is enough):

    python Scripts/references/bench_torch.py [--threads 2] [--repetitions 30] [--warmup 10]
    python Scripts/references/bench_torch.py --check

The first form prints one JSON object (sorted keys) on stdout:

    {"tool": "pytorch", "version": "...", "threads": N, "cpu": "<model name>",
     "date": "YYYY-MM-DD",
     "results": {"Rosenbrock.value/1000000": {"median_ms": ..., "min_ms": ...,
                                              "max_ms": ..., "repetitions": ...}, ...}}

Everything runs on the CPU in float64 with `torch.set_num_threads(N)`. Each case
is run `--warmup` times untimed, then `--repetitions` times, each repetition
timed alone with `time.perf_counter` (Python's garbage collector paused while
timing, as `timeit` does); the median is the reported number, min and max show
the spread. Setup (data, model, direction v) is outside the timed region; the
autograd graph is built inside it, as a PyTorch user would pay for it. On a
freshly booted virtual machine the first run measured the 1,000,000-element
Rosenbrock cases 3 to 7 times slower than later runs (memory being touched for
the first time), so run it twice and keep the second.

Cases, named like Descent's benchmarks (`Type.operation/size`):

- `Rosenbrock.*/1000000`: f(x) = sum(100 (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2),
  n = 1,000,000, x = 1 + 0.5 randn(n) with `torch.manual_seed(0)`.
  `value` is f under `torch.no_grad()`; `gradient` is f then
  `torch.autograd.grad`; `hessianVectorProduct` is f, the gradient with
  `create_graph=True`, then `torch.autograd.grad(g, x, grad_outputs=v)` along a
  fixed random v (forward and both backward passes are timed).
- `MLP.*/784-256-10x128`: a 784-256-10 ReLU network (`nn.Linear` default
  initialisation after `torch.manual_seed(0)`), one batch of 128 random inputs
  with random labels in 0..9, loss = `F.cross_entropy` (mean over the batch).
  `value` is the loss under no_grad; `gradient` is with respect to all
  parameters; `hessianVectorProduct` is with respect to all parameters,
  flattened in `model.parameters()` order, along a fixed random v.

`--check` prints, for the 10-dimensional Rosenbrock at x = 1.5 + 0.1 k
(k = 0..9) and v = ones(10), the value, the first 3 gradient entries and the
first 3 Hessian-vector product entries, as JSON with floats in shortest
round-trip form, so the Swift side can compare its own numbers.
"""

import argparse
import datetime
import gc
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

ROSENBROCK_SIZE = 1_000_000
MLP_SIZES = (784, 256, 10)
MLP_BATCH = 128


def rosenbrock(x):
  head = x[:-1]
  return torch.sum(100.0 * (x[1:] - head**2) ** 2 + (1.0 - head) ** 2)


def rosenbrock_cases():
  torch.manual_seed(0)
  n = ROSENBROCK_SIZE
  x = (torch.randn(n, dtype=torch.float64) * 0.5 + 1.0).requires_grad_(True)
  v = torch.randn(n, dtype=torch.float64)

  def value():
    with torch.no_grad():
      return rosenbrock(x)

  def gradient():
    return torch.autograd.grad(rosenbrock(x), x)[0]

  def hessian_vector_product():
    (g,) = torch.autograd.grad(rosenbrock(x), x, create_graph=True)
    return torch.autograd.grad(g, x, grad_outputs=v)[0]

  size = f"/{n}"
  return {
    "Rosenbrock.value" + size: value,
    "Rosenbrock.gradient" + size: gradient,
    "Rosenbrock.hessianVectorProduct" + size: hessian_vector_product,
  }


def mlp_cases():
  torch.manual_seed(0)
  inputs, hidden, outputs = MLP_SIZES
  model = nn.Sequential(
    nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, outputs)
  ).to(torch.float64)
  parameters = list(model.parameters())
  data = torch.randn(MLP_BATCH, inputs, dtype=torch.float64)
  labels = torch.randint(0, outputs, (MLP_BATCH,))
  count = sum(p.numel() for p in parameters)
  v = torch.randn(count, dtype=torch.float64)
  pieces = v.split([p.numel() for p in parameters])
  v_pieces = [piece.view_as(p) for piece, p in zip(pieces, parameters)]

  def loss():
    return F.cross_entropy(model(data), labels)

  def value():
    with torch.no_grad():
      return loss()

  def gradient():
    return torch.autograd.grad(loss(), parameters)

  def hessian_vector_product():
    g = torch.autograd.grad(loss(), parameters, create_graph=True)
    hv = torch.autograd.grad(g, parameters, grad_outputs=v_pieces)
    return torch.cat([h.reshape(-1) for h in hv])

  size = f"/{inputs}-{hidden}-{outputs}x{MLP_BATCH}"
  return {
    "MLP.value" + size: value,
    "MLP.gradient" + size: gradient,
    "MLP.hessianVectorProduct" + size: hessian_vector_product,
  }


def measure(function, warmup, repetitions):
  for _ in range(warmup):
    function()
  times = []
  gc_was_enabled = gc.isenabled()
  gc.disable()
  try:
    for _ in range(repetitions):
      start = time.perf_counter()
      function()
      times.append((time.perf_counter() - start) * 1000.0)
  finally:
    if gc_was_enabled:
      gc.enable()
  return {
    "median_ms": statistics.median(times),
    "min_ms": min(times),
    "max_ms": max(times),
    "repetitions": repetitions,
  }


def cpu_model():
  try:
    with open("/proc/cpuinfo") as info:
      for line in info:
        if line.startswith("model name"):
          return line.split(":", 1)[1].strip()
  except OSError:
    pass
  return "unknown"


def check():
  x = (1.5 * torch.ones(10, dtype=torch.float64) + 0.1 * torch.arange(10, dtype=torch.float64))
  x.requires_grad_(True)
  v = torch.ones(10, dtype=torch.float64)
  f = rosenbrock(x)
  (g,) = torch.autograd.grad(f, x, create_graph=True)
  (hv,) = torch.autograd.grad(g, x, grad_outputs=v)
  return {
    "function": "rosenbrock",
    "point": [float(t) for t in x.detach()],
    "direction": [float(t) for t in v],
    "value": float(f.detach()),
    "gradient_first3": [float(t) for t in g.detach()[:3]],
    "hessianVectorProduct_first3": [float(t) for t in hv[:3]],
  }


def main():
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument(
    "--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
  parser.add_argument(
    "--repetitions", type=int, default=30, help="timed runs per case (default 30)")
  parser.add_argument(
    "--warmup", type=int, default=10, help="untimed runs first (default 10)")
  parser.add_argument(
    "--check", action="store_true", help="print small-n Rosenbrock numbers and exit")
  arguments = parser.parse_args()
  if arguments.threads < 1 or arguments.repetitions < 1 or arguments.warmup < 0:
    parser.error("--threads and --repetitions must be at least 1, --warmup at least 0")

  torch.set_num_threads(arguments.threads)
  torch.set_default_dtype(torch.float64)
  if arguments.check:
    json.dump(check(), sys.stdout, sort_keys=True, indent=1)
    print()
    return

  results = {}
  for cases in (rosenbrock_cases, mlp_cases):
    for name, function in cases().items():
      results[name] = measure(function, arguments.warmup, arguments.repetitions)
  report = {
    "tool": "pytorch",
    "version": torch.__version__,
    "threads": torch.get_num_threads(),
    "cpu": cpu_model(),
    "date": datetime.date.today().isoformat(),
    "results": results,
  }
  json.dump(report, sys.stdout, sort_keys=True, indent=1)
  print()


if __name__ == "__main__":
  main()
