import BNLab
import Testing
@testable import BNTUI

/// Lessons over runs shorter than the lesson, `p` and `r`, and expectations on screen.
@Suite("Lessons: short runs, back, restart, checked claims")
struct LessonNavigationTests {
    static func state(_ steps: [LessonStep]) throws -> WorkbenchState {
        var state = ReplayFixtures.state([try ReplayFixtures.bn, try ReplayFixtures.noBN])
        _ = WorkbenchUpdate.update(&state, .lessonStarted(experimentID: "bn-vs-no-bn", steps: steps,
                                                          freshHint: "bnlab lesson bn-vs-no-bn --fresh"))
        return state
    }

    static func screen(_ state: WorkbenchState) -> String {
        WorkbenchView.render(state, size: TerminalSize(width: 100, height: 40), glyphs: .unicode).description
    }

    static func reference(_ text: String) -> ExpectOperand { .reference(try! MetricReference.parse(text).get()) }

    @Test func runsTooShortAreNamedBeforeTheLessonAndTheirStepsSkipped() throws {
        var state = try Self.state([
            LessonStep(text: "Three hundred steps in.", pause: .step(300), panel: .loss),
            LessonStep(text: "The first epoch.", pause: .epoch(1), panel: .accuracy),
            LessonStep(text: "Ten epochs.", pause: .epoch(10), panel: .loss),
        ])
        #expect(state.lesson?.showsIntro == true)
        #expect(state.replay?.cursor.isPlaying == false)
        let intro = Self.screen(state)
        #expect(intro.contains("too short for this lesson: 1 of its 3 steps"))
        #expect(intro.contains("step 1 needs step 300 (bn: the run ends at step 32)"))
        #expect(intro.contains("step 3 needs the end of epoch 10 (bn: the run has 2 epochs)"))
        #expect(intro.contains("bnlab lesson bn-vs-no-bn --fresh"))
        Fixtures.press([.character("N")], &state)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        #expect(state.lesson?.index == 1 && state.lesson?.isPaused == true && state.replay?.cursor.step == 16)
        Fixtures.press([.character("N")], &state)
        #expect(state.lesson?.isFinished == true && state.replay?.cursor.step == 16)
    }

    /// bn-vs-no-bn's order: step 300, then the end of epoch 1, which comes earlier on a subset.
    @Test func aStepWhosePointIsBehindTheReplayIsShownAtOnceNotSkipped() throws {
        var state = try Self.state([
            LessonStep(text: "Twenty steps in.", pause: .step(20), panel: .loss),
            LessonStep(text: "The first epoch.", pause: .epoch(1), panel: .accuracy, question: "Do they agree?",
                       expect: [LessonExpectation(.greater, [Self.reference("bn.accuracy@epoch1"), .number(0)])]),
            LessonStep(text: "Thirty.", pause: .step(30), panel: .loss),
        ])
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        #expect(state.lesson?.index == 0 && state.replay?.cursor.step == 20)
        Fixtures.press([.character("N")], &state)
        #expect(state.lesson?.index == 1 && state.lesson?.isPaused == true)
        #expect(state.replay?.cursor.step == 20 && state.replay?.cursor.isPlaying == false && state.chart == .accuracy)
        let text = Self.screen(state)
        #expect(text.contains("Lesson 2/3, end of epoch 1 (step 16), shown at step 20"))
        #expect(text.contains("The first epoch.") && text.contains("Q: Do they agree?"))
        // Its claim is still read at its own point, the end of epoch 1.
        let epoch1 = try #require(state.lesson?.currentResults.first?.values.first)
        #expect(epoch1 == (try ReplayFixtures.bn).epochs[0].accuracy)
        Fixtures.press([.character("N")], &state)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        #expect(state.lesson?.index == 2 && state.lesson?.isPaused == true && state.replay?.cursor.step == 30)
    }

    @Test func aLateEpochStepShowsThatEpochsAccuracyNotTheCursors() throws {
        var state = try Self.state([
            LessonStep(text: "The end.", pause: .step(32), panel: .loss),
            LessonStep(text: "The first epoch.", pause: .epoch(1), panel: .accuracy),
        ])
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        #expect(state.replay?.cursor.step == 32)
        Fixtures.press([.character("N")], &state)   // epoch 1 ended at step 16: shown at 32
        #expect(state.lessonEpoch == 1)
        let bn = try ReplayFixtures.bn
        let shown = try #require(AccuracyChartView.groups(state).first)
        #expect(shown.overall == bn.epochs[0].accuracy && bn.epochs[0].accuracy != bn.epochs[1].accuracy)
        #expect(AccuracyChartView.caption(state, groups: [shown], width: 200).hasPrefix("test accuracy, epoch 1 (the step's)"))
        Fixtures.press([.character("p")], &state)   // a step about a step, not an epoch: the cursor's
        #expect(state.lessonEpoch == nil)
    }

