extension Adadelta {
  /// The step count and the two moving averages, under PyTorch's state names.
  public struct State: UpdateRuleState {
    /// Updates applied so far.
    public var step: Int
    /// v, the moving average of squared gradients (`square_avg`).
    public var squareAverage: [Double]
    /// u, the moving average of squared steps (`acc_delta`).
    public var accumulatedDelta: [Double]

    /// The state after `step` updates.
    public init(step: Int, squareAverage: [Double], accumulatedDelta: [Double]) {
      self.step = step
      self.squareAverage = squareAverage
      self.accumulatedDelta = accumulatedDelta
    }

    enum CodingKeys: String, CodingKey {
      case step
      case squareAverage = "square_avg"
      case accumulatedDelta = "acc_delta"
    }
  }
}
