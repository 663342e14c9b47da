import Descent
import Foundation

/// The `landscape` object of CLI.md: `{networks: [{seed, value, gradNorm, minimumRatio,
/// eigenvalues, included, reason}], excluded, gradientThreshold, eigenvalueTolerance}`.
struct LandscapeOutput: Encodable {
  struct Network: Encodable {
    var seed: UInt64
    var value: Double
    var gradNorm: Double
    var minimumRatio: Double?
    var eigenvalues: [Double]
    var included: Bool
    var reason: String?

    enum CodingKeys: String, CodingKey {
      case seed, value, gradNorm, minimumRatio, eigenvalues, included, reason
    }

    /// Every key present: `minimumRatio` and `reason` as null when absent.
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(seed, forKey: .seed)
      try c.encode(value, forKey: .value)
      try c.encode(gradNorm, forKey: .gradNorm)
      try c.encode(minimumRatio, forKey: .minimumRatio)
      try c.encode(eigenvalues, forKey: .eigenvalues)
      try c.encode(included, forKey: .included)
      try c.encode(reason, forKey: .reason)
    }
  }

  var networks: [Network]
  var excluded: Int
  var gradientThreshold: Double
  var eigenvalueTolerance: Double

  init(_ report: MinimumRatioReport) {
    networks = report.networks.map {
      Network(
        seed: $0.seed, value: $0.value, gradNorm: $0.gradNorm, minimumRatio: $0.minimumRatio,
        eigenvalues: $0.eigenvalues, included: $0.included, reason: $0.reason)
    }
    excluded = report.excluded
    gradientThreshold = report.gradientThreshold
    eigenvalueTolerance = report.eigenvalueTolerance
  }
}

/// The text and CSV forms of a minimum-ratio report.
enum LandscapeText {
  /// The thresholds, an aligned table (seed, loss, ‖g‖, minimum ratio, kind, included) and a
  /// summary: how many included networks have ratio < 1 and = 1, with their median losses.
  static func render(
    _ report: MinimumRatioReport, model: MLP, rows: Int, data: String, seconds: Double
  ) -> String {
    var lines = LabeledLines()
    lines.add(
      "networks",
      "\(report.networks.count) × \(model.widths.map(String.init).joined(separator: "-")) "
        + "\(model.activation.rawValue), \(model.loss.rawValue), \(model.parameterCount) "
        + "parameters, \(data) (\(rows) rows)")
    lines.add("gradientThreshold", "‖∇L‖₂ ≤ \(NumberFormat.short(report.gradientThreshold))")
    lines.add(
      "eigenvalueTolerance", "λ > \(NumberFormat.short(report.eigenvalueTolerance)) is positive")
    var out = [lines.render(indent: ""), ""]
    let table = report.networks.map { n in
      [
        String(n.seed), NumberFormat.short(n.value), NumberFormat.short(n.gradNorm, digits: 2),
        n.minimumRatio.map { NumberFormat.short($0, digits: 4) } ?? "-", n.kind.rawValue,
        n.included ? "yes" : "no: " + (n.reason ?? ""),
      ]
    }
    out += Table.render(
      header: ["seed", "loss", "‖g‖", "minimum ratio", "kind", "included"], rows: table,
      indent: "", leftAligned: [0, 4, 5])
    out.append("")
    out.append(summary(report, seconds: seconds))
    return out.joined(separator: "\n")
  }

  /// One paragraph: counts of ratio < 1 and = 1 among the included, median loss of each.
  static func summary(_ report: MinimumRatioReport, seconds: Double) -> String {
    let included = report.networks.filter(\.included)
    let below = included.filter { ($0.minimumRatio ?? 0) < 1 }
    let minima = included.filter { ($0.minimumRatio ?? 0) == 1 }
    func median(_ group: [MinimumRatioNetwork]) -> String {
      let values = group.map(\.value).sorted()
      guard !values.isEmpty else { return "-" }
      let m = values.count / 2
      let mid = values.count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2
      return NumberFormat.short(mid, digits: 4)
    }
    return "included \(included.count) of \(report.networks.count) "
      + "(excluded \(report.excluded)): \(below.count) with minimum ratio < 1 (saddles or "
      + "degenerate; median loss \(median(below))), \(minima.count) with ratio = 1 (minima; "
      + "median loss \(median(minima)))" + excludedRange(report)
      + "; \(NumberFormat.short(seconds, digits: 3)) s"
  }

  /// ", excluded ‖∇L‖₂ in [a, b]" over the finite gradient norms of the excluded, or "".
  static func excludedRange(_ report: MinimumRatioReport) -> String {
    let norms = report.networks.filter { !$0.included }.map(\.gradNorm).filter(\.isFinite)
    guard let low = norms.min(), let high = norms.max() else { return "" }
    return "; excluded ‖∇L‖₂ in [\(NumberFormat.short(low, digits: 2)), "
      + "\(NumberFormat.short(high, digits: 2))]"
  }

  /// A header and one row per network: seed, value, gradNorm, minimumRatio, kind, included,
  /// reason (quoted), eigenvalue count.
  static func csv(_ report: MinimumRatioReport) -> String {
    var lines = ["seed,value,gradNorm,minimumRatio,kind,included,reason,eigenvalueCount"]
    for n in report.networks {
      let reason = (n.reason ?? "").replacingOccurrences(of: "\"", with: "\"\"")
      lines.append(
        [
          String(n.seed), "\(n.value)", "\(n.gradNorm)", n.minimumRatio.map { "\($0)" } ?? "",
          n.kind.rawValue, n.included ? "true" : "false", "\"\(reason)\"",
          String(n.eigenvalues.count),
        ].joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
