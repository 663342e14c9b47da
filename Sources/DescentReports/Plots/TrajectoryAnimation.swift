import Foundation

/// The trajectories of a contour plot played step by step: a dot per run moves from iterate
/// to iterate in SVG's own animation (SMIL `<animate>`), which every current browser plays
/// offline with no script.
///
/// ```
/// dot of run r at time t:  pointᵣ(⌊t / secondsPerStep⌋)   (held at its last point)
/// ```
///
/// All runs advance together, one step per `secondsPerStep`, and the animation loops after a
/// one-second pause. A non-finite point holds the dot where it was; points outside the plot
/// move the dot out of the clipped area (it disappears there).
public struct TrajectoryAnimation: Figure {
  /// The still picture the dots move on (contours and paths).
  public var plot: ContourPlot
  /// Seconds per step.
  public var secondsPerStep: Double
  /// At most this many steps are animated (longer runs are subsampled evenly).
  public var maximumFrames: Int

  /// An animation of `plot`'s trajectories.
  public init(plot: ContourPlot, secondsPerStep: Double = 0.15, maximumFrames: Int = 120) {
    precondition(secondsPerStep > 0 && maximumFrames >= 2, "animation timing must be positive")
    self.plot = plot
    self.secondsPerStep = secondsPerStep
    self.maximumFrames = maximumFrames
  }

  /// The title.
  public var title: String { plot.title }

  /// The steps shown in each frame (0…longest run, subsampled to `maximumFrames`).
  public var frameSteps: [Int] {
    let longest = (plot.trajectories.map(\.points.count).max() ?? 1) - 1
    guard longest > 0 else { return [0] }
    let frames = Swift.min(longest + 1, maximumFrames)
    return (0..<frames).map { Int((Double($0) * Double(longest) / Double(frames - 1)).rounded()) }
  }

  /// The pixel of each run's dot in each frame.
  public func dotPixels() -> [[(Double, Double)]] {
    let frame = plot.frame
    let steps = frameSteps
    return plot.trajectories.map { trajectory in
      var last = trajectory.points.first.flatMap { frame.pixel($0[0], $0[1]) } ?? (-100, -100)
      return steps.map { step in
        let k = Swift.min(step, trajectory.points.count - 1)
        if k >= 0, let p = frame.pixel(trajectory.points[k][0], trajectory.points[k][1]) {
          // Keep far-away points just outside the clip area, never huge numbers.
          last = (
            Swift.min(Swift.max(p.0, -50), frame.width + 50),
            Swift.min(Swift.max(p.1, -50), frame.height + 50)
          )
        }
        return last
      }
    }
  }

  public func svg(id: String) -> String {
    var still = plot.svg(id: id)
    let steps = frameSteps
    let duration = Double(steps.count) * secondsPerStep + 1
    let keyTimes = steps.indices.map {
      $0 == 0 ? "0" : String(format: "%.5f", Double($0) * secondsPerStep / duration)
    }
    var markup = "<g class=\"animation\" clip-path=\"url(#\(SVGDocument.escape(id))-clip)\">"
    for (k, dots) in dotPixels().enumerated() {
      let xs = (dots.map { SVGDocument.number($0.0) } + [SVGDocument.number(dots.last!.0)])
      let ys = (dots.map { SVGDocument.number($0.1) } + [SVGDocument.number(dots.last!.1)])
      let times = (keyTimes + ["1"]).joined(separator: ";")
      let common =
        "dur=\"\(SVGDocument.number(duration))s\" repeatCount=\"indefinite\" calcMode=\"discrete\" keyTimes=\"\(times)\""
      markup +=
        "<circle class=\"moving\" r=\"7\" fill=\"\(Palette.series(k))\" stroke=\"#000000\" stroke-width=\"1.5\" "
        + "cx=\"\(xs[0])\" cy=\"\(ys[0])\">"
        + "<animate attributeName=\"cx\" values=\"\(xs.joined(separator: ";"))\" \(common)/>"
        + "<animate attributeName=\"cy\" values=\"\(ys.joined(separator: ";"))\" \(common)/>"
        + "</circle>"
    }
    markup += "</g>"
    if let close = still.range(of: "</svg>", options: .backwards) {
      still.replaceSubrange(close, with: markup + "\n</svg>")
    }
    return still
  }

  /// The positions in each frame (step, run, x, y).
  public var data: DataTable {
    var table = DataTable(columns: ["frame", "step", "series", "x", "y"])
    for (f, step) in frameSteps.enumerated() {
      for trajectory in plot.trajectories where !trajectory.points.isEmpty {
        let p = trajectory.points[Swift.min(step, trajectory.points.count - 1)]
        table.append([
          String(f), String(step), trajectory.name, DataTable.cell(p[0]), DataTable.cell(p[1]),
        ])
      }
    }
    return table
  }
}
