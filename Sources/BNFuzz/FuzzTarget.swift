import BNCore
import BNData
import BNLab
import BNParity
import BNReports
import Foundation

/// The readers fuzzed: each takes arbitrary bytes and must return (reading them or reporting an
/// error) without trapping, hanging or allocating without bound.
///
/// ```swift
/// FuzzTarget.runFile.run(Data("{\"format\":\"bnlab-run\"}\n".utf8))
/// ```
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A run file: read, exported in every table and rendered as `bnlab show` does, and
    /// summarized as `bnlab runs` lists it (from its header and tail, or streamed).
    case runFile = "run-file"
    /// An experiment file: decoded and every variant resolved.
    case experiment
    /// A golden file: decoded, validated and, when valid, every case run.
    case golden
    /// An IDX file (raw or gzip): read as images and as labels.
    case idx
    /// A safetensors file: decoded, re-encoded, read as a checkpoint and loaded into a small
    /// BatchNorm network that then trains one batch (``FuzzTarget/safetensors(_:)``).
    case safetensors

    /// Feeds `data` to the target's reader. Errors are expected; only traps are bugs.
    public func run(_ data: Data) {
        switch self {
        case .runFile: Self.runFile(data)
        case .experiment: Self.experiment(data)
        case .golden: Self.golden(data)
        case .idx: Self.idx(data)
        case .safetensors: Self.safetensors(data)
        }
    }

    private static func runFile(_ data: Data) {
        runSummary(data)
        guard let run = try? RunReader.read(data: data, file: "fuzz.jsonl") else { return }
        for table in RunExporter.Table.allCases { _ = RunExporter.csv(run, table: table) }
        _ = try? RunExporter.json(run)
        _ = RunReport(runs: [run], unicode: true, width: 60).render()
        _ = run.summary
    }

    /// The listing's summary of `data`: from the header and the last 64 KiB, and again from a
    /// 256-byte tail, cut mid-file as a large run's is (or streamed when the tail lacks the end).
    private static func runSummary(_ data: Data) {
        guard let url = scratchFile(data) else { return }
        _ = try? RunSummaryReader.summary(contentsOf: url)
        _ = try? RunSummaryReader.summary(contentsOf: url, tailBytes: 256)
    }

    private static func experiment(_ data: Data) {
        guard let text = String(data: data, encoding: .utf8),
              let spec = try? ExperimentLoader.decode(yaml: text, file: "fuzz.yaml") else { return }
        _ = try? spec.plans()
    }

    private static func golden(_ data: Data) {
        guard let file = try? JSONDecoder().decode(GoldenFile.self, from: data) else { return }
        guard (try? file.validate(path: "fuzz.json")) != nil else { return }
        _ = ParityRunner().run(file)
    }

    /// One scratch file per process, for the readers that read from a path (IDX, run summaries).
    nonisolated(unsafe) private static var scratch: URL?

    /// The scratch file holding `data`, or nil when it cannot be written. Written with stdio:
    /// `Data.write` syncs the file to disk, which on a busy disk took most of each input's time.
    private static func scratchFile(_ data: Data) -> URL? {
        if scratch == nil {
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bnlab-fuzz-\(getpid())")
        }
        guard let url = scratch, let file = fopen(url.path, "wb") else { return nil }
        let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        return fclose(file) == 0 && written == data.count ? url : nil
    }

    private static func idx(_ data: Data) {
        guard let url = scratchFile(data) else { return }
        _ = try? IDXReader.readImages(at: url)
        _ = try? IDXReader.readLabels(at: url)
    }
}
