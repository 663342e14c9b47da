#if !FUZZING
  @testable import DescentCLI
#endif

/// The check of the `number-list` fuzz target (see `FuzzTargets` in DescentTests): the
/// bytes as the text of a flag such as `--at 1,-2.5,3e-4`.
///
/// Invariants: ``NumberList/parse(_:flag:count:names:)`` throws a ``CommandFailure`` or
/// returns at least one finite number; those numbers printed, comma-separated, parse back
/// to the same bits; asking for exactly that many numbers succeeds, for one more throws.
enum NumberListFuzzTarget {
  static func check(_ bytes: [UInt8]) -> String? {
    let text = String(decoding: bytes, as: UTF8.self)
    let values: [Double]
    do {
      values = try NumberList.parse(text, flag: "--at")
    } catch is CommandFailure {
      return nil
    } catch {
      return "threw \(type(of: error)), not a CommandFailure: \(error)"
    }
    guard !values.isEmpty, values.allSatisfy({ (v: Double) in v.isFinite }) else {
      return "'\(text)' parsed to \(values)"
    }
    let printed = values.map { "\($0)" }.joined(separator: ",")
    do {
      let again = try NumberList.parse(printed, flag: "--at", count: values.count)
      guard again.map(\.bitPattern) == values.map(\.bitPattern) else {
        return "'\(text)' → \(values) prints as '\(printed)', which parses to \(again)"
      }
    } catch {
      return "'\(text)' → \(values) prints as '\(printed)', which does not parse: \(error)"
    }
    do {
      _ = try NumberList.parse(text, flag: "--at", count: values.count + 1, names: ["x"])
      return "'\(text)' gave \(values.count) numbers yet passed a count of \(values.count + 1)"
    } catch is CommandFailure {
      return nil
    } catch {
      return "threw \(type(of: error)), not a CommandFailure: \(error)"
    }
  }
}
