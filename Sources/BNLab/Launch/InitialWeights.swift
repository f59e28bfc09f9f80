import BNCore
import Foundation

/// Weights to start runs from (`bnlab run EXP --init FILE.safetensors`), checked against each
/// plan's model before anything runs.
public struct InitialWeights: Sendable {
    /// The plans whose model the weights fit.
    public var plans: [RunPlan]
    /// The plans left out, with the state-dict loader's report of why.
    public var skipped: [(variant: String, error: StateDictError)]
    /// The state dict (the file's tensors but optimizer and bnlab resume tensors).
    public var state: StateDict
    /// The `note` marker each run gets: `initial weights: FILE (sha256 …)`.
    public var note: String

    /// The hint when the file holds values no model may take (a counter out of range or F32).
    public static let invalidValuesHint = "num_batches_tracked must be one I64 integer in 0 … 2^53, as PyTorch's state_dict() holds it"

    /// Reads `path` and checks every key against each plan's model (missing, unexpected and
    /// mis-shaped keys, as `load_state_dict` reports them). Throws when no plan fits.
    public static func load(_ path: String, for plans: [RunPlan]) throws -> InitialWeights {
        let url = URL(fileURLWithPath: path)
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw SafeTensorsError(file: url.lastPathComponent, problem: "cannot be read (\(FileProblem.describe(error)))",
                                   hint: "check the path given to --init")
        }
        let file = try SafeTensorsFile(decoding: bytes, file: url.lastPathComponent)
        let state = file.stateDict(excludingPrefixes: [Checkpoint.optimizerPrefix, Checkpoint.bnlabPrefix])
        var fitting: [RunPlan] = [], skipped: [(String, StateDictError)] = []
        for plan in plans {
            let model = try ModelBuilder.build(plan.model, rng: RandomSource(seed: plan.seed))
            do {
                try model.network.loadStateDict(state)
                fitting.append(plan)
            } catch let error as StateDictError {
                skipped.append((plan.variant, error))
            }
        }
        guard !fitting.isEmpty else {
            let invalid = skipped.contains { !$0.1.invalid.isEmpty }
            throw CheckpointError(file: url.lastPathComponent,
                problem: "fits no variant's model: " + skipped.map { "\($0.0): \($0.1)" }.joined(separator: " | "),
                hint: invalid ? invalidValuesHint
                    : "save the state dict of the same nn.Sequential the experiment builds (scripts/bnlab-to-torch.py prints it)")
        }
        return InitialWeights(plans: fitting, skipped: skipped, state: state,
                              note: "initial weights: \(url.lastPathComponent) (sha256 \(SHA256.hex(bytes)))")
    }
}
