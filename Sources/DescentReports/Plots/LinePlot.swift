/// Curves of y against x — loss against step, learning rate against step — with a linear or
/// logarithmic y axis.
///
/// ```
/// series s: polyline through (xᵢ, yᵢ) for the i where both can be placed on the axes
/// ```
///
/// A value that cannot be placed (NaN, ±∞, or ≤ 0 on a log axis) breaks the curve: a gap,
/// counted in a note. The axes contain every point that can be placed, unless a y range is
/// given, in which case points beyond it are clipped at the edge with a note.
public struct LinePlot: Figure {
  /// One curve.
  public struct Series: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// x values.
    public var xs: [Double]
    /// y values, as many as `xs`.
    public var ys: [Double]
    /// Dashed line (a model, a bound).
    public var dashed: Bool

    /// A curve; `xs` and `ys` must have the same length.
    public init(name: String, xs: [Double], ys: [Double], dashed: Bool = false) {
      precondition(xs.count == ys.count, "series '\(name)': \(xs.count) x for \(ys.count) y")
      self.name = name
      self.xs = xs
      self.ys = ys
      self.dashed = dashed
    }

    /// y against its index 0, 1, 2, … (a loss per step).
    public init(name: String, values: [Double], dashed: Bool = false) {
      self.init(name: name, xs: values.indices.map(Double.init), ys: values, dashed: dashed)
    }
  }

  /// The title.
  public var title: String
  /// The curves.
  public var series: [Series]
  /// Axis label with units.
  public var xLabel: String
  /// Axis label with units.
  public var yLabel: String
  /// Logarithmic y axis.
  public var logY: Bool
  /// A fixed y range; nil: every point that can be placed.
  public var yRange: (lower: Double, upper: Double)?
  /// Vertical reference lines (a bound, a milestone), dotted, labelled.
  public var verticalLines: [(name: String, x: Double)]
  /// Horizontal reference lines, dotted, labelled.
  public var horizontalLines: [(name: String, y: Double)]
  /// Size in pixels.
  public var width = 640.0
  /// Size in pixels.
  public var height = 400.0

  /// A line plot.
  public init(
    title: String, series: [Series], xLabel: String, yLabel: String, logY: Bool = false,
    yRange: (lower: Double, upper: Double)? = nil,
    verticalLines: [(name: String, x: Double)] = [],
    horizontalLines: [(name: String, y: Double)] = []
  ) {
    self.title = title
    self.series = series
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logY = logY
    self.yRange = yRange
    self.verticalLines = verticalLines
    self.horizontalLines = horizontalLines
  }

  /// The frame: axes over every point that can be placed.
  public var frame: PlotFrame {
    let yKind: Scale.Kind = logY ? .logarithmic : .linear
    let xDomain = Scale.domain(
      of: series.flatMap(\.xs) + verticalLines.map(\.x), kind: .linear, padding: 0)
    let y =
      yRange
      ?? Scale.domain(of: series.flatMap(\.ys) + horizontalLines.map(\.y), kind: yKind)
    return PlotFrame(
      width: width, height: height, x: (xDomain.lower, xDomain.upper, .linear),
      y: (y.lower, y.upper, yKind), title: title, xLabel: xLabel, yLabel: yLabel,
      legendWidth: PlotFrame.legendWidth(for: series.map(\.name)))
  }

  public func svg(id: String) -> String {
    let frame = self.frame
    var svg = SVGDocument(width: width, height: height)
    frame.drawAxes(into: &svg)
    frame.openData(&svg, id: id)
    var gaps = 0
    var clipped = 0
    for (k, s) in series.enumerated() {
      let pixels = zip(s.xs, s.ys).map { frame.pixel($0, $1) }
      gaps += pixels.filter { $0 == nil }.count
      clipped +=
        pixels.compactMap { $0 }.filter {
          !Clipping.inside(
            $0, frame.left - 0.5, frame.right + 0.5, frame.top - 0.5, frame.bottom + 0.5)
        }.count
      var attributes = [
        "class": "series", "data-series": s.name, "stroke": Palette.series(k),
        "stroke-width": "2", "stroke-linejoin": "round",
      ]
      if s.dashed { attributes["stroke-dasharray"] = "7 4" }
      let pieces = Clipping.pieces(
        pixels, left: frame.left - 1, right: frame.right + 1, top: frame.top - 1,
        bottom: frame.bottom + 1)
      for piece in pieces {
        if piece.count == 1 {
          svg.circle(
            x: piece[0].0, y: piece[0].1, radius: 2.5, attributes: ["fill": Palette.series(k)])
        } else {
          svg.polyline(piece, attributes: attributes)
        }
      }
    }
    ReferenceLines.draw(vertical: verticalLines, horizontal: horizontalLines, in: frame, &svg)
    frame.closeData(&svg)
    var notes: [String] = []
    if series.allSatisfy({ $0.xs.isEmpty }) { notes.append("no data: the runs recorded no points") }
    if gaps > 0 {
      notes.append(
        "\(gaps) points not drawn (\(logY ? "not finite or ≤ 0 on the log axis" : "not finite")): gaps"
      )
    }
    if clipped > 0 { notes.append("\(clipped) points beyond the axes: clipped at the edge") }
    frame.drawNotes(notes, into: &svg)
    frame.drawLegend(
      series.enumerated().map {
        LegendEntry(
          name: $0.element.name, color: Palette.series($0.offset),
          style: .line(dashed: $0.element.dashed))
      }, into: &svg)
    return svg.rendered(label: title)
  }

  /// Every point of every series.
  public var data: DataTable {
    var table = DataTable(columns: ["series", xLabel, yLabel])
    for s in series {
      for (x, y) in zip(s.xs, s.ys) {
        table.append([s.name, DataTable.cell(x), DataTable.cell(y)])
      }
    }
    return table
  }
}

/// Dotted, labelled reference lines across a frame.
enum ReferenceLines {
  static func draw(
    vertical: [(name: String, x: Double)], horizontal: [(name: String, y: Double)],
    in frame: PlotFrame, _ svg: inout SVGDocument
  ) {
    let style = [
      "stroke": Palette.ink, "stroke-width": "1.2", "stroke-dasharray": "2 3",
      "class": "reference",
    ]
    for line in vertical {
      guard let p = frame.xScale.pixel(line.x) else { continue }
      svg.line(x1: p, y1: frame.top, x2: p, y2: frame.bottom, attributes: style)
      svg.text(
        line.name, x: p + 4, y: frame.bottom - 6, size: 11, attributes: ["fill": Palette.ink])
    }
    for line in horizontal {
      guard let p = frame.yScale.pixel(line.y) else { continue }
      svg.line(x1: frame.left, y1: p, x2: frame.right, y2: p, attributes: style)
      svg.text(
        line.name, x: frame.right - 4, y: p - 4, anchor: "end", size: 11,
        attributes: ["fill": Palette.ink])
    }
  }
}
