/// Why the terminal could not be taken over.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal.
    case notATerminal
    /// curses could not start on this terminal type (`TERM`).
    case cannotStart(term: String?)
    /// The terminal cannot move its cursor (terminfo has no `cup`, e.g. `TERM=dumb`).
    case noCursorAddressing(term: String?)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .notATerminal:
            "the workbench needs a terminal on stdin and stdout; for headless use run `bnlab run` or `bnlab show`"
        case .cannotStart(let term):
            if let term, !term.isEmpty {
                "cannot open the terminal: TERM='\(term)' is not in the terminfo database; "
                    + "set TERM to one that is (e.g. TERM=xterm-256color) or install ncurses-term"
            } else {
                "cannot open the terminal: TERM is not set; set it, e.g. TERM=xterm-256color"
            }
        case .noCursorAddressing(let term):
            "the workbench needs a terminal that can move its cursor, and TERM='\(term ?? "")' cannot; "
                + "use a full-screen terminal (e.g. TERM=xterm-256color), or `bnlab show` and `bnlab runs` for plain text"
        }
    }
}
