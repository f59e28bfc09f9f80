/// A problem a recorder noticed (`diagnostic`, format 1.1).
///
/// `{"type":"diagnostic","step":120,"layer":"layer1.0.bn1","kind":"frozen_bn_moving","severity":"warning","text":"…"}`
public struct DiagnosticEvent: Codable, Sendable, Equatable {
    /// The step it was noticed at.
    public var step: Int
    /// The module concerned, when there is one.
    public var layer: String?
    /// What was noticed.
    public var kind: DiagnosticKind
    /// How serious it is (`warning` when missing).
    public var severity: DiagnosticSeverity
    /// One line for people.
    public var text: String

    /// A diagnostic.
    public init(step: Int, layer: String? = nil, kind: DiagnosticKind, severity: DiagnosticSeverity = .warning, text: String) {
        self.step = step
        self.layer = layer
        self.kind = kind
        self.severity = severity
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case step, layer, kind, severity, text
    }

    /// Decodes one line; `severity` defaults to `warning`, `step` must lie in 0 … 2^53.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        step = try c.decodeCount(.step)
        layer = try c.decodeIfPresent(String.self, forKey: .layer)
        kind = try c.decode(DiagnosticKind.self, forKey: .kind)
        severity = try c.decodeIfPresent(DiagnosticSeverity.self, forKey: .severity) ?? .warning
        text = try c.decode(String.self, forKey: .text)
    }
}
