import Foundation
import Testing

@testable import Descent

/// The Moré–Thuente search on the paper's six functions and on bad input.
@Suite struct StrongWolfeLineSearchTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var function: MoreThuenteFunction
    var initialStep: Double
    var testDescription: String { "\(function.name) from \(initialStep)" }
  }

  static let cases = MoreThuenteFunction.all.flatMap { f in
    MoreThuenteFunction.initialSteps.map { Case(function: f, initialStep: $0) }
  }

  /// Every function from every initial step ends on a strong Wolfe point. The paper's
  /// Tables 1–6 report at most about 20 evaluations per search; 30 leaves room for trial
  /// choices that differ in rounding (the conditions, not the path, are the contract) while
  /// still catching a search that degenerates into bisection or stalls at a bound.
  @Test(arguments: cases)
  func satisfiesStrongWolfeWithFewEvaluations(_ c: Case) throws {
    let f = c.function
    let (value0, slope0) = f.phi(0)
    let search = StrongWolfe(c1: f.c1, c2: f.c2)
    let result = try search.search(
      f.phi, initialStep: c.initialStep, value0: value0, slope0: slope0)
    #expect(result.isAccepted, "\(result.outcome)")
    let (value, slope) = f.phi(result.step)
    #expect(result.step > 0)
    #expect(value == result.value && slope == result.slope)
    #expect(
      value <= value0 + f.c1 * result.step * slope0,
      "sufficient decrease fails at α = \(result.step)")
    #expect(abs(slope) <= f.c2 * abs(slope0), "curvature fails at α = \(result.step)")
    #expect(result.evaluations <= 30, "\(result.evaluations) evaluations")
  }

  /// Nocedal & Wright's defaults on a quadratic whose minimizer is α = 1: the first trial is
  /// accepted.
  @Test func acceptsTheUnitStepOnANewtonQuadratic() throws {
    let phi = { (a: Double) in (value: (a - 1) * (a - 1), slope: 2 * (a - 1)) }
    let result = try StrongWolfe().search(phi, initialStep: 1, value0: 1, slope0: -2)
    #expect(result.isAccepted)
    #expect(result.step == 1 && result.evaluations == 1)
  }

  /// NaN beyond α = 1 (outside the domain of f), minimizer at 0.8: starting from 10 the
  /// search halves back into the domain and still ends on a strong Wolfe point.
  @Test(arguments: [1.5, 10, 1e6])
  func survivesNonFiniteValues(initialStep: Double) throws {
    let phi = { (a: Double) -> (value: Double, slope: Double) in
      a > 1 ? (.nan, .nan) : ((a - 0.8) * (a - 0.8), 2 * (a - 0.8))
    }
    let result = try StrongWolfe().search(
      phi, initialStep: initialStep, value0: 0.64, slope0: -1.6)
    #expect(result.isAccepted, "\(result.outcome)")
    #expect(result.step > 0 && result.step <= 1)
    #expect(result.value <= 0.64 + 1e-4 * result.step * -1.6)
    #expect(abs(result.slope) <= 0.9 * 1.6)
  }

  /// Infinite values are handled like NaN.
  @Test func survivesInfiniteValues() throws {
    let phi = { (a: Double) -> (value: Double, slope: Double) in
      a > 2 ? (.infinity, .infinity) : ((a - 1) * (a - 1), 2 * (a - 1))
    }
    let result = try StrongWolfe().search(phi, initialStep: 100, value0: 1, slope0: -2)
    #expect(result.isAccepted, "\(result.outcome)")
  }

  /// φ non-finite at every step: the search fails, reporting the start.
  @Test func failsWhenNothingIsFinite() throws {
    let phi = { (_: Double) in (value: Double.nan, slope: Double.nan) }
    let result = try StrongWolfe().search(phi, initialStep: 1, value0: 1, slope0: -1)
    #expect(!result.isAccepted)
    #expect(result.step == 0 && result.value == 1)
    #expect(result.evaluations <= 100)
  }

  /// A plateau just above φ(0) with an inconsistent φ′(0) < 0 (as rounding can produce on a
  /// flat region): no step decreases φ, the interval collapses toward 0 and the search fails,
  /// returning the start as the lowest point. (On a plateau exactly at φ(0) a step of about
  /// 1e-13 passes in floating point, since 1e-4·α·φ′(0) then rounds away, which is correct.)
  @Test func failsCleanlyOnAFlatFunction() throws {
    let phi = { (_: Double) in (value: 1.0, slope: 0.0) }
    let result = try StrongWolfe().search(phi, initialStep: 1, value0: 1 - 1e-9, slope0: -1)
    #expect(!result.isAccepted, "\(result.outcome)")
    #expect(result.step == 0 && result.value == 1 - 1e-9)
    #expect(result.evaluations <= 100)
  }

  /// φ unbounded below: the step grows to maxStep and the search reports it.
  @Test func failsAtMaxStepWhenUnbounded() throws {
    let phi = { (a: Double) in (value: -a, slope: -1.0) }
    let search = StrongWolfe(maxStep: 1e6)
    let result = try search.search(phi, initialStep: 1, value0: 0, slope0: -1)
    #expect(!result.isAccepted)
    #expect(result.step == 1e6 && result.value == -1e6)
  }

  /// An ascent direction, a zero slope or a non-finite start fail before any evaluation.
  @Test(arguments: [(1.0, 1.0), (1.0, 0.0), (Double.nan, -1.0), (1.0, -Double.infinity)])
  func rejectsABadStart(value0: Double, slope0: Double) throws {
    var calls = 0
    let phi = { (a: Double) -> (value: Double, slope: Double) in
      calls += 1
      return (a * a, 2 * a)
    }
    let result = try StrongWolfe().search(phi, initialStep: 1, value0: value0, slope0: slope0)
    guard case .failed(let reason) = result.outcome else {
      Issue.record("expected a failure, got \(result.outcome)")
      return
    }
    #expect(!reason.isEmpty)
    #expect(calls == 0 && result.evaluations == 0 && result.step == 0)
  }

  /// An error thrown by φ propagates.
  @Test func propagatesErrorsFromPhi() {
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try StrongWolfe().search({ _ in throw Boom() }, initialStep: 1, value0: 1, slope0: -1)
    }
  }
}
