import Testing
@testable import BNTUI

@Suite("Update: keys, runs and effects")
struct UpdateTests {
    @Test func movingClampsAtBothEnds() {
        var state = Fixtures.state()
        Fixtures.press([.up, .character("k")], &state)
        #expect(state.selectedExperiment == 0)
        Fixtures.press(Array(repeating: .down, count: 20), &state)
        #expect(state.selectedExperiment == state.experiments.count - 1)
        Fixtures.press([.character("g")], &state)
        #expect(state.selectedExperiment == 0)
        Fixtures.press([.end], &state)
        #expect(state.selectedExperiment == state.experiments.count - 1)
    }

    @Test func viAndArrowKeysDoTheSame() {
        var a = Fixtures.state(), b = Fixtures.state()
        Fixtures.press([.character("j"), .character("j"), .character("k")], &a)
        Fixtures.press([.down, .down, .up], &b)
        #expect(a == b)
        #expect(a.selectedExperiment == 1)
    }

    @Test func updateIsPureAndDeterministic() {
        let start = Fixtures.state(runs: Fixtures.runs(steps: 30))
        var a = start, b = start
        let keys: [Key] = [.down, .tab, .character("3"), .character("]"), .character("."), .character("s"), .enter]
        let ea = Fixtures.press(keys, &a), eb = Fixtures.press(keys, &b)
        #expect(a == b)
        #expect(ea == eb)
        #expect(start == Fixtures.state(runs: Fixtures.runs(steps: 30)))   // the original is untouched
    }

    @Test func enterOpensThePickerAndStartsAllVariants() {
        var state = Fixtures.state()
        var effects = Fixtures.press([.enter], &state)
        #expect(effects.isEmpty)
        #expect(state.overlay == .variantPicker(VariantPicker(experimentID: "bn-vs-no-bn")))
        effects = Fixtures.press([.enter], &state)
        #expect(effects == [.start(experimentID: "bn-vs-no-bn", variant: nil)])
        #expect(state.overlay == nil)
    }

    @Test func thePickerStartsOneVariant() {
        var state = Fixtures.state()
        let effects = Fixtures.press([.enter, .down, .down, .enter], &state)
        #expect(effects == [.start(experimentID: "bn-vs-no-bn", variant: "no-bn")])
        var again = Fixtures.state()
        #expect(Fixtures.press([.enter, .character("1"), .enter], &again) == [.start(experimentID: "bn-vs-no-bn", variant: "bn")])
        var cancelled = Fixtures.state()
        #expect(Fixtures.press([.enter, .escape], &cancelled).isEmpty)
        #expect(cancelled.overlay == nil)
    }

    @Test func aSingleVariantExperimentStartsAtOnce() {
        var state = Fixtures.state()
        let index = state.experiments.firstIndex { $0.variants.count == 1 }!
        Fixtures.press(Array(repeating: .down, count: index), &state)
        let effects = Fixtures.press([.enter], &state)
        #expect(effects == [.start(experimentID: state.experiments[index].id, variant: nil)])
    }

    @Test func anInvalidExperimentDoesNotStart() {
        var state = WorkbenchState(experiments: [
            ExperimentInfo(id: "broken", title: "Broken", summary: "s", variants: [VariantInfo(name: "a")],
                           problem: "broken.yaml line 3: unknown layer type 'BatchNorm3x'"),
        ])
        let effects = Fixtures.press([.enter], &state)
        #expect(effects.isEmpty)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("BatchNorm3x") == true)
    }

    @Test func quitAsksWhileRunsAreActive() {
        var state = Fixtures.state(runs: Fixtures.runs(steps: 10))
        #expect(state.activeRunCount == 2)
        var effects = Fixtures.press([.character("q")], &state)
        #expect(state.overlay == .confirmQuit(activeRuns: 2))
        #expect(!state.shouldQuit && effects.isEmpty)
        Fixtures.press([.character("n")], &state)
        #expect(state.overlay == nil && !state.shouldQuit)
        Fixtures.press([.control("c")], &state)
        #expect(state.overlay == .confirmQuit(activeRuns: 2))
        effects = Fixtures.press([.character("y")], &state)
        #expect(state.shouldQuit)
        #expect(effects == [.cancel(runID: "#1"), .cancel(runID: "#2")])
    }

    @Test func quitIsImmediateWithoutActiveRuns() {
        var state = Fixtures.state(runs: Fixtures.runs())
        #expect(state.activeRunCount == 0)
        Fixtures.press([.character("q")], &state)
        #expect(state.shouldQuit)
        var fresh = Fixtures.state()
        Fixtures.press([.control("c")], &fresh)
        #expect(fresh.shouldQuit)
    }

