import Foundation
import Synchronization
import Testing

@testable import Descent

extension LinearAlgebraTests {
  /// ``Parallelism``: results must not depend on the thread count.
  ///
  /// Serialized because the tests change the process-wide ``Parallelism/threads``; each
  /// restores it before returning.
  @Suite(.serialized) struct ParallelismTests {
    /// Just over 2¹⁷ elements: two chunks of at least ``Parallelism/minimumElementsPerThread``
    /// each, so two threads really split the loop; odd so the chunks differ in length.
    static let largeCount = (1 << 17) + 3

    /// Runs `body` with `threads` threads, restoring the previous setting afterwards.
    static func withThreads<R>(_ threads: Int, _ body: () throws -> R) rethrows -> R {
      let saved = Parallelism.threads
      defer { Parallelism.threads = saved }
      Parallelism.threads = threads
      return try body()
    }
  }
}

extension LinearAlgebraTests.ParallelismTests {
  @Test func mapIsIdenticalOnOneAndTwoThreads() {
    var generator = SeededGenerator(seed: 17)
    let x = Tensor.randomNormal([Self.largeCount], using: &generator)
    let transform: (Double) -> Double = { ($0 * $0 + 1).squareRoot() * Foundation.sin($0) }
    let one = Self.withThreads(1) { x.map(costly: true, transform) }
    let two = Self.withThreads(2) { x.map(costly: true, transform) }
    // Each element is computed by the same code whichever thread runs it: identical bits.
    #expect(one.scalars == two.scalars)
    #expect(one.scalars == x.scalars.map(transform))
  }

  @Test func elementwiseArithmeticIsIdenticalOnOneAndTwoThreads() throws {
    // Arithmetic splits only beyond 2²² elements per thread: just over twice that, so two
    // threads really split it.
    let count = 2 * Parallelism.arithmeticMinimumElementsPerThread + 3
    var generator = SeededGenerator(seed: 18)
    let a = Tensor.randomUniform([count], in: -1...1, using: &generator)
    let b = Tensor.randomUniform([count], in: -1...1, using: &generator)
    func compute() throws -> [Double] {
      var y = try a * b
      y.addScaledProduct(a, b, scale: 0.5)
      return y.scalars
    }
    let one = try Self.withThreads(1) { try compute() }
    let two = try Self.withThreads(2) { try compute() }
    #expect(one == two)
  }

  @Test func settingThreadsIsRestored() {
    let before = Parallelism.threads
    Self.withThreads(before + 1) { #expect(Parallelism.threads == before + 1) }
    #expect(Parallelism.threads == before)
  }

  @Test(arguments: [1, 2, 3])
  func chunksCoverTheRangeOnceInOrder(threads: Int) {
    let count = Self.largeCount
    let seen = Mutex<[Range<Int>]>([])
    Self.withThreads(threads) {
      Parallelism.forEachChunk(count) { r in seen.withLock { $0.append(r) } }
    }
    let chunks = seen.withLock { $0 }.sorted { $0.lowerBound < $1.lowerBound }
    // min(threads, count / 2¹⁶) chunks: 2¹⁷ + 3 elements allow at most two.
    #expect(chunks.count == min(threads, count / Parallelism.minimumElementsPerThread))
    #expect(chunks.first?.lowerBound == 0)
    #expect(chunks.last?.upperBound == count)
    #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
  }

  @Test func smallLoopsStayOnOneChunk() {
    let seen = Mutex<Int>(0)
    Self.withThreads(4) {
      Parallelism.forEachChunk(Parallelism.minimumElementsPerThread + 1) { _ in
        seen.withLock { $0 += 1 }
      }
    }
    #expect(seen.withLock { $0 } == 1)
  }
}
