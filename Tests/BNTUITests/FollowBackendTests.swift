import BNLab
import Foundation
import Testing
@testable import BNTUI

/// Run files written line by line in a temporary folder, as another program would.
final class GrowingFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A header line for `experiment`/`variant`, with `extra` JSON fields (e.g. rank and group).
    static func header(_ experiment: String = "follow", variant: String = "bn", extra: String = "") -> String {
        #"{"format":"bnlab-run","version":"1.1","run_id":"abc123","experiment":"\#(experiment)","variant":"\#(variant)","#
            + #""config":null,"started":"2026-01-01T00:00:00Z","params":{"lr":0.1}\#(extra)}"# + "\n"
    }

    static func step(_ n: Int, loss: Double = 1.0) -> String {
        #"{"type":"step","step":\#(n),"epoch":1,"loss":\#(loss),"lr":0.1,"samples":\#(n * 8)}"# + "\n"
    }

    /// Appends `text` to `name` (created when missing).
    func append(_ text: String, to name: String) throws {
        let file = url.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}

private func steps(_ info: RunInfo) -> [Int] {
    info.newEvents.compactMap { if case .step(let s) = $0 { s.step } else { nil } }
}

@Suite("Follow backend") struct FollowBackendTests {
    @Test func aGrowingFileHandsOverOnlyItsNewLines() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header() + GrowingFolder.step(1) + GrowingFolder.step(2), to: "a.jsonl")
        let backend = FollowBackend(paths: [folder.url])
        let first = backend.poll()
        #expect(first.count == 1)
        #expect(first.first.map(steps) == [1, 2])
        #expect(first.first?.state == .running)
        #expect(backend.poll().first.map(steps) == [])
        try folder.append(GrowingFolder.step(3), to: "a.jsonl")
        backend.scan()
        #expect(backend.poll().first.map(steps) == [3])
    }

    @Test func aPartialLastLineWaitsForItsNewline() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header(), to: "a.jsonl")
        let backend = FollowBackend(paths: [folder.url])
        _ = backend.poll()
        let line = GrowingFolder.step(7, loss: 0.25)
        let cut = line.index(line.startIndex, offsetBy: line.count / 2)
        try folder.append(String(line[..<cut]), to: "a.jsonl")
        backend.scan()
        #expect(backend.poll().first.map(steps) == [])
        try folder.append(String(line[cut...]), to: "a.jsonl")
        backend.scan()
        let info = try #require(backend.poll().first)
        #expect(steps(info) == [7])
        if case .step(let s) = info.newEvents.first { #expect(s.loss == 0.25) }
    }

    @Test func aHeaderWrittenInPiecesIsReadOnceComplete() throws {
        let folder = try GrowingFolder()
        let header = GrowingFolder.header()
        try folder.append(String(header.prefix(20)), to: "a.jsonl")
        let backend = FollowBackend(paths: [folder.url])
        #expect(backend.poll().isEmpty)
        try folder.append(String(header.dropFirst(20)) + GrowingFolder.step(1), to: "a.jsonl")
        backend.scan()
        #expect(backend.poll().first.map(steps) == [1])
    }

    @Test func aNewFileInTheFolderAppears() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header(variant: "one") + GrowingFolder.step(1), to: "a.jsonl")
        let backend = FollowBackend(paths: [folder.url])
        #expect(backend.poll().map(\.variant) == ["one"])
        try folder.append(GrowingFolder.header(variant: "two") + GrowingFolder.step(1), to: "b.jsonl")
        try folder.append("not a run file", to: "notes.txt")
        backend.scan()
        let infos = backend.poll()
        #expect(infos.map(\.variant) == ["one", "two"])
        #expect(Set(infos.map(\.experimentID)) == [FollowBackend.experimentID])
        #expect(infos.last.map(steps) == [1])
    }

    @Test func aQuietRunWithoutEndIsStalledUntilItGrows() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header() + GrowingFolder.step(1), to: "a.jsonl")
        let start = Date()
        let backend = FollowBackend(paths: [folder.url], stallAfter: 30, now: start)
        #expect(backend.poll(now: start.addingTimeInterval(29)).first?.state == .running)
        let stalled = try #require(backend.poll(now: start.addingTimeInterval(31)).first)
        #expect(stalled.state == .paused)
        #expect(stalled.message?.contains("stalled") == true)
        try folder.append(GrowingFolder.step(2), to: "a.jsonl")
        backend.scan(now: start.addingTimeInterval(32))
        #expect(backend.poll(now: start.addingTimeInterval(33)).first?.state == .running)
    }

    @Test func watchingSaysStalledAndOffersNoTrainingKeys() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header() + GrowingFolder.step(1), to: "a.jsonl")
        let start = Date()
        let backend = FollowBackend(paths: [folder.url], stallAfter: 30, now: start)
        #expect(!backend.trains)
        var state = WorkbenchState(experiments: backend.experiments, size: TerminalSize(width: 80, height: 24))
        state.trains = backend.trains
        _ = WorkbenchUpdate.update(&state, .runs(backend.poll(now: start.addingTimeInterval(31))))
        let screen = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines()
        #expect(screen[0].hasSuffix("1 stalled "), "\(screen[0])")
        #expect(screen.contains { $0.contains(" stalled│") }, "\(screen)")
        let footer = try #require(screen.last)
        for hint in ["run", "cancel", "pause", "edit"] {
            #expect(!footer.contains(" \(hint) "), "\(footer)")
        }
        #expect(footer.contains("help") && footer.contains("quit"))
        // a training backend keeps them, and says paused
        #expect(FooterView.hints(width: 400, unicode: true, trains: true).map(\.hint).contains("cancel"))
        #expect(HeaderView.runSummary(state.runs, glyphs: .unicode) == "1 paused")
    }

    @Test func anEndEventFinishesTheRunForGood() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header() + GrowingFolder.step(1), to: "a.jsonl")
        let start = Date()
        let backend = FollowBackend(paths: [folder.url], stallAfter: 5, now: start)
        try folder.append(#"{"type":"end","status":"failed","step":1,"message":"boom"}"# + "\n", to: "a.jsonl")
        backend.scan(now: start)
        let info = try #require(backend.poll(now: start.addingTimeInterval(60)).first)
        #expect(info.state == .failed)
        #expect(info.message == "boom")
    }

    @Test func theRankFilesOfOneGroupAreNamedByRank() throws {
        let folder = try GrowingFolder()
        for rank in [1, 0] {
            try folder.append(GrowingFolder.header("ddp", extra: #","rank":\#(rank),"world_size":2,"group":"g1""#),
                              to: "ddp-r\(rank).jsonl")
        }
        let infos = FollowBackend(paths: [folder.url]).poll()
        #expect(infos.map(\.rank) == [0, 1] && infos.map(\.group) == ["g1", "g1"])
        #expect(RunRecord.labels(infos.map(RunRecord.init)) == ["bn r0", "bn r1"])
        // both ranks are lines of the charts, though they share the variant
        var state = WorkbenchState(experiments: FollowBackend(paths: [folder.url]).experiments,
                                   size: TerminalSize(width: 80, height: 24))
        _ = WorkbenchUpdate.update(&state, .runs(infos))
        #expect(state.chartRuns.map(\.rank) == [0, 1])
        #expect(Set(infos.map(\.experimentID)) == [FollowBackend.experimentID])
    }

    @Test func ranksAreListedInRankOrderWhateverTheirFileNamesAndArrival() throws {
        let folder = try GrowingFolder()
        func rankHeader(_ rank: Int, group: String = "g1") -> String {
            GrowingFolder.header("ddp", extra: #","rank":\#(rank),"world_size":3,"group":"\#(group)""#)
        }
        // the recorder names files by run id, so rank 2's name sorts first; rank 0 appears last
        try folder.append(rankHeader(2), to: "ddp-bn-0aa111-rank2.jsonl")
        try folder.append(GrowingFolder.header("ddp", variant: "solo"), to: "ddp-solo-5bb222.jsonl")
        let backend = FollowBackend(paths: [folder.url])
        var state = WorkbenchState(experiments: backend.experiments, size: TerminalSize(width: 80, height: 24))
        _ = WorkbenchUpdate.update(&state, .runs(backend.poll()))
        state.selectedRun = 1  // solo
        try folder.append(rankHeader(1), to: "ddp-bn-1cc333-rank1.jsonl")
        try folder.append(rankHeader(0), to: "ddp-bn-fdd444-rank0.jsonl")
        backend.scan()
        _ = WorkbenchUpdate.update(&state, .runs(backend.poll()))
        #expect(state.runs.map(\.variant) == ["bn", "bn", "bn", "solo"])
        #expect(state.runs.map(\.rank) == [0, 1, 2, nil])
        #expect(RunRecord.labels(state.runs) == ["bn r0", "bn r1", "bn r2", "solo"])
        #expect(state.selectedRunRecord?.variant == "solo")  // the selection stays on its run
    }

    @Test func classNamesOfARunThatAppearsLaterNameTheAccuracyClasses() throws {
        let folder = try GrowingFolder()
        let backend = FollowBackend(paths: [folder.url])   // an empty folder: no class names yet
        var state = WorkbenchState(experiments: backend.experiments, size: TerminalSize(width: 80, height: 24))
        #expect(state.experiments[0].classNames.isEmpty)
        let header = GrowingFolder.header().replacingOccurrences(of: #""params""#, with: #""class_names":["cat","dog"],"params""#)
        try folder.append(header + GrowingFolder.step(1), to: "late.jsonl")
        backend.scan()
        _ = WorkbenchUpdate.update(&state, .runs(backend.poll()))
        #expect(state.experiments[0].classNames == ["cat", "dog"])
    }

    @Test func runsOfSeveralExperimentsAreNamedWithTheirExperiment() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header("resnet", variant: "bs64"), to: "a.jsonl")
        try folder.append(GrowingFolder.header("vgg", variant: "bs64"), to: "b.jsonl")
        #expect(FollowBackend(paths: [folder.url]).poll().map(\.variant) == ["resnet/bs64", "vgg/bs64"])
    }

    @Test func aDiagnosticBecomesTheRunsMessageAndAMarker() throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header() + GrowingFolder.step(1)
                          + #"{"type":"diagnostic","step":1,"layer":"bn1","kind":"frozen_bn_moving","text":"bn1 moved"}"# + "\n",
                          to: "a.jsonl")
        let info = try #require(FollowBackend(paths: [folder.url]).poll().first)
        #expect(info.message == "! frozen_bn_moving: bn1 moved")
        let record = RunRecord(info)
        #expect(record.markers.contains { $0.kind.rawValue == "diagnostic" && $0.text.contains("bn1") })
    }

    @Test func aFileThatIsNotARunOrShrinksIsListedAsFailed() throws {
        let folder = try GrowingFolder()
        try folder.append("{\"not\":\"a run\"}\n", to: "other.jsonl")
        try folder.append(GrowingFolder.header() + GrowingFolder.step(1) + GrowingFolder.step(2), to: "a.jsonl")
        let backend = FollowBackend(paths: [folder.url])
        let first = backend.poll()
        #expect(first.map(\.state) == [.running, .failed])
        #expect(first.last?.message?.contains("not a bnlab run file") == true)
        try Data((GrowingFolder.header() + GrowingFolder.step(1)).utf8).write(to: folder.url.appendingPathComponent("a.jsonl"))
        backend.scan()
        let shrunk = try #require(backend.poll().first)
        #expect(shrunk.state == .failed && shrunk.message?.contains("shrank") == true)
    }

    @Test func theBackgroundTimerPicksUpNewLines() async throws {
        let folder = try GrowingFolder()
        try folder.append(GrowingFolder.header(), to: "a.jsonl")
        let backend = FollowBackend(paths: [folder.url])
        _ = backend.poll()
        backend.startPolling(interval: 0.02)
        defer { backend.stopPolling() }
        try folder.append(GrowingFolder.step(1), to: "a.jsonl")
        var seen: [Int] = []
        for _ in 0..<100 where seen.isEmpty {
            try await Task.sleep(for: .milliseconds(20))
            seen += backend.poll().first.map(steps) ?? []
        }
        #expect(seen == [1])
    }
}