    @Test func helpTogglesAndSwallowsOtherKeys() {
        var state = Fixtures.state()
        Fixtures.press([.character("?")], &state)
        #expect(state.overlay == .help)
        Fixtures.press([.down, .enter], &state)
        #expect(state.overlay == .help && state.selectedExperiment == 0)
        Fixtures.press([.character("?")], &state)
        #expect(state.overlay == nil)
        Fixtures.press([.function(1), .escape], &state)
        #expect(state.overlay == nil)
        Fixtures.press([.character("?"), .character("q")], &state)
        #expect(state.overlay == nil && !state.shouldQuit)
    }

    @Test func runControlsActOnTheSelectedRun() {
        var state = Fixtures.state(runs: Fixtures.runs(steps: 10))
        #expect(Fixtures.press([.tab], &state).isEmpty)
        #expect(state.focus == .runs)
        #expect(Fixtures.press([.down, .character("p")], &state) == [.pause(runID: "#2")])
        #expect(Fixtures.press([.character("x")], &state) == [.cancel(runID: "#2")])
        var paused = Fixtures.runs(steps: 10)
        paused[0].state = .paused
        paused[0].newEvents = []
        _ = WorkbenchUpdate.update(&state, .runs([paused[0]]))
        #expect(Fixtures.press([.up, .character(" ")], &state) == [.resume(runID: "#1")])
    }

    @Test func runControlsWithoutRunsExplain() {
        var state = Fixtures.state()
        #expect(Fixtures.press([.character("x")], &state).isEmpty)
        #expect(state.status?.text.contains("no run") == true)
        Fixtures.press([.tab], &state)
        #expect(state.focus == .experiments)
    }

    @Test func chartAndSmoothingKeys() {
        var state = Fixtures.state()
        Fixtures.press([.character("2")], &state)
        #expect(state.chart == .accuracy)
        Fixtures.press([.character("c"), .character("c")], &state)
        #expect(state.chart == .loss)
        #expect(state.smoothingEnabled && state.smoothing == 0.6)
        Fixtures.press([.character("s")], &state)
        #expect(!state.smoothingEnabled)
        Fixtures.press([.character("+")], &state)
        #expect(state.smoothingEnabled && state.smoothing == 0.6)
        Fixtures.press([.character("+"), .character("+")], &state)
        #expect(state.smoothing == 0.8)
        Fixtures.press(Array(repeating: .character("+"), count: 10), &state)
        #expect(state.smoothing == 0.99)
        Fixtures.press(Array(repeating: .character("-"), count: 20), &state)
        #expect(state.smoothing == 0.1)
        Fixtures.press([.character("L")], &state)
        #expect(state.logScale)
        Fixtures.press([.character("n")], &state)
        #expect(state.showsNotes)
    }

    @Test func layersWrapAndChannelsClamp() {
        var state = Fixtures.state(runs: Fixtures.runs())
        Fixtures.press([.character("3")], &state)
        #expect(state.shownLayer == "2")
        Fixtures.press([.character("]")], &state)
        #expect(state.shownLayer == "5")
        Fixtures.press([.character("]")], &state)
        #expect(state.shownLayer == "2")
        Fixtures.press([.character("[")], &state)
        #expect(state.shownLayer == "5")
        Fixtures.press([.character(",")], &state)
        #expect(state.channel == 0)
        Fixtures.press(Array(repeating: .character("."), count: 20), &state)
        #expect(state.channel == 7)        // 8 channels in the fixture
        Fixtures.press([.character("v")], &state)
        #expect(state.statistic == .variance)
    }

    @Test func runReportsAccumulateIntoRecords() {
        var state = Fixtures.state()
        var runs = Fixtures.runs(steps: 20)
        _ = WorkbenchUpdate.update(&state, .runs(runs))
        #expect(state.runs.count == 2)
        #expect(state.runs[0].losses.count == 20)
        let revision = state.revision
        // A poll with nothing new changes nothing.
        for i in runs.indices { runs[i].newEvents = [] }
        _ = WorkbenchUpdate.update(&state, .runs(runs))
        #expect(state.revision == revision)
        #expect(state.runs[0].losses.count == 20)
    }

    @Test func chartRunsFollowTheSelection() {
        var state = Fixtures.state(runs: Fixtures.runs(steps: 10) + Fixtures.runs(experiment: "bn-momentum", steps: 10).map {
            var r = $0
            r.id = "m" + r.id
            return r
        })
        #expect(state.chartRuns.map(\.variant) == ["bn", "no-bn"])
        Fixtures.press([.down], &state)
        #expect(state.chartRuns.map(\.variant) == ["m0.5", "m0.1", "m0.01", "cumulative"])
        Fixtures.press([.up, .tab, .down, .down, .down], &state)
        #expect(state.currentExperiment?.id == "bn-momentum")
    }

    @Test func failedEffectsShowAnError() {
        var state = Fixtures.state()
        _ = WorkbenchUpdate.update(&state, .effectFailed("no experiment 'x'"))
        #expect(state.status == StatusMessage("no experiment 'x'", isError: true))
        Fixtures.press([.down], &state)
        #expect(state.status == nil)
    }
}
