import Foundation

/// Contours of a 2-D objective sampled on a grid, with the trajectories of runs on top:
/// filled bands and/or lines at ``ContourLevels``, a polyline per run with a circle at its
/// start and a square at its end, crosses at marked points, and a legend.
///
/// ```
/// grid:  values[j][i] = f(xs[i], ys[j])
/// bands: cell colour = ramp(band of the cell's mean / number of bands)
/// lines: MarchingSquares.segments(…, level: cₖ) for every level cₖ
/// ```
///
/// The axes span the grid. Cells where f is not finite are left blank (a gap) and a note
/// says how many; trajectory points outside the grid are clipped at the edge, with a note.
public struct ContourPlot: Figure {
  /// The title.
  public var title: String
  /// x of the grid columns, increasing.
  public var xs: [Double]
  /// y of the grid rows, increasing.
  public var ys: [Double]
  /// f on the grid, row j at ys[j].
  public var values: [[Double]]
  /// The contour levels.
  public var levels: [Double]
  /// Whether to fill the bands between levels.
  public var filled: Bool
  /// Runs drawn on top.
  public var trajectories: [Trajectory]
  /// Labelled points (a saddle, the minima), drawn as crosses.
  public var marks: [(name: String, x: Double, y: Double)]
  /// Axis labels.
  public var xLabel: String
  /// Axis labels.
  public var yLabel: String
  /// Size in pixels.
  public var width = 760.0
  /// Size in pixels.
  public var height = 500.0

  /// A contour plot of `values` with levels chosen by `spacing` unless given.
  public init(
    title: String, xs: [Double], ys: [Double], values: [[Double]], levels: [Double]? = nil,
    spacing: ContourLevels.Spacing = .automatic, filled: Bool = true,
    trajectories: [Trajectory] = [], marks: [(name: String, x: Double, y: Double)] = [],
    xLabel: String = "x", yLabel: String = "y"
  ) {
    precondition(
      values.count == ys.count && values.allSatisfy { $0.count == xs.count },
      "contour grid: \(values.count) rows for \(ys.count) y values, each \(xs.count) wide")
    precondition(
      xs.count >= 2 && ys.count >= 2 && zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 }
        && zip(ys, ys.dropFirst()).allSatisfy { $0 < $1 },
      "contour grid coordinates must be increasing, at least 2 each")
    self.title = title
    self.xs = xs
    self.ys = ys
    self.values = values
    self.levels = levels ?? ContourLevels.choose(for: values.flatMap { $0 }, spacing: spacing)
    self.filled = filled
    self.trajectories = trajectories
    self.marks = marks
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// Samples `f` on an evenly spaced `resolution`×`resolution` grid over the ranges; a
  /// sample that throws is NaN (drawn as a gap).
  public static func grid(
    x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 81,
    _ f: ([Double]) throws -> Double
  ) -> (xs: [Double], ys: [Double], values: [[Double]]) {
    precondition(resolution >= 2, "grid resolution \(resolution) must be ≥ 2")
    let n = Double(resolution - 1)
    let xs = (0..<resolution).map { x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / n }
    let ys = (0..<resolution).map { y.lowerBound + (y.upperBound - y.lowerBound) * Double($0) / n }
    let values = ys.map { yv in xs.map { xv in (try? f([xv, yv])) ?? .nan } }
    return (xs, ys, values)
  }

  /// The frame: axes over the grid, a legend for the runs.
  public var frame: PlotFrame {
    let names = trajectories.map(\.name) + marks.map(\.name) + [Self.markerLegend]
    return PlotFrame(
      width: width, height: height, x: (xs[0], xs[xs.count - 1], .linear),
      y: (ys[0], ys[ys.count - 1], .linear), title: title, xLabel: xLabel, yLabel: yLabel,
      legendWidth: PlotFrame.legendWidth(for: names))
  }

  /// The legend line that explains the start and end markers.
  static let markerLegend = "start ○  end □"

  /// Cells with a non-finite corner.
  public var nonFiniteCells: Int {
    var count = 0
    for j in 0..<(ys.count - 1) {
      for i in 0..<(xs.count - 1)
      where ![values[j][i], values[j][i + 1], values[j + 1][i], values[j + 1][i + 1]]
        .allSatisfy(\.isFinite)
      {
        count += 1
      }
    }
    return count
  }

