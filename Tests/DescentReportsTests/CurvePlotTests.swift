import Descent
import Foundation
import Testing

@testable import DescentReports

/// Line, scatter, spectrum and Taylor-slice plots, read back from the SVG.
@Suite("Curve plots")
struct CurvePlotTests {
  @Test("a loss curve: the polyline passes through every point, the axes contain them all")
  func lossCurve() throws {
    let losses = (0..<50).map { 3 * pow(0.8, Double($0)) }
    let plot = LinePlot(
      title: "loss", series: [.init(name: "gd", values: losses)], xLabel: "step",
      yLabel: "loss", logY: true)
    let frame = plot.frame
    #expect(frame.yScale.lower <= losses.min()! && frame.yScale.upper >= losses.max()!)
    #expect(frame.xScale.lower <= 0 && frame.xScale.upper >= 49)
    let svg = plot.svg(id: "l")
    let vertices = elements("polyline", in: svg).filter { $0.attributes["class"] == "series" }
      .flatMap(\.points)
    for (k, v) in losses.enumerated() {
      let p = try #require(frame.pixel(Double(k), v))
      // 0.0071 px: two-decimal coordinates.
      #expect(polyline(vertices, passesThrough: p, tolerance: 0.0071))
    }
    #expect(texts(in: svg).contains("gd"))
  }

  @Test("non-finite and non-positive values on a log axis are gaps with a note")
  func gaps() {
    let plot = LinePlot(
      title: "gaps",
      series: [.init(name: "s", values: [1, 0.1, .nan, 0.01, 0, -1, 1e-3, .infinity])],
      xLabel: "step", yLabel: "loss", logY: true)
    let svg = plot.svg(id: "g")
    let pieces = elements("polyline", in: svg).filter { $0.attributes["class"] == "series" }
    #expect(pieces.count == 1)  // 1 → 0.1; 0.01 and 1e-3 are single points (circles)
    #expect(pieces[0].points.count == 2)
    #expect(texts(in: svg).contains { $0.contains("4 points not drawn") })
    let empty = LinePlot(title: "empty", series: [], xLabel: "x", yLabel: "y")
    let text = empty.svg(id: "e")
    #expect(text.hasSuffix("</svg>\n"))
    #expect(texts(in: text).contains { $0.contains("no data") })
  }

  @Test("a fixed y range clips the curve at the edge and says so")
  func clippedRange() {
    let plot = LinePlot(
      title: "clip", series: [.init(name: "s", values: [1, 10, 1e6])], xLabel: "step",
      yLabel: "loss", yRange: (0, 20))
    let svg = plot.svg(id: "c")
    #expect(texts(in: svg).contains { $0.contains("clipped") })
    for (_, y) in elements("polyline", in: svg).flatMap(\.points) {
      #expect(y >= plot.frame.top - 1.01)
    }
  }

  @Test("a scatter plot draws one circle per placeable point inside the axes")
  func scatter() throws {
    var generator = SeededGenerator(seed: 3)
    let xs = (0..<40).map { _ in Double.random(in: 0...1, using: &generator) }
    let ys = xs.map { exp(-5 * $0) }
    let plot = ScatterPlot(
      title: "s", groups: [.init(name: "runs", xs: xs + [.nan], ys: ys + [1])], xLabel: "ratio",
      yLabel: "loss", logY: true, verticalLines: [("bound", 0.5)])
    let svg = plot.svg(id: "s")
    let points = elements("circle", in: svg).filter { $0.attributes["class"] == "point" }
    #expect(points.count == 40)
    for (point, (x, y)) in zip(points, zip(xs, ys)) {
      let p = try #require(plot.frame.pixel(x, y))
      #expect(abs(point.number("cx")! - p.0) <= 0.005 && abs(point.number("cy")! - p.1) <= 0.005)
      #expect(p.0 >= plot.frame.left && p.0 <= plot.frame.right)
      #expect(p.1 >= plot.frame.top && p.1 <= plot.frame.bottom)
    }
    #expect(texts(in: svg).contains { $0.contains("1 points not drawn") })
  }

