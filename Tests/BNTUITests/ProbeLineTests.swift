import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("Probe drift under the accuracy legend")
struct ProbeLineTests {
    @Test func theDriftOfEachRunIsListedAndZeroIsExact() {
        var moving = RunRecord(id: "r1", experimentID: "frozen-bn", variant: "train-mode")
        moving.apply(.epoch(EpochEvent(epoch: 2, trainLoss: 0.5, testLoss: 0.5, classCorrect: [8], classTotal: [10],
                                       probeDrift: 0.0132, probeChanged: 2)))
        var frozen = RunRecord(id: "r2", experimentID: "frozen-bn", variant: "bn-eval")
        frozen.apply(.epoch(EpochEvent(epoch: 2, trainLoss: 0.5, testLoss: 0.5, classCorrect: [8], classTotal: [10],
                                       probeDrift: 0, probeChanged: 0)))
        let line = AccuracyChartView.probeLine([moving, frozen], glyphs: .unicode)
        #expect(line == "probe drift since the previous epoch: train-mode 0.0132 (2 changed class) · bn-eval 0")
        #expect(AccuracyChartView.probeLine([RunRecord(id: "r3", experimentID: "x", variant: "v")], glyphs: .unicode) == nil)
    }
}
