/// AdaGrad: a learning rate per parameter, divided by the root of the sum of all its squared
/// gradients so far, as `torch.optim.Adagrad` (or `optax.adagrad` under `.optax`).
///
/// Parameters with large or frequent gradients slow down, rare ones keep a large step: made
/// for sparse features (convex online learning). Because the sum only grows, the effective
/// rate decays like 1/√t and training eventually stalls; ``RMSProp`` and ``Adadelta``
/// replace the sum with a moving average for that reason.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step:
///
/// ```
/// gₜ ← −gₜ                          if maximize
/// gₜ ← gₜ + λ·θₜ₋₁                  λ = weightDecay (weight_decay), if λ ≠ 0
/// η̃ₜ = ηₜ / (1 + (t − 1)·δ)          δ = learningRateDecay (lr_decay)
/// sₜ = sₜ₋₁ + gₜ²                    s₀ = initialAccumulatorValue (initial_accumulator_value)
/// θₜ = θₜ₋₁ − η̃ₜ·gₜ / (√sₜ + ε)       .pytorch; ε = epsilon (eps)
/// θₜ = θₜ₋₁ − η̃ₜ·gₜ / √(sₜ + ε)       .optax (and 0 where sₜ = 0)
/// ```
///
/// Defaults (`torch.optim.Adagrad`): `lr` 1e-2, `lr_decay` 0, `weight_decay` 0,
/// `initial_accumulator_value` 0, `eps` 1e-10, `maximize` false. Valid: each number finite
/// and ≥ 0 (as PyTorch checks).
///
/// ## PyTorch and Optax
///
/// `optax.adagrad(learning_rate, initial_accumulator_value=0.1, eps=1e-7)` differs in three
/// ways, all followed under `convention: .optax`:
/// - ε sits inside the square root, √(s + ε), instead of outside, √s + ε;
/// - where the accumulator is exactly 0 the step is 0 (Optax's `jnp.where(s > 0, …, 0)`);
/// - the defaults of the two hyperparameters Optax has are its own: an initial accumulator
///   of 0.1 (TensorFlow's value) and ε = 1e-7. Values given explicitly are used as given;
///   ``initialAccumulatorValue`` and ``epsilon`` report the value in force.
///
/// Optax has no `lr_decay`, `weight_decay` or `maximize`: under `.optax` they still apply as
/// written above (Optax would chain `add_decayed_weights` and a schedule for them).
///
/// ## References
///
/// Duchi, Hazan & Singer, *Adaptive Subgradient Methods for Online Learning and Stochastic
/// Optimization*, JMLR 12 (2011), pp. 2121–2159: the diagonal update
/// x_{t+1} = x_t − η·diag(G_t)^(−1/2)·g_t of §1 and Figure 1 (ADAGRAD with diagonal
/// matrices). PyTorch documentation, `torch.optim.Adagrad`, algorithm box.
public struct AdaGrad: UpdateRule, Equatable {
  /// `adagrad`.
  public static let name = "adagrad"

  /// η, the learning rate (PyTorch's `lr`).
  public let learningRate: Double
  /// δ: the rate of step t is η/(1 + (t − 1)·δ) (`lr_decay`).
  public let learningRateDecay: Double
  /// λ, the L2 penalty added to the gradient as λ·θ (`weight_decay`).
  public let weightDecay: Double
  /// s₀, the starting value of every accumulator (`initial_accumulator_value`): 0 under
  /// `.pytorch` and 0.1 under `.optax` unless given.
  public let initialAccumulatorValue: Double
  /// ε, added to the denominator (`eps`): 1e-10 under `.pytorch` and 1e-7 under `.optax`
  /// unless given.
  public let epsilon: Double
  /// Whether to climb instead of descend, by negating the gradient (`maximize`).
  public let maximize: Bool
  /// Whose formula and defaults: PyTorch's (ε outside the root) or Optax's (inside).
  public let convention: Convention

