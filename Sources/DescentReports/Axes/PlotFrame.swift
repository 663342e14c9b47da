/// The rectangle a plot draws in, its two scales, and the furniture around it: background,
/// grid, ticks with labels, axis labels, title, notes and a legend at the right.
///
/// ```
/// plot area = [left, width − right] × [top, height − bottom]   (pixels)
/// x pixel   = xScale.pixel(x),   y pixel = yScale.pixel(y)   (y grows downwards)
/// ```
///
/// Data drawn inside ``openData(_:id:)`` … ``closeData(_:)`` is clipped to the plot area,
/// so a diverging trajectory leaves the picture at its edge instead of covering the page.
public struct PlotFrame: Sendable {
  /// Document width in pixels.
  public var width: Double
  /// Document height in pixels.
  public var height: Double
  /// Left edge of the plot area.
  public var left: Double
  /// Right edge of the plot area.
  public var right: Double
  /// Top edge of the plot area.
  public var top: Double
  /// Bottom edge of the plot area.
  public var bottom: Double
  /// Horizontal scale (pixels `left…right`).
  public var xScale: Scale
  /// Vertical scale (pixels `bottom…top`).
  public var yScale: Scale
  /// Title above the plot.
  public var title: String
  /// Label under the x axis, with units.
  public var xLabel: String
  /// Label beside the y axis, with units.
  public var yLabel: String

