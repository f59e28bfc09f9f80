import Foundation
import Testing
@testable import BNLab

/// `bnlab export RUN… --long`: one long-format CSV of several runs.
@Suite("Long-format CSV export")
struct LongCSVTests {
    @Test("every step and epoch metric of every run is one row with the header's 8 columns, parsed back to the same numbers")
    func rows() throws {
        let urls = RunSummaryReaderTests.runFiles().prefix(3)
        var text = RunExporter.longCSVHeader
        var runs: [RunFile] = []
        for url in urls {
            let run = try RunReader.read(contentsOf: url, skipping: RunExporter.longCSVSkippedTypes)
            runs.append(run)
            text += RunExporter.longCSVRows(run)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "run,experiment,variant,seed,step,epoch,metric,value")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.allSatisfy { $0.count == 8 })
        for run in runs {
            let name = run.url!.deletingPathExtension().lastPathComponent
            let mine = rows.filter { $0[0] == name }
            let losses = mine.filter { $0[6] == "loss" }.map { Double($0[7]) ?? .nan }
            #expect("\(losses)" == "\(run.steps.map(\.loss))")
            #expect(mine.filter { $0[6] == "accuracy" }.map { Double($0[7])! } == run.epochs.map(\.accuracy))
            #expect(mine.allSatisfy { $0[1] == run.header.experiment && $0[3] == "\(run.header.seed)" })
        }
    }

    @Test("fields with commas or quotes are quoted; non-finite values are nan, inf, -inf")
    func quoting() {
        #expect(RunExporter.csvField("a,b") == "\"a,b\"")
        #expect(RunExporter.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(RunExporter.csvField("plain") == "plain")
        #expect([Double.nan, .infinity, -.infinity, 0.5].map(RunExporter.number) == ["nan", "inf", "-inf", "0.5"])
    }
}
