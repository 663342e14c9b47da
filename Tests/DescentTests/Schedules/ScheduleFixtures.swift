import Foundation
import Testing

@testable import Descent

/// The reference learning rates of `Scripts/references/schedules.py`, committed as
/// `Fixtures/schedules.json`: PyTorch's `lr_scheduler` classes, Optax's schedule functions,
/// and the published formulas of the schedules neither has.
enum ScheduleFixtures {
  /// One schedule over steps 0 … n: `rates[t]` is the reference `learningRate(atStep: t)`.
  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    var id: String
    /// The name typed on the command line.
    var schedule: String
    /// The parameters as typed, under PyTorch's / Optax's argument names.
    var parameters: [String: String]
    /// The call that produced the rates.
    var reference: String
    /// `torch-chainable`, `torch-closed`, `optax` or `formula` (see the script).
    var source: String
    var rates: [Double]
    var testDescription: String { id }
  }

  /// Reduce-on-plateau fed `metrics`: `rates[0]` before any, `rates[k]` after `metrics[k-1]`.
  struct PlateauCase: Decodable, Sendable, CustomTestStringConvertible {
    var id: String
    var parameters: [String: String]
    var reference: String
    var metrics: [Double]
    var rates: [Double]
    var testDescription: String { id }
  }

  struct Document: Decodable {
    var generator: String
    var steps: Int
    var cases: [Case]
    var plateau: [PlateauCase]
  }

  static let document: Document? = {
    guard
      let url = Bundle.module.url(
        forResource: "schedules", withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return try? JSONDecoder().decode(Document.self, from: data)
  }()

  static var cases: [Case] { document?.cases ?? [] }
  static var plateau: [PlateauCase] { document?.plateau ?? [] }
}
