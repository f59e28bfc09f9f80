import ArgumentParser
import BNTUI

extension GlyphChoice {
    /// The choice a `--glyphs` value names; anything else is a usage error naming the value.
    static func option(_ text: String) throws -> GlyphChoice {
        guard let choice = GlyphChoice(rawValue: text) else {
            throw ValidationError("--glyphs must be auto, unicode or ascii, got '\(text)'")
        }
        return choice
    }
}
