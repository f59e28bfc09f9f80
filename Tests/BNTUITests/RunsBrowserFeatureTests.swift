import BNLab
import Foundation
import Testing
@testable import BNTUI

/// The runs browser's sorting, filtering, and deleting or archiving with confirmation.
@Suite("Runs browser: sort, filter, delete and archive")
struct RunsBrowserFeatureTests {
    static func summaries() -> [RunSummary] {
        RunReader.summaries(in: ScreenPaths.runs.appendingPathComponent("learning-rate")).runs
    }

    func open(_ state: inout WorkbenchState) -> RunsBrowser? {
        _ = WorkbenchUpdate.update(&state, .savedRunsListed(runs: Self.summaries(), failures: []))
        return browser(state)
    }

    func browser(_ state: WorkbenchState) -> RunsBrowser? {
        if case .runsBrowser(let b) = state.overlay { return b }
        return nil
    }

    @Test("s cycles the sort column and S reverses it; the highlighted run stays highlighted")
    func sorting() throws {
        var state = Fixtures.state()
        let first = try #require(open(&state))
        #expect(first.sortColumn == .started && first.entries.map(\.started) == first.entries.map(\.started).sorted(by: >))
        Fixtures.press([.character("j")], &state)
        let highlighted = try #require(browser(state)).entries[1].path
        for _ in 0..<RunsBrowserColumn.allCases.firstIndex(of: .lr)! { Fixtures.press([.character("s")], &state) }
        var b = try #require(browser(state))
        #expect(b.sortColumn == .lr)
        let lrs = b.entries.compactMap(\.lr)
        #expect(lrs.count == b.entries.count && lrs == lrs.sorted(by: >))
        #expect(b.entries[b.selection].path == highlighted)
        Fixtures.press([.character("S")], &state)
        b = try #require(browser(state))
        #expect(b.entries.compactMap(\.lr) == lrs.sorted())
        #expect(state.status?.text.contains("ascending") == true)
    }

    @Test("/ filters by words and key=value on the config; Esc clears, Enter keeps")
    func filtering() throws {
        var state = Fixtures.state()
        let all = try #require(open(&state)).entries
        Fixtures.press([.character("/")] + "lr=0.1".map { Key.character($0) }, &state)
        var b = try #require(browser(state))
        #expect(b.isTypingFilter)
        #expect(!b.entries.isEmpty && b.entries.allSatisfy { $0.lr == 0.1 })
        #expect(b.entries.count == all.filter { $0.lr == 0.1 }.count)
        Fixtures.press([.character(" ")] + "no-bn".map { Key.character($0) } + [.enter], &state)
        b = try #require(browser(state))
        #expect(!b.isTypingFilter && b.entries.allSatisfy { $0.lr == 0.1 && $0.variant.contains("no-bn") })
        Fixtures.press([.character("j")], &state)   // keys move again once Enter kept the filter
        Fixtures.press([.character("/"), .escape], &state)
        #expect(try #require(browser(state)).entries.count == all.count)
        #expect(RunsBrowserFilter("status=diverged").matches(try #require(all.first { $0.status == "diverged" })))
        #expect(!RunsBrowserFilter("batch=7").matches(all[0]) && !RunsBrowserFilter("nosuchkey=1").matches(all[0]))
    }

    @Test("d and a ask first; y deletes or archives the marked runs, any other key keeps them")
    func deleteAndArchive() throws {
        var state = Fixtures.state()
        let all = try #require(open(&state)).entries
        Fixtures.press([.character("m"), .character("j"), .character("m"), .character("d")], &state)
        var b = try #require(browser(state))
        #expect(b.pending == .delete(paths: [all[0].path, all[1].path]))
        #expect(Fixtures.press([.character("n")], &state).isEmpty)
        b = try #require(browser(state))
        #expect(b.pending == nil && b.entries.count == all.count)
        Fixtures.press([.character("d")], &state)
        #expect(Fixtures.press([.character("y")], &state) == [.deleteRunFiles(paths: [all[0].path, all[1].path])])
        b = try #require(browser(state))
        #expect(b.entries.map(\.path) == all.dropFirst(2).map(\.path) && b.marked.isEmpty)
        Fixtures.press([.character("a")], &state)
        #expect(Fixtures.press([.character("y")], &state) == [.archiveRunFiles(paths: [all[2].path])])
    }

    @Test("the app archives into archive/ and deletes, off the UI thread")
    func appMovesFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bnlab-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = ScreenPaths.runs.appendingPathComponent("seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        for name in names { try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name)) }
        let app = WorkbenchApp(terminal: TestTerminal(script: []), backend: RecordingBackend(),
                               options: WorkbenchOptions(runsFolder: folder))
        app.send(.key(.character("R")))
        app.finishBackgroundWork()
        let listed = try #require(browser(app.state)).entries
        for key in ["a", "y", "d", "y"] { app.send(.key(.character(Character(key)))) }
        app.finishBackgroundWork()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }
        let archived = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("archive").path)
        #expect(archived == [URL(fileURLWithPath: listed[0].path).lastPathComponent])
        #expect(left.count == names.count - 2)
    }
}
