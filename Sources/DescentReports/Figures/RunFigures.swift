import Descent

/// The pictures of one or more runs on the same objective (`descent run --plot`): loss per
/// step, learning rate per step when the runs have one, and for two variables the runs on
/// the contours of the objective.
public enum RunFigures {
  /// Captioned figures for `runs` (name, result) of `objective`, whose variables are named
  /// `variables`.
  public static func make(
    objective: some Objective, runs: [(name: String, result: MinimizeResult)],
    variables: [String]
  ) -> [HTMLReport.Item] {
    var items: [HTMLReport.Item] = []
    if variables.count == 2 {
      let points = runs.flatMap { $0.result.trace.map(\.x) }.filter { $0.allSatisfy(\.isFinite) }
      let x = Scale.domain(of: points.map { $0[0] }, kind: .linear, padding: 0.15)
      let y = Scale.domain(of: points.map { $0[1] }, kind: .linear, padding: 0.15)
      let grid = ContourPlot.grid(x: x.lower...x.upper, y: y.lower...y.upper) {
        try objective.value(at: $0)
      }
      items.append(
        .init(
          ContourPlot(
            title: "The runs on the contours of f", xs: grid.xs, ys: grid.ys,
            values: grid.values,
            trajectories: runs.map { Trajectory(name: $0.name, trace: $0.result.trace) },
            xLabel: variables[0], yLabel: variables[1]),
          caption:
            "Contours of f over the region the runs visited, with each run's iterates from its "
            + "start (circle) to its last finite point (square)."))
    }
    let positive = runs.allSatisfy { $0.result.trace.allSatisfy { $0.value > 0 } }
    items.append(
      .init(
        LinePlot(
          title: "Loss per step",
          series: runs.map { .init(name: $0.name, values: $0.result.trace.map(\.value)) },
          xLabel: "step (iterations)", yLabel: positive ? "f (log scale)" : "f", logY: positive),
        caption: "The objective at each iterate, step 0 the start."))
    if runs.contains(where: { $0.result.trace.contains { $0.lr != nil } }) {
      items.append(
        .init(
          LinePlot(
            title: "Learning rate per step",
            series: runs.map { run in
              LinePlot.Series(
                name: run.name, xs: run.result.trace.dropFirst().map { Double($0.step) },
                ys: run.result.trace.dropFirst().map { $0.lr ?? .nan })
            }, xLabel: "step (iterations)", yLabel: "learning rate"),
          caption: "The learning rate each step used, as recorded in the trace."))
    }
    return items
  }
}
