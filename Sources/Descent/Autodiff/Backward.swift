extension Tape {
  /// Reverse-mode gradients of `output` with respect to `inputs`.
  ///
  /// Computes `seedᵀ · ∂output/∂input` for each input: with the default seed (all ones) and
  /// a scalar output this is the gradient. Each call walks the tape once from `output`
  /// down, in the fixed reverse order of recording, with fresh gradient buffers; gradients
  /// reaching a node from several uses are summed.
  ///
  /// - Parameters:
  ///   - output: The variable to differentiate; must be recorded on this tape (a constant
  ///     output has zero gradients).
  ///   - inputs: Variables of this tape (leaves or intermediate results).
  ///   - seed: The vector the Jacobian is applied to (the "grad_outputs" of PyTorch);
  ///     ones of `output`'s shape by default.
  ///   - createGraph: Record the backward pass itself, so the returned gradients are
  ///     variables that can be differentiated again (PyTorch's `create_graph`).
  /// - Returns: One gradient per input, of the input's shape (zeros when the output does
  ///   not depend on it).
  public func gradients(
    of output: Variable, withRespectTo inputs: [Variable], seed: Tensor? = nil,
    createGraph: Bool = false
  ) throws -> [Variable] {
    let seed = seed ?? Tensor.ones(output.shape)
    guard seed.shape == output.shape else {
      throw ShapeError(
        operation: "gradients", shapes: [output.shape, seed.shape],
        reason: "seed of shape \(seed.shape) for an output of shape \(output.shape)")
    }
    for input in inputs {
      precondition(input.tape === self, "gradients with respect to a variable of another tape")
    }
    let zeros = { inputs.map { Variable(Tensor.zeros($0.shape)) } }
    guard output.tape === self else { return zeros() }
    let last = output.index

    // Which nodes depend on a requested input: only those carry gradients.
    var relevant = [Bool](repeating: false, count: last + 1)
    var requested = [Bool](repeating: false, count: last + 1)
    for input in inputs where input.index <= last {
      relevant[input.index] = true
      requested[input.index] = true
    }
    for i in 0...last where !relevant[i] {
      relevant[i] = nodes[i].inputs.contains { $0 >= 0 && relevant[$0] }
    }
    guard relevant[last] else { return zeros() }

    let wasRecording = isRecording
    isRecording = createGraph && wasRecording
    defer { isRecording = wasRecording }

    var grads = [Variable?](repeating: nil, count: last + 1)
    grads[last] = Variable(seed)
    for i in stride(from: last, through: 0, by: -1) {
      guard relevant[i], let g = grads[i] else { continue }
      let node = nodes[i]
      guard let backward = node.backward else { continue }
      var needs = node.inputs.map { $0 >= 0 && relevant[$0] }
      guard needs.contains(true) else { continue }
      if !requested[i] { grads[i] = nil }  // free the buffer as soon as it is used
      if !isRecording, !g.isTracked, let shortcut = node.shortcut {
        if try takeShortcut(shortcut, node: node, g: g.value, needs: &needs, grads: &grads) {
          continue
        }
      }
      let inputVariables = node.inputs.indices.map { k in
        node.inputs[k] >= 0
          ? Variable(tape: self, index: node.inputs[k], value: node.inputValues[k])
          : Variable(node.inputValues[k])
      }
      let out = Variable(tape: self, index: i, value: node.value)
      let inputGrads = try backward(g, inputVariables, out, needs)
      for k in node.inputs.indices where needs[k] {
        guard let gk = inputGrads[k] else { continue }
        let p = node.inputs[k]
        precondition(
          gk.shape == node.inputValues[k].shape,
          "backward rule returned shape \(gk.shape) for an input of shape \(node.inputValues[k].shape)"
        )
        if grads[p] == nil {
          grads[p] = gk
        } else if !isRecording && !grads[p]!.isTracked && !gk.isTracked {
          grads[p] = Tape.inPlace(&grads[p]) { $0.add(gk.value) }
        } else {
          grads[p] = try grads[p]! + gk
        }
      }
    }
    return inputs.map { input in
      input.index <= last
        ? (grads[input.index] ?? Variable(Tensor.zeros(input.shape)))
        : Variable(Tensor.zeros(input.shape))
    }
  }

  /// Applies a first-order shortcut: adds gradients in place where a buffer exists (one
  /// pass), clearing those inputs from `needs`. Returns true when nothing is left for the rule.
  private func takeShortcut(
    _ shortcut: FirstOrderShortcut, node: Node, g: Tensor, needs: inout [Bool],
    grads: inout [Variable?]
  ) throws -> Bool {
    switch shortcut {
    case .firstAxisSlice(let row, let flatOffset):
      let p = node.inputs[0]
      let sourceShape = node.inputValues[0].shape
      if grads[p] == nil {
        grads[p] = Variable(try g.embedded(in: sourceShape, axis: 0, at: row))
      } else if grads[p]!.isTracked {
        grads[p] = try grads[p]! + Variable(g.embedded(in: sourceShape, axis: 0, at: row))
      } else {
        grads[p] = Tape.inPlace(&grads[p]) { $0.add(g, atFlatOffset: flatOffset) }
      }
      return true
    case .scaledProduct(let scales, let factors):
      for k in node.inputs.indices where needs[k] {
        let p = node.inputs[k]
        guard grads[p] != nil, !grads[p]!.isTracked else { continue }
        let factor = factors[k].map { node.inputValues[$0] }
        let target = grads[p]!.shape
        guard factor.map({ $0.shape == target }) ?? true,
          g.shape == target || (g.count == 1 && factor != nil)
        else { continue }
        grads[p] = Tape.inPlace(&grads[p]) { $0.addScaledProduct(g, factor, scale: scales[k]) }
        needs[k] = false
      }
      return !needs.contains(true)
    }
  }

  /// Takes a gradient buffer out of its slot so that it is uniquely referenced, mutates it in
  /// place (no copy-on-write), and returns it to be stored back.
  private static func inPlace(_ slot: inout Variable?, _ body: (inout Tensor) -> Void) -> Variable {
    var tensor = slot!.value
    slot = nil
    body(&tensor)
    return Variable(tensor)
  }
}