  @Test("spectrum: counts add up, the density integrates to 1, one rug tick per eigenvalue")
  func spectrum() {
    var generator = SeededGenerator(seed: 5)
    let eigenvalues = (0..<60).map { _ in generator.nextNormal() * 2 + 1 } + [.nan]
    let plot = SpectrumPlot(title: "spectrum", eigenvalues: eigenvalues)
    #expect(plot.counts.reduce(0, +) == 60)
    // Trapezoid rule over ±12 bandwidths beyond the data: the Gaussian tails left out are
    // below 1e-30; 1e-4 covers the quadrature error with 4000 panels.
    let a = plot.finite.first! - 12 * plot.bandwidth
    let b = plot.finite.last! + 12 * plot.bandwidth
    let n = 4000
    let h = (b - a) / Double(n)
    var integral = 0.5 * (plot.density(at: a) + plot.density(at: b))
    for k in 1..<n { integral += plot.density(at: a + Double(k) * h) }
    #expect(abs(integral * h - 1) < 1e-4)
    let svg = plot.svg(id: "sp")
    #expect(elements("line", in: svg).filter { $0.attributes["class"] == "eigenvalue" }.count == 60)
    #expect(texts(in: svg).contains { $0.contains("1 eigenvalues not finite") })
    #expect(SpectrumPlot(title: "none", eigenvalues: []).svg(id: "n").hasSuffix("</svg>\n"))
  }

  @Test("the Taylor model is exact on a quadratic and errs by s⁴/4 on the lecture's slice")
  func taylor() throws {
    // f(s) = 3 − 2s + 1.5s²: value 3, slope −2, curvature 3 — the model is f itself.
    let offsets = (0...20).map { -1 + Double($0) / 10 }
    let quadratic = TaylorSlicePlot(
      title: "q", offsets: offsets, values: offsets.map { 3 - 2 * $0 + 1.5 * $0 * $0 }, value: 3,
      slope: -2, curvature: 3)
    // 1e-14: a few roundings of numbers below 10.
    for (m, v) in zip(quadratic.model, quadratic.values) { #expect(abs(m - v) < 1e-14) }

    // (1 − w1·w2)² along u = (1, 1)/√2 through the saddle: (1 − s²/2)² = 1 − s² + s⁴/4; its
    // second-order model from the exact Hessian is 1 − s².
    let objective = try Formula("(1 - w1*w2)^2").objective
    let u = [1 / 2.0.squareRoot(), 1 / 2.0.squareRoot()]
    let values = try offsets.map { s in try objective.value(at: u.map { s * $0 }) }
    let (f0, g, _) = try objective.valueGradientAndHessian(at: [0, 0])
    let hu = try objective.hessianVectorProduct(at: [0, 0], along: u)
    let slice = TaylorSlicePlot(
      title: "saddle", offsets: offsets, values: values, value: f0,
      slope: zip(g, u).reduce(0) { $0 + $1.0 * $1.1 },
      curvature: zip(hu, u).reduce(0) { $0 + $1.0 * $1.1 })
    for (s, (m, v)) in zip(offsets, zip(slice.model, slice.values)) {
      // 1e-14: the closed form, up to rounding of the 1/√2 products.
      #expect(abs((v - m) - pow(s, 4) / 4) < 1e-14)
    }
    let svg = slice.svg(id: "taylor")
    #expect(
      elements("polyline", in: svg).filter { $0.attributes["stroke-dasharray"] != nil }.count == 1)
  }
}

extension CurvePlotTests {
  @Test("few eigenvalues: one stem per distinct eigenvalue, as tall as its multiplicity")
  func stems() throws {
    let plot = SpectrumPlot(title: "saddle", eigenvalues: [-2, 2, 2, .infinity])
    #expect(plot.stems.map(\.value) == [-2, 2] && plot.stems.map(\.multiplicity) == [1, 2])
    let svg = plot.svg(id: "stems")
    let lines = elements("line", in: svg).filter { $0.attributes["class"] == "eigenvalue" }
    #expect(lines.count == 2)
    // Left to right, both from the axis; the stem of multiplicity 2 reaches twice as high.
    #expect(lines[0].number("x1")! < lines[1].number("x1")!)
    let base = try #require(lines[0].number("y1"))
    #expect(lines[1].number("y1") == base)
    let h1 = base - lines[0].number("y2")!
    let h2 = base - lines[1].number("y2")!
    // 0.02 px: two coordinates rounded to hundredths.
    #expect(abs(h2 - 2 * h1) <= 0.02)
    #expect(texts(in: svg).contains("λ = −2") && texts(in: svg).contains("λ = 2"))
    #expect(texts(in: svg).contains { $0.contains("1 eigenvalues not finite") })
  }
}
