/// Suggestions for a misspelt name: the valid names nearest to it by edit distance.
///
/// Used by the formula parser for unknown functions and variables, so that `expp(x)`
/// reads "did you mean 'exp'?", and for every other name a person types (optimizers,
/// schedules, built-in objectives).
public enum NameSuggestion {
  /// The Levenshtein distance between `lhs` and `rhs`: the fewest insertions, deletions
  /// and substitutions of single characters that turn one into the other.
  ///
  /// Two rows of the usual dynamic programme, O(`lhs.count` × `rhs.count`) time.
  public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The candidates nearest to `name`, in the candidates' order, when they are near enough
  /// to be a plausible misspelling; empty otherwise.
  ///
  /// Case is ignored (`Exp` is at distance 0 from `exp`). Near enough means a distance of
  /// at most 2, or at most 1 for names of three characters or fewer, where two edits
  /// turn a name into almost any other (`foo` is 2 from both `log` and `cos`).
  public static func nearest(to name: String, among candidates: [String]) -> [String] {
    let limit = name.count <= 3 ? 1 : 2
    let lowered = name.lowercased()
    var best: [String] = []
    var bestDistance = limit + 1
    for candidate in candidates {
      let distance = editDistance(lowered, candidate.lowercased())
      if distance > limit { continue }
      if distance < bestDistance {
        best = [candidate]
        bestDistance = distance
      } else if distance == bestDistance {
        best.append(candidate)
      }
    }
    return best
  }

  /// `"; did you mean 'y'?"` (or `'x' or 'y'` for a tie of two or three) when some
  /// candidates are near `name`; `nil` when none is, or too many tie to be useful.
  public static func didYouMean(_ name: String, among candidates: [String]) -> String? {
    let near = nearest(to: name, among: candidates).map { "'\($0)'" }
    switch near.count {
    case 1: return "; did you mean \(near[0])?"
    case 2, 3: return "; did you mean \(near.dropLast().joined(separator: ", ")) or \(near.last!)?"
    default: return nil
    }
  }
}
