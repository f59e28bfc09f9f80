@testable import BNTUI

/// The terminal sizes every golden screen is drawn at: the smallest full layout and a large tmux pane.
enum ScreenSize {
    /// 80×24 and 140×45.
    static let all = [TerminalSize(width: 80, height: 24), TerminalSize(width: 140, height: 45)]
}
