/// NumPy-style broadcasting of two shapes: axes are aligned from the right, and an axis of
/// extent 1 (or a missing axis) stretches to the other operand's extent. Scalars, rows
/// (`[n]` or `[1, n]` against `[m, n]`) and columns (`[m, 1]` against `[m, n]`) are the
/// common cases.
enum Broadcasting {
  static func shape(_ a: [Int], _ b: [Int], operation: String) throws(ShapeError) -> [Int] {
    if a == b { return a }
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for k in 0..<rank {
      let da = k < rank - a.count ? 1 : a[k - (rank - a.count)]
      let db = k < rank - b.count ? 1 : b[k - (rank - b.count)]
      if da == db || db == 1 {
        out[k] = da
      } else if da == 1 {
        out[k] = db
      } else {
        throw ShapeError(
          operation: operation, shapes: [a, b],
          reason: "shapes \(a) and \(b) cannot be broadcast together (axis \(k): \(da) vs \(db))")
      }
    }
    return out
  }

  /// Element strides of `shape` seen through `target` (0 on broadcast axes).
  static func strides(of shape: [Int], in target: [Int]) -> [Int] {
    let pad = target.count - shape.count
    var strides = [Int](repeating: 0, count: target.count)
    var s = 1
    for k in stride(from: target.count - 1, through: pad, by: -1) {
      let d = shape[k - pad]
      strides[k] = d == 1 ? 0 : s
      s *= d
    }
    return strides
  }

  /// Calls `body(outOffset, aOffset, aStride, bOffset, bStride, length)` once per innermost
  /// row of the broadcast result.
  @inline(__always)
  static func forEachRow(
    _ outShape: [Int], aStrides: [Int], bStrides: [Int],
    _ body: (Int, Int, Int, Int, Int, Int) -> Void
  ) {
    let rank = outShape.count
    if rank == 0 {
      body(0, 0, 0, 0, 0, 1)
      return
    }
    let inner = outShape[rank - 1]
    let outer = outShape.reduce(1, *) / max(inner, 1)
    if inner == 0 || outer == 0 { return }
    var index = [Int](repeating: 0, count: rank - 1)
    var aOff = 0
    var bOff = 0
    for row in 0..<outer {
      body(row * inner, aOff, aStrides[rank - 1], bOff, bStrides[rank - 1], inner)
      var k = rank - 2
      while k >= 0 {
        index[k] += 1
        aOff += aStrides[k]
        bOff += bStrides[k]
        if index[k] < outShape[k] { break }
        aOff -= aStrides[k] * outShape[k]
        bOff -= bStrides[k] * outShape[k]
        index[k] = 0
        k -= 1
      }
    }
  }
}

extension Tensor {
  /// This tensor repeated along broadcast axes to `target`.
  /// - Throws: ``ShapeError`` when the shape does not broadcast to `target`.
  public func broadcast(to target: [Int]) throws(ShapeError) -> Tensor {
    if shape == target { return self }
    let s = try Broadcasting.shape(shape, target, operation: "broadcast")
    guard s == target else {
      throw ShapeError(
        operation: "broadcast", shapes: [shape, target],
        reason: "shape \(shape) cannot be broadcast to \(target)")
    }
    if count == 1 { return Tensor(shape: target, repeating: buffer.pointer[offset]) }
    let st = Broadcasting.strides(of: shape, in: target)
    return withUnsafeBufferPointer { a in
      Tensor(shape: target) { out in
        Broadcasting.forEachRow(target, aStrides: st, bStrides: st) { o, ao, astr, _, _, len in
          for j in 0..<len { out[o + j] = a[ao + j * astr] }
        }
      }
    }
  }

  /// The sum of this tensor over the axes along which `shape` was broadcast to reach
  /// this tensor's shape: the adjoint of ``broadcast(to:)``.
  public func sum(toShape target: [Int]) throws(ShapeError) -> Tensor {
    if shape == target { return self }
    let s = try Broadcasting.shape(target, shape, operation: "sum(toShape:)")
    guard s == shape else {
      throw ShapeError(
        operation: "sum(toShape:)", shapes: [shape, target],
        reason: "shape \(shape) is not a broadcast of \(target)")
    }
    if Tensor.elementCount(target) == 1 {
      return try Tensor(scalar: sum()).reshaped(target)
    }
    let st = Broadcasting.strides(of: target, in: shape)
    var result = Tensor.zeros(target)
    withUnsafeBufferPointer { g in
      result.withUnsafeMutableBufferPointer { r in
        Broadcasting.forEachRow(shape, aStrides: st, bStrides: st) { o, ro, rstr, _, _, len in
          if rstr == 0 {
            var acc = 0.0
            for j in 0..<len { acc += g[o + j] }
            r[ro] += acc
          } else {
            for j in 0..<len { r[ro + j] += g[o + j] }
          }
        }
      }
    }
    return result
  }
}
