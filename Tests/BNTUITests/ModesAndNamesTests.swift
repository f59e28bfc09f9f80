import BNCharts
import BNLab
import Foundation
import Testing
@testable import BNTUI

@Suite("Modes: footer keys and a help that fits and scrolls")
struct ModeKeysTests {
    static let small = TerminalSize(width: 80, height: 24)

    func render(_ state: WorkbenchState, glyphs: Glyphs = .unicode) -> Grid {
        WorkbenchView.render(state, size: state.size, glyphs: glyphs)
    }

    func footer(_ state: WorkbenchState) -> String {
        render(state).lines().last ?? ""
    }

    @Test func theHelpShowsEveryBindingByScrollingAtEverySize() {
        for size in [TerminalSize(width: 40, height: 12), Self.small, TerminalSize(width: 100, height: 30),
                     TerminalSize(width: 140, height: 45)] {
            for glyphs in [Glyphs.unicode, .ascii] {
                var state = Fixtures.state(size: size)
                Fixtures.press([.character("?")], &state)
                var seen = render(state, glyphs: glyphs).description
                // The footer says how to scroll and close while the help is open.
                #expect(footer(state).contains("scroll") && footer(state).contains("close"))
                for _ in 0..<80 {
                    Fixtures.press([.character("j")], &state)
                    seen += render(state, glyphs: glyphs).description
                }
                for binding in KeyBindings.all {
                    #expect(seen.contains(binding.keysLabel(unicode: glyphs.isUnicode)), "\(binding.action) at \(size)")
                    #expect(seen.contains(String(binding.summary.prefix(12))), "\(binding.action) at \(size)")
                }
            }
        }
    }

    @Test func atEightyByTwentyFourTheHelpScrollsAndSaysWhere() {
        var state = Fixtures.state(size: Self.small)
        Fixtures.press([.character("?")], &state)
        let first = render(state).description
        #expect(first.contains("j/k scroll 1–"))
        #expect(first.contains("Navigate (now)"))
        Fixtures.press([.pageDown], &state)
        #expect(state.helpScroll > 0)
        #expect(render(state).description != first)
        Fixtures.press([.character("G")], &state)
        let end = HelpOverlayView.maxScroll(mode: .live, size: Self.small)
        #expect(state.helpScroll == end && end > 0)
        Fixtures.press([.character("j")], &state)
        #expect(state.helpScroll == end)
        Fixtures.press([.escape], &state)
        #expect(state.overlay == nil && state.helpScroll == 0)
        // Every row of the open help stays inside the screen with the footer below it.
        Fixtures.press([.character("?")], &state)
        let lines = render(state).lines()
        #expect(lines.count == 24 && lines[23].contains("close"))
    }

    @Test func aWideScreenNeedsNoScrolling() {
        var state = Fixtures.state(size: TerminalSize(width: 200, height: 60))
        Fixtures.press([.character("?")], &state)
        #expect(render(state).description.contains("? or Esc closes this help"))
        #expect(HelpOverlayView.maxScroll(mode: .live, size: state.size) == 0)
    }

    @Test func theHelpStartsWithTheCurrentMode() throws {
        var replay = ReplayFixtures.state([try ReplayFixtures.bn])
        Fixtures.press([.character("?")], &replay)
        #expect(HelpOverlayView.lines(mode: KeyMode.beneath(replay), unicode: true).first == .heading("Replay (now)"))
        #expect(render(replay).description.contains("Replay (now)"))
        var lesson = try LessonTests.started()
        Fixtures.press([.character("?")], &lesson)
        #expect(render(lesson).description.contains("Lesson (now)"))
    }

    @Test func everyLessonKeyIsListedUnderLessonNotReplay() throws {
        let lines = HelpOverlayView.lines(mode: .replay, unicode: false)
        var section = "", sectionOf: [String: String] = [:]
        for line in lines {
            switch line {
            case .heading(let title): section = title
            case .binding(_, let summary): sectionOf[summary] = section
            case .blank: break
            }
        }
        for action in [KeyAction.revealAnswer, .nextLessonStep, .previousLessonStep, .restartLesson] {
            let summary = try #require(KeyBindings.binding(for: action)).summary
            #expect(sectionOf[summary] == KeyMode.lesson.rawValue, "\(action) is under \(sectionOf[summary] ?? "nothing")")
        }
    }

