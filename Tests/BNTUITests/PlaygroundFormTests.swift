import BNLab
import Foundation
import Testing
@testable import BNTUI

@Suite("Playground: the form's keys, what Enter and w ask for, and the catalog after w")
struct PlaygroundFormTests {
    static let catalog = ExperimentCatalog.load(folder: ScreenPaths.experiments)

    /// A live workbench over the repository's catalog, `bn-vs-no-bn` highlighted.
    static func state() throws -> WorkbenchState {
        var state = WorkbenchState(experiments: LabBackend.experimentInfos(catalog: catalog, classNames: []), size: Fixtures.size)
        state.selectedExperiment = try #require(state.experiments.firstIndex { $0.id == "bn-vs-no-bn" })
        return state
    }

    static func form(_ state: WorkbenchState) -> PlaygroundForm? {
        if case .playground(let form) = state.overlay { return form }
        return nil
    }

    static func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test func eOpensTheFormOnTheFirstSettingAndEscClosesIt() throws {
        var state = try Self.state()
        #expect(Fixtures.press([.character("e")], &state).isEmpty)
        let form = try #require(Self.form(state))
        #expect(form.experimentID == "bn-vs-no-bn")
        #expect(form.base.variant.name == "bn")
        #expect(form.currentRow == .knob(.batchSize))
        #expect(KeyMode.current(state) == .playground)
        #expect(Fixtures.press([.escape], &state).isEmpty)
        #expect(state.overlay == nil)
    }

    @Test func typingReplacesTheValueAndEnterTrainsTheNewVariant() throws {
        var state = try Self.state()
        Fixtures.press([.character("e"), .down] + Self.type("0.1"), &state)
        let form = try #require(Self.form(state))
        #expect(form.values[.lr] == "0.1")
        let effects = Fixtures.press([.enter], &state)
        guard case .startPlayground(let variant)? = effects.first else {
            Issue.record("no start: \(effects)")
            return
        }
        #expect(variant.name == "bn-lr0.1")
        #expect(variant.plan.optimizer.lr == 0.1)
        #expect(state.overlay == nil)
        #expect(state.status?.text == "training bn-vs-no-bn/bn-lr0.1")
    }

    @Test func aWrongValueIsMarkedAndNothingStarts() throws {
        var state = try Self.state()
        Fixtures.press([.character("e"), .down] + Self.type("-1") + [.down, .down], &state)
        var form = try #require(Self.form(state))
        #expect(form.failingKnob == .lr)
        guard case .failure(let error) = form.outcome else {
            Issue.record("accepted")
            return
        }
        #expect(error.field == "variants[0].lr")
        #expect(Fixtures.press([.enter], &state).isEmpty)
        #expect(Fixtures.press([.character("w")], &state).isEmpty)
        form = try #require(Self.form(state))
        #expect(form.currentRow == .knob(.lr))   // the cursor went to the value to fix
        #expect(state.status?.isError == true)
        Fixtures.press([.backspace, .backspace] + Self.type("0.5"), &state)
        #expect(Self.form(state)?.failingKnob == nil)
    }

    @Test func choicesCycleAndRowsThatCannotChangeAreSkipped() throws {
        var state = try Self.state()
        // batch size → lr → SGD momentum → BN momentum → BatchNorm
        Fixtures.press([.character("e"), .down, .down, .down, .down, .character(" ")], &state)
        var form = try #require(Self.form(state))
        #expect(form.values[.batchNorm] == "off")
        #expect(form.unavailable(.norm) == "BatchNorm is off")
        Fixtures.press([.down], &state)   // norm, placement and dropout cannot change: init scale
        form = try #require(Self.form(state))
        #expect(form.currentRow == .knob(.initScale))
        Fixtures.press([.up, .left], &state)   // back on BatchNorm, on again
        #expect(Self.form(state)?.values[.batchNorm] == "on")
        // Letters on a choice are not typed.
        Fixtures.press([.character("x")], &state)
        #expect(Self.form(state)?.values[.batchNorm] == "on")
    }

