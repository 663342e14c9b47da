/// Adam: gradient descent with a step per parameter scaled by running averages of the
/// gradient and of its square, as `torch.optim.Adam` or, under `convention: .optax`, as
/// `optax.adam` and `optax.amsgrad`.
///
/// The usual first choice for training networks and a robust one on badly scaled problems:
/// each parameter moves by about η per step whatever the size of its gradient, the first
/// moment smooths noise, and the bias corrections make the first steps full-sized rather
/// than shrunk by the zero start. Use ``AdamW`` for decoupled weight decay under its usual
/// name, ``NAdam`` for Nesterov momentum, ``RAdam`` to tame the first steps.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step:
///
/// ```
/// gₜ ← −gₜ                           if maximize
/// gₜ ← gₜ + λ·θₜ₋₁                   λ = weightDecay (weight_decay), coupled (the default)
/// mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ         β₁ = beta1 (betas[0]); m₀ = 0
/// vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²        β₂ = beta2 (betas[1]); v₀ = 0
/// m̂ₜ = mₜ / (1 − β₁ᵗ)                the bias corrections
/// v̂ₜ = vₜ / (1 − β₂ᵗ)
/// θₜ = θₜ₋₁ − ηₜ·m̂ₜ / (√v̂ₜ + ε)       ε = epsilon (eps); ηₜ = learning rate (lr or schedule)
///
/// with decoupledWeightDecay (decoupled_weight_decay): no λ·θ in gₜ; instead
/// θₜ = (1 − ηₜλ)·θₜ₋₁ − ηₜ·m̂ₜ / (√v̂ₜ + ε)
///
/// with amsgrad, PyTorch:    vₜᵐᵃˣ = max(vₜ₋₁ᵐᵃˣ, vₜ),     v̂ₜ = vₜᵐᵃˣ / (1 − β₂ᵗ)
///               Optax:      v̂ₜ ← max(v̂ₜ₋₁, vₜ / (1 − β₂ᵗ))    (the running maximum of v̂)
///
/// under .optax:             θₜ = θₜ₋₁ − ηₜ·m̂ₜ / (√(v̂ₜ + ε_root) + ε)   ε_root = epsilonRoot
/// ```
///
/// The state keeps m (`exp_avg`), v (`exp_avg_sq`), with amsgrad the running maximum
/// (`max_exp_avg_sq`: of v under `.pytorch`, of v̂ under `.optax`), and the step count.
///
/// Defaults are `torch.optim.Adam`'s, which are Kingma & Ba's: `lr` 1e-3, `betas`
/// (0.9, 0.999), `eps` 1e-8, `weight_decay` 0, `amsgrad` false, `maximize` false,
/// `decoupled_weight_decay` false; `eps_root` 0 and `convention` pytorch.
///
/// Valid values: `lr`, `eps`, `weight_decay` and `eps_root` finite and ≥ 0; both `betas` in
/// [0, 1); `eps_root` 0 unless the convention is optax. PyTorch refuses the same values,
/// infinities apart.
///
/// ## References
///
/// Kingma & Ba, *Adam: A Method for Stochastic Optimization*, ICLR 2015 (arXiv:1412.6980),
/// Algorithm 1. Reddi, Kale & Kumar, *On the Convergence of Adam and Beyond*, ICLR 2018,
/// Algorithm 2 (AMSGrad). Loshchilov & Hutter, *Decoupled Weight Decay Regularization*,
/// ICLR 2019, Algorithm 2 (decoupled weight decay). PyTorch documentation,
/// `torch.optim.Adam`; Optax documentation, `optax.adam`, `optax.amsgrad`.
///
/// ## PyTorch and Optax
///
/// > Warning: With `amsgrad`, PyTorch keeps the maximum of the raw vₜ and divides it by the
/// > current 1 − β₂ᵗ; Optax keeps the maximum of the bias-corrected v̂ₜ. Since 1 − β₂ᵗ grows
/// > with t, an early v̂ₛ = vₛ/(1 − β₂ˢ) outweighs vₛ/(1 − β₂ᵗ): Optax's denominator is
/// > larger and its steps smaller for as long as an early maximum holds. `convention`
/// > chooses.
///
/// > Warning: Optax's `eps_root` adds ε_root to v̂ₜ inside the square root (for
/// > differentiating through the update); PyTorch has no such term. It is accepted only
/// > under `.optax`.
///
/// Optax has no `maximize` and no weight decay in `adam`: the first is the negated gradient,
/// the second `chain(add_decayed_weights(λ), adam(…))` (coupled) or `optax.adamw`
/// (decoupled, θₜ₋₁ − ηₜ·(m̂ₜ/(√v̂ₜ + ε) + λ·θₜ₋₁), the same value as PyTorch's
/// (1 − ηₜλ)·θₜ₋₁ − …, rounded differently). Both libraries follow Algorithm 1 of the paper;
/// TensorFlow's `epsilon` is the ε̂ of the form just before the paper's Section 2.1, added to
/// √vₜ rather than to √v̂ₜ, and differs from both.
public struct Adam: UpdateRule, Equatable {
  /// `adam`.
  public static let name = "adam"

