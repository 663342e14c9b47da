import Descent
import Foundation
import Testing

@testable import DescentReports

/// Marching squares, contour levels and the contour plot with trajectories, read back from
/// the SVG.
@Suite("Contours")
struct ContourTests {
  static func grid(
    _ f: (Double, Double) -> Double, n: Int = 41, range: ClosedRange<Double> = -2...2
  )
    -> (xs: [Double], ys: [Double], values: [[Double]])
  {
    ContourPlot.grid(x: range, y: range, resolution: n) { f($0[0], $0[1]) }
  }

  @Test("segments of a plane lie exactly on its level line (linear interpolation is exact)")
  func planeIsExact() {
    let g = Self.grid({ x, y in x + 2 * y })
    let segments = MarchingSquares.segments(xs: g.xs, ys: g.ys, values: g.values, level: 0.7)
    #expect(segments.count >= 40)
    for s in segments {
      // 1e-12: a few roundings of numbers of order 1.
      #expect(abs(s.start.x + 2 * s.start.y - 0.7) < 1e-12)
      #expect(abs(s.end.x + 2 * s.end.y - 0.7) < 1e-12)
    }
  }

  @Test("segments of x² + y² = 1 lie on the unit circle within the grid's interpolation error")
  func circle() {
    let g = Self.grid({ x, y in x * x + y * y }, n: 81)
    let segments = MarchingSquares.segments(xs: g.xs, ys: g.ys, values: g.values, level: 1)
    let h = 4.0 / 80
    // Interpolating x² linearly over a cell of width h errs by at most h²/4 in f, so the
    // radius by about h²/8 near r = 1; 2h² leaves room.
    for s in segments {
      #expect(abs(hypot(s.start.x, s.start.y) - 1) < 2 * h * h)
      #expect(abs(hypot(s.end.x, s.end.y) - 1) < 2 * h * h)
    }
    // The lengths add up to the circumference 2π within 1 % (chords of a polygon).
    let length = segments.reduce(0) { $0 + hypot($1.end.x - $1.start.x, $1.end.y - $1.start.y) }
    #expect(abs(length - 2 * Double.pi) < 0.01 * 2 * Double.pi)
  }

  @Test("a cell with a non-finite corner gives no segment: a gap")
  func nonFiniteCells() {
    var g = Self.grid({ x, y in x + y }, n: 5)
    let before = MarchingSquares.segments(xs: g.xs, ys: g.ys, values: g.values, level: 0.1)
    g.values[2][2] = .nan
    let after = MarchingSquares.segments(xs: g.xs, ys: g.ys, values: g.values, level: 0.1)
    #expect(after.count < before.count)
    for s in after {
      // No segment inside the four cells around the NaN sample at (0, 0).
      let mid = ((s.start.x + s.end.x) / 2, (s.start.y + s.end.y) / 2)
      #expect(!(abs(mid.0) < 1 && abs(mid.1) < 1))
    }
  }

  @Test("levels lie strictly inside the data; log spacing when values span decades")
  func levelsBracketData() throws {
    let rosenbrock = Self.grid({ x, y in (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) })
    let plane = Self.grid({ x, y in x + y })
    for (g, expectLog) in [(rosenbrock, true), (plane, false)] {
      let values = g.values.flatMap { $0 }
      let levels = ContourLevels.choose(for: values)
      let lo = values.min()!
      let hi = values.max()!
      #expect(levels.count >= 4)
      #expect(levels.allSatisfy { $0 > lo && $0 < hi })
      #expect(zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 })
      let gaps = zip(levels, levels.dropFirst()).map { $1 - $0 }
      let even = gaps.allSatisfy { abs($0 - gaps[0]) < 1e-9 * hi }
      #expect(even != expectLog, "levels \(levels)")
    }
    #expect(ContourLevels.choose(for: [2, 2, 2, .nan]).isEmpty)
    #expect(ContourLevels.choose(for: []).isEmpty)
  }

