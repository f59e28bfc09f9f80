import BNLab
import Foundation
import Testing
@testable import BNReports

/// `bnlab show` on a run written by the PyTorch recorder: params, rank, diagnostics, layer names.
@Suite("Run report: recorder runs") struct RunReportRecorderTests {
    static let file = """
        {"format":"bnlab-run","version":"1.1","run_id":"r0a1b2","experiment":"ddp-bn","variant":"bn","config":null,\
        "started":"2026-01-01T00:00:00Z","params":{"lr":0.05,"sync":false},"rank":1,"world_size":2,"group":"g42"}
        {"type":"step","step":1,"epoch":1,"loss":2.3,"lr":0.05,"samples":8}
        {"type":"diagnostic","step":1,"layer":"layer1.0.bn1","kind":"small_batch_without_sync","text":"layer1.0.bn1 normalizes over 8 samples"}
        {"type":"bn_snapshot","step":1,"layer":"layer1.0.bn1","layer_type":"BatchNorm2d","batch_mean":[0.5,0.25],"batch_var":[1,2],"running_mean":[0.05,0.025],"running_var":[0.9,1.1],"num_batches_tracked":1}
        {"type":"end","status":"done","step":1}

        """

    @Test func paramsRankDiagnosticsAndModuleNamesAreShown() throws {
        let run = try RunReader.read(data: Data(Self.file.utf8), file: "rank1.jsonl")
        let text = RunReport(runs: [run], unicode: false).render()
        #expect(text.contains("  params: lr=0.05 sync=false"))
        #expect(text.contains("  rank 1 of 2, group g42"))
        #expect(text.contains("  ! warning small_batch_without_sync at step 1: layer1.0.bn1 normalizes over 8 samples"))
        #expect(text.contains("layer layer1.0.bn1 (BatchNorm2d, 2 channels) at step 1"))
        #expect(!text.contains("config could not be read"))
    }

    @Test func bnlabsOwnRunsGetNoRecorderLines() throws {
        let plain = Self.file.replacingOccurrences(of: #","params":{"lr":0.05,"sync":false},"rank":1,"world_size":2,"group":"g42""#,
                                                   with: "")
            .split(separator: "\n").filter { !$0.contains("diagnostic") }.joined(separator: "\n") + "\n"
        let run = try RunReader.read(data: Data(plain.utf8), file: "plain.jsonl")
        #expect(RunReport(runs: [run], unicode: false).recorderLines(run).isEmpty)
    }
}
