import Foundation
import Testing

@testable import Descent

/// Lion's sign step (the trajectories are in `AdamFamilyReferenceTests`).
@Suite struct LionTests {
  /// Without weight decay every coordinate moves by exactly η per update: with η = 2⁻⁶ and
  /// a start on the grid of 2⁻⁶ the arithmetic is exact, so |Δθᵢ| = η bit for bit.
  @Test func everyCoordinateMovesByTheLearningRate() throws {
    let lr = 0.015625
    let rule = try Lion(learningRate: lr, weightDecay: 0)
    let start: [Double] = [-1.1875, 1]
    let trajectory = try AdamFamilyFixtures.run(
      rule, formula: "(1-x)^2 + 100*(y-x^2)^2", from: start, steps: 40)
    for (previous, next) in zip([start] + trajectory, trajectory) {
      #expect(zip(previous, next).allSatisfy { abs($1 - $0) == lr }, "\(previous) → \(next)")
    }
  }

  /// sign(0) = 0: a coordinate whose gradient and momentum are both exactly 0 does not move
  /// (Beale's ∂f/∂x vanishes at y = 1), as with `jnp.sign`.
  @Test func zeroInterpolationDoesNotMove() throws {
    let rule = try Lion(learningRate: 0.01, weightDecay: 0)
    var x: [Double] = [1, 1]
    var state = rule.initialState(parameterCount: 2)
    rule.update(
      &x, gradient: [0, -3], state: &state, context: UpdateContext(loss: 1, learningRate: 0.01))
    #expect(x == [1, 1.01])
    #expect(state.momentum == [0, -3 * (1 - 0.99)])
  }

  /// Weight decay is decoupled and applied to θₜ₋₁: θ ← θ − η·(sign(c) + λθ).
  @Test func weightDecayIsDecoupled() throws {
    let rule = try Lion(learningRate: 0.1, weightDecay: 0.5)
    var x: [Double] = [2]
    var state = rule.initialState(parameterCount: 1)
    rule.update(
      &x, gradient: [1e-9], state: &state, context: UpdateContext(loss: 1, learningRate: 0.1))
    expectClose(x[0], 2 - 0.1 * (1 + 0.5 * 2), rtol: 1e-15)
  }
}
