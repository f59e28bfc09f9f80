/// How many dots a ``BrailleCanvas`` packs into one cell.
public enum CanvasResolution: Sendable, Hashable {
    /// 2 dots across × 4 down, drawn as braille patterns (U+2800–U+28FF).
    case braille
    /// 1 dot per cell, drawn as the glyph set's plot point (ASCII mode).
    case cell

    /// Dots per cell horizontally.
    public var dotsAcross: Int { self == .braille ? 2 : 1 }
    /// Dots per cell vertically.
    public var dotsDown: Int { self == .braille ? 4 : 1 }
}
