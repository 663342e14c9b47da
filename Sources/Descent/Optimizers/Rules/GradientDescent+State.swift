extension GradientDescent {
  /// Plain gradient descent keeps nothing between steps but the count.
  public struct State: UpdateRuleState {
    /// Updates applied so far.
    public var step: Int

    /// The state after `step` updates.
    public init(step: Int) {
      self.step = step
    }
  }
}
