import Foundation
import Testing

@Suite("descent minimize")
struct MinimizeCommandTests {
  @Test("L-BFGS on Rosenbrock: the result object, converged at (1, 1)")
  func lbfgs() throws {
    let json = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "minimize", "rosenbrock", "--method", "lbfgs", "--format", "json",
        ])))
    #expect(json["method"] as? String == "lbfgs")
    #expect(json["stopReason"] as? String == "gradientTolerance")
    // SciPy's L-BFGS-B needs about 35 iterations here; line-search details move the count.
    #expect((json["iterations"] as? Int ?? 1000) < 100)
    expectClose(numbers(json["x"]) ?? [], [1, 1], atol: 1e-6)
  }

  @Test("the quadratic-model step uses Hessian-vector products")
  func optimalStep() throws {
    let json = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "minimize", "ill-conditioned", "--method", "gd-optimal", "--format", "json",
        ])))
    #expect(json["stopReason"] as? String == "gradientTolerance")
    let evaluations = try #require(json["evaluations"] as? [String: Any])
    #expect(evaluations["hvp"] as? Int == json["iterations"] as? Int)
  }

  @Test("bad input: unknown method, bad memory")
  func badInput() {
    let unknown = runDescent(["minimize", "rosenbrock", "--method", "bfgss"])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("'bfgss'"))
    #expect(unknown.stderr.split(separator: "\n").count == 1)
    let memory = runDescent(["minimize", "rosenbrock", "--memory", "0"])
    #expect(memory.status == 1)
    #expect(memory.stderr.contains("--memory must be at least 1"))
  }
}
