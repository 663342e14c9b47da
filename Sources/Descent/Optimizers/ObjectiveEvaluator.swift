/// The objective as the driver loop sees it: evaluations by tier, each counted (the
/// `evaluations` object of a result).
///
/// Methods ask for the tier they need; asking a lower-tier objective for a gradient is a
/// programmer error (the method's requirement is checked when the run starts).
public final class ObjectiveEvaluator {
  /// The objective evaluated.
  public let objective: any Objective
  /// The evaluations so far.
  public private(set) var counts = EvaluationCounts()

  /// Wraps `objective`, counting from zero.
  public init(_ objective: any Objective) { self.objective = objective }

  /// n.
  public var dimension: Int { objective.dimension }
  /// Whether gradients are available.
  public var hasGradient: Bool { objective is any DifferentiableObjective }
  /// Whether Hessian-vector products and Hessians are available.
  public var hasHessian: Bool { objective is any TwiceDifferentiableObjective }

  /// f(x); counts one `f`.
  public func value(at x: [Double]) throws -> Double {
    counts.f += 1
    return try objective.value(at: x)
  }

  /// f(x) and ∇f(x); counts one `g`.
  public func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
    guard let o = objective as? any DifferentiableObjective else {
      preconditionFailure("the method needs gradients; the objective has none")
    }
    counts.g += 1
    return try o.valueAndGradient(at: x)
  }

  /// H(x)·v; counts one `hvp`.
  public func hessianVectorProduct(at x: [Double], along v: [Double]) throws -> [Double] {
    guard let o = objective as? any TwiceDifferentiableObjective else {
      preconditionFailure("the method needs Hessian-vector products; the objective has none")
    }
    counts.hvp += 1
    return try o.hessianVectorProduct(at: x, along: v)
  }

  /// Whether residuals and their Jacobian are available (a ``ResidualObjective``).
  public var hasResiduals: Bool { objective is any ResidualObjective }

  /// r(x) and the m×n Jacobian J(x) of a ``ResidualObjective``; counts one `g`, since it
  /// yields f = Σ r² and ∇f = 2Jᵀr as a gradient evaluation does (MINPACK's `njev`).
  public func residualsAndJacobian(at x: [Double]) throws -> (
    residuals: [Double], jacobian: Tensor
  ) {
    guard let o = objective as? any ResidualObjective else {
      preconditionFailure("the method needs residuals; the objective is not a ResidualObjective")
    }
    counts.g += 1
    return try o.residualsAndJacobian(at: x)
  }

  /// f(x), ∇f(x) and ∇²f(x); counts one `h`.
  public func valueGradientAndHessian(at x: [Double]) throws -> (
    value: Double, gradient: [Double], hessian: Tensor
  ) {
    guard let o = objective as? any TwiceDifferentiableObjective else {
      preconditionFailure("the method needs Hessians; the objective has none")
    }
    counts.h += 1
    return try o.valueGradientAndHessian(at: x)
  }
}