    @Test func pBeforeTheFirstShownStepNamesTheStepsPastTheRunsEnd() throws {
        var state = try Self.state([
            LessonStep(text: "Three hundred steps in.", pause: .step(300), panel: .loss),
            LessonStep(text: "The first epoch.", pause: .epoch(1), panel: .accuracy),
        ])
        Fixtures.press([.character("N")], &state)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        #expect(state.lesson?.index == 1 && state.lesson?.isPaused == true)
        Fixtures.press([.character("p")], &state)
        #expect(state.lesson?.index == 1)
        #expect(state.status?.text == "no earlier step to show: step 1 is past these runs' end")
    }

    @Test func theIntroNoticeFitsTheHeaderAndAFinishedLessonOffersNoNextStep() throws {
        var state = try Self.state([
            LessonStep(text: "Three hundred steps in.", pause: .step(300), panel: .loss),
            LessonStep(text: "The first epoch.", pause: .epoch(1), panel: .accuracy, question: "Q?", answer: "A."),
        ])
        let small = WorkbenchView.render(state, size: TerminalSize(width: 80, height: 24), glyphs: .ascii).description
        let header = try #require(small.split(separator: "\n").first)
        #expect(header.contains("N starts it, q quits"), "\(header)")
        let introFooter = small.split(separator: "\n").last ?? ""
        #expect(introFooter.contains("N start the lesson") && !introFooter.contains("a answer"), "\(introFooter)")
        Fixtures.press([.character("N")], &state)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        let started = try Self.state([LessonStep(text: "Ten.", pause: .step(10), panel: .loss)])
        let startHeader = WorkbenchView.render(started, size: TerminalSize(width: 80, height: 24), glyphs: .ascii)
            .description.split(separator: "\n").first ?? ""
        #expect(startHeader.contains("1-step lesson bn-vs-no-bn: a answer, N next, p back, r restart"), "\(startHeader)")
        let footer = { (s: WorkbenchState) in
            String(WorkbenchView.render(s, size: TerminalSize(width: 80, height: 24), glyphs: .ascii).description
                .split(separator: "\n").last ?? "")
        }
        #expect(footer(state).contains("a answer") && footer(state).contains("N next step"))
        Fixtures.press([.character("N")], &state)
        #expect(state.lesson?.isFinished == true)
        #expect(!footer(state).contains("a answer") && !footer(state).contains("N next step"), "\(footer(state))")
        #expect(footer(state).contains("r restart") && footer(state).contains("p back"))
    }

    @Test func pGoesBackAStepAndRRestarts() throws {
        var state = try Self.state([
            LessonStep(text: "Ten.", pause: .step(10), panel: .loss),
            LessonStep(text: "Twenty.", pause: .step(20), panel: .bn),
        ])
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        Fixtures.press([.character("N")], &state)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        #expect(state.lesson?.index == 1 && state.replay?.cursor.step == 20)
        Fixtures.press([.character("p")], &state)
        #expect(state.lesson?.index == 0 && state.lesson?.isPaused == true)
        #expect(state.replay?.cursor.step == 10 && state.chart == .loss)
        Fixtures.press([.character("p")], &state)
        #expect(state.lesson?.index == 0 && state.status?.text.contains("first step") == true)
        Fixtures.press([.character("N")], &state)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        Fixtures.press([.character("N")], &state)
        #expect(state.lesson?.isFinished == true)
        Fixtures.press([.character("r")], &state)
        #expect(state.lesson?.index == 0 && state.lesson?.isPaused == false)
        #expect(state.replay?.cursor.step == state.replay?.cursor.firstStep && state.replay?.cursor.isPlaying == true)
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        #expect(state.replay?.cursor.step == 10 && state.lesson?.isPaused == true)
    }

    @Test func aFailingClaimIsFlaggedBesideTheTextWithItsValues() throws {
        var state = try Self.state([
            LessonStep(text: "The plain net is ahead.", pause: .step(10), panel: .loss, expect: [
                LessonExpectation(.less, [Self.reference("no-bn.loss@10"), Self.reference("bn.loss@10")]),
                LessonExpectation(.greater, [Self.reference("bn.accuracy@epoch1"), .number(0)]),
            ]),
        ])
        _ = WorkbenchUpdate.update(&state, .tick(seconds: 100))
        let results = try #require(state.lesson?.currentResults)
        let text = Self.screen(state)
        #expect(text.contains("The runs contradict a claim of this step"))
        #expect(text.contains("check FAILS no-bn.loss@10 < bn.loss@10"))
        #expect(text.contains("check holds bn.accuracy@epoch1 > 0"))
        #expect(results.map(\.isFailure) == [true, false])
        let shown = ExpectationFormat.number(results[0].values[0])
        // A loss claim says what it compares: the mean of the steps up to its point.
        #expect(text.contains("(mean of steps 1-10:"))
        #expect(results[0].line.contains("(mean of steps 1-10: \(shown) < "), "\(results[0].line)")
    }
}