    @Test func theVariantRowStartsOverFromAnotherVariant() throws {
        var state = try Self.state()
        Fixtures.press([.character("e"), .down] + Self.type("0.5") + [.up, .up, .right], &state)
        let form = try #require(Self.form(state))
        #expect(form.base.variant.name == "no-bn")
        #expect(form.values == form.base.values)
        #expect(form.values[.batchNorm] == "off")
    }

    @Test func wAsksToWriteAndTheCatalogComesBackWithTheNewExperiment() throws {
        var state = try Self.state()
        Fixtures.press([.character("e"), .down] + Self.type("0.1"), &state)
        let effects = Fixtures.press([.character("w")], &state)
        guard case .writePlayground(let variant)? = effects.first else {
            Issue.record("no write: \(effects)")
            return
        }
        #expect(variant.name == "bn-lr0.1")
        var infos = state.experiments
        infos.insert(ExperimentInfo(id: "bn-vs-no-bn-bn-lr0.1", title: "t", summary: "s", variants: []), at: 0)
        _ = WorkbenchUpdate.update(&state, .playgroundWritten(file: "experiments/bn-vs-no-bn-bn-lr0.1.yaml",
                                                              experimentID: "bn-vs-no-bn-bn-lr0.1", experiments: infos))
        #expect(state.experiments.count == infos.count)
        #expect(state.experiments[state.selectedExperiment].id == "bn-vs-no-bn")   // still highlighted
        #expect(Self.form(state)?.written == "experiments/bn-vs-no-bn-bn-lr0.1.yaml")
    }

    @Test func noFormOverAReplayOrWithoutAnExperimentFile() throws {
        var demo = Fixtures.state()
        Fixtures.press([.character("e")], &demo)
        #expect(demo.overlay == nil)
        #expect(demo.status?.text.contains("no experiment file here") == true)

        var replaying = try Self.state()
        replaying.replay = ReplaySession(sources: [], failures: [])
        Fixtures.press([.character("e")], &replaying)
        #expect(replaying.overlay == nil)
        #expect(replaying.status?.text.contains("W goes back to the live runs") == true)
    }

    @Test func theFormFitsEightyByTwentyFourInASCII() throws {
        var state = try Self.state()
        state.size = TerminalSize(width: 80, height: 24)
        Fixtures.press([.character("e"), .down] + Self.type("abc"), &state)
        let grid = WorkbenchView.render(state, size: state.size, glyphs: .ascii)
        #expect(grid.isASCII)
        #expect(grid.find("learning rate") != nil)
        #expect(grid.find("expected a number, got \"abc\"") != nil)
        #expect(grid.find("Enter train") != nil)
    }

    @Test func aBackendThatCannotTrainPlaygroundsSaysSo() throws {
        let experiments = try Self.state().experiments
        let backend = RecordingBackend(experiments: experiments)
        let app = WorkbenchApp(terminal: TestTerminal(size: Fixtures.size, glyphs: .unicode), backend: backend)
        let bn = try #require(experiments.firstIndex { $0.id == "bn-vs-no-bn" })
        for _ in 0..<bn { app.send(.key(.down)) }
        app.send(.key(.character("e")))
        app.send(.key(.enter))
        #expect(backend.calls.isEmpty)
        #expect(app.state.status?.isError == true)
        #expect(app.state.status?.text.contains("the playground trains and writes experiments in `bnlab`") == true)
    }

    @Test func theLabBackendWritesAndReloadsItsCatalog() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bnlab-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = ScreenPaths.experiments.appendingPathComponent("bn-vs-no-bn.yaml")
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("bn-vs-no-bn.yaml"))
        let launcher = RunLauncher(queue: RunQueue(), dataFolder: folder, runsFolder: folder)
        let backend = LabBackend(catalog: ExperimentCatalog.load(folder: folder), launcher: launcher, classNames: [],
                                 experimentsFolder: folder)
        let form = try #require(PlaygroundForm(experiment: backend.experiments[0], variantIndex: 1))
        let variant = try form.outcome.get()
        let written = try backend.write(playground: variant)
        #expect(written.file == "\(folder.lastPathComponent)/bn-vs-no-bn-no-bn.yaml")
        #expect(backend.experiments.map(\.id) == ["bn-vs-no-bn", "bn-vs-no-bn-no-bn"])
        #expect(backend.experiments[1].problem == nil)
    }
}
