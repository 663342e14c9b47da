import Descent

/// The text of `analyze`, in the lecture's words.
struct AnalyzeReport {
  var formula: Formula
  var analysis: CriticalPointAnalysis
  var step: Double

  var text: String {
    let a = analysis
    let names = formula.variables
    var lines = LabeledLines()
    lines.add("formula", formula.source)
    lines.add(
      "point",
      zip(names, a.point).map { "\($0) = \(NumberFormat.short($1))" }.joined(separator: ", "))
    lines.add("value", NumberFormat.short(a.value, digits: 10))
    let gInf = Tensor(a.gradient).maxNorm
    let critical = a.kind != .notCritical
    lines.add(
      "gradient",
      [
        NumberFormat.vector(a.gradient),
        "‖∇f‖₂ = \(NumberFormat.short(a.gradNorm)), ‖∇f‖∞ = \(NumberFormat.short(gInf)) "
          + (critical ? "≤" : ">") + " gtol \(NumberFormat.short(a.gradientTolerance)): "
          + (critical ? "a critical point" : "not a critical point"),
      ])
    lines.add("Hessian", NumberFormat.matrixRows(a.hessian))
    lines.add(
      "eigenvalues",
      a.eigenvalues.map { NumberFormat.short($0) }.joined(separator: ", ")
        + "  (|λ| ≤ \(NumberFormat.short(a.eigenvalueThreshold)) counts as zero)")
    let labels = a.eigenvalues.map { "λ = \(NumberFormat.short($0))" }
    let width = labels.map(\.count).max() ?? 0
    lines.add(
      "eigenvectors",
      zip(labels, a.eigenvectors).map { label, v in
        label.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
          + NumberFormat.vector(v, digits: 4)
      })
    lines.add("kind", [a.kind.rawValue] + explanation.map { "  " + $0 })
    if let u = a.escapeDirection, let lambda = a.escapeCurvature,
      let change = a.predictedChange(step: step)
    {
      lines.add(
        "escape",
        [
          "along \(NumberFormat.vector(u, digits: 4)), the eigenvector of λ = \(NumberFormat.short(lambda))",
          "a step s = \(NumberFormat.short(step)) changes f by ½λs² = \(NumberFormat.short(change)) (quadratic model)",
        ])
    }
    return lines.render(indent: "")
  }

  private var explanation: [String] {
    switch analysis.kind {
    case .localMinimum: ["the Hessian is positive definite: every eigenvalue > 0"]
    case .localMaximum: ["the Hessian is negative definite: every eigenvalue < 0"]
    case .saddlePoint:
      [
        "the Hessian is indefinite: eigenvalues of both signs,",
        "downhill along some directions, uphill along others",
      ]
    case .degenerate:
      [
        "an eigenvalue is ≈ 0 and none has the opposite sign:",
        "the second-order test cannot decide",
      ]
    case .notCritical:
      [
        "the gradient is not zero, so this is no critical point;",
        "the Hessian describes the local curvature",
      ]
    }
  }
}
