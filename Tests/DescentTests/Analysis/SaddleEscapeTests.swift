import Foundation
import Testing

@testable import Descent

@Suite struct SaddleEscapeTests {
  typealias Problems = SpectralTestProblems

  /// The lecture's saddle: f = (1 − w₁w₂)² at the origin has ∇f = 0 and eigenvalues ±2.
  /// Gradient descent stops there at once; wrapped, it escapes along (1, 1)/√2 and reaches the
  /// valley w₁w₂ = 1 of minima.
  @Test func escapesTheLectureSaddleAndReachesTheValley() throws {
    let objective = try Formula("(1 - w1*w2)^2").objective
    let gd = FirstOrderMethod(try GradientDescent(learningRate: 0.1))
    var options = MinimizeOptions()
    options.gradientTolerance = 1e-10
    let plain = try minimize(objective, from: [0, 0], method: gd, options: options).result
    #expect(plain.stopReason == .gradientTolerance)
    #expect(plain.iterations == 0)
    #expect(plain.value == 1)

    let (result, checkpoint) = try minimize(
      objective, from: [0, 0], method: SaddleEscape(gd), options: options)
    #expect(result.stopReason == .gradientTolerance)
    #expect(checkpoint.state.escapes == 1)
    // gtol 1e-10 on ‖∇f‖∞ = 2|1 − w₁w₂|·max|wᵢ| with |wᵢ| ≈ 1: |1 − w₁w₂| ≲ 1e-10.
    #expect(Swift.abs(result.x[0] * result.x[1] - 1) <= 1e-9)
    #expect(result.value <= 1e-18)
    #expect(result.evaluations.h >= 1, "the curvature was examined")
    // The escape step: t₀ = √(2·0.1·1/2) along (1, 1)/√2, so the first point is (√0.05, √0.05),
    // where f = (1 − 0.05)²; it passes the test f ≤ 1 − ½·0.1 without halving.
    let first = result.trace[1]
    let offset: Double = (0.05 as Double).squareRoot()
    expectClose(first.x, [offset, offset], rtol: 1e-12)
    #expect(Swift.abs(first.value - 0.9025) <= 1e-12)
  }

  /// Above `denseLimit` the lowest eigenpair comes from Lanczos on Hessian-vector products:
  /// forced here with a limit of 0, the run is the same escape with no full Hessian.
  @Test func escapesWithLanczosWhenTheHessianIsNotFormed() throws {
    let objective = try Formula("(1 - w1*w2)^2").objective
    let gd = FirstOrderMethod(try GradientDescent(learningRate: 0.1))
    var options = MinimizeOptions()
    options.gradientTolerance = 1e-10
    let (result, checkpoint) = try minimize(
      objective, from: [0, 0], method: SaddleEscape(gd, denseLimit: 0), options: options)
    #expect(checkpoint.state.escapes == 1)
    #expect(result.evaluations.h == 0)
    #expect(result.evaluations.hvp >= 2)
    // The dense path's first step up to sign (a Ritz vector's sign is arbitrary): ±(√0.05, √0.05).
    let offset: Double = (0.05 as Double).squareRoot()
    expectClose(result.trace[1].x.map { Swift.abs($0) }, [offset, offset], rtol: 1e-6)
    #expect(Swift.abs(result.x[0] * result.x[1] - 1) <= 1e-9)
  }

  /// At a minimum (positive definite Hessian) the wrapper changes nothing: its iterates are
  /// the base method's, bit for bit.
  @Test func leavesMinimaToTheBaseMethod() throws {
    let objective = try Formula("(x - 1)^2 + 3*(y + 2)^2").objective
    let gd = FirstOrderMethod(try GradientDescent(learningRate: 0.1))
    var options = MinimizeOptions()
    options.maxIterations = 300
    let plain = try minimize(objective, from: [0.5, 0.5], method: gd, options: options)
    let wrapped = try minimize(
      objective, from: [0.5, 0.5], method: SaddleEscape(gd), options: options)
    #expect(plain.result.x == wrapped.result.x)
    #expect(plain.result.iterations == wrapped.result.iterations)
    #expect(wrapped.checkpoint.state.escapes == 0)
  }

  /// A tanh network with every hidden weight zero is a symmetric point: all hidden units
  /// compute the same function and get the same (zero) gradient, so gradient descent only
  /// fits the output bias and stays at the saddle. The wrapper breaks the symmetry.
  @Test func breaksTheSymmetryOfANetworkStartedAtZero() throws {
    let (objective, layout) = Problems.tanhNetwork(
      inputs: 2, hidden: 3, outputs: 1, samples: 20, seed: 5)
    let start = [Double](repeating: 0, count: layout.parameterCount)
    let gd = FirstOrderMethod(try GradientDescent(learningRate: 0.5))
    var options = MinimizeOptions()
    options.maxIterations = 1000
    options.gradientTolerance = 1e-7
    options.recordTrace = false
    let plain = try minimize(objective, from: start, method: gd, options: options).result
    let hidden =
      Array(layout.firstWeights) + Array(layout.firstBiases)
      + Array(layout.secondWeights)
    #expect(hidden.allSatisfy { plain.x[$0] == 0 }, "gradient descent stays symmetric")
    let began = Date()
    let (escaped, checkpoint) = try minimize(
      objective, from: start, method: SaddleEscape(gd, gradientThreshold: 1e-4), options: options)
    print(
      "Saddle escape on a network: plain loss \(plain.value) (\(plain.stopReason)), "
        + "escaped loss \(escaped.value) (\(escaped.stopReason)), "
        + "escapes \(checkpoint.state.escapes), Hessians \(escaped.evaluations.h), "
        + "\(Date().timeIntervalSince(began)) s")
    #expect(checkpoint.state.escapes >= 1)
    #expect(escaped.value < 0.5 * plain.value)
    // Broken symmetry: the hidden units' incoming weights are no longer all equal.
    let w = layout.firstWeights.map { escaped.x[$0] }
    let rows = (0..<3).map { Array(w[(2 * $0)..<(2 * $0 + 2)]) }
    let spread = rows.map { Problems.distance($0, rows[0]) }.max()!
    #expect(spread > 1e-3)
  }
}
