import BNCharts
import BNLab
import Foundation
import Testing
@testable import BNTUI

/// Saved runs for the replay tests: the fixture files written by `bnlab run bn-vs-no-bn --epochs 2`
/// on the Fashion-MNIST test subset (32 steps, epochs ending at steps 16 and 32).
enum ReplayFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/runs")

    static func file(_ name: String) throws -> RunFile {
        try RunReader.read(contentsOf: folder.appendingPathComponent(name))
    }

    static var bn: RunFile { get throws { try file("bn-vs-no-bn-bn.jsonl") } }
    static var noBN: RunFile { get throws { try file("bn-vs-no-bn-no-bn.jsonl") } }

    /// A state over the demo catalog replaying `files`.
    static func state(_ files: [RunFile], failures: [String] = []) -> WorkbenchState {
        var state = Fixtures.state()
        _ = WorkbenchUpdate.update(&state, .replayOpened(files: files, failures: failures))
        return state
    }

    /// The same run with another seed and run id (as a second seed's file would be).
    static func reseeded(_ file: RunFile, seed: UInt64) -> RunFile {
        var copy = file
        copy.header.seed = seed
        copy.header.config?.seed = seed
        copy.header.runID = "seed\(seed)"
        return copy
    }
}

@Suite("Replay of runs with different epochs")
struct ReplayEpochTextTests {
    @Test func runsWithOtherEpochEndsShowTheirOwnEpochs() throws {
        let bn = try ReplayFixtures.bn                      // epochs end at steps 16 and 32
        var one = ReplayFixtures.reseeded(bn, seed: 9)      // the same run with one epoch, ending at 32
        var dropped = false
        one.events = one.events.filter { event in
            if case .epoch = event, !dropped { dropped = true; return false }
            return true
        }
        var state = ReplayFixtures.state([bn, one])
        let replay = try #require(state.replay)
        #expect(replay.epochText() == "epochs r1 1/2, r2 1/1")   // not the union's "epoch 1/2"
        Fixtures.press([.character("F")], &state)              // to the first epoch end of either run
        #expect(state.replay?.epochText() == "epochs r1 1/2, r2 1/1")
        Fixtures.press([.character("F")], &state)
        #expect(state.replay?.cursor.step == 32 && state.replay?.epochText() == "epochs r1 2/2, r2 1/1")
        let same = ReplayFixtures.state([bn, ReplayFixtures.reseeded(bn, seed: 5)])
        #expect(same.replay?.epochText() == "epoch 1/2")
        let lines = ReplayBarView.lines(try #require(state.replay), unicode: true)
        #expect(lines[0].text.hasSuffix("epochs r1 2/2, r2 1/1"), "\(lines[0].text)")
        // narrow: the speed goes first, then the word after the mark; step and epochs stay whole
        let narrow = ReplayBarView.lines(try #require(state.replay), unicode: true, width: 46)[0].text
        #expect(narrow.count <= 46 && narrow.hasSuffix("epochs r1 2/2, r2 1/1"), "\(narrow)")
    }
}

@Suite("Replay cursor: stepping, epochs, ends and playing")
struct ReplayCursorTests {
    @Test func stepsClampAtBothEnds() {
        var c = ReplayCursor(firstStep: 1, lastStep: 10, epochEnds: [5, 10])
        #expect(c.step == 1 && !c.isPlaying)
        c.moveStep(by: -1)
        #expect(c.step == 1)
        c.moveStep(by: 3)
        #expect(c.step == 4)
        c.moveStep(by: 100)
        #expect(c.step == 10 && c.isAtEnd)
    }

    @Test func epochMovesLandOnEpochEnds() {
        var c = ReplayCursor(firstStep: 1, lastStep: 12, epochEnds: [10, 5])
        #expect(c.epochEnds == [5, 10])
        c.moveEpoch(by: 1)
        #expect(c.step == 5 && c.epoch == 1)
        c.moveEpoch(by: 1)
        #expect(c.step == 10 && c.epoch == 2)
        c.moveEpoch(by: 1)
        #expect(c.step == 12)          // past the last epoch end: the end
        c.moveEpoch(by: -1)
        #expect(c.step == 10)
        c.moveEpoch(by: -2)
        #expect(c.step == 1)           // before the first epoch end: the start
        c.moveStep(by: 5)
        #expect(c.epoch == 2)          // step 6 is in the second epoch
    }

    @Test func jumpsGoToTheEndsAndStopPlaying() {
        var c = ReplayCursor(firstStep: 0, lastStep: 50)
        c.togglePlay()
        c.jumpToEnd()
        #expect(c.step == 50 && !c.isPlaying)
        c.jumpToStart()
        #expect(c.step == 0)
    }

    @Test func playingMovesBySpeedTimesTimeKeepingFractions() {
        var c = ReplayCursor(firstStep: 0, lastStep: 1000)
        #expect(c.speed == 50)
        var moved = c.advance(seconds: 1)
        #expect(!moved)                            // paused: no move
        c.togglePlay()
        moved = c.advance(seconds: 0.1)            // 5 steps
        #expect(moved && c.step == 5)
        moved = c.advance(seconds: 0.01)           // 0.5 step: carried
        #expect(!moved)
        moved = c.advance(seconds: 0.01)           // 0.5 + 0.5
        #expect(moved)
        #expect(c.step == 6)
        c.changeSpeed(by: 1)
        #expect(c.speed == 100)
        c.advance(seconds: 0.5)
        #expect(c.step == 56)
    }

    @Test func playingStopsAtTheEndAndStartsOverFromIt() {
        var c = ReplayCursor(firstStep: 1, lastStep: 20)
        c.togglePlay()
        c.advance(seconds: 10)
        #expect(c.step == 20 && !c.isPlaying)
        c.togglePlay()
        #expect(c.step == 1 && c.isPlaying)
    }

    @Test func speedIsClamped() {
        var c = ReplayCursor(firstStep: 0, lastStep: 1)
        c.changeSpeed(by: -100)
        #expect(c.speed == ReplayCursor.speeds.first)
        c.changeSpeed(by: 100)
        #expect(c.speed == ReplayCursor.speeds.last)
    }
}

@Suite("Replay in the workbench: records follow the cursor")
struct ReplayStateTests {
    @Test func epochEventsBelongToTheStepBeforeThem() throws {
        let source = ReplaySource(id: "r1", file: try ReplayFixtures.bn)
        #expect(source.firstStep == 0 && source.lastStep == 32)   // the phase marker is at step 0
        #expect(source.epochEnds == [16, 32])
        #expect(source.eventSteps == source.eventSteps.sorted())
        #expect(source.eventCount(atStep: -1) == 0)
        #expect(source.eventCount(atStep: 0) == 1)
        #expect(source.eventCount(atStep: 32) == source.events.count)
    }

    @Test func openingShowsTheFirstStepPaused() throws {
        let state = ReplayFixtures.state([try ReplayFixtures.bn])
        let replay = try #require(state.replay)
        #expect(replay.cursor.step == 0 && !replay.cursor.isPlaying)
        #expect(state.runs.count == 1)
        #expect(state.runs[0].losses.isEmpty && state.runs[0].markers.count == 1)
        #expect(state.chartRuns.map(\.id) == ["r1"])
        #expect(state.currentExperiment?.id == "bn-vs-no-bn")
        #expect(state.status?.text.contains("replaying bn-vs-no-bn-bn.jsonl") == true)
    }

    @Test func keysStepEpochAndJumpAndRecordsFollow() throws {
        var state = ReplayFixtures.state([try ReplayFixtures.bn])
        Fixtures.press([.character("f"), .character("f"), .character("f")], &state)
        #expect(state.replay?.cursor.step == 3)
        #expect(state.runs[0].losses.count == 3)
        #expect(state.runs[0].epochs.isEmpty)
        Fixtures.press([.character("F")], &state)
        #expect(state.replay?.cursor.step == 16)
        #expect(state.runs[0].epochs.count == 1)      // the epoch evaluation after step 16
        Fixtures.press([.character("b")], &state)
        #expect(state.runs[0].losses.count == 15)
        #expect(state.runs[0].epochs.isEmpty)          // stepping back removes it again
        Fixtures.press([.character("$")], &state)
        #expect(state.runs[0].eventCount == state.replay?.sources[0].events.count)
        #expect(state.runs[0].state == .done)
        Fixtures.press([.character("0")], &state)
        #expect(state.runs[0].losses.isEmpty && state.runs[0].state == .running)
    }

    @Test func steppingBackGivesTheSameRecordAsGoingThere() throws {
        var a = ReplayFixtures.state([try ReplayFixtures.bn])
        var b = a
        Fixtures.press([.character("$")] + Array(repeating: .character("b"), count: 10), &a)
        Fixtures.press(Array(repeating: .character("f"), count: 22), &b)
        #expect(a.replay?.cursor.step == 22 && b.replay?.cursor.step == 22)
        #expect(a.runs == b.runs)
    }

    @Test func ticksPlayOnlyWhilePlaying() throws {
        var state = ReplayFixtures.state([try ReplayFixtures.bn])
        let revision = state.revision
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 1))
        #expect(state.revision == revision && state.replay?.cursor.step == 0)
        Fixtures.press([.character(" ")], &state)
        #expect(state.replay?.cursor.isPlaying == true)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 0.1))    // 50 steps/s: 5 steps
        #expect(state.replay?.cursor.step == 5)
        #expect(state.runs[0].losses.count == 5)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 10))
        #expect(state.replay?.cursor.isAtEnd == true && state.replay?.cursor.isPlaying == false)
        #expect(state.runs[0].state == .done)
    }

