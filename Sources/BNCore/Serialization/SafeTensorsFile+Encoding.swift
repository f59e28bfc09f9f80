import Foundation

extension SafeTensorsFile {
    /// The file's bytes: header length, JSON header (space-padded to a multiple of 8 bytes, as
    /// the `safetensors` library pads it), then every tensor's little-endian data in order.
    public func encoded(file: String = "<memory>") throws(SafeTensorsError) -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header[Self.metadataKey] = metadata }
        var offset = 0
        for (name, value) in tensors {
            guard name != Self.metadataKey, header[name] == nil else {
                throw SafeTensorsError(file: file, key: name, problem: "the tensor name is used twice or is reserved",
                                       hint: "give every tensor its own name")
            }
            guard value.shape.allSatisfy({ $0 >= 0 }), value.shape.reduce(1, *) == value.count else {
                throw SafeTensorsError(file: file, key: name,
                                       problem: "shape \(value.shape) does not hold \(value.count) elements",
                                       hint: "this is a bug in the caller")
            }
            let size = value.count * value.dtype.byteCount      // bytes = elements × element size
            header[name] = ["dtype": value.dtype.rawValue, "shape": value.shape, "data_offsets": [offset, offset + size]]
            offset += size
        }
        var json: Data
        do { json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]) } catch {
            throw SafeTensorsError(file: file, problem: "the header cannot be encoded (\(error))", hint: "this is a bug")
        }
        json.append(contentsOf: Array(repeating: UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
        var out = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        for (_, value) in tensors {
            switch value {
            case .f32(_, let v):
                for x in v { withUnsafeBytes(of: x.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
            case .i64(_, let v):
                for x in v { withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) } }
            }
        }
        return out
    }
}
