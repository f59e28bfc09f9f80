extension WorkbenchUpdate {
    /// A key while the help is open: scroll it (`j`/`k`, PgDn/PgUp, `g`/`G`) or close it (`?`,
    /// Esc, `q`); closing resets the scroll for the next time.
    static func helpKey(_ key: Key, state: inout WorkbenchState) {
        let maxScroll = HelpOverlayView.maxScroll(mode: KeyMode.beneath(state), size: state.size)
        let page = max(1, state.size.height - 8)
        var scroll = state.helpScroll
        switch key {
        case .pageDown, .character(" "): scroll += page
        case .pageUp: scroll -= page
        default:
            switch KeyBindings.action(for: key) {
            case .moveDown: scroll += 1
            case .moveUp: scroll -= 1
            case .moveFirst: scroll = 0
            case .moveLast: scroll = maxScroll
            case .notesDown: scroll += page
            case .notesUp: scroll -= page
            case .help, .close, .quit:
                state.overlay = nil
                state.helpScroll = 0
                return
            default:
                return
            }
        }
        state.helpScroll = min(max(0, scroll), maxScroll)
    }
}