  /// η, the learning rate (PyTorch's `lr`).
  public let learningRate: Double
  /// β₁, the decay rate of the first moment, the average of gradients (`betas[0]`).
  public let beta1: Double
  /// β₂, the decay rate of the second moment, the average of squared gradients
  /// (`betas[1]`).
  public let beta2: Double
  /// ε, added to √v̂ in the denominator (`eps`).
  public let epsilon: Double
  /// λ, the weight decay: an L2 penalty λ·θ added to the gradient, or with
  /// ``decoupledWeightDecay`` a shrinking of θ by ηλ (`weight_decay`).
  public let weightDecay: Double
  /// Whether to divide by the running maximum of the second moment (AMSGrad, `amsgrad`).
  public let amsgrad: Bool
  /// Whether to climb instead of descend, by negating the gradient (`maximize`).
  public let maximize: Bool
  /// Whether weight decay shrinks θ directly, as AdamW, instead of entering the moments
  /// (`decoupled_weight_decay`).
  public let decoupledWeightDecay: Bool
  /// PyTorch's formulas or Optax's (`convention`).
  public let convention: Convention
  /// ε_root, added to v̂ inside the square root; Optax's `eps_root`, used only under `.optax`
  /// (`eps_root`).
  public let epsilonRoot: Double

  /// Adam with the given hyperparameters; the defaults are `torch.optim.Adam`'s.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr`, `eps`,
  ///   `weight_decay` or `eps_root`, `betas` outside [0, 1), or a nonzero `eps_root` under
  ///   the PyTorch convention.
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false,
    maximize: Bool = false, decoupledWeightDecay: Bool = false,
    convention: Convention = .pytorch, epsilonRoot: Double = 0
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try AdamKernels.checkBetas(beta1, beta2)
    try HyperparameterError.requireNonNegative(epsilon, name: "eps")
    try HyperparameterError.requireNonNegative(weightDecay, name: "weight_decay")
    try AdamKernels.checkEpsilonRoot(epsilonRoot, convention: convention)
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.amsgrad = amsgrad
    self.maximize = maximize
    self.decoupledWeightDecay = decoupledWeightDecay
    self.convention = convention
    self.epsilonRoot = epsilonRoot
  }

  /// Hyperparameters under PyTorch's names (Optax's for `eps_root`).
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case betas
    case epsilon = "eps"
    case weightDecay = "weight_decay"
    case amsgrad
    case maximize
    case decoupledWeightDecay = "decoupled_weight_decay"
    case convention
    case epsilonRoot = "eps_root"
  }

  /// Step 0, zero moments, and with amsgrad a zero running maximum.
  public func initialState(parameterCount: Int) -> State {
    State(parameterCount: parameterCount, amsgrad: amsgrad)
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    AdamKernels.adamUpdate(
      &parameters, gradient: gradient, state: &state, learningRate: context.learningRate,
      settings: AdamKernels.AdamSettings(
        beta1: beta1, beta2: beta2, epsilon: epsilon, epsilonRoot: epsilonRoot,
        weightDecay: weightDecay, decoupledWeightDecay: decoupledWeightDecay, amsgrad: amsgrad,
        maximize: maximize, convention: convention),
      rule: Self.name)
  }
}

extension Adam: Codable {
  /// Reads hyperparameters under PyTorch's names, missing ones taking their defaults.
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let (beta1, beta2) = try AdamKernels.decodeBetas(c, forKey: .betas, defaults: (0.9, 0.999))
    try self.init(
      learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1e-3,
      beta1: beta1, beta2: beta2,
      epsilon: c.decodeIfPresent(Double.self, forKey: .epsilon) ?? 1e-8,
      weightDecay: c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 0,
      amsgrad: c.decodeIfPresent(Bool.self, forKey: .amsgrad) ?? false,
      maximize: c.decodeIfPresent(Bool.self, forKey: .maximize) ?? false,
      decoupledWeightDecay: c.decodeIfPresent(Bool.self, forKey: .decoupledWeightDecay) ?? false,
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
    try c.encode(amsgrad, forKey: .amsgrad)
    try c.encode(maximize, forKey: .maximize)
    try c.encode(decoupledWeightDecay, forKey: .decoupledWeightDecay)
    try c.encode(convention, forKey: .convention)
    try c.encode(epsilonRoot, forKey: .epsilonRoot)
  }
}
