/// Range and length checks shared by the events' decoders; each failure is a `DecodingError`
/// naming the field, so the reader's notice says which field of which line was wrong.
enum EventCheck {
    /// The largest count a run file may hold: 2^53, the last integer a JSON number keeps exactly.
    static let maxCount = 1 << 53

    /// Throws unless `value` lies in `minimum … 2^53`.
    static func range<K: CodingKey>(_ value: Int, _ key: K, in container: KeyedDecodingContainer<K>,
                                    minimum: Int = 0) throws {
        guard value >= minimum && value <= maxCount else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container,
                debugDescription: "\(value) is outside \(minimum) … 2^53")
        }
    }

    /// Throws unless the list (when present) has `expected` values; `what` says what they line up with.
    static func length<K: CodingKey, T>(_ list: [T]?, _ key: K, in container: KeyedDecodingContainer<K>,
                                        expected: Int, what: String) throws {
        guard let list, list.count != expected else { return }
        throw DecodingError.dataCorruptedError(forKey: key, in: container,
            debugDescription: "has \(list.count) values but \(what) has \(expected); every list must have one value per channel")
    }
}

extension KeyedDecodingContainer {
    /// Decodes a count (step, epoch, counter) and checks that it lies in `minimum` … 2^53.
    func decodeCount(_ key: Key, minimum: Int = 0) throws -> Int {
        let value = try decode(Int.self, forKey: key)
        try EventCheck.range(value, key, in: self, minimum: minimum)
        return value
    }

    /// Decodes an optional count, checked like ``decodeCount(_:minimum:)``.
    func decodeCountIfPresent(_ key: Key, minimum: Int = 0) throws -> Int? {
        guard let value = try decodeIfPresent(Int.self, forKey: key) else { return nil }
        try EventCheck.range(value, key, in: self, minimum: minimum)
        return value
    }

    /// Decodes an optional 64-bit unsigned integer (a seed). A number that is negative,
    /// fractional or above 2^64 − 1 is an error naming the field and the number: Foundation's
    /// own error would call the whole line "not valid JSON".
    func decodeUInt64IfPresent(_ key: Key) throws -> UInt64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let value = try? decode(UInt64.self, forKey: key) { return value }
        let number = try decode(Double.self, forKey: key)   // not a number: a type error naming the field
        throw DecodingError.dataCorruptedError(forKey: key, in: self,
            debugDescription: "\(number) is not an integer in 0 … 2^64 − 1")
    }
}
