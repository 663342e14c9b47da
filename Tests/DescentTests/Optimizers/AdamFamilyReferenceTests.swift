import Foundation
import Testing

@testable import Descent

/// Adam, AdamW, Adamax, NAdam, RAdam, Eve and Lion against PyTorch, Optax and Eve's paper:
/// each fixture case is replayed from its start for 50 updates, with losses and gradients
/// from Descent's own tape.
@Suite struct AdamFamilyReferenceTests {
  static let cases = AdamFamilyFixtures.cases

  @Test func fixtureIsPresent() throws {
    let document = try #require(AdamFamilyFixtures.document)
    #expect(document.steps == 50)
    #expect(Self.cases.count >= 126)
    #expect(Self.cases.allSatisfy { $0.trajectory.count == 50 })
    let rules = Dictionary(grouping: Self.cases, by: \.rule)
    #expect(Set(rules.keys) == ["adam", "adamw", "adamax", "nadam", "radam", "eve", "lion"])
    for (rule, cases) in rules {
      #expect(Set(cases.map(\.formula)).count >= 3, "\(rule) on fewer than three functions")
    }
    // Both conventions wherever a rule has them; Adamax and Lion against Optax; Eve against
    // the paper.
    for rule in ["adam", "adamw", "nadam", "radam"] {
      let conventions = Set(rules[rule, default: []].compactMap(\.convention))
      #expect(conventions == ["pytorch", "optax"], "\(rule)")
    }
    #expect(rules["adamax", default: []].contains { $0.reference.hasPrefix("optax") })
    #expect(rules["lion", default: []].allSatisfy { $0.reference.hasPrefix("optax") })
    #expect(rules["eve", default: []].allSatisfy { $0.reference.contains("Algorithm 1") })
  }

  /// Trajectories equal the reference to 1e-10·max(1, |x|) at every one of the 50 updates.
  ///
  /// Why this tolerance: both sides compute in float64 with the same formulas, so an update
  /// differs only by roundings of about 1e-16 relative — in the gradient (Descent's tape and
  /// autograd sum the terms of a formula in different orders), in the loops (the Swift
  /// kernels multiply by reciprocals of per-step constants where the libraries divide; XLA
  /// may fuse multiply-adds). Adam-type steps are normalised (m̂/√v̂ has bounded
  /// sensitivity to g) but the iteration can still amplify differences over 50 steps along
  /// Rosenbrock's valley or during a climb with `maximize`; the measured worst case is
  /// 5e-15, four orders below the bound. A mistake in a formula — a bias correction
  /// off by one step, ε on the wrong side of a square root, AMSGrad's maximum before rather
  /// than after the bias correction, a missing `eps_root` — shows at 1e-9 or well above
  /// (see `conventionsAreTellable`).
  @Test(arguments: cases)
  func trajectoryMatchesReference(_ c: AdamFamilyFixtures.Case) throws {
    #expect(try Formula(c.formula).variables == c.variables)
    let (trajectory, _) = try AdamFamilyFixtures.replay(c)
    let worst = AdamFamilyFixtures.deviation(trajectory, c.trajectory)
    #expect(
      worst.error <= 1e-10,
      """
      \(c.name) against \(c.reference): after update \(worst.update), component \
      \(worst.component) is off by \(worst.error)·max(1, |x|)
      """)
  }

  /// A rule decoded from the fixture's hyperparameters encodes to exactly the same object:
  /// every hyperparameter in force, defaults included (the script fills in the libraries'
  /// defaults), under PyTorch's names.
  @Test(arguments: cases)
  func hyperparametersRoundTrip(_ c: AdamFamilyFixtures.Case) throws {
    let (_, encoded) = try AdamFamilyFixtures.replay(c)
    #expect(encoded == c.hyperparameters)
  }

  /// The fixtures tell the conventions apart: replaying an Optax case with one thing
  /// changed — the PyTorch convention, or no `eps_root` — leaves the Optax trajectory, on at
  /// least one of the three functions, by far more than the 1e-10 tolerance, so agreeing
  /// with each within it means something. AMSGrad's maximum, NAdam's momentum schedule,
  /// RAdam's ε and Optax's ε_root each make the difference. (The measured departures are
  /// 3e-2 to 1e-1, 1e-1, 1e-5 and 2e-5; plain Adam, its weight decay and `maximize` agree
  /// across conventions to rounding, as they should.)
  @Test(arguments: [
    ("adam-optax-decoupled-amsgrad", "convention", JSONValue.string("pytorch"), 1e-2),
    ("adamw-optax-amsgrad", "convention", .string("pytorch"), 1e-2),
    ("nadam-optax-decoupled", "convention", .string("pytorch"), 1e-2),
    ("radam-optax-large-eps", "convention", .string("pytorch"), 1e-6),
    ("adam-optax-eps-root", "eps_root", .number(0), 1e-6),
  ])
  func conventionsAreTellable(setting: String, key: String, value: JSONValue, least: Double)
    throws
  {
    let cases = Self.cases.filter { $0.name.hasPrefix(setting + "/") }
    #expect(cases.count == 3)
    var largest = 0.0
    for c in cases {
      let changed = AdamFamilyFixtures.setting(key, to: value, in: c.hyperparameters)
      let (trajectory, _) = try AdamFamilyFixtures.replay(c, hyperparameters: changed)
      largest = max(largest, AdamFamilyFixtures.deviation(trajectory, c.trajectory).error)
    }
    #expect(largest > least, "\(setting) with \(key) = \(value) departs by only \(largest)")
  }
}
