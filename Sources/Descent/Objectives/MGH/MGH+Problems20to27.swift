import Foundation

// Problems 20–27 of Moré, Garbow & Hillstrom (1981), §3: variable sizes.

extension MGH {
  /// 20. Watson, 2 ≤ n ≤ 31, m = 31: for tᵢ = i/29 (i = 1…29),
  /// rᵢ = Σⱼ₌₂ⁿ (j − 1)xⱼtᵢ^{j−2} − (Σⱼ₌₁ⁿ xⱼtᵢ^{j−1})² − 1, r₃₀ = x₁, r₃₁ = x₂ − x₁² − 1;
  /// f* = 2.28767e−3 (n = 6), 1.39976e−6 (n = 9), 4.72238e−10 (n = 12).
  static func watson(dimension n: Int) -> MGHProblem {
    precondition((2...31).contains(n), "watson: n = \(n) must lie in 2…31")
    let t = (1...29).map { Double($0) / 29 }
    var powers = [Double](repeating: 0, count: 29 * n)
    var slopes = [Double](repeating: 0, count: 29 * n)
    for i in 0..<29 {
      for j in 0..<n {
        powers[i * n + j] = Foundation.pow(t[i], Double(j))
        slopes[i * n + j] = j == 0 ? 0 : Double(j) * Foundation.pow(t[i], Double(j - 1))
      }
    }
    let published: [Int: Double] = [6: 2.28767e-3, 9: 1.39976e-6, 12: 4.72238e-10]
    let (powerTable, slopeTable) = (powers, slopes)
    return problem(
      20, "watson", "Watson function", n: n, m: 31, start: Array(repeating: 0, count: n),
      minima: published[n].map { [$0] } ?? [],
      note: "minima published for n = 6, 9 and 12 only"
    ) { x in
      let a = Variable(try Tensor(shape: [29, n], scalars: powerTable))
      let b = Variable(try Tensor(shape: [29, n], scalars: slopeTable))
      let first = try matmul(b, x) - square(try matmul(a, x)) - 1
      let (x1, x2) = (try x.element(0), try x.element(1))
      return try Variable.concatenate([first, try Residuals.stack([x1, try x2 - square(x1) - 1])])
    }
  }

  /// 21. Extended Rosenbrock, n even, m = n: r₂ᵢ₋₁ = 10(x₂ᵢ − x₂ᵢ₋₁²), r₂ᵢ = 1 − x₂ᵢ₋₁;
  /// f* = 0 at (1, …, 1).
  static func extendedRosenbrock(dimension n: Int) -> MGHProblem {
    precondition(n >= 2 && n % 2 == 0, "extended-rosenbrock: n = \(n) must be even")
    return problem(
      21, "extended-rosenbrock", "Extended Rosenbrock function", n: n, m: n,
      start: (0..<n).map { $0 % 2 == 0 ? -1.2 : 1 }, minima: [0],
      minimizer: Array(repeating: 1, count: n)
    ) { x in
      let v = try Residuals.elements(x)
      var parts: [Variable] = []
      for i in stride(from: 0, to: n, by: 2) {
        parts += [10 * (try v[i + 1] - square(v[i])), 1 - v[i]]
      }
      return try Residuals.stack(parts)
    }
  }

  /// 22. Extended Powell singular, n a multiple of 4, m = n: Powell's singular function on
  /// each block of four; f* = 0 at the origin.
  static func extendedPowellSingular(dimension n: Int) -> MGHProblem {
    precondition(n >= 4 && n % 4 == 0, "extended-powell-singular: n = \(n) must be a multiple of 4")
    return problem(
      22, "extended-powell-singular", "Extended Powell singular function", n: n, m: n,
      start: (0..<n).map { [3, -1, 0, 1][$0 % 4] }, minima: [0],
      minimizer: Array(repeating: 0, count: n)
    ) { x in
      let v = try Residuals.elements(x)
      return try Variable.concatenate(
        stride(from: 0, to: n, by: 4).map { try powellSingularBlock(Array(v[$0..<($0 + 4)])) })
    }
  }

  /// 23. Penalty I, m = n + 1: rᵢ = √a(xᵢ − 1), r_{n+1} = Σ xⱼ² − ¼, a = 10⁻⁵;
  /// f* = 2.24997e−5 (n = 4), 7.08765e−5 (n = 10).
  static func penalty1(dimension n: Int) -> MGHProblem {
    let published: [Int: Double] = [4: 2.24997e-5, 10: 7.08765e-5]
    return problem(
      23, "penalty-1", "Penalty function I", n: n, m: n + 1, start: (1...n).map(Double.init),
      minima: published[n].map { [$0] } ?? [], note: "minima published for n = 4 and 10 only"
    ) { x in
      let a = 1e-5.squareRoot()
      return try Variable.concatenate([
        (x - 1) * a, try (sumOfSquares(x) - 0.25).reshaped([1]),
      ])
    }
  }

