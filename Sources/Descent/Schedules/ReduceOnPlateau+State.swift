extension ReduceOnPlateau {
  /// What reduce-on-plateau remembers between observations, under PyTorch's attribute names
  /// (`best`, `num_bad_epochs`, `cooldown_counter`, `last_epoch`) and `lr` for the current
  /// rate.
  ///
  /// Saved with a run and restored, it continues bit for bit: JSON numbers are written in
  /// shortest round-trip form. `best` starts at ±∞, which JSON has no number for; it is
  /// written as the string `"Infinity"` or `"-Infinity"` (`"NaN"` for NaN), as everywhere in
  /// Descent's JSON, and read back from either form.
  public struct State: Codable, Equatable, Sendable {
    /// The best metric so far (+∞ in `min` mode, −∞ in `max` mode before any).
    public var best: Double
    /// Observations since the last improvement, reset by a reduction and during cooldown.
    public var badEpochs: Int
    /// Observations left in the cooldown after the last reduction.
    public var cooldownCounter: Int
    /// The current learning rate.
    public var learningRate: Double
    /// Metrics observed so far.
    public var epochs: Int

    /// A state with the given counters.
    public init(
      best: Double, badEpochs: Int, cooldownCounter: Int, learningRate: Double, epochs: Int
    ) {
      self.best = best
      self.badEpochs = badEpochs
      self.cooldownCounter = cooldownCounter
      self.learningRate = learningRate
      self.epochs = epochs
    }

    enum CodingKeys: String, CodingKey {
      case best
      case badEpochs = "num_bad_epochs"
      case cooldownCounter = "cooldown_counter"
      case learningRate = "lr"
      case epochs = "last_epoch"
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      if best.isFinite {
        try container.encode(best, forKey: .best)
      } else {
        try container.encode(
          best.isNaN ? "NaN" : best > 0 ? "Infinity" : "-Infinity", forKey: .best)
      }
      try container.encode(badEpochs, forKey: .badEpochs)
      try container.encode(cooldownCounter, forKey: .cooldownCounter)
      try container.encode(learningRate, forKey: .learningRate)
      try container.encode(epochs, forKey: .epochs)
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      if let number = try? container.decode(Double.self, forKey: .best) {
        best = number
      } else {
        let text = try container.decode(String.self, forKey: .best)
        switch text {
        case "Infinity": best = .infinity
        case "-Infinity": best = -.infinity
        case "NaN": best = .nan
        default:
          throw DecodingError.dataCorruptedError(
            forKey: .best, in: container,
            debugDescription:
              "best = \"\(text)\" is not a number, \"Infinity\", \"-Infinity\" or \"NaN\"")
        }
      }
      badEpochs = try container.decode(Int.self, forKey: .badEpochs)
      cooldownCounter = try container.decode(Int.self, forKey: .cooldownCounter)
      learningRate = try container.decode(Double.self, forKey: .learningRate)
      epochs = try container.decode(Int.self, forKey: .epochs)
      // A state no run can reach is refused rather than continued.
      for (key, count) in [
        (CodingKeys.badEpochs, badEpochs), (.cooldownCounter, cooldownCounter), (.epochs, epochs),
      ] where count < 0 {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: container, debugDescription: "\(key.rawValue) = \(count) is negative")
      }
      guard learningRate.isFinite, learningRate >= 0 else {
        throw DecodingError.dataCorruptedError(
          forKey: .learningRate, in: container,
          debugDescription: "lr = \(learningRate) is not a finite number ≥ 0")
      }
    }
  }
}
