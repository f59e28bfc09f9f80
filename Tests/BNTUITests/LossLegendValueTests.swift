import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("Loss legend: the number is the line's end as drawn, and says which")
struct LossLegendValueTests {
    /// One bn run whose raw loss ends on a spike (0.9) above its smoothed line (about 0.5), at 80×24.
    static func state() -> WorkbenchState {
        let losses = (1...60).map { 2 / (1 + Double($0) / 10) } + [0.9]
        let run = RunInfo(id: "#1", experimentID: "bn-vs-no-bn", variant: "bn", state: .done,
                          newEvents: losses.enumerated().map { i, loss in
                              .step(StepEvent(step: i + 1, epoch: 1, loss: loss, lr: 0.1, samples: 64 * (i + 1)))
                          })
        var state = Fixtures.state(runs: [run], size: TerminalSize(width: 80, height: 24))
        state.selectedExperiment = state.experiments.firstIndex { $0.id == "bn-vs-no-bn" } ?? 0
        return state
    }

    static func legend(_ state: WorkbenchState) throws -> String {
        let lines = WorkbenchView.render(state, size: state.size, glyphs: .unicode).lines()
        return try #require(lines.first { $0.contains("● bn") }, "no legend: \(lines)")
    }

    @Test func smoothedTheLegendShowsTheSmoothedEnd() throws {
        let state = Self.state()
        let losses = state.runs[0].losses.map(\.y)
        let smoothed = try #require(EMASmoothing(weight: state.smoothing).apply(losses).last)
        let legend = try Self.legend(state)
        #expect(legend.contains("last smoothed: ● bn " + NumberFormat.value(smoothed, significantDigits: 3) + " "), "\(legend)")
        #expect(!legend.contains("0.9"), "\(legend)")
    }

    @Test func unsmoothedTheLegendShowsTheRawEnd() throws {
        var state = Self.state()
        Fixtures.press([.character("s")], &state)
        #expect(!state.smoothingEnabled)
        let legend = try Self.legend(state)
        #expect(legend.contains("last: ● bn 0.9 "), "\(legend)")
    }
}
