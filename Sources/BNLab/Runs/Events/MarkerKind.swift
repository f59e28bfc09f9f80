/// What a marker marks. Open-ended: unknown kinds from newer files are kept as they are.
public struct MarkerKind: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    /// The kind as written, e.g. `mode_switch`.
    public var rawValue: String

    /// A kind from its written form.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// BatchNorm (or the whole model) switched between train and eval mode.
    public static let modeSwitch = MarkerKind(rawValue: "mode_switch")
    /// Parameters were frozen or unfrozen.
    public static let freeze = MarkerKind(rawValue: "freeze")
    /// A new phase started.
    public static let phase = MarkerKind(rawValue: "phase")
    /// Anything else worth a line on the chart.
    public static let note = MarkerKind(rawValue: "note")

    /// The written form.
    public var description: String { rawValue }

    /// Decodes the plain string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
