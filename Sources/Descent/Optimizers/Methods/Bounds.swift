/// Box constraints lᵢ ≤ xᵢ ≤ uᵢ on every coordinate, for ``LBFGSB``.
///
/// A bound may be infinite (−∞ for no lower bound, +∞ for no upper bound); lᵢ = uᵢ fixes a
/// coordinate. The feasible set is the box
///
/// ```
/// Ω = { x : lᵢ ≤ xᵢ ≤ uᵢ for every i }
/// P(x)ᵢ = min(max(xᵢ, lᵢ), uᵢ)          (the projection onto Ω)
/// ```
///
/// Bounds are user input (`--lower`, `--upper`), so the initialiser validates them and throws
/// a ``BoundsError`` naming the coordinate, as SciPy's `Bounds` and `minimize` refuse
/// lᵢ > uᵢ; NaN is refused too.
///
/// ## References
/// - R. H. Byrd, P. Lu, J. Nocedal and C. Zhu, "A limited memory algorithm for bound
///   constrained optimization", SIAM J. Sci. Comput. 16(5), 1995, §2.
public struct Bounds: Codable, Equatable, Sendable {
  /// lᵢ, −∞ where a coordinate has no lower bound.
  public let lower: [Double]
  /// uᵢ, +∞ where a coordinate has no upper bound.
  public let upper: [Double]

  /// The box [lower, upper].
  ///
  /// - Throws: ``BoundsError`` when the counts differ, a bound is NaN, lᵢ = +∞, uᵢ = −∞, or
  ///   lᵢ > uᵢ; the error names the first such coordinate.
  public init(lower: [Double], upper: [Double]) throws(BoundsError) {
    guard lower.count == upper.count else {
      throw .countMismatch(lower: lower.count, upper: upper.count)
    }
    for i in lower.indices {
      if lower[i].isNaN || lower[i] == .infinity {
        throw .invalidLower(coordinate: i, value: lower[i])
      }
      if upper[i].isNaN || upper[i] == -.infinity {
        throw .invalidUpper(coordinate: i, value: upper[i])
      }
      if lower[i] > upper[i] {
        throw .lowerAboveUpper(coordinate: i, lower: lower[i], upper: upper[i])
      }
    }
    self.lower = lower
    self.upper = upper
  }

  /// No bounds on `dimension` coordinates: (−∞, +∞) everywhere.
  public static func unbounded(dimension: Int) -> Bounds {
    precondition(dimension >= 0, "Bounds: dimension = \(dimension) must be ≥ 0")
    // Infinite bounds are always valid.
    return try! Bounds(
      lower: Array(repeating: -.infinity, count: dimension),
      upper: Array(repeating: .infinity, count: dimension))
  }

  /// The same interval [lower, upper] on each of `dimension` coordinates (a single
  /// `--lower 0 --upper 1` for every variable).
  public static func uniform(lower: Double, upper: Double, dimension: Int) throws(BoundsError)
    -> Bounds
  {
    try Bounds(
      lower: Array(repeating: lower, count: dimension),
      upper: Array(repeating: upper, count: dimension))
  }

  /// The number of coordinates bounded.
  public var dimension: Int { lower.count }

  /// Throws ``BoundsError/dimensionMismatch(bounds:variables:)`` unless the box has
  /// `variables` coordinates.
  public func validate(dimension variables: Int) throws(BoundsError) {
    guard dimension == variables else {
      throw .dimensionMismatch(bounds: dimension, variables: variables)
    }
  }

  /// P(x): each coordinate clipped to [lᵢ, uᵢ].
  public func projected(_ x: [Double]) -> [Double] {
    precondition(x.count == dimension, "Bounds: \(x.count) coordinates for a \(dimension)-box")
    var p = x
    for i in p.indices { p[i] = min(max(p[i], lower[i]), upper[i]) }
    return p
  }

  /// Whether lᵢ ≤ xᵢ ≤ uᵢ for every i.
  public func contains(_ x: [Double]) -> Bool {
    x.count == dimension && x.indices.allSatisfy { lower[$0] <= x[$0] && x[$0] <= upper[$0] }
  }

  /// ‖P(x − g) − x‖∞: zero exactly at a point satisfying the first-order (KKT) conditions of
  /// min f over the box (gᵢ = 0 at free coordinates, gᵢ ≥ 0 at a lower bound, gᵢ ≤ 0 at an
  /// upper bound). SciPy's `pgtol` compares this norm.
  public func projectedGradientNorm(at x: [Double], gradient g: [Double]) -> Double {
    var worst = 0.0
    for i in x.indices {
      let p = min(max(x[i] - g[i], lower[i]), upper[i])
      worst = max(worst, abs(p - x[i]))
    }
    return worst
  }

  /// The largest α ≤ `limit` with l ≤ x + α·d ≤ u, for a feasible x.
  func maxStep(from x: [Double], along d: [Double], limit: Double) -> Double {
    var step = limit
    for i in x.indices {
      if d[i] < 0, lower[i] > -.infinity {
        step = min(step, max(0, (lower[i] - x[i]) / d[i]))
      } else if d[i] > 0, upper[i] < .infinity {
        step = min(step, max(0, (upper[i] - x[i]) / d[i]))
      }
    }
    return step
  }
}

/// Bounds that cannot define a box, thrown by ``Bounds/init(lower:upper:)``. Coordinates are
/// numbered from 1 in messages, as a person counts the entries of `--lower 0,0,1`.
public enum BoundsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `--lower` and `--upper` list different numbers of values.
  case countMismatch(lower: Int, upper: Int)
  /// The box has a different number of coordinates than the objective has variables.
  case dimensionMismatch(bounds: Int, variables: Int)
  /// A lower bound is NaN or +∞ (index from 0).
  case invalidLower(coordinate: Int, value: Double)
  /// An upper bound is NaN or −∞ (index from 0).
  case invalidUpper(coordinate: Int, value: Double)
  /// lᵢ > uᵢ (index from 0).
  case lowerAboveUpper(coordinate: Int, lower: Double, upper: Double)

  public var description: String {
    switch self {
    case .countMismatch(let l, let u):
      "--lower has \(l) values but --upper has \(u): give one bound per variable in each"
    case .dimensionMismatch(let b, let n):
      "the bounds have \(b) coordinates but the objective has \(n) variables: "
        + "give \(n) values to --lower and --upper"
    case .invalidLower(let i, let v):
      "lower bound of coordinate \(i + 1) is \(v): expected a number or -inf"
    case .invalidUpper(let i, let v):
      "upper bound of coordinate \(i + 1) is \(v): expected a number or inf"
    case .lowerAboveUpper(let i, let l, let u):
      "coordinate \(i + 1) has lower bound \(l) above its upper bound \(u): expected lower ≤ upper"
    }
  }
}
