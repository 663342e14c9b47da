import Foundation
import Testing

@testable import DescentReports

/// The SVG builder: escaping, number formatting, the root element.
@Suite("SVG document")
struct SVGDocumentTests {
  @Test("text and attribute values are escaped")
  func escaping() {
    var svg = SVGDocument(width: 100, height: 50)
    svg.text("a < b & \"c\" 'd' >", x: 1, y: 2, attributes: ["data-x": "<script>"])
    let text = svg.rendered(label: "x & y")
    #expect(text.contains("a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt;"))
    #expect(text.contains("data-x=\"&lt;script&gt;\""))
    #expect(text.contains("aria-label=\"x &amp; y\""))
    #expect(!text.contains("<script>"))
    #expect(texts(in: text) == ["a < b & \"c\" 'd' >"])
  }

  @Test("numbers: two decimals, no trailing zeros, huge values without a crash")
  func numbers() {
    #expect(SVGDocument.number(12.5) == "12.5")
    #expect(SVGDocument.number(-3) == "-3")
    #expect(SVGDocument.number(0.071) == "0.07")
    #expect(SVGDocument.number(1e20) == "100000000000000000000")
  }

  @Test("the root has a viewBox and the namespace, and the body in order")
  func root() {
    var svg = SVGDocument(width: 640, height: 420)
    svg.line(x1: 0, y1: 0, x2: 1, y2: 1)
    svg.circle(x: 3, y: 4, radius: 5)
    let text = svg.rendered()
    #expect(text.hasPrefix("<svg"))
    #expect(text.contains("viewBox=\"0 0 640 420\""))
    #expect(text.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(elements("line", in: text).count == 1)
    #expect(elements("circle", in: text).first?.number("r") == 5)
  }
}
