import Descent
import DescentReports

extension TourChapter {
  /// Warm-up and decay: gradient descent on a bowl that is steep far out and gentle near
  /// its minimum, with a constant rate, a warm-up, and a warm-up with cosine decay.
  static let schedules = TourChapter(title: "Warm-up and decay") { log in
    // Curvature grows with the distance from the minimum: λmax ≈ 3r² + 4 far out, 4 at 0.
    let formula = try Formula("0.25*(x^2 + y^2)^2 + 0.5*(x^2 + 4*y^2)")
    let start = [3.0, 2.0]
    let steps = 100
    let peak = 0.4
    let rule = try GradientDescent(learningRate: peak)
    var runs: [(String, MinimizeResult)] = []
    runs.append(
      (
        "constant \(peak)",
        try TourRun.minimize(
          formula, from: start, method: FirstOrderMethod(rule), iterations: steps)
      ))
    runs.append(
      (
        "constant 0.02",
        try TourRun.minimize(
          formula, from: start, method: FirstOrderMethod(GradientDescent(learningRate: 0.02)),
          iterations: steps)
      ))
    runs.append(
      (
        "warm-up 0.02 → \(peak) over 30 steps",
        try TourRun.minimize(
          formula, from: start,
          method: FirstOrderMethod(
            rule, schedule: LinearWarmup(learningRate: peak, startFactor: 0.05, totalIters: 30)),
          iterations: steps)
      ))
    runs.append(
      (
        "warm-up 30, cosine decay",
        try TourRun.minimize(
          formula, from: start,
          method: FirstOrderMethod(
            rule,
            schedule: WarmupCosineDecay(
              initialValue: 0.02, peakValue: peak, warmupSteps: 30, decaySteps: steps,
              endValue: 0.004)),
          iterations: steps)
      ))
    for (name, run) in runs { log.record("gd, " + name, run) }
    let rates = LinePlot(
      title: "Learning rate per step, as the runs used it",
      series: runs.map { name, run in
        LinePlot.Series(
          name: name, xs: run.trace.dropFirst().map { Double($0.step) },
          ys: run.trace.dropFirst().map { $0.lr ?? .nan })
      }, xLabel: "step (iterations)", yLabel: "learning rate")
    let curves = TourRun.lossCurves("Loss per step under four schedules", runs)
    let diverged = runs[0].1
    func loss(_ r: MinimizeResult) -> String { TourFormat.number(r.value) }
    return HTMLReport.Chapter(
      title: "Warm-up and decay",
      paragraphs: [
        "A schedule sets the learning rate as a function of the step. On f(x, y) = ¼(x² + y²)² "
          + "+ ½(x² + 4y²) the curvature is about 3r² + 4 at distance r from the minimum: "
          + "λmax ≈ 60 at the start (3, 2), where a stable rate is below 2/60 ≈ 0.03, but only "
          + "4 at the minimum, where anything below 0.5 works.",
        "Gradient descent with a constant rate of \(peak) stops after \(diverged.iterations) "
          + "steps (\(diverged.stopReason.rawValue)): its first step overshoots into ever "
          + "steeper ground. A constant 0.02 is safe but slow (loss \(loss(runs[1].1)) after "
          + "\(steps) steps). A linear warm-up from 0.02 to \(peak) takes small steps while the "
          + "ground is steep and large ones near the minimum: loss \(loss(runs[2].1)); with a "
          + "cosine decay after the warm-up, \(loss(runs[3].1)).",
      ],
      items: [
        .init(
          rates,
          caption:
            "The learning rate of each step as recorded in the runs' traces (not recomputed): "
            + "constant \(peak) (its line ends where the run diverged), constant 0.02, a linear "
            + "warm-up from 5 % to 100 % of \(peak) over 30 steps, and the same warm-up followed "
            + "by a cosine decay to 1 % of the peak."),
        .init(
          curves,
          caption:
            "Loss against step (log scale). Too large a constant rate blows up at once, where "
            + "the surface is steepest; a small constant rate crawls; the warm-up survives the "
            + "steep start and then converges fast with the large rate. The decay lowers the "
            + "rate again near the end, which matters when gradients are noisy (minibatches) "
            + "and costs a little speed here, where they are exact."),
      ])
  }
}
