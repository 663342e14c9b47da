import Descent
import DescentReports

extension TourChapter {
  /// Curvature-aware methods against gradient descent on the Rosenbrock valley: iterations
  /// against the cost of each: the quadratic-model step (one Hessian-vector product per
  /// step), L-BFGS (curvature from past gradients) and Newton (a Hessian and a solve per step).
  static let newton = TourChapter(title: "Newton against gradient descent") { log in
    let formula = try Formula("(1-x)^2 + 100*(y-x^2)^2")
    let start = [-1.2, 1.0]
    let limit = 2000
    var runs: [(String, MinimizeResult)] = []
    runs.append(
      (
        "gradient descent, lr 0.001",
        try TourRun.minimize(
          formula, from: start, method: FirstOrderMethod(GradientDescent(learningRate: 0.001)),
          iterations: limit, gradientTolerance: 1e-6)
      ))
    runs.append(
      (
        "gradient descent + line search",
        try TourRun.minimize(
          formula, from: start, method: GradientDescentLineSearch(), iterations: limit,
          gradientTolerance: 1e-6)
      ))
    runs.append(
      (
        "optimal step gᵀg/gᵀHg",
        try TourRun.minimize(
          formula, from: start, method: QuadraticModelStep(), iterations: limit,
          gradientTolerance: 1e-6)
      ))
    runs.append(
      (
        "L-BFGS (memory 10)",
        try TourRun.minimize(
          formula, from: start, method: LBFGS(), iterations: limit, gradientTolerance: 1e-6)
      ))
    runs.append(
      (
        "Newton (modified Hessian)",
        try TourRun.minimize(
          formula, from: start, method: Newton(), iterations: limit, gradientTolerance: 1e-6)
      ))
    for (name, run) in runs { log.record(name, run) }
    let contour = TourRun.contour(
      "The Rosenbrock valley (1 − x)² + 100(y − x²)²", formula, x: -2...2, y: -1...3, runs: runs,
      marks: [("minimum (1, 1)", 1, 1)])
    let curves = TourRun.lossCurves("Loss per iteration on the Rosenbrock valley", runs)
    let cost = ScatterPlot(
      title: "Iterations against evaluations",
      groups: runs.map { name, run in
        let e = run.evaluations
        return .init(
          name: name, xs: [Double(run.iterations)], ys: [Double(e.f + e.g + e.h + e.hvp)])
      }, xLabel: "iterations (log scale)", yLabel: "evaluations f + ∇f + Hv (log scale)",
      logX: true, logY: true)
    func row(_ r: (String, MinimizeResult)) -> String {
      let reached = r.1.stopReason == .gradientTolerance ? "reached ‖∇f‖∞ ≤ 10⁻⁶" : "stopped"
      return "\(r.0) \(reached) after \(r.1.iterations) iterations with loss "
        + TourFormat.number(r.1.value)
    }
    let lbfgs = runs[3].1
    let newton = runs[4].1
    return HTMLReport.Chapter(
      title: "Newton against gradient descent",
      paragraphs: [
        "Gradient descent uses only the slope, so in the curved, narrow Rosenbrock valley its "
          + "rate is capped by the steepest curvature. Methods that use curvature take fewer, "
          + "dearer steps. From (−1.2, 1), at most \(limit) iterations each: "
          + runs.map(row).joined(separator: "; ") + "."
      ],
      items: [
        .init(
          contour,
          caption:
            "The Rosenbrock valley from (−1.2, 1) with four methods. Gradient descent with a "
            + "fixed rate (blue) creeps along the valley floor; with a line search (orange) and "
            + "with the optimal step of the quadratic model (green) it still moves along −∇f, "
            + "across the valley, so it zig-zags in small steps; L-BFGS (amber) builds a "
            + "curvature model from past gradients and follows the curve of the valley to (1, 1) "
            + "in \(lbfgs.iterations) iterations; Newton, with the exact Hessian at every step, "
            + "gets there in \(newton.iterations)."),
        .init(
          curves,
          caption:
            "Loss against iteration (log scale). Choosing the step size well (line search, "
            + "gᵀg/gᵀHg) helps gradient descent, but only a better direction — curvature in the "
            + "direction, as in L-BFGS and Newton — removes the valley's zig-zag."),
        .init(
          cost,
          caption:
            "Iterations against total evaluations (values, gradients, Hessians and "
            + "Hessian-vector products), both on log scales; points on the diagonal cost one "
            + "evaluation per iteration. The line search spends about two gradients per "
            + "iteration, the optimal step one gradient and one Hessian-vector product, Newton "
            + "one gradient and one full Hessian — n² numbers and an n³ solve, cheap in two "
            + "variables and the reason Newton is not used on networks with millions."),
      ])
  }
}
