import Foundation
import Testing

@testable import Descent

/// The crashes the fuzz targets found, each pinned by what the fix now does instead of
/// trapping (the inputs themselves are `crash-*` files of `Fuzz/Corpus/`, replayed by
/// ``FuzzCorpusTests``).
@Suite struct FuzzRegressionTests {
  static func corpusFile(_ target: String, _ name: String) throws -> Data {
    try Data(
      contentsOf: FuzzCorpusTests.corpus.appendingPathComponent(target).appendingPathComponent(
        name))
  }

  /// run-checkpoint: an L-BFGS history with a pair of other length trapped in the two-loop
  /// recursion (index out of range); now the history is dropped as a reset and the run goes on.
  @Test func lbfgsDropsAHistoryThatDoesNotFit() throws {
    let data = try Self.corpusFile(
      "run-checkpoint", "crash-lbfgs-history-vectors-of-other-lengths.json")
    let checkpoint = try JSONDecoder().decode(RunCheckpoint<LBFGS.State>.self, from: data)
    #expect(checkpoint.state.s.count != checkpoint.state.y.count)
    var options = MinimizeOptions()
    options.maxIterations = checkpoint.iterations + 2
    let (_, saved) = try minimize(
      try Formula(FuzzTargets.runObjective).objective, from: checkpoint.current.x,
      method: LBFGS(), options: options, resumingFrom: checkpoint,
      objectiveDescription: FuzzTargets.runObjective)
    #expect(saved.state.resets == checkpoint.state.resets + 1)
    #expect(saved.state.s.count == saved.state.y.count)
    #expect((saved.state.s + saved.state.y).allSatisfy { $0.count == 2 })
    #expect(saved.iterations == checkpoint.iterations + 2)
  }

