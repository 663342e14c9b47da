import Foundation

/// A part of the flat parameter vector with its own learning rate and weight decay, as a
/// PyTorch optimizer's `param_groups` (e.g. no weight decay on biases).
///
/// Each group gets its own copy of the rule's state, and for each update
///
/// ```
/// ηᵍ = learningRateScale · η      η: the rule's lr, or the schedule's for this step
/// λᵍ = weightDecay ?? λ           λ: the rule's weight_decay
/// ```
///
/// so a schedule scales every group's rate by the same factor, as PyTorch's schedulers do
/// for groups whose `lr` is a multiple of the base rate. Element-wise rules (SGD, Adam, …)
/// then behave exactly as PyTorch with the same groups.
public struct ParameterGroup: Codable, Equatable, Sendable {
  /// A label for messages and results (`weights`, `biases`).
  public var name: String
  /// The indices of the flat vector in the group, as ranges in increasing order.
  public var ranges: [Range<Int>]
  /// The factor on the learning rate for this group (1: the base rate).
  public var learningRateScale: Double
  /// The weight decay for this group; `nil` keeps the rule's own.
  public var weightDecay: Double?

  /// A group of `ranges` with an optional rate factor and weight decay.
  /// - Precondition: `learningRateScale` finite and ≥ 0; `weightDecay` finite and ≥ 0.
  public init(
    name: String, ranges: [Range<Int>], learningRateScale: Double = 1, weightDecay: Double? = nil
  ) {
    precondition(
      learningRateScale >= 0 && learningRateScale.isFinite,
      "group \(name): learning-rate scale \(learningRateScale) must be finite and ≥ 0")
    precondition(
      weightDecay.map { $0 >= 0 && $0.isFinite } ?? true,
      "group \(name): weight decay \(weightDecay!) must be finite and ≥ 0")
    self.name = name
    self.ranges = ranges
    self.learningRateScale = learningRateScale
    self.weightDecay = weightDecay
  }

  /// The number of parameters in the group.
  public var count: Int { ranges.reduce(0) { $0 + $1.count } }

  /// One group holding all `parameterCount` parameters with the rule's own settings.
  public static func all(_ parameterCount: Int) -> [ParameterGroup] {
    [ParameterGroup(name: "all", ranges: [0..<parameterCount])]
  }

  /// The rule with its `weight_decay` replaced by this group's (the rule unchanged when the
  /// group keeps the rule's own).
  /// - Throws: ``TrainingInputError`` when the group sets a weight decay and the rule has
  ///   no `weight_decay` hyperparameter, or the value is refused by the rule.
  func rule<Rule: UpdateRule & Decodable>(from rule: Rule) throws -> Rule {
    guard let weightDecay else { return rule }
    guard case .object(var fields) = try JSONValue(encoding: rule), fields["weight_decay"] != nil
    else {
      throw TrainingInputError(
        source: "parameter group \(name)",
        reason: "\(Rule.name) has no weight_decay hyperparameter to set per group")
    }
    fields["weight_decay"] = .number(weightDecay)
    return try JSONDecoder().decode(Rule.self, from: JSONEncoder().encode(JSONValue.object(fields)))
  }
}

extension MLP {
  /// Two groups: every weight matrix (`weights`, with `weightDecay`) and every bias
  /// (`biases`, with `biasWeightDecay`, 0 by default) — the usual "no decay on biases".
  public func weightAndBiasGroups(weightDecay: Double, biasWeightDecay: Double = 0)
    -> [ParameterGroup]
  {
    [
      ParameterGroup(name: "weights", ranges: layers.map(\.weightRange), weightDecay: weightDecay),
      ParameterGroup(name: "biases", ranges: layers.map(\.biasRange), weightDecay: biasWeightDecay),
    ]
  }
}
