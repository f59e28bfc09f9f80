import BNCharts
import BNCore
import BNTUI
import CNcursesw
import Foundation

/// The real ``Terminal``: ncursesw on stdin/stdout.
///
/// Start-up: the locale (``TerminalLocale``) decides Unicode or ASCII glyphs; `newterm` (never
/// `initscr`, which exits on a bad `TERM`) takes the terminal, failing with ``TerminalError``, as
/// does a terminal that cannot move its cursor (`TERM=dumb`);
/// raw mode (Ctrl-C arrives as a key), no echo, keypad on, cursor hidden; colors only when the
/// terminal has them and `NO_COLOR` is not set, pairs allocated on demand.
///
/// Drawing writes only the cells that changed since the previous frame, then
/// `wnoutrefresh` + `doupdate` (no flicker). The terminal is restored by ``restore()``, at exit
/// (`atexit`), and on signals (see ``SignalTrap``). Use from the main thread only.
public final class CursesTerminal: Terminal {
    /// The current size.
    public private(set) var size: TerminalSize
    /// Unicode when the locale is UTF-8 (or forced), else ASCII.
    public let glyphs: Glyphs
    /// Whether colors are drawn.
    public let usesColor: Bool

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var colors: CursesColors?
    private var previous: Grid?
    private var clearNext = true
    private var active = true

    nonisolated(unsafe) private static var registeredAtExit = false

    /// Takes over the terminal. Throws when stdin/stdout is not a terminal or `TERM` is unusable.
    public init(glyphs choice: GlyphChoice = .auto,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        let utf8 = TerminalLocale.configure(environment: environment)
        switch choice {
        case .auto: glyphs = utf8 ? .unicode : .ascii
        case .unicode: glyphs = .unicode
        case .ascii: glyphs = .ascii
        }
        try Self.checkCursorAddressing(environment: environment)
        SignalTrap.install()
        guard let screen = newterm(nil, bnlab_stdout(), bnlab_stdin()) else {
            SignalTrap.uninstall()
            throw .cannotStart(term: environment["TERM"])
        }
        self.screen = screen
        set_term(screen)
        window = bnlab_stdscr()
        SignalTrap.cursesActive = 1
        if !Self.registeredAtExit {
            Self.registeredAtExit = true
            atexit { CursesTerminal.restoreAtExit() }
        }
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        wtimeout(window, 50)

        var withColor = false
        if TerminalLocale.colorsAllowed(environment: environment), has_colors() {
            start_color()
            let defaults = use_default_colors() == bnlab_ok()
            colors = CursesColors(colorCount: Int(bnlab_colors()), pairCount: Int(bnlab_color_pairs()),
                                  hasDefaultColors: defaults)
            withColor = true
        }
        usesColor = withColor
        size = TerminalSize(width: Int(bnlab_getmaxx(window)), height: Int(bnlab_getmaxy(window)))
        SignalTrap.setRescue(Self.rescueSequence())
    }

    deinit { restore() }

    /// Throws ``TerminalError/noCursorAddressing(term:)`` when the terminal on stdout cannot move its
    /// cursor (`TERM=dumb`), which would get one garbled line; commands call it before slow work
    /// (loading data, training) so the user learns at once. An unknown `TERM` passes: `newterm`
    /// names that problem.
    public static func checkCursorAddressing(
        environment: [String: String] = ProcessInfo.processInfo.environment) throws(TerminalError) {
        if bnlab_term_can_address_cursor(STDOUT_FILENO) == 0 { throw .noCursorAddressing(term: environment["TERM"]) }
    }

    // MARK: Input

    /// The next key, resize or stop signal, waiting at most `timeout`.
    public func nextEvent(timeout: Duration) -> TerminalEvent? {
        guard active else { return .closed }
        if let sig = SignalTrap.takePending() { return .interrupted(signal: sig) }
        wtimeout(window, timeout.clampedMilliseconds)
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if let sig = SignalTrap.takePending() { return .interrupted(signal: sig) }
        if result == bnlab_key_code_yes() {
            if Int32(bitPattern: UInt32(code)) == bnlab_key_resize() {
                size = TerminalSize(width: Int(bnlab_getmaxx(window)), height: Int(bnlab_getmaxy(window)))
                previous = nil
                clearNext = true
                return .resize(size)
            }
            return CursesKeyDecoder.functionKey(Int32(bitPattern: UInt32(code))).map { .key($0) }
        }
        if result == bnlab_ok() {
            return CursesKeyDecoder.character(UInt32(code)).map { .key($0) }
        }
        return nil
    }

    // MARK: Output

    /// Writes the cells that changed since the previous frame (all after a resize) and updates the screen.
    public func draw(_ grid: Grid) {
        guard active else { return }
        let changes: [CellChange]
        if let previous, previous.width == grid.width, previous.height == grid.height {
            changes = grid.diff(from: previous)
        } else {
            changes = grid.diff(from: Grid(width: 0, height: 0))
            werase(window)
        }
        if clearNext {
            clearok(window, true)
            clearNext = false
        }
        let maxX = size.width, maxY = size.height
        for change in changes where change.x < maxX && change.y < maxY {
            put(change.cell, x: change.x, y: change.y)
        }
        wnoutrefresh(window)
        doupdate()
        previous = grid
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        let scalar = cell.character.unicodeScalars.first?.value ?? 32
        var attrs: attr_t = bnlab_a_normal()
        let a = cell.style.attributes
        if a.contains(.bold) { attrs |= bnlab_a_bold() }
        if a.contains(.dim) { attrs |= bnlab_a_dim() }
        if a.contains(.reverse) { attrs |= bnlab_a_reverse() }
        if a.contains(.underline) { attrs |= bnlab_a_underline() }
        var pair: Int16 = 0
        if colors != nil {
            let (p, extra) = colors!.pair(for: cell.style)
            pair = p
            if !a.contains(.dim) { attrs |= extra }
        }
        _ = bnlab_put_wch(window, Int32(y), Int32(x), wchar_t(bitPattern: scalar), attrs, pair)
    }

    // MARK: Restoring

    /// Leaves curses: cursor back, modes back, main screen back. Safe to call twice.
    public func restore() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        SignalTrap.cursesActive = 0
        delscreen(screen)
        SignalTrap.uninstall()
    }

    /// The `atexit` hook: ends curses if a terminal is still active.
    private static func restoreAtExit() {
        if SignalTrap.cursesActive != 0 {
            SignalTrap.cursesActive = 0
            curs_set(1)
            endwin()
        }
    }

    /// terminfo's sequences that leave full-screen mode: attributes off, cursor visible, keypad off,
    /// main screen back.
    private static func rescueSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for cap in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = tigetstr(cap), Int(bitPattern: value) != -1 else { continue }
            bytes += Array(String(cString: value).utf8)
        }
        return bytes
    }
}
