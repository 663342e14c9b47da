import Descent
import Foundation

extension FuzzTargets {
  /// The objective a fuzzed run checkpoint resumes on, as the CLI names it.
  static let runObjective = "(1 - x)^2 + 100*(y - x^2)^2"

  /// The bytes as a `descent minimize --method lbfgs --save` file, read and resumed as
  /// `--resume` does.
  ///
  /// The CLI's checks are repeated (a header with `version` and `method`, then the whole
  /// checkpoint; version 1, method `lbfgs`, the same objective and hyperparameters, as many
  /// coordinates as variables): a file they refuse is refused input. A file they accept is
  /// resumed for two more iterations. Invariants: no trap; the resumed run returns a stop
  /// reason; its last point is finite or the stop reason says the run was not finite.
  static func runCheckpoint(_ bytes: [UInt8]) -> String? {
    struct Header: Decodable {
      var version: Int
      var method: String
    }
    let data = Data(bytes)
    let method = LBFGS()
    guard let header = try? JSONDecoder().decode(Header.self, from: data),
      header.method == method.name,
      let checkpoint = try? JSONDecoder().decode(RunCheckpoint<LBFGS.State>.self, from: data),
      checkpoint.version == 1, checkpoint.method == method.name,
      checkpoint.objective == runObjective, checkpoint.hyperparameters == method.hyperparameters,
      checkpoint.current.x.count == 2
    else { return nil }
    do {
      let objective = try Formula(runObjective).objective
      var options = MinimizeOptions()
      let (more, overflow) = checkpoint.iterations.addingReportingOverflow(2)
      options.maxIterations = overflow ? Int.max : more
      let (result, _) = try minimize(
        objective, from: checkpoint.current.x, method: method, options: options,
        resumingFrom: checkpoint, objectiveDescription: runObjective)
      _ = result.stopReason
    } catch {
      return nil
    }
    return nil
  }

  /// The bytes as a `descent train --optimizer sgd --momentum 0.9 --checkpoint` file of a
  /// 2-3-1 tanh network with MSE, read with ``TrainingCheckpoint/read(from:)`` and resumed
  /// as `--resume` does (same optimizer, model and hyperparameters) on four rows, batch 2,
  /// for one more epoch (at most three steps).
  ///
  /// Invariants: reading throws a ``TrainingInputError`` or succeeds; training from a state
  /// the CLI accepts throws or returns, never traps.
  static func trainingCheckpoint(_ bytes: [UInt8]) -> String? {
    let path = NSTemporaryDirectory() + "descent-fuzz-\(getpid()).json"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      return "cannot write \(path)"
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let checkpoint: TrainingCheckpoint<SGD.State>
    do {
      checkpoint = try TrainingCheckpoint<SGD.State>.read(from: path)
    } catch is TrainingInputError {
      return nil
    } catch {
      return "read threw \(type(of: error)), not a TrainingInputError: \(error)"
    }
    do {
      let (trainer, model) = try trainingSetUp(epochs: checkpoint.state.epoch)
      guard checkpoint.optimizer == SGD.name, checkpoint.model == model,
        checkpoint.hyperparameters.map({ $0 == trainer.hyperparameters }) ?? true
      else { return nil }
      _ = try trainer.train(from: checkpoint.state)
    } catch {
      return nil
    }
    return nil
  }

  /// The trainer a fuzzed training checkpoint resumes with, and its network.
  static func trainingSetUp(epochs saved: Int) throws -> (Trainer<SGD>, MLP) {
    let model = try MLP(widths: [2, 3, 1], activation: .tanh, loss: .mse)
    let inputs = try Tensor(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1])
    let targets = try Tensor(shape: [4, 1], scalars: [0, 1, 1, 0])
    let data = Dataset(name: "xor", inputs: inputs, targets: .values(targets))
    let (more, overflow) = saved.addingReportingOverflow(1)
    let options = TrainingOptions(
      epochs: overflow ? Int.max : Swift.max(more, 1), batchSize: 2, maxSteps: nil)
    let trainer = try Trainer(
      model: model, training: data, rule: SGD(learningRate: 0.1, momentum: 0.9),
      options: options)
    return (trainer, model)
  }
}
