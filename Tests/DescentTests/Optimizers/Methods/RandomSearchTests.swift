import Foundation
import Testing

@testable import Descent

/// Random search with the 1/5 success rule, on the one loop.
@Suite struct RandomSearchTests {
  func options(_ maxIterations: Int) -> MinimizeOptions {
    var options = MinimizeOptions()
    options.maxIterations = maxIterations
    return options
  }

  @Test func theSameSeedGivesTheSameRun() throws {
    let objective = try #require(BuiltinObjective.named("himmelblau")).parsed().objective
    let method = try RandomSearch(seed: 42)
    let (first, _) = try minimize(objective, from: [0, 0], method: method, options: options(300))
    let (second, _) = try minimize(objective, from: [0, 0], method: method, options: options(300))
    #expect(first.trace == second.trace)
    let (other, _) = try minimize(
      objective, from: [0, 0], method: try RandomSearch(seed: 43), options: options(300))
    #expect(other.x != first.x)
  }

  @Test func aResumedRunContinuesBitForBit() throws {
    let objective = try #require(BuiltinObjective.named("rosenbrock")).parsed().objective
    let method = try RandomSearch(candidates: 3, seed: 9)
    let (straight, whole) = try minimize(
      objective, from: [-1.2, 1], method: method, options: options(200))
    let (_, partial) = try minimize(
      objective, from: [-1.2, 1], method: method, options: options(80))
    // Through JSON, as a checkpoint file would be.
    let saved = try JSONDecoder().decode(
      RunCheckpoint<RandomSearch.State>.self, from: JSONEncoder().encode(partial))
    let (resumed, continued) = try minimize(
      objective, from: [-1.2, 1], method: method, options: options(200), resumingFrom: saved)
    #expect(resumed.x == straight.x)
    #expect(resumed.value == straight.value)
    #expect(continued.state == whole.state)
    #expect(resumed.trace == straight.trace)
    #expect(resumed.evaluations == straight.evaluations)
  }

