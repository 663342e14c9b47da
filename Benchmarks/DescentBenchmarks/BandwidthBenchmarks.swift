import Benchmark
import Dispatch

/// This machine's memory bandwidth, measured in the same run as the optimizer steps it
/// bounds (the VM's bandwidth drifts by a third with the host's load).
///
/// Plain loops over raw pointers on vectors of 10⁷ Doubles (80 MB each), with bytes counted
/// as STREAM counts them (8 per element read, 8 per element written):
///
/// - `Bandwidth.copy`: b = a, 16 bytes an element;
/// - `Bandwidth.triad`: a = b + s·c, 24 bytes, STREAM's triad. Its bandwidth gives each
///   optimizer step's bound in `docs/benchmarks.md`: the step's bytes over the triad's bytes
///   per nanosecond.
/// - `Bandwidth.readModifyWrite1`, `2`, `3`: xₖ ← xₖ + s·a for k = 1…K, that is one
///   read-only vector and K updated in place, 8 + 16K bytes: 24, 40 and 56, the traffic of
///   plain SGD; of SGD with momentum, AdaGrad and RMSProp; and of Adam. The same streams as
///   the step with almost no arithmetic: what the step would take if its arithmetic were
///   free. (Unlike the triad, such a loop writes only lines it has just read, so the cache
///   does not fetch a line before overwriting it; on a core whose bandwidth is limited by
///   how many misses it keeps in flight, more streams can also mean more bandwidth.)
///
/// With 1 thread, and with 2 through `DispatchQueue.concurrentPerform` on two contiguous
/// halves, the way `Parallelism` splits Descent's loops.
func registerBandwidthBenchmarks() {
  let n = OptimizerStep.parameterCount
  for threads in OptimizerStep.threadCounts {
    let suffix = "/\(n)" + OptimizerStep.threadSuffix(threads)
    registerBandwidth("copy" + suffix, threads: threads) { f, range in
      let (a, b) = (f.a, f.b)
      for i in range { b[i] = a[i] }
    }
    registerBandwidth("triad" + suffix, threads: threads) { f, range in
      let (a, b, c, s) = (f.a, f.b, f.c, BandwidthFixture.scale)
      for i in range { a[i] = b[i] + s * c[i] }
    }
    registerBandwidth("readModifyWrite1" + suffix, threads: threads) { f, range in
      let (a, x, s) = (f.a, f.b, BandwidthFixture.scale)
      for i in range { x[i] += s * a[i] }
    }
    registerBandwidth("readModifyWrite2" + suffix, threads: threads) { f, range in
      let (a, x, y, s) = (f.a, f.b, f.c, BandwidthFixture.scale)
      for i in range {
        let ai = a[i]
        x[i] += s * ai
        y[i] += s * ai
      }
    }
    registerBandwidth("readModifyWrite3" + suffix, threads: threads) { f, range in
      let (a, x, y, z, s) = (f.a, f.b, f.c, f.d, BandwidthFixture.scale)
      for i in range {
        let ai = a[i]
        x[i] += s * ai
        y[i] += s * ai
        z[i] += s * ai
      }
    }
  }
}

/// Four vectors of `count` Doubles, allocated and written (so that every page is mapped)
/// before timing.
private final class BandwidthFixture {
  typealias Pointer = UnsafeMutablePointer<Double>
  /// The s of the kernels: a variable, so that the compiler cannot fold it. Small, so that
  /// repeated updates stay near their starting values.
  nonisolated(unsafe) static var scale = 1e-3

  let a: Pointer
  let b: Pointer
  let c: Pointer
  let d: Pointer
  let count: Int

  init(count: Int) {
    self.count = count
    a = Pointer.allocate(capacity: count)
    b = Pointer.allocate(capacity: count)
    c = Pointer.allocate(capacity: count)
    d = Pointer.allocate(capacity: count)
    a.initialize(repeating: 1, count: count)
    b.initialize(repeating: 2, count: count)
    c.initialize(repeating: 0.5, count: count)
    d.initialize(repeating: 0.25, count: count)
  }

  deinit {
    a.deallocate()
    b.deallocate()
    c.deallocate()
    d.deallocate()
  }

  /// Runs `kernel` over `0..<count`, split into `threads` contiguous chunks.
  @inline(__always)
  func run(threads: Int, _ kernel: (BandwidthFixture, Range<Int>) -> Void) {
    if threads == 1 {
      kernel(self, 0..<count)
      return
    }
    withoutActuallyEscaping(kernel) { kernel in
      nonisolated(unsafe) let kernel = kernel
      nonisolated(unsafe) let fixture = self
      DispatchQueue.concurrentPerform(iterations: threads) { i in
        kernel(fixture, (fixture.count * i / threads)..<(fixture.count * (i + 1) / threads))
      }
    }
  }
}

/// Registers `Bandwidth.<name>` running `kernel` on `threads` threads.
private func registerBandwidth(
  _ name: String, threads: Int,
  _ kernel: @escaping (BandwidthFixture, Range<Int>) -> Void
) {
  let n = OptimizerStep.parameterCount
  nonisolated(unsafe) var fixture: BandwidthFixture?
  Benchmark(
    "Bandwidth." + name,
    configuration: OptimizerStep.configuration,
    closure: { benchmark in
      guard let fixture else { return benchmark.error("no fixture: the setup did not run") }
      for _ in benchmark.scaledIterations {
        fixture.run(threads: threads, kernel)
      }
      blackHole(fixture.a[n / 2] + fixture.b[n / 2])
    },
    setup: { fixture = BandwidthFixture(count: n) },
    teardown: { fixture = nil })
}
