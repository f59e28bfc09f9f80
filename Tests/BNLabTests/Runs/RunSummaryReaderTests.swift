import Foundation
import Testing
@testable import BNLab

/// Summaries from a run's header and tail, and the runs folder's summary index.
@Suite("Run summaries and index")
struct RunSummaryReaderTests {
    /// The trained runs kept for the workbench's screen tests: real files of every status.
    static let screenRuns = TestPaths.packageRoot.appendingPathComponent("Tests/BNTUITests/Fixtures/screen-runs")

    static func runFiles() -> [URL] {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: screenRuns.path)) ?? []
        return folders.sorted().flatMap { folder -> [URL] in
            let dir = screenRuns.appendingPathComponent(folder)
            return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
                .filter { $0.hasSuffix(".jsonl") }.map { dir.appendingPathComponent($0) }
        }
    }

    @Test("header and tail give the summary a full read gives, for every tail size")
    func tailMatchesFullRead() throws {
        let files = Self.runFiles()
        #expect(files.count >= 10)
        for url in files {
            let full = RunSummary(try RunReader.read(contentsOf: url))
            for tail in [512, 4096, RunSummaryReader.tailBytes] {
                let quick = try RunSummaryReader.summary(contentsOf: url, tailBytes: tail)
                #expect(quick == full, "\(url.lastPathComponent), tail \(tail)")
            }
        }
    }

    @Test("an interrupted run whose tail holds only snapshots is streamed instead")
    func interruptedFallsBack() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = #"{"format":"bnlab-run","version":"1.1","experiment":"x","variant":"v","started":"2025-01-31T12:00:00Z"}"#
        var lines = [header]
        for step in 1...3 { lines.append(#"{"type":"step","step":\#(step),"epoch":1,"loss":0.5,"lr":0.1,"samples":8}"#) }
        lines.append(#"{"type":"epoch","epoch":1,"train_loss":0.4,"test_loss":0.6,"accuracy":0.75,"class_accuracy":[],"class_correct":[],"class_total":[]}"#)
        let channels = Array(repeating: "0.5", count: 64).joined(separator: ",")
        for _ in 0..<20 {
            lines.append(#"{"type":"bn_snapshot","step":3,"layer":"1","batch_mean":[\#(channels)],"batch_var":[\#(channels)]}"#)
        }
        let url = folder.appendingPathComponent("x.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        let quick = try RunSummaryReader.summary(contentsOf: url, tailBytes: 1024)
        #expect(quick == RunSummary(try RunReader.read(contentsOf: url)))
        #expect(quick.finalAccuracy == 0.75 && quick.epochs == 1 && quick.status == nil && quick.steps == 3)
    }

    @Test("the byte scan finds an event's type wherever the key stands, and only an unescaped pair")
    func typeScan() {
        #expect(EventTypeScan.type(of: Data(#"{"step":1,"type":"bn_watch"}"#.utf8)) == "bn_watch")
        #expect(EventTypeScan.type(of: Data(#"{"type": "step", "step": 1}"#.utf8)) == "step")
        #expect(EventTypeScan.type(of: Data(#"{"text":"\"type\":\"end\"","kind":"note"}"#.utf8)) == nil)
        #expect(EventTypeScan.type(of: Data(#"{"type":"#.utf8)) == nil)
        #expect(EventTypeScan.type(of: Data()) == nil)
    }

    @Test("the stream passes over skipped types and still reads the rest")
    func skippedTypes() throws {
        let url = try #require(Self.runFiles().first)
        let stream = try RunEventReader(contentsOf: url)
        stream.skippedTypes = ["bn_snapshot", "bn_watch"]
        var types = Set<String>()
        while let (_, event) = stream.next() { types.insert(event.type) }
        #expect(!types.contains("bn_snapshot") && !types.contains("bn_watch"))
        #expect(types.isSuperset(of: ["step", "epoch", "end"]))
    }

    @Test("the index is written, reused, refreshed when a file changes, and rebuilt when damaged")
    func index() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = Self.runFiles().prefix(4)
        for url in files { try FileManager.default.copyItem(at: url, to: folder.appendingPathComponent(url.lastPathComponent)) }
        try Data("{\"format\":\"bnlab-run\"".utf8).write(to: folder.appendingPathComponent("broken.jsonl"))
        let indexURL = folder.appendingPathComponent(RunIndex.fileName)
        let cold = RunIndex.listing(in: folder)
        #expect(cold.runs.count == files.count && cold.failures.count == 1)
        #expect(FileManager.default.fileExists(atPath: indexURL.path))
        let stored = try #require(RunIndex.load(indexURL))
        #expect(stored.runs.count == files.count)
        // the index answers: a summary changed inside it is what the next listing shows
        var edited = stored
        edited.runs[0].summary.variant = "from-the-index"
        edited.runs[0].summary.message = "tab\there, line\nbreak, back\\slash"
        RunIndex.save(edited, to: indexURL)
        #expect(RunIndex.listing(in: folder).runs.contains { $0.variant == "from-the-index" && $0.message == edited.runs[0].summary.message })
        #expect(RunIndex.load(indexURL)?.runs.map(\.summary) == edited.runs.map(\.summary))
        #expect(RunIndex.listing(in: folder, useIndex: false).runs == cold.runs)
        // a file that grew is read again
        let grown = folder.appendingPathComponent(edited.runs[0].file)
        let handle = try FileHandle(forWritingTo: grown)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.close()
        #expect(!RunIndex.listing(in: folder).runs.contains { $0.variant == "from-the-index" })
        // a damaged index is rebuilt
        try Data("{not json".utf8).write(to: indexURL)
        #expect(RunIndex.listing(in: folder).runs == cold.runs)
        #expect(RunIndex.load(indexURL) != nil)
        // a deleted run leaves the index
        try FileManager.default.removeItem(at: grown)
        #expect(RunIndex.listing(in: folder).runs.count == files.count - 1)
        #expect(RunIndex.load(indexURL)?.runs.count == files.count - 1)
    }

    @Test("the JSON listing is one document with the config columns; non-finite losses are strings")
    func jsonListing() throws {
        let runs = try Self.runFiles().map { RunSummary(try RunReader.read(contentsOf: $0)) }
        var listing = RunListing(runs: runs, failures: [])
        listing.runs[0].finalTrainLoss = .nan
        let object = try JSONSerialization.jsonObject(with: listing.jsonDocument()) as? [String: Any]
        let rows = try #require(object?["runs"] as? [[String: Any]])
        #expect(rows.count == runs.count)
        #expect(rows[0]["train_loss"] as? String == "nan")
        for (row, run) in zip(rows, runs) {
            #expect(row["lr"] as? Double == run.lr && row["batch_size"] as? Int == run.batchSize)
            #expect(row["experiment"] as? String == run.experiment && row["status"] as? String == run.statusText)
            #expect(row["file"] as? String == run.url?.lastPathComponent)
        }
    }

    @Test("labels of many runs are the labels run by run")
    func labelsMatch() {
        var ids: [RunIdentity] = []
        for i in 0..<60 {
            ids.append(RunIdentity(experiment: ["a", "b"][i % 2], variant: ["v", "w", "x"][i % 3],
                                   seed: i % 7 == 0 ? nil : UInt64(i % 5), tag: "#\(i)"))
        }
        for qualifies in [true, false] {
            #expect(RunNaming.labels(ids, qualifiesExperiment: qualifies)
                    == ids.map { RunNaming.label(of: $0, among: ids, qualifiesExperiment: qualifies) })
        }
    }

    @Test("a read for a report keeps steps, epochs, markers, every watch and the last snapshot of each layer; the first screen no watches")
    func reportRead() throws {
        for url in Self.runFiles() {
            let full = try RunReader.read(contentsOf: url)
            let report = try RunReader.readForReport(contentsOf: url)
            // compared as text: a diverged run's NaN losses are equal there
            #expect("\(report.steps)" == "\(full.steps)" && "\(report.epochs)" == "\(full.epochs)", "\(url.lastPathComponent)")
            #expect(report.markers == full.markers)
            #expect(report.end == full.end)
            // The report checks PyTorch's rule at every forward: it keeps every bn_watch; a replay's first screen does not.
            #expect(report.events.filter { $0.type == "bn_watch" } == full.events.filter { $0.type == "bn_watch" })
            #expect(!(try RunReader.readFirstScreen(contentsOf: url)).events.contains { $0.type == "bn_watch" })
            var lastFull: [String: BNSnapshot] = [:], lastReport: [String: BNSnapshot] = [:]
            for s in full.snapshots { lastFull[s.layer] = s }
            for s in report.snapshots { lastReport[s.layer] = s }
            #expect(lastReport == lastFull, "\(url.lastPathComponent)")
            #expect(report.snapshots.count == lastFull.count)
        }
    }

    @Test("the listing's date reading agrees with the run format's for bnlab's form, and leaves other forms to it")
    func fastDates() throws {
        let decoder = RunFormat.makeDecoder()
        for text in ["2025-01-31T12:00:00Z", "2026-12-01T23:59:59Z", "2000-02-29T00:00:00Z"] {
            let reference = try decoder.decode([Date].self, from: Data("[\"\(text)\"]".utf8))[0]
            #expect(SummaryHeader.utcDate(text) == reference, "\(text)")
        }
        for text in ["2025-01-31T12:00:00.5Z", "2025-01-31T12:00:00+01:00", "2025-13-31T12:00:00Z", "2025-01-31 12:00:00Z"] {
            #expect(SummaryHeader.utcDate(text) == nil, "\(text)")
        }
    }

    @Test("a header longer than the first block read is read all the same")
    func longHeader() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = (0..<2000).map { "\"class \($0)\"" }.joined(separator: ",")
        let header = #"{"format":"bnlab-run","version":"1.1","experiment":"x","variant":"v","started":"2025-01-31T12:00:00Z","class_names":["# + names + "]}"
        let end = #"{"type":"end","status":"done","step":3,"accuracy":0.5}"#
        let url = folder.appendingPathComponent("long.jsonl")
        try Data((header + "\n" + end + "\n").utf8).write(to: url)
        #expect(header.utf8.count > 8 << 10)
        let quick = try RunSummaryReader.summary(contentsOf: url)
        #expect(quick == RunSummary(try RunReader.read(contentsOf: url)))
        #expect(quick.status == .done && quick.finalAccuracy == 0.5)
    }

    @Test("steps decoded in parallel batches come out in file order, with other events and notices in place")
    func parallelSteps() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = [#"{"format":"bnlab-run","version":"1.1","experiment":"x","variant":"v","started":"2025-01-31T12:00:00Z"}"#]
        for step in 1...9000 {
            let loss = step == 5000 ? "\"nan\"" : "\(1.0 / Double(step))"
            lines.append(#"{"type":"step","step":\#(step),"epoch":\#(1 + step / 3000),"loss":\#(loss),"lr":0.1,"samples":\#(8 * step)}"#)
            if step == 4500 { lines.append(#"{"type":"step","step":"bad","epoch":1,"loss":0.5,"lr":0.1,"samples":8}"#) }
            if step % 3000 == 0 {
                lines.append(#"{"type":"epoch","epoch":\#(step / 3000),"train_loss":0.4,"test_loss":0.6,"accuracy":0.75,"class_accuracy":[],"class_correct":[],"class_total":[]}"#)
            }
        }
        let url = folder.appendingPathComponent("steps.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        let fast = try RunReader.read(contentsOf: url, skipping: ["bn_watch"])
        let full = try RunReader.read(contentsOf: url)
        #expect("\(fast.events)" == "\(full.events)")
        #expect(fast.notices == full.notices)
        #expect(fast.notices.contains { $0.contains("line 4503") })
        #expect(fast.steps.map(\.step) == Array(1...9000))
    }
}
