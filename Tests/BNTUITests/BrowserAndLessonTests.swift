import BNCharts
import BNLab
import Foundation
import Testing
@testable import BNTUI

@Suite("Saved-runs browser: listing, selection, marking, opening, back to live")
struct RunsBrowserTests {
    /// The two fixture runs as the runs folder lists them.
    static func listing() -> [RunSummary] {
        RunReader.summaries(in: ReplayFixtures.folder).runs
    }

    @Test func rKeyAsksForTheListingAndTheListingOpensTheBrowser() {
        var state = Fixtures.state()
        let effects = Fixtures.press([.character("R")], &state)
        #expect(effects == [.listSavedRuns])
        _ = WorkbenchUpdate.update(&state, .savedRunsListed(runs: Self.listing(), failures: []))
        guard case .runsBrowser(let browser) = state.overlay else {
            Issue.record("no browser open: \(String(describing: state.overlay))")
            return
        }
        #expect(browser.entries.count == 2)
        #expect(browser.entries.allSatisfy { $0.experiment == "bn-vs-no-bn" && $0.status == "done" })
        #expect(browser.entries.allSatisfy { $0.finalAccuracy != nil })
        Fixtures.press([.character("R")], &state)
        #expect(state.overlay == nil)
    }

    @Test func selectionClampsAndEnterOpensTheHighlightedRun() {
        var state = Fixtures.state()
        _ = WorkbenchUpdate.update(&state, .savedRunsListed(runs: Self.listing(), failures: []))
        Fixtures.press([.character("j"), .character("j"), .character("j")], &state)
        guard case .runsBrowser(let browser) = state.overlay else { Issue.record("closed"); return }
        #expect(browser.selection == 1)
        Fixtures.press([.character("k"), .character("k")], &state)
        let effects = Fixtures.press([.enter], &state)
        #expect(effects == [.openRunFiles(paths: [browser.entries[0].path])])
        #expect(state.overlay == nil)
    }

    @Test func markedRunsOpenTogetherInListOrder() {
        var browser = RunsBrowser(runs: Self.listing())
        browser.move(by: 1)
        browser.toggleMark()
        browser.move(by: -1)
        browser.toggleMark()
        #expect(browser.marked == [0, 1])
        #expect(browser.pathsToOpen == browser.entries.map(\.path))
        browser.toggleMark()
        #expect(browser.marked == [1])
        #expect(browser.pathsToOpen == [browser.entries[1].path])
        #expect(RunsBrowser(runs: []).pathsToOpen.isEmpty)
    }

    @Test func liveRunsKeepRunningBehindAReplayAndComeBack() throws {
        var state = Fixtures.state(runs: Fixtures.runs(steps: 10))
        let live = state.runs
        #expect(state.activeRunCount == 2)
        _ = WorkbenchUpdate.update(&state, .replayOpened(files: [try ReplayFixtures.bn], failures: []))
        #expect(state.runs.count == 1 && state.replay != nil)
        #expect(state.liveRuns == live)
        // A live run goes on while the replay is shown: its events land in the set-aside records.
        let more = Fixtures.runs(steps: 20).map { info in
            var info = info
            info.newEvents = Array(info.newEvents.dropFirst(live[0].eventCount))
            return info
        }
        _ = WorkbenchUpdate.update(&state, .runs(more))
        #expect(state.runs.count == 1)
        #expect((state.liveRuns?[0].losses.count ?? 0) > live[0].losses.count)
        #expect(state.activeRunCount == 2)
        Fixtures.press([.character("W")], &state)
        #expect(state.replay == nil && state.liveRuns == nil)
        #expect(state.runs.count == 2 && state.runs[0].losses.count > live[0].losses.count)
    }

    @Test func theBrowserIsDrawnWithMarks() {
        var state = Fixtures.state()
        _ = WorkbenchUpdate.update(&state, .savedRunsListed(runs: Self.listing(), failures: []))
        Fixtures.press([.character("m")], &state)
        let text = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode).description
        #expect(text.contains("Saved runs 2, 1 marked"))
        #expect(text.contains("* bn-vs-no-bn"))
        #expect(text.contains("done"))
        #expect(text.contains("experiment") && text.contains("acc") && text.contains("data"))
    }
}

@Suite("Lessons: pause at each step, reveal, next")
struct LessonTests {
    static let steps = [
        LessonStep(text: "Ten steps in.", pause: .step(10), panel: .loss,
                   question: "Which curve falls faster?", answer: "The bn curve."),
        LessonStep(text: "The first epoch ended.", pause: .epoch(1), panel: .accuracy),
        LessonStep(text: "The snapshots.", pause: .step(5), panel: .bn),
    ]

