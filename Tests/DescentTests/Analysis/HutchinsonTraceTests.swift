import Foundation
import Testing

@testable import Descent

@Suite struct HutchinsonTraceTests {
  typealias Problems = SpectralTestProblems

  /// P(X ≥ c) for X ~ Binomial(trials, p), summed in logs.
  static func binomialUpperTail(_ c: Int, trials: Int, p: Double) -> Double {
    guard c > 0 else { return 1 }
    guard c <= trials else { return 0 }
    var total = 0.0
    for k in c...trials {
      let logChoose: Double =
        Foundation.lgamma(Double(trials + 1)) - Foundation.lgamma(Double(k + 1))
        - Foundation.lgamma(Double(trials - k + 1))
      let logPowers: Double =
        Double(k) * Foundation.log(p) + Double(trials - k) * Foundation.log(1 - p)
      total += Foundation.exp(logChoose + logPowers)
    }
    return total
  }

  /// The smallest c with P(X > c) ≤ α, and the largest c with P(X < c) ≤ α.
  static func binomialBounds(trials: Int, p: Double, alpha: Double) -> ClosedRange<Int> {
    var upper = 0
    while binomialUpperTail(upper + 1, trials: trials, p: p) > alpha { upper += 1 }
    var lower = 0
    while 1 - binomialUpperTail(lower + 1, trials: trials, p: p) <= alpha { lower += 1 }
    return lower...upper
  }

  /// Across 300 seeds of 50 probes each, how often does the true trace fall outside the
  /// interval? At 99 %, about 1 % (1.3 % with the t correction the normal approximation
  /// leaves out, t₄₉ = 2.68 against 2.58); at 50 %, about half. Both counts must lie within
  /// the binomial bounds that a correct interval would violate with probability 10⁻³.
  @Test func trueTraceFallsOutsideTheIntervalAsOftenAsItsLevelSays() throws {
    let n = 50
    let a = Problems.randomSymmetric(n, seed: 17)
    let scalars = a.scalars
    let trace = (0..<n).reduce(0) { $0 + scalars[$1 * n + $1] }
    let seeds = 300
    var outside99 = 0
    var outside50 = 0
    for seed in 0..<seeds {
      let estimate = try HutchinsonTrace(
        dimension: n, probes: 50, seed: UInt64(seed), product: Problems.product(a))
      if !estimate.confidenceInterval(level: 0.99).contains(trace) { outside99 += 1 }
      if !estimate.confidenceInterval(level: 0.5).contains(trace) { outside50 += 1 }
    }
    let bounds99 = Self.binomialBounds(trials: seeds, p: 0.013, alpha: 1e-3)
    let bounds50 = Self.binomialBounds(trials: seeds, p: 0.5, alpha: 1e-3)
    print("Hutchinson: outside 99 %: \(outside99)/\(seeds), outside 50 %: \(outside50)/\(seeds)")
    #expect(outside99 <= bounds99.upperBound)
    #expect(bounds50.contains(outside50))
  }

  /// The sample variance of zᵀHz against the closed form 2·(‖H‖_F² − Σ Hᵢᵢ²) for Rademacher z.
  @Test func standardErrorMatchesTheRademacherVariance() throws {
    let n = 30
    let a = Problems.randomSymmetric(n, seed: 4)
    let s = a.scalars
    var offDiagonal = 0.0
    for i in 0..<n { for j in 0..<n where i != j { offDiagonal += s[i * n + j] * s[i * n + j] } }
    let probes = 4000
    let estimate = try HutchinsonTrace(
      dimension: n, probes: probes, seed: 2, product: Problems.product(a))
    let variance = estimate.standardError * estimate.standardError * Double(probes)
    // The sample variance of 4000 draws has relative error ≈ √(2/4000)·(kurtosis factor)
    // ≈ 3–5 %; 15 % is three to five of those.
    #expect(Swift.abs(variance / (2 * offDiagonal) - 1) <= 0.15)
    #expect(estimate.productCount == probes)
  }

  /// A diagonal H is estimated exactly by Rademacher probes: zᵀDz = Σ dᵢ for every z.
  @Test func diagonalTraceIsExact() throws {
    let d = [3.0, -1, 0.5, 7, 2]
    let estimate = try HutchinsonTrace(dimension: 5, probes: 10, seed: 1) { v in
      zip(d, v).map { $0 * $1 }
    }
    #expect(Swift.abs(estimate.estimate - 11.5) <= 1e-14)
    #expect(estimate.standardError <= 1e-14)
  }

  /// Φ⁻¹ against published quantiles (Abramowitz & Stegun, Table 26.5), to 1e-12.
  @Test func normalQuantilesMatchTables() {
    #expect(Swift.abs(HutchinsonTrace.standardNormalQuantile(0.995) - 2.5758293035489) <= 1e-12)
    #expect(Swift.abs(HutchinsonTrace.standardNormalQuantile(0.975) - 1.9599639845401) <= 1e-12)
    #expect(Swift.abs(HutchinsonTrace.standardNormalQuantile(0.5)) <= 1e-15)
  }

  /// On a tanh network's Hessian, through the objective: the exact trace (full autodiff
  /// Hessian) lies within the 99 % interval.
  @Test func networkHessianTraceLiesWithinTheInterval() throws {
    let (objective, layout) = Problems.tanhNetwork(
      inputs: 3, hidden: 5, outputs: 2, samples: 8, seed: 6)
    let point = Problems.randomPoint(layout.parameterCount, scale: 0.8, seed: 12)
    let h = try objective.valueGradientAndHessian(at: point).hessian.scalars
    let n = layout.parameterCount
    let trace = (0..<n).reduce(0) { $0 + h[$1 * n + $1] }
    let estimate = try HutchinsonTrace(of: objective, at: point, probes: 200, seed: 3)
    #expect(estimate.confidenceInterval(level: 0.99).contains(trace))
  }
}
