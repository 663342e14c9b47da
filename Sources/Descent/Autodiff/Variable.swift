/// A tensor taking part in a differentiable computation.
///
/// A variable either belongs to a ``Tape`` (a leaf made by ``Tape/variable(_:)``, or the
/// result of an operation on such variables) or is a constant (``init(_:)``), which records
/// nothing and costs nothing beyond the arithmetic. Write a function once on variables:
/// called with constants it is the fastest way to evaluate it; called with tape variables
/// it can be differentiated to any order.
///
/// Binary operations broadcast as NumPy does (scalars, rows, columns) and throw
/// ``ShapeError`` naming both shapes when they cannot. One `try` covers a whole
/// expression: `let y = try (x - 1) * (x + 2) / w`.
public struct Variable {
  /// The tape this variable is recorded on; nil for a constant.
  public let tape: Tape?
  let index: Int
  /// The variable's current value.
  public internal(set) var value: Tensor

  init(tape: Tape?, index: Int, value: Tensor) {
    self.tape = tape
    self.index = index
    self.value = value
  }

  /// A constant: a value that takes part in a computation but is never differentiated.
  public init(_ value: Tensor) {
    self.init(tape: nil, index: -1, value: value)
  }

  /// A rank-0 constant.
  public init(scalar: Double) {
    self.init(Tensor(scalar: scalar))
  }

  /// The shape of the value.
  public var shape: [Int] { value.shape }
  /// True when this variable is recorded on a tape (gradients can flow through it).
  public var isTracked: Bool { tape != nil }

  /// The value of a variable holding one element.
  /// - Precondition: the value has exactly one element.
  public var scalarValue: Double {
    guard let s = value.scalar else {
      preconditionFailure("scalarValue of a variable of shape \(shape)")
    }
    return s
  }

  /// Records an operation with result `value` on the tape of any tracked, recording input;
  /// returns a constant when no input is tracked or the tape is not recording.
  static func record(
    _ value: Tensor, _ inputs: [Variable], shortcut: Tape.FirstOrderShortcut? = nil,
    backward: @escaping Tape.Backward
  ) -> Variable {
    var tape: Tape?
    for input in inputs {
      guard let t = input.tape else { continue }
      if let existing = tape {
        precondition(existing === t, "an operation mixes variables of two different tapes")
      } else {
        tape = t
      }
    }
    guard let tape, tape.isRecording else { return Variable(value) }
    return tape.record(value, inputs: inputs, shortcut: shortcut, backward: backward)
  }
}
