/// What kind of point the gradient and Hessian say this is.
public enum CriticalPointKind: String, Codable, Sendable, CaseIterable {
  /// ‖∇f‖∞ ≤ gtol and every eigenvalue of the Hessian > tol: positive definite.
  case localMinimum = "local minimum"
  /// ‖∇f‖∞ ≤ gtol and every eigenvalue < −tol: negative definite.
  case localMaximum = "local maximum"
  /// ‖∇f‖∞ ≤ gtol and eigenvalues of both signs beyond ±tol: indefinite.
  case saddlePoint = "saddle point"
  /// ‖∇f‖∞ ≤ gtol but some eigenvalue within ±tol and no two of opposite sign: the
  /// second-order test cannot decide.
  case degenerate = "degenerate"
  /// ‖∇f‖∞ > gtol.
  case notCritical = "not critical"
}

/// The second-order analysis of a point: gradient, Hessian, its spectrum, the kind of
/// point, and — at a saddle — the way out.
///
/// The test, for tolerances `gtol` (gradient, ∞-norm) and `eigenvalueTolerance` (relative):
///
/// ```
/// critical      ⇔  ‖∇f(x)‖∞ ≤ gtol
/// tol           =  eigenvalueTolerance · max(1, max |λᵢ|)
/// minimum       ⇔  λᵢ >  tol for all i
/// maximum       ⇔  λᵢ < −tol for all i
/// saddle point  ⇔  some λᵢ < −tol and some λⱼ > tol
/// degenerate    otherwise
/// ```
///
/// At a saddle point the escape direction is the unit eigenvector u of the most negative
/// eigenvalue λ: along it the quadratic model f(x + su) ≈ f(x) + ½λs² decreases.
public struct CriticalPointAnalysis: Sendable {
  /// The point analyzed.
  public var point: [Double]
  /// f at the point.
  public var value: Double
  /// ∇f at the point.
  public var gradient: [Double]
  /// ‖∇f‖₂.
  public var gradNorm: Double
  /// ∇²f as rows.
  public var hessian: [[Double]]
  /// Ascending.
  public var eigenvalues: [Double]
  /// One unit vector per eigenvalue, its largest-magnitude component positive.
  public var eigenvectors: [[Double]]
  /// The verdict of the second-order test (see the type's description).
  public var kind: CriticalPointKind
  /// The unit eigenvector of the most negative eigenvalue at a saddle point; nil otherwise.
  public var escapeDirection: [Double]?
  /// That eigenvalue (the curvature along the escape direction); nil unless a saddle.
  public var escapeCurvature: Double?
  /// The gradient tolerance used (∞-norm).
  public var gradientTolerance: Double
  /// The absolute eigenvalue tolerance used: eigenvalueTolerance · max(1, max|λ|).
  public var eigenvalueThreshold: Double

  /// Classifies a point from its value, gradient and Hessian.
  /// - Throws: ``LinearAlgebraError`` when the Hessian is not square or not finite.
  public init(
    point: [Double], value: Double, gradient: [Double], hessian: Tensor,
    gradientTolerance: Double = 1e-6, eigenvalueTolerance: Double = 1e-8
  ) throws(LinearAlgebraError) {
    precondition(gradientTolerance >= 0 && eigenvalueTolerance >= 0, "tolerances must be ≥ 0")
    let eigen = try SymmetricEigendecomposition(hessian)
    let g = Tensor(gradient)
    self.point = point
    self.value = value
    self.gradient = gradient
    self.gradNorm = g.norm
    self.hessian = hessian.rows
    self.eigenvalues = eigen.eigenvalues
    self.eigenvectors = eigen.eigenvectors
    self.gradientTolerance = gradientTolerance
    let largest = eigen.eigenvalues.map { Swift.abs($0) }.max() ?? 0
    let tol = eigenvalueTolerance * Swift.max(1, largest)
    self.eigenvalueThreshold = tol
    self.kind = CriticalPointAnalysis.classify(
      gradientMaxNorm: g.maxNorm, gtol: gradientTolerance, eigenvalues: eigen.eigenvalues, tol: tol)
    if kind == .saddlePoint, let lowest = eigen.eigenvalues.first {
      escapeDirection = eigen.eigenvectors[0]
      escapeCurvature = lowest
    }
  }

  /// Analyzes `objective` at `point` with its exact Hessian.
  public init(
    of objective: some TwiceDifferentiableObjective, at point: [Double],
    gradientTolerance: Double = 1e-6, eigenvalueTolerance: Double = 1e-8
  ) throws {
    let (v, g, h) = try objective.valueGradientAndHessian(at: point)
    try self.init(
      point: point, value: v, gradient: g, hessian: h, gradientTolerance: gradientTolerance,
      eigenvalueTolerance: eigenvalueTolerance)
  }

  static func classify(gradientMaxNorm: Double, gtol: Double, eigenvalues: [Double], tol: Double)
    -> CriticalPointKind
  {
    guard gradientMaxNorm <= gtol else { return .notCritical }
    if eigenvalues.allSatisfy({ $0 > tol }) { return .localMinimum }
    if eigenvalues.allSatisfy({ $0 < -tol }) { return .localMaximum }
    if eigenvalues.contains(where: { $0 < -tol }) && eigenvalues.contains(where: { $0 > tol }) {
      return .saddlePoint
    }
    return .degenerate
  }

  /// The change ½λs² that the quadratic model predicts for a step of length `s` along the
  /// escape direction (negative: the loss goes down); nil unless a saddle point.
  public func predictedChange(step s: Double) -> Double? {
    escapeCurvature.map { 0.5 * $0 * s * s }
  }
}