    static func started() throws -> WorkbenchState {
        var state = ReplayFixtures.state([try ReplayFixtures.bn, try ReplayFixtures.noBN])
        _ = WorkbenchUpdate.update(&state, .lessonStarted(experimentID: "bn-vs-no-bn", steps: steps))
        return state
    }

    @Test func pausePointsComeFromStepsAndEpochEndsAndAreNilBeyondTheRuns() throws {
        let session = try #require(try Self.started().replay)   // two runs of 32 steps, epochs end at 16 and 32
        #expect(LessonPlayer.pausePoint(of: Self.steps[0], in: session) == 10)
        #expect(LessonPlayer.pausePoint(of: Self.steps[1], in: session) == 16)
        #expect(LessonPlayer.pausePoint(of: LessonStep(text: "x", pause: .epoch(9), panel: .loss), in: session) == nil)
        #expect(LessonPlayer.pausePoint(of: LessonStep(text: "x", pause: .step(500), panel: .loss), in: session) == nil)
    }

    @Test func playsToThePausePointThenPausesOnThePanel() throws {
        var state = try Self.started()
        #expect(state.replay?.cursor.isPlaying == true)
        #expect(state.lesson?.isPaused == false)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 10))   // 50 steps/s: far past step 10
        #expect(state.replay?.cursor.step == 10)
        #expect(state.replay?.cursor.isPlaying == false)
        #expect(state.lesson?.isPaused == true)
        #expect(state.chart == .loss)
        #expect(state.runs[0].losses.last?.x == 10)
    }

    @Test func theAnswerIsRevealedAndNextGoesOn() throws {
        var state = try Self.started()
        Fixtures.press([.character("a")], &state)
        #expect(state.lesson?.isAnswerShown == false)      // not paused yet
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 10))
        Fixtures.press([.character("a")], &state)
        #expect(state.lesson?.isAnswerShown == true)
        Fixtures.press([.character("N")], &state)
        #expect(state.lesson?.index == 1 && state.lesson?.isAnswerShown == false)
        #expect(state.chart == .accuracy && state.replay?.cursor.isPlaying == true)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 10))
        #expect(state.replay?.cursor.step == 16 && state.lesson?.isPaused == true)
        #expect(state.runs[0].epochs.count == 1)
        // A pause point the cursor has passed is shown at once, where the cursor is: it never
        // goes back on its own, and the step is not skipped.
        Fixtures.press([.character("N")], &state)
        #expect(state.replay?.cursor.step == 16 && state.lesson?.index == 2 && state.lesson?.isPaused == true)
        #expect(state.chart == .runningStats && state.replay?.cursor.isPlaying == false)
        Fixtures.press([.character("N")], &state)
        #expect(state.lesson?.isFinished == true && state.replay?.cursor.step == 16)
    }

    @Test func theLessonIsDrawnUnderTheChart() throws {
        var state = try Self.started()
        var text = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode).description
        #expect(text.contains("Lesson 1/3: playing to step 10"))
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 10))
        Fixtures.press([.character("a")], &state)
        text = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode).description
        #expect(text.contains("Lesson 1/3, paused at step 10"))
        #expect(text.contains("Ten steps in."))
        #expect(text.contains("Q: Which curve falls faster?"))
        #expect(text.contains("A: The bn curve."))
        #expect(text.contains("N continues"))
    }

    @Test func holdingTheReplayBeforeThePauseSaysSo() throws {
        var state = try Self.started()
        Fixtures.press([.character(" ")], &state)          // the user pauses on the way
        #expect(state.replay?.cursor.isPlaying == false && state.lesson?.isPaused == false)
        let text = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode).description
        #expect(text.contains("Lesson 1/3: paused; Space plays on to step 10"))
        #expect(!text.contains("playing to step 10"))
    }

    @Test func lessonKeysWithoutALessonSayHowToStartOne() {
        var state = Fixtures.state()
        Fixtures.press([.character("N")], &state)
        #expect(state.status?.text.contains("bnlab lesson") == true)
    }
}

@Suite("Lesson text")
struct LessonTextTests {
    @Test func blockLineBreaksAreUnfoldedAndParagraphsKept() {
        #expect(LessonView.unfold("one\ntwo\n\nthree\n") == "one two\n\nthree")
    }
}
