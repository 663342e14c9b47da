import Foundation

/// RAdam: Adam whose adaptive step is switched on only once the variance of its second
/// moment is tractable, and rectified by a factor rₜ ≤ 1 after that, as `torch.optim.RAdam`
/// or, under `convention: .optax`, as `optax.radam`.
///
/// Adam's first steps divide by a second moment estimated from a handful of gradients, whose
/// variance is large (unbounded at t = 1 in the paper's analysis); a learning-rate warm-up is
/// the usual cure. RAdam builds the warm-up in: while the length ρₜ of the approximated
/// simple moving average is at most 5 it takes plain momentum steps η·m̂ₜ, then adaptive
/// steps scaled by rₜ, which rises towards 1.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step:
///
/// ```
/// gₜ ← −gₜ                           if maximize
/// gₜ ← gₜ + λ·θₜ₋₁                   λ = weightDecay (weight_decay), coupled (the default)
/// θₜ₋₁ ← (1 − ηₜλ)·θₜ₋₁              instead, with decoupledWeightDecay
/// mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ         β₁ = beta1 (betas[0]); m₀ = 0
/// vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²        β₂ = beta2 (betas[1]); v₀ = 0
/// m̂ₜ = mₜ / (1 − β₁ᵗ)
/// ρ∞ = 2/(1 − β₂) − 1,   ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
/// rₜ = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
/// θₜ = θₜ₋₁ − ηₜ·m̂ₜ·rₜ·√(1 − β₂ᵗ) / (√vₜ + ε)   if ρₜ > 5     ε = epsilon (eps)
/// θₜ = θₜ₋₁ − ηₜ·m̂ₜ                             otherwise
///
/// under .optax (ε_root = epsilonRoot, eps_root), with v̂ₜ = vₜ / (1 − β₂ᵗ):
/// θₜ = θₜ₋₁ − ηₜ·rₜ·m̂ₜ / (√(v̂ₜ + ε_root) + ε)    if ρₜ ≥ 5
/// with decoupled decay as Optax's: θₜ = θₜ₋₁ − ηₜ·(… + λ·θₜ₋₁)
/// ```
///
/// With the default β₂ = 0.999 the first five steps are momentum steps (ρ₅ ≈ 4.99,
/// ρ₆ ≈ 5.99). The state keeps m (`exp_avg`), v (`exp_avg_sq`) and the step count.
///
/// Defaults are `torch.optim.RAdam`'s: `lr` 1e-3, `betas` (0.9, 0.999), `eps` 1e-8,
/// `weight_decay` 0, `decoupled_weight_decay` false, `maximize` false; `eps_root` 0 and
/// `convention` pytorch. The threshold 5 is PyTorch's and Optax's default (Optax's
/// `threshold`, which PyTorch does not expose); the paper's Algorithm 2 uses 4, where
/// rₜ is first defined.
///
/// Valid values: `lr`, `eps`, `weight_decay` and `eps_root` finite and ≥ 0; both `betas` in
/// [0, 1); `eps_root` 0 unless the convention is optax.
///
/// ## References
///
/// Liu, Jiang, He, Chen, Liu, Gao & Han, *On the Variance of the Adaptive Learning Rate and
/// Beyond*, ICLR 2020 (arXiv:1908.03265), Algorithm 2 and eq. (6) (ρₜ) and Theorem 2 (rₜ).
/// PyTorch documentation, `torch.optim.RAdam`; Optax documentation, `optax.radam`.
///
/// ## PyTorch and Optax
///
/// > Warning: PyTorch adds ε to √vₜ before the bias correction √(1 − β₂ᵗ) multiplies the
/// > quotient, an effective ε/√(1 − β₂ᵗ) on √v̂ₜ (about 13ε at t = 6 with β₂ = 0.999);
/// > Optax adds ε to √v̂ₜ, plus `eps_root` inside the root. `convention` chooses.
///
/// PyTorch rectifies when ρₜ > 5, Optax when ρₜ ≥ 5; ρₜ is never exactly 5 for the usual
/// β₂, but each convention keeps its own comparison. Optax has no `maximize` and no weight
/// decay in `radam`: the negated gradient and `chain(add_decayed_weights(λ), radam(…))`
/// (coupled) or `add_decayed_weights` after `scale_by_radam` (decoupled).
public struct RAdam: UpdateRule, Equatable {
  /// `radam`.
  public static let name = "radam"
  /// Steps of lr·g (at the start): lr < 2/λmax is the stability bound on a quadratic.
  public static var learningRateIsBoundedByCurvature: Bool { true }

  /// η, the learning rate (PyTorch's `lr`).
  public let learningRate: Double
  /// β₁, the decay rate of the first moment (`betas[0]`).
  public let beta1: Double
  /// β₂, the decay rate of the second moment, which also fixes ρ∞ (`betas[1]`).
  public let beta2: Double
  /// ε, added to the square root in the denominator (`eps`).
  public let epsilon: Double
  /// λ, the weight decay: an L2 penalty λ·θ added to the gradient, or with
  /// ``decoupledWeightDecay`` a shrinking of θ by ηλ (`weight_decay`).
  public let weightDecay: Double
  /// Whether weight decay shrinks θ directly instead of entering the moments
  /// (`decoupled_weight_decay`).
  public let decoupledWeightDecay: Bool
  /// Whether to climb instead of descend, by negating the gradient (`maximize`).
  public let maximize: Bool
  /// PyTorch's formulas or Optax's (`convention`).
  public let convention: Convention
  /// ε_root, added to v̂ inside the square root, used only under `.optax` (`eps_root`).
  public let epsilonRoot: Double

