import CLAPACK

/// A symmetric linear map v ↦ H·v, typically the Hessian-vector product of an objective at a
/// fixed point: the only access to H that the spectral tools need, so they work for any model
/// (an ``AutodiffObjective``, a network, a matrix) without forming H.
public typealias HessianVectorProduct = ([Double]) throws -> [Double]

/// The Lanczos iteration on a symmetric map H (Lanczos 1950): builds an orthonormal basis
/// Q = [q₁ … qₘ] of the Krylov space span{q₁, Hq₁, …, Hᵐ⁻¹q₁} in which H is tridiagonal,
///
/// ```
/// H·Q = Q·T + βₘ·qₘ₊₁·eₘᵀ        T = tridiag(β, α, β)  (m×m)
/// wⱼ = H·qⱼ − βⱼ₋₁·qⱼ₋₁,  αⱼ = qⱼᵀ·wⱼ,  wⱼ ← wⱼ − αⱼ·qⱼ,  βⱼ = ‖wⱼ‖,  qⱼ₊₁ = wⱼ/βⱼ
/// ```
///
/// one Hessian-vector product per step. The eigenvalues θᵢ of T (Ritz values) approximate
/// eigenvalues of H, the extreme ones first; with T = S·diag(θ)·Sᵀ the Ritz vector yᵢ = Q·sᵢ has
/// residual ‖H·yᵢ − θᵢ·yᵢ‖ = |βₘ·sₘᵢ| (the last component of sᵢ), and some eigenvalue of H lies
/// within that distance of θᵢ (H is symmetric).
///
/// **Full reorthogonalisation, twice.** In floating point the three-term recurrence loses
/// orthogonality as soon as a Ritz value converges (Paige 1971), and then produces spurious
/// copies ("ghosts") of converged eigenvalues. Each new w is therefore orthogonalised against
/// every stored qᵢ by classical Gram–Schmidt, and the pass is done twice: one pass leaves an
/// error proportional to the cancellation in w, the second brings it to rounding level ("twice
/// is enough", Kahan and Parlett; Giraud et al. 2005). Each pass is two BLAS `dgemv` calls on
/// the m×n basis: O(m·n) work and m·n stored numbers (for n = 2·10⁵ and m = 100, 160 MB).
///
/// **Breakdown.** When βⱼ falls to rounding level the Krylov space is invariant and the Ritz
/// values are exact eigenvalues; the iteration then continues from a fresh random vector
/// orthogonal to the basis, with βⱼ = 0 (T becomes block diagonal), so that it can go on to
/// other parts of the spectrum (a copy of a multiple eigenvalue needs this: one Krylov space
/// holds each distinct eigenvalue once).
///
/// The start vector is a seeded standard normal vector (or one given), normalised.
///
/// ## References
/// - C. Lanczos, *An iteration method for the solution of the eigenvalue problem of linear
///   differential and integral operators*, J. Res. Nat. Bur. Standards 45 (1950), 255–282.
/// - B. N. Parlett, *The Symmetric Eigenvalue Problem* (SIAM, 1998), ch. 13 (the Lanczos
///   algorithm and its residual bound) and ch. 6 (Kahan's "twice is enough").
/// - L. Giraud, J. Langou, M. Rozložník, *The loss of orthogonality in the Gram–Schmidt
///   orthogonalization process*, Comput. Math. Appl. 50 (2005).
/// - C. C. Paige, *The computation of eigenvalues and eigenvectors of very large sparse
///   matrices*, PhD thesis, London (1971).
public struct Lanczos {
  /// n, the length of the vectors H acts on.
  public let dimension: Int
  /// α₁ … αₘ, the diagonal of T.
  public private(set) var diagonal: [Double] = []
  /// β₁ … βₘ: βⱼ joins qⱼ to qⱼ₊₁ (0 where the iteration restarted); βₘ is the residual norm.
  public private(set) var offDiagonal: [Double] = []
  /// Hessian-vector products evaluated so far (one per step).
  public private(set) var productCount = 0
  /// Times the Krylov space became invariant and the iteration restarted.
  public private(set) var restarts = 0

