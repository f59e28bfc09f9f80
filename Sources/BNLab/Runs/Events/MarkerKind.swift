/// What a marker marks. Open-ended: unknown kinds from newer files are kept as they are.
public struct MarkerKind: OpenKind {
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
}
