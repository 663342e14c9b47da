/// Lion (EvoLved Sign Momentum): a step of the same size η in every coordinate, in the sign
/// of an interpolation between the momentum and the gradient, as `optax.lion`.
///
/// Found by program search (Chen et al. 2023). Lion keeps one moment instead of Adam's two
/// and moves every parameter by exactly ±η (plus weight decay) per step, so its updates have
/// a larger norm than Adam's: its learning rate is usually 3–10× smaller than AdamW's and
/// its weight decay 3–10× larger, for the same product ηλ.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step:
///
/// ```
/// cₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ              β₁ = beta1 (betas[0]), the interpolation
/// θₜ = θₜ₋₁ − ηₜ·(sign(cₜ) + λ·θₜ₋₁)       λ = weightDecay (weight_decay), decoupled
/// mₜ = β₂·mₜ₋₁ + (1 − β₂)·gₜ              β₂ = beta2 (betas[1]), the momentum; m₀ = 0
/// ```
///
/// sign(0) = 0, as `jnp.sign`: a coordinate whose gradient and momentum are both exactly 0
/// does not move (but for weight decay). The state keeps m (`exp_avg`) and the step count.
///
/// Defaults: `betas` (0.9, 0.99) and `weight_decay` 1e-3 are `optax.lion`'s (the betas are
/// the paper's); `lr` 1e-4, which Optax leaves to the caller, is the paper's advice of a
/// learning rate 10× below AdamW's 1e-3 (and the default of the authors' PyTorch port).
///
/// Valid values: `lr` and `weight_decay` finite and ≥ 0; both `betas` in [0, 1).
///
/// ## References
///
/// Chen, Liang, Huang, Real, Wang, Pham, Dong, Luong, Hsieh, Lu & Le, *Symbolic Discovery of
/// Optimization Algorithms*, NeurIPS 2023 (arXiv:2302.06675), Algorithm 2 (Lion) and
/// Section 3.2 (hyperparameters). Optax documentation, `optax.lion`.
///
/// ## PyTorch and Optax
///
/// PyTorch has no Lion; this is Optax's `lion` with its default `mode="hard"` (the sign),
/// weight decay applied to θₜ₋₁ and multiplied by the learning rate, which is also the
/// paper's Algorithm 2. Hence no `convention`, and no `maximize` (Optax has none).
public struct Lion: UpdateRule, Equatable {
  /// `lion`.
  public static let name = "lion"

  /// η, the size of every step (`lr`).
  public let learningRate: Double
  /// β₁, the weight of the momentum in the interpolation whose sign is the step
  /// (`betas[0]`, Optax's `b1`).
  public let beta1: Double
  /// β₂, the decay rate of the momentum (`betas[1]`, Optax's `b2`).
  public let beta2: Double
  /// λ, the decoupled weight decay: θ shrinks by ηλ·θ each step (`weight_decay`).
  public let weightDecay: Double

  /// Lion with the given hyperparameters; the defaults are described above.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr` or `weight_decay`,
  ///   or `betas` outside [0, 1).
  public init(
    learningRate: Double = 1e-4, beta1: Double = 0.9, beta2: Double = 0.99,
    weightDecay: Double = 1e-3
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try AdamKernels.checkBetas(beta1, beta2)
    try HyperparameterError.requireNonNegative(weightDecay, name: "weight_decay")
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.weightDecay = weightDecay
  }

  /// Hyperparameters under PyTorch-style names (`lr`, `betas`, `weight_decay`).
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case betas
    case weightDecay = "weight_decay"
  }

  /// Step 0 and a zero momentum.
  public func initialState(parameterCount: Int) -> State {
    State(step: 0, momentum: [Double](repeating: 0, count: parameterCount))
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    let n = parameters.count
    AdamKernels.checkCount(gradient.count, of: "gradient", parameters: n, rule: Self.name)
    AdamKernels.checkCount(state.momentum.count, of: "momentum", parameters: n, rule: Self.name)
    state.step += 1
    guard n > 0 else { return }

    // optax.scale_by_lion, add_decayed_weights, scale_by_learning_rate.
    let beta1 = self.beta1
    let beta2 = self.beta2
    let c1 = 1 - beta1
    let c2 = 1 - beta2
    let decay = weightDecay
    let negLr = -context.learningRate

    RuleBuffers.withBuffers(&parameters, gradient, &state.momentum) { p, g, m in
      AdamKernels.forEachChunk(n) { range in
        for i in range {
          let gi = g[i]
          let c = c1 * gi + beta1 * m[i]
          // sign(c), 0 at 0 and NaN at NaN, as jnp.sign.
          let s: Double = c > 0 ? 1 : c < 0 ? -1 : c
          m[i] = c2 * gi + beta2 * m[i]
          p[i] = p[i] + negLr * (s + decay * p[i])
        }
      }
    }
  }
}

extension Lion: Codable {
  /// Reads hyperparameters by name, missing ones taking their defaults.
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let (beta1, beta2) = try AdamKernels.decodeBetas(c, forKey: .betas, defaults: (0.9, 0.99))
    try self.init(
      learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1e-4,
      beta1: beta1, beta2: beta2,
      weightDecay: c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 1e-3)
  }

  /// Writes every hyperparameter, defaults included, `betas` as `[β₁, β₂]`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(learningRate, forKey: .learningRate)
    try c.encode([beta1, beta2], forKey: .betas)
    try c.encode(weightDecay, forKey: .weightDecay)
  }
}
