import Descent

/// A 2-D slice of a loss landscape in any number of dimensions, with runs projected onto it:
/// the picture of Li et al. for networks, usable for any objective.
///
/// ```
/// f̃(a, b) = f(origin + a·d₁ + b·d₂)          on the grid a, b ∈ [−range, range]
/// run point x ↦ (⟨x − origin, d₁⟩, ⟨x − origin, d₂⟩)   (d₁, d₂ orthonormalised first)
/// ```
///
/// The directions are orthonormalised (Gram–Schmidt) so that the projection is the
/// orthogonal one and distances on the plot are distances in parameter space. Points of a run
/// off the plane are drawn at their projection: the caption should say so. (Descent's
/// `LandscapeSlice` computes slices as data along directions as given, filter-normalised for
/// networks; this plot orthonormalises its two directions and draws points it cannot
/// evaluate as gaps. Named apart so a file importing both modules is unambiguous.)
///
/// ## References
/// H. Li, Z. Xu, G. Taylor, C. Studer and T. Goldstein, "Visualizing the loss landscape of
/// neural nets", *NeurIPS* 2018, §3 and §7.
public enum LandscapeSlicePlot {
  /// The slice as a contour plot with the runs projected.
  /// - Precondition: `origin`, `first` and `second` have `objective.dimension` entries and the
  ///   directions are linearly independent.
  public static func make(
    title: String, objective: some Objective, origin: [Double], first: [Double],
    second: [Double], range: Double, runs: [(name: String, trace: [TraceEntry])] = [],
    resolution: Int = 61
  ) -> ContourPlot {
    let n = objective.dimension
    precondition(
      origin.count == n && first.count == n && second.count == n,
      "slice vectors need \(n) entries (origin \(origin.count), directions \(first.count), \(second.count))"
    )
    precondition(range > 0 && range.isFinite, "slice range \(range) must be positive and finite")
    let (d1, d2) = orthonormalise(first, second)
    let grid = ContourPlot.grid(x: -range...range, y: -range...range, resolution: resolution) {
      ab in
      try objective.value(at: (0..<n).map { origin[$0] + ab[0] * d1[$0] + ab[1] * d2[$0] })
    }
    return ContourPlot(
      title: title, xs: grid.xs, ys: grid.ys, values: grid.values,
      trajectories: runs.map {
        Trajectory(name: $0.name, trace: $0.trace, origin: origin, first: d1, second: d2)
      }, marks: [("origin of the slice", 0, 0)], xLabel: "a, along direction 1",
      yLabel: "b, along direction 2")
  }

  /// Gram–Schmidt: d₁ = u/‖u‖, d₂ = (v − ⟨v, d₁⟩d₁)/‖…‖.
  static func orthonormalise(_ u: [Double], _ v: [Double]) -> ([Double], [Double]) {
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    let nu = dot(u, u).squareRoot()
    precondition(nu > 0 && nu.isFinite, "the first slice direction is zero or not finite")
    let d1 = u.map { $0 / nu }
    let projection = dot(v, d1)
    let w = zip(v, d1).map { $0 - projection * $1 }
    let nw = dot(w, w).squareRoot()
    precondition(
      nw > 1e-12 * dot(v, v).squareRoot() && nw.isFinite,
      "the slice directions are parallel: pick two independent directions")
    return (d1, w.map { $0 / nw })
  }
}
