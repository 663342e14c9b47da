import Foundation

// Problems 28–35 of Moré, Garbow & Hillstrom (1981), §3: variable sizes.

extension MGH {
  /// The grid tⱼ = j·h, h = 1/(n + 1), and the start xⱼ = tⱼ(tⱼ − 1) of problems 28 and 29.
  private static func boundaryGrid(_ n: Int) -> (h: Double, t: [Double], start: [Double]) {
    let h = 1 / Double(n + 1)
    let t = (1...n).map { Double($0) * h }
    return (h, t, t.map { $0 * ($0 - 1) })
  }

  /// 28. Discrete boundary value, m = n: rᵢ = 2xᵢ − xᵢ₋₁ − xᵢ₊₁ + h²(xᵢ + tᵢ + 1)³/2,
  /// x₀ = xₙ₊₁ = 0; f* = 0.
  static func discreteBoundaryValue(dimension n: Int) -> MGHProblem {
    let (h, t, start) = boundaryGrid(n)
    return problem(
      28, "discrete-boundary-value", "Discrete boundary value function", n: n, m: n,
      start: start, minima: [0]
    ) { x in
      let zero = Variable(Tensor([0]))
      let left = try Variable.concatenate([zero, try x[0..<(n - 1)]])
      let right = try Variable.concatenate([try x[1..<n], zero])
      let cube = pow(try x + Residuals.constant(t) + 1, 3)
      return try 2 * x - left - right + cube * (h * h / 2)
    }
  }