  /// 24. Penalty II, m = 2n: r₁ = x₁ − 0.2; rᵢ = √a(e^{xᵢ/10} + e^{xᵢ₋₁/10} − yᵢ) for
  /// 2 ≤ i ≤ n, yᵢ = e^{i/10} + e^{(i−1)/10}; rᵢ = √a(e^{xᵢ₋ₙ₊₁/10} − e^{−1/10}) for
  /// n < i < 2n; r₂ₙ = Σ (n − j + 1)xⱼ² − 1; a = 10⁻⁵.
  /// f* = 9.37629e−6 (n = 4), 2.93660e−4 (n = 10).
  static func penalty2(dimension n: Int) -> MGHProblem {
    precondition(n >= 2, "penalty-2: n = \(n) must be at least 2")
    let published: [Int: Double] = [4: 9.37629e-6, 10: 2.93660e-4]
    let a = 1e-5.squareRoot()
    let y = (2...n).map { Foundation.exp(Double($0) / 10) + Foundation.exp(Double($0 - 1) / 10) }
    let weights = (1...n).map { Double(n - $0 + 1) }
    return problem(
      24, "penalty-2", "Penalty function II", n: n, m: 2 * n,
      start: Array(repeating: 0.5, count: n), minima: published[n].map { [$0] } ?? [],
      note: "minima published for n = 4 and 10 only"
    ) { x in
      let e = exp(x / 10)
      let head = try (x.element(0) - 0.2).reshaped([1])
      let pairs = try (e[1..<n] + e[0..<(n - 1)] - Residuals.constant(y)) * a
      let tail = try (e[1..<n] - Foundation.exp(-0.1)) * a
      let last = try (sum(try Residuals.constant(weights) * square(x)) - 1).reshaped([1])
      return try Variable.concatenate([head, pairs, tail, last])
    }
  }

  /// 25. Variably dimensioned, m = n + 2: rᵢ = xᵢ − 1, r_{n+1} = Σ j(xⱼ − 1),
  /// r_{n+2} = (Σ j(xⱼ − 1))²; f* = 0 at (1, …, 1).
  static func variablyDimensioned(dimension n: Int) -> MGHProblem {
    let j = (1...n).map(Double.init)
    return problem(
      25, "variably-dimensioned", "Variably dimensioned function", n: n, m: n + 2,
      start: j.map { 1 - $0 / Double(n) }, minima: [0], minimizer: Array(repeating: 1, count: n)
    ) { x in
      let s = try sum(try Residuals.constant(j) * (x - 1))
      return try Variable.concatenate([x - 1, try Residuals.stack([s, square(s)])])
    }
  }

  /// 26. Trigonometric, m = n: rᵢ = n − Σⱼ cos xⱼ + i(1 − cos xᵢ) − sin xᵢ; f* = 0.
  static func trigonometric(dimension n: Int) -> MGHProblem {
    problem(
      26, "trigonometric", "Trigonometric function", n: n, m: n,
      start: Array(repeating: 1 / Double(n), count: n), minima: [0]
    ) { x in
      let c = cos(x)
      let i = Residuals.constant((1...n).map(Double.init))
      return try Double(n) - sum(c) + i * (1 - c) - sin(x)
    }
  }

  /// 27. Brown almost-linear, m = n: rᵢ = xᵢ + Σ xⱼ − (n + 1) for i < n, rₙ = Π xⱼ − 1;
  /// f* = 0 at (α, …, α, α^{1−n}) with nαⁿ − (n + 1)αⁿ⁻¹ + 1 = 0 (α = 1 among them), and
  /// f = 1 at (0, …, 0, n + 1).
  static func brownAlmostLinear(dimension n: Int) -> MGHProblem {
    problem(
      27, "brown-almost-linear", "Brown almost-linear function", n: n, m: n,
      start: Array(repeating: 0.5, count: n), minima: [0, 1],
      minimizer: Array(repeating: 1, count: n),
      note: "f = 1 at (0, …, 0, n + 1)"
    ) { x in
      let v = try Residuals.elements(x)
      let total = try sum(x)
      var product = v[0]
      for k in 1..<n { product = try product * v[k] }
      return try Variable.concatenate([
        try x[0..<(n - 1)] + total - Double(n + 1), try (product - 1).reshaped([1]),
      ])
    }
  }
}
