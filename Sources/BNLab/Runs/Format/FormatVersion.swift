/// A run file format version, `major.minor`, written as the string `"1.0"`.
///
/// Minor versions only add things a reader may skip (new fields, new event types); a new major
/// version changes meaning, and a reader refuses majors it does not know.
public struct FormatVersion: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Incremented for changes an older reader would misread.
    public var major: Int
    /// Incremented for additions an older reader can skip.
    public var minor: Int

    /// A version.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"1.0"`; nil for anything that is not two whole numbers joined by a dot.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0 else {
            return nil
        }
        self.init(major: major, minor: minor)
    }

    /// `"1.0"`.
    public var description: String { "\(major).\(minor)" }

    /// Orders by major, then minor.
    public static func < (lhs: FormatVersion, rhs: FormatVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// Decodes `"major.minor"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = FormatVersion(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a version like \"1.0\"")
        }
        self = version
    }

    /// Encodes `"major.minor"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
