"""Writes docs/benchmarks.md from the raw output of one `make bench` run.

Run from the repository root (as `make bench` does):

    python3 Scripts/benchmarks_table.py RAW_DIRECTORY > docs/benchmarks.md

RAW_DIRECTORY holds, from the same run:

- `*.jmh.json`: the Descent benchmarks (nested package `Benchmarks/`), exported by
  ordo-one/benchmark with `--format jmh`. One element per benchmark, named
  `package.benchmark.<target>.<name>`; its `secondaryMetrics["Time (wall clock)"]` has the
  samples in `rawData` and percentiles in `scorePercentiles`, in microseconds, and
  `secondaryMetrics["Malloc (total)"]` the malloc count per call.
- `pytorch.json`: the reference, from `Scripts/references/bench_torch.py` (median, min and
  max in milliseconds per case, plus torch's version, threads, CPU model and date).
- `pytorch-optimizers.json`: the optimizer-step reference, from
  `Scripts/references/bench_torch_optimizers.py` (median, min and max in milliseconds per
  rule, thread count and implementation — `forloop`, `foreach`, `fused` — plus the ones
  torch refused, under `skipped`).
- `pytorch-training.json` (optional): the training reference of issue 5, from
  `Scripts/references/bench_torch_training.py` (samples per second per thread count, and
  the network Hessian and its eigenvalues in milliseconds).
- `swift-version.txt` (optional): the output of `swift --version`; without it the script
  asks the `swift` on the PATH.

Every figure in the page comes from these files: nothing is typed in by hand. The page
gives, per case, the median wall time of Descent and PyTorch, their ratio, and the cost of
the gradient and of the Hessian-vector product in units of the function (its value alone,
by each library's fastest path), with the goals marked met or not met:

- gradient ≤ 3 × function,
- Hessian-vector product ≤ 6 × function,
- every Descent median below PyTorch's.

A second section gives one optimizer step on 10^7 parameters (SGD, SGD with momentum, Adam,
AdaGrad, RMSProp; 1 and 2 threads) in nanoseconds per parameter, next to the memory
bandwidth measured in the same run (`Bandwidth.*` benchmarks), with the goals

- each step within 1.1 × its bandwidth bound: the bytes the step must move per parameter
  over the bytes per nanosecond of the triad with the same number of threads,
- each step faster than PyTorch's fastest implementation (`forloop`, `foreach` or `fused`).

A third section gives training throughput (one epoch of a 784-256-256-10 ReLU network,
Adam, batch 128, 1 and 2 threads) in samples per second, and the full Hessian of a
1,032-parameter tanh network with its eigenvalues, beside PyTorch's, with the goals

- at least 30,000 samples per second on 1 thread and 50,000 on 2,
- the Hessian plus its eigenvalues within 300 ms.

Python 3.9 or later, standard library only.
"""

import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

# The cases, in the order of the page: (title, size suffix of the benchmark names).
CASES = [
  ("Rosenbrock, n = 1,000,000 (tensor form)", "Rosenbrock", "/1000000"),
  ("MLP 784-256-10, ReLU, softmax cross-entropy, batch of 128", "MLP", "/784-256-10x128"),
]
OPERATIONS = [
  ("value", "function (value alone)"),
  ("gradient", "gradient"),
  ("hessianVectorProduct", "Hessian-vector product"),
]
# Goals of the issue: operation -> largest allowed multiple of the function's time.
RATIO_GOALS = {"gradient": 3.0, "hessianVectorProduct": 6.0}

