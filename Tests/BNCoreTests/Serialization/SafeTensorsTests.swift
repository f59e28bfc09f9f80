import BNCore
import Foundation
import Testing

/// The safetensors reader and writer: round trips, the byte layout, and damaged files.
@Suite("safetensors")
struct SafeTensorsTests {
    static let sample = SafeTensorsFile(tensors: [
        ("0.weight", .f32(shape: [2, 3], [1, -2, 3.5, .pi, -0.0, 1e-30])),
        ("1.num_batches_tracked", .i64(shape: [], [938])),
        ("1.running_mean", .f32(shape: [3], [0.1, 0.2, 0.3])),
    ], metadata: ["format": "bnlab-checkpoint"])

    /// `sample` with its header replaced by `header` (the data kept).
    func withHeader(_ header: String, data: [UInt8]? = nil) throws -> Data {
        let bytes = [UInt8](try Self.sample.encoded())
        var n: UInt64 = 0
        for i in (0..<8).reversed() { n = n << 8 | UInt64(bytes[i]) }
        let body = data ?? Array(bytes[(8 + Int(n))...])
        var out = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(Data(header.utf8))
        out.append(contentsOf: body)
        return out
    }

    func error(_ data: Data) -> SafeTensorsError? {
        do { _ = try SafeTensorsFile(decoding: data, file: "bad.safetensors"); return nil } catch { return error }
    }

    @Test func roundTripKeepsEveryBit() throws {
        let data = try Self.sample.encoded()
        let back = try SafeTensorsFile(decoding: data)
        #expect(back == Self.sample)
        if case .f32(_, let v)? = back["0.weight"] { #expect(v[4].sign == .minus) } else { Issue.record("no 0.weight") }
    }

    @Test func layoutIsTheSafetensorsOne() throws {
        let data = [UInt8](try Self.sample.encoded())
        var n = 0
        for i in (0..<8).reversed() { n = n << 8 | Int(data[i]) }
        #expect(n % 8 == 0)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(data[8..<(8 + n)])) as? [String: Any])
        let w = try #require(header["0.weight"] as? [String: Any])
        #expect(w["dtype"] as? String == "F32")
        #expect((w["data_offsets"] as? [Int]) == [0, 24])
        #expect((header["1.num_batches_tracked"] as? [String: Any])?["dtype"] as? String == "I64")
        #expect(data.count == 8 + n + 24 + 8 + 12)
        // 1.0 as little-endian F32 at the start of the data
        #expect(Array(data[(8 + n)..<(8 + n + 4)]) == [0, 0, 0x80, 0x3f])
    }

    @Test func stateDictRoundTrip() throws {
        let state: StateDict = [("0.weight", .tensor(Tensor(shape: [1, 2], data: [1, 2]))), ("1.num_batches_tracked", .integer(7))]
        let file = try SafeTensorsFile(decoding: SafeTensorsFile(stateDict: state).encoded())
        let back = file.stateDict()
        #expect(back.map(\.key) == ["0.weight", "1.num_batches_tracked"])
        #expect(back[1].value == .integer(7))
        #expect(back[0].value == .tensor(Tensor(shape: [1, 2], data: [1, 2])))
    }

    @Test func truncatedFilesAreRefused() throws {
        let data = try Self.sample.encoded()
        #expect(error(data.prefix(5))?.problem.contains("shorter than the 8-byte") == true)
        #expect(error(data.prefix(20))?.problem.contains("past the end") == true)
        let short = error(data.dropLast(4))
        #expect(short?.key == "1.running_mean")
        #expect(short?.description.hasPrefix("bad.safetensors: 1.running_mean: ") == true)
    }

    @Test func hugeHeaderLengthIsRefusedBeforeReading() {
        var data = Data()
        withUnsafeBytes(of: UInt64.max.littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: [0x7b, 0x7d])
        let e = error(data)
        #expect(e?.key == "header")
        #expect(e?.problem.contains("exceeds the limit") == true)
    }

    @Test func offsetsOutOfRangeOverlappingOrLeavingGapsAreRefused() throws {
        let outOfRange = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[100],"data_offsets":[8,408]}}"#
        #expect(error(try withHeader(outOfRange, data: Array(repeating: 0, count: 16)))?.problem.contains("beyond the data") == true)
        let overlap = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        let o = error(try withHeader(overlap, data: Array(repeating: 0, count: 12)))
        #expect(o?.key == "b")
        #expect(o?.problem.contains("overlap") == true)
        let gap = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        #expect(error(try withHeader(gap, data: Array(repeating: 0, count: 12)))?.problem.contains("gap") == true)
        let left = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        #expect(error(try withHeader(left, data: Array(repeating: 0, count: 8)))?.problem.contains("belong to no tensor") == true)
        let wrongSize = #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#
        #expect(error(try withHeader(wrongSize, data: Array(repeating: 0, count: 8)))?.problem.contains("needs 12") == true)
    }

    @Test func wrongDtypesAndBadHeadersAreRefused() throws {
        let f16 = #"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#
        let e = error(try withHeader(f16, data: [0, 0, 0, 0]))
        #expect(e?.key == "a")
        #expect(e?.problem.contains("F16") == true)
        #expect(e?.hint.contains(".float()") == true)
        #expect(error(try withHeader("{not json", data: []))?.problem.contains("not valid JSON") == true)
        #expect(error(try withHeader("[1,2]", data: []))?.problem.contains("not a JSON object") == true)
        let badShape = #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#
        #expect(error(try withHeader(badShape, data: [0, 0, 0, 0]))?.problem.contains("shape") == true)
        let badMeta = #"{"__metadata__":{"k":1}}"#
        #expect(error(try withHeader(badMeta, data: []))?.key == "__metadata__.k")
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Data(repeating: 0x61, count: 1000)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
