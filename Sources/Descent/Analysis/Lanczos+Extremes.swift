/// Eigenpairs at the two ends of a symmetric spectrum, found by ``Lanczos``, with what they
/// cost and whether they converged.
public struct ExtremeEigenpairs: Codable, Equatable, Sendable {
  /// The smallest eigenvalues, ascending (λ₁ ≤ λ₂ ≤ …).
  public var smallest: [Double]
  /// Unit eigenvectors (Ritz vectors) of ``smallest``; empty unless asked for.
  public var smallestVectors: [[Double]]
  /// ‖H·y − θ·y‖ for each of ``smallest``.
  public var smallestResiduals: [Double]
  /// The largest eigenvalues, descending (λₙ ≥ λₙ₋₁ ≥ …).
  public var largest: [Double]
  /// Unit eigenvectors (Ritz vectors) of ``largest``; empty unless asked for.
  public var largestVectors: [[Double]]
  /// ‖H·y − θ·y‖ for each of ``largest``.
  public var largestResiduals: [Double]
  /// Whether every residual asked for met the tolerance.
  public var converged: Bool
  /// Lanczos steps taken (the size of T).
  public var steps: Int
  /// Hessian-vector products evaluated (one per step; none for the vectors).
  public var productCount: Int
  /// Restarts after an invariant subspace was found.
  public var restarts: Int
}

extension Lanczos {
  /// The `largest` largest and `smallest` smallest eigenvalues of a symmetric H (and their
  /// vectors), from Hessian-vector products only.
  ///
  /// Lanczos steps are added one at a time, with full reorthogonalisation (so the Krylov space
  /// only grows: no restart is needed for convergence), until every requested Ritz value
  /// θ has a residual bound below the tolerance:
  ///
  /// ```
  /// ‖H·y − θ·y‖ = |βₘ·sₘ| ≤ tolerance · max|θ|     (max over all Ritz values: ≈ ‖H‖₂)
  /// ```
  ///
  /// Then some eigenvalue of H lies within that distance of θ (within its square over the gap
  /// to the rest of the spectrum, once separated; Parlett 1998, §11.7). Convergence is
  /// checked after every step (the m×m eigenproblem of T costs O(m²)–O(m³), nothing next to
  /// a Hessian-vector product of a network). Stops at `maxSteps` with `converged` false.
  ///
  /// A random start vector almost surely has a component along every eigenvector; if it had
  /// none along one of the extremes, that eigenvalue would be missed without warning (the
  /// residuals do not see it). A multiple eigenvalue appears once per Krylov space; its copies
  /// come only after restarts, so top-k of a spectrum with a repeated extreme needs m close
  /// to n (as with SciPy's `eigsh`, which is not block Lanczos either).
  ///
  /// - Parameters:
  ///   - dimension: n.
  ///   - largest: how many of the largest eigenvalues (k ≥ 0).
  ///   - smallest: how many of the smallest (k ≥ 0).
  ///   - tolerance: the relative residual above; 1e-8 by default (eigenvalues to about 1e-8
  ///     relative, better once separated).
  ///   - maxSteps: at most this many products; default min(n, max(300, 20·k)).
  ///   - computeVectors: whether to form the Ritz vectors (m·n work each).
  ///   - seed: seeds the start vector.
  ///   - product: v ↦ H·v.
  /// - Throws: whatever `product` throws; ``LinearAlgebraError`` if LAPACK fails on T.
  public static func extremeEigenpairs(
    dimension: Int, largest: Int = 1, smallest: Int = 1, tolerance: Double = 1e-8,
    maxSteps: Int? = nil, computeVectors: Bool = true, seed: UInt64 = 0,
    product: @escaping HessianVectorProduct
  ) throws -> ExtremeEigenpairs {
    precondition(
      largest >= 0 && smallest >= 0 && largest <= dimension && smallest <= dimension,
      "Lanczos: largest = \(largest), smallest = \(smallest) for n = \(dimension)")
    precondition(tolerance > 0, "Lanczos: tolerance = \(tolerance) must be positive")
    let limit = Swift.min(
      dimension, maxSteps ?? Swift.max(300, 20 * Swift.max(largest, smallest)))
    precondition(limit >= 1, "Lanczos: maxSteps = \(limit) must be ≥ 1")
    var lanczos = Lanczos(dimension: dimension, seed: seed, product: product)
    let needed = Swift.max(largest, smallest)
    try lanczos.extend(by: Swift.max(1, Swift.min(needed, limit)))
    var ritz = try lanczos.ritzApproximation()
    var converged = false
    while true {
      converged = Self.hasConverged(
        ritz, largest: largest, smallest: smallest, tolerance: tolerance)
      if converged || lanczos.steps >= limit || lanczos.isExhausted { break }
      try lanczos.extend(by: 1)
      ritz = try lanczos.ritzApproximation()
    }
    if !converged {
      converged = Self.hasConverged(
        ritz, largest: largest, smallest: smallest, tolerance: tolerance)
    }
    let m = ritz.values.count
    let low = Array(0..<Swift.min(smallest, m))
    let high = Array((0..<m).reversed().prefix(largest))
    return ExtremeEigenpairs(
      smallest: low.map { ritz.values[$0] },
      smallestVectors: computeVectors ? low.map { lanczos.ritzVector($0, of: ritz) } : [],
      smallestResiduals: low.map { ritz.residualBounds[$0] },
      largest: high.map { ritz.values[$0] },
      largestVectors: computeVectors ? high.map { lanczos.ritzVector($0, of: ritz) } : [],
      largestResiduals: high.map { ritz.residualBounds[$0] },
      converged: converged, steps: lanczos.steps, productCount: lanczos.productCount,
      restarts: lanczos.restarts)
  }

  static func hasConverged(
    _ ritz: RitzApproximation, largest: Int, smallest: Int, tolerance: Double
  ) -> Bool {
    let m = ritz.values.count
    guard m >= Swift.max(largest, smallest) else { return false }
    let scale = ritz.values.map { Swift.abs($0) }.max() ?? 0
    let bound = tolerance * scale
    let low = ritz.residualBounds.prefix(smallest)
    let high = ritz.residualBounds.suffix(largest)
    return low.allSatisfy { $0 <= bound } && high.allSatisfy { $0 <= bound }
  }

  /// The extreme eigenpairs of ∇²f(x) from `objective`'s Hessian-vector products.
  public static func extremeEigenpairs(
    of objective: some TwiceDifferentiableObjective, at point: [Double], largest: Int = 1,
    smallest: Int = 1, tolerance: Double = 1e-8, maxSteps: Int? = nil,
    computeVectors: Bool = true, seed: UInt64 = 0
  ) throws -> ExtremeEigenpairs {
    try extremeEigenpairs(
      dimension: objective.dimension, largest: largest, smallest: smallest, tolerance: tolerance,
      maxSteps: maxSteps, computeVectors: computeVectors, seed: seed
    ) { v in try objective.hessianVectorProduct(at: point, along: v) }
  }
}
