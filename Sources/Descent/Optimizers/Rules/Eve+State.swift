extension Eve {
  /// The step count, Adam's moments, and the feedback of Algorithm 1: the smoothed loss f̂
  /// and the coefficient d.
  public struct State: UpdateRuleState {
    /// Updates applied so far.
    public var step: Int
    /// m, the running average of gradients, one entry per parameter.
    public var firstMoment: [Double]
    /// v, the running average of squared gradients, one entry per parameter.
    public var secondMoment: [Double]
    /// f̂, the smoothed loss after the last update (the paper's f̂ₜ₋₁ after step t); `nil`
    /// before the first.
    public var smoothedLoss: Double?
    /// d, the running average of relative loss changes that divides every step (1 until the
    /// second update).
    public var feedback: Double

    /// The state after `step` updates with the given moments and feedback.
    public init(
      step: Int, firstMoment: [Double], secondMoment: [Double], smoothedLoss: Double?,
      feedback: Double
    ) {
      self.step = step
      self.firstMoment = firstMoment
      self.secondMoment = secondMoment
      self.smoothedLoss = smoothedLoss
      self.feedback = feedback
    }

    enum CodingKeys: String, CodingKey {
      case step
      case firstMoment = "exp_avg"
      case secondMoment = "exp_avg_sq"
      case smoothedLoss = "smoothed_loss"
      case feedback
    }
  }
}
