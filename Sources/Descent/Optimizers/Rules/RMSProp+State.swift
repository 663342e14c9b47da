extension RMSProp {
  /// The step count and the moving averages, under PyTorch's state names.
  public struct State: UpdateRuleState {
    /// Updates applied so far.
    public var step: Int
    /// v, the moving average of squared gradients (`square_avg`).
    public var squareAverage: [Double]
    /// ḡ, the moving average of gradients (`grad_avg`); empty unless centered.
    public var gradientAverage: [Double]
    /// b, the momentum buffer (`momentum_buffer`); empty unless momentum > 0. Under
    /// `.optax` it holds steps already scaled by the learning rate.
    public var momentumBuffer: [Double]

    /// The state after `step` updates.
    public init(
      step: Int, squareAverage: [Double], gradientAverage: [Double], momentumBuffer: [Double]
    ) {
      self.step = step
      self.squareAverage = squareAverage
      self.gradientAverage = gradientAverage
      self.momentumBuffer = momentumBuffer
    }

    enum CodingKeys: String, CodingKey {
      case step
      case squareAverage = "square_avg"
      case gradientAverage = "grad_avg"
      case momentumBuffer = "momentum_buffer"
    }
  }
}
