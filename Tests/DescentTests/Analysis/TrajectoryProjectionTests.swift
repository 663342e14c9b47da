import Foundation
import Testing

@testable import Descent

@Suite struct TrajectoryProjectionTests {
  typealias Problems = SpectralTestProblems

  /// Two orthonormal vectors in ℝⁿ (Gram–Schmidt on seeded normals).
  static func orthonormalPair(_ n: Int) -> ([Double], [Double]) {
    let a = Problems.randomPoint(n, scale: 1, seed: 1)
    var b = Problems.randomPoint(n, scale: 1, seed: 2)
    let e1 = a.map { $0 / Lanczos.norm(a) }
    let overlap = Lanczos.dot(b, e1)
    b = zip(b, e1).map { $0 - overlap * $1 }
    return (e1, b.map { $0 / Lanczos.norm(b) })
  }

  /// θₜ = θ_T + aₜ·e₁ + bₜ·e₂ with Σ aₜbₜ = 0: the SVD is known, σ = (‖a‖, ‖b‖), directions
  /// ±e₁, ±e₂, coordinates ±(aₜ, bₜ). Agreement to rounding (1e-10).
  @Test func planarTrajectoryIsRecoveredExactly() throws {
    let n = 40
    let (e1, e2) = Self.orthonormalPair(n)
    let final = Problems.randomPoint(n, scale: 1, seed: 3)
    let steps = 30
    let a = (0..<steps).map { 3 * Foundation.exp(-0.1 * Double($0)) }
    var b = (0..<steps).map { 0.5 * Foundation.sin(0.7 * Double($0)) }
    let overlap = Lanczos.dot(a, b) / Lanczos.dot(a, a)
    b = zip(b, a).map { $0 - overlap * $1 }
    var trajectory: [[Double]] = []
    for t in 0..<steps {
      let point: [Double] = (0..<n).map { (i: Int) -> Double in
        final[i] + a[t] * e1[i] + b[t] * e2[i]
      }
      trajectory.append(point)
    }
    trajectory.append(final)
    let projection = try TrajectoryProjection(trajectory)
    expectClose(projection.singularValues, [Lanczos.norm(a), Lanczos.norm(b)], rtol: 1e-10)
    let total = Lanczos.dot(a, a) + Lanczos.dot(b, b)
    expectClose(
      projection.explainedVarianceRatio, [Lanczos.dot(a, a) / total, Lanczos.dot(b, b) / total],
      rtol: 1e-10)
    let s1 = Lanczos.dot(projection.directions[0], e1) > 0 ? 1.0 : -1.0
    let s2 = Lanczos.dot(projection.directions[1], e2) > 0 ? 1.0 : -1.0
    expectClose(projection.directions[0], e1.map { s1 * $0 }, atol: 1e-10)
    expectClose(projection.directions[1], e2.map { s2 * $0 }, atol: 1e-10)
    expectClose(projection.coordinates.map { $0[0] }, (a + [0]).map { s1 * $0 }, atol: 1e-10)
    expectClose(projection.coordinates.map { $0[1] }, (b + [0]).map { s2 * $0 }, atol: 1e-10)
  }

  /// Off-plane noise of size 10⁻³ leaves a share of the variance to the rest; the directions
  /// stay in the plane up to the noise, and the ratios stay below 1. (The in-plane directions
  /// are rotated away from e₁, e₂ because a and b are correlated; only the plane is known.)
  @Test func noisyTrajectoryKeepsMostVarianceInTheTopTwo() throws {
    let n = 25
    let (e1, e2) = Self.orthonormalPair(n)
    var generator = SeededGenerator(seed: 9)
    let trajectory = (0..<20).map { t -> [Double] in
      let (a, b) = (Double(20 - t), Foundation.cos(Double(t)))
      return (0..<n).map { a * e1[$0] + b * e2[$0] + 1e-3 * generator.nextNormal() }
    }
    let projection = try TrajectoryProjection(trajectory)
    let explained = projection.explainedVarianceRatio.reduce(0, +)
    #expect(explained < 1 && explained > 0.999_99)
    // Off-plane energy of a direction ≈ noise energy (20·25·10⁻⁶) / in-plane variance
    // (≥ 10 for the second): ≈ 5·10⁻⁵; 10⁻³ leaves a margin of 20.
    for direction in projection.directions {
      let inPlane =
        Lanczos.dot(direction, e1) * Lanczos.dot(direction, e1)
        + Lanczos.dot(direction, e2) * Lanczos.dot(direction, e2)
      #expect(1 - inPlane <= 1e-3)
    }
    #expect(projection.coordinates.last! == [0, 0])
  }

  /// With `subtractMean` the directions are the top eigenvectors of the n×n scatter matrix
  /// of the mean-centred rows (scikit-learn's PCA), computed here the other way round —
  /// from MᵀM instead of the Gram matrix M·Mᵀ — and agree to rounding (1e-9).
  @Test func meanCentredDirectionsMatchTheCovarianceEigenvectors() throws {
    let n = 6
    var generator = SeededGenerator(seed: 4)
    let trajectory = (0..<12).map { _ in (0..<n).map { _ in generator.nextNormal() } }
    let projection = try TrajectoryProjection(trajectory, subtractMean: true)
    let final = trajectory.last!
    var rows = trajectory.dropLast().map { p in zip(p, final).map { $0 - $1 } }
    let count = Double(rows.count)
    let mean = (0..<n).map { i in rows.reduce(0) { $0 + $1[i] } / count }
    rows = rows.map { r in zip(r, mean).map { $0 - $1 } }
    var scatter = [Double](repeating: 0, count: n * n)
    for r in rows { for i in 0..<n { for j in 0..<n { scatter[i * n + j] += r[i] * r[j] } } }
    let eigen = try SymmetricEigendecomposition(Tensor(shape: [n, n], scalars: scatter))
    let total = eigen.eigenvalues.reduce(0, +)
    for k in 0..<2 {
      let expected = eigen.eigenvectors[n - 1 - k]
      let sign = Lanczos.dot(projection.directions[k], expected) > 0 ? 1.0 : -1.0
      expectClose(projection.directions[k], expected.map { sign * $0 }, atol: 1e-9)
      #expect(
        Swift.abs(projection.explainedVarianceRatio[k] - eigen.eigenvalues[n - 1 - k] / total)
          <= 1e-12)
    }
    // Coordinates are still measured from the final point, which sits at the origin.
    #expect(projection.coordinates.last! == [0, 0])
  }

  /// A straight-line trajectory spans one direction: only one is returned.
  @Test func lineTrajectoryHasOneDirection() throws {
    let trajectory = (0..<5).map { t in [Double(t), 2 * Double(t), 0] }
    let projection = try TrajectoryProjection(trajectory)
    #expect(projection.directions.count == 1)
    expectClose(projection.explainedVarianceRatio, [1], rtol: 1e-12)
    expectClose(
      projection.directions[0], [1, 2, 0].map { $0 / 5.0.squareRoot() }, rtol: 1e-12,
      atol: 1e-15)
  }
}