  @Test func theStepSizeFollowsTheOneFifthRule() throws {
    // On the sphere ‖x‖² in 5-D from (1, …, 1), f = 5.
    let objective = try Formula(
      "x1^2 + x2^2 + x3^2 + x4^2 + x5^2", variables: ["x1", "x2", "x3", "x4", "x5"]
    ).objective
    let (result, checkpoint) = try minimize(
      objective, from: [1, 1, 1, 1, 1], method: try RandomSearch(seed: 3), options: options(5000))
    let state = checkpoint.state
    #expect(state.successes + state.failures == result.iterations)
    // σ after the run is σ₀·exp(S/3 − F/12): the rule applied S and F times, nothing else.
    let expected =
      0.1 * Foundation.exp(Double(state.successes) / 3 - Double(state.failures) / 12)
    #expect(Swift.abs(state.stepSize - expected) <= 1e-9 * expected)
    // The (1+1)-ES with the 1/5 rule converges linearly on the sphere. A Python replica of
    // this run (the same xoshiro256** stream and Box–Muller draws; seeds 0–39) reached
    // f < 1e-16 after 623–783 iterations with success rates 0.135–0.151 — below 1/5 because
    // σ must shrink steadily while the run converges — and stopped on σ < 1e-10 after
    // 739–919 iterations. Allow 1000 iterations and a rate in [0.1, 0.2].
    #expect(result.stopReason == .stepTolerance)
    #expect(result.iterations <= 1000)
    let reached = try #require(
      result.trace.firstIndex { $0.value < 1e-16 }, "f = \(result.value) at the end")
    let moves = zip(result.trace[..<reached], result.trace[1...reached]).filter {
      $1.value < $0.value
    }.count
    let rate = Double(moves) / Double(reached)
    #expect(rate > 0.1 && rate < 0.2, "success rate \(rate) over \(reached) iterations")
  }

  @Test func aFixedStepSizeStaysFixed() throws {
    let objective = try #require(BuiltinObjective.named("booth")).parsed().objective
    let (result, _) = try minimize(
      objective, from: [0, 0], method: try RandomSearch(initialStepSize: 0.5, adaptive: false),
      options: options(100))
    #expect(result.trace.dropFirst().allSatisfy { $0.lr == 0.5 })
    for (before, after) in zip(result.trace, result.trace.dropFirst()) {
      #expect(after.value <= before.value)
    }
  }

  @Test(arguments: ["rosenbrock", "beale", "himmelblau"])
  func convergesOnClassicSurfaces(_ name: String) throws {
    let problem = try #require(BuiltinObjective.named(name))
    let (result, _) = try minimize(
      try problem.parsed().objective, from: problem.start, method: try RandomSearch(seed: 1),
      options: options(20_000))
    // A baseline: without curvature information the (1+1)-ES crawls along valleys; 20 000
    // iterations bring it within 1e-3 of the minimiser on these 2-D problems.
    let distance = distanceToNearest(result.x, problem.minimizers)
    #expect(distance <= 1e-3, "\(name): x = \(result.x), distance \(distance)")
  }

  @Test func aNaNCandidateIsNeverTaken() throws {
    let (result, _) = try minimize(
      NaNBeyondAWall(wall: 1.2), from: [0, 0], method: try RandomSearch(initialStepSize: 1),
      options: options(500))
    #expect(result.trace.allSatisfy { $0.value.isFinite && $0.x[0] <= 1.2 })
    #expect(result.stopReason != .nonFinite)
  }

  @Test func aTinyStepSizeStopsTheRun() throws {
    let objective = try #require(BuiltinObjective.named("booth")).parsed().objective
    let (result, _) = try minimize(
      objective, from: [0, 0], method: try RandomSearch(minimumStepSize: 1e-3),
      options: options(100_000))
    #expect(result.stopReason == .stepTolerance)
    #expect(result.converged)
  }

  @Test func invalidSettingsAreRejectedByName() {
    #expect(throws: HyperparameterError(name: "sigma", value: "0.0", valid: "a finite number > 0"))
    {
      try RandomSearch(initialStepSize: 0)
    }
    #expect(throws: HyperparameterError.self) { try RandomSearch(candidates: 0) }
    #expect(throws: HyperparameterError.self) { try RandomSearch(minimumStepSize: -1) }
  }

  @Test func eachIterationCostsKEvaluations() throws {
    let objective = try #require(BuiltinObjective.named("booth")).parsed().objective
    let (result, _) = try minimize(
      objective, from: [0, 0], method: try RandomSearch(candidates: 4), options: options(25))
    #expect(result.iterations == 25)
    #expect(result.evaluations == EvaluationCounts(f: 1 + 4 * 25))
  }

  struct Reference: Decodable {
    var seed: UInt64
    var candidates: Int
    var sigma: Double
    var start: [Double]
    var formula: String
    /// x after iterations 1, 2, …
    var trajectory: [[Double]]
    /// σ after iterations 1, 2, …
    var sigmas: [Double]
  }

  struct Document: Decodable {
    var randomSearch: Reference
    enum CodingKeys: String, CodingKey { case randomSearch = "random_search" }
  }

  @Test func matchesAPythonReplicaOfTheGeneratorAndTheRule() throws {
    // `Scripts/references/derivative_free.py` replays SeededGenerator (xoshiro256**,
    // SplitMix64, Box–Muller) in pure Python and runs the documented rule.
    let url = try #require(
      Bundle.module.url(
        forResource: "derivative_free", withExtension: "json", subdirectory: "Fixtures"))
    let reference = try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
      .randomSearch
    let method = try RandomSearch(
      candidates: reference.candidates, initialStepSize: reference.sigma, seed: reference.seed)
    let (result, checkpoint) = try minimize(
      try Formula(reference.formula, variables: ["x", "y"]).objective, from: reference.start,
      method: method, options: options(reference.trajectory.count))
    try #require(result.trace.count == reference.trajectory.count + 1, "\(result.stopReason)")
    // The same bits drawn, the same libm (log, cos, sqrt) on this platform, the same f: the
    // same iterates to the last bit. 1e-12 relative allows another libm's ulp; a different
    // accept/reject decision would move x by about σ ≥ 1e-3.
    for (k, expected) in reference.trajectory.enumerated() {
      expectClose(result.trace[k + 1].x, expected, rtol: 1e-12, atol: 1e-14, "iteration \(k + 1)")
    }
    expectClose([checkpoint.state.stepSize], [reference.sigmas.last ?? .nan], rtol: 1e-12)
  }
}
