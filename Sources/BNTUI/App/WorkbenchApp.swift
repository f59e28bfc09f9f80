import BNCharts
import BNCore
import BNLab
import Foundation

/// The app loop: input and backend data in, pure update, pure view, differential draw.
///
/// ```text
/// loop:  poll backend ─► update(.runs) ─► view ─► terminal.draw      (only when something changed)
///        wait ≤ 50 ms for input ─► update(.key / .resize) ─► carry out effects on the backend
/// ```
///
/// Runs on the caller's thread (the main thread for curses); training stays on the backend's
/// threads, and `poll` only copies their latest state.
///
/// ```swift
/// let terminal = try CursesTerminal()
/// let exit = WorkbenchApp(terminal: terminal, backend: DemoBackend()).run()   // restores the terminal
/// ```
public final class WorkbenchApp {
    /// The state after the last update.
    public private(set) var state: WorkbenchState
    /// Frames drawn so far.
    public private(set) var framesDrawn = 0

    private let terminal: any Terminal
    private let backend: any WorkbenchBackend
    private let options: WorkbenchOptions
    /// Where reading run files, off this thread, posts its results.
    private let mailbox = WorkbenchMailbox()
    /// Keeps the open runs browser current (new, growing, stalled runs); nil without a runs folder.
    private let follower: RunsFolderFollower?
    /// How often the open runs browser looks for changes in the runs folder.
    static let savedRunsRefreshInterval: Duration = .seconds(1)
    /// When it last looked.
    private var lastSavedRunsRefresh = ContinuousClock.now

    /// An app over a terminal and a backend.
    public init(terminal: any Terminal, backend: any WorkbenchBackend, options: WorkbenchOptions = WorkbenchOptions()) {
        self.terminal = terminal
        self.backend = backend
        self.options = options
        follower = options.runsFolder.map { RunsFolderFollower(folder: $0, stallAfter: options.stallAfter) }
        state = WorkbenchState(experiments: backend.experiments, size: terminal.size, backendLabel: options.backendLabel,
                               highContrast: options.highContrast)
        state.trains = backend.trains
    }

    /// Runs until the user quits, a stop signal arrives or input ends; restores the terminal before
    /// returning.
    @discardableResult
    public func run() -> WorkbenchExit {
        defer { terminal.restore() }
        var drawnRevision = -1
        var drawnSize: TerminalSize?
        let clock = ContinuousClock()
        var lastTick = clock.now
        while true {
            let runs = backend.poll()
            if !runs.isEmpty { send(.runs(runs)) }
            deliverMail()
            if clock.now - lastSavedRunsRefresh >= Self.savedRunsRefreshInterval {
                lastSavedRunsRefresh = clock.now
                refreshSavedRuns()
            }
            // A playing replay moves by the time that passed since the previous frame.
            let now = clock.now
            if state.replay?.cursor.isPlaying == true {
                let elapsed = now - lastTick
                send(.tick(seconds: elapsed.inSeconds))
            }
            lastTick = now
            if state.shouldQuit { return .quit }
            if state.revision != drawnRevision || drawnSize != terminal.size {
                let size = terminal.size
                terminal.draw(WorkbenchView.render(state, size: size, glyphs: terminal.glyphs))
                framesDrawn += 1
                drawnRevision = state.revision
                drawnSize = size
            }
            guard var event = terminal.nextEvent(timeout: options.frameTimeout) else { continue }
            // Handle what is already waiting (key repeat, pasted keys) before the next frame.
            for _ in 0..<32 {
                switch event {
                case .key(let key): send(.key(key))
                case .resize(let size): send(.resize(size))
                case .interrupted(let sig): return .interrupted(signal: sig)
                case .closed: return .closed
                }
                if state.shouldQuit { break }
                guard let more = terminal.nextEvent(timeout: .zero) else { break }
                event = more
            }
        }
    }

    /// Waits for the run files being read in the background and applies what they posted (tests
    /// call it after a key whose effect reads files; the loop itself never waits).
    public func finishBackgroundWork() {
        mailbox.waitUntilIdle()
        deliverMail()
    }

