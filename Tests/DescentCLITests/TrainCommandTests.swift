import Descent
import Foundation
import Testing

/// A fresh temporary folder for one test's files.
func trainTestDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "descent-train-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

@Suite("descent train")
struct TrainCommandTests {
  static let xor = [
    "train", "--layers", "2,6,2", "--activation", "tanh", "--data", "xor", "--samples", "40",
    "--epochs", "3", "--batch-size", "8", "--lr", "0.05", "--quiet",
  ]

  @Test("the result object of CLI.md, with the training figures")
  func resultObject() throws {
    let out = runDescentSuccessfully(Self.xor + ["--format", "json", "--validation-split", "0.25"])
    let json = try #require(parseJSONObject(out))
    for key in [
      "variables", "method", "hyperparameters", "x", "value", "gradient", "gradNorm", "iterations",
      "evaluations", "converged", "stopReason", "trace", "epochs", "validationLoss",
      "validationAccuracy", "accuracy",
    ] {
      #expect(json[key] != nil, "missing \(key)")
    }
    #expect(topLevelKeysInWrittenOrder(out) == topLevelKeysInWrittenOrder(out).sorted())
    // 2·6 + 6 + 6·2 + 2 = 32 parameters in PyTorch's order; 30 training rows, 4 batches.
    let x = try #require(numbers(json["x"]))
    #expect(x.count == 32)
    let names = try #require(json["variables"] as? [String])
    #expect(names.first == "0.weight[0,0]" && names.last == "2.bias[1]")
    #expect(json["method"] as? String == "adam")
    #expect(json["iterations"] as? Int == 12 && json["epochs"] as? Int == 3)
    #expect(json["stopReason"] as? String == "maxIterations")
    let trace = try #require(json["trace"] as? [[String: Any]])
    #expect(trace.map { $0["step"] as? Int } == [0, 4, 8, 12])
  }

  @Test("jsonl streams one line per update and per epoch, then the result")
  func jsonLines() throws {
    let out = runDescentSuccessfully(Self.xor + ["--format", "jsonl"])
    let lines = out.split(separator: "\n").map(String.init)
    // 40 rows / 8 = 5 updates per epoch: 3·5 step lines + 3 epoch lines + the result.
    #expect(lines.count == 19)
    #expect(lines.filter { $0.contains("\"event\":\"step\"") }.count == 15)
    #expect(lines.filter { $0.contains("\"event\":\"epoch\"") }.count == 3)
    #expect(parseJSONObject(lines.last ?? "")?["iterations"] as? Int == 15)
  }

  @Test("parameters saved as .npy start another run and give its loss back")
  func parametersRoundTrip() throws {
    let directory = try trainTestDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = directory.appendingPathComponent("theta.npy").path
    let first = try #require(
      parseJSONObject(
        runDescentSuccessfully(Self.xor + ["--format", "json", "--save-params", saved])))
    // Zero epochs from the saved parameters: the full-batch loss is the first run's.
    let second = try #require(
      parseJSONObject(
        runDescentSuccessfully(Self.xor + ["--format", "json", "--epochs", "0", "--params", saved]))
    )
    #expect(numbers(second["x"]) == numbers(first["x"]))
    #expect(number(second["value"]) == number(first["value"]))
  }

  @Test("NumPy inputs and labels, the CSV of the same rows: the same run")
  func numpyData() throws {
    let directory = try trainTestDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let x: [Double] = [0.5, -1, 2, 0.25, -0.75, 1.5, 0, 1]
    let labels: [Double] = [0, 1, 1, 0]
    let inputs = directory.appendingPathComponent("x.npy").path
    let targets = directory.appendingPathComponent("y.npy").path
    try NumPyArray(shape: [4, 2], scalars: x).write(to: inputs)
    try NumPyArray(shape: [4], scalars: labels).write(to: targets)
    let csv = directory.appendingPathComponent("d.csv").path
    let rows = (0..<4).map { "\(x[2 * $0]),\(x[2 * $0 + 1]),\(Int(labels[$0]))" }
    try (["a,b,label"] + rows).joined(separator: "\n").write(
      toFile: csv, atomically: true, encoding: .utf8)
    let common = [
      "train", "--layers", "2,3,2", "--epochs", "2", "--batch-size", "3", "--quiet", "--format",
      "json",
    ]
    let fromNumPy = runDescentSuccessfully(common + ["--data", inputs, "--targets", targets])
    let fromCSV = runDescentSuccessfully(common + ["--data", csv])
    #expect(!fromNumPy.isEmpty && fromNumPy == fromCSV)
  }

  @Test("bad input: one line on stderr naming what and where, exit status 1")
  func badInput() throws {
    let directory = try trainTestDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let bad = directory.appendingPathComponent("bad.csv").path
    try "x1,x2,y\n1,2,3\n4,five,6\n".write(toFile: bad, atomically: true, encoding: .utf8)
    let good = directory.appendingPathComponent("good.csv").path
    try "x1,x2,y\n1,2,3\n4,5,6\n".write(toFile: good, atomically: true, encoding: .utf8)
    let params = directory.appendingPathComponent("p.json").path
    try "[1, 2, 3]".write(toFile: params, atomically: true, encoding: .utf8)
    let cases: [([String], String)] = [
      (
        ["--data", directory.appendingPathComponent("none.csv").path, "--layers", "2,1"], "none.csv"
      ),
      (
        ["--data", bad, "--layers", "2,1"],
        "bad.csv:3: column x2: 'five' is not a finite decimal number"
      ),
      (
        ["--data", good, "--layers", "3,4,1"], "2 input columns, but the network's first width is 3"
      ),
      (
        ["--data", good, "--layers", "2,4,2"], "1 target columns, but the network's last width is 2"
      ),
      (
        ["--data", good, "--layers", "2,4,1", "--params", params],
        "holds 3 numbers, but the network has 17 parameters"
      ),
      (["--data", good, "--layers", "2,x"], "--layers: '2,x' is not a list"),
      (["--data", "digits", "--layers", "64,10", "--loss", "mse"], "MSE needs target columns"),
    ]
    for (arguments, message) in cases {
      let run = runDescent(["train", "--quiet"] + arguments)
      #expect(run.status == 1, "\(arguments)")
      #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
  }

  @Test("a diverging run exits 3 with the last finite parameters")
  func divergence() throws {
    let run = runDescent([
      "train", "--layers", "2,3,1", "--activation", "linear", "--data", "teacher", "--samples",
      "32", "--optimizer", "sgd", "--lr", "1e150", "--quiet", "--format", "json",
    ])
    #expect(run.status == 3)
    #expect(run.stderr.contains("nonFinite"))
    let json = try #require(parseJSONObject(run.stdout))
    #expect(json["stopReason"] as? String == "nonFinite")
    #expect(numbers(json["x"])?.allSatisfy { $0.isFinite } == true)
  }
}
