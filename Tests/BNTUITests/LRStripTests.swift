import BNCharts
import BNLab
import Foundation
import Testing
@testable import BNTUI

/// The lr strip under the loss chart: drawn for a scheduled run, legible without colour and in
/// ASCII at 80x24, absent when every lr is constant.
@Suite("Loss panel: the learning-rate strip")
struct LRStripTests {
    /// The learning-rate runs, the first with a warmup to step 20 then a step decay ×0.1 at step 60.
    static func runs() -> [RunInfo] {
        var runs = ChartPanelFixtures.learningRate(variants: ["bn-lr0.1", "no-bn-lr0.1"])
        runs[0].newEvents = runs[0].newEvents.map { event in
            guard case .step(var s) = event else { return event }
            s.lr = s.step <= 20 ? 0.1 * Double(s.step) / 20 : s.step <= 60 ? 0.1 : 0.01
            return .step(s)
        }
        return runs
    }

    func render(_ runs: [RunInfo], _ glyphs: Glyphs = .unicode) -> Grid {
        let state = ChartPanelFixtures.state(size: TerminalSize(width: 80, height: 24), runs: runs)
        return WorkbenchView.render(state, size: state.size, glyphs: glyphs)
    }

    @Test func aScheduledRunGetsAStripOnTheChartsXAxis() throws {
        let lines = render(Self.runs()).lines()
        let caption = try #require(lines.firstIndex { $0.contains("lr of bn-lr0.1: 0.005 … 0.1 per step") })
        let top = lines[caption + 1], bottom = lines[caption + 2]
        #expect(top.contains(" 0.1 ") && bottom.contains(" 5e-3"))     // 0.005 is too wide for the gutter
        // Rising blocks in the warmup, full ones while the lr is 0.1 (steps 21-60), low ones after the decay.
        #expect(top.contains("████"))
        #expect(bottom.contains("▂▃▅▇█"))
        #expect(bottom.contains("██▂▂▂▂"))
    }

    @Test func theStripReadsInASCII() throws {
        let grid = render(Self.runs(), .ascii)
        #expect(grid.cells.allSatisfy { $0.character.isASCII })
        let lines = grid.lines()
        let caption = try #require(lines.firstIndex { $0.contains("lr of bn-lr0.1:") })
        #expect(lines[caption + 1].contains("####"))
    }

    @Test func constantRatesDrawNoStrip() {
        let text = render(ChartPanelFixtures.learningRate(variants: ["bn-lr0.1", "no-bn-lr0.1"])).description
        #expect(!text.contains("lr of"))
    }
}
