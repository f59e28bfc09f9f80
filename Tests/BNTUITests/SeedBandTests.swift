import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("Seeds as a band: grouping and band values")
struct SeedBandTests {
    @Test func runsDifferingOnlyInTheSeedAreGrouped() throws {
        let bn = try ReplayFixtures.bn
        let sources = [bn, try ReplayFixtures.noBN, ReplayFixtures.reseeded(bn, seed: 7), ReplayFixtures.reseeded(bn, seed: 9)]
            .enumerated().map { ReplaySource(id: "r\($0.offset + 1)", file: $0.element) }
        #expect(SeedBand.groups(sources) == [[0, 2, 3], [1]])
        // The same seed twice is a repeat, not a band.
        let twice = [bn, bn].enumerated().map { ReplaySource(id: "r\($0.offset + 1)", file: $0.element) }
        #expect(SeedBand.groups(twice) == [[0], [1]])
    }

    @Test func theBandIsTheMeanMinAndMaxAtEachCommonStep() {
        var a = RunRecord(id: "r1", experimentID: "e", variant: "v")
        var b = RunRecord(id: "r2", experimentID: "e", variant: "v")
        var c = RunRecord(id: "r3", experimentID: "e", variant: "v")
        for (record, losses) in [(0, [1.0, 0.5, 0.25]), (1, [0.5, 0.75, .nan]), (2, [0.75, 1.0])] {
            for (i, loss) in losses.enumerated() {
                let event = RunEvent.step(StepEvent(step: i + 1, epoch: 1, loss: loss, lr: 0.1, samples: 64))
                switch record {
                case 0: a.apply(event)
                case 1: b.apply(event)
                default: c.apply(event)
                }
            }
        }
        let band = SeedBand(records: [a, b, c])
        #expect(band.mean.map(\.x) == [1, 2])        // step 3: r2 is not finite, r3 has none
        #expect(band.mean.map(\.y) == [0.75, 0.75])
        #expect(band.low.map(\.y) == [0.5, 0.5])
        #expect(band.high.map(\.y) == [1.0, 1.0])
    }

    @Test func theLossChartDrawsOneMeanLineWithAShadedBand() throws {
        let bn = try ReplayFixtures.bn
        var other = ReplayFixtures.reseeded(bn, seed: 7)
        other.events = other.events.map { event in
            guard case .step(var e) = event else { return event }
            e.loss *= 1.6
            return .step(e)
        }
        var state = ReplayFixtures.state([bn, other, try ReplayFixtures.noBN])
        Fixtures.press([.character("$")], &state)
        let grid = WorkbenchView.render(state, size: Fixtures.size, glyphs: .unicode)
        let text = grid.description
        #expect(text.contains("bn mean of 2 seeds"))
        #expect(text.contains("no-bn"))
        // Named once, in the runs panel: the legend has the group, not each seed.
        #expect(text.components(separatedBy: "bn s7").count == 2)
        #expect(text.contains("░"))
    }
}
