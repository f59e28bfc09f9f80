/// The chart a lesson step shows while it is paused.
public enum LessonPanel: String, Codable, Sendable, CaseIterable {
    /// The training loss per step.
    case loss
    /// The per-class test accuracy.
    case accuracy
    /// The BatchNorm running statistics.
    case bn

    /// Decodes `loss`, `accuracy` or `bn`, naming the allowed values when the text is something else.
    public init(from decoder: any Decoder) throws {
        self = try decoder.singleValueContainer().choice(LessonPanel.self, named: "lesson panel")
    }
}
