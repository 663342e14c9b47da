/// Gradient descent with a line search: the direction is d = −∇f(x), the step comes from a
/// pluggable ``LineSearch`` on φ(α) = f(x − α·∇f(x)).
///
/// ```
/// xₖ₊₁ = xₖ − αₖ·gₖ,   αₖ from the line search started at α₀
/// ```
///
/// The first trial step α₀ is ``initialStep`` (default 1) on the first iteration and twice
/// the previously accepted step afterwards — Optim.jl's `InitialPrevious` with a doubling, so
/// that the step can grow again after a short one; the line search shortens it when needed.
/// A line search that finds no acceptable step ends the run with
/// ``StopReason/lineSearchFailed``.
///
/// Defaults: ``StrongWolfe`` with c1 = 1e-4, c2 = 0.9; α₀ = 1. Each trial of the line search
/// costs one gradient evaluation; the accepted trial is not evaluated again.
///
/// - Note: Optim.jl's `GradientDescent` uses Hager–Zhang and `InitialPrevious` without the
///   doubling; SciPy has no plain gradient descent.
///
/// ## References
/// - J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., 2006, §3.1 and §3.3.
public struct GradientDescentLineSearch: IterativeMethod {
  /// The line search along −g.
  public var lineSearch: any LineSearch
  /// The first trial step of the first iteration.
  public var initialStep: Double

  /// Gradient descent with `lineSearch`, starting the first search at `initialStep`.
  public init(lineSearch: any LineSearch = StrongWolfe(), initialStep: Double = 1) {
    precondition(
      initialStep > 0 && initialStep.isFinite,
      "GradientDescentLineSearch: initialStep = \(initialStep) must be positive and finite")
    self.lineSearch = lineSearch
    self.initialStep = initialStep
  }

  public struct State: Codable, Equatable, Sendable {
    /// The step accepted by the last line search, nil before the first.
    public var previousStep: Double?
  }

  public var name: String { "gd-linesearch" }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { false }

  public var hyperparameters: JSONValue {
    .object([
      "linesearch": DirectionalSearch.describe(lineSearch),
      "alphaguess": .string("previous×2"), "initial_step": .number(initialStep),
    ])
  }

  /// The trial step the next line search starts from.
  public func learningRate(in state: State) -> Double? {
    state.previousStep.map { 2 * $0 } ?? initialStep
  }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State(previousStep: nil)
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let direction = current.gradient.map { -$0 }
    let outcome = try DirectionalSearch.run(
      lineSearch, from: current, along: direction,
      initialStep: learningRate(in: state) ?? initialStep, evaluator: evaluator)
    guard case .accepted(let next, let step) = outcome else {
      return .stopped(.lineSearchFailed)
    }
    state.previousStep = step
    return .moved(next, learningRate: step)
  }
}
