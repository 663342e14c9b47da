extension LectureMomentum {
  /// The step count and the velocity m.
  public struct State: UpdateRuleState {
    /// Updates applied so far.
    public var step: Int
    /// m, the last displacement of each parameter (zeros before the first update).
    public var velocity: [Double]

    /// The state after `step` updates with velocity `velocity`.
    public init(step: Int, velocity: [Double]) {
      self.step = step
      self.velocity = velocity
    }
  }
}
