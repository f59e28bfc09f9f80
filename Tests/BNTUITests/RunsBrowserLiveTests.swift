import BNLab
import Foundation
import Testing
@testable import BNTUI

/// Run files of a runs folder written line by line, as the PyTorch recorder writes them.
extension GrowingFolder {
    static func header(variant: String, runID: String, extra: String = "") -> String {
        #"{"format":"bnlab-run","version":"1.1","run_id":"\#(runID)","experiment":"torch","variant":"\#(variant)","#
            + #""config":null,"started":"2026-01-01T00:00:00Z","params":{"lr":0.1}\#(extra)}"# + "\n"
    }

    static func steps(_ range: ClosedRange<Int>) -> String {
        range.map { #"{"type":"step","step":\#($0),"epoch":1,"loss":\#(10.0 / Double($0)),"lr":0.1,"samples":\#($0 * 8)}"# + "\n" }
            .joined()
    }

    static let end = #"{"type":"end","status":"done","step":9}"# + "\n"

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Makes `name` look untouched for an hour.
    func age(_ name: String) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: path(name))
    }
}

@Suite("Runs browser: growing runs live")
struct RunsBrowserLiveTests {
    /// A browser over the folder's listing, followed from `now`.
    private static func open(_ folder: GrowingFolder, now: Date) -> (RunsBrowser, RunsFolderFollower) {
        let listing = RunIndex.listing(in: folder.url, useIndex: false)
        let follower = RunsFolderFollower(folder: folder.url, stallAfter: 30)
        var browser = RunsBrowser(runs: listing.runs)
        var changes = RunsBrowser.Changes()
        changes.liveness = follower.start(with: listing.runs, now: now)
        browser.apply(changes)
        return (browser, follower)
    }

    private static func entry(_ browser: RunsBrowser, _ path: String) throws -> RunsBrowser.Entry {
        try #require(browser.all.first { $0.path == path })
    }