  /// run-checkpoint: a checkpoint whose gradient has another length than the point is refused.
  @Test func resumeRefusesAGradientOfAnotherLength() throws {
    let data = try Self.corpusFile("run-checkpoint", "lbfgs-3-iterations.json")
    var checkpoint = try JSONDecoder().decode(RunCheckpoint<LBFGS.State>.self, from: data)
    // The seed passes the harness's (the CLI's) checks, so fuzzed checkpoints get resumed.
    #expect(checkpoint.hyperparameters == LBFGS().hyperparameters)
    #expect(checkpoint.objective == FuzzTargets.runObjective)
    checkpoint.current.gradient.append(1)
    #expect(throws: ShapeError.self) {
      try minimize(
        try Formula(FuzzTargets.runObjective).objective, from: checkpoint.current.x,
        method: LBFGS(), resumingFrom: checkpoint)
    }
  }

  static func trainingCheckpoint(_ name: String) throws -> TrainingCheckpoint<SGD.State> {
    let path = FuzzCorpusTests.corpus.appendingPathComponent("training-checkpoint")
      .appendingPathComponent(name).path
    return try TrainingCheckpoint<SGD.State>.read(from: path)
  }

  /// training-checkpoint: 4 parameters for a network of 13 trapped in `MLP.output`'s
  /// precondition; now training from it throws a ``TrainingInputError``.
  @Test func trainingRefusesParametersOfAnotherCount() throws {
    let checkpoint = try Self.trainingCheckpoint(
      "crash-parameters-fewer-than-the-network.json")
    let (trainer, _) = try FuzzTargets.trainingSetUp(epochs: checkpoint.state.epoch)
    #expect(checkpoint.state.parameters.count == 4)
    let error = #expect(throws: TrainingInputError.self) {
      try trainer.train(from: checkpoint.state)
    }
    #expect(error?.reason == "4 parameters for a network of 13")
  }

  /// training-checkpoint: the other ways a state can fail to fit, each refused, while the
  /// unedited checkpoint still trains.
  @Test func trainingRefusesAStateThatDoesNotFit() throws {
    let checkpoint = try Self.trainingCheckpoint("sgd-mid-epoch.json")
    let (trainer, model) = try FuzzTargets.trainingSetUp(epochs: checkpoint.state.epoch)
    // The harness's set-up is the CLI run's that wrote the seed, so fuzzed states get trained.
    #expect(checkpoint.model == model)
    #expect(checkpoint.hyperparameters == trainer.hyperparameters)
    let result = try trainer.train(from: checkpoint.state)
    #expect(result.state.epoch == checkpoint.state.epoch + 1)
    var edits: [(String, (inout TrainingState<SGD.State>) -> Void)] = []
    edits.append(("order repeats a row", { $0.order = [0, 0, 1, 2] }))
    edits.append(("order beyond the rows", { $0.order = [0, 1, 2, 4] }))
    edits.append(("order too short", { $0.order = [0, 1, 2] }))
    edits.append(("negative step", { $0.step = -1 }))
    edits.append(("batch past the epoch", { $0.batch = Int.max }))
    edits.append(("momentum buffer short", { $0.ruleStates[0].momentumBuffer.removeLast() }))
    edits.append(("two rule states", { $0.ruleStates.append($0.ruleStates[0]) }))
    for (what, edit) in edits {
      var state = checkpoint.state
      edit(&state)
      #expect(throws: TrainingInputError.self, "\(what)") { try trainer.train(from: state) }
    }
  }

  /// npy: a header shape whose element count, or byte count, overflows `Int` trapped on the
  /// multiplication; now it is refused as too large. (Inputs written by hand and run through
  /// the npy fuzzer, which had not reached them in its run.)
  @Test(arguments: ["crash-shape-product-overflows.npy", "crash-byte-count-overflows.npy"])
  func npyRefusesAShapeThatOverflows(file: String) throws {
    let data = try Self.corpusFile("npy", file)
    let error = #expect(throws: TrainingInputError.self) {
      try NumPyArray.decode(data, name: file)
    }
    #expect(error?.reason.hasSuffix("is too large") == true)
  }

  /// formula: `sqr/M0Unsur` at M0Unsur = 1e-300 has the finite value 1e300 but the derivative
  /// −sqr/M0Unsur² = −∞, and `diagnoseNonFinite` said nothing (it checked only values and
  /// two derivative cases); now it names the division, as it does for `1/x`, `x^-1` and `log x`.
  @Test func diagnosisNamesADerivativeThatOverflows() throws {
    let formula = try Formula("sqr/M0Unsur+Qqr+S0")
    #expect(formula.variables == ["M0Unsur", "Qqr", "S0", "sqr"])
    let point = [1e-300, 0.5, 0.75, 1.0]
    let (value, gradient) = try formula.objective.valueAndGradient(at: point)
    #expect(value == 1 / 1e-300 + 0.5 + 0.75)
    #expect(gradient[0] == -.infinity)  // −1/(1e-300)², closed form, overflows
    let diagnosis = try #require(formula.diagnoseNonFinite(at: point))
    #expect(diagnosis.message == "sqr/M0Unsur has a derivative that overflows: dividing by 1e-300")
    #expect(diagnosis.column == 1)
    for (source, x) in [("1/x", 1e-200), ("x^-1", 1e-300), ("log(x)", 1e-320)] {
      let other = try Formula(source)
      #expect(try !other.objective.valueAndGradient(at: [x]).gradient[0].isFinite)
      #expect(other.diagnoseNonFinite(at: [x]) != nil, "\(source) at \(x)")
    }
  }

  /// formula: "0" followed by a combining mark (U+05A4) is one `Character` that compares
  /// between "0" and "9", so the lexer took it as a digit of the name `S0֤`, which the
  /// variable-list check (ASCII only) then refused on re-parse; now the lexer refuses it too.
  @Test func aDigitWithACombiningMarkIsNotADigit() {
    #expect(throws: FormulaError.self) { try Formula("S0\u{05A4} + 1") }
    #expect(throws: FormulaError.self) { try Formula("1\u{05A4} + x") }
  }
}
