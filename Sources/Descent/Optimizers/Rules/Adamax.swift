/// Adamax: Adam with the second moment replaced by an exponentially weighted infinity norm,
/// as `torch.optim.Adamax` and `optax.adamax` (the two agree).
///
/// Adam's √v̂ is an L² average of past gradients; Adamax takes the limit p → ∞ of the Lᵖ
/// version, a decaying running maximum of |g|. The denominator then needs no bias
/// correction and cannot be dragged down by a run of small gradients as fast as Adam's, so
/// the step is bounded by η/(1 − β₁ᵗ) in every coordinate. Useful where gradients are sparse
/// or heavy-tailed.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step:
///
/// ```
/// gₜ ← −gₜ                            if maximize
/// gₜ ← gₜ + λ·θₜ₋₁                    λ = weightDecay (weight_decay), coupled
/// mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ          β₁ = beta1 (betas[0]); m₀ = 0
/// uₜ = max(β₂·uₜ₋₁, |gₜ| + ε)          β₂ = beta2 (betas[1]), ε = epsilon (eps); u₀ = 0
/// θₜ = θₜ₋₁ − (ηₜ / (1 − β₁ᵗ))·mₜ / uₜ   ηₜ = learning rate (lr or schedule)
/// ```
///
/// The state keeps m (`exp_avg`), u (`exp_inf`) and the step count.
///
/// Defaults are `torch.optim.Adamax`'s: `lr` 2e-3 (the paper's α = 0.002), `betas`
/// (0.9, 0.999), `eps` 1e-8, `weight_decay` 0, `maximize` false.
///
/// Valid values: `lr`, `eps` and `weight_decay` finite and ≥ 0; both `betas` in [0, 1).
///
/// ## References
///
/// Kingma & Ba, *Adam: A Method for Stochastic Optimization*, ICLR 2015 (arXiv:1412.6980),
/// Section 7.1, Algorithm 2 (AdaMax). PyTorch documentation, `torch.optim.Adamax`; Optax
/// documentation, `optax.adamax`.
///
/// ## PyTorch and Optax
///
/// Both libraries compute the same rule, ε inside the maximum included (the paper has no
/// ε), so Adamax has no `convention`. Optax has no weight decay or `maximize` here: they are
/// `chain(add_decayed_weights(λ), adamax(…))` and the negated gradient.
public struct Adamax: UpdateRule, Equatable {
  /// `adamax`.
  public static let name = "adamax"

  /// η, the learning rate (PyTorch's `lr`).
  public let learningRate: Double
  /// β₁, the decay rate of the first moment (`betas[0]`).
  public let beta1: Double
  /// β₂, the decay rate of the infinity norm (`betas[1]`).
  public let beta2: Double
  /// ε, added to |g| inside the maximum (`eps`).
  public let epsilon: Double
  /// λ, an L2 penalty λ·θ added to the gradient (`weight_decay`).
  public let weightDecay: Double
  /// Whether to climb instead of descend, by negating the gradient (`maximize`).
  public let maximize: Bool

  /// Adamax with the given hyperparameters; the defaults are `torch.optim.Adamax`'s.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr`, `eps` or
  ///   `weight_decay`, or `betas` outside [0, 1).
  public init(
    learningRate: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0, maximize: Bool = false
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try AdamKernels.checkBetas(beta1, beta2)
    try HyperparameterError.requireNonNegative(epsilon, name: "eps")
    try HyperparameterError.requireNonNegative(weightDecay, name: "weight_decay")
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.maximize = maximize
  }

  /// Hyperparameters under PyTorch's names.
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case betas
    case epsilon = "eps"
    case weightDecay = "weight_decay"
    case maximize
  }

  /// Step 0, a zero first moment and a zero infinity norm.
  public func initialState(parameterCount: Int) -> State {
    let zeros = [Double](repeating: 0, count: parameterCount)
    return State(step: 0, firstMoment: zeros, infinityNorm: zeros)
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    let n = parameters.count
    AdamKernels.checkCount(gradient.count, of: "gradient", parameters: n, rule: Self.name)
    AdamKernels.checkCount(
      state.firstMoment.count, of: "first moment", parameters: n, rule: Self.name)
    AdamKernels.checkCount(
      state.infinityNorm.count, of: "infinity norm", parameters: n, rule: Self.name)
    let t = state.step + 1
    state.step = t
    guard n > 0 else { return }

    // torch.optim.Adamax, single-tensor path: m ← lerp(m, g, 1 − β₁),
    // u ← max(β₂u, |g| + ε), θ ← θ − (η / (1 − β₁ᵗ))·m/u.
    let sign: Double = maximize ? -1 : 1
    let l2 = weightDecay
    let w = 1 - beta1
    let beta2 = self.beta2
    let eps = epsilon
    let negStep = -(context.learningRate / AdamKernels.biasCorrection(beta1, step: t))

    RuleBuffers.withBuffers(&parameters, gradient, &state.firstMoment, &state.infinityNorm) {
      p, g, m, u in
      AdamKernels.forEachChunk(n) { range in
        for i in range {
          let gi = sign * g[i] + l2 * p[i]
          let mi = AdamKernels.lerp(m[i], gi, weight: w)
          let ui = max(u[i] * beta2, abs(gi) + eps)
          m[i] = mi
          u[i] = ui
          p[i] = p[i] + negStep * (mi / ui)
        }
      }
    }
  }
}

extension Adamax: Codable {
  /// Reads hyperparameters under PyTorch's names, missing ones taking their defaults.
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let (beta1, beta2) = try AdamKernels.decodeBetas(c, forKey: .betas, defaults: (0.9, 0.999))
    try self.init(
      learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 2e-3,
      beta1: beta1, beta2: beta2,
      epsilon: c.decodeIfPresent(Double.self, forKey: .epsilon) ?? 1e-8,
      weightDecay: c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 0,
      maximize: c.decodeIfPresent(Bool.self, forKey: .maximize) ?? false)
  }

  /// Writes every hyperparameter, defaults included, `betas` as `[β₁, β₂]`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(learningRate, forKey: .learningRate)
    try c.encode([beta1, beta2], forKey: .betas)
    try c.encode(epsilon, forKey: .epsilon)
    try c.encode(weightDecay, forKey: .weightDecay)
    try c.encode(maximize, forKey: .maximize)
  }
}
