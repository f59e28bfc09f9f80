import BNLab
import Foundation
import Testing
@testable import BNTUI

/// Reading run files off the UI thread: the key returns at once, results arrive by the mailbox.
@Suite("Reading runs in the background")
struct BackgroundReadingTests {
    /// A runs folder with `copies` copies of each fixture run of the `learning-rate` group.
    func folder(copies: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bnlab-bg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let group = ScreenPaths.runs.appendingPathComponent("learning-rate")
        let names = try FileManager.default.contentsOfDirectory(atPath: group.path).filter { $0.hasSuffix(".jsonl") }
        for k in 0..<copies {
            for name in names {
                try FileManager.default.copyItem(at: group.appendingPathComponent(name),
                                                 to: folder.appendingPathComponent("\(k)-\(name)"))
            }
        }
        return folder
    }

    @Test("R lists the runs folder off the UI thread, and the browser opens when the listing arrives")
    func listingArrivesByMail() throws {
        let runs = try folder(copies: 20)
        defer { try? FileManager.default.removeItem(at: runs) }
        let app = WorkbenchApp(terminal: TestTerminal(script: []), backend: RecordingBackend(),
                               options: WorkbenchOptions(runsFolder: runs))
        let clock = ContinuousClock()
        let took = clock.measure { app.send(.key(.character("R"))) }
        #expect(took < .milliseconds(50), "the key blocked for \(took)")
        if case .runsBrowser = app.state.overlay { Issue.record("the browser opened before its runs were read") }
        app.finishBackgroundWork()
        guard case .runsBrowser(let browser) = app.state.overlay else {
            Issue.record("no browser after the listing: \(app.state.status?.text ?? "")")
            return
        }
        let count = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasSuffix(".jsonl") }.count
        #expect(browser.entries.count == count)
        #expect(FileManager.default.fileExists(atPath: runs.appendingPathComponent(RunIndex.fileName).path))
    }

    @Test("progress reads 'reading N of M runs…' until the last file, and is silent then")
    func progressText() {
        var state = WorkbenchState(experiments: [], size: TerminalSize(width: 80, height: 24))
        #expect(WorkbenchUpdate.update(&state, .savedRunsProgress(read: 3412, total: 10000)).isEmpty)
        #expect(state.status?.text == "reading \(3412.formatted()) of \(10000.formatted()) runs…")
        let revision = state.revision
        _ = WorkbenchUpdate.update(&state, .savedRunsProgress(read: 10000, total: 10000))
        #expect(state.revision == revision)
    }

    @Test("opening a run for replay reads it in the background")
    func replayArrivesByMail() throws {
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: ScreenPaths.runs.appendingPathComponent("learning-rate").path)
            .filter { $0.hasSuffix(".jsonl") }.sorted().first)
        let path = ScreenPaths.runs.appendingPathComponent("learning-rate").appendingPathComponent(file).path
        let app = WorkbenchApp(terminal: TestTerminal(script: []), backend: RecordingBackend(),
                               options: WorkbenchOptions(runsFolder: ScreenPaths.runs))
        app.send(.savedRunsListed(runs: [try RunSummaryReader.summary(contentsOf: URL(fileURLWithPath: path))], failures: []))
        app.send(.key(.enter))
        #expect(app.state.replay == nil, "results are applied on the app's thread, at the next frame")
        app.finishBackgroundWork()
        #expect(app.state.replay != nil)
        // the quick read came first, the full one completed it
        let full = try RunReader.read(contentsOf: URL(fileURLWithPath: path))
        #expect(app.state.replay?.sources.first?.events.count == full.events.count)
    }

    @Test("a replay opened from the quick read is completed by the full one, keeping the cursor")
    func completionKeepsTheCursor() throws {
        let url = ScreenPaths.runs.appendingPathComponent("learning-rate/learning-rate-bn-lr0.1.jsonl")
        var state = Fixtures.state()
        _ = WorkbenchUpdate.update(&state, .replayOpened(files: [try RunReader.readFirstScreen(contentsOf: url)], failures: []))
        #expect(state.replay?.sources[0].events.contains { $0.type == "bn_watch" } == false)
        Fixtures.press([.character("f"), .character("f")], &state)
        let cursor = try #require(state.replay?.cursor)
        _ = WorkbenchUpdate.update(&state, .replayCompleted(files: [try RunReader.read(contentsOf: url)]))
        #expect(state.replay?.sources[0].events.contains { $0.type == "bn_watch" } == true)
        #expect(state.replay?.cursor == cursor)
        // files of another replay are ignored
        let other = ScreenPaths.runs.appendingPathComponent("learning-rate/learning-rate-no-bn-lr0.1.jsonl")
        let before = state.replay
        _ = WorkbenchUpdate.update(&state, .replayCompleted(files: [try RunReader.read(contentsOf: other)]))
        #expect(state.replay == before)
    }
}
