/// Momentum in the lecture's form: a velocity that accumulates scaled gradient steps.
///
/// The heavy-ball method as usually taught (and as in Sutskever et al. 2013): the velocity
/// m is a running sum of past steps −η·g, each damped by λ per step, and the parameters
/// move by m. Use it to compare with ``SGD``'s momentum, which PyTorch writes differently.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step:
///
/// ```
/// mₜ = λ·mₜ₋₁ − ηₜ·gₜ       λ = momentum, ηₜ = learning rate (lr, or the schedule's); m₀ = 0
/// θₜ = θₜ₋₁ + mₜ
/// ```
///
/// ## Same as PyTorch's momentum for a constant learning rate, not under a schedule
///
/// ``SGD`` keeps b = μ·b + g (the first b being g) and moves θ by −ηₜ·bₜ. Unrolled,
///
/// ```
/// lecture:  θₜ = θₜ₋₁ − Σₛ≤ₜ λ^(t−s)·ηₛ·gₛ     each gradient keeps the rate of its own step
/// PyTorch:  θₜ = θₜ₋₁ − ηₜ·Σₛ≤ₜ μ^(t−s)·gₛ      the current rate rescales the whole sum
/// ```
///
/// With ηₛ = η for every s and λ = μ (and PyTorch's dampening 0, Nesterov off) both are
/// θₜ₋₁ − η·Σ μ^(t−s)·gₛ: the same iterates, up to rounding (mₜ = −η·bₜ). When the learning
/// rate changes — a schedule, warm-up, decay — PyTorch's step applies the new rate to
/// gradients taken long before, this form does not: after a drop from η to η/10, PyTorch's
/// very next step shrinks tenfold, while this velocity keeps most of its length for about
/// 1/(1 − λ) steps. Optax's `trace` after `scale_by_learning_rate` (as in its `rmsprop`) is
/// this form; `optax.sgd` is PyTorch's.
///
/// Defaults: `lr` 1e-3 as `torch.optim.SGD`; `momentum` 0.9, the value of Sutskever et al.
/// and of most practice (with 0 the rule is ``GradientDescent``). Valid: `lr` finite and
/// ≥ 0, `momentum` in [0, 1).
///
/// ## References
///
/// Polyak, *Some methods of speeding up the convergence of iteration methods*, USSR
/// Computational Mathematics and Mathematical Physics 4(5), 1964 (heavy ball). Sutskever,
/// Martens, Dahl & Hinton, *On the importance of initialization and momentum in deep
/// learning*, ICML 2013, eqs. (1)–(2) (with ε = η, μ = λ). Goh, *Why Momentum Really Works*,
/// Distill, 2017.
public struct LectureMomentum: UpdateRule, Equatable {
  /// `momentum`.
  public static let name = "momentum"
  /// Steps of lr·g (at the start): lr < 2/λmax is the stability bound on a quadratic.
  public static var learningRateIsBoundedByCurvature: Bool { true }

  /// η, the learning rate (`lr`).
  public let learningRate: Double
  /// λ, the factor by which the velocity decays each step (`momentum`).
  public let momentum: Double

  /// The lecture's momentum with learning rate η and momentum λ.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr` or a `momentum`
  ///   outside [0, 1).
  public init(learningRate: Double = 1e-3, momentum: Double = 0.9) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try HyperparameterError.requireUnitInterval(momentum, name: "momentum", includingOne: false)
    self.learningRate = learningRate
    self.momentum = momentum
  }

  /// Hyperparameters under PyTorch's names.
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case momentum
  }

  /// Step 0 and a velocity of zeros.
  public func initialState(parameterCount: Int) -> State {
    State(step: 0, velocity: [Double](repeating: 0, count: parameterCount))
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    let n = parameters.count
    precondition(
      gradient.count == n && state.velocity.count == n,
      "momentum: gradient of \(gradient.count) entries and velocity of \(state.velocity.count) "
        + "for \(n) parameters")
    state.step += 1
    guard n > 0 else { return }
    let lr = context.learningRate
    let lambda = momentum
    RuleBuffers.withBuffers(&parameters, gradient, &state.velocity) { p, g, m in
      Parallelism.forEachChunk(
        n, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
      ) { range in
        for i in range {
          let v = lambda * m[i] - lr * g[i]
          m[i] = v
          p[i] += v
        }
      }
    }
  }
}

extension LectureMomentum: Codable {
  /// Reads hyperparameters under PyTorch's names, missing ones taking their defaults.
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1e-3,
      momentum: c.decodeIfPresent(Double.self, forKey: .momentum) ?? 0.9)
  }
}
