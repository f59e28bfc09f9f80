import Foundation

/// Finds an event line's `type` with a byte scan, without decoding the line, so a reader can skip
/// the events it does not need (a `bn_snapshot` line of 256 channels costs about 100× a `step`
/// line to decode).
///
/// Only an unescaped `"type":"…"` pair (or `"type": "…"`) can match: inside a JSON string every
/// quote is escaped, so the pattern cannot come from a string value. Run events do not nest
/// objects with a `type`, so the first match is the event's type. A line without a match gives
/// nil, and the caller decodes it as usual.
enum EventTypeScan {
    private static let typePatterns = patterns(for: "type")
    private static let layerPatterns = patterns(for: "layer")

    /// `"name":"` and `"name": "`.
    private static func patterns(for name: String) -> [[UInt8]] {
        [Array("\"\(name)\":\"".utf8), Array("\"\(name)\": \"".utf8)]
    }

    /// The value of the line's `type` field, nil when no `"type":"…"` pair is found.
    static func type(of line: Data) -> String? {
        line.withUnsafeBytes { string(in: $0, patterns: typePatterns) }
    }

    /// The text of the first string field `name` (`type` or `layer`) of the line, nil when not found;
    /// escapes are not decoded (the text serves as a key).
    static func string(_ name: String, of line: Data) -> String? {
        let patterns = name == "type" ? typePatterns : name == "layer" ? layerPatterns : patterns(for: name)
        return line.withUnsafeBytes { string(in: $0, patterns: patterns) }
    }

    /// The value after the first of `patterns` found in `bytes`, up to the next quote.
    private static func string(in bytes: UnsafeRawBufferPointer, patterns: [[UInt8]]) -> String? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        for pattern in patterns {
            guard let hit = find(pattern, in: bytes) else { continue }
            let valueStart = hit + pattern.count
            guard valueStart < bytes.count,
                  let close = memchr(base + valueStart, 0x22, bytes.count - valueStart) else { return nil }
            let length = UnsafeRawPointer(close) - (base + valueStart)
            return String(decoding: UnsafeRawBufferPointer(start: base + valueStart, count: length), as: UTF8.self)
        }
        return nil
    }

    /// The offset of the first occurrence of `pattern` (which starts with a quote) in `bytes`.
    private static func find(_ pattern: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        let base = bytes.baseAddress!
        var from = 0
        return pattern.withUnsafeBytes { p -> Int? in
            while from + p.count <= bytes.count {
                guard let quote = memchr(base + from, Int32(p[0]), bytes.count - from - p.count + 1) else { return nil }
                let at = UnsafeRawPointer(quote) - base
                if memcmp(base + at, p.baseAddress!, p.count) == 0 { return at }
                from = at + 1
            }
            return nil
        }
    }

    /// Whether the line's `type` is one of `types`; false when the scan finds no type.
    static func isOne(of types: Set<String>, _ line: Data) -> Bool {
        guard !types.isEmpty, let type = type(of: line) else { return false }
        return types.contains(type)
    }
}
