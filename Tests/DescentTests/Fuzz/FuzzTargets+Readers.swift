import Descent
import Foundation

extension FuzzTargets {
  /// The bytes as a CSV file.
  ///
  /// Invariants: ``Dataset/csv(text:name:)`` throws a ``TrainingInputError`` or returns a
  /// dataset with at least one row, finite inputs of shape `[count, width]`, and targets of
  /// one row per input row (finite values, or labels in `0..<classes`).
  static func csv(_ bytes: [UInt8]) -> String? {
    let dataset: Dataset
    do {
      dataset = try Dataset.csv(text: text(bytes), name: "fuzz.csv")
    } catch is TrainingInputError {
      return nil
    } catch {
      return "threw \(type(of: error)), not a TrainingInputError: \(error)"
    }
    let shape = dataset.inputs.shape
    guard shape.count == 2, shape[0] >= 1, shape[1] >= 1,
      dataset.inputs.scalars.count == shape[0] * shape[1],
      dataset.inputs.scalars.allSatisfy({ (v: Double) in v.isFinite })
    else { return "inputs of shape \(shape) with scalars \(dataset.inputs.scalars)" }
    switch dataset.targets {
    case .values(let y):
      guard y.shape.count == 2, y.shape[0] == shape[0],
        y.scalars.allSatisfy({ (v: Double) in v.isFinite })
      else {
        return "targets of shape \(y.shape) for inputs \(shape)"
      }
    case .labels(let labels, let classes):
      guard labels.count == shape[0], labels.allSatisfy({ $0 >= 0 && $0 < classes }) else {
        return "\(labels.count) labels in 0..<\(classes) for inputs \(shape)"
      }
    }
    return nil
  }

  /// The bytes as a `.npy` file.
  ///
  /// Invariants: ``NumPyArray/decode(_:name:)`` throws a ``TrainingInputError`` or returns an
  /// array whose element count is the product of its shape; encoding that array and decoding
  /// it again gives the same shape and the same bits.
  static func npy(_ bytes: [UInt8]) -> String? {
    let array: NumPyArray
    do {
      array = try NumPyArray.decode(Data(bytes), name: "fuzz.npy")
    } catch is TrainingInputError {
      return nil
    } catch {
      return "threw \(type(of: error)), not a TrainingInputError: \(error)"
    }
    guard array.scalars.count == array.shape.reduce(1, *) else {
      return "\(array.scalars.count) scalars for shape \(array.shape)"
    }
    do {
      let again = try NumPyArray.decode(array.encoded(), name: "again.npy")
      guard again.shape == array.shape,
        again.scalars.map(\.bitPattern) == array.scalars.map(\.bitPattern)
      else { return "shape \(array.shape) encodes and decodes to \(again.shape)" }
    } catch {
      return "shape \(array.shape) encodes to bytes that do not decode: \(error)"
    }
    return nil
  }
}
