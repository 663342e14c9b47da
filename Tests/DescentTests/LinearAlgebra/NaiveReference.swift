@testable import Descent

/// Slow, obviously correct reference implementations the linear-algebra tests compare
/// against: plain loops over multi-indices, no strides, no BLAS.
enum Naive {
  /// Every multi-index of `shape` in row-major order (one empty index for a scalar).
  static func indices(of shape: [Int]) -> [[Int]] {
    var all: [[Int]] = [[]]
    for extent in shape {
      all = all.flatMap { prefix in (0..<extent).map { prefix + [$0] } }
    }
    return all
  }

  /// The flat row-major position of `index` in `shape`.
  static func flat(_ index: [Int], in shape: [Int]) -> Int {
    zip(index, shape).reduce(0) { $0 * $1.1 + $1.0 }
  }

  /// The element of a tensor of shape `shape` that broadcasting reads for the output
  /// multi-index `index`: axes aligned from the right, extent-1 axes pinned to 0.
  static func broadcastIndex(_ index: [Int], into shape: [Int]) -> [Int] {
    let pad = index.count - shape.count
    return shape.indices.map { k in shape[k] == 1 ? 0 : index[k + pad] }
  }

  /// `combine(a, b)` over the broadcast shape `outShape`, one output element at a time.
  static func elementwise(
    _ a: Tensor, _ b: Tensor, outShape: [Int], _ combine: (Double, Double) -> Double
  ) -> [Double] {
    let (sa, sb) = (a.scalars, b.scalars)
    return indices(of: outShape).map { index in
      let ia = flat(broadcastIndex(index, into: a.shape), in: a.shape)
      let ib = flat(broadcastIndex(index, into: b.shape), in: b.shape)
      return combine(sa[ia], sb[ib])
    }
  }

  /// The sum of `t` over `axis`, with that axis removed.
  static func sum(_ t: Tensor, alongAxis axis: Int) -> [Double] {
    var outShape = t.shape
    outShape.remove(at: axis)
    var out = [Double](repeating: 0, count: outShape.reduce(1, *))
    let s = t.scalars
    for index in indices(of: t.shape) {
      var reduced = index
      reduced.remove(at: axis)
      out[flat(reduced, in: outShape)] += s[flat(index, in: t.shape)]
    }
    return out
  }

  /// op(A)·op(B) by the triple loop, where op transposes when asked.
  static func matmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
  ) -> Tensor {
    let (sa, sb) = (a.scalars, b.scalars)
    let bShape = b.rank == 1 ? [b.shape[0], 1] : b.shape
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let n = transposeB ? bShape[0] : bShape[1]
    var out = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        var s = 0.0
        for p in 0..<k {
          let x = transposeA ? sa[p * a.shape[1] + i] : sa[i * a.shape[1] + p]
          let y = transposeB ? sb[j * bShape[1] + p] : sb[p * bShape[1] + j]
          s += x * y
        }
        out[i * n + j] = s
      }
    }
    return try! Tensor(shape: b.rank == 1 ? [m] : [m, n], scalars: out)
  }
}

/// Seeded random matrices for the linear-algebra tests.
enum RandomMatrix {
  /// A `rows`×`columns` matrix of standard normal entries.
  static func normal(_ rows: Int, _ columns: Int, using g: inout SeededGenerator) -> Tensor {
    Tensor.randomNormal([rows, columns], using: &g)
  }

  /// A symmetric `n`×`n` matrix (B + Bᵀ)/2 with B standard normal.
  static func symmetric(_ n: Int, using g: inout SeededGenerator) -> Tensor {
    let b = normal(n, n, using: &g)
    return try! (b + b.transposed()) / 2
  }

  /// A symmetric positive definite `n`×`n` matrix BᵀB + n·I, B standard normal: its
  /// eigenvalues lie in [n, n + ‖B‖²], so it is well conditioned.
  static func positiveDefinite(_ n: Int, using g: inout SeededGenerator) -> Tensor {
    let b = normal(n, n, using: &g)
    return try! Tensor.matmul(b, b, transposeA: true) + Tensor.identity(n) * Double(n)
  }
}
