import Foundation
import Testing
@testable import BNLab

/// Writing and reading run files, and reading the damaged, foreign and future ones.
@Suite("Run files")
struct RunFormatTests {
    /// Writes the fixture events to a fresh folder and returns the writer (not finished).
    func writeFixtureRun(in folder: URL) throws -> RunWriter {
        let writer = try RunWriter(runsFolder: folder.appendingPathComponent("runs"), header: RunFixtures.header())
        for event in RunFixtures.events { try writer.append(event) }
        return writer
    }

    @Test("a written run reads back: header, every event, non-finite numbers; progress is not written")
    func roundTrip() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try writeFixtureRun(in: folder)
        try writer.finish(EndEvent(status: .done, step: 2, seconds: 3))
        #expect(writer.url.lastPathComponent == "bn-vs-no-bn-bn-20250131-120000-abc123.jsonl")
        #expect(writer.isFinished && writer.linesWritten == 1 + RunFixtures.events.count - 1 + 1)

        let run = try RunReader.read(contentsOf: writer.url)
        #expect(run.notices.isEmpty, "\(run.notices)")
        #expect(run.header == RunFixtures.header())
        #expect(run.header.config == RunFixtures.plan)
        let expected = RunFixtures.events.filter { if case .progress = $0 { false } else { true } }
        #expect(run.events.count == expected.count + 1)
        for (read, written) in zip(run.events, expected) {
            switch (read, written) {
            case (.bnSnapshot(let r), .bnSnapshot(let w)):
                #expect(r.batchMean[1] == -.infinity && r.batchVar[1].isNaN && r.runningMean == w.runningMean)
            case (.step(let r), .step(let w)) where !w.loss.isFinite:
                #expect(r.loss == .infinity && r.step == w.step)
            default:
                #expect(read == written)
            }
        }
        #expect(run.end == EndEvent(status: .done, step: 2, seconds: 3))