  /// RAdam with the given hyperparameters; the defaults are `torch.optim.RAdam`'s.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr`, `eps`,
  ///   `weight_decay` or `eps_root`, `betas` outside [0, 1), or a nonzero `eps_root` under
  ///   the PyTorch convention.
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false,
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
    case decoupledWeightDecay = "decoupled_weight_decay"
    case maximize
    case convention
    case epsilonRoot = "eps_root"
  }

  /// Step 0 and zero moments.
  public func initialState(parameterCount: Int) -> State {
    let zeros = [Double](repeating: 0, count: parameterCount)
    return State(step: 0, firstMoment: zeros, secondMoment: zeros)
  }

  /// ρₜ, the length of the approximated simple moving average at step t, and ρ∞.
  func smaLength(step t: Int) -> (rho: Double, rhoInfinity: Double) {
    let rhoInfinity = 2 / (1 - beta2) - 1
    let beta2t = pow(beta2, Double(t))
    return (rhoInfinity - 2 * Double(t) * beta2t / (1 - beta2t), rhoInfinity)
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
    guard n > 0 else { return }

    let lr = context.learningRate
    let beta1 = self.beta1
    let beta2 = self.beta2
    let sign: Double = maximize ? -1 : 1
    let eps = epsilon
    let l2 = decoupledWeightDecay ? 0 : weightDecay
    let decoupled = decoupledWeightDecay ? weightDecay : 0
    let bc1 = AdamKernels.biasCorrection(beta1, step: t)
    let bc2 = AdamKernels.biasCorrection(beta2, step: t)
    let (rho, rhoInfinity) = smaLength(step: t)
    let rectified = convention == .pytorch ? rho > 5 : rho >= 5
    let r =
      rectified
      ? ((rho - 4) * (rho - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho))
        .squareRoot() : 0

    RuleBuffers.withBuffers(&parameters, gradient, &state.firstMoment, &state.secondMoment) {
      p, g, m, v in
      switch convention {
      case .pytorch:
        // torch.optim.RAdam, single-tensor path: θ ← θ·(1 − ηλ) (decoupled);
        // m ← lerp(m, g, 1 − β₁); v ← β₂v + (1 − β₂)g²; then the step above, with
        // ε added to √v before the factor √(1 − β₂ᵗ).
        let w = 1 - beta1
        let c2 = 1 - beta2
        let decay = 1 - lr * decoupled
        // −η/(1 − β₁ᵗ), times rₜ·√(1 − β₂ᵗ) once rectified.
        let negStep = -(lr / bc1)
        let negRectifiedStep = negStep * r * pow(bc2, 0.5)
        if rectified {
          AdamKernels.forEachChunk(n) { range in
            for i in range {
              let gi = sign * g[i] + l2 * p[i]
              let mi = AdamKernels.lerp(m[i], gi, weight: w)
              let vi = v[i] * beta2 + c2 * gi * gi
              m[i] = mi
              v[i] = vi
              p[i] = p[i] * decay + negRectifiedStep * (mi / (AdamKernels.root(vi) + eps))
            }
          }
        } else {
          AdamKernels.forEachChunk(n) { range in
            for i in range {
              let gi = sign * g[i] + l2 * p[i]
              let mi = AdamKernels.lerp(m[i], gi, weight: w)
              m[i] = mi
              v[i] = v[i] * beta2 + c2 * gi * gi
              p[i] = p[i] * decay + negStep * mi
            }
          }
        }
      case .optax:
        // optax.scale_by_radam, add_decayed_weights (decoupled), scale_by_learning_rate.
        let c1 = 1 - beta1
        let c2 = 1 - beta2
        let invBc1 = 1 / bc1
        let invBc2 = 1 / bc2
        let epsRoot = epsilonRoot
        let negLr = -lr
        if rectified {
          let rOverBc1 = r * invBc1
          AdamKernels.forEachChunk(n) { range in
            for i in range {
              let gi = sign * g[i] + l2 * p[i]
              let mi = c1 * gi + beta1 * m[i]
              let vi = c2 * (gi * gi) + beta2 * v[i]
              m[i] = mi
              v[i] = vi
              let u = (rOverBc1 * mi) / (AdamKernels.root(vi * invBc2 + epsRoot) + eps)
              p[i] = p[i] + negLr * (u + decoupled * p[i])
            }
          }
        } else {
          AdamKernels.forEachChunk(n) { range in
            for i in range {
              let gi = sign * g[i] + l2 * p[i]
              let mi = c1 * gi + beta1 * m[i]
              m[i] = mi
              v[i] = c2 * (gi * gi) + beta2 * v[i]
              p[i] = p[i] + negLr * (mi * invBc1 + decoupled * p[i])
            }
          }
        }
      }
    }
  }
}

extension RAdam: Codable {
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
    try c.encode(decoupledWeightDecay, forKey: .decoupledWeightDecay)
    try c.encode(maximize, forKey: .maximize)
    try c.encode(convention, forKey: .convention)
    try c.encode(epsilonRoot, forKey: .epsilonRoot)
  }
}
