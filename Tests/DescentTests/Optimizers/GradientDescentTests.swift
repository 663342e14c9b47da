import Foundation
import Testing

@testable import Descent

/// Plain gradient descent against its theory: on f(θ) = ½θᵀHθ − bᵀθ the error after t steps
/// is (I − ηH)ᵗ·(θ₀ − θ*), so the iterates converge if and only if |1 − ηλᵢ| < 1 for every
/// eigenvalue λᵢ of H, that is 0 < η < 2/λmax.
@Suite struct GradientDescentTests {
  struct Quadratic: CustomTestStringConvertible, Sendable {
    var formula: String
    var minimizer: [Double]
    /// The largest eigenvalue of the Hessian, in closed form.
    var largestEigenvalue: Double
    var testDescription: String { formula }
  }

  static let quadratics = [
    // H = diag(1, 10): λmax = 10, the threshold 0.2 of the lecture.
    Quadratic(formula: "0.5*x^2 + 5*y^2", minimizer: [0, 0], largestEigenvalue: 10),
    // H = [[1, 0.1], [0.1, 10]], b = (1, 0): λmax = (11 + √81.04)/2, θ* = H⁻¹b.
    Quadratic(
      formula: "0.5*x^2 + 5*y^2 + 0.1*x*y - x", minimizer: [10 / 9.99, -0.1 / 9.99],
      largestEigenvalue: (11 + 81.04.squareRoot()) / 2),
  ]

  /// Runs `steps` updates from (1, 1) and returns the distance to the minimizer.
  func distanceAfter(_ steps: Int, learningRate: Double, on q: Quadratic) throws -> Double {
    let trajectory = try SGDFamilyFixtures.run(
      GradientDescent(learningRate: learningRate), formula: q.formula, from: [1, 1],
      steps: steps)
    let x = try #require(trajectory.last)
    return zip(x, q.minimizer).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
  }

  /// 1% below 2/λmax the slowest mode contracts by 0.98 per step: after 2000 steps the
  /// distance is below 1e-8 (0.98²⁰⁰⁰ ≈ 3e-18 of about 1). 1% above it grows by 1.02 per
  /// step: beyond 1e10 (1.02²⁰⁰⁰ ≈ 2e17, from a component of the start along the top
  /// eigenvector that is not small).
  @Test(arguments: quadratics)
  func convergesIffBelowTwoOverLargestEigenvalue(_ q: Quadratic) throws {
    let threshold = 2 / q.largestEigenvalue
    for factor in [0.1, 0.5, 0.9, 0.99] {
      let distance = try distanceAfter(2000, learningRate: factor * threshold, on: q)
      #expect(distance < 1e-8, "lr = \(factor)·2/λmax should converge: distance \(distance)")
    }
    for factor in [1.01, 1.1, 1.5] {
      let distance = try distanceAfter(2000, learningRate: factor * threshold, on: q)
      #expect(
        !(distance < 1e10), "lr = \(factor)·2/λmax should diverge: distance \(distance)")
    }
  }

  /// The lecture's numbers: λ = 1 and 10, lr 0.19 converges, 0.21 diverges.
  @Test func lectureThreshold() throws {
    let q = Self.quadratics[0]
    #expect(try distanceAfter(1000, learningRate: 0.19, on: q) < 1e-12)
    #expect(try distanceAfter(1000, learningRate: 0.21, on: q) > 1e30)
  }

  /// One update is θ − η·g exactly, and the step count goes up by one.
  @Test func oneUpdateIsTheFormula() throws {
    let rule = try GradientDescent(learningRate: 0.25)
    var x = [1.0, -2.0, 0.5]
    var state = rule.initialState(parameterCount: 3)
    rule.update(
      &x, gradient: [4, 8, -2], state: &state, context: UpdateContext(loss: 0, learningRate: 0.5))
    // The context's rate (a schedule's) wins over the rule's own.
    let expected: [Double] = [1 - 0.5 * 4, -2 - 0.5 * 8, 0.5 + 0.5 * 2]
    #expect(x == expected)
    #expect(state.step == 1)
    #expect(GradientDescent.name == "gd")
    #expect(try GradientDescent().learningRate == 1e-3)
  }
}
