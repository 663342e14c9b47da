"""Print the OPENBLAS_CORETYPE this machine should use, or nothing.

OpenBLAS chooses its kernels when it loads; builds older than the CPU (Debian 12's 0.3.21 on
recent Xeons) fall back to the generic `Prescott` kernel, about 5x slower for dgemm. This
script asks the installed OpenBLAS which kernel it picked and, when that is a generic one
while /proc/cpuinfo shows AVX-512 or AVX2, prints `SkylakeX` or `Haswell`. It prints
nothing when OPENBLAS_CORETYPE is already set or the detection is fine. The same rule lives
in Descent's `BLASBackend.recommendedCoreType()`, which the `descent` command applies to
itself; `make bench` uses this script because the benchmark harness starts its own processes.
"""
import ctypes
import ctypes.util
import glob
import os

GENERIC = {"Prescott", "Katmai", "Coppermine", "Northwood", "Banias", "Core2", "Penryn",
           "Dunnington", "Nehalem", "Atom", "Unknown", "unknown"}


def main():
  if os.environ.get("OPENBLAS_CORETYPE"):
    return
  candidates = glob.glob("/usr/lib/*/openblas-pthread/libopenblas.so*") + [
      ctypes.util.find_library("openblas") or ""]
  lib = next((c for c in candidates if c), None)
  if lib is None:
    return
  blas = ctypes.CDLL(lib)
  blas.openblas_get_corename.restype = ctypes.c_char_p
  if blas.openblas_get_corename().decode() not in GENERIC:
    return
  try:
    flags = next(line for line in open("/proc/cpuinfo") if line.startswith("flags"))
  except (OSError, StopIteration):
    return
  flags = set(flags.split(":", 1)[1].split())
  if {"avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"} <= flags:
    print("SkylakeX")
  elif {"avx2", "fma"} <= flags:
    print("Haswell")


if __name__ == "__main__":
  main()
