import Foundation
import Testing

/// `descent hessian` on the networks of `Scripts/references/mlp_torch.py`, read from the
/// DescentTests fixture (by path: this target has no resources).
@Suite("descent hessian")
struct HessianCommandTests {
  struct Case: Decodable {
    var name: String
    var widths: [Int]
    var activation: String
    var loss: String
    var parameters: [Double]
    var inputs: [Double]
    var targets: [Double]?
    var labels: [Int]?
    var value: Double
    var gradient: [Double]
    var eigenvalues: [Double]
  }
  struct Document: Decodable { var cases: [Case] }

  static func fixture() throws -> [Case] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
    let url = root.appendingPathComponent("DescentTests/Fixtures/mlp_torch.json")
    return try JSONDecoder().decode(Document.self, from: Data(contentsOf: url)).cases
  }

  /// Writes a case's data as CSV (x1…, then y1… or label; `%.17g` round-trips) and its
  /// parameters as JSON.
  static func files(_ c: Case, in directory: URL) throws -> (data: String, params: String) {
    let d = c.widths[0]
    let k = c.widths.last!
    let rows = c.inputs.count / d
    var header = (1...d).map { "x\($0)" }
    header += c.labels != nil ? ["label"] : (1...k).map { "y\($0)" }
    var lines = [header.joined(separator: ",")]
    for r in 0..<rows {
      var fields = (0..<d).map { String(format: "%.17g", c.inputs[r * d + $0]) }
      if let labels = c.labels {
        fields.append(String(labels[r]))
      } else {
        fields += (0..<k).map { String(format: "%.17g", c.targets![r * k + $0]) }
      }
      lines.append(fields.joined(separator: ","))
    }
    let data = directory.appendingPathComponent("\(c.name).csv").path
    try lines.joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
    let params = directory.appendingPathComponent("\(c.name).json").path
    try Data(JSONEncoder().encode(c.parameters)).write(to: URL(fileURLWithPath: params))
    return (data, params)
  }

  @Test("the hessian fields of CLI.md equal PyTorch's figures")
  func matchesPyTorch() throws {
    let directory = try trainTestDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    for c in try Self.fixture() {
      let (data, params) = try Self.files(c, in: directory)
      let out = runDescentSuccessfully([
        "hessian", "--layers", c.widths.map(String.init).joined(separator: ","), "--activation",
        c.activation, "--loss", c.loss, "--data", data, "--params", params, "--format", "json",
      ])
      let json = try #require(parseJSONObject(out))
      #expect(
        Set(json.keys) == [
          "value", "gradient", "gradNorm", "eigenvalues", "minimumRatio", "eigenvalueTolerance",
          "kind",
        ])
      // 1e-8·max(1, |·|), the bound (see MLPReferenceTests); every figure here is
      // O(1), so an absolute 1e-8 is that bound.
      expectClose([number(json["value"]) ?? .nan], [c.value], atol: 1e-8)
      expectClose(numbers(json["gradient"]), c.gradient, atol: 1e-8)
      expectClose(numbers(json["eigenvalues"]), c.eigenvalues, atol: 1e-8)
      let positive = c.eigenvalues.filter { $0 > 1e-6 }.count
      // Foundation's JSONSerialization on Linux may read the last digit of a double
      // inexactly: one ulp of an O(1) ratio.
      expectClose(
        [number(json["minimumRatio"]) ?? .nan], [Double(positive) / Double(c.eigenvalues.count)],
        atol: 1e-15)
      #expect(json["kind"] as? String == "not critical")
    }
  }

  @Test("wrong parameter count")
  func badInput() throws {
    let directory = try trainTestDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let c = try #require(try Self.fixture().first)
    let (data, params) = try Self.files(c, in: directory)
    let wrong = runDescent([
      "hessian", "--layers", "3,6,2", "--activation", "tanh", "--data", data, "--params", params,
    ])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("holds 32 numbers, but the network has 38 parameters"))
  }
}
