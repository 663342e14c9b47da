/// Plain gradient descent: a step of fixed length along the negative gradient.
///
/// The baseline every other rule is measured against, and the one whose behaviour theory
/// predicts exactly: on a quadratic with Hessian eigenvalues λᵢ it converges if and only if
/// the learning rate is below 2/λmax, and zig-zags across narrow valleys when the
/// eigenvalues differ a lot (use ``SGD`` with momentum, or an adaptive rule, there).
///
/// At step t = 1, 2, …, with gₜ = ∇f(θₜ₋₁):
///
/// ```
/// θₜ = θₜ₋₁ − η·gₜ        η = learning rate (`lr`, or the schedule's rate for this step)
/// ```
///
/// It is ``SGD`` with every option off (`torch.optim.SGD(params, lr)`; `optax.sgd(lr)`),
/// written out on its own because it is the lecture's first method.
///
/// - `lr` (`learningRate`): 1e-3, the default of `torch.optim.SGD`.
///
/// ## References
///
/// Cauchy, *Méthode générale pour la résolution des systèmes d'équations simultanées*,
/// Comptes rendus 25 (1847), pp. 536–538. Nocedal & Wright, *Numerical Optimization*
/// (2nd ed., 2006), §3.1, eq. (3.1) with pₖ = −∇fₖ and a fixed step length.
///
/// PyTorch and Optax agree on this rule; their iterates are the same.
public struct GradientDescent: UpdateRule, Equatable {
  /// `gd`.
  public static let name = "gd"
  /// Steps of lr·g (at the start): lr < 2/λmax is the stability bound on a quadratic.
  public static var learningRateIsBoundedByCurvature: Bool { true }

  /// η, the step length along −∇f (PyTorch's `lr`).
  public let learningRate: Double

  /// Plain gradient descent with learning rate η.
  /// - Throws: ``HyperparameterError`` when `learningRate` is negative or not finite.
  public init(learningRate: Double = 1e-3) throws(HyperparameterError) {
    try HyperparameterError.requireNonNegative(learningRate, name: "lr")
    self.learningRate = learningRate
  }

  /// Hyperparameters under PyTorch's names.
  enum CodingKeys: String, CodingKey, CaseIterable {
    case learningRate = "lr"
  }

  public func initialState(parameterCount: Int) -> State {
    State(step: 0)
  }

  public func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext
  ) {
    precondition(
      gradient.count == parameters.count,
      "gd: gradient of \(gradient.count) entries for \(parameters.count) parameters")
    state.step += 1
    guard !parameters.isEmpty else { return }
    let lr = context.learningRate
    let n = parameters.count
    RuleBuffers.withBuffers(&parameters, gradient) { p, g in
      Parallelism.forEachChunk(
        n, minimumPerThread: Parallelism.arithmeticMinimumElementsPerThread
      ) { range in
        for i in range {
          p[i] -= lr * g[i]
        }
      }
    }
  }
}

extension GradientDescent: Codable {
  /// Reads hyperparameters under PyTorch's names, missing ones taking their defaults.
  /// - Throws: `DecodingError` for an unknown key or a wrong type, ``HyperparameterError``
  ///   for an invalid value.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownHyperparameters(CodingKeys.self, rule: Self.name)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(learningRate: c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1e-3)
  }
}
