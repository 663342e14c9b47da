"""PyTorch reference timings for Descent's training benchmarks.

Run from the repository root, with PyTorch installed (a CPU build is enough):

    /opt/torchenv/bin/python Scripts/references/bench_torch_training.py [--repetitions 5]

Prints one JSON object (sorted keys) on stdout:

    {"tool": "pytorch", "version": "...", "cpu": "<model name>", "date": "YYYY-MM-DD",
     "results": {"Training.samplesPerSecond/784-256-256-10x128/threads1": {...}, ...}}

Everything runs on the CPU in float64.

- `Training.samplesPerSecond/784-256-256-10x128/threadsN`: a 784-256-256-10 ReLU
  network (`nn.Sequential` of `nn.Linear` with default initialisation after
  `torch.manual_seed(0)`), trained with `torch.optim.Adam(lr=1e-3)` and
  `F.cross_entropy` on 12,800 random standard-normal inputs with random labels
  in 0..9, batch 128, one shuffle (`torch.randperm`) per epoch: each step is the
  batch gather, forward, backward, `optimizer.step()` and `zero_grad()`. One epoch
  (100 steps) is timed per repetition, after one untimed warm-up epoch;
  samples per second = 12,800 / the epoch's wall time. Median, min and max over
  the repetitions, with `torch.set_num_threads(N)` for N = 1 and 2.
- `Hessian.full/8-32-20-4x64` and `Hessian.eigenvalues/8-32-20-4x64`: a tanh
  network 8-32-20-4 (1,032 parameters), MSE on 64 random rows;
  `torch.autograd.functional.hessian` of the loss as a function of the flat vector
  (through `torch.func.functional_call`), then `torch.linalg.eigvalsh` of it,
  timed separately (2 threads); median, min and max in milliseconds.
"""

import argparse
import datetime
import json
import platform
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)

SIZES = (784, 256, 256, 10)
BATCH = 128
SAMPLES = 12_800
HESSIAN_SIZES = (8, 32, 20, 4)
HESSIAN_ROWS = 64


def cpu_name():
  try:
    with open("/proc/cpuinfo") as f:
      for line in f:
        if line.startswith("model name"):
          return line.split(":", 1)[1].strip()
  except OSError:
    pass
  return platform.processor()


def summary(times, scale=1.0):
  values = [scale / t for t in times] if scale != 1.0 else times
  return {
    "median": statistics.median(values),
    "min": min(values),
    "max": max(values),
    "repetitions": len(values),
  }


def training_throughput(threads, repetitions):
  torch.set_num_threads(threads)
  torch.manual_seed(0)
  layers = []
  for k in range(len(SIZES) - 1):
    layers.append(nn.Linear(SIZES[k], SIZES[k + 1]))
    if k < len(SIZES) - 2:
      layers.append(nn.ReLU())
  model = nn.Sequential(*layers)
  optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
  inputs = torch.randn(SAMPLES, SIZES[0])
  labels = torch.randint(0, SIZES[-1], (SAMPLES,))

  def epoch():
    order = torch.randperm(SAMPLES)
    for start in range(0, SAMPLES, BATCH):
      rows = order[start : start + BATCH]
      loss = F.cross_entropy(model(inputs[rows]), labels[rows])
      optimizer.zero_grad()
      loss.backward()
      optimizer.step()

  epoch()
  times = []
  for _ in range(repetitions):
    start = time.perf_counter()
    epoch()
    times.append(time.perf_counter() - start)
  samples_per_second = [SAMPLES / t for t in times]
  return {
    "median": statistics.median(samples_per_second),
    "min": min(samples_per_second),
    "max": max(samples_per_second),
    "repetitions": repetitions,
  }


def hessian_timings(repetitions):
  torch.set_num_threads(2)
  torch.manual_seed(0)
  layers = []
  for k in range(len(HESSIAN_SIZES) - 1):
    layers.append(nn.Linear(HESSIAN_SIZES[k], HESSIAN_SIZES[k + 1]))
    if k < len(HESSIAN_SIZES) - 2:
      layers.append(nn.Tanh())
  model = nn.Sequential(*layers)
  x = torch.randn(HESSIAN_ROWS, HESSIAN_SIZES[0])
  y = torch.randn(HESSIAN_ROWS, HESSIAN_SIZES[-1])
  names = [n for n, _ in model.named_parameters()]
  shapes = [p.shape for p in model.parameters()]
  flat = torch.cat([p.detach().reshape(-1) for p in model.parameters()])

  def loss_of_flat(theta):
    tensors, offset = {}, 0
    for n, s in zip(names, shapes):
      size = s.numel()
      tensors[n] = theta[offset : offset + size].reshape(s)
      offset += size
    return F.mse_loss(torch.func.functional_call(model, tensors, (x,)), y)

  hessian_times, eigen_times = [], []
  torch.linalg.eigvalsh(torch.autograd.functional.hessian(loss_of_flat, flat))
  for _ in range(repetitions):
    start = time.perf_counter()
    h = torch.autograd.functional.hessian(loss_of_flat, flat)
    middle = time.perf_counter()
    torch.linalg.eigvalsh(h)
    end = time.perf_counter()
    hessian_times.append((middle - start) * 1000)
    eigen_times.append((end - middle) * 1000)
  return flat.numel(), summary(hessian_times), summary(eigen_times)


def main():
  parser = argparse.ArgumentParser()
  parser.add_argument("--repetitions", type=int, default=5)
  arguments = parser.parse_args()
  results = {}
  name = "-".join(map(str, SIZES)) + f"x{BATCH}"
  for threads in (1, 2):
    results[f"Training.samplesPerSecond/{name}/threads{threads}"] = training_throughput(
      threads, arguments.repetitions)
  count, full, eigen = hessian_timings(arguments.repetitions)
  hname = "-".join(map(str, HESSIAN_SIZES)) + f"x{HESSIAN_ROWS}"
  results[f"Hessian.full/{hname}"] = full
  results[f"Hessian.eigenvalues/{hname}"] = eigen
  json.dump(
    {
      "tool": "pytorch",
      "version": torch.__version__,
      "cpu": cpu_name(),
      "date": datetime.date.today().isoformat(),
      "hessianParameters": count,
      "results": results,
    },
    sys.stdout,
    sort_keys=True,
    indent=1,
  )
  sys.stdout.write("\n")


if __name__ == "__main__":
  main()
