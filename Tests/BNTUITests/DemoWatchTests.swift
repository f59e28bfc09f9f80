import BNCharts
import BNLab
import Testing
@testable import BNTUI

@Suite("Demo backend: seeds, context and bn_watch events that obey PyTorch's rule")
struct DemoWatchTests {
    static let shape = DemoRunShape(epochs: 2, stepsPerEpoch: 60, snapshotEvery: 10, channels: 16)

    /// The records of a demo backend after `experiment` ran (twice when `twice`) to the end.
    static func records(_ experiment: String, twice: Bool = false) throws -> [RunRecord] {
        let backend = DemoBackend(shape: shape, stepsPerSecond: 1000, slots: 4, runsInBackground: false)
        try backend.start(experimentID: experiment, variant: nil)
        if twice { try backend.start(experimentID: experiment, variant: nil) }
        var state = Fixtures.state()
        for _ in 0..<10 {
            backend.advance(seconds: 1)
            _ = WorkbenchUpdate.update(&state, .runs(backend.poll()))
        }
        return state.runs
    }

    @Test func everyBNLayerWatchesFourChannelsAndTheRuleHoldsToFloatPrecision() throws {
        for experiment in ["bn-vs-no-bn", "bn-momentum"] {
            let runs = try Self.records(experiment)
            let withBN = runs.filter { !$0.watches.isEmpty }
            #expect(!withBN.isEmpty, "\(experiment): no run with bn_watch events")
            for run in withBN {
                #expect(run.watches.keys.sorted() == ["2", "5"])
                for (layer, trace) in run.watches {
                    #expect(trace.channels == [0, 4, 8, 12])
                    #expect(trace.received == Self.shape.totalSteps, "\(run.variant) layer \(layer)")
                    #expect(trace.rule.problem == nil, "\(run.variant) layer \(layer): \(trace.rule.problem ?? "")")
                    #expect(trace.rule.updates == Self.shape.totalSteps - 1)
                    #expect(max(trace.rule.maxRelativeMean, trace.rule.maxRelativeVariance) <= 1e-5,
                            "\(run.variant) layer \(layer): mean \(trace.rule.maxRelativeMean), var \(trace.rule.maxRelativeVariance)")
                }
            }
        }
    }

    @Test func theBNPanelShowsTheExpectedLine() throws {
        var state = Fixtures.state(runs: [])
        let backend = DemoBackend(shape: Self.shape, stepsPerSecond: 1000, runsInBackground: false)
        try backend.start(experimentID: "bn-vs-no-bn", variant: "bn")
        backend.advance(seconds: 1)
        _ = WorkbenchUpdate.update(&state, .runs(backend.poll()))
        state.chart = .runningStats
        let text = WorkbenchView.render(state, size: TerminalSize(width: 140, height: 45), glyphs: .unicode).description
        #expect(text.contains("expected"), "\(text)")
        #expect(text.contains("max |expected - running|"), "\(text)")
    }

    @Test func demoRunsCarryASeedPerVariantAndTheirContext() throws {
        let runs = try Self.records("bn-vs-no-bn", twice: true)
        #expect(runs.map(\.seed) == [1, 1, 2, 2])
        #expect(RunRecord.labels(runs) == ["bn s1", "no-bn s1", "bn s2", "no-bn s2"])
        #expect(runs.allSatisfy { $0.context == RunContext(trainImages: 60 * 64, testImages: 10_000, epochs: 2) })
    }
}
