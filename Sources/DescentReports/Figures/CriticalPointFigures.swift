import Descent

/// The pictures of a critical-point analysis (`descent analyze --plot`): for two variables
/// the contours around the point with the escape direction, the Hessian's eigenvalues, and
/// the slice along the eigenvector of the lowest eigenvalue beside its second-order model.
///
/// ```
/// slice:  s ↦ f(p + s·u),  model  f(p) + s·gᵀu + ½λ s²     (u the unit eigenvector of λ = λmin)
/// ```
public enum CriticalPointFigures {
  /// Captioned figures for `analysis` of `objective`, whose variables are named `variables`;
  /// `radius` is the half-width of the contour window and of the slice.
  public static func make(
    objective: some Objective, analysis: CriticalPointAnalysis, variables: [String],
    radius: Double = 2
  ) -> [HTMLReport.Item] {
    precondition(radius > 0 && radius.isFinite, "radius \(radius) must be positive and finite")
    let p = analysis.point
    var items: [HTMLReport.Item] = []
    let kind = analysis.kind.rawValue
    if p.count == 2 {
      let grid = ContourPlot.grid(
        x: (p[0] - radius)...(p[0] + radius), y: (p[1] - radius)...(p[1] + radius)
      ) { try objective.value(at: $0) }
      var trajectories: [Trajectory] = []
      if let u = analysis.escapeDirection {
        let reach = radius / 2
        trajectories.append(
          Trajectory(
            name: "escape direction", points: [p, [p[0] + reach * u[0], p[1] + reach * u[1]]]))
      }
      let plot = ContourPlot(
        title: "f around the point", xs: grid.xs, ys: grid.ys, values: grid.values,
        trajectories: trajectories, marks: [(kind, p[0], p[1])], xLabel: variables[0],
        yLabel: variables[1])
      items.append(
        .init(
          plot,
          caption:
            "Contours of f in a window of ±\(radius) around the point (cross), which the "
            + "second-order test calls a \(kind)"
            + (trajectories.isEmpty
              ? "." : "; the line leaves it along the eigenvector of the negative eigenvalue.")))
    }
    items.append(
      .init(
        SpectrumPlot(title: "Hessian eigenvalues at the point", eigenvalues: analysis.eigenvalues),
        caption:
          "The eigenvalues of the Hessian at the point: all positive is a minimum, all negative "
          + "a maximum, both signs a saddle point. Here: \(kind)."))
    if let lowest = analysis.eigenvalues.first, lowest.isFinite,
      let u = analysis.eigenvectors.first
    {
      let offsets = (0...120).map { -radius + 2 * radius * Double($0) / 120 }
      let values = offsets.map { s in
        (try? objective.value(at: zip(p, u).map { $0 + s * $1 })) ?? .nan
      }
      let slope = zip(analysis.gradient, u).reduce(0) { $0 + $1.0 * $1.1 }
      items.append(
        .init(
          TaylorSlicePlot(
            title: "Along the eigenvector of the lowest eigenvalue", offsets: offsets,
            values: values, value: analysis.value, slope: slope, curvature: lowest,
            xLabel:
              "s, distance along the eigenvector of λ = \(Ticks.label(lowest, spacing: 0.001))",
            yLabel: "f"),
          caption:
            "f along the eigenvector of the lowest eigenvalue (solid) beside the second-order "
            + "model f(p) + s·gᵀu + ½λs² (dashed): where they agree, the Hessian describes the "
            + "surface; a model opening downwards is a way down."))
    }
    return items
  }
}
