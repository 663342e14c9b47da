import Foundation
import Testing

@testable import Descent

/// Building schedules from names and typed parameters: the errors a person sees, and the
/// encoding printed as a schedule's parameters.
@Suite struct ScheduleFactoryTests {
  /// The message of the ScheduleError thrown by `body`, or a recorded issue.
  static func message(
    _ body: () throws -> Any, sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    do {
      _ = try body()
      Issue.record("expected a ScheduleError", sourceLocation: sourceLocation)
    } catch let error as ScheduleError {
      return error.description
    } catch {
      Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
    return ""
  }

  static func make(_ name: String, _ parameters: [String: String]) -> String {
    Self.message { try makeSchedule(name: name, parameters: parameters, learningRate: 0.1) }
  }

  @Test func namesMatchTheTypes() throws {
    let minimal: [ScheduleName: [String: String]] = [
      .step: ["step_size": "3"], .multistep: ["milestones": "3"], .exponential: ["gamma": "0.9"],
      .inverseTime: ["decay_rate": "0.5"], .cosine: ["T_max": "10"], .cosineRestarts: ["T_0": "4"],
      .warmupCosine: ["init_value": "0", "warmup_steps": "2", "decay_steps": "10"],
      .oneCycle: ["total_steps": "100"],
      .sequential: ["schedulers": "constant,cosine", "milestones": "5", "1.T_max": "10"],
    ]
    for name in ScheduleName.allCases {
      let made = try makeLearningRateSchedule(
        name: name.rawValue, parameters: minimal[name] ?? [:], learningRate: 0.1)
      #expect(made.name == name.rawValue)
      #expect(try ScheduleName(parsing: name.rawValue.uppercased()) == name)
    }
    #expect(try ScheduleName(parsing: "warmup_cosine") == .warmupCosine)
  }

  @Test func unknownNameSuggestsTheNearest() {
    let cosin = Self.message { try makeSchedule(name: "cosin", parameters: [:]) }
    #expect(cosin.hasPrefix("unknown schedule 'cosin'; did you mean 'cosine'? (valid: constant,"))
    #expect(
      Self.message { try ScheduleName(parsing: "multi-step") }.contains("did you mean 'multistep'?")
    )
    #expect(
      Self.message { try ScheduleName(parsing: "onecycle") }.contains("did you mean 'one-cycle'?"))
    let far = Self.message { try ScheduleName(parsing: "banana") }
    #expect(!far.contains("did you mean") && far.contains("reduce-on-plateau"))
  }

  @Test func unknownParameterSuggestsTheNearest() {
    #expect(
      Self.make("step", ["step_size": "3", "gama": "0.5"])
        == "schedule 'step': unknown parameter 'gama'; did you mean 'gamma'? "
        + "(valid: lr, step_size, gamma)")
    // A misspelt required parameter is reported as misspelt, not as missing.
    #expect(
      Self.make("step", ["step-sise": "3"]).hasPrefix(
        "schedule 'step': unknown parameter 'step-sise'; did you mean 'step_size'?"))
    // Kebab-case and case are normalized before comparing; the suggestion is as documented.
    #expect(
      Self.make("cosine", ["T-max": "10", "eta-mn": "0"]).contains("did you mean 'eta_min'?"))
    #expect(Self.make("cosine", ["t-max": "10", "T_max": "10"]).contains("given twice"))
  }

  @Test func kebabCaseFindsTorchNames() throws {
    let schedule = try makeSchedule(
      name: "cosine-restarts", parameters: ["t-0": "5", "T-MULT": "2", "eta-min": "0.001"],
      learningRate: 0.1)
    let restarts = try #require(schedule as? CosineAnnealingWarmRestarts)
    #expect(
      restarts
        == CosineAnnealingWarmRestarts(
          learningRate: 0.1, firstCycle: 5, cycleMultiplier: 2, minimumLearningRate: 0.001))
  }

  @Test(arguments: [
    ("step", ["step_size": "-3"], "step_size = -3 is invalid: expected an integer ≥ 1"),
    ("step", ["step_size": "0"], "step_size = 0 is invalid: expected an integer ≥ 1"),
    ("step", ["step_size": "2.5"], "step_size = 2.5 is invalid: expected an integer"),
    (
      "step", ["step_size": "3", "gamma": "0"],
      "gamma = 0.0 is invalid: expected a finite number > 0"
    ),
    ("step", ["step_size": "3", "gamma": "abc"], "gamma = abc is invalid: expected a number"),
    ("step", [:], "step_size is required (updates between decays)"),
    (
      "step", ["step_size": "3", "lr": "-0.1"], "lr = -0.1 is invalid: expected a finite number ≥ 0"
    ),
    ("step", ["step_size": "3", "lr": "nan"], "lr = nan is invalid: expected a finite number ≥ 0"),
    (
      "multistep", ["milestones": "10,x"],
      "milestones = 10,x is invalid: expected integers separated by commas"
    ),
    (
      "multistep", ["milestones": "10,-5"], "milestones = -5 is invalid: expected update counts ≥ 0"
    ),
    ("exponential", ["gamma": "-0.9"], "gamma = -0.9 is invalid: expected a finite number > 0"),
    ("exponential", [:], "gamma is required (the multiplier per update)"),
    (
      "inverse-time", ["decay_rate": "0.5", "staircase": "yes"],
      "staircase = yes is invalid: expected true or false"
    ),
    (
      "inverse-sqrt", ["warmup_updates": "0"],
      "warmup_updates = 0 is invalid: expected an integer ≥ 1"
    ),
    ("polynomial", ["power": "-1"], "power = -1.0 is invalid: expected a finite number ≥ 0"),
    ("cosine", ["T_max": "0"], "T_max = 0 is invalid: expected an integer ≥ 1"),
    (
      "cosine-restarts", ["T_0": "5", "T_mult": "0"],
      "T_mult = 0 is invalid: expected an integer ≥ 1"
    ),
    (
      "linear-warmup", ["start_factor": "0"],
      "start_factor = 0.0 is invalid: expected a number in (0, 1]"
    ),
    (
      "linear-warmup", ["end_factor": "1.5"],
      "end_factor = 1.5 is invalid: expected a number in [0, 1]"
    ),
    ("constant", ["factor": "2"], "factor = 2.0 is invalid: expected a number in [0, 1]"),
    (
      "warmup-cosine", ["init_value": "0", "warmup_steps": "10", "decay_steps": "10"],
      "decay_steps = 10 is invalid: expected an integer > warmup_steps = 10 "
        + "(it includes the warm-up)"
    ),
    (
      "one-cycle", ["total_steps": "100", "pct_start": "1.5"],
      "pct_start = 1.5 is invalid: expected a number in [0, 1]"
    ),
    (
      "one-cycle", ["total_steps": "100", "anneal_strategy": "cosine"],
      "anneal_strategy = cosine is invalid: expected one of cos, linear"
    ),
    (
      "one-cycle", ["total_steps": "100", "div_factor": "0"],
      "div_factor = 0.0 is invalid: expected a finite number > 0"
    ),
  ])
  func badValuesAreNamed(_ name: String, _ parameters: [String: String], _ expected: String) {
    #expect(Self.make(name, parameters) == "schedule '\(name)': \(expected)")
  }

  @Test func oneCyclePhasesMustHaveUpdates() {
    let tooShort = Self.make("one-cycle", ["total_steps": "3", "pct_start": "0.3"])
    #expect(
      tooShort.hasPrefix(
        "schedule 'one-cycle': pct_start = 0.3 is invalid: expected a fraction giving phase 1 of 2")
    )
    let threePhase = Self.make(
      "one-cycle", ["total_steps": "100", "pct_start": "0.6", "three_phase": "true"])
    #expect(threePhase.contains("phase 3 of 3"))
  }

  @Test func plateauBadValues() {
    let name = "reduce-on-plateau"
    #expect(
      Self.message { try makeLearningRateSchedule(name: name, parameters: ["factor": "1"]) }
        == "schedule 'reduce-on-plateau': lr is required (the base learning rate; "
        + "the optimizer's lr is used when there is one)"
    )
    #expect(
      Self.message {
        try makeLearningRateSchedule(name: name, parameters: ["lr": "0.1", "factor": "1"])
      }
        == "schedule 'reduce-on-plateau': factor = 1.0 is invalid: expected a number in [0, 1)")
    #expect(
      Self.message {
        try makeLearningRateSchedule(name: name, parameters: ["lr": "0.1", "mode": "minimum"])
      }
        == "schedule 'reduce-on-plateau': mode = minimum is invalid: expected one of min, max")
    #expect(
      Self.message {
        try makeLearningRateSchedule(name: name, parameters: ["lr": "0.1", "patience": "-1"])
      }
        == "schedule 'reduce-on-plateau': patience = -1 is invalid: expected an integer ≥ 0")
    // Not a function of the step: makeSchedule says so rather than returning something else.
    #expect(Self.make(name, [:]).contains("depends on the observed loss"))
  }

  @Test func baseRateFallsBackToTheOptimizers() throws {
    let cosine = try makeSchedule(name: "cosine", parameters: ["T_max": "10"], learningRate: 0.2)
    #expect(cosine.learningRate(atStep: 0) == 0.2)
    let own = try makeSchedule(
      name: "cosine", parameters: ["T_max": "10", "lr": "0.3"], learningRate: 0.2)
    #expect(own.learningRate(atStep: 0) == 0.3)
    let oneCycle = try makeSchedule(
      name: "one-cycle", parameters: ["total_steps": "50"], learningRate: 1)
    #expect(oneCycle.learningRate(atStep: 14) == 1, "max_lr from the optimizer's lr")
    #expect(
      Self.message { try makeSchedule(name: "cosine", parameters: ["T_max": "10"]) }
        .contains("lr is required"))
  }

  @Test func sequentialErrorsNameThePart() {
    #expect(
      Self.make("sequential", ["schedulers": "linear-warmup,cosin", "milestones": "5"])
        == "schedule 'sequential': part 1 of schedulers: unknown schedule 'cosin'; "
        + "did you mean 'cosine'? (valid: \(Self.allNames))"
    )
    #expect(
      Self.make(
        "sequential", ["schedulers": "linear-warmup,cosine", "milestones": "5", "1.T_max": "0"])
        == "schedule 'sequential': 1.T_max = 0 is invalid: expected an integer ≥ 1")
    #expect(
      Self.make(
        "sequential",
        ["schedulers": "linear-warmup,cosine", "milestones": "5", "1.T_max": "9", "1.gama": "1"]
      )
      .contains("unknown parameter '1.gama'"))
    #expect(
      Self.make(
        "sequential", ["schedulers": "constant,cosine", "milestones": "5,8", "1.T_max": "9"])
        == "schedule 'sequential': milestones = [5, 8] is invalid: expected 1 milestone, one "
        + "fewer than the 2 schedules")
    #expect(
      Self.make("sequential", ["schedulers": "constant,constant,constant", "milestones": "8,5"])
        .contains("expected update counts ≥ 0 in non-decreasing order"))
    #expect(
      Self.make("sequential", ["schedulers": "constant,reduce-on-plateau", "milestones": "5"])
        .contains("depends on the observed loss"))
    #expect(
      Self.make("sequential", ["schedulers": "constant,cosine", "milestones": "5", "2.T_max": "9"])
        .contains("unknown parameter '2.T_max'"))
    #expect(Self.make("sequential", ["milestones": ""]).contains("schedulers is required"))
  }

  static let allNames = ScheduleName.allCases.map(\.rawValue).joined(separator: ", ")

  @Test func errorDescriptionFormat() {
    let error = ScheduleError(schedule: "step", parameter: "gamma", message: "gamma = 0 is bad")
    #expect(error.description == "schedule 'step': gamma = 0 is bad")
    #expect(ScheduleError(schedule: nil, message: "unknown").description == "unknown")
  }

  // MARK: - Encoding

  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// The encoding printed as a schedule's parameters uses PyTorch's / Optax's names.
  @Test func encodesArgumentNames() throws {
    #expect(
      try Self.json(StepDecay(learningRate: 0.1, stepSize: 7, gamma: 0.5))
        == #"{"gamma":0.5,"lr":0.1,"step_size":7}"#)
    #expect(
      try Self.json(CosineAnnealing(learningRate: 0.1, halfPeriod: 50))
        == #"{"T_max":50,"eta_min":0,"lr":0.1}"#)
    #expect(
      try Self.json(OneCycle(maximumLearningRate: 0.1, totalSteps: 100))
        == #"{"anneal_strategy":"cos","div_factor":25,"final_div_factor":10000,"max_lr":0.1,"#
        + #""pct_start":0.3,"three_phase":false,"total_steps":100}"#)
    #expect(
      try Self.json(
        WarmupCosineDecay(initialValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 50))
        == #"{"decay_steps":50,"end_value":0,"exponent":1,"init_value":0,"peak_value":0.1,"#
        + #""warmup_steps":10}"#
    )
    let sequential = SequentialSchedule(
      [
        LinearWarmup(learningRate: 0.1, startFactor: 0.5, totalIters: 4),
        ConstantSchedule(learningRate: 0.1),
      ],
      milestones: [4])
    #expect(
      try Self.json(sequential)
        == #"{"milestones":[4],"schedulers":[{"name":"linear-warmup","parameters":{"end_factor":1,"#
        + #""lr":0.1,"start_factor":0.5,"total_iters":4}},{"name":"constant","parameters":{"#
        + #""factor":1,"lr":0.1,"total_iters":0}}]}"#)
  }
}

/// The initialisers stop the program on an invalid value (a programmer's error; the factory
/// above is the checked path), naming the type, the parameter and what would be valid.
@Suite struct ScheduleInitialiserTests {
  @Test func invalidValueStopsWithItsName() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = StepDecay(learningRate: 0.1, stepSize: 0)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("StepDecay: step_size = 0 is invalid: expected an integer ≥ 1"))
  }

  @Test func negativeStepStops() async {
    await #expect(processExitsWith: .failure) {
      _ = CosineAnnealing(learningRate: 0.1, halfPeriod: 10).learningRate(atStep: -1)
    }
  }
}
