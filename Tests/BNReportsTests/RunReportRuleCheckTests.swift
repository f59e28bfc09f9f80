import BNLab
import Foundation
import Testing
@testable import BNReports

@Suite("Run report: the check of PyTorch's rule per BN layer")
struct RunReportRuleCheckTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func file(_ path: String) throws -> RunFile {
        try RunReader.read(contentsOf: tests.appendingPathComponent(path))
    }

    /// `forwards` bn_watch events of layer "2", channels 0 and 5, whose running statistics follow
    /// `running = 0.9·running + 0.1·batch` (unbiased variance over count 4), in float; the running
    /// mean of channel 5 is off by `error` (relative) from forward `errorFrom` on.
    static func watches(forwards: Int, error: Float = 0, errorFrom: Int = .max) -> [RunEvent] {
        var mean: [Float] = [0, 0], variance: [Float] = [1, 1]
        var out: [RunEvent] = []
        for i in 1...forwards {
            let b: [Float] = [Float(i % 7) * 0.1, -Float(i % 5) * 0.2], v: [Float] = [0.5 + Float(i % 3) * 0.1, 1.2]
            for k in 0..<2 {
                mean[k] = 0.9 * mean[k] + 0.1 * b[k]
                variance[k] = 0.9 * variance[k] + 0.1 * v[k] * 4 / 3
            }
            var recorded = mean
            if i >= errorFrom { recorded[1] += error * max(abs(recorded[1]), 1) }
            out.append(.bnWatch(BNWatch(step: i, layer: "2", channels: [0, 5], count: 4, momentum: .factor(0.1),
                                        batchMean: b, batchVar: v, runningMean: recorded, runningVar: variance,
                                        numBatchesTracked: i)))
        }
        return out
    }

    static func run(_ events: [RunEvent], version: FormatVersion = FormatVersion(major: 1, minor: 1)) throws -> RunFile {
        var file = try file("BNTUITests/Fixtures/screen-runs/bn-vs-no-bn/bn-vs-no-bn-bn.jsonl")
        file.header.version = version
        file.events = events
        return file
    }

    @Test func aLayerFollowingTheRuleSaysSoWithItsForwardsChannelsAndDifference() throws {
        let text = RunReport(runs: [try Self.run(Self.watches(forwards: 1876))]).render()
        let line = try #require(text.split(separator: "\n").first { $0.contains("layer 2:") })
        #expect(line.contains("running_mean and running_var follow PyTorch's rule at all 1,876 forwards of channels 0, 5"), "\(line)")
        #expect(line.contains("(max relative difference "), "\(line)")
        #expect(text.contains("rule: run = 0.9*run + 0.1*batch (var: n/(n-1))"))
    }

    @Test func aLayerDepartingFromTheRuleSaysHowFar() throws {
        let text = RunReport(runs: [try Self.run(Self.watches(forwards: 50, error: 1e-3, errorFrom: 30))]).render()
        let line = try #require(text.split(separator: "\n").first { $0.contains("layer 2:") })
        #expect(line.contains("depart from PyTorch's rule over 50 forwards"), "\(line)")
        // An absolute error of 1e-3 on a running mean of at most ~0.4 (the floor is 0.1 of it).
        let mean = try #require(line.firstRange(of: "running_mean ").map { line[$0.upperBound...].prefix { $0 != "," } })
        let value = try #require(Double(mean))
        #expect(value > 1e-3 && value < 1e-2, "\(line)")
        #expect(line.contains("above 1e-5"))
    }

    @Test func everyLayerOfARecordedRunIsChecked() throws {
        let file = try Self.file("BNTUITests/Fixtures/screen-runs/grad-accumulation/grad-accumulation-micro-16x4.jsonl")
        let lines = RunReport(runs: [file]).ruleCheck()
        let layers = lines.filter { $0.hasPrefix("  layer ") }
        #expect(layers.count == 2, "\(lines)")
        #expect(layers.allSatisfy { $0.contains("follow PyTorch's rule at all 63 forwards of channels 0, 64, 128, 192") }, "\(lines)")
    }

    @Test func aLargeFileReadWithoutItsWatchesSaysHowToCheck() throws {
        let file = try Self.run([])
        var report = RunReport(runs: [file])
        #expect(report.ruleCheck().joined().contains("no bn_watch events"))
        report.unwatchedReads = [try #require(file.url)]
        let text = report.ruleCheck().joined(separator: "\n")
        #expect(text.contains("read without its per-forward record") && text.contains("--rule-check"))
    }

    @Test func aFormat10FileSaysItHasNoPerForwardRecord() throws {
        let old = try Self.file("Fixtures/runs/bn-vs-no-bn-bn.jsonl")
        #expect(old.header.version < FormatVersion(major: 1, minor: 1))
        let lines = RunReport(runs: [old]).ruleCheck()
        #expect(lines.contains { $0.contains("no per-forward record") && $0.contains("format \(old.header.version)") }, "\(lines)")
    }

    @Test func countsAreGroupedByThousands() {
        #expect(RunReport.grouped(1876) == "1,876")
        #expect(RunReport.grouped(37520) == "37,520")
        #expect(RunReport.grouped(999) == "999")
        #expect(RunReport.grouped(1_000_000) == "1,000,000")
    }
}
