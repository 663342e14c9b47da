import CLAPACK

extension Tensor {
  private func squareSide() throws(LinearAlgebraError) -> Int {
    guard rank == 2, shape[0] == shape[1] else { throw .notSquare(shape) }
    guard isFinite else { throw .nonFinite }
    return shape[0]
  }

  /// The lower-triangular Cholesky factor L with A = L·Lᵀ (LAPACK `dpotrf`), reading the
  /// lower triangle of this symmetric matrix.
  /// - Throws: ``LinearAlgebraError/notPositiveDefinite(minor:)`` naming the failing minor.
  public func cholesky() throws(LinearAlgebraError) -> Tensor {
    let n = try squareSide()
    var a = scalars
    if n == 0 { return self }
    let info = a.withUnsafeMutableBufferPointer {
      LAPACKE_dpotrf(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), $0.baseAddress, Int32(n))
    }
    if info > 0 { throw .notPositiveDefinite(minor: Int(info)) }
    precondition(info == 0, "dpotrf: illegal argument \(-info)")
    for i in 0..<n { for j in (i + 1)..<n { a[i * n + j] = 0 } }
    return Tensor(uncheckedShape: [n, n], storage: a)
  }

  /// Solves A·X = B for a symmetric positive definite A given its Cholesky factor
  /// (this tensor, lower triangular), by LAPACK `dpotrs`. `b` is `[n]` or `[n, k]`.
  public func choleskySolve(_ b: Tensor) throws -> Tensor {
    let n = try squareSide()
    let (k, shapeOut) = try Tensor.rightHandSide(b, n: n, operation: "choleskySolve", lhs: shape)
    var x = b.scalars
    var l = scalars
    if n == 0 || k == 0 { return b }
    let info = l.withUnsafeMutableBufferPointer { pl in
      x.withUnsafeMutableBufferPointer { px in
        LAPACKE_dpotrs(
          LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), Int32(k), pl.baseAddress, Int32(n),
          px.baseAddress, Int32(k))
      }
    }
    precondition(info == 0, "dpotrs: illegal argument \(-info)")
    return Tensor(uncheckedShape: shapeOut, storage: x)
  }

  /// Solves A·X = B for a general square A by LU with partial pivoting (LAPACK `dgesv`).
  /// `b` is `[n]` or `[n, k]`.
  /// - Throws: ``LinearAlgebraError/singular(pivot:)`` or a ``ShapeError``.
  public static func solve(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    let n = try a.squareSide()
    let (k, shapeOut) = try rightHandSide(b, n: n, operation: "solve", lhs: a.shape)
    if n == 0 || k == 0 { return b }
    var lu = a.scalars
    var x = b.scalars
    var pivots = [Int32](repeating: 0, count: n)
    let info = lu.withUnsafeMutableBufferPointer { pa in
      x.withUnsafeMutableBufferPointer { px in
        pivots.withUnsafeMutableBufferPointer { pp in
          LAPACKE_dgesv(
            LAPACK_ROW_MAJOR, Int32(n), Int32(k), pa.baseAddress, Int32(n), pp.baseAddress,
            px.baseAddress, Int32(k))
        }
      }
    }
    if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
    precondition(info == 0, "dgesv: illegal argument \(-info)")
    return Tensor(uncheckedShape: shapeOut, storage: x)
  }

  private static func rightHandSide(_ b: Tensor, n: Int, operation: String, lhs: [Int])
    throws(ShapeError) -> (Int, [Int])
  {
    if b.rank == 1 && b.shape[0] == n { return (1, [n]) }
    if b.rank == 2 && b.shape[0] == n { return (b.shape[1], b.shape) }
    throw ShapeError(
      operation: operation, shapes: [lhs, b.shape],
      reason: "right-hand side of shape \(b.shape) does not fit a \(n)×\(n) matrix \(lhs)")
  }
}
