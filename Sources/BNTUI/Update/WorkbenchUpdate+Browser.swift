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

    /// Brings the open browser up to date with the runs folder; true when it was open (else the
    /// changes are dropped: the next opening lists the folder afresh).
    static func followRunsFolder(_ changes: RunsBrowser.Changes, state: inout WorkbenchState) -> Bool {
        guard case .runsBrowser(var browser) = state.overlay else { return false }
        browser.apply(changes)
        state.overlay = .runsBrowser(browser)
        return true
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
        if let effects = browseOwnKeys(key: key, browser: &browser, state: &state) {
            state.overlay = .runsBrowser(browser)
            return effects
        }
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

    /// The browser's own keys, before the shared bindings: typing a filter, y/n for a pending
    /// delete or archive, `/` filter, `s` sort column, `S` reverse, `d` delete, `a` archive.
    /// Nil when the key is not one of them.
    private static func browseOwnKeys(key: Key, browser: inout RunsBrowser, state: inout WorkbenchState) -> [WorkbenchEffect]? {
        if browser.isTypingFilter {
            browser.typeFilter(key)
            state.status = StatusMessage("\(browser.entries.count) of \(browser.all.count) runs match '\(browser.filter.text)'"
                                         + (browser.isTypingFilter ? " (Enter keeps, Esc clears)" : ""))
            return []
        }
        if let pending = browser.pending {
            browser.pending = nil
            guard key == .character("y") else {
                state.status = StatusMessage("nothing deleted or archived")
                return []
            }
            switch pending {
            case .delete(let paths):
                browser.remove(paths: paths)
                state.status = StatusMessage("deleted \(paths.count) run file\(paths.count == 1 ? "" : "s")")
                return [.deleteRunFiles(paths: paths)]
            case .archive(let paths):
                browser.remove(paths: paths)
                state.status = StatusMessage("moved \(paths.count) run file\(paths.count == 1 ? "" : "s") to archive/")
                return [.archiveRunFiles(paths: paths)]
            }
        }
        switch key {
        case .character("/"):
            browser.beginFilter()
            state.status = StatusMessage("filter: experiment, variant, status or key=value (lr=0.1 batch=64 seed=2 subset=1000)")
        case .character("s"):
            browser.cycleSortColumn()
            state.status = StatusMessage("sorted by \(browser.sortColumn.rawValue) (S reverses)")
        case .character("S"):
            browser.reverseOrder()
            state.status = StatusMessage("sorted by \(browser.sortColumn.rawValue), \(browser.descending ? "descending" : "ascending")")
        case .character("d"), .character("a"):
            let paths = browser.targetPaths
            guard !paths.isEmpty else { return [] }
            browser.pending = key == .character("d") ? .delete(paths: paths) : .archive(paths: paths)
        default:
            return nil
        }
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
