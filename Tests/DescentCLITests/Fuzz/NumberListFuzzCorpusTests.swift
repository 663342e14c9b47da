import Foundation
import Testing

/// Every committed input of the `number-list` fuzz target, through the same check the
/// libFuzzer harness (`Fuzz/NumberListFuzz.swift`) runs, without the sanitizer.
@Suite struct NumberListFuzzCorpusTests {
  @Test func corpusKeepsEveryInvariant() throws {
    let folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/number-list")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names.count >= 3, "a corpus of \(names.count) files")
    for name in names {
      let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
      #expect(
        NumberListFuzzTarget.check(bytes) == nil,
        "number-list/\(name): \(NumberListFuzzTarget.check(bytes) ?? "")")
    }
  }
}
