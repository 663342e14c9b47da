import Foundation
import Testing

@testable import Descent

/// f = (x − 1)² + (y − 1)² where x ≤ 1.95, NaN beyond: a wall of NaN the simplex runs into.
struct NaNBeyondAWall: Objective {
  var wall = 1.95
  var dimension: Int { 2 }
  func value(at x: [Double]) throws -> Double {
    x[0] > wall ? .nan : (x[0] - 1) * (x[0] - 1) + (x[1] - 1) * (x[1] - 1)
  }
}

/// The distance from `x` to the nearest of `minimizers`, in the max norm.
func distanceToNearest(_ x: [Double], _ minimizers: [[Double]]) -> Double {
  minimizers.map { m in zip(x, m).map { Swift.abs($0 - $1) }.max() ?? 0 }.min() ?? .infinity
}

/// Nelder–Mead on the loop: convergence on the classic surfaces, NaN handling, settings.
@Suite struct NelderMeadTests {
  @Test(arguments: ["rosenbrock", "beale", "himmelblau"])
  func convergesOnClassicSurfaces(_ name: String) throws {
    let problem = try #require(BuiltinObjective.named(name))
    let (result, _) = try minimize(
      try problem.parsed().objective, from: problem.start, method: try NelderMead())
    #expect(result.stopReason == .stepTolerance)
    #expect(result.converged)
    // xatol = fatol = 1e-4 stop the run when the simplex spans 1e-4; its best vertex is then
    // within a few xatol of the minimiser on these well-scaled problems.
    let distance = distanceToNearest(result.x, problem.minimizers)
    #expect(distance <= 1e-3, "\(name): x = \(result.x), distance \(distance)")
    #expect(result.value <= 1e-6, "\(name): f = \(result.value)")
  }

  @Test func aNaNVertexIsNeverTheBest() throws {
    // From (1.9, 0.3) the initial simplex already has a vertex past the wall: 1.9·1.05 = 1.995.
    let (result, checkpoint) = try minimize(
      NaNBeyondAWall(), from: [1.9, 0.3], method: try NelderMead())
    #expect(result.trace.allSatisfy { $0.value.isFinite })
    #expect(result.stopReason == .stepTolerance)
    // Same accuracy argument as on the classic surfaces.
    #expect(distanceToNearest(result.x, [[1, 1]]) <= 1e-3, "x = \(result.x)")
    #expect(checkpoint.state.values.allSatisfy { $0.isFinite })
  }

  @Test func theSortIsStableWithNaNLast() {
    var state = NelderMead.State(
      simplex: [[0], [1], [2], [3], [4]], values: [2, .nan, 1, 2, -.infinity])
    NelderMead.sort(&state)
    #expect(state.simplex == [[4], [2], [0], [3], [1]])
    #expect(state.values[0..<4] == [-.infinity, 1, 2, 2])
    #expect(state.values[4].isNaN)
  }

  @Test func theInitialSimplexIsSciPys() throws {
    let evaluator = ObjectiveEvaluator(NaNBeyondAWall())
    let start = Iterate(x: [0, -1], value: try evaluator.value(at: [0, -1]), gradient: [])
    let state = try NelderMead().initialState(at: start, evaluator: evaluator)
    // A zero coordinate moves to 0.00025, a non-zero one by 5%; sorted by f = (x−1)² + (y−1)².
    #expect(Set(state.simplex) == [[0, -1], [0.00025, -1], [0, -1.05]])
    #expect(state.simplex[0] == [0.00025, -1])
    #expect(evaluator.counts.f == 3)
  }

  @Test func theAdaptiveCoefficientsAreGaoAndHans() throws {
    let c = try NelderMead(adaptive: true).coefficients(dimension: 4)
    // Gao & Han 2012, §4: 1, 1 + 2/n, 0.75 − 1/(2n), 1 − 1/n at n = 4.
    #expect(c.reflection == 1 && c.expansion == 1.5 && c.contraction == 0.625 && c.shrink == 0.75)
    let standard = try NelderMead().coefficients(dimension: 4)
    #expect(
      [standard.reflection, standard.expansion, standard.contraction, standard.shrink] == [
        1, 2, 0.5, 0.5,
      ])
  }

  @Test func aGivenInitialSimplexIsUsed() throws {
    let simplex: [[Double]] = [[2, 2], [2.5, 2], [2, 2.5]]
    let problem = try #require(BuiltinObjective.named("booth"))
    let (result, _) = try minimize(
      try problem.parsed().objective, from: [2, 2],
      method: try NelderMead(initialSimplex: simplex))
    #expect(result.stopReason == .stepTolerance)
    #expect(distanceToNearest(result.x, problem.minimizers) <= 1e-3)
  }

  @Test func invalidSettingsAreRejectedByName() {
    #expect(throws: HyperparameterError(name: "xatol", value: "-1.0", valid: "a finite number ≥ 0"))
    {
      try NelderMead(xTolerance: -1)
    }
    #expect(throws: HyperparameterError.self) { try NelderMead(valueTolerance: .nan) }
    #expect(throws: HyperparameterError.self) {
      try NelderMead(initialSimplex: [[0, 0], [1, 0]])
    }
  }

  @Test func hyperparametersUseSciPysNames() throws {
    #expect(
      try NelderMead().hyperparameters
        == .object(["adaptive": .bool(false), "xatol": .number(1e-4), "fatol": .number(1e-4)]))
  }

  @Test func aNonFiniteStartStopsTheRunBeforeAnyStep() throws {
    // f is NaN at x = 3 > 1.95: the loop refuses the start; the method is never stepped.
    let (result, _) = try minimize(NaNBeyondAWall(), from: [3, 0], method: try NelderMead())
    #expect(result.stopReason == .nonFinite)
    #expect(result.iterations == 0)
    #expect(result.divergence != nil)
  }
}
