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
                hint: run.header.config == nil
                    ? "this run was written by another program (\(run.header.bnlabVersion.isEmpty ? "no bnlab config" : run.header.bnlabVersion)), which saves no bnlab checkpoints: its weights are that program's own (e.g. torch.save)"
                    : "runs save one at the end and on Ctrl-C; set record.checkpoint_every for per-epoch ones")
        }
        let checkpoint = try Checkpoint.read(event, besideRunFile: run.url)
        let metadata = ["format": "pt", "bnlab.source": event.file, "bnlab.step": "\(event.step)"]
        try SafeTensorsFile(stateDict: checkpoint.modelState, metadata: metadata).write(url)
        return event
    }
}
