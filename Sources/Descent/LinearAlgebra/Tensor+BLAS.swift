import CLAPACK

/// A matrix operand handed to BLAS in place: a pointer into some flat storage, the
/// extents, the leading dimension and whether BLAS should read it transposed.
///
/// Any window of a flat parameter vector (offset + shape) is a valid operand — nothing is
/// copied to multiply.
public struct MatrixOperand {
  /// The first element, row-major.
  public var base: UnsafePointer<Double>
  /// Rows as stored (before any transpose).
  public var rows: Int
  /// Columns as stored.
  public var columns: Int
  /// Elements from one stored row to the next (≥ `columns`; a window of a wider matrix
  /// has the wider row length).
  public var leadingDimension: Int
  /// Whether BLAS reads the operand transposed.
  public var transposed: Bool

  /// An operand of `rows`×`columns` stored row-major at `base`; the leading dimension
  /// defaults to `columns` (a contiguous matrix).
  public init(
    base: UnsafePointer<Double>, rows: Int, columns: Int, leadingDimension: Int? = nil,
    transposed: Bool = false
  ) {
    self.base = base
    self.rows = rows
    self.columns = columns
    self.leadingDimension = leadingDimension ?? max(1, columns)
    self.transposed = transposed
  }

  /// Rows of op(A): the matrix as BLAS uses it.
  var effectiveRows: Int { transposed ? columns : rows }
  var effectiveColumns: Int { transposed ? rows : columns }
}

/// Thin wrappers over CBLAS (row-major), written by hand because no Swift package in
/// reach wraps OpenBLAS.
public enum BLAS {
  /// C ← α·op(A)·op(B) + β·C with `cblas_dgemm`, all operands row-major, read in place.
  public static func gemm(
    _ a: MatrixOperand, _ b: MatrixOperand, into c: UnsafeMutablePointer<Double>,
    leadingDimension ldc: Int, alpha: Double = 1, beta: Double = 0
  ) {
    let m = a.effectiveRows
    let k = a.effectiveColumns
    let n = b.effectiveColumns
    precondition(b.effectiveRows == k, "gemm: inner extents \(k) and \(b.effectiveRows) differ")
    if m == 0 || n == 0 { return }
    cblas_dgemm(
      CblasRowMajor, a.transposed ? CblasTrans : CblasNoTrans,
      b.transposed ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a.base, Int32(a.leadingDimension),
      b.base, Int32(b.leadingDimension), beta, c, Int32(ldc))
  }
}

extension Tensor {
  /// The matrix product op(a)·op(b), where op transposes when asked: computed by
  /// `cblas_dgemm` reading both operands in place with BLAS's transpose flags (a transposed
  /// operand is never copied).
  ///
  /// A vector `b` of shape `[k]` is treated as a column `[k, 1]` and the result has shape `[m]`.
  /// - Throws: ``ShapeError`` naming both shapes when the inner extents differ.
  public static func matmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
  ) throws(ShapeError) -> Tensor {
    let vector = b.rank == 1 && !transposeB
    let bShape = vector ? [b.shape[0], 1] : b.shape
    guard a.rank == 2, bShape.count == 2 else {
      throw ShapeError(
        operation: "matmul", shapes: [a.shape, b.shape],
        reason: "matmul needs matrices, got shapes \(a.shape) and \(b.shape)")
    }
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let kb = transposeB ? bShape[1] : bShape[0]
    let n = transposeB ? bShape[0] : bShape[1]
    guard k == kb else {
      let ta = transposeA ? "ᵀ" : ""
      let tb = transposeB ? "ᵀ" : ""
      throw ShapeError(
        operation: "matmul", shapes: [a.shape, b.shape],
        reason:
          "shapes \(a.shape)\(ta) and \(b.shape)\(tb) do not multiply (inner extents \(k) and \(kb))"
      )
    }
    return a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        Tensor(shape: vector ? [m] : [m, n]) { out in
          if k == 0 {
            out.initialize(repeating: 0)
            return
          }
          let opA = MatrixOperand(
            base: pa.baseAddress!, rows: a.shape[0], columns: a.shape[1], transposed: transposeA)
          let opB = MatrixOperand(
            base: pb.baseAddress!, rows: bShape[0], columns: bShape[1], transposed: transposeB)
          if m * n > 0 {
            BLAS.gemm(opA, opB, into: out.baseAddress!, leadingDimension: Swift.max(1, n))
          }
        }
      }
    }
  }
}
