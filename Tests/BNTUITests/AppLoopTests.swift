import BNCharts
import Foundation
import Testing
@testable import BNTUI

@Suite("App loop driven by a TestTerminal")
struct AppLoopTests {
    @Test func enterStartsRunsOnTheBackendAndQuitRestores() {
        let backend = RecordingBackend()
        let terminal = TestTerminal(script: [.key(.enter), .idle(1), .key(.enter), .idle(1), .key(.character("q"))])
        let app = WorkbenchApp(terminal: terminal, backend: backend)
        let exit = app.run()
        #expect(exit == .quit)
        #expect(backend.calls == [.start("bn-vs-no-bn", nil)])
        #expect(terminal.restoreCount == 1)
        #expect(terminal.frames.first?.description.contains("BatchNorm vs. no BatchNorm") == true)
        #expect(terminal.frames.contains { $0.description.contains("Run bn-vs-no-bn") })
    }

    @Test func runsFromPollsAreDrawnAndQuitAsksFirst() {
        let backend = RecordingBackend()
        backend.pollScript = [Fixtures.runs(steps: 40)]
        let terminal = TestTerminal(script: [.idle(1), .key(.character("q")), .idle(1), .key(.character("y"))])
        let exit = WorkbenchApp(terminal: terminal, backend: backend).run()
        #expect(exit == .quit)
        #expect(terminal.frames.contains { $0.description.contains("Quit bnlab?") })
        #expect(terminal.frames.contains { $0.brailleCount() > 20 })
        #expect(backend.calls == [.cancel("#1"), .cancel("#2")])
    }

    @Test func aStartErrorIsShown() {
        let backend = RecordingBackend()
        backend.startError = SomeError(description: "experiment 'bn-vs-no-bn' cannot run: bad spec")
        let terminal = TestTerminal(script: [.key(.enter), .key(.enter), .idle(1)])
        let exit = WorkbenchApp(terminal: terminal, backend: backend).run()
        #expect(exit == .closed)
        #expect(terminal.lastFrame?.description.contains("cannot run: bad spec") == true)
    }

    @Test func resizeRedrawsAtTheNewSize() {
        let terminal = TestTerminal(script: [.resize(70, 20), .idle(1), .resize(30, 10), .idle(1)])
        _ = WorkbenchApp(terminal: terminal, backend: RecordingBackend()).run()
        let sizes = terminal.frames.map { TerminalSize(width: $0.width, height: $0.height) }
        #expect(sizes == [TerminalSize(width: 120, height: 40), TerminalSize(width: 70, height: 20), TerminalSize(width: 30, height: 10)])
        #expect(terminal.lastFrame?.description.contains("too small") == true)
    }

    @Test func signalsEndTheLoopAndRestore() {
        let terminal = TestTerminal(script: [.idle(2), .event(.interrupted(signal: 15))])
        let exit = WorkbenchApp(terminal: terminal, backend: RecordingBackend()).run()
        #expect(exit == .interrupted(signal: 15))
        #expect(terminal.restoreCount == 1)
    }

    @Test func framesAreOnlyDrawnWhenSomethingChanged() {
        let terminal = TestTerminal(script: [.idle(20), .key(.down), .idle(20)])
        let app = WorkbenchApp(terminal: terminal, backend: RecordingBackend())
        app.run()
        #expect(terminal.frames.count == 2)
        #expect(app.framesDrawn == 2)
    }

    @Test func aLiveDemoIsWatchedWhileKeysSwitchPanels() {
        // Two demo runs train on the background thread while scripted keys switch charts; every
        // scripted wait must see its panel drawn. (How fast: `bnlab bench --ui`, not a test.)
        let result = LoopBenchmark.run()
        #expect(result.exit == .quit)
        #expect(result.timedOutWaits == 0)
        #expect(result.turns > 0)
    }
}
