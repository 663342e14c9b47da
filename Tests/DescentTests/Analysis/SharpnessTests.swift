import Foundation
import Testing

@testable import Descent

@Suite struct SharpnessTests {
  typealias Problems = SpectralTestProblems

  /// f(x) = ½·xᵀAx with A of spectrum 0.1 … 10 (λmax = 10, the next 5).
  static func quadratic() -> AutodiffObjective {
    let spectrum: [Double] = (0..<20).map { (i: Int) -> Double in
      i == 19 ? 10 : 0.1 + 4.9 * Double(i) / 18
    }
    let a = Problems.withSpectrum(spectrum, seed: 13)
    return AutodiffObjective(dimension: 20) { x in
      try (x * matmul(Variable(a), x)).sum() * 0.5
    }
  }

  /// λmax by Lanczos against the spectrum the matrix was built from; the residual tolerance
  /// 1e-10 of ‖H‖ = 10 bounds the error by 1e-9.
  @Test func topEigenvalueOfAQuadraticIsItsLargestEigenvalue() throws {
    let top = try Sharpness.topEigenvalue(
      of: Self.quadratic(), at: [Double](repeating: 0.3, count: 20), tolerance: 1e-10)
    #expect(top.converged)
    #expect(Swift.abs(top.value - 10) <= 1e-9)
    #expect(top.productCount <= 20)
    #expect(Sharpness.stableLearningRateBound(topEigenvalue: top.value) == 2 / top.value)
  }

  /// The lecture's bound: gradient descent on the quadratic converges for lr = 0.95·(2/λmax)
  /// and diverges for lr = 1.05·(2/λmax) (the top component grows by |1 − lr·λ| = 1.1 a step).
  @Test func gradientDescentIsStableExactlyBelowTwoOverLambdaMax() throws {
    let objective = Self.quadratic()
    let start = Problems.randomPoint(20, scale: 1, seed: 3)
    let top = try Sharpness.topEigenvalue(of: objective, at: start)
    let bound = Sharpness.stableLearningRateBound(topEigenvalue: top.value)
    var options = MinimizeOptions()
    options.maxIterations = 2000
    options.gradientTolerance = 1e-8
    let stable = try minimize(
      objective, from: start,
      method: FirstOrderMethod(GradientDescent(learningRate: 0.95 * bound)), options: options
    ).result
    #expect(stable.stopReason == .gradientTolerance)
    let unstable = try minimize(
      objective, from: start,
      method: FirstOrderMethod(GradientDescent(learningRate: 1.05 * bound)), options: options
    ).result
    #expect(unstable.stopReason == .diverged || unstable.stopReason == .nonFinite)
  }

  @Test func boundIsInfiniteWithoutPositiveCurvature() {
    #expect(Sharpness.stableLearningRateBound(topEigenvalue: 0) == .infinity)
    #expect(Sharpness.stableLearningRateBound(topEigenvalue: -3) == .infinity)
    #expect(Sharpness.stableLearningRateBound(topEigenvalue: 4) == 0.5)
  }
}