  /// q₁ … qₘ, row after row (m×n, row-major).
  private var basis: [Double] = []
  /// qₘ₊₁, the next basis vector; nil once the basis spans the whole space.
  private var pending: [Double]?
  private var generator: SeededGenerator
  private let product: HessianVectorProduct

  /// Prepares the iteration; no product is evaluated until ``extend(by:)``.
  /// - Parameters:
  ///   - dimension: n ≥ 1.
  ///   - seed: seeds the start vector and any restart vector.
  ///   - start: the start vector (normalised here); a seeded normal vector when nil.
  ///   - product: v ↦ H·v for a symmetric H.
  public init(
    dimension: Int, seed: UInt64 = 0, start: [Double]? = nil,
    product: @escaping HessianVectorProduct
  ) {
    precondition(dimension >= 1, "Lanczos: dimension = \(dimension) must be ≥ 1")
    self.dimension = dimension
    self.product = product
    generator = SeededGenerator(seed: seed)
    var q = start ?? (0..<dimension).map { _ in generator.nextNormal() }
    precondition(
      q.count == dimension, "Lanczos: start vector of \(q.count) entries for n = \(dimension)")
    let norm = Self.norm(q)
    precondition(norm > 0 && norm.isFinite, "Lanczos: start vector of norm \(norm)")
    for i in q.indices { q[i] /= norm }
    pending = q
  }

  /// m, the steps taken (the size of T).
  public var steps: Int { diagonal.count }
  /// Whether the basis spans the whole space (m = n): no further step is possible.
  public var isExhausted: Bool { pending == nil }

  /// Takes up to `count` more steps (fewer once m = n).
  /// - Throws: whatever the product throws.
  public mutating func extend(by count: Int) throws {
    let n = dimension
    for _ in 0..<count {
      guard let q = pending else { return }
      var w = try product(q)
      productCount += 1
      precondition(w.count == n, "Lanczos: H·v has \(w.count) entries for n = \(n)")
      let alpha = Self.dot(q, w)
      let previousBeta = offDiagonal.last ?? 0
      let m = steps
      for i in 0..<n { w[i] -= alpha * q[i] }
      if m > 0, previousBeta != 0 {
        let offset = (m - 1) * n
        for i in 0..<n { w[i] -= previousBeta * basis[offset + i] }
      }
      basis.append(contentsOf: q)
      diagonal.append(alpha)
      reorthogonalize(&w)
      reorthogonalize(&w)
      let beta = Self.norm(w)
      let scale = Swift.max(
        diagonal.map { Swift.abs($0) }.max() ?? 0, offDiagonal.max() ?? 0, Swift.abs(beta))
      if steps == n {
        offDiagonal.append(beta)
        pending = nil
      } else if beta.isFinite, beta > 1e-10 * scale, beta > 0 {
        offDiagonal.append(beta)
        pending = w.map { $0 / beta }
      } else {
        // Invariant subspace: H·Q = Q·T exactly (to rounding); restart orthogonally.
        offDiagonal.append(0)
        restarts += 1
        pending = freshOrthogonalVector()
      }
    }
  }

  /// w ← w − Q·(Qᵀ·w) over the stored basis (one classical Gram–Schmidt pass, BLAS `dgemv`).
  private func reorthogonalize(_ w: inout [Double]) {
    let m = steps
    let n = dimension
    guard m > 0 else { return }
    var coefficients = [Double](repeating: 0, count: m)
    basis.withUnsafeBufferPointer { q in
      w.withUnsafeMutableBufferPointer { pw in
        coefficients.withUnsafeMutableBufferPointer { c in
          cblas_dgemv(
            CblasRowMajor, CblasNoTrans, Int32(m), Int32(n), 1, q.baseAddress, Int32(n),
            pw.baseAddress, 1, 0, c.baseAddress, 1)
          cblas_dgemv(
            CblasRowMajor, CblasTrans, Int32(m), Int32(n), -1, q.baseAddress, Int32(n),
            c.baseAddress, 1, 1, pw.baseAddress, 1)
        }
      }
    }
  }