  public func svg(id: String) -> String {
    let frame = self.frame
    var svg = SVGDocument(width: width, height: height)
    frame.drawAxes(into: &svg)
    frame.openData(&svg, id: id)
    if filled && !levels.isEmpty { drawBands(frame, &svg) }
    drawLines(frame, &svg)
    var notes: [String] = []
    let gaps = nonFiniteCells
    if gaps > 0 { notes.append("blank: f is not finite in \(gaps) grid cells") }
    if levels.isEmpty { notes.append("no contours: f is constant or not finite on the grid") }
    var outside = 0
    for (k, trajectory) in trajectories.enumerated() {
      outside += TrajectoryDrawing.draw(trajectory, color: Palette.series(k), in: frame, &svg)
    }
    for mark in marks {
      guard let (px, py) = frame.pixel(mark.x, mark.y) else { continue }
      let d =
        "M\(n(px - 6)),\(n(py - 6))L\(n(px + 6)),\(n(py + 6))M\(n(px - 6)),\(n(py + 6))L\(n(px + 6)),\(n(py - 6))"
      svg.element("path", ["d": d, "stroke": Palette.ink, "stroke-width": "2.5", "class": "mark"])
    }
    frame.closeData(&svg)
    if outside > 0 { notes.append("\(outside) points outside the plot: the paths are clipped") }
    if trajectories.contains(where: { $0.points.isEmpty }) {
      notes.append("a run with no points is listed but not drawn")
    }
    frame.drawNotes(notes, into: &svg)
    var legend = trajectories.enumerated().map {
      LegendEntry(name: $0.element.name, color: Palette.series($0.offset))
    }
    legend += marks.map { LegendEntry(name: $0.name, color: Palette.ink, style: .cross) }
    if !trajectories.isEmpty {
      legend.append(LegendEntry(name: Self.markerLegend, color: Palette.ink, style: .marker))
    }
    frame.drawLegend(legend, into: &svg)
    if filled && !levels.isEmpty {
      drawColourKey(frame, top: frame.top + 10 + Double(legend.count) * 20 + 14, &svg)
    }
    return svg.rendered(label: title)
  }

  private func n(_ v: Double) -> String { SVGDocument.number(v) }

  /// The bands' colours stacked low (bottom) to high (top) in the legend margin, with the
  /// level between each pair of bands written beside it (every k-th when crowded).
  private func drawColourKey(_ frame: PlotFrame, top: Double, _ svg: inout SVGDocument) {
    let available = frame.bottom - top - 16
    let bands = levels.count + 1
    guard available > 60 else { return }
    let height = Swift.min(14, available / Double(bands))
    let x = frame.right + 14
    svg.openGroup(["class": "colour-key"])
    svg.text("f", x: x, y: top - 4, size: 12, attributes: ["fill": Palette.ink])
    let every = Swift.max(
      1, Int((Double(levels.count) * 12 / (height * Double(bands))).rounded(.up)))
    for band in 0..<bands {
      let y = top + Double(bands - 1 - band) * height
      svg.rectangle(
        x: x, y: y, width: 16, height: height,
        attributes: ["fill": Palette.ramp(Double(band) / Double(levels.count))])
      if band < levels.count, band % every == 0 {
        svg.text(
          Ticks.label(levels[band]), x: x + 22, y: y + 4, size: 10,
          attributes: ["fill": Palette.ink])
      }
    }
    svg.rectangle(
      x: x, y: top, width: 16, height: height * Double(bands),
      attributes: ["fill": "none", "stroke": Palette.grid])
    svg.closeGroup()
  }

  private func drawBands(_ frame: PlotFrame, _ svg: inout SVGDocument) {
    let bands = Double(levels.count)
    svg.openGroup(["class": "bands", "shape-rendering": "crispEdges"])
    for j in 0..<(ys.count - 1) {
      guard let yTop = frame.yScale.pixel(ys[j + 1]), let yBottom = frame.yScale.pixel(ys[j])
      else { continue }
      var runStart = 0
      var runBand: Int? = nil
      func flush(_ end: Int) {
        guard let band = runBand, let x0 = frame.xScale.pixel(xs[runStart]),
          let x1 = frame.xScale.pixel(xs[end])
        else { return }
        svg.rectangle(
          x: x0, y: yTop, width: x1 - x0 + 0.5, height: yBottom - yTop + 0.5,
          attributes: ["fill": Palette.ramp(Double(band) / bands)])
      }
      for i in 0..<(xs.count - 1) {
        let corners = [values[j][i], values[j][i + 1], values[j + 1][i], values[j + 1][i + 1]]
        let band: Int? =
          corners.allSatisfy(\.isFinite)
          ? levels.filter { $0 <= corners.reduce(0, +) / 4 }.count : nil
        if band != runBand {
          flush(i)
          runStart = i
          runBand = band
        }
      }
      flush(xs.count - 1)
    }
    svg.closeGroup()
  }

  private func drawLines(_ frame: PlotFrame, _ svg: inout SVGDocument) {
    svg.openGroup([
      "class": "contours", "stroke": "#555555", "stroke-width": "0.8", "fill": "none",
      "stroke-opacity": "0.7",
    ])
    for level in levels {
      var d = ""
      for segment in MarchingSquares.segments(xs: xs, ys: ys, values: values, level: level) {
        guard let a = frame.pixel(segment.start.x, segment.start.y),
          let b = frame.pixel(segment.end.x, segment.end.y)
        else { continue }
        d += "M\(n(a.0)),\(n(a.1))L\(n(b.0)),\(n(b.1))"
      }
      if !d.isEmpty { svg.element("path", ["d": d, "data-level": DataTable.cell(level)]) }
    }
    svg.closeGroup()
  }

  /// The runs' points (method, step, x, y, f) and the contour levels.
  public var data: DataTable {
    var table = DataTable(columns: ["series", "step", "x", "y", "value"])
    for trajectory in trajectories {
      for (k, p) in trajectory.points.enumerated() {
        table.append([
          trajectory.name, String(k), DataTable.cell(p[0]), DataTable.cell(p[1]),
          DataTable.cell(trajectory.values[k]),
        ])
      }
    }
    for level in levels { table.append(["contour level", "", "", "", DataTable.cell(level)]) }
    return table
  }
}
