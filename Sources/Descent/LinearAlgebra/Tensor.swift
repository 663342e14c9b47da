/// An n-dimensional array of `Double`s: a shape and contiguous row-major storage.
///
/// `Tensor` is a value type with copy-on-write storage. Several tensors may share one
/// buffer at different offsets — ``window(offset:shape:)`` returns such a view without
/// copying, which is how a model's weight matrices live inside one flat parameter
/// vector and reach BLAS in place.
///
/// A tensor of rank 0 (shape `[]`) holds one scalar.
///
/// ```swift
/// let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// let b = try a + Tensor([10, 20, 30])   // row broadcasting: [[11, 22, 33], [14, 25, 36]]
/// ```
public struct Tensor: Sendable {
  /// The extent of each axis, outermost first. `[]` for a scalar.
  public private(set) var shape: [Int]
  internal var buffer: TensorBuffer
  internal var offset: Int

  /// The number of elements: the product of `shape` (1 for a scalar).
  public var count: Int { Tensor.elementCount(shape) }
  /// The number of axes.
  public var rank: Int { shape.count }

  internal init(uncheckedShape shape: [Int], buffer: TensorBuffer, offset: Int = 0) {
    self.shape = shape
    self.buffer = buffer
    self.offset = offset
  }

  internal init(uncheckedShape shape: [Int], storage: [Double]) {
    let buffer = storage.withUnsafeBufferPointer { TensorBuffer(copying: $0) }
    self.init(uncheckedShape: shape, buffer: buffer)
  }

  /// A tensor of the given shape whose elements are `scalars`, in row-major order.
  /// - Throws: ``ShapeError`` when `scalars.count` is not the product of `shape`.
  public init(shape: [Int], scalars: [Double]) throws(ShapeError) {
    try Tensor.validate(shape, operation: "Tensor(shape:scalars:)")
    guard Tensor.elementCount(shape) == scalars.count else {
      throw ShapeError(
        operation: "Tensor(shape:scalars:)", shapes: [shape, [scalars.count]],
        reason: "\(scalars.count) scalars cannot fill shape \(shape)")
    }
    self.init(uncheckedShape: shape, storage: scalars)
  }

  /// A one-dimensional tensor (a vector) holding `scalars`.
  public init(_ scalars: [Double]) {
    self.init(uncheckedShape: [scalars.count], storage: scalars)
  }

  /// A rank-0 tensor holding one scalar.
  public init(scalar: Double) {
    self.init(uncheckedShape: [], storage: [scalar])
  }