    @Test func aReplayNeitherTrainsNorAsksBeforeQuitting() throws {
        var state = ReplayFixtures.state([try ReplayFixtures.bn])
        #expect(Fixtures.press([.enter, .character("x")], &state).isEmpty)
        #expect(state.overlay == nil)
        Fixtures.press([.character("q")], &state)
        #expect(state.shouldQuit)
    }

    @Test func replayKeysWithoutAReplaySayHowToOpenOne() {
        var state = Fixtures.state()
        Fixtures.press([.character("f")], &state)
        #expect(state.status?.text.contains("bnlab replay") == true)
    }

    @Test func aTruncatedFileReplaysUpToTheCutWithANotice() throws {
        let url = ReplayFixtures.folder.appendingPathComponent("bn-vs-no-bn-bn.jsonl")
        let data = try Data(contentsOf: url)
        let cut = data.prefix(data.count * 2 / 3)
        let file = try RunReader.read(data: cut, file: "cut.jsonl", url: URL(fileURLWithPath: "cut.jsonl"))
        var state = ReplayFixtures.state([file])
        #expect(state.status?.text.contains("note: cut.jsonl: file ends mid-line") == true)
        Fixtures.press([.character("$")], &state)
        #expect(state.runs[0].end == nil)
        #expect(state.runs[0].eventCount == file.events.count)
        let grid = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode)
        #expect(grid.find("note: cut.jsonl: file ends mid-line") != nil)
    }

    @Test func aFileThatCannotBeReadIsReportedInTheUI() {
        let error = RunFileError(kind: .notARunFile, file: "notes.txt", line: 1,
                                 problem: "not a bnlab run file (its first line is not a JSON object)")
        let state = ReplayFixtures.state([], failures: ["\(error)"])
        #expect(state.status?.isError == true)
        let grid = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode)
        #expect(grid.find("Nothing to replay") != nil)
        #expect(grid.find("cannot replay run file notes.txt") != nil)
    }
}

