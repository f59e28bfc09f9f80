import BNCharts

/// A full-screen character terminal as the workbench needs it: input events, its size and glyphs,
/// and showing a grid of cells.
///
/// ``CursesTerminal`` drives a real terminal through ncursesw; ``TestTerminal`` replays scripted
/// input and records every frame, so the whole app loop runs in tests. Everything is called from
/// one thread (curses is not thread-safe).
///
/// ```swift
/// let terminal = try CursesTerminal()
/// defer { terminal.restore() }
/// terminal.draw(WorkbenchView.render(state, size: terminal.size, glyphs: terminal.glyphs))
/// if case .key(.character("q"))? = terminal.nextEvent(timeout: .milliseconds(50)) { … }
/// ```
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: TerminalSize { get }
    /// Unicode glyphs when the locale is UTF-8, else ASCII.
    var glyphs: Glyphs { get }
    /// Waits at most `timeout` for input; nil when none arrived in time.
    func nextEvent(timeout: Duration) -> TerminalEvent?
    /// Shows `grid`, writing only the cells that changed since the previous frame (all of them
    /// after a resize). A grid of another size than ``size`` is clipped.
    func draw(_ grid: Grid)
    /// Gives the terminal back as it was found (cursor, modes, main screen). Safe to call twice.
    func restore()
}
