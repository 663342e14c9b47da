extension Lion {
  /// The step count and Lion's single moment (stored as `exp_avg`, the name of the
  /// PyTorch ports).
  public struct State: UpdateRuleState {
    /// Updates applied so far.
    public var step: Int
    /// m, the running average of gradients with decay β₂, one entry per parameter.
    public var momentum: [Double]

    /// The state after `step` updates with momentum `momentum`.
    public init(step: Int, momentum: [Double]) {
      self.step = step
      self.momentum = momentum
    }

    enum CodingKeys: String, CodingKey {
      case step
      case momentum = "exp_avg"
    }
  }
}
