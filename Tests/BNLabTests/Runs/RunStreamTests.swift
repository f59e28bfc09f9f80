import Foundation
import Testing
@testable import BNLab

/// Reading run files as a stream: lines that cannot be decoded safely, limits, bounded memory.
@Suite("Run file streaming")
struct RunStreamTests {
    static let header = #"{"format":"bnlab-run","version":"1.1","experiment":"x","variant":"v","started":"2025-01-31T12:00:00Z"}"#

    /// A file of the header, `lines` and an end event, as bytes.
    func file(_ lines: [String], end: Bool = true) -> Data {
        var text = ([Self.header] + lines).joined(separator: "\n") + "\n"
        if end { text += #"{"type":"end","status":"done","step":1}"# + "\n" }
        return Data(text.utf8)
    }

    /// The notices but the one about the header's missing config.
    func problems(_ notices: [String]) -> [String] {
        notices.filter { !$0.hasPrefix("line 1: the run's config") }
    }

    @Test("an invalid UTF-8 byte before a key is a skipped line, not a crash")
    func invalidUTF8() throws {
        var data = file([#"{"type":"step","step":1,"epoch":1,"loss":0.5,"lr":0.1,"samples":8}"#], end: false)
        data += Data([0x7B, 0xFF]) + Data(#""type":"step","step":2,"epoch":1,"loss":0.5,"lr":0.1,"samples":16}"#.utf8) + Data([0x0A])
        data += Data([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D, 0x0A])   // {"\xC3(":1}
        let run = try RunReader.read(data: data, file: "bad.jsonl")
        #expect(run.steps.map(\.step) == [1])
        #expect(run.notices.contains("line 3 is not valid UTF-8 (byte 2); skipped"), "\(run.notices)")
        #expect(run.notices.contains("line 4 is not valid UTF-8 (byte 3); skipped"), "\(run.notices)")
        var header = Data(Self.header.utf8)
        header.insert(0xFE, at: 1)
        #expect(throws: RunFileError.self) { try RunReader.read(data: header, file: "h.jsonl") }
    }

    @Test("Python's bare NaN, Infinity and -Infinity are read; the same words inside strings are kept")
    func pythonTokens() throws {
        let run = try RunReader.read(data: file([
            #"{"type":"step","step":1,"epoch":1,"loss":NaN,"lr":Infinity,"samples":8}"#,
            #"{"type":"step","step":2,"epoch":1,"loss":-Infinity,"lr":0.1,"samples":16}"#,
            #"{"type":"marker","step":2,"kind":"note","text":"NaN \"Infinity\" -Infinity"}"#,
        ]), file: "py.jsonl")
        #expect(problems(run.notices).isEmpty, "\(run.notices)")
        #expect(run.steps[0].loss.isNaN && run.steps[0].lr == .infinity && run.steps[1].loss == -.infinity)
        #expect(run.markers.first?.text == #"NaN "Infinity" -Infinity"#)
    }

    @Test("a line over the length limit is skipped with a notice; the lines after it are read")
    func overlongLine() throws {
        let long = #"{"type":"marker","step":1,"kind":"note","text":""# + String(repeating: "a", count: 5000) + #""}"#
        let data = file([long, #"{"type":"marker","step":1,"kind":"note","text":"short"}"#])
        let stream = try RunEventReader(data: data, file: "long.jsonl", maxLineBytes: 1000)
        var events: [RunEvent] = []
        while let (_, event) = stream.next() { events.append(event) }
        #expect(events.count == 2)
        #expect(problems(stream.notices) == ["line 2 is \(long.utf8.count) bytes long, over the limit of 1000 bytes; skipped"])
    }

    @Test("counting integers outside 0 … 2^53 and snapshot lists of unequal lengths are skipped, naming the field")
    func integerAndListChecks() throws {
        let run = try RunReader.read(data: file([
            #"{"type":"step","step":9223372036854775807,"epoch":1,"loss":1,"lr":0.1,"samples":8}"#,
            #"{"type":"step","step":1,"epoch":-1,"loss":1,"lr":0.1,"samples":8}"#,
            #"{"type":"bn_snapshot","step":1,"layer":"2","batch_mean":[1,2],"batch_var":[1],"running_mean":[0,0]}"#,
            #"{"type":"bn_snapshot","step":1,"layer":"2","batch_mean":[1,2],"batch_var":[1,1],"num_batches_tracked":9007199254740993}"#,
            #"{"type":"bn_snapshot","step":1,"layer":"2","batch_mean":[1,2],"batch_var":[1,1],"count":64}"#,
        ]), file: "ints.jsonl")
        #expect(run.steps.isEmpty)
        #expect(run.snapshots.count == 1)
        let notices = problems(run.notices)
        try #require(notices.count == 4, "\(notices)")
        #expect(notices[0] == "line 2: could not read a 'step' event (field 'step': 9223372036854775807 is outside 0 … 2^53); skipped")
        #expect(notices[1].contains("field 'epoch': -1"))
        #expect(notices[2] == "line 4: could not read a 'bn_snapshot' event (field 'batch_var': has 1 values but 'batch_mean' has 2; every list must have one value per channel); skipped")
        #expect(notices[3].contains("field 'num_batches_tracked'"))
    }

    @Test("lines split across read chunks, CRLF endings and a partial last line")
    func chunkBoundaries() {
        let lines = (0..<30_000).map { "line \($0) " + String(repeating: "x", count: $0 % 97) }
        let data = Data((lines.joined(separator: "\r\n") + "\r\nlast").utf8)
        let reader = LineReader(data: data)
        var read: [String] = []
        var kinds: [LineReader.Line.Kind] = []
        while let line = reader.next() {
            read.append(String(decoding: line.bytes, as: UTF8.self))
            kinds.append(line.kind)
        }
        let expected = lines + ["last"]
        #expect(read.count == expected.count)
        let firstDifference = read.indices.first { $0 < expected.count && read[$0] != expected[$0] }
        #expect(firstDifference == nil, "line \(firstDifference ?? 0): \(firstDifference.map { read[$0].prefix(80) } ?? "")")
        #expect(kinds.last == .partial && kinds.dropLast().allSatisfy { $0 == .complete })
    }

    @Test("snapshots are thinned to evenly spaced ones per layer, keeping the first and the last; other events all stay")
    func snapshotThinning() {
        var thinning = EventThinning(snapshotLimit: 64)
        for step in 1...10_000 {
            thinning.append(.step(StepEvent(step: step, epoch: 1, loss: 1, lr: 0.1, samples: step)))
            for layer in ["2", "5"] {
                thinning.append(.bnSnapshot(BNSnapshot(step: step, layer: layer, batchMean: [0], batchVar: [1])))
            }
        }
        let (events, notices) = thinning.finish()
        #expect(notices.count == 2 && notices[0].hasPrefix("kept ") && notices[0].hasSuffix(" of 10000 snapshots of layer 2, evenly spaced, to bound memory"))
        let steps = events.compactMap { if case .step(let s) = $0 { s.step } else { nil } }
        let allSteps = steps == Array(1...10_000)
        #expect(allSteps, "\(steps.count) step events kept")
        for layer in ["2", "5"] {
            let kept = events.compactMap { if case .bnSnapshot(let s) = $0, s.layer == layer { s.step } else { nil } }
            #expect(kept.count > 32 && kept.count <= 65, "\(kept.count)")
            #expect(kept.first == 1 && kept.last == 10_000)
            let gaps = Set(zip(kept.dropLast(2), kept.dropFirst().dropLast()).map { $1 - $0 })
            #expect(gaps.count == 1, "\(gaps)")   // evenly spaced, but for the last one
        }
        // file order is kept: every snapshot comes after the step event of its step
        var lastStep = 0
        for event in events {
            if case .step(let s) = event { lastStep = s.step }
            if case .bnSnapshot(let s) = event { #expect(s.step == lastStep) }
        }
    }

    @Test("a folder or a device is refused instead of being read forever")
    func notRegularFiles() throws {
        for path in ["/dev/zero", NSTemporaryDirectory()] where FileManager.default.fileExists(atPath: path) {
            #expect(throws: RunFileError.self) { try RunReader.read(contentsOf: URL(fileURLWithPath: path)) }
        }
    }

    @Test("step events beyond the limit are thinned evenly; non-finite losses and the last step always stay")
    func stepThinning() {
        var thinning = EventThinning(stepLimit: 100)
        for step in 1...5_000 {
            let loss = step == 1_234 ? Double.nan : 1 / Double(step)
            thinning.append(.step(StepEvent(step: step, epoch: 1, loss: loss, lr: 0.1, samples: step)))
        }
        thinning.append(.end(EndEvent(status: .diverged, step: 5_000)))
        let (events, notices) = thinning.finish()
        let steps = events.compactMap { if case .step(let s) = $0 { s.step } else { nil } }
        #expect(steps.count > 50 && steps.count <= 102, "\(steps.count)")
        #expect(steps.first == 1 && steps.last == 5_000 && steps.contains(1_234))
        #expect(steps == steps.sorted())
        #expect(events.last == .end(EndEvent(status: .diverged, step: 5_000)))
        #expect(notices == ["kept \(steps.count - 1) of 4999 step events, evenly spaced, to bound memory"])
    }
}
