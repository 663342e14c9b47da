import Foundation
import Testing

@testable import Descent

/// The shapes the documentation promises: monotone where it says so, continuous where parts
/// join, periodic or restarting where it says so.
@Suite struct SchedulePropertyTests {
  static func rates(_ schedule: some Schedule, through last: Int) -> [Double] {
    (0...last).map { schedule.learningRate(atStep: $0) }
  }

  static func nonIncreasing(_ r: ArraySlice<Double>) -> Bool {
    zip(r, r.dropFirst()).allSatisfy { $0 >= $1 }
  }

  static func nonDecreasing(_ r: ArraySlice<Double>) -> Bool {
    zip(r, r.dropFirst()).allSatisfy { $0 <= $1 }
  }

  @Test func decaysAreNonIncreasing() {
    let schedules: [any Schedule] = [
      StepDecay(learningRate: 0.1, stepSize: 7, gamma: 0.5),
      MultiStepDecay(learningRate: 0.1, milestones: [50, 10, 10], gamma: 0.3),
      ExponentialDecay(learningRate: 0.1, gamma: 0.99),
      InverseTimeDecay(learningRate: 0.1, decayRate: 0.5, decaySteps: 3, staircase: true),
      PolynomialDecay(learningRate: 0.1, totalIters: 100, power: 0.7, endValue: 0.001),
      CosineAnnealing(learningRate: 0.1, halfPeriod: 300, minimumLearningRate: 0.01),
      LinearWarmup(learningRate: 0.1, startFactor: 1, endFactor: 0.2, totalIters: 50),
    ]
    for schedule in schedules {
      let r = (0...300).map { schedule.learningRate(atStep: $0) }
      #expect(Self.nonIncreasing(r[...]), "\(type(of: schedule).name)")
      #expect(r.last! < r.first!, "\(type(of: schedule).name) never decays")
    }
  }

  /// Step decay and multistep are piecewise constant: the rate changes only at the
  /// documented counts, and by exactly gamma per milestone (twice for a repeated one).
  @Test func stepsChangeOnlyAtMilestones() {
    let step = StepDecay(learningRate: 0.1, stepSize: 7, gamma: 0.5)
    let multi = MultiStepDecay(learningRate: 1, milestones: [30, 10, 10], gamma: 0.5)
    for t in 1...100 {
      let changed = step.learningRate(atStep: t) != step.learningRate(atStep: t - 1)
      #expect(changed == (t % 7 == 0), "step at t = \(t)")
      let ratio = multi.learningRate(atStep: t) / multi.learningRate(atStep: t - 1)
      #expect(ratio == (t == 10 ? 0.25 : t == 30 ? 0.5 : 1), "multistep at t = \(t)")
    }
  }

  /// CosineAnnealing: lr at 0, eta_min at T_max, and periodic with period 2 T_max as
  /// PyTorch's (documented: it climbs back).
  @Test func cosineHitsEndsAndRepeats() {
    let s = CosineAnnealing(learningRate: 0.1, halfPeriod: 20, minimumLearningRate: 0.001)
    #expect(s.learningRate(atStep: 0) == 0.1)
    #expect(s.learningRate(atStep: 20) == 0.001)
    #expect(Self.nonIncreasing(Self.rates(s, through: 20)[...]))
    #expect(Self.nonDecreasing(Self.rates(s, through: 40)[20...]))
    // The angle π(t + 2T)/T is rounded at a larger magnitude (ulp(4π) ≈ 1.8·10⁻¹⁵), which
    // moves the cosine by at most that, times the half-amplitude 0.05: under 10⁻¹⁶.
    for t in 0...40 {
      expectClose(s.learningRate(atStep: t + 40), s.learningRate(atStep: t), atol: 1e-16)
    }
  }

