import DescentReports

// Chapters whose machinery is being built elsewhere: each says what it will show and what
// it waits for. To fill one in, replace its `make` with runs and figures (see TourSaddle).

extension TourChapter {
  /// Small against large minibatches on a small network.
  static let batchSize = TourChapter(title: "Small against large batches") { _ in
    .pending(
      title: "Small against large batches",
      reason:
        "Minibatch training of small networks is not in the library on this branch yet. This "
        + "chapter will train one network with a small and a large batch and draw the noisy "
        + "and the smooth loss curves, per step and per example seen.")
  }

  /// The minimum ratio of near-critical points against their loss.
  static let minimumRatio = TourChapter(title: "The minimum ratio") { _ in
    .pending(
      title: "The minimum ratio",
      reason:
        "The minimum-ratio experiment (many small networks trained to near-critical points, "
        + "the fraction of positive Hessian eigenvalues against the loss) is not in the library "
        + "on this branch yet. Its figure will be a scatter plot of minimum ratio against loss.")
  }
}
