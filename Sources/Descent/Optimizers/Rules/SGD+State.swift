extension SGD {
  /// The step count and, with momentum, the momentum buffer b (PyTorch's
  /// `state["momentum_buffer"]`).
  public struct State: UpdateRuleState {
    /// Updates applied so far. The first update (step 0) sets the buffer to the gradient.
    public var step: Int
    /// b, one entry per parameter; empty when momentum is 0.
    public var momentumBuffer: [Double]

    /// The state after `step` updates with buffer `momentumBuffer`.
    public init(step: Int, momentumBuffer: [Double]) {
      self.step = step
      self.momentumBuffer = momentumBuffer
    }

    enum CodingKeys: String, CodingKey {
      case step
      case momentumBuffer = "momentum_buffer"
    }
  }
}
