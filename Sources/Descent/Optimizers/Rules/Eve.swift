/// Eve: Adam with a global feedback coefficient dₜ from the relative change of the loss, as
/// Algorithm 1 of Koushik & Hayashi (2016).
///
/// Adam adapts the step per parameter from gradients alone; Eve also watches the loss. It
/// keeps a smoothed loss f̂, moved towards each new loss by a factor clipped to a band around
/// 1, and an average dₜ of its relative changes: where the loss jumps about, dₜ grows and
/// every step shrinks by 1/dₜ; where it changes little, dₜ decays and steps lengthen. It
/// needs the loss at each update, which ``UpdateContext/loss`` carries.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁), fₜ = f(θₜ₋₁) (the context's loss) and αₜ the
/// learning rate for this step:
///
/// ```
/// mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ            β₁ = beta1 (betas[0]); m₀ = 0
/// vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²           β₂ = beta2 (betas[1]); v₀ = 0
/// m̂ₜ = mₜ / (1 − β₁ᵗ),  v̂ₜ = vₜ / (1 − β₂ᵗ)
/// t = 1:  f̂₀ = f₁,  d₁ = 1
/// t > 1:  [δₜ, Δₜ] = [k + 1, K + 1]          if fₜ ≥ f̂ₜ₋₂    k = lowerThreshold (lower_threshold)
///         [δₜ, Δₜ] = [1/(K + 1), 1/(k + 1)]  otherwise       K = upperThreshold (upper_threshold)
///         cₜ = min(max(δₜ, fₜ / f̂ₜ₋₂), Δₜ)
///         f̂ₜ₋₁ = cₜ·f̂ₜ₋₂
///         rₜ = |f̂ₜ₋₁ − f̂ₜ₋₂| / min(f̂ₜ₋₁, f̂ₜ₋₂)
///         dₜ = β₃·dₜ₋₁ + (1 − β₃)·rₜ        β₃ = beta3 (beta3)
/// θₜ = θₜ₋₁ − αₜ·m̂ₜ / (dₜ·√v̂ₜ + ε)          ε = epsilon (eps); αₜ = learning rate (lr)
/// ```
///
/// (The paper indexes f̂ by the parameters it was taken at: f̂ₜ₋₁ belongs to θₜ₋₁.) The
/// factor cₜ always moves f̂ by a relative change between k and K: a loss that holds still
/// makes f̂ alternate between two values k apart, so rₜ = k and dₜ settles at k (0.1) rather
/// than 0, the step at α/k. The state keeps m, v, the smoothed loss f̂ₜ₋₁ and dₜ besides the
/// step count, so a saved run resumes with its feedback intact.
///
/// - Important: Eve tracks relative changes of the loss and divides by it: the loss must be
///   positive. For an objective that can reach 0 or below, add a constant that keeps it
///   positive (the paper's later version subtracts a known lower bound f*).
///
/// Defaults are the paper's: `lr` 1e-3, `betas` (0.9, 0.999), `beta3` 0.999, `eps` 1e-8,
/// `lower_threshold` k = 0.1, `upper_threshold` K = 10.
///
/// Valid values: `lr` and `eps` finite and ≥ 0; `betas` and `beta3` in [0, 1);
/// `lower_threshold` finite and ≥ 0, `upper_threshold` finite and ≥ `lower_threshold`.
///
/// ## References
///
/// Koushik & Hayashi, *Improving Stochastic Gradient Descent with Feedback*,
/// arXiv:1611.01505v1 (2016), Algorithm 1 (Eve) and its recommended defaults. The authors'
/// Keras code computes the same feedback with Adam's "ε̂" form of the step
/// (α·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·mₜ / (dₜ√vₜ + ε)) and a strict fₜ > f̂ₜ₋₂; the algorithm as
/// printed is followed here.
///
/// ## PyTorch and Optax
///
/// Neither library has Eve; the test fixtures are a line-by-line transcription of
/// Algorithm 1 (`Scripts/references/optimizers_adam_family.py`). The names follow PyTorch's
/// for the parameters Eve shares with Adam. A later revision of the paper (2018) replaced
/// the thresholds k, K by one clipping constant c and a lower bound f*; that is a different
/// rule.
public struct Eve: UpdateRule, Equatable {
  /// `eve`.
  public static let name = "eve"

  /// α, the learning rate (`lr`).
  public let learningRate: Double
  /// β₁, the decay rate of the first moment (`betas[0]`).
  public let beta1: Double
  /// β₂, the decay rate of the second moment (`betas[1]`).
  public let beta2: Double
  /// β₃, the decay rate of the feedback average dₜ (`beta3`).
  public let beta3: Double
  /// ε, added to dₜ·√v̂ in the denominator (`eps`).
  public let epsilon: Double
  /// k, the smallest relative change of the smoothed loss per step (`lower_threshold`).
  public let lowerThreshold: Double
  /// K, the largest relative change of the smoothed loss per step (`upper_threshold`).
  public let upperThreshold: Double