  @Test("the trajectory polyline passes through the run's points in plot coordinates")
  func trajectoryPassesThroughRun() throws {
    let formula = try Formula("0.5*(x^2 + 10*y^2)")
    var options = MinimizeOptions()
    options.maxIterations = 30
    let run = try minimize(
      formula.objective, from: [-1.5, 0.8],
      method: FirstOrderMethod(GradientDescent(learningRate: 0.18)), options: options
    ).result
    let g = ContourPlot.grid(x: -2...2, y: -1...1, resolution: 41) {
      try formula.objective.value(at: $0)
    }
    let plot = ContourPlot(
      title: "gd", xs: g.xs, ys: g.ys, values: g.values,
      trajectories: [Trajectory(name: "gd", trace: run.trace)])
    let svg = plot.svg(id: "t")
    let lines = elements("polyline", in: svg).filter { $0.attributes["class"] == "trajectory" }
    #expect(lines.count == 1)
    let vertices = lines.flatMap(\.points)
    #expect(vertices.count == run.trace.count)
    for entry in run.trace {
      let p = try #require(plot.frame.pixel(entry.x[0], entry.x[1]))
      // 0.006 px: coordinates are written with two decimals (half a hundredth, √2 diagonal).
      #expect(polyline(vertices, passesThrough: p, tolerance: 0.0071), "step \(entry.step)")
    }
    let start = try #require(
      elements("circle", in: svg).first { $0.attributes["class"] == "start" })
    let first = try #require(plot.frame.pixel(run.trace[0].x[0], run.trace[0].x[1]))
    #expect(
      abs(start.number("cx")! - first.0) <= 0.005 && abs(start.number("cy")! - first.1) <= 0.005)
    #expect(elements("rect", in: svg).contains { $0.attributes["class"] == "end" })
    #expect(texts(in: svg).contains("gd"))
    // The contour paths carry their levels, which bracket the data.
    let drawn = elements("path", in: svg).compactMap { $0.number("data-level") }
    #expect(!drawn.isEmpty && drawn.count <= plot.levels.count)
    // The colour key has one swatch per band (levels + 1) and its frame, after its opening.
    let key = try #require(svg.range(of: "class=\"colour-key\""))
    #expect(elements("rect", in: String(svg[key.upperBound...])).count == plot.levels.count + 2)
  }

  @Test("NaN regions, a diverging run and an empty run: drawn with notes, coordinates bounded")
  func badInputs() {
    // log(x) is NaN for x < 0: the left half of the grid is a gap.
    let g = Self.grid({ x, y in x > 0 ? log(x) + y * y : .nan })
    let diverging = Trajectory(
      name: "diverges",
      points: [[0.5, 0.5], [1, -1], [-3, 4], [50, -80], [1e300, -1e300], [.nan, 0]])
    let empty = Trajectory(name: "empty", points: [])
    let plot = ContourPlot(
      title: "bad", xs: g.xs, ys: g.ys, values: g.values, trajectories: [diverging, empty])
    let svg = plot.svg(id: "bad")
    let notes = texts(in: svg)
    #expect(notes.contains { $0.contains("not finite") })
    #expect(notes.contains { $0.contains("clipped") })
    #expect(notes.contains { $0.contains("no points") })
    let frame = plot.frame
    for line in elements("polyline", in: svg) {
      for (x, y) in line.points {
        // Clipped to the plot area (0.01 px: the two-decimal rounding).
        #expect(x >= frame.left - 0.01 && x <= frame.right + 0.01)
        #expect(y >= frame.top - 0.01 && y <= frame.bottom + 0.01)
      }
    }
    let all = ContourPlot(
      title: "all NaN", xs: [0, 1], ys: [0, 1], values: [[.nan, .nan], [.nan, .nan]])
    let text = all.svg(id: "nan")
    #expect(text.hasSuffix("</svg>\n"))
    #expect(texts(in: text).contains { $0.contains("no contours") })
  }

  @Test("the animation moves one dot per run through the frames, starting at the start")
  func animation() throws {
    let g = Self.grid({ x, y in x * x + y * y })
    let run = Trajectory(name: "r", points: (0..<10).map { [1.5 - 0.15 * Double($0), 1.0] })
    let animation = TrajectoryAnimation(
      plot: ContourPlot(title: "a", xs: g.xs, ys: g.ys, values: g.values, trajectories: [run]))
    let svg = animation.svg(id: "anim")
    let animates = elements("animate", in: svg)
    #expect(animates.count == 2)
    for a in animates {
      let values = a.attributes["values"]!.split(separator: ";")
      let times = a.attributes["keyTimes"]!.split(separator: ";")
      #expect(values.count == times.count && values.count == 11)
      #expect(times.first == "0" && times.last == "1")
    }
    let cx = animates.first { $0.attributes["attributeName"] == "cx" }!
    let firstX = Double(cx.attributes["values"]!.split(separator: ";")[0])!
    let expected = try #require(animation.plot.frame.pixel(1.5, 1))
    #expect(abs(firstX - expected.0) <= 0.005)
    #expect(!svg.contains("<script"))
  }
}