# Optimizer steps: (benchmark type, label, bytes moved per parameter and what they are, the
# Bandwidth.readModifyWriteK benchmark with the same streams).
STEP_RULES = [
  ("SGD", "SGD", 24, "θ, g read; θ written", "readModifyWrite1"),
  ("SGDMomentum", "SGD, momentum 0.9", 40, "θ, g, b read; θ, b written", "readModifyWrite2"),
  ("Adam", "Adam", 56, "θ, g, m, v read; θ, m, v written", "readModifyWrite3"),
  ("AdaGrad", "AdaGrad", 40, "θ, g, s read; θ, s written", "readModifyWrite2"),
  ("RMSProp", "RMSProp", 40, "θ, g, v read; θ, v written", "readModifyWrite2"),
]
STEP_SIZE = 10_000_000
STEP_THREADS = [1, 2]
# Bandwidth kernels: operation -> (bytes per element as STREAM counts them, formula).
BANDWIDTH_KERNELS = [
  ("copy", 16, "b = a"),
  ("triad", 24, "a = b + s·c"),
  ("readModifyWrite1", 24, "x += s·a"),
  ("readModifyWrite2", 40, "x += s·a, y += s·a"),
  ("readModifyWrite3", 56, "x += s·a, y += s·a, z += s·a"),
]
STEP_BOUND_GOAL = 1.1

WALL_CLOCK = "Time (wall clock)"
MALLOC_TOTAL = "Malloc (total)"
THREADS_SOURCE = Path("Benchmarks/DescentBenchmarks/DescentBenchmarks.swift")


def fail(message):
  print(f"benchmarks_table.py: {message}", file=sys.stderr)
  sys.exit(1)


def read_descent(directory):
  """Benchmark name -> {median_ms, min_ms, max_ms, samples, mallocs} from the JMH export."""
  files = sorted(directory.glob("*.jmh.json"))
  if not files:
    fail(f"no *.jmh.json in {directory}: run the Descent benchmarks with --format jmh first")
  results = {}
  for path in files:
    for element in json.loads(path.read_text()):
      # "package.benchmark.<target>.<name>": the target has no dot, the name may.
      name = element["benchmark"].split(".", 3)[3]
      metrics = element.get("secondaryMetrics") or {}
      if WALL_CLOCK not in metrics:
        fail(f"{path.name}: benchmark {name} has no '{WALL_CLOCK}' metric")
      wall = metrics[WALL_CLOCK]
      samples = [value for row in wall.get("rawData", []) for value in row]
      if samples:
        median_us = statistics.median(samples)
        low_us, high_us = min(samples), max(samples)
      else:  # no raw samples: fall back on the histogram's percentiles
        percentiles = wall["scorePercentiles"]
        median_us, low_us, high_us = percentiles["50.0"], percentiles["0.0"], percentiles["100.0"]
      mallocs = metrics.get(MALLOC_TOTAL, {}).get("scorePercentiles", {}).get("50.0")
      results[name] = {
        "median_ms": median_us / 1000,
        "min_ms": low_us / 1000,
        "max_ms": high_us / 1000,
        "samples": len(samples) or element.get("measurementIterations"),
        "mallocs": mallocs,
      }
  return results


def read_pytorch(directory):
  path = directory / "pytorch.json"
  if not path.exists():
    fail(f"no {path}: run Scripts/references/bench_torch.py > {path} first")
  return json.loads(path.read_text())


def swift_version(directory):
  path = directory / "swift-version.txt"
  if path.exists():
    text = path.read_text()
  else:
    try:
      text = subprocess.run(
        ["swift", "--version"], capture_output=True, text=True, check=False).stdout
    except OSError:
      text = ""
  match = re.search(r"Swift version (\S+)", text)
  return match.group(1) if match else "unknown"


def openblas_core(directory):
  """The OPENBLAS_CORETYPE `make bench` ran Descent with (openblas-core.txt)."""
  path = directory / "openblas-core.txt"
  if not path.exists():
    return "as detected"
  return path.read_text().split(":", 1)[-1].strip()


def descent_threads():
  """The thread count the benchmark suite sets, read from its source."""
  try:
    match = re.search(r"Parallelism\.threads\s*=\s*(\d+)", THREADS_SOURCE.read_text())
  except OSError:
    match = None
  return match.group(1) if match else "unknown"


