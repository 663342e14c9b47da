/// A shape mismatch in a tensor operation: the operation, the shapes involved and why they
/// do not fit.
///
/// Thrown by every operation whose operands' shapes come from the user (arithmetic,
/// matmul, concatenation, reshapes); the message names both shapes, for example
/// `add: shapes [3, 2] and [4] cannot be broadcast (axis 1: 2 vs 4)`.
public struct ShapeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The operation that failed, e.g. `"add"` or `"matmul"`.
  public var operation: String
  /// The shapes of the operands, in order.
  public var shapes: [[Int]]
  /// A sentence saying what does not fit.
  public var reason: String

  /// An error for `operation` on operands of `shapes`, with a sentence saying why.
  public init(operation: String, shapes: [[Int]], reason: String) {
    self.operation = operation
    self.shapes = shapes
    self.reason = reason
  }

  public var description: String { "\(operation): \(reason)" }
}
