import ArgumentParser
import Descent

/// The hyperparameter flags of `descent run`: PyTorch's argument names in kebab-case. Only
/// the flags given are passed on; the rule supplies its defaults and says which flags do not
/// apply to it.
struct HyperparameterOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Learning rate (lr).") var lr: Double?
  @Option(parsing: .unconditional, help: "Momentum factor (sgd, rmsprop).") var momentum: Double?
  @Option(parsing: .unconditional, help: "Dampening for momentum (sgd).") var dampening: Double?
  @Flag(help: "Nesterov momentum (sgd).") var nesterov = false
  @Option(
    name: .customLong("weight-decay"), parsing: .unconditional,
    help: "Weight decay (L2 penalty, or decoupled for adamw/lion).") var weightDecay: Double?
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("Coefficients (β₁, β₂) for running averages: 0.9,0.999.", valueName: "b1,b2")
  ) var betas: String?
  @Option(parsing: .unconditional, help: "Term added for numerical stability (eps).") var eps:
    Double?
  @Option(
    name: .customLong("eps-root"), parsing: .unconditional,
    help: "Optax's eps_root (adam with --convention optax).") var epsRoot: Double?
  @Flag(help: "AMSGrad variant (adam, adamw).") var amsgrad = false
  @Option(parsing: .unconditional, help: "Smoothing constant (rmsprop).") var alpha: Double?
  @Flag(help: "Centered RMSProp.") var centered = false
  @Option(
    parsing: .unconditional,
    help: "Coefficient of the running average of squared gradients (adadelta).") var rho: Double?
  @Option(
    name: .customLong("lr-decay"), parsing: .unconditional, help: "Learning-rate decay (adagrad).")
  var lrDecay: Double?
  @Option(
    name: .customLong("initial-accumulator-value"), parsing: .unconditional,
    help: "Initial accumulator (adagrad).") var initialAccumulatorValue: Double?
  @Option(
    name: .customLong("momentum-decay"), parsing: .unconditional, help: "Momentum decay ψ (nadam).")
  var momentumDecay: Double?
  @Flag(name: .customLong("decoupled-weight-decay"), help: "Decoupled weight decay (nadam, radam).")
  var decoupledWeightDecay = false
  @Option(parsing: .unconditional, help: "Eve's β₃, the smoothing of the loss feedback.") var beta3:
    Double?
  @Option(
    name: .customLong("lower-threshold"), parsing: .unconditional,
    help: "Eve's lower clipping threshold k of the feedback.") var lowerThreshold: Double?
  @Option(
    name: .customLong("upper-threshold"), parsing: .unconditional,
    help: "Eve's upper clipping threshold K of the feedback.") var upperThreshold: Double?
  @Flag(help: "Maximize the objective instead of minimizing it.") var maximize = false
  @Option(help: "Where PyTorch and Optax differ, follow: pytorch or optax.") var convention: String?

  /// The hyperparameters given, under PyTorch's names.
  func values() throws -> [String: JSONValue] {
    var out: [String: JSONValue] = [:]
    func number(_ key: String, _ v: Double?) throws {
      guard let v else { return }
      guard v.isFinite else {
        throw CommandFailure.badInput(
          "--\(key.replacingOccurrences(of: "_", with: "-")): \(v) is not finite")
      }
      out[key] = .number(v)
    }
    try number("lr", lr)
    try number("momentum", momentum)
    try number("dampening", dampening)
    try number("weight_decay", weightDecay)
    try number("eps", eps)
    try number("eps_root", epsRoot)
    try number("alpha", alpha)
    try number("rho", rho)
    try number("lr_decay", lrDecay)
    try number("initial_accumulator_value", initialAccumulatorValue)
    try number("momentum_decay", momentumDecay)
    try number("beta3", beta3)
    try number("lower_threshold", lowerThreshold)
    try number("upper_threshold", upperThreshold)
    if nesterov { out["nesterov"] = .bool(true) }
    if amsgrad { out["amsgrad"] = .bool(true) }
    if centered { out["centered"] = .bool(true) }
    if decoupledWeightDecay { out["decoupled_weight_decay"] = .bool(true) }
    if maximize { out["maximize"] = .bool(true) }
    if let betas {
      let values = try NumberList.parse(betas, flag: "--betas", count: 2)
      out["betas"] = .array(values.map { .number($0) })
    }
    if let convention {
      guard Convention(rawValue: convention) != nil else {
        throw CommandFailure.badInput(
          "--convention: '\(convention)' is not a convention; write pytorch or optax")
      }
      out["convention"] = .string(convention)
    }
    return out
  }
}
