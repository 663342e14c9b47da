import Descent
import Foundation

/// The fuzz targets' checks: each takes the bytes libFuzzer (or a committed corpus file)
/// gives and returns nil when every invariant holds, or a sentence saying which one broke.
///
/// One body serves two builds: `Scripts/fuzz.sh` compiles these files with a harness of
/// `Fuzz/` under `-sanitize=fuzzer,address` (a broken invariant becomes a crash there), and
/// `FuzzCorpusTests` feeds every file of `Fuzz/Corpus/<target>/` through the same function
/// without the sanitizer. Only public API is used, so both builds see the same code.
enum FuzzTargets {
  /// The targets of `Fuzz/Corpus/`, by folder name.
  static let all: [(name: String, check: @Sendable ([UInt8]) -> String?)] = [
    ("formula", formula),
    ("csv", csv),
    ("npy", npy),
    ("run-checkpoint", runCheckpoint),
    ("training-checkpoint", trainingCheckpoint),
  ]

  /// Bytes as text, invalid UTF-8 repaired as the CLI's readers do.
  static func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// Whether two doubles are the same number, NaN equal to NaN.
  static func same(_ a: Double, _ b: Double) -> Bool {
    a == b || (a.isNaN && b.isNaN)
  }
}