def cpu_model(pytorch):
  if pytorch.get("cpu") and pytorch["cpu"] != "unknown":
    return pytorch["cpu"]
  try:
    with open("/proc/cpuinfo") as info:
      for line in info:
        if line.startswith("model name"):
          return line.split(":", 1)[1].strip()
  except OSError:
    pass
  return "unknown"


def milliseconds(value):
  """A duration in ms with three significant digits, in μs below 1 ms."""
  if value is None:
    return "—"
  if value < 1:
    return f"{value * 1000:.3g} μs"
  if value < 1000:
    return f"{value:.3g} ms"
  return f"{value:,.0f} ms"


def span(result):
  """'min – max' of a result with min_ms and max_ms, or a dash when it is missing."""
  if not result:
    return "—"
  return f"{milliseconds(result['min_ms'])} – {milliseconds(result['max_ms'])}"


def times(value):
  return "—" if value is None else f"{value:.2f}×"


def verdict(met):
  return "**met**" if met else "**not met**"


def case_section(title, prefix, size, descent, pytorch):
  lines = [f"### {title}", ""]
  lines.append(
    "| operation | Descent median | PyTorch median | Descent / PyTorch "
    "| Descent, × function | PyTorch, × function | Descent mallocs per call |")
  lines.append("|---|--:|--:|--:|--:|--:|--:|")
  medians = {}
  for operation, label in OPERATIONS:
    name = f"{prefix}.{operation}{size}"
    ours = descent.get(name)
    theirs = pytorch["results"].get(name)
    medians[operation] = (
      ours["median_ms"] if ours else None, theirs["median_ms"] if theirs else None)
  base_ours, base_theirs = medians["value"]
  goals = []
  for operation, label in OPERATIONS:
    name = f"{prefix}.{operation}{size}"
    ours, theirs = medians[operation]
    ratio = ours / theirs if ours and theirs else None
    ours_x = ours / base_ours if ours and base_ours else None
    theirs_x = theirs / base_theirs if theirs and base_theirs else None
    mallocs = descent.get(name, {}).get("mallocs")
    count = "—" if mallocs is None else f"{mallocs:,.0f}"
    lines.append(
      f"| {label} | {milliseconds(ours)} | {milliseconds(theirs)} | {times(ratio)} "
      f"| {times(ours_x)} | {times(theirs_x)} | {count} |")
    if operation in RATIO_GOALS and ours_x is not None:
      limit = RATIO_GOALS[operation]
      goals.append(
        f"- {label} ≤ {limit:g} × function: {times(ours_x)} — {verdict(ours_x <= limit)}")
  below = [
    label for operation, label in OPERATIONS
    if medians[operation][0] is not None and medians[operation][1] is not None
    and medians[operation][0] < medians[operation][1]]
  compared = [
    label for operation, label in OPERATIONS
    if medians[operation][0] is not None and medians[operation][1] is not None]
  if compared:
    detail = (
      "all three" if len(below) == len(compared)
      else f"{len(below)} of {len(compared)}" + (f" ({', '.join(below)})" if below else ""))
    goals.append(
      f"- below PyTorch: {detail} — {verdict(len(below) == len(compared))}")
  missing = [
    f"{prefix}.{operation}{size}" for operation, _ in OPERATIONS
    if medians[operation][0] is None or medians[operation][1] is None]
  lines += ["", "Goals:", ""] + goals
  if missing:
    lines += ["", "Missing from the raw output: " + ", ".join(f"`{m}`" for m in missing) + "."]
  return lines


