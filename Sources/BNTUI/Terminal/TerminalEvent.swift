/// What a terminal reports to the app loop.
public enum TerminalEvent: Sendable, Equatable {
    /// A key was pressed.
    case key(Key)
    /// The terminal has a new size.
    case resize(TerminalSize)
    /// SIGINT, SIGTERM or SIGHUP arrived: the loop should end and the terminal be restored.
    case interrupted(signal: Int32)
    /// No more input will come (the test script ended, or the terminal went away).
    case closed
}
