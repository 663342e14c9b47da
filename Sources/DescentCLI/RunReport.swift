import Descent

/// The text and CSV forms of a run.
enum RunReport {
  static func text(
    _ r: MinimizeResult, names: [String], formula: String, kind: CriticalPointAnalysis? = nil
  ) -> String {
    var lines = LabeledLines()
    lines.add("objective", formula)
    lines.add("method", "\(r.method)  \(hyperparameterText(r.hyperparameters))")
    lines.add(
      "stopped",
      "\(r.stopReason.rawValue) after \(r.iterations) update\(r.iterations == 1 ? "" : "s")"
        + (r.converged ? " (converged)" : ""))
    lines.add(
      "x",
      zip(names, r.x).map { "\($0) = \(NumberFormat.short($1, digits: 10))" }.joined(
        separator: ", "))
    lines.add("value", NumberFormat.short(r.value, digits: 10))
    if let kind {
      // Where the gradient vanished: the Hessian says what kind of point the run found —
      // gradient descent stops at a saddle as readily as at a minimum.
      lines.add(
        "point",
        "\(kind.kind.rawValue) (Hessian eigenvalues "
          + kind.eigenvalues.map { NumberFormat.short($0) }.joined(separator: ", ") + ")")
    }
    lines.add("‖∇f‖₂", NumberFormat.short(r.gradNorm))
    let e = r.evaluations
    lines.add("evaluations", "f \(e.f), g \(e.g), h \(e.h), hvp \(e.hvp)")
    var out = lines.render(indent: "")
    // The trace: every step when short, otherwise about 20 rows spread over the run.
    let trace = r.trace
    guard !trace.isEmpty else { return out }
    let stride = Swift.max(1, trace.count / 20)
    let picked = trace.indices.filter { $0 % stride == 0 || $0 == trace.count - 1 }.map {
      trace[$0]
    }
    let rows = picked.map { t in
      [String(t.step)] + t.x.map { NumberFormat.short($0) } + [
        NumberFormat.short(t.value), t.gradNorm.map { NumberFormat.short($0) } ?? "",
        t.lr.map { NumberFormat.short($0) } ?? "",
      ]
    }
    out +=
      "\n\n"
      + Table.render(header: ["step"] + names + ["f", "‖∇f‖", "lr"], rows: rows, indent: "").joined(
        separator: "\n")
    return out
  }

  static func csv(_ r: MinimizeResult, names: [String]) -> String {
    var lines = [(["step"] + names + ["value", "gradNorm", "lr"]).joined(separator: ",")]
    for t in r.trace {
      let fields =
        [String(t.step)] + t.x.map { "\($0)" } + [
          "\(t.value)", t.gradNorm.map { "\($0)" } ?? "", t.lr.map { "\($0)" } ?? "",
        ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n")
  }

  static func hyperparameterText(_ h: JSONValue) -> String {
    guard case .object(let fields) = h else { return "" }
    return fields.keys.sorted().map { "\($0)=\(describe(fields[$0]!))" }.joined(separator: " ")
  }

  private static func describe(_ v: JSONValue) -> String {
    switch v {
    case .number(let d): NumberFormat.short(d)
    case .bool(let b): b ? "true" : "false"
    case .string(let s): s
    case .array(let a): a.map(describe).joined(separator: ",")
    case .object(let o):
      "{" + o.keys.sorted().map { "\($0)=\(describe(o[$0]!))" }.joined(separator: " ") + "}"
    case .null: "null"
    }
  }
}
