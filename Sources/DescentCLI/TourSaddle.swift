import Descent
import DescentReports

extension TourChapter {
  /// The two-weight network (1 − w1·w2)²: gradient descent slides into the saddle at the
  /// origin and stalls; the Hessian there has eigenvalues ±2; a step along the eigenvector of
  /// −2 escapes, and gradient descent then reaches a minimum on w1·w2 = 1.
  static let saddle = TourChapter(title: "The saddle of the two-weight network") { log in
    let formula = try Formula("(1 - w1*w2)^2")
    let objective = formula.objective
    let rate = 0.1
    // On the line w1 = −w2 the gradient points at the origin: the saddle attracts the run.
    let stall = try TourRun.minimize(
      formula, from: [0.9, -0.9], method: FirstOrderMethod(GradientDescent(learningRate: rate)),
      iterations: 300)
    log.record("gd from (0.9, −0.9)", stall)
    let analysis = try CriticalPointAnalysis(of: objective, at: stall.x)
    let direction = analysis.escapeDirection ?? [1 / 2.0.squareRoot(), 1 / 2.0.squareRoot()]
    let escapeStart = zip(stall.x, direction).map { $0 + 0.5 * $1 }
    let escape = try TourRun.minimize(
      formula, from: escapeStart, method: FirstOrderMethod(GradientDescent(learningRate: rate)),
      iterations: 300)
    log.record("gd after a step of 0.5 along the escape direction", escape)
    let origin = try TourRun.minimize(
      formula, from: [0, 0], method: FirstOrderMethod(GradientDescent(learningRate: rate)),
      iterations: 300)
    log.record("gd from the origin", origin)
    log.progress(
      "stalled at (\(TourFormat.number(stall.x[0])), \(TourFormat.number(stall.x[1]))), "
        + "\(analysis.kind.rawValue), eigenvalues "
        + analysis.eigenvalues.map(TourFormat.number).joined(separator: ", "))

    let runs = [("gd, lr 0.1, from (0.9, −0.9)", stall), ("gd after the escape step", escape)]
    let contour = TourRun.contour(
      "Gradient descent on (1 − w1·w2)²", formula, x: -1.6...1.6, y: -1.6...1.6, runs: runs,
      marks: [("saddle (0, 0)", 0, 0), ("minimum (1, 1)", 1, 1), ("minimum (−1, −1)", -1, -1)])
    let curves = TourRun.lossCurves("Loss per step: the stall and the escape", runs)
    let spectrum = SpectrumPlot(
      title: "Hessian eigenvalues where gradient descent stalled", eigenvalues: analysis.eigenvalues
    )
    let offsets = (0...120).map { -2 + 4 * Double($0) / 120 }
    let slice = try offsets.map { s in
      try objective.value(at: zip(analysis.point, direction).map { $0 + s * $1 })
    }
    let hd = try objective.hessianVectorProduct(at: analysis.point, along: direction)
    let taylor = TaylorSlicePlot(
      title: "Along the escape direction: the loss and its second-order model",
      offsets: offsets, values: slice, value: analysis.value,
      slope: zip(analysis.gradient, direction).reduce(0) { $0 + $1.0 * $1.1 },
      curvature: zip(hd, direction).reduce(0) { $0 + $1.0 * $1.1 },
      xLabel: "s, distance from the saddle along the eigenvector of λ = −2", yLabel: "loss")
    let eigen = analysis.eigenvalues.map(TourFormat.number).joined(separator: " and ")
    return HTMLReport.Chapter(
      title: "The saddle of the two-weight network",
      paragraphs: [
        "The lecture's network has two weights and one training example: L(w1, w2) = (1 − w1·w2)². "
          + "Every point of the hyperbola w1·w2 = 1 is a minimum with loss 0; the origin is a "
          + "critical point with loss 1.",
        "Gradient descent (lr \(rate)) started at (0.9, −0.9) ran \(stall.iterations) steps and "
          + "stopped (\(stall.stopReason.rawValue)) at (\(TourFormat.number(stall.x[0])), "
          + "\(TourFormat.number(stall.x[1]))) with loss \(TourFormat.number(stall.value)). "
          + "Started exactly at the origin it does not move at all (\(origin.iterations) steps): "
          + "the gradient there is zero.",
        "The Hessian at the stall point has eigenvalues \(eigen): the analysis says "
          + "\(analysis.kind.rawValue). A step of 0.5 along the eigenvector of the negative "
          + "eigenvalue leaves the saddle, and gradient descent then reaches loss "
          + "\(TourFormat.number(escape.value)) in \(escape.iterations) steps.",
      ],
      items: [
        .init(
          contour,
          caption:
            "The loss surface of the two-weight network, (1 − w1·w2)², as filled contours "
            + "(darker is higher; levels spaced logarithmically above 0 because the loss spans "
            + "decades). The blue run starts on the line w1 = −w2, where the gradient points "
            + "straight at the origin: gradient descent slides into the saddle and stalls there. "
            + "The orange run starts half a unit along the escape direction and rolls down to "
            + "the minimum on the hyperbola w1·w2 = 1."),
        .init(
          curves,
          caption:
            "Loss against step (log scale). Stalling at a saddle looks like convergence: the "
            + "blue loss flattens at 1, the value at the saddle, with a vanishing gradient. "
            + "After the escape step the orange loss falls by many orders of magnitude."),
        .init(
          spectrum,
          caption:
            "The Hessian's eigenvalues at the point where gradient descent stalled: \(eigen). "
            + "One negative and one positive eigenvalue is the signature of a saddle point — "
            + "downhill along one eigenvector, uphill along the other — and the "
            + "second-order test says so although the gradient alone cannot."),
        .init(
          taylor,
          caption:
            "A one-dimensional slice of the loss through the saddle along the eigenvector of "
            + "the negative eigenvalue (solid), beside the second-order Taylor model "
            + "L(θ′) + (θ−θ′)ᵀg + ½(θ−θ′)ᵀH(θ−θ′) (dashed). With g = 0 the model is "
            + "1 + ½λs² with λ = −2: a parabola opening downwards, so a step along this "
            + "direction lowers the loss; the true slice agrees near s = 0 and turns up at the "
            + "minima."),
      ])
  }
}
