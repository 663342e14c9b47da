/// The line search of the line-search Newton methods (``Newton``, ``NewtonCG``,
/// ``SaddleFreeNewton``), with a full step where f can no longer tell steps apart.
///
/// Near a minimizer with f* ≠ 0 the decrease a Newton step promises, of order −gᵀd, falls
/// below the rounding of f itself; a sufficient-decrease test then accepts or rejects the full
/// step at random, and the backtracked steps that get through stall the iteration short of
/// the gradient tolerance. So when
///
/// ```
/// −gᵀd ≤ 10⁻¹⁴·|f(x)|
/// ```
///
/// the full step x + d is taken, provided f(x + d) ≤ f(x) + 10⁻¹⁴·|f(x)| (f does not grow
/// beyond rounding); otherwise, and in every other case, the line search runs from α = 1.
/// The 10⁻¹⁴ is about 50 ulps: the rounding of an f summed from a few dozen terms.
enum NewtonLineSearch {
  /// The relative level of f below which decreases are rounding.
  static let roundingLevel = 1e-14

  /// Moves from `current` along `direction`: the full step when the decrease is within
  /// rounding, else `lineSearch` from α = 1.
  static func step(
    _ lineSearch: any LineSearch, from current: Iterate, along direction: [Double],
    evaluator: ObjectiveEvaluator
  ) throws -> StepOutcome {
    let slope = Vectors.dot(current.gradient, direction)
    let noise = roundingLevel * Swift.abs(current.value)
    if slope < 0, -slope <= noise {
      let x = zip(current.x, direction).map { $0 + $1 }
      let (value, gradient) = try evaluator.valueAndGradient(at: x)
      let next = Iterate(x: x, value: value, gradient: gradient)
      if next.isFinite, value <= current.value + noise { return .moved(next, learningRate: 1) }
    }
    let outcome = try DirectionalSearch.run(
      lineSearch, from: current, along: direction, initialStep: 1, evaluator: evaluator)
    guard case .accepted(let next, let step) = outcome else { return .stopped(.lineSearchFailed) }
    return .moved(next, learningRate: step)
  }
}
