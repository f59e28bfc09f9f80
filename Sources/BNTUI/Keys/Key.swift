/// A key press as the workbench sees it, independent of the terminal that produced it.
public enum Key: Sendable, Hashable {
    /// A printable character (`j`, `?`, `+`, space).
    case character(Character)
    /// A control chord, by its letter: `.control("c")` is Ctrl-C.
    case control(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Enter / Return.
    case enter
    /// Escape.
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace.
    case backspace
    /// A function key, F1 = `.function(1)`.
    case function(Int)

    /// How the key is written in the footer and the help: `j`, `Enter`, `↑` (`Up` in ASCII), `Ctrl-C`.
    public func label(unicode: Bool) -> String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-" + String(c).uppercased()
        case .up: unicode ? "↑" : "Up"
        case .down: unicode ? "↓" : "Down"
        case .left: unicode ? "←" : "Left"
        case .right: unicode ? "→" : "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .function(let n): "F\(n)"
        }
    }
}