  /// A frame of `width`×`height` pixels with room for a legend of `legendWidth` pixels at
  /// the right (0: none).
  public init(
    width: Double = 640, height: Double = 420,
    x: (lower: Double, upper: Double, kind: Scale.Kind),
    y: (lower: Double, upper: Double, kind: Scale.Kind),
    title: String, xLabel: String, yLabel: String, legendWidth: Double = 0
  ) {
    self.width = width
    self.height = height
    left = 74
    right = width - 20 - legendWidth
    top = 34
    bottom = height - 50
    xScale = Scale(kind: x.kind, lower: x.lower, upper: x.upper, start: left, end: right)
    yScale = Scale(kind: y.kind, lower: y.lower, upper: y.upper, start: bottom, end: top)
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// The pixel of a data point, nil when either coordinate cannot be placed.
  public func pixel(_ x: Double, _ y: Double) -> (Double, Double)? {
    guard let px = xScale.pixel(x), let py = yScale.pixel(y) else { return nil }
    return (px, py)
  }

  /// Background, grid, ticks, tick labels, axis labels and title.
  public func drawAxes(into svg: inout SVGDocument) {
    svg.rectangle(x: 0, y: 0, width: width, height: height, attributes: ["fill": "#FFFFFF"])
    let ink = Palette.ink
    let xTicks = xScale.ticks
    let yTicks = yScale.ticks
    let xSpacing = xTicks.count > 1 ? xTicks[1] - xTicks[0] : nil
    let ySpacing = yTicks.count > 1 ? yTicks[1] - yTicks[0] : nil
    svg.openGroup(["class": "grid", "stroke": Palette.grid, "stroke-width": "1"])
    for t in xTicks { if let p = xScale.pixel(t) { svg.line(x1: p, y1: top, x2: p, y2: bottom) } }
    for t in yTicks { if let p = yScale.pixel(t) { svg.line(x1: left, y1: p, x2: right, y2: p) } }
    svg.closeGroup()
    svg.openGroup(["class": "axes", "fill": ink])
    for t in xTicks {
      guard let p = xScale.pixel(t) else { continue }
      svg.line(x1: p, y1: bottom, x2: p, y2: bottom + 5, attributes: ["stroke": ink])
      let label = Ticks.label(t, spacing: xScale.kind == .linear ? xSpacing : nil)
      svg.text(label, x: p, y: bottom + 18, anchor: "middle", size: 11)
    }
    for t in yTicks {
      guard let p = yScale.pixel(t) else { continue }
      svg.line(x1: left - 5, y1: p, x2: left, y2: p, attributes: ["stroke": ink])
      let label = Ticks.label(t, spacing: yScale.kind == .linear ? ySpacing : nil)
      svg.text(label, x: left - 8, y: p + 4, anchor: "end", size: 11)
    }
    svg.rectangle(
      x: left, y: top, width: right - left, height: bottom - top,
      attributes: ["fill": "none", "stroke": ink])
    svg.text(xLabel, x: (left + right) / 2, y: height - 12, anchor: "middle", size: 13)
    let middle = (top + bottom) / 2
    svg.text(
      yLabel, x: 16, y: middle, anchor: "middle", size: 13,
      attributes: ["transform": "rotate(-90 16 \(SVGDocument.number(middle)))"])
    svg.text(title, x: left, y: 22, size: 15, attributes: ["font-weight": "bold"])
    svg.closeGroup()
  }

  /// Opens a group clipped to the plot area; `id` must be unique in the page.
  public func openData(_ svg: inout SVGDocument, id: String) {
    svg.raw(
      "<defs><clipPath id=\"\(SVGDocument.escape(id))-clip\"><rect x=\"\(SVGDocument.number(left))\" "
        + "y=\"\(SVGDocument.number(top))\" width=\"\(SVGDocument.number(right - left))\" "
        + "height=\"\(SVGDocument.number(bottom - top))\"/></clipPath></defs>")
    svg.openGroup(["clip-path": "url(#\(id)-clip)", "class": "data"])
  }

  /// Closes the clipped group.
  public func closeData(_ svg: inout SVGDocument) { svg.closeGroup() }

  /// Notes (what was left out and why), one line each at the bottom left of the plot area.
  public func drawNotes(_ notes: [String], into svg: inout SVGDocument) {
    for (i, note) in notes.enumerated() {
      let y = bottom - 8 - Double(notes.count - 1 - i) * 15
      svg.rectangle(
        x: left + 4, y: y - 11, width: Double(note.count) * 6 + 8, height: 15,
        attributes: ["fill": "#FFFFFF", "fill-opacity": "0.85"])
      svg.text(
        note, x: left + 8, y: y, size: 11,
        attributes: ["class": "note", "fill": Palette.ink, "font-style": "italic"])
    }
  }

  /// A legend in the margin at the right: a swatch and a name per entry.
  public func drawLegend(_ entries: [LegendEntry], into svg: inout SVGDocument) {
    guard !entries.isEmpty else { return }
    let x = right + 14
    svg.openGroup(["class": "legend"])
    for (i, entry) in entries.enumerated() {
      let y = top + 10 + Double(i) * 20
      switch entry.style {
      case .line(let dashed):
        var attributes = ["stroke": entry.color, "stroke-width": "2.5"]
        if dashed { attributes["stroke-dasharray"] = "6 4" }
        svg.line(x1: x, y1: y, x2: x + 22, y2: y, attributes: attributes)
      case .marker:
        svg.circle(x: x + 11, y: y, radius: 4, attributes: ["fill": entry.color])
      case .cross:
        let d = "M\(x + 6),\(y - 5)L\(x + 16),\(y + 5)M\(x + 6),\(y + 5)L\(x + 16),\(y - 5)"
        svg.element("path", ["d": d, "stroke": entry.color, "stroke-width": "2.5"])
      case .band:
        svg.rectangle(
          x: x, y: y - 6, width: 22, height: 12,
          attributes: ["fill": entry.color, "stroke": Palette.grid])
      }
      svg.text(entry.name, x: x + 28, y: y + 4, size: 12, attributes: ["fill": Palette.ink])
    }
    svg.closeGroup()
  }

  /// The legend width that fits `names` at 12 px (about 6.6 px per character).
  public static func legendWidth(for names: [String]) -> Double {
    guard let longest = names.map(\.count).max() else { return 0 }
    return Swift.min(260, 50 + Double(longest) * 6.6)
  }
}

/// One line of a legend.
public struct LegendEntry: Sendable, Equatable {
  /// How the swatch is drawn.
  public enum Style: Sendable, Equatable {
    case line(dashed: Bool)
    case marker
    case cross
    case band
  }
  /// The text.
  public var name: String
  /// The colour (CSS).
  public var color: String
  /// The swatch.
  public var style: Style

  /// An entry.
  public init(name: String, color: String, style: Style = .line(dashed: false)) {
    self.name = name
    self.color = color
    self.style = style
  }
}
