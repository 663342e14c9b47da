/// The raw pointers every update rule's loop runs over: the parameters, the gradient and the
/// rule's state arrays, each accessed in place for the duration of `body`.
///
/// Passing a state array as `&state.firstMoment` gives the helper unique, exclusive access to
/// the stored array (no copy, no take-out of the state), so its elements are updated in place.
/// The functions are always inlined: the loops in `body` see plain pointers and vectorise as
/// they would written out in the rule.
///
/// An empty state array (an option off: AMSGrad's maximum, RMSProp's mean gradient, SGD's
/// momentum buffer) may have no base address; `body` then receives ``placeholder``, which it
/// must never read or write. The rule's own flags, not the pointer, say whether a buffer is
/// in use. With no parameters `body` is not called; the counts are the caller's to check.
enum RuleBuffers {
  typealias Pointer = UnsafeMutablePointer<Double>

  /// Stands in for the base address of an empty state array; never read or written.
  nonisolated(unsafe) static let placeholder = Pointer.allocate(capacity: 1)

  /// The base address of `buffer`, or ``placeholder`` when it has none.
  @inline(__always)
  static func address(_ buffer: UnsafeMutableBufferPointer<Double>) -> Pointer {
    buffer.baseAddress ?? placeholder
  }

  /// Runs `body` with pointers to the parameters and the gradient.
  @inline(__always)
  static func withBuffers(
    _ parameters: inout [Double], _ gradient: [Double],
    _ body: (Pointer, UnsafePointer<Double>) -> Void
  ) {
    parameters.withUnsafeMutableBufferPointer { pb in
      gradient.withUnsafeBufferPointer { gb in
        guard let p = pb.baseAddress, let g = gb.baseAddress else { return }
        body(p, g)
      }
    }
  }

  /// Runs `body` with pointers to the parameters, the gradient and one state array.
  @inline(__always)
  static func withBuffers(
    _ parameters: inout [Double], _ gradient: [Double], _ a: inout [Double],
    _ body: (Pointer, UnsafePointer<Double>, Pointer) -> Void
  ) {
    withBuffers(&parameters, gradient) { p, g in
      a.withUnsafeMutableBufferPointer { ab in
        body(p, g, address(ab))
      }
    }
  }

  /// Runs `body` with pointers to the parameters, the gradient and two state arrays.
  @inline(__always)
  static func withBuffers(
    _ parameters: inout [Double], _ gradient: [Double], _ a: inout [Double], _ b: inout [Double],
    _ body: (Pointer, UnsafePointer<Double>, Pointer, Pointer) -> Void
  ) {
    withBuffers(&parameters, gradient, &a) { p, g, a in
      b.withUnsafeMutableBufferPointer { bb in
        body(p, g, a, address(bb))
      }
    }
  }

  /// Runs `body` with pointers to the parameters, the gradient and three state arrays.
  @inline(__always)
  static func withBuffers(
    _ parameters: inout [Double], _ gradient: [Double], _ a: inout [Double], _ b: inout [Double],
    _ c: inout [Double], _ body: (Pointer, UnsafePointer<Double>, Pointer, Pointer, Pointer) -> Void
  ) {
    withBuffers(&parameters, gradient, &a, &b) { p, g, a, b in
      c.withUnsafeMutableBufferPointer { cb in
        body(p, g, a, b, address(cb))
      }
    }
  }
}
