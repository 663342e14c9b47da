import Foundation
import Testing

// End-to-end tests run the built `descent` executable as a subprocess, exactly as a person
// or a script would, and look only at its exit status, stdout and stderr.

/// The built `descent` executable, found next to the test bundle in the products directory
/// (`.build/<config>/`). The test target depends on the `DescentCLI` target, so SwiftPM
/// builds it before the tests.
enum DescentExecutable {
  static let url: URL? = {
    var directories: [URL] = []
    if let first = CommandLine.arguments.first {
      directories.append(URL(fileURLWithPath: first).deletingLastPathComponent())
    }
    // Linux: the test runner is the `.xctest` executable itself, in the products directory.
    // macOS: the `.xctest` bundle sits in the products directory.
    for bundle in [Bundle.main] + Bundle.allBundles {
      directories.append(bundle.bundleURL)
      directories.append(bundle.bundleURL.deletingLastPathComponent())
    }
    // Last resort: this package's debug products, from this file's path
    // (Tests/DescentCLITests/Support/RunDescent.swift).
    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    directories.append(packageRoot.appendingPathComponent(".build/debug"))
    return directories.lazy
      .map { $0.appendingPathComponent("descent") }
      .first { isExecutableFile($0) }
  }()

  private static func isExecutableFile(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && !isDirectory.boolValue && FileManager.default.isExecutableFile(atPath: url.path)
  }
}

/// Runs `descent` with `arguments` (no shell: each element is one argument) and returns its
/// exit status, stdout and stderr.
///
/// Records an issue, attributed to the caller, when the executable cannot be found or
/// started, when it is killed by a signal (a crash: `fatalError`, a trap), or when it runs
/// longer than `timeout` (it is then terminated). Output goes to temporary files rather
/// than pipes, so a large output cannot block the child while we wait for it.
func runDescent(
  _ arguments: [String], timeout: TimeInterval = 10,
  sourceLocation: SourceLocation = #_sourceLocation
) -> (status: Int32, stdout: String, stderr: String) {
  let failed: (status: Int32, stdout: String, stderr: String) = (-1, "", "")
  guard let executable = DescentExecutable.url else {
    Issue.record(
      "the descent executable was not found next to the test bundle; build it with `swift build`",
      sourceLocation: sourceLocation)
    return failed
  }
  let fileManager = FileManager.default
  let directory = fileManager.temporaryDirectory
    .appendingPathComponent("descent-cli-tests-\(UUID().uuidString)")
  defer { try? fileManager.removeItem(at: directory) }
  let outURL = directory.appendingPathComponent("stdout")
  let errURL = directory.appendingPathComponent("stderr")
  do {
    try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
    guard fileManager.createFile(atPath: outURL.path, contents: nil),
      fileManager.createFile(atPath: errURL.path, contents: nil)
    else { throw CocoaError(.fileWriteUnknown) }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    defer {
      try? out.close()
      try? err.close()
    }

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    if finished.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      finished.wait()
      Issue.record(
        "descent \(arguments) did not finish within \(timeout) s and was terminated",
        sourceLocation: sourceLocation)
    } else if process.terminationReason == .uncaughtSignal {
      Issue.record(
        "descent \(arguments) was killed by signal \(process.terminationStatus) (a crash)",
        sourceLocation: sourceLocation)
    }
    let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    return (process.terminationStatus, stdout, stderr)
  } catch {
    Issue.record("could not run descent \(arguments): \(error)", sourceLocation: sourceLocation)
    return failed
  }
}

/// Runs `descent` and expects success: exit status 0 and nothing on stderr. Returns stdout.
@discardableResult
func runDescentSuccessfully(
  _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
) -> String {
  let run = runDescent(arguments, sourceLocation: sourceLocation)
  #expect(
    run.status == 0, "descent \(arguments): stderr \(run.stderr)", sourceLocation: sourceLocation)
  #expect(run.stderr.isEmpty, "descent \(arguments)", sourceLocation: sourceLocation)
  return run.stdout
}
