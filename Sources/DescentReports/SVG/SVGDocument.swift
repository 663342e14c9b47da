import Foundation

/// A small builder for SVG documents: elements appended as text, every attribute value and
/// text node escaped, numbers written with at most two decimals (a hundredth of a pixel).
///
/// ```
/// var svg = SVGDocument(width: 640, height: 420)
/// svg.line(x1: 0, y1: 0, x2: 10, y2: 10, attributes: ["stroke": "#000"])
/// let text = svg.rendered()   // "<svg xmlns=… viewBox=\"0 0 640 420\" …>…</svg>"
/// ```
///
/// Plots build on it; it knows nothing about data. The output is standalone SVG 1.1 that
/// can also be inlined in HTML (no XML declaration, no external references).
public struct SVGDocument: Sendable {
  /// Width in user units (pixels).
  public let width: Double
  /// Height in user units (pixels).
  public let height: Double
  /// The elements written so far, in order.
  public private(set) var body: [String] = []

  /// An empty document of the given size.
  public init(width: Double, height: Double) {
    precondition(
      width > 0 && height > 0 && width.isFinite && height.isFinite,
      "SVG size \(width)×\(height) must be positive and finite")
    self.width = width
    self.height = height
  }

  /// Escapes `&`, `<`, `>`, `"` and `'` for use in text nodes and attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// A coordinate with at most two decimals and no trailing zeros ("12.5", "-3", "0.07").
  public static func number(_ value: Double) -> String {
    precondition(value.isFinite, "SVG coordinate \(value) is not finite")
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() {
      return Swift.abs(rounded) < 1e15 ? String(Int(rounded)) : String(format: "%.0f", rounded)
    }
    var text = String(format: "%.2f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }

  /// `name="value"` pairs, sorted by name so output is stable, values escaped.
  static func attributeText(_ attributes: [String: String]) -> String {
    attributes.sorted { $0.key < $1.key }
      .map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
  }

  /// Appends an element with attributes and optional text content (escaped).
  public mutating func element(
    _ name: String, _ attributes: [String: String] = [:], text: String? = nil
  ) {
    let open = "<\(name)\(Self.attributeText(attributes))"
    if let text {
      body.append("\(open)>\(Self.escape(text))</\(name)>")
    } else {
      body.append("\(open)/>")
    }
  }

  /// Appends raw markup produced by another builder (already escaped).
  public mutating func raw(_ markup: String) { body.append(markup) }

  /// Opens a group; close it with ``closeGroup()``.
  public mutating func openGroup(_ attributes: [String: String] = [:]) {
    body.append("<g\(Self.attributeText(attributes))>")
  }

  /// Closes the innermost open group.
  public mutating func closeGroup() { body.append("</g>") }

  /// A straight line.
  public mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, attributes: [String: String] = [:]
  ) {
    var all = attributes
    all["x1"] = Self.number(x1)
    all["y1"] = Self.number(y1)
    all["x2"] = Self.number(x2)
    all["y2"] = Self.number(y2)
    element("line", all)
  }

  /// A rectangle.
  public mutating func rectangle(
    x: Double, y: Double, width: Double, height: Double, attributes: [String: String] = [:]
  ) {
    var all = attributes
    all["x"] = Self.number(x)
    all["y"] = Self.number(y)
    all["width"] = Self.number(Swift.max(0, width))
    all["height"] = Self.number(Swift.max(0, height))
    element("rect", all)
  }

  /// A circle.
  public mutating func circle(
    x: Double, y: Double, radius: Double, attributes: [String: String] = [:]
  ) {
    var all = attributes
    all["cx"] = Self.number(x)
    all["cy"] = Self.number(y)
    all["r"] = Self.number(radius)
    element("circle", all)
  }

  /// A polyline through `points` (pixel coordinates), written "x,y x,y …".
  public mutating func polyline(_ points: [(Double, Double)], attributes: [String: String] = [:]) {
    var all = attributes
    all["points"] = Self.pointList(points)
    all["fill"] = all["fill"] ?? "none"
    element("polyline", all)
  }

  /// Points as an SVG `points` attribute value.
  public static func pointList(_ points: [(Double, Double)]) -> String {
    points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
  }

  /// Text at a point; `anchor` is `start`, `middle` or `end`.
  public mutating func text(
    _ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
    attributes: [String: String] = [:]
  ) {
    var all = attributes
    all["x"] = Self.number(x)
    all["y"] = Self.number(y)
    all["text-anchor"] = anchor
    all["font-size"] = Self.number(size)
    element("text", all, text: content)
  }

  /// The document as SVG text: the root element with `viewBox`, width and height, a
  /// default font, and the body.
  public func rendered(label: String? = nil) -> String {
    var root: [String: String] = [
      "xmlns": "http://www.w3.org/2000/svg",
      "viewBox": "0 0 \(Self.number(width)) \(Self.number(height))",
      "width": Self.number(width),
      "height": Self.number(height),
      "font-family": "Helvetica, Arial, sans-serif",
    ]
    if let label {
      root["role"] = "img"
      root["aria-label"] = label
    }
    return "<svg\(Self.attributeText(root))>\n" + body.joined(separator: "\n") + "\n</svg>\n"
  }
}
