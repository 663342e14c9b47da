import Foundation

/// NAdam: Adam with Nesterov momentum and Dozat's momentum schedule, as `torch.optim.NAdam`
/// or, under `convention: .optax`, as `optax.nadam` / `optax.nadamw`.
///
/// Nesterov's look-ahead applied to Adam's first moment: the step mixes the current gradient
/// with the momentum the next step will carry, which usually reaches a given loss in fewer
/// steps than Adam. PyTorch also warms the momentum up, from β₁/2 towards β₁.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step:
///
/// ```
/// gₜ ← −gₜ                           if maximize
/// gₜ ← gₜ + λ·θₜ₋₁                   λ = weightDecay (weight_decay), coupled (the default)
/// θₜ₋₁ ← (1 − ηₜλ)·θₜ₋₁              instead, with decoupledWeightDecay
/// μₜ = β₁·(1 − ½·0.96^(t·ψ))         β₁ = beta1 (betas[0]), ψ = momentumDecay (momentum_decay)
/// Πₜ = Πₜ₋₁·μₜ                        Π₀ = 1, the product of the schedule
/// mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ         m₀ = 0
/// vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²        β₂ = beta2 (betas[1]); v₀ = 0
/// v̂ₜ = vₜ / (1 − β₂ᵗ)
/// θₜ = θₜ₋₁ − ηₜ·[(1 − μₜ)/(1 − Πₜ)·gₜ + μₜ₊₁/(1 − Πₜμₜ₊₁)·mₜ] / (√v̂ₜ + ε)
///                                    ε = epsilon (eps); ηₜ = learning rate (lr or schedule)
///
/// under .optax, μₜ = β₁ for every t (so Πₜ = β₁ᵗ), and ε_root = epsilonRoot (eps_root):
/// θₜ = θₜ₋₁ − ηₜ·[(1 − β₁)/(1 − β₁ᵗ)·gₜ + β₁/(1 − β₁ᵗ⁺¹)·mₜ] / (√(v̂ₜ + ε_root) + ε)
/// with decoupled decay as Optax's: θₜ = θₜ₋₁ − ηₜ·([…]/(…) + λ·θₜ₋₁)
/// ```
///
/// The state keeps m (`exp_avg`), v (`exp_avg_sq`), Πₜ (`mu_product`) and the step count.
///
/// Defaults are `torch.optim.NAdam`'s: `lr` 2e-3, `betas` (0.9, 0.999), `eps` 1e-8,
/// `weight_decay` 0, `momentum_decay` 4e-3 (ψ, Keras's `schedule_decay` of the same rule),
/// `decoupled_weight_decay` false, `maximize` false; `eps_root` 0 and `convention` pytorch.
///
/// Valid values: `lr`, `eps`, `weight_decay`, `momentum_decay` and `eps_root` finite and
/// ≥ 0; both `betas` in [0, 1); `eps_root` 0 unless the convention is optax.
///
/// ## References
///
/// Dozat, *Incorporating Nesterov Momentum into Adam*, ICLR 2016 workshop track, Algorithm 2
/// (NAdam) and the schedule μₜ = β₁(1 − ½·0.96^(tψ)) of its Section 3 (after Sutskever et
/// al. 2013). Loshchilov & Hutter, *Decoupled Weight Decay Regularization*, ICLR 2019 (the
/// decoupled form). PyTorch documentation, `torch.optim.NAdam`; Optax documentation,
/// `optax.nadam`, `optax.nadamw`.
///
/// ## PyTorch and Optax
///
/// > Warning: Optax's `nadam` has no momentum schedule: μₜ = β₁ throughout, the limit of
/// > PyTorch's rule as `momentum_decay` → ∞ (PyTorch's `momentum_decay` 0 is μₜ = β₁/2,
/// > not Optax's rule). Under `.optax`, `momentumDecay` is kept and encoded but unused.
///
/// > Warning: Optax's `eps_root` adds ε_root to v̂ₜ inside the square root; accepted only
/// > under `.optax`.
///
/// Dozat's Algorithm 2 also multiplies v̂ by β₂; neither library does (Optax's source says
/// so). Optax has no `maximize`, and weight decay is `chain(add_decayed_weights(λ),
/// nadam(…))` (coupled) or `optax.nadamw` (decoupled, whose default λ is 1e-4).
public struct NAdam: UpdateRule, Equatable {
  /// `nadam`.
  public static let name = "nadam"

