"""PyTorch timings of one optimizer step on 10^7 parameters, the reference for Descent's
`*.step/10000000/*` benchmarks (Benchmarks/DescentBenchmarks/OptimizerStepBenchmarks.swift).

Run from the repository root, with PyTorch installed (a CPU build is enough):

    python Scripts/references/bench_torch_optimizers.py [--threads 1,2] [--repetitions 20]
                                                        [--warmup 5] [--size 10000000]

It prints one JSON object (sorted keys) on stdout, shaped like bench_torch.py's:

    {"tool": "pytorch", "version": "...", "threads": [1, 2], "cpu": "<model name>",
     "date": "YYYY-MM-DD", "size": 10000000,
     "results": {"Adam.step/10000000/1thread/fused": {"median_ms": ..., "min_ms": ...,
                                                      "max_ms": ..., "repetitions": ...},
                 ...},
     "skipped": {"RMSProp.step/10000000/1thread/fused": "<torch's error message>", ...}}

Each case is one `opt.step()` on a single float64 parameter tensor of `--size` elements
(standard normal, `torch.manual_seed(1)`) whose `.grad` is a fixed standard normal tensor
(`torch.manual_seed(0)`), with the optimizer's defaults (momentum 0.9 for `SGDMomentum`):

- `SGD`: `torch.optim.SGD(lr=1e-3)`;  `SGDMomentum`: `SGD(lr=1e-3, momentum=0.9)`;
- `Adam`: `torch.optim.Adam()`;  `AdaGrad`: `torch.optim.Adagrad()`;
- `RMSProp`: `torch.optim.RMSprop()`.

Each rule is timed in three implementations, the last path element of the name:
`forloop` (`foreach=False`, the single-tensor loop), `foreach` (`foreach=True`) and `fused`
(`fused=True`). Where torch refuses an implementation for a CPU float64 tensor (the
constructor or the first step raises), the case goes under `skipped` with torch's message.
Each thread count N (`torch.set_num_threads(N)`) gives names ending in `/1thread`,
`/2threads`, as Descent's do.

Every case makes a fresh optimizer, runs `--warmup` steps untimed (which also allocates
and touches the state), then `--repetitions` steps, each timed alone with
`time.perf_counter` (Python's garbage collector paused); the median is the reported number,
min and max show the spread. `docs/benchmarks.md` reports the fastest implementation of
each rule and thread count.
"""

import argparse
import datetime
import gc
import json
import sys
import time

import torch

# The same timing and machine description as the autodiff benchmarks (same folder).
from bench_torch import cpu_model, measure

RULES = {
  "SGD": lambda params, **kw: torch.optim.SGD(params, lr=1e-3, **kw),
  "SGDMomentum": lambda params, **kw: torch.optim.SGD(params, lr=1e-3, momentum=0.9, **kw),
  "Adam": lambda params, **kw: torch.optim.Adam(params, **kw),
  "AdaGrad": lambda params, **kw: torch.optim.Adagrad(params, **kw),
  "RMSProp": lambda params, **kw: torch.optim.RMSprop(params, **kw),
}
IMPLEMENTATIONS = {
  "forloop": {"foreach": False},
  "foreach": {"foreach": True},
  "fused": {"fused": True},
}


def thread_suffix(threads):
  return "/1thread" if threads == 1 else f"/{threads}threads"


def thread_counts(text):
  try:
    counts = [int(part) for part in text.split(",")]
  except ValueError:
    raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of integers")
  if not counts or min(counts) < 1:
    raise argparse.ArgumentTypeError(f"thread counts must be at least 1, got {text!r}")
  return counts


def main():
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument(
    "--threads", type=thread_counts, default=[1, 2],
    help="comma-separated torch.set_num_threads values (default 1,2)")
  parser.add_argument(
    "--repetitions", type=int, default=20, help="timed steps per case (default 20)")
  parser.add_argument("--warmup", type=int, default=5, help="untimed steps first (default 5)")
  parser.add_argument(
    "--size", type=int, default=10_000_000, help="parameters (default 10000000)")
  arguments = parser.parse_args()
  if arguments.repetitions < 1 or arguments.warmup < 1 or arguments.size < 1:
    parser.error("--repetitions, --warmup and --size must be at least 1")

  n = arguments.size
  torch.manual_seed(0)
  gradient = torch.randn(n, dtype=torch.float64)
  torch.manual_seed(1)
  start = torch.randn(n, dtype=torch.float64)

  results = {}
  skipped = {}
  for threads in arguments.threads:
    torch.set_num_threads(threads)
    for rule, make in RULES.items():
      for implementation, options in IMPLEMENTATIONS.items():
        name = f"{rule}.step/{n}{thread_suffix(threads)}/{implementation}"
        parameter = torch.nn.Parameter(start.clone())
        parameter.grad = gradient
        try:
          optimizer = make([parameter], **options)
          optimizer.step()  # the first step raises where the implementation is refused
        except (RuntimeError, ValueError, TypeError) as error:
          skipped[name] = str(error).strip().splitlines()[0]
          continue
        results[name] = measure(optimizer.step, arguments.warmup, arguments.repetitions)
        del optimizer, parameter
        gc.collect()

  report = {
    "tool": "pytorch",
    "version": torch.__version__,
    "threads": arguments.threads,
    "cpu": cpu_model(),
    "date": datetime.date.today().isoformat(),
    "size": n,
    "results": results,
    "skipped": skipped,
  }
  json.dump(report, sys.stdout, sort_keys=True, indent=1)
  print()


if __name__ == "__main__":
  main()
