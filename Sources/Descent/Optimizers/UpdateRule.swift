/// What an update rule sees besides the gradient: the loss at the current parameters (Eve
/// and line searches need it) and the learning rate in force for this update.
///
/// The learning rate is the rule's own `lr` unless a schedule gives another for this step
/// (see ``Schedule``); rules read it from here, never from themselves, so that any schedule
/// works on any rule.
public struct UpdateContext: Sendable, Equatable {
  /// f(θ) at the parameters the gradient was taken at.
  public var loss: Double
  /// The learning rate for this update.
  public var learningRate: Double

  /// A context for one update.
  public init(loss: Double, learningRate: Double) {
    self.loss = loss
    self.learningRate = learningRate
  }
}

/// The state of an update rule between steps: moments, accumulators and the number of
/// updates already applied. `Codable` so that a run can be saved and resumed bit for bit.
public protocol UpdateRuleState: Codable, Equatable, Sendable {
  /// Updates applied so far (0 before the first). PyTorch keeps this per parameter as
  /// `state["step"]`; Optax as `count`.
  var step: Int { get }
}

/// A first-order update rule: a value type holding its hyperparameters, and a step that
/// changes parameters and state in place.
///
/// The rule itself never changes: everything that evolves lives in ``State``, which holds
/// the step count (Optax's lesson: nothing hidden in the caller). Conformers encode their
/// hyperparameters (`Encodable`) under PyTorch's argument names (`lr`, `betas`,
/// `weight_decay`, …): that encoding is the `hyperparameters` object of a result.
///
/// ```swift
/// let rule = try SGD(learningRate: 0.01, momentum: 0.9)
/// var state = rule.initialState(parameterCount: x.count)
/// let (loss, gradient) = try objective.valueAndGradient(at: x)
/// rule.update(&x, gradient: gradient, state: &state,
///             context: UpdateContext(loss: loss, learningRate: rule.learningRate))
/// ```
public protocol UpdateRule: Encodable, Sendable {
  associatedtype State: UpdateRuleState

  /// The name typed on the command line (`sgd`, `adam`, …).
  static var name: String { get }

  /// Whether lr < 2/λmax bounds the stable learning rates (see the default below).
  static var learningRateIsBoundedByCurvature: Bool { get }

  /// The learning rate when no schedule overrides it (PyTorch's `lr`).
  var learningRate: Double { get }

  /// The state before the first update, for a parameter vector of `parameterCount` entries.
  func initialState(parameterCount: Int) -> State

  /// Applies one update in place. `gradient` is ∇f at `parameters`; `state.step` goes up by
  /// one.
  /// - Precondition: `gradient.count == parameters.count`, the count the state was made for.
  func update(
    _ parameters: inout [Double], gradient: [Double], state: inout State, context: UpdateContext)
}

extension UpdateRule {
  /// True when the rule's step is the learning rate times the gradient (gradient descent,
  /// momentum before the velocity builds up, RAdam's first unrectified steps): then
  /// lr < 2/λmax is the stability bound on a quadratic, and a divergence hint quotes it.
  /// False by default: adaptive rules divide the gradient by its own scale.
  public static var learningRateIsBoundedByCurvature: Bool { false }
}

/// Where PyTorch and Optax define a rule differently, which one to follow.
///
/// `.pytorch` (the default everywhere) follows `torch.optim`; `.optax` follows Optax:
/// RMSProp adds ε inside the square root (`eps_in_sqrt=True`), AdaGrad starts its
/// accumulator at 0.1 and adds ε inside the square root, AMSGrad takes its maximum after
/// bias correction, Adam accepts `eps_root`. Under `.optax` some defaults change too
/// (AdaGrad's `eps` 1e-7, RMSProp's `alpha` 0.9), and RMSProp's momentum acts on the step
/// after the learning rate (so it differs from PyTorch's under a schedule); NAdam drops its
/// momentum schedule and RAdam adds ε to √v̂ rather than √v. Each rule's
/// documentation lists what changes.
public enum Convention: String, Codable, Sendable, CaseIterable {
  case pytorch
  case optax
}
