import Foundation
import Testing

/// Every committed fuzz input, fed through the same check the libFuzzer harness runs
/// (`Fuzz/*Fuzz.swift`, built by `Scripts/fuzz.sh`), without the sanitizer: the seeds and
/// every input that once crashed a target stay in `make test`.
@Suite struct FuzzCorpusTests {
  /// `Fuzz/Corpus/` of this checkout.
  static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

  /// The files of one target's corpus, by name.
  static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
    let folder = corpus.appendingPathComponent(target)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    return try names.map { name in
      (name, [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
    }
  }

  @Test(arguments: FuzzTargets.all.map(\.name))
  func corpusKeepsEveryInvariant(target: String) throws {
    let check = try #require(FuzzTargets.all.first { $0.name == target }?.check)
    let inputs = try Self.inputs(target)
    #expect(inputs.count >= 3, "\(target): a corpus of \(inputs.count) files")
    for input in inputs {
      #expect(check(input.bytes) == nil, "\(target)/\(input.name): \(check(input.bytes) ?? "")")
    }
  }
}