    /// Reads `paths` in full in the background and completes the open replay with them
    /// (``WorkbenchMessage/replayCompleted(files:)``); for a replay opened from
    /// ``RunReader/readFirstScreen(contentsOf:)``. Files that cannot be read are left out.
    public func completeReplay(paths: [String]) {
        mailbox.perform { post in
            let files = paths.compactMap { try? RunReader.read(contentsOf: URL(fileURLWithPath: $0)) }
            post(.replayCompleted(files: files))
        }
    }

    /// The backend as one that trains and writes playground variants, or an error saying it cannot.
    private func playground() throws -> any PlaygroundBackend {
        guard let backend = backend as? any PlaygroundBackend else {
            throw BackendError(message: "the playground trains and writes experiments in `bnlab` (not in a demo or replay)")
        }
        return backend
    }

    /// While the runs browser is open: looks for new, grown and gone files in the runs folder off
    /// this thread and posts what changed (``WorkbenchMessage/savedRunsChanged(_:)``); nothing
    /// when the browser is closed or the previous look is still under way. The loop calls it
    /// every ``savedRunsRefreshInterval``; tests call it, then ``finishBackgroundWork()``.
    public func refreshSavedRuns() {
        guard case .runsBrowser = state.overlay, let follower, follower.claimRefresh() else { return }
        mailbox.perform { post in
            if let changes = follower.refresh() { post(.savedRunsChanged(changes)) }
        }
    }

    /// Applies the messages background work posted since the last frame.
    private func deliverMail() {
        for message in mailbox.drain() { send(message) }
    }

    /// Applies one message and carries out its effects.
    public func send(_ message: WorkbenchMessage) {
        let effects = WorkbenchUpdate.update(&state, message)
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: WorkbenchEffect) {
        do {
            switch effect {
            case .start(let id, let variant): try backend.start(experimentID: id, variant: variant)
            case .cancel(let id): backend.cancel(runID: id)
            case .pause(let id): backend.pause(runID: id)
            case .resume(let id): backend.resume(runID: id)
            case .listSavedRuns:
                guard let folder = options.runsFolder else {
                    _ = WorkbenchUpdate.update(&state, .effectFailed("no runs folder here: saved runs are browsed in `bnlab`"))
                    return
                }
                mailbox.perform { [follower] post in
                    let listing = RunIndex.listing(in: folder) { read, total in
                        post(.savedRunsProgress(read: read, total: total))
                    }
                    post(.savedRunsListed(runs: listing.runs, failures: listing.failures.map { "\($0)" }))
                    // followed from here on: the runs still being written are running
                    var changes = RunsBrowser.Changes()
                    changes.liveness = follower?.start(with: listing.runs) ?? [:]
                    if !changes.isEmpty { post(.savedRunsChanged(changes)) }
                }
            case .openRunFiles(let paths):
                mailbox.perform { post in
                    let opened = RunReader.readEach(paths.map { URL(fileURLWithPath: $0) }) {
                        try RunReader.readFirstScreen(contentsOf: $0)
                    }
                    post(.replayOpened(files: opened.files, failures: opened.failures))
                }
                completeReplay(paths: paths)
            case .startPlayground(let variant):
                try playground().start(playground: variant)
            case .writePlayground(let variant):
                let written = try playground().write(playground: variant)
                send(.playgroundWritten(file: written.file, experimentID: written.experimentID,
                                        experiments: backend.experiments))
            case .deleteRunFiles(let paths):
                mailbox.perform { post in
                    for path in paths {
                        do { try FileManager.default.removeItem(atPath: path) } catch {
                            post(.effectFailed("could not delete \(path): \(error.localizedDescription)"))
                        }
                    }
                }
            case .archiveRunFiles(let paths):
                mailbox.perform { post in
                    for path in paths {
                        let url = URL(fileURLWithPath: path)
                        let archive = url.deletingLastPathComponent().appendingPathComponent("archive", isDirectory: true)
                        do {
                            try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
                            try FileManager.default.moveItem(at: url, to: archive.appendingPathComponent(url.lastPathComponent))
                        } catch {
                            post(.effectFailed("could not move \(path) to archive/: \(error.localizedDescription)"))
                        }
                    }
                }
            }
        } catch {
            _ = WorkbenchUpdate.update(&state, .effectFailed(String(describing: error)))
        }
    }
}
