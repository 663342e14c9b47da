extension Adamax {
  /// The step count, the first moment and the infinity norm, under PyTorch's state names
  /// (`exp_avg`, `exp_inf`).
  public struct State: UpdateRuleState {
    /// Updates applied so far.
    public var step: Int
    /// m, the running average of gradients, one entry per parameter.
    public var firstMoment: [Double]
    /// u, the decaying running maximum of |g| + ε, one entry per parameter.
    public var infinityNorm: [Double]

    /// The state after `step` updates with the given moments.
    public init(step: Int, firstMoment: [Double], infinityNorm: [Double]) {
      self.step = step
      self.firstMoment = firstMoment
      self.infinityNorm = infinityNorm
    }

    enum CodingKeys: String, CodingKey {
      case step
      case firstMoment = "exp_avg"
      case infinityNorm = "exp_inf"
    }
  }
}
