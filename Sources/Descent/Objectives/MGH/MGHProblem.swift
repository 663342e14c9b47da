import Foundation

/// One problem of the Moré–Garbow–Hillstrom set at one size: its residuals, the standard
/// start x₀, and the minima the paper publishes.
///
/// f = Σ rᵢ² (the paper's convention, no ½). A problem with several published minima (a
/// global one and a local one, or a value approached only as x → ∞) lists them all; a run
/// *solves* the problem when it reaches any of them:
///
/// ```
/// |f − f*| ≤ 1e-6·max(1, |f*|)   for some f* in minima
/// ```
///
/// The paper prints most minima to six significant digits, which is coarser than that
/// criterion for f* > 1 (Jennrich–Sampson's 124.362 is 124.36218…). ``minima`` therefore
/// holds each published value to full precision, from the reference script
/// `Scripts/references/mgh_scipy.py` (a tight `least_squares` run or a closed form);
/// ``publishedMinima`` keeps the values as printed, and a test checks that the two agree to
/// the printed digits.
///
/// ## References
/// - J. J. Moré, B. S. Garbow and K. E. Hillstrom, "Testing unconstrained optimization
///   software", ACM TOMS 7(1), 1981, pp. 17–41, §3 (problem definitions).
public struct MGHProblem: Sendable {
  /// The paper's number, 1…35.
  public var number: Int
  /// The kebab-case name (`powell-badly-scaled`).
  public var name: String
  /// The paper's title ("Powell badly scaled function").
  public var title: String
  /// n.
  public var dimension: Int
  /// m.
  public var residualCount: Int
  /// The standard starting point x₀ (the paper's, scaled ×1).
  public var start: [Double]
  /// The published minima, as printed in the paper.
  public var publishedMinima: [Double]
  /// The same minima to full precision (see the type's documentation); same order.
  public var minima: [Double]
  /// A minimizer where one is known in closed form (f there is ``minima``[0]).
  public var minimizer: [Double]?
  /// What the paper says about the minima when it is more than a value.
  public var note: String?
  /// The residual function r: ℝⁿ → ℝᵐ, written with differentiable operations.
  let residualFunction: @Sendable (Variable) throws -> Variable

  /// The name with the size when the problem has a variable size: `watson:9`.
  public var instanceName: String {
    MGH.variableSizeNames.contains(name) ? "\(name):\(dimension)" : name
  }

  /// The problem as an objective (residuals and their Jacobian on the tape).
  public var objective: AutodiffResiduals {
    AutodiffResiduals(
      dimension: dimension, residualCount: residualCount, residualFunction)
  }

  /// The published minimum nearest to `value`.
  public func nearestMinimum(to value: Double) -> Double {
    minima.min { Swift.abs($0 - value) < Swift.abs($1 - value) } ?? .nan
  }

  /// Whether `value` reaches a published minimum: |f − f*| ≤ `tolerance`·max(1, |f*|)
  /// for some f* (the criterion with `tolerance` = 1e-6).
  public func isSolved(by value: Double, tolerance: Double = 1e-6) -> Bool {
    value.isFinite
      && minima.contains { Swift.abs(value - $0) <= tolerance * Swift.max(1, Swift.abs($0)) }
  }
}

/// Building blocks for writing residuals with the tape's operations.
enum Residuals {
  /// A constant vector.
  static func constant(_ values: [Double]) -> Variable { Variable(Tensor(values)) }

  /// Rank-0 (or one-element) variables joined into one vector.
  static func stack(_ parts: [Variable]) throws -> Variable {
    try Variable.concatenate(parts.map { try $0.reshaped([1]) })
  }

  /// The n elements of x as rank-0 variables.
  static func elements(_ x: Variable) throws -> [Variable] {
    try (0..<x.shape[0]).map { try x.element($0) }
  }

  /// arctan u, elementwise. Derivative: 1/(1 + u²), written with differentiable operations
  /// so that second derivatives follow.
  static func arctangent(_ u: Variable) -> Variable {
    Variable.record(u.value.map { Foundation.atan($0) }, [u]) { g, u, _, _ in
      [try g / (square(u[0]) + 1)]
    }
  }
}
