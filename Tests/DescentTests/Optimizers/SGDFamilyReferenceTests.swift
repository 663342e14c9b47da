import Foundation
import Testing

@testable import Descent

/// Every rule of the SGD family against PyTorch and Optax: each fixture case is replayed
/// from its start for 50 updates, with gradients from Descent's own tape.
@Suite struct SGDFamilyReferenceTests {
  static let cases = SGDFamilyFixtures.cases

  @Test func fixtureIsPresent() throws {
    let document = try #require(SGDFamilyFixtures.document)
    #expect(document.steps == 50)
    #expect(Self.cases.count >= 130)
    // Every rule, both conventions where there are two, and at least three functions each.
    let rules = Dictionary(grouping: Self.cases, by: \.rule)
    #expect(Set(rules.keys) == ["gd", "sgd", "momentum", "adagrad", "rmsprop", "adadelta"])
    for (rule, cases) in rules {
      #expect(Set(cases.map(\.formula)).count >= 3, "\(rule) on fewer than three functions")
    }
    for rule in ["adagrad", "rmsprop"] {
      let optax = rules[rule, default: []].filter { $0.convention == "optax" }
      #expect(optax.count >= 9, "\(rule): Optax-convention cases")
      #expect(optax.allSatisfy { $0.reference.hasPrefix("optax.") })
    }
    #expect(Self.cases.allSatisfy { $0.trajectory.count == 50 })
  }

  /// Trajectories equal the reference to 1e-10·max(1, |x|) at every one of the 50 updates.
  ///
  /// Why this tolerance: both sides compute in float64 with the same operations in the same
  /// order (the Swift loops transcribe torch's `_single_tensor_*` functions and Optax's
  /// `scale_by_rms`, `scale_by_rss`, `trace`), so one update differs only by a few roundings
  /// of about 1e-16 relative each — from the gradient (Descent's tape and autograd order the
  /// terms of a formula differently), from a fused multiply-add in a torch kernel, from
  /// XLA's `rsqrt`. Over 50 steps the step map may amplify such differences (along
  /// Rosenbrock's valley, through momentum's oscillations); the worst measured is 3e-15
  /// (RMSProp centered with α = 0.3 on Beale), so 1e-10 leaves five orders of margin for
  /// other CPUs and library versions. It still catches every formula mistake the cases
  /// target: a wrong first momentum step, dampening, learning-rate decay, or momentum taken
  /// before instead of after the learning rate under a schedule is off by 1e-4 or more.
  /// Where ε sits (inside or outside the square root) moves a trajectory by only about ε
  /// relative, 1e-8 to 1e-13 at the default ε, so the cases with ε = 1e-3 and 0.5 are the
  /// ones that pin the convention down (there it is off by over 1e-6).
  @Test(arguments: cases)
  func trajectoryMatchesReference(_ c: SGDFamilyFixtures.Case) throws {
    #expect(try Formula(c.formula).variables == c.variables)
    let (trajectory, _) = try SGDFamilyFixtures.replay(c)
    expectTrajectory(
      trajectory, c.trajectory, tolerance: 1e-10, "\(c.id) against \(c.reference)")
  }

  /// A rule decoded from the fixture's hyperparameters encodes to exactly the same object:
  /// every hyperparameter in force, defaults included, under PyTorch's names (the script
  /// checks that object against the torch optimizer's own `defaults`).
  @Test(arguments: cases)
  func hyperparametersRoundTrip(_ c: SGDFamilyFixtures.Case) throws {
    let (_, encoded) = try SGDFamilyFixtures.replay(c)
    #expect(encoded == c.hyperparameters)
  }

  /// The schedule cases show the two momentum forms apart: under the same learning rates
  /// from the same start, PyTorch's SGD and the lecture's form leave each other well beyond
  /// any tolerance, and each still equals its own reference (checked above).
  @Test func scheduledMomentumFormsDiffer() throws {
    for function in ["quadratic", "beale"] {
      let torch = try #require(Self.cases.first { $0.id == "sgd/pytorch/scheduled/\(function)" })
      let lecture = try #require(
        Self.cases.first { $0.id == "momentum/pytorch/scheduled/\(function)" })
      #expect(torch.learningRates == lecture.learningRates)
      let deviation = TrajectoryDeviation(lecture.trajectory, torch.trajectory, scale: 1)
      #expect(deviation.ratio > 1e-2, "\(function): \(deviation.ratio)")
    }
  }
}

extension SGDFamilyFixtures.Case {
  /// The `convention` hyperparameter, for the rules that have one.
  var convention: String? {
    guard case .object(let fields) = hyperparameters,
      case .string(let value)? = fields["convention"]
    else { return nil }
    return value
  }
}
