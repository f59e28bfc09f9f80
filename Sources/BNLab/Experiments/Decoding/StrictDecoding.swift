import Foundation

extension CodingUserInfoKey {
    /// When true, experiment types reject keys they do not know, so typos in a YAML file are
    /// caught. The experiment loader sets it; run files leave it off, so a newer minor version of
    /// the format can add fields that an older bnlab skips.
    static let bnlabStrictKeys = CodingUserInfoKey(rawValue: "bnlab.strictKeys")!
}

extension Decoder {
    /// True when unknown keys are errors (experiment files), false when ignored (run files).
    var rejectsUnknownKeys: Bool { userInfo[.bnlabStrictKeys] as? Bool == true }

    /// Throws a ``SpecIssue`` for the first key of this mapping that is not one of `known`.
    ///
    /// - Parameters:
    ///   - known: every key the type reads.
    ///   - what: how the mapping is named in the message, e.g. `a variant`, `a Linear layer`.
    func checkKeys(_ known: [String], in what: String) throws {
        guard rejectsUnknownKeys else { return }
        let container = try container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw SpecIssue(
                container.codingPath + [key],
                "unknown key '\(key.stringValue)' in \(what).\(Suggestions.didYouMean(key.stringValue, in: known))",
                hint: "\(what) may set: \(known.joined(separator: ", ")); remove or rename the key",
                kind: .unknownKey)
        }
    }

    /// ``checkKeys(_:in:)`` for a `CodingKeys` enum, plus any extra keys (such as `type`).
    func checkKeys<K: CodingKey & CaseIterable>(_ keys: K.Type, in what: String, also extra: [String] = []) throws {
        try checkKeys(extra + keys.allCases.map(\.stringValue), in: what)
    }
}

extension KeyedDecodingContainer {
    /// The path of `key` inside this container, for messages.
    func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    /// How the value stored at `key` looks, for "got …" in messages: `"fast"`, `a list`, `a mapping`.
    func shownValue(_ key: Key) -> String {
        if (try? decodeNil(forKey: key)) == true { return "null" }
        if let text = try? decode(String.self, forKey: key) {
            let isNumberOrBool = (try? decode(Double.self, forKey: key)) != nil || (try? decode(Bool.self, forKey: key)) != nil
            return isNumberOrBool ? text : "\"\(text)\""
        }
        if (try? nestedUnkeyedContainer(forKey: key)) != nil { return "a list" }
        return "a mapping"
    }

    /// The value at `key`, or `fallback` when the key is absent or null.
    func value<T: Decodable>(_ key: Key, default fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }

    /// Decodes `T`, saying "expected <what>, got …" when the value is of another kind (a list
    /// where a number belongs, for instance) rather than naming a YAML node type.
    func typed<T: Decodable>(_ type: T.Type, _ key: Key, expected what: String) throws -> T? {
        do {
            return try decodeIfPresent(type, forKey: key)
        } catch DecodingError.typeMismatch {
            throw SpecIssue(path(key), "expected \(what), got \(shownValue(key))",
                            hint: "write \(what)", kind: .typeMismatch)
        }
    }

    /// A required whole number of at least 1.
    func positiveInt(_ key: Key, hint: String? = nil) throws -> Int {
        guard let value = try typed(Int.self, key, expected: "a whole number") else {
            return try decode(Int.self, forKey: key) // throws the usual "is missing"
        }
        try requirePositive(value, key, hint: hint)
        return value
    }

    /// An optional whole number of at least 1.
    func positiveIntIfPresent(_ key: Key, hint: String? = nil) throws -> Int? {
        guard let value = try typed(Int.self, key, expected: "a whole number") else { return nil }
        try requirePositive(value, key, hint: hint)
        return value
    }

    /// An optional whole number of at least 0.
    func nonNegativeIntIfPresent(_ key: Key) throws -> Int? {
        guard let value = try typed(Int.self, key, expected: "a whole number") else { return nil }
        if value < 0 {
            throw SpecIssue(path(key), "must be 0 or more, got \(value)",
                            hint: "write a whole number such as 0 or 1")
        }
        return value
    }

    /// Throws unless `value` is at least 1.
    func requirePositive(_ value: Int, _ key: Key, hint: String? = nil) throws {
        if value < 1 {
            throw SpecIssue(path(key), "must be 1 or more, got \(value)",
                            hint: hint ?? "sizes and counts are whole numbers of 1 or more")
        }
    }

