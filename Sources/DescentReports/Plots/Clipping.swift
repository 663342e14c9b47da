/// Cuts polylines to a rectangle (Liang–Barsky), so that a run that diverges to 10³⁰⁰ is
/// drawn up to the plot's edge and never writes coordinates too large for SVG.
///
/// ```
/// p(t) = a + t·(b − a), t ∈ [0, 1];  keep the t where left ≤ pₓ ≤ right, top ≤ p_y ≤ bottom
/// ```
///
/// ## References
/// Y.-D. Liang and B. A. Barsky, "A new concept and method for line clipping", *ACM TOG* 3,
/// 1984.
enum Clipping {
  typealias Point = (Double, Double)

  /// The visible pieces of a polyline; a nil point (not finite) breaks it.
  static func pieces(
    _ points: [Point?], left: Double, right: Double, top: Double, bottom: Double
  ) -> [[Point]] {
    var pieces: [[Point]] = []
    var current: [Point] = []
    func flush() {
      if !current.isEmpty { pieces.append(current) }
      current = []
    }
    var previous: Point?
    for point in points {
      guard let point else {
        flush()
        previous = nil
        continue
      }
      guard let a = previous else {
        if inside(point, left, right, top, bottom) { current = [point] }
        previous = point
        continue
      }
      if let (p, q) = segment(a, point, left, right, top, bottom) {
        if current.isEmpty || !same(current[current.count - 1], p) {
          flush()
          current = [p]
        }
        current.append(q)
        if !same(q, point) { flush() }
      } else {
        flush()
      }
      previous = point
    }
    flush()
    return pieces
  }

  static func inside(_ p: Point, _ l: Double, _ r: Double, _ t: Double, _ b: Double) -> Bool {
    p.0 >= l && p.0 <= r && p.1 >= t && p.1 <= b
  }

  static func same(_ a: Point, _ b: Point) -> Bool { a.0 == b.0 && a.1 == b.1 }

  /// The part of segment a→b inside the rectangle, or nil.
  static func segment(
    _ a: Point, _ b: Point, _ l: Double, _ r: Double, _ t: Double, _ bottom: Double
  ) -> (Point, Point)? {
    let dx = b.0 - a.0
    let dy = b.1 - a.1
    guard dx.isFinite, dy.isFinite else { return nil }
    var t0 = 0.0
    var t1 = 1.0
    for (p, q) in [(-dx, a.0 - l), (dx, r - a.0), (-dy, a.1 - t), (dy, bottom - a.1)] {
      if p == 0 {
        if q < 0 { return nil }
        continue
      }
      let ratio = q / p
      if p < 0 {
        if ratio > t1 { return nil }
        t0 = Swift.max(t0, ratio)
      } else {
        if ratio < t0 { return nil }
        t1 = Swift.min(t1, ratio)
      }
    }
    let start = t0 == 0 ? a : (a.0 + t0 * dx, a.1 + t0 * dy)
    let end = t1 == 1 ? b : (a.0 + t1 * dx, a.1 + t1 * dy)
    return (start, end)
  }
}
