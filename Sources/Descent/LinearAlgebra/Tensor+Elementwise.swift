extension Tensor {
  /// A tensor of the same shape with `transform` applied to every element.
  ///
  /// Large tensors are split across ``Parallelism/threads``: beyond
  /// ``Parallelism/minimumElementsPerThread`` elements per thread when `costly` (a
  /// transcendental function), beyond ``Parallelism/arithmeticMinimumElementsPerThread``
  /// otherwise.
  @inline(__always)
  public func map(costly: Bool = false, _ transform: (Double) -> Double) -> Tensor {
    let minimum =
      costly ? Parallelism.minimumElementsPerThread : Parallelism.arithmeticMinimumElementsPerThread
    return withUnsafeBufferPointer { a in
      Tensor(shape: shape) { out in
        Parallelism.forEachChunk(a.count, minimumPerThread: minimum) { r in
          for i in r { out[i] = transform(a[i]) }
        }
      }
    }
  }

  /// Combines two tensors element by element, broadcasting their shapes.
  /// - Throws: ``ShapeError`` naming both shapes when they do not broadcast.
  @inline(__always)
  public static func zip(
    _ a: Tensor, _ b: Tensor, operation: String = "elementwise",
    _ combine: (Double, Double) -> Double
  ) throws(ShapeError) -> Tensor {
    if a.shape == b.shape {
      return a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
          Tensor(shape: a.shape) { out in
            Parallelism.forEachChunk(
              pa.count, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
            ) { r in
              for i in r { out[i] = combine(pa[i], pb[i]) }
            }
          }
        }
      }
    }
    let shape = try Broadcasting.shape(a.shape, b.shape, operation: operation)
    let n = Tensor.elementCount(shape)
    if b.count == 1 && a.count == n {
      let s = b.buffer.pointer[b.offset]
      return try a.map { combine($0, s) }.reshaped(shape)
    }
    if a.count == 1 && b.count == n {
      let s = a.buffer.pointer[a.offset]
      return try b.map { combine(s, $0) }.reshaped(shape)
    }
    let sa = Broadcasting.strides(of: a.shape, in: shape)
    let sb = Broadcasting.strides(of: b.shape, in: shape)
    return a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        Tensor(shape: shape) { out in
          Broadcasting.forEachRow(shape, aStrides: sa, bStrides: sb) { o, ao, astr, bo, bstr, len in
            for j in 0..<len { out[o + j] = combine(pa[ao + j * astr], pb[bo + j * bstr]) }
          }
        }
      }
    }
  }

  /// Adds `other` (of the same shape) into this tensor in place: `self += other`.
  public mutating func add(_ other: Tensor) {
    precondition(shape == other.shape, "add in place: shapes \(shape) and \(other.shape) differ")
    addScaledProduct(other, nil, scale: 1)
  }

  /// `self += alpha * other` in place (BLAS's axpy), shapes equal.
  public mutating func add(_ other: Tensor, scaledBy alpha: Double) {
    precondition(shape == other.shape, "axpy: shapes \(shape) and \(other.shape) differ")
    addScaledProduct(other, nil, scale: alpha)
  }

  /// `self += scale · a ⊙ b` in place, one pass (`b` nil: `self += scale · a`). `a` has
  /// this tensor's shape, or is a single element broadcast over `b`.
  public mutating func addScaledProduct(_ a: Tensor, _ b: Tensor?, scale: Double) {
    precondition(
      (a.shape == shape || (a.count == 1 && b != nil)) && (b?.shape ?? shape) == shape,
      "addScaledProduct: shapes \(shape), \(a.shape) and \(b?.shape ?? [])")
    a.withUnsafeBufferPointer { pa in
      withUnsafeMutableBufferPointer { out in
        if let b {
          b.withUnsafeBufferPointer { pb in
            if pa.count == out.count {
              Parallelism.forEachChunk(
                out.count, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
              ) { r in
                for i in r { out[i] += scale * pa[i] * pb[i] }
              }
            } else {
              let s = scale * pa[0]
              Parallelism.forEachChunk(
                out.count, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
              ) { r in for i in r { out[i] += s * pb[i] } }
            }
          }
        } else {
          Parallelism.forEachChunk(
            out.count, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
          ) { r in for i in r { out[i] += scale * pa[i] } }
        }
      }
    }
  }

  /// The elementwise sum, broadcasting. Throws ``ShapeError`` naming both shapes.
  public static func + (a: Tensor, b: Tensor) throws(ShapeError) -> Tensor {
    try zip(a, b, operation: "add") { $0 + $1 }
  }
  /// The elementwise difference, broadcasting.
  public static func - (a: Tensor, b: Tensor) throws(ShapeError) -> Tensor {
    try zip(a, b, operation: "subtract") { $0 - $1 }
  }
  /// The elementwise (Hadamard) product, broadcasting.
  public static func * (a: Tensor, b: Tensor) throws(ShapeError) -> Tensor {
    try zip(a, b, operation: "multiply") { $0 * $1 }
  }
  /// The elementwise quotient, broadcasting.
  public static func / (a: Tensor, b: Tensor) throws(ShapeError) -> Tensor {
    try zip(a, b, operation: "divide") { $0 / $1 }
  }
  /// a + s, elementwise.
  public static func + (a: Tensor, s: Double) -> Tensor { a.map { $0 + s } }
  /// s + a, elementwise.
  public static func + (s: Double, a: Tensor) -> Tensor { a.map { s + $0 } }
  /// a − s, elementwise.
  public static func - (a: Tensor, s: Double) -> Tensor { a.map { $0 - s } }
  /// s − a, elementwise.
  public static func - (s: Double, a: Tensor) -> Tensor { a.map { s - $0 } }
  /// a · s, elementwise.
  public static func * (a: Tensor, s: Double) -> Tensor { a.map { $0 * s } }
  /// s · a, elementwise.
  public static func * (s: Double, a: Tensor) -> Tensor { a.map { s * $0 } }
  /// a / s, elementwise.
  public static func / (a: Tensor, s: Double) -> Tensor { a.map { $0 / s } }
  /// s / a, elementwise.
  public static func / (s: Double, a: Tensor) -> Tensor { a.map { s / $0 } }
  /// −a, elementwise.
  public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

  /// The dot product ∑ aᵢbᵢ of two tensors with the same number of elements.
  public static func dot(_ a: Tensor, _ b: Tensor) -> Double {
    precondition(a.count == b.count, "dot: \(a.count) and \(b.count) elements")
    return a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        var s = 0.0
        for i in 0..<pa.count { s += pa[i] * pb[i] }
        return s
      }
    }
  }
}
