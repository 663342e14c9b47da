import Foundation

/// The eigenvalue density of a symmetric H, estimated by stochastic Lanczos quadrature from
/// Hessian-vector products only.
///
/// The spectral density φ(t) = (1/n)·Σᵢ δ(t − λᵢ) is broadened by a Gaussian of width σ and
/// estimated from `runs` Lanczos runs of `steps` steps, each from a seeded random unit vector
/// v (a normalised standard normal vector, uniform on the sphere):
///
/// ```
/// vᵀ·g(H)·v = Σᵢ (vᵀuᵢ)²·g(λᵢ) ≈ Σⱼ τⱼ·g(θⱼ)      E[vᵀ·g(H)·v] = (1/n)·Σᵢ g(λᵢ)
/// φ_σ(t) ≈ (1/runs)·Σ_runs Σⱼ τⱼ·exp(−(t − θⱼ)²/(2σ²)) / (σ·√(2π))
/// ```
///
/// where θⱼ are the Ritz values of a run (the Gauss quadrature nodes of v's spectral measure)
/// and τⱼ = s₁ⱼ² the squared first components of T's eigenvectors (its weights). The
/// quadrature is exact for polynomials g of degree ≤ 2·steps − 1, so the moments
/// ∫tᵏφ(t)dt, k < 2·steps, are estimated without bias; the remaining error is the sampling
/// error of v, about √(2/n) relative per run for a spread-out spectrum. The weights of a run
/// sum to 1, so the density integrates to 1.
///
/// Defaults: `runs` = 10 and `steps` = 80, PyHessian's `n_v` = 1 run of `iter` = 100 steps
/// adjusted to a few runs for a visible error estimate; Ghorbani et al. use about 90 steps.
/// The Lanczos runs use full reorthogonalisation (see ``Lanczos``); Ghorbani et al. note
/// that without it the weights of converged Ritz values get split among ghosts.
///
/// ## References
/// - L. Lin, Y. Saad and C. Yang, *Approximating spectral densities of large matrices*,
///   SIAM Review 58 (2016), 34–65, §3.2 (Lanczos quadrature, eq. 3.16 to 3.19).
/// - B. Ghorbani, S. Krishnan and Y. Xiao, *An investigation into neural net optimization via
///   Hessian eigenvalue density*, ICML 2019, §2.1 and Appendix B.
/// - Z. Yao et al., *PyHessian* (2020), Algorithm 3.
public struct SpectralDensity: Codable, Equatable, Sendable {
  /// The Ritz values θ of each run (ascending within a run).
  public let nodes: [[Double]]
  /// The quadrature weights τ of each run (each run's sum to 1).
  public let weights: [[Double]]
  /// Hessian-vector products used (runs × steps, fewer if the space is exhausted).
  public let productCount: Int

  /// Runs `runs` seeded Lanczos iterations of `steps` steps each.
  /// - Throws: whatever `product` throws; ``LinearAlgebraError`` when LAPACK fails on T.
  public init(
    dimension: Int, runs: Int = 10, steps: Int = 80, seed: UInt64 = 0,
    product: @escaping HessianVectorProduct
  ) throws {
    precondition(runs >= 1, "SpectralDensity: runs = \(runs) must be ≥ 1")
    precondition(steps >= 1, "SpectralDensity: steps = \(steps) must be ≥ 1")
    var nodes: [[Double]] = []
    var weights: [[Double]] = []
    var products = 0
    var seeds = SeededGenerator(seed: seed)
    for _ in 0..<runs {
      var lanczos = Lanczos(dimension: dimension, seed: seeds.next(), product: product)
      try lanczos.extend(by: Swift.min(steps, dimension))
      let ritz = try lanczos.ritzApproximation()
      nodes.append(ritz.values)
      weights.append(ritz.firstComponents.map { $0 * $0 })
      products += lanczos.productCount
    }
    self.nodes = nodes
    self.weights = weights
    self.productCount = products
  }

  /// The density of ∇²f(x) from `objective`'s Hessian-vector products.
  public init(
    of objective: some TwiceDifferentiableObjective, at point: [Double], runs: Int = 10,
    steps: Int = 80, seed: UInt64 = 0
  ) throws {
    try self.init(dimension: objective.dimension, runs: runs, steps: steps, seed: seed) { v in
      try objective.hessianVectorProduct(at: point, along: v)
    }
  }

  /// The k-th moment (1/n)·Σλᵢᵏ ≈ (1/runs)·Σ Σ τⱼθⱼᵏ of the (unbroadened) spectrum.
  public func moment(_ k: Int) -> Double {
    precondition(k >= 0, "SpectralDensity: moment order \(k) must be ≥ 0")
    var total = 0.0
    for (theta, tau) in zip(nodes, weights) {
      for j in theta.indices { total += tau[j] * Foundation.pow(theta[j], Double(k)) }
    }
    return total / Double(nodes.count)
  }

  /// φ_σ(t) at each t of `grid`, Gaussian broadening of width `sigma` > 0.
  public func density(on grid: [Double], sigma: Double) -> [Double] {
    precondition(sigma > 0, "SpectralDensity: sigma = \(sigma) must be positive")
    let normalisation = 1 / (sigma * (2 * Double.pi).squareRoot() * Double(nodes.count))
    return grid.map { t in
      var sum = 0.0
      for (theta, tau) in zip(nodes, weights) {
        for j in theta.indices {
          let u = (t - theta[j]) / sigma
          sum += tau[j] * Foundation.exp(-0.5 * u * u)
        }
      }
      return sum * normalisation
    }
  }

  /// `count` equally spaced points from the smallest node − 3σ to the largest + 3σ, and the
  /// density there: a ready-made picture of the spectrum.
  public func densityCurve(sigma: Double, count: Int = 200) -> (grid: [Double], density: [Double]) {
    precondition(count >= 2, "SpectralDensity: count = \(count) must be ≥ 2")
    let all = nodes.flatMap { $0 }
    let low = (all.min() ?? 0) - 3 * sigma
    let high = (all.max() ?? 0) + 3 * sigma
    let grid = (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
    return (grid, density(on: grid, sigma: sigma))
  }
}
