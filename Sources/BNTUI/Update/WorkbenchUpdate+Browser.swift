import BNLab

/// The saved-runs browser: listing the runs folder, moving and marking in it, opening runs, and
/// going back to the live runs set aside behind a replay.
extension WorkbenchUpdate {
    /// Opens the browser over the listed runs.
    static func showRunsBrowser(runs: [RunSummary], failures: [String], state: inout WorkbenchState) {
        state.overlay = .runsBrowser(RunsBrowser(runs: runs, failures: failures))
        if runs.isEmpty {
            state.status = StatusMessage("no saved runs in the runs folder yet: finished runs are saved there")
        } else if !failures.isEmpty {
            state.status = StatusMessage("\(failures.count) file(s) could not be read: " + failures[0], isError: true)
        } else {
            state.status = StatusMessage("\(runs.count) saved runs: m marks, Enter opens (marked: compared)")
        }
    }

    /// Progress of a listing running in the background: "reading 3,412 of 10,000 runs…" in the
    /// status line; true when the status changed.
    static func showListingProgress(read: Int, total: Int, state: inout WorkbenchState) -> Bool {
        guard total > 0, read < total else { return false }
        state.status = StatusMessage("reading \(read.formatted()) of \(total.formatted()) runs…")
        return true
    }

    /// A key while the browser is open, through ``KeyBindings``.
    static func browse(key: Key, browser: RunsBrowser, state: inout WorkbenchState) -> [WorkbenchEffect] {
        var browser = browser
        switch KeyBindings.action(for: key) {
        case .moveUp: browser.move(by: -1)
        case .moveDown: browser.move(by: 1)
        case .moveFirst: browser.move(by: Int.min / 2)
        case .moveLast: browser.move(by: Int.max / 2)
        case .markRun: browser.toggleMark()
        case .run:
            let paths = browser.pathsToOpen
            guard !paths.isEmpty else {
                state.status = StatusMessage("no saved run to open")
                return []
            }
            state.overlay = nil
            state.status = StatusMessage(paths.count == 1 ? "opening the saved run…" : "opening \(paths.count) runs…")
            return [.openRunFiles(paths: paths)]
        case .toggleRunsBrowser, .close, .quit:
            state.overlay = nil
            return []
        default:
            break
        }
        state.overlay = .runsBrowser(browser)
        return []
    }

    /// Leaves the replay (and its lesson) and shows the live runs again, with everything they
    /// recorded meanwhile.
    static func backToLive(state: inout WorkbenchState) {
        guard state.replay != nil else {
            state.status = StatusMessage("already showing the live runs")
            return
        }
        state.replay = nil
        state.lesson = nil
        state.runs = state.liveRuns ?? []
        state.liveRuns = nil
        state.selectedRun = 0
        state.bnLayer = nil
        state.channel = 0
        if state.runs.isEmpty { state.focus = .experiments }
        state.status = StatusMessage("back to the live runs (\(state.activeRunCount) active)")
    }
}
