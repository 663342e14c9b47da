/// A training trajectory θ₀, θ₁, …, θ_T projected onto its top-2 principal directions,
/// centred at the final point (Li et al. 2018, §7), for drawing the path over a 2-D landscape
/// slice.
///
/// ```
/// M = [θ₀ − θ_T; θ₁ − θ_T; …; θ_{T−1} − θ_T]       (T×n; rows centred at the final point)
/// M = U·Σ·Vᵀ                                       (thin SVD)
/// directions  d₁, d₂ = first two columns of V      (unit, orthogonal)
/// coordinates (αₜ, βₜ) = ((θₜ − θ_T)ᵀd₁, (θₜ − θ_T)ᵀd₂)   for every t (the final point at 0)
/// explained variance ratio  σₖ² / Σⱼ σⱼ²
/// ```
///
/// The SVD comes from the small Gram matrix M·Mᵀ = U·Σ²·Uᵀ (LAPACK `dsyevd`, T×T) and
/// vₖ = Mᵀuₖ/σₖ: cheap when the trajectory has fewer points than parameters, as usual
/// (keep T to a few thousand, say every k-th step). With `subtractMean` the rows are centred
/// at their mean instead of at θ_T before the SVD (what scikit-learn's `PCA`, used in Li et
/// al.'s code, does); the coordinates are still measured from θ_T so that the final point sits
/// at the origin of the slice. Each direction is signed so that its largest-magnitude component
/// is positive.
///
/// ## References
/// - H. Li, Z. Xu, G. Taylor, C. Studer and T. Goldstein, *Visualizing the loss landscape of
///   neural nets*, NeurIPS 2018, §7 ("Visualizing optimization paths").
public struct TrajectoryProjection: Codable, Equatable, Sendable {
  /// d₁ and d₂ (fewer when the trajectory spans fewer dimensions).
  public var directions: [[Double]]
  /// (αₜ, βₜ) for each point of the trajectory, the final one included.
  public var coordinates: [[Double]]
  /// σₖ²/Σσⱼ² for each direction.
  public var explainedVarianceRatio: [Double]
  /// σₖ for each direction.
  public var singularValues: [Double]

  /// Projects `trajectory` (at least two points of equal length).
  /// - Throws: ``LinearAlgebraError`` when LAPACK fails.
  public init(
    _ trajectory: [[Double]], components: Int = 2, subtractMean: Bool = false
  ) throws(LinearAlgebraError) {
    precondition(trajectory.count >= 2, "TrajectoryProjection: \(trajectory.count) points; ≥ 2")
    precondition(components >= 1, "TrajectoryProjection: components = \(components)")
    let final = trajectory[trajectory.count - 1]
    let n = final.count
    precondition(
      trajectory.allSatisfy { $0.count == n }, "TrajectoryProjection: points of unequal length")
    var rows = trajectory.dropLast().map { p in zip(p, final).map { $0 - $1 } }
    if subtractMean {
      var mean = [Double](repeating: 0, count: n)
      for row in rows { for i in 0..<n { mean[i] += row[i] / Double(rows.count) } }
      rows = rows.map { r in zip(r, mean).map { $0 - $1 } }
    }
    let t = rows.count
    let flat = rows.flatMap { $0 }
    let m = Tensor(uncheckedShape: [t, n], storage: flat)
    let gram = try! Tensor.matmul(m, m, transposeB: true)
    let eigen = try SymmetricEigendecomposition(gram)
    let total = eigen.eigenvalues.reduce(0) { $0 + Swift.max($1, 0) }
    var directions: [[Double]] = []
    var ratios: [Double] = []
    var singular: [Double] = []
    for k in (0..<t).reversed().prefix(components) {
      let sigmaSquared = eigen.eigenvalues[k]
      // A variance at rounding level of the Gram matrix's eigenvalues (about ε·‖MMᵀ‖) is no
      // direction of the trajectory (and its vector would be noise).
      guard sigmaSquared > 1e-12 * total, total > 0 else { break }
      let sigma = sigmaSquared.squareRoot()
      let u = eigen.eigenvectors[k]
      var v = [Double](repeating: 0, count: n)
      for r in 0..<t where u[r] != 0 {
        let row = rows[r]
        let weight = u[r] / sigma
        for i in 0..<n { v[i] += weight * row[i] }
      }
      var largest = 0
      for i in 0..<n where Swift.abs(v[i]) > Swift.abs(v[largest]) { largest = i }
      if v[largest] < 0 { v = v.map { -$0 } }
      directions.append(v)
      ratios.append(sigmaSquared / total)
      singular.append(sigma)
    }
    self.directions = directions
    self.explainedVarianceRatio = ratios
    self.singularValues = singular
    self.coordinates = trajectory.map { p in
      let d = zip(p, final).map { $0 - $1 }
      return directions.map { Lanczos.dot(d, $0) }
    }
  }
}