def spread_section(descent, pytorch):
  lines = [
    "### Spread",
    "",
    "Fastest and slowest call of each, in the same run as the medians above.",
    "",
    "| benchmark | Descent calls | Descent min – max | PyTorch calls | PyTorch min – max |",
    "|---|--:|--:|--:|--:|",
  ]
  for _, prefix, size in CASES:
    for operation, _ in OPERATIONS:
      name = f"{prefix}.{operation}{size}"
      ours = descent.get(name)
      theirs = pytorch["results"].get(name)
      lines.append(
        f"| `{name}` | {ours['samples'] if ours else '—'} | {span(ours)} "
        f"| {theirs['repetitions'] if theirs else '—'} | {span(theirs)} |")
  return lines


def read_pytorch_optimizers(directory):
  """The optimizer-step reference, or None when the file is missing."""
  path = directory / "pytorch-optimizers.json"
  if not path.exists():
    return None
  return json.loads(path.read_text())


def thread_suffix(threads):
  return "/1thread" if threads == 1 else f"/{threads}threads"


def per_element_ns(result, size=STEP_SIZE):
  """Median nanoseconds per element of a result in milliseconds per call."""
  return None if result is None else result["median_ms"] * 1e6 / size


def nanoseconds(value):
  return "—" if value is None else f"{value:.2f} ns"


def fastest_pytorch(reference, rule, threads):
  """(result, implementation) of torch's fastest implementation of a rule, or (None, None)."""
  if reference is None:
    return None, None
  prefix = f"{rule}.step/{STEP_SIZE}{thread_suffix(threads)}/"
  candidates = [
    (result["median_ms"], name[len(prefix):], result)
    for name, result in reference["results"].items() if name.startswith(prefix)]
  if not candidates:
    return None, None
  _, implementation, result = min(candidates)
  return result, implementation


def bandwidth_table(descent):
  lines = [
    "### Memory bandwidth",
    "",
    f"Vectors of {STEP_SIZE:,} Doubles (80 MB each); bytes counted as STREAM counts them.",
    "",
    "| kernel | bytes per element | 1 thread | GB/s | 2 threads | GB/s |",
    "|---|--:|--:|--:|--:|--:|",
  ]
  for operation, size_bytes, formula in BANDWIDTH_KERNELS:
    cells = []
    for threads in STEP_THREADS:
      name = f"Bandwidth.{operation}/{STEP_SIZE}{thread_suffix(threads)}"
      ns = per_element_ns(descent.get(name))
      cells += [nanoseconds(ns), "—" if ns is None else f"{size_bytes / ns:.1f}"]
    lines.append(f"| `{operation}`: {formula} | {size_bytes} | " + " | ".join(cells) + " |")
  return lines