    @Test func growingRowsUpdateAndARunThatStopsWithoutAnEndIsStalled() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header(variant: "done", runID: "d00001") + GrowingFolder.steps(1...9) + GrowingFolder.end,
                          to: "done.jsonl")
        try folder.append(GrowingFolder.header(variant: "live", runID: "a00001") + GrowingFolder.steps(1...2), to: "live.jsonl")
        let t0 = Date()
        var (browser, follower) = Self.open(folder, now: t0)
        let live = folder.path("live.jsonl")
        #expect(try Self.entry(browser, live).status == "running")
        #expect(try Self.entry(browser, live).steps == 2)
        #expect(try Self.entry(browser, folder.path("done.jsonl")).status == "done")

        try folder.append(GrowingFolder.steps(3...5) + #"{"type":"step","st"#, to: "live.jsonl")   // a line half written
        let grown = try #require(follower.refresh(now: t0.addingTimeInterval(2)))
        #expect(grown.changed.map(\.url?.path) == [live])
        browser.apply(grown)
        #expect(try Self.entry(browser, live).steps == 5)
        #expect(try Self.entry(browser, live).loss == 2.0)
        #expect(try Self.entry(browser, live).status == "running")
        #expect(follower.refresh(now: t0.addingTimeInterval(3)) == nil, "nothing new: nothing to redraw")

        let quiet = try #require(follower.refresh(now: t0.addingTimeInterval(33)))
        #expect(quiet.changed.isEmpty && quiet.liveness == [live: .stalled])
        browser.apply(quiet)
        #expect(try Self.entry(browser, live).status == "stalled")

        try folder.append(#"ep":6,"epoch":1,"loss":1.0,"lr":0.1,"samples":48}"# + "\n" + GrowingFolder.end, to: "live.jsonl")
        browser.apply(try #require(follower.refresh(now: t0.addingTimeInterval(34))))
        #expect(try Self.entry(browser, live).status == "done")
        #expect(try Self.entry(browser, live).steps == 9)
        // finished: not read again, never stalled
        #expect(follower.refresh(now: t0.addingTimeInterval(300)) == nil)
    }

    @Test func newFilesAppearGoneFilesGoAndTheHighlightAndMarksStay() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header(variant: "a", runID: "a00001") + GrowingFolder.steps(1...3) + GrowingFolder.end, to: "a.jsonl")
        try folder.append(GrowingFolder.header(variant: "b", runID: "b00001") + GrowingFolder.steps(1...3) + GrowingFolder.end, to: "b.jsonl")
        let t0 = Date()
        var (browser, follower) = Self.open(folder, now: t0)
        let b = folder.path("b.jsonl")
        while browser.entries[browser.selection].path != b { browser.move(by: 1) }
        browser.toggleMark()

        // two ranks of one data-parallel run start writing
        for rank in [0, 1] {
            try folder.append(GrowingFolder.header(variant: "ddp", runID: "r\(rank)0000", extra: #","rank":\#(rank),"world_size":2,"group":"g9""#)
                              + GrowingFolder.steps(1...1), to: "ddp-rank\(rank).jsonl")
        }
        try FileManager.default.removeItem(atPath: folder.path("a.jsonl"))
        let changes = try #require(follower.refresh(now: t0.addingTimeInterval(1)))
        #expect(changes.removed == [folder.path("a.jsonl")])
        #expect(changes.liveness[folder.path("ddp-rank0.jsonl")] == .running)
        browser.apply(changes)
        #expect(Set(browser.all.map(\.name)) == ["b", "ddp r0", "ddp r1"])
        #expect(try Self.entry(browser, folder.path("ddp-rank1.jsonl")).status == "running")
        #expect(browser.entries[browser.selection].path == b)
        #expect(browser.pathsToOpen == [b])
    }

    @Test func aFileAbandonedBeforeTheBrowserOpenedIsUnfinishedNotStalled() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header(variant: "old", runID: "o00001") + GrowingFolder.steps(1...4), to: "old.jsonl")
        try folder.age("old.jsonl")
        let t0 = Date()
        var (browser, follower) = Self.open(folder, now: t0)
        #expect(try Self.entry(browser, folder.path("old.jsonl")).status == "unfinished")
        #expect(follower.refresh(now: t0.addingTimeInterval(60)) == nil)
        // it grows again: running
        try folder.append(GrowingFolder.steps(5...5), to: "old.jsonl")
        browser.apply(try #require(follower.refresh(now: t0.addingTimeInterval(61))))
        #expect(try Self.entry(browser, folder.path("old.jsonl")).status == "running")
    }

    @Test func aHeaderStillBeingWrittenIsListedOnceItIsComplete() throws {
        let folder = try GrowingFolder()
        let t0 = Date()
        var (browser, follower) = Self.open(folder, now: t0)
        #expect(browser.all.isEmpty)
        try folder.append(#"{"format":"bnlab-run","version":"1.1","run_id""#, to: "new.jsonl")
        _ = follower.refresh(now: t0.addingTimeInterval(1)).map { browser.apply($0) }
        #expect(browser.all.isEmpty)
        try folder.append(#":"n00001","experiment":"torch","variant":"new","config":null,"started":"2026-01-01T00:00:00Z","params":{}}"#
                          + "\n" + GrowingFolder.steps(1...2), to: "new.jsonl")
        browser.apply(try #require(follower.refresh(now: t0.addingTimeInterval(2))))
        #expect(browser.all.map(\.name) == ["new"])
        #expect(browser.all.first?.steps == 2)
        #expect(browser.all.first?.status == "running")
    }

    @Test func theHighlightedRunsStepsLossAndStateAreShownUnderTheRows() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header(variant: "live", runID: "a00001") + GrowingFolder.steps(1...4), to: "live.jsonl")
        let (browser, _) = Self.open(folder, now: Date())
        var state = WorkbenchState(experiments: [], size: TerminalSize(width: 80, height: 24))
        state.overlay = .runsBrowser(browser)
        let grid = WorkbenchView.render(state, size: state.size, glyphs: .unicode)
        #expect(grid.find("live · step 4 · loss 2.5 · running") != nil, "\(grid.lines().joined(separator: "\n"))")
        #expect(grid.find("running  ") != nil)
    }

    @Test func changesReachTheBrowserOnlyWhileItIsOpen() throws {
        var state = WorkbenchState(experiments: [], size: TerminalSize(width: 80, height: 24))
        var changes = RunsBrowser.Changes()
        changes.removed = ["x.jsonl"]
        let revision = state.revision
        _ = WorkbenchUpdate.update(&state, .savedRunsChanged(changes))
        #expect(state.revision == revision && state.overlay == nil)
    }

    @Test("the app follows the runs folder while the browser is open")
    func theAppFollowsTheFolder() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header(variant: "live", runID: "a00001") + GrowingFolder.steps(1...2), to: "live.jsonl")
        let app = WorkbenchApp(terminal: TestTerminal(script: []), backend: RecordingBackend(),
                               options: WorkbenchOptions(runsFolder: folder.url))
        app.send(.key(.character("R")))
        app.finishBackgroundWork()
        guard case .runsBrowser(let opened) = app.state.overlay else {
            Issue.record("no browser: \(app.state.status?.text ?? "")")
            return
        }
        #expect(opened.all.first?.status == "running")
        try folder.append(GrowingFolder.steps(3...7), to: "live.jsonl")
        app.refreshSavedRuns()
        app.finishBackgroundWork()
        guard case .runsBrowser(let browser) = app.state.overlay else {
            Issue.record("the browser closed")
            return
        }
        #expect(browser.all.first?.steps == 7)
        app.send(.key(.escape))
        try folder.append(GrowingFolder.steps(8...8), to: "live.jsonl")
        app.refreshSavedRuns()   // closed: nothing read
        app.finishBackgroundWork()
        #expect(app.state.overlay == nil)
    }
}
