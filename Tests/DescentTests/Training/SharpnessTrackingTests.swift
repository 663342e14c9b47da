import Foundation
import Testing

@testable import Descent

/// Sharpness tracking during gradient descent, on a quadratic where everything has a
/// closed form: λmax(A) at every record, f(xₜ) = ½∑ aᵢ(1 − ηaᵢ)^{2t} x₀ᵢ².
@Suite("Sharpness tracking")
struct SharpnessTrackingTests {
  static let curvatures = [0.5, 2.0, 4.0]
  static let start = [1.0, -1.0, 0.5]

  static func quadratic() -> AutodiffObjective {
    AutodiffObjective(dimension: 3) { x in
      let a = Variable(Tensor(curvatures))
      let ax = try a * x
      return 0.5 * (try sum(try ax * x))
    }
  }

  static func closedForm(step t: Int, learningRate eta: Double) -> Double {
    (0..<3).reduce(0) { total, i in
      let a = curvatures[i]
      return total + 0.5 * a * pow(1 - eta * a, Double(2 * t)) * start[i] * start[i]
    }
  }

  @Test("below 2/λmax: records every k steps, λmax = 4, the loss as the closed form")
  func stable() throws {
    let (records, _) = try SharpnessTracking.gradientDescent(
      Self.quadratic(), from: Self.start, learningRate: 0.3, steps: 10, every: 4)
    #expect(records.map(\.step) == [0, 4, 8, 10])
    for r in records {
      // Lanczos on a 3×3 matrix is exact after 3 products: rounding only.
      expectClose([r.sharpness], [4], atol: 1e-10)
      #expect(r.stabilityBound == 2 / 0.3)
      #expect(r.sharpness < r.stabilityBound)
      // Ten products of (1 − ηa) and a sum: a few ulps.
      expectClose([r.loss], [Self.closedForm(step: r.step, learningRate: 0.3)], rtol: 1e-12)
    }
  }

  @Test("above 2/λmax: the loss grows along the top direction as |1 − ηλmax|^{2t}")
  func unstable() throws {
    let eta = 0.6  // 2/λmax = 0.5 < 0.6: |1 − 0.6·4| = 1.4 per step
    let (records, _) = try SharpnessTracking.gradientDescent(
      Self.quadratic(), from: Self.start, learningRate: eta, steps: 20, every: 5)
    #expect(records.map(\.step) == [0, 5, 10, 15, 20])
    #expect(records.allSatisfy { $0.sharpness > $0.stabilityBound })
    for r in records {
      expectClose([r.loss], [Self.closedForm(step: r.step, learningRate: eta)], rtol: 1e-12)
    }
    #expect(records.last!.loss > 100 * records.first!.loss)
  }
}
