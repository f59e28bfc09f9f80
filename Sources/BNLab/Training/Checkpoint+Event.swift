import BNCore
import Foundation

extension Checkpoint {
    /// Reads the checkpoint a `checkpoint` event of the run file at `runFile` names (relative to
    /// its folder), refusing it when its SHA-256 differs from the event's.
    public static func read(_ event: CheckpointEvent, besideRunFile runFile: URL?) throws -> Checkpoint {
        let name = runFile?.lastPathComponent ?? "the run file"
        let folder = runFile?.deletingLastPathComponent() ?? URL(fileURLWithPath: ".")
        let bytes: Data
        do { bytes = try Data(contentsOf: folder.appendingPathComponent(event.file)) } catch {
            throw CheckpointError(file: event.file, problem: "named by \(name) cannot be read (\(FileProblem.describe(error)))",
                                  hint: "keep checkpoints beside their run file")
        }
        if let sha = event.sha256, SHA256.hex(bytes) != sha.lowercased() {
            throw CheckpointError(file: event.file, problem: "does not match the sha256 in \(name) (it changed after it was saved)",
                                  hint: "restore the original file, or start a new run from it with --init")
        }
        return Checkpoint(file: try SafeTensorsFile(decoding: bytes, file: event.file))
    }
}
