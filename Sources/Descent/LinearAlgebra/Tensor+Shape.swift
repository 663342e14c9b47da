extension Tensor {
  /// The transpose of a matrix (a copy). Products never need it: ``matmul(_:_:transposeA:transposeB:)``
  /// passes BLAS's transpose flags instead.
  public func transposed() throws(ShapeError) -> Tensor {
    guard rank == 2 else {
      throw ShapeError(
        operation: "transpose", shapes: [shape],
        reason: "transpose needs a matrix, got shape \(shape)")
    }
    let (m, n) = (shape[0], shape[1])
    return withUnsafeBufferPointer { a in
      Tensor(shape: [n, m]) { out in
        for i in 0..<m { for j in 0..<n { out[j * m + i] = a[i * n + j] } }
      }
    }
  }

  private func checkSlice(axis: Int, range: Range<Int>, operation: String) throws(ShapeError) {
    guard axis >= 0 && axis < rank else {
      throw ShapeError(
        operation: operation, shapes: [shape],
        reason: "axis \(axis) outside 0..<\(rank) for shape \(shape)")
    }
    guard range.lowerBound >= 0 && range.upperBound <= shape[axis] else {
      throw ShapeError(
        operation: operation, shapes: [shape],
        reason: "range \(range) outside 0..<\(shape[axis]) on axis \(axis) of shape \(shape)")
    }
  }

  /// The elements whose index along `axis` lies in `range`. Slicing the first axis is a
  /// view (no copy); other axes copy.
  public func slice(axis: Int = 0, _ range: Range<Int>) throws(ShapeError) -> Tensor {
    try checkSlice(axis: axis, range: range, operation: "slice")
    var newShape = shape
    newShape[axis] = range.count
    let inner = shape[(axis + 1)...].reduce(1, *)
    if axis == 0 {
      return window(offset: range.lowerBound * inner, shape: newShape)
    }
    let outer = shape[..<axis].reduce(1, *)
    let n = shape[axis]
    let block = range.count * inner
    return withUnsafeBufferPointer { a in
      Tensor(shape: newShape) { out in
        for o in 0..<outer {
          let src = (o * n + range.lowerBound) * inner
          for j in 0..<block { out[o * block + j] = a[src + j] }
        }
      }
    }
  }

  /// A tensor of `shape` that is zero except along `axis` at `start..<start + self.shape[axis]`,
  /// where it holds this tensor: the adjoint of ``slice(axis:_:)``.
  public func embedded(in shape: [Int], axis: Int, at start: Int) throws(ShapeError) -> Tensor {
    var expected = shape
    guard axis >= 0 && axis < shape.count, shape.count == rank else {
      throw ShapeError(
        operation: "embed", shapes: [self.shape, shape],
        reason: "cannot embed shape \(self.shape) in \(shape) along axis \(axis)")
    }
    expected[axis] = self.shape[axis]
    guard expected == self.shape, start >= 0, start + self.shape[axis] <= shape[axis] else {
      throw ShapeError(
        operation: "embed", shapes: [self.shape, shape],
        reason: "cannot embed shape \(self.shape) in \(shape) at \(start) along axis \(axis)")
    }
    let outer = shape[..<axis].reduce(1, *)
    let inner = shape[(axis + 1)...].reduce(1, *)
    let block = self.shape[axis] * inner
    let row = shape[axis] * inner
    let before = start * inner
    // One pass: each output element is written once, zero or copied.
    return withUnsafeBufferPointer { a in
      Tensor(shape: shape) { out in
        guard let base = out.baseAddress else { return }
        for o in 0..<outer {
          let dst = base + o * row
          dst.initialize(repeating: 0, count: before)
          if block > 0 { (dst + before).initialize(from: a.baseAddress! + o * block, count: block) }
          (dst + before + block).initialize(repeating: 0, count: row - before - block)
        }
      }
    }
  }

  /// Joins tensors along `axis`; all other extents must agree.
  public static func concatenate(_ parts: [Tensor], axis: Int = 0) throws(ShapeError) -> Tensor {
    guard let first = parts.first else {
      throw ShapeError(operation: "concatenate", shapes: [], reason: "nothing to concatenate")
    }
    guard axis >= 0 && axis < first.rank else {
      throw ShapeError(
        operation: "concatenate", shapes: parts.map(\.shape),
        reason: "axis \(axis) outside 0..<\(first.rank)")
    }
    var shape = first.shape
    shape[axis] = 0
    for p in parts {
      var s = p.shape
      guard s.count == first.rank else {
        throw ShapeError(
          operation: "concatenate", shapes: parts.map(\.shape),
          reason: "shapes \(first.shape) and \(p.shape) differ in rank")
      }
      s[axis] = 0
      var f = first.shape
      f[axis] = 0
      guard s == f else {
        throw ShapeError(
          operation: "concatenate", shapes: parts.map(\.shape),
          reason: "shapes \(first.shape) and \(p.shape) differ off axis \(axis)")
      }
      shape[axis] += p.shape[axis]
    }
    let outer = shape[..<axis].reduce(1, *)
    let inner = shape[(axis + 1)...].reduce(1, *)
    let rowLength = shape[axis] * inner
    return Tensor(shape: shape) { out in
      var start = 0
      for p in parts {
        let block = p.shape[axis] * inner
        p.withUnsafeBufferPointer { a in
          for o in 0..<outer {
            for j in 0..<block { out[o * rowLength + start + j] = a[o * block + j] }
          }
        }
        start += block
      }
    }
  }
}