  /// A tensor of the given shape with every element equal to `value`.
  public init(shape: [Int], repeating value: Double) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
    self.init(shape: shape) { $0.initialize(repeating: value) }
  }

  /// A tensor of zeros.
  public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }
  /// A tensor of ones.
  public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

  /// The `n`×`n` identity matrix.
  public static func identity(_ n: Int) -> Tensor {
    var t = Tensor.zeros([n, n])
    t.withUnsafeMutableBufferPointer { p in for i in 0..<n { p[i * n + i] = 1 } }
    return t
  }

  /// A one-hot vector of length `n` with a 1 at `index`.
  public static func basisVector(_ index: Int, count n: Int) -> Tensor {
    precondition(index >= 0 && index < n, "basis index \(index) outside 0..<\(n)")
    var t = Tensor.zeros([n])
    t.withUnsafeMutableBufferPointer { $0[index] = 1 }
    return t
  }

  /// A tensor of the given shape filled by `body`, which receives the flat buffer to
  /// initialise completely. No zero-fill is paid for.
  public init(shape: [Int], unsafeUninitialized body: (UnsafeMutableBufferPointer<Double>) -> Void)
  {
    let buffer = TensorBuffer(capacity: Tensor.elementCount(shape))
    body(UnsafeMutableBufferPointer(start: buffer.pointer, count: buffer.capacity))
    self.init(uncheckedShape: shape, buffer: buffer)
  }

  /// The elements in row-major order.
  public var scalars: [Double] {
    withUnsafeBufferPointer { Array($0) }
  }

  /// The only element of a tensor with one element (any rank), `nil` otherwise.
  public var scalar: Double? { count == 1 ? buffer.pointer[offset] : nil }

  /// The element at a multi-dimensional index.
  public subscript(_ indices: Int...) -> Double {
    get { buffer.pointer[offset + flatIndex(indices)] }
    set {
      let i = flatIndex(indices)
      withUnsafeMutableBufferPointer { $0[i] = newValue }
    }
  }

  /// The element at a flat (row-major) position.
  public subscript(flat index: Int) -> Double {
    get {
      precondition(index >= 0 && index < count, "flat index \(index) outside 0..<\(count)")
      return buffer.pointer[offset + index]
    }
    set {
      precondition(index >= 0 && index < count, "flat index \(index) outside 0..<\(count)")
      withUnsafeMutableBufferPointer { $0[index] = newValue }
    }
  }

  private func flatIndex(_ indices: [Int]) -> Int {
    precondition(indices.count == rank, "\(indices.count) indices for a tensor of shape \(shape)")
    var flat = 0
    for (axis, i) in indices.enumerated() {
      precondition(
        i >= 0 && i < shape[axis], "index \(i) outside 0..<\(shape[axis]) on axis \(axis)")
      flat = flat * shape[axis] + i
    }
    return flat
  }

  /// Calls `body` with the tensor's elements, contiguous and row-major.
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows
    -> R
  {
    try body(UnsafeBufferPointer(start: buffer.pointer + offset, count: count))
  }

  /// Calls `body` with mutable access to the elements. Storage shared with another tensor,
  /// or wider than this tensor's window, is first copied (copy-on-write).
  public mutating func withUnsafeMutableBufferPointer<R>(
    _ body: (UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    let n = count
    if !isKnownUniquelyReferenced(&buffer) || offset != 0 || buffer.capacity != n {
      buffer = TensorBuffer(copying: UnsafeBufferPointer(start: buffer.pointer + offset, count: n))
      offset = 0
    }
    return try body(UnsafeMutableBufferPointer(start: buffer.pointer, count: n))
  }

  /// A view of `shape` elements starting `offset` elements into this tensor's flat storage:
  /// no copy is made. Use it to see a weight matrix inside a flat parameter vector.
  public func window(offset start: Int, shape newShape: [Int]) -> Tensor {
    let n = Tensor.elementCount(newShape)
    precondition(
      start >= 0 && start + n <= count,
      "window \(start)..<\(start + n) (shape \(newShape)) outside a tensor of \(count) elements")
    return Tensor(uncheckedShape: newShape, buffer: buffer, offset: offset + start)
  }

  /// The same elements with another shape of the same element count (no copy).
  /// - Throws: ``ShapeError`` when the element counts differ.
  public func reshaped(_ newShape: [Int]) throws(ShapeError) -> Tensor {
    try Tensor.validate(newShape, operation: "reshape")
    guard Tensor.elementCount(newShape) == count else {
      throw ShapeError(
        operation: "reshape", shapes: [shape, newShape],
        reason: "\(count) elements cannot be viewed as shape \(newShape)")
    }
    return Tensor(uncheckedShape: newShape, buffer: buffer, offset: offset)
  }

  internal static func elementCount(_ shape: [Int]) -> Int {
    var n = 1
    for d in shape { n &*= d }
    return n
  }

  internal static func validate(_ shape: [Int], operation: String) throws(ShapeError) {
    if shape.contains(where: { $0 < 0 }) {
      throw ShapeError(
        operation: operation, shapes: [shape], reason: "negative extent in shape \(shape)")
    }
  }
}

extension Tensor {
  /// True when every element is finite (neither NaN nor ±∞).
  public var isFinite: Bool {
    withUnsafeBufferPointer { p in
      for x in p where !x.isFinite { return false }
      return true
    }
  }

  /// Rows of a rank-2 tensor as arrays (for printing and JSON).
  public var rows: [[Double]] {
    precondition(rank == 2, "rows of a tensor of shape \(shape)")
    let s = scalars
    let c = shape[1]
    return (0..<shape[0]).map { Array(s[($0 * c)..<($0 * c + c)]) }
  }
}
