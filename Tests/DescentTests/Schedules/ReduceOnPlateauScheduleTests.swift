import Foundation
import Testing

@testable import Descent

/// Reduce-on-plateau against `torch.optim.lr_scheduler.ReduceLROnPlateau` fed the same
/// metrics, and its state saved and restored mid-run.
@Suite struct ReduceOnPlateauScheduleTests {
  static func make(_ c: ScheduleFixtures.PlateauCase) throws -> ReduceOnPlateau {
    guard
      case .plateau(let schedule) = try makeLearningRateSchedule(
        name: "reduce-on-plateau", parameters: c.parameters)
    else { throw ScheduleError(schedule: nil, message: "not a plateau schedule") }
    return schedule
  }

  /// The rates after every metric, from the state before any.
  static func rates(
    _ schedule: ReduceOnPlateau, _ metrics: ArraySlice<Double>,
    from start: ReduceOnPlateau.State
  ) -> [Double] {
    var state = start
    return metrics.map { metric in
      schedule.observe(metric, state: &state)
      return schedule.learningRate(state: state)
    }
  }

  /// Equal to PyTorch's bit for bit: the same comparisons and the same multiplication
  /// `lr · factor` from the same previous rate, so there is nothing to round differently.
  @Test(arguments: ScheduleFixtures.plateau)
  func matchesTorch(_ c: ScheduleFixtures.PlateauCase) throws {
    let schedule = try Self.make(c)
    let start = schedule.initialState()
    let rates =
      [schedule.learningRate(state: start)] + Self.rates(schedule, c.metrics[...], from: start)
    #expect(rates.count == c.rates.count)
    let mismatches = rates.indices.filter { rates[$0].bitPattern != c.rates[$0].bitPattern }
    if let k = mismatches.first {
      let text =
        "\(c.id): \(c.reference): after \(k) metrics the rate is \(rates[k]), torch's "
        + "\(c.rates[k]); \(mismatches.count) of \(rates.count) rates differ"
      Issue.record(Comment(rawValue: text))
    }
  }

  /// Documented: the rate never increases, and reductions did happen (the metrics exercise it).
  @Test(arguments: ScheduleFixtures.plateau)
  func rateNeverIncreases(_ c: ScheduleFixtures.PlateauCase) throws {
    let schedule = try Self.make(c)
    let rates = Self.rates(schedule, c.metrics[...], from: schedule.initialState())
    #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(rates.last! < schedule.learningRate, "\(c.id) never reduced the rate")
  }

  /// Saving the state after k metrics (JSON), reading it back, and continuing gives the same
  /// states — every field's bits — as the run that never stopped, for every k.
  @Test(arguments: ScheduleFixtures.plateau)
  func stateRoundTripContinuesIdentically(_ c: ScheduleFixtures.PlateauCase) throws {
    let schedule = try Self.make(c)
    var states = [schedule.initialState()]
    for metric in c.metrics {
      var state = states.last!
      schedule.observe(metric, state: &state)
      states.append(state)
    }
    for k in states.indices {
      let data = try JSONEncoder().encode(states[k])
      var resumed = try JSONDecoder().decode(ReduceOnPlateau.State.self, from: data)
      #expect(Self.bits(resumed) == Self.bits(states[k]), "\(c.id): state after \(k) metrics")
      for (offset, metric) in c.metrics[k...].enumerated() {
        schedule.observe(metric, state: &resumed)
        let expected = states[k + offset + 1]
        guard Self.bits(resumed) == Self.bits(expected) else {
          Issue.record("\(c.id): resumed after \(k) metrics, differs \(offset + 1) later")
          break
        }
      }
    }
  }

  static func bits(_ s: ReduceOnPlateau.State) -> [UInt64] {
    [
      s.best.bitPattern, s.learningRate.bitPattern, UInt64(s.badEpochs),
      UInt64(s.cooldownCounter), UInt64(s.epochs),
    ]
  }

  /// best starts at ±∞, which JSON has no number for: written as a string and read back.
  @Test func infiniteBestIsWrittenAsString() throws {
    for (mode, text) in [(ReduceOnPlateau.Mode.min, "\"Infinity\""), (.max, "\"-Infinity\"")] {
      let state = ReduceOnPlateau(learningRate: 0.1, mode: mode).initialState()
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      let json = String(decoding: try encoder.encode(state), as: UTF8.self)
      #expect(
        json == "{\"best\":\(text),\"cooldown_counter\":0,\"last_epoch\":0,\"lr\":0.1,"
          + "\"num_bad_epochs\":0}")
      let decoded = try JSONDecoder().decode(ReduceOnPlateau.State.self, from: Data(json.utf8))
      #expect(decoded == state)
    }
  }

  @Test(arguments: [
    #"{"best":"Infinit","cooldown_counter":0,"last_epoch":0,"lr":0.1,"num_bad_epochs":0}"#,
    #"{"best":1.5,"cooldown_counter":-1,"last_epoch":3,"lr":0.1,"num_bad_epochs":0}"#,
    #"{"best":1.5,"cooldown_counter":0,"last_epoch":3,"lr":-0.1,"num_bad_epochs":0}"#,
    #"{"best":1.5,"cooldown_counter":0,"last_epoch":3,"lr":0.1}"#,
  ])
  func corruptStateIsRefused(_ json: String) {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ReduceOnPlateau.State.self, from: Data(json.utf8))
    }
  }

  /// The hyperparameters print under PyTorch's argument names.
  @Test func encodesTorchArgumentNames() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(
      decoding: try encoder.encode(ReduceOnPlateau(learningRate: 0.5)), as: UTF8.self)
    #expect(
      json == #"{"cooldown":0,"eps":1e-08,"factor":0.1,"lr":0.5,"min_lr":0,"mode":"min","#
        + #""patience":10,"threshold":0.0001,"threshold_mode":"rel"}"#)
  }

  /// Hand-worked: patience 1, so the second bad observation in a row reduces; cooldown 1
  /// ignores the observation after a reduction.
  @Test func patienceAndCooldownByHand() {
    let schedule = ReduceOnPlateau(learningRate: 1, factor: 0.5, patience: 1, cooldown: 1)
    var state = schedule.initialState()
    var rates: [Double] = []
    for metric in [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5] {
      schedule.observe(metric, state: &state)
      rates.append(schedule.learningRate(state: state))
    }
    // 1.0 improves on ∞; two bad → 0.5; cooldown swallows one; two bad → 0.25; …
    #expect(rates == [1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25])
    #expect(state.best == 0.5)
  }
}
