import Foundation

/// The values at which contour lines are drawn.
///
/// Linear spacing suits values of one order of magnitude; when the values above the
/// minimum span more than two decades (a narrow valley, a loss near zero), levels are
/// spaced geometrically above the minimum so that the valley floor gets lines too:
///
/// ```
/// linear:  cₖ = nice ticks strictly between min f and max f
/// log:     cₖ = min f + d_lo · (d_hi / d_lo)^(k/(n−1)),   k = 0…n−1
///          d_hi = max f − min f,  d_lo = the 2nd percentile of the positive f − min f
/// ```
///
/// Non-finite samples are ignored; every level lies strictly inside (min f, max f).
public enum ContourLevels {
  /// How to space levels.
  public enum Spacing: Sendable, Equatable {
    /// Log when the values above the minimum span more than two decades.
    case automatic
    /// Evenly spaced nice values.
    case linear
    /// Geometric above the minimum.
    case logarithmic
  }

  /// About `count` levels for `values` (non-finite ones ignored); empty when fewer than
  /// two distinct finite values exist.
  public static func choose(
    for values: [Double], count: Int = 12, spacing: Spacing = .automatic
  ) -> [Double] {
    precondition(count >= 1, "contour level count \(count) must be ≥ 1")
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max(), hi > lo else { return [] }
    let excess = finite.map { $0 - lo }.filter { $0 > 0 }.sorted()
    let dLow = excess[Swift.min(excess.count - 1, excess.count / 50)]
    let dHigh = hi - lo
    let useLog: Bool =
      switch spacing {
      case .linear: false
      case .logarithmic: dLow > 0 && dHigh > dLow
      case .automatic: dLow > 0 && dHigh / dLow > 100
      }
    if useLog {
      let n = Swift.max(2, count)
      let ratio = log(dHigh / dLow)
      return (0..<n).compactMap { k -> Double? in
        // Stay strictly inside (lo, hi): the last level sits just under the maximum.
        let fraction = Double(k) / Double(n)
        let level = lo + dLow * exp(ratio * fraction)
        return level > lo && level < hi ? level : nil
      }
    }
    return Ticks.linear(lower: lo, upper: hi, target: count).filter { $0 > lo && $0 < hi }
  }
}
