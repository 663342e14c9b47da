import Foundation
import Testing

@Suite("descent run")
struct RunCommandTests {
  @Test("the result object of CLI.md")
  func resultObject() throws {
    let out = runDescentSuccessfully([
      "run", "rosenbrock", "--optimizer", "sgd", "--lr", "0.001", "--momentum", "0.9", "--steps",
      "30",
      "--format", "json",
    ])
    let json = try #require(parseJSONObject(out))
    #expect(
      Set(json.keys) == [
        "variables", "method", "hyperparameters", "x", "value", "gradient", "gradNorm",
        "iterations",
        "evaluations", "converged", "stopReason", "trace",
      ])
    #expect(topLevelKeysInWrittenOrder(out) == topLevelKeysInWrittenOrder(out).sorted())
    #expect(json["method"] as? String == "sgd")
    #expect(json["stopReason"] as? String == "maxIterations")
    #expect(json["iterations"] as? Int == 30)
    let trace = try #require(json["trace"] as? [[String: Any]])
    #expect(trace.count == 31)
    #expect(numbers(trace[0]["x"]) == [-1.2, 1])
    #expect(number(trace[1]["lr"]) == 0.001)
    let hyperparameters = try #require(json["hyperparameters"] as? [String: Any])
    #expect(number(hyperparameters["momentum"]) == 0.9)
    #expect(hyperparameters["nesterov"] as? Bool == false)
    let evaluations = try #require(json["evaluations"] as? [String: Any])
    #expect(evaluations["g"] as? Int == 31)
    // Same command, same bytes.
    #expect(
      runDescentSuccessfully([
        "run", "rosenbrock", "--optimizer", "sgd", "--lr", "0.001", "--momentum", "0.9", "--steps",
        "30",
        "--format", "json",
      ]) == out)
  }

  @Test("gradient descent stalls at the saddle of the lecture's network")
  func stallsAtTheSaddle() throws {
    let json = try #require(
      parseJSONObject(
        runDescentSuccessfully([
          "run", "lecture", "--optimizer", "gd", "--lr", "0.1", "--start", "0,0", "--format",
          "json",
        ])))
    #expect(json["stopReason"] as? String == "gradientTolerance")
    #expect(json["iterations"] as? Int == 0)
    #expect(json["converged"] as? Bool == true)
    // The text says what kind of point it stopped at.
    let text = runDescentSuccessfully(["run", "lecture", "--optimizer", "gd", "--start", "0,0"])
    #expect(text.contains("point        saddle point (Hessian eigenvalues -2, 2)"))
  }

  @Test("divergence: exit 3, the result up to the last finite point, a hint")
  func divergence() throws {
    let run = runDescent([
      "run", "ill-conditioned", "--optimizer", "gd", "--lr", "0.025", "--steps", "200", "--format",
      "json",
    ])
    #expect(run.status == 3)
    let json = try #require(parseJSONObject(run.stdout))
    #expect(json["stopReason"] as? String == "diverged")
    #expect(numbers(json["x"])?.allSatisfy(\.isFinite) == true)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(run.stderr.hasPrefix("error: diverged at step "))
    #expect(run.stderr.contains("lr 0.025 exceeds 2/λmax ≈ 0.02"))
  }

  @Test("save and resume in a new process continue bit for bit")
  func saveAndResume() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("run.json").path
    let common = [
      "run", "beale", "--optimizer", "adagrad", "--lr", "0.1", "--gtol", "0", "--format", "json",
    ]
    let straightFile = directory.appendingPathComponent("straight.json").path
    let resumedFile = directory.appendingPathComponent("resumed.json").path
    let straight = runDescentSuccessfully(common + ["--steps", "25", "--save", straightFile])
    // Stop at step 11 (a step inside the run, not a multiple of anything), save, resume in a
    // new process.
    runDescentSuccessfully(common + ["--steps", "11", "--save", file])
    let resumed = runDescentSuccessfully(
      common + ["--steps", "25", "--resume", file, "--save", resumedFile])
    #expect(resumed == straight)
    // The whole saved state — point, AdaGrad's accumulator, step count, evaluation counts,
    // trace — is the same bytes (doubles are written in shortest round-trip form).
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: resumedFile))
        == Data(contentsOf: URL(fileURLWithPath: straightFile)))
    // A run of another optimizer, or a corrupt file, is refused.
    let other = runDescent(["run", "beale", "--optimizer", "sgd", "--resume", file])
    #expect(other.status == 1)
    #expect(other.stderr.contains("is a run of adagrad, not sgd"))
    try Data("{\"version\": 1, \"method\": ".utf8).write(to: URL(fileURLWithPath: file))
    let corrupt = runDescent(common + ["--resume", file])
    #expect(corrupt.status == 1)
    #expect(corrupt.stderr.contains("is not a saved run"))
  }

  @Test("jsonl streams one object per step, then the result; csv is the trace")
  func streamingFormats() throws {
    let lines = runDescentSuccessfully([
      "run", "booth", "--optimizer", "gd", "--lr", "0.05", "--steps", "5", "--format", "jsonl",
    ]).split(separator: "\n")
    #expect(lines.count == 7)
    #expect(parseJSONObject(String(lines[0]))?["step"] as? Int == 0)
    #expect(parseJSONObject(String(lines[6]))?["stopReason"] as? String == "maxIterations")
    let csv = runDescentSuccessfully([
      "run", "booth", "--optimizer", "gd", "--lr", "0.05", "--steps", "5", "--format", "csv",
    ]).split(separator: "\n")
    #expect(csv.first == "step,x,y,value,gradNorm,lr")
    #expect(csv.count == 7)
  }

  @Test("text output names the method, the stop and the final point")
  func text() {
    let out = runDescentSuccessfully([
      "run", "booth", "--optimizer", "gd", "--lr", "0.05", "--steps", "400",
    ])
    #expect(out.contains("method       gd  lr=0.05"))
    #expect(out.contains("stopped      gradientTolerance"))
    #expect(
      out.contains("x            x = 1.00000000") || out.contains("x            x = 0.99999999"))
  }

  @Test("--compare runs several rules from the same start, one row each")
  func compare() throws {
    let out = runDescentSuccessfully([
      "run", "ill-conditioned", "--compare", "gd,adam,rmsprop", "--lr", "0.015", "--steps", "2000",
      "--gtol", "1e-6",
    ])
    let rows = out.split(separator: "\n").filter { line in
      ["gd ", "adam ", "rmsprop "].contains { line.hasPrefix($0) }
    }
    #expect(rows.count == 3)
    #expect(rows.allSatisfy { $0.contains("gradientTolerance") })
    let json = runDescentSuccessfully([
      "run", "ill-conditioned", "--compare", "gd,adam", "--lr", "0.015", "--steps", "50",
      "--format", "json",
    ])
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    #expect(array.map { $0["method"] as? String } == ["gd", "adam"])
    // A flag that applies to none of them is refused.
    let bad = runDescent(["run", "booth", "--compare", "gd,adam", "--momentum", "0.9"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("--momentum applies to none of gd, adam"))
  }
}
