import BNCharts
import BNLab
import Foundation
import Testing
@testable import BNTUI

@Suite("Loss panel: diverged runs, markers, x axis, legible everywhere")
struct LossPanelTests {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 140, height: 45)]

    private func render(_ state: WorkbenchState, _ glyphs: Glyphs = .unicode) -> Grid {
        WorkbenchView.render(state, size: state.size, glyphs: glyphs)
    }

    /// The y tick labels of the loss plot: the numbers left of `┤` / `+` on rows right of the side panel.
    private func yLabels(_ grid: Grid, tick: Character) -> [String] {
        grid.lines().compactMap { line -> String? in
            guard let i = line.lastIndex(of: tick) else { return nil }
            let before = line[..<i].split(separator: " ").last.map(String.init) ?? ""
            return Double(before) != nil ? before : nil
        }
    }

    @Test(arguments: sizes)
    func aDivergedRunIsNamedAndTheOthersUseTheHeight(size: TerminalSize) {
        let grid = render(ChartPanelFixtures.state(size: size))
        let text = grid.description
        #expect(text.contains("no-bn-lr1.0 diverged at step 17"))
        #expect(text.contains("↑"))
        let labels = yLabels(grid, tick: "┤")
        #expect(labels.count >= 3)
        // The axis tops out near the learning runs' 2.5, not at the diverged 3e30.
        #expect(labels.compactMap(Double.init).max() ?? .infinity <= 5)
    }

    @Test(arguments: sizes)
    func withoutColourAndInASCIIEverySeriesHasItsMarker(size: TerminalSize) {
        let grid = render(ChartPanelFixtures.state(size: size), .ascii)
        #expect(grid.cells.allSatisfy { $0.character.isASCII })
        let text = grid.description
        for entry in ["* bn-lr0.1", "o bn-lr1.0", "+ no-bn-lr0.1", "x no-bn-lr1.0"] { #expect(text.contains(entry)) }
        #expect(text.contains("x no-bn-lr1.0 diverged at step 17"))
        #expect(text.contains("^"))
    }

    @Test func epochBoundariesAndPhaseMarkersAreDrawn() {
        let grid = render(ChartPanelFixtures.state(size: TerminalSize(width: 140, height: 45)))
        #expect(grid.description.contains("freeze body"))
        // Epoch 2 ends at step 60: a faint line there.
        #expect(grid.lines().filter { $0.contains("┊") }.count >= 10)
    }

    @Test func theXKeyCyclesStepEpochAndWallTime() {
        var state = ChartPanelFixtures.state(size: TerminalSize(width: 140, height: 45))
        #expect(render(state).description.contains("training loss per step"))
        Fixtures.press([.character("X")], &state)
        #expect(state.lossXAxis == .epoch)
        var text = render(state).description
        #expect(text.contains("training loss per step, x in epochs"))
        #expect(text.contains("no-bn-lr1.0 diverged at epoch 0.5667"))   // step 17 of 30
        Fixtures.press([.character("X")], &state)
        #expect(state.lossXAxis == .time)
        text = render(state).description
        #expect(text.contains("training loss per step, x in seconds"))
        #expect(text.contains("diverged at time 0.85 s"))               // 0.05 s per step
        Fixtures.press([.character("X")], &state)
        #expect(state.lossXAxis == .step)
    }

    @Test func filesWithoutWallTimeFallBackToSteps() {
        let runs = ChartPanelFixtures.learningRate().map { info -> RunInfo in
            var info = info
            info.newEvents = info.newEvents.map { event in
                guard case .step(var e) = event else { return event }
                e.time = nil
                return .step(e)
            }
            return info
        }
        var state = ChartPanelFixtures.state(size: TerminalSize(width: 140, height: 45), runs: runs)
        state.lossXAxis = .time
        #expect(render(state).description.contains("training loss per step (no wall time recorded)"))
    }

    @Test func theLogAxisUsesOneNotation() {
        var state = ChartPanelFixtures.state(size: TerminalSize(width: 140, height: 45))
        state.logScale = true
        let labels = yLabels(render(state), tick: "┤")
        #expect(labels.count >= 3)
        #expect(labels.allSatisfy { !$0.contains("e") } || labels.allSatisfy { $0.contains("e") })
    }
}

@Suite("Loss panel in replay: the cursor label")
struct LossPanelReplayTests {
    @Test func theCursorStepSitsOnTheAxisWithoutCuttingTickLabels() throws {
        var state = ReplayFixtures.state([try ReplayFixtures.bn, try ReplayFixtures.noBN])
        Fixtures.press([.character("F")], &state)
        let step = try #require(state.replay?.cursor.step)
        let grid = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode)
        let lines = grid.lines()
        let axis = try #require(lines.lastIndex { $0.contains("└┬") || ($0.contains("└─") && $0.contains("┬")) })
        let tick = try #require(lines[axis].firstIndex(of: "┬"))
        let column = lines[axis].distance(from: lines[axis].startIndex, to: tick)
        let labels = String(Array(lines[axis + 1]).dropFirst(column - 3)).split(separator: " ").map(String.init)
            .filter { !$0.contains("│") && $0 != "step" }   // the unit beside the end label
        #expect(labels.contains(String(step)), "\(lines[axis + 1])")
        // Every token is a whole number: no label was cut by another ("800    938k      1.2k").
        #expect(labels.allSatisfy { Int($0) != nil }, "\(labels)")
    }
}

@Suite("Loss panel: identical curves")
struct LossPanelIdenticalTests {
    @Test func theFourMomentaLossesAreSaidToBeIdentical() {
        // Momentum only changes the running statistics: the four losses are the same numbers.
        let variants = ["m0.5", "m0.1", "m0.01", "cumulative"]
        let runs = variants.enumerated().map { i, variant in
            RunInfo(id: "#\(i + 1)", experimentID: "bn-momentum", variant: variant, state: .done,
                    newEvents: (1...60).map { step in
                        .step(StepEvent(step: step, epoch: 1, loss: 2 / (1 + Double(step) / 10), lr: 0.1, samples: 64 * step))
                    })
        }
        var state = Fixtures.state(runs: runs, size: TerminalSize(width: 140, height: 45))
        state.selectedExperiment = state.experiments.firstIndex { $0.id == "bn-momentum" } ?? 0
        let text = WorkbenchView.render(state, size: state.size, glyphs: .unicode).description
        #expect(text.contains("= 4 curves identical: m0.5, m0.1, m0.01, cumulative"))
        // The legend shows where the smoothed lines end (the raw loss ends at 0.286).
        #expect(text.contains("last smoothed: ● m0.5 0.292"))
    }
}

@Suite("A labelled marker past the last loss stays on the loss chart")
struct MarkerPastTheLastLossTests {
    @Test func aDiagnosticOneStepPastTheLastLossIsDrawn() {
        let series = [Series(name: "run", points: (1...20).map { ChartPoint(x: Double($0), y: 1) })]
        let past = ChartMarker(x: 21, label: "! bn_fc", style: .labelled, color: .yellow)
        #expect(LossChartView.rangeShowingMarkers(series, markers: [past]) == 1...21)
        let inside = ChartMarker(x: 10, label: "freeze", style: .labelled, color: .yellow)
        #expect(LossChartView.rangeShowingMarkers(series, markers: [inside]) == nil)
        let faint = ChartMarker(x: 30, style: .faint, color: .gray)
        #expect(LossChartView.rangeShowingMarkers(series, markers: [faint]) == nil)
    }
}
