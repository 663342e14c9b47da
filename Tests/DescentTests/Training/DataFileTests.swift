import Foundation
import Testing

@testable import Descent

/// CSV and `.npy` reading: header rules, errors naming file, line and column, and `.npy`
/// bytes written by hand from the format's specification (not by our writer).
@Suite struct DataFileTests {
  @Test func csvColumnsByHeaderName() throws {
    let data = try Dataset.csv(text: "a,y2,b,y1\n1,20,2,10\n3,40,4,30\n", name: "t.csv")
    #expect(data.inputs.shape == [2, 2])
    #expect(data.inputs.scalars == [1, 2, 3, 4])
    // y1 before y2, whatever the file order.
    #expect(data.targets == .values(try Tensor(shape: [2, 2], scalars: [10, 20, 30, 40])))
  }

  @Test func csvLabelColumnGivesClasses() throws {
    let data = try Dataset.csv(text: "label,x\r\n2,0.5\r\n\r\n0,-1e-3\r\n", name: "t.csv")
    #expect(data.targets == .labels([2, 0], classes: 3))
    #expect(data.inputs.scalars == [0.5, -1e-3])
  }

  @Test func csvErrorsNameLineAndColumn() throws {
    let cases: [(String, String)] = [
      ("x,y\n1,2\n3,oops\n", "t.csv:3: column y: 'oops' is not a finite decimal number"),
      ("x,y\n1,2\n3\n", "t.csv:3: 1 fields, but the header has 2 columns"),
      ("x,label\n1,0.5\n", "t.csv:2: column label: a class label must be an integer ≥ 0, got 0.5"),
      ("x,z\n1,2\n", "t.csv:1: no target column"),
      ("label,y\n1,2\n", "t.csv:1: both a label column and target columns"),
      ("x,y\n", "t.csv: a header but no data rows"),
      ("", "t.csv: the file is empty"),
      ("x,x,y\n1,2,3\n", "t.csv:1: column x: column name appears twice"),
    ]
    for (text, expected) in cases {
      let error = try #require(throws: TrainingInputError.self) {
        try Dataset.csv(text: text, name: "t.csv")
      }
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }

  @Test func missingFileIsNamed() throws {
    let error = try #require(throws: TrainingInputError.self) {
      try Dataset.csv(contentsOf: "/nonexistent/data.csv")
    }
    #expect(error.description.contains("/nonexistent/data.csv"))
  }

  /// Bytes as NumPy 1.x/2.x writes them for `np.save(f, np.array([[1.5, -2], [0, 3]]))`
  /// (version 1.0, `<f8`): laid out by hand from the format specification.
  static func handMade(descr: String, shape: String, major: UInt8, payload: [UInt8]) -> Data {
    var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
    let prefix = major == 1 ? 10 : 12
    header += String(repeating: " ", count: (64 - (prefix + header.utf8.count + 1) % 64) % 64)
    header += "\n"
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
    let n = header.utf8.count
    bytes +=
      major == 1 ? [UInt8(n & 0xFF), UInt8(n >> 8)] : [UInt8(n & 0xFF), UInt8(n >> 8), 0, 0]
    return Data(bytes + Array(header.utf8) + payload)
  }

  static func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    values.flatMap { v in (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
  }

  @Test func readsFloat64Float32Int64AndVersion2() throws {
    let f8 = Self.handMade(
      descr: "<f8", shape: "(2, 2)", major: 1,
      payload: Self.littleEndian([1.5, -2, 0, 3].map { ($0 as Double).bitPattern }))
    #expect(
      try NumPyArray.decode(f8, name: "a") == NumPyArray(shape: [2, 2], scalars: [1.5, -2, 0, 3]))
    let f4 = Self.handMade(
      descr: "<f4", shape: "(3,)", major: 2,
      payload: Self.littleEndian([0.25, -1, 7].map { ($0 as Float).bitPattern }))
    #expect(try NumPyArray.decode(f4, name: "b") == NumPyArray(shape: [3], scalars: [0.25, -1, 7]))
    let i8 = Self.handMade(
      descr: "<i8", shape: "(2,)", major: 1, payload: Self.littleEndian([Int64(9), Int64(-3)]))
    #expect(try NumPyArray.decode(i8, name: "c") == NumPyArray(shape: [2], scalars: [9, -3]))
  }

  @Test func refusesOtherTypesAndOrders() throws {
    let bigEndian = Self.handMade(
      descr: ">f8", shape: "(1,)", major: 1, payload: [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
    let e1 = try #require(throws: TrainingInputError.self) {
      try NumPyArray.decode(bigEndian, name: "x.npy")
    }
    #expect(e1.description.contains("element type '>f8'"))
    let short = Self.handMade(descr: "<f8", shape: "(2,)", major: 1, payload: [0, 0, 0, 0])
    let e2 = try #require(throws: TrainingInputError.self) {
      try NumPyArray.decode(short, name: "x.npy")
    }
    #expect(e2.description.contains("4 data bytes"))
    #expect(throws: TrainingInputError.self) {
      try NumPyArray.decode(Data("hello".utf8), name: "x")
    }
  }

  /// Our writer's bytes equal the hand-made ones, and read back to the same bits
  /// (−0, subnormals, the largest finite value).
  @Test func writerMatchesSpecificationAndRoundTrips() throws {
    let values: [Double] = [1.5, -2, 0, 3]
    let written = NumPyArray(shape: [2, 2], scalars: values).encoded()
    let expected = Self.handMade(
      descr: "<f8", shape: "(2, 2)", major: 1, payload: Self.littleEndian(values.map(\.bitPattern)))
    #expect(written == expected)
    // The data start on a 64-byte boundary, as NumPy aligns them.
    #expect((written.count - 8 * values.count) % 64 == 0)
    let awkward: [Double] = [-0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1]
    let back = try NumPyArray.decode(NumPyArray(shape: [4], scalars: awkward).encoded(), name: "r")
    #expect(back.scalars.map(\.bitPattern) == awkward.map(\.bitPattern))
  }

  @Test func datasetFromNumPyArrays() throws {
    let x = NumPyArray(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
    let labels = NumPyArray(shape: [3], scalars: [1, 0, 2])
    let data = try Dataset.numpy(inputs: x, targets: labels, loss: .crossEntropy, name: "n")
    #expect(data.targets == .labels([1, 0, 2], classes: 3))
    let e = try #require(throws: TrainingInputError.self) {
      try Dataset.numpy(
        inputs: x, targets: NumPyArray(shape: [2], scalars: [1, 2]), loss: .mse, name: "n")
    }
    #expect(e.description == "n: 3 input rows but 2 target rows")
  }
}