  /// A seeded random unit vector orthogonal to the basis; nil when none is left (m = n, or
  /// rounding leaves nothing of the random vector).
  private mutating func freshOrthogonalVector() -> [Double]? {
    guard steps < dimension else { return nil }
    var v = (0..<dimension).map { _ in generator.nextNormal() }
    let before = Self.norm(v)
    reorthogonalize(&v)
    reorthogonalize(&v)
    let after = Self.norm(v)
    guard after > 1e-8 * before else { return nil }
    return v.map { $0 / after }
  }

  /// The Ritz values, residual bounds and first components of T's eigenvectors now.
  /// - Throws: ``LinearAlgebraError`` when LAPACK fails on T.
  public func ritzApproximation() throws(LinearAlgebraError) -> RitzApproximation {
    let m = steps
    precondition(m > 0, "Lanczos: no step taken yet; call extend(by:) first")
    var t = [Double](repeating: 0, count: m * m)
    for j in 0..<m {
      t[j * m + j] = diagonal[j]
      if j + 1 < m {
        t[(j + 1) * m + j] = offDiagonal[j]
        t[j * m + j + 1] = offDiagonal[j]
      }
    }
    let eigen = try SymmetricEigendecomposition(Tensor(uncheckedShape: [m, m], storage: t))
    let last = offDiagonal[m - 1]
    return RitzApproximation(
      values: eigen.eigenvalues,
      residualBounds: eigen.eigenvectors.map { Swift.abs(last * $0[m - 1]) },
      firstComponents: eigen.eigenvectors.map { $0[0] },
      coefficients: eigen.eigenvectors)
  }

  /// The Ritz vector yᵢ = Q·sᵢ of Ritz value `index` of `ritz` (a unit vector).
  public func ritzVector(_ index: Int, of ritz: RitzApproximation) -> [Double] {
    let m = steps
    let n = dimension
    precondition(
      ritz.values.count == m && ritz.values.indices.contains(index),
      "Lanczos: Ritz index \(index) for \(ritz.values.count) values after \(m) steps")
    var y = [Double](repeating: 0, count: n)
    basis.withUnsafeBufferPointer { q in
      ritz.coefficients[index].withUnsafeBufferPointer { s in
        y.withUnsafeMutableBufferPointer { py in
          cblas_dgemv(
            CblasRowMajor, CblasTrans, Int32(m), Int32(n), 1, q.baseAddress, Int32(n),
            s.baseAddress, 1, 0, py.baseAddress, 1)
        }
      }
    }
    return y
  }

  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        cblas_ddot(Int32(pa.count), pa.baseAddress, 1, pb.baseAddress, 1)
      }
    }
  }

  static func norm(_ a: [Double]) -> Double {
    a.withUnsafeBufferPointer { cblas_dnrm2(Int32($0.count), $0.baseAddress, 1) }
  }
}

/// The eigen-decomposition T = S·diag(θ)·Sᵀ of a Lanczos tridiagonal T, and what it says
/// about H.
public struct RitzApproximation: Equatable, Sendable {
  /// θ₁ ≤ … ≤ θₘ, the Ritz values.
  public let values: [Double]
  /// |βₘ·sₘᵢ| = ‖H·yᵢ − θᵢ·yᵢ‖ for each Ritz pair: an eigenvalue of H lies within it of θᵢ.
  public let residualBounds: [Double]
  /// s₁ᵢ, the first component of each eigenvector of T: τᵢ = s₁ᵢ² are the Gauss quadrature
  /// weights of q₁'s spectral measure (stochastic Lanczos quadrature).
  public let firstComponents: [Double]
  /// sᵢ, the eigenvectors of T.
  let coefficients: [[Double]]
}
