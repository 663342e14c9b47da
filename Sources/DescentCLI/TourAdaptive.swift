import Descent
import DescentReports

extension TourChapter {
  /// AdaGrad, RMSProp and Adam against gradient descent on a surface with one steep and one
  /// flat direction.
  static let adaptive = TourChapter(title: "A steep and a flat direction: adaptive rates") {
    log in
    let formula = try Formula("5*x^2 + 0.005*y^2")
    let start = [1.2, 8.0]
    let steps = 150
    let gd = try TourRun.minimize(
      formula, from: start, method: FirstOrderMethod(GradientDescent(learningRate: 0.15)),
      iterations: steps)
    log.record("gd lr 0.15", gd)
    let adagrad = try TourRun.minimize(
      formula, from: start, method: FirstOrderMethod(try AdaGrad(learningRate: 0.8)),
      iterations: steps)
    log.record("adagrad lr 0.8", adagrad)
    let rmsprop = try TourRun.minimize(
      formula, from: start, method: FirstOrderMethod(try RMSProp(learningRate: 0.05)),
      iterations: steps)
    log.record("rmsprop lr 0.05", rmsprop)
    let adam = try TourRun.minimize(
      formula, from: start, method: FirstOrderMethod(try Adam(learningRate: 0.1)),
      iterations: steps)
    log.record("adam lr 0.1", adam)
    let runs = [
      ("gradient descent, lr 0.15", gd), ("AdaGrad, lr 0.8", adagrad),
      ("RMSProp, lr 0.05", rmsprop), ("Adam, lr 0.1", adam),
    ]
    let contour = TourRun.contour(
      "5·x² + 0.005·y²: curvatures 10 and 0.01", formula, x: -1.5...1.5, y: -2...10, runs: runs,
      marks: [("minimum (0, 0)", 0, 0)])
    let curves = TourRun.lossCurves("Loss per step: steep and flat directions", runs)
    func y(_ r: MinimizeResult) -> String { TourFormat.number(r.x[1]) }
    return HTMLReport.Chapter(
      title: "A steep and a flat direction: adaptive rates",
      paragraphs: [
        "f(x, y) = 5·x² + 0.005·y² curves a thousand times more steeply along x than along y. "
          + "One learning rate for both cannot suit both: gradient descent must keep lr below "
          + "2/10 for x, and then y moves by only 0.15 % of its value per step.",
        "AdaGrad, RMSProp and Adam divide each coordinate's step by a running size of its own "
          + "gradient, so the flat direction gets steps as large as the steep one. After "
          + "\(steps) steps y is \(y(gd)) for gradient descent, \(y(adagrad)) for AdaGrad, "
          + "\(y(rmsprop)) for RMSProp and \(y(adam)) for Adam (it started at 8).",
      ],
      items: [
        .init(
          contour,
          caption:
            "Contours of a surface with a steep direction (x) and a flat one (y), and four runs "
            + "from (1.2, 8). Gradient descent (blue) settles into the valley floor x = 0 at "
            + "once and then barely moves down it. The adaptive methods scale each coordinate by "
            + "its gradient history: AdaGrad (orange) slows as its accumulated squares grow, "
            + "RMSProp (green) and Adam (amber) keep moving along the flat valley at a nearly "
            + "constant speed."),
        .init(
          curves,
          caption:
            "Loss against step (log scale). Once x is at the valley floor the loss is 0.005·y², "
            + "and only the methods with per-coordinate rates make progress on it; "
            + "gradient descent's loss stays nearly flat."),
      ])
  }
}