@Suite("Compare: overlaid runs, legend and config diff")
struct CompareTests {
    @Test func twoRunsAreOverlaidWithTheirValuesAtTheCursor() throws {
        var state = ReplayFixtures.state([try ReplayFixtures.bn, try ReplayFixtures.noBN])
        Fixtures.press([.character("F")], &state)
        #expect(state.chartRuns.map(\.variant) == ["bn", "no-bn"])
        let grid = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode)
        let legend = try #require(grid.lines().first { $0.contains("● bn ") })
        #expect(legend.contains("▲ no-bn "))
        #expect(grid.find("step 16/32") != nil)
        #expect(grid.find("2 runs replayed") != nil)
    }

    @Test func theConfigDiffListsOnlyWhatDiffers() throws {
        let bn = try ReplayFixtures.bn, noBN = try ReplayFixtures.noBN
        let diff = ConfigDiff(runs: [("r1", bn.header.config), ("r2", noBN.header.config)])
        let keys = diff.rows.map(\.key)
        #expect(keys.contains("variant"))
        #expect(keys.contains("model[2].type"))
        #expect(!keys.contains("epochs") && !keys.contains("batch_size") && !keys.contains("optimizer.lr"))
        let variant = try #require(diff.rows.first { $0.key == "variant" })
        #expect(variant.values == ["bn", "no-bn"])
        let momentum = try #require(diff.rows.first { $0.key == "model[2].momentum" })
        #expect(momentum.values == ["0.1", nil])
    }

    @Test func sameConfigsDifferOnlyInTheSeed() throws {
        let bn = try ReplayFixtures.bn
        let other = ReplayFixtures.reseeded(bn, seed: 7)
        let diff = ConfigDiff(runs: [("r1", bn.header.config), ("r2", other.header.config)])
        #expect(diff.rows.map(\.key) == ["seed"])
        #expect(ConfigDiff(runs: [("r1", bn.header.config), ("r2", bn.header.config)]).rows.isEmpty)
    }

    @Test func runsOfOneVariantAreLabelledBySeed() throws {
        let bn = try ReplayFixtures.bn
        let state = ReplayFixtures.state([bn, ReplayFixtures.reseeded(bn, seed: 7)])
        let replay = try #require(state.replay)
        #expect(replay.sources.map { replay.label(of: $0) } == ["bn s\(bn.header.seed)", "bn s7"])
    }

    @Test func dOpensTheDiffOnlyWhenComparing() throws {
        var one = ReplayFixtures.state([try ReplayFixtures.bn])
        Fixtures.press([.character("D")], &one)
        #expect(one.overlay == nil && one.status?.text.contains("open two or more") == true)
        var two = ReplayFixtures.state([try ReplayFixtures.bn, try ReplayFixtures.noBN])
        Fixtures.press([.character("D")], &two)
        #expect(two.overlay == .configDiff)
        let grid = WorkbenchView.render(two, size: Fixtures.size, glyphs: .unicode)
        #expect(grid.find("Config diff") != nil && grid.find("model[2].type") != nil)
        Fixtures.press([.escape], &two)
        #expect(two.overlay == nil)
    }
}
