import Foundation
import Testing

/// Arguments that start with `-` (CLI.md): a formula such as `-x^2 + y^2`, typed first or
/// after `--`, and negative coordinates, as `--at -1,0.5` or `--at=-1,0.5`.
@Suite("descent: arguments that start with '-'")
struct NegativeArgumentTests {
  @Test(
    "a formula starting with '-' works as typed and after '--'",
    arguments: [
      ["analyze", "-x^2 + y^2", "--at", "0,0", "--format", "json"],
      ["analyze", "--at", "0,0", "--format", "json", "-x^2 + y^2"],
      ["analyze", "--at", "0,0", "--format", "json", "--", "-x^2 + y^2"],
      ["analyze", "--format=json", "-x^2 + y^2", "--at=0,0"],
    ])
  func leadingMinusFormula(arguments: [String]) throws {
    let json = try #require(parseJSONObject(runDescentSuccessfully(arguments)))
    #expect(json["variables"] as? [String] == ["x", "y"])
    #expect(matrix(json["hessian"]) == [[-2, 0], [0, 2]])
    #expect(json["kind"] as? String == "saddle point")
  }

  @Test(
    "a negative point works as a separate value and with '='",
    arguments: [
      ["analyze", "x^2 + y^2", "--at", "-1,0.5", "--format", "json"],
      ["analyze", "x^2 + y^2", "--at=-1,0.5", "--format", "json"],
      ["analyze", "-x^2 + y^2", "--at", "-1,0.5", "--format", "json"],
    ])
  func negativePoint(arguments: [String]) throws {
    let json = try #require(parseJSONObject(runDescentSuccessfully(arguments)))
    #expect(numbers(json["point"]) == [-1, 0.5])
    let sign: Double = arguments[1].hasPrefix("-") ? -1 : 1
    // ∇(±x² + y²) at (−1, 0.5) = (∓2, 1).
    #expect(numbers(json["gradient"]) == [-2 * sign, 1])
  }

  @Test("a negative --step is a value, not an option")
  func negativeStep() {
    // ½ · (−2) · (−3)² = −9.
    #expect(
      runDescentSuccessfully(AnalyzeCommandTests.saddle + ["--step", "-3"])
        .contains("½λs² = -9"))
  }
}
