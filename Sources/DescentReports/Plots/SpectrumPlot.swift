import Foundation

/// The eigenvalues of a Hessian: a histogram, a tick per eigenvalue along the axis (a
/// rug), and a Gaussian kernel density estimate scaled to the histogram's counts, with a
/// line at zero that separates directions of negative curvature from positive.
///
/// ```
/// density(λ) = (1 / (n·h)) Σᵢ φ((λ − λᵢ) / h),   φ the standard normal density
/// h          = 1.06 · σ̂ · n^(−1/5)  (Silverman), at least 2 % of the range (or 0.1)
/// drawn      = n · binWidth · density(λ)          (the histogram's units: count per bin)
/// ```
///
/// With fewer than ``stemLimit`` eigenvalues a histogram says little: each distinct
/// eigenvalue is drawn as a stem whose height is its multiplicity instead. Non-finite
/// eigenvalues are left out and counted in a note.
///
/// ## References
/// B. W. Silverman, *Density Estimation for Statistics and Data Analysis*, 1986, eq. (3.31).
public struct SpectrumPlot: Figure {
  /// The title.
  public var title: String
  /// The eigenvalues.
  public var eigenvalues: [Double]
  /// Axis label (with units if any).
  public var xLabel: String
  /// Size in pixels.
  public var width = 640.0
  /// Size in pixels.
  public var height = 380.0

  /// A spectrum plot of `eigenvalues`.
  public init(title: String, eigenvalues: [Double], xLabel: String = "eigenvalue λ of the Hessian")
  {
    self.title = title
    self.eigenvalues = eigenvalues
    self.xLabel = xLabel
  }

  /// Below this many finite eigenvalues the plot draws stems, not a histogram.
  public static let stemLimit = 10

  /// Distinct finite eigenvalues (equal within 10⁻⁹ relative) with their multiplicities.
  public var stems: [(value: Double, multiplicity: Int)] {
    var out: [(value: Double, multiplicity: Int)] = []
    for v in finite {
      if let last = out.last, abs(v - last.value) <= 1e-9 * max(1, abs(v)) {
        out[out.count - 1].multiplicity += 1
      } else {
        out.append((v, 1))
      }
    }
    return out
  }

  /// The finite eigenvalues, sorted.
  public var finite: [Double] { eigenvalues.filter(\.isFinite).sorted() }

  /// Bin edges of the histogram: about 2√n bins (4 to 40) over the padded range, including 0.
  public var binEdges: [Double] {
    let values = finite
    let domain = Scale.domain(of: values + [0], kind: .linear, padding: 0.08)
    let bins = Swift.min(40, Swift.max(4, Int((Double(values.count).squareRoot() * 2).rounded())))
    let width = (domain.upper - domain.lower) / Double(bins)
    return (0...bins).map { domain.lower + Double($0) * width }
  }

  /// Counts per bin (the last bin closed on the right).
  public var counts: [Int] {
    let edges = binEdges
    var counts = Array(repeating: 0, count: edges.count - 1)
    let width = edges[1] - edges[0]
    for v in finite {
      let k = Swift.min(
        counts.count - 1, Swift.max(0, Int(((v - edges[0]) / width).rounded(.down))))
      counts[k] += 1
    }
    return counts
  }

