import Foundation

// Reading rendered SVG back: the elements of one name with their attributes, and the
// numbers of a `points` list, so tests check what was drawn rather than how it looks.

/// One element: its name and attributes (values unescaped).
struct SVGElement {
  var name: String
  var attributes: [String: String]

  func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }

  /// The `points` attribute as (x, y) pairs.
  var points: [(Double, Double)] {
    (attributes["points"] ?? "").split(separator: " ").compactMap { pair in
      let xy = pair.split(separator: ",").compactMap { Double($0) }
      return xy.count == 2 ? (xy[0], xy[1]) : nil
    }
  }
}

/// Every `<name …>` element of `svg`, in document order.
func elements(_ name: String, in svg: String) -> [SVGElement] {
  let pattern = "<\(name)((?:\\s+[a-zA-Z0-9:-]+=\"[^\"]*\")*)\\s*/?>"
  let regex = try! NSRegularExpression(pattern: pattern)
  let attribute = try! NSRegularExpression(pattern: "([a-zA-Z0-9:-]+)=\"([^\"]*)\"")
  let ns = svg as NSString
  return regex.matches(in: svg, range: NSRange(location: 0, length: ns.length)).map { match in
    let body = ns.substring(with: match.range(at: 1))
    let bodyNS = body as NSString
    var attributes: [String: String] = [:]
    for a in attribute.matches(in: body, range: NSRange(location: 0, length: bodyNS.length)) {
      attributes[bodyNS.substring(with: a.range(at: 1))] = unescape(
        bodyNS.substring(with: a.range(at: 2)))
    }
    return SVGElement(name: name, attributes: attributes)
  }
}

/// The text nodes of `<text>` elements, unescaped.
func texts(in svg: String) -> [String] {
  let regex = try! NSRegularExpression(pattern: "<text[^>]*>([^<]*)</text>")
  let ns = svg as NSString
  return regex.matches(in: svg, range: NSRange(location: 0, length: ns.length)).map {
    unescape(ns.substring(with: $0.range(at: 1)))
  }
}

func unescape(_ text: String) -> String {
  text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
    .replacingOccurrences(of: "&amp;", with: "&")
}

/// Whether `p` lies on the polyline through `vertices` (within `tolerance` pixels of a
/// segment).
func polyline(_ vertices: [(Double, Double)], passesThrough p: (Double, Double), tolerance: Double)
  -> Bool
{
  if vertices.count == 1 {
    return hypot(vertices[0].0 - p.0, vertices[0].1 - p.1) <= tolerance
  }
  for (a, b) in zip(vertices, vertices.dropFirst()) {
    let dx = b.0 - a.0
    let dy = b.1 - a.1
    let length2 = dx * dx + dy * dy
    let t = length2 == 0 ? 0 : max(0, min(1, ((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2))
    if hypot(a.0 + t * dx - p.0, a.1 + t * dy - p.1) <= tolerance { return true }
  }
  return false
}
