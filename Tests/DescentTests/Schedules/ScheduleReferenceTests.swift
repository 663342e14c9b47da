import Foundation
import Testing

@testable import Descent

/// Every schedule against PyTorch's `lr_scheduler`, Optax's schedules, or the published
/// formula, at steps 0 … 60 (fixtures of `Scripts/references/schedules.py`). Each schedule is
/// built through ``makeSchedule(name:parameters:learningRate:)`` from the parameters as a user
/// would type them, so the factory's parsing is exercised on every case too.
@Suite struct ScheduleReferenceTests {
  @Test func fixtureCoversEverySchedule() throws {
    let document = try #require(ScheduleFixtures.document, "Fixtures/schedules.json is missing")
    #expect(document.steps == 60)
    let covered = Set(document.cases.map(\.schedule))
    for name in ScheduleName.allCases where !name.isStateful {
      #expect(covered.contains(name.rawValue), "no reference case for '\(name.rawValue)'")
    }
    #expect(document.plateau.count >= 4)
  }

  /// The tolerance for a reference, relative to each rate:
  ///
  /// - `torch-chainable`: PyTorch computes each rate from the previous one, multiplying by a
  ///   factor that itself carries a few roundings (a ratio of cosines, of polynomial terms,
  ///   of linear factors), while Descent evaluates the closed form once. Over 60 steps at a
  ///   few ε ≈ 2.2·10⁻¹⁶ per step the chained rate can drift by some 60·4ε ≈ 5·10⁻¹⁴
  ///   relative; measured worst 9·10⁻¹⁵ (a cosine with T_max = 7 crossing four troughs,
  ///   where the ratio divides small numbers). 10⁻¹³ keeps a margin while a wrong formula
  ///   misses by 10⁻³ or more. Rates that are exactly 0 (a finished polynomial, a cosine
  ///   trough with eta_min 0) must be 0 here too: the closed forms give 0 exactly there.
  /// - `torch-closed` (OneCycleLR, CosineAnnealingWarmRestarts), `optax`, `formula`: the same
  ///   closed form with the same operations in the same order, so only the libm (cos, pow)
  ///   can differ. On Linux Swift and Python both call glibc and the rates agree bit for bit
  ///   (JAX's XLA cos and pow happened to as well); 4 ε relative (≈ 9·10⁻¹⁶, a few ulps)
  ///   allows another libm or XLA version a last-bit difference.
  static func tolerance(for source: String) -> Double {
    switch source {
    case "torch-chainable": return 1e-13
    case "torch-closed", "optax", "formula": return 4 * Double.ulpOfOne
    default:
      Issue.record("unknown reference source '\(source)'")
      return 0
    }
  }

  @Test(arguments: ScheduleFixtures.cases)
  func matchesReference(_ c: ScheduleFixtures.Case) throws {
    let schedule = try makeSchedule(name: c.schedule, parameters: c.parameters)
    #expect(type(of: schedule).name == c.schedule)
    let rates = c.rates.indices.map { schedule.learningRate(atStep: $0) }
    expectClose(rates, c.rates, rtol: Self.tolerance(for: c.source), "\(c.id): \(c.reference)")
  }

  /// Where the reference is Python's own float arithmetic on a closed form (`torch-closed`,
  /// `formula`), Descent copies the operations in order and both call glibc on Linux, so
  /// the rates agree bit for bit: a check that the order really was copied, which the 4 ε
  /// tolerance above would not notice. (Optax's rates come from XLA's cos and pow, which
  /// need not round as glibc's do, so they are left to the tolerance.)
  @Test(
    arguments: ScheduleFixtures.cases.filter { ["torch-closed", "formula"].contains($0.source) })
  func closedFormsAgreeBitForBitOnLinux(_ c: ScheduleFixtures.Case) throws {
    #if os(Linux)
      let schedule = try makeSchedule(name: c.schedule, parameters: c.parameters)
      let mismatches = c.rates.indices.filter {
        schedule.learningRate(atStep: $0).bitPattern != c.rates[$0].bitPattern
      }
      #expect(mismatches.isEmpty, "\(c.id): steps \(mismatches) differ in the last bits")
    #endif
  }
}
