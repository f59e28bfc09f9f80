import BNLab

/// A replay opened from a quick first read (what the first screen shows) and completed by a full
/// read in the background.
extension WorkbenchUpdate {
    /// Replaces the open replay's files by their full read, keeping the cursor and the view;
    /// ignored when the replay was closed or now shows other files. True when it changed.
    static func completeReplay(files: [RunFile], state: inout WorkbenchState) -> Bool {
        let sources = files.enumerated().map { i, file in ReplaySource(id: "r\(i + 1)", file: file) }
        guard let old = state.replay, old.sources.map(\.fileName) == sources.map(\.fileName) else { return false }
        var session = ReplaySession(sources: sources, failures: old.failures)
        session.cursor = old.cursor
        state.replay = session
        syncReplay(&state)
        return true
    }
}
