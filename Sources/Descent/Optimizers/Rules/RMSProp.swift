/// RMSProp: each parameter's step divided by the root of a moving average of its squared
/// gradients, as `torch.optim.RMSprop` (or `optax.rmsprop` under `.optax`).
///
/// AdaGrad with a memory of about 1/(1 − α) steps instead of the whole history, so the step
/// size adapts to the recent scale of each gradient and does not decay to nothing; a
/// dependable choice for recurrent networks and non-stationary problems. `centered`
/// divides by an estimate of the standard deviation instead of the root mean square;
/// `momentum` smooths the normalised steps.
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁) and ηₜ the learning rate for this step
/// (PyTorch's form; v₀ = ḡ₀ = b₀ = 0):
///
/// ```
/// gₜ ← −gₜ                          if maximize
/// gₜ ← gₜ + λ·θₜ₋₁                  λ = weightDecay (weight_decay), if λ ≠ 0
/// vₜ = α·vₜ₋₁ + (1 − α)·gₜ²          α = alpha
/// ḡₜ = α·ḡₜ₋₁ + (1 − α)·gₜ            if centered
/// σₜ = √(vₜ − ḡₜ²) + ε  if centered, else σₜ = √vₜ + ε        ε = epsilon (eps)
/// bₜ = μ·bₜ₋₁ + gₜ/σₜ,  θₜ = θₜ₋₁ − ηₜ·bₜ      if μ > 0;  μ = momentum
/// θₜ = θₜ₋₁ − ηₜ·gₜ/σₜ                          if μ = 0
/// ```
///
/// Defaults (`torch.optim.RMSprop`): `lr` 1e-2, `alpha` 0.99, `eps` 1e-8, `weight_decay` 0,
/// `momentum` 0, `centered` false, `maximize` false. Valid: `lr`, `eps`, `weight_decay`
/// finite and ≥ 0, `alpha` in [0, 1], `momentum` in [0, 1) (PyTorch only checks that
/// `alpha` and `momentum` are ≥ 0).
///
/// ## PyTorch and Optax
///
/// `optax.rmsprop(learning_rate, decay=0.9, eps=1e-8, initial_scale=0, eps_in_sqrt=True,
/// centered=False, momentum=None, nesterov=False, bias_correction=False)` differs in three
/// ways, all followed under `convention: .optax`:
/// - ε sits inside the square root (`eps_in_sqrt=True`, Optax's default):
///   σₜ = √(vₜ + ε), or √(vₜ − ḡₜ² + ε) centered, instead of √vₜ + ε;
/// - momentum traces the steps after the learning rate has scaled them
///   (`chain(scale_by_rms, scale_by_learning_rate, trace)`):
///   bₜ = μ·bₜ₋₁ − ηₜ·gₜ/σₜ, θₜ = θₜ₋₁ + bₜ — ``LectureMomentum``'s form, the same iterates
///   as PyTorch's for a constant learning rate, different under a schedule;
/// - the default decay is 0.9, not 0.99: under `.optax` ``alpha`` is 0.9 unless given.
///
/// Optax's `initial_scale`, `nesterov` and `bias_correction` have no PyTorch counterpart and
/// are not offered (their defaults, 0, false and false, are what `.optax` computes); Optax
/// has no `weight_decay` or `maximize`, which apply under `.optax` as written above (Optax
/// would chain `add_decayed_weights` for the first).
///
/// ## References
///
/// Tieleman & Hinton, *Lecture 6.5 — rmsprop: divide the gradient by a running average of
/// its recent magnitude*, COURSERA: Neural Networks for Machine Learning, 2012 (the mean
/// square MeanSquare(w, t) = 0.9·MeanSquare(w, t − 1) + 0.1·(∂E/∂w)²). Graves, *Generating
/// Sequences With Recurrent Neural Networks*, arXiv:1308.0850, 2013, §4, eqs. (38)–(41):
/// the centered form with momentum, ε inside the root and the learning rate inside the
/// momentum — Optax's form. PyTorch documentation, `torch.optim.RMSprop`, algorithm box.
public struct RMSProp: UpdateRule, Equatable {
  /// `rmsprop`.
  public static let name = "rmsprop"

  /// η, the learning rate (PyTorch's `lr`).
  public let learningRate: Double
  /// α, the decay of the moving averages (`alpha`; Optax's `decay`): 0.99 under `.pytorch`
  /// and 0.9 under `.optax` unless given.
  public let alpha: Double
  /// ε, added to the denominator (`eps`).
  public let epsilon: Double
  /// λ, the L2 penalty added to the gradient as λ·θ (`weight_decay`).
  public let weightDecay: Double
  /// μ, the momentum on the normalised steps; 0 turns it off (`momentum`).
  public let momentum: Double
  /// Whether to divide by the standard deviation (subtracting the squared mean gradient)
  /// instead of the root mean square (`centered`).
  public let centered: Bool
  /// Whether to climb instead of descend, by negating the gradient (`maximize`).
  public let maximize: Bool
  /// Whose formula and defaults: PyTorch's or Optax's.
  public let convention: Convention

