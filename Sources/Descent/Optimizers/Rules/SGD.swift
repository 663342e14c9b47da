/// Stochastic gradient descent with momentum, dampening, Nesterov momentum and coupled weight
/// decay, exactly as `torch.optim.SGD`.
///
/// The workhorse of deep learning. Momentum (μ ≈ 0.9) averages successive gradients so that
/// steps grow along a consistent direction and oscillations across a narrow valley cancel;
/// Nesterov's variant looks one momentum step ahead. With every option at its default it is
/// ``GradientDescent``.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step:
///
/// ```
/// gₜ ← −gₜ                          if maximize
/// gₜ ← gₜ + λ·θₜ₋₁                  λ = weightDecay (weight_decay), if λ ≠ 0
/// bₜ = gₜ                           t = 1: the buffer starts at the gradient, undamped
/// bₜ = μ·bₜ₋₁ + (1 − τ)·gₜ          t > 1: μ = momentum, τ = dampening   } if μ ≠ 0
/// dₜ = gₜ + μ·bₜ  if nesterov, else dₜ = bₜ                             }
/// dₜ = gₜ                           if μ = 0
/// θₜ = θₜ₋₁ − ηₜ·dₜ                 ηₜ = learning rate (lr, or the schedule's)
/// ```
///
/// The first momentum step copies the gradient into the buffer without dampening (PyTorch
/// creates the buffer then); a buffer started at zero would give (1 − τ)·g₁ instead. The
/// learning rate multiplies the buffer when the parameters move, so a schedule rescales the
/// whole accumulated velocity at once: see ``LectureMomentum`` for the form that folds ηₜ
/// into the velocity, and for why the two agree only for a constant learning rate.
///
/// Defaults are `torch.optim.SGD`'s: `lr` 1e-3, `momentum` 0, `dampening` 0,
/// `weight_decay` 0, `nesterov` false, `maximize` false.
///
/// Valid values: `lr` and `weight_decay` finite and ≥ 0, `momentum` in [0, 1), `dampening`
/// in [0, 1], and `nesterov` only with `momentum` > 0 and `dampening` = 0. PyTorch raises
/// for the negative values and the Nesterov condition; it accepts a momentum ≥ 1 or a
/// dampening outside [0, 1], whose iterates never settle, which are refused here.
///
/// ## References
///
/// Polyak, *Some methods of speeding up the convergence of iteration methods*, USSR
/// Computational Mathematics and Mathematical Physics 4(5), 1964 (the heavy-ball method).
/// Sutskever, Martens, Dahl & Hinton, *On the importance of initialization and momentum in
/// deep learning*, ICML 2013, eqs. (1)–(2) (classical momentum) and (3)–(4) (Nesterov's
/// accelerated gradient, which PyTorch's `nesterov` rewrites in terms of the current
/// parameters). PyTorch documentation, `torch.optim.SGD`, algorithm box.
///
/// ## PyTorch and Optax
///
/// `optax.sgd(lr, momentum, nesterov)` is the same rule: its trace starts at zero, so its
/// first step is g₁ exactly as PyTorch's, and it has no dampening. Optax applies weight
/// decay by chaining `add_decayed_weights` before it, which is the coupled form above.
public struct SGD: UpdateRule, Equatable {
  /// `sgd`.
  public static let name = "sgd"
  /// Steps of lr·g (at the start): lr < 2/λmax is the stability bound on a quadratic.
  public static var learningRateIsBoundedByCurvature: Bool { true }

  /// η, the learning rate (PyTorch's `lr`).
  public let learningRate: Double
  /// μ, the momentum factor; 0 turns momentum off (`momentum`).
  public let momentum: Double
  /// τ, the share of each new gradient held back from the buffer after the first step
  /// (`dampening`).
  public let dampening: Double
  /// λ, the L2 penalty added to the gradient as λ·θ (`weight_decay`).
  public let weightDecay: Double
  /// Whether the step is g + μ·b instead of b (`nesterov`).
  public let nesterov: Bool
  /// Whether to climb instead of descend, by negating the gradient (`maximize`).
  public let maximize: Bool

