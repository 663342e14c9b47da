import Foundation

/// A NumPy `.npy` array of numbers, read into and written from `Double`s, so inputs,
/// targets and parameter vectors move to and from Python with `np.load` / `np.save`.
///
/// Read: format versions 1.0, 2.0 and 3.0; element types little-endian `float64` (`<f8`),
/// `float32` (`<f4`) and `int64` (`<i8`), C order; any rank (a scalar has shape `[]`).
/// Written: version 1.0, `<f8`, C order, the header padded with spaces to a multiple of 64
/// bytes and ended by a newline, as `numpy.lib.format.write_array` does.
///
/// ```
/// "\x93NUMPY" major minor  header_len (uint16 LE for 1.0, uint32 LE for 2.0/3.0)
/// "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }" + spaces + "\n"
/// data: count × itemsize bytes, row-major
/// ```
///
/// ## References
///
/// NumPy documentation, *A simple file format for NumPy arrays* (NEP 1,
/// `numpy.lib.format`).
public struct NumPyArray: Equatable, Sendable {
  /// The extent of each axis.
  public var shape: [Int]
  /// The elements in C (row-major) order.
  public var scalars: [Double]

  /// An array of `shape` holding `scalars`.
  /// - Precondition: `scalars.count` is the product of `shape`.
  public init(shape: [Int], scalars: [Double]) {
    precondition(
      shape.reduce(1, *) == scalars.count, "\(scalars.count) scalars for shape \(shape)")
    self.shape = shape
    self.scalars = scalars
  }

  /// Reads a `.npy` file.
  /// - Throws: ``TrainingInputError`` naming the file and what is unsupported or malformed.
  public static func read(contentsOf path: String) throws -> NumPyArray {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TrainingInputError(source: path, reason: "cannot read the file (does it exist?)")
    }
    return try decode(data, name: path)
  }

  /// Decodes the bytes of a `.npy` file; `name` is used in errors.
  public static func decode(_ data: Data, name: String) throws -> NumPyArray {
    let bytes = [UInt8](data)
    func fail(_ reason: String) -> TrainingInputError {
      TrainingInputError(source: name, reason: reason)
    }
    let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
      throw fail("not a NumPy .npy file (no \\x93NUMPY magic)")
    }
    let major = bytes[6]
    let headerLength: Int
    let headerStart: Int
    switch major {
    case 1:
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerStart = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw fail("truncated header") }
      headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
      headerStart = 12
    default:
      throw fail("format version \(major).\(bytes[7]); versions 1.0, 2.0 and 3.0 are read")
    }
    guard bytes.count >= headerStart + headerLength else { throw fail("truncated header") }
    let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
    let descr = try field("descr", in: header, name: name)
    let fortran = try field("fortran_order", in: header, name: name)
    let shapeText = try field("shape", in: header, name: name)
    guard fortran == "False" else {
      throw fail("Fortran-order arrays are not read; save with np.ascontiguousarray(a)")
    }
    let shape = try shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
      .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
      .map { text -> Int in
        guard let n = Int(text), n >= 0 else { throw fail("bad shape \(shapeText)") }
        return n
      }
    // Checked: a corrupt header's shape can overflow the element or byte count.
    var count = 1
    for n in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: n)
      guard !overflow, product <= Int.max / 8 else { throw fail("shape \(shape) is too large") }
      count = product
    }
    let itemSize: Int
    switch descr {
    case "'<f8'", "'<i8'": itemSize = 8
    case "'<f4'": itemSize = 4
    default:
      throw fail(
        "element type \(descr); little-endian float64 (<f8), float32 (<f4) or int64 (<i8) "
          + "are read (convert with a.astype(np.float64))")
    }
    let start = headerStart + headerLength
    guard bytes.count - start == count * itemSize else {
      throw fail(
        "\(bytes.count - start) data bytes for shape \(shape) of \(itemSize)-byte elements "
          + "(\(count * itemSize) expected)")
    }
    var scalars = [Double](repeating: 0, count: count)
    for i in 0..<count {
      var bits: UInt64 = 0
      for b in 0..<itemSize { bits |= UInt64(bytes[start + i * itemSize + b]) << (8 * UInt64(b)) }
      switch descr {
      case "'<f8'": scalars[i] = Double(bitPattern: bits)
      case "'<f4'": scalars[i] = Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
      default: scalars[i] = Double(Int64(bitPattern: bits))
      }
    }
    return NumPyArray(shape: shape, scalars: scalars)
  }

  /// The value text of `key` in a header dict such as `{'descr': '<f8', …}`.
  private static func field(_ key: String, in header: String, name: String) throws -> String {
    guard let keyRange = header.range(of: "'\(key)':") else {
      throw TrainingInputError(source: name, reason: "header has no '\(key)' (\(header))")
    }
    var rest = header[keyRange.upperBound...].drop { $0 == " " }
    if rest.first == "(" {
      guard let close = rest.firstIndex(of: ")") else {
        throw TrainingInputError(source: name, reason: "unterminated shape in header")
      }
      return String(rest[...close])
    }
    if let end = rest.firstIndex(where: { $0 == "," || $0 == "}" }) { rest = rest[..<end] }
    return rest.trimmingCharacters(in: .whitespaces)
  }

  /// The `.npy` bytes: version 1.0, `<f8`, C order.
  public func encoded() -> Data {
    let shapeText =
      shape.count == 1
      ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText), }"
    let unpadded = 10 + header.utf8.count + 1
    header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]
    let length = header.utf8.count
    bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
    bytes += Array(header.utf8)
    bytes.reserveCapacity(bytes.count + 8 * scalars.count)
    for x in scalars {
      let bits = x.bitPattern
      for b in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(b)))) }
    }
    return Data(bytes)
  }

  /// Writes the array to `path` as `.npy` (see ``encoded()``).
  public func write(to path: String) throws {
    try encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}
