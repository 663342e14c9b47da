import Foundation
import Testing

@testable import Descent

/// Gradient descent with a line search, the quadratic-model step and L-BFGS, run through the
/// one driver loop.
@Suite struct MethodsTests {
  let quadratic = SeededQuadratic(seed: 20_241_123)
  let start: [Double] = [1, -2, 0.5, 3, -1]

  func options(gtol: Double = 1e-8, maxIterations: Int = 1000) -> MinimizeOptions {
    var options = MinimizeOptions()
    options.gradientTolerance = gtol
    options.maxIterations = maxIterations
    return options
  }

  @Test func quadraticModelStepIsTheExactLineMinimiserOnAQuadratic() throws {
    let (result, checkpoint) = try minimize(
      quadratic.formula.objective, from: start, method: QuadraticModelStep(),
      options: options(maxIterations: 200))
    let (expected, step) = quadratic.exactLineMinimiser(from: start)
    let first = result.trace[1]
    // The model is f itself, so ε differs from the closed form only by rounding (≈1e-15).
    let error = Vectors.norm(Vectors.difference(first.x, expected))
    #expect(error <= 1e-12 * Vectors.norm(expected), "‖Δx‖ = \(error)")
    #expect(abs(try #require(first.lr) - step) <= 1e-12 * step)
    // Strict decrease while f still changes in its leading digits; near x* the values agree
    // to rounding, and then f must not grow by more than a few ulps.
    for (before, after) in zip(result.trace, result.trace.dropFirst()) {
      if try #require(before.gradNorm) > 1e-6 {
        #expect(after.value < before.value, "step \(after.step)")
      } else {
        #expect(after.value <= before.value + 4 * before.value.ulp, "step \(after.step)")
      }
    }
    #expect(result.stopReason == .gradientTolerance)
    #expect(checkpoint.state.fallbacks == 0)
    // One Hessian-vector product and one gradient per iteration, one gradient at the start.
    #expect(
      result.evaluations == EvaluationCounts(g: result.iterations + 1, hvp: result.iterations))
  }

  @Test func quadraticModelStepFallsBackToTheLineSearchAtASaddle() throws {
    // f = x² − y² from (0.1, 1): g = (0.2, −2), gᵀHg = 2·0.04 − 2·4 < 0, and stays negative.
    let saddle = try Formula("x^2 - y^2", variables: ["x", "y"]).objective
    let (result, checkpoint) = try minimize(
      saddle, from: [0.1, 1], method: QuadraticModelStep(), options: options(maxIterations: 3))
    #expect(result.iterations == 3)
    #expect(checkpoint.state.fallbacks == 3)
    for (before, after) in zip(result.trace, result.trace.dropFirst()) {
      #expect(after.value < before.value, "step \(after.step)")
    }
    // Armijo accepts the first trial, α = 1: (0.1, 1) − (0.2, −2) = (−0.1, 3).
    #expect(result.trace[1].x == [-0.1, 3])
    #expect(result.evaluations.hvp == 3)
  }

  @Test func gradientDescentWithALineSearchConvergesOnAQuadratic() throws {
    let (result, _) = try minimize(
      quadratic.formula.objective, from: start, method: GradientDescentLineSearch(),
      options: options(maxIterations: 10_000))
    #expect(result.stopReason == .gradientTolerance)
    #expect(Tensor(result.gradient).maxNorm <= 1e-8)
    for (before, after) in zip(result.trace, result.trace.dropFirst()) {
      #expect(after.value <= before.value + 4 * before.value.ulp, "step \(after.step)")
    }
    // Each line-search trial is one gradient evaluation; the accepted one is not repeated.
    #expect(result.evaluations.g >= result.iterations + 1)
    #expect(result.evaluations.f == 0 && result.evaluations.hvp == 0)
  }

  @Test func lbfgsConvergesOnAQuadratic() throws {
    let (result, _) = try minimize(
      quadratic.formula.objective, from: start, method: LBFGS(), options: options())
    #expect(result.stopReason == .gradientTolerance)
    #expect(Tensor(result.gradient).maxNorm <= 1e-8)
    // With m = 10 ≥ n and an inexact (Wolfe) search there is no finite termination in n
    // steps, but a well-conditioned quadratic takes only a few more.
    #expect(result.iterations <= 30, "\(result.iterations) iterations")
    #expect(result.evaluations.g >= result.iterations + 1)
  }

  @Test func lbfgsConvergesOnRosenbrock() throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let (result, checkpoint) = try minimize(
      rosenbrock, from: [-1.2, 1], method: LBFGS(), options: options())
    #expect(result.stopReason == .gradientTolerance)
    #expect(Tensor(result.gradient).maxNorm <= 1e-8)
    // SciPy's L-BFGS-B needs about 35 iterations here and this one 38 (46 gradients); the count
    // depends on the line search's interpolation details and the first step's scaling, which
    // differ between implementations, so only a loose bound is asserted.
    #expect(result.iterations < 100, "\(result.iterations) iterations")
    #expect(abs(result.x[0] - 1) <= 1e-6 && abs(result.x[1] - 1) <= 1e-6, "\(result.x)")
    #expect(result.evaluations.g >= result.iterations + 1)
    #expect(checkpoint.state.s.count == checkpoint.state.y.count)
    #expect(checkpoint.state.s.count <= 10)
  }

  @Test func resumedLBFGSContinuesBitForBit() throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let method = LBFGS(memory: 3)
    let (straight, straightCheckpoint) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 20))
    let (_, checkpoint) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 10))
    #expect(checkpoint.state.s.count == 3)
    let data = try JSONEncoder().encode(checkpoint)
    let restored = try JSONDecoder().decode(RunCheckpoint<LBFGS.State>.self, from: data)
    #expect(restored == checkpoint)
    let (resumed, resumedCheckpoint) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 20),
      resumingFrom: restored)
    #expect(straight.iterations == 20)
    #expect(resumed.x.map(\.bitPattern) == straight.x.map(\.bitPattern))
    #expect(resumed.trace == straight.trace)
    #expect(resumed.evaluations == straight.evaluations)
    #expect(resumedCheckpoint.state == straightCheckpoint.state)
  }

  @Test func hyperparametersUseReferenceNames() {
    guard case .object(let lbfgs) = LBFGS().hyperparameters,
      case .object(let search) = lbfgs["linesearch"],
      case .object(let gd) = GradientDescentLineSearch().hyperparameters,
      case .object(let optimal) = QuadraticModelStep().hyperparameters
    else {
      Issue.record("hyperparameters are not JSON objects")
      return
    }
    #expect(lbfgs["m"] == .number(10))
    #expect(search["c1"] == .number(1e-4) && search["c2"] == .number(0.9))
    #expect(gd["initial_step"] == .number(1))
    #expect(optimal["fallback_linesearch"] != nil)
    #expect(LBFGS().name == "lbfgs" && GradientDescentLineSearch().name == "gd-linesearch")
    #expect(QuadraticModelStep().name == "gd-optimal")
  }
}
