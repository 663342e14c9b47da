/// The parameters of one schedule as typed (`["step_size": "30", "gamma": "0.5"]`), read one
/// at a time with the checks and messages of ``ScheduleError``.
///
/// Keys match ignoring case and treating `-` as `_`, so the command line's kebab-case
/// (`step-size`, `t-max`) finds PyTorch's names (`step_size`, `T_max`). Every key must be a
/// parameter of the schedule (`rejectUnknown`, checked before reading): a misspelt key is
/// an error naming the nearest parameters, not a silent default.
struct ScheduleParameters {
  /// The schedule's name, for messages.
  let schedule: String
  /// Prepended to parameter names in messages (`"1."` for part 1 of a sequential schedule).
  let prefix: String
  /// The base rate to use when `lr` (or `max_lr`, `peak_value`) is not given.
  let fallbackLearningRate: Double?
  /// Normalized key → (key as typed, value).
  private var entries: [String: (key: String, value: String)] = [:]
  private var read: Set<String> = []

  init(
    schedule: String, _ parameters: [String: String], prefix: String = "",
    fallbackLearningRate: Double?
  ) throws {
    self.schedule = schedule
    self.prefix = prefix
    self.fallbackLearningRate = fallbackLearningRate
    for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
      let normalized = Self.normalize(key)
      if let earlier = entries[normalized] {
        throw ScheduleError(
          schedule: schedule, parameter: prefix + key,
          message: "\(prefix + key) is given twice (also as \(prefix + earlier.key))")
      }
      entries[normalized] = (key, value.trimmed)
    }
  }

  static func normalize(_ key: String) -> String {
    String(key.lowercased().map { $0 == "-" ? "_" : $0 })
  }

  /// The entries whose keys were not read, as typed.
  var unread: [(key: String, value: String)] {
    entries.filter { !read.contains($0.key) }.values.sorted { $0.key < $1.key }
  }

  /// Takes the raw text of `name`, marking it read.
  mutating func text(_ name: String) -> String? {
    let normalized = Self.normalize(name)
    guard let entry = entries[normalized] else { return nil }
    read.insert(normalized)
    return entry.value
  }

  /// Marks every key read (the keys a sequential schedule hands to its parts).
  mutating func markRead(_ keys: [String]) {
    for key in keys { read.insert(Self.normalize(key)) }
  }

  func invalid(_ name: String, _ value: String, expected: String) -> ScheduleError {
    ScheduleError.invalid(schedule, prefix + name, value: value, expected: expected)
  }

  func missing(_ name: String, _ what: String) -> ScheduleError {
    ScheduleError(
      schedule: schedule, parameter: prefix + name,
      message: "\(prefix + name) is required (\(what))")
  }

  /// Throws the first problem found by a schedule's checks.
  func check(_ problem: ScheduleProblem?) throws {
    guard let problem else { return }
    throw invalid(problem.name, problem.value, expected: problem.expected)
  }

  mutating func double(_ name: String) throws -> Double? {
    guard let text = text(name) else { return nil }
    guard let value = Double(text) else { throw invalid(name, text, expected: "a number") }
    return value
  }

  mutating func double(_ name: String, default value: Double) throws -> Double {
    try double(name) ?? value
  }

  mutating func double(_ name: String, required what: String) throws -> Double {
    guard let value = try double(name) else { throw missing(name, what) }
    return value
  }

  /// `name`, else the optimizer's learning rate; an error when neither is given.
  mutating func baseRate(_ name: String = "lr") throws -> Double {
    if let value = try double(name) { return value }
    if let fallbackLearningRate { return fallbackLearningRate }
    throw missing(name, "the base learning rate; the optimizer's lr is used when there is one")
  }

  mutating func int(_ name: String) throws -> Int? {
    guard let text = text(name) else { return nil }
    guard let value = Int(text) else { throw invalid(name, text, expected: "an integer") }
    return value
  }

  mutating func int(_ name: String, default value: Int) throws -> Int {
    try int(name) ?? value
  }

  mutating func int(_ name: String, required what: String) throws -> Int {
    guard let value = try int(name) else { throw missing(name, what) }
    return value
  }

  mutating func bool(_ name: String, default value: Bool) throws -> Bool {
    guard let text = text(name) else { return value }
    switch text.lowercased() {
    case "true": return true
    case "false": return false
    default: throw invalid(name, text, expected: "true or false")
    }
  }

  /// A comma-separated list, optionally in brackets: `10,20`, `[10, 20]`; empty for `""`.
  mutating func list(_ name: String) -> [String]? {
    guard var text = text(name) else { return nil }
    if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0).trimmed
    }
    return items == [""] ? [] : items
  }

  mutating func intList(_ name: String, required what: String) throws -> [Int] {
    guard let items = list(name) else { throw missing(name, what) }
    return try items.map { item in
      guard let value = Int(item) else {
        throw invalid(name, items.joined(separator: ","), expected: "integers separated by commas")
      }
      return value
    }
  }

  mutating func choice<Choice: RawRepresentable & CaseIterable>(
    _ name: String, default value: Choice
  ) throws -> Choice where Choice.RawValue == String {
    guard let text = text(name) else { return value }
    if let choice = Choice(rawValue: text.lowercased()) { return choice }
    let valid = Choice.allCases.map(\.rawValue)
    throw invalid(name, text, expected: "one of " + valid.joined(separator: ", "))
  }

  /// Throws for the first key (in sorted order) that is not one of `names` and not
  /// accepted by `alsoAccepting`, naming the nearest valid ones. Checked before reading, so
  /// that a misspelt required parameter is reported as misspelt, not as missing.
  func rejectUnknown(
    valid names: [String], alsoAccepting accepted: (String) -> Bool = { _ in false }
  ) throws {
    let known = Set(names.map(Self.normalize))
    let keys = entries.values.map(\.key).sorted()
    if let key = keys.first(where: { !known.contains(Self.normalize($0)) && !accepted($0) }) {
      throw unknownParameter(key, valid: names)
    }
  }

  /// Throws for the first key that was never read, naming the nearest valid ones.
  func rejectUnread(valid names: [String]) throws {
    if let (key, _) = unread.first { throw unknownParameter(key, valid: names) }
  }

  private func unknownParameter(_ key: String, valid names: [String]) -> ScheduleError {
    // Compare normalized (so `t-max` is 0 from `T_max`), suggest as documented.
    let near = NameSuggestion.nearest(to: Self.normalize(key), among: names.map(Self.normalize))
      .compactMap { match in names.first { Self.normalize($0) == match } }
      .map { "'\(prefix + $0)'" }
    let suggestion: String
    switch near.count {
    case 1: suggestion = "; did you mean \(near[0])?"
    case 2, 3:
      suggestion = "; did you mean \(near.dropLast().joined(separator: ", ")) or \(near.last!)?"
    default: suggestion = ""
    }
    return ScheduleError(
      schedule: schedule, parameter: prefix + key,
      message:
        "unknown parameter '\(prefix + key)'\(suggestion) "
        + "(valid: \(names.map { prefix + $0 }.joined(separator: ", ")))")
  }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  fileprivate var trimmed: String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
  }
}
