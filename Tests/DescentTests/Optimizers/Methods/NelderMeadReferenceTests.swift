import Foundation
import Testing

@testable import Descent

/// Nelder–Mead against SciPy's `minimize(method='Nelder-Mead')`: the `nelder_mead` part of
/// `Fixtures/derivative_free.json` (from `Scripts/references/derivative_free.py`) — the best
/// vertex after every transformation, the number of transformations and evaluations, and
/// the final simplex, on Rosenbrock and Booth in 2-D and Rosenbrock in 10-D with and without
/// the adaptive coefficients.
@Suite struct NelderMeadReferenceTests {
  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    var id: String
    var formula: String
    var variables: [String]
    var start: [Double]
    var adaptive: Bool
    var nit: Int
    var nfev: Int
    var transformations: Int
    /// `best[k]` is the best vertex after transformation (k + 1)·stride.
    var stride: Int
    var best: [[Double]]
    var bestValues: [Double]
    var simplex: [[Double]]
    var simplexValues: [Double]
    var testDescription: String { id }

    enum CodingKeys: String, CodingKey {
      case id, formula, variables, start, adaptive, nit, nfev, transformations, stride, best
      case simplex
      case bestValues = "best_values"
      case simplexValues = "simplex_values"
    }
  }

  struct Document: Decodable {
    var nelderMead: [Case]
    enum CodingKeys: String, CodingKey { case nelderMead = "nelder_mead" }
  }

  static let cases: [Case] = {
    guard
      let url = Bundle.module.url(
        forResource: "derivative_free", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url),
      let document = try? JSONDecoder().decode(Document.self, from: data)
    else { return [] }
    return document.nelderMead
  }()

  @Test func theFixtureIsThere() {
    #expect(Self.cases.count == 4, "Fixtures/derivative_free.json is missing or incomplete")
  }

  static func run(_ c: Case) throws -> (MinimizeResult, NelderMead.State) {
    let objective = try Formula(c.formula, variables: c.variables).objective
    var options = MinimizeOptions()
    options.maxIterations = 100_000
    let (result, checkpoint) = try minimize(
      objective, from: c.start, method: try NelderMead(adaptive: c.adaptive), options: options)
    return (result, checkpoint.state)
  }

  /// max |a − b| / max(|b|, 1e-2): relative, but absolute for entries near 0 (below 1e-2
  /// the 1e-12 relative bound becomes 1e-14 absolute, as in the expectClose calls).
  func worstRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { Swift.abs($0 - $1) / Swift.max(Swift.abs($1), 1e-2) }.max() ?? 0
  }

  @Test(arguments: cases)
  func followsSciPyTransformationByTransformation(_ c: Case) throws {
    let (result, state) = try Self.run(c)
    // SciPy's nit starts at 1: it is one more than the transformations.
    #expect(result.iterations == c.transformations)
    #expect(c.nit == c.transformations + 1)
    #expect(result.evaluations.f == c.nfev)
    #expect(result.evaluations.g == 0)
    #expect(result.stopReason == .stepTolerance)
    // The same arithmetic in the same order (centroid as a running sum, the same products and
    // the same stable sort), and f evaluated with the same operations: the trajectories agree
    // to the last bit or nearly. 1e-12 relative leaves room for a libm ulp without letting a
    // different branch (a different transformation) through — those move x by ≫ 1e-4.
    // Only the first transformation that differs is reported: after it, all differ.
    let mismatch = c.best.indices.first { k in
      let step = (k + 1) * c.stride
      return step >= result.trace.count
        || worstRelativeError(result.trace[step].x, c.best[k]) > 1e-12
        || worstRelativeError([result.trace[step].value], [c.bestValues[k]]) > 1e-12
    }
    if let k = mismatch, (k + 1) * c.stride < result.trace.count {
      let step = (k + 1) * c.stride
      expectClose(
        result.trace[step].x, c.best[k], rtol: 1e-12, atol: 1e-14, "\(c.id), transformation \(step)"
      )
      expectClose(
        [result.trace[step].value], [c.bestValues[k]], rtol: 1e-12, atol: 1e-14,
        "\(c.id), f after transformation \(step)")
    }
    #expect(mismatch == nil, "\(c.id): the first transformation that differs")
    for (vertex, expected) in zip(state.simplex, c.simplex) {
      expectClose(vertex, expected, rtol: 1e-12, atol: 1e-14, "\(c.id), final simplex")
    }
    expectClose(state.values, c.simplexValues, rtol: 1e-12, atol: 1e-14, "\(c.id), final values")
  }
}