  /// η, the learning rate (PyTorch's `lr`).
  public let learningRate: Double
  /// β₁, the decay rate of the first moment and the ceiling of the momentum schedule
  /// (`betas[0]`).
  public let beta1: Double
  /// β₂, the decay rate of the second moment (`betas[1]`).
  public let beta2: Double
  /// ε, added to √v̂ in the denominator (`eps`).
  public let epsilon: Double
  /// λ, the weight decay: an L2 penalty λ·θ added to the gradient, or with
  /// ``decoupledWeightDecay`` a shrinking of θ by ηλ (`weight_decay`).
  public let weightDecay: Double
  /// ψ, how fast the momentum schedule μₜ rises from β₁/2 to β₁ (`momentum_decay`).
  public let momentumDecay: Double
  /// Whether weight decay shrinks θ directly instead of entering the moments (NAdamW,
  /// `decoupled_weight_decay`).
  public let decoupledWeightDecay: Bool
  /// Whether to climb instead of descend, by negating the gradient (`maximize`).
  public let maximize: Bool
  /// PyTorch's formulas or Optax's (`convention`).
  public let convention: Convention
  /// ε_root, added to v̂ inside the square root, used only under `.optax` (`eps_root`).
  public let epsilonRoot: Double

  /// NAdam with the given hyperparameters; the defaults are `torch.optim.NAdam`'s.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr`, `eps`,
  ///   `weight_decay`, `momentum_decay` or `eps_root`, `betas` outside [0, 1), or a nonzero
  ///   `eps_root` under the PyTorch convention.
  public init(
    learningRate: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0, momentumDecay: Double = 4e-3,
    decoupledWeightDecay: Bool = false, maximize: Bool = false,
    convention: Convention = .pytorch, epsilonRoot: Double = 0
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try AdamKernels.checkBetas(beta1, beta2)
    try HyperparameterError.requireNonNegative(epsilon, name: "eps")
    try HyperparameterError.requireNonNegative(weightDecay, name: "weight_decay")
    try HyperparameterError.requireNonNegative(momentumDecay, name: "momentum_decay")
    try AdamKernels.checkEpsilonRoot(epsilonRoot, convention: convention)
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.momentumDecay = momentumDecay
    self.decoupledWeightDecay = decoupledWeightDecay
    self.maximize = maximize
    self.convention = convention
    self.epsilonRoot = epsilonRoot
  }

