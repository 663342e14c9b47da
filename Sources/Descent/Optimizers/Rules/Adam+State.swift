extension Adam {
  /// The step count and Adam's moments, under PyTorch's state names (`exp_avg`,
  /// `exp_avg_sq`, `max_exp_avg_sq`). ``AdamW`` keeps the same state.
  public struct State: UpdateRuleState {
    /// Updates applied so far; the next update uses the bias corrections of step + 1.
    public var step: Int
    /// m, the running average of gradients, one entry per parameter.
    public var firstMoment: [Double]
    /// v, the running average of squared gradients, one entry per parameter.
    public var secondMoment: [Double]
    /// With amsgrad, the running maximum of v (PyTorch convention) or of the bias-corrected
    /// v̂ (Optax convention), one entry per parameter; empty without amsgrad.
    public var maxSecondMoment: [Double]

    /// The state after `step` updates with the given moments.
    public init(
      step: Int, firstMoment: [Double], secondMoment: [Double], maxSecondMoment: [Double]
    ) {
      self.step = step
      self.firstMoment = firstMoment
      self.secondMoment = secondMoment
      self.maxSecondMoment = maxSecondMoment
    }

    /// Step 0 and zeros, the maximum only with `amsgrad`.
    init(parameterCount n: Int, amsgrad: Bool) {
      let zeros = [Double](repeating: 0, count: n)
      self.init(
        step: 0, firstMoment: zeros, secondMoment: zeros, maxSecondMoment: amsgrad ? zeros : [])
    }

    enum CodingKeys: String, CodingKey {
      case step
      case firstMoment = "exp_avg"
      case secondMoment = "exp_avg_sq"
      case maxSecondMoment = "max_exp_avg_sq"
    }
  }
}
