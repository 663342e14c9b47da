import Foundation

/// "Nice" tick values and their labels.
///
/// Linear: a step of 1, 2 or 5 times a power of ten, chosen so that about `target` ticks
/// fall in the domain (Heckbert's "nice numbers"):
///
/// ```
/// raw  = (upper − lower) / target
/// step = the smallest of {1, 2, 5, 10}·10^⌊log₁₀ raw⌋ that is ≥ raw
/// ticks = every multiple of step in [lower, upper]   (target doubled while fewer than 3)
/// ```
///
/// Logarithmic: the powers of ten in the domain (every k-th one when there are more than
/// eight), with 2× and 5× added when fewer than two decades fit.
///
/// ## References
/// P. S. Heckbert, "Nice numbers for graph labels", *Graphics Gems*, 1990, pp. 61–63.
public enum Ticks {
  /// The nice step for about `target` ticks over `lower…upper`.
  public static func step(lower: Double, upper: Double, target: Int = 5) -> Double {
    let span = upper - lower
    guard span > 0, span.isFinite else { return 1 }
    let raw = span / Double(Swift.max(1, target))
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    for multiple in [1.0, 2, 5, 10] where multiple * magnitude >= raw * (1 - 1e-9) {
      return multiple * magnitude
    }
    return 10 * magnitude
  }

  /// Multiples of the nice step inside `lower…upper`.
  public static func linear(lower: Double, upper: Double, target: Int = 5) -> [Double] {
    let s = step(lower: lower, upper: upper, target: target)
    guard s.isFinite, s > 0 else { return [] }
    var ticks: [Double] = []
    var k = (lower / s - 1e-9).rounded(.up)
    while k * s <= upper + s * 1e-9, ticks.count < 50 {
      let value = k * s
      // Rounding noise such as 0.30000000000000004 → 0.3; exact 0 instead of −0.
      let cleaned = (value / s).rounded() * s
      ticks.append(Swift.abs(cleaned) < s * 1e-9 ? 0 : cleaned)
      k += 1
    }
    // A 1-2-5 step can leave only two ticks (a span of 0.11 with step 0.05): ask for more.
    if ticks.count < 3 && target < 40 {
      return linear(lower: lower, upper: upper, target: target * 2)
    }
    return ticks
  }

  /// Powers of ten (and 2×, 5× in a narrow domain) inside `lower…upper`, both > 0.
  public static func logarithmic(lower: Double, upper: Double) -> [Double] {
    guard lower > 0, upper > lower else { return [] }
    let first = Int((log10(lower) - 1e-9).rounded(.up))
    let last = Int((log10(upper) + 1e-9).rounded(.down))
    var decades = first <= last ? Array(first...last) : []
    if decades.count > 8 {
      let every = (decades.count + 7) / 8
      decades = decades.filter { ($0 - first) % every == 0 }
    }
    var ticks = decades.map { pow(10, Double($0)) }
    if ticks.count < 2 {
      let low = Int(log10(lower).rounded(.down))
      for k in low...last + 1 {
        for multiple in [1.0, 2, 5] {
          let value = multiple * pow(10, Double(k))
          if value >= lower * (1 - 1e-12), value <= upper * (1 + 1e-12) { ticks.append(value) }
        }
      }
      ticks = Array(Set(ticks)).sorted()
    }
    if ticks.count < 2 {
      // Less than a factor of 2 wide: fall back to linear ticks.
      return linear(lower: lower, upper: upper, target: 4).filter { $0 > 0 }
    }
    return ticks
  }

  /// A short label: plain decimals between 10⁻³ and 10⁵ (as many decimals as the tick
  /// spacing needs), otherwise "2e-05" style.
  public static func label(_ value: Double, spacing: Double? = nil) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
    if value == 0 { return "0" }
    let magnitude = Swift.abs(value)
    if magnitude >= 1e-3 && magnitude < 1e5 {
      let reference = spacing.map { Swift.abs($0) } ?? magnitude
      let decimals =
        reference >= 1 ? 0 : Swift.min(6, Int((-log10(reference)).rounded(.up) + 0.0001))
      var text = String(format: "%.\(Swift.max(0, decimals))f", value)
      if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
      }
      return text == "-0" ? "0" : text.replacingOccurrences(of: "-", with: "−")
    }
    let exponent = Int(log10(magnitude).rounded(.down))
    let mantissa = value / pow(10, Double(exponent))
    let roundedMantissa = (mantissa * 10).rounded() / 10
    let mantissaText =
      roundedMantissa == roundedMantissa.rounded()
      ? String(Int(roundedMantissa)) : String(format: "%.1f", roundedMantissa)
    let prefix = mantissaText == "1" ? "" : mantissaText == "-1" ? "−" : mantissaText + "×"
    return (prefix + "10" + superscript(exponent)).replacingOccurrences(of: "-", with: "−")
  }

  /// An integer in superscript digits ("⁻³").
  static func superscript(_ n: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    let body = String(String(Swift.abs(n)).map { digits[Int(String($0))!] })
    return n < 0 ? "⁻" + body : body
  }
}
