import CLAPACK
import Dispatch
import Foundation

/// How many threads Descent's elementwise loops and OpenBLAS may use.
///
/// The default is every core the system reports. Loops over fewer than
/// ``minimumElementsPerThread`` elements per thread stay on the calling thread, where
/// dispatching would cost more than it saves.
public enum Parallelism {
  nonisolated(unsafe) private static var _threads = System.coreCount

  /// The number of threads used by elementwise loops and by BLAS. Setting it also calls
  /// `openblas_set_num_threads`. Must be at least 1.
  public static var threads: Int {
    get { _threads }
    set {
      precondition(newValue >= 1, "thread count must be at least 1, got \(newValue)")
      _threads = newValue
      openblas_set_num_threads(Int32(newValue))
    }
  }

  /// Below this many elements per thread a loop of costly work (exp, log, sin, …, a few
  /// nanoseconds an element) runs on one thread.
  public static let minimumElementsPerThread = 1 << 16

  /// The same threshold for plain arithmetic (+ − × ÷, accumulation): such loops are bound
  /// by memory bandwidth, which a second core on this project's machines did not raise —
  /// measured on 10⁶ doubles, two threads took as long or longer (and far longer when the
  /// other core was busy). They split only beyond 2²² elements per thread.
  public static let arithmeticMinimumElementsPerThread = 1 << 22

  /// Runs `body` over `0..<count` split into contiguous chunks, one per thread.
  @inline(__always)
  internal static func forEachChunk(
    _ count: Int, minimumPerThread: Int = minimumElementsPerThread, _ body: (Range<Int>) -> Void
  ) {
    let t = min(threads, count / minimumPerThread)
    if t <= 1 {
      body(0..<count)
      return
    }
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let run = body
      DispatchQueue.concurrentPerform(iterations: t) { i in
        let lo = count * i / t
        let hi = count * (i + 1) / t
        run(lo..<hi)
      }
    }
  }
}

enum System {
  static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
