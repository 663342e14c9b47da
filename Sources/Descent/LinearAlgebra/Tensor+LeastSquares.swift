import CLAPACK

/// The minimum-norm solution of a linear least-squares problem and the numerical rank of
/// its matrix.
public struct LeastSquaresSolution: Equatable, Sendable {
  /// x minimizing ‖A·x − b‖₂, of least norm among the minimizers.
  public var solution: [Double]
  /// The numerical rank of A: the singular values above `rcond`·σ₁.
  public var rank: Int
  /// The singular values of A, descending.
  public var singularValues: [Double]
}

extension Tensor {
  /// Solves min ‖A·x − b‖₂ for this m×n matrix A by the SVD (LAPACK `dgelsd`), returning the
  /// minimum-norm minimizer, the numerical rank and the singular values.
  ///
  /// ```
  /// x = A⁺·b = V·Σ⁺·Uᵀ·b,   singular values σᵢ ≤ rcond·σ₁ treated as zero
  /// ```
  ///
  /// Works for any m, n (over- and under-determined) and for rank-deficient A, where the
  /// normal equations AᵀA·x = Aᵀb would square the condition number or fail.
  ///
  /// - Parameters:
  ///   - b: m right-hand-side values.
  ///   - rcond: the relative cut-off of the singular values; default (nil) is
  ///     max(m, n)·ε, NumPy's `lstsq` default.
  /// - Throws: ``ShapeError`` when A is not a matrix or b has the wrong length;
  ///   ``LinearAlgebraError/nonFinite`` on NaN or infinite entries;
  ///   ``LinearAlgebraError/noConvergence(info:)`` when the SVD does not converge.
  ///
  /// ## References
  /// - E. Anderson et al., *LAPACK Users' Guide*, 3rd ed., SIAM 1999, §2.4.2 (`xGELSD`).
  /// - G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., 2013, §5.5.
  public func leastSquares(_ b: [Double], rcond: Double? = nil) throws -> LeastSquaresSolution {
    guard rank == 2 else {
      throw ShapeError(
        operation: "leastSquares", shapes: [shape], reason: "expected an m×n matrix")
    }
    let (m, n) = (shape[0], shape[1])
    guard b.count == m else {
      throw ShapeError(
        operation: "leastSquares", shapes: [shape, [b.count]],
        reason: "right-hand side of \(b.count) values for a matrix of \(m) rows")
    }
    guard isFinite, b.allSatisfy({ $0.isFinite }) else { throw LinearAlgebraError.nonFinite }
    if m == 0 || n == 0 {
      return LeastSquaresSolution(
        solution: [Double](repeating: 0, count: n), rank: 0, singularValues: [])
    }
    var a = scalars
    // dgelsd overwrites a max(m, n)-row right-hand side with the solution.
    var x = b + [Double](repeating: 0, count: Swift.max(0, n - m))
    var s = [Double](repeating: 0, count: Swift.min(m, n))
    var computedRank: Int32 = 0
    let cutoff = rcond ?? Double(Swift.max(m, n)) * Double.ulpOfOne
    let info = a.withUnsafeMutableBufferPointer { pa in
      x.withUnsafeMutableBufferPointer { px in
        s.withUnsafeMutableBufferPointer { ps in
          LAPACKE_dgelsd(
            LAPACK_ROW_MAJOR, Int32(m), Int32(n), 1, pa.baseAddress, Int32(n), px.baseAddress, 1,
            ps.baseAddress, cutoff, &computedRank)
        }
      }
    }
    if info > 0 { throw LinearAlgebraError.noConvergence(info: Int(info)) }
    precondition(info == 0, "dgelsd: illegal argument \(-info)")
    return LeastSquaresSolution(
      solution: Array(x[0..<n]), rank: Int(computedRank), singularValues: s)
  }
}
