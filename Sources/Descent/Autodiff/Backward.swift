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

    let results = try backwardPass(
      from: output, seed: seed, relevant: relevant, requested: requested)
    return try inputs.map { input in
      guard input.index <= last, let g = results[input.index] else {
        return Variable(Tensor.zeros(input.shape))
      }
      return try g.variable(shape: input.shape)
    }
  }

  /// One backward pass. Gradients are kept as ``PendingGradient``s: linear operations and
  /// products by recorded values (see ``FirstOrderShortcut``) only rescale, shift or attach
  /// a factor to their gradient's terms, at no cost in memory traffic; a gradient is written
  /// out only when a rule needs it, by one pass (recorded as one differentiable node when
  /// the pass is recorded, so second order sees through it).
  private func backwardPass(
    from output: Variable, seed: Tensor, relevant: [Bool], requested: [Bool]
  ) throws -> [PendingGradient?] {
    let last = output.index
    var grads = [PendingGradient?](repeating: nil, count: last + 1)
    grads[last] = PendingGradient(Variable(seed))
    func add(_ g: PendingGradient, to p: Int) {
      grads[p] = grads[p].map { $0 + g } ?? g
    }
    for i in stride(from: last, through: 0, by: -1) {
      guard relevant[i], let g = grads[i] else { continue }
      let node = nodes[i]
      guard let backward = node.backward else { continue }
      var needs = node.inputs.map { $0 >= 0 && relevant[$0] }
      guard needs.contains(true) else { continue }
      if !requested[i] { grads[i] = nil }
      let inputs = inputVariables(of: node)
      switch node.shortcut {
      case .firstAxisSlice(let flatOffset):
        add(g.shifted(by: flatOffset, into: node.inputValues[0].count), to: node.inputs[0])
        continue
      case .scaledProduct(let scales, let factors):
        for k in node.inputs.indices where needs[k] {
          let target = node.inputValues[k]
          if let f = factors[k] {
            let factor = inputs[f]
            guard factor.value.count == target.count,
              let term = g.multiplied(by: factor, scale: scales[k])
            else { continue }
            add(term, to: node.inputs[k])
          } else {
            guard g.count == target.count else { continue }
            add(g.scaled(by: scales[k]), to: node.inputs[k])
          }
          needs[k] = false
        }
        if !needs.contains(true) { continue }
      case nil:
        break
      }
      let gradient = try g.variable(shape: node.value.shape)
      let output = Variable(tape: self, index: i, value: node.value)
      let inputGrads = try backward(gradient, inputs, output, needs)
      for k in node.inputs.indices where needs[k] {
        guard let gk = inputGrads[k] else { continue }
        Tape.checkShape(gk.shape, node.inputValues[k].shape)
        add(PendingGradient(gk), to: node.inputs[k])
      }
    }
    return grads
  }

  private func inputVariables(of node: Node) -> [Variable] {
    node.inputs.indices.map { k in
      node.inputs[k] >= 0
        ? Variable(tape: self, index: node.inputs[k], value: node.inputValues[k])
        : Variable(node.inputValues[k])
    }
  }

  private static func checkShape(_ gradient: [Int], _ input: [Int]) {
    precondition(
      gradient == input, "backward rule returned shape \(gradient) for an input of shape \(input)")
  }
}
