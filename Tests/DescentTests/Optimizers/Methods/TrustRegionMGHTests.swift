import Foundation
import Testing

@testable import Descent

/// Trust-region Newton on some of the harder Moré–Garbow–Hillstrom problems, written as
/// formulas, from the paper's standard starts: f must reach a published minimum value (the
/// paper's table, 6 significant digits). Biggs EXP6 failed with Δ₀ = 1 (x3, x4 → ∞, f → 0.2427);
/// the default Δ₀, the Cauchy step length, solves it.
@Suite struct TrustRegionMGHTests {
  struct Problem: Sendable, CustomTestStringConvertible {
    var name: String
    var formula: String
    var start: [Double]
    /// The published minimum values (a global one first; local ones the paper lists after).
    var minima: [Double]
    /// Why Descent's newton-tr misses every published minimum, where it does.
    var knownIssue: String? = nil
    var testDescription: String { name }
  }

  static func sum(_ range: ClosedRange<Int>, _ term: (Int) -> String) -> String {
    range.map(term).joined(separator: " + ")
  }

  static let kowalikY = [
    0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246,
  ]
  static let kowalikU = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625]

  // Moré, Garbow & Hillstrom 1981, ACM TOMS 7(1), problem numbers in the names.
  static let problems: [Problem] = [
    Problem(
      name: "3 powell-badly-scaled",
      formula: "(10000*x*y - 1)^2 + (exp(-x) + exp(-y) - 1.0001)^2", start: [0, 1], minima: [0]),
    Problem(
      name: "4 brown-badly-scaled",
      formula: "(x - 1000000)^2 + (y - 0.000002)^2 + (x*y - 2)^2", start: [1, 1], minima: [0]),
    Problem(
      name: "2 freudenstein-roth",
      formula: "(-13 + x + ((5 - y)*y - 2)*y)^2 + (-29 + x + ((y + 1)*y - 14)*y)^2",
      start: [0.5, -2], minima: [0, 48.9842]),
    Problem(
      name: "6 jennrich-sampson",
      formula: sum(1...10) { "(\(2 + 2 * $0) - exp(\($0)*x) - exp(\($0)*y))^2" },
      start: [0.3, 0.4], minima: [124.362]),
    Problem(
      name: "14 wood",
      formula:
        "100*(x2 - x1^2)^2 + (1 - x1)^2 + 90*(x4 - x3^2)^2 + (1 - x3)^2 + 10.1*((x2 - 1)^2 + (x4 - 1)^2) + 19.8*(x2 - 1)*(x4 - 1)",
      start: [-3, -1, -3, -1], minima: [0]),
    Problem(
      name: "12 box-3d",
      formula: sum(1...10) {
        let t = 0.1 * Double($0)
        return "(exp(-\(t)*x1) - exp(-\(t)*x2) - x3*(\(exp(-t) - exp(-10 * t))))^2"
      }, start: [0, 10, 20], minima: [0]),
    Problem(
      name: "13 powell-singular",
      formula: "(x1 + 10*x2)^2 + 5*(x3 - x4)^2 + (x2 - 2*x3)^4 + 10*(x1 - x4)^4",
      start: [3, -1, 0, 1], minima: [0]),
    Problem(
      name: "15 kowalik-osborne",
      formula: sum(0...10) { i in
        let u = kowalikU[i]
        return "(\(kowalikY[i]) - x1*(\(u * u) + \(u)*x2)/(\(u * u) + \(u)*x3 + x4))^2"
      }, start: [0.25, 0.39, 0.415, 0.39], minima: [3.07505e-4, 1.02734e-3]),
    Problem(
      name: "18 biggs-exp6",
      formula: sum(1...13) {
        let t = 0.1 * Double($0)
        let y = exp(-t) - 5 * exp(-10 * t) + 3 * exp(-4 * t)
        return "(x3*exp(-\(t)*x1) - x4*exp(-\(t)*x2) + x6*exp(-\(t)*x5) - \(y))^2"
      }, start: [1, 2, 1, 1, 1, 1], minima: [0, 5.65565e-3, 0.306366]),
    Problem(
      name: "26 trigonometric-10",
      formula: sum(1...10) { i in
        let cosines = (1...10).map { "cos(x\($0))" }.joined(separator: " - ")
        return "(10 - \(cosines) + \(i)*(1 - cos(x\(i))) - sin(x\(i)))^2"
      }, start: Array(repeating: 0.1, count: 10), minima: [0, 2.79506e-5]),
  ]

  @Test(arguments: problems)
  func reachesAPublishedMinimum(_ problem: Problem) throws {
    let objective = try Formula(problem.formula).objective
    var options = MinimizeOptions()
    // A known failure need not run 1000 slow iterations to show itself.
    if problem.knownIssue != nil { options.maxIterations = 100 }
    let (result, checkpoint) = try minimize(
      objective, from: problem.start, method: NewtonTrustRegion(), options: options)
    let gap = problem.minima.map { abs(result.value - $0) / max(1, abs($0)) }.min() ?? .infinity
    if ProcessInfo.processInfo.environment["DESCENT_PRINT_COUNTS"] != nil {
      let e = result.evaluations
      print(
        "MGH \(problem.name): f \(result.value) \(result.stopReason) it \(result.iterations) g \(e.g) h \(e.h) rejected \(checkpoint.state.rejected) x \(result.x.prefix(4))"
      )
    }
    // The published values have 6 significant digits.
    if let issue = problem.knownIssue {
      withKnownIssue(Comment(rawValue: issue)) {
        #expect(gap <= 1e-5, "f = \(result.value), \(result.stopReason)")
      }
    } else {
      #expect(gap <= 1e-5, "f = \(result.value), \(result.stopReason)")
      #expect(result.stopReason == .gradientTolerance)
    }
  }
}
