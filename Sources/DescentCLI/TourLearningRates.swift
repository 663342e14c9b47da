import Descent
import DescentReports

extension TourChapter {
  /// Learning rates too small, good, near and beyond the 2/λmax bound, and the optimal step
  /// gᵀg/gᵀHg of the quadratic model.
  static let learningRates = TourChapter(title: "Learning rates and the 2/λmax bound") { log in
    let formula = try Formula("0.5*(x^2 + 10*y^2)")
    let start = [1.0, 1.0]
    let steps = 60
    var runs: [(String, MinimizeResult)] = []
    for (rate, name) in [
      (0.01, "lr 0.01: too small"), (0.1, "lr 0.1 = 1/λmax"), (0.19, "lr 0.19: just under 2/λmax"),
      (0.21, "lr 0.21: above 2/λmax"),
    ] {
      let run = try TourRun.minimize(
        formula, from: start, method: FirstOrderMethod(GradientDescent(learningRate: rate)),
        iterations: steps)
      log.record("gd lr \(rate)", run)
      runs.append((name, run))
    }
    let optimal = try TourRun.minimize(
      formula, from: start, method: QuadraticModelStep(), iterations: steps)
    log.record("optimal step gᵀg/gᵀHg", optimal)
    runs.append(("optimal step gᵀg/gᵀHg", optimal))
    let curves = LinePlot(
      title: "Loss per step for five step sizes on ½(x² + 10·y²)",
      series: runs.map { LinePlot.Series(name: $0.0, values: $0.1.trace.map(\.value)) },
      xLabel: "step (iterations)", yLabel: "loss f (log scale)", logY: true)

    let paths = TourRun.contour(
      "Paths for four step sizes on ½(x² + 10·y²)", formula, x: -1.5...1.5, y: -1.5...1.5,
      runs: [runs[0], runs[2], runs[3], runs[4]].map { name, run in
        // The first 15 steps: enough to see each pattern without burying the picture.
        var shown = run
        shown.trace = Array(run.trace.prefix(16))
        return (name, shown)
      }, marks: [("minimum (0, 0)", 0, 0)])

    // A sweep: the loss after a fixed number of steps against the learning rate.
    let rates = (1...30).map { 0.25 * Double($0) / 30 }
    var finals: [Double] = []
    for rate in rates {
      let run = try TourRun.minimize(
        formula, from: start, method: FirstOrderMethod(GradientDescent(learningRate: rate)),
        iterations: 30)
      finals.append(run.value)
    }
    log.progress("swept \(rates.count) learning rates, 30 steps each")
    let sweep = ScatterPlot(
      title: "Loss after 30 steps against the learning rate",
      groups: [.init(name: "gradient descent", xs: rates, ys: finals)],
      xLabel: "learning rate", yLabel: "loss after 30 steps (log scale)", logY: true,
      verticalLines: [("1/λmax", 0.1), ("2/λmax", 0.2)])
    let rate = optimal.trace.count > 1 ? optimal.trace[1].lr : nil
    return HTMLReport.Chapter(
      title: "Learning rates and the 2/λmax bound",
      paragraphs: [
        "On f(x, y) = ½(x² + 10·y²) the Hessian has eigenvalues 1 and λmax = 10. Gradient "
          + "descent multiplies the error along each eigenvector by (1 − lr·λ) per step, so it "
          + "converges exactly when lr < 2/λmax = 0.2.",
        "The optimal step for the local quadratic model, ε = gᵀg/gᵀHg, needs one "
          + "Hessian-vector product per step and no tuning"
          + (rate.map { "; its first step here was \(TourFormat.number($0))." } ?? "."),
      ],
      items: [
        .init(
          curves,
          caption:
            "Loss against step (log scale) for gradient descent with four fixed learning rates "
            + "and with the optimal step of the quadratic model. Too small a rate (0.01) "
            + "crawls; 1/λmax removes the steep direction in one step and then converges at the "
            + "rate of the flat one; just under 2/λmax the steep direction oscillates with "
            + "slowly shrinking amplitude; above 2/λmax the oscillation grows and the loss "
            + "rises without bound. The optimal step gᵀg/gᵀHg adapts to the local curvature."),
        .init(
          paths,
          caption:
            "The first 15 steps of four of those runs on the contours. Too small a rate (blue) "
            + "barely leaves the start; just under 2/λmax (orange) the steep y direction flips "
            + "sign every step and the path zig-zags inwards; above 2/λmax (green) each flip "
            + "overshoots further and the path leaves the picture, clipped at its edge; the "
            + "optimal step (amber) reaches the minimum in a few short zig-zags."),
        .init(
          sweep,
          caption:
            "The loss after 30 steps for 30 learning rates between 0.008 and 0.25. The "
            + "dotted lines are 1/λmax and 2/λmax: the loss is lowest in between, and beyond "
            + "2/λmax = 0.2 it is larger than at the start — the run diverges."),
      ])
  }
}
