import Foundation
import Testing

@testable import Descent

/// Nonlinear conjugate gradients (PR+ and FR) on the one driver loop.
@Suite struct ConjugateGradientTests {
  /// κ = 10: CG's finite termination is an exact-arithmetic property that rounding erodes
  /// as κ grows (in finite precision the directions lose conjugacy; at κ = 1e3 this problem
  /// needs 26 PR+ iterations to reach ‖∇f‖∞ ≤ 1e-9 instead of 8).
  let quadratic = RotatedQuadratic(n: 8, conditionNumber: 10, seed: 4_242)
  let start: [Double] = [1, -1, 0.5, 2, -0.5, 0, 1.5, -2]

  func options(gtol: Double, maxIterations: Int = 1000) -> MinimizeOptions {
    var options = MinimizeOptions()
    options.gradientTolerance = gtol
    options.maxIterations = maxIterations
    return options
  }

  @Test(arguments: [ConjugateGradient.Variant.polakRibierePlus, .fletcherReeves])
  func exactLineSearchEndsInAtMostNSteps(_ variant: ConjugateGradient.Variant) throws {
    let method = ConjugateGradient(variant: variant, lineSearch: ExactQuadraticLineSearch())
    let n = quadratic.dimension
    let (result, _) = try minimize(
      quadratic, from: start, method: method, options: options(gtol: 0, maxIterations: n))
    // N&W Theorem 5.2 and §5.2: with exact searches on a quadratic, FR and PR coincide with
    // linear CG, whose n-th iterate is x*. Rounding over n steps with κ = 10: ~1e-14.
    expectClose(result.x, quadratic.minimiser, rtol: 1e-9, atol: 1e-12)
    let (stopped, checkpoint) = try minimize(
      quadratic, from: start, method: method, options: options(gtol: 1e-9))
    #expect(stopped.stopReason == .gradientTolerance)
    #expect(stopped.iterations <= n, "\(stopped.iterations) iterations")
    #expect(checkpoint.state.resets == 0)
  }

  @Test func directionsAreConjugateOnAQuadratic() throws {
    // With exact searches the steps sₖ = αₖdₖ satisfy sᵢᵀAsⱼ = 0 for i ≠ j (N&W Thm 5.3).
    let method = ConjugateGradient(lineSearch: ExactQuadraticLineSearch())
    let (result, _) = try minimize(
      quadratic, from: start, method: method, options: options(gtol: 0, maxIterations: 6))
    let steps = zip(result.trace.dropFirst(), result.trace).map { Vectors.difference($0.x, $1.x) }
    for i in steps.indices {
      let asi = quadratic.power(1, times: steps[i])
      let scale = Vectors.dot(steps[i], asi)
      for j in 0..<i {
        let asj = quadratic.power(1, times: steps[j])
        let cosine = Vectors.dot(steps[j], asi) / (scale * Vectors.dot(steps[j], asj)).squareRoot()
        // The A-cosine is 0 in exact arithmetic; rounding accumulates ~1e-12 per step.
        #expect(abs(cosine) <= 1e-8, "steps \(j), \(i): A-cosine \(cosine)")
      }
    }
  }

  @Test func restartsEveryGivenNumberOfIterations() throws {
    // restartEvery = 1 makes every direction −g: CG becomes steepest descent with the same
    // search, and the trajectories agree step for step with exact searches.
    let cg = ConjugateGradient(lineSearch: ExactQuadraticLineSearch(), restartEvery: 1)
    let bfgsIdentity = BFGS(
      lineSearch: ExactQuadraticLineSearch(), initialInverseHessian: .identity)
    let (restarted, _) = try minimize(
      quadratic, from: start, method: cg, options: options(gtol: 0, maxIterations: 1))
    let (first, _) = try minimize(
      quadratic, from: start, method: bfgsIdentity, options: options(gtol: 0, maxIterations: 1))
    // One steepest-descent step with the exact search, both ways: the same arithmetic except
    // for the initial trial, so agreement to rounding.
    expectClose(restarted.x, first.x, rtol: 1e-12, atol: 1e-14)
    let (slow, _) = try minimize(
      quadratic, from: start, method: cg, options: options(gtol: 1e-9))
    #expect(slow.iterations > 2 * quadratic.dimension, "restarting every step loses conjugacy")
  }

  @Test(arguments: [ConjugateGradient.Variant.polakRibierePlus, .fletcherReeves])
  func convergesOnRosenbrock(_ variant: ConjugateGradient.Variant) throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let (result, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: ConjugateGradient(variant: variant),
      options: options(gtol: 1e-6, maxIterations: 5000))
    #expect(result.stopReason == .gradientTolerance)
    // ‖∇f‖∞ ≤ 1e-6 near (1, 1), where the Hessian's smallest eigenvalue is ≈ 0.4: ‖x − x*‖ of
    // order 1e-5.
    expectClose(result.x, [1, 1], atol: 1e-4)
  }

  @Test func hyperparametersUseReferenceNames() {
    guard case .object(let cg) = ConjugateGradient().hyperparameters,
      case .object(let search) = cg["linesearch"]
    else {
      Issue.record("hyperparameters are not JSON objects")
      return
    }
    #expect(cg["variant"] == .string("PR+"))
    #expect(cg["restart_every"] == .string("n"))
    #expect(search["c2"] == .number(0.1))
    #expect(
      ConjugateGradient(variant: .fletcherReeves, restartEvery: 5).hyperparameters != .object(cg))
    #expect(ConjugateGradient().name == "cg")
  }
}

extension ConjugateGradientTests {
  @Test(arguments: QuasiNewtonFixtures.unconstrained("CG"))
  func matchesSciPy(_ reference: QuasiNewtonFixtures.Unconstrained) throws {
    try QuasiNewtonFixtures.compare(reference, method: ConjugateGradient())
  }
}

extension ConjugateGradientTests {
  @Test func resumedRunContinuesBitForBit() throws {
    let rosenbrock = try BuiltinObjective.named("rosenbrock")!.parsed().objective
    let method = ConjugateGradient(variant: .fletcherReeves)
    let (straight, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 12))
    let (_, checkpoint) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 5))
    let data = try JSONEncoder().encode(checkpoint)
    let restored = try JSONDecoder().decode(
      RunCheckpoint<ConjugateGradient.State>.self, from: data)
    #expect(restored == checkpoint)
    let (resumed, _) = try minimize(
      rosenbrock, from: [-1.2, 1], method: method, options: options(gtol: 0, maxIterations: 12),
      resumingFrom: restored)
    #expect(resumed.x.map(\.bitPattern) == straight.x.map(\.bitPattern))
    #expect(resumed.evaluations == straight.evaluations)
  }
}
