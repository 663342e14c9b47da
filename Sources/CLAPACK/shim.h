// The one native dependency: OpenBLAS (CBLAS) and LAPACKE.
// Debian: libopenblas-dev liblapacke-dev. macOS (Homebrew): openblas, with
// PKG_CONFIG_PATH pointing at its keg (see the Makefile's `deps`).
#include <cblas.h>
#include <lapacke.h>
