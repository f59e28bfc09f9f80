/// Something that happened at a step, drawn as a vertical line on charts.
///
/// `{"type":"marker","step":938,"kind":"freeze","text":"body frozen: only layer 13 (Linear) trains"}`
public struct MarkerEvent: Codable, Sendable, Equatable {
    /// The optimizer step it happened after (0: before the first step).
    public var step: Int
    /// What kind of thing happened.
    public var kind: MarkerKind
    /// A short human description.
    public var text: String

    /// A marker.
    public init(step: Int, kind: MarkerKind, text: String) {
        self.step = step
        self.kind = kind
        self.text = text
    }
}
