/// Slices of a loss landscape: f on a line or a plane through a parameter vector θ, as data
/// for pictures (Li et al. 2018).
///
/// ```
/// 1-D:  f(θ + α·d)                 for α in `alphas`
/// 2-D:  f(θ + α·d₁ + β·d₂)         for α in `alphas`, β in `betas`
/// ```
///
/// The directions are usually ``filterNormalizedRandomDirection(like:filters:using:)``, so
/// that plots of different networks (or of one network at different scales of its weights)
/// are comparable.
///
/// ## References
/// - H. Li, Z. Xu, G. Taylor, C. Studer and T. Goldstein, *Visualizing the loss landscape of
///   neural nets*, NeurIPS 2018, §3 (1-D and 2-D plots) and §4 (filter normalisation).
public struct LandscapeSlice: Codable, Equatable, Sendable {
  /// The coordinates α along the first direction.
  public var alphas: [Double]
  /// The coordinates β along the second direction; empty for a 1-D slice.
  public var betas: [Double]
  /// f at each grid point: `values[i][j]` = f(θ + αᵢ·d₁ + βⱼ·d₂); one column (j = 0) for a
  /// 1-D slice.
  public var values: [[Double]]

  /// f(θ + α·d) for each α: a 1-D slice (one objective evaluation per α).
  /// - Throws: whatever the objective throws.
  public init(
    of objective: any Objective, around center: [Double], along direction: [Double],
    alphas: [Double]
  ) throws {
    Self.check(center, direction, objective.dimension)
    self.alphas = alphas
    self.betas = []
    self.values = try alphas.map { alpha in
      [try objective.value(at: zip(center, direction).map { $0 + alpha * $1 })]
    }
  }

  /// f(θ + α·d₁ + β·d₂) on the grid `alphas` × `betas`: a 2-D slice.
  /// - Throws: whatever the objective throws.
  public init(
    of objective: any Objective, around center: [Double],
    along directions: (first: [Double], second: [Double]), alphas: [Double], betas: [Double]
  ) throws {
    Self.check(center, directions.first, objective.dimension)
    Self.check(center, directions.second, objective.dimension)
    self.alphas = alphas
    self.betas = betas
    let (d1, d2) = directions
    let n = center.count
    var point = center
    self.values = try alphas.map { alpha in
      try betas.map { beta in
        for i in 0..<n { point[i] = center[i] + alpha * d1[i] + beta * d2[i] }
        return try objective.value(at: point)
      }
    }
  }

  /// `count` equally spaced coordinates from −`radius` to `radius` (Li et al. use [−1, 1]).
  public static func grid(radius: Double = 1, count: Int = 51) -> [Double] {
    precondition(count >= 2 && radius > 0, "LandscapeSlice: radius = \(radius), count = \(count)")
    return (0..<count).map { -radius + 2 * radius * Double($0) / Double(count - 1) }
  }

  private static func check(_ center: [Double], _ direction: [Double], _ n: Int) {
    precondition(
      center.count == n && direction.count == n,
      "LandscapeSlice: center of \(center.count), direction of \(direction.count) entries "
        + "for n = \(n)")
  }
}
