import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("Accuracy panel: bars per class and accuracy over epochs")
struct AccuracyPanelTests {
    private func state(_ width: Int, _ height: Int) -> WorkbenchState {
        var state = ChartPanelFixtures.state(size: TerminalSize(width: width, height: height))
        state.chart = .accuracy
        return state
    }

    private func render(_ state: WorkbenchState, _ glyphs: Glyphs = .unicode) -> Grid {
        WorkbenchView.render(state, size: state.size, glyphs: glyphs)
    }

    @Test func at80x24EveryClassAndEveryRunsTrendFit() {
        let text = render(state(80, 24)).description
        #expect(text.contains("% by epoch: overall, T-shirt/top"))
        // bn-lr0.1: 92.4 % overall and 66 % on T-shirt/top at the last epoch, rising over 3 epochs.
        #expect(text.contains("● bn-lr0.1    ▆▇▇ 92.4%  ▄▅▆ 66.0%"))
        for name in ["T-shirt/", "Trouser", "Sneaker", "Ankle bo"] { #expect(text.contains(name)) }
        #expect(!text.contains("classes fit"))
    }

    @Test func at140x45AccuracyOverEpochsIsALineChartBesideTheBars() throws {
        let grid = render(state(140, 45))
        let text = grid.description
        #expect(text.contains("% by epoch; class T-shirt/top (< >)"))
        #expect(text.contains("bn-lr0.1 T-shirt/top"))
        let titleRow = try #require(grid.find("% by epoch; class"))
        let right = Rect(x: titleRow.x, y: titleRow.y, width: 140 - titleRow.x, height: 45 - titleRow.y)
        #expect(grid.brailleCount(in: right) > 30)
        // The caption fits: no ellipsis at its end.
        let line = try #require(grid.lines().first { $0.contains("test accuracy, epoch 3") })
        let caption = try #require(line.range(of: "test accuracy").map { line[$0.lowerBound...] })
        #expect(!caption.contains("…"))
    }

    @Test func theChannelKeysPickTheClassOnTheAccuracyPanel() {
        var s = state(140, 45)
        Fixtures.press([.character(".")], &s)
        #expect(s.accuracyClass == 1)
        #expect(render(s).description.contains("by epoch; class Trouser"))
        Fixtures.press([.character(","), .character(",")], &s)
        #expect(s.accuracyClass == 0)
    }

    @Test(arguments: [(80, 24), (140, 45)])
    func asciiOnlyAndStillReadable(size: (Int, Int)) {
        let grid = render(state(size.0, size.1), .ascii)
        #expect(grid.cells.allSatisfy { $0.character.isASCII })
        #expect(grid.description.contains("% by epoch"))
        #expect(grid.description.contains("Ankle bo"))
    }
}