  /// SGD with the given hyperparameters; the defaults are `torch.optim.SGD`'s.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr` or `weight_decay`,
  ///   a `momentum` outside [0, 1), a `dampening` outside [0, 1], or `nesterov` without
  ///   momentum or with dampening.
  public init(
    learningRate: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
    weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try HyperparameterError.requireUnitInterval(momentum, name: "momentum", includingOne: false)
    try HyperparameterError.requireUnitInterval(dampening, name: "dampening", includingOne: true)
    try HyperparameterError.requireNonNegative(weightDecay, name: "weight_decay")
    if nesterov && (momentum <= 0 || dampening != 0) {
      throw HyperparameterError(
        name: "nesterov", value: "true",
        valid: "momentum > 0 and dampening = 0 (momentum is \(momentum), dampening \(dampening))")
    }
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.weightDecay = weightDecay
    self.nesterov = nesterov
    self.maximize = maximize
  }

  /// Hyperparameters under PyTorch's names.
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case momentum
    case dampening
    case weightDecay = "weight_decay"
    case nesterov
    case maximize
  }

  /// Step 0; a momentum buffer of `parameterCount` zeros when momentum is on (its first
  /// update overwrites it with the gradient), none otherwise.
  public func initialState(parameterCount: Int) -> State {
    State(
      step: 0,
      momentumBuffer: momentum != 0 ? [Double](repeating: 0, count: parameterCount) : [])
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    let n = parameters.count
    precondition(
      gradient.count == n && state.momentumBuffer.count == (momentum != 0 ? n : 0),
      "sgd: gradient of \(gradient.count) entries and momentum buffer of "
        + "\(state.momentumBuffer.count) for \(n) parameters (momentum \(momentum))")
    let first = state.step == 0
    state.step += 1
    guard n > 0 else { return }
    let lr = context.learningRate
    let sign: Double = maximize ? -1 : 1
    let decay = weightDecay
    let decays = weightDecay != 0
    let mu = momentum
    let keep = 1 - dampening
    let nesterov = self.nesterov
    RuleBuffers.withBuffers(&parameters, gradient, &state.momentumBuffer) { p, g, b in
      // Without momentum the buffer is empty and `b` a placeholder, never read.
      guard mu != 0 else {
        Parallelism.forEachChunk(
          n, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
        ) { range in
          for i in range {
            let theta = p[i]
            let raw = sign * g[i]
            let d = decays ? raw + decay * theta : raw
            p[i] = theta - lr * d
          }
        }
        return
      }
      Parallelism.forEachChunk(
        n, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
      ) { range in
        for i in range {
          let theta = p[i]
          let raw = sign * g[i]
          let d = decays ? raw + decay * theta : raw
          // PyTorch's first step copies the gradient: b₁ = g₁, undamped.
          // Read unconditionally (the buffer is zeros at step 0): a load under the
          // branch would keep the loop scalar.
          let old = b[i]
          let velocity = first ? d : old * mu + keep * d
          b[i] = velocity
          let direction = nesterov ? d + mu * velocity : velocity
          p[i] = theta - lr * direction
        }
      }
    }
  }
}

extension SGD: Codable {
  /// Reads hyperparameters under PyTorch's names, missing ones taking their defaults.
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1e-3,
      momentum: c.decodeIfPresent(Double.self, forKey: .momentum) ?? 0,
      dampening: c.decodeIfPresent(Double.self, forKey: .dampening) ?? 0,
      weightDecay: c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 0,
      nesterov: c.decodeIfPresent(Bool.self, forKey: .nesterov) ?? false,
      maximize: c.decodeIfPresent(Bool.self, forKey: .maximize) ?? false)
  }
}
