import BNLab
import Foundation
import Testing
@testable import BNReports

@Suite("Run report: the loss chart")
struct RunReportChartTests {
    /// A run over two epochs of 100 steps with a phase marker after the first.
    static func run(_ variant: String, loss: (Int) -> Double) -> RunFile {
        var file = RunReportTests.run(variant: variant, losses: [])
        file.events = (1...200).map { step in
            .step(StepEvent(step: step, epoch: step <= 100 ? 1 : 2, loss: loss(step), lr: 0.1, samples: 64 * step))
        } + [.marker(MarkerEvent(step: 100, kind: .freeze, text: "freeze body: head only"))]
        return file
    }

    let runs = [
        run("bn") { 2 * exp(-Double($0) / 40) + 0.1 },
        run("no-bn-lr1.0") { $0 < 17 ? 2.2 : 3e30 },
    ]

    @Test func aDivergedRunIsNamedAndTheOtherUsesTheHeight() throws {
        let lines = RunReport(runs: runs, unicode: false).lossChart()
        let text = lines.joined(separator: "\n")
        #expect(text.contains("no-bn-lr1.0 diverged at step 17"))
        #expect(!text.contains("e30") || text.contains("3.0e30"))     // only in the note, never as a tick
        // The bn curve ('*') spans most of the plot's rows.
        let rows = lines.indices.filter { lines[$0].contains("*") && !lines[$0].hasPrefix("*") }
        #expect((rows.max() ?? 0) - (rows.min() ?? 0) >= 10)
    }

    @Test func seriesMarkersEpochEndsAndPhasesShowWithoutColour() {
        let text = RunReport(runs: runs, unicode: false).lossChart().joined(separator: "\n")
        #expect(text.contains("* bn  o no-bn-lr1.0"))
        #expect(text.contains("freeze body"))
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    }
}
