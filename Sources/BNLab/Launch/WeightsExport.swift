import BNCore
import Foundation

/// Writes a run's checkpoint out as a plain state dict (`bnlab export RUN --weights FILE`).
public enum WeightsExport {
    /// Finds the run's last checkpoint (or the one of epoch `epoch`), checks its SHA-256, and
    /// writes its model tensors (no optimizer or resume tensors) to `url`. Returns its event.
    @discardableResult
    public static func write(_ run: RunFile, checkpoint epoch: Int?, to url: URL) throws -> CheckpointEvent {
        let name = run.url?.lastPathComponent ?? "run file"
        let events = run.events.compactMap { e -> CheckpointEvent? in
            if case .checkpoint(let c) = e { return c } else { return nil }
        }
        let chosen = epoch.map { n in events.last { $0.epoch == n } } ?? events.last
        guard let event = chosen else {
            let known = events.compactMap(\.epoch).map(String.init).joined(separator: ", ")
            throw CheckpointError(file: name,
                problem: epoch.map { "has no checkpoint of epoch \($0)" + (known.isEmpty ? "" : " (epochs: \(known))") }
                    ?? "names no checkpoint",
                hint: "runs save one at the end and on Ctrl-C; set record.checkpoint_every for per-epoch ones")
        }
        let folder = run.url?.deletingLastPathComponent() ?? URL(fileURLWithPath: ".")
        let bytes: Data
        do { bytes = try Data(contentsOf: folder.appendingPathComponent(event.file)) } catch {
            throw CheckpointError(file: event.file, problem: "named by \(name) cannot be read (\(FileProblem.describe(error)))",
                                  hint: "keep checkpoints beside their run file")
        }
        if let sha = event.sha256, SHA256.hex(bytes) != sha.lowercased() {
            throw CheckpointError(file: event.file, problem: "does not match the sha256 in \(name)",
                                  hint: "the checkpoint changed after it was saved; restore it")
        }
        let checkpoint = Checkpoint(file: try SafeTensorsFile(decoding: bytes, file: event.file))
        let metadata = ["format": "pt", "bnlab.source": event.file, "bnlab.step": "\(event.step)"]
        try SafeTensorsFile(stateDict: checkpoint.modelState, metadata: metadata).write(url)
        return event
    }
}
