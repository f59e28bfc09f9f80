import Foundation

extension SafeTensorsFile {
    /// Decodes and validates `data` (the bytes of the file named `file`, for messages).
    ///
    /// The header is checked whole before any tensor data is read: its length (at most
    /// ``maxHeaderBytes`` and within the file), the JSON, every entry's dtype (`F32` or `I64`),
    /// shape (non-negative integers) and `data_offsets` (`[begin, end]` with
    /// `end - begin = ∏shape × element size`), and that the offsets, sorted, tile the data
    /// exactly: in bounds, no overlap, no gap, nothing left over.
    public init(decoding data: Data, file: String = "<memory>") throws(SafeTensorsError) {
        func fail(_ key: String?, _ problem: String,
                  hint: String = "the file is damaged or not a safetensors file; write it again") -> SafeTensorsError {
            SafeTensorsError(file: file, key: key, problem: problem, hint: hint)
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw fail(nil, "is \(bytes.count) bytes long, shorter than the 8-byte header length") }
        let length: UInt64 = Self.littleEndian(bytes, at: 0)
        guard length <= UInt64(Self.maxHeaderBytes) else {
            throw fail("header", "header length \(length) exceeds the limit of \(Self.maxHeaderBytes) bytes")
        }
        guard Int(length) <= bytes.count - 8 else {
            throw fail("header", "header length \(length) runs past the end of the file (\(bytes.count - 8) bytes after the length)")
        }
        let headerEnd = 8 + Int(length)
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])) } catch {
            throw fail("header", "the header is not valid JSON")
        }
        guard let header = parsed as? [String: Any] else { throw fail("header", "the header is not a JSON object") }

        var metadata: [String: String] = [:]
        if let meta = header[Self.metadataKey] {
            guard let dict = meta as? [String: Any] else { throw fail(Self.metadataKey, "is not an object of strings") }
            for (k, v) in dict {
                guard let s = v as? String else { throw fail("\(Self.metadataKey).\(k)", "is not a string") }
                metadata[k] = s
            }
        }

        struct Entry { let name: String; let dtype: SafeTensorsDType; let shape: [Int]; let begin: Int; let end: Int }
        let dataCount = bytes.count - headerEnd
        var entries: [Entry] = []
        for (name, raw) in header where name != Self.metadataKey {
            guard let info = raw as? [String: Any] else { throw fail(name, "is not an object {dtype, shape, data_offsets}") }
            guard let dtypeName = info["dtype"] as? String else { throw fail(name, "field dtype is missing or not a string") }
            guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
                throw fail(name, "field dtype is \(dtypeName); bnlab reads F32 and I64 only",
                           hint: "convert the tensor (e.g. tensor.float(), or .long() for num_batches_tracked) before saving")
            }
            guard let shape = Self.integers(info["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail(name, "field shape is not a list of non-negative integers")
            }
            guard let offsets = Self.integers(info["data_offsets"]), offsets.count == 2, offsets[0] >= 0,
                  offsets[0] <= offsets[1] else {
                throw fail(name, "field data_offsets is not a pair [begin, end] with 0 ≤ begin ≤ end")
            }
            guard offsets[1] <= dataCount else {
                throw fail(name, "field data_offsets end \(offsets[1]) is beyond the data (\(dataCount) bytes)")
            }
            var elements = 1
            for d in shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: d)
                guard !overflow, product <= dataCount else { throw fail(name, "field shape \(shape) is larger than the file") }
                elements = product
            }
            guard offsets[1] - offsets[0] == elements * dtype.byteCount else {
                throw fail(name, "field data_offsets [\(offsets[0]), \(offsets[1])] spans \(offsets[1] - offsets[0]) bytes, "
                    + "but shape \(shape) of \(dtype.rawValue) needs \(elements * dtype.byteCount)")
            }
            entries.append(Entry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1]))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expected = 0
        for e in entries {
            if e.begin < expected { throw fail(e.name, "field data_offsets overlap the previous tensor's (it ends at \(expected))") }
            if e.begin > expected { throw fail(e.name, "field data_offsets leave a gap: bytes \(expected)..<\(e.begin) belong to no tensor") }
            expected = e.end
        }
        guard expected == dataCount else {
            throw fail("data", "\(dataCount - expected) bytes after the last tensor belong to no tensor")
        }

        tensors = entries.map { e in
            let base = headerEnd + e.begin
            switch e.dtype {
            case .f32:
                let values = (0..<(e.end - e.begin) / 4).map { i in
                    Float(bitPattern: Self.littleEndian(bytes, at: base + 4 * i) as UInt32)
                }
                return (e.name, .f32(shape: e.shape, values))
            case .i64:
                let values = (0..<(e.end - e.begin) / 8).map { i in
                    Int64(bitPattern: Self.littleEndian(bytes, at: base + 8 * i) as UInt64)
                }
                return (e.name, .i64(shape: e.shape, values))
            }
        }
        self.metadata = metadata
    }

    /// A JSON list of integers (as JSONSerialization gives them), or nil.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let list = value as? [Any] else { return nil }
        var out: [Int] = []
        for item in list {
            guard let n = item as? NSNumber else { return nil }
            let d = n.doubleValue
            guard d == d.rounded(), abs(d) < 9e15 else { return nil }
            out.append(Int(d))
        }
        return out
    }

    /// The unsigned integer stored little-endian at `bytes[offset…]` (safetensors stores
    /// everything little-endian: `value = Σ bytes[offset + k] · 256^k`).
    static func littleEndian<T: FixedWidthInteger & UnsignedInteger>(_ bytes: [UInt8], at offset: Int) -> T {
        var value: T = 0
        for k in (0..<(T.bitWidth / 8)).reversed() { value = value << 8 | T(bytes[offset + k]) }
        return value
    }
}