    /// An optional finite number within `range` (both ends included).
    func numberIfPresent(_ key: Key, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
                         hint: String? = nil) throws -> Double? {
        guard let value = try typed(Double.self, key, expected: "a number") else { return nil }
        try requireNumber(value, key, in: range, hint: hint)
        return value
    }

    /// Throws unless `value` is finite and within `range`.
    func requireNumber(_ value: Double, _ key: Key, in range: ClosedRange<Double>, hint: String?) throws {
        guard value.isFinite else {
            throw SpecIssue(path(key), "must be a finite number, got \(value)",
                            hint: hint ?? "write an ordinary number such as 0.1")
        }
        guard range.contains(value) else {
            throw SpecIssue(path(key), "must be \(Self.describe(range)), got \(value)",
                            hint: hint ?? "write a number \(Self.describe(range))")
        }
    }

    /// An optional number strictly greater than zero.
    func positiveNumberIfPresent(_ key: Key, hint: String? = nil) throws -> Double? {
        guard let value = try numberIfPresent(key, hint: hint) else { return nil }
        if value <= 0 {
            throw SpecIssue(path(key), "must be greater than 0, got \(value)",
                            hint: hint ?? "write a positive number such as 0.01")
        }
        return value
    }

    /// A BatchNorm momentum that may be null: `.none` when the key is absent, `.some(nil)` for
    /// `null` (a cumulative average), `.some(m)` for a number m in 0…1.
    func momentumOrNull(_ key: Key) throws -> Double?? {
        guard contains(key) else { return .none }
        if try decodeNil(forKey: key) { return .some(nil) }
        guard let value = try? decode(Double.self, forKey: key) else {
            throw SpecIssue(path(key), "expected a number or null, got \(shownValue(key))",
                            hint: "write a number between 0 and 1 such as 0.1, or null for a cumulative average",
                            kind: .typeMismatch)
        }
        try requireNumber(value, key, in: 0...1,
                          hint: "BatchNorm momentum is the weight of the newest batch: between 0 and 1, or null")
        return .some(value)
    }

    /// A required text value that is not empty.
    func text(_ key: Key) throws -> String {
        let value = try decode(String.self, forKey: key).trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            throw SpecIssue(path(key), "is empty", hint: "write some text after '\(key.stringValue):'")
        }
        return value
    }

    /// A required name usable in file names: lower-case letters, digits, `-`, `_` and `.`.
    func slug(_ key: Key) throws -> String {
        let value = try text(key)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        if let bad = value.first(where: { !allowed.contains($0) }) {
            throw SpecIssue(path(key), "'\(value)' contains '\(bad)'",
                            hint: "names go into run file names: use lower-case letters, digits, '-', '_' and '.'")
        }
        return value
    }

    private static func describe(_ range: ClosedRange<Double>) -> String {
        switch (range.lowerBound == -Double.greatestFiniteMagnitude, range.upperBound == Double.greatestFiniteMagnitude) {
        case (true, true): return "finite"
        case (false, true): return "at least \(range.lowerBound)"
        case (true, false): return "at most \(range.upperBound)"
        case (false, false): return "between \(range.lowerBound) and \(range.upperBound)"
        }
    }
}

extension SingleValueDecodingContainer {
    /// A text value that must be one of `choices` (the raw values of a string enum).
    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, named what: String) throws -> T
    where T.RawValue == String {
        let raw = try decode(String.self)
        if let value = T(rawValue: raw) { return value }
        let names = T.allCases.map(\.rawValue)
        throw SpecIssue(codingPath, "unknown \(what) '\(raw)'.\(Suggestions.didYouMean(raw, in: names))",
                        hint: "write one of: \(names.joined(separator: ", "))")
    }
}

extension Array where Element == any CodingKey {
    /// This coding path with a key appended.
    func appendingKey(_ key: String) -> [any CodingKey] { self + [AnyCodingKey(key)] }
}

extension Array where Element == any CodingKey {
    /// This coding path with a list index appended.
    func appendingIndex(_ index: Int) -> [any CodingKey] { self + [AnyCodingKey(intValue: index)!] }
}
