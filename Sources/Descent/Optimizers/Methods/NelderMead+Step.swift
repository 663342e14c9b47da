extension NelderMead {
  /// Whether the simplex has collapsed to the tolerances: maxᵢ ‖xᵢ − x₀‖∞ ≤ xatol and
  /// maxᵢ |fᵢ − f₀| ≤ fatol. A NaN spread is never converged.
  public func hasConverged(_ state: State) -> Bool {
    let best = state.simplex[0]
    var extent = 0.0
    var spread = 0.0
    for i in 1..<state.simplex.count {
      for k in best.indices { extent = Swift.max(extent, Swift.abs(state.simplex[i][k] - best[k])) }
      let difference = Swift.abs(state.values[0] - state.values[i])
      spread = difference.isNaN ? .nan : Swift.max(spread, difference)
    }
    return extent <= xTolerance && spread <= valueTolerance
  }

  /// One transformation of the simplex (see the type's formulas), then a stable sort.
  public func step(from current: Iterate, state: inout State, evaluator: ObjectiveEvaluator) throws
    -> StepOutcome
  {
    if hasConverged(state) { return .stopped(.stepTolerance) }
    let n = current.x.count
    let (rho, chi, psi, sigma) = coefficients(dimension: n)
    let worst = state.simplex[n]
    // The centroid as NumPy's add.reduce over rows computes it: a running sum, then / n.
    var centroid = state.simplex[0]
    for i in 1..<n {
      for k in 0..<n { centroid[k] += state.simplex[i][k] }
    }
    for k in 0..<n { centroid[k] /= Double(n) }
    func point(_ a: Double, _ b: Double) -> [Double] {
      (0..<n).map { a * centroid[$0] - b * worst[$0] }
    }
    func replaceWorst(_ x: [Double], _ f: Double) {
      state.simplex[n] = x
      state.values[n] = f
    }

    let reflected = point(1 + rho, rho)
    let fr = try evaluator.value(at: reflected)
    if fr < state.values[0] {
      let expanded = point(1 + rho * chi, rho * chi)
      let fe = try evaluator.value(at: expanded)
      if fe < fr {
        replaceWorst(expanded, fe)
        state.expansions += 1
      } else {
        replaceWorst(reflected, fr)
        state.reflections += 1
      }
    } else if fr < state.values[n - 1] {
      replaceWorst(reflected, fr)
      state.reflections += 1
    } else {
      var shrink = false
      if fr < state.values[n] {
        let contracted = point(1 + psi * rho, psi * rho)
        let fc = try evaluator.value(at: contracted)
        if fc <= fr {
          replaceWorst(contracted, fc)
          state.contractions += 1
        } else {
          shrink = true
        }
      } else {
        let inside = (0..<n).map { (1 - psi) * centroid[$0] + psi * worst[$0] }
        let fcc = try evaluator.value(at: inside)
        if fcc < state.values[n] {
          replaceWorst(inside, fcc)
          state.insideContractions += 1
        } else {
          shrink = true
        }
      }
      if shrink {
        let best = state.simplex[0]
        for j in 1...n {
          state.simplex[j] = (0..<n).map { best[$0] + sigma * (state.simplex[j][$0] - best[$0]) }
          state.values[j] = try evaluator.value(at: state.simplex[j])
        }
        state.shrinks += 1
      }
    }
    NelderMead.sort(&state)
    return .moved(
      Iterate(x: state.simplex[0], value: state.values[0], gradient: []), learningRate: nil)
  }
}
