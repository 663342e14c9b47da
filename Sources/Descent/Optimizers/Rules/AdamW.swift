/// AdamW: Adam with decoupled weight decay, as `torch.optim.AdamW` or, under
/// `convention: .optax`, as `optax.adamw`.
///
/// The usual way to regularise with Adam. An L2 term λ·θ added to the gradient (``Adam``'s
/// `weight_decay`) passes through Adam's division by √v̂, so parameters with large
/// gradients are barely decayed; AdamW shrinks every parameter by the same factor 1 − ηλ
/// instead, outside the moments.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step:
///
/// ```
/// gₜ ← −gₜ                           if maximize
/// mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ         β₁ = beta1 (betas[0]); m₀ = 0
/// vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²        β₂ = beta2 (betas[1]); v₀ = 0
/// m̂ₜ = mₜ / (1 − β₁ᵗ),  v̂ₜ = vₜ / (1 − β₂ᵗ)
/// θₜ = (1 − ηₜλ)·θₜ₋₁ − ηₜ·m̂ₜ / (√v̂ₜ + ε)   λ = weightDecay (weight_decay), ε = epsilon (eps)
///
/// with amsgrad, PyTorch:    vₜᵐᵃˣ = max(vₜ₋₁ᵐᵃˣ, vₜ),     v̂ₜ = vₜᵐᵃˣ / (1 − β₂ᵗ)
///               Optax:      v̂ₜ ← max(v̂ₜ₋₁, vₜ / (1 − β₂ᵗ))
///
/// under .optax:             θₜ = θₜ₋₁ − ηₜ·(m̂ₜ / (√(v̂ₜ + ε_root) + ε) + λ·θₜ₋₁)
///                           ε_root = epsilonRoot (eps_root)
/// ```
///
/// This is ``Adam`` with `decoupledWeightDecay: true` and another default for λ (PyTorch
/// defines `AdamW` exactly so); the state is ``Adam/State``.
///
/// Defaults are `torch.optim.AdamW`'s: `lr` 1e-3, `betas` (0.9, 0.999), `eps` 1e-8,
/// `weight_decay` 1e-2, `amsgrad` false, `maximize` false; `eps_root` 0 and `convention`
/// pytorch.
///
/// Valid values: `lr`, `eps`, `weight_decay` and `eps_root` finite and ≥ 0; both `betas` in
/// [0, 1); `eps_root` 0 unless the convention is optax.
///
/// ## References
///
/// Loshchilov & Hutter, *Decoupled Weight Decay Regularization*, ICLR 2019, Algorithm 2
/// (Adam with decoupled weight decay; lines 9–12 with the schedule multiplier ηₜ taken as
/// the learning rate, as both libraries do). Kingma & Ba, *Adam*, ICLR 2015, Algorithm 1.
/// PyTorch documentation, `torch.optim.AdamW`; Optax documentation, `optax.adamw`.
///
/// ## PyTorch and Optax
///
/// > Warning: Optax's default weight decay is 1e-4, PyTorch's 1e-2; the default here is
/// > PyTorch's under either convention. Pass `weightDecay: 1e-4` for `optax.adamw`'s.
///
/// Optax adds λ·θₜ₋₁ to the Adam direction and multiplies the sum by ηₜ; PyTorch shrinks θ
/// by 1 − ηₜλ first. Both equal the paper's update with the learning rate as schedule
/// multiplier and differ only in rounding. The amsgrad and `eps_root` differences are
/// ``Adam``'s: the maximum after bias correction and ε_root inside the square root under
/// `.optax` (`optax.adamw` has no amsgrad: `.optax` with amsgrad is
/// `chain(scale_by_amsgrad, add_decayed_weights, scale_by_learning_rate)`). Optax has no
/// `maximize`: that is the negated gradient.
public struct AdamW: UpdateRule, Equatable {
  /// `adamw`.
  public static let name = "adamw"

  /// η, the learning rate (PyTorch's `lr`).
  public let learningRate: Double
  /// β₁, the decay rate of the first moment (`betas[0]`).
  public let beta1: Double
  /// β₂, the decay rate of the second moment (`betas[1]`).
  public let beta2: Double
  /// ε, added to √v̂ in the denominator (`eps`).
  public let epsilon: Double
  /// λ, the decoupled weight decay: θ shrinks by ηλ·θ each step (`weight_decay`).
  public let weightDecay: Double
  /// Whether to divide by the running maximum of the second moment (AMSGrad, `amsgrad`).
  public let amsgrad: Bool
  /// Whether to climb instead of descend, by negating the gradient (`maximize`).
  public let maximize: Bool
  /// PyTorch's formulas or Optax's (`convention`).
  public let convention: Convention
  /// ε_root, added to v̂ inside the square root, used only under `.optax` (`eps_root`).
  public let epsilonRoot: Double

  /// AdamW with the given hyperparameters; the defaults are `torch.optim.AdamW`'s.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr`, `eps`,
  ///   `weight_decay` or `eps_root`, `betas` outside [0, 1), or a nonzero `eps_root` under
  ///   the PyTorch convention.
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false,
    maximize: Bool = false, convention: Convention = .pytorch, epsilonRoot: Double = 0
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
    case convention
    case epsilonRoot = "eps_root"
  }

  /// Step 0, zero moments, and with amsgrad a zero running maximum.
  public func initialState(parameterCount: Int) -> Adam.State {
    Adam.State(parameterCount: parameterCount, amsgrad: amsgrad)
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout Adam.State,
    context: UpdateContext
  ) {
    AdamKernels.adamUpdate(
      &parameters, gradient: gradient, state: &state, learningRate: context.learningRate,
      settings: AdamKernels.AdamSettings(
        beta1: beta1, beta2: beta2, epsilon: epsilon, epsilonRoot: epsilonRoot,
        weightDecay: weightDecay, decoupledWeightDecay: true, amsgrad: amsgrad,
        maximize: maximize, convention: convention),
      rule: Self.name)
  }
}

extension AdamW: Codable {
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
      weightDecay: c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 1e-2,
      amsgrad: c.decodeIfPresent(Bool.self, forKey: .amsgrad) ?? false,
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
    try c.encode(amsgrad, forKey: .amsgrad)
    try c.encode(maximize, forKey: .maximize)
    try c.encode(convention, forKey: .convention)
    try c.encode(epsilonRoot, forKey: .epsilonRoot)
  }
}
