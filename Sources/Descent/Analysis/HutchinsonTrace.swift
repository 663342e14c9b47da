import Foundation

/// Hutchinson's estimate of tr(H) from Hessian-vector products, with its standard error and
/// a confidence interval.
///
/// With Rademacher probes z (each entry ±1 with probability ½, seeded),
///
/// ```
/// E[zᵀH·z] = tr(H)       Var[zᵀH·z] = 2·Σᵢ≠ⱼ Hᵢⱼ² = 2·(‖H‖_F² − Σᵢ Hᵢᵢ²)
/// estimate        = (1/p)·Σₖ zₖᵀH·zₖ            (p probes, p products)
/// standard error  = s/√p,  s² the sample variance of the zₖᵀH·zₖ (divisor p − 1)
/// interval        = estimate ± z₁₋₍₁₋level₎/₂ · standard error
/// ```
///
/// The interval uses the **normal approximation** (central limit theorem) with the estimated
/// standard error; for small p it is slightly too narrow (Student's t with p − 1 degrees of
/// freedom would be exact for normal samples: at p = 30 and 99 %, 2.76 against 2.58). Rademacher
/// probes have the smallest variance of all probe distributions with independent entries
/// (Hutchinson 1990); a diagonal H is estimated exactly.
///
/// ## References
/// - M. F. Hutchinson, *A stochastic estimator of the trace of the influence matrix for
///   Laplacian smoothing splines*, Commun. Statist. Simula. 19 (1990), 433–450.
/// - H. Avron and S. Toledo, *Randomized algorithms for estimating the trace of an implicit
///   symmetric positive semi-definite matrix*, J. ACM 58 (2011), §2 (the variance above).
/// - Z. Yao et al., *PyHessian: Neural networks through the lens of the Hessian* (2020), §3.
public struct HutchinsonTrace: Codable, Equatable, Sendable {
  /// zₖᵀH·zₖ for each probe.
  public let samples: [Double]

  /// The estimate from `probes` seeded Rademacher probes (p ≥ 2, so that a standard error
  /// exists).
  /// - Throws: whatever `product` throws.
  public init(
    dimension: Int, probes: Int = 100, seed: UInt64 = 0, product: HessianVectorProduct
  ) throws {
    precondition(dimension >= 1, "HutchinsonTrace: dimension = \(dimension) must be ≥ 1")
    precondition(probes >= 2, "HutchinsonTrace: probes = \(probes) must be ≥ 2")
    var generator = SeededGenerator(seed: seed)
    var samples: [Double] = []
    samples.reserveCapacity(probes)
    for _ in 0..<probes {
      let z = (0..<dimension).map { _ in generator.next() & 1 == 0 ? -1.0 : 1.0 }
      let hz = try product(z)
      precondition(hz.count == dimension, "HutchinsonTrace: H·z has \(hz.count) entries")
      samples.append(Lanczos.dot(z, hz))
    }
    self.samples = samples
  }

  /// The estimate of tr(∇²f(x)) from `objective`'s Hessian-vector products.
  public init(
    of objective: some TwiceDifferentiableObjective, at point: [Double], probes: Int = 100,
    seed: UInt64 = 0
  ) throws {
    try self.init(dimension: objective.dimension, probes: probes, seed: seed) { v in
      try objective.hessianVectorProduct(at: point, along: v)
    }
  }

  /// p, the probes (and Hessian-vector products) used.
  public var productCount: Int { samples.count }

  /// (1/p)·Σ zₖᵀH·zₖ.
  public var estimate: Double { samples.reduce(0, +) / Double(samples.count) }

  /// s/√p with s² the sample variance (divisor p − 1).
  public var standardError: Double {
    let mean = estimate
    let p = Double(samples.count)
    let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (p - 1)
    return (variance / p).squareRoot()
  }

  /// estimate ± z·standardError with z the standard normal quantile of (1 + level)/2
  /// (2.576 for the default 99 %).
  public func confidenceInterval(level: Double = 0.99) -> ClosedRange<Double> {
    precondition(level > 0 && level < 1, "HutchinsonTrace: level = \(level) must be in (0, 1)")
    let z = Self.standardNormalQuantile((1 + level) / 2)
    let e = estimate
    let half = z * standardError
    return (e - half)...(e + half)
  }

  /// Φ⁻¹(p) for 0 < p < 1, by bisection on Φ(x) = ½·erfc(−x/√2) to full double precision.
  static func standardNormalQuantile(_ p: Double) -> Double {
    var low = -40.0
    var high = 40.0
    for _ in 0..<200 {
      let middle = (low + high) / 2
      if middle == low || middle == high { break }
      if 0.5 * erfc(-middle / 2.0.squareRoot()) < p { low = middle } else { high = middle }
    }
    return (low + high) / 2
  }
}