    @Test func theFooterShowsTheCurrentModesKeys() throws {
        let live = Fixtures.state()
        #expect(KeyMode.current(live) == .live)
        #expect(footer(live).contains("Enter run") && footer(live).contains("?/F1 help") && footer(live).contains("q/Ctrl-C quit"))

        let replay = ReplayFixtures.state([try ReplayFixtures.bn, try ReplayFixtures.noBN])
        #expect(KeyMode.current(replay) == .replay)
        let replayFooter = footer(replay)
        #expect(replayFooter.contains("f step") && replayFooter.contains("b back") && replayFooter.contains("W live"))
        #expect(!replayFooter.contains("Enter run"))

        let lesson = try LessonTests.started()
        #expect(KeyMode.current(lesson) == .lesson)
        #expect(footer(lesson).contains("a answer") && footer(lesson).contains("N next step"))

        var browser = Fixtures.state()
        _ = WorkbenchUpdate.update(&browser, .savedRunsListed(runs: RunsBrowserTests.listing(), failures: []))
        #expect(KeyMode.current(browser) == .runsBrowser)
        #expect(footer(browser).contains("m mark") && footer(browser).contains("R/Esc close"))

        var picker = Fixtures.state()
        Fixtures.press([.enter], &picker)
        #expect(footer(picker).contains("Enter run") && footer(picker).contains("Esc cancel"))

        var quit = Fixtures.state(runs: Fixtures.runs(steps: 5))
        Fixtures.press([.character("q")], &quit)
        #expect(footer(quit).contains("y/Enter quit") && footer(quit).contains("n/Esc keep working"))

        var diff = ReplayFixtures.state([try ReplayFixtures.bn, try ReplayFixtures.noBN])
        Fixtures.press([.character("D")], &diff)
        #expect(footer(diff).contains("D/Esc close"))
    }

    @Test func narrowFootersKeepTheEssentialKeys() {
        for mode in KeyMode.allCases {
            let hints = FooterView.hints(width: 30, unicode: true, mode: mode)
            #expect(mode.essentialHints(unicode: true).allSatisfy(hints.contains), "\(mode)")
        }
    }
}

@Suite("Names and context in the workbench")
struct NamesAndContextTests {
    /// Three finished seeds of `bn` and one `no-bn`, trained on a 3000-image subset for 2 epochs.
    static func seededRuns() -> [RunInfo] {
        let context = RunContext(trainImages: 3000, testImages: 600, epochs: 2)
        let base = Fixtures.runs()
        let bn = base[0], noBN = base[1]
        var out: [RunInfo] = []
        for seed in 1...3 {
            var run = bn
            run.id = "#\(seed)"
            run.seed = UInt64(seed)
            run.context = context
            out.append(run)
        }
        var other = noBN
        other.id = "#4"
        other.seed = 1
        other.context = context
        out.append(other)
        return out
    }

    @Test func seedsNameRunsOfOneVariantInTheRunsPanel() {
        let state = Fixtures.state(runs: Self.seededRuns())
        #expect(RunRecord.labels(state.runs) == ["bn s1", "bn s2", "bn s3", "no-bn"])
        let text = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode).description
        for seed in 1...3 { #expect(text.contains("#\(seed) bn s\(seed)")) }
        #expect(text.contains("#4 no-bn "))
    }

    @Test func subsetAndEpochsAreShownInTheHeaderAndForFinishedRuns() {
        let state = Fixtures.state(runs: Self.seededRuns())
        let lines = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode).lines()
        #expect(lines[0].contains("subset 3000/600 · 2 ep"))
        #expect(lines.dropFirst().contains { $0.contains("subset 3000/600 · 2 ep") })
        let ascii = WorkbenchView.render(state, size: ModeKeysTests.small, glyphs: .ascii).lines()
        #expect(ascii[0].contains("subset 3000/600 | 2 ep"))
    }

    @Test func runsWithDifferentDataShowTheSelectedOnesContext() {
        var runs = Self.seededRuns()
        runs[3].context = RunContext(trainImages: nil, testImages: nil, epochs: 10)
        var state = Fixtures.state(runs: runs)
        state.selectedRun = 3
        #expect(HeaderView.contextSummary(state, glyphs: .unicode) == "#4 full data · 10 ep, others differ")
    }

    @Test func replayedSeedsAreNamedBySeedWithTheirContext() throws {
        let bn = try ReplayFixtures.bn
        let state = ReplayFixtures.state([bn, ReplayFixtures.reseeded(bn, seed: 7)])
        #expect(RunRecord.labels(state.runs) == ["bn s\(bn.header.seed)", "bn s7"])
        #expect(state.runs.allSatisfy { $0.context == RunContext(header: bn.header) })
    }

    @Test func theBrowserNamesSeedsAndShowsDataAndEpochs() throws {
        let bn = try ReplayFixtures.bn
        var runs = [bn.summary, ReplayFixtures.reseeded(bn, seed: 7).summary]
        runs[1].runID = "other"
        let browser = RunsBrowser(runs: runs)
        #expect(browser.entries.map(\.name) == ["bn s\(bn.header.seed)", "bn s7"])
        var state = Fixtures.state(size: ModeKeysTests.small)
        state.overlay = .runsBrowser(browser)
        let text = WorkbenchView.render(state, size: ModeKeysTests.small, glyphs: .unicode).description
        let context = try #require(RunContext(header: bn.header))
        #expect(text.contains("bn s7"))
        #expect(text.contains(context.dataText) && text.contains("\(bn.summary.epochs)/\(context.epochs)"))
    }
}
