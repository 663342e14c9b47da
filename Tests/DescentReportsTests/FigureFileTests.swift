import Descent
import Foundation
import Testing

@testable import DescentReports

/// `--plot` files: SVG stacks and HTML pages of the analysis and run figures.
@Suite("Figure files")
struct FigureFileTests {
  static func saddle() throws -> (AutodiffObjective, CriticalPointAnalysis) {
    let objective = try Formula("(1 - w1*w2)^2").objective
    return (objective, try CriticalPointAnalysis(of: objective, at: [0, 0]))
  }

  @Test("analysis figures: the point marked, the escape line along (1, 1)/√2, the ±2 stems")
  func analysisFigures() throws {
    let (objective, analysis) = try Self.saddle()
    let items = CriticalPointFigures.make(
      objective: objective, analysis: analysis, variables: ["w1", "w2"])
    #expect(items.count == 3)
    let contour = try #require(items[0].figure as? ContourPlot)
    let svg = contour.svg(id: "a")
    let line = try #require(
      elements("polyline", in: svg).first { $0.attributes["class"] == "trajectory" })
    let origin = try #require(contour.frame.pixel(0, 0))
    let end = try #require(contour.frame.pixel(1 / 2.0.squareRoot(), 1 / 2.0.squareRoot()))
    // The escape line runs from the saddle to one unit along u (0.0071 px: two decimals).
    #expect(polyline(line.points, passesThrough: origin, tolerance: 0.0071))
    #expect(polyline(line.points, passesThrough: end, tolerance: 0.0071))
    let spectrum = try #require(items[1].figure as? SpectrumPlot)
    #expect(spectrum.stems.map(\.value) == [-2, 2])
    let slice = try #require(items[2].figure as? TaylorSlicePlot)
    #expect(slice.curvature == -2 && slice.slope == 0 && slice.value == 1)
  }

  @Test("an SVG file stacks the figures; an HTML file is a page; other names are refused")
  func files() throws {
    let (objective, analysis) = try Self.saddle()
    let items = CriticalPointFigures.make(
      objective: objective, analysis: analysis, variables: ["w1", "w2"])
    let svg = try FigureFile.render(items, title: "t", for: "out.SVG")
    #expect(svg.hasPrefix("<svg xmlns="))
    let inner = elements("svg", in: svg)
    #expect(inner.count == 4)  // the wrapper and three figures
    let heights = inner.dropFirst().map { $0.number("height")! }
    #expect(inner[0].number("height") == heights.reduce(0, +))
    #expect(inner.dropFirst().map { $0.number("y")! } == [0, heights[0], heights[0] + heights[1]])
    let html = try FigureFile.render(items, title: "t", for: "page.html")
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<figcaption>"))
    #expect(throws: FigureFileError.self) { try FigureFile.render(items, title: "t", for: "x.png") }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "no-such-folder-\(UUID().uuidString)")
    #expect(throws: FigureFileError.self) {
      try FigureFile.write(items, title: "t", to: folder.appendingPathComponent("a.svg").path)
    }
  }

  @Test("run figures: a diverging run, a zero loss and a run with one point draw without a crash")
  func runFigures() throws {
    let formula = try Formula("0.5*(x^2 + 10*y^2)")
    var options = MinimizeOptions()
    options.maxIterations = 40
    func run(_ rate: Double) throws -> MinimizeResult {
      try minimize(
        formula.objective, from: [1, 1],
        method: FirstOrderMethod(GradientDescent(learningRate: rate)), options: options
      ).result
    }
    let good = try run(0.1)
    let diverging = try run(0.3)
    let still = try minimize(
      formula.objective, from: [0, 0], method: FirstOrderMethod(GradientDescent(learningRate: 0.1))
    ).result
    let items = RunFigures.make(
      objective: formula.objective,
      runs: [("good", good), ("diverging", diverging), ("at the minimum", still)],
      variables: ["x", "y"])
    #expect(items.count == 3)
    // The loss is 0 at the minimum: a log axis cannot show it, so the axis is linear.
    let loss = try #require(items[1].figure as? LinePlot)
    #expect(!loss.logY)
    for (k, item) in items.enumerated() {
      let svg = item.figure.svg(id: "r\(k)")
      #expect(svg.hasSuffix("</svg>\n") && svg.count > 1000)
    }
    let contour = try #require(items[0].figure as? ContourPlot)
    // Axis ranges contain every finite point of every run.
    for entry in good.trace + diverging.trace where entry.x.allSatisfy(\.isFinite) {
      #expect(contour.xs.first! <= entry.x[0] && entry.x[0] <= contour.xs.last!)
      #expect(contour.ys.first! <= entry.x[1] && entry.x[1] <= contour.ys.last!)
    }
  }
}

extension FigureFileTests {
  @Test("a landscape slice samples f on the plane and projects runs orthogonally")
  func landscapeSlice() throws {
    // f = ‖x‖² in 3-D; the plane through 0 spanned by e1 and e1 + e2 is the (x1, x2) plane.
    let objective = try Formula("x1^2 + x2^2 + x3^2").objective
    var options = MinimizeOptions()
    options.maxIterations = 3
    let trace = try minimize(
      objective, from: [1, 2, 5], method: FirstOrderMethod(GradientDescent(learningRate: 0.25)),
      options: options
    ).result.trace
    let plot = LandscapeSlicePlot.make(
      title: "slice", objective: objective, origin: [0, 0, 0], first: [2, 0, 0],
      second: [1, 1, 0], range: 2, runs: [("run", trace)], resolution: 5)
    // On the plane f = a² + b² exactly (products of small binary fractions).
    for (j, b) in plot.ys.enumerated() {
      for (i, a) in plot.xs.enumerated() { #expect(plot.values[j][i] == a * a + b * b) }
    }
    // The orthogonal projection onto that plane keeps x1 and x2 (exact: d₁ = e1, d₂ = e2).
    #expect(plot.trajectories[0].points == trace.map { Array($0.x.prefix(2)) })
    #expect(trace.count == 4)
  }
}