  /// Silverman's bandwidth, floored at 2 % of the range (0.1 when the range is 0).
  public var bandwidth: Double {
    let values = finite
    let n = Double(values.count)
    guard n >= 1 else { return 1 }
    let mean = values.reduce(0, +) / n
    let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Swift.max(1, n - 1))
      .squareRoot()
    let range = (values.last ?? 0) - (values.first ?? 0)
    let floor = range > 0 ? 0.02 * range : 0.1
    return Swift.max(1.06 * sd * pow(n, -0.2), floor)
  }

  /// The kernel density estimate at `lambda`.
  public func density(at lambda: Double) -> Double {
    let values = finite
    guard !values.isEmpty else { return 0 }
    let h = bandwidth
    let sum = values.reduce(0) { acc, v in
      let z = (lambda - v) / h
      return acc + exp(-0.5 * z * z)
    }
    return sum / (Double(values.count) * h * (2 * Double.pi).squareRoot())
  }

  public func svg(id: String) -> String {
    finite.count < Self.stemLimit ? stemSVG(id: id) : histogramSVG(id: id)
  }

  /// Stems at each distinct eigenvalue, as tall as its multiplicity.
  func stemSVG(id: String) -> String {
    let stems = self.stems
    let domain = Scale.domain(of: finite + [0], kind: .linear, padding: 0.15)
    let top = Double(stems.map(\.multiplicity).max() ?? 1) + 0.5
    let frame = PlotFrame(
      width: width, height: height, x: (domain.lower, domain.upper, .linear), y: (0, top, .linear),
      title: title, xLabel: xLabel, yLabel: "multiplicity",
      legendWidth: PlotFrame.legendWidth(for: ["eigenvalues"]))
    var svg = SVGDocument(width: width, height: height)
    frame.drawAxes(into: &svg)
    frame.openData(&svg, id: id)
    for stem in stems {
      guard let (x, y) = frame.pixel(stem.value, Double(stem.multiplicity)) else { continue }
      let color = Palette.series(stem.value < 0 ? 1 : 0)
      svg.line(
        x1: x, y1: frame.bottom, x2: x, y2: y,
        attributes: ["class": "eigenvalue", "stroke": color, "stroke-width": "3"])
      svg.circle(x: x, y: y, radius: 6, attributes: ["fill": color])
      svg.text(
        "λ = \(Ticks.label(stem.value, spacing: 0.001))", x: x, y: y - 12, anchor: "middle",
        size: 12, attributes: ["fill": Palette.ink])
    }
    ReferenceLines.draw(vertical: [("λ = 0", 0)], horizontal: [], in: frame, &svg)
    frame.closeData(&svg)
    var notes: [String] = []
    let left = eigenvalues.count - finite.count
    if left > 0 { notes.append("\(left) eigenvalues not finite: left out") }
    if finite.isEmpty { notes.append("no eigenvalues to draw") }
    frame.drawNotes(notes, into: &svg)
    frame.drawLegend(
      [
        LegendEntry(name: "negative", color: Palette.series(1), style: .marker),
        LegendEntry(name: "positive", color: Palette.series(0), style: .marker),
      ], into: &svg)
    return svg.rendered(label: title)
  }

  /// Histogram, kernel density and rug.
  func histogramSVG(id: String) -> String {
    let edges = binEdges
    let counts = self.counts
    let binWidth = edges[1] - edges[0]
    let n = Double(finite.count)
    let curveXs = (0...200).map {
      edges[0] + (edges[edges.count - 1] - edges[0]) * Double($0) / 200
    }
    let curveYs = curveXs.map { n * binWidth * density(at: $0) }
    let top = Swift.max(Double(counts.max() ?? 1), curveYs.max() ?? 1, 1) * 1.1
    let frame = PlotFrame(
      width: width, height: height, x: (edges[0], edges[edges.count - 1], .linear),
      y: (0, top, .linear), title: title, xLabel: xLabel, yLabel: "count per bin",
      legendWidth: PlotFrame.legendWidth(for: ["kernel density", "histogram"]))
    var svg = SVGDocument(width: width, height: height)
    frame.drawAxes(into: &svg)
    frame.openData(&svg, id: id)
    for (k, count) in counts.enumerated() where count > 0 {
      guard let (x0, y0) = frame.pixel(edges[k], Double(count)),
        let (x1, y1) = frame.pixel(edges[k + 1], 0)
      else { continue }
      svg.rectangle(
        x: x0 + 0.5, y: y0, width: x1 - x0 - 1, height: y1 - y0,
        attributes: ["class": "bin", "fill": Palette.series(5), "fill-opacity": "0.6"])
    }
    let curve = zip(curveXs, curveYs).compactMap { frame.pixel($0, $1) }
    if !finite.isEmpty {
      svg.polyline(
        curve,
        attributes: ["class": "density", "stroke": Palette.series(0), "stroke-width": "2"])
    }
    for v in finite {
      guard let p = frame.xScale.pixel(v) else { continue }
      svg.line(
        x1: p, y1: frame.bottom, x2: p, y2: frame.bottom - 12,
        attributes: ["class": "eigenvalue", "stroke": Palette.series(1), "stroke-width": "2"])
    }
    ReferenceLines.draw(vertical: [("λ = 0", 0)], horizontal: [], in: frame, &svg)
    frame.closeData(&svg)
    var notes: [String] = []
    let left = eigenvalues.count - finite.count
    if left > 0 { notes.append("\(left) eigenvalues not finite: left out") }
    if finite.isEmpty { notes.append("no eigenvalues to draw") }
    frame.drawNotes(notes, into: &svg)
    frame.drawLegend(
      [
        LegendEntry(name: "histogram", color: Palette.series(5), style: .band),
        LegendEntry(name: "kernel density", color: Palette.series(0)),
        LegendEntry(name: "eigenvalues", color: Palette.series(1)),
      ], into: &svg)
    return svg.rendered(label: title)
  }

  /// The eigenvalues.
  public var data: DataTable {
    DataTable(
      columns: ["index", "eigenvalue"],
      rows: eigenvalues.enumerated().map { [String($0.offset), DataTable.cell($0.element)] })
  }
}
