extension RAdam {
  /// The step count and the moments, under PyTorch's state names (`exp_avg`,
  /// `exp_avg_sq`).
  public struct State: UpdateRuleState {
    /// Updates applied so far; it decides whether the next step is rectified (ρₜ > 5).
    public var step: Int
    /// m, the running average of gradients, one entry per parameter.
    public var firstMoment: [Double]
    /// v, the running average of squared gradients, one entry per parameter.
    public var secondMoment: [Double]

    /// The state after `step` updates with the given moments.
    public init(step: Int, firstMoment: [Double], secondMoment: [Double]) {
      self.step = step
      self.firstMoment = firstMoment
      self.secondMoment = secondMoment
    }

    enum CodingKeys: String, CodingKey {
      case step
      case firstMoment = "exp_avg"
      case secondMoment = "exp_avg_sq"
    }
  }
}
