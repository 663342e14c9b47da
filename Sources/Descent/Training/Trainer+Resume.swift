import Foundation

extension Trainer {
  /// Refuses a state that does not fit this trainer, such as one read from a corrupt or
  /// edited checkpoint: the training loop indexes with its counters and buffers, so a state
  /// that does not fit would trap instead of failing with a message.
  ///
  /// A state fits when it holds `model.parameterCount` parameters and one rule state per
  /// parameter group, whose number arrays have the lengths of a fresh state's (or, where a
  /// fresh state's array is empty, no entries or one per parameter of the group); its epoch,
  /// step and batch are ≥ 0, the batch at most the batches of an epoch; and its shuffled order is empty or a permutation of the
  /// training rows.
  /// - Throws: ``TrainingInputError`` (source `checkpoint`) saying what does not fit.
  func checkFits(_ state: TrainingState<Rule.State>) throws(TrainingInputError) {
    func refuse(_ reason: String) -> TrainingInputError {
      TrainingInputError(source: "checkpoint", reason: reason)
    }
    guard state.parameters.count == model.parameterCount else {
      throw refuse(
        "\(state.parameters.count) parameters for a network of \(model.parameterCount)")
    }
    guard state.epoch >= 0, state.step >= 0, state.batch >= 0 else {
      throw refuse(
        "negative epoch, step or batch (\(state.epoch), \(state.step), \(state.batch))")
    }
    let n = training.count
    let batches = (n + options.batchSize - 1) / options.batchSize
    guard state.batch <= batches else {
      throw refuse("batch \(state.batch) of an epoch of \(batches) batches")
    }
    if !state.order.isEmpty {
      var seen = [Bool](repeating: false, count: n)
      for row in state.order {
        guard row >= 0, row < n, !seen[row] else {
          throw refuse("the shuffled order is not a permutation of the \(n) training rows")
        }
        seen[row] = true
      }
      guard state.order.count == n else {
        throw refuse("the shuffled order has \(state.order.count) rows, the data \(n)")
      }
    }
    let fresh = initialState(
      parameters: [Double](repeating: 0, count: model.parameterCount), seed: 0
    ).ruleStates
    guard state.ruleStates.count == fresh.count else {
      throw refuse("\(state.ruleStates.count) optimizer states for \(fresh.count) groups")
    }
    for (k, (saved, expected)) in zip(state.ruleStates, fresh).enumerated() {
      guard let saved = try? JSONValue(encoding: saved),
        let expected = try? JSONValue(encoding: expected),
        Self.sameLayout(saved, expected, groupSize: groups[k].count)
      else {
        throw refuse("the optimizer state of group \(k + 1) does not fit its parameters")
      }
    }
  }

  /// Whether `saved` has the keys and array lengths of `expected` (see ``checkFits(_:)``).
  private static func sameLayout(_ saved: JSONValue, _ expected: JSONValue, groupSize: Int)
    -> Bool
  {
    switch (saved, expected) {
    case (.object(let a), .object(let b)):
      return a.keys.allSatisfy { b[$0] != nil }
        && b.allSatisfy { key, value in
          a[key].map { sameLayout($0, value, groupSize: groupSize) } ?? false
        }
    case (.array(let a), .array(let b)):
      if b.isEmpty { return a.isEmpty || a.count == groupSize }
      return a.count == b.count
        && zip(a, b).allSatisfy { sameLayout($0, $1, groupSize: groupSize) }
    case (.array, _), (_, .array), (.object, _), (_, .object):
      return false
    default:
      return true
    }
  }
}
