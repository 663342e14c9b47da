import Foundation

@testable import Descent

/// The reference figures of `Scripts/references/newton_family.py`, committed as
/// `Fixtures/newton_family.json`: SciPy's `trust-exact`, `trust-ncg` and `newton-cg` on four
/// classic problems, and trust-region subproblems solved by eigh and Brent on the secular equation.
enum NewtonFamilyFixtures {
  /// One SciPy run.
  struct Run: Decodable, Sendable, CustomStringConvertible {
    var problem: String
    var method: String
    var start: [Double]
    var x: [Double]
    var value: Double
    var success: Bool
    var iterations: Int
    var nfev: Int
    var njev: Int
    var nhev: Int

    var description: String { "\(method)/\(problem)" }
  }

  /// One subproblem min gᵀp + ½pᵀHp, ‖p‖ ≤ Δ and its reference solution.
  struct Subproblem: Decodable, Sendable, CustomStringConvertible {
    var name: String
    var hessian: [[Double]]
    var gradient: [Double]
    var radius: Double
    var step: [Double]
    var model: Double
    var onBoundary: Bool
    var lowestEigenvalue: Double

    enum CodingKeys: String, CodingKey {
      case name, hessian, gradient, radius, step, model
      case onBoundary = "on_boundary"
      case lowestEigenvalue = "lowest_eigenvalue"
    }

    var description: String { name }
  }

  struct Document: Decodable {
    var generator: String
    var runs: [Run]
    var subproblems: [Subproblem]
  }

  static let document: Document? = {
    guard
      let url = Bundle.module.url(
        forResource: "newton_family", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return try? JSONDecoder().decode(Document.self, from: data)
  }()

  static var runs: [Run] { document?.runs ?? [] }
  static var subproblems: [Subproblem] { document?.subproblems ?? [] }

  /// The SciPy run of `method` on `problem`.
  static func run(_ method: String, on problem: String) -> Run? {
    runs.first { $0.method == method && $0.problem == problem }
  }

  /// A row-major n×n tensor from rows.
  static func matrix(_ rows: [[Double]]) -> Tensor {
    try! Tensor(shape: [rows.count, rows.count], scalars: rows.flatMap { $0 })
  }

  /// H·v for a matrix given by rows.
  static func times(_ rows: [[Double]], _ v: [Double]) -> [Double] {
    rows.map { Vectors.dot($0, v) }
  }

  /// m(p) = gᵀp + ½pᵀHp.
  static func model(_ rows: [[Double]], _ g: [Double], _ p: [Double]) -> Double {
    Vectors.dot(g, p) + 0.5 * Vectors.dot(p, times(rows, p))
  }
}
