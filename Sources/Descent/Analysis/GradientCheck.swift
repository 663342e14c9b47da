/// One entry of a derivative check: where, the two values and how far apart they are.
public struct DerivativeCheckEntry: Sendable, Equatable, Codable {
  /// Row of the checked matrix: the output component (first order) or the component of
  /// the gradient (second order).
  public var output: Int
  /// Column: the input coordinate that was perturbed.
  public var input: Int
  /// The derivative from the tape.
  public var analytic: Double
  /// The central-difference estimate.
  public var numeric: Double
  /// |analytic − numeric|.
  public var absoluteError: Double
  /// |analytic − numeric| / max(|numeric|, tiny); 0 when both are 0.
  public var relativeError: Double
  /// absoluteError / (atol + rtol·|numeric|): above 1 fails.
  public var violation: Double
}

/// The outcome of ``gradcheck(_:at:eps:atol:rtol:worstCount:)`` or
/// ``gradgradcheck(_:at:gradOutputs:eps:atol:rtol:worstCount:)``: every entry compared, the
/// worst ones, and whether all are within tolerance.
public struct DerivativeCheckReport: Sendable, Codable {
  /// "first order" or "second order".
  public var order: String
  /// Every compared entry, row-major over (output, input).
  public var entries: [DerivativeCheckEntry]
  /// The entries with the largest violation, worst first.
  public var worst: [DerivativeCheckEntry]
  /// Largest |analytic − numeric|.
  public var maxAbsoluteError: Double
  /// Largest relative error.
  public var maxRelativeError: Double
  /// The finite-difference step.
  public var eps: Double
  /// The absolute tolerance of the pass rule.
  public var atol: Double
  /// The relative tolerance of the pass rule.
  public var rtol: Double
  /// True when |analytic − numeric| ≤ atol + rtol·|numeric| for every entry (and all are finite).
  public var passed: Bool
}

/// The maths shared by both checks: compare an analytic matrix with one built column by
/// column from central differences.
enum DerivativeCheck {
  static func compare(
    order: String, analytic: Tensor, numeric: Tensor, eps: Double, atol: Double, rtol: Double,
    worstCount: Int
  ) -> DerivativeCheckReport {
    let (m, n) = (analytic.shape[0], analytic.shape[1])
    var entries: [DerivativeCheckEntry] = []
    entries.reserveCapacity(m * n)
    var passed = true
    for i in 0..<m {
      for j in 0..<n {
        let a = analytic[i, j]
        let b = numeric[i, j]
        let absolute = Swift.abs(a - b)
        let relative = absolute == 0 ? 0 : absolute / Swift.max(Swift.abs(b), .leastNormalMagnitude)
        let violation = absolute / (atol + rtol * Swift.abs(b))
        if !(violation <= 1) { passed = false }
        entries.append(
          DerivativeCheckEntry(
            output: i, input: j, analytic: a, numeric: b, absoluteError: absolute,
            relativeError: relative, violation: violation))
      }
    }
    let worst = entries.sorted {
      ($0.violation.isNaN ? .infinity : $0.violation)
        > ($1.violation.isNaN ? .infinity : $1.violation)
    }.prefix(worstCount)
    return DerivativeCheckReport(
      order: order, entries: entries, worst: Array(worst),
      maxAbsoluteError: entries.map(\.absoluteError).max() ?? 0,
      maxRelativeError: entries.map(\.relativeError).max() ?? 0,
      eps: eps, atol: atol, rtol: rtol, passed: passed)
  }

  /// Central differences of a vector-valued `g` at `x`: column j is (g(x + εeⱼ) − g(x − εeⱼ)) / 2ε.
  static func numericJacobian(_ g: (Tensor) throws -> Tensor, at x: Tensor, eps: Double) throws
    -> Tensor
  {
    let n = x.count
    var columns: [Tensor] = []
    for j in 0..<n {
      var plus = x
      var minus = x
      plus[flat: j] += eps
      minus[flat: j] -= eps
      let d = try (g(plus) - g(minus)) / (2 * eps)
      columns.append(try d.reshaped([d.count]))
    }
    let m = columns.first?.count ?? 0
    var jac = Tensor.zeros([m, n])
    for j in 0..<n { for i in 0..<m { jac[i, j] = columns[j][flat: i] } }
    return jac
  }
}

/// Checks first derivatives from the tape against central differences, like
/// `torch.autograd.gradcheck`: the Jacobian of `f` at `x` (the gradient, for a scalar f) is
/// compared entry by entry with (f(x + εeⱼ) − f(x − εeⱼ)) / 2ε, and passes when
///
/// ```
/// |analytic − numeric| ≤ atol + rtol · |numeric|
/// ```
///
/// for every entry. Defaults are PyTorch's: ε = 1e-6, atol = 1e-5, rtol = 1e-3 (central
/// differences in double precision are good to about 1e-10 relative for smooth functions of
/// moderate curvature, so these tolerances catch wrong derivatives, not rounding).
public func gradcheck(
  _ f: DifferentiableFunction, at x: Tensor, eps: Double = 1e-6, atol: Double = 1e-5,
  rtol: Double = 1e-3, worstCount: Int = 5
) throws -> DerivativeCheckReport {
  let analytic = try jacobian(of: f, at: x)
  let numeric = try DerivativeCheck.numericJacobian({ try f(Variable($0)).value }, at: x, eps: eps)
  return DerivativeCheck.compare(
    order: "first order", analytic: analytic, numeric: numeric, eps: eps, atol: atol, rtol: rtol,
    worstCount: worstCount)
}

/// Checks second derivatives, like `torch.autograd.gradgradcheck`: with fixed output weights
/// u (`gradOutputs`; 1 for a scalar f), the map x ↦ J(x)ᵀu is computed on the tape with its
/// backward pass recorded, its Jacobian is taken by differentiating that recorded pass (for
/// a scalar f: the Hessian), and compared with central differences of J(x)ᵀu.
///
/// - Parameter gradOutputs: u, of f's output shape; nil means ones (the gradient of
///   ∑ f, the Hessian for a scalar f).
public func gradgradcheck(
  _ f: DifferentiableFunction, at x: Tensor, gradOutputs: Tensor? = nil, eps: Double = 1e-6,
  atol: Double = 1e-5, rtol: Double = 1e-3, worstCount: Int = 5
) throws -> DerivativeCheckReport {
  let vjp: DifferentiableFunction = { xv in
    guard let tape = xv.tape else {
      return try Variable(gradientTimes(f, at: xv.value, gradOutputs))
    }
    let y = try f(xv)
    return try tape.gradients(of: y, withRespectTo: [xv], seed: gradOutputs, createGraph: true)[0]
  }
  let analytic = try jacobian(of: vjp, at: x)
  let numeric = try DerivativeCheck.numericJacobian(
    { try gradientTimes(f, at: $0, gradOutputs) }, at: x, eps: eps)
  return DerivativeCheck.compare(
    order: "second order", analytic: analytic, numeric: numeric, eps: eps, atol: atol, rtol: rtol,
    worstCount: worstCount)
}

/// J(x)ᵀu, first order only.
private func gradientTimes(_ f: DifferentiableFunction, at x: Tensor, _ u: Tensor?) throws -> Tensor
{
  let tape = Tape()
  let xv = tape.variable(x)
  let y = try f(xv)
  return try tape.gradients(of: y, withRespectTo: [xv], seed: u)[0].value
}
