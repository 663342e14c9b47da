import Descent
import Foundation

/// `descent hessian --lanczos K`: the K largest and K smallest eigenvalues of a network's
/// Hessian from Hessian-vector products (``Lanczos``), instead of the full spectrum.
///
/// ```
/// eigenvalues  = λ₁ ≤ … ≤ λ_K  and  λ_{n−K+1} ≤ … ≤ λₙ   (ascending, 2K values, or n when 2K ≥ n)
/// minimumRatio = null      (the middle of the spectrum is not computed)
/// kind         from the extremes: λ₁ > τ ⇔ all > τ, λₙ < −τ ⇔ all < −τ, so the verdict
///              equals the full spectrum's
/// ```
///
/// Lanczos with full reorthogonalisation, residual tolerance 1e-8 relative (its default),
/// seed 0; `evaluations.hvp` counts the products, `converged` whether every residual met
/// the tolerance.
enum LanczosHessian {
  struct Output: Encodable {
    var value: Double
    var gradient: [Double]
    var gradNorm: Double
    var eigenvalues: [Double]
    var minimumRatio: Double?
    var eigenvalueTolerance: Double
    var kind: String
    var converged: Bool
    var evaluations: EvaluationCounts

    enum CodingKeys: String, CodingKey {
      case value, gradient, gradNorm, eigenvalues, minimumRatio, eigenvalueTolerance, kind
      case converged, evaluations
    }

    /// Every key present: `minimumRatio` as null.
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(value, forKey: .value)
      try c.encode(gradient, forKey: .gradient)
      try c.encode(gradNorm, forKey: .gradNorm)
      try c.encode(eigenvalues, forKey: .eigenvalues)
      try c.encode(minimumRatio, forKey: .minimumRatio)
      try c.encode(eigenvalueTolerance, forKey: .eigenvalueTolerance)
      try c.encode(kind, forKey: .kind)
      try c.encode(converged, forKey: .converged)
      try c.encode(evaluations, forKey: .evaluations)
    }
  }

  /// The extremes of ∇²L(θ), printed as text or JSON.
  static func run(
    _ objective: MLPObjective, at theta: [Double], extremes k: Int, eigenvalueTolerance: Double,
    gtol: Double, json: Bool
  ) throws {
    let n = objective.dimension
    guard k >= 1 && k <= n else {
      throw CommandFailure.badInput(
        "--lanczos: \(k) is not between 1 and the number of parameters (\(n))")
    }
    let output = try compute(
      objective, at: theta, extremes: k, eigenvalueTolerance: eigenvalueTolerance, gtol: gtol)
    if json {
      print(try JSONOutput.encode(output))
      return
    }
    var lines = LabeledLines()
    lines.add("value", NumberFormat.short(output.value, digits: 10))
    lines.add("‖∇f‖₂", NumberFormat.short(output.gradNorm))
    lines.add("kind", output.kind)
    lines.add("minimumRatio", "- (Lanczos: only the extremes)")
    lines.add(
      "eigenvalues",
      output.eigenvalues.map { NumberFormat.short($0) }.joined(separator: ", ")
        + " (\(k) smallest and \(k) largest of \(n))")
    lines.add(
      "lanczos",
      "\(output.evaluations.hvp) Hessian-vector products, "
        + (output.converged ? "converged" : "not converged (residuals above 1e-8 relative)"))
    print(lines.render(indent: ""))
  }

  /// The output object: one gradient, then Lanczos on the Hessian-vector products.
  static func compute(
    _ objective: MLPObjective, at theta: [Double], extremes k: Int, eigenvalueTolerance: Double,
    gtol: Double
  ) throws -> Output {
    let (value, gradient) = try objective.valueAndGradient(at: theta)
    let pairs = try Lanczos.extremeEigenpairs(
      of: objective, at: theta, largest: k, smallest: k, computeVectors: false)
    let n = objective.dimension
    // With 2k > n the two ends overlap: keep the n distinct positions.
    let overlap = Swift.max(0, 2 * k - n)
    let eigenvalues = pairs.smallest + pairs.largest.reversed().dropFirst(overlap)
    let g = Tensor(gradient)
    let kind = MinimumRatio.kind(
      gradientNorm: g.maxNorm, gradientTolerance: gtol, eigenvalues: eigenvalues,
      tolerance: eigenvalueTolerance)
    return Output(
      value: value, gradient: gradient, gradNorm: g.norm, eigenvalues: eigenvalues,
      minimumRatio: nil, eigenvalueTolerance: eigenvalueTolerance, kind: kind.rawValue,
      converged: pairs.converged, evaluations: EvaluationCounts(g: 1, hvp: pairs.productCount))
  }
}
