/// A kind written as a plain string whose set is open: values from newer writers are kept as
/// written. ``MarkerKind`` and ``DiagnosticKind`` are such kinds.
public protocol OpenKind: RawRepresentable<String>, Codable, Sendable, Hashable, CustomStringConvertible {
    /// A kind from its written form.
    init(rawValue: String)
}

extension OpenKind {
    /// The written form.
    public var description: String { rawValue }

    /// Decodes the plain string.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
