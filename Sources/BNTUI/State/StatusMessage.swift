/// A one-line message in the header: what just happened, or what went wrong.
public struct StatusMessage: Sendable, Equatable {
    /// The text.
    public var text: String
    /// Whether it reports a problem (drawn in red).
    public var isError: Bool

    /// A message.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
