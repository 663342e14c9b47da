/// An objective given as a sum of squares of m residuals: what Gauss–Newton and
/// Levenberg–Marquardt need, and the form of every Moré–Garbow–Hillstrom problem.
///
/// ```
/// f(x) = Σᵢ rᵢ(x)²   (i = 1…m),   ∇f(x) = 2·J(x)ᵀ·r(x),   J = ∂r/∂x  (m×n)
/// ```
///
/// There is no factor ½: this is Moré, Garbow and Hillstrom's convention, so their published
/// minima are values of f as written (Freudenstein–Roth's local minimum 48.9842…, say).
/// SciPy's `least_squares` reports `cost = ½·Σ r²`, half of f.
///
/// The tier below (value, gradient, Hessian-vector product, Hessian) is that of
/// ``TwiceDifferentiableObjective``, so every method runs on a residual objective.
///
/// ## References
/// - J. J. Moré, B. S. Garbow and K. E. Hillstrom, "Testing unconstrained optimization
///   software", ACM TOMS 7(1), 1981, pp. 17–41, §2.
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, §10.1, eq. (10.3).
public protocol ResidualObjective: TwiceDifferentiableObjective {
  /// m, the number of residuals.
  var residualCount: Int { get }
  /// r(x), m values.
  func residuals(at x: [Double]) throws -> [Double]
  /// r(x) and the m×n Jacobian J(x) (row i is ∇rᵢ(x)ᵀ).
  func residualsAndJacobian(at x: [Double]) throws -> (residuals: [Double], jacobian: Tensor)
}

/// A ``ResidualObjective`` whose residual function is written with differentiable operations:
/// the Jacobian is one forward and m backward passes on the tape, the gradient one backward
/// pass of Σ r², Hessian-vector products and the Hessian come from differentiating that
/// backward pass (the exact ∇²f = 2JᵀJ + 2Σ rᵢ∇²rᵢ, not the Gauss–Newton approximation).
///
/// ```swift
/// // Rosenbrock as residuals: r = (10(x₂ − x₁²), 1 − x₁)
/// let rosenbrock = AutodiffResiduals(dimension: 2, residualCount: 2) { x in
///   let (x1, x2) = (try x.element(0), try x.element(1))
///   let r1 = try (x2 - square(x1)) * 10
///   return try Variable.concatenate([r1.reshaped([1]), (1 - x1).reshaped([1])])
/// }
/// ```
public struct AutodiffResiduals: ResidualObjective {
  /// n, the length of the vector the function takes.
  public let dimension: Int
  /// m, the length of the vector it returns.
  public let residualCount: Int
  /// The residual function, taking a vector of shape `[dimension]` to one of `[residualCount]`.
  public let residualFunction: DifferentiableFunction

  /// Residuals of `dimension` variables, `residualCount` of them, computed by `function`.
  public init(
    dimension: Int, residualCount: Int, _ function: @escaping DifferentiableFunction
  ) {
    precondition(
      dimension > 0 && residualCount > 0,
      "AutodiffResiduals: dimension = \(dimension) and residualCount = \(residualCount) "
        + "must be positive")
    self.dimension = dimension
    self.residualCount = residualCount
    self.residualFunction = function
  }

  private func point(_ x: [Double]) -> Tensor {
    precondition(
      x.count == dimension,
      "a point of \(x.count) coordinates for an objective of \(dimension) variables")
    return Tensor(x)
  }

  private func checked(_ r: Variable) -> Variable {
    precondition(
      r.value.count == residualCount,
      "the residual function returned \(r.value.count) values; residualCount = \(residualCount)")
    return r
  }

  /// f as a scalar function on the tape: Σ r².
  public var sumOfSquaresFunction: DifferentiableFunction {
    let (r, check, m) = (residualFunction, checked, residualCount)
    return { x in
      let values = check(try r(x))
      return sumOfSquares(values.shape == [m] ? values : try values.reshaped([m]))
    }
  }

  public func residuals(at x: [Double]) throws -> [Double] {
    checked(try residualFunction(Variable(point(x)))).value.scalars
  }

  public func residualsAndJacobian(at x: [Double]) throws -> (
    residuals: [Double], jacobian: Tensor
  ) {
    let tape = Tape()
    let xv = tape.variable(point(x))
    let r = checked(try residualFunction(xv))
    let j = try Derivatives.stackRows(residualCount, of: r, withRespectTo: xv, on: tape)
    return (r.value.scalars, j)
  }

  public func value(at x: [Double]) throws -> Double {
    try residuals(at: x).reduce(0) { $0 + $1 * $1 }
  }

  public func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
    let (v, g) = try valueWithGradient(of: sumOfSquaresFunction, at: point(x))
    return (v, g.scalars)
  }

  public func hessianVectorProduct(at x: [Double], along v: [Double]) throws -> [Double] {
    try Descent.hessianVectorProduct(of: sumOfSquaresFunction, at: point(x), along: Tensor(v))
      .scalars
  }

  public func valueGradientAndHessian(at x: [Double]) throws -> (
    value: Double, gradient: [Double], hessian: Tensor
  ) {
    let (v, g, h) = try Descent.valueGradientAndHessian(of: sumOfSquaresFunction, at: point(x))
    return (v, g.scalars, h)
  }
}