  /// AdaGrad with the given hyperparameters; `nil` takes the convention's default.
  /// - Throws: ``HyperparameterError`` when a number is negative or not finite.
  public init(
    learningRate: Double = 1e-2, learningRateDecay: Double = 0, weightDecay: Double = 0,
    initialAccumulatorValue: Double? = nil, epsilon: Double? = nil, maximize: Bool = false,
    convention: Convention = .pytorch
  ) throws(HyperparameterError) {
    let initialAccumulatorValue = initialAccumulatorValue ?? (convention == .optax ? 0.1 : 0)
    let epsilon = epsilon ?? (convention == .optax ? 1e-7 : 1e-10)
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try HyperparameterError.requireNonNegative(learningRateDecay, name: "lr_decay")
    try HyperparameterError.requireNonNegative(weightDecay, name: "weight_decay")
    try HyperparameterError.requireNonNegative(
      initialAccumulatorValue, name: "initial_accumulator_value")
    try HyperparameterError.requireNonNegative(epsilon, name: "eps")
    self.learningRate = learningRate
    self.learningRateDecay = learningRateDecay
    self.weightDecay = weightDecay
    self.initialAccumulatorValue = initialAccumulatorValue
    self.epsilon = epsilon
    self.maximize = maximize
    self.convention = convention
  }

  /// Hyperparameters under PyTorch's names, and the convention.
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case learningRateDecay = "lr_decay"
    case weightDecay = "weight_decay"
    case initialAccumulatorValue = "initial_accumulator_value"
    case epsilon = "eps"
    case maximize
    case convention
  }

  /// Step 0 and every accumulator at s₀.
  public func initialState(parameterCount: Int) -> State {
    State(step: 0, sum: [Double](repeating: initialAccumulatorValue, count: parameterCount))
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    let n = parameters.count
    precondition(
      gradient.count == n && state.sum.count == n,
      "adagrad: gradient of \(gradient.count) entries and accumulator of \(state.sum.count) "
        + "for \(n) parameters")
    // PyTorch: clr = lr / (1 + (step - 1) * lr_decay), its step counted after the increment.
    let rate = context.learningRate / (1 + Double(state.step) * learningRateDecay)
    state.step += 1
    guard n > 0 else { return }
    let sign: Double = maximize ? -1 : 1
    let decay = weightDecay
    let decays = weightDecay != 0
    let eps = epsilon
    let optax = convention == .optax
    RuleBuffers.withBuffers(&parameters, gradient, &state.sum) { p, g, s in
      // The sum is ≥ 0 (it starts at s₀ ≥ 0), so `magnitude` changes no value; it lets
      // the compiler drop libm's errno path for negative arguments and vectorise √.
      if optax {
        // scale_by_rss: s ← g² + s; u = g·(s > 0 ? 1/√(s + ε) : 0); θ ← θ − η̃·u.
        Parallelism.forEachChunk(
          n, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
        ) { range in
          for i in range {
            let theta = p[i]
            let raw = sign * g[i]
            let d = decays ? raw + decay * theta : raw
            let total = d * d + s[i]
            s[i] = total
            let scale = total > 0 ? 1 / (total + eps).magnitude.squareRoot() : 0
            p[i] = theta - rate * (scale * d)
          }
        }
      } else {
        // _single_tensor_adagrad: s ← s + g²; θ ← θ − η̃·g/(√s + ε).
        Parallelism.forEachChunk(
          n, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
        ) { range in
          for i in range {
            let theta = p[i]
            let raw = sign * g[i]
            let d = decays ? raw + decay * theta : raw
            let total = s[i] + d * d
            s[i] = total
            p[i] = theta - rate * (d / (total.magnitude.squareRoot() + eps))
          }
        }
      }
    }
  }
}

extension AdaGrad: Codable {
  /// Reads hyperparameters under PyTorch's names, missing ones taking the defaults of the
  /// convention (itself `pytorch` when missing).
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1e-2,
      learningRateDecay: c.decodeIfPresent(Double.self, forKey: .learningRateDecay) ?? 0,
      weightDecay: c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 0,
      initialAccumulatorValue: c.decodeIfPresent(Double.self, forKey: .initialAccumulatorValue),
      epsilon: c.decodeIfPresent(Double.self, forKey: .epsilon),
      maximize: c.decodeIfPresent(Bool.self, forKey: .maximize) ?? false,
      convention: c.decodeIfPresent(Convention.self, forKey: .convention) ?? .pytorch)
  }
}
