/// How many times each kind of derivative was evaluated: the `evaluations` object of a
/// result (`f` objective values, `g` gradients, `h` full Hessians, `hvp` Hessian-vector
/// products). A gradient evaluation also yields the value; it is counted under `g` only.
public struct EvaluationCounts: Codable, Equatable, Sendable {
  /// Objective values.
  public var f = 0
  /// Gradients (each with its value).
  public var g = 0
  /// Full Hessians.
  public var h = 0
  /// Hessian-vector products.
  public var hvp = 0
  /// Counts starting from the given numbers (zero by default).
  public init(f: Int = 0, g: Int = 0, h: Int = 0, hvp: Int = 0) {
    self.f = f
    self.g = g
    self.h = h
    self.hvp = hvp
  }
}

/// An objective of the lowest tier: a function ℝⁿ → ℝ that can only be evaluated
/// (what Nelder–Mead and random search need).
///
/// Objectives are tiered by derivative order, as Optim.jl's `NonDifferentiable`,
/// `OnceDifferentiable` and `TwiceDifferentiable`: a method asks for the tier it needs.
public protocol Objective {
  /// n, the number of variables.
  var dimension: Int { get }
  /// f(x).
  func value(at x: [Double]) throws -> Double
}

/// An objective with a gradient.
public protocol DifferentiableObjective: Objective {
  /// f(x) and ∇f(x) together (one forward and one backward pass when from the tape).
  func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double])
}

/// An objective with exact second-order information: Hessian-vector products and the full
/// Hessian.
public protocol TwiceDifferentiableObjective: DifferentiableObjective {
  /// H(x)·v.
  func hessianVectorProduct(at x: [Double], along v: [Double]) throws -> [Double]
  /// f(x), ∇f(x) and the full n×n Hessian ∇²f(x).
  func valueGradientAndHessian(at x: [Double]) throws -> (
    value: Double, gradient: [Double], hessian: Tensor
  )
}

/// An objective given as a function on ``Variable``s: every tier comes from the one tape —
/// the value from a constant evaluation (nothing recorded), the gradient from one backward
/// pass, Hessian-vector products from differentiating the recorded backward pass.
public struct AutodiffObjective: TwiceDifferentiableObjective {
  /// n, the length of the vector the function takes.
  public let dimension: Int
  /// The function, taking a vector of shape `[dimension]` to a scalar.
  public let function: DifferentiableFunction

  /// An objective of `dimension` variables computed by `function`.
  public init(dimension: Int, _ function: @escaping DifferentiableFunction) {
    self.dimension = dimension
    self.function = function
  }

  private func point(_ x: [Double]) -> Tensor {
    precondition(
      x.count == dimension,
      "a point of \(x.count) coordinates for an objective of \(dimension) variables")
    return Tensor(x)
  }

  public func value(at x: [Double]) throws -> Double {
    try Descent.value(of: function, at: point(x))
  }

  public func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
    let (v, g) = try valueWithGradient(of: function, at: point(x))
    return (v, g.scalars)
  }

  public func hessianVectorProduct(at x: [Double], along v: [Double]) throws -> [Double] {
    try Descent.hessianVectorProduct(of: function, at: point(x), along: Tensor(v)).scalars
  }

  public func valueGradientAndHessian(at x: [Double]) throws -> (
    value: Double, gradient: [Double], hessian: Tensor
  ) {
    let (v, g, h) = try Descent.valueGradientAndHessian(of: function, at: point(x))
    return (v, g.scalars, h)
  }
}

/// Wraps an objective and counts its evaluations (Optim.jl's `f_calls`, `g_calls`, …).
public final class CountingObjective<Base: TwiceDifferentiableObjective>:
  TwiceDifferentiableObjective
{
  /// The objective being counted.
  public let base: Base
  /// The evaluations so far.
  public private(set) var counts = EvaluationCounts()

  /// Counts the evaluations of `base`, from zero.
  public init(_ base: Base) { self.base = base }

  public var dimension: Int { base.dimension }

  public func value(at x: [Double]) throws -> Double {
    counts.f += 1
    return try base.value(at: x)
  }

  public func valueAndGradient(at x: [Double]) throws -> (value: Double, gradient: [Double]) {
    counts.g += 1
    return try base.valueAndGradient(at: x)
  }

  public func hessianVectorProduct(at x: [Double], along v: [Double]) throws -> [Double] {
    counts.hvp += 1
    return try base.hessianVectorProduct(at: x, along: v)
  }

  public func valueGradientAndHessian(at x: [Double]) throws -> (
    value: Double, gradient: [Double], hessian: Tensor
  ) {
    counts.h += 1
    return try base.valueGradientAndHessian(at: x)
  }
}
