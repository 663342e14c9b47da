extension NAdam {
  /// The step count, the moments and the product of the momentum schedule, under PyTorch's
  /// state names (`exp_avg`, `exp_avg_sq`, `mu_product`).
  public struct State: UpdateRuleState {
    /// Updates applied so far.
    public var step: Int
    /// m, the running average of gradients, one entry per parameter.
    public var firstMoment: [Double]
    /// v, the running average of squared gradients, one entry per parameter.
    public var secondMoment: [Double]
    /// Πₜ = μ₁·μ₂·…·μₜ, the product of the momentum schedule so far (1 before the first
    /// update; β₁ᵗ under the Optax convention, whose schedule is constant).
    public var momentumProduct: Double

    /// The state after `step` updates with the given moments and schedule product.
    public init(
      step: Int, firstMoment: [Double], secondMoment: [Double], momentumProduct: Double
    ) {
      self.step = step
      self.firstMoment = firstMoment
      self.secondMoment = secondMoment
      self.momentumProduct = momentumProduct
    }

    enum CodingKeys: String, CodingKey {
      case step
      case firstMoment = "exp_avg"
      case secondMoment = "exp_avg_sq"
      case momentumProduct = "mu_product"
    }
  }
}
