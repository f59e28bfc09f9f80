/// A terminal's size in character cells.
public struct TerminalSize: Sendable, Hashable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// A size; negative values become 0.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The classic 80 × 24.
    public static let classic = TerminalSize(width: 80, height: 24)

    /// `120×40`.
    public var description: String { "\(width)×\(height)" }
}