  /// Warm restarts: the rate is lr exactly at each restart (T_0, T_0 + T_0·T_mult, …) and
  /// falls within each cycle.
  @Test func warmRestartsRestartAtCycleBoundaries() {
    let s = CosineAnnealingWarmRestarts(
      learningRate: 0.1, firstCycle: 5, cycleMultiplier: 2, minimumLearningRate: 0.001)
    let restarts = [0, 5, 15, 35, 75, 155]
    for (start, end) in zip(restarts, restarts.dropFirst()) {
      #expect(s.learningRate(atStep: start) == 0.1)
      #expect(s.cyclePosition(atStep: end - 1) == (end - start - 1, end - start))
      let cycle = (start..<end).map { s.learningRate(atStep: $0) }
      #expect(Self.nonIncreasing(cycle[...]) && cycle.last! > 0.001)
    }
    let fixed = CosineAnnealingWarmRestarts(learningRate: 0.1, firstCycle: 10)
    #expect(
      (0..<10).allSatisfy { fixed.learningRate(atStep: $0 + 30) == fixed.learningRate(atStep: $0) })
    // A huge step with a growing cycle still ends (the cycle length saturates, no overflow).
    let growing = CosineAnnealingWarmRestarts(learningRate: 1, firstCycle: 1, cycleMultiplier: 1000)
    #expect(growing.learningRate(atStep: Int.max - 1) <= 1)
  }

  @Test func warmUpsRiseThenHold() {
    let linear = LinearWarmup(learningRate: 0.1, startFactor: 0.01, totalIters: 20)
    let r = Self.rates(linear, through: 60)
    // lr · (start + (end − start) · t / T) rounds a few times: within 4 ε of 0.001 and 0.1.
    expectClose(r[0], 0.001, rtol: 4 * .ulpOfOne)
    expectClose(r[20], 0.1, rtol: 4 * .ulpOfOne)
    #expect(Self.nonDecreasing(r[...]))
    #expect(r[20...].allSatisfy { $0 == r[20] })

    let sqrt = InverseSquareRootDecay(
      learningRate: 1e-3, warmupUpdates: 16, warmupInitialLearningRate: 1e-7)
    let s = Self.rates(sqrt, through: 400)
    #expect(s[0] == 1e-7 && s[16] == 1e-3)
    #expect(Self.nonDecreasing(s[...16]) && Self.nonIncreasing(s[16...]))
    #expect(s[64] == 0.5e-3 && s[256] == 0.25e-3, "lr·√(W/t): a quarter of the peak at 16 W")
  }

  /// Optax's warm-up + cosine: up to peak_value at warmup_steps, down to end_value at
  /// decay_steps, then flat; continuous where the two parts join.
  @Test func warmupCosineRisesFallsAndJoinsContinuously() {
    let s = WarmupCosineDecay(
      initialValue: 0, peakValue: 0.1, warmupSteps: 10, decaySteps: 50, endValue: 0.001)
    let r = Self.rates(s, through: 80)
    #expect(r[0] == 0)
    // peak · ((1 − α) · 1 + α) and peak · α with α = end / peak: a few roundings of the ends.
    expectClose(r[10], 0.1, rtol: 4 * .ulpOfOne, "peak_value at warmup_steps")
    expectClose(r[50], 0.001, rtol: 4 * .ulpOfOne, "end_value at decay_steps")
    #expect(Self.nonDecreasing(r[...10]) && Self.nonIncreasing(r[10...]))
    #expect(r[50...].allSatisfy { $0 == r[50] })
    Self.expectContinuous(r, at: 10)
  }

  /// One-cycle rises to max_lr at p·T − 1, falls after it, ends at max_lr / (div ·
  /// final_div) and stays there (PyTorch raises instead).
  @Test(arguments: [false, true])
  func oneCycleShape(threePhase: Bool) {
    let s = OneCycle(maximumLearningRate: 0.1, totalSteps: 100, threePhase: threePhase)
    let r = Self.rates(s, through: 150)
    // b + (a − b)/2 · 2 at the start loses the last bits of a to the size of b = max_lr.
    expectClose(r[0], 0.004, atol: 0.1 * .ulpOfOne)
    #expect(r[29] == 0.1, "peak at pct_start · total_steps − 1 = 29")
    #expect(Self.nonDecreasing(r[...29]) && Self.nonIncreasing(r[29...]))
    expectClose(r[99], 0.004 / 1e4, rtol: 4 * .ulpOfOne)
    #expect(r[99...].allSatisfy { $0 == r[99] })
    if threePhase { expectClose(r[58], 0.004, rtol: 4 * .ulpOfOne, "back to max_lr / div at 58") }
  }

  /// A sequence hands each part the count since its milestone, from 0 (Optax's
  /// join_schedules; PyTorch's SequentialLR restarting the part with epoch 0).
  @Test func sequentialRestartsEachPartsCount() {
    let parts: [any Schedule] = [
      ExponentialDecay(learningRate: 0.1, gamma: 0.9),
      StepDecay(learningRate: 0.05, stepSize: 3),
      ConstantSchedule(learningRate: 0.001),
    ]
    let s = SequentialSchedule(parts, milestones: [8, 20])
    for t in 0..<60 {
      let (index, local) = t < 8 ? (0, t) : t < 20 ? (1, t - 8) : (2, t - 20)
      #expect(s.learningRate(atStep: t) == parts[index].learningRate(atStep: local))
    }
    // A repeated milestone leaves an empty part; a milestone at 0 skips the first.
    let skipping = SequentialSchedule(parts, milestones: [0, 0])
    #expect(skipping.learningRate(atStep: 0) == 0.001)
  }

  /// Warm-up into cosine from the same lr, joined where the warm-up reaches factor 1: no jump
  /// at the milestone larger than the steps on either side.
  @Test func sequentialWarmupIntoCosineIsContinuous() {
    let warmup = LinearWarmup(learningRate: 0.1, startFactor: 0.1, totalIters: 10)
    let cosine = CosineAnnealing(learningRate: 0.1, halfPeriod: 90)
    let s = SequentialSchedule([warmup, cosine], milestones: [10])
    expectClose(
      warmup.learningRate(atStep: 10), cosine.learningRate(atStep: 0), rtol: 4 * .ulpOfOne)
    let r = Self.rates(s, through: 100)
    Self.expectContinuous(r, at: 10)
    #expect(Self.nonDecreasing(r[...10]) && Self.nonIncreasing(r[10...]))
  }

  /// The change across `joint` is no larger than the largest change between neighbours
  /// elsewhere (up to 10⁻¹² of it: a warm-up's equal increments round differently): no
  /// jump where parts meet.
  static func expectContinuous(
    _ r: [Double], at joint: Int, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let changes = zip(r, r.dropFirst()).map { abs($1 - $0) }
    let elsewhere = changes.enumerated().filter { $0.offset != joint - 1 }.map(\.element).max()!
    #expect(
      changes[joint - 1] <= elsewhere * (1 + 1e-12), "jump \(changes[joint - 1]) at \(joint)",
      sourceLocation: sourceLocation)
  }

  @Test func constantAndPolynomialEnds() {
    let constant = ConstantSchedule(learningRate: 0.3, factor: 1.0 / 3, totalIters: 5)
    #expect(constant.learningRate(atStep: 4) == 0.3 * (1.0 / 3))
    #expect(constant.learningRate(atStep: 5) == 0.3)
    let polynomial = PolynomialDecay(learningRate: 0.1, totalIters: 30, power: 2)
    #expect(polynomial.learningRate(atStep: 30) == 0 && polynomial.learningRate(atStep: 1000) == 0)
    let rising = PolynomialDecay(learningRate: 0, totalIters: 10, power: 1, endValue: 0.1)
    #expect(Self.nonDecreasing(Self.rates(rising, through: 20)[...]))
    let inverse = InverseTimeDecay(learningRate: 1, decayRate: 1)
    #expect((0...10).allSatisfy { inverse.learningRate(atStep: $0) == 1 / Double(1 + $0) })
  }
}
