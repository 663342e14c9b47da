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
- `swift-version.txt` (optional): the output of `swift --version`; without it the script
  asks the `swift` on the PATH.

Every figure in the page comes from these files: nothing is typed in by hand. The page
gives, per case, the median wall time of Descent and PyTorch, their ratio, and the cost of
the gradient and of the Hessian-vector product in units of the function (its value alone,
by each library's fastest path), with the goals marked met or not met:

- gradient ≤ 3 × function,
- Hessian-vector product ≤ 6 × function,
- every Descent median below PyTorch's.

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
    "## Regenerating",
    "",
    "```sh",
    "make bench",
    "```",
    "",
    "runs the Descent benchmarks (`cd Benchmarks && swift package --disable-sandbox benchmark",
    "--format jmh`), then the PyTorch reference (`/opt/torchenv/bin/python` by default: set",
    "`TORCH_PYTHON` to another interpreter with PyTorch), writing the raw output to",
    "`.build-bench-raw/`, and rewrites this page from it with `Scripts/benchmarks_table.py`.",
    "The first run builds the benchmark package (a few minutes).",
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
