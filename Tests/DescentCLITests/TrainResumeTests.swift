import Foundation
import Testing

/// Checkpoints and resume through the executable, including a run killed with SIGKILL.
@Suite("descent train --resume")
struct TrainResumeTests {
  /// Long enough (about 4,000 updates) that the kill lands mid-run, small enough for a debug
  /// build to finish in seconds.
  static let run = [
    "train", "--layers", "64,16,10", "--data", "digits", "--epochs", "40", "--batch-size", "16",
    "--validation-split", "0.2", "--optimizer", "sgd", "--lr", "0.05", "--momentum", "0.9",
    "--schedule", "cosine", "--schedule-arg", "T_max=4000", "--seed", "3", "--quiet",
    "--format", "json",
  ]

  @Test("killed with SIGKILL, resumed from its last checkpoint: the same final bits")
  func sigkillThenResume() throws {
    let directory = try trainTestDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let straightText = runDescent(Self.run, timeout: 120).stdout
    let straight = try #require(parseJSONObject(straightText))

    let checkpoint = directory.appendingPathComponent("run.json").path
    let process = Process()
    process.executableURL = try #require(DescentExecutable.url)
    process.arguments = Self.run + ["--checkpoint", checkpoint, "--save-every", "100"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait for a few checkpoints, then kill without warning.
    let deadline = Date().addingTimeInterval(60)
    var killedAt = 0
    while Date() < deadline {
      if let step = Self.step(of: checkpoint), step >= 700 {
        kill(process.processIdentifier, SIGKILL)
        killedAt = step
        break
      }
      usleep(20_000)
    }
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal, "the run finished before the kill")
    #expect(killedAt >= 700)
    // The checkpoint on disk is whole (written to a temporary file, then renamed), at a
    // multiple of 100 updates, and short of the 3,600 of the full run.
    let saved = try #require(Self.step(of: checkpoint))
    #expect(saved % 100 == 0 && saved < 3600)

    let resumed = runDescent(Self.run + ["--resume", checkpoint], timeout: 120)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let json = try #require(parseJSONObject(resumed.stdout))
    // Compared as written (shortest round-trip text, so equal text is equal bits):
    // JSONSerialization may read the last digit inexactly.
    let x = Self.writtenArray("x", in: resumed.stdout)
    #expect(!x.isEmpty && x == Self.writtenArray("x", in: straightText))
    #expect(json["iterations"] as? Int == straight["iterations"] as? Int)
  }

  @Test("a checkpoint of another optimizer or network is refused")
  func mismatchedResume() throws {
    let directory = try trainTestDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let checkpoint = directory.appendingPathComponent("c.json").path
    let base = [
      "train", "--layers", "2,4,2", "--data", "xor", "--samples", "16", "--epochs", "1",
      "--quiet", "--format", "json",
    ]
    runDescentSuccessfully(base + ["--checkpoint", checkpoint])
    let other = runDescent(base + ["--resume", checkpoint, "--optimizer", "sgd"])
    #expect(other.status == 1 && other.stderr.contains("is a run of adam, not sgd"))
    var wider = base
    wider[2] = "2,5,2"
    let network = runDescent(wider + ["--resume", checkpoint])
    #expect(network.status == 1 && network.stderr.contains("give the same --layers"))
    let hyper = runDescent(base + ["--resume", checkpoint, "--lr", "0.5"])
    #expect(hyper.status == 1 && hyper.stderr.contains("other hyperparameters"))
  }

  /// The lines of the top-level array `key` in pretty-printed JSON, as written.
  static func writtenArray(_ key: String, in text: String) -> [Substring] {
    let lines = text.split(separator: "\n")
    guard let start = lines.firstIndex(where: { $0.hasPrefix("  \"\(key)\" : [") }) else {
      return []
    }
    guard let end = lines[start...].firstIndex(where: { $0.hasPrefix("  ]") }) else { return [] }
    return Array(lines[start...end])
  }

  /// The `step` of a checkpoint file, nil while there is none (or it cannot be read).
  static func step(of path: String) -> Int? {
    guard let data = FileManager.default.contents(atPath: path),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let state = object["state"] as? [String: Any]
    else { return nil }
    return state["step"] as? Int
  }
}