def step_section(descent, reference):
  lines = [
    f"## Optimizer step, {STEP_SIZE:,} parameters",
    "",
    "One `update` of each rule with its defaults (momentum 0.9 for “SGD, momentum”) on one",
    f"vector of {STEP_SIZE:,} float64 parameters, against one `opt.step()` of the same",
    "`torch.optim` optimizer on one tensor of the same size; `Parallelism.threads` and",
    "`torch.set_num_threads` set to 1, then 2. Times are nanoseconds per parameter (median",
    "time of one step over the parameter count).",
    "",
  ]
  lines += bandwidth_table(descent) + [""]
  lines += [
    "### Steps",
    "",
    "*Bound*: the bytes the step must move per parameter over the triad's bytes per",
    "nanosecond with the same thread count. *Floor*: the `readModifyWrite` kernel with the",
    "same streams and almost no arithmetic. *PyTorch*: its fastest implementation.",
    "",
    "| rule | threads | bytes per parameter | Descent | bound | Descent / bound "
    "| floor | Descent / floor | PyTorch | PyTorch implementation | Descent / PyTorch "
    "| goals |",
    "|---|--:|---|--:|--:|--:|--:|--:|--:|---|--:|---|",
  ]
  missed = []
  compared = 0
  skipped = (reference or {}).get("skipped", {})
  for rule, label, size_bytes, streams, floor_kernel in STEP_RULES:
    for threads in STEP_THREADS:
      suffix = f"/{STEP_SIZE}{thread_suffix(threads)}"
      ours = per_element_ns(descent.get(f"{rule}.step{suffix}"))
      triad = per_element_ns(descent.get(f"Bandwidth.triad{suffix}"))
      bound = triad * size_bytes / 24 if triad is not None else None
      floor = per_element_ns(descent.get(f"Bandwidth.{floor_kernel}{suffix}"))
      theirs_result, implementation = fastest_pytorch(reference, rule, threads)
      theirs = per_element_ns(theirs_result)
      to_bound = ours / bound if ours is not None and bound else None
      to_floor = ours / floor if ours is not None and floor else None
      to_torch = ours / theirs if ours is not None and theirs else None
      verdicts = []
      if to_bound is not None:
        met = to_bound <= STEP_BOUND_GOAL
        verdicts.append(f"bound {'met' if met else '**not met**'}")
        if not met:
          missed.append(f"{label}, {threads} thread{'s' if threads > 1 else ''}: "
                        f"{to_bound:.2f} × the bound")
      if to_torch is not None:
        compared += 1
        met = to_torch < 1
        verdicts.append(f"PyTorch {'met' if met else '**not met**'}")
        if not met:
          missed.append(f"{label}, {threads} thread{'s' if threads > 1 else ''}: "
                        f"{to_torch:.2f} × PyTorch ({implementation})")
      lines.append(
        f"| {label} | {threads} | {size_bytes} ({streams}) | {nanoseconds(ours)} "
        f"| {nanoseconds(bound)} | {times(to_bound)} | {nanoseconds(floor)} | {times(to_floor)} "
        f"| {nanoseconds(theirs)} | {implementation or '—'} | {times(to_torch)} "
        f"| {', '.join(verdicts) or '—'} |")
  lines += [
    "",
    "Goals: every step within "
    f"{STEP_BOUND_GOAL:g} × its bound, and faster than PyTorch's fastest implementation.",
    "",
  ]
  if missed:
    lines += ["Not met:", ""] + [f"- {item}" for item in missed]
  elif compared:
    lines += ["All met."]
  else:
    lines += ["No PyTorch reference in the raw output (pytorch-optimizers.json)."]
  if skipped:
    refused = sorted({
      (name.split(".")[0], name.rsplit("/", 1)[-1], message)
      for name, message in skipped.items()})
    lines += ["", "Implementations torch refused for a CPU float64 tensor:", ""]
    lines += [f"- {rule} `{implementation}`: {message}" for rule, implementation, message
              in refused]
  lines += ["", "### Every PyTorch implementation", ""]
  lines += torch_implementations_table(reference)
  lines += ["", "### Spread", "", "Fastest and slowest call of each step, in the same run.", ""]
  lines += [
    "| benchmark | Descent calls | Descent min – max | PyTorch (fastest) min – max |",
    "|---|--:|--:|--:|",
  ]
  for rule, *_ in STEP_RULES:
    for threads in STEP_THREADS:
      name = f"{rule}.step/{STEP_SIZE}{thread_suffix(threads)}"
      ours = descent.get(name)
      theirs, _ = fastest_pytorch(reference, rule, threads)
      lines.append(
        f"| `{name}` | {ours['samples'] if ours else '—'} | {span(ours)} | {span(theirs)} |")
  return lines


def torch_implementations_table(reference):
  if reference is None:
    return ["—"]
  implementations = ["forloop", "foreach", "fused"]
  lines = [
    "Nanoseconds per parameter; — where torch refused the implementation.",
    "",
    "| rule | threads | " + " | ".join(f"`{i}`" for i in implementations) + " |",
    "|---|--:|" + "--:|" * len(implementations),
  ]
  for rule, label, *_ in STEP_RULES:
    for threads in STEP_THREADS:
      prefix = f"{rule}.step/{STEP_SIZE}{thread_suffix(threads)}/"
      cells = [
        nanoseconds(per_element_ns(reference["results"].get(prefix + implementation)))
        for implementation in implementations]
      lines.append(f"| {label} | {threads} | " + " | ".join(cells) + " |")
  return lines


