import Descent

/// The path of one run through a plane: the first two coordinates of each iterate, with the
/// objective value, as drawn on contour plots and animations.
///
/// ```
/// pointₖ = (xₖ[0], xₖ[1]),   valueₖ = f(xₖ)
/// ```
///
/// A point with a non-finite coordinate breaks the drawn line (a gap); one outside the plot
/// is clipped at the plot's edge.
public struct Trajectory: Sendable, Equatable {
  /// The legend name (the method and its settings).
  public var name: String
  /// The iterates' (x, y), in order; entry 0 the start.
  public var points: [[Double]]
  /// The objective value at each point (NaN where unknown).
  public var values: [Double]

  /// A trajectory from explicit points (each with at least two coordinates).
  public init(name: String, points: [[Double]], values: [Double]? = nil) {
    precondition(
      points.allSatisfy { $0.count >= 2 }, "trajectory '\(name)' has a point with < 2 coordinates")
    precondition(
      values == nil || values!.count == points.count,
      "trajectory '\(name)': \(values!.count) values for \(points.count) points")
    self.name = name
    self.points = points.map { Array($0.prefix(2)) }
    self.values = values ?? Array(repeating: .nan, count: points.count)
  }

  /// The trajectory of a run's trace (`MinimizeResult.trace`), first two coordinates.
  public init(name: String, trace: [TraceEntry]) {
    self.init(name: name, points: trace.map(\.x), values: trace.map(\.value))
  }

  /// Projects the run's points onto the plane through `origin` spanned by `first` and
  /// `second`: coordinates (⟨x − origin, first⟩, ⟨x − origin, second⟩) (for slices of
  /// higher-dimensional landscapes; the directions should be orthonormal).
  public init(
    name: String, trace: [TraceEntry], origin: [Double], first: [Double], second: [Double]
  ) {
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    let points = trace.map { entry -> [Double] in
      let shifted = zip(entry.x, origin).map { $0 - $1 }
      return [dot(shifted, first), dot(shifted, second)]
    }
    self.init(name: name, points: points, values: trace.map(\.value))
  }

  /// Whether every coordinate of point `k` is finite.
  public func isFinite(_ k: Int) -> Bool { points[k].allSatisfy(\.isFinite) }
}
