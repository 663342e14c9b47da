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
/// gradient evaluation per iteration). A reduce-on-plateau schedule observes f after every
/// update (one update is one of PyTorch's "epochs" here); its state is part of the
/// method's state, so it is saved and resumed with the run.
public struct FirstOrderMethod<Rule: UpdateRule>: IterativeMethod {
  /// The rule and its hyperparameters.
  public var rule: Rule
  /// The learning-rate schedule, if any: a function of the rule's step count, or
  /// reduce-on-plateau.
  public var schedule: LearningRateSchedule?
  /// Clipping before the rule, if any.
  public var clipping: GradientClipping?

  /// A rule with an optional schedule and clipping.
  public init(
    _ rule: Rule, schedule: LearningRateSchedule? = nil, clipping: GradientClipping? = nil
  ) {
    self.rule = rule
    self.schedule = schedule
    self.clipping = clipping
  }

  /// A rule with a stepwise schedule.
  public init(_ rule: Rule, schedule: any Schedule, clipping: GradientClipping? = nil) {
    self.init(rule, schedule: .stepwise(schedule), clipping: clipping)
  }

  public struct State: Codable, Equatable, Sendable {
    /// The rule's own state (moments, accumulators, step count).
    public var rule: Rule.State
    /// Reduce-on-plateau's counters and current rate, when that is the schedule.
    public var plateau: ReduceOnPlateau.State?
  }

  public var name: String { Rule.name }
  public var usesGradient: Bool { true }
  public var learningRateIsBoundedByCurvature: Bool { Rule.learningRateIsBoundedByCurvature }

  public var hyperparameters: JSONValue {
    var object: [String: JSONValue] = [:]
    if case .object(let fields) = (try? JSONValue(encoding: rule)) ?? .null { object = fields }
    if let schedule {
      var s: [String: JSONValue] = ["name": .string(schedule.name)]
      let encoded: JSONValue? =
        switch schedule {
        case .stepwise(let stepwise): try? JSONValue(encoding: stepwise)
        case .plateau(let plateau): try? JSONValue(encoding: plateau)
        }
      if case .object(let fields) = encoded ?? .null { s.merge(fields) { a, _ in a } }
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
    switch schedule {
    case .stepwise(let s): s.learningRate(atStep: state.rule.step)
    case .plateau(let p): state.plateau.map { p.learningRate(state: $0) } ?? rule.learningRate
    case nil: rule.learningRate
    }
  }

  public func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State {
    var plateau: ReduceOnPlateau.State?
    if case .plateau(let p) = schedule { plateau = p.initialState() }
    return State(rule: rule.initialState(parameterCount: start.x.count), plateau: plateau)
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
    if case .plateau(let p) = schedule, state.plateau != nil {
      p.observe(value, state: &state.plateau!)
    }
    return .moved(Iterate(x: x, value: value, gradient: g), learningRate: lr)
  }
}
