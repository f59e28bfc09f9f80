/// Which glyphs to draw with: decided from the locale, or forced.
public enum GlyphChoice: String, Sendable, CaseIterable {
    /// Unicode when the locale is UTF-8 (see ``TerminalLocale``), else ASCII.
    case auto
    /// Always braille, box drawing and blocks.
    case unicode
    /// Always plain ASCII.
    case ascii
}
