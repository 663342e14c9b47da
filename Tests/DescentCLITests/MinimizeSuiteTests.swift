import Foundation
import Testing

@Suite("descent minimize: MGH problems, residual methods, --suite")
struct MinimizeSuiteTests {
  @Test("mgh:rosenbrock with lm starts at x₀ = (−1.2, 1) and reaches (1, 1)")
  func levenbergMarquardtOnAnMGHProblem() throws {
    let json = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "minimize", "mgh:rosenbrock", "--method", "lm", "--format", "json",
        ])))
    #expect(json["method"] as? String == "lm")
    #expect(json["variables"] as? [String] == ["x1", "x2"])
    #expect(json["stopReason"] as? String == "gradientTolerance")
    let trace = try #require(json["trace"] as? [[String: Any]])
    expectClose(numbers(trace.first?["x"]) ?? [], [-1.2, 1], atol: 0)
    // ‖∇f‖∞ ≤ 1e-8 at a minimum whose Hessian has eigenvalues 0.4 and 1002: x within ~1e-8.
    expectClose(numbers(json["x"]) ?? [], [1, 1], atol: 1e-7)
    let hyperparameters = try #require(json["hyperparameters"] as? [String: Any])
    #expect(hyperparameters["scaled"] as? Bool == true)
    #expect(number(hyperparameters["tau"]) == 1e-3)

    let unscaled = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "minimize", "mgh:rosenbrock", "--method", "lm", "--no-scaling", "--tau", "0.01",
          "--format", "json",
        ])))
    let given = try #require(unscaled["hyperparameters"] as? [String: Any])
    #expect(given["scaled"] as? Bool == false)
    #expect(number(given["tau"]) == 0.01)
    #expect(unscaled["stopReason"] as? String == "gradientTolerance")
  }

  @Test("sizes, limits and tolerances: mgh:watson:9 with --ftol, --xtol, --max-evaluations")
  func limitsAndTolerances() throws {
    let json = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "minimize", "mgh:watson:9", "--method", "lbfgs", "--max-evaluations", "15",
          "--format", "json",
        ])))
    #expect((json["x"] as? [Any])?.count == 9)
    #expect(json["stopReason"] as? String == "maxEvaluations")
    for (flag, reason) in [("--ftol", "valueTolerance"), ("--xtol", "stepTolerance")] {
      let loose = try #require(
        parseJSONObject(
          runDescentSuccessfully([
            "minimize", "mgh:rosenbrock", "--method", "gd-linesearch", flag, "1e-3",
            "--format", "json",
          ])))
      #expect(loose["stopReason"] as? String == reason, "\(flag)")
    }
  }

  @Test("--suite mgh on chosen instances: a table per method, totals, progress on stderr")
  func suiteText() {
    let run = runDescent(
      [
        "minimize", "--suite", "mgh", "--problems", "rosenbrock,watson:9,linear-full-rank",
        "--method", "lm,gauss-newton",
      ], timeout: 60)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("lm\n") && run.stdout.contains("gauss-newton\n"))
    #expect(run.stdout.contains("solved 3/3"))
    #expect(run.stdout.contains("totals"))
    // One progress line per instance and method when stderr is not a terminal.
    let progress = run.stderr.split(separator: "\n")
    #expect(progress.count == 6)
    #expect(progress.first?.hasPrefix("[1/6] lm rosenbrock: solved") == true)
    // The columns line up: in the first table, each row's "solved" cell (right-aligned)
    // ends where the header's "solved" ends.
    let lines = run.stdout.split(separator: "\n").map(String.init)
    guard let headerIndex = lines.firstIndex(where: { $0.contains("problem") }),
      let end = lines[headerIndex].range(of: "solved")?.upperBound
    else {
      Issue.record("no table header in \(run.stdout)")
      return
    }
    let column = lines[headerIndex].distance(from: lines[headerIndex].startIndex, to: end)
    for row in lines[(headerIndex + 1)...(headerIndex + 3)] {
      let prefix = String(row.prefix(column))
      #expect(prefix.hasSuffix("yes") || prefix.hasSuffix(" no"), "misaligned row: \(row)")
    }
  }

  @Test("--suite mgh --format json: stable, sorted keys, rows with the issue's criterion")
  func suiteJSON() throws {
    let arguments = [
      "minimize", "--suite", "mgh", "--problems", "bard,freudenstein-roth", "--method", "lm",
      "--format", "json",
    ]
    let first = runDescent(arguments, timeout: 60)
    let second = runDescent(arguments, timeout: 60)
    #expect(first.status == 0)
    #expect(first.stdout == second.stdout, "the same bytes twice")
    let json = try #require(parseJSONObject(first.stdout))
    #expect(
      topLevelKeysInWrittenOrder(first.stdout) == topLevelKeysInWrittenOrder(first.stdout).sorted())
    let methods = try #require(json["methods"] as? [[String: Any]])
    #expect(methods.count == 1)
    #expect(methods[0]["solved"] as? Int == 2)
    let rows = try #require(methods[0]["rows"] as? [[String: Any]])
    // In the order given to --problems.
    #expect(rows.map { $0["problem"] as? String } == ["bard", "freudenstein-roth"])
    // Freudenstein–Roth from x₀ ends at the local minimum 48.98…, which counts as solved.
    #expect(rows[1]["solved"] as? Bool == true)
    #expect((number(rows[1]["value"]) ?? 0) > 48)
  }

  @Test("descent list names the 35 MGH problems with n, m and f*")
  func listed() {
    let text = runDescentSuccessfully(["list"])
    #expect(text.contains("mgh:powell-badly-scaled"))
    #expect(text.contains("mgh:chebyquad"))
    let rows = text.split(separator: "\n").filter {
      $0.range(of: #"^ *[0-9]+ +mgh:"#, options: .regularExpression) != nil
    }
    #expect(rows.count == 35)
  }

  @Test("bad input: unknown mgh name with a suggestion, bad size, residual method on a formula")
  func badInput() {
    let unknown = runDescent(["minimize", "mgh:rosenbrok", "--method", "lm"])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("did you mean 'rosenbrock'"))
    #expect(unknown.stderr.split(separator: "\n").count == 1)

    let partial = runDescent(["minimize", "mgh:powell", "--method", "lm"])
    #expect(partial.stderr.contains("did you mean 'powell-badly-scaled'"))

    let size = runDescent(["minimize", "mgh:watson:40"])
    #expect(size.status == 1)
    #expect(size.stderr.contains("valid sizes: 2…31"))

    let fixed = runDescent(["minimize", "mgh:beale:3"])
    #expect(fixed.stderr.contains("fixed size n = 2"))

    let formula = runDescent(["minimize", "x^2 + y^2", "--start", "1,1", "--method", "lm"])
    #expect(formula.status == 1)
    #expect(formula.stderr.contains("needs an objective given as residuals"))

    let method = runDescent(["minimize", "mgh:bard", "--method", "levenberg"])
    #expect(method.status == 1)
    #expect(method.stderr.contains("unknown method 'levenberg'"))

    let suiteWithObjective = runDescent(["minimize", "mgh:bard", "--suite", "mgh"])
    #expect(suiteWithObjective.status != 0)
    #expect(suiteWithObjective.stderr.contains("--suite runs every instance"))

    let problems = runDescent(["minimize", "--suite", "mgh", "--problems", "wat"])
    #expect(problems.status == 1)
    #expect(problems.stderr.contains("did you mean 'watson'"))
  }
}
