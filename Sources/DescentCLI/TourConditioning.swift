import Descent
import DescentReports

extension TourChapter {
  /// Gradient descent zig-zags on an ill-conditioned quadratic; momentum and Adam do not.
  static let conditioning = TourChapter(title: "Zig-zag on an ill-conditioned quadratic") {
    log in
    let kappa = 25.0
    let formula = try Formula("0.5*(x^2 + 25*y^2)")
    let start = [-4.5, 1.5]
    let steps = 80
    // lr just under 2/λmax = 0.08: the steep direction flips sign every step.
    let gd = try TourRun.minimize(
      formula, from: start, method: FirstOrderMethod(GradientDescent(learningRate: 0.075)),
      iterations: steps)
    log.record("gd lr 0.075", gd)
    // With lr·λ = 0.75 and 0.03 both directions contract by √0.7 per step (complex roots of
    // z² − (1 + β − lr·λ)z + β), so neither the steep nor the flat direction lags.
    let momentum = try TourRun.minimize(
      formula, from: start,
      method: FirstOrderMethod(try LectureMomentum(learningRate: 0.03, momentum: 0.7)),
      iterations: steps)
    log.record("momentum lr 0.03, 0.7", momentum)
    let adam = try TourRun.minimize(
      formula, from: start, method: FirstOrderMethod(try Adam(learningRate: 0.3)),
      iterations: steps)
    log.record("adam lr 0.3", adam)
    let runs = [
      ("gradient descent, lr 0.075", gd), ("momentum, lr 0.03, λ 0.7", momentum),
      ("Adam, lr 0.3", adam),
    ]
    let contour = TourRun.contour(
      "½(x² + 25·y²): condition number 25", formula, x: -5...5, y: -2...2, runs: runs,
      marks: [("minimum (0, 0)", 0, 0)])
    let curves = TourRun.lossCurves("Loss per step on the ill-conditioned quadratic", runs)
    let animation = TrajectoryAnimation(plot: contour)
    func summary(_ r: MinimizeResult) -> String { TourFormat.number(r.value) }
    return HTMLReport.Chapter(
      title: "Zig-zag on an ill-conditioned quadratic",
      paragraphs: [
        "f(x, y) = ½(x² + 25·y²) has Hessian eigenvalues 1 and 25: condition number κ = "
          + "\(Int(kappa)). Gradient descent is stable only for lr < 2/λmax = 0.08; just under "
          + "that bound the steep direction y overshoots and flips sign each step, while the "
          + "flat direction x shrinks by only 1 − lr·1 per step.",
        "After \(steps) steps the loss is \(summary(gd)) for gradient descent, "
          + "\(summary(momentum)) for momentum and \(summary(adam)) for Adam.",
      ],
      items: [
        .init(
          contour,
          caption:
            "Contours of an elongated bowl with three runs from (−4.5, 1.5). Gradient descent "
            + "(blue) zig-zags across the narrow valley: its rate is limited by the steep "
            + "direction, so it crawls along the flat one. Momentum (orange) averages the "
            + "alternating steep components away and builds speed along the valley. Adam "
            + "(green) rescales each coordinate by its own gradient size and heads almost "
            + "diagonally for the minimum."),
        .init(
          curves,
          caption:
            "Loss against step (log scale) for the same runs. Gradient descent falls at the rate "
            + "set by the flat direction, (1 − lr·λmin)² = 0.856 per step, because the steep one "
            + "caps the learning rate. With momentum λ = 0.7 and lr 0.03 both directions shrink "
            + "by √0.7 ≈ 0.84 per step, so the loss falls by 0.7 per step: orders of magnitude "
            + "further in the same number of steps."),
        .init(
          animation,
          caption:
            "The same three runs played step by step (one step every 0.15 s, looping): watch "
            + "gradient descent bounce between the valley walls while momentum and Adam "
            + "travel along the valley."),
      ])
  }
}
