import Foundation
import PropertyBased
import Testing

@testable import Descent

/// Schedules on random parameters: monotone where their documentation says so, and, where
/// two pieces are joined, meeting at the join (the formula of the first piece, carried to
/// the joining step, gives the rate the second piece starts from).
///
/// Tolerance for "monotone": a closed form such as lr·γ^t or a cosine is rounded at each t
/// on its own, so consecutive rates in a flat stretch may go the wrong way by an ulp or two;
/// 4 ulps of the rate (4·2⁻⁵² relative) allows that and nothing a formula error would give.
@Suite struct ScheduleProperties {
  static let slack = 4 * Double.ulpOfOne

  /// Rates for t = 0 … count − 1.
  static func rates(_ schedule: some Schedule, _ count: Int) -> [Double] {
    (0..<count).map { schedule.learningRate(atStep: $0) }
  }

  static func expectNonIncreasing(
    _ rates: ArraySlice<Double>, _ comment: Comment,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for (t, (before, after)) in zip(rates.indices.dropFirst(), zip(rates, rates.dropFirst())) {
      #expect(
        after <= before * (1 + slack), "\(comment) at t = \(t)", sourceLocation: sourceLocation)
    }
  }

  static func expectNonDecreasing(
    _ rates: ArraySlice<Double>, _ comment: Comment,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for (t, (before, after)) in zip(rates.indices.dropFirst(), zip(rates, rates.dropFirst())) {
      #expect(
        after >= before * (1 - slack), "\(comment) at t = \(t)", sourceLocation: sourceLocation)
    }
  }

  static func decayInputs() -> Generator<(Double, Double, Int, Double), some SendableSequenceType> {
    zip(
      Gen.double(in: 1e-4...1), Gen.double(in: 0.5...1), Gen.int(in: 1...20), Gen.double(in: 0...3))
  }

  @Test func decaysAreNonIncreasing() {
    forAll(100, seed: 31, Self.decayInputs()) { index, input in
      let (lr, gamma, steps, power) = input
      let comment: Comment = "case \(index): lr \(lr), γ \(gamma), steps \(steps), power \(power)"
      Self.expectNonIncreasing(
        Self.rates(ExponentialDecay(learningRate: lr, gamma: gamma), 200)[...], comment)
      Self.expectNonIncreasing(
        Self.rates(StepDecay(learningRate: lr, stepSize: steps, gamma: gamma), 200)[...], comment)
      Self.expectNonIncreasing(
        Self.rates(
          InverseTimeDecay(learningRate: lr, decayRate: 1 - gamma, decaySteps: steps), 200)[
            ...], comment)
      Self.expectNonIncreasing(
        Self.rates(
          PolynomialDecay(
            learningRate: lr, totalIters: steps, power: power, endValue: lr * gamma / 2),
          200)[...], comment)
      Self.expectNonIncreasing(
        Self.rates(
          CosineAnnealing(
            learningRate: lr, halfPeriod: steps, minimumLearningRate: lr * (1 - gamma)), steps + 1)[
            ...],
        comment)
    }
  }

  static func warmupInputs() -> Generator<
    (Double, Double, Int, Int, Double, Double), some SendableSequenceType
  > {
    zip(
      Gen.double(in: 0...0.5), Gen.double(in: 1e-3...1), Gen.int(in: 1...50), Gen.int(in: 1...200),
      Gen.double(in: 0...0.9), Gen.double(in: 0.5...3))
  }

  @Test func warmupCosineRisesMeetsThePeakAndFalls() {
    forAll(100, seed: 32, Self.warmupInputs()) { index, input in
      let (initialFraction, peak, warmup, decay, endFraction, exponent) = input
      let schedule = WarmupCosineDecay(
        initialValue: peak * initialFraction, peakValue: peak, warmupSteps: warmup,
        decaySteps: warmup + decay, endValue: peak * endFraction, exponent: exponent)
      let rates = Self.rates(schedule, warmup + decay + 10)
      let comment: Comment = "case \(index): \(schedule)"
      Self.expectNonDecreasing(rates[0...warmup], comment)
      Self.expectNonIncreasing(rates[warmup...], comment)
      // The warm-up line at t = W is init + (peak − init)·W/W = peak: the cosine part must
      // start there, within the rounding of (1 − α)·1 + α.
      #expect(Swift.abs(rates[warmup] - peak) <= 2 * Double.ulpOfOne * peak, comment)
      // The cosine part ends at end_value (Optax writes it peak·(end/peak): a rounding off).
      #expect(Swift.abs(rates[warmup + decay] - peak * endFraction) <= 4 * Double.ulpOfOne * peak)
    }
  }

  @Test func inverseSquareRootPiecesMeetAtTheEndOfTheWarmup() {
    forAll(
      100, seed: 33, zip(Gen.double(in: 1e-4...1), Gen.int(in: 1...100), Gen.double(in: 0...1))
    ) { index, input in
      let (lr, warmup, initialFraction) = input
      let schedule = InverseSquareRootDecay(
        learningRate: lr, warmupUpdates: warmup, warmupInitialLearningRate: lr * initialFraction)
      let rates = Self.rates(schedule, 3 * warmup + 10)
      let comment: Comment = "case \(index): \(schedule)"
      // Linear piece carried to t = W: init + W·(lr − init)/W = lr; the 1/√t piece: lr·√W/√W.
      let line =
        lr * initialFraction + Double(warmup) * (lr - lr * initialFraction) / Double(warmup)
      #expect(Swift.abs(rates[warmup] - line) <= 4 * Double.ulpOfOne * lr, comment)
      Self.expectNonDecreasing(rates[0...warmup], comment)
      Self.expectNonIncreasing(rates[warmup...], comment)
    }
  }

  @Test func oneCycleRisesToItsPeakAndFalls() {
    let inputs = zip(
      Gen.double(in: 1e-3...1), Gen.int(in: 20...400), Gen.double(in: 0.1...0.45),
      Gen.bool, Gen.double(in: 2...50), Gen.double(in: 10...1e4))
    forAll(100, seed: 34, inputs) { index, input in
      let (maximum, total, start, linear, div, finalDiv) = input
      let schedule = OneCycle(
        maximumLearningRate: maximum, totalSteps: total, percentStart: start,
        annealStrategy: linear ? .linear : .cos, divFactor: div, finalDivFactor: finalDiv)
      let rates = Self.rates(schedule, total + 5)
      let comment: Comment = "case \(index): \(schedule)"
      // The peak of the continuous curve is max_lr at e₁ = p·T − 1 (PyTorch's float phase
      // end), so the largest rate falls on ⌊e₁⌋ or ⌈e₁⌉ and does not exceed max_lr.
      let e1 = start * Double(total) - 1
      let top = rates.max() ?? 0
      let argmax = rates.firstIndex(of: top) ?? 0
      #expect(top <= maximum * (1 + Self.slack), comment)
      #expect(
        Double(argmax) >= e1.rounded(.down) && Double(argmax) <= e1.rounded(.up),
        "\(comment): peak at \(argmax), e₁ = \(e1)")
      Self.expectNonDecreasing(rates[0...argmax], comment)
      Self.expectNonIncreasing(rates[argmax...], comment)
      // It starts at max_lr / div_factor and ends at that / final_div_factor.
      #expect(Swift.abs(rates[0] - maximum / div) <= 1e-12 * maximum, comment)
      #expect(Swift.abs(rates[total - 1] - maximum / div / finalDiv) <= 1e-12 * maximum, comment)
    }
  }

  @Test func aWarmupJoinedToACosineIsContinuousAtTheMilestone() {
    let inputs = zip(
      Gen.double(in: 1e-4...1), Gen.double(in: 0.05...1), Gen.int(in: 1...30), Gen.int(in: 2...200),
      Gen.double(in: 0...0.5))
    forAll(100, seed: 35, inputs) { index, input in
      let (lr, startFactor, warmup, halfPeriod, minimumFraction) = input
      // The documented continuous case: LinearWarmup ending at factor 1 into a CosineAnnealing
      // from the same lr — both pieces give lr at the join.
      let joined = SequentialSchedule(
        [
          LinearWarmup(
            learningRate: lr, startFactor: startFactor, endFactor: 1, totalIters: warmup),
          CosineAnnealing(
            learningRate: lr, halfPeriod: halfPeriod, minimumLearningRate: lr * minimumFraction),
        ], milestones: [warmup])
      let rates = Self.rates(joined, warmup + halfPeriod + 1)
      let comment: Comment = "case \(index): lr \(lr), warm-up \(warmup), T \(halfPeriod)"
      // The warm-up carried to its end gives lr·1; the cosine starts at lr: the same rate.
      let warmupEnd = LinearWarmup(
        learningRate: lr, startFactor: startFactor, endFactor: 1, totalIters: warmup
      ).learningRate(atStep: warmup)
      #expect(Swift.abs(rates[warmup] - warmupEnd) <= 2 * Double.ulpOfOne * lr, comment)
      Self.expectNonDecreasing(rates[0...warmup], comment)
      Self.expectNonIncreasing(rates[warmup...], comment)
    }
  }
}
