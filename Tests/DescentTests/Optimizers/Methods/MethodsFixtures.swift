@testable import Descent

/// A seeded strictly convex quadratic f(x) = ½xᵀAx − bᵀx with A = BᵀB + n·I (B uniform in
/// [−1, 1]), written as a formula so that the methods see it through the usual objective.
struct SeededQuadratic {
  let n: Int
  /// A, row-major.
  let a: [[Double]]
  let b: [Double]
  let formula: Formula

  init(n: Int = 5, seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    let m = (0..<n).map { _ in (0..<n).map { _ in Double.random(in: -1...1, using: &generator) } }
    var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
      for j in 0..<n {
        a[i][j] = (0..<n).reduce(0) { $0 + m[$1][i] * m[$1][j] } + (i == j ? Double(n) : 0)
      }
    }
    let b = (0..<n).map { _ in Double.random(in: -1...1, using: &generator) }
    let names = (1...n).map { "x\($0)" }
    var terms: [String] = []
    for i in 0..<n {
      for j in 0..<n { terms.append("0.5*(\(a[i][j]))*\(names[i])*\(names[j])") }
      terms.append("(\(-b[i]))*\(names[i])")
    }
    self.n = n
    self.a = a
    self.b = b
    formula = try! Formula(terms.joined(separator: " + "), variables: names)
  }

  /// A·v.
  func times(_ v: [Double]) -> [Double] { a.map { row in Vectors.dot(row, v) } }

  /// ∇f(x) = Ax − b.
  func gradient(at x: [Double]) -> [Double] { Vectors.difference(times(x), b) }

  /// The exact minimiser of f along −g from x: x − (gᵀg / gᵀAg)·g.
  func exactLineMinimiser(from x: [Double]) -> (x: [Double], step: Double) {
    let g = gradient(at: x)
    let step = Vectors.dot(g, g) / Vectors.dot(g, times(g))
    return (zip(x, g).map { $0 - step * $1 }, step)
  }
}
