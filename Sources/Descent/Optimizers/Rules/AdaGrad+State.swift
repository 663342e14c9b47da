extension AdaGrad {
  /// The step count and the accumulated squared gradients s (PyTorch's `state["sum"]`).
  public struct State: UpdateRuleState {
    /// Updates applied so far; the learning-rate decay reads it.
    public var step: Int
    /// s, one entry per parameter: s₀ plus the squares of every gradient so far.
    public var sum: [Double]

    /// The state after `step` updates with accumulators `sum`.
    public init(step: Int, sum: [Double]) {
      self.step = step
      self.sum = sum
    }
  }
}
