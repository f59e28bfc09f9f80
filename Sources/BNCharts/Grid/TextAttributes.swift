/// Text attributes of a cell: bold, dim, reverse video and underline.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    /// The attribute bits.
    public let rawValue: UInt8

    /// Creates attributes from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (bright) text.
    public static let bold = TextAttributes(rawValue: 1 << 0)
    /// Faint text; used for raw series drawn behind their smoothed curve.
    public static let dim = TextAttributes(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    /// Underlined text.
    public static let underline = TextAttributes(rawValue: 1 << 3)
}