# Training throughput and network Hessian (issue 5).
TRAINING_SAMPLES = 12_800
TRAINING_LABEL = "/784-256-256-10x128"
TRAINING_GOALS = {1: 30_000, 2: 50_000}  # samples per second, per thread count
HESSIAN_LABEL = "/8-32-20-4x64"
HESSIAN_GOAL_MS = 300  # full Hessian plus eigenvalues


def read_pytorch_training(directory):
  """The training reference, or None when the file is missing."""
  path = directory / "pytorch-training.json"
  if not path.exists():
    return None
  return json.loads(path.read_text())


def samples_per_second(value):
  return "—" if value is None else f"{value:,.0f}"


def training_section(descent, reference):
  results = (reference or {}).get("results", {})
  lines = [
    "## Training throughput and network Hessian (issue 5)",
    "",
    "One epoch of a 784-256-256-10 ReLU network with cross-entropy, trained with Adam",
    f"(lr 1e-3) on {TRAINING_SAMPLES:,} standard normal inputs with random labels, batch 128",
    "(100 updates: batch gather, forward, backward, update, after one shuffle): Descent's",
    "`Trainer` against a `torch.optim.Adam` loop (`Scripts/references/bench_torch_training.py`).",
    f"Samples per second = {TRAINING_SAMPLES:,} / the median epoch time.",
    "",
    "| threads | Descent epoch | Descent samples/s | PyTorch samples/s "
    "| Descent / PyTorch (throughput) | goal | |",
    "|--:|--:|--:|--:|--:|--:|---|",
  ]
  goals = []
  for threads, goal in TRAINING_GOALS.items():
    ours = descent.get(f"Training.epoch{TRAINING_LABEL}{thread_suffix(threads)}")
    ours_rate = TRAINING_SAMPLES * 1000 / ours["median_ms"] if ours else None
    theirs = results.get(f"Training.samplesPerSecond{TRAINING_LABEL}/threads{threads}")
    theirs_rate = theirs["median"] if theirs else None
    ratio = ours_rate / theirs_rate if ours_rate and theirs_rate else None
    met = None if ours_rate is None else ours_rate >= goal
    lines.append(
      f"| {threads} | {milliseconds(ours['median_ms'] if ours else None)} "
      f"| {samples_per_second(ours_rate)} | {samples_per_second(theirs_rate)} | {times(ratio)} "
      f"| ≥ {goal:,} | {'—' if met is None else verdict(met)} |")
  full = descent.get(f"Hessian.full{HESSIAN_LABEL}")
  eigen = descent.get(f"Hessian.eigenvalues{HESSIAN_LABEL}")
  torch_full = results.get(f"Hessian.full{HESSIAN_LABEL}")
  torch_eigen = results.get(f"Hessian.eigenvalues{HESSIAN_LABEL}")
  parameters = (reference or {}).get("hessianParameters", 1032)
  lines += [
    "",
    f"The full Hessian ({parameters:,} × {parameters:,}) of a tanh network 8-32-20-4 with MSE on",
    "64 rows, as a function of the flat parameters, and its eigenvalues (dsyevd in Descent,",
    "`torch.linalg.eigvalsh` in PyTorch, whose Hessian is `torch.autograd.functional.hessian`);",
    "2 threads, median of each timed separately.",
    "",
    "| | Descent | PyTorch | Descent / PyTorch (time) |",
    "|---|--:|--:|--:|",
  ]
  total = total_torch = 0.0
  for label, ours, theirs in [
    ("full Hessian", full, torch_full), ("eigenvalues", eigen, torch_eigen)]:
    ours_ms = ours["median_ms"] if ours else None
    theirs_ms = theirs["median"] if theirs else None
    total = None if total is None or ours_ms is None else total + ours_ms
    total_torch = None if total_torch is None or theirs_ms is None else total_torch + theirs_ms
    ratio = ours_ms / theirs_ms if ours_ms and theirs_ms else None
    lines.append(
      f"| {label} | {milliseconds(ours_ms)} | {milliseconds(theirs_ms)} | {times(ratio)} |")
  ratio = total / total_torch if total and total_torch else None
  lines.append(
    f"| **both** | {milliseconds(total)} | {milliseconds(total_torch)} | {times(ratio)} |")
  serial = descent.get(f"Hessian.full{HESSIAN_LABEL}{thread_suffix(1)}")
  if serial:
    lines += [
      "",
      f"The full Hessian on 1 thread (its backward passes one after the other): "
      f"{milliseconds(serial['median_ms'])}"
      + (f", {serial['median_ms'] / full['median_ms']:.2f}× the 2-thread time." if full else "."),
    ]
  lines += [
    "",
    "Goals: ≥ 30,000 samples/s on 1 thread and ≥ 50,000 on 2 (above); the Hessian plus",
    f"its eigenvalues ≤ {HESSIAN_GOAL_MS} ms: {milliseconds(total)} — "
    + ("—" if total is None else verdict(total <= HESSIAN_GOAL_MS)) + ".",
  ]
  if reference is None:
    lines += ["", "No PyTorch reference in the raw output (pytorch-training.json)."]
  return lines


