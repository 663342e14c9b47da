import Descent
import DescentReports

extension TourChapter {
  /// Warm-up and decay: the same Adam run on the Rosenbrock valley under four schedules.
  static let schedules = TourChapter(title: "Warm-up and decay") { log in
    let formula = try Formula("(1-x)^2 + 100*(y-x^2)^2")
    let start = [-1.2, 1.0]
    let steps = 400
    let peak = 0.05
    let adam = try Adam(learningRate: peak)
    var runs: [(String, MinimizeResult)] = []
    let constant = try TourRun.minimize(
      formula, from: start, method: FirstOrderMethod(adam), iterations: steps)
    runs.append(("constant \(peak)", constant))
    let warmup = try TourRun.minimize(
      formula, from: start,
      method: FirstOrderMethod(
        adam, schedule: LinearWarmup(learningRate: peak, startFactor: 0.05, totalIters: 50)),
      iterations: steps)
    runs.append(("linear warm-up over 50 steps", warmup))
    let cosine = try TourRun.minimize(
      formula, from: start,
      method: FirstOrderMethod(
        adam,
        schedule: WarmupCosineDecay(
          initialValue: peak / 20, peakValue: peak, warmupSteps: 50, decaySteps: steps,
          endValue: peak / 100)),
      iterations: steps)
    runs.append(("warm-up 50, cosine decay", cosine))
    let exponential = try TourRun.minimize(
      formula, from: start,
      method: FirstOrderMethod(adam, schedule: ExponentialDecay(learningRate: peak, gamma: 0.99)),
      iterations: steps)
    runs.append(("exponential decay γ 0.99", exponential))
    for (name, run) in runs { log.record("adam, " + name, run) }
    let rates = LinePlot(
      title: "Learning rate per step, as the runs used it",
      series: runs.map { name, run in
        LinePlot.Series(
          name: name, xs: run.trace.dropFirst().map { Double($0.step) },
          ys: run.trace.dropFirst().map { $0.lr ?? .nan })
      }, xLabel: "step (iterations)", yLabel: "learning rate")
    let curves = TourRun.lossCurves("Adam on the Rosenbrock valley under four schedules", runs)
    func loss(_ r: MinimizeResult) -> String { TourFormat.number(r.value) }
    return HTMLReport.Chapter(
      title: "Warm-up and decay",
      paragraphs: [
        "A schedule is a function of the step that sets the learning rate. Warm-up starts "
          + "small and ramps up, so that the first steps — taken while Adam's moment "
          + "estimates are still noisy — stay short; decay lowers the rate later so that the "
          + "iterates settle instead of rattling around the minimum.",
        "Adam (peak lr \(peak)) on the Rosenbrock function from (−1.2, 1), \(steps) steps: final "
          + "loss \(loss(constant)) with a constant rate, \(loss(warmup)) with warm-up, "
          + "\(loss(cosine)) with warm-up and cosine decay, \(loss(exponential)) with "
          + "exponential decay.",
      ],
      items: [
        .init(
          rates,
          caption:
            "The learning rate of each step as recorded in the runs' traces (not recomputed): "
            + "constant; a linear warm-up from 5 % to 100 % over 50 steps; warm-up followed by a "
            + "cosine decay to 1 % of the peak; and exponential decay by 1 % per step."),
        .init(
          curves,
          caption:
            "Loss against step (log scale) for the four schedules on the Rosenbrock valley. "
            + "Warm-up delays the first descent; decay trades speed late in the run for a "
            + "steadier approach to the minimum at (1, 1)."),
      ])
  }
}
