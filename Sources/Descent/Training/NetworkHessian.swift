/// The full Hessian of a network's loss at given parameters and what its spectrum says:
/// the `hessian` object of the command line.
///
/// ```
/// H = ∇²f(θ)                          n × n, n = parameterCount (one recorded gradient,
///                                     then n backward passes)
/// λ₁ ≤ … ≤ λₙ                          eigenvalues of H (LAPACK dsyevd)
/// minimumRatio = #{i : λᵢ > τ} / n     τ = eigenvalueTolerance, fixed before the run
/// kind: local minimum / maximum / saddle point / degenerate / not critical, as
///       CriticalPointAnalysis with gradient tolerance gtol (∞-norm) and absolute τ
/// ```
///
/// Meant for small networks (up to a few thousand parameters: memory n², time ≈ n backward
/// passes plus an O(n³) eigen-decomposition); larger ones need Lanczos.
///
/// ## References
///
/// Dauphin et al., *Identifying and attacking the saddle point problem in high-dimensional
/// non-convex optimization*, NeurIPS 2014 (the index, 1 − minimum ratio). Pennington &
/// Bahri, *Geometry of Neural Network Loss Surfaces via Random Matrix Theory*, ICML 2017.
public struct NetworkHessian: Sendable {
  /// f(θ).
  public var value: Double
  /// ∇f(θ).
  public var gradient: [Double]
  /// ‖∇f(θ)‖₂.
  public var gradNorm: Double
  /// The Hessian, n × n.
  public var hessian: Tensor
  /// Its eigenvalues, ascending.
  public var eigenvalues: [Double]
  /// The fraction of eigenvalues above ``eigenvalueTolerance``.
  public var minimumRatio: Double
  /// τ, the absolute threshold for "positive" (and, negated, "negative").
  public var eigenvalueTolerance: Double
  /// The second-order verdict.
  public var kind: CriticalPointKind

  /// The Hessian of `objective` at `parameters` and its spectrum.
  /// - Parameters:
  ///   - eigenvalueTolerance: τ (absolute; default 1e-6, several orders above the
  ///     eigenvalue error of dsyevd on an O(1) Hessian of a few thousand rows).
  ///   - gradientTolerance: the ∞-norm below which θ counts as critical (default 1e-6).
  /// - Throws: ``LinearAlgebraError`` for a non-finite Hessian, tape errors.
  public init(
    of objective: MLPObjective, at parameters: [Double], eigenvalueTolerance: Double = 1e-6,
    gradientTolerance: Double = 1e-6
  ) throws {
    precondition(
      eigenvalueTolerance >= 0 && gradientTolerance >= 0,
      "tolerances must be ≥ 0 (eigenvalue \(eigenvalueTolerance), gradient \(gradientTolerance))")
    let (v, g, h) = try objective.valueGradientAndHessian(at: parameters)
    let spectrum = try SymmetricEigendecomposition(h, computeEigenvectors: false)
    value = v
    gradient = g
    gradNorm = Tensor(g).norm
    hessian = h
    eigenvalues = spectrum.eigenvalues
    let n = spectrum.eigenvalues.count
    minimumRatio =
      n == 0
      ? 0 : Double(spectrum.eigenvalues.filter { $0 > eigenvalueTolerance }.count) / Double(n)
    self.eigenvalueTolerance = eigenvalueTolerance
    kind = CriticalPointAnalysis.classify(
      gradientMaxNorm: Tensor(g).maxNorm, gtol: gradientTolerance,
      eigenvalues: spectrum.eigenvalues, tol: eigenvalueTolerance)
  }
}
