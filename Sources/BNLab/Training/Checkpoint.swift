import BNCore
import Foundation

/// A run's checkpoint: a safetensors file whose tensors are the model's state dict under
/// PyTorch's keys, plus what resuming needs under reserved prefixes (docs/checkpoints.md):
///
/// | name | what |
/// |---|---|
/// | `0.weight`, `2.running_mean`, `2.num_batches_tracked`, … | the model (F32; I64 counters) |
/// | `optimizer.state.<i>.<field>` | the optimizer's state of the i-th trained parameter (PyTorch's index and names, ``OptimizerState``) |
/// | `bnlab.grad.<key>` | gradients accumulated in an unfinished accumulation group |
/// | `bnlab.probe.previous` | the probe's last eval-mode output (for its drift) |
///
/// `__metadata__` holds `format` (`bnlab-checkpoint`), `step`, `epoch`, `reason`, `run_file`
/// and `bnlab.position` (a ``TrainingPosition`` as JSON).
public struct Checkpoint: Sendable, Equatable {
    /// The file's contents.
    public var file: SafeTensorsFile

    /// The metadata key of the training position.
    public static let positionKey = "bnlab.position"
    /// The prefix of the optimizer's tensors.
    public static let optimizerPrefix = "optimizer.state."
    /// The prefix of bnlab's own resume tensors.
    public static let bnlabPrefix = "bnlab."
    /// The prefix of partially accumulated gradients.
    public static let gradPrefix = "bnlab.grad."
    /// The name of the probe's previous output.
    public static let probeKey = "bnlab.probe.previous"

    /// A checkpoint of `file`'s contents.
    public init(file: SafeTensorsFile) { self.file = file }

    /// Reads (and validates) a checkpoint file.
    public static func read(_ url: URL) throws(SafeTensorsError) -> Checkpoint {
        Checkpoint(file: try SafeTensorsFile.read(url))
    }

    /// The model's state dict: every tensor but the optimizer's and bnlab's own.
    public var modelState: StateDict {
        file.stateDict(excludingPrefixes: [Self.optimizerPrefix, Self.bnlabPrefix])
    }

    /// The training position, or an error saying why it is missing, unreadable or out of range
    /// (``TrainingPosition/checkRanges(file:)``).
    public func position(file name: String) throws(CheckpointError) -> TrainingPosition {
        guard let text = file.metadata[Self.positionKey] else {
            throw CheckpointError(file: name, problem: "has no \(Self.positionKey) metadata, so it cannot be resumed",
                                  hint: "resume from a checkpoint bnlab wrote for this run, or start a new run with --init")
        }
        let position: TrainingPosition
        do {
            position = try JSONDecoder().decode(TrainingPosition.self, from: Data(text.utf8))
            guard position.rngWords != nil else { throw CheckpointError(file: name, problem: "", hint: "") }
        } catch {
            throw CheckpointError(file: name, problem: "its \(Self.positionKey) metadata is not a valid training position",
                                  hint: TrainingPosition.damagedHint)
        }
        try position.checkRanges(file: name)
        return position
    }
}
