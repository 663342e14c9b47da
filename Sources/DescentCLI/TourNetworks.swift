import Descent
import DescentReports
import Foundation

// The network chapters: minibatch noise and the minimum ratio, from real training runs.

extension TourChapter {
  /// Small against large minibatches on one network: the noisy and the smooth loss curves,
  /// the gradient noise, and the time per epoch.
  static let batchSize = TourChapter(title: "Small against large batches") { log in
    var generator = SeededGenerator(seed: 11)
    let all = try Dataset.digits()
    let (training, validation) = all.split(validationFraction: 0.25, using: &generator)
    let model = try MLP(widths: [64, 32, 10], activation: .tanh, loss: .crossEntropy)
    let batches = [8, 128]
    let epochs = 10
    let comparison = try BatchSizeComparison(
      model: model, training: training, validation: validation, batchSizes: batches,
      epochs: epochs, learningRate: 0.05, seed: 3)
    let runs = try comparison.run()
    for run in runs {
      let last = run.epochs.last!
      log.rows.append([
        log.chapter, "batch \(run.batchSize), \(epochs) epochs", "sgd", String(last.epoch),
        "—", TourFormat.number(last.trainingLoss), "epochs",
      ])
    }
    func series(_ key: KeyPath<BatchSizeEpoch, Double>, dashed: Bool = false, suffix: String = "")
      -> [LinePlot.Series]
    {
      runs.map { run in
        LinePlot.Series(
          name: "batch \(run.batchSize)\(suffix)", xs: run.epochs.map { Double($0.epoch) },
          ys: run.epochs.map { $0[keyPath: key] }, dashed: dashed)
      }
    }
    let losses = LinePlot(
      title: "Training (solid) and validation (dashed) loss per epoch",
      series: series(\.trainingLoss, suffix: ", training")
        + series(\.validationLoss, dashed: true, suffix: ", validation"),
      xLabel: "epoch", yLabel: "cross-entropy (log scale)", logY: true)
    let noise = LinePlot(
      title: "Gradient noise: mean ‖∇L_B − ∇L‖² over minibatches",
      series: series(\.gradientNoise), xLabel: "epoch", yLabel: "noise (log scale)", logY: true)
    let small = runs[0]
    let large = runs[1]
    let seconds = { (run: BatchSizeRun) in
      run.epochs.dropFirst().map(\.seconds).reduce(0, +) / Double(max(1, run.epochs.count - 1))
    }
    return HTMLReport.Chapter(
      title: "Small against large batches",
      paragraphs: [
        "The same network (64-32-10, tanh, \(model.parameterCount) parameters) trained on the "
          + "8×8 handwritten digits (\(training.count) for training, \(validation.count) held "
          + "out) by plain SGD with learning rate 0.05 for \(epochs) epochs, once with "
          + "batches of \(small.batchSize) and once with batches of \(large.batchSize), from the "
          + "same start. A small batch takes \(training.count / small.batchSize) noisy steps "
          + "per epoch, the large one \((training.count + large.batchSize - 1) / large.batchSize) "
          + "steps that are nearly exact: after \(epochs) epochs the "
          + "training loss is \(TourFormat.number(small.epochs.last!.trainingLoss)) against "
          + "\(TourFormat.number(large.epochs.last!.trainingLoss)). An epoch took "
          + "\(TourFormat.number(seconds(small) * 1000)) ms with small batches and "
          + "\(TourFormat.number(seconds(large) * 1000)) ms with the full batch."
      ],
      items: [
        .init(
          losses,
          caption:
            "Loss per epoch for both batch sizes, on the training set (solid) and on the "
            + "held-out quarter (dashed). Per epoch — the same number of examples seen — the "
            + "small batch makes many more updates and gets much further; its curve is the "
            + "one that keeps falling."),
        .init(
          noise,
          caption:
            "The gradient noise at the end of each epoch: the mean squared distance between a "
            + "minibatch gradient and the full gradient. It shrinks in proportion to 1/B, so "
            + "the large batch's steps are nearly exact — and, per epoch, nearly as slow as full "
            + "gradient descent."),
      ])
  }

