import ArgumentParser
import BNCurses
import BNTUI
import Foundation

/// The full-screen commands' display options (`--glyphs`, `--high-contrast`) and the curses
/// session they run: `bnlab` (the workbench), `replay`, `lesson` and `watch`.
struct ScreenOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Drawing characters: auto (from the locale), unicode or ascii.",
                                            valueName: "auto|unicode|ascii"))
    var glyphs = "auto"

    @Flag(name: .long, help: "High contrast for projectors: bold bright colors, nothing dim, thicker lines (H toggles).")
    var highContrast = false

    /// The glyph choice asked for; `validate()` has refused anything else.
    var glyphChoice: GlyphChoice { GlyphChoice(rawValue: glyphs) ?? .auto }

    func validate() throws {
        _ = try GlyphChoice.option(glyphs)
    }

    /// Refuses to go on unless stdin and stdout are both terminals and the terminal can address
    /// the cursor: prints `command` needs a terminal, the headless alternative, and exits 2.
    func requireTerminal(_ command: String, headless: String) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            printError("""
                bnlab: \(command) needs a terminal (stdin and stdout are not both TTYs).
                For headless use: \(headless)
                """)
            throw ExitCode(2)
        }
        do {
            try CursesTerminal.checkCursorAddressing()
        } catch {
            printError("bnlab: \(error)")
            throw ExitCode(2)
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

    /// One curses session: opens the terminal, runs the workbench app on it (with these options,
    /// runs stalling after `stallAfter` seconds in the runs browser, `prepare` readying it),
    /// calls `beforeRestore`, restores the terminal, shuts the backend down, calls `afterRestore`,
    /// and exits with 128 + the signal when a signal ended the session. When `prepare` throws,
    /// the terminal is restored and the error passed on.
    func runSession(backend: any WorkbenchBackend, label: String, runsFolder: URL?, stallAfter: Double? = nil,
                    prepare: (WorkbenchApp) throws -> Void = { _ in }, beforeRestore: () -> Void = {},
                    afterRestore: () -> Void = {}) throws {
        let terminal = try openTerminal()
        var options = WorkbenchOptions(backendLabel: label, runsFolder: runsFolder, highContrast: highContrast)
        if let stallAfter { options.stallAfter = stallAfter }
        let app = WorkbenchApp(terminal: terminal, backend: backend, options: options)
        do {
            try prepare(app)
        } catch {
            terminal.restore()
            backend.shutdown()
            throw error
        }
        let exit = app.run()
        beforeRestore()
        terminal.restore()
        backend.shutdown()
        afterRestore()
        if case .interrupted(let sig) = exit { throw ExitCode(128 + sig) }
    }
}
