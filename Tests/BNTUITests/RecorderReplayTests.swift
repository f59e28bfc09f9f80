import BNCharts
import BNLab
import Foundation
import Testing
@testable import BNTUI

/// Runs the PyTorch recorder wrote, replayed: their `params` in the config diff, and the rank files
/// of a data-parallel run named by rank.
@Suite("Replaying recorder runs: params compared, ranks named")
struct RecorderReplayTests {
    /// A recorder-like file: header with `params` (and `rank`, `group` when given), a few steps, an end.
    static func file(variant: String = "bn", runID: String, params: String, rank: Int? = nil, group: String = "g7",
                     config: String = "null") throws -> RunFile {
        let ddp = rank.map { #","rank":\#($0),"world_size":2,"group":"\#(group)""# } ?? ""
        var text = #"{"format":"bnlab-run","version":"1.1","run_id":"\#(runID)","experiment":"ddp-bn","variant":"\#(variant)","#
            + #""config":\#(config),"seed":0,"started":"2026-01-01T00:00:00Z","params":\#(params)\#(ddp)}"# + "\n"
        for step in 1...4 {
            text += #"{"type":"step","step":\#(step),"epoch":1,"loss":\#(2.0 / Double(step)),"lr":0.1,"samples":\#(8 * step)}"# + "\n"
        }
        text += #"{"type":"end","status":"done","step":4}"# + "\n"
        return try RunReader.read(data: Data(text.utf8), file: "\(runID).jsonl")
    }

    @Test func layersAreNumberedInModuleOrderWhateverEventComesFirst() {
        var record = RunRecord(id: "r1", experimentID: "e", variant: "v")
        record.moduleOrder = ["block1", "block1.bn", "fc", "bn_fc"]
        record.apply(.bnSnapshot(BNSnapshot(step: 4, layer: "bn_fc", batchMean: [0], batchVar: [1])))
        record.apply(.bnSnapshot(BNSnapshot(step: 4, layer: "block1.bn", batchMean: [0], batchVar: [1])))
        record.apply(.bnSnapshot(BNSnapshot(step: 4, layer: "extra", batchMean: [0], batchVar: [1])))
        #expect(record.layerNames == ["block1.bn", "bn_fc", "extra"])
        var plain = RunRecord(id: "r2", experimentID: "e", variant: "v")   // no modules: as they came
        plain.apply(.bnSnapshot(BNSnapshot(step: 4, layer: "5", batchMean: [0], batchVar: [1])))
        plain.apply(.bnSnapshot(BNSnapshot(step: 4, layer: "2", batchMean: [0], batchVar: [1])))
        #expect(plain.layerNames == ["5", "2"])
    }

    @Test func theConfigDiffComparesParams() throws {
        let a = try Self.file(runID: "aaa111", params: #"{"lr":0.1,"batch_size":32,"optimizer":"sgd"}"#)
        let b = try Self.file(runID: "bbb222", params: #"{"lr":0.05,"batch_size":32,"optimizer":"adamw"}"#)
        let diff = ConfigDiff(headers: [("r1", a.header), ("r2", b.header)])
        #expect(diff.rows.map(\.key) == ["params.lr", "params.optimizer"])
        #expect(diff.rows.map(\.values) == [["0.1", "0.05"], ["sgd", "adamw"]])
        #expect(diff.withoutConfig.isEmpty)
        #expect(ConfigDiff(headers: [("r1", a.header), ("r2", a.header)]).rows.isEmpty)
    }

    @Test func aParamOnlyOneRunHasIsADifferenceAndARunWithNothingIsNamed() throws {
        let a = try Self.file(runID: "aaa111", params: #"{"lr":0.1,"warmup":true}"#)
        let b = try Self.file(runID: "bbb222", params: #"{"lr":0.1}"#)
        let none = try Self.file(runID: "ccc333", params: "{}")
        let diff = ConfigDiff(headers: [("r1", a.header), ("r2", b.header), ("r3", none.header)])
        #expect(diff.rows.map(\.key) == ["params.lr", "params.warmup"])
        #expect(diff.rows.first { $0.key == "params.warmup" }?.values == ["true", nil, nil])
        #expect(diff.withoutConfig == ["r3"])
    }

    @Test func theRankFilesOfOneRunDifferInRankAndAreNamedByIt() throws {
        let files = try [0, 1].map { try Self.file(runID: "rank\($0)", params: #"{"lr":0.1}"#, rank: $0) }
        let state = ReplayFixtures.state(files)
        let replay = try #require(state.replay)
        #expect(replay.sources.map { replay.label(of: $0) } == ["bn r0", "bn r1"])
        #expect(replay.configDiff.rows.map(\.key) == ["rank"])
        #expect(RunRecord.labels(state.runs) == ["bn r0", "bn r1"])
        let grid = WorkbenchView.render(state, size: TerminalSize(width: 80, height: 24), glyphs: .unicode)
        #expect(grid.find("bn r0") != nil && grid.find("bn r1") != nil, "\(grid.lines().joined(separator: "\n"))")
        #expect(grid.find(" s0") == nil)
    }

    @Test func twoDataParallelRunsOfOneVariantAreToldApartByGroup() throws {
        let files = try [("g1", 0), ("g1", 1), ("g2", 0), ("g2", 1)].map { group, rank in
            try Self.file(runID: "\(group)r\(rank)", params: "{}", rank: rank, group: group)
        }
        let replay = try #require(ReplayFixtures.state(files).replay)
        #expect(replay.sources.map { replay.label(of: $0) } == ["bn #g1 r0", "bn #g1 r1", "bn #g2 r0", "bn #g2 r1"])
    }
}