  /// The minimum ratio of near-critical points of small networks against their loss.
  static let minimumRatio = TourChapter(title: "The minimum ratio") { log in
    // The data of `descent landscape --layers 2,3,1` (seed 0), so the two agree.
    var generator = SeededGenerator(seed: 3)
    let model = try MLP(widths: [2, 3, 1], activation: .tanh, loss: .mse)
    let data = try SyntheticData.teacher(
      widths: [2, 3, 1], activation: .tanh, samples: 64, noise: 0.1, using: &generator)
    let experiment = try MinimumRatioExperiment(model: model, data: data, networks: 12)
    let progress = log
    let report = try experiment.run { network in
      progress.progress(
        "network \(network.seed): loss \(TourFormat.number(network.value)), ratio "
          + (network.minimumRatio.map { TourFormat.number($0) } ?? "—"))
    }
    let included = report.networks.filter(\.included)
    log.rows.append([
      log.chapter, "\(report.networks.count) networks 2-3-1 to ‖∇L‖ ≤ 1e-6", "gd + lbfgs",
      "—", "—", "\(included.count) included", "\(report.excluded) excluded",
    ])
    let saddles = included.filter { ($0.minimumRatio ?? 1) < 1 }
    let minima = included.filter { ($0.minimumRatio ?? 0) >= 1 }
    // Excluded networks stopped with ‖∇L‖ above the threshold: near-critical, not critical.
    // Their ratio is drawn apart, labelled, so the figure hides nothing.
    let nearCritical = report.networks.filter { !$0.included && !$0.eigenvalues.isEmpty }
    let scatter = ScatterPlot(
      title: "Minimum ratio against training loss",
      groups: [
        .init(
          name: "critical, ratio < 1 (saddle or degenerate)", xs: saddles.map(\.value),
          ys: saddles.compactMap(\.minimumRatio)),
        .init(
          name: "critical, ratio = 1 (minimum)", xs: minima.map(\.value),
          ys: minima.compactMap(\.minimumRatio)),
        .init(
          name: "excluded: ‖∇L‖ > \(report.gradientThreshold) (not critical)",
          xs: nearCritical.map(\.value),
          ys: nearCritical.map {
            MinimumRatio.of(eigenvalues: $0.eigenvalues, tolerance: report.eigenvalueTolerance)
          }),
      ], xLabel: "training loss", yLabel: "minimum ratio")
    return HTMLReport.Chapter(
      title: "The minimum ratio",
      paragraphs: [
        "\(report.networks.count) networks 2-3-1 (tanh, \(model.parameterCount) parameters, "
          + "seeds 0–\(report.networks.count - 1)) on one teacher data set, each driven to a "
          + "near-critical point: gradient descent, then L-BFGS on ½‖∇L‖² and Newton steps on "
          + "∇L = 0 — which find critical points of every kind, not only minima. Fixed before "
          + "the run: ‖∇L‖₂ ≤ \(report.gradientThreshold) to count as critical, eigenvalues "
          + "above \(report.eigenvalueTolerance) count as positive. \(included.count) networks "
          + "reached a critical point (\(report.excluded) excluded, each with its reason in "
          + "descent landscape): \(saddles.count) with ratio < 1 (saddle points, or degenerate "
          + "points with eigenvalues within the tolerance of zero) and \(minima.count) minima. "
          + "descent landscape --layers 2,3,1 --networks \(report.networks.count) prints the same "
          + "networks, seed by seed."
      ],
      items: [
        .init(
          scatter,
          caption:
            "Each point is one network where its refinement stopped: the training loss there "
            + "and the share of the Hessian's eigenvalues that are positive. A "
            + "minimum has ratio 1; a critical point below 1 is a saddle (or degenerate), where "
            + "training can stall although a direction of negative curvature leads further "
            + "down. Networks whose gradient stayed above the threshold are drawn separately: "
            + "they are near-critical, not critical. The lecture's claim is that critical points "
            + "at high loss are mostly saddles and the ratio rises as the loss falls — the "
            + "figure shows what these small networks do, whatever that is.")
      ])
  }
}
