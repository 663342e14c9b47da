/// Whether `lhs` sorts before `rhs` in natural order: runs of digits compare as numbers,
/// everything else character by character.
///
/// This is the default order of a formula's variables, so that `x < y < z` and
/// `w1 < w2 < w10` (plain string order would put `w10` before `w2`). Names equal as
/// numbers but written differently (`x01`, `x1`) fall back to plain string order, so the
/// result is a strict total order usable with `sorted(by:)`.
func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
  let a = Array(lhs)
  let b = Array(rhs)
  var i = 0
  var j = 0
  while i < a.count && j < b.count {
    if isDigit(a[i]) && isDigit(b[j]) {
      let startA = i
      let startB = j
      while i < a.count && isDigit(a[i]) { i += 1 }
      while j < b.count && isDigit(b[j]) { j += 1 }
      let runA = a[startA..<i].drop { $0 == "0" }
      let runB = b[startB..<j].drop { $0 == "0" }
      if runA.count != runB.count { return runA.count < runB.count }
      if runA != runB { return runA.lexicographicallyPrecedes(runB) }
    } else {
      if a[i] != b[j] { return a[i] < b[j] }
      i += 1
      j += 1
    }
  }
  if i < a.count || j < b.count { return j < b.count }
  return lhs < rhs
}

private func isDigit(_ character: Character) -> Bool {
  character >= "0" && character <= "9"
}
