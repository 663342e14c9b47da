/// Gradient clipping applied before a rule sees the gradient.
public enum GradientClipping: Codable, Equatable, Sendable {
  /// Rescale g to norm `maxNorm` when ‖g‖₂ > maxNorm (`torch.nn.utils.clip_grad_norm_`,
  /// `optax.clip_by_global_norm`).
  case globalNorm(Double)
  /// Clamp each component to [−c, c] (`clip_grad_value_`, `optax.clip`).
  case value(Double)

  func apply(_ g: [Double]) -> [Double] {
    switch self {
    case .globalNorm(let maxNorm):
      let norm = Tensor(g).norm
      guard norm > maxNorm, norm.isFinite else { return g }
      // torch: g · maxNorm / (norm + 1e-6); optax: g · maxNorm / norm. Torch's form is used.
      let scale = maxNorm / (norm + 1e-6)
      return g.map { $0 * scale }
    case .value(let c):
      return g.map { Swift.min(Swift.max($0, -c), c) }
    }
  }
}

/// A first-order update rule driven by the loop: each iteration takes the gradient at the
/// current point (clipped if asked), asks the schedule for the learning rate of this step
/// (the rule's own `lr` without one), updates in place and evaluates the new point (one
/// gradient evaluation per iteration).
public struct FirstOrderMethod<Rule: UpdateRule>: IterativeMethod {
  /// The rule and its hyperparameters.
  public var rule: Rule
  /// The learning-rate schedule, if any: a function of the rule's step count.
  public var schedule: (any Schedule)?
  /// Clipping before the rule, if any.
  public var clipping: GradientClipping?

  /// A rule with an optional schedule and clipping.
  public init(_ rule: Rule, schedule: (any Schedule)? = nil, clipping: GradientClipping? = nil) {
    self.rule = rule
    self.schedule = schedule
    self.clipping = clipping
  }

  public struct State: Codable, Equatable, Sendable {
    /// The rule's own state (moments, accumulators, step count).
    public var rule: Rule.State
  }

  public var name: String { Rule.name }
  public var usesGradient: Bool { true }

  public var hyperparameters: JSONValue {
    var object: [String: JSONValue] = [:]
    if case .object(let fields) = (try? JSONValue(encoding: rule)) ?? .null { object = fields }
    if let schedule {
      var s: [String: JSONValue] = ["name": .string(type(of: schedule).name)]
      if case .object(let fields) = (try? JSONValue(encoding: schedule)) ?? .null {
        s.merge(fields) { a, _ in a }
      }
      object["schedule"] = .object(s)
    }
    switch clipping {
    case .globalNorm(let c): object["clip_norm"] = .number(c)
    case .value(let c): object["clip_value"] = .number(c)
    case nil: break
    }
    return .object(object)
  }

  public func learningRate(in state: State) -> Double? {
    schedule?.learningRate(atStep: state.rule.step) ?? rule.learningRate
  }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    State(rule: rule.initialState(parameterCount: start.x.count))
  }

  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    let lr = learningRate(in: state) ?? rule.learningRate
    let gradient = clipping?.apply(current.gradient) ?? current.gradient
    var x = current.x
    rule.update(
      &x, gradient: gradient, state: &state.rule,
      context: UpdateContext(loss: current.value, learningRate: lr))
    let (value, g) = try evaluator.valueAndGradient(at: x)
    return .moved(Iterate(x: x, value: value, gradient: g), learningRate: lr)
  }
}
