/// Points of y against x in groups — the minimum ratio of a network's critical point against
/// its loss, a final loss against the learning rate — with optional log axes and labelled
/// reference lines.
///
/// ```
/// group g: a circle of colour series(g) at (xᵢ, yᵢ) for each i both axes can place
/// ```
///
/// Points that cannot be placed (non-finite, ≤ 0 on a log axis) are counted in a note.
public struct ScatterPlot: Figure {
  /// One group of points.
  public struct Group: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// x values.
    public var xs: [Double]
    /// y values, as many as `xs`.
    public var ys: [Double]

    /// A group; `xs` and `ys` must have the same length.
    public init(name: String, xs: [Double], ys: [Double]) {
      precondition(xs.count == ys.count, "group '\(name)': \(xs.count) x for \(ys.count) y")
      self.name = name
      self.xs = xs
      self.ys = ys
    }
  }

  /// The title.
  public var title: String
  /// The groups.
  public var groups: [Group]
  /// Axis labels with units.
  public var xLabel: String
  /// Axis labels with units.
  public var yLabel: String
  /// Log axes.
  public var logX: Bool
  /// Log axes.
  public var logY: Bool
  /// Vertical reference lines, dotted and labelled.
  public var verticalLines: [(name: String, x: Double)]
  /// Horizontal reference lines, dotted and labelled.
  public var horizontalLines: [(name: String, y: Double)]
  /// Size in pixels.
  public var width = 640.0
  /// Size in pixels.
  public var height = 400.0

  /// A scatter plot.
  public init(
    title: String, groups: [Group], xLabel: String, yLabel: String, logX: Bool = false,
    logY: Bool = false, verticalLines: [(name: String, x: Double)] = [],
    horizontalLines: [(name: String, y: Double)] = []
  ) {
    self.title = title
    self.groups = groups
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logX = logX
    self.logY = logY
    self.verticalLines = verticalLines
    self.horizontalLines = horizontalLines
  }

  /// The frame: axes over every point that can be placed and the reference lines.
  public var frame: PlotFrame {
    let xKind: Scale.Kind = logX ? .logarithmic : .linear
    let yKind: Scale.Kind = logY ? .logarithmic : .linear
    let x = Scale.domain(
      of: groups.flatMap(\.xs) + verticalLines.map(\.x), kind: xKind, padding: 0.08)
    let y = Scale.domain(
      of: groups.flatMap(\.ys) + horizontalLines.map(\.y), kind: yKind, padding: 0.08)
    return PlotFrame(
      width: width, height: height, x: (x.lower, x.upper, xKind), y: (y.lower, y.upper, yKind),
      title: title, xLabel: xLabel, yLabel: yLabel,
      legendWidth: PlotFrame.legendWidth(for: groups.map(\.name)))
  }

  public func svg(id: String) -> String {
    let frame = self.frame
    var svg = SVGDocument(width: width, height: height)
    frame.drawAxes(into: &svg)
    frame.openData(&svg, id: id)
    var missing = 0
    for (k, group) in groups.enumerated() {
      for (x, y) in zip(group.xs, group.ys) {
        guard let (px, py) = frame.pixel(x, y) else {
          missing += 1
          continue
        }
        svg.circle(
          x: px, y: py, radius: 4.5,
          attributes: [
            "class": "point", "data-series": group.name, "fill": Palette.series(k),
            "fill-opacity": "0.8", "stroke": "#FFFFFF", "stroke-width": "0.8",
          ])
      }
    }
    ReferenceLines.draw(vertical: verticalLines, horizontal: horizontalLines, in: frame, &svg)
    frame.closeData(&svg)
    var notes: [String] = []
    if groups.allSatisfy({ $0.xs.isEmpty }) { notes.append("no data: nothing to plot") }
    if missing > 0 { notes.append("\(missing) points not drawn (not finite or ≤ 0 on a log axis)") }
    frame.drawNotes(notes, into: &svg)
    frame.drawLegend(
      groups.enumerated().map {
        LegendEntry(name: $0.element.name, color: Palette.series($0.offset), style: .marker)
      }, into: &svg)
    return svg.rendered(label: title)
  }

  /// Every point.
  public var data: DataTable {
    var table = DataTable(columns: ["group", xLabel, yLabel])
    for g in groups {
      for (x, y) in zip(g.xs, g.ys) {
        table.append([g.name, DataTable.cell(x), DataTable.cell(y)])
      }
    }
    return table
  }
}