  /// RMSProp with the given hyperparameters; `alpha` `nil` takes the convention's default.
  /// - Throws: ``HyperparameterError`` for a negative or non-finite `lr`, `eps` or
  ///   `weight_decay`, an `alpha` outside [0, 1] or a `momentum` outside [0, 1).
  public init(
    learningRate: Double = 1e-2, alpha: Double? = nil, epsilon: Double = 1e-8,
    weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false,
    maximize: Bool = false, convention: Convention = .pytorch
  ) throws(HyperparameterError) {
    let alpha = alpha ?? (convention == .optax ? 0.9 : 0.99)
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    try HyperparameterError.requireUnitInterval(alpha, name: "alpha", includingOne: true)
    try HyperparameterError.requireNonNegative(epsilon, name: "eps")
    try HyperparameterError.requireNonNegative(weightDecay, name: "weight_decay")
    try HyperparameterError.requireUnitInterval(momentum, name: "momentum", includingOne: false)
    self.learningRate = learningRate
    self.alpha = alpha
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.momentum = momentum
    self.centered = centered
    self.maximize = maximize
    self.convention = convention
  }

  /// Hyperparameters under PyTorch's names, and the convention.
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
    case alpha
    case epsilon = "eps"
    case weightDecay = "weight_decay"
    case momentum
    case centered
    case maximize
    case convention
  }

  /// Step 0, the mean square at zero, and zeros for the mean gradient when centered and
  /// for the momentum buffer when momentum is on (empty arrays otherwise).
  public func initialState(parameterCount n: Int) -> State {
    State(
      step: 0, squareAverage: [Double](repeating: 0, count: n),
      gradientAverage: centered ? [Double](repeating: 0, count: n) : [],
      momentumBuffer: momentum > 0 ? [Double](repeating: 0, count: n) : [])
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    let n = parameters.count
    precondition(
      gradient.count == n && state.squareAverage.count == n
        && state.gradientAverage.count == (centered ? n : 0)
        && state.momentumBuffer.count == (momentum > 0 ? n : 0),
      "rmsprop: gradient of \(gradient.count) entries and state of \(state.squareAverage.count), "
        + "\(state.gradientAverage.count), \(state.momentumBuffer.count) for \(n) parameters "
        + "(centered \(centered), momentum \(momentum))")
    state.step += 1
    guard n > 0 else { return }
    let kernel = RMSPropKernel(
      learningRate: context.learningRate, alpha: alpha, epsilon: epsilon, momentum: momentum,
      sign: maximize ? -1 : 1, weightDecay: weightDecay)
    RuleBuffers.withBuffers(
      &parameters, gradient, &state.squareAverage, &state.gradientAverage,
      &state.momentumBuffer
    ) { p, g, v, average, buffer in
      // The flags decide which buffers are in use (see ``RuleBuffers``).
      let a = centered ? average : nil
      let b = momentum > 0 ? buffer : nil
      Parallelism.forEachChunk(
        n, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
      ) { range in
        // One specialised loop per combination: the flags are constants once inlined.
        switch (convention, a, b) {
        case (.pytorch, nil, nil): kernel.pytorch(range, p, g, v, p, p, false, false)
        case (.pytorch, nil, let b?): kernel.pytorch(range, p, g, v, p, b, false, true)
        case (.pytorch, let a?, nil): kernel.pytorch(range, p, g, v, a, p, true, false)
        case (.pytorch, let a?, let b?): kernel.pytorch(range, p, g, v, a, b, true, true)
        case (.optax, nil, nil): kernel.optax(range, p, g, v, p, p, false, false)
        case (.optax, nil, let b?): kernel.optax(range, p, g, v, p, b, false, true)
        case (.optax, let a?, nil): kernel.optax(range, p, g, v, a, p, true, false)
        case (.optax, let a?, let b?): kernel.optax(range, p, g, v, a, b, true, true)
        }
      }
    }
  }
}

extension RMSProp: Codable {
  /// Reads hyperparameters under PyTorch's names, missing ones taking the defaults of the
  /// convention (itself `pytorch` when missing).
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1e-2,
      alpha: c.decodeIfPresent(Double.self, forKey: .alpha),
      epsilon: c.decodeIfPresent(Double.self, forKey: .epsilon) ?? 1e-8,
      weightDecay: c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 0,
      momentum: c.decodeIfPresent(Double.self, forKey: .momentum) ?? 0,
      centered: c.decodeIfPresent(Bool.self, forKey: .centered) ?? false,
      maximize: c.decodeIfPresent(Bool.self, forKey: .maximize) ?? false,
      convention: c.decodeIfPresent(Convention.self, forKey: .convention) ?? .pytorch)
  }
}

