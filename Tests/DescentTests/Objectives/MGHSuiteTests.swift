import Testing

@testable import Descent

@Suite struct MGHSuiteTests {
  /// Levenberg–Marquardt on the 43 instances from the standard starts, at the suite's
  /// defaults: it solves every instance SciPy's `least_squares(method='lm')` (MINPACK)
  /// solves, so at least as many (the goal is 41; SciPy solves 42 — both miss
  /// trigonometric:10, where every method stops at the local minimum 2.79506e-5).
  @Test func levenbergMarquardtSolvesWhatMINPACKSolves() throws {
    let fixtures = try #require(MGHFixtures.document, "Fixtures/mgh_scipy.json is missing")
    var rows: [SuiteRow] = []
    for (instance, reference) in zip(MGH.instances, fixtures.instances) {
      let row = try MGHSuite.run(method: LevenbergMarquardt(), instance: instance)
      rows.append(row)
      // f(x₀) reported as the independent implementation computes it (see MGHProblemTests).
      expectClose([row.startValue], [reference.f0], rtol: 1e-12, "\(row.problem) f(x₀)")
      if reference.methods["least_squares-lm"]?.solved == true {
        #expect(row.solved, "\(row.problem): f = \(row.value), minima \(row.minima)")
      }
    }
    let summary = SuiteSummary(method: "lm", rows: rows)
    let scipy = try #require(fixtures.totals["least_squares-lm"])
    #expect(summary.instances == 43)
    #expect(summary.solved >= Swift.max(41, scipy.solved))
  }

  /// L-BFGS (m = 10, strong Wolfe) at the suite's defaults solves every instance SciPy's
  /// L-BFGS-B solves at its defaults, and at least the goal of 40 (measured: 42;
  /// SciPy 33 in the committed run, the issue quotes 31).
  @Test func lbfgsSolvesWhatSciPysLBFGSBSolves() throws {
    let fixtures = try #require(MGHFixtures.document, "Fixtures/mgh_scipy.json is missing")
    var rows: [SuiteRow] = []
    for (instance, reference) in zip(MGH.instances, fixtures.instances) {
      let row = try MGHSuite.run(method: LBFGS(), instance: instance)
      rows.append(row)
      if reference.methods["L-BFGS-B"]?.solved == true {
        #expect(row.solved, "\(row.problem): f = \(row.value), minima \(row.minima)")
      }
    }
    let summary = SuiteSummary(method: "lbfgs", rows: rows)
    let scipy = try #require(fixtures.totals["L-BFGS-B"])
    #expect(summary.solved >= Swift.max(40, scipy.solved))
  }

  /// The row of one run agrees with the run itself: the same value, the criterion applied
  /// to it, evaluations and stop reason as ``minimize(_:from:method:options:resumingFrom:objectiveDescription:observer:)`` reports.
  @Test func aRowRecordsTheRun() throws {
    let instance = try MGH.resolve("mgh:bard")
    let row = try MGHSuite.run(method: GaussNewton(), instance: instance)
    let (result, _) = try minimize(
      instance.objective, from: instance.start, method: GaussNewton(),
      options: MGHSuite.defaultOptions)
    #expect(row.value == result.value)
    #expect(row.solved == instance.isSolved(by: result.value))
    #expect(row.evaluations == result.evaluations)
    #expect(row.functionEvaluations == result.evaluations.f + result.evaluations.g)
    #expect(row.stopReason == result.stopReason)
    #expect(row.problem == "bard" && row.n == 3 && row.m == 15)
  }

  /// The median of an odd and an even count, by hand.
  @Test func summaryCountsAndMedians() {
    func row(_ evaluations: Int, solved: Bool) -> SuiteRow {
      SuiteRow(
        problem: "p", number: 1, method: "m", n: 1, m: 1, minima: [0], startValue: 1, value: 0,
        solved: solved, evaluations: EvaluationCounts(f: evaluations, g: 1), iterations: 1,
        stopReason: .gradientTolerance)
    }
    let odd = SuiteSummary(
      method: "m", rows: [row(9, solved: true), row(1, solved: false), row(4, solved: true)])
    #expect(odd.solved == 2 && odd.instances == 3)
    #expect(odd.medianEvaluations == 5)  // f + g = 10, 2, 5
    let even = SuiteSummary(method: "m", rows: [row(1, solved: true), row(4, solved: true)])
    #expect(even.medianEvaluations == 3.5)  // (2 + 5) / 2
  }
}