  /// Eve with the given hyperparameters; the defaults are the paper's.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr` or `eps`, `betas`
  ///   or `beta3` outside [0, 1), a negative or non-finite `lower_threshold`, or an
  ///   `upper_threshold` below it or non-finite.
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    beta3: Double = 0.999, epsilon: Double = 1e-8, lowerThreshold: Double = 0.1,
    upperThreshold: Double = 10
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try AdamKernels.checkBetas(beta1, beta2)
    try HyperparameterError.requireUnitInterval(beta3, name: "beta3", includingOne: false)
    try HyperparameterError.requireNonNegative(epsilon, name: "eps")
    try HyperparameterError.requireNonNegative(lowerThreshold, name: "lower_threshold")
    guard upperThreshold.isFinite, upperThreshold >= lowerThreshold else {
      throw HyperparameterError(
        name: "upper_threshold", value: "\(upperThreshold)",
        valid: "a finite number ≥ lower_threshold (\(lowerThreshold))")
    }
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.beta3 = beta3
    self.epsilon = epsilon
    self.lowerThreshold = lowerThreshold
    self.upperThreshold = upperThreshold
  }

  /// Hyperparameters under PyTorch's names where Adam has them.
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case betas
    case beta3
    case epsilon = "eps"
    case lowerThreshold = "lower_threshold"
    case upperThreshold = "upper_threshold"
  }

  /// Step 0, zero moments, no smoothed loss yet and d = 1.
  public func initialState(parameterCount: Int) -> State {
    let zeros = [Double](repeating: 0, count: parameterCount)
    return State(
      step: 0, firstMoment: zeros, secondMoment: zeros, smoothedLoss: nil, feedback: 1)
  }

  /// The feedback step of Algorithm 1: the new smoothed loss f̂ₜ₋₁ and dₜ from the loss
  /// fₜ = f(θₜ₋₁) and the state before step t.
  func feedback(loss f: Double, state: State) -> (smoothedLoss: Double, feedback: Double) {
    guard state.step > 0, let previous = state.smoothedLoss else { return (f, 1) }
    let k = lowerThreshold
    let bigK = upperThreshold
    let (low, high) = f >= previous ? (k + 1, bigK + 1) : (1 / (bigK + 1), 1 / (k + 1))
    let c = min(max(low, f / previous), high)
    let smoothed = c * previous
    let r = abs(smoothed - previous) / min(smoothed, previous)
    return (smoothed, beta3 * state.feedback + (1 - beta3) * r)
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
    let (smoothed, d) = feedback(loss: context.loss, state: state)
    let t = state.step + 1
    state.step = t
    state.smoothedLoss = smoothed
    state.feedback = d
    guard n > 0 else { return }

    let beta1 = self.beta1
    let beta2 = self.beta2
    let c1 = 1 - beta1
    let c2 = 1 - beta2
    let invBc1 = 1 / AdamKernels.biasCorrection(beta1, step: t)
    let invBc2 = 1 / AdamKernels.biasCorrection(beta2, step: t)
    let alpha = context.learningRate
    let eps = epsilon

    RuleBuffers.withBuffers(&parameters, gradient, &state.firstMoment, &state.secondMoment) {
      p, g, m, v in
      AdamKernels.forEachChunk(n) { range in
        for i in range {
          let gi = g[i]
          let mi = beta1 * m[i] + c1 * gi
          let vi = beta2 * v[i] + c2 * gi * gi
          m[i] = mi
          v[i] = vi
          p[i] = p[i] - alpha * (mi * invBc1) / (d * AdamKernels.root(vi * invBc2) + eps)
        }
      }
    }
  }
}

extension Eve: Codable {
  /// Reads hyperparameters by name, missing ones taking their defaults.
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let (beta1, beta2) = try AdamKernels.decodeBetas(c, forKey: .betas, defaults: (0.9, 0.999))
    try self.init(
      learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1e-3,
      beta1: beta1, beta2: beta2,
      beta3: c.decodeIfPresent(Double.self, forKey: .beta3) ?? 0.999,
      epsilon: c.decodeIfPresent(Double.self, forKey: .epsilon) ?? 1e-8,
      lowerThreshold: c.decodeIfPresent(Double.self, forKey: .lowerThreshold) ?? 0.1,
      upperThreshold: c.decodeIfPresent(Double.self, forKey: .upperThreshold) ?? 10)
  }

  /// Writes every hyperparameter, defaults included, `betas` as `[β₁, β₂]`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(learningRate, forKey: .learningRate)
    try c.encode([beta1, beta2], forKey: .betas)
    try c.encode(beta3, forKey: .beta3)
    try c.encode(epsilon, forKey: .epsilon)
    try c.encode(lowerThreshold, forKey: .lowerThreshold)
    try c.encode(upperThreshold, forKey: .upperThreshold)
  }
}