  /// 29. Discrete integral equation, m = n:
  /// rᵢ = xᵢ + h[(1 − tᵢ)Σⱼ≤ᵢ tⱼ(xⱼ + tⱼ + 1)³ + tᵢΣⱼ>ᵢ (1 − tⱼ)(xⱼ + tⱼ + 1)³]/2; f* = 0.
  static func discreteIntegralEquation(dimension n: Int) -> MGHProblem {
    let (h, t, start) = boundaryGrid(n)
    // r = x + K·c with c = (x + t + 1)³ and K the kernel matrix of the quadrature.
    var kernel = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<n {
        kernel[i * n + j] = h / 2 * (j <= i ? (1 - t[i]) * t[j] : t[i] * (1 - t[j]))
      }
    }
    let kernelTable = kernel
    return problem(
      29, "discrete-integral-equation", "Discrete integral equation function", n: n, m: n,
      start: start, minima: [0]
    ) { x in
      let k = Variable(try Tensor(shape: [n, n], scalars: kernelTable))
      return try x + matmul(k, pow(try x + Residuals.constant(t) + 1, 3))
    }
  }

  /// 30. Broyden tridiagonal, m = n: rᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1, x₀ = xₙ₊₁ = 0;
  /// f* = 0.
  static func broydenTridiagonal(dimension n: Int) -> MGHProblem {
    problem(
      30, "broyden-tridiagonal", "Broyden tridiagonal function", n: n, m: n,
      start: Array(repeating: -1, count: n), minima: [0]
    ) { x in
      let zero = Variable(Tensor([0]))
      let left = try Variable.concatenate([zero, try x[0..<(n - 1)]])
      let right = try Variable.concatenate([try x[1..<n], zero])
      return try (3 - 2 * x) * x - left - 2 * right + 1
    }
  }

  /// 31. Broyden banded, m = n, mₗ = 5, mᵤ = 1: rᵢ = xᵢ(2 + 5xᵢ²) + 1 − Σ_{j∈Jᵢ} xⱼ(1 + xⱼ),
  /// Jᵢ = {j ≠ i : max(1, i − mₗ) ≤ j ≤ min(n, i + mᵤ)}; f* = 0.
  static func broydenBanded(dimension n: Int) -> MGHProblem {
    var band = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in Swift.max(0, i - 5)...Swift.min(n - 1, i + 1) where j != i { band[i * n + j] = 1 }
    }
    let bandTable = band
    return problem(
      31, "broyden-banded", "Broyden banded function", n: n, m: n,
      start: Array(repeating: -1, count: n), minima: [0]
    ) { x in
      let b = Variable(try Tensor(shape: [n, n], scalars: bandTable))
      return try x * (2 + 5 * square(x)) + 1 - matmul(b, try x * (1 + x))
    }
  }

  /// 32. Linear function, full rank, m ≥ n: rᵢ = xᵢ − (2/m)Σ xⱼ − 1 (i ≤ n),
  /// rᵢ = −(2/m)Σ xⱼ − 1 (i > n); f* = m − n at (−1, …, −1).
  static func linearFullRank(dimension n: Int, residualCount m: Int) -> MGHProblem {
    precondition(m >= n, "linear-full-rank: m = \(m) must be at least n = \(n)")
    return problem(
      32, "linear-full-rank", "Linear function, full rank", n: n, m: m,
      start: Array(repeating: 1, count: n), minima: [Double(m - n)],
      minimizer: Array(repeating: -1, count: n)
    ) { x in
      let s = try sum(x) * (2 / Double(m))
      let padded = try Variable.concatenate([x, Variable(Tensor.zeros([m - n]))])
      return try padded - s - 1
    }
  }

  /// 33. Linear function, rank 1, m ≥ n: rᵢ = i·Σ j·xⱼ − 1; f* = m(m − 1)/(2(2m + 1)) at any
  /// point where Σ j·xⱼ = 3/(2m + 1).
  static func linearRank1(dimension n: Int, residualCount m: Int) -> MGHProblem {
    precondition(m >= n, "linear-rank-1: m = \(m) must be at least n = \(n)")
    let md = Double(m)
    return problem(
      33, "linear-rank-1", "Linear function, rank 1", n: n, m: m,
      start: Array(repeating: 1, count: n), minima: [md * (md - 1) / (2 * (2 * md + 1))],
      minimizer: [3 / (2 * md + 1)] + Array(repeating: 0, count: n - 1)
    ) { x in
      let s = try sum(try Residuals.constant((1...n).map(Double.init)) * x)
      return try Residuals.constant((1...m).map(Double.init)) * s - 1
    }
  }

  /// 34. Linear function, rank 1 with zero columns and rows, m ≥ n: r₁ = rₘ = −1,
  /// rᵢ = (i − 1)·Σⱼ₌₂ⁿ⁻¹ j·xⱼ − 1; f* = (m² + 3m − 6)/(2(2m − 3)) at any point where
  /// Σⱼ₌₂ⁿ⁻¹ j·xⱼ = 3/(2m − 3).
  static func linearRank1ZeroColumnsAndRows(dimension n: Int, residualCount m: Int)
    -> MGHProblem
  {
    precondition(m >= n && n >= 3, "linear-rank-1-zero: need m ≥ n ≥ 3, got n = \(n), m = \(m)")
    let md = Double(m)
    let weights = (0..<n).map { $0 == 0 || $0 == n - 1 ? 0 : Double($0 + 1) }
    let rows = (0..<m).map { $0 == 0 || $0 == m - 1 ? 0 : Double($0) }
    return problem(
      34, "linear-rank-1-zero", "Linear function, rank 1 with zero columns and rows", n: n, m: m,
      start: Array(repeating: 1, count: n), minima: [(md * md + 3 * md - 6) / (2 * (2 * md - 3))],
      minimizer: [0, 3 / (2 * md - 3) / 2] + Array(repeating: 0, count: n - 2)
    ) { x in
      let s = try sum(try Residuals.constant(weights) * x)
      return try Residuals.constant(rows) * s - 1
    }
  }

  /// 35. Chebyquad, m ≥ n: rᵢ = (1/n)Σⱼ Tᵢ(xⱼ) − ∫₀¹Tᵢ, Tᵢ the i-th Chebyshev polynomial
  /// shifted to [0, 1], ∫₀¹Tᵢ = 0 (i odd), −1/(i² − 1) (i even). f* = 0 for m = n,
  /// 1 ≤ n ≤ 7 and n = 9; 3.51687e−3 (n = m = 8); 6.50395e−3 (n = m = 10).
  static func chebyquad(dimension n: Int) -> MGHProblem {
    let published: [Int: Double] = [8: 3.51687e-3, 10: 6.50395e-3]
    let integrals: [Double] = (1...n).map { (i: Int) -> Double in
      i % 2 == 1 ? 0 : -1 / Double(i * i - 1)
    }
    let minima: [Double] =
      if let value = published[n] { [value] } else if (1...9).contains(n) { [0] } else { [] }
    return problem(
      35, "chebyquad", "Chebyquad function", n: n, m: n,
      start: (1...n).map { Double($0) / Double(n + 1) },
      minima: minima,
      note: "f = 0 for m = n, 1 ≤ n ≤ 7 and n = 9"
    ) { x in
      let y = 2 * x - 1
      var previous = Variable(Tensor(shape: [n], repeating: 1))
      var current = y
      var rows = [try mean(current)]
      for _ in 1..<n {
        let next = try 2 * y * current - previous
        (previous, current) = (current, next)
        rows.append(try mean(current))
      }
      return try Residuals.stack(rows) - Residuals.constant(integrals)
    }
  }
}
