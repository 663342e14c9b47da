/// Colours that readers with the common forms of colour blindness can tell apart.
///
/// Series colours are Okabe and Ito's eight (black kept for markers); the sequential ramp for
/// filled contours runs from white to a mid blue-grey, light for low values, so that every
/// series colour stays visible on top of it and it reads "low to high" in grey-scale print.
///
/// ```
/// series(i) = okabeIto[i mod 7]
/// ramp(t)   = piecewise-linear interpolation of `sequential` at t ∈ [0, 1]
/// ```
///
/// ## References
/// - M. Okabe and K. Ito, *Color Universal Design (CUD): how to make figures and
///   presentations that are friendly to colorblind people*, 2008.
public enum Palette {
  /// Okabe–Ito without black: blue, vermillion, bluish green, orange, reddish purple,
  /// sky blue, yellow.
  public static let okabeIto = [
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442",
  ]

  /// Ink for axes, text and markers.
  public static let ink = "#222222"
  /// Grid lines.
  public static let grid = "#DDDDDD"

  /// The light-to-dark ramp for filled contours (low values light): neutral blue-greys.
  public static let sequential = [
    "#FFFFFF", "#F1F4F7", "#E2E8EE", "#D2DBE4", "#C2CEDA", "#B1C0CE", "#A0B1C2", "#8FA2B5",
    "#7F93A8",
  ]

  /// The colour of series `index` (cycling).
  public static func series(_ index: Int) -> String {
    okabeIto[((index % okabeIto.count) + okabeIto.count) % okabeIto.count]
  }

  /// The sequential ramp at `t` ∈ [0, 1] (clamped), interpolated between its stops.
  public static func ramp(_ t: Double) -> String {
    let clamped = t.isFinite ? Swift.min(1, Swift.max(0, t)) : 0
    let position = clamped * Double(sequential.count - 1)
    let i = Swift.min(sequential.count - 2, Int(position))
    let f = position - Double(i)
    let a = rgb(sequential[i])
    let b = rgb(sequential[i + 1])
    func mix(_ u: Int, _ v: Int) -> Int { Int((Double(u) + (Double(v) - Double(u)) * f).rounded()) }
    return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
  }

  static func rgb(_ hex: String) -> (Int, Int, Int) {
    let digits = Array(hex.dropFirst())
    func channel(_ k: Int) -> Int { Int(String(digits[k..<k + 2]), radix: 16) ?? 0 }
    return (channel(0), channel(2), channel(4))
  }

  static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
    let digits = Array("0123456789ABCDEF")
    func two(_ v: Int) -> String {
      let c = Swift.min(255, Swift.max(0, v))
      return String([digits[c / 16], digits[c % 16]])
    }
    return "#" + two(r) + two(g) + two(b)
  }
}
