import Foundation

/// Makes one line of a run file safe for the strict JSON decoder: checks that it is valid UTF-8
/// and turns the bare `NaN`, `Infinity` and `-Infinity` tokens Python writes (outside strings)
/// into the strings `"nan"`, `"inf"` and `"-inf"` the format uses.
///
/// Foundation's JSON5 mode would accept those tokens, but its scanner traps on invalid UTF-8;
/// this keeps the decoder in plain JSON mode.
enum JSONLineCleaner {
    /// Why a line cannot be decoded at all.
    enum Problem: Error, Equatable {
        /// The byte at this 0-based offset starts no valid UTF-8 sequence.
        case invalidUTF8(offset: Int)
    }

    /// The line, with non-finite tokens rewritten; the same bytes when there are none.
    static func clean(_ line: Data) throws(Problem) -> Data {
        if let offset = invalidUTF8Offset(line) { throw .invalidUTF8(offset: offset) }
        return rewriteNonFiniteTokens(line)
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence, nil if none.
    static func invalidUTF8Offset(_ bytes: Data) -> Int? {
        bytes.withUnsafeBytes { (b: UnsafeRawBufferPointer) -> Int? in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                // lead byte → sequence length and the allowed range of the second byte (RFC 3629)
                let length: Int, low: UInt8, high: UInt8
                switch c {
                case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
                case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
                case 0xED: (length, low, high) = (3, 0x80, 0x9F)
                case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
                case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
                case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
                default: return i
                }
                guard i + length <= n, (low...high).contains(b[i + 1]) else { return i }
                for k in 2..<length where !(0x80...0xBF).contains(b[i + k]) { return i }
                i += length
            }
            return nil
        }
    }

    /// Rewrites `NaN`, `Infinity` and `-Infinity` outside strings; copies only when one is found.
    static func rewriteNonFiniteTokens(_ line: Data) -> Data {
        let tokens: [(text: [UInt8], replacement: [UInt8])] = [
            (Array("NaN".utf8), Array("\"nan\"".utf8)),
            (Array("Infinity".utf8), Array("\"inf\"".utf8)),
            (Array("-Infinity".utf8), Array("\"-inf\"".utf8)),
        ]
        let bytes = [UInt8](line)
        var out: [UInt8]? = nil
        var inString = false, escaped = false
        var i = 0, copiedUpTo = 0
        while i < bytes.count {
            let c = bytes[i]
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
                i += 1
                continue
            }
            if c == 0x22 { inString = true; i += 1; continue }
            if c == 0x4E || c == 0x49 || c == 0x2D,   // N, I, -
               let token = tokens.first(where: { bytes[i...].starts(with: $0.text) }) {
                if out == nil { out = []; out!.reserveCapacity(bytes.count + 8) }
                out!.append(contentsOf: bytes[copiedUpTo..<i])
                out!.append(contentsOf: token.replacement)
                i += token.text.count
                copiedUpTo = i
                continue
            }
            i += 1
        }
        guard var result = out else { return line }
        result.append(contentsOf: bytes[copiedUpTo...])
        return Data(result)
    }
}
