/// Adadelta: steps whose size is the ratio of two running RMS values — of past steps and of
/// past gradients — so that the update has the units of the parameters, as
/// `torch.optim.Adadelta`.
///
/// Zeiler's answer to AdaGrad's ever-shrinking rate: moving averages instead of sums, and
/// the numerator √(u + ε) plays the part of a learning rate that the method finds by itself
/// (PyTorch still multiplies by `lr`, 1 by default). Its first steps are tiny, of order √ε:
/// it starts slowly, then adapts.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step
/// (v₀ = u₀ = 0):
///
/// ```
/// gₜ ← −gₜ                                 if maximize
/// gₜ ← gₜ + λ·θₜ₋₁                         λ = weightDecay (weight_decay), if λ ≠ 0
/// vₜ = ρ·vₜ₋₁ + (1 − ρ)·gₜ²                 ρ = rho
/// Δₜ = √(uₜ₋₁ + ε) / √(vₜ + ε) · gₜ         ε = epsilon (eps)
/// uₜ = ρ·uₜ₋₁ + (1 − ρ)·Δₜ²
/// θₜ = θₜ₋₁ − ηₜ·Δₜ                         ηₜ = learning rate (lr, or the schedule's)
/// ```
///
/// Defaults (`torch.optim.Adadelta`): `lr` 1.0, `rho` 0.9, `eps` 1e-6, `weight_decay` 0,
/// `maximize` false. Valid: `lr`, `eps`, `weight_decay` finite and ≥ 0, `rho` in [0, 1]
/// (as PyTorch checks).
///
/// ## PyTorch and Optax
///
/// `optax.adadelta(learning_rate, rho=0.9, eps=1e-6, weight_decay=0)` computes the same
/// update (`scale_by_adadelta`, after `add_decayed_weights`: coupled weight decay as here),
/// so there is no `convention`. Give Optax's `learning_rate` explicitly (1.0 is PyTorch's
/// default and the paper's, which has no learning rate): its default `None` skips
/// `scale_by_learning_rate` and with it the sign flip, so `optax.adadelta()` climbs
/// (checked with Optax 0.2.8: f = ‖x‖² grows from 14 to 14.12 in three steps).
///
/// ## References
///
/// Zeiler, *ADADELTA: An Adaptive Learning Rate Method*, arXiv:1212.5701, 2012,
/// Algorithm 1 (eqs. (8), (9) and (14)). PyTorch documentation, `torch.optim.Adadelta`,
/// algorithm box.
public struct Adadelta: UpdateRule, Equatable {
  /// `adadelta`.
  public static let name = "adadelta"

  /// η, a factor on every step, 1 in the paper (PyTorch's `lr`).
  public let learningRate: Double
  /// ρ, the decay of both moving averages (`rho`).
  public let rho: Double
  /// ε, added under both square roots (`eps`); it also sets the size of the first steps.
  public let epsilon: Double
  /// λ, the L2 penalty added to the gradient as λ·θ (`weight_decay`).
  public let weightDecay: Double
  /// Whether to climb instead of descend, by negating the gradient (`maximize`).
  public let maximize: Bool

  /// Adadelta with the given hyperparameters; the defaults are `torch.optim.Adadelta`'s.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr`, `eps` or
  ///   `weight_decay`, or a `rho` outside [0, 1].
  public init(
    learningRate: Double = 1, rho: Double = 0.9, epsilon: Double = 1e-6, weightDecay: Double = 0,
    maximize: Bool = false
  ) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try HyperparameterError.requireUnitInterval(rho, name: "rho", includingOne: true)
    try HyperparameterError.requireNonNegative(epsilon, name: "eps")
    try HyperparameterError.requireNonNegative(weightDecay, name: "weight_decay")
    self.learningRate = learningRate
    self.rho = rho
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.maximize = maximize
  }

  /// Hyperparameters under PyTorch's names.
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case rho
    case epsilon = "eps"
    case weightDecay = "weight_decay"
    case maximize
  }

  /// Step 0 and both averages at zero.
  public func initialState(parameterCount n: Int) -> State {
    State(
      step: 0, squareAverage: [Double](repeating: 0, count: n),
      accumulatedDelta: [Double](repeating: 0, count: n))
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    let n = parameters.count
    precondition(
      gradient.count == n && state.squareAverage.count == n && state.accumulatedDelta.count == n,
      "adadelta: gradient of \(gradient.count) entries and state of "
        + "\(state.squareAverage.count), \(state.accumulatedDelta.count) for \(n) parameters")
    state.step += 1
    guard n > 0 else { return }
    let lr = context.learningRate
    let rho = self.rho
    let rest = 1 - rho
    let eps = epsilon
    let sign: Double = maximize ? -1 : 1
    let decay = weightDecay
    let decays = weightDecay != 0
    RuleBuffers.withBuffers(
      &parameters, gradient, &state.squareAverage, &state.accumulatedDelta
    ) { p, g, v, u in
      Parallelism.forEachChunk(
        n, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
      ) { range in
        for i in range {
          let theta = p[i]
          let raw = sign * g[i]
          let d = decays ? raw + decay * theta : raw
          let meanSquare = v[i] * rho + (rest * d) * d
          v[i] = meanSquare
          let accumulated = u[i]
          // PyTorch's order: √(u + ε) / √(v + ε), then times g. Both arguments are
          // ≥ 0, so `magnitude` changes no value; it lets the compiler vectorise √.
          let step =
            (accumulated + eps).magnitude.squareRoot()
            / (meanSquare + eps).magnitude.squareRoot() * d
          u[i] = accumulated * rho + (rest * step) * step
          p[i] = theta - lr * step
        }
      }
    }
  }
}

extension Adadelta: Codable {
  /// Reads hyperparameters under PyTorch's names, missing ones taking their defaults.
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1,
      rho: c.decodeIfPresent(Double.self, forKey: .rho) ?? 0.9,
      epsilon: c.decodeIfPresent(Double.self, forKey: .epsilon) ?? 1e-6,
      weightDecay: c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 0,
      maximize: c.decodeIfPresent(Bool.self, forKey: .maximize) ?? false)
  }
}
