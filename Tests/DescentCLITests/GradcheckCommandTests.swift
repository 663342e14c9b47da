import Foundation
import Testing

/// `descent gradcheck`, end to end: the tape's derivatives of Rosenbrock's function agree
/// with central differences at the classic start (−1.2, 1).
@Suite("descent gradcheck")
struct GradcheckCommandTests {
  static let rosenbrock = ["gradcheck", "(1-x)^2 + 100*(y-x^2)^2", "--at", "-1.2,1"]

  @Test("text: both orders pass")
  func text() {
    let stdout = runDescentSuccessfully(Self.rosenbrock)
    #expect(stdout.contains("first order (gradient): passed"))
    #expect(stdout.contains("second order (Hessian): passed"))
    #expect(!stdout.contains("FAILED"))
  }

  @Test("JSON: passed, with a report per order")
  func json() throws {
    let json = try #require(
      parseJSONObject(runDescentSuccessfully(Self.rosenbrock + ["--format", "json"])))
    #expect(json["passed"] as? Bool == true)
    #expect(json["variables"] as? [String] == ["x", "y"])
    #expect(numbers(json["point"]) == [-1.2, 1])
    for (key, entries) in [("firstOrder", 2), ("secondOrder", 4)] {
      let report = try #require(json[key] as? [String: Any], "\(key) is not an object")
      #expect(report["passed"] as? Bool == true, "\(key)")
      #expect((report["entries"] as? [Any])?.count == entries, "\(key)")
    }
  }
}