  /// Hyperparameters under PyTorch's names (Optax's for `eps_root`).
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case betas
    case epsilon = "eps"
    case weightDecay = "weight_decay"
    case momentumDecay = "momentum_decay"
    case decoupledWeightDecay = "decoupled_weight_decay"
    case maximize
    case convention
    case epsilonRoot = "eps_root"
  }

  /// Step 0, zero moments and a schedule product Π₀ = 1.
  public func initialState(parameterCount: Int) -> State {
    let zeros = [Double](repeating: 0, count: parameterCount)
    return State(step: 0, firstMoment: zeros, secondMoment: zeros, momentumProduct: 1)
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    let n = parameters.count
    AdamKernels.checkCount(gradient.count, of: "gradient", parameters: n, rule: Self.name)
    AdamKernels.checkCount(
      state.firstMoment.count, of: "first moment", parameters: n, rule: Self.name)
    AdamKernels.checkCount(
      state.secondMoment.count, of: "second moment", parameters: n, rule: Self.name)
    let t = state.step + 1
    state.step = t
    let lr = context.learningRate
    let beta1 = self.beta1
    let beta2 = self.beta2
    let sign: Double = maximize ? -1 : 1
    let eps = epsilon
    let l2 = decoupledWeightDecay ? 0 : weightDecay
    let decoupled = decoupledWeightDecay ? weightDecay : 0
    let invBc2 = 1 / AdamKernels.biasCorrection(beta2, step: t)

    // The coefficients of g and m in the step, per convention.
    let gradientCoefficient: Double
    let momentCoefficient: Double
    switch convention {
    case .pytorch:
      let mu = beta1 * (1 - 0.5 * pow(0.96, Double(t) * momentumDecay))
      let muNext = beta1 * (1 - 0.5 * pow(0.96, Double(t + 1) * momentumDecay))
      state.momentumProduct *= mu
      let productNext = state.momentumProduct * muNext
      gradientCoefficient = -lr * (1 - mu) / (1 - state.momentumProduct)
      momentCoefficient = -lr * muNext / (1 - productNext)
    case .optax:
      // The two bias-corrected weights of m̂; η enters in the loop.
      state.momentumProduct *= beta1
      gradientCoefficient = (1 - beta1) / AdamKernels.biasCorrection(beta1, step: t)
      momentCoefficient = beta1 / AdamKernels.biasCorrection(beta1, step: t + 1)
    }
    guard n > 0 else { return }
    let cg = gradientCoefficient
    let cm = momentCoefficient

    RuleBuffers.withBuffers(&parameters, gradient, &state.firstMoment, &state.secondMoment) {
      p, g, m, v in
      switch convention {
      case .pytorch:
        // torch.optim.NAdam, single-tensor path: θ ← θ·(1 − ηλ) (decoupled);
        // m ← lerp(m, g, 1 − β₁); v ← β₂v + (1 − β₂)g²; d = √(v/(1 − β₂ᵗ)) + ε;
        // θ ← θ + c_g·g/d + c_m·m/d with c_g, c_m the (negative) schedule coefficients.
        let w = 1 - beta1
        let c2 = 1 - beta2
        let decay = 1 - lr * decoupled
        AdamKernels.forEachChunk(n) { range in
          for i in range {
            let gi = sign * g[i] + l2 * p[i]
            let mi = AdamKernels.lerp(m[i], gi, weight: w)
            let vi = v[i] * beta2 + c2 * gi * gi
            m[i] = mi
            v[i] = vi
            let q = 1 / (AdamKernels.root(vi * invBc2) + eps)
            p[i] = p[i] * decay + cg * (gi * q) + cm * (mi * q)
          }
        }
      case .optax:
        // optax.scale_by_adam(nesterov=True), add_decayed_weights (decoupled),
        // scale_by_learning_rate: m̂ = β₁m/(1 − β₁ᵗ⁺¹) + (1 − β₁)g/(1 − β₁ᵗ),
        // u = m̂/(√(v̂ + ε_root) + ε) + λθ, θ ← θ − η·u.
        let c1 = 1 - beta1
        let c2 = 1 - beta2
        let epsRoot = epsilonRoot
        let negLr = -lr
        AdamKernels.forEachChunk(n) { range in
          for i in range {
            let gi = sign * g[i] + l2 * p[i]
            let mi = c1 * gi + beta1 * m[i]
            let vi = c2 * (gi * gi) + beta2 * v[i]
            m[i] = mi
            v[i] = vi
            let mHat = cm * mi + cg * gi
            let u = mHat / (AdamKernels.root(vi * invBc2 + epsRoot) + eps)
            p[i] = p[i] + negLr * (u + decoupled * p[i])
          }
        }
      }
    }
  }
}

extension NAdam: Codable {
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
      momentumDecay: c.decodeIfPresent(Double.self, forKey: .momentumDecay) ?? 4e-3,
      decoupledWeightDecay: c.decodeIfPresent(Bool.self, forKey: .decoupledWeightDecay) ?? false,
      maximize: c.decodeIfPresent(Bool.self, forKey: .maximize) ?? false,
      convention: c.decodeIfPresent(Convention.self, forKey: .convention) ?? .pytorch,
      epsilonRoot: c.decodeIfPresent(Double.self, forKey: .epsilonRoot) ?? 0)
  }

  /// Writes every hyperparameter, defaults included, `betas` as `[β₁, β₂]`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(learningRate, forKey: .learningRate)
    try c.encode([beta1, beta2], forKey: .betas)
    try c.encode(epsilon, forKey: .epsilon)
    try c.encode(weightDecay, forKey: .weightDecay)
    try c.encode(momentumDecay, forKey: .momentumDecay)
    try c.encode(decoupledWeightDecay, forKey: .decoupledWeightDecay)
    try c.encode(maximize, forKey: .maximize)
    try c.encode(convention, forKey: .convention)
    try c.encode(epsilonRoot, forKey: .epsilonRoot)
  }
}
