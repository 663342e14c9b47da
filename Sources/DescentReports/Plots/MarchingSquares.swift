/// Contour lines of a function sampled on a rectangular grid, by marching squares.
///
/// Each cell (four neighbouring samples) is classified by which corners lie at or above the
/// level c; the 16 cases give zero, one or two segments whose ends sit on the cell's edges
/// where linear interpolation crosses c:
///
/// ```
/// t = (c − f₀) / (f₁ − f₀),   crossing = p₀ + t·(p₁ − p₀)
/// ```
///
/// The two ambiguous cases (diagonal corners above) are resolved by the mean of the four
/// corners (the "asymptotic decider" in its simplest form). A cell with a non-finite corner
/// gives no segment: the contour has a gap there.
///
/// ## References
/// W. E. Lorensen and H. E. Cline, "Marching cubes", *SIGGRAPH '87*, pp. 163–169 (the 2-D
/// case); G. M. Nielson and B. Hamann, "The asymptotic decider", *IEEE Visualization '91*.
public enum MarchingSquares {
  /// A segment between two points in data coordinates.
  public typealias Segment = (start: (x: Double, y: Double), end: (x: Double, y: Double))

  /// The segments of the level-`level` contour of `values` (row j at `ys[j]`, column i at
  /// `xs[i]`).
  public static func segments(
    xs: [Double], ys: [Double], values: [[Double]], level: Double
  ) -> [Segment] {
    precondition(
      values.count == ys.count && values.allSatisfy { $0.count == xs.count },
      "a grid of \(ys.count) rows × \(xs.count) columns was expected")
    guard xs.count >= 2, ys.count >= 2 else { return [] }
    var out: [Segment] = []
    for j in 0..<(ys.count - 1) {
      for i in 0..<(xs.count - 1) {
        // Corners counter-clockwise from bottom left: (i,j) (i+1,j) (i+1,j+1) (i,j+1).
        let f = [values[j][i], values[j][i + 1], values[j + 1][i + 1], values[j + 1][i]]
        guard f.allSatisfy(\.isFinite) else { continue }
        let p = [(xs[i], ys[j]), (xs[i + 1], ys[j]), (xs[i + 1], ys[j + 1]), (xs[i], ys[j + 1])]
        var index = 0
        for k in 0..<4 where f[k] >= level { index |= 1 << k }
        if index == 0 || index == 15 { continue }
        func crossing(_ edge: Int) -> (x: Double, y: Double) {
          let a = edge
          let b = (edge + 1) % 4
          let denominator = f[b] - f[a]
          let t = denominator == 0 ? 0.5 : (level - f[a]) / denominator
          return (p[a].0 + t * (p[b].0 - p[a].0), p[a].1 + t * (p[b].1 - p[a].1))
        }
        // Edge k joins corner k and corner k+1; a corner's state flips across an edge
        // exactly when the edge is crossed.
        let crossed = (0..<4).filter { ((index >> $0) & 1) != ((index >> (($0 + 1) % 4)) & 1) }
        if crossed.count == 2 {
          out.append((crossing(crossed[0]), crossing(crossed[1])))
        } else if crossed.count == 4 {
          let centreAbove = (f[0] + f[1] + f[2] + f[3]) / 4 >= level
          let cornerZeroAbove = (index & 1) != 0
          // The centre joins corners 0 and 2 when it agrees with them: then corners 1 and 3
          // are cut off (corner k sits between edges k−1 and k); otherwise 0 and 2 are.
          if centreAbove == cornerZeroAbove {
            out.append((crossing(0), crossing(1)))
            out.append((crossing(2), crossing(3)))
          } else {
            out.append((crossing(3), crossing(0)))
            out.append((crossing(1), crossing(2)))
          }
        }
      }
    }
    return out
  }
}
