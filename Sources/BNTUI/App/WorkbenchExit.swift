/// Why the workbench loop ended.
public enum WorkbenchExit: Sendable, Equatable {
    /// The user quit.
    case quit
    /// A stop signal (SIGINT, SIGTERM, SIGHUP) arrived; exit with `128 + signal`.
    case interrupted(signal: Int32)
    /// The terminal's input ended.
    case closed
}
