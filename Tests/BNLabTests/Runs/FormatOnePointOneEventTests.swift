import Foundation
import Testing
@testable import BNLab

/// The format 1.1 events: `bn_watch` (momentum missing vs null, list lengths), `diagnostic`, `checkpoint`.
@Suite("Format 1.1 events")
struct FormatOnePointOneEventTests {
    let header = #"{"format":"bnlab-run","version":"1.1","experiment":"e","variant":"v","started":"2025-01-31T12:00:00Z","config":null}"#

    func read(_ lines: [String]) throws -> RunFile {
        try RunReader.read(data: Data(([header] + lines).joined(separator: "\n").appending("\n").utf8), file: "t.jsonl")
    }

    func watches(_ run: RunFile) -> [BNWatch] {
        run.events.compactMap { if case .bnWatch(let w) = $0 { w } else { nil } }
    }

    @Test("bn_watch: a number, null (cumulative) and a missing momentum are told apart")
    func momentumForms() throws {
        let base = #""type":"bn_watch","step":3,"layer":"2","channels":[0,5],"count":64,"batch_mean":[1,2],"batch_var":[3,4],"running_mean":[0.1,0.2],"running_var":[1,1],"num_batches_tracked":3"#
        let run = try read(["{\(base),\"momentum\":0.25}", "{\(base),\"momentum\":null}", "{\(base)}"])
        let w = watches(run)
        #expect(w.map(\.momentum) == [.factor(0.25), .cumulative, nil])
        #expect(w.allSatisfy { $0.micro == 1 && $0.training })
        #expect(!run.notices.contains { $0.contains("skipped") }, "\(run.notices)")
    }

    @Test("bn_watch round-trips through the encoder, null momentum written as null")
    func roundTrip() throws {
        for momentum in [BNMomentum.factor(0.1), .cumulative, nil] {
            let watch = BNWatch(step: 7, micro: 3, layer: "5", training: false, channels: [1, 9], count: 196, momentum: momentum,
                                runningMean: [0.5, -0.25], runningVar: [1.5, 2], numBatchesTracked: 20)
            let data = try RunFormat.makeEncoder().encode(RunEvent.bnWatch(watch))
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains(#""momentum":null"#) == (momentum == .cumulative))
            #expect(text.contains("momentum") == (momentum != nil))
            #expect(try RunFormat.makeDecoder().decode(RunEvent.self, from: data) == .bnWatch(watch))
        }
    }

    @Test("a bn_watch or bn_snapshot whose lists differ in length is skipped with a notice naming the field")
    func listLengths() throws {
        let run = try read([
            #"{"type":"bn_watch","step":1,"layer":"2","channels":[0,1,2],"count":64,"momentum":0.1,"batch_mean":[1,2,3],"batch_var":[1,2],"running_mean":[0,0,0],"running_var":[1,1,1]}"#,
            #"{"type":"bn_watch","step":1,"layer":"2","channels":[0],"count":-4,"momentum":0.1,"batch_mean":[1],"batch_var":[1]}"#,
            #"{"type":"bn_watch","step":1,"layer":"2","channels":[0],"count":4,"momentum":0.1,"batch_var":[1]}"#,
            #"{"type":"bn_snapshot","step":1,"layer":"2","batch_mean":[1,2],"batch_var":[1,2],"running_mean":[0]}"#,
            #"{"type":"bn_watch","step":2,"layer":"2","training":false,"channels":[0],"count":4,"momentum":0.1,"running_mean":[0.5]}"#,
        ])
        #expect(watches(run).count == 1)
        #expect(run.snapshots.isEmpty)
        let notes = run.notices.joined(separator: "\n")
        #expect(notes.contains("line 2") && notes.contains("'batch_var'") && notes.contains("has 2 values"))
        #expect(notes.contains("line 3") && notes.contains("'count'"))
        #expect(notes.contains("line 4") && notes.contains("'batch_mean'"))
        #expect(notes.contains("line 5") && notes.contains("'running_mean'"))
    }

    @Test("diagnostic and checkpoint events are read, unknown diagnostic kinds kept, severity defaults to warning")
    func diagnosticAndCheckpoint() throws {
        let run = try read([
            #"{"type":"diagnostic","step":120,"layer":"layer1.0.bn1","kind":"frozen_bn_moving","text":"moved"}"#,
            #"{"type":"diagnostic","step":121,"kind":"future_kind","severity":"info","text":"x"}"#,
            #"{"type":"checkpoint","step":938,"epoch":1,"file":"a.e1.safetensors","reason":"epoch"}"#,
        ])
        let kinds = run.events.compactMap { if case .diagnostic(let d) = $0 { d } else { nil } }
        #expect(kinds.map(\.kind) == [.frozenBNMoving, DiagnosticKind(rawValue: "future_kind")])
        #expect(kinds.map(\.severity) == [.warning, .info])
        #expect(run.events.contains(.checkpoint(CheckpointEvent(step: 938, epoch: 1, file: "a.e1.safetensors", reason: "epoch"))))
        #expect(RunEvent.knownTypes.isSuperset(of: ["bn_watch", "diagnostic", "checkpoint"]))
    }
}
