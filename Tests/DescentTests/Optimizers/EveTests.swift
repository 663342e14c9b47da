import Foundation
import Testing

@testable import Descent

/// Eve's feedback coefficient against closed forms of Algorithm 1 (the trajectories are in
/// `AdamFamilyReferenceTests`). The feedback depends on the loss only, so these run on an
/// empty parameter vector.
@Suite struct EveTests {
  /// Feeds `losses` to Eve and returns the state after each update.
  func states(_ rule: Eve, losses: [Double]) -> [Eve.State] {
    var x: [Double] = []
    var state = rule.initialState(parameterCount: 0)
    return losses.map { loss in
      rule.update(
        &x, gradient: [], state: &state, context: UpdateContext(loss: loss, learningRate: 1))
      return state
    }
  }

  /// The first update takes f̂ = f₁ and d₁ = 1 (Adam's step).
  @Test func firstUpdateIsAdams() throws {
    let s = states(try Eve(), losses: [24.2])
    #expect(s[0].smoothedLoss == 24.2)
    #expect(s[0].feedback == 1)
    #expect(s[0].step == 1)
  }

  /// A loss that holds still moves f̂ up by k and back (f ≥ f̂ clips the ratio 1 up to
  /// k + 1; then f < f̂ clips 1/(k + 1) … into [1/(K + 1), 1/(k + 1)]), so every rₜ = k and
  /// dₜ = k + (1 − k)·β₃ᵗ⁻¹: with k = 0.1 the steps grow towards 10α. To 1e-12 relative:
  /// each rₜ carries a rounding or two of the multiplications by cₜ.
  @Test func constantLossDrivesTheFeedbackToTheLowerThreshold() throws {
    let rule = try Eve(beta3: 0.9)
    let s = states(rule, losses: Array(repeating: 3, count: 60))
    for (index, state) in s.enumerated() {
      let t = Double(index + 1)
      expectClose(state.feedback, 0.1 + 0.9 * pow(0.9, t - 1), rtol: 1e-12, "d at t = \(t)")
    }
    // f̂ alternates between f·(1 + k) and f.
    expectClose(s[1].smoothedLoss ?? .nan, 3.3, rtol: 1e-15)
    expectClose(s[2].smoothedLoss ?? .nan, 3, rtol: 1e-15)
  }

  /// A loss jumping by a factor 100 is clipped to K + 1: r₂ = K, so d₂ = β₃ + (1 − β₃)·K;
  /// falling by a factor 100 is clipped to 1/(K + 1), again r = K.
  @Test func jumpsAreClippedToTheUpperThreshold() throws {
    let rule = try Eve(beta3: 0.99, lowerThreshold: 0.1, upperThreshold: 10)
    let up = states(rule, losses: [1, 100])
    expectClose(up[1].smoothedLoss ?? .nan, 11, rtol: 1e-15)
    expectClose(up[1].feedback, 0.99 + 0.01 * 10, rtol: 1e-14)
    let down = states(rule, losses: [100, 1])
    expectClose(down[1].smoothedLoss ?? .nan, 100 / 11, rtol: 1e-15)
    expectClose(down[1].feedback, 0.99 + 0.01 * 10, rtol: 1e-14)
  }

  /// Within the band the smoothed loss follows the loss exactly: a 50% rise (between
  /// k + 1 = 1.1 and K + 1 = 11) gives f̂ = f and r = 0.5.
  @Test func changesInsideTheBandPassThrough() throws {
    let rule = try Eve(beta3: 0.5)
    let s = states(rule, losses: [2, 3])
    #expect(s[1].smoothedLoss == 3)
    expectClose(s[1].feedback, 0.5 * 1 + 0.5 * 0.5, rtol: 1e-15)
  }

  /// dₜ divides the step: with a feedback of 2 the step is half Adam's (ε = 0, one update
  /// after a first one taken with the same gradient). To 1e-14 relative: the bias
  /// corrections of step 2 are not exact in binary.
  @Test func feedbackDividesTheStep() throws {
    let eve = try Eve(learningRate: 0.1, beta3: 0, epsilon: 0)
    var x: [Double] = [0]
    var state = eve.initialState(parameterCount: 1)
    eve.update(&x, gradient: [1], state: &state, context: UpdateContext(loss: 1, learningRate: 0.1))
    expectClose(x[0], -0.1, rtol: 1e-15)
    // f: 1 → 3, inside the band: r = |3 − 1| / 1 = 2, and with β₃ = 0, d = 2.
    eve.update(&x, gradient: [1], state: &state, context: UpdateContext(loss: 3, learningRate: 0.1))
    #expect(state.feedback == 2)
    expectClose(x[0], -0.1 - 0.05, rtol: 1e-14)
  }
}
