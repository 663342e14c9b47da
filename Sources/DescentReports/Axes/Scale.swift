import Foundation

/// A map from data values on one axis to pixels: linear, or logarithmic (base 10).
///
/// ```
/// linear:  p(v) = a + (v − lo) / (hi − lo) · (b − a)
/// log:     p(v) = a + (log₁₀ v − log₁₀ lo) / (log₁₀ hi − log₁₀ lo) · (b − a)
/// ```
///
/// `a` and `b` are the pixel ends (b < a for a y axis, whose pixels grow downwards). A value
/// the scale cannot place (not finite; ≤ 0 on a log scale) maps to nil: plots draw it as a
/// gap.
public struct Scale: Sendable, Equatable {
  /// Linear or logarithmic.
  public enum Kind: Sendable, Equatable {
    case linear
    case logarithmic
  }

  /// The kind of map.
  public var kind: Kind
  /// The data value at pixel `start`.
  public var lower: Double
  /// The data value at pixel `end`.
  public var upper: Double
  /// Pixel of `lower`.
  public var start: Double
  /// Pixel of `upper`.
  public var end: Double

  /// A scale from `lower…upper` onto the pixels `start…end`.
  public init(kind: Kind, lower: Double, upper: Double, start: Double, end: Double) {
    precondition(
      lower < upper && lower.isFinite && upper.isFinite,
      "scale domain \(lower)…\(upper) must be finite and increasing")
    precondition(
      kind == .linear || lower > 0, "a logarithmic scale needs a positive domain, got \(lower)")
    self.kind = kind
    self.lower = lower
    self.upper = upper
    self.start = start
    self.end = end
  }

  /// Whether the scale can place `value` (finite, and positive on a log scale).
  public func accepts(_ value: Double) -> Bool {
    value.isFinite && (kind == .linear || value > 0)
  }

  /// The pixel of `value`, or nil when the scale cannot place it.
  public func pixel(_ value: Double) -> Double? {
    guard accepts(value) else { return nil }
    let fraction: Double
    switch kind {
    case .linear: fraction = (value - lower) / (upper - lower)
    case .logarithmic: fraction = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
    }
    let p = start + fraction * (end - start)
    return p.isFinite ? p : nil
  }

  /// The data value at a pixel (the inverse of ``pixel(_:)``).
  public func value(atPixel p: Double) -> Double {
    let fraction = (p - start) / (end - start)
    switch kind {
    case .linear: return lower + fraction * (upper - lower)
    case .logarithmic:
      return pow(10, log10(lower) + fraction * (log10(upper) - log10(lower)))
    }
  }

  /// Tick positions inside the domain (see ``Ticks``).
  public var ticks: [Double] {
    switch kind {
    case .linear: Ticks.linear(lower: lower, upper: upper)
    case .logarithmic: Ticks.logarithmic(lower: lower, upper: upper)
    }
  }
}

extension Scale {
  /// The domain for `values`: the range of the values the kind accepts, padded by
  /// `padding` of its width on each side (in log₁₀ units on a log scale) and widened to
  /// nice tick values on a linear scale; `fallback` when no value is accepted, and a
  /// width around a single repeated value.
  public static func domain(
    of values: [Double], kind: Kind, padding: Double = 0.04,
    fallback: (Double, Double)? = nil
  ) -> (lower: Double, upper: Double) {
    let accepted = values.filter { $0.isFinite && (kind == .linear || $0 > 0) }
    guard var lo = accepted.min(), var hi = accepted.max() else {
      return fallback ?? (kind == .linear ? (0, 1) : (1, 10))
    }
    switch kind {
    case .linear:
      if hi - lo <= 1e-12 * Swift.max(1, Swift.abs(lo)) {
        // ±10 % around a repeated value (±1 around zero).
        let half = lo == 0 ? 1 : Swift.abs(lo) * 0.1
        return (lo - half, hi + half)
      }
      let pad = (hi - lo) * padding
      lo -= pad
      hi += pad
      // Guard against overflow from values near the largest Double.
      guard lo.isFinite, hi.isFinite else { return (accepted.min()!, accepted.max()!) }
      let step = Ticks.step(lower: lo, upper: hi)
      let niceLower = (lo / step).rounded(.down) * step
      let niceUpper = (hi / step).rounded(.up) * step
      // Snap only when it costs little room (under one step in all).
      if (niceUpper - niceLower) <= (hi - lo) + step { return (niceLower, niceUpper) }
      return (lo, hi)
    case .logarithmic:
      var a = log10(lo)
      var b = log10(hi)
      if b - a < 1e-9 {
        a -= 0.5
        b += 0.5
      }
      let pad = (b - a) * padding
      return (pow(10, a - pad), pow(10, b + pad))
    }
  }

  /// Whether values spanning `lower…upper` (positive) call for a log scale: more than
  /// `decades` decades between them.
  public static func spansDecades(lower: Double, upper: Double, decades: Double = 2) -> Bool {
    lower > 0 && upper > 0 && lower.isFinite && upper.isFinite
      && log10(upper) - log10(lower) > decades
  }
}
