import Foundation
import Testing

@testable import Descent

/// The lecture's momentum m ← λm − ηg, θ ← θ + m against PyTorch's b ← μb + g, θ ← θ − ηb:
/// the same iterates for a constant learning rate, different ones when the rate changes.
@Suite struct LectureMomentumTests {
  static let functions: [(formula: String, start: [Double], lr: Double)] = [
    ("(1-x)^2 + 100*(y-x^2)^2", [-1.2, 1], 2e-4),
    ("0.5*x^2 + 5*y^2 + 2*z^2 + 0.1*x*y - 0.5*y*z + x - z", [1, -1, 2], 0.05),
    ("(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", [1, 1], 0.01),
  ]

  /// Constant learning rate: mₜ = −η·bₜ in exact arithmetic, so the trajectories agree up to
  /// rounding — 1e-12·max(1, |x|) over 100 updates (each step rounds η·b and λ·m
  /// differently, a relative 1e-16 or so, amplified modestly along these paths).
  @Test(arguments: [0.5, 0.9])
  func equalsPyTorchMomentumForAConstantLearningRate(_ momentum: Double) throws {
    for f in Self.functions {
      let lecture = try SGDFamilyFixtures.run(
        LectureMomentum(learningRate: f.lr, momentum: momentum), formula: f.formula,
        from: f.start, steps: 100)
      let torch = try SGDFamilyFixtures.run(
        SGD(learningRate: f.lr, momentum: momentum), formula: f.formula, from: f.start,
        steps: 100)
      expectTrajectory(lecture, torch, tolerance: 1e-12, "\(f.formula), momentum \(momentum)")
    }
  }

  /// A drop of the learning rate from η to η/10 after 20 updates. Up to the drop the two
  /// forms agree (to rounding); at the first update after it PyTorch's displacement is
  /// −(η/10)·b, a tenth of what the lecture's velocity would give for the old gradients,
  /// while the lecture's keeps λ·m: the trajectories part at once and stay apart.
  @Test func differsWhenTheLearningRateChanges() throws {
    let f = Self.functions[1]
    let rates = (0..<60).map { $0 < 20 ? f.lr : f.lr / 10 }
    let lecture = try SGDFamilyFixtures.run(
      LectureMomentum(learningRate: f.lr, momentum: 0.9), formula: f.formula, from: f.start,
      steps: 60, learningRates: rates)
    let torch = try SGDFamilyFixtures.run(
      SGD(learningRate: f.lr, momentum: 0.9), formula: f.formula, from: f.start, steps: 60,
      learningRates: rates)
    expectTrajectory(
      Array(lecture[..<20]), Array(torch[..<20]), tolerance: 1e-12, "before the drop")
    for t in 20..<60 {
      let gap = TrajectoryDeviation([lecture[t]], [torch[t]], scale: 1).ratio
      #expect(gap > 1e-3, "after update \(t + 1) the forms should differ: gap \(gap)")
    }
    // The step right after the drop, from the same point x₂₀ (to rounding): PyTorch moves
    // by −(η/10)·(0.9·b₂₀ + g), the lecture by 0.9·m₂₀ − (η/10)·g = −0.9·η·b₂₀ − (η/10)·g.
    // Their gap is 0.9·(−η·b₂₀)·(1 − 1/10), −η·b₂₀ being the displacement of update 20.
    let torchStep = zip(torch[20], torch[19]).map { $0 - $1 }
    let lectureStep = zip(lecture[20], lecture[19]).map { $0 - $1 }
    let previous = zip(torch[19], torch[18]).map { $0 - $1 }  // −η·b₂₀
    for i in previous.indices {
      // Differences of points of size ~1 carry ~1e-16 absolute rounding: 1e-13 is ample.
      expectClose(
        lectureStep[i] - torchStep[i], 0.9 * previous[i] * (1 - 1.0 / 10), rtol: 1e-9,
        atol: 1e-13)
    }
  }

  /// The rule's own numbers: the first update is −η·g, the second λ·m − η·g.
  @Test func firstUpdatesAreTheFormula() throws {
    let rule = try LectureMomentum(learningRate: 0.1, momentum: 0.5)
    var x = [1.0, 2.0]
    var state = rule.initialState(parameterCount: 2)
    rule.update(
      &x, gradient: [1, -4], state: &state, context: UpdateContext(loss: 0, learningRate: 0.1))
    #expect(state.velocity == [-0.1, 0.4])
    let first: [Double] = [1 - 0.1, 2 + 0.4]
    #expect(x == first)
    rule.update(
      &x, gradient: [2, 0], state: &state, context: UpdateContext(loss: 0, learningRate: 0.1))
    let second: [Double] = [0.5 * -0.1 - 0.1 * 2, 0.5 * 0.4]
    #expect(state.velocity == second)
    #expect(state.step == 2)
    #expect(LectureMomentum.name == "momentum")
    let defaults = try LectureMomentum()
    #expect(defaults.learningRate == 1e-3 && defaults.momentum == 0.9)
  }
}
