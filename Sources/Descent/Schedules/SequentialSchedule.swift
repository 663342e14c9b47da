/// Schedules run one after another, each restarting its count at its milestone (Optax's
/// `join_schedules`; PyTorch's `SequentialLR`).
///
/// With schedules S₀ … Sₙ and milestones b₁ ≤ … ≤ bₙ (b₀ = 0),
///
/// ```
/// ηₜ = Sᵢ.learningRate(atStep: t − bᵢ)   for bᵢ ≤ t < bᵢ₊₁   (i = number of milestones ≤ t)
/// ```
///
/// where t is the number of updates already applied: each part sees the count of updates
/// since its own milestone, starting at 0. A milestone repeated makes the part between
/// empty; a milestone at 0 skips the first part. The joined rate is continuous at bᵢ exactly
/// when Sᵢ₋₁ at bᵢ − bᵢ₋₁ equals Sᵢ at 0 (a ``LinearWarmup`` ending at factor 1 into a
/// ``CosineAnnealing`` from the same `lr`, say).
///
/// ## PyTorch and Optax
///
/// Optax: `join_schedules(schedules, boundaries)` is this, with `boundaries` = `milestones`.
///
/// PyTorch: `SequentialLR(optimizer, schedulers, milestones)` steps only the current
/// scheduler, and at a milestone calls it with `epoch=0`, which evaluates its closed form at
/// `last_epoch` 0 — so its part also restarts from 0, and `SequentialLR`'s rate after t
/// updates equals this one's when every part here has the optimizer's `lr` as its base
/// rate (PyTorch's schedulers all read the optimizer's `initial_lr`; here each part carries
/// its own, so parts may also differ, as in Optax). Within a part PyTorch steps the part's
/// chainable form, so the agreement is that of each part's closed form with its chainable
/// form.
///
/// Every part must be a ``Schedule``: reduce-on-plateau, which depends on the observed loss,
/// cannot be joined (PyTorch refuses it too). There must be one milestone fewer than
/// schedules, non-decreasing and ≥ 0.
public struct SequentialSchedule: Schedule {
  public static let name = "sequential"

  /// The parts, in order.
  public var schedules: [any Schedule]
  /// The update counts at which each part after the first begins (Optax's `boundaries`).
  public var milestones: [Int]

  /// `schedules[0]` until `milestones[0]`, then `schedules[1]` counting from 0, and so on.
  public init(_ schedules: [any Schedule], milestones: [Int]) {
    ScheduleCheck.require(
      Self.problem(scheduleCount: schedules.count, milestones: milestones),
      in: "SequentialSchedule")
    self.schedules = schedules
    self.milestones = milestones
  }

  static func problem(scheduleCount: Int, milestones: [Int]) -> ScheduleProblem? {
    let list = "[" + milestones.map(String.init).joined(separator: ", ") + "]"
    if scheduleCount < 1 {
      return ScheduleProblem(
        name: "schedulers", value: "none", expected: "at least one schedule")
    }
    if milestones.count != scheduleCount - 1 {
      return ScheduleProblem(
        name: "milestones", value: list,
        expected: "\(scheduleCount - 1) milestone\(scheduleCount == 2 ? "" : "s"), one fewer "
          + "than the \(scheduleCount) schedule\(scheduleCount == 1 ? "" : "s")")
    }
    if milestones.contains(where: { $0 < 0 })
      || zip(milestones, milestones.dropFirst())
        .contains(where: { $0 > $1 })
    {
      return ScheduleProblem(
        name: "milestones", value: list, expected: "update counts ≥ 0 in non-decreasing order")
    }
    return nil
  }

  /// The part in force after `step` updates and the count it sees.
  func part(atStep step: Int) -> (index: Int, step: Int) {
    precondition(step >= 0, "SequentialSchedule: step = \(step) is negative")
    // bisect_right: the number of milestones ≤ step.
    let index = milestones.count { $0 <= step }
    return (index, index == 0 ? step : step - milestones[index - 1])
  }

  public func learningRate(atStep step: Int) -> Double {
    let (index, local) = part(atStep: step)
    return schedules[index].learningRate(atStep: local)
  }

  enum CodingKeys: String, CodingKey {
    case schedules = "schedulers"
    case milestones
  }

  /// Encodes `schedulers` as `[{"name": …, "parameters": {…}}, …]` and `milestones`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(schedules.map(NamedSchedule.init), forKey: .schedules)
    try container.encode(milestones, forKey: .milestones)
  }
}

/// A part of a ``SequentialSchedule`` as it is printed: its name and its parameters.
private struct NamedSchedule: Encodable {
  var schedule: any Schedule

  init(_ schedule: any Schedule) { self.schedule = schedule }

  enum CodingKeys: String, CodingKey {
    case name
    case parameters
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(type(of: schedule).name, forKey: .name)
    try container.encode(schedule, forKey: .parameters)
  }
}
