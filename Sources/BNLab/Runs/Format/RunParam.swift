/// One value of a run header's `params` (format 1.1): a flat setting of a run written by another
/// program — a string, a number or a boolean (anything else is kept as its JSON-ish text).
public enum RunParam: Codable, Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)

    /// Decodes a string, number or boolean; null reads as the text `null`, lists and objects as `…`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if c.decodeNil() { self = .string("null") }
        else { self = .string("…") }
    }

    /// Encodes the value as JSON.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        }
    }

    /// The value as people read it: `0.1`, `32` (whole numbers without a decimal point), `adamw`, `true`.
    public var description: String {
        switch self {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
            return "\(d)"
        }
    }
}
