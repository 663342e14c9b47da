# Descent — set-up, tour, tests, benchmarks.
#
#   make tour    installs the native dependency if missing, builds (release), runs the main job:
#                `descent tour`, the lecture from real runs, into $(TOUR_OUT)/index.html
#   make test    installs the native dependency if missing, runs every test, then the browser
#                check: the release `descent tour` into a temporary folder, loaded in headless
#                Chromium (installed with apt-get when missing) by Scripts/check_tour.sh
#   make fuzz    builds the libFuzzer targets (Fuzz/, Scripts/fuzz.sh), runs each for
#                $(FUZZ_SECONDS) s on its committed corpus, and rewrites docs/reliability.md from
#                libFuzzer's final statistics (make test replays the corpora without the sanitizer)
#   make bench   runs the benchmarks (nested package Benchmarks/) and the PyTorch references,
#                and rewrites docs/benchmarks.md from their raw output

SWIFT ?= swift
UNAME := $(shell uname -s)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TOUR_OUT ?= descent-out/tour
TORCH_PYTHON ?= /opt/torchenv/bin/python

.PHONY: deps tour test browser-check screenshot bench mgh-raw mgh-bench build clean fuzz

# OpenBLAS + LAPACKE: Debian's libopenblas-dev has no LAPACKE, so both pkg-config names
# are checked and both packages installed (after apt-get update, which a fresh machine needs).
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists openblas && pkg-config --exists lapacke; then \
	  exit 0; \
	elif [ "$(UNAME)" = Darwin ]; then \
	  echo "Descent needs OpenBLAS with LAPACKE. On macOS run:"; \
	  echo "  brew install openblas pkg-config"; \
	  echo "  export PKG_CONFIG_PATH=\"\$$(brew --prefix openblas)/lib/pkgconfig:\$$PKG_CONFIG_PATH\""; \
	  echo "then run make again."; \
	  exit 1; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing OpenBLAS and LAPACKE (libopenblas-dev liblapacke-dev pkg-config)…"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libopenblas-dev liblapacke-dev pkg-config >/dev/null && \
	  pkg-config --exists openblas && pkg-config --exists lapacke; \
	else \
	  echo "Descent needs OpenBLAS and LAPACKE with pkg-config files (openblas.pc, lapacke.pc);"; \
	  echo "install them with your system's package manager."; \
	  exit 1; \
	fi

build: deps
	$(SWIFT) build -c release --product descent

tour: build
	.build/release/descent tour --out $(TOUR_OUT)

test: deps
	$(SWIFT) test
	$(MAKE) browser-check

# The tour in release mode (debug runs numeric loops 5–10× slower), then the page in a browser.
browser-check: build
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	  .build/release/descent tour --out "$$dir" && \
	  Scripts/check_tour.sh "$$dir"

# Rewrites docs/tour.png, the screenshot of the tour's first chapter.
screenshot: build
	@dir=$$(mktemp -d) && trap 'rm -rf "$$dir"' EXIT && \
	  .build/release/descent tour --out "$$dir" && \
	  Scripts/check_tour.sh "$$dir" docs/tour.png

bench: deps
	mkdir -p .build-bench-raw docs
	rm -f .build-bench-raw/*.jmh.json .build-bench-raw/pytorch.json .build-bench-raw/pytorch-optimizers.json
	$(SWIFT) --version > .build-bench-raw/swift-version.txt 2>&1
	cd Benchmarks && core="$${OPENBLAS_CORETYPE:-$$(python3 ../Scripts/openblas_coretype.py)}" && \
	  echo "OpenBLAS kernels: $${core:-as detected}" > ../.build-bench-raw/openblas-core.txt && \
	  OPENBLAS_CORETYPE="$$core" $(SWIFT) package --disable-sandbox benchmark --format jmh --path ../.build-bench-raw --no-progress
	$(TORCH_PYTHON) Scripts/references/bench_torch.py --threads 2 --repetitions 3 --warmup 1 > /dev/null
	$(TORCH_PYTHON) Scripts/references/bench_torch.py --threads 2 > .build-bench-raw/pytorch.json
	$(TORCH_PYTHON) Scripts/references/bench_torch_optimizers.py --threads 1,2 > .build-bench-raw/pytorch-optimizers.json
	$(TORCH_PYTHON) Scripts/references/bench_torch_training.py > .build-bench-raw/pytorch-training.json
	$(MAKE) --no-print-directory mgh-raw
	python3 Scripts/benchmarks_table.py .build-bench-raw > .build-bench-raw/benchmarks.md
	mv .build-bench-raw/benchmarks.md docs/benchmarks.md
	@echo "wrote docs/benchmarks.md"

# The MGH suite (issue 4): Descent's methods at its defaults and at SciPy's gtol, against the
# committed SciPy figures; seconds in release.
MGH_METHODS ?= lbfgs,bfgs,newton-tr,newton-cg,lm,cg
mgh-raw: build
	mkdir -p .build-bench-raw
	.build/release/descent minimize --suite mgh --method $(MGH_METHODS) --format json > .build-bench-raw/mgh.json
	.build/release/descent minimize --suite mgh --method $(MGH_METHODS) --gtol 1e-5 --format json > .build-bench-raw/mgh-gtol-1e-5.json
	{ python3 Scripts/mgh_table.py .build-bench-raw/mgh.json Tests/DescentTests/Fixtures/mgh_scipy.json; \
	  echo; echo "At SciPy's gradient tolerance, \`--gtol 1e-5\`:"; echo; \
	  python3 Scripts/mgh_table.py .build-bench-raw/mgh-gtol-1e-5.json Tests/DescentTests/Fixtures/mgh_scipy.json --summary; \
	} > .build-bench-raw/mgh.md

mgh-bench: mgh-raw
	python3 Scripts/benchmarks_table.py .build-bench-raw > .build-bench-raw/benchmarks.md
	mv .build-bench-raw/benchmarks.md docs/benchmarks.md
	@echo "wrote docs/benchmarks.md"

# Fuzzing (issue 7): every target for FUZZ_SECONDS, FUZZ_JOBS at a time, one core each.
FUZZ_SECONDS ?= 120
FUZZ_JOBS ?= 2
fuzz: deps
	Scripts/fuzz.sh build
	FUZZ_JOBS=$(FUZZ_JOBS) Scripts/fuzz.sh run $(FUZZ_SECONDS)
	mkdir -p docs
	python3 Scripts/reliability_table.py .build-fuzz > .build-fuzz/reliability.md
	mv .build-fuzz/reliability.md docs/reliability.md
	@echo "wrote docs/reliability.md"

clean:
	rm -rf .build .build-bench-raw .build-fuzz Benchmarks/.build
