import Foundation
import Testing

@testable import Descent

/// `Fixtures/mgh_scipy.json`, written by `Scripts/references/mgh_scipy.py`: an independent
/// NumPy/JAX implementation of the 43 instances, SciPy's results on them, full-precision
/// minima and a curve fit.
enum MGHFixtures {
  struct MethodResult: Decodable, Sendable {
    var f: Double?
    var solved: Bool
    var nfev: Int?
  }

  struct Instance: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var n: Int
    var m: Int
    var start: [Double]
    var f0: Double
    var minima: [Double]
    var methods: [String: MethodResult]
    var testDescription: String { name }
  }

  struct Total: Decodable, Sendable {
    var solved: Int
    var medianEvaluations: Double
    enum CodingKeys: String, CodingKey {
      case solved
      case medianEvaluations = "median_nfev"
    }
  }

  struct CurveFit: Decodable, Sendable {
    var t: [Double]
    var y: [Double]
    var start: [Double]
    var x: [Double]
    var f: Double
  }

  struct Document: Decodable, Sendable {
    var generator: String
    var instances: [Instance]
    var totals: [String: Total]
    var preciseMinima: [String: Double]
    var curveFit: CurveFit
    enum CodingKeys: String, CodingKey {
      case generator, instances, totals
      case preciseMinima = "precise_minima"
      case curveFit = "curve_fit"
    }
  }

  static let document: Document? = {
    guard
      let url = Bundle.module.url(
        forResource: "mgh_scipy", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return try? JSONDecoder().decode(Document.self, from: data)
  }()

  static var instances: [Instance] { document?.instances ?? [] }
}
