/// A point the loop has reached: the parameters, f there and ∇f there (empty for methods
/// that use no gradient).
public struct Iterate: Codable, Equatable, Sendable {
  public var x: [Double]
  public var value: Double
  public var gradient: [Double]

  /// An evaluated point.
  public init(x: [Double], value: Double, gradient: [Double]) {
    self.x = x
    self.value = value
    self.gradient = gradient
  }

  /// True when x, f and ∇f are all finite.
  public var isFinite: Bool {
    value.isFinite && x.allSatisfy { $0.isFinite } && gradient.allSatisfy { $0.isFinite }
  }
}

/// What one iteration of a method produced.
public enum StepOutcome: Sendable {
  /// A new evaluated point, and the learning rate used where the method has one.
  case moved(Iterate, learningRate: Double?)
  /// The method cannot go on (a line search that found no step, say).
  case stopped(StopReason)
}

/// A method the driver loop iterates: the template every method follows (Optim.jl's
/// pattern of configuration, state, initial state and update), so that limits,
/// convergence, divergence, the trace, observers and checkpoints live in one loop
/// (``minimize(_:from:method:options:resumingFrom:observer:)``) and nowhere else.
public protocol IterativeMethod {
  /// Everything that evolves between iterations; `Codable` so a run can be resumed bit for bit.
  associatedtype State: Codable, Equatable, Sendable

  /// The method's name as typed (`adam`, `bfgs`, …).
  var name: String { get }
  /// Every hyperparameter in force, defaults included, under PyTorch's/SciPy's names.
  var hyperparameters: JSONValue { get }
  /// Whether the method needs ∇f (the loop evaluates the start point accordingly).
  var usesGradient: Bool { get }
  /// Whether lr < 2/λmax bounds the method's stable learning rates (for divergence hints).
  var learningRateIsBoundedByCurvature: Bool { get }
  /// The learning rate the method would use for the step after `state`, if it has one
  /// (for divergence hints).
  func learningRate(in state: State) -> Double?

  /// The state before the first iteration, at the evaluated start point.
  func initialState(at start: Iterate, evaluator: ObjectiveEvaluator) throws -> State

  /// One iteration from `current`: evaluates whatever it needs through `evaluator`.
  func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome

  /// The measure of stationarity the loop compares with the gradient tolerance. Default:
  /// ‖∇f‖∞ (SciPy's and Optim.jl's); a method with bounds reports the projected gradient
  /// ‖P(x − ∇f) − x‖∞ instead, which is zero at a constrained minimum.
  func stationarity(at current: Iterate, state: State) -> Double

  /// Whether the method, at a point whose stationarity is within the gradient tolerance, can
  /// still descend — it has found negative curvature there — so that the loop takes a step
  /// instead of stopping. Default: false (a first-order method stays where ∇f = 0).
  func continuesPastStationaryPoint(
    _ current: Iterate, state: State, evaluator: ObjectiveEvaluator
  ) throws -> Bool
}

extension IterativeMethod {
  /// ‖∇f‖∞ (0 for a method that uses no gradient).
  public func stationarity(at current: Iterate, state: State) -> Double {
    current.gradient.reduce(0) { Swift.max($0, Swift.abs($1)) }
  }

  /// False: the loop stops where the gradient tolerance is met.
  public func continuesPastStationaryPoint(
    _ current: Iterate, state: State, evaluator: ObjectiveEvaluator
  ) throws -> Bool { false }
}
