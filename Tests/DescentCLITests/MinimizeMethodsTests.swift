import Foundation
import Testing

@Suite("descent minimize: every method of the registry, bounds, method flags")
struct MinimizeMethodsTests {
  /// Each method from the registry on the same problem. Booth, (x + 2y − 7)² + (2x + y − 5)²,
  /// is a convex quadratic with its minimum 0 at (1, 3): every method, derivative-free ones
  /// included, must get there. Tolerances: the gradient methods stop at ‖∇f‖∞ ≤ 1e-8 on a
  /// Hessian with eigenvalues 2 and 18, so x is within 1e-8; Nelder–Mead stops when its
  /// simplex is 1e-4 wide; random search and coordinate descent at their own tolerances.
  @Test(
    "every method reaches Booth's minimum (1, 3)",
    arguments: [
      ("lbfgs", 1e-7), ("lbfgsb", 1e-7), ("bfgs", 1e-7), ("cg", 1e-7), ("gd-linesearch", 1e-6),
      ("gd-optimal", 1e-6), ("newton", 1e-7), ("newton-tr", 1e-7), ("newton-cg", 1e-7),
      ("saddle-free", 1e-7), ("coordinate", 1e-4), ("nelder-mead", 1e-3), ("random", 1e-3),
    ])
  func booth(method: String, tolerance: Double) throws {
    let json = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "minimize", "booth", "--method", method, "--max-iterations", "5000", "--format", "json",
        ])))
    #expect(json["method"] as? String == method)
    expectClose(numbers(json["x"]) ?? [], [1, 3], atol: tolerance)
  }

  @Test("lbfgsb with --lower/--upper ends on the box: Rosenbrock in [0, 0.5]² at (0.5, 0.25)")
  func boxedRosenbrock() throws {
    let json = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "minimize", "rosenbrock", "--method", "lbfgsb", "--lower", "0", "--upper", "0.5",
          "--format", "json",
        ])))
    // The constrained minimum: x = 0.5 on its upper bound, y = x² = 0.25 free; the projected
    // gradient tolerance 1e-8 puts y within 1e-8 of 0.25.
    expectClose(numbers(json["x"]) ?? [], [0.5, 0.25], atol: 1e-8)
    #expect(json["stopReason"] as? String == "gradientTolerance")
  }

  @Test(
    "bad bounds and method flags exit 1 with one line naming the flag",
    arguments: [
      (
        ["--method", "lbfgsb", "--lower", "2,0", "--upper", "1,1"], "--lower/--upper: coordinate 1"
      ),
      (["--method", "lbfgsb", "--lower", "0,0,0"], "--lower/--upper"),
      (["--method", "bfgs", "--lower", "0"], "apply to --method lbfgsb only"),
      (["--method", "newton", "--damping", "-1"], "--damping"),
      (["--method", "cg", "--variant", "xx"], "--variant"),
    ])
  func badInput(arguments: [String], expected: String) {
    let run = runDescent(["minimize", "rosenbrock"] + arguments)
    #expect(run.status == 1)
    #expect(run.stderr.contains(expected), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
  }

  @Test("plain Newton on a singular Hessian stops with singularHessian and keeps its point")
  func singularHessian() throws {
    let json = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "minimize", "(x + y)^2", "--start", "1,0", "--method", "newton", "--plain",
          "--format", "json",
        ])))
    #expect(json["stopReason"] as? String == "singularHessian")
    #expect(numbers(json["x"]) == [1, 0])
  }

  @Test("at the saddle of (1 − w1·w2)², newton-tr escapes where lbfgs stays")
  func saddle() throws {
    func run(_ method: String) throws -> [String: Any] {
      try #require(
        parseJSONObject(
          runDescentSuccessfully([
            "minimize", "(1 - w1*w2)^2", "--start", "0,0", "--method", method, "--format", "json",
          ])))
    }
    let stays = try run("lbfgs")
    #expect(stays["iterations"] as? Int == 0)
    let escapes = try run("newton-tr")
    let x = numbers(escapes["x"]) ?? [0, 0]
    // w1·w2 = 1 to the gradient tolerance: |∇f| = 2|1 − w1w2|·|w| ≤ 1e-8 with |w| ≈ 1.
    #expect(abs(x[0] * x[1] - 1) < 1e-7)
  }
}
