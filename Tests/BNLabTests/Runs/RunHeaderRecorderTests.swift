import BNLab
import Foundation
import Testing

/// Headers written by other programs (format 1.1): `modules`, `params`, `rank`, `world_size`, `group`.
@Suite("Run header: recorder fields") struct RunHeaderRecorderTests {
    static let header = #"{"format":"bnlab-run","version":"1.1","run_id":"a1b2c3","experiment":"resnet","variant":"bs64","#
        + #""config":null,"started":"2026-01-01T00:00:00Z","rank":1,"world_size":2,"group":"g7","#
        + #""params":{"lr":0.05,"batch_size":64,"optimizer":"sgd","sync":false},"#
        + #""modules":[{"name":"conv1","type":"Conv2d"},"#
        + #"{"name":"layer1.0.bn1","type":"BatchNorm2d","features":16,"eps":1e-05,"momentum":null,"affine":true,"track_running_stats":true},"#
        + #"{"name":"ln","type":"LayerNorm","features":[4,5],"eps":1e-05}]}"# + "\n"

    static func read(_ text: String) throws -> RunFile {
        try RunReader.read(data: Data(text.utf8), file: "recorder.jsonl")
    }

    @Test func modulesParamsAndRankAreRead() throws {
        let h = try Self.read(Self.header).header
        #expect(h.modules.map(\.name) == ["conv1", "layer1.0.bn1", "ln"])
        let bn = try #require(h.module(named: "layer1.0.bn1"))
        #expect(bn.features == 16 && bn.isBatchNorm && bn.isCumulative && bn.momentum == nil)
        #expect(bn.label == "layer1.0.bn1 (BatchNorm2d, 16 channels)")
        #expect(h.module(named: "ln")?.features == nil)  // a shape list is described, not refused
        #expect(h.paramsText == "batch_size=64 lr=0.05 optimizer=sgd sync=false")
        #expect(h.rank == 1 && h.worldSize == 2 && h.group == "g7")
    }

    @Test func aNullConfigWithParamsAddsNoNotice() throws {
        #expect(try Self.read(Self.header).notices.allSatisfy { !$0.contains("config") })
        let bare = Self.header.replacingOccurrences(of: #""params":{"lr":0.05,"batch_size":64,"optimizer":"sgd","sync":false},"#,
                                                    with: "")
        // the recorder's header without params still describes its model: no alarm either
        #expect(try Self.read(bare).notices.allSatisfy { !$0.contains("config") })
        let unknown = String(bare[..<bare.range(of: #","modules":"#)!.lowerBound]) + "}\n"
        #expect(try Self.read(unknown).notices.contains { $0.contains("config could not be read") })
    }

    @Test func theListingTakesLRAndBatchSizeFromParams() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("recorder-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Self.header.utf8).write(to: url)
        let listed = try RunSummaryReader.summary(contentsOf: url)
        #expect(listed.lr == 0.05 && listed.batchSize == 64 && listed.momentum == nil)
        let full = try Self.read(Self.header).summary   // the full header's path agrees
        #expect(full.lr == 0.05 && full.batchSize == 64)
        let odd = ParamSettings(["lr": .string("0.1"), "batch_size": .number(6.5), "momentum": .number(0.9)])
        #expect(odd.lr == nil && odd.batchSize == nil && odd.momentum == 0.9)
    }

    @Test func exportingWeightsOfARecorderRunSaysWhyThereAreNone() throws {
        let run = try Self.read(Self.header)
        let error = try #require(throws: CheckpointError.self) {
            try WeightsExport.write(run, checkpoint: nil, to: URL(fileURLWithPath: "/nonexistent/w.safetensors"))
        }
        #expect("\(error)".contains("written by another program"), "\(error)")
        #expect(!"\(error)".contains("checkpoint_every"), "\(error)")
    }

    @Test func epochsEndedWithoutEvaluationAreCountedFromTheEnd() throws {
        // rec.end_epoch() writes snapshots but no epoch event; the end says 2 epochs were finished
        let text = Self.header + #"{"type":"step","step":1,"epoch":1,"loss":2.0,"lr":0.05,"samples":64}"# + "\n"
            + #"{"type":"end","status":"done","step":1,"seconds":1.0,"epoch":2}"# + "\n"
        #expect(try Self.read(text).summary.epochs == 2)
    }

    @Test func theNewFieldsRoundTrip() throws {
        let h = try Self.read(Self.header).header
        let again = try JSONDecoder.iso().decode(RunHeader.self, from: JSONEncoder.iso().encode(h))
        #expect(again.modules == h.modules && again.params == h.params)
        #expect(again.rank == 1 && again.worldSize == 2 && again.group == "g7")
    }
}

private extension JSONDecoder {
    static func iso() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

private extension JSONEncoder {
    static func iso() -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        return e
    }
}

@Suite("Run listing: a run without an end")
struct RunWithoutEndStatusTests {
    @Test func aFileWrittenJustNowMayStillBeRunning() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data((RunHeaderRecorderTests.header + #"{"type":"step","step":1,"epoch":1,"loss":2.0,"lr":0.05,"samples":64}"# + "\n").utf8).write(to: url)
        let summary = try RunSummaryReader.summary(contentsOf: url)
        #expect(summary.statusText == "interrupted")
        #expect(summary.statusText() == "running?")
        #expect(summary.statusText(now: Date().addingTimeInterval(120)) == "interrupted")
    }
}
