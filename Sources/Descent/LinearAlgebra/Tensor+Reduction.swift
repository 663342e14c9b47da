extension Tensor {
  /// The sum of all elements (pairwise-free, left to right in blocks; 0 for no elements).
  public func sum() -> Double {
    withUnsafeBufferPointer { p in
      // Four accumulators let the loop vectorize; the order is fixed, so results are
      // deterministic for a given thread count.
      var s0 = 0.0
      var s1 = 0.0
      var s2 = 0.0
      var s3 = 0.0
      var i = 0
      let n = p.count
      while i + 4 <= n {
        s0 += p[i]
        s1 += p[i + 1]
        s2 += p[i + 2]
        s3 += p[i + 3]
        i += 4
      }
      while i < n {
        s0 += p[i]
        i += 1
      }
      return (s0 + s1) + (s2 + s3)
    }
  }

  /// The mean of all elements (NaN for no elements, as NumPy and PyTorch).
  public func mean() -> Double { sum() / Double(count) }

  /// The largest element (−∞ for no elements; NaN if any element is NaN).
  public func max() -> Double {
    withUnsafeBufferPointer { p in
      var m = -Double.infinity
      for x in p {
        if x.isNaN { return .nan }
        if x > m { m = x }
      }
      return m
    }
  }

  private func axisSplit(_ axis: Int, operation: String) throws(ShapeError) -> (Int, Int, Int) {
    guard axis >= 0 && axis < rank else {
      throw ShapeError(
        operation: operation, shapes: [shape],
        reason: "axis \(axis) outside 0..<\(rank) for shape \(shape)")
    }
    let outer = shape[..<axis].reduce(1, *)
    let inner = shape[(axis + 1)...].reduce(1, *)
    return (outer, shape[axis], inner)
  }

  private func reducedShape(_ axis: Int, keepingDimension: Bool) -> [Int] {
    var s = shape
    if keepingDimension { s[axis] = 1 } else { s.remove(at: axis) }
    return s
  }

  /// Reduces along `axis` with `combine`, starting from `initial`.
  private func reduce(
    axis: Int, keepingDimension: Bool, operation: String, initial: Double,
    _ combine: (Double, Double) -> Double
  ) throws(ShapeError) -> Tensor {
    let (outer, n, inner) = try axisSplit(axis, operation: operation)
    let outShape = reducedShape(axis, keepingDimension: keepingDimension)
    return withUnsafeBufferPointer { p in
      Tensor(shape: outShape) { out in
        for o in 0..<outer {
          for j in 0..<inner { out[o * inner + j] = initial }
          for k in 0..<n {
            let base = (o * n + k) * inner
            for j in 0..<inner { out[o * inner + j] = combine(out[o * inner + j], p[base + j]) }
          }
        }
      }
    }
  }

  /// Sums along `axis`; the axis is removed unless `keepingDimension` is true, in which
  /// case it stays with extent 1 (PyTorch's `keepdim`).
  public func sum(alongAxis axis: Int, keepingDimension: Bool = false) throws(ShapeError) -> Tensor
  {
    try reduce(axis: axis, keepingDimension: keepingDimension, operation: "sum", initial: 0, +)
  }

  /// The mean along `axis` (see ``sum(alongAxis:keepingDimension:)``).
  public func mean(alongAxis axis: Int, keepingDimension: Bool = false) throws(ShapeError) -> Tensor
  {
    let s = try sum(alongAxis: axis, keepingDimension: keepingDimension)
    return s / Double(shape[axis])
  }

  /// The maximum along `axis` (NaN propagates).
  public func max(alongAxis axis: Int, keepingDimension: Bool = false) throws(ShapeError) -> Tensor
  {
    try reduce(
      axis: axis, keepingDimension: keepingDimension, operation: "max", initial: -.infinity
    ) {
      $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1)
    }
  }

  /// The Euclidean norm √(∑ xᵢ²) (NaN if any component is NaN).
  public var norm: Double {
    withUnsafeBufferPointer { p in
      // Scaled to avoid overflow for huge components (as LAPACK's dnrm2).
      var scale = 0.0
      for x in p {
        // Swift.max(scale, NaN) keeps `scale`, which would make the norm of [NaN] zero.
        if x.isNaN { return .nan }
        scale = Swift.max(scale, abs(x))
      }
      if scale == 0 || !scale.isFinite { return scale == 0 ? 0 : scale }
      var s = 0.0
      for x in p {
        let y = x / scale
        s += y * y
      }
      return scale * s.squareRoot()
    }
  }

  /// The ∞-norm maxᵢ |xᵢ| (NaN if any component is NaN).
  public var maxNorm: Double {
    withUnsafeBufferPointer { p in
      var m = 0.0
      for x in p {
        if x.isNaN { return .nan }
        m = Swift.max(m, abs(x))
      }
      return m
    }
  }
}