/// The loops of ``RMSProp/update(_:gradient:state:context:)``, one per convention, each
/// inlined with constant `centered` and `withMomentum` so that every combination is a single
/// branch-free loop (the arrays a flag leaves out are never read: the parameters stand in
/// for them). The order of operations follows PyTorch's `_single_tensor_rmsprop` and
/// Optax's `scale_by_rms`/`scale_by_stddev` + `trace`, so rounding matches theirs closely.
private struct RMSPropKernel {
  typealias Pointer = UnsafeMutablePointer<Double>

  let learningRate: Double
  let alpha: Double
  let rest: Double  // 1 − α
  let epsilon: Double
  let momentum: Double
  let sign: Double
  let weightDecay: Double
  let decays: Bool

  init(
    learningRate: Double, alpha: Double, epsilon: Double, momentum: Double, sign: Double,
    weightDecay: Double
  ) {
    self.learningRate = learningRate
    self.alpha = alpha
    self.rest = 1 - alpha
    self.epsilon = epsilon
    self.momentum = momentum
    self.sign = sign
    self.weightDecay = weightDecay
    self.decays = weightDecay != 0
  }

  /// √x, NaN for x < 0 as `squareRoot()`; through `magnitude`, which lets the compiler drop
  /// libm's errno path for negative arguments and vectorise the root.
  @inline(__always)
  static func root(_ x: Double) -> Double {
    x < 0 ? .nan : x.magnitude.squareRoot()
  }

  @inline(__always)
  func pytorch(
    _ range: Range<Int>, _ p: Pointer, _ g: UnsafePointer<Double>, _ v: Pointer, _ a: Pointer,
    _ b: Pointer, _ centered: Bool, _ withMomentum: Bool
  ) {
    // The fields as locals: a field loaded under a branch inside the loop (weight decay)
    // keeps LLVM from vectorising on baseline x86-64, which has no masked loads.
    let (sign, decays, weightDecay, alpha, rest) = (
      self.sign, self.decays, self.weightDecay, self.alpha, self.rest
    )
    let (epsilon, momentum, learningRate) = (self.epsilon, self.momentum, self.learningRate)
    // torch.lerp(a, d, w) with w = 1 − α: a + w·(d − a) when |w| < 0.5, else
    // d − (d − a)·(1 − w).
    let small = abs(rest) < 0.5
    let complement = 1 - rest
    for i in range {
      let theta = p[i]
      let raw = sign * g[i]
      let d = decays ? raw + weightDecay * theta : raw
      let square = v[i] * alpha + (rest * d) * d
      v[i] = square
      var variance = square
      if centered {
        let mean = a[i]
        let updated = small ? mean + rest * (d - mean) : d - (d - mean) * complement
        a[i] = updated
        variance = square - updated * updated
      }
      let sigma = Self.root(variance) + epsilon
      if withMomentum {
        let velocity = b[i] * momentum + d / sigma
        b[i] = velocity
        p[i] = theta - learningRate * velocity
      } else {
        p[i] = theta - learningRate * (d / sigma)
      }
    }
  }

  @inline(__always)
  func optax(
    _ range: Range<Int>, _ p: Pointer, _ g: UnsafePointer<Double>, _ v: Pointer, _ a: Pointer,
    _ b: Pointer, _ centered: Bool, _ withMomentum: Bool
  ) {
    // The fields as locals: a field loaded under a branch inside the loop (weight decay)
    // keeps LLVM from vectorising on baseline x86-64, which has no masked loads.
    let (sign, decays, weightDecay, alpha, rest) = (
      self.sign, self.decays, self.weightDecay, self.alpha, self.rest
    )
    let (epsilon, momentum, learningRate) = (self.epsilon, self.momentum, self.learningRate)
    for i in range {
      let theta = p[i]
      let raw = sign * g[i]
      let d = decays ? raw + weightDecay * theta : raw
      let square = rest * (d * d) + alpha * v[i]
      v[i] = square
      var variance = square
      if centered {
        let mean = rest * d + alpha * a[i]
        a[i] = mean
        variance = square - mean * mean
      }
      let step = learningRate * ((1 / Self.root(variance + epsilon)) * d)
      if withMomentum {
        let velocity = momentum * b[i] - step
        b[i] = velocity
        p[i] = theta + velocity
      } else {
        p[i] = theta - step
      }
    }
  }
}
