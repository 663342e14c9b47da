import CLAPACK

/// The eigendecomposition A = V·diag(λ)·Vᵀ of a symmetric matrix.
///
/// Computed by LAPACK's divide-and-conquer `dsyevd` from the lower triangle. Eigenvalues are
/// ascending; eigenvectors are orthonormal and each is signed so that its component of
/// largest magnitude is positive (the first such component on ties), which makes the output
/// deterministic across LAPACK builds.
public struct SymmetricEigendecomposition: Sendable {
  /// λ₁ ≤ λ₂ ≤ … ≤ λₙ.
  public let eigenvalues: [Double]
  /// `eigenvectors[i]` is the unit eigenvector of `eigenvalues[i]`.
  public let eigenvectors: [[Double]]

  /// Decomposes a symmetric `n`×`n` matrix (only its lower triangle is read).
  /// - Throws: ``LinearAlgebraError`` when the matrix is not square, not finite, or LAPACK
  ///   fails to converge.
  public init(_ matrix: Tensor, computeEigenvectors: Bool = true) throws(LinearAlgebraError) {
    guard matrix.rank == 2, matrix.shape[0] == matrix.shape[1] else {
      throw .notSquare(matrix.shape)
    }
    guard matrix.isFinite else { throw .nonFinite }
    let n = matrix.shape[0]
    if n == 0 {
      eigenvalues = []
      eigenvectors = []
      return
    }
    var a = matrix.scalars
    var w = [Double](repeating: 0, count: n)
    let info = a.withUnsafeMutableBufferPointer { pa in
      w.withUnsafeMutableBufferPointer { pw in
        LAPACKE_dsyevd(
          LAPACK_ROW_MAJOR,
          computeEigenvectors ? CChar(UInt8(ascii: "V")) : CChar(UInt8(ascii: "N")),
          CChar(UInt8(ascii: "L")), Int32(n), pa.baseAddress, Int32(n), pw.baseAddress)
      }
    }
    guard info == 0 else { throw .noConvergence(info: Int(info)) }
    eigenvalues = w
    guard computeEigenvectors else {
      eigenvectors = []
      return
    }
    // Row-major output: column j of `a` is the eigenvector of w[j].
    var vectors: [[Double]] = []
    vectors.reserveCapacity(n)
    for j in 0..<n {
      var v = (0..<n).map { a[$0 * n + j] }
      var largest = 0
      for i in 1..<n where abs(v[i]) > abs(v[largest]) { largest = i }
      if v[largest] < 0 { v = v.map { -$0 } }
      vectors.append(v)
    }
    eigenvectors = vectors
  }
}
