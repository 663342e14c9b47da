import Foundation
import Testing

/// `descent analyze`, end to end: the JSON shape of CLI.md, the text report, the five kinds,
/// the variable order and the tolerances.
@Suite("descent analyze")
struct AnalyzeCommandTests {
  static let saddle = ["analyze", "(1 - w1*w2)^2", "--at", "0,0"]

  @Test("JSON of the saddle of (1 - w1*w2)^2: keys, Hessian, eigenvalues, escape")
  func saddleJSON() throws {
    let stdout = runDescentSuccessfully(Self.saddle + ["--format", "json"])
    let json = try #require(parseJSONObject(stdout))
    #expect(
      Set(json.keys) == [
        "variables", "point", "value", "gradient", "gradNorm", "hessian", "eigenvalues",
        "eigenvectors", "kind", "escapeDirection", "escapeCurvature",
      ])
    #expect(json["variables"] as? [String] == ["w1", "w2"])
    #expect(numbers(json["point"]) == [0, 0])
    #expect(number(json["value"]) == 1)
    #expect(numbers(json["gradient"]) == [0, 0])
    #expect(number(json["gradNorm"]) == 0)
    // f = (1 - w1 w2)²: ∂²f/∂w1∂w2 = −2 at the origin, the diagonal is 2 w2², 2 w1² = 0.
    // Exact: products of small integers.
    #expect(matrix(json["hessian"]) == [[0, -2], [-2, 0]])
    #expect(numbers(json["eigenvalues"]) == [-2, 2])
    #expect(json["kind"] as? String == "saddle point")
    // The eigenvector of −2 is ±(1, 1)/√2, sign fixed by CLI.md (largest-magnitude
    // component positive; a tie here, resolved to the first). 1e-15: a few ulps of 0.7.
    let inverseRoot2 = 1 / 2.0.squareRoot()
    expectClose(numbers(json["escapeDirection"]), [inverseRoot2, inverseRoot2], atol: 1e-15)
    #expect(number(json["escapeCurvature"]) == -2)
    let eigenvectors = try #require(matrix(json["eigenvectors"]))
    #expect(eigenvectors.count == 2)
    expectClose(eigenvectors.first, [inverseRoot2, inverseRoot2], atol: 1e-15)
  }

  @Test("JSON keys are written sorted and two runs give the same bytes")
  func jsonIsStable() {
    let arguments = Self.saddle + ["--format", "json"]
    let first = runDescentSuccessfully(arguments)
    let keys = topLevelKeysInWrittenOrder(first)
    #expect(keys.count == 11)
    #expect(keys == keys.sorted())
    #expect(runDescentSuccessfully(arguments) == first)
  }

  @Test("text report of the saddle: kind, eigenvalues and the predicted change ½λs²")
  func saddleText() {
    let stdout = runDescentSuccessfully(Self.saddle)
    #expect(stdout.contains("saddle point"))
    #expect(stdout.contains("-2, 2"))
    #expect(stdout.contains("½λs² = -1"))
    // ½ · (−2) · 2² = −4.
    #expect(runDescentSuccessfully(Self.saddle + ["--step", "2"]).contains("½λs² = -4"))
  }

  @Test("Rosenbrock at (1, 1) is a local minimum with Hessian [[802, -400], [-400, 200]]")
  func rosenbrockMinimum() throws {
    let stdout = runDescentSuccessfully([
      "analyze", "(1-x)^2 + 100*(y-x^2)^2", "--at", "1,1", "--format", "json",
    ])
    let json = try #require(parseJSONObject(stdout))
    #expect(json["kind"] as? String == "local minimum")
    // 2 + 1200x² − 400y, −400x, 200 at (1, 1): exact in doubles.
    #expect(matrix(json["hessian"]) == [[802, -400], [-400, 200]])
    #expect(json["escapeDirection"] is NSNull)
    #expect(json["escapeCurvature"] is NSNull)
  }

  @Test(
    "kind of a point",
    arguments: [
      (["-x^2 - y^2", "--at", "0,0"], "local maximum"),
      (["x^2 + y^3", "--at", "0,0"], "degenerate"),
      (["x^2", "--at", "1"], "not critical"),
      (["(1 - w1*w2)^2", "--at", "0,0"], "saddle point"),
      (["(1-x)^2 + 100*(y-x^2)^2", "--at", "1,1"], "local minimum"),
    ])
  func kind(arguments: [String], kind: String) throws {
    let text = runDescentSuccessfully(["analyze"] + arguments)
    #expect(text.contains("kind          \(kind)\n"))
    let json = try #require(
      parseJSONObject(runDescentSuccessfully(["analyze"] + arguments + ["--format", "json"])))
    #expect(json["kind"] as? String == kind)
    if kind != "saddle point" {
      // CLI.md: the escape fields are null unless the point is a saddle point.
      #expect(json["escapeDirection"] is NSNull)
      #expect(json["escapeCurvature"] is NSNull)
      #expect(!text.contains("escape"))
    }
  }

  @Test("--vars y,x reorders the variables, the point, the gradient and the Hessian")
  func variableOrder() throws {
    // f = x² + 3y² + xy at x = 2, y = 1: ∇f = (2x + y, 6y + x) = (5, 8), H = [[2, 1], [1, 6]].
    let formula = "x^2 + 3*y^2 + x*y"
    let natural = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "analyze", formula, "--at", "2,1", "--format", "json",
        ])))
    #expect(natural["variables"] as? [String] == ["x", "y"])
    #expect(numbers(natural["gradient"]) == [5, 8])
    #expect(matrix(natural["hessian"]) == [[2, 1], [1, 6]])

    let reordered = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "analyze", formula, "--vars", "y,x", "--at", "1,2", "--format", "json",
        ])))
    #expect(reordered["variables"] as? [String] == ["y", "x"])
    #expect(numbers(reordered["point"]) == [1, 2])
    #expect(number(reordered["value"]) == number(natural["value"]))
    #expect(numbers(reordered["gradient"]) == [8, 5])
    #expect(matrix(reordered["hessian"]) == [[6, 1], [1, 2]])
    #expect(numbers(reordered["eigenvalues"]) == numbers(natural["eigenvalues"]))
  }

  @Test("--gtol decides whether a small gradient is critical")
  func gradientTolerance() throws {
    // ∇(x²) at 1e-4 is 2e-4: above the default gtol 1e-6, below 1e-3.
    let arguments = ["analyze", "x^2", "--at", "1e-4", "--format", "json"]
    let strict = try #require(parseJSONObject(runDescentSuccessfully(arguments)))
    #expect(strict["kind"] as? String == "not critical")
    let loose = try #require(
      parseJSONObject(runDescentSuccessfully(arguments + ["--gtol", "1e-3"])))
    #expect(loose["kind"] as? String == "local minimum")
    #expect(
      runDescentSuccessfully(["analyze", "x^2", "--at", "1e-4", "--gtol=1e-3"])
        .contains("a critical point"))
  }

  @Test("--eig-tol decides whether a small eigenvalue counts as zero")
  func eigenvalueTolerance() throws {
    // Eigenvalues 2e-6 and 2: above the default threshold 1e-8 · 2, below 1e-3 · 2.
    let arguments = ["analyze", "x^2 + 1e-6*y^2", "--at", "0,0", "--format", "json"]
    let strict = try #require(parseJSONObject(runDescentSuccessfully(arguments)))
    #expect(strict["kind"] as? String == "local minimum")
    let loose = try #require(
      parseJSONObject(runDescentSuccessfully(arguments + ["--eig-tol", "1e-3"])))
    #expect(loose["kind"] as? String == "degenerate")
  }
}
