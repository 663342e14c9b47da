extension Variable {
  /// The same elements with another shape (no copy). Derivative: reshape back.
  public func reshaped(_ newShape: [Int]) throws -> Variable {
    if newShape == shape { return self }
    let source = shape
    return Variable.record(try value.reshaped(newShape), [self]) { g, _, _, _ in
      [try g.reshaped(source)]
    }
  }

  /// The transpose of a matrix. Derivative: the transpose of the gradient. A transpose
  /// feeding a product is better written with ``matmul(_:_:transposeA:transposeB:)``'s flags.
  public func transposed() throws -> Variable {
    Variable.record(try value.transposed(), [self]) { g, _, _, _ in [try g.transposed()] }
  }

  /// The elements whose index along `axis` lies in `range` (a view when `axis` is 0).
  /// Derivative: the gradient placed back into zeros of the source shape.
  public func slice(axis: Int = 0, _ range: Range<Int>) throws -> Variable {
    let source = shape
    let inner = shape.dropFirst().reduce(1, *)
    let shortcut: Tape.FirstOrderShortcut? =
      axis == 0 ? .firstAxisSlice(flatOffset: range.lowerBound * inner) : nil
    return Variable.record(try value.slice(axis: axis, range), [self], shortcut: shortcut) {
      g, _, _, _ in
      [try g.embedded(in: source, axis: axis, at: range.lowerBound)]
    }
  }

  /// This variable placed at `start` along `axis` inside zeros of `shape`: the adjoint of
  /// ``slice(axis:_:)``.
  public func embedded(in shape: [Int], axis: Int, at start: Int) throws -> Variable {
    let length = self.shape[axis]
    return Variable.record(try value.embedded(in: shape, axis: axis, at: start), [self]) {
      g, _, _, _ in
      [try g.slice(axis: axis, start..<(start + length))]
    }
  }

  /// Elements `range` of a vector (or rows of a matrix): `x[1..<n]`.
  public subscript(range: Range<Int>) -> Variable {
    get throws { try slice(axis: 0, range) }
  }

  /// Element `i` of a vector, as a rank-0 variable.
  public func element(_ i: Int) throws -> Variable {
    try slice(axis: 0, i..<(i + 1)).reshaped([])
  }

  /// Joins variables along `axis`. Derivative: the matching slices of the gradient.
  public static func concatenate(_ parts: [Variable], axis: Int = 0) throws -> Variable {
    let value = try Tensor.concatenate(parts.map(\.value), axis: axis)
    let lengths = parts.map { $0.shape[axis] }
    return record(value, parts) { g, _, _, needs in
      var start = 0
      var grads: [Variable?] = []
      for (k, length) in lengths.enumerated() {
        grads.append(needs[k] ? try g.slice(axis: axis, start..<(start + length)) : nil)
        start += length
      }
      return grads
    }
  }
}

/// The matrix product op(a)·op(b) through `cblas_dgemm`, with BLAS's transpose flags (no
/// transposed copy is made, forwards or backwards). Derivatives, for C = A·B:
/// ∂/∂A = G·Bᵀ and ∂/∂B = Aᵀ·G, each itself a flagged product.
public func matmul(
  _ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false
) throws -> Variable {
  let value = try Tensor.matmul(a.value, b.value, transposeA: transposeA, transposeB: transposeB)
  guard b.value.rank == 2 else {
    // Matrix-vector: view b as a column so the rules below apply.
    let column = try b.reshaped([b.shape[0], 1])
    return try matmul(a, column, transposeA: transposeA).reshaped([value.shape[0]])
  }
  return Variable.record(value, [a, b]) { g, x, _, needs in
    let (a, b) = (x[0], x[1])
    var ga: Variable?
    var gb: Variable?
    if needs[0] {
      ga =
        switch (transposeA, transposeB) {
        case (false, false): try matmul(g, b, transposeB: true)
        case (false, true): try matmul(g, b)
        case (true, false): try matmul(b, g, transposeB: true)
        case (true, true): try matmul(b, g, transposeA: true, transposeB: true)
        }
    }
    if needs[1] {
      gb =
        switch (transposeA, transposeB) {
        case (false, false): try matmul(a, g, transposeA: true)
        case (false, true): try matmul(g, a, transposeA: true)
        case (true, false): try matmul(a, g)
        case (true, true): try matmul(g, a, transposeA: true, transposeB: true)
        }
    }
    return [ga, gb]
  }
}
