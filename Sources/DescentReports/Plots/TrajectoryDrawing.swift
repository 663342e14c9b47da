/// Draws one trajectory in a frame: the visible pieces of its path as polylines of class
/// `trajectory`, a dot per iterate (up to 400), a circle at the start and a square at the
/// last finite point.
enum TrajectoryDrawing {
  /// Draws and returns how many finite points fall outside the plot area.
  @discardableResult
  static func draw(
    _ trajectory: Trajectory, color: String, in frame: PlotFrame, _ svg: inout SVGDocument,
    dashed: Bool = false
  ) -> Int {
    let pixels: [(Double, Double)?] = trajectory.points.map { frame.pixel($0[0], $0[1]) }
    let outside = pixels.compactMap { $0 }.filter {
      !Clipping.inside($0, frame.left, frame.right, frame.top, frame.bottom)
    }.count
    var attributes = [
      "class": "trajectory", "data-series": trajectory.name, "stroke": color,
      "stroke-width": "2", "stroke-linejoin": "round",
    ]
    if dashed { attributes["stroke-dasharray"] = "6 4" }
    let pieces = Clipping.pieces(
      pixels, left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom)
    for piece in pieces where piece.count >= 2 { svg.polyline(piece, attributes: attributes) }
    let visible = pixels.compactMap { $0 }.filter {
      Clipping.inside($0, frame.left, frame.right, frame.top, frame.bottom)
    }
    if visible.count <= 400 {
      for p in visible { svg.circle(x: p.0, y: p.1, radius: 1.8, attributes: ["fill": color]) }
    }
    if let first = pixels.first, let start = first,
      Clipping.inside(start, frame.left, frame.right, frame.top, frame.bottom)
    {
      svg.circle(
        x: start.0, y: start.1, radius: 5.5,
        attributes: [
          "fill": "#FFFFFF", "stroke": color, "stroke-width": "2.5", "class": "start",
        ])
    }
    if let last = pixels.last(where: { $0 != nil }), let end = last,
      Clipping.inside(end, frame.left, frame.right, frame.top, frame.bottom)
    {
      svg.rectangle(
        x: end.0 - 5, y: end.1 - 5, width: 10, height: 10,
        attributes: ["fill": color, "stroke": "#FFFFFF", "stroke-width": "1.5", "class": "end"])
    }
    return outside
  }
}
