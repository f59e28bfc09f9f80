import ArgumentParser
import BNTUI

/// The full-screen commands' display options (`--glyphs`, `--high-contrast`) and the curses
/// terminal they open. Used by `bnlab watch`; the other screen commands can adopt it.
struct ScreenOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Drawing characters: auto (from the locale), unicode or ascii.",
                                            valueName: "auto|unicode|ascii"))
    var glyphs = "auto"

    @Flag(name: .long, help: "High contrast for projectors: bold bright colors, nothing dim, thicker lines (H toggles).")
    var highContrast = false

    /// The glyph choice asked for; `validate()` has refused anything else.
    var glyphChoice: GlyphChoice { GlyphChoice(rawValue: glyphs) ?? .auto }

    func validate() throws {
        if GlyphChoice(rawValue: glyphs) == nil {
            throw ValidationError("--glyphs must be auto, unicode or ascii, got '\(glyphs)'")
        }
    }

    /// Takes over the terminal; prints why and exits with status 2 when it cannot.
    func openTerminal() throws -> CursesTerminal {
        do {
            return try CursesTerminal(glyphs: glyphChoice)
        } catch {
            printError("bnlab: \(error)")
            throw ExitCode(2)
        }
    }
}
