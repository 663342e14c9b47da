/// The record of a computation, for reverse-mode differentiation.
///
/// A tape is an explicit object: every differentiable operation applied to a
/// ``Variable`` that belongs to a tape appends one node, so the nodes are in the order the
/// computation ran — a topological order, fixed and reproducible. ``gradients(of:withRespectTo:seed:createGraph:)``
/// walks the nodes backwards once (iteratively, no recursion) with fresh gradient buffers
/// on every call, so calling it twice never doubles anything.
///
/// Second order comes from the same mechanism: every backward rule is written with the
/// differentiable operations themselves, so with `createGraph: true` the backward pass is
/// recorded on the tape like any other computation and can be differentiated again. The
/// Hessian-vector product is the gradient of ⟨∇f, v⟩; no operation has second-derivative
/// code of its own.
///
/// ```swift
/// let tape = Tape()
/// let x = tape.variable(Tensor([1, 2]))
/// let y = try sum(x * x * x)                            // ∑ xᵢ³
/// let g = try tape.gradients(of: y, withRespectTo: [x], createGraph: true)[0]   // 3xᵢ²
/// let hv = try tape.gradients(of: g, withRespectTo: [x], seed: Tensor([1, 0]))[0] // H·e₁ = [6, 0]
/// ```
public final class Tape {
  /// The rule that turns the gradient of an operation's output into gradients of its
  /// inputs. It receives the output's gradient, the inputs and the output as variables,
  /// and which inputs need a gradient; it returns one gradient (or nil) per input, each of
  /// its input's shape.
  typealias Backward = (
    _ grad: Variable, _ inputs: [Variable], _ output: Variable, _ needs: [Bool]
  ) throws -> [Variable?]

  struct Node {
    var value: Tensor
    /// Tape indices of the inputs, −1 for a constant input.
    var inputs: [Int]
    var inputValues: [Tensor]
    /// nil for a leaf (a variable created by ``Tape/variable(_:)``).
    var backward: Backward?
    /// Shortcuts a first-order backward pass (nothing recorded) may take instead of the
    /// rule: they add an input's gradient straight into an existing buffer in one pass.
    var shortcut: FirstOrderShortcut?
  }

  /// What a first-order backward pass (nothing recorded) may do instead of running a
  /// rule, because the operation is linear in that input: pass the gradient on as a
  /// ``PendingGradient`` with new scales, offsets or factors, at no cost in memory traffic.
  /// The rule stays the definition (and is what second order differentiates); a shortcut
  /// must describe exactly what the rule computes.
  enum FirstOrderShortcut {
    /// A slice of the first axis starting `flatOffset` elements into the source.
    case firstAxisSlice(flatOffset: Int)
    /// Input k's gradient is `scales[k] · g ⊙ inputs[factors[k]]` (factor nil: `scales[k]·g`)
    /// whenever the shapes agree without broadcasting (g may be one element when a factor
    /// is given); otherwise the rule runs.
    case scaledProduct(scales: [Double], factors: [Int?])
  }

  var nodes: [Node] = []
  /// False while a backward pass runs without `createGraph`: operations then compute
  /// plain values and record nothing.
  var isRecording = true

  /// A new, empty tape.
  public init() {}

  /// The number of recorded nodes (leaves included).
  public var count: Int { nodes.count }

  /// A leaf variable: an input of the computation, which gradients can be taken with
  /// respect to.
  public func variable(_ value: Tensor) -> Variable {
    nodes.append(Node(value: value, inputs: [], inputValues: [], backward: nil))
    return Variable(tape: self, index: nodes.count - 1, value: value)
  }

  func record(
    _ value: Tensor, inputs: [Variable], shortcut: FirstOrderShortcut? = nil,
    backward: @escaping Backward
  ) -> Variable {
    nodes.append(
      Node(
        value: value, inputs: inputs.map { $0.tape === self ? $0.index : -1 },
        inputValues: inputs.map(\.value), backward: backward, shortcut: shortcut))
    return Variable(tape: self, index: nodes.count - 1, value: value)
  }
}