        let text = try String(contentsOf: writer.url, encoding: .utf8)
        #expect(text.contains(#""loss":"inf""#) && text.contains(#""nan""#) && text.contains(#""-inf""#))
        #expect(!text.contains("progress"))
        #expect(text.split(separator: "\n").count == writer.linesWritten)
    }

    @Test("every line is a JSON object whose fields follow the documented names")
    func lineShape() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try writeFixtureRun(in: folder)
        try writer.finish(EndEvent(status: .diverged, step: 2, message: "loss became inf at step 2"))
        let lines = try String(contentsOf: writer.url, encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(Set(objects[0].keys) == ["format", "version", "run_id", "experiment", "variant", "config", "seed",
                                         "dataset_fingerprint", "bnlab_version", "started", "class_names"])
        #expect(objects[0]["version"] as? String == "1.1" && objects[0]["started"] as? String == "2025-01-31T12:00:00Z")
        #expect(Set(objects[2].keys) == ["type", "step", "epoch", "loss", "lr", "samples"])
        #expect(Set(objects[3].keys) == ["type", "step", "epoch", "layer", "layer_type", "batch_mean", "batch_var",
                                         "running_mean", "running_var", "num_batches_tracked"])
        #expect(objects[5]["type"] as? String == "epoch" && objects[5]["class_accuracy"] is [Any] && objects[5]["train_mode"] is [Any])
        #expect(objects.last?["type"] as? String == "end" && objects.last?["status"] as? String == "diverged")
        let config = try #require(objects[0]["config"] as? [String: Any])
        let model = try #require(config["model"] as? [[String: Any]])
        #expect(model[2]["momentum"] is NSNull, "a cumulative momentum is written as null")
    }

    @Test("a run killed before its end leaves complete lines that read back")
    func unfinishedRun() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try writeFixtureRun(in: folder)
        // The writer is still open: read what is on disk now, as after a kill -9.
        let run = try RunReader.read(contentsOf: writer.url)
        #expect(run.events.count == RunFixtures.events.count - 1)
        #expect(run.notices == ["no end event: the run was interrupted or is still being written"])
        #expect(run.summary.statusText == "interrupted")
    }

    @Test("the writer never overwrites a file and refuses events after the end")
    func writerRules() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try writeFixtureRun(in: folder)
        #expect(throws: RunFileError.self) { try RunWriter(url: writer.url, header: RunFixtures.header()) }
        try writer.finish(EndEvent(status: .cancelled, step: 2))
        #expect(throws: RunFileError.self) { try writer.append(.step(StepEvent(step: 3, epoch: 1, loss: 1, lr: 0.01, samples: 192))) }
    }

    @Test("the file written by the Python example script is accepted")
    func pythonWritten() throws {
        let run = try RunReader.read(contentsOf: TestPaths.fixture("python-written.jsonl"))
        #expect(run.notices.isEmpty, "\(run.notices)")
        #expect(run.header.experiment == "python-example" && run.header.classNames.count == 10)
        let config = try #require(run.header.config)
        #expect(config.model.count == 5 && config.microBatch == 64 && config.phases.count == 1)
        #expect(run.steps.count == 20 && run.steps.last?.loss.isNaN == true)
        #expect(run.snapshots.map(\.numBatchesTracked) == [10, 20])
        #expect(run.epochs.first?.classCorrect.count == 10)
        #expect(run.end == EndEvent(status: .diverged, step: 20, message: "loss became NaN at step 20"))
        let summary = run.summary
        #expect(summary.status == .diverged && summary.finalTrainLoss == 0.9 && summary.epochs == 1)
        #expect(abs((summary.finalAccuracy ?? 0) - 0.845) < 1e-12)
    }

    @Test("a file cut off mid-line: the partial line is ignored with a notice")
    func truncated() throws {
        let run = try RunReader.read(contentsOf: TestPaths.fixture("truncated.jsonl"))
        #expect(run.events.count == 4)
        #expect(run.steps.map(\.step) == [1, 2, 3])
        #expect(run.notices == [
            "file ends mid-line after line 5: the last partial line was ignored",
            "no end event: the run was interrupted or is still being written",
        ])
    }

    @Test("events of unknown types are skipped and counted; a newer minor version is read")
    func unknownEventTypes() throws {
        let run = try RunReader.read(contentsOf: TestPaths.fixture("unknown-event.jsonl"))
        #expect(run.header.version == FormatVersion(major: 1, minor: 3))
        #expect(run.steps.map(\.step) == [1, 2])
        #expect(run.end?.status == .done)
        #expect(run.notices.count == 2)
        #expect(run.notices[0].hasPrefix("format version 1.3 is newer than this bnlab writes (1.1)"))
        #expect(run.notices[1] == "skipped 3 events of types this bnlab does not know (gradient_norms ×2, weight_histogram ×1); "
                + "a newer bnlab wrote them: upgrade to see them")
    }

    @Test("a newer major version is refused with a clear message")
    func newerMajorVersion() throws {
        do {
            _ = try RunReader.read(contentsOf: TestPaths.fixture("version-2.jsonl"))
            Issue.record("a version 2.0 file was accepted")
        } catch {
            #expect(error.kind == .newerVersion)
            #expect(error.description == "run file version-2.jsonl: format version 2.0 is newer than this bnlab reads (1.x); upgrade bnlab")
        }
    }

    @Test("a JSON Lines file that is not a run, and an empty file, are refused")
    func notARunFile() throws {
        do {
            _ = try RunReader.read(contentsOf: TestPaths.fixture("not-a-run.jsonl"))
            Issue.record("a foreign file was accepted")
        } catch {
            #expect(error.kind == .notARunFile)
            #expect(error.description.hasPrefix("run file not-a-run.jsonl:1: not a bnlab run file"))
        }
        #expect(throws: RunFileError.self) { try RunReader.read(data: Data(), file: "empty.jsonl") }
        #expect(throws: RunFileError.self) { try RunReader.read(data: Data("hello\n".utf8), file: "text.jsonl") }
        #expect(throws: RunFileError.self) { try RunReader.readHeader(contentsOf: TestPaths.fixture("not-a-run.jsonl")) }
    }

    @Test("unreadable lines are skipped with their line number and field; bare NaN is accepted")
    func damagedLines() throws {
        let run = try RunReader.read(contentsOf: TestPaths.fixture("damaged-lines.jsonl"))
        #expect(run.steps.count == 2 && run.steps.allSatisfy { $0.loss.isNaN })
        #expect(run.notices.count == 3, "\(run.notices)")
        #expect(run.notices[0].hasPrefix("line 4: could not read a 'step' event (field 'loss':"), "\(run.notices)")
        #expect(run.notices[1] == "line 5 is not a JSON object; skipped")
        #expect(run.notices[2] == "line 6 has no 'type' field; skipped")
    }

    @Test("a header whose config cannot be read still replays, with a notice")
    func unreadableConfig() throws {
        let line = #"{"format":"bnlab-run","version":"1.0","experiment":"x","variant":"v","started":"2025-01-31T12:00:00.250+01:00","config":{"variant":"v"}}"#
        let run = try RunReader.read(data: Data((line + "\n" + #"{"type":"end","status":"done","step":0}"# + "\n").utf8), file: "x.jsonl")
        #expect(run.header.config == nil)
        #expect(run.header.started == Date(timeIntervalSince1970: 1_738_321_200.25))
        #expect(run.notices == ["line 1: the run's config could not be read (field 'config.experiment_id': is missing); "
                                + "the events replay, but the run cannot be repeated from this file"])
        let missingExperiment = #"{"format":"bnlab-run","version":"1.0","variant":"v","started":"2025-01-31T12:00:00Z"}"#
        do {
            _ = try RunReader.read(data: Data(missingExperiment.utf8), file: "y.jsonl")
            Issue.record("a header without experiment was accepted")
        } catch {
            #expect(error.kind == .badHeader && error.problem == "the header cannot be read: field 'experiment': is missing")
        }
    }

    @Test("summaries of a runs folder: newest first, with the files that could not be read")
    func listing() throws {
        let folder = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let older = try RunWriter(runsFolder: folder, header: RunFixtures.header(runID: "aaaaaa"))
        for event in RunFixtures.events { try older.append(event) }
        try older.finish(EndEvent(status: .done, step: 2))
        var newerHeader = RunFixtures.header(runID: "bbbbbb")
        newerHeader.started = RunFixtures.started.addingTimeInterval(60)
        let newer = try RunWriter(runsFolder: folder, header: newerHeader)
        try newer.append(.step(StepEvent(step: 1, epoch: 1, loss: 2.5, lr: 0.01, samples: 64)))
        try FileManager.default.copyItem(at: TestPaths.fixture("version-2.jsonl"), to: folder.appendingPathComponent("v2.jsonl"))

        let (runs, failures) = RunReader.summaries(in: folder)
        #expect(runs.map(\.runID) == ["bbbbbb", "aaaaaa"])
        #expect(failures.map(\.kind) == [.newerVersion])
        #expect(runs[0].statusText == "interrupted" && runs[0].finalTrainLoss == 2.5 && runs[0].finalAccuracy == nil)
        #expect(runs[1].status == .done && runs[1].finalTrainLoss == 1.5 && runs[1].finalAccuracy == 0.25)
        #expect(runs[1].trainModeAccuracy == [2: 0.125])
        #expect(try RunReader.readHeader(contentsOf: newer.url).runID == "bbbbbb")
    }

    @Test("progress estimates: samples per second and time left")
    func progressEstimate() {
        let p = RunProgress.estimate(epoch: 1, totalEpochs: 2, step: 25, totalSteps: 100, samples: 1600, elapsedSeconds: 10)
        #expect(p.samplesPerSecond == 160 && p.etaSeconds == 30 && p.fraction == 0.25)
        #expect(RunProgress.estimate(epoch: 1, totalEpochs: 1, step: 0, totalSteps: 10, samples: 0, elapsedSeconds: 0).etaSeconds == nil)
    }

    @Test("format versions parse and order")
    func versions() {
        #expect(FormatVersion("1.0") == FormatVersion(major: 1, minor: 0))
        #expect(FormatVersion("1.12")! > FormatVersion("1.2")!)
        #expect(FormatVersion("1") == nil && FormatVersion("1.x") == nil && FormatVersion("-1.0") == nil)
    }
}

/// The format document and the example script stay in step.
@Suite("Run format documentation")
struct RunFormatDocTests {
    @Test("docs/run-format.md contains the example script verbatim and names every event type")
    func docMatchesScript() throws {
        let doc = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/run-format.md"), encoding: .utf8)
        let script = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("scripts/write-run-example.py"), encoding: .utf8)
        #expect(doc.contains(script))
        #expect(script.split(separator: "\n").count <= 30)
        for type in RunEvent.knownTypes { #expect(doc.contains("### `\(type)`"), "\(type)") }
        for key in RunHeader.CodingKeys.allCases { #expect(doc.contains("`\(key.stringValue)`"), "\(key.stringValue)") }
        for key in RunPlan.CodingKeys.allCases { #expect(doc.contains("`\(key.stringValue)`"), "\(key.stringValue)") }
    }
}