def page(directory):
  descent = read_descent(directory)
  pytorch = read_pytorch(directory)
  threads = descent_threads()
  lines = [
    "# Benchmarks",
    "",
    "<!-- Generated by `make bench` (Scripts/benchmarks_table.py) from the raw output of one",
    "     run: do not edit by hand. -->",
    "",
    "Descent against PyTorch on the same machine, in the same run, in float64 on the CPU.",
    "Times are medians of the wall-clock time of one call.",
    "",
    "## Machine",
    "",
    "| | |",
    "|---|---|",
    f"| CPU | {cpu_model(pytorch)} |",
    f"| cores | {os.cpu_count()} |",
    f"| date | {pytorch.get('date', 'unknown')} |",
    f"| threads | Descent {threads} (`Parallelism.threads`), "
    f"PyTorch {pytorch.get('threads', 'unknown')} (`torch.set_num_threads`) |",
    f"| Swift | {swift_version(directory)} (release build) |",
    f"| PyTorch | {pytorch.get('version', 'unknown')} |",
    f"| Descent's BLAS | OpenBLAS, kernels {openblas_core(directory)} "
    "(`OPENBLAS_CORETYPE`, see Scripts/openblas_coretype.py) |",
    "",
    "## Results",
    "",
    "“× function” is the time of the operation divided by the time of the function alone,",
    "each library against its own function: Descent's `value(of:at:)` (evaluation on",
    "constants, nothing recorded) and PyTorch's forward pass under `torch.no_grad()`.",
    "",
  ]
  for title, prefix, size in CASES:
    lines += case_section(title, prefix, size, descent, pytorch) + [""]
  lines += spread_section(descent, pytorch) + [""]
  if any(name.startswith("Bandwidth.") or ".step/" in name for name in descent):
    lines += step_section(descent, read_pytorch_optimizers(directory)) + [""]
  if any(name.startswith(("Training.", "Hessian.")) for name in descent):
    lines += training_section(descent, read_pytorch_training(directory)) + [""]
  mgh = directory / "mgh.md"
  if mgh.is_file():
    lines += [
      "### Moré–Garbow–Hillstrom problems (issue 4)",
      "",
      "The 43 instances of the MGH set from their standard starts, each method of",
      "`descent minimize --suite mgh` at its defaults against SciPy's (committed figures of",
      "`Scripts/references/mgh_scipy.py`, `Tests/DescentTests/Fixtures/mgh_scipy.json`), in",
      "the same run, written by `Scripts/mgh_table.py`. Solved counts and evaluations do not",
      "depend on the load. Descent's default gradient tolerance (1e-8, Optim.jl's) is 1000×",
      "tighter than SciPy's BFGS default (1e-5): the second table runs Descent at SciPy's.",
      "",
      mgh.read_text().rstrip(),
      "",
    ]
  lines += [
    "## Method",
    "",
    "Descent is measured by the nested package `Benchmarks/` with ordo-one/benchmark",
    "(release build, 3 warm-up calls, then up to 50 calls or 5 s per benchmark, each call",
    "timed alone; malloc counts from the benchmark package's interposer). PyTorch is measured",
    "by `Scripts/references/bench_torch.py` (10 warm-up calls, then 30 calls each timed alone",
    "with `time.perf_counter`, the garbage collector paused). Both build the point, the data",
    "and the direction outside the timed region and the derivative graph inside it; both",
    "differentiate the MLP with respect to all 203,530 parameters as one flat vector.",
    "The Hessian-vector product is exact in both: the gradient of ⟨∇f, v⟩ by a second",
    "reverse pass over the recorded first one. Inputs have the same sizes and distributions",
    "but come from different seeded generators.",
    "",
    "Medians are reported because the machine is shared: its memory bandwidth drifts by up",
    "to a third with the host's load (29–39 GB/s on one core was seen on this project's",
    "machines), which moves the memory-bound Rosenbrock cases most. For that reason the two",
    "libraries are measured one after the other in the same `make bench` run, and figures",
    "from different runs should not be compared; the ratios to the function's own time,",
    "taken within one library and one run, are the steadier figures. The malloc counts do not",
    "depend on the load at all.",
    "",
    "The optimizer steps and the bandwidth kernels are measured by the same package (each",
    "rule on fresh vectors carried through 3 untimed updates, then 3 warm-up calls and up to",
    "40 calls or 5 s), PyTorch's by `Scripts/references/bench_torch_optimizers.py` (a fresh",
    "optimizer per case, 5 warm-up steps, then 20 steps each timed alone). A step's bound",
    "counts 8 bytes for each vector it reads and for each it writes, and divides by the",
    "triad's bandwidth counted the same way. It is a yardstick rather than a hard limit: the",
    "triad overwrites lines it has not read, which the cache fetches first (32 bytes move for",
    "24 counted), while a step writes only lines it has just read; and one core of a virtual",
    "machine is limited by the cache misses it keeps in flight more than by the memory bus,",
    "so more streams can move more bytes per nanosecond. A step can therefore run below its",
    "bound. The floor, the same streams with almost no arithmetic, is the tighter reference:",
    "a step well above its floor spends its time on arithmetic, not on memory.",
    "",
    "## Regenerating",
    "",
    "```sh",
    "make bench",
    "```",
    "",
    "runs the Descent benchmarks (`cd Benchmarks && swift package --disable-sandbox benchmark",
    "--format jmh`), then the PyTorch references (`bench_torch.py` and",
    "`bench_torch_optimizers.py`, with `/opt/torchenv/bin/python` by default: set",
    "`TORCH_PYTHON` to another interpreter with PyTorch), writing the raw output to",
    "`.build-bench-raw/`, and rewrites this page from it with `Scripts/benchmarks_table.py`.",
    "The first run builds the benchmark package (a few minutes). `make mgh-bench` rewrites",
    "only the MGH tables (`.build-bench-raw/mgh.md`) and this page, in seconds.",
  ]
  return "\n".join(lines) + "\n"


def main():
  if len(sys.argv) != 2:
    fail("usage: python3 Scripts/benchmarks_table.py RAW_DIRECTORY")
  directory = Path(sys.argv[1])
  if not directory.is_dir():
    fail(f"{directory} is not a directory")
  sys.stdout.write(page(directory))


if __name__ == "__main__":
  main()
